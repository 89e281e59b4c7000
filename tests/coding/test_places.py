"""Tests for the gazetteer (newsevents.coding.lexicon.places)."""
from __future__ import annotations

import csv

import pycountry
import pytest

from newsevents.coding.lexicon import places
from newsevents.coding.lexicon.places import Gazetteer, normalize_key
from newsevents.model import Place


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _country(gaz: Gazetteer, name: str) -> str | None:
    place = gaz.lookup(name)
    assert place is not None, f"{name!r} not found"
    return place.country


# --------------------------------------------------------------------------- the brief's examples
@pytest.mark.parametrize("name, iso3", [
    ("Kharkiv", "UKR"), ("Kyiv", "UKR"), ("Kiev", "UKR"), ("Tehran", "IRN"), ("Al-Ula", "SAU"), ("AlUla", "SAU"),
    ("Yekaterinburg", "RUS"), ("Salisbury", "GBR"), ("Kazan", "RUS"), ("Seattle", "USA"), ("Istanbul", "TUR"),
    ("South Carolina", "USA"), ("Idlib", "SYR"), ("Idlib province", "SYR"), ("Ladakh", "IND"),
    ("the Galwan Valley", "IND"), ("Kashmir", "IND"), ("Golan Heights", "SYR"), ("Gaza", "PSE"),
    ("the Gaza Strip", "PSE"), ("West Bank", "PSE"), ("Crimea", "UKR"), ("Donbas", "UKR"), ("Donetsk", "UKR"),
    ("the Dnipro River", "UKR"), ("Guam", "USA"), ("Abu Dhabi", "ARE"), ("Seoul", "KOR"), ("Asmara", "ERI"),
    ("Beirut", "LBN"), ("Baghdad", "IRQ"),
])
def test_brief_examples(gaz, name, iso3):
    assert _country(gaz, name) == iso3


@pytest.mark.parametrize("name", ["the Pacific", "the Gulf", "South China Sea", "Taiwan Strait", "Red Sea",
                                  "Strait of Hormuz", "Black Sea", "Baltic Sea", "Sahel"])
def test_seas_and_areas_have_no_country_but_coordinates(gaz, name):
    place = gaz.lookup(name)
    assert place is not None
    assert place.country is None
    assert place.lat is not None and place.lon is not None


def test_kharkiv_coordinates(gaz):
    place = gaz.lookup("Kharkiv")
    assert place == Place(place.name, "UKR", place.lat, place.lon)
    assert place.name == "Kharkiv"
    assert place.lat == pytest.approx(49.99, abs=0.05)
    assert place.lon == pytest.approx(36.23, abs=0.05)


def test_kiev_is_kyiv(gaz):
    assert gaz.lookup("Kiev") == gaz.lookup("Kyiv")
    assert gaz.lookup("Kiev").name == "Kyiv"


# --------------------------------------------------------------------------- ambiguity
@pytest.mark.parametrize("name, iso3", [
    ("Paris", "FRA"), ("Washington", "USA"), ("Moscow", "RUS"), ("Tripoli", "LBY"), ("Birmingham", "GBR"),
    ("Georgia", "GEO"), ("Odessa", "UKR"), ("Odesa", "UKR"), ("Bethlehem", "PSE"), ("Rafah", "PSE"),
    ("Valencia", "ESP"), ("Hyderabad", "IND"), ("Jordan", "JOR"), ("Lebanon", "LBN"), ("Armenia", "ARM"),
    ("Mexico", "MEX"), ("Punjab", "PAK"), ("Azad Kashmir", "PAK"), ("Pakistan-administered Kashmir", "PAK"),
    ("Kurdistan", "IRQ"), ("Hamilton", "CAN"), ("Victoria", "AUS"), ("New York", "USA"), ("Newcastle", "GBR"),
])
def test_ambiguous_names_resolve_sensibly(gaz, name, iso3):
    assert _country(gaz, name) == iso3


def test_georgia_the_country_and_the_state(gaz):
    assert gaz.lookup("Georgia").name == "Georgia"
    assert gaz.lookup("Georgia").country == "GEO"
    assert gaz.lookup("the US state of Georgia").country == "USA"


def test_washington_is_the_capital_and_the_state_is_separate(gaz):
    dc = gaz.lookup("Washington")
    assert dc.lat == pytest.approx(38.9, abs=0.1) and dc.lon == pytest.approx(-77.04, abs=0.1)
    assert gaz.lookup("Washington state").lat == pytest.approx(47.4, abs=0.5)
    assert gaz.lookup("Washington, D.C.").country == "USA"


def test_capital_beats_a_same_named_smaller_city(gaz):
    # Georgetown (Guyana's capital) over Georgetown, Penang; Kingston (Jamaica) over Kingston, Ontario
    assert _country(gaz, "Georgetown") == "GUY"
    assert _country(gaz, "Kingston") == "JAM"


# --------------------------------------------------------------------------- words that are not places
@pytest.mark.parametrize("name", ["Police", "police", "March", "Of", "Hit", "Mobile", "Split", "Nice", "Bath",
                                  "Reading", "Most", "Bar", "Male", "Asia", "Sale", "Buy", "Best", "Union",
                                  "Progress", "Independence", "Liberty", "Mission", "Commerce", "Justice",
                                  "Opportunity", "Hope", "Alliance", "University", "Centre", "Center", "Deal",
                                  "Orange", "Lincoln", "Hamas", "Bush", "Duma", "Corona", "God", "Soul",
                                  "Monday", "May", "Army", "Court", "Lion", "Tall", "Kim", "Obama", "Rubio",
                                  "Vladimir", "Garcia", "Kong", "San", "States"])
def test_common_words_are_not_places(gaz, name):
    assert gaz.lookup(name) is None


def test_male_with_accent_is_the_maldives_capital(gaz):
    assert gaz.lookup("Malé").country == "MDV"
    assert gaz.lookup("Male") is None


@pytest.mark.parametrize("name", ["kharkiv", "paris", "syria", "gaza", "us", "Us", "UN", "EU", "IS"])
def test_single_lower_case_words_are_not_places(gaz, name):
    assert gaz.lookup(name) is None


@pytest.mark.parametrize("name", ["Aden", "Rafah", "Bristol", "Victoria", "Tyre", "Van"])
def test_kept_names(gaz, name):
    assert gaz.lookup(name) is not None


@pytest.mark.parametrize("name", ["", "   ", "the", "The", "Xyzzyville", "the Moon", "a", "."])
def test_unknown_and_empty(gaz, name):
    assert gaz.lookup(name) is None


# --------------------------------------------------------------------------- forms of names
@pytest.mark.parametrize("name, iso3", [
    ("the city of Kharkiv", "UKR"), ("Kharkiv city", "UKR"), ("Kursk region", "RUS"), ("Kursk oblast", "RUS"),
    ("Belgorod region", "RUS"), ("Donetsk region", "UKR"), ("Donetsk oblast", "UKR"), ("Aleppo province", "SYR"),
    ("Anbar province", "IRQ"), ("Kherson region", "UKR"), ("Zaporizhzhia", "UKR"), ("Zaporizhzhia region", "UKR"),
    ("Deir ez-Zor", "SYR"), ("Deir el-Zour province", "SYR"), ("northern Syria", "SYR"),
    ("eastern Ukraine", "UKR"), ("southern Lebanon", "LBN"), ("Ukraine's", "UKR"), ("Sana'a", "YEM"),
    ("Sanaa", "YEM"), ("Khan Younis", "PSE"), ("Jabalia", "PSE"), ("Kandahar", "AFG"), ("Hama", "SYR"),
    ("Raqqa", "SYR"), ("Fallujah", "IRQ"), ("Sao Paulo", "BRA"), ("São Paulo", "BRA"), ("Krakow", "POL"),
    ("Zurich", "CHE"), ("The Hague", "NLD"), ("Kharkov", "UKR"), ("Lugansk", "UKR"), ("Sloviansk", "UKR"),
    ("Bakhmut", "UKR"), ("Avdiivka", "UKR"), ("Mykolaiv", "UKR"), ("Chasiv Yar", "UKR"), ("Bombay", "IND"),
    ("Mecca", "SAU"), ("St. Petersburg", "RUS"), ("Kiryat Shmona", "ISR"), ("Jenin", "PSE"),
    ("KHARKIV", "UKR"), ("south carolina", "USA"), ("Washington, D.C.", "USA"), ("south-eastern Ukraine", "UKR"),
    ("northern Idlib province", "SYR"), ("Donetsk People's Republic", "UKR"), ("(Gaza)", "PSE"),
    ("the Kremlin", "RUS"), ("Frankfurt", "DEU"), ("Naypyidaw", "MMR"), ("Hatay", "TUR"),
])
def test_name_forms(gaz, name, iso3):
    assert _country(gaz, name) == iso3


def test_rafah_has_a_readable_name(gaz):
    # geonames writes "Rafaḩ"; the place name shown is plain ASCII
    assert gaz.lookup("Rafah").name == "Rafah"


def test_region_names_and_coordinates(gaz):
    strip = gaz.lookup("the Gaza Strip")
    assert strip.name == "Gaza Strip"
    assert strip.lat == pytest.approx(31.4, abs=0.2) and strip.lon == pytest.approx(34.4, abs=0.2)
    assert gaz.lookup("Idlib province").name == "Idlib Governorate"
    assert gaz.lookup("Idlib").name == "Idlib"  # the city


# --------------------------------------------------------------------------- countries
@pytest.mark.parametrize("name, iso3", [
    ("Syria", "SYR"), ("Iran", "IRN"), ("the United States", "USA"), ("United States", "USA"), ("US", "USA"),
    ("U.S.", "USA"), ("America", "USA"), ("Britain", "GBR"), ("the United Kingdom", "GBR"), ("UK", "GBR"),
    ("UAE", "ARE"), ("United Arab Emirates", "ARE"), ("Russia", "RUS"), ("South Korea", "KOR"),
    ("North Korea", "PRK"), ("Taiwan", "TWN"), ("Kosovo", "XKX"), ("Palestine", "PSE"), ("Burma", "MMR"),
    ("Ivory Coast", "CIV"), ("Côte d'Ivoire", "CIV"), ("DRC", "COD"), ("Democratic Republic of Congo", "COD"),
    ("Congo", "COD"), ("Republic of Congo", "COG"), ("Turkey", "TUR"), ("Türkiye", "TUR"), ("Vietnam", "VNM"),
    ("Laos", "LAO"), ("Czech Republic", "CZE"), ("the Netherlands", "NLD"), ("Georgia", "GEO"),
    ("Hong Kong", "HKG"), ("Saudi Arabia", "SAU"), ("the Philippines", "PHL"), ("Ukraine", "UKR"),
])
def test_country_of_name(gaz, name, iso3):
    assert gaz.country_of_name(name) == iso3


@pytest.mark.parametrize("name", ["Manila", "Kharkiv", "Gaza", "Idlib", "Kashmir", "the Pacific", "Police",
                                  "us", "syria", "Texas", "", "Guam", "England"])
def test_country_of_name_rejects_other_names(gaz, name):
    assert gaz.country_of_name(name) is None


def test_country_points(gaz):
    syr = gaz.country("SYR")
    assert syr.name == "Syria" and syr.country == "SYR"
    assert syr.lat == pytest.approx(35.0, abs=1.5) and syr.lon == pytest.approx(38.5, abs=1.5)
    assert gaz.country("usa").name == "United States"
    assert gaz.country("GBR").name == "United Kingdom"
    assert gaz.country("KOR").name == "South Korea"
    assert gaz.country("PSE").name == "Palestinian Territories"
    assert gaz.country("XKX").name == "Kosovo"
    assert gaz.country("TWN").name == "Taiwan"
    assert gaz.country("ZZZ") is None
    assert gaz.country("") is None


def test_country_lookup_gives_the_country_point(gaz):
    assert gaz.lookup("Syria") == gaz.country("SYR")
    assert gaz.lookup("the United States") == gaz.country("USA")


def test_every_iso_country_has_a_point(gaz):
    for c in pycountry.countries:
        place = gaz.country(c.alpha_3)
        assert place is not None, c.alpha_3
        assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180


def test_country_points_are_inside_their_countries_roughly(gaz):
    # a country's point lies within 1,500 km of one of its own cities (catches swapped signs or digits)
    import json
    import math

    with (places._geonames_dir() / "cities15000.json").open(encoding="utf-8") as fh:
        cities = json.load(fh)
    with (places._geonames_dir() / "countries.json").open(encoding="utf-8") as fh:
        iso3_of = {iso2: info["iso3"] for iso2, info in json.load(fh).items()}
    by_country: dict[str, list[tuple[float, float]]] = {}
    for city in cities.values():
        by_country.setdefault(iso3_of.get(city["countrycode"], ""), []).append((city["latitude"], city["longitude"]))

    def km(a, b):
        p = math.pi / 180
        cos = (math.sin(a[0] * p) * math.sin(b[0] * p)
               + math.cos(a[0] * p) * math.cos(b[0] * p) * math.cos((a[1] - b[1]) * p))
        return 6371 * math.acos(max(-1.0, min(1.0, cos)))

    far = []
    for iso3, pts in by_country.items():
        place = gaz.country(iso3)
        if place is None:
            continue
        nearest = min(km((place.lat, place.lon), pt) for pt in pts)
        if nearest > 1500:
            far.append((iso3, round(nearest)))
    assert far == []


# --------------------------------------------------------------------------- data files
def _rows(name):
    with places._data_path(name).open(encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_data_files_have_provenance_headers():
    for name in ("regions.tsv", "country_points.tsv", "place_stopwords.txt"):
        head = places._data_path(name).read_text(encoding="utf-8").splitlines()[0]
        assert head.startswith("#"), name


def test_regions_table_is_well_formed(gaz):
    rows = _rows("regions.tsv")
    assert len(rows) >= 200
    known = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    names = set()
    for row in rows:
        assert set(row) == {"name", "aliases", "country", "lat", "lon", "note"}, row
        assert row["name"].strip(), row
        country = row["country"].strip()
        assert not country or country in known, row
        lat, lon = float(row["lat"]), float(row["lon"])
        assert -90 <= lat <= 90 and -180 <= lon <= 180, row
        keys = {normalize_key(name) for name in [row["name"], *row["aliases"].split(";")] if name.strip()}
        for key in keys:
            assert key not in names, f"region name {key!r} used twice"
            assert key not in gaz._stop, f"region name on the stop list: {key!r}"
        names |= keys
    # no region silently shadows a country name
    assert not (names & set(gaz._country_keys))


def test_every_region_resolves_to_its_row(gaz):
    for row in _rows("regions.tsv"):
        place = gaz.lookup(row["name"])
        assert place is not None, row["name"]
        assert place.name == row["name"].strip(), row["name"]
        assert place.country == (row["country"].strip() or None), row["name"]


def test_country_points_table_is_well_formed():
    rows = _rows("country_points.tsv")
    assert len(rows) == len(pycountry.countries) + 1  # + XKX
    assert len({r["iso3"] for r in rows}) == len(rows)
    for row in rows:
        assert row["name"].strip() and "," not in row["name"], row


def test_country_names_are_not_stop_words(gaz):
    assert not [k for k in gaz._country_keys if k in gaz._stop]


def test_curated_city_aliases_all_resolve(gaz):
    missing = [alias for alias in places._CITY_ALIASES if gaz.lookup(alias) is None]
    assert missing == []


# --------------------------------------------------------------------------- design rules and speed
def test_no_module_level_instance():
    # the module holds only immutable tables; every load() builds a fresh instance
    assert not any(isinstance(v, Gazetteer) for v in vars(places).values())
    assert Gazetteer.load() is not Gazetteer.load()


def test_places_are_immutable_and_serialisable(gaz):
    place = gaz.lookup("Kharkiv")
    with pytest.raises(AttributeError):
        place.country = "RUS"  # type: ignore[misc]
    assert place.to_dict() == {"name": "Kharkiv", "country": "UKR", "lat": place.lat, "lon": place.lon}


def test_where_the_people_acted_on_came_from_is_not_where_it_happened(code):
    [detained] = code("Police detained citizens from Honduras in Madrid on Monday.", "2022-04-21")
    assert detained.location is not None and detained.location.country == "ESP"
    # with no other place, their origin does not say where they were detained, nor by whom
    assert not [e for e in code("Citizens from El Salvador and Honduras were detained on Monday.", "2022-04-21")
                if e.source.country == "SLV"]


def test_a_person_named_with_a_role_is_no_place(code):
    [detained] = code("Russian police detained Wall Street Journal reporter Evan Gershkovich.", "2023-03-30")
    assert detained.location is None or detained.location.name != "Wall Street"
    [struck] = code("Israel struck Rafah.", "2024-05-15")
    assert struck.location.country == "PSE"


def test_a_town_in_a_country_is_more_specific_than_a_sea_named_as_a_modifier(code):
    # "a Gulf Arab summit in the Saudi town of Al-Ula": the summit was in Saudi Arabia, not on the Persian Gulf
    [event] = code("Saudi Arabia and its allies signed a declaration with Qatar at a Gulf Arab summit in the Saudi "
                   "town of Al-Ula on Tuesday.", "2021-01-05")
    assert event.location is not None and event.location.country == "SAU"


def test_a_time_clause_does_not_borrow_the_main_clauses_place(code):
    text = ("The last direct talks between the two sides were held in Istanbul on March 29, 2022, weeks after "
            "Russia launched its full-scale invasion.")
    invasion = [e for e in code(text, "2025-05-16") if e.root == "19"]
    assert invasion and all(e.location is None or e.location.country != "TUR" for e in invasion)
    assert all(e.target is None or e.target.country != "TUR" for e in invasion)


def test_people_killed_by_a_strike_on_a_place_are_of_that_place(code):
    killed_on_gaza = code("An Israeli strike on Gaza killed 20 people on Saturday.", "2024-01-10")
    [killed] = [e for e in killed_on_gaza if e.root == "19"]
    assert (killed.source.country, killed.target.code) == ("ISR", "PSECVL")
    russian = code("A Russian missile strike on Kharkiv killed 10 people on Saturday.", "2024-01-10")
    assert {e.target.code for e in russian if e.rule.startswith("builtin:kill")} == {"UKRCVL"}


def test_where_people_are_carried_off_to_is_neither_target_nor_place(code):
    [abducted] = code("Russian forces abducted Ukrainian children to Russia.")
    assert (abducted.target.country, abducted.root) == ("UKR", "18")
    assert abducted.location is None or abducted.location.country != "RUS"


def test_a_conjoined_participle_shares_the_main_clauses_place(code):
    events = code("Russian forces struck a busy hypermarket in Kharkiv with two guided aerial bombs on Saturday, "
                  "killing at least 12 people and wounding 43.", "2024-05-26")
    assert {(e.target.code, e.root) for e in events if e.root == "18"} == {("UKRCVL", "18")}


def test_a_bases_country_is_its_owner_not_where_it_stands(code):
    protest = code("Thousands of people protested outside the French military base in Niamey.", "2023-09-25")
    assert [e.location.name for e in protest] == ["Niamey"]
    strike = code("Iran fired missiles at the U.S. Ain al-Asad air base in Iraq.", "2020-01-08")
    assert [e.location.country for e in strike] == ["IRQ"]
