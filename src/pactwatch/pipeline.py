"""A pipeline is an ordered list of small registered stages, Document -> Document.

Stages register themselves with :func:`stage`, declaring the Document fields they
*require* and the fields they *assign*. :func:`build_pipeline` checks, before any
document is read, that every requirement is assigned by an earlier stage (or is
present from the reader: ``text``, ``zones`` and the metadata fields).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from pactwatch.document import Document
from pactwatch.errors import PipelineError
from pactwatch.registry import REGISTRY, StageFn, StageInfo, stage

__all__ = ["READER_FIELDS", "Pipeline", "StageFn", "StageInfo", "build_pipeline", "get_stage", "registered_stages", "stage"]

# What a reader already provides before the first stage runs.
READER_FIELDS = frozenset(
    {
        "text",
        "zones",
        "title",
        "published",
        "outlet",
        "url",
        "authors",
        "translators",
        "credited_sources",
        "original_publisher",
        "photo_credits",
        "language",
        "meta",
    }
)


def registered_stages() -> dict[str, StageInfo]:
    _load_default_stages()
    return dict(REGISTRY)


def get_stage(name: str) -> StageInfo:
    _load_default_stages()
    try:
        return REGISTRY[name]
    except KeyError:
        raise PipelineError("E001", f"no stage is registered as {name!r}") from None


def _load_default_stages() -> None:
    # Importing the module runs every @stage decorator (all registrations in one place);
    # stage modules import only the registry, never this module.
    import pactwatch.stages  # noqa: F401


@dataclass
class Pipeline:
    stages: list[StageInfo]

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, doc: Document, *, deadline: float | None = None) -> Document:
        """Run every stage on ``doc``. With ``deadline`` (a ``time.monotonic()`` value) the
        time is checked between stages: an article still unfinished then fails with E004
        (cooperative: a stage already running is not interrupted)."""
        for info in self.stages:
            if deadline is not None and time.monotonic() > deadline:
                raise PipelineError("E004", f"analysis ran over its time budget before the"
                                    f" {info.name!r} stage (see PACTWATCH_ARTICLE_SECONDS)")
            out = info.fn(doc)
            if not isinstance(out, Document):
                raise PipelineError(
                    "E002", f"stage {info.name!r} returned {type(out).__name__}, not a Document"
                )
            out.stages_run.append(info.name)
            doc = out
        return doc


def build_pipeline(names: Sequence[str] | None = None) -> Pipeline:
    """Build a pipeline from stage names (default: the full default pipeline)."""
    from pactwatch.stages import DEFAULT_PIPELINE

    chosen = list(names) if names is not None else list(DEFAULT_PIPELINE)
    infos = [get_stage(n) for n in chosen]
    available = set(READER_FIELDS)
    for info in infos:
        missing = info.requires - available
        if missing:
            raise PipelineError(
                "E003",
                f"stage {info.name!r} needs {sorted(missing)}, which no earlier stage assigns;"
                f" add the stage that assigns it before {info.name!r}",
            )
        available |= info.assigns
    return Pipeline(infos)
