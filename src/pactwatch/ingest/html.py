"""HTML pages: trafilatura finds the main text and the metadata (title, date,
author, site name); figure captions are read from the page so that photo credits
survive; then the plain-text layout rules apply to the paragraphs.
"""

from __future__ import annotations

import re
from typing import Any

from pactwatch.errors import ReadError
from pactwatch.ingest.article import ArticleParts
from pactwatch.ingest.encoding import decode_bytes
from pactwatch.ingest.metadata import author_field, iso_date
from pactwatch.ingest.normalize import normalize_text
from pactwatch.ingest.outlets import canonical_outlet_name, outlet_by_url
from pactwatch.ingest.plaintext import Block, classify_blocks
from pactwatch.ingest.registry import ReaderResult, reader

_IMAGE_LINE = re.compile(r"^!\[(?P<alt>[^\]]*)\]\((?P<src>[^)]*)\)$")
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w-]+)", re.IGNORECASE)


def _decode_html(data: bytes) -> tuple[str, str]:
    """Honour a declared <meta charset> when it decodes cleanly; else detect."""
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", errors="ignore").lower()
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data)


def _figure_captions(html: str) -> dict[str, str]:
    """image src -> the caption of the <figure> holding it."""
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, TypeError, SyntaxError):
        return {}
    captions: dict[str, str] = {}
    for figure in tree.iter("figure"):
        caption = " ".join(" ".join(c.itertext()) for c in figure.iter("figcaption")).strip()
        if not caption:
            continue
        for img in figure.iter("img"):
            src = img.get("src")
            if src:
                captions[src] = caption
    return captions


def _extract(html: str) -> Any:
    import trafilatura

    return trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=True,
        # Only dates the page states in its markup, no guessing from the content.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )


def parse_html(html: str, name: str) -> ArticleParts:
    extracted = _extract(html)
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not text or not text.strip():
        raise ReadError("E109", f"{name}: no main text found in the HTML page")
    article = ArticleParts()
    title = getattr(extracted, "title", None)
    article.title = normalize_text(title) if title else None
    article.published = iso_date(getattr(extracted, "date", None))
    url = getattr(extracted, "url", None)
    if url:
        article.url = url
    outlet = outlet_by_url(url) if url else None
    hostname = getattr(extracted, "hostname", None)
    if outlet is None and hostname:
        outlet = outlet_by_url(hostname)
    sitename = getattr(extracted, "sitename", None)
    article.outlet = (
        outlet.name if outlet else (canonical_outlet_name(sitename) if sitename else None)
    )
    author = getattr(extracted, "author", None)
    if author:
        for one in author.split(";"):
            credits = author_field(one.strip())
            article.authors.extend(credits.authors)
            article.credited_sources.extend(credits.credited_sources)
    captions = _figure_captions(html)
    blocks: list[Block] = [Block("title", article.title)] if article.title else []
    for line in normalize_text(text).split("\n"):
        line = line.strip()
        if not line:
            continue
        if image := _IMAGE_LINE.match(line):
            caption = captions.get(image.group("src")) or image.group("alt")
            if caption.strip():
                blocks.append(Block("caption", normalize_text(caption)))
            continue
        if article.title and len(blocks) == 1 and line.casefold() == article.title.casefold():
            continue  # the page repeats its title as the first line
        blocks.append(Block("body", line, gap_before=True))
    if not any(b.kind != "title" for b in blocks):
        raise ReadError("E109", f"{name}: no main text found in the HTML page (only its title)")
    classify_blocks(blocks, article, find_title=article.title is None)
    return article


@reader("html", extensions=(".html", ".htm", ".xhtml"))
def read_html(data: bytes, name: str) -> ReaderResult:
    html, encoding = _decode_html(data)
    article = parse_html(html, name)
    article.meta["encoding"] = encoding
    article.meta["format"] = "html"
    return [article.to_document(name, original_text=html)], []
