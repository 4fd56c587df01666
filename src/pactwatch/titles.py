"""Titles people can read: never a file path.

An article that states no headline (many Dân trí files open with a photo caption) is
shown by its first sentence, cut at a word boundary. Light on purpose: the command
line imports it to list documents.
"""

from __future__ import annotations

import re

MAX_TITLE_CHARS = 120
# a sentence ends at . ! ? … (a closing quote may follow) before a capital, digit or quote
_SENTENCE_END = re.compile(r"[.!?…][\"”»’)]?\s+(?=[\"“«(]?\w)")


# Abbreviations whose full stop ends no sentence ("Người dân TP. HCM", "TS. Nguyễn"),
# compared case-folded.
_ABBREVIATIONS = frozenset(
    {"tp", "tx", "ts", "ths", "pgs", "gs", "bs", "mr", "mrs", "ms", "dr", "st", "gen",
     "lt", "col", "sgt", "no", "u.s", "u.k", "jan", "feb", "aug", "sept", "oct", "nov", "dec"}
)


def first_sentence(text: str) -> str:
    """The first sentence of the first non-blank line of ``text``."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    for match in _SENTENCE_END.finditer(line):
        word = line[: match.start()].rsplit(None, 1)[-1] if line[: match.start()].strip() else ""
        if line[match.start()] == "." and word.casefold() in _ABBREVIATIONS:
            continue
        before = line[: match.start() + 1]
        if before.count('"') % 2 or before.count("“") > before.count("”"):
            continue  # '"Hãy về đi. Làm sao …?", một phụ nữ …': inside a quotation
        following = line[match.end():]
        if following[:1].isupper() or following[:1].isdigit() or following[:1] in "\"“«(":
            return line[: match.start() + 1].strip()
    return line


def shorten(text: str, limit: int = MAX_TITLE_CHARS) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and not text[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–—-") + "…"


def title_from_sentence(text: str, limit: int = MAX_TITLE_CHARS) -> str | None:
    """A title made of the first sentence of ``text`` (its full stop dropped), or None."""
    sentence = first_sentence(text)
    if sentence.endswith(".") and not sentence.endswith(".."):
        sentence = sentence[:-1].rstrip()
    return shorten(sentence, limit) or None


def display_title(title: str | None, text: str | None = None, fallback: str = "-") -> str:
    """What to show for a document: its title, else its first sentence, else ``fallback``."""
    if title and title.strip():
        return title.strip()
    return (title_from_sentence(text) if text else None) or fallback
