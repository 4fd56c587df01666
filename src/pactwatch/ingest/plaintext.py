"""The layout rules of plain-text articles, shared by every reader.

A reader cuts its input into :class:`Block`s (a line or paragraph with a zone
hint); :func:`classify_blocks` then finds the title, captions, the outlet lead
and the closing credits, and fills an :class:`ArticleParts`. :func:`parse_plain_text`
does the whole job for .txt layouts:

* ``# key = value`` header lines (``# url``, ``# date = YYYYMMDD``);
* a `` date YYYY-MM-DD (Outlet) -`` line, or `` date YYYY-MM-DD Title DD/MM/YYYY HH:MM``;
* a title on the first line, then the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pactwatch.ingest.article import ArticleParts
from pactwatch.ingest.metadata import (
    Credits,
    author_field,
    credit_line,
    iso_date,
    outlet_lead,
    photo_caption,
    split_glued_credits,
)
from pactwatch.ingest.normalize import normalize_text
from pactwatch.ingest.outlets import canonical_outlet_name, outlet_by_url
from pactwatch.titles import title_from_sentence


@dataclass
class Block:
    """One line or paragraph; ``gap_before`` when a blank line precedes it."""

    kind: str
    text: str
    gap_before: bool = True


_KEY_VALUE = re.compile(r"^#\s*(?P<key>[A-Za-z][\w-]*)\s*=\s*(?P<value>.*)$")
_DATE_LINE = re.compile(r"^date\s+(?P<date>\d{4}-\d{2}-\d{2})\b\s*(?P<rest>.*)$", re.IGNORECASE)
# "(VTC News) -", optionally followed by the title.
_OUTLET_FIRST = re.compile(r"^\((?P<outlet>[^()]{2,60})\)\s*[-–—:]?\s*(?P<title>.*)$")
_TITLE_AND_DATELINE = re.compile(
    r"^(?P<title>.+?)\s+(?P<dateline>\d{1,2}/\d{1,2}/\d{4}(?:,?\s+\d{1,2}[:h]\d{2}(?::\d{2})?)?)$"
)
# "Thứ Bảy, 14/12/2025 08:16 (GMT+7)" standing on its own line near the top.
_DATELINE = re.compile(
    r"^(?:(?:Thứ\s+\w+|Chủ\s+nhật|Chủ\s+Nhật)\s*,\s*)?(?P<date>\d{1,2}/\d{1,2}/\d{4})"
    r"(?:\s*[,-]?\s*\d{1,2}[:h]\d{2}(?::\d{2})?)?(?:\s*\(GMT\s*[+-]\s*\d{1,2}\))?$"
)
_SENTENCE_INSIDE = re.compile(r"[.!?]\s+[\"“]?[A-ZÀ-ỸĐ]")
_PHOTO_CREDIT_LINE = re.compile(r"^\(?(?:Ảnh|Ảnh và video|Video|Đồ họa|Photo)\s*:", re.IGNORECASE)
_MAX_TITLE_CHARS = 220
_MAX_CLOSING_LINES = 6


def looks_like_title(line: str) -> bool:
    """A headline: one short sentence without a closing full stop."""
    words = line.split()
    return (
        3 <= len(words) <= 40
        and len(line) <= _MAX_TITLE_CHARS
        and not re.search(r"(?<!\.\.)[.,:;]$", line)
        and not _SENTENCE_INSIDE.search(line)
        and photo_caption(line) is None
        and outlet_lead(line) is None
    )


def _apply_header(header: dict[str, str], article: ArticleParts) -> None:
    """``# key = value`` lines: url, date, title, author, outlet; the rest goes to meta."""
    rest: dict[str, str] = {}
    for key, value in header.items():
        key = key.lower().replace("-", "_")
        if key == "url" and value:
            article.url = value
            outlet = outlet_by_url(value)
            if outlet:
                article.outlet = outlet.name
        elif key in ("date", "published", "pubdate") and iso_date(value):
            article.published = iso_date(value)
        elif key == "title" and value:
            article.title = value
        elif key in ("author", "authors") and value:
            credits = author_field(value)
            article.authors.extend(credits.authors)
            article.credited_sources.extend(credits.credited_sources)
        elif key in ("outlet", "source", "site") and value:
            article.outlet = canonical_outlet_name(value)
        else:
            rest[key] = value
    if rest:
        article.meta["header"] = rest


def blocks_from_lines(lines: list[str]) -> list[Block]:
    """Non-blank lines as body blocks, remembering blank lines between them."""
    blocks: list[Block] = []
    gap = True
    for line in lines:
        if not line.strip():
            gap = True
            continue
        blocks.append(Block("body", line.strip(), gap))
        gap = False
    return blocks


def _title_blocks(rest: str, article: ArticleParts) -> list[Block]:
    """The title (and trailing dateline) that follow the date on a `` date`` line."""
    if not rest:
        return []
    if title_dateline := _TITLE_AND_DATELINE.match(rest):
        article.title = title_dateline.group("title").strip()
        return [Block("title", article.title), Block("dateline", title_dateline.group("dateline"))]
    article.title = rest
    return [Block("title", rest)]


def parse_plain_text(text: str) -> ArticleParts:
    """A .txt article in any of the layouts above."""
    lines = normalize_text(text).split("\n")
    article = ArticleParts()
    header: dict[str, str] = {}
    i = 0
    while i < len(lines):
        m = _KEY_VALUE.match(lines[i])
        if lines[i] and not m:
            break
        if m:
            header[m.group("key")] = m.group("value").strip()
        i += 1
    _apply_header(header, article)
    lead: list[Block] = []
    m = _DATE_LINE.match(lines[i]) if i < len(lines) else None
    if m:
        i += 1
        article.published = iso_date(m.group("date")) or article.published
        rest = m.group("rest").strip()
        if outlet_first := _OUTLET_FIRST.match(rest):
            article.outlet = canonical_outlet_name(outlet_first.group("outlet").strip())
            rest = outlet_first.group("title").strip()
        lead = _title_blocks(rest.rstrip(" -–—"), article)
    blocks = lead + blocks_from_lines(lines[i:])
    classify_blocks(blocks, article, find_title=article.title is None)
    if header and article.title is None:
        article.title = _lead_title(blocks)
    return article


# A body line standing in for a missing headline has at least this many words.
MIN_TITLE_WORDS = 6
# a caption's photo credit: "(Ảnh: Reuters)", "(Photo: AP)"
_PHOTO_CREDIT = re.compile(r"\s*\((?:Ảnh|Nguồn|Photo|Video)\s*:[^()]*\)", re.IGNORECASE)


def _lead_title(blocks: list[Block]) -> str | None:
    """A Dân trí-style file (``# key = value`` header, no headline): its title is the first
    line, or the first sentence after the photo caption it opens with, cut to a title's
    length. Metadata only: the zones stay as they were read."""
    first = next((b for b in blocks if b.kind in ("body", "caption")), None)
    if first is not None and first.kind == "caption":
        # a photo story is all captions and a byline ("Minh Phương"): a line of a few
        # words is no sentence to stand for it; its first caption, its credit cut, is
        sentence = next((b for b in blocks if b.kind == "body" and len(b.text.split()) >= MIN_TITLE_WORDS), None)
        if sentence is None:
            return title_from_sentence(_PHOTO_CREDIT.sub("", first.text))
        first = sentence
    if first is None:
        return None
    if first.text.rstrip().endswith(".") and len(first.text.split()) < MIN_TITLE_WORDS:
        # "Hiện trường vụ tai nạn.": a caption left without its photo (a headline has
        # no full stop); the next body line stands in
        body = [b for b in blocks if b.kind == "body"]
        at = next((k for k, b in enumerate(body) if b is first), len(body))
        following = next((b for b in body[at + 1 :] if len(b.text.split()) >= MIN_TITLE_WORDS), None)
        if following is not None:
            first = following
    return title_from_sentence(first.text)


def _mark_title(blocks: list[Block], article: ArticleParts) -> None:
    body = [b for b in blocks if b.kind == "body"]
    if len(body) > 1 and blocks[0] is body[0] and looks_like_title(body[0].text):
        body[0].kind = "title"
        article.title = body[0].text


def _mark_datelines(blocks: list[Block], article: ArticleParts) -> None:
    for block in blocks[:3]:
        m = _DATELINE.match(block.text) if block.kind == "body" else None
        if m:
            block.kind = "dateline"
            article.published = article.published or iso_date(m.group("date"))


def _split_closing(blocks: list[Block]) -> list[Block]:
    """Cut credits glued to the last paragraph into blocks of their own."""
    if not blocks or blocks[-1].kind != "body":
        return blocks
    last = blocks[-1]
    body, tail = split_glued_credits(last.text)
    if not tail:
        return blocks
    out = blocks[:-1]
    if body:
        out.append(Block("body", body, last.gap_before))
    out.extend(Block("body", t, False) for t in tail)
    return out


def _mark_closing_credits(blocks: list[Block], article: ArticleParts) -> None:
    """Read the credit lines that close the article (bottom-up) and mark them."""
    found = Credits()
    closing: list[Block] = []
    for block in reversed(blocks):
        if len(closing) >= _MAX_CLOSING_LINES:
            break
        if block.kind == "caption" and _PHOTO_CREDIT_LINE.match(block.text):
            closing.append(block)  # "Ảnh: X, Y" closing the article (credits already read)
            continue
        credits = credit_line(block.text) if block.kind in ("body", "credit") else None
        if credits is None:
            break
        closing.append(block)
        # Bottom-up reading: prepend, to keep the article's order.
        found.authors[:0] = credits.authors
        found.translators[:0] = credits.translators
        found.credited_sources[:0] = credits.credited_sources
        found.photo_credits[:0] = credits.photo_credits
        found.original_publisher = credits.original_publisher or found.original_publisher
    if not any(b.kind in ("body", "blockquote") and b not in closing for b in blocks):
        return  # an article is never all credits: these lines are its text
    for block in closing:
        block.kind = "credit"
    article.authors.extend(found.authors)
    article.translators.extend(found.translators)
    article.credited_sources.extend(found.credited_sources)
    article.photo_credits.extend(found.photo_credits)
    if found.original_publisher:
        article.original_publisher = article.original_publisher or found.original_publisher
        # A translated article is published, in the end, by its original publisher.
        article.outlet = article.outlet or canonical_outlet_name(found.original_publisher)


def classify_blocks(blocks: list[Block], article: ArticleParts, *, find_title: bool) -> None:
    """Give every block its zone kind, fill the article's metadata, build its parts."""
    blocks[:] = _split_closing(blocks)
    if find_title and article.title is None and blocks:
        _mark_title(blocks, article)
    _mark_datelines(blocks, article)
    first_body = next((b for b in blocks if b.kind == "body"), None)
    if first_body is not None and not article.outlet:
        article.outlet = outlet_lead(first_body.text)
    for block in blocks:
        if block.kind in ("body", "caption"):
            credits = photo_caption(block.text)
            if credits is not None:
                block.kind = "caption"
                article.photo_credits.extend(credits)
    _mark_closing_credits(blocks, article)
    article.parts = _parts(blocks)


def _parts(blocks: list[Block]) -> list[tuple[str, str]]:
    """Consecutive body blocks make one body part; every other block is its own part."""
    parts: list[tuple[str, str]] = []
    for block in blocks:
        if block.kind == "body" and parts and parts[-1][0] == "body":
            sep = "\n\n" if block.gap_before else "\n"
            parts[-1] = ("body", parts[-1][1] + sep + block.text)
        else:
            parts.append((block.kind, block.text))
    return parts
