"""The stage registry: what each stage is called, needs and adds.

Stage modules register themselves with :func:`stage` and import nothing else
from the pipeline, so the import graph is a line, not a circle:
``pipeline -> stages -> (each stage module) -> registry``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from pactwatch.document import Document

StageFn = Callable[[Document], Document]


@dataclass(frozen=True)
class StageInfo:
    name: str
    fn: StageFn
    requires: frozenset[str] = field(default_factory=frozenset)
    assigns: frozenset[str] = field(default_factory=frozenset)
    doc: str = ""


REGISTRY: dict[str, StageInfo] = {}


def stage(
    name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = ()
) -> Callable[[StageFn], StageFn]:
    """Register ``fn`` as the stage called ``name``."""

    def register(fn: StageFn) -> StageFn:
        REGISTRY[name] = StageInfo(
            name=name,
            fn=fn,
            requires=frozenset(requires),
            assigns=frozenset(assigns),
            doc=(fn.__doc__ or "").strip().splitlines()[0] if fn.__doc__ else "",
        )
        return fn

    return register
