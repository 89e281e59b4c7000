"""Which (source, target) pairs an act makes: the first convention that answers decides; without one, every
source acts on every target."""
from __future__ import annotations

from newsevents.coding.conventions.codes import by_a_state, is_state_protest
from newsevents.coding.parse_facts import children
from newsevents.coding.records import Candidate, SentenceScope
from newsevents.coding.english import LOCATIVE, TEMPORAL_PREPS
from newsevents.coding.locate import PLACE_WORDS
from newsevents.coding.syntax import direct_object, own_clause
from newsevents.coding.time_words import names_a_time
from newsevents.coding.lexicon.actors import country_actor
from newsevents.model import Actor


def _among(sources: list[Actor]) -> list[tuple[Actor, Actor]]:
    return [(sources[i], sources[j]) for i in range(len(sources)) for j in range(i + 1, len(sources))]


def reciprocal_parties(c: Candidate, s: SentenceScope):
    """"X and Y clashed in Z": several sources of a reciprocal verb with no object act on one another."""
    trigger = c.frame.trigger
    if len(c.sources) >= 2 and trigger.lemma_.lower() in s.lexicon.conventions.words("reciprocal_verb") and \
            direct_object(trigger) is None:
        return _among(c.sources)
    return None


def each_other(c: Candidate, s: SentenceScope):
    """"Pakistan and Iran accused each other of sheltering militants", "each side accused the other": with "each
    other" or "one another" as its object, each source acts on every other (both ways); what the clause names
    besides is not a party."""
    trigger = c.frame.trigger
    objects = [x for x in children(trigger) if x.dep_ in ("dobj", "dative")] + \
              [p for x in children(trigger) if x.dep_ == "prep" for p in children(x) if p.dep_ == "pobj"]
    each = any(x.dep_ == "det" and x.lower_ == "each" for t in children(trigger) if t.dep_ == "nsubj"
               for x in children(t))
    if len(c.sources) < 2 or not any(_reciprocal_pronoun(x) or (each and _the_other(x)) for x in objects):
        return None
    return [(a, b) for a in c.sources for b in c.sources if (a.country, a.group) != (b.country, b.group)]


def _the_other(token) -> bool:
    """"the other" (after a subject with "each": "each side accused the other")."""
    return token.lower_ == "other" and any(x.dep_ == "det" and x.lower_ == "the" for x in children(token))


def _reciprocal_pronoun(token) -> bool:
    det = {x.lower_ for x in children(token) if x.dep_ == "det"}
    # spaCy reads "one another" either way round
    return (token.lower_ == "other" and "each" in det) or (token.lower_ == "another" and "one" in det) or \
        (token.lower_ == "one" and "another" in det)


def joint_partners(c: Candidate, s: SentenceScope):
    """"Russia and Belarus began joint drills", "X and Y restored relations": a joint act is an event between
    the partners."""
    if len(c.sources) < 2 or c.targets:
        return None
    tables = s.lexicon.conventions
    trigger = c.frame.trigger
    thing = c.frame.noun if c.frame.noun is not None else direct_object(trigger)
    if trigger.lemma_.lower() in tables.words("reciprocal_verb") or (
            thing is not None and thing.lemma_.lower() in tables.words("reciprocal_noun")):
        return _among(c.sources)
    return None


def home_government(c: Candidate, s: SentenceScope):
    """A protest with no named target is aimed at its own country's government (CAMEO practice); a state's own
    protest at whom the act it serves names ("summoned Finland's ambassador to protest"), else at no one."""
    countries = {a.country for a in c.sources if a.country}
    if c.targets or c.code[:2] not in s.lexicon.conventions.words("protest_root") or len(countries) != 1:
        return None
    if is_state_protest(c):
        trigger = c.frame.trigger
        obj = direct_object(trigger.head) if trigger.dep_ in ("advcl", "xcomp") else None
        named = s.actors.actors_of(obj) if obj is not None else []
        others = [t for t in named if t.code and t.country not in countries]
        return [(a, t) for a in c.sources for t in others[:1]]
    if c.code[:3] in ("143", "144") and by_a_state(c, ("GOV", "MIL", "COP")):
        return None   # "Hungary blocked migrants from boarding trains": a state obstructing protests at no one
    if all(a.role in ("MIL", "COP", "SPY") for a in c.sources):
        return None   # "French commandos stormed a yacht": a state's armed men protest at no government
    home = next(iter(countries))
    gov = country_actor(home, "GOV", name=home)
    return [(a, gov) for a in c.sources if a.code != gov.code]


def _one_sided_root(c: Candidate, s: SentenceScope) -> bool:
    tables, frame = s.lexicon.conventions, c.frame
    if c.targets or c.code[:2] not in tables.words("one_sided_root") or frame.kind == "noun" or \
            frame.trigger.dep_ in ("acl", "relcl", "amod"):
        return False
    return c.code[:2] != "03" or frame.trigger.lemma_.lower() in tables.words("one_sided_intent")


def named_counterpart(c: Candidate, s: SentenceScope):
    """"Russia declared a ceasefire in its war with Ukraine": an act that could stand alone but whose own
    clause names another actor is aimed at that actor."""
    if not _one_sided_root(c, s):
        return None
    other = _other_actors(c, s) or _beside_semicolon(c, s)
    return [(a, other[0]) for a in c.sources] if other else None


def _beside_semicolon(c: Candidate, s: SentenceScope) -> list[Actor]:
    """"U.S. imposes sanctions on India; Japan freezes loans", "Thailand and Cambodia clash on border; Thai jets
    strike targets": a clause after a semicolon (as headlines join two) acts on whom the clause before it acts
    on, else on that clause's other actors."""
    trigger = c.frame.trigger
    before = next((k for k in children(trigger) if k.dep_ == "parataxis" and k.i < trigger.i and any(
        p.text == ";" and k.right_edge.i < p.i < trigger.i for p in children(trigger))), None)
    if before is None:
        return []
    own = {a.country for a in c.sources if a.country} | {a.group for a in c.sources if a.group}
    subject = {t.i for k in children(before) if k.dep_ in ("nsubj", "nsubjpass") for t in k.subtree}
    clause = [t for t in before.subtree if t.i not in subject] + [t for t in before.subtree if t.i in subject]
    for t in clause:
        if t.i in s.actors.by_token:
            found = [a for a in s.actors.actors_of(s.actors.phrase_head(t)) if a.code and
                     (a.group or a.country) not in own and a.country not in own]
            if found:
                return found[:1]
    return []


def story_country(c: Candidate, s: SentenceScope):
    """"Kenya has pledged 1,000 officers" in a story filed from Port-au-Prince: a pledge, a kind of aid, aid
    suspended or an appeal ("the U.N. urged calm") that names no beneficiary or addressee, by a foreign actor, is
    for the country the story is about: its dateline's, when the article names no third country more often. A
    bare "sent" or "helped" (070) says too little; an appeal to someone unnamed ("urged voters") is not to a
    country, nor is a cut in "its foreign aid" anywhere."""
    place, tables = s.context.story_place, s.lexicon.conventions
    if c.targets or place is None or not place.country or \
            (c.code[:2] not in tables.words("story_target_root") and
             c.code[:3] not in tables.words("story_target_code")) or \
            c.code in tables.words("story_target_too_vague") or \
            any(a.country == place.country for a in c.sources) or _other_actors(c, s) or \
            s.context.story_country({a.country for a in c.sources}) != place.country:
        return None
    if c.code[:2] in tables.words("appeal_root") and not _appeal_without_addressee(c, s):
        return None
    obj = direct_object(c.frame.trigger) if c.frame.kind == "verb" else None
    if obj is not None and any(k.dep_ == "amod" and k.lower_ in ("foreign", "overseas", "international", "global")
                               for k in children(obj)):
        return None   # "has sharply cut its foreign aid": to everyone
    home = country_actor(place.country, None, place.name, "")
    return [(a, home) for a in c.sources]


def _appeal_without_addressee(c: Candidate, s: SentenceScope) -> bool:
    """"called for a peaceful transition", "urged calm": what is asked for, not of whom; "urged all parties":
    of no one in particular."""
    trigger = c.frame.trigger
    obj = direct_object(trigger)
    called_on = [p for x in children(trigger) if x.dep_ == "prep" and x.lower_ in ("on", "upon")
                 for p in children(x) if p.dep_ == "pobj"]
    if any(x.lemma_.lower() in s.lexicon.conventions.words("all_sides") for x in [obj, *called_on] if x is not None):
        return True   # "urged all parties", "called on all sides" to refrain: the sides of the story's country
    if c.frame.kind == "noun" or any(x.dep_ in ("dative", "iobj", "ccomp", "xcomp") for x in children(trigger)) or \
            any(x.dep_ == "prep" and x.lower_ == "on" and trigger.lemma_.lower() == "call" for x in children(trigger)
                if not any(names_a_time(p) for p in children(x))):
        return False
    return obj is None or obj.lemma_.lower() in s.lexicon.conventions.words("appeal_content")


def home_country(c: Candidate, s: SentenceScope):
    """"Prime Minister Hasina resigned", "the junta declared a ceasefire in the civil war", "the government
    imposed a curfew": an act that stands without a target, by one country's actors, where no other actor is
    named and not abroad, is aimed at that country (a domestic event). Violence only where its own place is
    at home: "Israeli jets struck" with no place says nothing of whom they struck."""
    tables = s.lexicon.conventions
    if not _one_sided_root(c, s) or c.code[:2] not in tables.words("domestic_act_root"):
        return None
    countries = {a.country for a in c.sources}
    if len(countries) != 1 or None in countries:
        return None
    home = next(iter(countries))
    place = c.place if c.place is not None or c.code[:2] in tables.words("violence_root") else s.context.story_place
    if place is None or place.country != home or _other_actors(c, s):
        return None
    return [(a, country_actor(home, None, name=home)) for a in c.sources]


def one_sided(c: Candidate, s: SentenceScope):
    """"Protesters rallied in Manila", "X mobilised troops": GDELT's one-actor events, for the roots that
    stand without a named target (and, of intents, only agreeing, accepting and pledging), and only when the
    sentence names no other actor: when it does, the act is aimed at someone the coder did not find, and an
    event without its target would misstate it."""
    if not _one_sided_root(c, s):
        return None
    if _other_actors(c, s):
        return []
    return [(a, None) for a in c.sources]


def _other_actors(c: Candidate, s: SentenceScope) -> list[Actor]:
    """Does the act's own clause name an actor of another country or group than the sources', outside the
    source phrase and outside the places it happened in ("withdrew from the Bosnian town of Gorazde")?
    Temporal phrases ("after battles with the Amal militia") and subordinate clauses describe other acts."""
    own = {a.country for a in c.sources if a.country} | {a.group for a in c.sources if a.group}
    clause = {t.i for t in own_clause(c.frame.trigger)}
    clause -= {t.i for head in c.frame.sources if head is not None for t in head.subtree}
    # "after 12 days of battles with the Amal militia": a temporal phrase names another act
    clause -= {t.i for p in children(c.frame.trigger) if p.dep_ == "prep" and p.lower_ in TEMPORAL_PREPS
               for t in p.subtree}
    # "resigned on Sunday and left for Togo": a verb joined to it is an act of its own
    clause -= {t.i for k in children(c.frame.trigger) if k.dep_ == "conj" and k.pos_ in ("VERB", "AUX")
               for t in k.subtree}
    doc, borders = s.sent.doc, s.lexicon.conventions.words("border_noun")
    for mention in s.actors.mentions:
        if not any(i in clause for i in range(mention.start, mention.end)):
            continue
        entry = mention.entry_on(s.published)
        if entry is None or entry.kind in ("capital", "place") or _in_place_phrase(doc[mention.start], borders):
            continue
        who = entry.group or entry.country
        if who and who not in own and entry.country not in own:
            head = s.actors.phrase_head(doc[mention.start])
            found = [a for a in s.actors.actors_of(head) if a.code and (a.group or a.country) not in own]
            if found:
                return found[:1]
    return []


def _in_place_phrase(token, borders: frozenset[str]) -> bool:
    """Is the token inside a phrase that names a place ("from the Bosnian town of Gorazde", "in south
    Lebanon", "a stronghold on the Thai border": a border has two sides)?"""
    for t in [token, *token.ancestors][:6]:
        if t.dep_ != "pobj" or t.head.head.pos_ not in ("VERB", "NOUN"):
            continue
        if t.head.lower_ in LOCATIVE | {"from", "into", "to"}:
            return t.lemma_.lower() in PLACE_WORDS or t.pos_ == "PROPN"
        if t.head.lower_ in ("on", "along"):
            return t.lemma_.lower() in borders
    return False


def domestic_needs_two_roles(c: Candidate, s: SentenceScope) -> bool:
    """A domestic event needs two distinct roles ("SYRMIL -> SYRREB"); statements are never domestic events,
    appeals are ("Biden urged Congress to act")."""
    source, target = c.source, c.target
    if target is None:
        return False
    return source.code == target.code or (source.country == target.country and (
        c.code[:2] in s.lexicon.conventions.words("statement_root") or not (source.role or target.role)))


def unarmed_crossing(c: Candidate, s: SentenceScope) -> bool:
    """"Israeli ground troops crossed into southern Lebanon", "Taliban insurgents entered Kabul" are incursions;
    migrants crossing a border or a leader entering a country are not, nor is entering with no land named."""
    tables = s.lexicon.conventions
    return c.frame.code == "192" and c.frame.kind == "verb" and \
        c.frame.trigger.lemma_.lower() in tables.words("incursion_verb") and \
        (c.source.role not in tables.words("armed_role") or c.target is None or
         c.target.country == c.source.country and not c.source.group and c.source.role != "REB")
    # (a state's forces make no incursion into their own land; rebels taking a town in theirs do)


def armed_forces_moving(c: Candidate, s: SentenceScope) -> bool:
    """"M23 fighters marched into the city centre", "troops rallied": armed forces marching or rallying are on
    the move; a protest is civilians' (or officials') act."""
    tables = s.lexicon.conventions
    return c.code[:2] in tables.words("protest_root") and c.frame.kind == "verb" and \
        c.frame.trigger.lemma_.lower() in tables.words("movement_verb") and c.source.role in tables.words("armed_role")


def left_an_undertaking(c: Candidate, s: SentenceScope) -> bool:
    """"The cricket board withdrew from a tri-nation series", "pulled out of the race", "withdrew the bill": what
    was left or taken back is an event, a contest, a project or a text, not ground; no forces retreated."""
    trigger = c.frame.trigger
    if not c.code.startswith("087") or c.frame.kind != "verb":
        return False
    preps = [p for k in children(trigger) for p in (k, *children(k)) if p.dep_ == "prep"]   # "pulled out of"
    left = [x for p in preps if p.lower_ in ("from", "of") for x in children(p) if x.dep_ == "pobj"]
    left += [x for x in children(trigger) if x.dep_ == "dobj"]   # "would withdraw the bill"
    return any(x.lemma_.lower() in s.lexicon.conventions.words("undertaking_noun") for x in left)


def advice_to_own_people(c: Candidate, s: SentenceScope) -> bool:
    """"The State Department warned Americans overseas to be on guard", "cautioned U.S. citizens against travelling
    to Russia": a warning to one's own people what to do or not is advice, no threat (but "warned Iran to stop")."""
    trigger = c.frame.trigger
    if c.code[:2] != "13" or c.frame.kind != "verb" or trigger.lemma_.lower() not in ("warn", "caution", "advise"):
        return False
    addressee = direct_object(trigger)
    if addressee is None or not any(k.dep_ == "xcomp" or (k.dep_ == "prep" and k.lower_ == "against")
                                    for k in children(trigger)):
        return False
    people = [a for a in s.actors.actors_of(addressee) if a.code]
    homes = {a.country for a in c.sources if a.country}
    return bool(people) and all(a.country in homes and not a.group for a in people)


def said_by_its_means(c: Candidate, s: SentenceScope) -> bool:
    """"The junta retaliated by recalling its ambassadors": the reaction is the act its "by" clause names
    (coded there), not an act of its own against whatever that clause names."""
    trigger = c.frame.trigger
    return c.frame.kind == "verb" and trigger.lemma_.lower() in s.lexicon.conventions.words("means_verb") and any(
        p.dep_ == "prep" and p.lower_ == "by" and any(x.dep_ == "pcomp" and x.pos_ == "VERB" for x in children(p))
        for p in children(trigger))


def aimed_without_target(events: list, s: SentenceScope) -> list:
    """"Iran's strike hit two bases": shows of force, cutting ties, coercion and force are done to someone; with
    no target found while the article names another side, the act is aimed at someone the coder missed, and an
    event asserting it without its target would misstate it (the article's memory still holds the act). Alone
    in view ("North Korea fired two missiles into the sea"), the actor's one-actor event stands."""
    aimed, sides = s.lexicon.conventions.words("aimed_root"), set(s.context.sides)
    return [e for e in events if e.target is not None or e.root not in aimed or e.modality != "asserted" or
            not sides - {e.source.group, e.source.country}]


def command_to_own_forces(c: Candidate, s: SentenceScope) -> bool:
    """"Bush ordered the Marines into Haiti", "I have given the order to the army to open fire": a government's
    order to its own forces or police is a command inside the state, not a demand between actors (what they were
    ordered to do is coded as its own act)."""
    tables = s.lexicon.conventions
    obj = c.frame.noun or direct_object(c.frame.trigger)   # ("gave the order to the army")
    words = {c.frame.trigger.lemma_.lower(), obj.lemma_.lower() if obj is not None else ""}
    return c.code[:2] == "10" and c.source.role == "GOV" and c.target is not None and \
        c.target.country == c.source.country and not c.target.group and \
        c.target.role in tables.words("forces_role") and bool(words & tables.words("command_word"))
