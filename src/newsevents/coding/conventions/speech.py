"""Statements: what a speech act says makes it a threat, an accusation or a demand, and names its target."""
from __future__ import annotations

from dataclasses import replace

from newsevents.coding.parse_facts import children
from newsevents.coding.back_references import is_back_reference
from newsevents.coding.records import Candidate, SentenceScope
from newsevents.coding.modality import ASSERTED, NEGATED, modality_of
from newsevents.coding.roles import announced_by_source, other_must, own_side, presumed_home, presumed_sources
from newsevents.coding.syntax import (agent_of, direct_object, helper_phrases, own_clause, prepositional_objects,
                                      subject_of, to_blame)
from newsevents.model import Actor


def _statement(c: Candidate, s: SentenceScope) -> bool:
    """A plain statement (010) with a complement clause."""
    return c.code == "010" and c.frame.complement is not None and _speech(c, s)


def _speech(c: Candidate, s: SentenceScope) -> bool:
    return c.code[:3] in s.lexicon.conventions.words("speech_code") and c.frame.complement is not None


def _mine(c: Candidate, s: SentenceScope | None = None) -> set:
    """The source's side (with `s`, a role-only source is presumed of the country where it speaks)."""
    home = presumed_home(c, s) if s is not None else None
    return {a.country or a.group for a in c.sources} | ({home} if home else set())


def threat_cue(c: Candidate, s: SentenceScope) -> bool:
    """"said Israel would pay a heavy price": retaliation promised, in a clause that looks ahead or is ready
    ("would", "if", "stood ready to respond"); "alarmed by the violent response", "revenge attacks" report."""
    tables = s.lexicon.conventions
    vow = c.code[:2] == "03" and c.frame.complement is not None and c.frame.kind == "verb" and \
        c.frame.trigger.lemma_.lower() in tables.words("vowing_verb")   # "vowed that Hamas would pay a price"
    if not vow and not _statement(c, s):   # (asked first: most candidates are not; their clause need not be read)
        return False
    # ("said X would be a threat and that Russia would be forced to take retaliatory steps": each "that" said)
    said = [k for k in children(c.frame.complement) if k.dep_ == "conj" and k.pos_ in ("VERB", "AUX") and
            any(m.dep_ == "mark" and m.lower_ == "that" for m in children(k))]
    clause = [t for k in (c.frame.complement, *said) for t in own_clause(k)]
    # "reserved the right to respond": the right's infinitive is its content
    clause += [a for x in clause for a in children(x)
               if a.dep_ == "acl" and any(m.dep_ == "aux" and m.lower_ == "to" for m in children(a))]
    own = {t.lemma_.lower() for t in clause}
    # ("would review whether to supply arms in response": a reaction, not a response promised)
    cues = [t for t in clause if (t.lemma_.lower() in tables.words("threat_cue") and not _in_response(t) and
                                  not _peaceful(t, tables)) or _pays_for(t, s)]
    # "would not seek revenge": retaliation ruled out is no threat
    if own & tables.words("threat_frame") and any(not _negated_where(t, c.frame.complement) for t in cues):
        c.code = "130"
        return True
    return False


def _peaceful(word, tables) -> bool:
    """"a diplomatic response", "would respond politically": no retaliation promised."""
    return any(m.dep_ in ("amod", "advmod") and m.lemma_.lower() in tables.words("peaceful_manner")
               for m in children(word))


def _in_response(word) -> bool:
    return word.lemma_.lower() == "response" and word.dep_ == "pobj" and word.head.lower_ == "in"


def _pays_for(verb, s: SentenceScope) -> bool:
    """"would pay for it", "will pay for this crime": the idiom of a price to come for a wrong done (not "pay the
    salaries", "pay for the reconstruction")."""
    if verb.lemma_.lower() != "pay" or verb.pos_ != "VERB" or direct_object(verb) is not None:
        return False
    tables = s.lexicon.conventions
    wrongs = tables.words("criticism_cue") | tables.words("generic_act_noun")
    for prep, noun in prepositional_objects(verb):
        rule = s.lexicon.verbs.match_noun(noun, governed=True) if prep == "for" and noun.pos_ == "NOUN" else None
        if prep == "for" and (noun.pos_ == "PRON" or noun.lemma_.lower() in wrongs or
                              rule is not None and rule.code[:2] in tables.words("violence_root")):
            return True
    return False


def _negated_where(word, complement) -> bool:
    """Whether the clause holding a word of the complement is negated ("would not seek revenge")."""
    return modality_of(_clause_verb(word, complement), stop_at=complement.head).label == NEGATED


def _clause_verb(word, complement):
    """The verb of the clause of the complement that holds a word."""
    verb = word
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and verb.i != complement.i:
        verb = verb.head
    return verb


def accusation_cue(c: Candidate, s: SentenceScope) -> bool:
    """"said Putin was responsible for Navalny's death": the complement says someone did wrong; not a word that
    only describes a noun ("imposed restrictions on officials responsible for undermining democracy", "rejected
    the arguments behind it")."""
    if not _statement(c, s):
        return False
    cues = s.lexicon.conventions.words("accusation_cue")
    # ("said he was outraged and that Putin was responsible": each clause said is read)
    said = [c.frame.complement] + [k for k in children(c.frame.complement) if k.dep_ == "conj" and k.pos_ in
                                   ("VERB", "AUX")]
    for clause in said:
        if any((t.lemma_.lower() in cues or to_blame(t)) and not (t.dep_ in ("amod", "prep") and t.head.pos_ in
                                                                  ("NOUN", "PROPN"))
               for t in own_clause(clause)):   # ("those responsible must face justice" accuses)
            c.code = "112"
            # "said the incident was not Ukraine's fault and that Russia bore ultimate responsibility": the
            # accused is the subject of the clause that says so, unless it is the speaker's own ("said it held
            # Israel fully responsible")
            subject = subject_of(clause) if not c.targets else None
            named = [a for a in s.actors.actors_of(subject) if a.code] if subject is not None else []
            if named and not any(a.code in c.exclude or a.country in c.exclude for a in named):
                c.targets = named
            return True
    return False


def criticism_cue(c: Candidate, s: SentenceScope) -> bool:
    """"said the strike was a brutal act", "said Amini was a woman whose death was an act of brutality": the
    complement's words, its relative clauses included, call another's act unacceptable."""
    if not _statement(c, s):   # (asked first: most candidates are not, and their clause need not be read)
        return False
    cues, approval = s.lexicon.conventions.words("criticism_cue"), s.lexicon.conventions.words("approval_word")
    if any(t.lemma_.lower() in cues and _said_of_a_fact(t, c.frame.complement, s) or
           t.lemma_.lower() in approval and _denied_of_a_fact(t, c.frame.complement)
           for t in c.frame.complement.subtree):
        c.code = "111"
        return True
    return False


def _denied_of_a_fact(word, complement) -> bool:
    """"said the coup was not legal", "the vote was not free": a clause that denies a fact its legitimacy (but not
    "would not be fair")."""
    verb = word.head
    return word.dep_ in ("acomp", "attr") and any(k.dep_ == "neg" for k in children(verb)) and \
        not any(k.dep_ == "aux" and k.tag_ == "MD" for k in children(verb)) and \
        modality_of(verb, stop_at=complement.head).label == NEGATED


def _said_of_a_fact(cue, complement, s: SentenceScope) -> bool:
    """"said the parliament was illegitimate"; not "said the sides had agreed not to carry out hostile acts": the
    clause holding the cue word is asserted, not negated, promised or feared. A name given ("what he called
    Kurti's terror"), a wrong owned ("Iran's willful violation") or a thing pointed at ("this cowardly act") is
    the speaker's charge in any clause."""
    tables = s.lexicon.conventions
    feeling = cue if cue.pos_ in ("VERB", "ADJ") else None
    while feeling is not None and feeling.dep_ == "conj":
        feeling = feeling.head   # "I was saddened and outraged": the first conjunct has the subject
    if feeling is not None and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("i", "we")
                                   for c in children(feeling)):
        return False   # "I was outraged by the explosion": the speaker's feeling, not a charge at the addressee
    if cue.dep_ == "amod" and cue.head.lemma_.lower() in tables.words("legal_term"):
        return False   # "opened a criminal case": the law's words, no one's charge
    described = cue.head if cue.dep_ == "amod" else subject_of(cue.head) if cue.dep_ in ("acomp", "attr") else None
    if described is not None and described.lemma_.lower() in tables.words("circumstance_noun"):
        return False   # "faced one of the most dangerous periods in its history": times, not anyone's act
    if cue.pos_ == "NOUN" and any(c.dep_ == "poss" for c in children(cue)):
        return True
    if _struck_at(cue if cue.pos_ in ("NOUN", "PROPN") else cue.head if cue.dep_ in ("amod", "compound") else None, s):
        return False   # "said the strikes had killed a number of terrorists": a claim of force used, not a charge
    if cue.dep_ in ("amod", "advmod") and cue.i < cue.head.i and any(   # (spaCy reads "this cowardly act" both ways)
            c.dep_ == "det" and c.lower_ in ("this", "that", "these", "those") for c in children(cue.head)):
        return True   # "will not leave this cowardly act unanswered": a thing that is, described
    verb = _clause_verb(cue, complement)
    if verb.lemma_.lower() in tables.words("naming_verb"):
        return True
    own = s.lexicon.verbs.match_verb(verb) if verb.pos_ == "VERB" else None
    if own is not None and own.code[:2] in ("11", "12"):
        return False   # "condemned the seizure as a flagrant violation, a spokeswoman said": the condemnation's
    return modality_of(verb, stop_at=complement.head).label == ASSERTED


def _struck_at(noun, s: SentenceScope) -> bool:
    """The noun is what a verb of force was used on: its object, or its "of" part ("a number of terrorists"), or a
    word naming it ("hit only an Iranian terrorist group")."""
    while noun is not None and noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head
    while noun is not None and noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        noun = noun.head.head
    if noun is None or noun.dep_ not in ("dobj", "nsubjpass") or noun.head.pos_ != "VERB":
        return False
    rule = s.lexicon.verbs.match_verb(noun.head)
    return rule is not None and rule.code[:2] in s.lexicon.conventions.words("violence_root")


def demand_must(c: Candidate, s: SentenceScope) -> bool:
    if not _statement(c, s):
        return False
    demanded, code = other_must(c.frame.complement, s.actors, presumed_sources(c, s),
                                s.lexicon.conventions.mapping("deontic_modal"))
    if demanded:
        c.code, c.targets = code, demanded
        return True
    return False


def named_perpetrator(c: Candidate, s: SentenceScope) -> bool:
    """"Putin called the blast a terrorist act masterminded by Ukraine's special services": a criticism of an act
    whose words name who did it ("carried out by", "ordered by") accuses them (112)."""
    trigger = c.frame.trigger
    if c.code != "111" or c.frame.kind != "verb":
        return False
    described = [x for x in children(trigger) if x.dep_ == "oprd"] + [
        p for x in children(trigger) if x.dep_ == "prep" and x.lower_ == "as" for p in children(x) if p.dep_ == "pobj"]
    for noun in described:
        for acl in children(noun):
            agent = agent_of(acl) if acl.dep_ == "acl" and acl.tag_ == "VBN" else None
            doers = [a for a in s.actors.actors_of(agent) if a.code] if agent is not None else []
            if doers:
                c.targets, c.code = doers[:1], "112"
                return True
    return False


def complement_target(c: Candidate, s: SentenceScope) -> bool:
    """The first other actor named in the complement, subjects first, else anywhere below it."""
    if not _speech(c, s) or c.targets:
        return False
    comp, actors, mine = c.frame.complement, s.actors, _mine(c, s)
    inner = []
    helping = {t.i for verb in own_clause(comp) if verb.pos_ == "VERB" for n in helper_phrases(verb) for t in n.subtree}
    candidates = {actors.phrase_head(t) for t in own_clause(comp) if (t.i in actors.by_token or is_back_reference(t))
                  and t.i not in helping}   # not "Israel, with help from the United States, shot down ..."
    for t in sorted(candidates, key=lambda t: (t.dep_ not in ("nsubj", "nsubjpass"), t.i)):
        for a in actors.actors_of(t):
            if a.code and (a.country or a.group) not in mine and a not in inner:
                inner.append(a)
    if not inner:   # the named actor may sit in a subordinate clause ("whether to strike Iran")
        for t in comp.subtree:
            for a in actors.actors_of(actors.phrase_head(t)) if t.i in actors.by_token and t.i not in helping else ():
                if a.code and (a.country or a.group) not in mine and a not in inner:
                    inner.append(a)
    if not inner and c.code == "111":   # "said the new parliament was illegitimate": the body it calls so
        subject = subject_of(comp) if comp.pos_ in ("VERB", "AUX") else None
        inner = [a for a in (actors.actors_of(subject) if subject is not None else ()) if a.role and not a.code]
    if inner:
        c.targets = inner[:1]
        return True
    return False


def claimed_own_act(c: Candidate, s: SentenceScope) -> bool:
    """"The Houthis claimed to have struck two Saudi tankers": an actor claiming an act of its own has done it,
    as a claim of responsibility says (not so a claim about another's act: "claimed Iran had struck")."""
    m, trigger = c.modality, c.frame.trigger
    if m is None or m.reason != "governor:claim" or m.anchor is None or trigger.dep_ != "xcomp" or \
            trigger.head.i != m.anchor or not any(a.dep_ == "aux" and a.lower_ == "have" for a in children(trigger)):
        return False
    if not c.sources or not all(announced_by_source(m, a, s.actors, s.sent) for a in c.sources):
        return False
    c.modality = replace(m, label=ASSERTED, reason="")
    return True


def attempted_force(c: Candidate, s: SentenceScope) -> bool:
    """"Militants said they attempted to assassinate the prime minister", "police tried to storm the office": an
    attempt at force is an act of force (CAMEO's 186 counts attempted assassinations), if the attempt is asserted."""
    m, trigger, tables = c.modality, c.frame.trigger, s.lexicon.conventions
    if m is None or c.code[:2] not in tables.words("attempt_root") or trigger.dep_ != "xcomp" or \
            m.reason != f"governor:{trigger.head.lemma_.lower()}" or \
            trigger.head.lemma_.lower() not in tables.words("attempting_verb"):
        return False
    attempt = modality_of(trigger.head)
    if attempt.label != ASSERTED:
        return False
    c.modality = replace(m, label=ASSERTED, reason="")
    return True


def decided_measure(c: Candidate, s: SentenceScope) -> bool:
    """"The EU agreed to widen sanctions on Belarus", "NATO decided to suspend cooperation": a measure that
    takes effect by decision (sanctions, cutting ties), which one actor decided or agreed on, is taken."""
    m = c.modality
    if m is None or m.anchor is None or c.code[:2] not in s.lexicon.conventions.words("decided_measure_root") or \
            m.reason.removeprefix("governor:") not in s.lexicon.conventions.words("deciding_verb"):
        return False
    decider = subject_of(s.sent.doc[m.anchor])
    deciders = [a for a in s.actors.actors_of(decider) if a.code] if decider is not None else []
    if len(deciders) != 1 or not c.sources or not all(announced_by_source(m, a, s.actors, s.sent) for a in c.sources):
        return False   # "Russia and Ukraine agreed to ...": an undertaking between parties, still to come
    c.modality = replace(m, label=ASSERTED, reason="")
    return True


def addressee_from_context(c: Candidate, s: SentenceScope) -> bool:
    """A speech act without an addressee is aimed at the other actor in view; an appeal only at one named in
    the same sentence ("addressing the U.S. Congress, ... appealed for"); a plain statement at no one."""
    if c.targets or c.code[:2] not in s.lexicon.conventions.words("addressed_root") or \
            c.frame.kind not in ("verb", "light"):
        return False
    addressed = [x for x in children(c.frame.trigger) if x.dep_ in ("dobj", "dative")] + [
        p for x in children(c.frame.trigger) if x.dep_ == "prep" and x.lower_ in ("on", "upon", "to")
        for p in children(x) if p.dep_ == "pobj"]   # "called on all sides to resolve their differences"
    if any(x.lemma_.lower() in s.lexicon.conventions.words("all_sides") for x in addressed):
        return False   # "urged all parties to refrain": addressed to every side, not to the last actor named
    if addressed and any(x.dep_ == "xcomp" for x in children(c.frame.trigger)):
        return False   # "urged other countries to withdraw their nationals": addressed to those it names
    if any(_many_countries(x, s) for x in addressed):
        return False   # "accusing Western countries of failing to ...": those it names, not the last actor named
    pool = s.context.candidates(c.frame.trigger.i)
    trigger = c.frame.trigger
    if trigger.dep_ == "conj" and trigger.head.pos_ == "VERB" and \
            any(k.dep_ in ("nsubj", "nsubjpass") for k in children(trigger)):
        # "Britain summoned Israel's ambassador, and Australia demanded full accountability": a parallel clause's
        # object, not its subject, is who the second act is aimed at too
        done_to = direct_object(trigger.head)
        aimed = [a for a in s.actors.actors_of(done_to) if a.code] if done_to is not None else []
        pool = aimed + [a for a in pool if a not in aimed]
    accusers = _accusers_of(c, s) if c.code[:3] in s.lexicon.conventions.words("denial_code") else []
    # the outlets in view ("a video broadcast by Al Jazeera") carried what was said: not whom it answers
    pool = accusers + [a for a in pool if a not in accusers and a.role != "MED"]
    if c.code[:2] == "02":
        pool = [a for a in pool if a in s.context.current_actors()]
    if c.code == "010":
        return False   # a plain statement with no addressee in its own words is not a dyadic event
    codes, countries, presumed = {a.code for a in c.sources}, {a.country for a in c.sources}, presumed_sources(c, s)
    c.targets = [a for a in pool if a.code not in codes and (a in accusers or a.country not in countries
                                                              and not own_side(a, presumed))][:1]
    return bool(c.targets)


def _accusers_of(c: Candidate, s: SentenceScope) -> list[Actor]:
    """"Gulen condemned the attempt and denied any involvement", "corruption investigations, which he denied": a
    denial answers whoever last accused the denier (by its code, else its country), a prosecutor at home included."""
    codes = {a.code for a in c.sources}
    countries = {a.country for a in c.sources if a.country and not a.group}
    by_code = [src for src, accused in s.context.recent_accusations if accused.code in codes]
    by_country = [src for src, accused in s.context.recent_accusations
                  if accused.country in countries and not accused.group]
    return list(dict.fromkeys(by_code + by_country))


_COUNTRY_NOUNS = frozenset({"country", "nation", "government", "state", "power"})


def _many_countries(noun, s: SentenceScope) -> bool:
    """"Western countries", "European governments", "foreign powers": many states, none of them named."""
    return noun.tag_ == "NNS" and noun.lemma_.lower() in _COUNTRY_NOUNS and not any(
        k.dep_ in ("det", "poss") for k in children(noun)) and any(
        k.dep_ == "amod" and k.lower_ in s.lexicon.conventions.words("many_countries_word") | {"foreign", "other"}
        for k in children(noun))


def denied_allegation(events: list, s: SentenceScope) -> list:
    """"Thailand said Cambodian forces had attacked ..." when Cambodia denied it (in this sentence or before):
    a hostile act that only its victim's side reports, and its actor's side denies, is alleged, not asserted."""
    tables = s.lexicon.conventions
    deniers = s.context.deniers | {e.source.country or e.source.group for e in events
                                   if e.cameo in tables.words("denial_code")}
    speeches = [e for e in events if e.extra.get("complement") and e.root in tables.words("statement_root")
                | tables.words("accusation_root")]
    out = []
    for f in events:
        side = f.source.country or f.source.group
        if f.modality == "asserted" and f.quad_class in (3, 4) and f.target is not None and side in deniers and \
                any(e.source.country and e.source.country == f.target.country and
                    e.extra["complement"][0] <= f.extra["trigger"] < e.extra["complement"][1] for e in speeches):
            f = replace(f, modality="hypothetical", rule=f"{f.rule} +statement.denied-allegation.v1 [alleged]",
                        extra={**f.extra, "trail": (*f.extra.get("trail", ()), "statement.denied-allegation.v1")})
        out.append(f)
    return out


def reported_attack_accuses(events: list, s: SentenceScope) -> list:
    """"Rwanda's military said shells fired from Congo had killed five civilians in Rubavu": a plain statement
    that another side used force on the speaker's own country accuses that side (112)."""
    entry = s.lexicon.cameo.get("112")
    force = s.lexicon.conventions.words("force_root")   # (not any material conflict: a recall)
    attacks = [f for f in events if f.modality == "asserted" and f.root in force and f.target is not None]
    out = []
    for e in events:
        inside = e.extra.get("complement")
        home = e.source.country
        attacker = next((f.source for f in attacks if inside and home and f.target.country == home and
                         f.source.country != home and inside[0] <= f.extra["trigger"] < inside[1]), None)
        if e.cameo == "010" and attacker is not None:
            e = replace(e, cameo="112", goldstein=entry.goldstein, quad_class=entry.quad_class, plover=entry.plover,
                        target=attacker, rule=e.rule + " +statement.reported-attack-accuses.v2",
                        extra={**e.extra, "trail": (*e.extra.get("trail", ()), "statement.reported-attack-accuses.v2")})
        out.append(e)
    return out


def attribution_only(events: list, s: SentenceScope) -> list:
    """A plain statement (010) that only attributes another actor's reported act adds nothing: drop it."""
    # (a reply in the same sentence, "..., and Moscow responded that ...", is the other side's own statement)
    facts = [e for e in events if e.modality == "asserted" and e.root not in ("01",) and e.target is not None
             and not _own_clause_reply(e, s)]
    out = []
    for e in events:
        inside = e.extra.get("complement")
        if e.cameo == "010" and inside and any(
                f.source.country != e.source.country and inside[0] <= f.extra["trigger"] < inside[1] for f in facts):
            continue
        out.append(e)
    return out


def _own_clause_reply(e, s: SentenceScope) -> bool:
    """An act whose verb has its own subject and is joined by "and" to the statement's complement: another
    clause the parser hung inside the complement ("said X must apply, and Russia responded that ...")."""
    trigger = s.sent.doc[e.extra["trigger"]]
    return trigger.dep_ == "conj" and any(c.dep_ == "nsubj" for c in children(trigger)) and any(
        c.dep_ == "punct" and c.text == "," and c.i < trigger.i for c in children(trigger.head))


def target_in_condition(c: Candidate, s: SentenceScope) -> bool:
    """"If Hezbollah violates the agreement, we will attack": an act of force or coercion with no target, made
    conditional on what another actor does, is aimed at that actor."""
    if c.targets or c.code[:2] not in s.lexicon.conventions.words("conditioned_root"):
        return False
    mine = _mine(c, s)
    for clause in children(c.frame.trigger):
        if clause.dep_ != "advcl" or not any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
                                             for m in children(clause)):
            continue
        subject = subject_of(clause)
        found = [a for a in s.actors.actors_of(subject) if a.code and (a.group or a.country) not in mine] \
            if subject is not None else []
        if found:
            c.targets = found[:1]
            return True
    return False
