"""Names for actor ids that neither the store nor the knowledge base lists.

The pipeline gives ids to speakers and sources it cannot tie to one actor: unnamed groups
("các lãnh đạo cho biết" -> ``group:leaders``, "quan chức Mỹ" -> ``group:usa-officials``)
and outlets credited under a name the knowledge base spells otherwise
(``outlet:moscow-times``). None of them has a page. Here they get a name in both
languages — a group's from the reporting lexicon's speaker groups, anything else from its
id's words — and ``page: false``, so the web shows the name without a link to nowhere.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pactwatch.actors.kb import KnowledgeBase
from pactwatch.extract.lexicon import reporting_lexicon

Row = dict[str, Any]
# the kinds an owner of a group may be, in the order they are tried
_OWNER_KINDS = ("organization", "government_body", "group", "person")


@lru_cache(maxsize=1)
def _group_words() -> dict[str, tuple[str, str]]:
    """A speaker group's key -> (Vietnamese word, English word), the first listed."""
    words: dict[str, tuple[str, str]] = {}
    for term in reporting_lexicon("vi").groups.terms:
        key = str(term.data.get("key") or "")
        if key and key not in words:
            words[key] = (term.text, str(term.data.get("en") or key))
    return words


def _words(key: str) -> str:
    return " ".join(part for part in key.replace("_", "-").split("-") if part)


def _owner(kb: KnowledgeBase, slug: str) -> Row | None:
    if len(slug) == 3 and slug.isalpha():
        entry = kb.country(slug.upper())
        if entry is not None:
            return {"name": entry.name, "name_vi": entry.name_vi or entry.name}
    for kind in _OWNER_KINDS:
        entry = kb.get(f"{kind}:{slug}")
        if entry is not None:
            return {"name": entry.name, "name_vi": entry.name_vi or entry.name}
    return None


def _group_name(kb: KnowledgeBase, key: str) -> tuple[str, str] | None:
    """("lãnh đạo (không nêu tên)", "leaders (unnamed)") for ``leaders``; ("quan chức Mỹ",
    "United States officials") for ``usa-officials``; None for no speaker group."""
    words = _group_words()
    if key in words:
        vi, en = words[key]
        return f"{vi} (không nêu tên)", f"{en} (unnamed)"
    owner_slug, _, group = key.rpartition("-")
    if group in words and owner_slug:
        vi, en = words[group]
        owner = _owner(kb, owner_slug)
        if owner is None:
            return f"{vi} {_words(owner_slug)}", f"{_words(owner_slug)} {en}"
        return f"{vi} {owner['name_vi']}", f"{owner['name']} {en}"
    return None


def unlisted_name(kb: KnowledgeBase, actor_id: str) -> Row:
    """``{"name", "name_vi", "kind", "page": False}`` for an id with no actor page."""
    kind, _, key = actor_id.partition(":")
    if not key:
        kind, key = "", actor_id
    if kind == "group":
        named = _group_name(kb, key)
        if named is not None:
            return {"name": named[1], "name_vi": named[0], "kind": kind, "page": False}
    words = _words(key) or actor_id
    # an outlet or organisation credited by its words: "moscow-times" -> "Moscow Times"
    title = " ".join(w[:1].upper() + w[1:] for w in words.split())
    return {"name": title, "name_vi": title, "kind": kind or None, "page": False}
