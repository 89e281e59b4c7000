"""The input stage: real small files in, Articles / RecordErrors / RecordWarnings out, in order."""
from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import os

import pytest

from newsevents.model import Article, RecordError
from newsevents.sources import InputError, RecordWarning, looks_english, read_articles
from newsevents.sources import english_stopword_ratio, english_stopwords, parse_published

ENGLISH_NEWS = (
    "Russian forces shelled the Ukrainian city of Kharkiv on Tuesday, killing at least three civilians and "
    "wounding a dozen more, regional officials said. The governor told reporters that the attack hit a "
    "residential district and a school, and that rescue crews were still searching the rubble. Kyiv called "
    "the strike a war crime and urged its allies to send more air defence systems before the winter."
)
ENGLISH_CAPTION = ("Ukrainian President Volodymyr Zelensky, left, and Polish President Andrzej Duda attend a news "
                   "conference in Kyiv, Ukraine, April 5, 2023.")
ENGLISH_WIRE = ("BRUSSELS (Reuters) - NATO defence ministers agreed on Thursday to boost ammunition stocks, "
                "Secretary General Jens Stoltenberg said after talks with Ukrainian Defence Minister Rustem Umerov "
                "at alliance headquarters in Brussels.")
ENGLISH_HEADLINE = "Israel and Hamas agree to a four-day truce in Gaza"
ENGLISH_LONG_HEADLINE = "Biden Meets Xi In Bali As US-China Tensions Simmer Over Taiwan, Chips And Trade"
FRENCH = (
    "Le président de la République a reçu mardi à l'Élysée le chef du gouvernement ukrainien pour évoquer la "
    "situation militaire dans l'est du pays. Selon un communiqué publié à l'issue de la rencontre, les deux "
    "dirigeants ont convenu de renforcer leur coopération en matière de défense et de poursuivre les "
    "discussions sur l'aide financière. Le ministre des Affaires étrangères doit se rendre à Kiev la semaine "
    "prochaine, a indiqué son porte-parole."
)
SPANISH = (
    "El Gobierno de Colombia anunció el martes la suspensión de las negociaciones con el grupo armado después "
    "de un ataque contra una base militar en el departamento del Cauca, en el que murieron cuatro soldados. El "
    "ministro de Defensa afirmó que las fuerzas de seguridad mantienen operaciones en la zona y que no habrá "
    "diálogo mientras continúe la violencia contra la población civil."
)
GERMAN = (
    "Die Bundesregierung hat am Dienstag neue Sanktionen gegen Russland angekündigt. Wie ein Sprecher des "
    "Auswärtigen Amtes in Berlin mitteilte, sollen die Maßnahmen vor allem den Energiesektor und mehrere Banken "
    "treffen. Der Außenminister sagte, man werde den Druck auf Moskau weiter erhöhen, solange die Angriffe auf "
    "ukrainische Städte andauerten. Die Opposition im Bundestag kritisierte das Vorgehen als zu zögerlich."
)
RUSSIAN = (
    "Министр иностранных дел России во вторник провёл переговоры со своим турецким коллегой в Анкаре. Стороны "
    "обсудили ситуацию на Ближнем Востоке и вопросы двустороннего сотрудничества в области энергетики. По "
    "словам официального представителя министерства, следующая встреча может состояться в Москве в конце месяца."
)
CHINESE = (
    "中国外交部发言人周二在例行记者会上表示，中方愿与各方保持沟通，推动局势降温。发言人说，有关国家应当通过对话"
    "协商解决分歧，避免采取可能导致紧张局势升级的行动。"
)
ARABIC = (
    "أعلنت وزارة الخارجية المصرية يوم الثلاثاء أن وزير الخارجية سيتوجه إلى عمان لإجراء محادثات مع نظيره الأردني "
    "حول الأوضاع في قطاع غزة. وقال المتحدث باسم الوزارة إن الجانبين سيبحثان سبل إيصال المساعدات الإنسانية ووقف "
    "إطلاق النار."
)

HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Talks resume in Geneva | World News</title>
<meta property="og:title" content="Talks resume in Geneva">
<meta property="article:published_time" content="2022-05-10T08:15:00+02:00">
<link rel="canonical" href="https://news.example.org/world/talks-resume-geneva">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Talks resume in Geneva</h1>
<p>Diplomats from Armenia and Azerbaijan met in Geneva on Tuesday to resume talks on a peace treaty, officials
from both foreign ministries said after the meeting.</p>
<p>The two delegations agreed to meet again next month and to set up a joint commission on the border, according
to a statement issued by the Swiss foreign ministry, which hosted the talks.</p>
</article>
<div id="comments" class="comments"><h3>Comments</h3>
<p>Reader comment: this will never work, they have been talking for thirty years without any result at all.</p>
</div>
<footer>Copyright 2022 World News</footer>
</body></html>
"""


def records(*paths, **kwargs) -> list:
    return list(read_articles([str(p) for p in paths], **kwargs))


def write_jsonl(path, rows) -> None:
    """Rows are dicts (dumped as JSON), or str / bytes written as the raw line."""
    with open(path, "wb") as f:
        for row in rows:
            if isinstance(row, dict):
                row = json.dumps(row, ensure_ascii=False)
            if isinstance(row, str):
                row = row.encode("utf-8")
            f.write(row + b"\n")


def article(id_: str, text: str = ENGLISH_NEWS, **fields) -> dict:
    return {"id": id_, "text": text, **fields}


# ---------------------------------------------------------------------------------------------- good input

def test_good_jsonl_in_order_with_fields(tmp_path):
    path = tmp_path / "day.jsonl"
    write_jsonl(path, [
        article("a1", published="2022-05-10", url="https://example.org/a1", source="Reuters",
                title="Kharkiv shelled", lang="en", extra={"ignored": True}),
        "",
        "   ",
        article("a2", published="2022-05-10T23:30:00-05:00"),
        article("a3", published="2022-05-11T01:02:03Z"),
        {"id": 17, "text": ENGLISH_HEADLINE, "published": "2022-05-12"},
        {"text": ENGLISH_WIRE, "published": "2022-05-12"},
    ])
    out = records(path)
    assert all(isinstance(r, Article) for r in out)
    assert [r.id for r in out] == ["a1", "a2", "a3", "17", "day.jsonl:7"]
    first = out[0]
    assert first == Article(id="a1", text=ENGLISH_NEWS, published=dt.date(2022, 5, 10),
                            url="https://example.org/a1", source="Reuters", title="Kharkiv shelled")
    # a timestamp keeps the date it was written with, whatever its offset
    assert [r.published for r in out[1:3]] == [dt.date(2022, 5, 10), dt.date(2022, 5, 11)]
    assert out[3].text == ENGLISH_HEADLINE and out[3].url is None and out[3].title is None


def test_jsonl_gz(tmp_path):
    path = tmp_path / "day.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for i in range(3):
            f.write(json.dumps(article(f"g{i}", published="2020-01-03")) + "\n")
    out = records(path)
    assert [r.id for r in out] == ["g0", "g1", "g2"]
    assert all(r.published == dt.date(2020, 1, 3) for r in out)


def test_utf8_bom_on_first_line(tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(article("b1")).encode() + b"\r\n")
    assert [r.id for r in records(path)] == ["b1"]


# ---------------------------------------------------------------------------------------------- bad records

def test_bad_lines_each_give_one_error_and_the_run_goes_on(tmp_path):
    path = tmp_path / "mixed.jsonl"
    big = "word " * (5 * 1024 * 1024 // 5)  # 5,242,880 characters
    write_jsonl(path, [
        article("ok1"),                                                   # 1
        '{"id": "m1" "text": "missing comma"}',                           # 2
        '["a", "list"]',                                                  # 3
        article("e1", text=""),                                           # 4
        {"id": "e2"},                                                     # 5
        article("e3", text=["not", "a", "string"]),                       # 6
        b'{"id": "u1", "text": "caf\xff"}',                               # 7
        b'{"id": "n1", "text": "abc\x00\x00\x00def"}',                    # 8
        article("n2", text="\x00\x01\x02\x03" * 200 + "ok"),              # 9
        article("big", text=big),                                         # 10
        article("fr", text=FRENCH),                                       # 11
        article("zh", text=CHINESE),                                      # 12
        article("ok2"),                                                   # 13
    ])
    out = records(path)
    assert [type(r) for r in out] == [Article] + [RecordError] * 11 + [Article]
    assert [r.id for r in (out[0], out[-1])] == ["ok1", "ok2"]
    errors = {e.where.rsplit(":", 1)[1]: e for e in out[1:-1]}
    assert all(e.where.startswith(str(path) + ":") for e in errors.values())
    assert errors["2"].record_id == "line 2"
    assert errors["2"].reason == "malformed JSON: Expecting ',' delimiter at column 13"
    assert errors["3"].reason == "not a JSON object (got array)"
    assert (errors["4"].record_id, errors["4"].reason) == ("e1", "empty text")
    assert errors["5"].reason.startswith("empty text") and "no \"text\" field" in errors["5"].reason
    assert errors["6"].reason.startswith("empty text") and "array" in errors["6"].reason
    assert errors["7"].record_id == "line 7"
    assert errors["7"].reason == "not valid UTF-8 (byte 0xff at position 25)"
    assert errors["8"].reason.startswith("binary content")
    assert (errors["9"].record_id, errors["9"].reason) == ("n2", "binary content")
    assert (errors["10"].record_id, errors["10"].reason) == (
        "big", "text too large: 5,242,880 characters > limit 1,000,000")
    assert errors["11"].record_id == "fr" and errors["11"].reason.startswith("not English (stopword ratio 0.0")
    assert errors["12"].reason == "not English (stopword ratio 0.00)"
    assert "mixed.jsonl:7" in str(errors["7"])


def test_id_of_wrong_type_is_an_error(tmp_path):
    path = tmp_path / "ids.jsonl"
    write_jsonl(path, [{"id": ["x"], "text": ENGLISH_NEWS}, {"id": True, "text": ENGLISH_NEWS}, article("ok")])
    out = records(path)
    assert [type(r) for r in out] == [RecordError, RecordError, Article]
    assert out[0].record_id == "ids.jsonl:1" and out[0].reason == "id must be a string (got array)"


def test_unpaired_surrogate_escape_is_rejected(tmp_path):
    path = tmp_path / "sur.jsonl"
    write_jsonl(path, ['{"id": "s1", "text": "bad \\ud800 text"}', article("ok")])
    out = records(path)
    assert isinstance(out[0], RecordError) and "surrogate" in out[0].reason
    assert out[1].id == "ok"


def test_overlong_line_is_skipped_without_reading_it_whole(tmp_path):
    path = tmp_path / "long.jsonl"
    write_jsonl(path, [article("huge", text="x" * 3_000_000), article("ok", text=ENGLISH_HEADLINE)])
    out = records(path, max_chars=100_000)  # line limit 6 * 100,000 + 1 MiB = 1,648,576 bytes
    assert [type(r) for r in out] == [RecordError, Article]
    assert out[0].record_id == "line 1"
    assert out[0].reason.startswith("record too large: line of 3,000,0")
    assert out[0].reason.endswith("bytes > limit 1,648,576")


def test_truncated_gzip_ends_with_one_error(tmp_path):
    path = tmp_path / "cut.jsonl.gz"
    payload = b"".join(json.dumps(article(f"t{i}")).encode() + b"\n" for i in range(200))
    path.write_bytes(gzip.compress(payload)[:-200])
    out = records(path)
    assert all(isinstance(r, Article) for r in out[:-1]) and len(out) > 1
    assert isinstance(out[-1], RecordError) and out[-1].reason.startswith("input ends early")


# ---------------------------------------------------------------------------------------------- dates

def test_published_missing_is_none_without_warning(tmp_path):
    path = tmp_path / "dates.jsonl"
    write_jsonl(path, [article("d1"), article("d2", published=""), article("d3", published=None)])
    out = records(path)
    assert [(type(r), r.published) for r in out] == [(Article, None)] * 3


def test_published_unparseable_warns_before_the_article(tmp_path):
    path = tmp_path / "dates.jsonl"
    write_jsonl(path, [article("d1", published="32/13/2020"), article("d2", published=20200103),
                       article("d3", published="2020-02-30")])
    out = records(path)
    assert [type(r) for r in out] == [RecordWarning, Article] * 3
    assert out[0] == RecordWarning("d1", "unparseable published date '32/13/2020'", f"{path}:1")
    assert out[1].id == "d1" and out[1].published is None
    assert out[2].reason == "unparseable published date '20200103'"


def test_published_argument_is_the_fallback(tmp_path):
    path = tmp_path / "dates.jsonl"
    write_jsonl(path, [article("d1"), article("d2", published="2019-12-31"), article("d3", published="soon")])
    out = records(path, published=dt.date(2020, 1, 3))
    assert [r.published for r in out if isinstance(r, Article)] == [
        dt.date(2020, 1, 3), dt.date(2019, 12, 31), dt.date(2020, 1, 3)]
    assert out[2].reason == "unparseable published date 'soon'; using 2020-01-03"


@pytest.mark.parametrize("value, expected", [
    ("2022-05-10", dt.date(2022, 5, 10)),
    ("2022-05-10T08:00:00Z", dt.date(2022, 5, 10)),
    ("2022-05-10T23:59:59+09:00", dt.date(2022, 5, 10)),
    ("2022-05-10 08:00:00", dt.date(2022, 5, 10)),
    (" 2022-05-10 ", dt.date(2022, 5, 10)),
    ("10/05/2022", None),                                # day and month could be swapped: no guess
    ("May 10, 2022", dt.date(2022, 5, 10)),
    ("10 May 2022", dt.date(2022, 5, 10)),
    ("Tue, 10 May 2022 10:00:00 +0000", dt.date(2022, 5, 10)),   # RFC 2822, as RSS writes it
    ("Tue, 10 May 2022 23:30:00 -0500", dt.date(2022, 5, 10)),   # the publisher's date, not UTC's
    ("2022-05-10 08:00:00 +0200", dt.date(2022, 5, 10)),
    ("25/05/2022", dt.date(2022, 5, 25)),
    ("2022-13-01", None),
    ("Mon, 31 Feb 2022 10:00:00 +0000", None),
    ("May 2022", None),                                  # no day: not a publication date
    ("yesterday", None),
    ("1652176800", None),
    ("Tuesday", None),
])
def test_parse_published(value, expected):
    assert parse_published(value) == expected


def test_written_and_rss_dates_are_read_per_record(tmp_path):
    """#11: "May 26, 2024" and RSS's RFC 2822 dates are read; an unreadable one is a warning, not a crash."""
    path = tmp_path / "feed.jsonl"
    write_jsonl(path, [article("r1", published="Sun, 26 May 2024 10:00:00 +0000"),
                       article("r2", published="May 26, 2024"), article("r3", published="26 May 2024"),
                       article("r4", published="2024-05-26T10:00:00+02:00"), article("r5", published="around noon")])
    out = records(path)
    assert [r.published for r in out if isinstance(r, Article)] == [dt.date(2024, 5, 26)] * 4 + [None]
    assert [str(r) for r in out if isinstance(r, RecordWarning)] == [
        f"record 'r5' ({path}:5): unparseable published date 'around noon'"]


# ---------------------------------------------------------------------------------------------- text, HTML

def test_txt_file(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(ENGLISH_NEWS + "\n", encoding="utf-8")
    [a] = records(path, published=dt.date(2022, 5, 10))
    assert a == Article(id="story.txt", text=ENGLISH_NEWS + "\n", published=dt.date(2022, 5, 10))
    [b] = records(path)
    assert b.published is None and b.title is None


def test_bad_txt_files_give_errors(tmp_path):
    (tmp_path / "a_bad.txt").write_bytes(b"Officials said \xff\xfe the talks")
    (tmp_path / "b_binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "c_french.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "d_empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "e_ok.txt").write_text(ENGLISH_WIRE, encoding="utf-8")
    out = records(tmp_path)
    assert [type(r) for r in out] == [RecordError] * 4 + [Article]
    assert out[0] == RecordError("a_bad.txt", "not valid UTF-8 (byte 0xff at position 15)",
                                 str(tmp_path / "a_bad.txt"))
    assert out[1].reason.startswith("binary content")
    assert out[2].reason.startswith("not English")
    assert out[3].reason == "empty text"


def test_too_large_txt_is_not_read_whole(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("a" * 5000, encoding="utf-8")
    [err] = records(path, max_chars=1000)
    assert isinstance(err, RecordError) and err.reason.startswith("text too large")


def test_html_page(tmp_path):
    path = tmp_path / "geneva.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    [a] = records(path, published=dt.date(1999, 1, 1))
    assert isinstance(a, Article)
    assert a.id == "geneva.html"
    assert a.title == "Talks resume in Geneva"
    assert a.published == dt.date(2022, 5, 10)
    assert a.url == "https://news.example.org/world/talks-resume-geneva"
    assert "met in Geneva on Tuesday" in a.text and "joint commission on the border" in a.text
    assert "Reader comment" not in a.text and "Copyright" not in a.text


def test_html_without_date_uses_the_argument(tmp_path):
    path = tmp_path / "undated.htm"
    path.write_text(HTML_PAGE.replace('<meta property="article:published_time" '
                                      'content="2022-05-10T08:15:00+02:00">', ""), encoding="utf-8")
    [a] = records(path, published=dt.date(2022, 6, 1))
    assert a.published == dt.date(2022, 6, 1)
    [b] = records(path)
    assert b.published is None


def test_html_without_text_is_an_error(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>Nothing</title></head><body></body></html>", encoding="utf-8")
    [err] = records(path)
    assert isinstance(err, RecordError) and err.reason.startswith("empty text")


# ---------------------------------------------------------------------------------------------- stdin

def test_stdin_text_stream():
    stream = io.StringIO(json.dumps(article("s1", published="2022-05-10")) + "\n\n{broken\n"
                         + json.dumps(article("s2")) + "\n")
    out = list(read_articles(["-"], stdin=stream))
    assert [type(r) for r in out] == [Article, RecordError, Article]
    assert [out[0].id, out[2].id] == ["s1", "s2"]
    assert out[1].where == "<stdin>:3" and out[1].reason.startswith("malformed JSON")


def test_stdin_binary_stream_reports_bad_utf8_per_line():
    stream = io.BytesIO(b'{"id": "x", "text": "\xc3("}\n' + json.dumps({"text": ENGLISH_NEWS}).encode() + b"\n")
    out = list(read_articles(["-"], stdin=stream))
    assert [type(r) for r in out] == [RecordError, Article]
    assert out[0].reason == "not valid UTF-8 (byte 0xc3 at position 21)"
    assert out[1].id == "<stdin>:2"


def test_records_are_read_one_line_at_a_time():
    class CountingStream(io.StringIO):
        lines_read = 0

        def readline(self, size=-1):
            CountingStream.lines_read += 1
            return super().readline(size)

    stream = CountingStream("".join(json.dumps(article(f"r{i}")) + "\n" for i in range(1000)))
    first = next(read_articles(["-"], stdin=stream))
    assert first.id == "r0" and CountingStream.lines_read == 1


# ---------------------------------------------------------------------------------------------- paths

def test_directory_reads_supported_files_sorted(tmp_path):
    write_jsonl(tmp_path / "b.jsonl", [article("from-b")])
    (tmp_path / "a.txt").write_text(ENGLISH_NEWS, encoding="utf-8")
    (tmp_path / "c.html").write_text(HTML_PAGE, encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    (tmp_path / ".hidden.jsonl").write_text("ignored", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    assert [r.id for r in records(tmp_path)] == ["a.txt", "from-b", "c.html"]


def test_missing_path_raises_before_reading(tmp_path):
    good = tmp_path / "good.jsonl"
    write_jsonl(good, [article("g")])
    with pytest.raises(InputError) as info:
        read_articles([str(good), str(tmp_path / "nope.jsonl")])
    assert info.value.path == str(tmp_path / "nope.jsonl")
    assert info.value.reason == "no such file or directory"


def test_folder_without_supported_files_raises(tmp_path):
    (tmp_path / "data.xlsx").write_text("id,text\n", encoding="utf-8")
    with pytest.raises(InputError, match="no supported files"):
        read_articles([str(tmp_path)])


def test_unsupported_file_type_raises(tmp_path):
    path = tmp_path / "data.xlsx"
    path.write_text("id,text\n", encoding="utf-8")
    with pytest.raises(InputError, match="unsupported file type"):
        read_articles([str(path)])


def test_not_gzip_raises(tmp_path):
    path = tmp_path / "fake.jsonl.gz"
    path.write_text(json.dumps(article("x")) + "\n")
    with pytest.raises(InputError, match="fake.jsonl.gz"):
        records(path)


def test_permission_denied_raises(tmp_path, monkeypatch):
    path = tmp_path / "secret.jsonl"
    write_jsonl(path, [article("x")])
    path.chmod(0)
    if os.geteuid() == 0:  # root reads any file: let os.access answer as it would for a user
        monkeypatch.setattr(os, "access", lambda p, mode: str(p) != str(path))
    with pytest.raises(InputError, match="permission denied"):
        read_articles([str(path)])


def test_file_gone_before_reading_raises_when_reached(tmp_path):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.txt"
    write_jsonl(first, [article("a")])
    second.write_text(ENGLISH_NEWS, encoding="utf-8")
    stream = read_articles([str(first), str(second)])
    second.unlink()
    assert next(stream).id == "a"
    with pytest.raises(InputError, match="b.txt"):
        next(stream)


def test_language_check_can_be_turned_off(tmp_path):
    path = tmp_path / "fr.jsonl"
    write_jsonl(path, [article("fr", text=FRENCH)])
    [a] = records(path, english_only=False)
    assert isinstance(a, Article)


# ---------------------------------------------------------------------------------------------- language

@pytest.mark.parametrize("text", [ENGLISH_NEWS, ENGLISH_CAPTION, ENGLISH_WIRE, ENGLISH_HEADLINE,
                                  ENGLISH_LONG_HEADLINE, "Ceasefire collapses", ""])
def test_english_is_accepted(text):
    assert looks_english(text)


@pytest.mark.parametrize("text", [FRENCH, SPANISH, GERMAN, RUSSIAN, CHINESE, ARABIC])
def test_other_languages_are_rejected(text):
    assert not looks_english(text)
    assert english_stopword_ratio(text) < 0.05


def test_short_texts_are_not_judged():
    assert english_stopword_ratio("Le président reçoit le chef du gouvernement") is None


def test_stopword_list_is_shipped_and_sane():
    words = english_stopwords()
    assert 120 <= len(words) <= 200
    assert {"the", "of", "and", "said"} <= words
    assert not words & {"die", "son", "no", "per"}  # frequent in other European languages
