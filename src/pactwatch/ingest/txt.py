"""Plain-text articles (.txt): decode, then the plain-text layout rules."""

from __future__ import annotations

from pactwatch.ingest.encoding import decode_bytes
from pactwatch.ingest.markdown import has_front_matter, parse_markdown
from pactwatch.ingest.plaintext import parse_plain_text
from pactwatch.ingest.registry import ReaderResult, reader


@reader("txt", extensions=(".txt", ".text"))
def read_txt(data: bytes, name: str) -> ReaderResult:
    text, encoding = decode_bytes(data)
    if has_front_matter(text):
        # Markdown saved as .txt (front matter first): read it as Markdown.
        article = parse_markdown(text.replace("\r\n", "\n").replace("\r", "\n"), name)
        article.meta["format"] = "md"
    else:
        article = parse_plain_text(text)
        article.meta["format"] = "txt"
    article.meta["encoding"] = encoding
    return [article.to_document(name, original_text=text)], []
