"""A pipeline is an ordered list of small registered stages, Document -> Document.

Stages register themselves with :func:`stage`, declaring the Document fields they
*require* and the fields they *assign*. :func:`build_pipeline` checks, before any
document is read, that every requirement is assigned by an earlier stage (or is
present from the reader: ``text``, ``zones`` and the metadata fields).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from pactwatch.document import Document
from pactwatch.errors import PipelineError

StageFn = Callable[[Document], Document]

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


@dataclass(frozen=True)
class StageInfo:
    name: str
    fn: StageFn
    requires: frozenset[str] = field(default_factory=frozenset)
    assigns: frozenset[str] = field(default_factory=frozenset)
    doc: str = ""


_REGISTRY: dict[str, StageInfo] = {}


def stage(
    name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = ()
) -> Callable[[StageFn], StageFn]:
    """Register ``fn`` as the stage called ``name``."""

    def register(fn: StageFn) -> StageFn:
        _REGISTRY[name] = StageInfo(
            name=name,
            fn=fn,
            requires=frozenset(requires),
            assigns=frozenset(assigns),
            doc=(fn.__doc__ or "").strip().splitlines()[0] if fn.__doc__ else "",
        )
        return fn

    return register


def registered_stages() -> dict[str, StageInfo]:
    _load_default_stages()
    return dict(_REGISTRY)


def get_stage(name: str) -> StageInfo:
    _load_default_stages()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise PipelineError("E001", f"no stage is registered as {name!r}") from None


def _load_default_stages() -> None:
    # Importing the module runs every @stage decorator (all registrations in one place).
    import pactwatch.stages  # noqa: F401


@dataclass
class Pipeline:
    stages: list[StageInfo]

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, doc: Document) -> Document:
        for info in self.stages:
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
