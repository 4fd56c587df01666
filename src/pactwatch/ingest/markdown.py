"""Markdown articles with YAML front matter (.md, and .txt files that open with ``---``).

Front matter gives title, subhed, author ("Thùy Lâm (Theo WSJ, ...)"), date,
category and the featured image's credit. The body's Markdown is turned into
clean text: ``# Title`` is the title zone (never repeated), ``## H`` a heading,
``> ...`` a block quote (attribution line "— Name, role" kept as text), images a
caption; emphasis, links and attribute lists are dropped.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from pactwatch.errors import ReadError
from pactwatch.ingest.article import ArticleParts
from pactwatch.ingest.encoding import decode_bytes
from pactwatch.ingest.metadata import author_field, iso_date, photo_caption, split_names
from pactwatch.ingest.normalize import normalize_text
from pactwatch.ingest.outlets import canonical_outlet_name, outlet_by_url
from pactwatch.ingest.plaintext import Block, classify_blocks
from pactwatch.ingest.registry import ReaderResult, reader

_FENCE = re.compile(r"^(?:---|\.\.\.)\s*$")
_HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
_QUOTE = re.compile(r"^>\s?(?P<text>.*)$")
_RULE = re.compile(r"^(?:\*\s*){3,}$|^(?:-\s*){3,}$|^(?:_\s*){3,}$")
_LIST_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s+")
_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\([^)]*\)(?:\{[^}]*\})?")
_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\([^)]*\)")
_ATTRIBUTES = re.compile(r"\{:[^}]*\}")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(?P<text>.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)(?P<text>.+?)(?<=\S)\1(?![\w*])")
_CODE = re.compile(r"`(?P<text>[^`]*)`")


# Aliases (``*name``) a front matter may use. Front matter of real articles has none; a
# handful is harmless. Each alias re-uses a node, so nine levels of nine aliases (a 6 KB
# "billion laughs") stand for 9^9 values once walked: it is refused while composing.
MAX_ALIASES = 16


class _TooManyAliases(Exception):
    pass


class _FrontMatterLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as strings: ``iso_date`` reads them, and an
    impossible date ("2024-02-30") then costs only the date, not the article. It refuses
    more than MAX_ALIASES aliases (an alias bomb)."""

    aliases_seen = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self.aliases_seen += 1
            if self.aliases_seen > MAX_ALIASES:
                raise _TooManyAliases
        return super().compose_node(parent, index)


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def has_front_matter(text: str) -> bool:
    lines = text.lstrip("\ufeff").split("\n", 1)
    return bool(lines) and lines[0].strip() == "---"


def split_front_matter(text: str, name: str) -> tuple[dict[str, Any], list[str]]:
    """(front matter mapping, body lines); ReadError E105 when the YAML is broken."""
    lines = text.lstrip("\ufeff").split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, lines
    for end in range(1, len(lines)):
        if _FENCE.match(lines[end]):
            break
    else:
        raise ReadError("E105", f"{name}: front matter opened on line 1 is never closed by '---'")
    try:
        meta = yaml.load("\n".join(lines[1:end]), Loader=_FrontMatterLoader)  # noqa: S506
    except RecursionError:
        raise ReadError("E105", f"{name}: broken front matter: nested too deeply") from None
    except _TooManyAliases:
        raise ReadError("E111", f"{name}: front matter uses more than {MAX_ALIASES} YAML"
                        " aliases (*name): refused as an alias bomb") from None
    except ValueError as exc:  # an explicit tag that does not fit its value ("!!int x")
        raise ReadError("E105", f"{name}: broken front matter: {exc}") from None
    except yaml.YAMLError as exc:
        # The context mark is where the broken construct opened (an unclosed "["),
        # which is the line to fix; the problem mark is where YAML gave up.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        raise ReadError("E105", f"{name}: broken front matter{where}: {problem}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ReadError("E105", f"{name}: front matter is not a key: value mapping")
    return meta, lines[end + 1 :]


def strip_inline(text: str) -> str:
    """Markdown inline markup -> plain text."""
    text = _ATTRIBUTES.sub("", text)
    text = _LINK.sub(lambda m: m.group("text"), text)
    text = _TAG.sub("", text)
    text = _CODE.sub(lambda m: m.group("text"), text)
    for _ in range(2):  # nested emphasis: _"**x**"_
        text = _STRONG.sub(lambda m: m.group("text"), text)
        text = _EMPHASIS.sub(lambda m: m.group("text"), text)
    return text.strip()


def _same(a: str, b: str) -> bool:
    return normalize_text(strip_inline(a)).casefold() == normalize_text(strip_inline(b)).casefold()


def markdown_blocks(lines: list[str]) -> list[Block]:
    """Body Markdown -> blocks with zone hints (title/heading/blockquote/caption/body)."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    quote: list[str] = []

    def flush() -> None:
        if paragraph:
            joined = ""
            for line in paragraph:
                hard_break = line.endswith("  ") or line.endswith("\\")
                piece = strip_inline(line.rstrip("\\ "))
                joined += piece + ("\n" if hard_break else " ")
            if joined.strip():
                blocks.append(Block("body", joined.strip()))
            paragraph.clear()
        if quote:
            text = "\n".join(q for q in (strip_inline(x) for x in quote) if q)
            if text:
                blocks.append(Block("blockquote", text))
            quote.clear()

    for raw in lines:
        line = raw.rstrip("\n")
        stripped = line.strip()
        if not stripped or _RULE.match(stripped):
            flush()
            continue
        if m := _QUOTE.match(stripped):
            if paragraph:
                flush()
            quote.append(m.group("text").rstrip())
            continue
        if quote:
            flush()
        if m := _HEADING.match(stripped):
            flush()
            kind = "title" if len(m.group("level")) == 1 else "heading"
            blocks.append(Block(kind, strip_inline(m.group("text"))))
            continue
        images = list(_IMAGE.finditer(stripped))
        if images:
            flush()
            for image in images:
                alt = strip_inline(image.group("alt"))
                if alt:
                    blocks.append(Block("caption", alt))
            rest = strip_inline(_IMAGE.sub("", stripped))
            if rest:
                paragraph.append(rest)
            continue
        paragraph.append(_LIST_ITEM.sub("", stripped) + ("  " if line.endswith("  ") else ""))
    flush()
    return [b for b in blocks if b.text]


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if v)
    text = str(value).strip()
    return text or None


def _apply_front_matter(fm: dict[str, Any], article: ArticleParts) -> dict[str, Any]:
    """Fill metadata from front matter; returns the fields it did not use."""
    unused: dict[str, Any] = {}
    for key, value in fm.items():
        k = str(key).lower().replace("-", "_")
        text = _text(value) if not isinstance(value, dict) else None
        if k == "title" and text:
            article.title = normalize_text(strip_inline(text))
        elif k in ("date", "published", "pubdate", "date_published"):
            article.published = iso_date(value) or article.published
        elif k in ("author", "authors", "byline") and text:
            authors = value if isinstance(value, list) else [text]
            for one in authors:
                credits = author_field(str(one))
                article.authors.extend(credits.authors)
                article.credited_sources.extend(credits.credited_sources)
        elif k in ("translator", "translators") and text:
            article.translators.extend(split_names(text))
        elif k in ("sources", "credited_sources", "source_credits") and text:
            article.credited_sources.extend(split_names(text))
        elif k in ("url", "permalink", "canonical_url") and text and "." in text:
            article.url = text
            outlet = outlet_by_url(text)
            if outlet:
                article.outlet = article.outlet or outlet.name
        elif k in ("outlet", "publisher", "site", "site_name", "source") and text:
            article.outlet = canonical_outlet_name(text)
        elif k in ("lang", "language") and text in ("vi", "en"):
            article.language = text
        elif k in ("featured_image", "image", "cover") and isinstance(value, dict):
            credit = _text(value.get("credit"))
            if credit:
                article.photo_credits.extend(split_names(credit))
            unused[k] = value
        else:
            unused[k] = value
    return unused


def _subhed(fm: dict[str, Any]) -> str | None:
    for key in ("subhed", "subtitle", "subheading", "description", "sapo", "lead", "excerpt"):
        text = _text(fm.get(key))
        if text:
            return normalize_text(strip_inline(text))
    return None


def _cutline(fm: dict[str, Any]) -> str | None:
    for key in ("featured-image", "featured_image", "image", "cover"):
        value = fm.get(key)
        if isinstance(value, dict):
            return _text(value.get("cutline") or value.get("caption"))
    return None


def parse_markdown(text: str, name: str) -> ArticleParts:
    fm, body_lines = split_front_matter(text, name)
    article = ArticleParts()
    unused = _apply_front_matter(fm, article)
    blocks = markdown_blocks(body_lines)
    titles = [b for b in blocks if b.kind == "title"]
    if article.title is None and titles:
        article.title = titles[0].text
    for block in titles:
        if article.title and not _same(block.text, article.title):
            block.kind = "heading"
    keep_title = next((b for b in blocks if b.kind == "title"), None)
    blocks = [b for b in blocks if b.kind != "title" or b is keep_title]
    if keep_title is None and article.title:
        blocks.insert(0, Block("title", article.title))
    subhed = _subhed(fm)
    if subhed:
        after_title = next((i for i, b in enumerate(blocks) if b.kind != "title"), len(blocks))
        if after_title < len(blocks) and _same(blocks[after_title].text, subhed):
            blocks[after_title].kind = "subtitle"  # the body repeats the subhed
        else:
            blocks.insert(after_title, Block("subtitle", subhed))
    cutline = _cutline(fm)
    if cutline and photo_caption(cutline) is not None:
        blocks.insert(0 if not blocks else 1, Block("caption", cutline))
    classify_blocks(blocks, article, find_title=False)
    if unused:
        article.meta["front_matter"] = {k: _jsonable(v) for k, v in unused.items()}
    return article


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


@reader("md", extensions=(".md", ".markdown"))
def read_markdown(data: bytes, name: str) -> ReaderResult:
    text, encoding = decode_bytes(data)
    article = parse_markdown(text.replace("\r\n", "\n").replace("\r", "\n"), name)
    article.meta["encoding"] = encoding
    article.meta["format"] = "md"
    return [article.to_document(name, original_text=text)], []
