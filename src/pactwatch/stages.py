"""All stage registrations in one place, and the default order.

Each module below registers its stage with ``@stage(...)`` when imported.
"""

from __future__ import annotations

from pactwatch import segment  # noqa: F401
from pactwatch.actors import stage as _actors  # noqa: F401
from pactwatch.extract import clauses as _clauses  # noqa: F401
from pactwatch.extract import commitments as _commitments  # noqa: F401
from pactwatch.extract import events as _events  # noqa: F401
from pactwatch.extract import quotes as _quotes  # noqa: F401
from pactwatch.times import stage as _times  # noqa: F401

DEFAULT_PIPELINE: tuple[str, ...] = (
    "segment",
    "actors",
    "times",
    "quotes",
    "clauses",
    "events",
    "commitments",
)
