"""Where a people named by a demonym lives, when the phrase says it is another state than the demonym's:
"ethnic Albanians in south Serbia", "the Albanians of southern Serbia", "Bosnian Serbs", "Iraqi Kurds"."""
from __future__ import annotations

from typing import Callable

from newsevents.coding.english import ETHNIC_PEOPLES
from newsevents.coding.lexicon.actors import ActorEntry
from newsevents.coding.parse_facts import children

EntryAt = Callable[[int], "ActorEntry | None"]   # the dictionary entry of the mention at a token, if any
_OWN_MODIFIERS = ("amod", "compound", "nmod")


def minority_home(head, tokens, entry: ActorEntry, entry_at: EntryAt) -> str | None:
    """The country an ethnic group lives in, named by an "in", "of" or "from" phrase, when the phrase says
    "ethnic" or has an "of" phrase ("ethnic Albanians in south Serbia", "the Albanians of southern Serbia")."""
    if entry.kind not in ("people", "adjective"):
        return None
    if not any(t.lower_ == "ethnic" for t in tokens) and not any(
            c.dep_ == "prep" and c.lower_ == "of" for c in children(head)):
        return None
    own = [head] + [t for c in children(head) if c.dep_ in _OWN_MODIFIERS for t in c.subtree]
    if not any(entry_at(t.i) == entry for t in own):
        return None   # the people are the head's, not an "of" phrase's ("the withdrawal of Russian troops")
    for prep in children(head):
        if prep.dep_ == "prep" and prep.lower_ in ("in", "of", "from"):
            for pobj in children(prep):
                for t in pobj.subtree:
                    e = entry_at(t.i)
                    if e is not None and e.kind in ("country", "adjective") and e.country not in (None, entry.country):
                        return e.country
    return None


def adjective_home(head, entry: ActorEntry, entry_at: EntryAt) -> str | None:
    """The state a people that lives in many states is named after by its adjective: "Bosnian Serbs" and
    "Kosovo Serbs" are Bosnia's and Kosovo's, "Iraqi Kurds" Iraq's; "Turkish Cypriots" (not an ethnic name)
    stay Cypriots."""
    if entry.kind not in ("people", "adjective") or head.lower_.removesuffix("s") not in ETHNIC_PEOPLES:
        return None
    for mod in children(head):
        if mod.dep_ in _OWN_MODIFIERS and mod.i < head.i:
            e = entry_at(mod.i)
            if e is not None and e.kind in ("country", "adjective", "people") and e.country not in (
                    None, entry.country):
                return e.country
    return None
