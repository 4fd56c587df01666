"""Who held an office on a given day, from the people entries of the knowledge base.

An office term covers ``start <= day < end``: ``end`` is the day the holder left, which
is normally the successor's first day, so on a handover day the successor holds the
office. ``start: null`` means "since before our records", ``end: null`` "still in office
as far as the knowledge base knows".

People may be given as raw YAML mappings (``people.yaml`` entries) or as objects with
``id`` and ``offices`` attributes whose offices have ``role``, ``of``, ``start``, ``end``
and optionally ``acting`` attributes (the loader's dataclasses); dates may be
``datetime.date`` values or ISO strings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pactwatch.errors import KnowledgeBaseError

_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class Term:
    """One office held by one person, with parsed dates."""

    person_id: str
    role: str
    of: str
    start: dt.date | None
    end: dt.date | None
    acting: bool = False

    def overlaps(self, first_day: dt.date, last_day: dt.date) -> bool:
        """Whether the person held the office on some day of ``first_day..last_day``."""
        started = self.start is None or self.start <= last_day
        not_yet_left = self.end is None or self.end > first_day
        return started and not_yet_left


def _field(item: Any, name: str) -> Any:
    if isinstance(item, Mapping):
        return item.get(name)
    return getattr(item, name, None)


def parse_day(value: Any, where: str) -> dt.date | None:
    """A term boundary as a date; None stays None. Raises KnowledgeBaseError when unreadable."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise KnowledgeBaseError("E320", f"{where}: {value!r} is not an ISO date (YYYY-MM-DD)")


def period_bounds(on: dt.date | str) -> tuple[dt.date, dt.date]:
    """First and last day of a date, or of an ISO month ("2025-03") or year ("2025")."""
    if isinstance(on, dt.datetime):
        return on.date(), on.date()
    if isinstance(on, dt.date):
        return on, on
    match = _PERIOD.match(on.strip()) if isinstance(on, str) else None
    if match is None:
        raise ValueError(f"{on!r} is not an ISO date, month or year")
    year, month, day = match.groups()
    try:
        if day is not None:
            exact = dt.date(int(year), int(month), int(day))
            return exact, exact
        if month is not None:
            first = dt.date(int(year), int(month), 1)
            next_month = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, next_month - dt.timedelta(days=1)
        return dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)
    except ValueError:
        raise ValueError(f"{on!r} is not a calendar date") from None


def terms_of(people: Iterable[Any]) -> list[Term]:
    """Every office term of every person, with dates parsed."""
    terms: list[Term] = []
    for person in people:
        person_id = str(_field(person, "id"))
        for number, office in enumerate(_field(person, "offices") or [], start=1):
            where = f"{person_id} office {number}"
            terms.append(
                Term(
                    person_id=person_id,
                    role=str(_field(office, "role")),
                    of=str(_field(office, "of")),
                    start=parse_day(_field(office, "start"), where),
                    end=parse_day(_field(office, "end"), where),
                    acting=bool(_field(office, "acting")),
                )
            )
    return terms


OfficeIndex = dict[tuple[str, str], list[Term]]


def office_index(people: Iterable[Any]) -> OfficeIndex:
    """Terms grouped by (role, of), parsed once, for callers that ask many questions."""
    index: OfficeIndex = {}
    for term in terms_of(people):
        index.setdefault((term.role, term.of), []).append(term)
    return index


def holders_in(index: OfficeIndex, role: str, of: str, on_date: dt.date | str) -> list[str]:
    """:func:`holder_of` answered from an :func:`office_index`."""
    first_day, last_day = period_bounds(on_date)
    matching = [t for t in index.get((role, of), []) if t.overlaps(first_day, last_day)]
    matching.sort(key=lambda term: (term.acting, -(term.start or dt.date.min).toordinal()))
    return list(dict.fromkeys(term.person_id for term in matching))


def holder_of(role: str, of: str, on_date: dt.date | str, people: Iterable[Any]) -> list[str]:
    """Ids of the people who held office ``role`` of actor ``of`` on ``on_date``.

    ``on_date`` may be a day, or an ISO month or year: then everyone who held the office
    at some point of that period is returned. Substantive holders come before acting
    ones, the most recently appointed first; each person appears once.
    """
    return holders_in(office_index(people), role, of, on_date)
