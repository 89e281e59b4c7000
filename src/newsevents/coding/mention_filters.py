"""Dictionary matches that are part of another name or describe a third party, and so name no actor; an
office name several countries use, read as the one of the story's country."""
from __future__ import annotations

from dataclasses import replace

from newsevents.coding.english import NAMED_AFTER_PLACES, THIRD_PARTY_PARTICIPLES
from newsevents.coding.lexicon.actors import Mention


def part_of_a_name(mention: Mention, sent, day) -> bool:
    """A group's name closing a person's name ("Foreign Minister Therese Kayikwamba Wagner") is a surname: the
    mention's first token follows a proper noun of the same name that is no actor itself. A city naming a
    treaty or a process ("the 1961 Vienna Convention", "the Minsk agreements", "the Oslo Accords") is part of
    that name, not an actor."""
    entry = mention.entry_on(day)
    doc = sent.doc
    if entry is not None and entry.kind in ("capital", "place") and mention.end < sent.end:
        named = doc[mention.end - 1]
        while named.dep_ == "compound" and named.head.i > named.i:   # "the Paris climate agreement"
            named = named.head
        if named.i >= mention.end and (named.lemma_.lower() in NAMED_AFTER_PLACES or (
                named.lower_ == "group" and named.text[:1].isupper())):   # "the Minsk Group", "the Lima Group"
            return True
    if entry is None or entry.kind != "group" or mention.start <= sent.start:
        return False
    before, first = doc[mention.start - 1], doc[mention.start]
    return before.pos_ == "PROPN" and before.dep_ == "compound" and mention.start <= before.head.i < mention.end \
        and first.pos_ == "PROPN" and not first.is_upper and mention.end - mention.start == 1


# A language, a period or a manner named after a country ("Russian-speaking", "Soviet-era", "Soviet-style")
NOT_THE_COUNTRY = frozenset({"speaking", "speaker", "speakers", "language", "era", "style"})


def names_no_country(mention: Mention, doc) -> bool:
    """"the Russian-speaking east", "Russian speakers", "English-language media", "a Soviet-era nerve agent",
    "Soviet-style planning": a language, a period or a manner, not the country."""
    after = _after_hyphen(mention, doc)
    if after is None and mention.end < len(doc):
        after = doc[mention.end]   # "Russian speakers"
    return after is not None and after.lower_ in NOT_THE_COUNTRY


def third_party(mention, doc) -> bool:
    """"a U.S.-brokered declaration", "Iran-backed militias": a third party to the noun, not what it names."""
    after = _after_hyphen(mention, doc)
    return after is not None and after.lower_ in THIRD_PARTY_PARTICIPLES


def _after_hyphen(mention: Mention, doc):
    """The word joined to a mention by a hyphen ("Iran-backed": "backed"), or None."""
    end = mention.end
    return doc[end + 1] if end + 1 < len(doc) and doc[end].text == "-" else None


def local_office(mention: Mention, home: str | None) -> Mention:
    """An office name several countries use ("Congress": the United States', Peru's, the Philippines') is the one
    of the country the story was filed from, when it has one; else the first listed."""
    entries = mention.entries
    if home is None or len(entries) < 2 or entries[0].kind != "office" or entries[0].country == home:
        return mention
    local = [e for e in entries if e.kind == "office" and e.country == home]
    return replace(mention, entries=tuple(local + [e for e in entries if e not in local])) if local else mention
