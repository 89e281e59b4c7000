"""Loading the spaCy pipeline once, with only the components the coder uses."""
from __future__ import annotations

# The coder reads tokens, tags, lemmas, dependencies and sentence boundaries (from the parser); it does not
# use the named-entity recogniser (actors come from dictionaries, dates from text patterns), so "ner" is
# switched off: about 15% of the parse time saved.
UNUSED_COMPONENTS = ("ner",)


class ModelNotFound(RuntimeError):
    """The spaCy model named by --model / NEWSEVENTS_MODEL is not installed."""


def load_pipeline(model: str, fast_attributes: bool = True):
    """The model without its unused components, with the coder's own; with `fast_attributes` (the default) the
    model's attribute ruler and rule lemmatizer are replaced by memoised equivalents with the same output
    (`fast_attributes.py`) wherever their patterns allow it."""
    import spacy

    from newsevents.coding.article import article_boundaries  # noqa: F401  (registers the component)
    from newsevents.coding.parse_repairs import register_clause_repairs

    _register_lemma_fixes()
    register_clause_repairs()

    try:
        nlp = spacy.load(model, exclude=list(UNUSED_COMPONENTS))
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy model {model!r} is not installed. Run `make run` or `make test` (they install the default "
            f"model), or install your own model and pass --model / set NEWSEVENTS_MODEL.") from exc
    # Paragraphs and datelines bound sentences (article.py); the parser respects preset sentence starts.
    where = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
    nlp.add_pipe("newsevents_article_boundaries", **where)
    if "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("newsevents_lemma_fixes", after="lemmatizer")
    if "parser" in nlp.pipe_names:   # last: it reads the parts of speech the attribute ruler sets
        nlp.add_pipe("newsevents_clause_repairs", last=True)
    if fast_attributes:
        from newsevents.coding.fast_attributes import use_fast_components

        use_fast_components(nlp)
    return nlp


def _lemma_fixes() -> dict[str, tuple[str, frozenset[str]]]:
    from newsevents.coding.lexicon.tsv import read_table

    return {row["form"]: (row["lemma"], frozenset((row.get("pos") or "VERB AUX").split()))
            for row in read_table("lemma_fixes.tsv", required=("form", "lemma"))}


def _register_lemma_fixes() -> None:
    from spacy.language import Language

    if Language.has_factory("newsevents_lemma_fixes"):
        return

    @Language.factory("newsevents_lemma_fixes")
    def make_lemma_fixes(nlp, name):
        fixes = _lemma_fixes()

        def fix_lemmas(doc):
            """Lemmas the model gets wrong ("hoped" -> "hop"), from `data/lemma_fixes.tsv`."""
            for token in doc:
                fix = fixes.get(token.lower_)
                if fix is not None and token.pos_ in fix[1]:
                    token.lemma_ = fix[0]
            return doc

        return fix_lemmas
