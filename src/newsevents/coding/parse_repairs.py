"""Parser attachments the coder's rules cannot read around, mended in the tree itself (the spaCy component
`newsevents_clause_repairs`, last in the pipeline: it reads the parts of speech the attribute ruler sets).

Each repair is one test on a token and one new head; the rules downstream (subjects, targets, dates) then read
the mended tree as if the parser had got it right.
"""
from __future__ import annotations

from newsevents.coding.english import ALLEGATION_NOUNS
from newsevents.coding.modality import GOVERNORS, PREVENTING, REPORTING
from newsevents.coding.time_words import names_a_time
from newsevents.coding.phrase_misparses import (agent_after_object, between_of_subject, gerund_taken_for_subject,
                                                list_item_taken_for_apposition, name_taken_for_modal,
                                                of_after_conjunct, origin_of_people, participle_taken_for_gerund)

# Verbs that take a clause ("said police shot", "feared troops would ..."): their clauses are not misparses.
CLAUSE_VERBS = REPORTING | PREVENTING | frozenset().union(*GOVERNORS.values()) | frozenset({
    "see", "hear", "feel", "mean", "ensure", "make", "let", "guarantee", "order", "argue", "reckon", "realize",
    "realise", "understand", "assert", "maintain", "contend", "hold", "indicate", "signal", "emphasize",
    "emphasise", "stress", "reiterate", "repeat", "recognize", "recognise", "accept", "concede", "complain",
    "protest", "respond", "reply", "swear", "direct", "instruct", "command", "stipulate", "specify", "be",
    "seem", "appear", "notice", "observe", "predict", "forecast", "judge", "rule", "declare", "testify",
    "tweet", "post", "charge", "counter", "retort", "boast", "lament", "regret", "celebrate", "welcome", "hint"})


def back_to_main_clause(verb) -> bool:
    """"Macron visited Beirut, two days after an explosion devastated the port, and promised aid": spaCy hangs
    the verb after ", and" on the subordinate (or reported) clause before it; the comma closes that clause, so
    the verb is a conjunct of the main clause's verb (whose subject, object and date it shares)."""
    head = verb.head
    if verb.dep_ != "conj" or verb.pos_ != "VERB" or head.head.pos_ not in ("VERB", "AUX") or \
            not any(c.dep_ == "punct" and c.text == "," and head.i < c.i < verb.i for c in head.children):
        return False
    if head.dep_ == "advcl":
        return any(c.dep_ == "mark" for c in head.children)
    # "Paet said that Russia was attacking the EU, accused Russian diplomats ...": a past verb cannot share the
    # reported clause's "was"; it goes on the past reporting verb's list
    return head.dep_ == "ccomp" and head.tag_ == "VBG" and verb.tag_ == "VBD" == head.head.tag_ and \
        any(c.dep_ == "aux" and c.lemma_ == "be" for c in head.children)


def into_relative_clause(verb):
    """"reacting to comments by Le Drian, who called the authorities illegitimate and said they bore full
    responsibility": spaCy joins "said" to the main verb; a non-restrictive relative clause (opened by a comma)
    that no comma closes goes on past "and", so the verb is a conjunct of the relative clause's verb (whose
    subject, "who", it shares). That verb, or None."""
    head = verb.head
    if verb.dep_ != "conj" or verb.pos_ != "VERB" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    cc = verb.doc[verb.i - 1]
    if cc.dep_ != "cc" or cc.lower_ != "and" or cc.head.i != head.i:
        return None
    for clause in verb.doc[head.i + 1:verb.i - 1]:
        if clause.dep_ == "relcl" and clause.pos_ == "VERB" and clause.right_edge.i == verb.i - 2 and \
                clause.left_edge.i > 0 and verb.doc[clause.left_edge.i - 1].text == "," and \
                any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WP", "WDT") for c in clause.children):
            return clause
    return None


def second_relative_clause(verb):
    """"Le Drian, who on Thursday called ... responsibility for Denmark's decision ..., and who said on Friday":
    spaCy joins the second "who" clause to a verb inside the first; a conjoined verb with a relative pronoun for
    subject is a conjunct of the relative clause it sits in. That clause's verb, or None."""
    if verb.dep_ != "conj" or verb.head.dep_ == "relcl" or \
            not any(c.dep_ == "nsubj" and c.tag_ in ("WP", "WDT") for c in verb.children):
        return None
    return next((a for a in verb.ancestors if a.dep_ == "relcl" and a.pos_ == "VERB" and any(
        c.dep_ == "nsubj" and c.tag_ in ("WP", "WDT") for c in a.children)), None)


def subject_taken_for_object(verb):
    """"denied any fighting had taken place and army commanders from both sides met": spaCy joins "commanders" to
    the object "place" and "met" to "taken", leaving "met" without a subject. A conjoined verb with no subject
    and no "and" of its own, right after a noun conjoined to its head's object, has that noun for subject. The
    noun and the phrases to hang on it, or None."""
    if verb.dep_ != "conj" or verb.pos_ != "VERB" or any(c.dep_ in ("nsubj", "nsubjpass", "cc") for c in verb.children):
        return None
    obj = next((c for c in verb.head.children if c.dep_ in ("dobj", "attr") and c.i < verb.i), None)
    noun = next((c for c in obj.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")), None) if obj else None
    if noun is None:
        return None
    # what lies between the noun and the verb is the noun's ("commanders from both sides", the "from" phrase
    # hung on the head verb)
    between = [p for p in verb.head.children if p.dep_ == "prep" and noun.i < p.i < verb.i]
    end = max([noun.right_edge.i] + [p.right_edge.i for p in between])
    if end != verb.i - 1 or any(p.left_edge.i <= noun.right_edge.i for p in between):
        return None
    return noun, between


def object_taken_for_subject(verb):
    """"a day after protesters stormed parliament and police shot 20 people": spaCy reads "parliament and police"
    as the subject of a clause "shot" that "stormed" takes. A verb that takes no clause and has no object of its
    own, followed at once by such a clause with no "that" and two nouns joined by "and" for subject, has the
    first noun for object; the clause, with the second noun for subject, is a conjunct. The two nouns, or None."""
    head = verb.head
    if verb.dep_ != "ccomp" or verb.pos_ != "VERB" or head.pos_ != "VERB" or head.i > verb.i or \
            head.lemma_.lower() in CLAUSE_VERBS or any(c.dep_ in ("dobj", "ccomp", "xcomp") and c != verb
                                                        for c in head.children) or \
            any(c.dep_ == "mark" for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ not in ("NOUN", "PROPN") or subject.left_edge.i != head.i + 1:
        return None
    second = next((c for c in subject.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")), None)
    if second is None or not any(c.dep_ == "cc" and c.lower_ == "and" for c in subject.children):
        return None
    return subject, second


def title_taken_for_object(noun):
    """"Kosovo and Serbia agreed ..., the EU's foreign policy chief Josep Borrell said": spaCy makes the title
    "chief" the object of the reported verb and the name alone the reporter. A noun right after the reported
    clause's comma and right before the subject of the reporting verb that follows is that subject's title. The
    subject, or None."""
    verb = noun.head
    if noun.dep_ != "dobj" or noun.pos_ != "NOUN" or verb.dep_ != "ccomp" or noun.left_edge.i == 0 or \
            noun.doc[noun.left_edge.i - 1].text != ",":
        return None
    reporter = verb.head
    if reporter.lemma_.lower() not in REPORTING or reporter.i < noun.i:
        return None
    subject = next((c for c in reporter.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"), None)
    if subject is None or subject.left_edge.i != noun.right_edge.i + 1 or subject.i > reporter.i:
        return None
    return subject




def finite_after_infinitive(verb):
    """"gave the ambassador 24 hours to leave and recalled its own envoy": spaCy joins the finite "recalled" to
    the infinitive "leave"; a verb in the past or present tense is no conjunct of a "to" infinitive, but of the
    nearest finite verb above it. That verb, or None."""
    head = verb.head
    if verb.dep_ != "conj" or verb.tag_ not in ("VBD", "VBZ") or head.tag_ != "VB" or \
            not any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children) or \
            any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    return next((a for a in head.ancestors if a.tag_ in ("VBD", "VBZ", "VBP") and a.pos_ in ("VERB", "AUX")), None)


def gapped_passive(verb):
    """"11 civilians had been killed and more than 30 people wounded": a participle joined to a passive verb,
    without an auxiliary of its own, shares its passive ("had been"): its subject is its patient. That subject,
    or None."""
    if verb.dep_ != "conj" or verb.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in verb.head.children) or \
            any(c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)


def verb_taken_for_participle(verb):
    """"Cambodia, which denied laying mines, responded by downgrading relations", "The US-led coalition bombed
    positions near Mosul": spaCy reads the sentence's verb as a participle describing the name before it, and the
    name as the whole sentence. When the participle follows a relative clause or apposition, or right after the
    name reads as active (tagged past tense, or with an object or a "to" clause of its own: a passive participle
    has neither), the name is the verb's subject and the verb the sentence's. That name, or None."""
    head = verb.head
    if verb.dep_ != "acl" or verb.tag_ not in ("VBN", "VBD") or head.dep_ != "ROOT" or \
            head.pos_ not in ("PROPN", "NOUN") or \
            any(c.dep_ in ("nsubj", "nsubjpass", "auxpass") for c in verb.children):
        return None
    if verb.doc[verb.i - 1].text == ",":
        interrupted = any(c.dep_ in ("relcl", "appos") and head.i < c.i < verb.i for c in head.children)
        return head if interrupted else None
    active = verb.tag_ == "VBD" or any(c.dep_ in ("dobj", "xcomp") for c in verb.children)
    passive = any(c.dep_ == "agent" for c in verb.children)   # "five soldiers killed by a mine"
    return head if active and not passive and verb.i == head.i + 1 else None


DENYING = frozenset({"deny", "reject", "dismiss", "dispute", "refute", "rebuff"})


def denial_taken_for_main_clause(verb):
    """"Residents accused Eritrean soldiers of killing civilians, accusations Asmara has denied": spaCy makes the
    denial the sentence's verb, with the allegation noun and the denier both its subjects and the accusation its
    complement; the accusation is the sentence's verb, and the noun, described by the denial, sums it up. The
    (accusation, noun) pair, or None."""
    if verb.dep_ != "ROOT" or verb.lemma_.lower() not in DENYING:
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if len(subjects) != 2 or subjects[0].lemma_.lower() not in ALLEGATION_NOUNS or \
            verb.doc[subjects[0].left_edge.i - 1].text != ",":
        return None
    said = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < subjects[0].i), None)
    return (said, subjects[0]) if said is not None else None


def subject_taken_for_time_conjunct(verb):
    """"Ecuador broke off relations on Monday and Venezuela expelled Colombian diplomats": spaCy joins the name
    to "Monday" and leaves the second verb without a subject; a name joined to a time word, right before a verb
    joined to the sentence's, is that verb's subject. That name, or None."""
    if verb.dep_ != "conj" or verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.i == 0 or \
            any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    name = verb.doc[verb.i - 1]
    if name.dep_ == "conj" and name.pos_ == "PROPN" and names_a_time(name.head) and name.head.i < name.i:
        return name
    return None


def report_after_quote(verb):
    """"'... it appears as though it was done by the other team,' Biden told Netanyahu": spaCy may hang the
    reporting verb after a closing quote on a verb inside the quote; the report is the sentence's verb and the
    quote its complement. The quote's root, or None."""
    if verb.dep_ not in ("ccomp", "parataxis", "conj", "advcl") or verb.lemma_.lower() not in REPORTING:
        return None
    close = [c for c in verb.children if c.tag_ == "''" and c.i < verb.i]
    if not close or not any(c.dep_ == "nsubj" and c.i > close[-1].i for c in verb.children):
        return None
    root = verb
    while root.head.i != root.i:
        root = root.head
    return root if root.i < close[-1].i else None


def auxiliary_left_behind(verb):
    """"Hasina had decided to resign ... and had, at very short notice, requested approval": spaCy joins the lone
    "had" to the first verb and the participle after the interruption to the sentence's; the participle is the
    auxiliary's verb, joined where the auxiliary was. That auxiliary, or None."""
    if verb.dep_ not in ("conj", "ccomp") or verb.tag_ not in ("VBN", "VBD") or \
            any(c.dep_ in ("aux", "nsubj") for c in verb.children):
        return None
    for aux in reversed(verb.doc[verb.head.i + 1:verb.i]):
        if aux.dep_ == "conj" and aux.lemma_.lower() in ("have", "be") and aux.head.i != verb.head.i and \
                not any(c.dep_ not in ("punct", "prep", "advmod") for c in aux.children):
            return aux
    return None


# Participles of speech that comment on what their sentence's speaker said or did ("..., accusing them of ...").
SPEECH_PARTICIPLES = frozenset({"accuse", "blame", "say", "add", "call", "warn", "urge", "note", "describe", "insist",
                                "argue", "denounce", "condemn", "claim", "cite", "charge"})


def speech_participle_on_complement(verb):
    """"demanded that Argentina and Chile pull their diplomats out, accusing them of interfering": spaCy hangs the
    speaker's comment on the verb of what was demanded or said; a speech participle after a comma at the end of a
    statement's complement is the speaker's (not "said troops shelled the town, killing five": no speech). The
    statement's verb, or None."""
    head = verb.head
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or verb.lemma_.lower() not in SPEECH_PARTICIPLES or \
            verb.doc[verb.i - 1].text != "," or head.dep_ != "ccomp" or head.head.pos_ not in ("VERB", "AUX") or \
            not any(c.dep_ == "nsubj" for c in head.head.children):
        return None
    return head.head


TIME_PREPS = frozenset({"after", "before", "following", "since"})


def time_clause_on_description(prep):
    """"blew up sections of roads linking it to the South after accusing Seoul of ...": spaCy hangs the time
    clause on the participle that describes a noun; a gerund clause of time belongs to the verb of the clause
    (whose subject it shares). That verb, or None."""
    head = prep.head
    if prep.dep_ != "prep" or prep.lower_ not in TIME_PREPS or head.dep_ != "acl" or head.tag_ != "VBG" or \
            not any(c.dep_ == "pcomp" and c.tag_ == "VBG" for c in prep.children):
        return None
    verb = head.head
    while verb.dep_ in ("pobj", "dobj", "prep", "compound", "amod", "appos", "conj") and verb.head.i != verb.i:
        verb = verb.head
    return verb if verb.pos_ in ("VERB", "AUX") and verb.i < prep.i else None


def list_taken_for_report(verb):
    """"Beijing had suspended contacts with Tokyo, postponed talks and cancelled exchanges": spaCy reads the first
    verb's clause as what the second reports. A sentence verb with no subject of its own, right after a comma
    that closes a clause with a subject before it, continues that clause's list of acts. That clause's verb, or
    None."""
    if verb.dep_ != "ROOT" or verb.tag_ not in ("VBD", "VBN") or verb.i < 2 or verb.doc[verb.i - 1].text != "," or \
            any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return None
    first = next((c for c in verb.children if c.dep_ == "ccomp" and c.right_edge.i == verb.i - 2), None)
    if first is None or first.pos_ != "VERB" or not any(c.dep_ in ("nsubj", "nsubjpass") for c in first.children):
        return None
    return first


def clause_before_semicolon(verb) -> bool:
    """"U.S. imposes sanctions on India; Japan freezes loans": spaCy reads the clause before a semicolon as what
    the verb after it reports. A clause with its own subject that a semicolon closes stands beside the next."""
    head = verb.head
    return verb.dep_ == "ccomp" and verb.i < head.i and head.lemma_.lower() not in CLAUSE_VERBS and \
        any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) and \
        any(c.text == ";" and verb.right_edge.i < c.i < head.i for c in head.children)


def register_clause_repairs() -> None:
    from spacy.language import Language

    if Language.has_factory("newsevents_clause_repairs"):
        return

    @Language.factory("newsevents_clause_repairs")
    def make_clause_repairs(nlp, name):
        def repair(doc):
            """Parser attachments the coder's rules cannot read around, mended in the tree itself."""
            for token in doc:
                if token.dep_ == "conj" and back_to_main_clause(token):
                    head, main = token.head, token.head.head
                    for c in list(head.children):   # the ", and" that joins the verb goes with it
                        if c.dep_ in ("punct", "cc") and head.i < c.i < token.i:
                            c.head = main
                    token.head = main
                elif token.dep_ == "conj" and (relative := into_relative_clause(token)) is not None:
                    token.doc[token.i - 1].head = relative   # the "and" goes with it
                    token.head = relative
                elif token.dep_ == "conj" and (finite := finite_after_infinitive(token)) is not None:
                    if doc[token.i - 1].dep_ == "cc":
                        doc[token.i - 1].head = finite   # the "and" goes with it
                    token.head = finite
                elif token.dep_ == "conj" and (relative := second_relative_clause(token)) is not None:
                    for c in list(token.head.children):   # the ", and" before it goes with it
                        if c.dep_ in ("cc", "punct") and token.i - 3 < c.i < token.i:
                            c.head = relative
                    token.head = relative
                elif of_after_conjunct(token) or origin_of_people(token):
                    token.head = doc[token.i - 1]
                elif agent_after_object(token):
                    token.head = next(c for c in token.head.children
                                      if c.dep_ == "dobj" and c.right_edge.i == token.i - 1)
                    token.dep_ = "prep"
                elif (verb := time_clause_on_description(token)) is not None:
                    token.head = verb
                elif (speaker := speech_participle_on_complement(token)) is not None:
                    doc[token.i - 1].head = speaker   # the comma goes with it
                    token.head = speaker
                elif between_of_subject(token):
                    token.head = next(c for c in token.head.children if c.dep_ == "nsubj")
                joined = object_taken_for_subject(token)
                if joined is not None:
                    first, second = joined
                    head = token.head
                    for c in list(first.children):   # the "and" now joins the clauses
                        if c.dep_ == "cc" and first.i < c.i < second.i:
                            c.head = head
                    first.head, first.dep_ = head, "dobj"
                    second.head, second.dep_ = token, "nsubj"
                    token.dep_ = "conj"
                described = participle_taken_for_gerund(token)
                if described is not None:
                    described.head, described.dep_ = token.head, "pobj"
                    token.head, token.dep_ = described, "amod"
                if (aux := auxiliary_left_behind(token)) is not None:
                    token.head, token.dep_, aux.head, aux.dep_ = aux.head, "conj", token, "aux"
                if (quoted := report_after_quote(token)) is not None:
                    for c in list(quoted.children):   # what follows the report is the report's
                        if c.i > token.i:
                            c.head = token
                    token.head, token.dep_ = token, "ROOT"
                    quoted.head, quoted.dep_ = token, "ccomp"
                if (named := subject_taken_for_time_conjunct(token)) is not None:
                    for c in list(named.head.children):   # the "and" now joins the clauses
                        if c.dep_ == "cc" and c.i < named.i:
                            c.head = token.head
                    named.head, named.dep_ = token, "nsubj"
                if (subject := verb_taken_for_participle(token)) is not None:
                    for c in list(subject.children):   # what follows the verb is the verb's
                        if c.i > token.i:
                            c.head = token
                    token.head, token.dep_, token.tag_ = token, "ROOT", "VBD"   # a finite verb, not a participle
                    subject.head, subject.dep_ = token, "nsubj"
                    for c in token.children:
                        if c.dep_ == "agent":   # "responded by downgrading": an active verb's means
                            c.dep_ = "prep"
                if (answered := denial_taken_for_main_clause(token)) is not None:
                    said, noun = answered
                    for c in list(token.children):   # the comma and the full stop close the accusation
                        if c.dep_ == "punct":
                            c.head = said
                    said.head, said.dep_ = said, "ROOT"
                    noun.head, noun.dep_ = said, "npadvmod"
                    token.head, token.dep_ = noun, "relcl"
                if (first := list_taken_for_report(token)) is not None:
                    for c in list(token.children):   # the list's other verbs, and its punctuation, join the first
                        if c.dep_ == "punct" or (c.dep_ in ("conj", "cc") and c.i > token.i):
                            c.head = first
                    first.head, first.dep_ = first, "ROOT"
                    token.head, token.dep_ = first, "conj"
                if (noun := gerund_taken_for_subject(token)) is not None:
                    noun.head, noun.dep_ = token.head, "nsubj"
                    token.head, token.dep_ = noun, "acl"
                if clause_before_semicolon(token):
                    token.dep_ = "parataxis"
                if (patient := gapped_passive(token)) is not None:
                    patient.dep_ = "nsubjpass"
                if name_taken_for_modal(token):
                    token.tag_, token.pos_, token.dep_ = "NNP", "PROPN", "nsubj"
                listed = list_item_taken_for_apposition(token)
                if listed is not None:
                    token.head, token.dep_ = listed, "conj"
                named = title_taken_for_object(token)
                if named is not None:
                    token.head, token.dep_ = named, "compound"
                found = subject_taken_for_object(token)
                if found is not None:
                    subject, phrases = found
                    for c in list(subject.head.children):   # the "and" before the noun now joins the clauses
                        if c.dep_ == "cc" and c.i < subject.i:
                            c.head = token.head
                    for p in phrases:
                        p.head = subject
                    subject.head, subject.dep_ = token, "nsubj"
            return doc

        return repair
