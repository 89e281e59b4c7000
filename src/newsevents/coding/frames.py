"""Event frames: the triggers of a parsed sentence with the tokens that fill their source and target slots.

A frame is found for
- a verb matching a verb rule ("shelled", "was shelled by", "shot down"),
- a light verb governing an event noun ("held talks", "carried out strikes", "imposed sanctions"),
- "claimed responsibility for <event noun>",
- an event noun with its own source ("Ukrainian shelling", "Israel's strike on Iran").
Aspectual and causative verbs ("began pumping", "ordered troops to withdraw") pass their subject down.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from newsevents.coding.verbs import VerbLexicon, direct_object, object_head

SUBJECT_DEPS = ("nsubj", "csubj")
# Prepositions that introduce a target, in order of preference.
TARGET_PREPS = ("on", "against", "at", "with", "between", "among", "into", "to", "toward", "towards", "from", "over", "in", "across",
                "upon", "for", "of", "outside", "near", "around", "off", "inside", "as", "by")
ASPECTUAL = frozenset({"begin", "start", "continue", "resume", "keep", "stop", "finish", "help", "try", "attempt",
                       "move", "seek", "manage", "go", "come", "order", "instruct", "direct", "force", "tell",
                       "allow", "authorize", "authorise", "use", "vote", "decide", "choose", "agree", "plan",
                       "prepare", "threaten", "vow", "pledge", "promise", "offer", "intend", "aim", "want",
                       "refuse", "fail", "hope", "expect", "consider"})
# Speech verbs whose complement may name the statement's target ("said that peace talks with Ukraine ...").
SPEECH_CODES = frozenset({"010", "015", "016", "130", "112", "111", "120", "100", "020", "051"})


@dataclass(slots=True)
class Frame:
    trigger: object                  # the token whose modality and date the event takes
    code: str
    rule_id: str
    kind: str                        # verb | light | noun | claim
    sources: list = field(default_factory=list)   # head tokens of source phrases
    targets: list = field(default_factory=list)   # head tokens of target phrases, in preference order
    noun: object = None              # the event noun, for light/noun/claim frames
    complement: object = None        # a speech verb's complement clause head
    modality_token: object = None    # where modality is read when not at the trigger (the verb "claimed")


def subject_of(verb, depth: int = 0):
    """The subject of a verb, inherited from the governing verb for xcomp/conj/participle clauses."""
    for c in verb.children:
        if c.dep_ in SUBJECT_DEPS:
            return c
    for c in verb.children:
        if c.dep_ == "agent":        # passive: "was shelled by X"
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    if depth > 4:
        return None
    controller = _object_controller(verb)
    if controller is not None:
        return controller   # "accused Moscow of attacking", "urged Israel not to attack": the object acts
    if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" and verb.head.dep_ in ("acomp", "xcomp"):
        return subject_of(verb.head.head, depth + 1)   # "France is ready to contribute troops"
    if verb.dep_ in ("xcomp", "conj", "advcl", "pcomp") and verb.head != verb and verb.head.pos_ in ("VERB", "AUX"):
        if verb.dep_ == "advcl" and any(c.dep_ == "mark" for c in verb.children):
            return None   # "after protesters stormed ...": a clause with its own subject, not ours
        if any(c.dep_ == "nsubjpass" for c in verb.head.children) and verb.dep_ == "conj":
            return None
        if verb.dep_ == "xcomp" and not any(c.dep_ == "agent" for c in verb.head.children):
            raised = next((c for c in verb.head.children if c.dep_ == "nsubjpass"), None)
            if raised is not None:
                return raised   # "The EU is expected to impose sanctions": the EU imposes them
        return subject_of(verb.head, depth + 1)
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ == "VERB":
        return subject_of(verb.head.head, depth + 1)
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.dep_ == "dobj" and verb.head.head.pos_ == "VERB":
        return subject_of(verb.head.head, depth + 1)   # "published agreements, demanding that ..."
    if verb.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
            and verb.head.dep_ in ("dobj", "nsubjpass") and verb.head.head.pos_ == "VERB":
        return subject_of(verb.head.head, depth + 1)   # "send a delegation to meet X": the sender meets X
    return None


# Verbs whose object is the subject of their complement ("accused X of attacking", "urged X to stop").
OBJECT_CONTROL = frozenset({"accuse", "blame", "urge", "ask", "call", "press", "warn", "implore", "encourage",
                            "pressure", "push", "invite", "request", "persuade", "convince", "suspect", "criticise",
                            "criticize", "condemn", "praise", "thank", "help", "allow", "permit", "forbid"})


def _object_controller(verb):
    """The governing verb's object when it controls this complement, else None."""
    head = verb.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ == "VERB":
        head = head.head
    elif head.pos_ != "VERB" or not (verb.dep_ in ("xcomp", "ccomp") or (
            verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children))):
        return None   # ("called on Belgrade to withdraw" may hang the infinitive as an adverbial clause)
    if head.lemma_.lower() not in OBJECT_CONTROL:
        return None
    if head.lemma_.lower() == "call":   # "called on X to ..."
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("on", "upon"):
                return next((p for p in prep.children if p.dep_ == "pobj"), None)
        return None
    return next((c for c in head.children if c.dep_ in ("dobj", "obj")), None)


def is_passive(verb) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _preps(token):
    for c in token.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in TARGET_PREPS:
            for p in c.children:
                if p.dep_ == "pobj":
                    yield c.lower_, object_head(p)
                elif p.dep_ == "pcomp":   # "on what it called terrorist infrastructure at nine sites in ..."
                    for x in p.children:
                        if x.dep_ in ("dobj", "oprd") and x.tag_ not in ("WP", "WDT"):
                            yield c.lower_, object_head(x)
                        elif x.dep_ == "prep":
                            yield c.lower_, x


FORCE_NOUNS = frozenset({"attack", "strike", "airstrike", "raid", "bombing", "shelling", "bombardment", "offensive",
                         "invasion", "incursion", "assault", "barrage", "operation", "fighting", "clash",
                         "killing", "massacre", "blockade", "drill", "exercise", "protest", "demonstration"})
LOCATIVE = frozenset({"in", "at", "across", "inside", "outside", "near", "around", "off", "over"})


def target_candidates(verb, obj, code: str = "") -> list:
    """Target phrase heads in preference order: the object, phrases inside it, then the verb's prepositions.
    A locative phrase of the verb ("met in Helsinki") is a target only for uses of force ("struck in Iran")."""
    out = []
    if obj is not None:
        out.append(obj)
        # Investigating or condemning "crimes by X against Y" is aimed at X, the perpetrator.
        first = "by" if code[:2] in ("09", "11") else ""
        for prep, pobj in sorted(_preps(obj), key=lambda x: (x[0] != first, TARGET_PREPS.index(x[0]))):
            out.append(pobj)
            out.extend(p for _, p in _preps(pobj))
    for c in verb.children:
        if c.dep_ in ("dative", "iobj") and c.pos_ in ("PROPN", "NOUN", "PRON"):
            out.append(c)
    verb_preps = sorted(_preps(verb), key=lambda x: TARGET_PREPS.index(x[0]))
    if code and code[:2] not in ("14", "15", "17", "18", "19", "20") and code[:3] != "042":
        verb_preps = [(p, t) for p, t in verb_preps if p not in LOCATIVE]   # "visited" / "arrived in": destination
    out.extend(p for _, p in verb_preps)
    return out


def find_frames(sent, lexicon: VerbLexicon) -> list[Frame]:
    frames: list[Frame] = []
    used_nouns: set[int] = set()
    nouns = []
    for tok in sent:
        pos = tok.pos_
        if pos == "VERB" or (pos == "AUX" and tok.dep_ == "ROOT" and tok.lemma_ != "be"):
            frame = _verb_frame(tok, lexicon, used_nouns)
            if frame is not None:
                frames.append(frame)
        elif pos in ("NOUN", "PROPN") and tok.lemma_.lower() in lexicon.noun_heads:
            nouns.append(tok)
    for tok in nouns:   # after the verbs: a noun a verb already took ("held talks") is not an event of its own
        if tok.i not in used_nouns:
            frame = _noun_frame(tok, lexicon)
            if frame is not None:
                frames.append(frame)
    return frames


def _verb_frame(verb, lexicon: VerbLexicon, used_nouns: set[int]) -> Frame | None:
    lemma = verb.lemma_.lower()
    if lemma != "claim" and lemma not in lexicon.light_verbs and lemma not in ASPECTUAL and \
            lexicon.match_verb(verb) is None:
        return None   # most verbs code nothing: decide that before reading the parse around them
    subj = subject_of(verb)
    passive = is_passive(verb)
    obj = direct_object(verb)
    if obj is None and verb.dep_ == "relcl" and subj is not None and subj.i != verb.head.i and not passive:
        obj = verb.head   # "21 Egyptian Christians it had kidnapped": the relative clause's object
    if obj is None and verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN" and verb.head.pos_ in ("PROPN", "NOUN"):
        obj = verb.head   # "New Caledonia, annexed by France in 1853": a passive participle's object
        passive = True    # ... and its source is only ever the "by" phrase ("women held hostage": none)
    if passive:
        subj_pass = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if subj_pass is not None:
            obj = object_head(subj_pass)
    # "claimed responsibility for the bombing": the claimed act is the claimant's event.
    if lemma == "claim" and obj is not None and obj.lemma_.lower() == "responsibility":
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ == "for":
                for p in prep.children:
                    noun = object_head(p)
                    rule = lexicon.match_noun(noun, governed=True)
                    if p.dep_ == "pobj" and rule is not None:
                        used_nouns.add(noun.i)
                        return Frame(noun, lexicon.refine_noun(rule, noun), f"claim+{rule.id}", "claim",
                                     [subj] if subj is not None else [], noun_targets(noun), noun,
                                     modality_token=verb)
        return None
    # Light verbs: the event is the noun they govern.
    if lemma in lexicon.light_verbs and obj is not None and not passive:
        rule = lexicon.match_noun(obj, governed=True)
        if rule is not None:
            used_nouns.add(obj.i)
            code = lexicon.refine_noun(rule, obj)
            targets = noun_targets(obj) + target_candidates(verb, None, code)
            return Frame(verb, code, f"{lemma}+{rule.id}", "light",
                         [subj] if subj is not None else [], targets, obj)
    if passive and obj is not None and lemma in lexicon.light_verbs:
        rule = lexicon.match_noun(obj, governed=True)
        if rule is not None:
            used_nouns.add(obj.i)
            agent = _agent(verb)
            return Frame(verb, lexicon.refine_noun(rule, obj), f"{lemma}+{rule.id}", "light",
                         [agent] if agent is not None else [], noun_targets(obj) + target_candidates(verb, None), obj)
    # Aspectual and causative verbs pass the event to their complement ("began pumping", "ordered ... to withdraw").
    if lemma in ASPECTUAL and any(c.dep_ == "xcomp" and c.pos_ == "VERB" for c in verb.children):
        if lexicon.match_verb(verb) is None or lemma in ("begin", "start", "continue", "resume", "order", "use"):
            return None
    rule = lexicon.match_verb(verb)
    if rule is None:
        return None
    if passive:
        agent = _agent(verb)
        sources = [agent] if agent is not None else []
        if agent is None and rule.code[:2] == "03":   # "Vietnam is committed to ...": a stance, not a patient
            sources = [c for c in verb.children if c.dep_ == "nsubjpass"]
    else:
        sources = [subj] if subj is not None else []
    targets = target_candidates(verb, obj, rule.code)
    # "agreed to send a delegation to meet Russian officials": the target may sit in the complement.
    for c in verb.children:
        if c.dep_ == "xcomp" or (c.dep_ == "ccomp" and rule.code[:2] in ("03", "08", "13")):
            targets += target_candidates(c, direct_object(c), rule.code)
            for cc in c.children:
                if cc.dep_ in ("advcl", "xcomp", "acl"):
                    targets += target_candidates(cc, direct_object(cc), rule.code)
            obj_c = direct_object(c)
            if obj_c is not None:
                for cc in obj_c.children:
                    if cc.dep_ in ("acl", "relcl") and cc.pos_ == "VERB":
                        targets += target_candidates(cc, direct_object(cc), rule.code)
    complement = next((c for c in verb.children if c.dep_ in ("ccomp", "parataxis")), None)
    if complement is None and rule.code[:3] in SPEECH_CODES:
        # "acknowledged for the first time that Israel killed ...": the parser may hang the that-clause lower.
        complement = next((t for t in verb.subtree if t.dep_ in ("relcl", "acl", "ccomp") and t.pos_ == "VERB"
                           and any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children)), None)
    if obj is not None and lexicon.match_noun(obj, governed=False) is not None:
        used_nouns.add(obj.i)   # "condemned the seizures": the noun is this verb's object, not an event of its own
    if rule.code[:2] in ("01", "05", "10", "11", "12"):
        # "praised South Korea for its cooperation", "criticised X over its offensive": the grounds of a
        # speech act are its topic, not a second event.
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in ("for", "over", "of", "about"):
                used_nouns.update(p.i for p in prep.children if p.dep_ == "pobj")
    rule_id = rule.id if rule.id.startswith(f"{rule.source}:") else f"{rule.source}:{rule.id}"
    return Frame(verb, rule.code, rule_id, "verb", sources, targets, None, complement)


def _agent(verb):
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return object_head(p)
    return None


def noun_targets(noun) -> list:
    """Targets of an event noun: its prepositional phrases ("strikes on Iran", "talks with China"), then the
    victims of a relative clause ("a bombing that killed 13 U.S. service members")."""
    victims = []
    for c in noun.children:
        if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB":
            obj = direct_object(c)
            if obj is not None:
                victims.append(obj)
    out = [(prep, p) for prep, p in sorted(_preps(noun), key=lambda x: TARGET_PREPS.index(x[0]))]
    forceful = noun.lemma_.lower() in FORCE_NOUNS
    return victims + [p for prep, p in out if forceful or prep not in LOCATIVE]


def _noun_frame(noun, lexicon: VerbLexicon) -> Frame | None:
    """An event noun with its own source: a possessor, an adjective or compound actor, or "by X"."""
    rule = lexicon.match_noun(noun, governed=False)
    if rule is None:
        return None
    if noun.dep_ in ("compound",):
        return None
    sources = [c for c in noun.children if c.dep_ in ("poss", "amod", "compound", "nmod")]
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "by":
            sources += [p for p in prep.children if p.dep_ == "pobj"]
    if not sources:
        return None
    return Frame(noun, lexicon.refine_noun(rule, noun), rule.id, "noun", sources, noun_targets(noun), noun)
