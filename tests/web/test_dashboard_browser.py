"""The dashboard in a real headless Chromium, over the sample corpus coded by the real Coder.

Each test opens one view, checks that it shows data (charts drawn, map shaded, evidence highlighted, code
box answered) and that the page fetched nothing from outside this server and logged no errors, and saves a
screenshot to test-artifacts/. The overview also goes to docs/img/dashboard.png for the README when that
file is missing or NEWSEVENTS_UPDATE_SCREENSHOTS=1.

Needs Debian's `chromium` and `chromium-driver` (apt-get install -y --no-install-recommends chromium
chromium-driver); the tests are skipped only when /usr/bin/chromium is absent.
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from project_paths import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = ROOT / "test-artifacts"
README_SHOT = ROOT / "docs" / "img" / "dashboard.png"
WAIT_S = 60

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium "
                                                               "chromium-driver)")


@pytest.fixture(scope="module")
def server(sample_db, coder):
    """uvicorn serving the app over the sample store, on a free localhost port, in a background thread."""
    import uvicorn

    from newsevents.web.api import create_app

    app = create_app(sample_db, coder_factory=lambda: coder)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    uv = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    uv.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-default-apps", "--disable-sync", "--no-first-run", "--lang=en-GB"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(WAIT_S)
    ARTIFACTS.mkdir(exist_ok=True)
    yield driver
    driver.quit()


def open_view(browser, server, view: str) -> None:
    browser.get("about:blank")  # a new page load, not just a new hash
    browser.get(f"{server}/#{view}")


def wait_state(browser, selector: str, states=("ready",)) -> str:
    """Wait until the element's data-state is one of `states` (the dashboard sets it when a view is drawn)."""
    from selenium.webdriver.support.ui import WebDriverWait

    def reached(driver):
        state = driver.execute_script("const n = document.querySelector(arguments[0]); "
                                      "return n ? n.dataset.state : null;", selector)
        if state == "error":
            raise AssertionError(f"{selector}: " + driver.find_element("css selector", selector).text)
        return state if state in states else False

    return WebDriverWait(browser, WAIT_S).until(reached, f"{selector} never reached {states}")


def count(browser, selector: str) -> int:
    return browser.execute_script("return document.querySelectorAll(arguments[0]).length;", selector)


def check_page_health(browser, server: str) -> None:
    """Nothing fetched from outside this server, and no errors on the console (CSP violations included)."""
    urls = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name);")
    assert urls and all(u.startswith(server) or u.startswith("data:") for u in urls), urls
    errors = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []


def screenshot(browser, name: str) -> Path:
    path = ARTIFACTS / f"{name}.png"
    browser.save_screenshot(str(path))
    return path


def test_overview_charts_show_data(browser, server):
    open_view(browser, server, "overview")
    wait_state(browser, "#timeline-chart")
    wait_state(browser, "#dyads-chart")
    wait_state(browser, "#alerts-list", ("ready", "empty"))
    assert int(browser.find_element("css selector", "#timeline-chart").get_attribute("data-points")) > 5
    assert count(browser, "#timeline-chart .barlayer .point path") > 5
    assert count(browser, "#dyads-chart .barlayer .point path") >= 10
    assert "events per" in browser.find_element("css selector", "#timeline-chart .g-ytitle").text
    assert count(browser, "#timeline-chart .legend .traces") == 4
    check_page_health(browser, server)
    shot = screenshot(browser, "overview")
    if not README_SHOT.exists() or os.environ.get("NEWSEVENTS_UPDATE_SCREENSHOTS") == "1":
        README_SHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, README_SHOT)


def test_overview_alerts_list_their_events(browser, server):
    open_view(browser, server, "overview")
    wait_state(browser, "#alerts-list", ("ready", "empty"))
    form = browser.find_element("css selector", "#alerts-form")
    for name, value in (("min_count", "1"), ("max_p", "1"), ("window_days", "30")):
        field = form.find_element("name", name)
        field.clear()
        field.send_keys(value)
    form.find_element("css selector", "button").click()
    wait_state(browser, "#alerts-list")
    assert count(browser, "#alerts-list .alert") >= 1
    browser.execute_script("document.querySelector('#alerts-list').scrollIntoView();")
    screenshot(browser, "overview-alerts")
    browser.find_element("css selector", "#alerts-list .alert li").click()
    wait_state(browser, "#evidence-body")
    assert count(browser, "#evidence-body .mention") >= 1
    check_page_health(browser, server)


def test_dyad_can_be_chosen(browser, server):
    from selenium.webdriver.support.ui import Select

    open_view(browser, server, "dyad")
    wait_state(browser, "#series-chart")
    picker = Select(browser.find_element("css selector", "#dyad-pick"))
    choices = [o.get_attribute("value") for o in picker.options if o.get_attribute("value")]
    assert len(choices) >= 5
    picker.select_by_value(choices[1])
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, WAIT_S).until(lambda d: f"({choices[1]})" in d.find_element(
        "css selector", "#series-title").text)
    wait_state(browser, "#series-chart")
    wait_state(browser, "#dyad-events")
    assert browser.current_url.endswith(f"#dyad/{choices[1]}")
    assert count(browser, "#series-chart .barlayer .point path") >= 1
    assert count(browser, "#series-chart .scatterlayer .point") >= 1  # the Goldstein means
    assert count(browser, "#dyad-events tbody tr") >= 1
    check_page_health(browser, server)
    screenshot(browser, "dyad")


def test_map_shades_countries(browser, server):
    open_view(browser, server, "map")
    wait_state(browser, "#map-chart")
    fills = browser.execute_script("return [...document.querySelectorAll('#map-chart path.choroplethlocation')]"
                                   ".map(p => getComputedStyle(p).fill);")
    assert len(fills) > 150  # every country drawn from the shipped GeoJSON
    shaded = [f for f in fills if f and f.replace(" ", "") != "rgb(233,236,239)"]
    assert len(shaded) >= 5
    assert "have a named place" in browser.find_element("css selector", "#map-note").text
    check_page_health(browser, server)
    screenshot(browser, "map")


def test_event_evidence_opens_with_highlights_and_link(browser, server):
    open_view(browser, server, "events?dyad=RUS:UKR")
    wait_state(browser, "#events-table")
    row = browser.find_element("css selector", "#events-table tbody tr")
    event_id = row.get_attribute("data-event-id")
    row.click()
    wait_state(browser, "#evidence-body")
    assert count(browser, "#evidence-body .sentence mark.hl-event") >= 1
    assert count(browser, "#evidence-body .sentence mark.hl-source") >= 1
    link = browser.find_element("css selector", "#evidence-body a.article-link")
    assert link.get_attribute("href").startswith("https://example.org/")
    assert link.get_attribute("rel") == "noopener noreferrer"
    import httpx

    event = httpx.get(f"{server}/api/events/{event_id}", timeout=10).json()
    assert link.get_attribute("href") == event["mentions"][0]["article"]["url"]
    check_page_health(browser, server)
    screenshot(browser, "evidence")


def test_non_asserted_mentions_are_labelled(browser, server):
    open_view(browser, server, "events?level=all&text=could")
    wait_state(browser, "#events-table")
    badges = {b.text for b in browser.find_elements("css selector", "#events-table tbody .badge")}
    assert badges & {"hypothetical", "negated", "future"}
    browser.find_element("css selector", "#events-table tbody tr").click()
    wait_state(browser, "#evidence-body")
    assert count(browser, "#evidence-body .badge") == 1
    check_page_health(browser, server)


def test_code_box_returns_events_with_modality(browser, server):
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.ui import WebDriverWait

    open_view(browser, server, "code")
    # the view is shown by script after the page loads: wait until the box takes typing (busy machines)
    WebDriverWait(browser, WAIT_S).until(ready.element_to_be_clickable(("css selector", "#code-form textarea, "
                                                                                      "#code-form [name=text]")))
    form = browser.find_element("css selector", "#code-form")
    form.find_element("name", "text").send_keys(
        "Russian forces shelled the Ukrainian city of Kharkiv on Tuesday, killing three people. "
        "Officials said Iran could strike Israel if provoked. China did not send troops to Taiwan.")
    form.find_element("css selector", "button[type=submit]").click()
    wait_state(browser, "#code-results")
    asserted = count(browser, "#code-results tr[data-modality=asserted]")
    left_out = count(browser, "#code-results tr[data-modality=hypothetical]") + count(
        browser, "#code-results tr[data-modality=negated]")
    assert asserted >= 1 and left_out >= 1
    assert "not stored as an event" in browser.find_element("css selector", "#code-results tbody").text
    assert count(browser, "#code-results mark.hl-event") >= 2
    check_page_health(browser, server)
    screenshot(browser, "code")


def test_events_view_downloads_as_csv(browser, server):
    """#11: "Download CSV" gives every row of the current view (not just the page), which pandas loads."""
    import io
    from urllib.parse import parse_qs, urlsplit

    import httpx
    import pandas as pd

    open_view(browser, server, "events?dyad=RUS:UKR")
    wait_state(browser, "#events-table")
    link = browser.find_element("css selector", "#events-csv")
    href = link.get_attribute("href")
    assert link.is_displayed() and link.get_attribute("download") is not None
    assert urlsplit(href).path == "/api/events.csv" and parse_qs(urlsplit(href).query)["dyad"] == ["RUS:UKR"]
    response = httpx.get(href, timeout=30)
    assert response.status_code == 200
    frame = pd.read_csv(io.StringIO(response.text), dtype={"event_id": str})
    total = httpx.get(f"{server}/api/events", params={"dyad": "RUS:UKR"}, timeout=10).json()["total"]
    assert len(frame) == total > 10                          # more than one page of the table
    assert set(frame["source_code"].str[:3]) | set(frame["target_code"].str[:3]) == {"RUS", "UKR"}
    check_page_health(browser, server)


def test_overview_opens_on_the_stored_period(browser, server):
    """#11: the overview starts on the period of the stored articles, not 1961 to today."""
    import httpx

    open_view(browser, server, "overview")
    wait_state(browser, "#timeline-chart")
    summary = httpx.get(f"{server}/api/summary", timeout=10).json()
    period = summary.get("default_period") or summary["published"]
    form = browser.find_element("css selector", "#overview-form")
    shown = (form.find_element("name", "from").get_attribute("value"),
             form.find_element("name", "to").get_attribute("value"))
    assert shown == (period["from"], period["to"])
    assert (period["from"], period["to"]) == (summary["published"]["from"], summary["published"]["to"])
    check_page_health(browser, server)
