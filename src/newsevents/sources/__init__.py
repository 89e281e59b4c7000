"""Readers that turn input files into `Article` records (or `RecordError`s for bad records).

`readers.read_articles` dispatches to one module per format (`jsonl`, `text`, `html`, `tables`, `warc`)
over `common` (records, text checks) and `language` (the English check); `dedup` finds near-duplicates.
"""
from newsevents.sources.common import FileSkipped, InputError, RecordWarning, TableColumns, parse_published
from newsevents.sources.language import english_stopword_ratio, english_stopwords, looks_english
from newsevents.sources.readers import count_records, read_articles

__all__ = ["FileSkipped", "count_records", "InputError", "RecordWarning", "TableColumns", "english_stopword_ratio", "english_stopwords",
           "looks_english", "parse_published", "read_articles"]
