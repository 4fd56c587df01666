"""Date an undated article by who holds which office in it.

"Ngoại trưởng Mỹ Antony Blinken" can only have been written while Blinken was
Secretary of State (2021-01-26 .. 2025-01-20); "Tổng thư ký NATO Jens
Stoltenberg" narrows that to before 2024-10-01. The actor stage records the
title it saw with each person (``Actor.roles``); the knowledge base gives the
terms. The article appeared within every such term, so the terms intersect into
an earliest..latest window. Titles marked as former ("cựu", "nguyên") say
nothing about the present and are skipped, as is a title that matches none of
the person's offices. Conflicting terms (an intersection that is empty) mean a
title was misread: then no window is given.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pactwatch.actors.kb import KBEntry, KnowledgeBase
from pactwatch.actors.offices import parse_day
from pactwatch.actors.textutil import fold
from pactwatch.document import Actor

# Title prefixes that put the office in the past or the future.
_NOT_CURRENT = ("cựu", "nguyên", "tân", "former", "ex-", "tiền nhiệm", "người tiền nhiệm")


def _owner_named(role_text: str, owner: KBEntry | None) -> bool:
    """Whether the title names the office's owner ("Ngoại trưởng Mỹ" for the USA)."""
    if owner is None:
        return False
    said = f" {fold(role_text)} "
    names = [*owner.all_names(), *owner.metonyms]
    return any(f" {fold(n)} " in said for n in names if n)


def office_term(
    role_text: str, person: KBEntry, kb: KnowledgeBase
) -> tuple[date, date | None] | None:
    """The term of the person's office that ``role_text`` names, if exactly one fits."""
    lowered = role_text.lower().strip()
    if not lowered or lowered.startswith(_NOT_CURRENT):
        return None
    fitting = []
    for office in person.offices:
        role = kb.roles.get(office.role)
        if role is None or office.acting:
            continue
        titles = [t.lower() for t in role.titles_vi if t]
        if not any(lowered.startswith(t) for t in titles):
            continue
        if not _owner_named(role_text, kb.get(office.of)):
            continue
        start = parse_day(office.start, person.id)
        if start is None:
            continue
        fitting.append((start, parse_day(office.end, person.id)))
    # two terms in the same office (Wang Yi 2013-2022 and 2023-): the title alone
    # cannot say which, so it bounds nothing
    return fitting[0] if len(fitting) == 1 else None


def tenure_window(actors: Sequence[Actor], kb: KnowledgeBase) -> tuple[date, date | None] | None:
    """The days on which every titled KB person of the article held the office named."""
    earliest: date | None = None
    latest: date | None = None
    bounded = False
    for actor in actors:
        if actor.kind != "person" or not actor.in_kb or not actor.roles:
            continue
        person = kb.get(actor.id)
        if person is None:
            continue
        for role_text in actor.roles:
            term = office_term(role_text, person, kb)
            if term is None:
                continue
            start, end = term
            bounded = True
            earliest = start if earliest is None or start > earliest else earliest
            if end is not None:
                # an office left on ``end`` was no longer held that day
                last = date.fromordinal(end.toordinal() - 1)
                latest = last if latest is None or last < latest else latest
    if not bounded or earliest is None:
        return None
    if latest is not None and latest < earliest:
        return None
    return earliest, latest
