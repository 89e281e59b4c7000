"""The Coder: article text in, `Event` records out. It is only the sequence of stages in DESIGN.md's diagram:

    parse (spaCy, nlp.py)
    -> per sentence: frames   (stages/frames.py: verb and noun patterns -> CAMEO code)
                  -> actors   (stages/roles.py: source and target phrases -> actors)
                  -> modality (modality.py: asserted / negated / hypothetical / future)
                  -> place    (locate.py)
                  -> conventions on targets, pairs, conventions on codes  (policy.py, conventions/)
                  -> date     (event_dates.py, dates.py)
                  -> one event per pair, derived events (refusals, announced intents and threats)
    -> Event records, with the pattern and every convention that shaped them in `rule`

Load once per process (spaCy and every dictionary: `lexicon/`), then call `code` / `code_many` as often as
you like. Coding conventions can be switched off by id (`disabled_rules`, `newsevents conventions` lists them).
"""
from __future__ import annotations

import datetime as dt
from contextlib import nullcontext
from pathlib import Path
from typing import Iterable, Iterator

from newsevents.coding.article import dateline_place, datelines, is_headline, paragraph_break
from newsevents.coding.event_dates import DAY_WORDS, ONSET_VERBS, main_clause_date, note_onsets, sentence_dates
from newsevents.coding.lexicon import Lexicon
from newsevents.coding.lexicon import cache as lexicon_cache
from newsevents.coding.locate import EventLocator
from newsevents.coding.nlp import load_pipeline
from newsevents.coding import parse_facts
from newsevents.coding.article import Context, StoryDay, unique_actors
from newsevents.coding.heap import release_free_memory
from newsevents.coding.phrases import SentenceActors
from newsevents.coding.conventions import default_policy
from newsevents.coding.records import SentenceScope
from newsevents.coding.stages.acts import ConventionStage, DateStage, PairStage
from newsevents.coding.stages.events import PairEventStage, sentence_events, to_event
from newsevents.coding.stages.frames import FrameStage
from newsevents.coding.stages.roles import ActorStage, ModalityStage, PlaceStage
from newsevents.model import Article, Event, EventDate
from newsevents.settings import SETTINGS

# Articles longer than this are parsed in paragraph-sized pieces of about PIECE_CHARS (spaCy's memory grows with
# the length of a doc; an article's context carries over from piece to piece).
LONG_ARTICLE_CHARS = 100_000
PIECE_CHARS = 20_000
# The first characters a Coder parses are parsed outside spaCy's memory zones (see `_zone`), so that the
# tokenizer's cache, which is only written outside a zone, learns the corpus's common words.
WARM_UP_CHARS = 600_000
# How many recent agents the article context keeps for "condemned the attack" and similar back-references.
RECENT_AGENTS = 5
PRESUMED_DOER = frozenset({"custody.implied-authorities"})   # conventions that supply a source (any version)


class Coder:
    """The event coder. `Coder(model=..., verbs=..., actors=..., disabled_rules=...)` loads everything once."""

    def __init__(self, model: str | None = None, verbs: Iterable[str | Path] = (), actors: Iterable[str | Path] = (),
                 use_petrarch_verbs: bool = True, nlp=None, disabled_rules: Iterable[str] | None = None):
        self.model = model or SETTINGS["model"].value
        self.verbs, self.actors = tuple(map(str, verbs)), tuple(map(str, actors))
        if disabled_rules is None:
            disabled_rules = (SETTINGS["disable_rules"].value or "").split(",")
        self.policy = default_policy(disabled_rules)
        self.nlp = nlp if nlp is not None else load_pipeline(self.model)
        self.chars_parsed = 0   # past WARM_UP_CHARS, texts are parsed in memory zones (`_zone`)
        tokenizer = self.nlp.tokenizer
        self.lexicon = Lexicon.load(lambda s: [t.text for t in tokenizer(s)], self.verbs, self.actors,
                                    use_petrarch_verbs, tokenizer_key=lexicon_cache.tokenizer_key(tokenizer))
        locator = EventLocator(self.lexicon.gazetteer, self.lexicon.conventions.words("located_root"),
                               self.lexicon.conventions.words("carried_off_code"))
        self.stages = (
            FrameStage(),
            ActorStage(self.policy),
            ModalityStage(),
            PlaceStage(locator),
            ConventionStage(self.policy, "targets"),
            PairStage(self.policy),
            ConventionStage(self.policy, "codes"),
            DateStage(),
            PairEventStage(self.policy, locator),
        )

    # -- public API ------------------------------------------------------------------------------------
    def code(self, text: str, published: dt.date | str | None = None, doc_id: str = "doc",
             include_all: bool = True) -> list[Event]:
        """Events of one text. With `include_all=False` only asserted events."""
        article = Article(id=doc_id, text=text, published=_as_date(published))
        with self._zone(len(text)):
            events = self.code_doc(article, self.nlp(text))
        return events if include_all else [e for e in events if e.modality == "asserted"]

    def code_many(self, articles: Iterable[Article],
                  batch_size: int | None = None) -> Iterator[tuple[Article, list[Event]]]:
        """Stream (article, events) pairs, in input order; parses in batches with `nlp.pipe`. An article
        longer than `LONG_ARTICLE_CHARS` is parsed alone, in paragraph-sized pieces (bounded memory)."""
        size = batch_size or SETTINGS["batch_size"].value
        batch: list[Article] = []
        for article in articles:
            if len(article.text) <= LONG_ARTICLE_CHARS:
                batch.append(article)
                if len(batch) >= size:
                    yield from self._code_batch(batch, size)
                    batch = []
                continue
            yield from self._code_batch(batch, size)
            batch = []
            with self._zone(len(article.text)):
                yield article, self.code_pieces(article, self.nlp.pipe(pieces(article.text), batch_size=1))
            release_free_memory()
        yield from self._code_batch(batch, size)

    def _code_batch(self, articles: list[Article], size: int) -> Iterator[tuple[Article, list[Event]]]:
        if not articles:
            return
        with self._zone(sum(len(a.text) for a in articles)):
            for doc, article in self.nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=size):
                yield article, self.code_doc(article, doc)
        release_free_memory()   # the batch's arrays are freed: keep resident memory from creeping up

    def _zone(self, chars: int):
        """spaCy's memory zone for the next `chars` characters: the strings and lexemes that their texts add
        to spaCy's vocabulary are dropped after it. Over millions of articles, names and numbers seen once
        would otherwise stay, and a long run's memory grow with every new word (issue #13); events hold plain
        strings, never tokens. Inside a zone the tokenizer caches nothing (tokenizing took 3 times as long
        with an empty cache), so the first `WARM_UP_CHARS` are parsed outside one."""
        warm = self.chars_parsed >= WARM_UP_CHARS
        self.chars_parsed += chars
        # Zones do not nest: `code` may be called while a `code_many` batch is open.
        return self.nlp.memory_zone() if warm and not self.nlp.vocab.in_memory_zone else nullcontext()

    # -- the pipeline ----------------------------------------------------------------------------------
    def code_doc(self, article: Article, doc) -> list[Event]:
        return self.code_pieces(article, [doc])

    def code_pieces(self, article: Article, docs: Iterable) -> list[Event]:
        """The events of an article parsed as one doc or as consecutive pieces: one article context, one
        sentence numbering."""
        context = Context()
        events: list[Event] = []
        index = paragraph = 0
        for doc in docs:
            try:
                found = datelines(parse_facts.doc_text(doc)) if index == 0 else []
                spans = [(d.start, d.end) for d in found]
                if found:
                    context.story_place = dateline_place(found[0], self.lexicon.gazetteer.lookup,
                                                        self.lexicon.gazetteer.lookup_named)
                previous_end = None   # a new piece starts a new paragraph (pieces are cut at paragraph breaks)
                for sent in doc.sents:
                    if index and (previous_end is None or paragraph_break(doc, previous_end, sent.start_char)):
                        paragraph += 1
                    previous_end = sent.start_char + len(parse_facts.sentence_text(sent[0]).rstrip())
                    context.paragraphs[index] = paragraph
                    if index == 0 and is_headline(sent):
                        context.headline = 0
                    if not any(start <= sent.start_char and sent.end_char <= end for start, end in spans):
                        # (a dateline is no sentence: the lead refers back to the headline, not to it)
                        events.extend(self.code_sentence(article, sent, index, context))
                        context.next_sentence()
                    index += 1
            finally:
                parse_facts.forget(doc)   # what the stages read off the parse, kept while coding this doc
        for convention in self.policy.phase("article"):
            events = convention.apply(events, context)
        return events

    def code_sentence(self, article: Article, sent, index: int, context: Context) -> list[Event]:
        lexicon = self.lexicon
        actors = SentenceActors(sent, lexicon.actors, lexicon.gazetteer, article.published, context)
        context.start(actors)
        actors.remember_offices()
        candidates = self.stages[0](SentenceScope(article, sent, index, actors, context, [], lexicon), [])
        lemmas = parse_facts.sentence_columns(sent)[3]
        dates = sentence_dates(sent, article.published, context.story_date) if candidates or any(
            lemma in ONSET_VERBS or lemma in DAY_WORDS for lemma in lemmas) else []
        note_onsets(sent, dates, article.published, context.onsets)
        if not candidates:
            # "... by greeting his guest at the airport on Tuesday. The two men held their first talks that
            # afternoon": a dated sentence moves the narrative's day on, events or not
            context.story_date = main_clause_date(dates) or context.story_date
            return []
        scope = SentenceScope(article, sent, index, actors, context, dates, lexicon)
        for stage in self.stages[1:]:
            candidates = stage(scope, candidates)
        events = sentence_events([to_event(c, scope) for c in candidates], scope, self.policy)
        self._remember(events, dates, index, context)
        roots, codes = lexicon.conventions.words("deal_root"), lexicon.conventions.words("deal_code")
        deals = [(e.source, e.target) for e in events if e.modality == "asserted" and e.target is not None and
                 (e.root in roots or e.cameo in codes)]
        context.recent_deals = (deals + context.recent_deals)[:RECENT_AGENTS]
        context.deniers.update(e.source.country or e.source.group for e in events
                               if e.cameo in lexicon.conventions.words("denial_code"))
        for convention in self.policy.phase("output"):
            events = convention.apply(events, scope)
        return events

    @staticmethod
    def _remember(events: list[Event], dates, index: int, context: Context) -> None:
        """What the next sentences may refer back to: the story's day and the latest agents of hostile acts."""
        main = main_clause_date(dates)
        if main is not None:
            context.story_date = main   # the narrative's day, for "a day earlier" in the next sentences
            # ... and what an undated past act by a side of these acts, right after in the paragraph, is dated by
            sides = frozenset(a.group or a.country for e in events for a in (e.source, e.target) if a is not None)
            context.story_day = StoryDay(index, EventDate(main, "day", None), sides)
        # (not a doer the coder presumed, "police" for an arrest that names no one: no act to refer back to)
        hostile = [e for e in events if e.modality == "asserted" and e.quad_class in (3, 4) and
                   not any(rule.rsplit(".", 1)[0] in PRESUMED_DOER for rule in e.extra.get("trail", ()))]
        context.recent_agents = unique_actors([e.source for e in hostile] + context.recent_agents)[:RECENT_AGENTS]
        context.recent_acts = ([(e.root, e.source, _act_word(e.rule)) for e in hostile] +
                               context.recent_acts)[:4 * RECENT_AGENTS]
        context.recent_victims = ([(e.root, e.target) for e in hostile if e.target is not None] +
                                  context.recent_victims)[:4 * RECENT_AGENTS]
        context.recent_accusations = ([(e.source, e.target) for e in hostile if e.target is not None and
                                       e.cameo[:3] == "112"] + context.recent_accusations)[:2 * RECENT_AGENTS]


def _act_word(rule: str) -> str:
    """The word a rule names its act by ("carry+noun:strike" and "builtin:strike" -> "strike"; "builtin:fire
    :missile" -> "fire"), which a later "the strikes" names again."""
    return rule.split(" ", 1)[0].rsplit(":", 1)[-1].lower()


def pieces(text: str, size: int = PIECE_CHARS) -> Iterator[str]:
    """Consecutive pieces of a text of about `size` characters, cut after a paragraph break (else after a
    line break, else after a sentence's full stop, else anywhere). The pieces add up to the text."""
    start = 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = next((window.rfind(sep) + len(sep) for sep in ("\n\n", "\n", ". ") if window.rfind(sep) > size // 4),
                   size)
        yield text[start:start + cut]
        start += cut
    if start < len(text):
        yield text[start:]


def _as_date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])
