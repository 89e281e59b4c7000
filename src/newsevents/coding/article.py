"""The layout of a news article: headline, dateline, paragraphs. Sentences never cross a paragraph break or
the end of a dateline, and a dateline ("KYIV, Ukraine (AP) —", "BRUSSELS/VILNIUS, May 25 (Reuters) -",
"MOGADISHU, Aug. 3 -") is a fragment of its own, so its place is never read as an actor of the lead sentence.

`article_boundaries` is a spaCy component that runs before the parser and sets sentence starts; the parser
respects them. `Context` is what the article has said so far, for back-references: the actors of the current
and previous sentence, the story's date and place, the people it named, the countries it names most.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from newsevents.coding.parse_facts import doc_text
from newsevents.model import Actor, EventDate, Place

if TYPE_CHECKING:
    from newsevents.coding.phrases import SentenceActors

MAIN_PAIR_MENTIONS = 3   # sentences naming each of two countries before they are the article's dyad

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
          r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
# An upper-case place ("KYIV", "PORT-AU-PRINCE", "BRUSSELS/VILNIUS", "TEL AVIV"), optionally ", Country" or
# ", State"; or one capitalised word before a dash ("Indianapolis –"). Then an optional date, an optional
# agency in brackets, and a dash.
_PLACE = r"[A-Z][A-Z.'’\-]+(?:[ /][A-Z][A-Z.'’\-]+){0,3}(?:,\s+[A-Z][a-zA-Z.]+(?:\s[A-Z][a-zA-Z.]+){0,2})?"
DATELINE = re.compile(
    rf"""(?P<place>{_PLACE}|[A-Z][a-z]+)
         (?:,\s+(?P<date>{_MONTH}\s+\d{{1,2}}))?
         \s*(?:\((?P<agency>[A-Za-z][A-Za-z .&]{{0,30}})\))?
         \s*[-–—]+\s+(?=\S)""", re.VERBOSE)


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str
    date_text: str | None
    agency: str | None
    start: int
    end: int   # character offset where the story text begins


def dateline_place(dateline: Dateline, lookup, named=None) -> Place | None:
    """The place a dateline names, through `lookup` (the gazetteer): its first city ("BRUSSELS/VILNIUS"),
    else the country or state after the comma ("KUZNICA, Poland"); a lone city that is also a word ("MALE")
    through `named`, which reads it as a place."""
    head, _, tail = dateline.place.partition(",")
    for name in (head.split("/")[0].strip(), tail.strip()):
        place = lookup(name.title() if name.isupper() else name) if name else None
        if place is not None and place.country:
            return place
    city = head.split("/")[0].strip()
    place = named(city.title() if city.isupper() else city) if named is not None and city and not tail.strip() \
        else None
    return place if place is not None and place.country else None


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character ranges of the paragraphs (blocks between line breaks), empty ones left out."""
    out, pos = [], 0
    for block in re.split(r"(\n+)", text):
        if block.strip() and not block.startswith("\n"):
            out.append((pos, pos + len(block)))
        pos += len(block)
    return out


def find_dateline(text: str, start: int, end: int) -> Dateline | None:
    """The dateline opening the paragraph text[start:end], if it has one."""
    m = DATELINE.match(text, start, end)
    if m is None:
        return None
    if m.group("place").istitle() and not (m.group("date") or m.group("agency")) and \
            not re.match(r"\s*[–—]", text[m.end("place"):m.end()]):
        return None   # "Indianapolis – ..." needs a long dash; "Officials - ..." is no dateline
    return Dateline(m.group("place"), m.group("date"), m.group("agency"), m.start(), m.end())


def datelines(text: str) -> list[Dateline]:
    """Datelines of an article: only the first two paragraphs may open with one (after a headline)."""
    found = []
    for start, end in paragraphs(text)[:2]:
        d = find_dateline(text, start, end)
        if d is not None:
            found.append(d)
    return found


@Language.component("newsevents_article_boundaries")
def article_boundaries(doc: Doc) -> Doc:
    """Sentence starts at every paragraph and after a dateline; none inside a dateline."""
    for token in doc[1:]:
        before = doc[token.i - 1]
        if not token.is_space and ((before.is_space and "\n" in before.text) or "\n" in before.whitespace_):
            token.is_sent_start = True
    for d in datelines(doc.text):
        span = doc.char_span(d.start, d.end, alignment_mode="expand")
        if span is None:
            continue
        for token in span[1:]:
            token.is_sent_start = False
        if span.end < len(doc):
            doc[span.end].is_sent_start = True
    return doc


class StoryDay(NamedTuple):
    """A sentence that dated its main act: an undated past act right after it, by one of its sides, is that day's."""
    sentence: int                # its index in the article
    date: EventDate
    sides: frozenset             # countries and groups of its events


@dataclass(slots=True)
class Context:
    """What the article has said so far, for back-references: the actors of this sentence and the previous
    one, most salient (subjects) first. Collected lazily: most sentences never need it."""

    recent_agents: list[Actor] = field(default_factory=list)  # sources of the latest asserted acts, newest first
    recent_acts: list = field(default_factory=list)   # (root, source, the word naming it) of the latest asserted
    #                                                    hostile acts, newest first
    recent_victims: list = field(default_factory=list)   # (root, target) of the same acts, newest first
    recent_deals: list = field(default_factory=list)  # (source, target) of the latest agreements and decisions
    recent_accusations: list = field(default_factory=list)   # (accuser, accused) of the latest accusations
    deniers: set = field(default_factory=set)   # countries and groups that the article says denied something
    story_date: "dt.date | None" = None   # the day the narrative is at (the last explicitly dated event)
    story_day: "StoryDay | None" = None   # the latest sentence that dated its main act
    story_place: "Place | None" = None    # where the story was filed (its dateline): the default place
    people: dict = field(default_factory=dict)   # surname -> Actor: whom the article named with a country
    onsets: dict = field(default_factory=dict)   # event noun -> EventDate it began ("the fighting broke out ...")
    titled: list = field(default_factory=list)   # (words of the phrase, Actor) of people named so, newest first
    offices: dict = field(default_factory=dict)   # "junta", "ministry" -> the country last named with it
    mentioned: dict = field(default_factory=dict)   # country -> how many sentences so far have named it
    sides: dict = field(default_factory=dict)   # group, else country -> (sentences naming it, its Actor)
    institutions: dict = field(default_factory=dict)   # a word of a group's name as written -> the group, newest
    #                                                    ("court" -> the International Court of Justice)
    headline: int | None = None   # the sentence index of the headline, when the article opens with one
    paragraphs: dict = field(default_factory=dict)   # sentence index -> its paragraph's number (0: the first)
    sentence: "SentenceActors | None" = None
    previous_sentence: "SentenceActors | None" = None
    _current: list | None = None
    _previous: list | None = None
    _collecting: bool = False   # while collecting, back-references resolve against what is collected so far
    _partial: list = field(default_factory=list)

    def start(self, sentence: "SentenceActors") -> None:
        self.sentence, self._current = sentence, None
        # in the order named (a set's order would change from run to run: ties go to the first named)
        for country in dict.fromkeys(e.country for m in sentence.mentions for e in m.entries if e.country):
            self.mentioned[country] = self.mentioned.get(country, 0) + 1
        named = {}
        for m in sentence.mentions:
            e = m.entries[0]
            if e.group and m.end - m.start > 1:
                for t in sentence.sent.doc[m.start:m.end]:
                    self.institutions[t.lemma_.lower()] = e.to_actor(e.name)
            if e.group or e.country:
                named.setdefault(e.group or e.country, e)
        for key, e in named.items():
            count = self.sides.get(key, (0, None))[0]
            self.sides[key] = (count + 1, e.to_actor(e.name, e.role if e.group else None))

    def story_country(self, besides=frozenset()) -> str | None:
        """The dateline's country, when the article so far names no other country (beside `besides`) more
        often: a story filed from Dubai about Iran is not about the Emirates."""
        if self.story_place is None or not self.story_place.country:
            return None
        home = self.story_place.country
        named = self.mentioned.get(home, 0)
        return None if any(n > named for c, n in self.mentioned.items() if c not in besides) else home

    def story_subject(self) -> str | None:
        """The country the story is about: its dateline's (`story_country`), else, in a story filed from
        elsewhere (Dubai, about Iran), the country named most, when it clearly leads."""
        home = self.story_country()
        if home is not None or self.story_place is None:
            return home
        counts = sorted(((n, c) for c, n in self.mentioned.items()), reverse=True)
        if not counts:
            return None
        leader, n = counts[0][1], counts[0][0]
        runner_up = counts[1][0] if len(counts) > 1 else 0
        return leader if n >= MAIN_PAIR_MENTIONS and n >= 2 * runner_up else None

    def main_pair(self, besides: frozenset = frozenset()) -> list[str]:
        """The article's two most-named countries (other than `besides`), when both recur (its dyad: "the two
        sides")."""
        top = sorted(((c, n) for c, n in self.mentioned.items() if c not in besides), key=lambda kv: -kv[1])[:2]
        return [c for c, n in top] if len(top) == 2 and top[1][1] >= MAIN_PAIR_MENTIONS else []

    def main_sides(self) -> list[Actor]:
        """The article's two most-named sides, a group counting apart from its country ("the Ethiopian
        government and the TPLF": "both sides"), when both recur."""
        top = sorted(self.sides.values(), key=lambda v: -v[0])[:2]
        return [a for _, a in top] if len(top) == 2 and top[1][0] >= MAIN_PAIR_MENTIONS else []

    def next_sentence(self) -> None:
        # the previous sentence's actors are collected again when asked: its pronoun subjects are resolved by now
        self.previous_sentence, self._previous = self.sentence, None
        self.sentence, self._current = None, None

    def current_actors(self) -> list[Actor]:
        """The actors collected for the current sentence (after a `candidates` call)."""
        return [a for _, a, _ in (self._current or [])]

    def candidates(self, before: int) -> list[Actor]:
        """Subjects before `before` in this sentence (nearest first), then its other actors there (nearest
        first), then the previous sentence's actors (subjects first)."""
        if not self._collecting:
            self._collecting = True
            try:
                if self._previous is None:
                    self._previous = []
                    if self.previous_sentence is not None:
                        self.previous_sentence.salient_actors(self._previous)
                if self._current is None:
                    self._partial = []
                    if self.sentence is not None:
                        self.sentence.salient_actors(self._partial)
                    self._current = self._partial
            finally:
                self._collecting = False
        current = self._current if self._current is not None else self._partial
        here = [(i, a, s) for i, a, s in current if i < before]
        here.sort(key=lambda x: -x[0])   # nearest first (a stable sort: ties keep their order)
        subj = [a for i, a, s in here if s]
        rest = [a for i, a, s in here if not s]
        previous = [a for _, a, s in self._previous if s] + [a for _, a, s in self._previous if not s]
        return unique_actors(subj + rest + previous)


def unique_actors(actors: list[Actor]) -> list[Actor]:
    """Actors in order, each code once (actors without a code dropped)."""
    seen, out = set(), []
    for a in actors:
        if a.code and a.code not in seen:
            seen.add(a.code)
            out.append(a)
    return out


def is_headline(sent) -> bool:
    """The first line of an article, with more after it and no full stop: its headline."""
    doc, text = sent.doc, sent.text.rstrip()
    if sent.start != 0 or sent.end >= len(doc) or text.rstrip("\"”'’").endswith((".", "!", "?")):
        return False
    return "\n" in sent.text_with_ws or doc[sent.end].is_space


def paragraph_break(doc, start_char: int, end_char: int) -> bool:
    """Is there a paragraph break (a blank line, or the line after a headline) between two offsets?"""
    return "\n" in doc_text(doc)[start_char:end_char]   # (spaCy joins `doc.text` anew on every call)
