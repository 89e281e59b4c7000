"""The compiled dictionary cache (`lexicon/cache.py`): a lexicon read from it is exactly the parsed one; a
corrupt file is parsed around and rewritten; an unwritable cache directory only means parsing."""
from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Mapping

import pytest

from newsevents.coding.lexicon import Lexicon, cache
from newsevents.coding.lexicon.verbs import VerbLexicon

USER_VERBS = "lemma\tparticle\tprep\tobjects\tcode\nsnub\t\t\t\t111\nsnub\t\t\tenvoy\t9999\n"
USER_ACTORS = "name\taliases\tcountry\trole\ttitle\tstart\tend\nRuritania\tRuritanian\tRUR\tGOV\tstate\t\t\n"


def state(obj):
    """Everything an object holds, as comparable values (dict order and list order included); the live
    tokenizer function is left out."""
    if obj is None or isinstance(obj, (str, int, float, bool, dt.date)):
        return obj
    if isinstance(obj, (set, frozenset)):
        return type(obj).__name__, frozenset(obj)
    if isinstance(obj, (list, tuple)):
        return type(obj).__name__, [state(x) for x in obj]
    if isinstance(obj, Mapping):
        return type(obj).__name__, [(state(k), state(v)) for k, v in obj.items()]
    if dataclasses.is_dataclass(obj):
        return type(obj).__name__, {f.name: state(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    attrs = vars(obj) if hasattr(obj, "__dict__") else {n: getattr(obj, n) for n in type(obj).__slots__}
    return type(obj).__name__, {k: state(v) for k, v in attrs.items() if k != "_tokenize"}


@pytest.fixture(scope="module")
def tokenizer(coder):
    return coder.nlp.tokenizer


@pytest.fixture(scope="module")
def tokenize(tokenizer):
    return lambda s: [t.text for t in tokenizer(s)]


@pytest.fixture(scope="module")
def key(tokenizer):
    return cache.tokenizer_key(tokenizer)


@pytest.fixture(scope="module")
def parsed_state(tokenize):
    lexicon = Lexicon.load(tokenize)   # no tokenizer key: every table parsed
    assert len(lexicon.gazetteer._index) > 10_000 and len(lexicon.actors.phrases) > 10_000
    return state(lexicon)


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "newsevents"


def _no_parsing(monkeypatch):
    monkeypatch.setattr(Lexicon, "build", classmethod(lambda *a, **k: pytest.fail("parsed instead of read")))


def test_cached_lexicon_is_exactly_the_parsed_one(tokenizer, tokenize, key, parsed_state, cache_home, monkeypatch):
    assert key is not None
    written = Lexicon.load(tokenize, tokenizer_key=key)           # parses, writes the cache
    files = list(cache_home.glob("lexicon-*.pickle"))
    assert len(files) == 1
    _no_parsing(monkeypatch)
    read = Lexicon.load(tokenize, tokenizer_key=key)              # reads it
    assert state(written) == parsed_state
    assert state(read) == parsed_state
    assert read.actors._tokenize is tokenize
    mentions = read.actors.find_mentions(tokenizer("Vladimir Putin met Ukrainian officials"), None)
    assert [(m.start, m.end) for m in mentions] == [(0, 2), (3, 4)]


def test_user_dictionaries_apply_on_top_of_the_cache(tokenize, key, cache_home, tmp_path, monkeypatch, caplog):
    verbs, actors, bad = tmp_path / "v.tsv", tmp_path / "a.tsv", tmp_path / "bad.tsv"
    verbs.write_text(USER_VERBS, encoding="utf-8")
    actors.write_text(USER_ACTORS, encoding="utf-8")
    bad.write_text(USER_ACTORS + "Nowhere\t\tnot a code\tGOV\tstate\t\t\n", encoding="utf-8")
    parsed = Lexicon.load(tokenize, verbs=[verbs], actors=[actors, bad])
    Lexicon.load(tokenize, tokenizer_key=key)                     # fills the cache
    _no_parsing(monkeypatch)
    with caplog.at_level(logging.WARNING):
        cached = Lexicon.load(tokenize, verbs=[verbs], actors=[actors, bad], tokenizer_key=key)
    assert state(cached) == state(parsed)
    assert [rule.code for rule in cached.verbs.tiers[0]["snub"]] == ["111"]   # 9999: no CAMEO code
    assert ("ruritanian",) in cached.actors.phrases
    assert "verb dictionary v.tsv" in caplog.text and "actor dictionary bad.tsv" in caplog.text
    # the user's tiers come first, as VerbLexicon.load with user files puts them
    assert state(cached.verbs) == state(VerbLexicon.load(parsed.cameo, parsed.conventions, [verbs]))


@pytest.fixture(scope="module")
def cache_bytes(tokenize, key, tmp_path_factory):
    """A cache file as `Lexicon.load` writes it."""
    home = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(home))
        Lexicon.load(tokenize, tokenizer_key=key)
    (path,) = (home / "newsevents").glob("lexicon-*.pickle")
    return path.name, path.read_bytes()


@pytest.mark.parametrize("damage", ["garbage", "truncated", "other key"])
def test_a_corrupt_cache_file_is_parsed_around_and_rewritten(damage, tokenize, key, cache_bytes, cache_home,
                                                             monkeypatch):
    name, data = cache_bytes
    path = cache_home / name
    cache_home.mkdir()
    if damage == "garbage":
        path.write_bytes(b"\x80\x05not a pickle at all")
    elif damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    else:   # a file of another key under this name
        path.write_bytes(data.replace(key.encode()[:8], b"0" * 8, 1))
    lexicon = Lexicon.load(tokenize, tokenizer_key=key)
    assert lexicon.gazetteer.lookup("Kharkiv").country == "UKR"
    assert path.read_bytes() == data                                # rewritten whole
    _no_parsing(monkeypatch)
    Lexicon.load(tokenize, tokenizer_key=key)


def test_an_unwritable_cache_directory_only_means_parsing(tokenize, key, parsed_state, tmp_path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))             # <file>/newsevents cannot be created
    assert state(Lexicon.load(tokenize, tokenizer_key=key)) == parsed_state
    assert blocked.read_text() == ""


def test_the_key_follows_every_input(tmp_path, monkeypatch):
    table = tmp_path / "table.tsv"
    table.write_text("a\tb\n", encoding="utf-8")
    monkeypatch.setattr(cache, "input_files", lambda: [table])
    first = cache.inputs_key("tok", True)
    assert cache.inputs_key("tok", True) == first
    assert cache.inputs_key("other tokenizer", True) != first
    assert cache.inputs_key("tok", False) != first
    table.write_text("a\tc\n", encoding="utf-8")
    assert cache.inputs_key("tok", True) != first


def test_the_inputs_are_the_shipped_tables_the_loading_code_and_the_gazetteers_sources():
    names = {p.name for p in cache.input_files()}
    assert {"verbs_petrarch.tsv", "actors_phoenix.tsv", "countries.tsv", "cache.py", "actors.py", "model.py",
            "cities15000.json", "iso3166-1.json"} <= names
    assert all(p.is_file() for p in cache.input_files())


def test_a_tokenizer_that_cannot_be_serialised_is_not_cached():
    assert cache.tokenizer_key(lambda s: s.split()) is None


def test_what_does_not_pickle_is_returned_uncached_and_leaves_no_file(cache_home):
    built = {"tokenize": lambda s: s.split()}
    assert cache.load_or_build("0" * 64, lambda: built) is built
    assert list(cache_home.iterdir()) == []
