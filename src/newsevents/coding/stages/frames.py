"""Event frames: the triggers of a parsed sentence with the tokens that fill their source and target slots.

A frame is found for
- a verb matching a verb rule ("shelled", "was shelled by", "shot down"),
- a light verb governing an event noun ("held talks", "carried out strikes", "imposed sanctions"),
- "claimed responsibility for <event noun>",
- an event noun with its own source ("Ukrainian shelling", "Israel's strike on Iran").
Aspectual and causative verbs ("began pumping", "ordered troops to withdraw") pass their subject down.
"""
from __future__ import annotations

from newsevents.coding.english import (ALLEGATION_NOUNS, ASKING_NOUNS, ASPECTUAL, CASUALTY_VERBS, DOCUMENT_VERBS,
                                       FIGHT_NOUNS, OBJECT_CONTROL, SENT_NOUNS, SETTING_NOUNS, STANCE_PASSIVES)
from newsevents.coding.lexicon.verbs import VerbLexicon
from newsevents.coding.parse_facts import children, sentence_bounds, sentence_columns, sentence_of, sentence_text
from newsevents.coding.records import Candidate, Frame, SentenceScope
from newsevents.coding.time_words import names_a_time
from newsevents.coding.syntax import (agent_of, direct_object, has_prep, is_passive, named_by_free_relative,
                                      noun_targets, object_head, prepositional_objects, subject_of, target_candidates,
                                      to_blame)


# Verbs of answering another's act: their "for" phrase is that act, not whom the answer is aimed at.
RETALIATING = frozenset({"retaliate", "respond", "avenge", "react", "reply"})
# Verbs that promise what their complement says: cooperation, unless that is a hostile act.
PLEDGING = frozenset({"pledge", "promise", "vow", "swear"})


class FrameStage:
    """Stage 1: the frames of the sentence, one candidate each (verbs first, then event nouns)."""

    name = "frames"

    def __call__(self, scope: SentenceScope, candidates: list[Candidate]) -> list[Candidate]:
        return candidates + [Candidate.of(f) for f in find_frames(scope.sent, scope.lexicon.verbs)]


def find_frames(sent, lexicon: VerbLexicon) -> list[Frame]:
    frames: list[Frame] = []
    used_nouns: set[int] = set()
    nouns = []
    state_verbs = lexicon.conventions.words("state_verb")
    for tok, pos, dep, lemma in zip(*sentence_columns(sent)):
        if pos in ("VERB", "AUX") and lemma in state_verbs:
            frame = _state_frame(tok, lexicon, used_nouns)
            if frame is not None:
                frames.append(frame)
                continue
        if pos == "VERB" or (pos == "AUX" and dep == "ROOT" and tok.lemma_ != "be"):
            frame = _verb_frame(tok, lexicon, used_nouns)
            if frame is not None:
                frames.append(frame)
        elif pos in ("NOUN", "PROPN") and lemma in lexicon.noun_heads:
            nouns.append(tok)
    for tok in nouns:   # after the verbs: a noun a verb already took ("held talks") is not an event of its own
        if tok.i not in used_nouns:
            frame = _noun_frame(tok, lexicon)
            if frame is not None:
                frames.append(frame)
    return frames


def _elicited(verb, lexicon: VerbLexicon, used_nouns: set[int]) -> Frame | None:
    """"fired missiles into the sea, drawing condemnation from Tokyo", "the raid sparked protests from Cairo": a
    reaction drawn "from" someone is their act towards whoever drew it (the verb's subject)."""
    obj = direct_object(verb)
    rule = lexicon.match_noun(obj, governed=True) if obj is not None else None
    if rule is None or rule.code[:2] not in lexicon.conventions.words("elicited_root"):
        return None
    reacting = [p for holder in (verb, obj) for k in children(holder) if k.dep_ == "prep" and k.lower_ == "from"
                for p in children(k) if p.dep_ == "pobj"]
    subj = subject_of(verb)
    if not reacting or subj is None:
        return None
    used_nouns.add(obj.i)
    code, refined = lexicon.refine_noun(rule, obj)
    return Frame(verb, code, f"{verb.lemma_.lower()}+{rule.id}", "light", reacting, [subj], obj,
                 refinements=_ids(refined))


def _verb_frame(verb, lexicon: VerbLexicon, used_nouns: set[int]) -> Frame | None:
    lemma = verb.lemma_.lower()
    shared = _shared_act(verb, lemma, lexicon)
    if lemma == "give" and (ordered := _deadline_to_leave(verb, lexicon)) is not None:
        return ordered
    if lemma in lexicon.conventions.words("eliciting_verb") and (elicited := _elicited(verb, lexicon, used_nouns)):
        return elicited
    if lemma != "claim" and lemma not in lexicon.light_verbs and lemma not in ASPECTUAL and shared is None and \
            lexicon.match_verb(verb) is None:
        return None   # most verbs code nothing: decide that before reading the parse around them
    if any(c.dep_ in ("mark", "advmod") and c.lower_ == "as" and c.i < verb.i for c in children(verb)) and \
            not any(c.dep_ in ("nsubj", "nsubjpass") for c in children(verb)):
        return None   # "elections next month as originally agreed", "as planned": a comparison, no act
    if to_blame(verb):
        return None   # "said Ukrainian forces were to blame": the statement accuses them (speech.accusation-cue)
    if named_by_free_relative(verb) is not None and getattr(lexicon.match_verb(verb), "code", None) == "010":
        return None   # "strikes on what it said were militant hideouts": a description, not a statement (but
        # "over what it called hostile actions" is a criticism)
    subj = subject_of(verb)
    passive = is_passive(verb)
    obj = direct_object(verb)
    if obj is None and verb.dep_ == "relcl" and subj is not None and subj.i != verb.head.i and not passive and \
            not any(c.lower_ == "whose" for c in children(subj)) and \
            verb.head.lemma_.lower() not in ALLEGATION_NOUNS:   # "Eritrea, whose troops fought": the owner;
        obj = verb.head   # "21 Egyptian Christians it had kidnapped": the relative clause's object (not "a charge
        # Bamako denies": a denial answers the accuser)
    if obj is None and verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN" and verb.head.pos_ in ("PROPN", "NOUN"):
        obj = verb.head   # "New Caledonia, annexed by France in 1853": a passive participle's object
        passive = True    # ... and its source is only ever the "by" phrase ("women held hostage": none)
    headline_passive = not passive and (obj is None or obj.pos_ == "ADJ") and (
        _headline_passive(verb) or _reduced_relative(verb) or _absolute_participle(verb))
    if headline_passive:   # "Kosovo police officer killed": the subject is the one it happened to
        passive, obj = True, object_head(subj)
    if passive and not headline_passive:
        subj_pass = next((c for c in children(verb) if c.dep_ == "nsubjpass"), None)
        if subj_pass is not None:
            obj = object_head(subj_pass)
            if obj.lower_ in ("it", "this") and lemma in DOCUMENT_VERBS:
                obj = None   # "It was signed by ...": the document, no party to it
    # "claimed responsibility for the bombing": the claimed act is the claimant's event.
    if lemma == "claim" and obj is not None and obj.lemma_.lower() == "responsibility":
        for prep in children(obj):
            if prep.dep_ == "prep" and prep.lower_ == "for":
                for p in children(prep):
                    noun = object_head(p)
                    rule = lexicon.match_noun(noun, governed=True)
                    if p.dep_ == "pobj" and rule is not None:
                        used_nouns.add(noun.i)
                        code, refined = lexicon.refine_noun(rule, noun)
                        return Frame(noun, code, f"claim+{rule.id}", "claim", [subj] if subj is not None else [],
                                     noun_targets(noun), noun, modality_token=verb, refinements=_ids(refined))
        return None
    # Light verbs: the event is the noun they govern.
    if lemma in lexicon.light_verbs and obj is not None and not passive:
        rule = lexicon.match_noun(obj, governed=True)
        if rule is not None:
            used_nouns.add(obj.i)
            code, refined = lexicon.refine_noun(rule, obj)
            # "launched air strikes and an artillery barrage on Kurdish-led forces": the conjuncts share a target
            joined = [t for c in children(obj) if c.dep_ == "conj" and c.pos_ == "NOUN" for t in noun_targets(c)]
            targets = noun_targets(obj) + joined + target_candidates(verb, None,
                                                                     **lexicon.conventions.target_options(code))
            return Frame(verb, code, f"{lemma}+{rule.id}", "light",
                         [subj] if subj is not None else [], targets, obj, refinements=_ids(refined))
    if shared is not None and not passive and (rule := lexicon.match_noun(shared, governed=True)) is not None:
        used_nouns.add(shared.i)   # "took part in the attack on the base": a party to the attack
        code, refined = lexicon.refine_noun(rule, shared)
        return Frame(verb, code, f"{lemma}+{rule.id}", "light", [subj] if subj is not None else [],
                     noun_targets(shared) + target_candidates(verb, None, **lexicon.conventions.target_options(code)),
                     shared, refinements=_ids(refined))
    if passive and obj is not None and lemma in lexicon.light_verbs:
        rule = lexicon.match_noun(obj, governed=True)
        if rule is not None:
            used_nouns.add(obj.i)
            agent = agent_of(verb)
            code, refined = lexicon.refine_noun(rule, obj)
            return Frame(verb, code, f"{lemma}+{rule.id}", "light", [agent] if agent is not None else [],
                         noun_targets(obj) + target_candidates(verb, None), obj, refinements=_ids(refined))
    # Aspectual and causative verbs pass the event to their complement ("began pumping", "ordered ... to withdraw").
    complement = next((c for c in children(verb) if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    if lemma in PLEDGING and complement is not None and \
            (pledged := lexicon.match_verb(complement)) is not None and pledged.code[:2] > "09":
        return None   # "vowed to hunt down those responsible": a threat (the act announced), no promise of help
    if lemma in ASPECTUAL and complement is not None:
        if lexicon.match_verb(verb) is None or lemma in ("begin", "start", "continue", "resume", "use"):
            return None
        if lemma == "order" and (lexicon.match_verb(complement) is not None or
                                 complement.lemma_.lower() in lexicon.light_verbs):
            return None   # "ordered troops to withdraw": the withdrawal; "ordered X to refrain": a demand
    rule = lexicon.match_verb(verb)
    if rule is None:
        return None
    if obj is not None and obj.tag_ == "WP" and verb.dep_ == "ccomp" and \
            getattr(lexicon.match_verb(verb.head), "code", "")[:2] == rule.code[:2]:
        return None   # "condemned what they called American aggression": one criticism, the governing verb's
    if not passive and lemma in lexicon.conventions.words("own_people_verb") and obj is not None and any(
            c.dep_ == "poss" and c.pos_ == "PRON" for c in children(obj)):
        return None   # "ordered his fighters to halt", "evacuated its embassy staff": one's own, no one else
    if lemma in ("plan", "intend") and obj is not None and (obj.lower_ in ("it", "this") or (
            (planned := lexicon.match_noun(obj, governed=True)) is not None and planned.code[:2] > "09")):
        return None   # "said Ukrainian special services had planned it", "planned the attack": no cooperation intended
    if not passive and lemma in lexicon.conventions.words("personnel_verb") and obj is not None and \
            obj.lemma_.lower() in lexicon.conventions.words("personnel_noun") and \
            not any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in children(obj)):
        return None   # "Tokayev dismissed the government": a change in one's own state (not "Russia's envoy")
    if passive:
        agent = agent_of(verb) or (_by_phrase(verb) if headline_passive else None)
        sources = [agent] if agent is not None else _owners_of_means(verb, lexicon)
        if agent is None and (rule.code[:2] == "03" or lemma in STANCE_PASSIVES):
            # "Vietnam is committed to ...", "Israel is opposed to French mediation": a stance, not a patient
            sources = [c for c in children(verb) if c.dep_ == "nsubjpass"]
            obj = None if lemma in STANCE_PASSIVES else obj
    elif subj is not None and subj.lemma_.lower() in lexicon.noun_heads and _between(subj) is not None:
        sources = []   # "fighting between the army and the RSF broke out": the act's parties are its own frame's
    else:
        sources = [subj] if subj is not None else []
    options = lexicon.conventions.target_options(rule.code)
    answered = {p.i for c in children(verb) if c.dep_ == "prep" and c.lower_ == "for" and lemma in RETALIATING
                for p in children(c)}   # "retaliating for the bombings of two American embassies": why, not at whom
    if obj is not None and rule.code[:2] == "01" and _press(obj, lexicon):
        obj = None   # "told reporters in Brussels that ...": the press carries the statement, it is not its target
    targets = target_candidates(verb, obj, **options)
    # "agreed to send a delegation to meet Russian officials": the target may sit in the complement.
    # (not "urged the international community to stop the Israeli aggression": an appeal is to its addressee)
    addressed = rule.code[:2] in ("02", "10") and lemma in OBJECT_CONTROL and (obj is not None or any(
        p.dep_ == "prep" and p.lower_ in ("on", "upon") for p in children(verb)))   # "called on EU members to"
    for c in children(verb):
        if (c.dep_ == "xcomp" and not addressed) or (c.dep_ == "ccomp" and rule.code[:2] in ("03", "08", "13")):
            targets += target_candidates(c, direct_object(c), **options)
            for cc in children(c):
                if cc.dep_ in ("advcl", "xcomp", "acl"):
                    targets += target_candidates(cc, direct_object(cc), **options)
            obj_c = direct_object(c)
            if obj_c is not None:
                for cc in children(obj_c):
                    if cc.dep_ in ("acl", "relcl") and cc.pos_ == "VERB":
                        targets += target_candidates(cc, direct_object(cc), **options)
    complement = next((c for c in children(verb) if c.dep_ in ("ccomp", "parataxis")), None)
    if complement is None and rule.code[:3] in lexicon.conventions.words("speech_code"):
        # "acknowledged for the first time that Israel killed ...": the parser may hang the that-clause lower.
        # (not a joined verb's: "condemned the attack and told Netanyahu that ..." says nothing of the attack)
        below = (t for c in children(verb) if c.dep_ != "conj" for t in c.subtree)
        complement = next((t for t in below if t.dep_ in ("relcl", "acl", "ccomp") and t.pos_ == "VERB"
                           and any(c.dep_ == "mark" and c.lower_ == "that" for c in children(t))), None)
    if obj is not None and lexicon.match_noun(obj, governed=False) is not None and \
            not (verb.dep_ == "acl" and obj.i == verb.head.i):   # ("talks between X and Y hosted by Z": two acts)
        used_nouns.add(obj.i)   # "condemned the seizures": the noun is this verb's object, not an event of its own
    if rule.code[:2] in ("01", "05", "10", "11", "12"):
        # "praised South Korea for its cooperation", "criticised X over its offensive": the grounds of a
        # speech act are its topic, not a second event; whose they are, its target after the object
        # ("expressed concern over China's dangerous actions")
        for head in (verb, obj) if obj is not None else (verb,):
            for prep in children(head):
                if prep.dep_ == "prep" and prep.lower_ in ("for", "over", "of", "about"):
                    grounds = [p for p in children(prep) if p.dep_ == "pobj"]
                    used_nouns.update(p.i for p in grounds)
                    targets += [k for p in grounds for k in children(p) if k.dep_ == "poss" and k.pos_ == "PROPN"]
    rule_id = rule.id if rule.id.startswith(f"{rule.source}:") else f"{rule.source}:{rule.id}"
    targets = [t for t in targets if t is None or t.i not in answered]
    return Frame(verb, rule.code, rule_id, "verb", sources, targets, None, complement,
                 refinements=(HEADLINE_PASSIVE,) if headline_passive else ())


def _press(obj, lexicon: VerbLexicon) -> bool:
    """"reporters", "French newspaper Le Monde", "state television": the press, by the head or a word before it."""
    press = lexicon.conventions.words("press_audience")
    return any(t.lemma_.lower() in press for t in obj.lefts if t.dep_ in ("compound", "amod")) or \
        obj.lemma_.lower() in press


def _deadline_to_leave(verb, lexicon: VerbLexicon) -> Frame | None:
    """"gave France's ambassador 72 hours to leave the country": an order to leave (table leave_deadline), aimed
    at whom the deadline is given."""
    objects = [c for c in children(verb) if c.dep_ in ("dobj", "dative", "npadvmod")]
    deadline = [o for o in objects if o.lemma_.lower() in ("hour", "day", "week", "month")]
    leave = any(c.dep_ in ("advcl", "xcomp", "relcl", "acl") and c.lemma_.lower() in ("leave", "depart", "quit", "exit")
                for c in [*children(verb), *(k for d in deadline for k in children(d))])
    person = next((o for o in objects if o not in deadline and o.dep_ != "npadvmod"), None)
    if not deadline or not leave or person is None:
        return None
    table = lexicon.conventions.mapping("leave_deadline")
    code = table.get(person.lemma_.lower(), table["*"])
    subj = subject_of(verb)
    return Frame(verb, code, "give+deadline-to-leave", "verb", [subj] if subj is not None else [],
                 target_candidates(verb, person, **lexicon.conventions.target_options(code)), None)


def _shared_act(verb, lemma: str, lexicon: VerbLexicon):
    """The event noun a verb makes its subject a party to ("engaged in ethnic cleansing", "took part in the
    attack"): the object of the verb's preposition in the `shared_act_verb` table, or None."""
    table = lexicon.conventions.mapping("shared_act_verb")
    heads = (verb,)
    if lemma == "take":
        part = direct_object(verb)
        if part is None or part.lower_ != "part":
            return None
        heads, lemma = (verb, part), "part"
    if lemma not in table:
        return None
    for head in heads:
        for prep in children(head):
            if prep.dep_ == "prep" and prep.lower_ == table[lemma]:
                pobj = next((p for p in children(prep) if p.dep_ == "pobj"), None)
                if pobj is not None:
                    return object_head(pobj)
    return None


def _state_frame(verb, lexicon: VerbLexicon, used_nouns: set[int]) -> Frame | None:
    """"Guyana was in talks with the United States", "has been in close contact with Brazil": being in an
    ongoing exchange (the nouns of `state_root` roots: consultations, negotiations) is that exchange."""
    for prep in children(verb):
        if prep.dep_ != "prep" or prep.lower_ != "in":
            continue
        noun = next((p for p in children(prep) if p.dep_ == "pobj"), None)
        rule = lexicon.match_noun(noun, governed=True) if noun is not None else None
        if rule is None or rule.code[:2] not in lexicon.conventions.words("state_root"):
            continue
        used_nouns.add(noun.i)
        code, refined = lexicon.refine_noun(rule, noun)
        subj = subject_of(verb)
        return Frame(verb, code, f"be in+{rule.id}", "light", [subj] if subj is not None else [],
                     noun_targets(noun), noun, refinements=_ids(refined))
    return None


# Headlines drop the auxiliary of the passive ("Kosovo police officer killed", "Three shot dead by troops"):
# in a headline, a past-tense verb with a subject but no auxiliary and no object is a passive.
HEADLINE_PASSIVE = "headline.past-is-passive.v1"


def _headline_passive(verb) -> bool:
    (start, end), doc = sentence_bounds(verb), verb.doc
    if start != 0 or end >= len(doc) or sentence_text(verb).rstrip().endswith((".", "!", "?", '"', "”")):
        return False   # a headline is the first line of an article with more after it, and no full stop
    if "\n" not in sentence_of(verb).text_with_ws and not doc[end].is_space:
        return False
    return verb.tag_ in ("VBD", "VBN") and any(c.dep_ == "nsubj" for c in children(verb)) and \
        not any(c.dep_ in ("aux", "auxpass", "dobj", "obj") for c in children(verb))


def _reduced_relative(verb) -> bool:
    """"A Frenchman detained for 18 years ... was allowed to leave": spaCy takes the participle describing
    the subject for the main verb (with no object of its own), and the main verb, a passive with no subject of
    its own, for its conjunct."""
    return verb.dep_ == "ROOT" and verb.tag_ in ("VBN", "VBD") and subject_of(verb) is not None and \
        not any(c.dep_ in ("aux", "auxpass", "dobj", "ccomp") for c in children(verb)) and \
        any(c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and any(x.dep_ == "auxpass" for x in children(c))
            and not any(x.dep_ in ("nsubj", "nsubjpass") for x in children(c)) for c in children(verb))


def _absolute_participle(verb) -> bool:
    """"with at least 91 people killed": a participle after "with" says what happened to its subject."""
    return verb.tag_ == "VBN" and verb.dep_ in ("pcomp", "pobj") and verb.head.lower_ in ("with", "without") and \
        any(c.dep_ == "nsubj" for c in children(verb)) and not any(c.dep_ in ("aux", "auxpass") for c in children(verb))


def _by_phrase(verb):
    """The object of a verb's "by" phrase ("shot dead by Israeli troops")."""
    for prep in children(verb):
        if prep.dep_ == "prep" and prep.lower_ == "by":
            return next((object_head(p) for p in children(prep) if p.dep_ == "pobj"), None)
    return None


def _noun_frame(noun, lexicon: VerbLexicon) -> Frame | None:
    """An event noun with its own source: a possessor, an adjective or compound actor, or "by X"."""
    setting = _is_setting(noun)   # "agreed in a call": the call needs no "phone" to be one
    rule = lexicon.match_noun(noun, governed=setting)
    if rule is None:
        return None
    if noun.dep_ in ("compound",):
        return None
    sources = [c for c in children(noun) if c.dep_ in ("poss", "amod", "compound", "nmod")]
    sent_from = noun.lemma_.lower() in SENT_NOUNS   # "a telephone call from Trump", "aid from the EU"
    for prep in children(noun):
        if prep.dep_ == "prep" and (prep.lower_ == "by" or (prep.lower_ == "from" and sent_from)):
            sources += [p for p in children(prep) if p.dep_ == "pobj"]
    if setting and not any(t.dep_ == "poss" or t.text[:1].isupper() for t in sources):   # no one named
        participant = subject_of(noun.head.head)
        sources = [participant] if participant is not None else sources
    casualties = None if sources else _casualties_of_fight(noun)
    if casualties is not None:   # "soldiers were killed in a clash with Chinese troops": the other side's force
        code, refined = lexicon.refine_noun(rule, noun)
        fought_with = [p for prep, p in prepositional_objects(noun) if prep == "with"]
        return Frame(noun, code, f"{rule.id} +casualties", "noun", fought_with, [casualties], noun,
                     refinements=_ids(refined))
    between = _between(noun)
    if _standing_document(noun, code=rule.code):
        return None
    if between is not None and not _named_document(noun):
        # "talks between Thailand and Cambodia", "clashes between Serbia and Kosovo": the parties act together
        # (the pairs conventions set them on one another)
        code, refined = lexicon.refine_noun(rule, noun)
        return Frame(noun, code, f"{rule.id} +between", "noun", [between], [], noun, refinements=_ids(refined))
    # (with no actor named on the noun itself: "overnight fighting", not "Russian shelling")
    named = any(t.dep_ == "poss" or t.text[:1].isupper() for t in sources)
    sides = None if named else _border_sides(noun, lexicon.conventions.words("border_noun"))
    if sides is not None:   # "fighting along its border with Azerbaijan": the two countries of the border
        code, refined = lexicon.refine_noun(rule, noun)
        return Frame(noun, code, f"{rule.id} +border", "noun", [sides[0]], [sides[1]], noun,
                     refinements=_ids(refined))
    asked = _asked_by(noun)   # "at Cambodia's request, the Security Council met": Cambodia asked the Council
    if asked is not None:
        sources += [p for prep in children(noun) if prep.dep_ == "prep" and prep.lower_ == "of"
                    for p in children(prep) if p.dep_ == "pobj"]
    if not sources:
        return None
    code, refined = lexicon.refine_noun(rule, noun)
    targets = [t for t in noun_targets(noun) if not (sent_from and t.head.lower_ == "from")]
    if asked is not None and not targets:
        targets = [asked]
    return Frame(noun, code, rule.id, "noun", sources, targets, noun, refinements=_ids(refined))


def _owners_of_means(verb, lexicon: VerbLexicon) -> list:
    """"Haniyeh was killed in an Israeli strike", "Syrian civilians were killed in the Turkish bombardment":
    those killed or wounded in an act of force with no "by" phrase suffered it from the act's own actor (the
    act's own frame codes "soldiers were wounded in a Russian attack on Kharkiv", whose place is the target:
    people not named by name are its victims only with their nationality, where the act names no target)."""
    victim = next((c for c in children(verb) if c.dep_ == "nsubjpass"), None)
    if verb.lemma_.lower() not in CASUALTY_VERBS or victim is None:
        return []
    for prep in children(verb):
        if prep.dep_ == "prep" and prep.lower_ in ("in", "by"):
            for noun in children(prep):
                rule = lexicon.match_noun(noun, governed=True) if noun.dep_ == "pobj" else None
                if rule is not None and rule.code[:2] in ("18", "19", "20") and \
                        (victim.pos_ == "PROPN" or (not noun_targets(noun) and _of_a_nation(victim))):
                    return [c for c in children(noun) if c.dep_ in ("poss", "amod", "compound", "nmod")]
    return []


def _of_a_nation(noun) -> bool:
    """"Syrian civilians", "Kenyan police officers": people whose nationality their phrase gives."""
    return any(c.dep_ in ("amod", "compound") and c.text[:1].isupper() for c in children(noun))


def _casualties_of_fight(noun):
    """Who was killed or wounded "in a clash with" the side the noun names: that side's target."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("in", "during") or noun.lemma_.lower() not in FIGHT_NOUNS or \
            prep.head.lemma_.lower() not in CASUALTY_VERBS or not has_prep((noun,), "with"):
        return None
    return next((c for c in children(prep.head) if c.dep_ in ("nsubjpass", "nsubj")), None)


def _asked_by(noun):
    """The subject of the act done "at the request of" or "at the invitation of" someone: who was asked."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("at", "upon") or noun.lemma_.lower() not in ASKING_NOUNS or \
            prep.head.pos_ not in ("VERB", "AUX"):
        return None
    return subject_of(prep.head)


def _is_setting(noun) -> bool:
    """"Biden and Lula agreed in a phone call that ...", "said during talks with Xi": an exchange in which the
    verb's act was done; whoever acts took part in it."""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ in ("in", "during") and noun.lemma_.lower() in SETTING_NOUNS and \
        prep.head.pos_ in ("VERB", "AUX")


def _named_document(noun) -> bool:
    """"the 1951 Mutual Defense Treaty between the U.S. and the Philippines": a document named by its title or
    year is referred to, not made in this sentence."""
    return any((c.dep_ == "compound" and c.pos_ == "PROPN" and not names_a_time(c)) or
               (c.like_num and len(c.text) == 4) for c in children(noun))


def _standing_document(noun, code: str) -> bool:
    """"its mutual defence treaty with Manila covers attacks": an agreement that is the subject of a verb in the
    present tense is one in force, referred to, not made in this sentence."""
    return code == "057" and noun.dep_ == "nsubj" and noun.head.tag_ in ("VBZ", "VBP")


def _border_sides(noun, borders: frozenset[str]):
    """The two sides of the border a noun's place phrase names ("clashes along its border with Azerbaijan",
    "fighting on Armenia's border with Azerbaijan"): its owner and the country across it; None otherwise."""
    for prep in children(noun):
        if prep.dep_ != "prep" or prep.lower_ not in ("along", "on", "at", "across", "near"):
            continue
        for border in children(prep):
            if border.dep_ != "pobj" or border.lemma_.lower() not in borders:
                continue
            owner = next((c for c in children(border) if c.dep_ == "poss"), None)
            across = next((p for w in children(border) if w.dep_ == "prep" and w.lower_ == "with"
                           for p in children(w) if p.dep_ == "pobj"), None)
            if owner is not None and across is not None:
                return owner, across
    return None


def _between(noun):
    """The first of the parties named by a noun's "between X and Y" phrase (None unless two are named)."""
    for prep in children(noun):
        if prep.dep_ == "prep" and prep.lower_ == "between":
            p = next((c for c in children(prep) if c.dep_ == "pobj"), None)
            if p is not None and any(c.dep_ == "conj" for c in children(p)):
                return p
    return None


def _ids(refinement: str | None) -> tuple[str, ...]:
    return (refinement,) if refinement else ()
