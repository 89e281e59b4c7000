"""The date stage: time expressions in news sentences, resolved against the publication date."""
from __future__ import annotations

import datetime as dt

import pytest

from newsevents.coding.dates import DateMention, find_date_mentions, resolve_weekday
from newsevents.model import EventDate

D = dt.date.fromisoformat


def only(text: str, published: str | None, reference: str | None = None) -> DateMention:
    mentions = find_date_mentions(text, published and D(published), reference and D(reference))
    assert len(mentions) == 1, mentions
    return mentions[0]


def check_spans(text: str, mentions: list[DateMention]) -> None:
    end = 0
    for m in mentions:
        assert m.text == text[m.start:m.end]
        assert m.start >= end  # in order, no overlaps
        end = m.end
        if m.date is not None:
            assert isinstance(m.date, EventDate)
            assert m.date.text == m.text
            assert m.date.precision in ("day", "month", "year")


# --- weekdays ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("published, text, span, expected", [
    ("2024-10-26", "Israeli aircraft struck military targets in Iran early on Saturday in retaliation.",
     "early on Saturday", "2024-10-26"),
    ("2023-02-07", "Greece sent a team of firefighters, rescuers and doctors to southern Turkey on Monday.",
     "on Monday", "2023-02-06"),
    ("2023-03-21", "Xi Jinping and Vladimir Putin held formal talks in the Kremlin on Tuesday.",
     "on Tuesday", "2023-03-21"),
    ("2018-10-16", "Turkish investigators entered the Saudi consulate in Istanbul late on Monday to search it.",
     "late on Monday", "2018-10-15"),
    ("2020-06-17", "Indian and Chinese troops fought a hand-to-hand clash in the Galwan Valley on Monday night.",
     "on Monday night", "2020-06-15"),
    ("2001-12-03", "Two Palestinian suicide bombers killed 10 people late Saturday in Jerusalem, police said.",
     "late Saturday", "2001-12-01"),
    ("2024-07-30", "Their governments questioned the official result of Sunday's presidential election.",
     "Sunday's", "2024-07-28"),
    ("2017-04-07", "U.S. warships fired 59 Tomahawk cruise missiles at a Syrian air base early on Friday.",
     "early on Friday", "2017-04-07"),
    ("2023-03-30", "Russia's FSB said on Thursday morning it had detained Wall Street Journal reporter Evan "
     "Gershkovich.", "on Thursday morning", "2023-03-30"),
    ("2024-01-25", "The White House said Wednesday it would send more air defence systems to Kyiv.",
     "Wednesday", "2024-01-24"),
    ("2024-01-23", "Police said the suspect had been arrested last Tuesday in Marseille.",
     "last Tuesday", "2024-01-16"),
    ("2024-01-25", "Police said the suspect had been arrested last Tuesday in Marseille.",
     "last Tuesday", "2024-01-23"),
    ("2024-01-25", "The two leaders will meet next Tuesday in Geneva.", "next Tuesday", "2024-01-30"),
    ("2024-06-26", "Late on Tuesday, Defence Minister Aden Duale announced the deployment of the army.",
     "Late on Tuesday", "2024-06-25"),
])
def test_weekdays(published, text, span, expected):
    m = only(text, published)
    assert (m.text, m.date.date, m.date.precision, m.kind) == (span, D(expected), "day", "absolute")
    assert text[m.start:m.end] == span
    assert not m.approximate


@pytest.mark.parametrize("text", [
    "Thousands marched in Londonderry to mark the anniversary of Bloody Sunday.",
    "The Sunday Times reported that the minister would resign.",
    "The Good Friday Agreement ended decades of violence in Northern Ireland.",
])
def test_weekday_names_that_are_not_dates(text):
    assert find_date_mentions(text, D("2024-01-25")) == []


@pytest.mark.parametrize("weekday, published, expected", [
    (1, "2023-03-21", "2023-03-21"),  # a Tuesday on a Tuesday: the same day
    (0, "2023-03-21", "2023-03-20"),
    (2, "2023-03-21", "2023-03-15"),
    (6, "2022-11-20", "2022-11-20"),
    (5, "2024-01-01", "2023-12-30"),  # across a year boundary
])
def test_resolve_weekday(weekday, published, expected):
    assert resolve_weekday(weekday, D(published)) == D(expected)


# --- relative to the publication date ----------------------------------------------------------------------

@pytest.mark.parametrize("published, text, span, expected, precision, approximate", [
    ("2022-11-20", "Turkish warplanes struck Kurdish militant bases in northern Syria and Iraq overnight.",
     "overnight", "2022-11-19", "day", False),
    ("2023-05-03", "Russia accused Ukraine of trying to kill Putin with an overnight drone attack.",
     "overnight", "2023-05-02", "day", False),
    ("2000-06-10", "Israeli troops remained on alert in the occupied West Bank today.", "today", "2000-06-10",
     "day", False),
    ("2000-06-10", "The foreign minister will fly to Cairo tonight for talks.", "tonight", "2000-06-10", "day",
     False),
    ("2000-06-10", "Rebels shelled the airport this morning, witnesses said.", "this morning", "2000-06-10",
     "day", False),
    ("2000-06-10", "Lt. Gen. Prosper Avril resigned yesterday to allow elections to take place.", "yesterday",
     "2000-06-09", "day", False),
    ("2000-06-10", "Yesterday's talks ended without agreement.", "Yesterday's", "2000-06-09", "day", False),
    ("2000-06-10", "The two sides met the day before yesterday in Nairobi.", "the day before yesterday",
     "2000-06-08", "day", False),
    ("2000-06-10", "The hostages were seized two days ago near the border.", "two days ago", "2000-06-08",
     "day", False),
    ("2000-06-10", "The rebels took the town three weeks ago.", "three weeks ago", "2000-05-20", "day", False),
    ("2000-06-10", "Five hundred Ugandan rebels surrendered last week in the eastern town of Soroti.",
     "last week", "2000-06-03", "day", True),
    ("2024-06-26", "Embassies had said in a joint statement earlier this week that they were concerned.",
     "earlier this week", "2024-06-26", "day", True),
    ("2024-01-25", "NATO began its largest military exercise in decades this week.", "this week", "2024-01-25",
     "day", True),
    ("2024-01-29", "Protesters clashed with police over the weekend in the capital.", "over the weekend",
     "2024-01-27", "day", True),
    ("2024-01-28", "The minister said at the weekend that talks would resume.", "at the weekend", "2024-01-27",
     "day", True),
    ("2000-06-10", "Afghan guerrillas blew up three power lines leading into Kabul last month.", "last month",
     "2000-05-01", "month", False),
    ("2024-01-05", "Afghan guerrillas blew up three power lines leading into Kabul last month.", "last month",
     "2023-12-01", "month", False),
    ("2024-10-26", "Israel struck in retaliation for Tehran's missile attack earlier this month.",
     "earlier this month", "2024-10-01", "month", False),
    ("2023-03-28", "He was detained in Beijing this month, the ministry said.", "this month", "2023-03-01",
     "month", False),
    ("2000-06-10", "Vietnamese-led forces retook a village that guerrillas overran late last month.",
     "late last month", "2000-05-01", "month", False),
    ("2000-06-10", "The United States continued to send arms to Pakistan last year.", "last year", "1999-01-01",
     "year", False),
    ("2024-06-10", "Prices have risen sharply earlier this year.", "earlier this year", "2024-01-01", "year",
     False),
    ("2000-06-10", "Idi Amin expelled them 18 years ago.", "18 years ago", "1982-01-01", "year", False),
    ("2000-06-10", "A state of emergency was imposed six months ago after tribal clashes.", "six months ago",
     "1999-12-01", "month", False),
    ("2025-03-14", "The leaders plan to meet later this month in Khujand.", "later this month", "2025-03-01",
     "month", False),
    ("2024-06-25", "Diplomats said such a ban was unlikely before next year.", "next year", "2025-01-01", "year",
     False),
    ("2000-06-10", "The talks will resume tomorrow in Geneva.", "tomorrow", "2000-06-11", "day", False),
])
def test_relative_to_publication(published, text, span, expected, precision, approximate):
    m = only(text, published)
    assert (m.text, m.date.date, m.date.precision, m.approximate, m.kind) == (
        span, D(expected), precision, approximate, "absolute")


# --- explicit dates ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("published, text, span, expected, precision", [
    ("2024-01-05", "Soleimani was killed by a U.S. drone strike near Baghdad airport on January 3, 2020.",
     "on January 3, 2020", "2020-01-03", "day"),
    ("2024-01-05", "Soleimani was killed by a U.S. drone strike near Baghdad airport on Jan. 3, 2020, on the "
     "orders of Donald Trump.", "on Jan. 3, 2020", "2020-01-03", "day"),
    ("2024-01-05", "Soleimani was killed on 3 January 2020 in Baghdad.", "on 3 January 2020", "2020-01-03",
     "day"),
    ("2018-10-16", "Jamal Khashoggi disappeared after entering the building on Oct. 2.", "on Oct. 2",
     "2018-10-02", "day"),
    ("2018-06-28", "Trump and Putin will hold a summit in the Finnish capital Helsinki on July 16.",
     "on July 16", "2018-07-16", "day"),
    ("2024-01-05", "The ship was seized on Dec. 28 in the Red Sea.", "on Dec. 28", "2023-12-28", "day"),
    ("2023-12-28", "The ceasefire is due to take effect on Jan. 3.", "on Jan. 3", "2024-01-03", "day"),
    ("2019-05-31", "Trump said the United States would impose a 5 percent tariff on all goods from Mexico "
     "from June 10.", "June 10", "2019-06-10", "day"),
    ("2023-10-10", "Hamas gunmen attacked southern Israel on 7 October, killing about 1,200 people.",
     "on 7 October", "2023-10-07", "day"),
    ("2024-05-22", "He said the decision rewarded Hamas for the Oct. 7, 2023 attack on southern Israel.",
     "Oct. 7, 2023", "2023-10-07", "day"),
    ("2024-05-22", "The ministry published the figures on 2024-03-05.", "on 2024-03-05", "2024-03-05", "day"),
    ("2000-01-01", "Turkish police prevented the demonstration on 15th of October near AKP offices.",
     "on 15th of October", "1999-10-15", "day"),
    ("2020-04-08", "Syrian jets dropped sarin and chlorine on Ltamenah in three attacks in March 2017.",
     "in March 2017", "2017-03-01", "month"),
    ("2024-12-24", "Israel killed Hamas leader Ismail Haniyeh in Tehran in July.", "in July", "2024-07-01",
     "month"),
    ("2024-02-10", "The group seized the town in March.", "in March", "2023-03-01", "month"),
    ("2024-03-15", "Protests erupted in March.", "in March", "2024-03-01", "month"),
    ("2024-03-15", "Serbia eased emergency measures in the province, the scene of violence last March.",
     "last March", "2023-03-01", "month"),
    ("2024-05-15", "Serbia eased emergency measures in the province, the scene of violence last March.",
     "last March", "2024-03-01", "month"),
    ("2024-06-26", "Cherizier launched coordinated attacks on police stations in late February.",
     "in late February", "2024-02-01", "month"),
    ("2024-02-03", "Militias have attacked U.S. troops more than 160 times since mid-October.",
     "since mid-October", "2023-10-01", "month"),
    ("2023-08-24", "The junta has ruled the country in 2019 and since.", "in 2019", "2019-01-01", "year"),
    ("2021-01-05", "The signing ended a boycott of Doha that began in mid-2017.", "in mid-2017", "2017-01-01",
     "year"),
    ("2025-08-09", "The two countries fought another war in late 2023.", "in late 2023", "2023-01-01", "year"),
    ("2018-07-09", "The two neighbours fought a border war from 1998 to 2000.", "from 1998 to 2000",
     "1998-01-01", "year"),
    ("2024-01-29", "The three countries have been run by soldiers since coups between 2020 and 2023.",
     "between 2020 and 2023", "2020-01-01", "year"),
    ("2000-01-01", "The investigation covers crimes committed during the 1991-1995 Serbo-Croatian conflict.",
     "during the 1991-1995", "1991-01-01", "year"),
    ("2000-01-01", "The judge ordered an inquiry into illegal arms sales in the 1990s.", "in the 1990s",
     "1990-01-01", "year"),
    ("2024-01-25", "Berlin plans to station a brigade in Lithuania by 2027.", "by 2027", "2027-01-01", "year"),
    ("2024-06-19", "Beijing's sweeping claims were rejected on July 12, 2016 by a tribunal in The Hague.",
     "on July 12, 2016", "2016-07-12", "day"),
])
def test_explicit_dates(published, text, span, expected, precision):
    m = only(text, published)
    assert (m.text, m.date.date, m.date.precision, m.kind) == (span, D(expected), precision, "absolute")


def test_several_explicit_dates_in_one_sentence():
    text = "The United States vetoed draft resolutions on Oct. 18, 2023, Dec. 8, 2023 and Feb. 20, 2024."
    mentions = find_date_mentions(text, D("2024-03-26"))
    check_spans(text, mentions)
    assert [m.date.date for m in mentions] == [D("2023-10-18"), D("2023-12-08"), D("2024-02-20")]


# --- clause-relative and reference-relative expressions ----------------------------------------------------

@pytest.mark.parametrize("text, span, offset, approximate", [
    ("French President Emmanuel Macron visited Beirut on Thursday, two days after a massive explosion "
     "devastated the Lebanese capital's port.", "two days after", -2, False),
    ("India expelled Pakistani military advisers on Wednesday, a day after gunmen killed 26 people in "
     "Indian-administered Kashmir.", "a day after", -1, False),
    ("Turkey's defence ministry said on Sunday, a week after a bomb attack in Istanbul that Ankara blamed on "
     "Kurdish militants.", "a week after", -7, False),
    ("India launched missile strikes early on Wednesday, two weeks after a militant attack killed 26 people.",
     "two weeks after", -14, False),
    ("China began two days of drills around Taiwan on Thursday, three days after Lai Ching-te was sworn in.",
     "three days after", -3, False),
    ("The strikes came hours after Pakistan's special envoy held talks in Kabul.", "hours after", 0, False),
    ("Mexico had granted Glas political asylum only hours before the raid.", "only hours before", 0, False),
    ("Italy suspended air links with Serbia on Wednesday, one day after a Serbian army jet shot down a "
     "helicopter.", "one day after", -1, False),
    ("The opposition called a strike three days before the election.", "three days before", 3, False),
    ("Troops massed on the border days before the invasion.", "days before", 2, True),
    ("Israel launched a ground invasion of southern Lebanon on Oct. 1, 2024, days after an airstrike killed "
     "Hassan Nasrallah.", "days after", -2, True),
    ("The ceasefire collapsed 48 hours after it took effect.", "48 hours after", -2, False),
    ("He was arrested the day after the protest.", "the day after", -1, False),
    ("The council met nearly a month after soldiers overthrew the president.", "nearly a month after", -30,
     True),
])
def test_clause_relative(text, span, offset, approximate):
    mentions = [m for m in find_date_mentions(text, D("2024-06-26")) if m.kind == "relative"]
    assert len(mentions) == 1, mentions
    m = mentions[0]
    assert (m.text, m.date, m.offset_days, m.approximate) == (span, None, offset, approximate)
    assert text[m.start:m.end] == span


@pytest.mark.parametrize("text, reference, span, expected", [
    ("Israel reimposed blockades following the shooting deaths of two Israelis a day earlier.", None,
     "a day earlier", "2024-10-01"),
    ("Israel was weighing how to respond to the missiles Iran fired at it the previous evening.", None,
     "the previous evening", "2024-10-01"),
    ("Ministers met again the previous day.", "2024-09-20", "the previous day", "2024-09-19"),
    ("Police had searched the house the day before.", None, "the day before", "2024-10-01"),
    ("The Pentagon announced a $1 billion package of weapons for Kyiv hours later.", None, "hours later",
     "2024-10-02"),
    ("U.S. President Joe Biden said the same day that he would not support a strike.", None, "the same day",
     "2024-10-02"),
    ("The bodies were found a day later.", "2024-09-20", "a day later", "2024-09-21"),
    ("Rescuers reached the village two days later.", None, "two days later", "2024-10-04"),
    ("The talks resumed the next day.", "2024-09-30", "the next day", "2024-10-01"),
    ("Later that day, the army imposed a curfew.", "2024-09-20", "Later that day", "2024-09-20"),
    ("Hasina called the protesters terrorists that day.", "2024-09-20", "that day", "2024-09-20"),
    ("The junta retaliated that night by closing its borders.", "2024-09-20", "that night", "2024-09-20"),
])
def test_relative_to_reference(text, reference, span, expected):
    m = only(text, "2024-10-02", reference)
    assert (m.text, m.date.date, m.date.precision, m.kind) == (span, D(expected), "day", "absolute")


# --- things that are not dates -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "South Korean and U.S. forces began 11 days of combined military exercises, known as Freedom Shield.",
    "Cuba and the United States formally restored diplomatic relations after a break of 54 years.",
    "Modi and Xi held their first formal bilateral talks in five years, meeting in Kazan.",
    "Trump would decide within the next two weeks whether to strike Iran.",
    "It was the second day of Xi's three-day state visit to Moscow.",
    "The bombing killed 13 U.S. service members and scores of Afghans.",
    "Biden signed a $95 billion foreign aid package that includes about $61 billion for Ukraine.",
    "Trump said he would impose a 5 percent tariff on all goods from Mexico.",
    "Iran said Resolution 2231 would expire as planned.",
    "The country will be free of debt in five years.",
    "He served as foreign minister for five years before joining the opposition.",
    "The Israeli army lifted a day-old blockade on Palestinian lorries.",
    "The rebels have fought the government for 24 hours without a pause.",
    "Prime Minister Theresa May said it was highly likely that Russia was responsible.",
    "Former U.N. aid chief Jan Egeland said the situation was desperate.",
    "He was held for two days before being released.",
    "The party won the seat by 2000 votes.",
    "Hackers defaced nearly 3,000 Danish web sites over the past month.",
    "Syria withdrew after fifteen years of military occupation.",
    "Finland will give Tanzania 580 million shillings over the next three years.",
    "The Federal Minister allowed the rally after an agreement on a violence-free demonstration.",
])
def test_no_mention(text):
    assert find_date_mentions(text, D("2024-01-25")) == []


def test_a_range_is_one_mention():
    text = "Ethiopia and Eritrea fought a border war from 1998 to 2000."
    assert [m.text for m in find_date_mentions(text, D("2018-07-09"))] == ["from 1998 to 2000"]


# --- without a publication date ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Soleimani was killed near Baghdad airport on January 3, 2020.", ("2020-01-03", "day")),
    ("Soleimani was killed on 3 January 2020.", ("2020-01-03", "day")),
    ("Three attacks in March 2017 used sarin.", ("2017-03-01", "month")),
    ("The group resurfaced in 2021.", ("2021-01-01", "year")),
    ("The figures were published on 2024-03-05.", ("2024-03-05", "day")),
])
def test_without_publication_date_explicit_years_resolve(text, expected):
    m = only(text, None)
    assert (m.date.date.isoformat(), m.date.precision) == expected


@pytest.mark.parametrize("text", [
    "Russian forces launched a full-scale invasion of Ukraine on Thursday.",
    "Lt. Gen. Prosper Avril resigned yesterday.",
    "Trump and Putin will hold a summit in Helsinki on July 16.",
    "Israel killed Haniyeh in Tehran in July.",
    "Five hundred rebels surrendered last week.",
    "The hostages were seized two days ago.",
    "The bodies were found a day later.",
])
def test_without_publication_date_others_give_nothing(text):
    assert find_date_mentions(text, None) == []


def test_without_publication_date_clause_relative_still_found():
    m = only("Macron visited Beirut, two days after a massive explosion devastated the port.", None)
    assert (m.kind, m.date, m.offset_days) == ("relative", None, -2)


# --- whole sentences and speed -----------------------------------------------------------------------------

NEWS = [
    ("2022-11-20", "Turkish warplanes struck Kurdish militant bases in northern Syria and northern Iraq overnight, "
     "Turkey's defence ministry said on Sunday, a week after a bomb attack in Istanbul that Ankara blamed on "
     "Kurdish militants.", ["2022-11-19", "2022-11-20", -7]),
    ("2024-10-02", "Israel was weighing on Wednesday how to respond to the barrage of ballistic missiles Iran fired "
     "at it the previous evening.", ["2024-10-02", "2024-10-01"]),
    ("2016-01-04", "Saudi Arabia severed diplomatic relations with Iran on Sunday after protesters stormed its "
     "embassy in Tehran late on Saturday.", ["2016-01-03", "2016-01-02"]),
    ("2025-08-09", "The two countries fought a war over Nagorno-Karabakh in the early 1990s, and another in late "
     "2020 that ended with a Russian-brokered truce on Nov. 10, 2020.", ["1990-01-01", "2020-01-01",
                                                                          "2020-11-10"]),
    ("2025-01-28", "M23 fighters entered the city centre overnight into Monday and seized the airport.",
     ["2025-01-27", "2025-01-27"]),
    ("2024-04-14", "Iran's Revolutionary Guards described the barrage as retaliation for the April 1 strike on "
     "Iran's consular building in Damascus.", ["2024-04-01"]),
]


@pytest.mark.parametrize("published, text, expected", NEWS)
def test_whole_sentences(published, text, expected):
    mentions = find_date_mentions(text, D(published))
    check_spans(text, mentions)
    got = [m.offset_days if m.kind == "relative" else m.date.date.isoformat() for m in mentions]
    assert got == expected
