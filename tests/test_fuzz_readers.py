"""Fuzz every reader with hypothesis: arbitrary bytes, arbitrary text and text that
looks like Vietnamese news, in every format.

Properties: nothing but a :class:`ReadError` (with a code and a message) escapes a
reader; every Document it returns is normalised (normalising again changes nothing),
hashes to its id, has zones inside its text, and survives ``as_dict`` → JSON →
``from_dict`` unchanged. ``PACTWATCH_FUZZ_EXAMPLES`` raises the example counts.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from fixtures.hostile.records import span_problems
from fixtures.hostile.strategies import (
    any_bytes,
    any_text,
    encoded,
    fuzz_settings,
    vietnamese_text,
)
from pactwatch.document import Document, document_id
from pactwatch.errors import ReadError
from pactwatch.ingest import encoding, language, legacy_codecs, markdown, metadata, outlets
from pactwatch.ingest.normalize import normalize_text
from pactwatch.ingest.plaintext import parse_plain_text
from pactwatch.ingest.readers import read_bytes_report
from pactwatch.ingest.registry import formats

_CODE = re.compile(r"^E\d{3}$")
FORMATS = formats()


def _check_error(exc: ReadError) -> None:
    assert _CODE.match(exc.code), exc.code
    assert exc.message.strip(), "a ReadError must say what is wrong"
    assert "\n" not in exc.message.strip(), "the reason is printed as one line"


def _check_doc(doc: Document) -> None:
    assert doc.text.strip()
    assert normalize_text(doc.text) == doc.text
    assert doc.id == document_id(doc.text)
    record = doc.as_dict()
    assert span_problems(record) == []
    # what the store writes (JSON) and reads back loses nothing
    again = json.loads(json.dumps(record, ensure_ascii=False))
    assert again == record
    assert Document.from_dict(again).as_dict() == record


def _read(data: bytes, name: str, fmt: str | None = None) -> None:
    try:
        docs, errors = read_bytes_report(data, name, fmt=fmt)
    except ReadError as exc:
        _check_error(exc)
        return
    for error in errors:
        _check_error(error)
    for doc in docs:
        _check_doc(doc)


# -- every format, any bytes ---------------------------------------------------------------------


@fuzz_settings(150)
@given(data=any_bytes(), fmt=st.sampled_from(FORMATS))
def test_every_reader_takes_any_bytes(data: bytes, fmt: str) -> None:
    _read(data, f"fuzz.{fmt}", fmt)


@fuzz_settings(100)
@given(data=any_bytes(), name=st.sampled_from(["a", "a.txt", "a.md", "a.html", "a.jsonl",
                                               "a.json", "a.TXT", "a.1", "a.xyz", ".md"]))
def test_reader_choice_by_name_or_sniffing(data: bytes, name: str) -> None:
    _read(data, name)


# -- structured input per format -----------------------------------------------------------------


@st.composite
def markdown_file(draw: st.DrawFn) -> str:
    keys = ["title", "subhed", "author", "date", "category", "translator", "sources", "url",
            "outlet", "language", "featured-image", "x"]
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        key = draw(st.sampled_from(keys))
        value = draw(st.one_of(vietnamese_text(8), st.sampled_from(
            ["", "[", "{a: 1}", "\n  credit: Ảnh: AFP\n  cutline: Quân đội", "2024-02-30",
             "2025-03-09", "- a\n- b", "|", ">", "&a", "*a", "!!binary x", "'", '"'])))
        lines.append(f"{key}: {value}")
    fence = draw(st.sampled_from(["---", "---", "...", ""]))
    body = draw(vietnamese_text())
    return "---\n" + "\n".join(lines) + f"\n{fence}\n" + body


@st.composite
def jsonl_file(draw: st.DrawFn) -> str:
    value = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                      vietnamese_text(10), st.lists(vietnamese_text(3), max_size=3))
    keys = st.sampled_from(["title", "text", "body", "content", "date", "url", "outlet",
                            "authors", "author", "translators", "credited_sources", "language",
                            "subtitle", "published", "source"])
    record = st.dictionaries(keys, value, max_size=8)
    lines = draw(st.lists(st.one_of(record.map(lambda r: json.dumps(r, ensure_ascii=False)),
                                    st.text(max_size=20), st.just("[1, 2]"), st.just("{")),
                          max_size=6))
    return "\n".join(lines)


@st.composite
def html_file(draw: st.DrawFn) -> str:
    tags = ["p", "div", "article", "figure", "figcaption", "h1", "span", "script", "main"]
    body = ""
    for _ in range(draw(st.integers(0, 8))):
        tag = draw(st.sampled_from(tags))
        inner = draw(vietnamese_text(20))
        body += draw(st.sampled_from([f"<{tag}>{inner}</{tag}>", f"<{tag}>{inner}",
                                      f'<img src="{inner[:5]}">', inner]))
    charset = draw(st.sampled_from(["", '<meta charset="utf-8">', '<meta charset="nope">',
                                    '<meta charset="windows-1258">']))
    title = draw(vietnamese_text(6))
    return f"<html><head>{charset}<title>{title}</title></head><body>{body}</body></html>"


@st.composite
def plain_file(draw: st.DrawFn) -> str:
    headers = ["# url = https://dantri.com.vn/the-gioi/x.htm", "# date = 20250309",
               "# date = 20251399", "2025-03-09 (Reuters) -", "(PLO)- ", "Thứ Hai, 09/03/2025 08:16"]
    lines = draw(st.lists(st.one_of(st.sampled_from(headers), vietnamese_text(25)), max_size=10))
    return "\n".join(lines)


@fuzz_settings(60)
@given(text=markdown_file(), enc=st.sampled_from(["utf-8", "utf-16", "cp1258"]))
def test_markdown_reader(text: str, enc: str) -> None:
    _read(text.encode(enc, errors="replace"), "fuzz.md")


@fuzz_settings(60)
@given(text=jsonl_file())
def test_jsonl_and_json_readers(text: str) -> None:
    _read(text.encode("utf-8", errors="replace"), "fuzz.jsonl")
    _read(("[" + ",".join(text.split("\n")) + "]").encode("utf-8", errors="replace"), "fuzz.json")


@fuzz_settings(40)
@given(text=html_file())
def test_html_reader(text: str) -> None:
    _read(text.encode("utf-8", errors="replace"), "fuzz.html")


@fuzz_settings(60)
@given(data=encoded(plain_file()))
def test_txt_reader(data: bytes) -> None:
    _read(data, "fuzz.txt")


# -- the pieces the readers are built from -------------------------------------------------------


@fuzz_settings(150)
@given(data=any_bytes())
def test_decode_bytes(data: bytes) -> None:
    try:
        text, name = encoding.decode_bytes(data)
    except ReadError as exc:
        _check_error(exc)
        assert exc.code in ("E103", "E104")
        return
    assert isinstance(text, str) and name


@fuzz_settings(150)
@given(data=st.binary(max_size=300), text=any_text())
def test_legacy_codecs(data: bytes, text: str) -> None:
    assert isinstance(legacy_codecs.decode_tcvn3(data), str)
    assert isinstance(legacy_codecs.decode_vni(data), str)
    assert isinstance(legacy_codecs.vni_to_unicode(text), str)
    assert isinstance(legacy_codecs.tcvn3_from_text(text), str)
    # what an encoder accepts, its decoder reads back
    for encode, decode in ((legacy_codecs.encode_tcvn3, legacy_codecs.decode_tcvn3),
                           (legacy_codecs.encode_vni, legacy_codecs.decode_vni)):
        try:
            raw = encode(text)
        except ValueError:
            continue
        assert isinstance(decode(raw), str)


@fuzz_settings(200)
@given(text=any_text())
def test_normalising_twice_is_normalising_once(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


@fuzz_settings(100)
@given(text=any_text())
def test_plain_text_layout(text: str) -> None:
    doc = parse_plain_text(text).to_document("fuzz.txt", original_text=text)
    if doc.text.strip():
        _check_doc(doc)


@fuzz_settings(100)
@given(text=any_text())
def test_front_matter_split(text: str) -> None:
    try:
        fm, lines = markdown.split_front_matter(text, "fuzz.md")
    except ReadError as exc:
        _check_error(exc)
        assert exc.code == "E105"
        return
    assert isinstance(fm, dict) and isinstance(lines, list)
    assert isinstance(markdown.strip_inline(text), str)


_VALUES = st.one_of(any_text(60), st.integers(), st.none(), st.dates(), st.datetimes(),
                    st.lists(st.text(max_size=5), max_size=3), st.floats())


@fuzz_settings(200)
@given(text=any_text(120), value=_VALUES)
def test_metadata_extraction(text: str, value: Any) -> None:
    line = normalize_text(text)
    assert isinstance(metadata.split_names(line), list)
    assert isinstance(metadata.looks_like_name(line), bool)
    assert isinstance(metadata.looks_like_person_name(line), bool)
    assert isinstance(metadata.source_names(line), list)
    metadata.photo_caption(line)
    metadata.outlet_lead(line)
    metadata.credit_line(line)
    metadata.byline(line)
    body, credits = metadata.split_glued_credits(line)
    assert isinstance(body, str) and isinstance(credits, list)
    metadata.author_field(line)
    found = metadata.iso_date(value)
    if found is not None:
        assert date.fromisoformat(found)
    if isinstance(value, (date, datetime)):
        assert found == value.isoformat()[:10]


@fuzz_settings(150)
@given(text=any_text(120))
def test_language_and_outlets(text: str) -> None:
    assert language.guess_language(text) in ("vi", "en")
    outlets.outlet_by_url(text)
    outlets.outlet_by_name(text)
    assert isinstance(outlets.canonical_outlet_name(text), str)


# -- regressions: each a crash the fuzzers found -------------------------------------------------


def test_an_impossible_front_matter_date_costs_the_date_not_the_article() -> None:
    # PyYAML turned "2024-02-30" into a date and raised ValueError out of the reader
    docs, errors = read_bytes_report(
        "---\ntitle: Tin\ndate: 2024-02-30\n---\nMỹ và Nhật Bản ký hiệp ước.".encode(), "a.md")
    assert errors == [] and docs[0].published is None and docs[0].title == "Tin"
    docs, _ = read_bytes_report(
        "---\ndate: 2025-03-09 08:16:00+07:00\n---\nMỹ nói.".encode(), "b.md")
    assert docs[0].published == "2025-03-09"


def test_front_matter_that_yaml_cannot_build_is_broken_front_matter() -> None:
    for front in ("a: !!int x", "a: !!float x", "a: " + "[" * 5000):
        try:
            read_bytes_report(f"---\n{front}\n---\nMỹ nói.".encode(), "a.md")
        except ReadError as exc:
            assert exc.code == "E105"
        else:
            raise AssertionError(f"{front[:20]!r} was accepted")


def test_a_url_with_a_broken_ipv6_host_names_no_outlet() -> None:
    # urlsplit raised "Invalid IPv6 URL" out of the Markdown and plain-text readers
    assert outlets.outlet_by_url("http://[dantri.com.vn") is None
    docs, errors = read_bytes_report(b"---\nurl: http://[x.vn\n---\nM\xe1\xbb\xb9 n\xc3\xb3i.",
                                     "a.md")
    assert errors == [] and docs[0].url == "http://[x.vn" and docs[0].outlet is None
    docs, _ = read_bytes_report("# url = http://[dantri.com.vn\nMỹ nói hôm qua.".encode(), "a.txt")
    assert docs[0].text == "Mỹ nói hôm qua."
