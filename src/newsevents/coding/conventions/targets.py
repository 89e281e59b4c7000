"""Who an act is aimed at, and which country an actor named only by its role belongs to."""
from __future__ import annotations

from newsevents.coding.english import ACT_PREDICATES, HELP_NOUNS, OBJECT_CONTROL, POSTED_PEOPLE
from newsevents.coding.lexicon.actors import country_actor, role_only, with_country
from newsevents.coding.parse_facts import children
from newsevents.coding.records import Candidate, SentenceScope
from newsevents.coding.roles import first_actors, named_in_clauses, own_side, presumed_home
from newsevents.coding.syntax import agent_of, direct_object, is_passive, noun_targets, subject_of, target_candidates
from newsevents.model import Actor


def _roots(s: SentenceScope, table: str) -> frozenset[str]:
    return s.lexicon.conventions.words(table)


def defied_rule_maker(c: Candidate, s: SentenceScope) -> bool:
    """"Lawmakers defied the order", "crowds defied a curfew": defying a rule that names no one who made it is
    aimed at the government of the defiers' own country (not at whoever else the article last named)."""
    tables = s.lexicon.conventions
    obj = direct_object(c.frame.trigger) if c.frame.kind == "verb" else None
    if c.targets or c.code != "128" or obj is None or obj.lemma_.lower() not in tables.words("rule_noun"):
        return False
    home = next((a.country for a in c.sources if a.country), None) or presumed_home(c, s)
    if not home:
        return False
    c.targets = [country_actor(home, "GOV", "", "")]
    return True


def conjoined_verb_object(c: Candidate, s: SentenceScope) -> bool:
    """"visited Beirut ... and promised to send aid": a conjoined verb shares the first one's object; "expressed
    concern and urged Russia not to help": a statement with no addressee is addressed as the verb joined to it."""
    trigger = c.frame.trigger
    if c.targets or c.frame.kind not in ("verb", "light"):
        return False
    if any(x.dep_ == "prep" and x.lower_ in ("on", "upon") and any(p.dep_ == "pobj" for p in children(x))
           for x in children(trigger)) and c.code[:2] == "02":
        return False   # "welcomed Bolivia's move and called on Arab countries to follow suit": its own addressee
    if trigger.dep_ == "conj" and not any(x.dep_ in ("nsubj", "nsubjpass") for x in children(trigger)) and (
            c.frame.kind == "verb" or noun_targets(c.frame.noun)) and c.code[:2] == "11" and _condemned_act_root(c, s):
        return False   # "backed Britain and condemned the attack": aimed at who did the act (condemnation.perpetrator)
    if trigger.dep_ == "conj" and not any(x.dep_ in ("nsubj", "nsubjpass") for x in children(trigger)) and (
            c.frame.kind == "verb" or noun_targets(c.frame.noun)):   # ("imposed sanctions on six heads of ...")
        if c.frame.kind == "verb" and (own := direct_object(trigger)) is not None and own.tag_ == "NNP" and \
                not any(a.code for a in s.actors.actors_of(own)):
            return False   # "dissolved parliament and freed opposition leader Khaleda Zia": its own, a person named
        other = trigger.head
    elif c.code[:2] in _roots(s, "joined_address_root") and not any(x.dep_ == "ccomp" for x in children(trigger)):
        # (a statement of its own content, "said that X was unacceptable, and urged ...", is aimed by that)
        other = next((x for x in children(trigger) if x.dep_ == "conj" and x.pos_ == "VERB" and not any(
            y.dep_ in ("nsubj", "nsubjpass") for y in children(x))), None)
        if other is None or other.lemma_.lower() not in OBJECT_CONTROL:
            return False   # (only an appeal's or a charge's addressee: "urged Russia", "accused Kyiv")
    else:
        return False
    options = s.lexicon.conventions.target_options(c.code)
    found = first_actors(target_candidates(other, direct_object(other), **options), s.actors,
                         s.lexicon.conventions.instruments(c.code), exclude=c.exclude, sources=c.own,
                         venues=s.lexicon.conventions.venues(c.code))
    if other.i != trigger.head.i:   # an addressee only when named: the later rules may still find one
        found = [a for a in found if a.code]
    c.targets = found
    return bool(c.targets)


def implied_authorities(c: Candidate, s: SentenceScope) -> bool:
    """"A Frenchman was arrested in Bali", "hundreds were detained in Tehran": an arrest, a detention or a
    deportation that names no one doing it is the state's (the police of where it happened, given its country
    by role.country-from-place); not one whose "by" phrase names a doer the coder could not resolve ("was
    ousted by a U.S.-led invasion")."""
    if c.sources or c.code[:3] not in _roots(s, "implied_state_code") or not is_passive(c.frame.trigger) or \
            agent_of(c.frame.trigger) is not None:
        return False
    c.sources = [role_only("COP", "authorities", "")]
    return True


def protest_aimed_at(c: Candidate, s: SentenceScope) -> bool:
    """A protest's target is who it is aimed at ("to show disapproval for the United States' policies", "in
    defiance of Chinese authorities"), before the place it fills ("blocked streets in Hong Kong")."""
    if c.code[:2] not in _roots(s, "protest_root") or c.frame.kind not in ("verb", "light") or \
            any(t.role for t in c.targets):
        return False
    aimed = named_in_clauses(c.frame.trigger, s.actors, c.exclude, c.sources, ("advcl", "xcomp", "prep"))
    if aimed:
        c.targets = aimed
        return True
    return False


def target_in_complement(c: Candidate, s: SentenceScope) -> bool:
    """"threatened to stop negotiations if the United States ...", "prepared to lift a ban on X", "sent two
    carriers to deter Iran": the target of an intent, a threat or a show of force is named in what is intended
    or threatened."""
    if c.targets or c.code[:2] not in _roots(s, "complement_target_root") or c.frame.kind not in ("verb", "light"):
        return False
    actors, targets, home = s.actors, [], presumed_home(c, s)
    purpose_only = c.code[:2] in _roots(s, "purpose_target_root")   # a show of force: only "to deter X"
    for clause in children(c.frame.trigger):
        if purpose_only and not (clause.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to"
                                                                 for a in children(clause))):
            continue
        if clause.dep_ in ("xcomp", "ccomp", "advcl") and not targets:
            for t in [t for t in clause.subtree if t.i in actors.by_token]:
                for a in actors.actors_of(actors.phrase_head(t)):
                    if a.code and a.code not in c.exclude and not own_side(a, c.sources) and a not in targets \
                            and (home is None or a.country != home):
                        targets.append(a)
            targets = targets[:1]
    c.targets = targets
    return bool(targets)


def perpetrator_of_condemned_act(c: Candidate, s: SentenceScope) -> bool:
    """"Athens condemned the seizures": the target is whoever carried out the act condemned: the latest
    other actor the article has said did that kind of act ("condemned the attack" after two sides' strikes),
    else the latest other actor who used force, else of any hostile act."""
    if c.frame.kind != "verb" or (c.targets and not _named_only_in_description(c, s)):
        return False
    root = _condemned_act_root(c, s)   # (after: a condemnation that names its target is not looked into)
    if root is None:
        return False
    obj = direct_object(c.frame.trigger)
    seizure = obj is not None and obj.lemma_.lower() in s.lexicon.conventions.words("seizure_of_power")
    same_kind = _latest_doers(c, s, root)   # (none for "*": any kind)
    if c.code[:2] in _roots(s, "backed_act_root"):
        c.targets = same_kind[:1]   # "Britain said they supported the strike": the striker, or no one
        return bool(c.targets)
    # else whoever last used force (not who last spoke against it: "the U.N. chief condemned the violence")
    c.targets = same_kind[:1] or ([] if seizure else (_latest_forceful(c, s) or [a for a in s.context.recent_agents
                                                                                if _not_own(a, c)])[:1])
    return bool(c.targets)


def _named_only_in_description(c: Candidate, s: SentenceScope) -> bool:
    """"condemned the strikes as a violation of Yemen's sovereignty": the targets are named only in what the
    condemned act is called, as whom it wronged; its doer is still to be found (when the object is an act)."""
    if c.code[:2] in _roots(s, "backed_act_root"):
        return False   # (praise: "welcomed the statement as proof of Washington's wish" is Washington's)
    trigger, actors = c.frame.trigger, s.actors
    described = [p for x in children(trigger) if x.dep_ == "prep" and x.lower_ == "as" for p in children(x)
                 if p.dep_ == "pobj"] + [x for x in children(trigger) if x.dep_ == "oprd"]
    named = {a.code for d in described for t in d.subtree if t.i in actors.by_token for a in actors.actors_of(t)}
    return bool(named) and all(a.code in named for a in c.targets)


def _latest_forceful(c: Candidate, s: SentenceScope) -> list[Actor]:
    """Who the article said used force, newest first, other than the source's own side."""
    return [a for r, a, _ in s.context.recent_acts if r in _roots(s, "violence_root") and _not_own(a, c)]


def _condemned_act_root(c: Candidate, s: SentenceScope) -> str | None:
    """The root of the act a condemnation's object names ("the seizures": 18; "the coup": 17; "the move", "called
    it a despicable act": "*", any), None when its object is no act."""
    if c.code[:2] not in _roots(s, "attributed_act_root") | _roots(s, "backed_act_root"):
        return None
    obj = direct_object(c.frame.trigger)
    rule = s.lexicon.verbs.match_noun(obj, governed=True) if obj is not None else None
    root = rule.code[:2] if rule is not None else None
    if obj is not None and obj.lemma_.lower() in s.lexicon.conventions.words("seizure_of_power"):
        root = "17"   # "condemned the coup": whoever seized power, detaining or coercing (no one else)
    elif root is None and obj is not None and obj.lemma_.lower() in s.lexicon.conventions.words("generic_act_noun") \
            and any(k.dep_ == "det" and k.lower_ in ("the", "this", "that", "these") for k in children(obj)):
        root = "*"   # "condemned the move as illegal": the latest hostile act's
    elif root is None and obj is not None and obj.lower_ == "it" and any(
            k.dep_ == "oprd" and k.lemma_.lower() in ACT_PREDICATES for k in children(c.frame.trigger)):
        root = "*"   # "called it a despicable act": the act the article last reported
    if root is None or obj.lemma_.lower() in HELP_NOUNS:
        return None   # ("the World Bank froze its aid": its own aid, not an act someone else did)
    if obj.lemma_.lower() in s.lexicon.conventions.words("deal_noun"):
        return None   # "China condemned the pact": its parties' (parties_of_endorsed_deal), no one's act on others
    return root


def _not_own(a: Actor, c: Candidate) -> bool:
    return a.country not in c.exclude and a.code not in c.exclude


def _latest_doers(c: Candidate, s: SentenceScope, root: str) -> list[Actor]:
    """Who the article said did acts of this root, newest first, other than the source's own side; first those
    of acts named by the word the object repeats ("carried out strikes ... condemned the strikes": not who
    "backed" them in between)."""
    obj = direct_object(c.frame.trigger)
    word = obj.lemma_.lower() if obj is not None else None
    doers = [(w == word, a) for r, a, w in s.context.recent_acts if r == root and _not_own(a, c)]
    return [a for named, a in doers if named] + [a for named, a in doers if not named]


def those_responsible(c: Candidate, s: SentenceScope) -> bool:
    """"vowed to hunt down those responsible", "demanded that the perpetrators be punished": the latest other
    actor the article said used force."""
    if c.targets or c.frame.kind not in ("verb", "light"):
        return False
    nouns = s.lexicon.conventions.words("perpetrator_noun")
    named = [t for t in c.frame.targets if t is not None and (t.lemma_.lower() in nouns or (
        t.lower_ == "those" and any(k.lemma_.lower() == "responsible" for k in children(t))))]
    if not named:
        return False
    c.targets = _latest_forceful(c, s)[:1]
    return bool(c.targets)


def victims_of_claimed_act(c: Candidate, s: SentenceScope) -> bool:
    """"Islamic State claimed responsibility for the attack": a claimed act that names no one is aimed at whoever
    the article last said suffered violence (an armed group's claim follows the report of what it did)."""
    violence = _roots(s, "violence_root")
    if c.targets or c.frame.kind != "claim" or c.code[:2] not in violence:
        return False
    c.targets = [t for root, t in s.context.recent_victims if root in violence and _not_own(t, c)][:1]
    return bool(c.targets)


def doer_of_welcomed_measure(c: Candidate, s: SentenceScope) -> bool:
    """"Hamas welcomed the warrants against the Israeli leaders": welcoming or praising a hostile measure (or a
    plan for one) approves of whoever took it (the latest other actor the article said did that kind of act),
    never of its target; with no such actor, of no one."""
    if c.frame.kind != "verb" or c.code[:2] != "05":
        return False
    obj = direct_object(c.frame.trigger)
    rule = s.lexicon.verbs.match_noun(obj, governed=True) if obj is not None else None
    planned = [a for a in children(obj) if a.dep_ in ("acl", "relcl") and a.pos_ == "VERB" and
               any(m.dep_ == "aux" and m.lower_ == "to" for m in children(a))] if obj is not None else []
    if rule is None and planned and obj.lemma_.lower() in s.lexicon.conventions.words("plan_noun"):
        rule = s.lexicon.verbs.match_verb(planned[0])   # "backed a plan to annex parts of Ukraine": the annexation
    if rule is None or rule.code[:2] not in _roots(s, "aimed_root") or any(
            k.dep_ in ("poss", "amod", "compound") and k.i in s.actors.by_token for k in children(obj)):
        return False   # ("would not support an Israeli strike": the doer named, and supported or not)
    # a sanction or an arrest is taken by one side the article names; whose attack is praised, it may not say
    c.targets = _latest_doers(c, s, rule.code[:2])[:1] if rule.code[:2] in ("16", "17") else []
    return True


def accuser_of_rejected_charge(c: Candidate, s: SentenceScope) -> bool:
    """"Belarus rejected the accusations": rejecting or denying a charge answers whoever the article last said
    made one (another actor's accusation or criticism), not the last actor in view."""
    if c.targets or c.frame.kind != "verb" or c.code[:2] not in ("01", "12"):
        return False
    obj = direct_object(c.frame.trigger)
    if obj is None or obj.lemma_.lower() not in s.lexicon.conventions.words("charge_noun"):
        return False
    c.targets = _latest_doers(c, s, "11")[:1]
    return bool(c.targets)


def giver_of_received(c: Candidate, s: SentenceScope) -> bool:
    """"Ukraine received military aid from Germany": what is received is given by the "from" actor to the
    subject (Germany -> Ukraine, 07), the other way round from the verb's own subject and object."""
    tables, trigger = s.lexicon.conventions, c.frame.trigger
    if c.frame.kind != "verb" or trigger.lemma_.lower() not in tables.words("receiving_verb") or \
            c.code[:2] not in tables.words("given_root"):
        return False
    givers = [a for p in children(trigger) if p.dep_ == "prep" and p.lower_ == "from"
              for o in children(p) if o.dep_ == "pobj" for a in s.actors.actors_of(o) if a.code]
    if not givers or not c.sources:
        return False
    c.sources, c.targets = givers, c.sources
    c.exclude = frozenset({a.code for a in givers} | {a.country for a in givers if a.country})
    c.own = tuple(givers)
    return True


def captor_of_demanded_release(c: Candidate, s: SentenceScope) -> bool:
    """"demanded the immediate release of the ship and its crew": a demand or appeal for a release, naming no
    one, is aimed at whoever the article last said seized or abducted someone."""
    tables = s.lexicon.conventions
    obj = direct_object(c.frame.trigger) if c.frame.kind == "verb" else c.frame.noun
    if c.targets or obj is None or c.code[:2] not in ("02", "10") or \
            obj.lemma_.lower() not in tables.words("release_noun"):
        return False
    captors = [a for root, a, _ in s.context.recent_acts if root in tables.words("captive_root")
               and a.code not in c.exclude and (a.group or a.country not in c.exclude)]
    c.targets = captors[:1]
    return bool(c.targets)


def parties_of_endorsed_deal(c: Candidate, s: SentenceScope) -> bool:
    """"Blinken welcomed the agreement", "the US and France brokered the agreement", "Palestinian leaders
    condemned the agreements": an endorsement, a condemnation or the mediation of a deal, decision or truce that
    names no one is aimed at the parties (other than the endorser's
    own side) to the latest one the article reported."""
    trigger = c.frame.trigger
    obj = direct_object(trigger) if c.frame.kind == "verb" else None
    described = trigger.dep_ == "acl" and trigger.tag_ == "VBN"   # "a deal mediated by Qatar, Egypt and the US"
    if obj is None and described and c.frame.kind == "verb":
        obj = trigger.head
    endorsing = _roots(s, "endorsed_act_root")
    if c.targets or obj is None or (c.code[:2] not in endorsing and c.code[:3] not in endorsing) or \
            obj.lemma_.lower() not in s.lexicon.conventions.words("deal_noun"):
        return False
    if any(k.like_num and len(k.text) == 4 for k in children(obj)):
        return False   # "Russia, which brokered the 2020 ceasefire": a deal of its own year, not the latest one
    pairs = list(s.context.recent_deals)
    if described:   # "Israel and Hamas agreed to a truce in a deal mediated by ...": the clause's own parties
        verb = obj
        while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
            verb = verb.head
        subject = subject_of(verb) if verb.pos_ in ("VERB", "AUX") else None
        pairs.insert(0, s.actors.actors_of(subject) if subject is not None else [])
    for pair in pairs:
        parties = [a for a in pair if a.code and a.code not in c.exclude and (a.group or a.country not in c.exclude)]
        if parties:
            c.targets = list(dict.fromkeys(parties))
            return True
    return False


def _homeless(a: Actor, s: SentenceScope, role_needed: bool = True) -> bool:
    """A role-only actor whose country is still to be found; not one called foreign ("foreign forces",
    "visiting journalists": by definition not of the country around them; a foreign ministry is a government's
    own), nor several countries' ("European leaders", "leaders around the world"), nor "diplomats in Pristina"
    (posted there from elsewhere), nor the spokesman of a group named by an acronym the dictionaries lack."""
    words = set(a.text.lower().split())
    tables = s.lexicon.conventions
    if any(w.isupper() and w.isalpha() and len(w) >= 3 for w in a.text.split()):
        return False   # "MRTA spokesman Isaac Velazco": an organisation the dictionaries lack, of no country said
    return not a.code and (bool(a.role) or not role_needed) and not words & POSTED_PEOPLE and \
        not (a.role != "GOV" and words & tables.words("foreign_word")) and \
        not words & tables.words("many_countries_word")


def _replace(c: Candidate, sources: list[Actor], targets: list[Actor]) -> bool:
    changed = sources != c.sources or targets != c.targets
    c.sources, c.targets = sources, targets
    return changed


def country_from_place(c: Candidate, s: SentenceScope) -> bool:
    """Unresolved roles take their country from where the event happened ("protesters ... in Baghdad"), or,
    when the sentence names no place, from where the story was filed ("gunmen attacked police stations") or,
    filed from abroad, the country it is about; foreign ones ("foreign journalists") stay unresolved."""
    home = s.context.story_country()
    here = c.place.country if c.place is not None else home
    targets_home = here   # a story filed from Dubai about Iran: its unplaced roles are Iran's (but not the victims
    if here is None:    # of that country's own named attackers: "Israeli forces hit innocent people" in Gaza)
        here = s.context.story_subject()
        targets_home = None if c.code[:2] in _roots(s, "violence_root") and any(
            a.country == here for a in c.sources) else here
    if not here:
        return False
    # "Venezuela expels diplomats": whose diplomats is not where the expulsion happened
    foreign = c.code[:3] in _roots(s, "foreign_target_code") and any(a.country == here for a in c.sources)
    # "South Korean police detained 16 students" in a story filed from Tokyo: with no place named, the police's
    # own country (police.act-at-home), not the dateline's
    foreign = foreign or (c.place is None and any(a.role == "COP" and a.country and a.country != here
                                                  for a in c.sources))
    return _replace(c, [with_country(a, _home_of(a, here, home)) if _homeless(a, s, role_needed=False) else a
                        for a in c.sources],
                    [with_country(t, targets_home) if _homeless(t, s) and targets_home and not foreign else t
                     for t in c.targets])


def _home_of(source: Actor, here: str, home: str | None) -> str:
    """"the army had mobilised 300,000 reservists and was massing forces near the Gaza border": the story's own
    state's army, named as the story's ("the army", "the government"), acts wherever it acts."""
    state = source.role in ("MIL", "GOV", "COP") and source.text.lower().startswith("the ")
    return home if state and home else here


def restriction_people(c: Candidate, s: SentenceScope) -> bool:
    """A curfew or state of emergency imposed or lifted "in Montenegro" concerns the people there; with no place
    named, a state's curfew or martial law concerns its own people ("Bangladesh imposed a nationwide curfew")."""
    tables = s.lexicon.conventions
    if [t for t in c.targets if t.code] or c.code[:3] not in tables.words("restriction_code"):
        return False
    if c.place is not None and c.place.country:
        here, name = c.place.country, c.place.name
    else:
        states = {a.country if a.role in (None, "GOV", "MIL") and not a.group else None for a in c.sources}
        if c.code not in tables.words("home_restriction_code") or len(states) != 1 or None in states:
            return False
        here = next(iter(states))
        home = s.lexicon.gazetteer.country(here)
        name = home.name if home is not None else here
    c.targets = [country_actor(here, "CVL", name, name)]
    return True


def people_of_place(c: Candidate, s: SentenceScope) -> bool:
    """Force or protest with no named target is aimed at the people of its place ("attacks across Paris"); not
    a protest at home, which is aimed at the government (protest.home-government)."""
    if c.place is None or not c.place.country or [t for t in c.targets if t.code] or \
            c.code[:2] not in _roots(s, "people_of_place_root"):
        return False
    here = c.place.country
    if c.code[:2] in _roots(s, "protest_root") and any(a.country == here for a in c.sources):
        return False
    c.targets = [country_actor(here, None, c.place.name, c.place.name)]
    c.civilian_target = True
    return True


def accusers_victims(c: Candidate, s: SentenceScope) -> bool:
    """"Kyiv accused Moscow of attacking civilian infrastructure": unnamed victims are the accuser's."""
    m = c.modality
    if not m.reason.startswith(("governor:accuse", "governor:blame")) or m.anchor is None:
        return False
    accuser = subject_of(s.sent.doc[m.anchor])
    home = next((a.country for a in (s.actors.actors_of(accuser) if accuser is not None else ()) if a.country), None)
    if not home:
        return False
    return _replace(c, c.sources, [with_country(t, home) if not t.code and t.role else t for t in c.targets])


def ethnic_minority(c: Candidate, s: SentenceScope) -> bool:
    """"killed three ethnic Albanians in southeastern Serbia": an ethnic minority is of the place it lives in."""
    if c.place is None or not c.place.country:
        return False
    here = c.place.country

    def local(a: Actor) -> Actor:
        if "ethnic" in a.text.lower().split() and a.country != here:
            return country_actor(here, "CVL", a.name, a.text)
        return a
    return _replace(c, [local(a) for a in c.sources], [local(t) for t in c.targets])


def police_at_home(c: Candidate, s: SentenceScope) -> bool:
    """Police act at home: "police opened fire to disperse demonstrators" are the same country's people; not
    people called foreign ("migrants trying to cross the border": of no country said)."""
    home = next((a.country for a in c.sources if a.role == "COP" and a.country), None)
    if home is None:
        return False
    return _replace(c, c.sources, [with_country(t, home) if _homeless(t, s) else t for t in c.targets])


def source_country_from_target(c: Candidate, s: SentenceScope) -> bool:
    """A role-only source belongs to its target's country ("teachers demanded that the Nigerian government
    ..."): a domestic event. Not for violence: attackers do not take their victims' nationality ("troops fired
    on a Chinese aid convoy"); nor for a source called foreign ("the first foreign leader to congratulate")."""
    if c.code[:2] in _roots(s, "violence_root") or c.code[:3] in _roots(s, "implied_state_code"):
        return False   # nor for arrests: "police arrested a Frenchman in Bali" are not French police
    known_t = next((t for t in c.targets if t.country), None)
    if known_t is None:
        return False
    # "the first foreign leader to congratulate Georgian Dream": said not to be of the target's country; nor
    # an international role ("the Secretary-General urged the Houthis"): no country's at all
    return _replace(c, [with_country(a, known_t.country) if _homeless(a, s) and a.role != "IGO" and not
                        set(a.text.lower().split()) & s.lexicon.conventions.words("foreign_word") else a
                        for a in c.sources], c.targets)


def relations_counterpart(c: Candidate, s: SentenceScope) -> bool:
    """"Paris responded by recalling the envoy", "it downgraded relations": cutting relations or recalling
    one's own ambassador, with no other country named, is aimed at the country the article's dyad sets
    against the source (else the latest other actor of a hostile act), not at the envoy."""
    if c.code[:3] not in _roots(s, "relations_code") or any(t.code and not own_side(t, c.sources) for t in c.targets):
        return False
    return _aim_at_counterpart(c, s, fallback=True)


def border_posture_counterpart(c: Candidate, s: SentenceScope) -> bool:
    """"Poland has deployed 15,000 troops to the border": a show of force at a border, with no other country
    named, faces the country the article's dyad sets against the source, from the source's own side."""
    if c.code[:2] not in _roots(s, "border_posture_root") or any(t.code for t in c.targets):
        return False
    borders = s.lexicon.conventions.words("border_noun")
    if not any(t.lemma_.lower() in borders and t.head.dep_ == "prep" and t.head.head == c.frame.trigger
               for t in c.frame.trigger.subtree):
        return False
    if not _aim_at_counterpart(c, s, fallback=False):
        return False
    home = next((a.country for a in c.sources if a.country), None)
    if c.place is None and home:   # on its own side of the border, not in the country it faces
        c.place = s.lexicon.gazetteer.country(home)
    return True


def _aim_at_counterpart(c: Candidate, s: SentenceScope, fallback: bool) -> bool:
    """Aim the act at the other country of the article's main pair (else, with `fallback`, at the latest other
    actor of a hostile act)."""
    mine = {a.country for a in c.sources if a.country}
    if not mine:
        return False
    pair = s.context.main_pair()
    counterpart = [p for p in pair if p not in mine] if len(set(pair) & mine) == 1 else []
    if counterpart:
        c.targets = [country_actor(counterpart[0], None, counterpart[0], "")]
    elif fallback:
        c.targets = [a for a in s.context.recent_agents if a.country and a.country not in mine][:1]
    return bool(c.targets)


def target_country_from_source(c: Candidate, s: SentenceScope) -> bool:
    """A role-only target of a domestic act belongs to its source's country ("the government arrested
    protesters"). Not for violence (victims do not take their attackers' nationality), and not for giving,
    sending or agreeing, whose role-only object is the source's own ("Russia sent rescuers"), nor for expelling
    ("Venezuela expels diplomats"), whose object is someone else's."""
    if c.code[:2] not in _roots(s, "domestic_target_root") or c.code[:3] in _roots(s, "foreign_target_code"):
        return False
    known_s = next((a for a in c.sources if a.country), None)
    if known_s is None:
        return False
    return _replace(c, c.sources, [with_country(t, known_s.country) if _homeless(t, s) else t for t in c.targets])
