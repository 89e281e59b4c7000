"""Modality: does the text assert the event, or only deny, fear, plan, threaten or speculate about it?

Walks from the event's trigger up the dependency tree. The trigger's own negation and modal auxiliaries count;
so do the verbs and nouns that govern it ("feared ... would strike", "a plan to fire", "denied that ...",
"accused X of trying to ..."), up to a reporting verb ("officials said Russian forces shelled ..." stays
asserted) or a relative or temporal clause, which describe facts of their own.
"""
from __future__ import annotations

from dataclasses import dataclass

from newsevents.coding.english import INTENTION_NOUNS, SETTING_NOUNS
from newsevents.coding.parse_facts import children, sentence_text

ASSERTED, NEGATED, HYPOTHETICAL, FUTURE = "asserted", "negated", "hypothetical", "future"

HYPOTHETICAL_MODALS = frozenset({"could", "might", "may", "should", "can", "must", "ought"})
FUTURE_MODALS = frozenset({"will", "shall", "'ll", "wo"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})
NO_ONE = frozenset({"none", "nobody", "nothing"})   # a subject that names no doer
FINITE = frozenset({"VBD", "VBZ", "VBP"})

# Governing verbs: what their complement becomes. A verb belongs to one kind only ("expect" is a guess).
GOVERNORS = {
    HYPOTHETICAL: frozenset({
        "fear", "worry", "suspect", "speculate", "believe", "think", "expect", "predict", "guess", "suggest",
        "estimate", "assume", "imagine", "doubt", "wonder", "question", "allege", "accuse", "blame", "claim",
        "rumour", "rumor", "risk", "threaten", "warn", "caution", "urge", "ask", "call", "appeal", "demand",
        "request", "press", "pressure", "push", "want", "wish", "hope", "seek", "try", "attempt", "insist",
        "recommend", "propose", "consider", "weigh", "mull", "contemplate", "debate", "discuss",
        "explore", "study", "examine", "review", "decide", "determine", "choose", "condition", "persuade",
        "convince", "encourage", "bank", "count", "bet", "gamble", "appear", "seem", "invite", "implore", "beg",
        "advise",
    }),
    FUTURE: frozenset({
        "plan", "intend", "aim", "prepare", "agree", "pledge", "promise", "vow", "offer", "commit", "resolve",
        "schedule", "set", "vote", "approve", "authorize", "authorise", "ready", "poise", "require",
    }),
    NEGATED: frozenset({"deny", "refuse", "reject", "dismiss", "rule", "fail", "decline", "avoid", "stop",
                        "prevent", "halt", "cancel", "abandon", "postpone", "delay", "rebut", "refute"}),
}
# Verbs saying that an act (their subject) has stopped going on.
STALLING = frozenset({"stall", "collapse", "falter", "founder", "stagnate", "deadlock", "freeze"})
# Governors of an allegation: what a restrictive relative clause inside it says is alleged with it.
ALLEGING = frozenset({"allege", "accuse", "blame", "suspect", "claim"})
# Verbs that keep their object from an act: "barred Iraqis from flying", "banned him from contesting" (not done).
PREVENTING = frozenset({"bar", "ban", "prohibit", "forbid", "block", "keep", "deter", "restrain", "discourage",
                        "dissuade", "stop", "prevent", "refrain", "abstain", "desist", "exclude", "disqualify"})
# Nouns whose complement is not a fact ("a plan to fire", "fears of an attack", "the threat of war").
GOVERNING_NOUNS = {
    HYPOTHETICAL: frozenset({"fear", "concern", "risk", "possibility", "prospect", "threat", "danger", "chance",
                             "speculation", "rumour", "rumor", "allegation", "accusation", "claim", "suspicion",
                             "warning", "option", "scenario", "question", "demand", "call", "appeal", "request",
                             "bid", "attempt", "effort", "push", "pressure", "guess", "idea", "proposal", "offer",
                             "condition", "ultimatum", "consideration", "hope", "right", "ability", "capacity",
                             "power", "freedom", "prerogative", "temptation", "urge", "need", "provision",
                             "permission", "authorisation", "authorization", "mandate"}),
    FUTURE: frozenset({"plan", "intention", "preparation", "decision", "promise", "pledge", "vow", "readiness",
                       "commitment", "agreement", "deal", "deadline", "move", "accord", "protocol", "treaty",
                       "memorandum", "pact"}),
    NEGATED: frozenset({"denial", "refusal", "rejection"}),
}
CONTENT_NOUNS = frozenset().union(*GOVERNING_NOUNS.values())
# What a deal, a treaty or an agreement does by being signed ("signed a deal to end the fighting").
DONE_BY_SIGNING = frozenset({"end", "cease", "halt", "stop", "annex", "settle", "resolve", "formalise", "formalize",
                             "seal", "conclude", "finalise", "finalize"})
# Adjectives of readiness: their complement is an intention ("willing to talk", "ready to help").
WILLING = frozenset({"willing", "ready", "prepared", "eager", "determined", "poised", "keen", "set", "able", "due"})
# Adjectives of inability: their complement was not done ("was unable to confirm", "unwilling to attend").
UNABLE = frozenset({"unable", "unwilling", "powerless"})
# Reporting verbs: the complement keeps its own modality (reporters treat reported facts as facts).
REPORTING = frozenset({"say", "tell", "report", "confirm", "state", "announce", "add", "note", "acknowledge",
                       "admit", "disclose", "reveal", "show", "find", "conclude", "establish", "write",
                       "explain", "describe", "recall", "according", "learn", "discover", "know", "verify"})
# Prepositions that set an act's circumstances, not its content: "agreed at talks", "pledged during a visit"
CIRCUMSTANCE_PREPS = frozenset({"at", "during", "after", "before", "since", "amid", "despite"})
# Clause marks that make a subordinate clause non-factual.
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
# Clause marks of time: such a clause is as real as its main clause ("would keep marching until Ruto resigned").
TEMPORAL_MARKS = frozenset({"until", "till", "before", "once", "after", "when", "whenever"})


@dataclass(frozen=True, slots=True)
class Modality:
    label: str
    reason: str = ""       # what made it non-asserted ("neg:not", "modal:would", "governor:fear")
    under_report: bool = False   # inside a reporting verb's complement ("said that ...")
    report_past: bool = False    # that reporting verb is in the past tense ("said ... would" = reported future)
    anchor: int | None = None    # token index of the governing or reporting verb (who announced it, and when)


def _own_marks(token) -> tuple[str | None, str]:
    """Negation or modal auxiliaries attached to this token itself."""
    for c in children(token):
        if c.dep_ == "neg" or (c.dep_ in ("advmod", "det", "preconj", "cc") and c.lower_ in ("never", "no", "neither", "nor")
                               and c.head.i == token.i):
            return NEGATED, f"neg:{c.lower_}"
    if token.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "any" for c in children(token)):
        return HYPOTHETICAL, "det:any"   # "any meeting between them", "any attack": no particular act
    for c in children(token):
        if c.dep_ == "aux" and c.tag_ == "MD":
            w = c.lower_
            if w in FUTURE_MODALS:
                return FUTURE, f"modal:{w}"
            if w == "would":
                return "would", "modal:would"
            if w in HYPOTHETICAL_MODALS:
                return HYPOTHETICAL, f"modal:{w}"
        if c.dep_ == "aux" and c.lower_ == "going" and any(x.lower_ == "to" for x in children(token)):
            return FUTURE, "going to"
    return None, ""


def _nothing_done(token) -> bool:
    """"gave no details", "sent no troops", "said nothing": an act whose object is none was not done."""
    return token.pos_ == "VERB" and any(
        c.dep_ == "dobj" and (c.lower_ in ("nothing", "none") or any(d.dep_ == "det" and d.lower_ == "no"
                                                                      for d in children(c)))
        for c in children(token))


def _nobody_did(token) -> bool:
    """"no ministers would attend", "none of them voted", "neither side fired": an act whose doers are none was
    not done (a conjoined verb without a subject of its own shares its head's)."""
    while token.dep_ == "conj" and token.pos_ in ("VERB", "AUX") and \
            not any(c.dep_ in ("nsubj", "nsubjpass") for c in children(token)):
        token = token.head
    return token.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "nsubj" and (c.lower_ in NO_ONE or any(d.dep_ in ("det", "preconj") and d.lower_ in ("no", "neither")
                                                         for d in children(c)))
        for c in children(token))


def _stalled(noun) -> bool:
    """"Talks between Tehran and Washington have stalled", "the talks broke down": what stalled is not going on."""
    head = noun.head
    return noun.pos_ == "NOUN" and noun.dep_ == "nsubj" and (head.lemma_.lower() in STALLING or (
        head.lemma_.lower() == "break" and any(c.dep_ == "prt" and c.lower_ == "down" for c in children(head))))


def _describing_participle(token) -> bool:
    """"the talks hosted by Malaysia": a participle describing a noun is a fact of its own, out of the reach of
    what governs the noun ("the ceasefire was agreed at talks hosted by ...")."""
    return token.dep_ == "acl" and token.tag_ == "VBN" and not any(c.dep_ in ("aux", "mark") for c in children(token))


def _goes_on(token) -> bool:
    """"would go on targeting ships": spaCy hangs the gerund of "go on", "carry on", "keep on" as an adverbial
    clause; it is the verb's complement, and shares its modality."""
    head = token.head
    return token.tag_ == "VBG" and head.lemma_.lower() in ("go", "carry", "keep") and \
        any(c.dep_ == "prt" and c.lower_ == "on" for c in children(head))


def modality_of(trigger, stop_at=None) -> Modality:
    """The modality of the event whose trigger token is `trigger` (a verb or an event noun)."""
    if sentence_text(trigger).rstrip().endswith("?"):
        return Modality(HYPOTHETICAL, "question")
    token = trigger
    under_report = report_past = False
    first = True
    label, reason = None, ""
    anchor = None
    direct = True
    joined_to = None
    for _ in range(12):
        if token.i == trigger.i and _nothing_done(token):
            return Modality(NEGATED, "neg:no object")
        if token.i == trigger.i and _nobody_did(token):
            return Modality(NEGATED, "neg:no subject")
        if token.i == trigger.i and _stalled(token):
            return Modality(NEGATED, "stalled")
        if token.pos_ in ("VERB", "AUX") or token.i == trigger.i:
            own, why = _own_marks(token)
            if own == NEGATED and token.i != joined_to:
                return Modality(NEGATED, why, under_report, report_past)
            if own and own != NEGATED and label is None and token.i != joined_to:
                label, reason = own, why
        if token.pos_ == "VERB" and token.dep_ in ("conj",) and token.tag_ not in FINITE and \
                not any(c.dep_ in ("nsubj", "nsubjpass") for c in children(token)):
            # Conjoined verbs share the first verb's auxiliaries ("would impose tariffs and close the border"); a
            # finite one has its own tense ("would review its relations ... and imposed visa restrictions")
            own, why = _own_marks(token.head)
            if own and own != NEGATED and label is None:
                label, reason = own, why
            elif label is None and (intention := _intention_object(token.head)) is not None:
                # "signed protocols to establish relations and reopen their border": both are the protocols'
                label = next(k for k, words in GOVERNING_NOUNS.items() if intention.lemma_.lower() in words)
                reason = f"governor:{intention.lemma_.lower()}"
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in children(token)):
            return Modality(HYPOTHETICAL, "conditional", under_report, report_past)
        dep, head = token.dep_, token.head
        intention = _intention_object(token)
        if intention is not None:   # "welcoming the Musharraf pledge to quit": the parser hung "to quit" on the verb
            kind = next(k for k, words in GOVERNING_NOUNS.items() if intention.lemma_.lower() in words)
            return Modality(kind, f"governor:{intention.lemma_.lower()}", under_report, report_past, intention.i)
        if head.pos_ == "ADP" and head.dep_ in ("prt", "prep") and head.head.pos_ == "VERB" and (
                head.head.lemma_.lower() in GOVERNORS[NEGATED] or (
                head.lower_ == "from" and dep == "pcomp" and head.head.lemma_.lower() in PREVENTING)):
            return Modality(NEGATED, f"governor:{head.head.lemma_.lower()} {head.lower_}", under_report, report_past)
        if head.lower_ == "without" and dep in ("pcomp", "pobj"):
            return Modality(NEGATED, "without", under_report, report_past)   # "bombed homes without warning"
        if dep == "relcl" and head.lemma_.lower() == "time" and any(
                c.dep_ == "det" and c.lower_ in ("every", "each", "any") for c in children(head)):
            outer = modality_of(head, stop_at)   # "to execute a hostage every time Israel bombed": as its main clause
            if outer.label != ASSERTED:
                return Modality(outer.label, f"time clause:{outer.reason}", outer.under_report, outer.report_past,
                                outer.anchor)
        if head.lemma_.lower() in ("have", "be") and any(c.lower_ == "yet" for c in children(head)):
            return Modality(NEGATED, "yet to", under_report, report_past)   # "has yet to sign"
        if dep == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in children(token)):
            break   # a coordinated clause with its own subject stands on its own
        if head.i == token.i or (stop_at is not None and head == stop_at):
            break
        if dep == "advcl" and token.tag_ == "VBG" and head.lemma_.lower() in GOVERNORS[NEGATED] and \
                not any(t.text == "," for t in token.doc[head.i:token.i]):
            # "ruled out sending troops": the gerund is what is ruled out ("postponed a trip, telling X": not)
            return Modality(NEGATED, f"governor:{head.lemma_.lower()}", under_report, report_past, head.i)
        if dep == "xcomp" and head.lemma_.lower() == "be" and _infinitive(token) and \
                any(c.dep_ == "aux" and c.lower_ == "have" for c in children(token)):
            # "Biden was to have met King Abdullah": a plan that did not happen
            return Modality(HYPOTHETICAL, "be to have", under_report, report_past, head.i)
        main = _unreal_main_of_time_clause(token, stop_at) if dep == "advcl" and direct else None
        if main is not None:
            return Modality(main.label, f"time clause:{main.reason}", main.under_report, main.report_past, main.anchor)
        # "a call for its forces to be deployed": the parser's infinitival relative clause is the noun's content
        content = dep == "relcl" and _infinitive(token) and head.lemma_.lower() in CONTENT_NOUNS
        # "accused Congo of supporting a militia that threatens it" (a restrictive clause describing its noun),
        # "accused the separatists of shooting down an airliner, killing all 298 people on board" (a participle
        # whose doer is the accused act's): alleged with the accusation
        if label is None and ((dep == "relcl" and not content and head.dep_ != "appos" and _restrictive(token)) or (
                dep == "advcl" and token.tag_ == "VBG" and
                not any(c.dep_ in ("nsubj", "nsubjpass") for c in children(token)))):
            alleged = _alleged_with(head, stop_at)
            if alleged is not None:
                return alleged
        if (dep == "relcl" and not content) or (
                dep == "advcl" and not _conditional_advcl(token) and not _goes_on(token)) or \
                _describing_participle(token):
            break
        lemma = head.lemma_.lower()
        if not first or token.i != trigger.i or dep in ("xcomp", "ccomp", "pcomp", "pobj", "prep", "acl",
                                                         "advcl", "dobj", "nsubj", "nsubjpass", "conj", "appos"):
            if head.pos_ in ("VERB", "AUX"):
                if lemma in REPORTING and dep in ("ccomp", "conj", "advcl", "parataxis", "xcomp"):
                    under_report = True
                    # "said ..., adding that X would": a participle reports in its governing verb's tense
                    teller = head.head if head.tag_ == "VBG" and head.dep_ in ("advcl", "conj") else head
                    report_past = teller.tag_ in ("VBD", "VBN")
                    anchor = head.i
                    break
                for kind, words in GOVERNORS.items():
                    infinitive = dep == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in children(token))
                    if dep == "prep" and (token.lower_ in CIRCUMSTANCE_PREPS or (token.lower_ == "in" and any(
                            c.lemma_.lower() in SETTING_NOUNS for c in children(token)))):
                        break   # "agreed at talks in Putrajaya", "in a phone call": where and when, not what
                    if lemma in words and (dep in ("ccomp", "xcomp", "pcomp", "prep", "dobj") or infinitive) and \
                            not (lemma == "appear" and any(c.dep_ == "prep" and c.lower_ in ("on", "at", "before")
                                                           for c in children(head))):
                        # ("appeared on state television to apologise": came before the public, and did)
                        if kind == NEGATED:
                            return Modality(NEGATED, f"governor:{lemma}", under_report, report_past, head.i)
                        if label is None:
                            label, reason, anchor = kind, f"governor:{lemma}", head.i
                        break
            elif head.pos_ == "ADJ" and dep == "xcomp" and lemma in UNABLE:
                return Modality(NEGATED, f"governor:{lemma}", under_report, report_past, head.i)
            elif head.pos_ == "ADJ" and dep == "xcomp" and lemma in WILLING:
                if label is None:   # "is willing to withdraw", "ready to help": a stated intention
                    label, reason, anchor = FUTURE, f"governor:{lemma}", head.i
            elif head.pos_ in ("NOUN", "PROPN") and (dep in ("prep", "pobj", "xcomp", "ccomp", "compound") or (
                    dep in ("acl", "advcl", "relcl") and _infinitive(token))):
                if lemma in GOVERNING_NOUNS[FUTURE] | GOVERNING_NOUNS[HYPOTHETICAL] and any(
                        c.dep_ == "det" and c.lower_ == "no" for c in children(head)):
                    return Modality(NEGATED, f"governor:no {lemma}", under_report, report_past, head.i)
                for kind, words in GOVERNING_NOUNS.items():
                    if lemma in words:
                        if kind == NEGATED:
                            return Modality(NEGATED, f"governor:{lemma}", under_report, report_past)
                        if label is None:
                            label, reason = kind, f"governor:{lemma}"
                        break
        first = False
        direct = direct and dep in ("xcomp", "ccomp", "conj")   # still the clause's own verb chain
        # "did not attack Kyiv but shelled Kharkiv", "was not ready and called the decision senseless": a finite
        # verb joined by "and" or "but" is a clause of its own, without the first one's "not" ("did not attack or
        # shell", "has not attacked and killed" share it)
        joined_to = head.i if dep == "conj" and token.tag_ in FINITE and not any(
            c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in children(head) if c.i < token.i) else None
        token = head
    if label == "would":
        # "said ... would" reports a future act; a bare "would" is conditional.
        label = FUTURE if (under_report and report_past) else HYPOTHETICAL
    return Modality(label or ASSERTED, reason, under_report, report_past, anchor)


def _intention_object(token):
    """The intention noun an infinitive describes when the parser hangs it on the verb taking that noun as object."""
    # ("signed a deal to release the hostages": the parser may hang it as a purpose clause too; but "signed a deal
    # to end the fighting", "treaties to annex four regions": what the signing itself does)
    if token.dep_ not in ("xcomp", "advcl") or not _infinitive(token) or token.head.pos_ != "VERB" or (
            token.dep_ == "advcl" and token.lemma_.lower() in DONE_BY_SIGNING):
        return None
    nouns = GOVERNING_NOUNS[FUTURE] | GOVERNING_NOUNS[NEGATED] | INTENTION_NOUNS
    return next((c for c in children(token.head) if c.dep_ == "dobj" and c.i < token.i and c.lemma_.lower() in nouns
                 and any(k for k, words in GOVERNING_NOUNS.items() if c.lemma_.lower() in words)), None)


def _unreal_main_of_time_clause(clause, stop_at) -> Modality | None:
    """The modality of the main clause of a time clause ("until ...", "once ...", "when ...") when that main
    clause is only planned, expected or conditional ("will stay until the rebels surrender"), else None. A past
    tense under "will" is a fact of its own."""
    marks = [c.lower_ for c in children(clause) if c.dep_ == "mark"]
    if not any(m in TEMPORAL_MARKS for m in marks):
        return None
    main = modality_of(clause.head, stop_at)
    if main.label not in (FUTURE, HYPOTHETICAL):
        return None
    past = clause.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in children(clause))
    # "would keep marching until Ruto resigned" is a future told in the past; "would withdraw the bill, a day
    # after protesters stormed parliament" tells what happened
    if not past or (main.reason == "modal:would" and any(m in ("until", "till", "once") for m in marks)):
        return main
    return None


def _alleged_with(head, stop_at) -> Modality | None:
    """The modality of what `head` says, when an allegation governs it ("within governor:accuse"); else None."""
    outer = modality_of(head, stop_at)
    if outer.label == HYPOTHETICAL and outer.reason.removeprefix("governor:") in ALLEGING:
        return Modality(HYPOTHETICAL, f"within {outer.reason}", outer.under_report, outer.report_past, outer.anchor)
    return None


def _restrictive(clause) -> bool:
    """A relative clause not set off from its noun by a comma ("a militia that threatens it", not ", which ...")."""
    start = min(t.i for t in clause.subtree)
    return not any(t.text in (",", "(", "-", "--") for t in clause.doc[clause.head.i + 1:start + 1])


def _infinitive(token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in children(token))


def _conditional_advcl(token) -> bool:
    """An adverbial clause that is a condition or purpose, not a time or reason."""
    for c in children(token):
        if c.dep_ == "mark":   # ... "for people to travel": a for-to infinitive, a possibility
            return c.lower_ in CONDITIONAL_MARKS or c.lower_ in ("to", "so") or (c.lower_ == "for" and _infinitive(token))
        if c.dep_ == "aux" and c.lower_ == "to":
            return True
    return False
