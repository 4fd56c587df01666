"""JSON Lines (.jsonl) and JSON (.json) articles: one article per record.

A record has ``text`` (or ``body``/``content``) and optionally title, date, url,
outlet, authors (list or string), translators, credited_sources. Its text goes
through the plain-text layout rules (captions, closing credits). A record that
cannot be read is reported (E108) and the others are kept.
"""

from __future__ import annotations

import json
from typing import Any

from pactwatch.document import Document
from pactwatch.errors import ReadError
from pactwatch.ingest.article import ArticleParts
from pactwatch.ingest.encoding import decode_bytes
from pactwatch.ingest.metadata import author_field, iso_date, split_names
from pactwatch.ingest.normalize import normalize_text
from pactwatch.ingest.outlets import canonical_outlet_name, outlet_by_url
from pactwatch.ingest.plaintext import Block, blocks_from_lines, classify_blocks
from pactwatch.ingest.registry import ReaderResult, reader

_TEXT_KEYS = ("text", "body", "content", "maintext")
_DATE_KEYS = ("date", "published", "date_publish", "publish_date", "pubdate")
_OUTLET_KEYS = ("outlet", "source", "site", "sitename", "publisher")


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return split_names(value)
    if isinstance(value, list):
        return [str(v).strip() for v in value if isinstance(v, str) and v.strip()]
    return []


def record_text(record: dict[str, Any]) -> str | None:
    """The article text of a record (``text``, ``body``, ``content``), when non-empty."""
    text = next((record[k] for k in _TEXT_KEYS if k in record), None)
    return text if isinstance(text, str) and text.strip() else None


def article_from_record(record: dict[str, Any]) -> ArticleParts:
    """One JSON record -> ArticleParts; ValueError saying what is wrong with it."""
    text = record_text(record)
    if text is None:
        raise ValueError("no article text (a non-empty 'text' string)")
    article = ArticleParts()
    title = record.get("title")
    if isinstance(title, str) and title.strip():
        article.title = normalize_text(title)
    url = record.get("url")
    if isinstance(url, str) and url.strip():
        article.url = url.strip()
        outlet = outlet_by_url(article.url)
        article.outlet = outlet.name if outlet else None
    outlet_name = next((record[k] for k in _OUTLET_KEYS if isinstance(record.get(k), str)), None)
    if outlet_name and outlet_name.strip():
        article.outlet = canonical_outlet_name(outlet_name.strip())
    stated = next((record[k] for k in _DATE_KEYS if record.get(k)), None)
    article.published = iso_date(stated) if stated is not None else None
    authors = record.get("authors", record.get("author"))
    if isinstance(authors, str):
        credits = author_field(authors)
        article.authors.extend(credits.authors)
        article.credited_sources.extend(credits.credited_sources)
    else:
        article.authors.extend(_names(authors))
    article.translators.extend(_names(record.get("translators")))
    article.credited_sources.extend(_names(record.get("credited_sources")))
    language = record.get("language")
    if language in ("vi", "en"):
        article.language = language
    blocks: list[Block] = []
    if article.title:
        blocks.append(Block("title", article.title))
    subtitle = record.get("subtitle") or record.get("description")
    if isinstance(subtitle, str) and subtitle.strip():
        blocks.append(Block("subtitle", normalize_text(subtitle)))
    blocks.extend(blocks_from_lines(normalize_text(text).split("\n")))
    classify_blocks(blocks, article, find_title=article.title is None)
    return article


# How deep JSON may nest: an article record is two or three levels; Python's parser would
# recurse until it fails (a generic RecursionError) on 100,000 nested brackets.
MAX_JSON_DEPTH = 64


class _LoneSurrogate(Exception):
    pass


def _checked(value: Any) -> Any:
    """``value`` if it nests at most MAX_JSON_DEPTH deep and holds no lone surrogate
    (``"\\ud800"``, which no UTF-8 text can hold); RecursionError or _LoneSurrogate else."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise RecursionError
        if isinstance(item, str):
            if not item.isascii():
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    raise _LoneSurrogate from None
        elif isinstance(item, dict):
            stack.extend((k, depth + 1) for k in item)
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return value


def _problem(exc: Exception, name: str, where: str) -> ReadError:
    if isinstance(exc, RecursionError):
        return ReadError("E113", f"{name}: {where}: JSON nested more than {MAX_JSON_DEPTH} deep")
    return ReadError("E114", f"{name}: {where}: JSON string with a lone surrogate (an escape"
                     " such as \\ud800 that stands for no character)")


def _records(text: str, name: str, jsonl: bool) -> list[tuple[int, Any]]:
    """(record number, parsed value or the exception) for each record."""
    if jsonl:
        out: list[tuple[int, Any]] = []
        for number, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                out.append((number, _checked(json.loads(line))))
            except json.JSONDecodeError as exc:
                out.append((number, exc))
            except (RecursionError, _LoneSurrogate) as exc:
                out.append((number, _problem(exc, name, f"line {number}")))
        return out
    try:
        value = _checked(json.loads(text))
    except json.JSONDecodeError as exc:
        raise ReadError("E108", f"{name}: invalid JSON at line {exc.lineno}: {exc.msg}") from None
    except (RecursionError, _LoneSurrogate) as exc:
        raise _problem(exc, name, "the file") from None
    if isinstance(value, dict) and isinstance(value.get("articles"), list):
        value = value["articles"]
    items = value if isinstance(value, list) else [value]
    return list(enumerate(items, start=1))


def _read(data: bytes, name: str, jsonl: bool) -> ReaderResult:
    text, encoding = decode_bytes(data)
    docs: list[Document] = []
    errors: list[ReadError] = []
    where = "line" if jsonl else "record"
    for number, value in _records(text.lstrip("\ufeff"), name, jsonl):
        if isinstance(value, ReadError):
            errors.append(value)
            continue
        if isinstance(value, json.JSONDecodeError):
            errors.append(
                ReadError("E108", f"{name}: {where} {number}: invalid JSON ({value.msg})")
            )
            continue
        if not isinstance(value, dict):
            errors.append(ReadError("E108", f"{name}: {where} {number}: not a JSON object"))
            continue
        try:
            article = article_from_record(value)
        except ValueError as exc:
            errors.append(ReadError("E108", f"{name}: {where} {number}: {exc}"))
            continue
        article.meta.update(
            {"encoding": encoding, "format": "jsonl" if jsonl else "json", where: number}
        )
        # source_path is the file as given; meta["line"] / meta["record"] says where in it.
        docs.append(article.to_document(name, original_text=record_text(value)))
    return docs, errors


@reader("jsonl", extensions=(".jsonl", ".ndjson"))
def read_jsonl(data: bytes, name: str) -> ReaderResult:
    return _read(data, name, jsonl=True)


@reader("json", extensions=(".json",))
def read_json(data: bytes, name: str) -> ReaderResult:
    return _read(data, name, jsonl=False)
