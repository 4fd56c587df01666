"""Role references: "Tổng thống Mỹ", "Ngoại trưởng Nga", "ông chủ Nhà Trắng" alone.

A title from roles.yaml followed by the actor it belongs to, and no name after
it, stands for whoever held that office on the article's date. The date is the
stated publication date, else the reader's estimate; with no date at all the
reference is left unresolved (guessing the latest holder would be wrong for
every archive article). Several roles may share a title word ("Thủ tướng" is
the chancellor for Germany): a role's ``prefer_for`` decides. An office with a
posting (an ambassador's ``to``) resolves only when the text names the same
posting ("Đại sứ Mỹ tại Nga"); "Đại sứ Mỹ" alone names no one in particular.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from pactwatch.actors.findings import Finding
from pactwatch.actors.kb import KBEntry, KnowledgeBase, RoleDef
from pactwatch.actors.matcher import PhraseMatcher
from pactwatch.actors.persons import TitleSpans
from pactwatch.actors.textutil import lower_same_length
from pactwatch.actors.titles import TitleVocabulary


def _role_for(title: str, of: str, kb: KnowledgeBase, vocab: TitleVocabulary) -> RoleDef | None:
    keys = vocab.roles.get(title.lower(), ())
    roles = [kb.roles[k] for k in keys if k in kb.roles]
    if not roles:
        return None
    preferred = [r for r in roles if of in r.prefer_for]
    if preferred:
        return preferred[0]
    defaults = [r for r in roles if not r.prefer_for]
    return defaults[0] if defaults else None


def find_title_references(
    text: str,
    findings: Sequence[Finding],
    persons: Sequence[Finding],
    kb: KnowledgeBase,
    vocab: TitleVocabulary,
    titles: TitleSpans,
    day: str | None,
) -> list[Finding]:
    """Titles + actor (no name following) resolved to the office holder on ``day``."""
    if day is None:
        return []
    found: list[Finding] = []
    person_starts = {p.start for p in persons}
    by_start = {f.start: f for f in findings}
    for m in titles.matches:
        title = m.group(0)
        if title.lower() not in vocab.roles:
            continue
        gap = re.match(r" +", text[m.end() : m.end() + 3])
        if gap is None:
            continue
        owner = by_start.get(m.end() + gap.end())
        if owner is None or owner.entry.kind not in ("country", "organization"):
            continue
        end = owner.end
        posting = _posting(text, owner.end, by_start)
        if posting is not None:
            end = posting.end  # "Đại sứ Mỹ tại Nga"
        after = re.match(r" +", text[end : end + 3])
        if after and end + after.end() in person_starts:
            continue  # "Thủ tướng Anh Keir Starmer": the name is the mention
        role = _role_for(title, owner.entry.id, kb, vocab)
        if role is None:
            continue
        holders = kb.holders(role.role, owner.entry.id, day)
        holders = _posted(holders, role.role, owner.entry.id, posting)
        if len(holders) != 1:
            continue
        found.append(
            Finding(
                m.start(),
                end,
                holders[0],
                "role",
                role_text=text[m.start() : end],
                country=owner.entry.iso3,
            )
        )
    return found


_POSTED_AT = re.compile(r" (?:tại|ở|bên cạnh) ")


def _posting(text: str, pos: int, by_start: dict[int, Finding]) -> Finding | None:
    """The actor named by "tại X" right after a title's owner ("Đại sứ Nga tại Mỹ")."""
    m = _POSTED_AT.match(text, pos)
    if m is None:
        return None
    found = by_start.get(m.end())
    return found if found is not None and found.entry.kind in ("country", "organization") else None


def _posted(holders: list[KBEntry], role: str, of: str, posting: Finding | None) -> list[KBEntry]:
    """Holders whose office is posted where the text says; offices with a posting
    (ambassadors) need the text to name it."""

    def posted_to(person: KBEntry) -> set[str | None]:
        return {o.to for o in person.offices if o.role == role and o.of == of}

    if posting is None:
        return [h for h in holders if None in posted_to(h)]
    return [h for h in holders if posting.entry.id in posted_to(h)]


@dataclass(frozen=True)
class ReferencePhrases:
    matcher: PhraseMatcher
    # lowered phrase -> (role, the actor whose office it is)
    meaning: dict[str, list[tuple[str, str]]]


@lru_cache(maxsize=4)
def reference_phrases(kb: KnowledgeBase) -> ReferencePhrases:
    meaning: dict[str, list[tuple[str, str]]] = {}
    for role in kb.roles.values():
        for ref in role.references_vi:
            meaning.setdefault(ref.text.lower(), []).append((role.role, ref.of))
    return ReferencePhrases(PhraseMatcher(list(meaning)), meaning)


def find_reference_phrases(
    text: str,
    persons: Sequence[Finding],
    kb: KnowledgeBase,
    day: str | None,
    lowered: str | None = None,
) -> list[Finding]:
    """Phrases that name an office holder on their own ("ông chủ Nhà Trắng").

    The actors named inside the phrase (the White House) keep their own mentions;
    a phrase followed by a name ("Phát ngôn viên Điện Kremlin Dmitry Peskov") is
    a title, and the name is the mention.
    """
    phrases = reference_phrases(kb)
    if day is None or phrases.matcher.empty:
        return []
    person_starts = {p.start for p in persons}
    found: list[Finding] = []
    for start, end in phrases.matcher.find(text, lowered):
        if end + 1 in person_starts:
            continue
        said = text[start:end]
        for role, of in phrases.meaning.get(lower_same_length(said), []):
            holders = kb.holders(role, of, day)
            if len(holders) == 1:
                found.append(Finding(start, end, holders[0], "role", role_text=said))
                break
    return found
