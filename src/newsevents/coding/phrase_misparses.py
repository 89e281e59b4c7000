"""Noun-phrase and preposition misreadings of the parser (names, titles, "of" and "by" phrases, participles), mended
by the `newsevents_clause_repairs` component in `parse_repairs.py`: each test is on one token and says its new head.
"""
from __future__ import annotations


def of_after_conjunct(prep) -> bool:
    """"killed 13 U.S. service members and scores of Afghans": spaCy hangs "of Afghans" on "members"; an "of"
    right after a noun conjoined to its head belongs to that noun."""
    if prep.dep_ != "prep" or prep.lower_ != "of" or prep.i == 0:
        return False
    before = prep.doc[prep.i - 1]
    return before.dep_ == "conj" and before.head == prep.head and before.pos_ == "NOUN" and prep.head.i < before.i


def origin_of_people(prep) -> bool:
    """"fighting alongside troops from Eritrea": spaCy hangs "from Eritrea" on the verb; a "from" phrase naming a
    proper noun right after the plural noun of another of the verb's phrases says where those came from."""
    if prep.dep_ != "prep" or prep.lower_ != "from" or prep.i == 0 or prep.head.pos_ != "VERB":
        return False
    before = prep.doc[prep.i - 1]
    return before.tag_ == "NNS" and before.dep_ == "pobj" and before.head.head == prep.head and \
        any(c.dep_ == "pobj" and c.pos_ == "PROPN" for c in prep.children)


def agent_after_object(prep) -> bool:
    """"police blocked a march by opposition supporters": spaCy takes "by" for the agent of an active verb; a
    "by" phrase right after the object of a verb that is not passive is the object's ("a march by ...")."""
    if prep.dep_ != "agent" or prep.lower_ != "by" or prep.i == 0:
        return False
    verb = prep.head
    if verb.tag_ not in ("VBD", "VBZ", "VBP", "VBG") or any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return False
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.right_edge.i == prep.i - 1), None)
    return obj is not None and obj.pos_ == "NOUN" and any(c.dep_ == "pobj" for c in prep.children)


# Verbs of an act's course: the parser hangs the act's "between" phrase on them ("fighting broke out ... between").
COURSE_VERBS = frozenset({"break", "erupt", "flare", "continue", "rage", "resume", "intensify", "escalate",
                          "begin", "start", "end", "stall", "collapse"})


def between_of_subject(prep) -> bool:
    """"Heavy fighting broke out in the capital on Saturday between the army and the RSF": spaCy hangs "between"
    on the verb; on a verb of an act's course with a common-noun subject it names that act's sides."""
    if prep.dep_ != "prep" or prep.lower_ != "between" or prep.head.pos_ != "VERB" or \
            prep.head.lemma_.lower() not in COURSE_VERBS:
        return False
    subject = next((c for c in prep.head.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.pos_ == "NOUN" and subject.i < prep.i


def participle_taken_for_gerund(verb):
    """"abuses of human rights by invading Russian troops": spaCy reads "invading" as a gerund with "troops" for its
    object. A gerund right after a noun's "by", whose object (a plural noun) follows it at once, is that noun's
    participle (as "retreating forces" is). The noun, or None."""
    prep = verb.head
    if verb.dep_ != "pcomp" or verb.tag_ != "VBG" or prep.lower_ != "by" or prep.head.pos_ != "NOUN":
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or obj.tag_ not in ("NNS", "NNPS") or obj.left_edge.i != verb.i + 1:
        return None
    return obj


def list_item_taken_for_apposition(noun):
    """"by U.S. President Joe Biden, Australian Prime Minister Scott Morrison and British Prime Minister Boris
    Johnson", "Saudi Arabia, Egypt, the United Arab Emirates and Bahrain severed ...": spaCy reads the second name
    as the first's apposition, or as a second subject of the verb. A name after a name and a comma that has names
    joined to it, the last by "and", is an item of one list: the first name's conjunct. The first name, or None."""
    joined = [c for c in noun.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
    while joined and not any(c.dep_ == "cc" and c.lower_ in ("and", "or") for c in joined[-1].head.children):
        joined = [c for c in joined[-1].children if c.dep_ == "conj" and c.pos_ == "PROPN"]   # "B, C and D"
    if noun.pos_ != "PROPN" or not joined:
        return None
    if noun.dep_ == "appos":
        first = noun.head
    elif noun.dep_ == "nsubj" and noun.i < noun.head.i:
        first = next((c for c in noun.head.children if c.dep_ == "nsubj" and c.i < noun.i), None)
    else:
        return None
    # (the first name ends at the comma before this one's phrase)
    if first is None or first.pos_ != "PROPN" or first.i + 2 != noun.left_edge.i or noun.doc[first.i + 1].text != ",":
        return None
    return first


def name_taken_for_modal(token) -> bool:
    """"May told parliament ...": spaCy reads the name as the modal "may", an auxiliary of a verb in the past
    tense, which no modal takes. A capitalised modal right before a past-tense verb with no subject of its own is
    that verb's subject, a name."""
    verb = token.head
    return token.tag_ == "MD" and token.dep_ == "aux" and token.text[:1].isupper() and token.text.lower() != "will" \
        and verb.tag_ == "VBD" and verb.i == token.i + 1 and \
        not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def gerund_taken_for_subject(verb):
    """"Opposition leaders meeting at Hariri's home held the governments responsible": spaCy reads "meeting" as a
    gerund subject whose own subject is "leaders". A gerund subject right after its own noun subject is that
    noun's participle, and the noun the sentence's subject. The noun, or None."""
    if verb.dep_ not in ("nsubj", "csubj") or verb.tag_ != "VBG" or verb.head.pos_ not in ("VERB", "AUX"):
        return None
    noun = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if noun is None or noun.pos_ not in ("NOUN", "PROPN") or noun.i != verb.i - 1:
        return None
    return noun
