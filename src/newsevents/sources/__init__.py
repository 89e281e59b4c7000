"""Readers that turn input files into `Article` records (or `RecordError`s for bad records)."""
from newsevents.sources.readers import (InputError, RecordWarning, TableColumns, english_stopword_ratio,
                                        looks_english, parse_published, read_articles)

__all__ = ["InputError", "RecordWarning", "TableColumns", "english_stopword_ratio", "looks_english",
           "parse_published", "read_articles"]
