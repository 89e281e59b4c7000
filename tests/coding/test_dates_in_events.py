"""Event dates through the whole coder, resolved against the publication date (DESIGN.md, "Dates").

The default publication date, 2024-05-15, is a Wednesday.
"""
from __future__ import annotations

import datetime as dt

import pytest

D = dt.date


def wrong(reason):
    return pytest.mark.xfail(reason=reason, strict=True)


def event_of(events, root, sentence_index=None):
    found = [e for e in events if e.root == root and (sentence_index is None or e.sentence_index == sentence_index)]
    assert found, f"no {root} event in {[(e.cameo, e.sentence_index) for e in events]}"
    return found[0]


# (text, publication date, root of the event, acceptable dates, precision)
DATE_CASES = [
    pytest.param("Russian missiles struck Kharkiv on Tuesday.", "2024-05-15", "19", {D(2024, 5, 14)}, "day",
                 id="on-tuesday"),
    pytest.param("Russian missiles struck Kharkiv on Wednesday.", "2024-05-15", "19", {D(2024, 5, 15)}, "day",
                 id="on-weekday-of-publication"),
    pytest.param("Russian missiles struck Kharkiv on Tuesday.", "2024-05-14", "19", {D(2024, 5, 14)}, "day",
                 id="on-tuesday-published-tuesday"),
    pytest.param("Russian forces shelled Kherson on Sunday.", "2024-05-15", "19", {D(2024, 5, 12)}, "day",
                 id="on-sunday"),
    pytest.param("Russian forces shelled Kherson on Saturday.", "2024-05-13", "19", {D(2024, 5, 11)}, "day",
                 id="on-saturday-published-monday"),
    pytest.param("Russian forces shelled Kherson on Saturday.", "2024-01-02", "19", {D(2023, 12, 30)}, "day",
                 id="weekday-across-new-year"),
    pytest.param("Israeli aircraft bombed Rafah overnight.", "2024-05-15", "19",
                 {D(2024, 5, 14), D(2024, 5, 15)}, "day", id="overnight"),
    pytest.param("Chinese coast guard ships blockaded a Philippine outpost late on Monday.", "2024-05-15", "19",
                 {D(2024, 5, 13), D(2024, 5, 14)}, "day", id="late-on-monday"),
    pytest.param("Israeli jets bombed Gaza late on Monday.", "2024-05-15", "19",
                 {D(2024, 5, 13), D(2024, 5, 14)}, "day", id="late-on-monday-bombed"),
    pytest.param("Russian forces shelled Kherson on Tuesday night.", "2024-05-15", "19",
                 {D(2024, 5, 14), D(2024, 5, 15)}, "day", id="tuesday-night"),
    pytest.param("Iran launched drones at Israel yesterday.", "2024-05-15", "19", {D(2024, 5, 14)}, "day",
                 id="yesterday"),
    pytest.param("Two days ago, Russian forces shelled Kherson.", "2024-05-15", "19", {D(2024, 5, 13)}, "day",
                 id="two-days-ago"),
    pytest.param("A day earlier, Russian forces had shelled the port city of Kherson.", "2024-05-15", "19",
                 {D(2024, 5, 14)}, "day", id="a-day-earlier"),
    pytest.param("India and China held talks in Beijing on March 3.", "2024-05-15", "04", {D(2024, 3, 3)}, "day",
                 id="month-day"),
    pytest.param("India and China held talks in Beijing on Jan. 3.", "2024-05-15", "04", {D(2024, 1, 3)}, "day",
                 id="abbreviated-month"),
    pytest.param("Russian forces shelled Kherson on Dec. 30.", "2024-01-02", "19", {D(2023, 12, 30)}, "day",
                 id="month-day-of-last-year"),
    pytest.param("Iran and Iraq signed a security pact on January 3, 2020.", "2024-05-15", "05", {D(2020, 1, 3)},
                 "day", id="full-date"),
    pytest.param("Ukraine was invaded by Russia in February 2022.", "2024-05-15", "19", {D(2022, 2, 1)}, "month",
                 id="month-year"),
    pytest.param("The United States imposed sanctions on Iran in 2019.", "2024-05-15", "16", {D(2019, 1, 1)},
                 "year", id="year"),
    pytest.param("Egypt hosted Qatari mediators in Cairo last month.", "2024-05-15", "04", {D(2024, 4, 1)},
                 "month", id="last-month"),
    pytest.param("China expelled a Japanese diplomat earlier this month.", "2024-05-15", "16", {D(2024, 5, 1)},
                 "month", id="earlier-this-month"),
    pytest.param("Russian forces shelled the city of Kherson.", "2024-05-15", "19", {D(2024, 5, 15)}, "published",
                 id="no-time-expression"),
    pytest.param("The European Union imposed sanctions on Belarus.", "2023-11-30", "16", {D(2023, 11, 30)},
                 "published", id="no-time-expression-other-date"),
]


@pytest.mark.parametrize("text, published, root, dates, precision", DATE_CASES)
def test_event_date(code, text, published, root, dates, precision):
    event = event_of(code(text, published=published), root)
    assert event.date.date in dates
    assert event.date.precision == precision
    assert event.to_dict()["date"] in {d.isoformat() for d in dates}
    assert event.to_dict()["date_precision"] == precision


def test_last_week_falls_in_the_previous_week(code):
    event = event_of(code("Turkey expelled a Swedish diplomat last week."), "16")
    assert D(2024, 5, 6) <= event.date.date <= D(2024, 5, 12)
    assert event.date.precision != "published"


def test_background_date_belongs_to_its_own_event(code):
    text = ("Russian forces shelled Kherson on Monday, killing two people. "
            "The two countries last held talks in Istanbul in March 2022. "
            "Russia invaded Ukraine on February 24, 2022.")
    events = code(text)
    shelling = event_of(events, "19", sentence_index=0)
    talks = event_of(events, "04", sentence_index=1)
    invasion = event_of(events, "19", sentence_index=2)
    assert (shelling.date.date, shelling.date.precision) == (D(2024, 5, 13), "day")
    assert (talks.date.date, talks.date.precision) == (D(2022, 3, 1), "month")
    assert (invasion.date.date, invasion.date.precision) == (D(2022, 2, 24), "day")


def test_date_of_one_sentence_does_not_leak_to_an_undated_one(code):
    events = code("Russian forces shelled Kherson on Tuesday. Ukraine condemned the attack on Sunday. "
                  "The European Union imposed sanctions on Belarus.")
    assert event_of(events, "19").date.date == D(2024, 5, 14)
    assert event_of(events, "11").date.date == D(2024, 5, 12)
    sanctions = event_of(events, "16", sentence_index=2)
    assert (sanctions.date.date, sanctions.date.precision) == (D(2024, 5, 15), "published")


def test_two_events_two_dates_in_one_sentence(code):
    events = code("Russia invaded Ukraine on February 24, 2022, and Ukrainian forces shelled Donetsk on Monday.")
    dates = {(e.source.country, e.date.date) for e in events if e.root == "19"}
    assert ("RUS", D(2022, 2, 24)) in dates
    assert ("UKR", D(2024, 5, 13)) in dates


def test_a_day_earlier_than_the_previous_event(code):
    events = code("Ukraine shot down a Russian jet on Tuesday. Russian forces had shelled Kherson a day earlier.")
    shelling = [e for e in events if e.root == "19" and e.sentence_index == 1]
    assert shelling and shelling[0].date.date == D(2024, 5, 13)


def test_iso_timestamp_publication(coder):
    events = coder.code("Russian missiles struck Kharkiv on Monday.", published="2024-05-15T08:30:00+02:00",
                        include_all=False)
    assert event_of(events, "19").date.date == D(2024, 5, 13)


def test_without_publication_date(coder):
    relative = coder.code("Russian forces shelled Kherson on Tuesday.", published=None, include_all=False)
    explicit = coder.code("India and China held talks in Beijing on March 3, 2024.", published=None,
                          include_all=False)
    undated = coder.code("Russian forces shelled Kherson.", published=None, include_all=False)
    assert event_of(relative, "19").date is None
    assert (event_of(explicit, "04").date.date, event_of(explicit, "04").date.precision) == (D(2024, 3, 3), "day")
    assert event_of(undated, "19").date is None
    assert event_of(undated, "19").to_dict()["date"] is None


def test_same_text_other_publication_date(code):
    a = event_of(code("Russian missiles struck Kharkiv on Tuesday.", published="2024-05-15"), "19")
    b = event_of(code("Russian missiles struck Kharkiv on Tuesday.", published="2024-05-22"), "19")
    assert (a.date.date, b.date.date) == (D(2024, 5, 14), D(2024, 5, 21))


def test_a_date_describing_another_noun_dates_only_that_noun(code):
    events = code("Aliyev and Pashinyan signed a joint appeal to the OSCE to dissolve its Minsk Group, the body "
                  "created in the 1990s to mediate over Nagorno-Karabakh.", published="2025-08-09")
    assert {(e.date.date, e.date.precision) for e in events if e.root == "02"} == {(D(2025, 8, 9), "published")}


def test_a_date_in_a_clause_joined_to_a_description_dates_only_that_clause(code):
    # "on Oct. 30" is when the marches were called for, in a clause joined to "which led the uprising"
    events = code("KHARTOUM, Oct 28 (wire) - Doctors and bank employees have joined strikes called by the Sudanese "
                  "Professionals Association, which led the 2019 uprising against Omar al-Bashir, and pro-democracy "
                  "groups have called for mass marches across the country on Oct. 30.", published="2021-10-28")
    strikes = [e for e in events if e.cameo == "142"]
    assert strikes and {(e.date.date, e.date.precision) for e in strikes} == {(D(2021, 10, 28), "published")}


def test_a_reported_clause_still_dates_the_report_of_it(code):
    [demand] = [e for e in code("Biden and Lula agreed in a phone call on Tuesday that Venezuela's electoral "
                                "authorities must release the voting data, the White House said.",
                                published="2024-07-31") if e.root == "10"]
    assert demand.date.date == D(2024, 7, 30)


def test_the_nth_day_of_something_counts_from_when_the_article_said_it_began(code):
    story = ("BANGKOK, July 29 (wire) - The fighting, the worst between the neighbours in more than a decade, broke "
             "out on Thursday near ancient temples. Thai F-16 jets struck Cambodian military targets on the first "
             "day of fighting, and Cambodian rockets hit Thai border areas. Thai troops shelled Cambodian posts on "
             "the third day of fighting.")
    dates = {(e.source.country, e.date.date) for e in code(story, published="2025-07-29") if e.root == "19"}
    assert dates == {("THA", D(2025, 7, 24)), ("KHM", D(2025, 7, 24)), ("THA", D(2025, 7, 26))}
    # with no onset in the article, the phrase dates nothing
    [strike] = code("Thai F-16 jets struck Cambodian military targets on the first day of fighting.",
                    published="2025-07-29")
    assert strike.date.precision == "published"


def test_a_clause_after_n_days_keeps_its_own_date(code):
    events = code("The summit came two days after U.S. President Joe Biden hosted Zelensky at the White House on "
                  "Tuesday.", "2023-12-15")
    assert [e.date.date for e in events] == [dt.date(2023, 12, 12)]
    # without a date of its own, the clause is dated by the offset from the main clause
    [strike, rockets] = code("Israel struck Gaza on Monday, two days after Hamas fired rockets at Tel Aviv.",
                             "2023-12-15")
    assert (strike.date.date, rockets.date.date) == (dt.date(2023, 12, 11), dt.date(2023, 12, 9))


def test_a_date_ahead_of_which_an_act_happens_is_not_the_acts_date(code):
    # the meeting is on Aug. 4; the agreement was made on the day of the report
    [agreed] = code("Thai and Cambodian commanders agreed to keep lines of communication open ahead of a meeting of "
                    "the General Border Committee on Aug. 4.", "2025-07-29")
    assert agreed.date.precision == "published" and agreed.date.date == dt.date(2025, 7, 29)
    [met] = code("Thai and Cambodian commanders met on Monday ahead of a summit.", "2025-07-29")
    assert met.date.date == dt.date(2025, 7, 28)


def test_an_act_done_in_a_call_takes_the_calls_date(code):
    # "agreed in a call lasting almost two hours on Monday": the date describes the call the act was done in
    events = code("Macron and Putin also agreed in a call lasting almost two hours on Monday that the situation "
                  "had to be de-escalated.", "2021-11-16")
    assert {e.date.date for e in events if e.root in ("03", "04")} == {D(2021, 11, 15)}


HEADLINE_STORY = """Congo and Rwanda sign U.S.-brokered peace deal; Trump warns of "severe penalties"

WASHINGTON, June 28 (Reuters) - The foreign ministers of Congo and Rwanda signed a peace agreement in Washington \
on Friday, and President Donald Trump warned both governments of "very severe penalties" if it was broken.

Rwanda's foreign minister said on Saturday that the deal would hold."""


def test_an_undated_headline_act_takes_the_day_of_the_same_act_in_the_lead(code, coder):
    events = code(HEADLINE_STORY, "2025-06-28")
    headline = [e for e in events if e.sentence_index == 0 and e.root == "13"]
    assert headline and {(e.date.date, e.date.precision) for e in headline} == {(D(2025, 6, 27), "day")}
    assert all("+date.headline-from-lead.v1" in e.rule for e in headline)
    # switched off, the headline keeps the publication date
    from newsevents.coding.pipeline import Coder

    off = Coder(nlp=coder.nlp, disabled_rules=["date.headline-from-lead.v1"])
    assert {e.date.precision for e in off.code(HEADLINE_STORY, "2025-06-28") if e.sentence_index == 0
            and e.root == "13"} == {"published"}


def test_a_date_still_to_come_does_not_date_a_past_act(code):
    # "elections in July 2023" date the elections promised, not the emergency declared before publication
    events = code("Burhan dissolved the government, declared a nationwide state of emergency in Sudan and promised in "
                  "a televised address to hold elections in July 2023.", "2021-10-28")
    declared = event_of(events, "17")
    assert declared.date.date <= D(2021, 10, 28)


def test_a_date_naming_a_thing_does_not_date_the_sentences_other_acts(code):
    # "the November election" is when the election was held, not when the emergency was declared
    events = code("Myanmar's army declared a one-year state of emergency on Monday, citing fraud in the November "
                  "election that the NLD won.", "2021-02-02")
    assert event_of(events, "17").date.date == D(2021, 2, 1)
    events = code("Myanmar's army declared a one-year state of emergency, citing fraud in the November election.",
                  "2021-02-02")
    assert event_of(events, "17").date.precision == "published"
    # an act in a clause right after the dated noun is that noun's ("Trump's July 25 call when he asked")
    asked = code("Sondland will face questions about Trump's July 25 call when he asked Ukraine's president for "
                 "investigations.", "2019-11-20")
    assert [e.date.date for e in asked if e.source.country == "USA" and e.root == "02"] == [D(2019, 7, 25)]


def test_a_date_in_an_appositive_dates_the_description_not_the_act(code):
    events = code("India, the island's largest creditor this year, said it stood with the people of Sri Lanka.",
                  "2022-07-10")
    assert [(e.cameo, e.date.date, e.date.precision) for e in events] == [("010", D(2022, 7, 10), "published")]
    met = code("Lula, the president since January, met Biden in Washington.", "2023-11-10")
    assert {e.date.precision for e in met} == {"published"}


def test_a_date_in_a_clause_that_looks_ahead_dates_no_other_act(code):
    events = code("The Arab League condemned the Turkish offensive and said it would hold an emergency meeting on "
                  "Saturday.", "2019-10-10")
    assert events and {str(e.date.date) for e in events} == {"2019-10-10"}
    # the sentence's own date still dates it
    events = code("The Arab League condemned the Turkish offensive on Saturday and said it would meet.", "2019-10-10")
    assert events and {str(e.date.date) for e in events} == {"2019-10-05"}
