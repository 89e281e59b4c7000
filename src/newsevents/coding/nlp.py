"""Loading the spaCy pipeline once, with only the components the coder uses."""
from __future__ import annotations

# The coder reads tokens, tags, lemmas, dependencies and sentence boundaries (from the parser); it does not
# use the named-entity recogniser (actors come from dictionaries, dates from text patterns), so "ner" is
# switched off: about 15% of the parse time saved.
UNUSED_COMPONENTS = ("ner",)


class ModelNotFound(RuntimeError):
    """The spaCy model named by --model / NEWSEVENTS_MODEL is not installed."""


def load_pipeline(model: str):
    import spacy

    from newsevents.coding.article import article_boundaries  # noqa: F401  (registers the component)

    try:
        nlp = spacy.load(model, exclude=list(UNUSED_COMPONENTS))
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy model {model!r} is not installed. Run `make run` or `make test` (they install the default "
            f"model), or install your own model and pass --model / set NEWSEVENTS_MODEL.") from exc
    # Paragraphs and datelines bound sentences (article.py); the parser respects preset sentence starts.
    where = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
    nlp.add_pipe("newsevents_article_boundaries", **where)
    return nlp
