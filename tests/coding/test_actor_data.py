"""Checks on the actor dictionaries in newsevents/coding/data (read here with a small local parser)."""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pycountry
import pytest

DATA = Path(__file__).resolve().parents[2] / "src" / "newsevents" / "coding" / "data"

ROLES = {"GOV", "MIL", "LEG", "JUD", "COP", "REB", "OPP", "CVL", "BUS", "MED", "IGO", "NGO", "SPY"}
EXTRA_ISO3 = {"PSE", "TWN", "XKX"}
HEADERS = {
    "countries.tsv": ["iso3", "name", "variants", "adjectives", "people", "capitals"],
    "leaders.tsv": ["name", "aliases", "country", "role", "title", "start", "end"],
    "groups.tsv": ["group", "country", "role", "aliases"],
    "offices.tsv": ["term", "country", "role", "note"],
    "roles.tsv": ["term", "role", "note"],
}
# Brussels stands for the EU (groups.tsv), so Belgium deliberately has no capital metonym.
NO_CAPITAL = {"BEL"}


def read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    rows = []
    for number, cells in enumerate(reader, start=2):
        assert len(cells) == len(header), f"{name}: data row {number} has {len(cells)} cells: {cells}"
        rows.append(dict(zip(header, cells)))
    return header, rows


def valid_iso3(code: str) -> bool:
    return code in EXTRA_ISO3 or pycountry.countries.get(alpha_3=code) is not None


def terms(cell: str) -> list[str]:
    return [t for t in cell.split("|") if t]


def key(term: str) -> str:
    return term.removeprefix("=").lower()


def date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.fixture(scope="module")
def groups() -> list[dict[str, str]]:
    return read("groups.tsv")[1]


@pytest.fixture(scope="module")
def leaders() -> list[dict[str, str]]:
    return read("leaders.tsv")[1]


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_header_and_provenance(name):
    text = (DATA / name).read_text(encoding="utf-8")
    assert text.startswith("#"), f"{name} must open with a provenance comment block"
    header, rows = read(name)
    assert header == HEADERS[name]
    assert rows


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_cells_are_clean(name):
    _, rows = read(name)
    for row in rows:
        for column, cell in row.items():
            assert cell == cell.strip(), f"{name}: stray whitespace in {column}: {cell!r}"
            for term in terms(cell):
                assert term == term.strip() and term.removeprefix("="), f"{name}: bad term {term!r} in {row}"


def test_countries():
    _, rows = read("countries.tsv")
    seen = set()
    for row in rows:
        iso = row["iso3"]
        assert valid_iso3(iso), iso
        assert iso not in seen, f"duplicate country {iso}"
        seen.add(iso)
        assert any(key(t) == row["name"].lower() for t in terms(row["variants"])), f"{iso}: name not in variants"
        assert terms(row["capitals"]) or iso in NO_CAPITAL, f"{iso} has no capital"
    sovereign = {"USA", "RUS", "CHN", "GBR", "FRA", "UKR", "ISR", "IRN", "COD", "COG", "VAT", "PSE", "TWN", "XKX"}
    assert sovereign <= seen
    assert len(seen) >= 197


def test_country_terms_are_unambiguous():
    _, rows = read("countries.tsv")
    owner: dict[str, str] = {}
    for row in rows:
        for column in ("variants", "adjectives", "people", "capitals"):
            for term in terms(row[column]):
                previous = owner.setdefault(key(term), row["iso3"])
                assert previous == row["iso3"], f"{term!r} belongs to both {previous} and {row['iso3']}"


def test_groups(groups):
    codes = [row["group"] for row in groups]
    assert len(codes) == len(set(codes))
    required = {"EU", "NATO", "UN", "AU", "ASEAN", "OPEC", "IAEA", "HAMAS", "HEZBOLLAH", "HOUTHI", "TALIBAN",
                "ISIL", "AL_QAEDA"}
    assert required <= set(codes)
    for row in groups:
        assert row["group"].replace("_", "").isalnum() and row["group"].isupper(), row["group"]
        assert row["role"] in ROLES, row
        assert row["country"] == "" or valid_iso3(row["country"]), row
        assert terms(row["aliases"]), row
    homes = {row["group"]: row["country"] for row in groups}
    assert (homes["HAMAS"], homes["HEZBOLLAH"], homes["HOUTHI"], homes["TALIBAN"]) == ("PSE", "LBN", "YEM", "AFG")


def test_leaders(leaders, groups):
    group_codes = {row["group"] for row in groups}
    for row in leaders:
        where = f"{row['name']} ({row['title']})"
        country = row["country"]
        if country in group_codes:
            assert row["role"] == "", f"{where}: a group leader carries the group code and no role"
        else:
            assert valid_iso3(country), f"{where}: bad country {country!r}"
            assert row["role"] in ROLES, f"{where}: bad role {row['role']!r}"
        start = date(row["start"]) if row["start"] else None
        end = date(row["end"]) if row["end"] else None
        if start and end:
            assert start <= end, where
    assert len(leaders) >= 500


def test_leader_rows_are_not_repeated(leaders):
    seen = set()
    for row in leaders:
        ident = (row["name"], row["country"], row["title"], row["start"])
        assert ident not in seen, f"repeated row {ident}"
        seen.add(ident)


def test_leader_aliases_name_one_person(leaders):
    owner: dict[str, str] = {}
    for row in leaders:
        for term in [row["name"], *terms(row["aliases"])]:
            previous = owner.setdefault(key(term), row["name"])
            assert previous == row["name"], f"{term!r} names both {previous} and {row['name']}"


def test_leaders_cover_sixty_countries_since_2015(leaders):
    window_start, window_end = dt.date(2015, 1, 1), dt.date(2026, 12, 31)
    covered = set()
    for row in leaders:
        if not valid_iso3(row["country"]) or not row["role"]:
            continue
        start = date(row["start"]) if row["start"] else dt.date.min
        end = date(row["end"]) if row["end"] else dt.date.max
        if start <= window_end and end >= window_start:
            covered.add(row["country"])
    assert len(covered) >= 60, sorted(covered)


def test_offices():
    _, rows = read("offices.tsv")
    seen = set()
    for row in rows:
        assert valid_iso3(row["country"]), row
        assert row["role"] in ROLES, row
        # a term may stand for several countries' offices ("Congress"), each once
        assert (key(row["term"]), row["country"]) not in seen, f"duplicate office term {row['term']!r}"
        seen.add((key(row["term"]), row["country"]))
    assert len(rows) >= 100


def test_roles():
    _, rows = read("roles.tsv")
    seen = set()
    for row in rows:
        assert row["role"] in ROLES, row
        assert row["term"] == row["term"].lower(), f"role terms are lower-case lemmas: {row['term']!r}"
        assert row["term"] not in seen, f"duplicate role term {row['term']!r}"
        seen.add(row["term"])
        assert row["note"], row
    expected = {"forces": "MIL", "troops": "MIL", "officials": "GOV", "police": "COP", "rebels": "REB",
                "protesters": "CVL", "lawmakers": "LEG", "court": "JUD", "journalists": "MED",
                "intelligence": "SPY", "company": "BUS", "opposition": "OPP", "aid group": "NGO"}
    table = {row["term"]: row["role"] for row in rows}
    assert {term: table.get(term) for term in expected} == expected


def test_terms_do_not_cross_files(groups):
    """A term may name one kind of thing only: a country, a group or an office (one office may be several
    countries', "Congress": which one the story's country says)."""
    owner: dict[str, str] = {}

    def claim(term: str, what: str) -> None:
        previous = owner.setdefault(key(term), what)
        assert previous == what or (previous.startswith("office ") and what.startswith("office ")), \
            f"{term!r} is both {previous} and {what}"

    for row in read("countries.tsv")[1]:
        for column in ("variants", "adjectives", "people", "capitals"):
            for term in terms(row[column]):
                claim(term, f"country {row['iso3']}")
    for row in groups:
        for term in terms(row["aliases"]):
            claim(term, f"group {row['group']}")
    for row in read("offices.tsv")[1]:
        claim(row["term"], f"office {row['country']}{row['role']}")


# The countries whose heads of state and government and foreign ministers leaders.tsv covers from 2000.
COVERED_FROM_2000 = ("USA GBR FRA DEU RUS CHN JPN IND PAK AFG IRN IRQ SYR ISR PSE EGY SAU TUR LBY LBN JOR YEM SDN SSD "
                     "ETH KEN NGA ZAF COD RWA UKR GEO BLR KOR PRK VEN COL BRA MEX CUB ITA ESP POL IDN PHL THA MMR "
                     "BGD LKA").split()
HEAD_TITLES = ("President", "Prime Minister", "Premier", "Chancellor", "King", "Queen", "Emperor", "Supreme Leader",
               "Chief Executive", "Chairman of the", "General Secretary", "Leader of")


def test_leaders_cover_heads_of_state_or_government_from_2000(leaders):
    """Each country of the 2000-2014 extension has a head of state or government in office mid-2005 (South Sudan,
    independent in 2011, mid-2012)."""
    def heads_on(country: str, day: dt.date) -> list[str]:
        return [row["name"] for row in leaders
                if row["country"] == country and row["role"] == "GOV" and row["title"].startswith(HEAD_TITLES)
                and "Vice" not in row["title"]
                and (not row["start"] or date(row["start"]) <= day) and (not row["end"] or day <= date(row["end"]))]

    missing = [country for country in COVERED_FROM_2000
               if not heads_on(country, dt.date(2012, 6, 1) if country == "SSD" else dt.date(2005, 6, 1))]
    assert not missing, missing
    assert heads_on("PAK", dt.date(2005, 6, 1)) == ["Pervez Musharraf", "Shaukat Aziz"]
    assert heads_on("GBR", dt.date(2005, 6, 1)) == ["Tony Blair", "Elizabeth II"]


@pytest.fixture(scope="module")
def actor_dictionary():
    from newsevents.coding.lexicon.actors import ActorDictionary
    return ActorDictionary.load(lambda text: text.split())


def leader_on(dictionary, text: str, day: dt.date):
    """The first actor the dictionary finds in `text` (whitespace tokens) on `day`, as (name, country, role, group)."""
    from collections import namedtuple
    token = namedtuple("Token", "text i")
    found = dictionary.find_mentions([token(word, i) for i, word in enumerate(text.split())], day)
    assert found, f"nothing found in {text!r} on {day}"
    entry = found[0].entries[0]
    return entry.name, entry.country, entry.role, entry.group


def test_dated_leaders_from_2000_resolve_on_their_dates(actor_dictionary):
    d = actor_dictionary
    assert leader_on(d, "President Musharraf said", dt.date(2007, 6, 1)) == ("Pervez Musharraf", "PAK", "GOV", None)
    # out of office: still a Pakistani, no longer the government
    assert leader_on(d, "Musharraf said", dt.date(2015, 6, 1)) == ("Pervez Musharraf", "PAK", None, None)
    assert leader_on(d, "Condoleezza Rice said", dt.date(2002, 6, 1))[1:3] == ("USA", "GOV")
    assert leader_on(d, "Kofi Annan said", dt.date(2003, 3, 1))[3] == "UN"
    assert leader_on(d, "Saakashvili said", dt.date(2008, 8, 10))[:3] == ("Mikheil Saakashvili", "GEO", "GOV")
