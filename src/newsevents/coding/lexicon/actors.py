"""Actor dictionaries and actor resolution: phrases in a parsed sentence -> CAMEO-style `Actor` codes.

Dictionaries (shipped as data, loaded once): country names, demonyms and capitals (`countries.tsv`), named
leaders with terms of office (`leaders.tsv`), named groups (`groups.tsv`), offices and institutions
(`offices.tsv`) and role words (`roles.tsv`). Phrases are tokenised with the spaCy tokenizer at load time so
they match spaCy's tokens ("U.S." is one token, "Al-Ula" three).
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable

from newsevents.coding.lexicon.tsv import read_table, read_word_list, split_list
from newsevents.coding.parse_facts import token_texts
from newsevents.model import Actor

# Phrase kinds, in the order a phrase head prefers them when several give a country.
LOG = logging.getLogger(__name__)
SHOWN_PROBLEMS = 3   # examples quoted in a dictionary's warning

KINDS = ("leader", "office", "group", "country", "people", "adjective", "capital", "place", "no actor")


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One dictionary phrase and what it stands for."""

    kind: str               # one of KINDS
    country: str | None
    role: str | None
    group: str | None
    name: str               # canonical name ("Vladimir Putin", "Russia", "Kremlin")
    start: dt.date | None = None
    end: dt.date | None = None

    def valid_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def to_actor(self, text: str, role: str | None = None) -> Actor:
        role = role or self.role
        if self.group:
            return Actor(code=self.group, country=self.country, role=role, group=self.group, name=self.name, text=text)
        return Actor(code=(self.country or "") + (role or ""), country=self.country, role=role, group=None,
                     name=self.name, text=text)


@dataclass(frozen=True, slots=True)
class Mention:
    """A dictionary phrase found in a sentence: token span [start, end) in doc indices."""

    start: int
    end: int
    entries: tuple[ActorEntry, ...]

    def entry_on(self, day: dt.date | None) -> ActorEntry | None:
        valid = [e for e in self.entries if e.valid_on(day)]
        return valid[0] if valid else None


def _distance(entry: ActorEntry, day: dt.date | None) -> int:
    """Days from `day` to the entry's term (0 inside it or without a day)."""
    if day is None:
        return 0
    if entry.end is not None and day > entry.end:
        return (day - entry.end).days
    if entry.start is not None and day < entry.start:
        return (entry.start - day).days
    return 0


# Phoenix codes of international and non-state groups that newsevents names as groups.
PHOENIX_GROUPS = {"IGOUNO": "UN", "IGOEUREEC": "EU", "IGOWSTNAT": "NATO", "IGOAFRAFU": "AU", "IGOASAASN": "ASEAN",
                  "IGOOPC": "OPEC", "IGOUNOIAE": "IAEA", "IGOUNOWHO": "WHO", "IGOWLDIMF": "IMF",
                  "IGOWLDWBK": "WORLD_BANK", "IGOARBARL": "ARAB_LEAGUE", "IGOEUROSC": "OSCE"}
PHOENIX_ROLES = {"IGO": "IGO", "NGO": "NGO", "IMG": "REB", "NGM": "NGO"}
SECTOR_ROLES = frozenset({"MED", "BUS", "CVL", "EDU", "REL", "OPP", "REB", "LEG", "JUD", "COP", "MIL", "GOV"})


def phoenix_entry(code: str, phrase: str, start, end, countries: set) -> "ActorEntry | None":
    """A Phoenix actor code ("IRQGOV", "LTUGOVMIL", "IGOUNO", "IMGMUSALQ", "MED") as an entry; a sector code
    without a country ("MED", "BUS") gives a role-only entry that takes its country from the context."""
    head = code[:3]
    name = phrase.title()
    if head not in countries and head not in PHOENIX_ROLES:
        return ActorEntry("leader", None, head if head in SECTOR_ROLES else None, None, name, start, end) \
            if head in SECTOR_ROLES else None
    if head in PHOENIX_ROLES:
        for prefix in sorted(PHOENIX_GROUPS, key=len, reverse=True):
            if code.startswith(prefix):
                return ActorEntry("group", None, PHOENIX_ROLES[head], PHOENIX_GROUPS[prefix], name, start, end)
        return ActorEntry("group", None, PHOENIX_ROLES[head], code, name, start, end)
    if not head.isalpha() or len(code) not in (3, 6, 9, 12):
        return None
    role = code[3:6] or None
    if role in ("ELI", "UAF", "SPY") and len(code) >= 9:
        role = code[6:9] or role
    return ActorEntry("leader", head, role if role != "ELI" else None, None, name, start, end)


def _date(cell: str) -> dt.date | None:
    return dt.date.fromisoformat(cell) if cell else None


class ActorDictionary:
    """All actor phrases, indexed by their token sequence, plus the role words."""

    def __init__(self, tokenize):
        self._tokenize = tokenize          # str -> list[str] of token texts
        self.phrases: dict[tuple[str, ...], list[ActorEntry]] = {}
        self.exact: dict[tuple[str, ...], list[ActorEntry]] = {}   # case-sensitive phrases ("US", "IS")
        self.first_tokens: set[str] = set()
        self.max_len = 1
        self.roles: dict[str, str] = {}        # role word (lowercase lemma or text) -> role code
        self.role_phrases: dict[tuple[str, ...], str] = {}
        self.group_roles: dict[str, str | None] = {}
        self._lengths: dict[str, tuple[int, ...]] | None = None
        self._openings: set[tuple[str, str]] | None = None
        self._role_phrase_ends: frozenset[str] | None = None   # the last word of every role phrase

    def __getstate__(self) -> dict:
        # A pickled copy (lexicon/cache.py) leaves out the live tokenizer (`Lexicon.load` gives it back) and the
        # length, opening and role-phrase indexes (rebuilt on first use).
        return {**self.__dict__, "_tokenize": None, "_lengths": None, "_openings": None, "_role_phrase_ends": None}

    # -- loading ---------------------------------------------------------------------------------------
    @classmethod
    def load(cls, tokenize, extra: Iterable[str | Path] = ()) -> "ActorDictionary":
        d = cls(tokenize)
        for row in read_table("countries.tsv", required=("iso3", "name", "variants", "adjectives", "people", "capitals")):
            iso = row["iso3"]
            name = row["name"]
            for term in split_list(row["variants"]) or [name]:   # variants list every written form
                d.add(term, ActorEntry("country", iso, None, None, name))
            for term in split_list(row["adjectives"]):
                d.add(term, ActorEntry("adjective", iso, None, None, name))
            for term in split_list(row["people"]):
                d.add(term, ActorEntry("people", iso, None, None, name))
            for term in split_list(row["capitals"]):
                d.add(term, ActorEntry("capital", iso, None, None, term.lstrip("=")))
        for row in read_table("groups.tsv", required=("group", "country", "role", "aliases")):
            entry = ActorEntry("group", row["country"] or None, row["role"] or None, row["group"], row["group"])
            d.group_roles[row["group"]] = row["role"] or None
            for term in split_list(row["aliases"]):   # the code itself is not a word ("WHO" vs "Who")
                d.add(term, entry)
        for row in read_table("offices.tsv", required=("term", "country", "role")):
            d.add(row["term"], ActorEntry("office", row["country"] or None, row["role"] or None, None,
                                          row["term"].lstrip("=")))
        d._load_leaders("leaders.tsv")
        # "Latin American states", "South America": a region's name holds a country's word and is no actor
        for term in read_word_list("not_actors.txt"):
            d.add(term, ActorEntry("no actor", None, None, None, term))
        for row in read_table("roles.tsv", required=("term", "role")):
            term = row["term"].lower()
            if " " in term:
                d.role_phrases[tuple(t.lower() for t in tokenize(term))] = row["role"]
            else:
                d.roles[term] = row["role"]
        d._load_phoenix("actors_phoenix.tsv")
        for path in extra:
            d._load_user_file(Path(path))
        return d

    def _load_phoenix(self, source) -> None:
        """The PETRARCH2 Phoenix names (people with their terms, organisations), below the curated tables:
        a phrase the curated tables already know is left to them."""
        curated = set(self.phrases)
        countries = {e.country for entries in self.phrases.values() for e in entries if e.kind == "country"}
        for row in read_table(source, required=("phrase", "code", "start", "end")):
            words = tuple(row["phrase"].split())
            if words in curated:
                continue
            entry = phoenix_entry(row["code"], row["phrase"], _date(row["start"]), _date(row["end"]), countries)
            if entry is not None:
                self.phrases.setdefault(words, []).append(entry)
                self.first_tokens.add(words[0])
                self.max_len = max(self.max_len, len(words))

    def _load_leaders(self, source) -> None:
        for row in read_table(source, required=("name", "aliases", "country", "role", "start", "end")):
            who = row["country"]
            is_group = who in self.group_roles
            entry = ActorEntry("leader", None if is_group else who, row["role"] or ("GOV" if not is_group else None),
                               who if is_group else None, row["name"], _date(row["start"]), _date(row["end"]))
            for term in [row["name"], *split_list(row["aliases"])]:
                self.add(term, entry)

    def _load_user_file(self, path: Path) -> None:
        """A user's actor file: our `leaders.tsv` columns, or the PETRARCH/Phoenix actors format. Entries that
        cannot be used (unreadable lines, codes that are no country or group we know, impossible dates) are left
        out and reported in one warning; the rest loads."""
        head = path.read_text(encoding="utf-8", errors="replace")[:4000]
        if "\tcountry\t" in head or head.startswith("name\t"):
            loaded, problems = self._load_user_leaders(path)
        else:
            loaded, problems = self._load_user_phoenix(path)
        if problems:
            LOG.warning(f"warning: actor dictionary {path.name}: {len(problems)} entries left out, {loaded} loaded; "
                        f"e.g. {'; '.join(problems[:SHOWN_PROBLEMS])}")

    def _load_user_leaders(self, path: Path) -> tuple[int, list[str]]:
        loaded, problems = 0, []
        for row in read_table(path, required=("name", "aliases", "country", "role", "start", "end")):
            who = row["country"]
            try:
                start, end = _date(row["start"]), _date(row["end"])
            except ValueError:
                problems.append(f"line {row['_line']}: a date that is not YYYY-MM-DD")
                continue
            if who not in self.group_roles and not (len(who) == 3 and who.isalpha() and who.isupper()):
                problems.append(f"line {row['_line']}: {who!r} is no three-letter country code or known group")
                continue
            is_group = who in self.group_roles
            entry = ActorEntry("leader", None if is_group else who, row["role"] or ("GOV" if not is_group else None),
                               who if is_group else None, row["name"], start, end)
            for term in [row["name"], *split_list(row["aliases"])]:
                self.add(term, entry)
            loaded += 1
        return loaded, problems

    def _load_user_phoenix(self, path: Path) -> tuple[int, list[str]]:
        from newsevents.coding.lexicon.dictionary_format import UNREADABLE, ReadReport
        from newsevents.coding.lexicon.petrarch_actors import read_actor_dictionary

        report = ReadReport()
        entries = read_actor_dictionary(path, report=report, lenient=True)
        problems = [f"line {line}: {reason[len(UNREADABLE) + 2:]}" for reason, lines in report.examples.items()
                    if reason.startswith(UNREADABLE) for line in lines]
        known = self._known_countries()
        loaded = 0
        for e in entries:
            code = e.code.upper()
            # a user's file may name countries of its own ("RUR"): a three-letter head is a country code
            own = {code[:3]} if code[:3].isalpha() and code[:3] not in SECTOR_ROLES else set()
            entry = phoenix_entry(code, e.phrase, e.start, e.end, known | own)
            if entry is None:
                problems.append(f"{e.phrase!r}: code {e.code} is no actor code")
                continue
            self.add(e.phrase, entry)
            loaded += 1
        return loaded, problems

    def _known_countries(self) -> set[str]:
        return {e.country for entries in self.phrases.values() for e in entries if e.kind == "country" and e.country}

    def add(self, term: str, entry: ActorEntry) -> None:
        case_sensitive = term.startswith("=")
        term = term.lstrip("=").strip()
        if not term:
            return
        tokens = tuple(self._tokenize(term))
        if case_sensitive:
            self.exact.setdefault(tokens, []).append(entry)
            self.first_tokens.add(tokens[0].lower())
        else:
            key = tuple(t.lower() for t in tokens)
            self.phrases.setdefault(key, []).append(entry)
            self.first_tokens.add(key[0])
        self.max_len = max(self.max_len, len(tokens))
        self._openings = None

    # -- matching --------------------------------------------------------------------------------------
    def find_mentions(self, tokens, day: dt.date | None) -> list[Mention]:
        """Longest dictionary phrases in a token sequence (a spaCy Span or Doc), left to right."""
        found: list[Mention] = []
        texts = token_texts(tokens)
        lowers = [t.lower() for t in texts]
        offset = tokens[0].i if len(tokens) else 0
        first, lengths, openings = self.first_tokens, self.lengths, self.openings
        n = len(texts)
        free = 0   # the tokens before it belong to the last mention found
        for i in [i for i, word in enumerate(lowers) if word in first]:   # where a phrase may start
            if i < free:
                continue
            hit = None
            opening = tuple(lowers[i:i + 2])
            for length in lengths.get(lowers[i], ()):
                if i + length > n or (length > 1 and opening not in openings):
                    continue   # (no phrase of two words or more starts with these two)
                entries = self.exact.get(tuple(texts[i:i + length]), []) + \
                    self.phrases.get(tuple(lowers[i:i + length]), [])
                if not entries:
                    continue
                # Names are written capitalised: "west bank", "us" and "chad" in lowercase are not actors.
                if all(t.islower() for t in texts[i:i + length]):
                    continue
                valid = [e for e in entries if e.valid_on(day)]
                if not valid:
                    # Out of office on that day: still a national of the same country (of the term nearest the
                    # day: Haniyeh after 2024 is Hamas's, not the Palestinian government's of 2006), without the office.
                    valid = [replace(e, role=None, start=None, end=None)
                             for e in sorted((e for e in entries if e.kind == "leader" and (e.country or e.group)),
                                             key=lambda e: _distance(e, day))][:1]
                if valid and self._inside_longer_name(tokens, offset + i, offset + i + length, valid[0]):
                    break
                if valid:
                    hit = Mention(offset + i, offset + i + length,
                                  tuple(sorted(valid, key=lambda e: KINDS.index(e.kind))))
                    break
            if hit:
                if hit.entries[0].kind != "no actor":
                    found.append(hit)
                free = hit.end - offset
        return found

    def _inside_longer_name(self, tokens, start: int, end: int, entry: ActorEntry) -> bool:
        """The phrase is the tail of a longer proper name ("the Ta'ang National Liberation Army" is not the
        National Liberation Army): a capitalised name word that is neither a role nor a dictionary word modifies it."""
        if start == 0 or (end - start < 2 and entry.kind not in ("group", "office")):
            return False
        before = tokens[0].doc[start - 1]
        return (before.pos_ == "PROPN" and before.dep_ == "compound" and start <= before.head.i < end
                and before.text[:1].isupper() and before.lower_ not in self.first_tokens
                and self.role_of(before) is None)

    @property
    def openings(self) -> set[tuple[str, str]]:
        """The first two words (lower-cased) of every phrase of two words or more (built once)."""
        if self._openings is None:
            self._openings = {tuple(w.lower() for w in key[:2]) for key in [*self.phrases, *self.exact] if len(key) > 1}
        return self._openings

    @property
    def lengths(self) -> dict[str, tuple[int, ...]]:
        """For each first word, the phrase lengths that start with it, longest first (built once)."""
        if self._lengths is None:
            acc: dict[str, set] = {}
            for key in list(self.phrases) + list(self.exact):
                acc.setdefault(key[0].lower(), set()).add(len(key))
            self._lengths = {w: tuple(sorted(ls, reverse=True)) for w, ls in acc.items()}
        return self._lengths

    def role_of(self, token) -> str | None:
        """The role a single token's word gives ("forces" -> MIL, "ministry" -> GOV)."""
        return self.roles.get(token.lower_) or self.roles.get(token.lemma_.lower())

    def role_of_phrase(self, tokens) -> str | None:
        """The role of a multi-word role phrase ending at the phrase head ("foreign ministry", "air force")."""
        if self._role_phrase_ends is None:
            self._role_phrase_ends = frozenset(key[-1] for key in self.role_phrases)
        if not tokens or tokens[-1].lower_ not in self._role_phrase_ends:
            return None   # (most phrases end in no role phrase's last word: one set lookup decides it)
        lowers = tuple(t.lower_ for t in tokens)
        for n in (3, 2):
            if len(lowers) >= n and lowers[-n:] in self.role_phrases:
                return self.role_phrases[lowers[-n:]]
        return None


def combine(entry: ActorEntry, role: str | None, text: str) -> Actor:
    """An actor from a dictionary entry and the role word of its phrase (the phrase role wins for countries)."""
    if entry.kind in ("leader", "office", "group") and entry.role and entry.role != "GOV":
        role = entry.role
    elif entry.kind == "leader" and role is None:
        role = entry.role
    elif entry.kind == "office":
        role = role if role in ("MIL", "SPY", "LEG", "JUD", "OPP") and entry.role == "GOV" else entry.role
    elif role == "IGO" and entry.kind in ("country", "adjective", "people", "capital"):
        # "Nigerian peacekeepers", "Kenyan election observers": a country's contingent, not an organisation
        role = "MIL" if any(w in text.lower() for w in ("peacekeep", "force")) else "GOV"
    return entry.to_actor(text, role)


def with_country(actor: Actor, country: str) -> Actor:
    """An unresolved role-only actor ("protesters") given a country (from where the event took place)."""
    return replace(actor, country=country, code=country + (actor.role or ""))


def country_actor(country: str, role: str | None = None, name: str = "", text: str = "") -> Actor:
    """A country-level actor, with a role when one applies (`SRBGOV`, `PSE`, `UKRCVL`)."""
    return Actor(code=country + (role or ""), country=country, role=role, group=None, name=name, text=text)


def role_only(role: str | None, name: str, text: str) -> Actor:
    """A role with no country yet ("protesters", "gunmen"): resolved later from the place or the other side."""
    return Actor(code="", country=None, role=role, group=None, name=name, text=text)
