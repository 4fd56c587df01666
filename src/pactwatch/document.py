"""The one object that travels through the pipeline.

Every stage receives a :class:`Document` and returns it with more filled in.
``Document.as_dict()`` *is* the analysis record of ``shared/spec/analysis-json.md``
(contract ``pactwatch.analysis/1``): fields may be added, never renamed.

All offsets are Python string indices into ``Document.text``, the normalised text.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

SCHEMA = "pactwatch.analysis/1"

# The commitment types of the analysis record (shared/spec/analysis-json.md).
COMMITMENT_TYPES = (
    "collective_defense",
    "security_guarantee",
    "military_aid",
    "intelligence_support",
    "logistics_support",
    "troop_deployment",
    "nuclear_deployment",
    "air_defense",
    "economic_support",
    "membership",
    "peace_plan",
    "territorial_arrangement",
)

# Kinds of zone inside Document.text. Stages that look for quotes, events and
# commitments read "title", "subtitle", "heading", "body" and "blockquote";
# actor recognition reads every zone (captions and credits name outlets too).
ZONE_KINDS = (
    "title",
    "subtitle",
    "dateline",
    "heading",
    "body",
    "blockquote",
    "caption",
    "credit",
)


def document_id(text: str) -> str:
    """sha256 of the normalised text, first 16 hex digits (the spec's id)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_ATOMS = (str, int, float, bool, type(None))


def plain(value: Any) -> Any:
    """``dataclasses.asdict`` without its cost: the same dicts, lists and values, but
    field names looked up once per class and atoms (str, int, ...) not deep-copied.
    Storing an article builds its whole record, so this runs per span and per mention."""
    cls = type(value)
    if cls in _ATOMS:
        return value
    names = _FIELD_NAMES.get(cls)
    if names is not None:
        return {name: plain(getattr(value, name)) for name in names}
    if cls is list:
        return [plain(v) for v in value]
    if cls is tuple:
        return tuple(plain(v) for v in value)
    if cls is dict:
        return {plain(k): plain(v) for k, v in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        _FIELD_NAMES[cls] = tuple(f.name for f in fields(value))
        return plain(value)
    return copy.deepcopy(value)


@dataclass
class Span:
    start: int
    end: int


@dataclass
class Zone:
    """A stretch of Document.text with a role (title, body, caption, ...)."""

    start: int
    end: int
    kind: str


@dataclass
class Mention:
    start: int
    end: int
    text: str
    # serialised as "as" (a Python keyword): name|alias|metonym|role|pronoun
    as_: str = "name"

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "as": self.as_}


@dataclass
class Actor:
    id: str  # kind:key, stable across documents
    name: str  # canonical English name
    name_vi: str | None
    kind: str  # country|organization|government_body|person|outlet|place|group
    iso3: str | None = None
    wikidata: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    # added fields (allowed by the contract): the country an actor belongs to,
    # a role seen in the text ("Thủ tướng Anh"), and whether the actor came only
    # from metadata (credited sources, outlet) rather than from the text.
    country: str | None = None
    roles: list[str] = field(default_factory=list)
    from_metadata: bool = False
    in_kb: bool = True
    # added: how sure the recogniser is that this is an actor of this kind, 0..1
    # (1.0 when linked to the KB; an unlinked actor's from its evidence: open_world.py)
    confidence: float = 1.0

    def as_dict(self) -> dict[str, Any]:
        d = {n: plain(getattr(self, n)) for n in _actor_fields() if n != "mentions"}
        d["mentions"] = [m.as_dict() for m in self.mentions]
        return d


def _actor_fields() -> tuple[str, ...]:
    names = _FIELD_NAMES.get(Actor)
    if names is None:
        names = _FIELD_NAMES[Actor] = tuple(f.name for f in fields(Actor))
    return names


@dataclass
class TimeExpr:
    start: int
    end: int
    text: str
    value: str | None  # ISO 8601 at its granularity; None for vague spans
    granularity: str | None  # day|week|month|year|decade
    anchor: str  # absolute|document-date|previous-time
    # added: earliest/latest day the value covers, for range queries
    earliest: str | None = None
    latest: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return plain(self)


@dataclass
class Quote:
    id: str
    speaker: str | None
    direct: bool
    start: int
    end: int
    text: str
    reported_via: list[str] = field(default_factory=list)  # nearest first
    # added: the speaker's words as written ("Thủ tướng Anh") and its span
    speaker_text: str | None = None
    speaker_span: Span | None = None
    verb: str | None = None
    # added: how complete and unambiguous the quote's frame is (speaker, verb, span), 0..1
    confidence: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return plain(self)


@dataclass
class Event:
    id: str
    type: str  # PLOVER type
    mode: str | None
    source: list[str]
    target: list[str]
    date: str | None
    location: str | None
    status: str  # occurred|planned|reported|denied|hypothetical
    evidence: Span
    quote: str | None = None
    confidence: float = 0.0
    # added: every span that mentions the same happening, and the trigger word
    evidence_all: list[Span] = field(default_factory=list)
    trigger: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return plain(self)


@dataclass
class Commitment:
    id: str
    type: str
    guarantors: list[str]
    beneficiaries: list[str]
    status: str
    conditions: list[str] = field(default_factory=list)
    date: str | None = None
    reported_via: list[str] = field(default_factory=list)
    evidence: Span = field(default_factory=lambda: Span(0, 0))
    # added: the cue that set the status, and a confidence
    status_cue: str | None = None
    confidence: float = 0.0
    # added: an informal agreement ("không chính thức"), and every span that mentions it
    informal: bool = False
    evidence_all: list[Span] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return plain(self)


@dataclass
class ObjectRef:
    """What a predication acts on, as the object lexicon classes it."""

    start: int
    end: int
    text: str
    object_class: str  # weapons|air_defense|troops|nuclear|guarantee|...
    commitment: str | None  # the commitment type the object implies, if any
    weapon: str | None = None  # weapon:… id when a named system

    def as_dict(self) -> dict[str, Any]:
        return plain(self)


@dataclass
class Predication:
    """One clause read as a predicate with its frame (stage "clauses").

    Decided here once, for every reader after: who acts (``agent``), who is
    acted on (``patient``), who receives (``recipient``), who it comes from
    (``origin``: "mua S-400 từ Nga"), where and when, its modality, whether it
    is negated, and who says so. Quotes, events and commitments read these.
    """

    id: str
    predicate: Span
    text: str  # the predicate as written
    lemma: str  # the lexicon entry it matched
    verb_class: str  # transfer|deploy|sell|acquire|guarantee|request|consult|...
    event_type: str | None  # the PLOVER type the lexicon gives it, if any
    clause: Span
    sentence: Span
    agent: list[str] = field(default_factory=list)
    patient: list[str] = field(default_factory=list)
    recipient: list[str] = field(default_factory=list)
    origin: list[str] = field(default_factory=list)
    objects: list[ObjectRef] = field(default_factory=list)
    location: str | None = None
    date: str | None = None
    # done|ongoing|planned|willing|possible|considered|conditional|purpose|reported|negotiated,
    # or what a governing predicate makes it (requested|promised|refused|...)
    modality: str = "done"
    negated: bool = False
    negation_cue: str | None = None
    # passive voice ("Y bị tấn công"): its marker as written; the subject is the patient
    passive: str | None = None
    condition: str | None = None
    # the predication whose complement this one is ("kêu gọi [gửi quân]")
    governor: str | None = None
    # it names a thing or refers back rather than telling a new happening
    nominal: bool = False
    quote: str | None = None  # the quote whose words it is in
    speaker: str | None = None  # who says so, when it is reported speech
    via: list[str] = field(default_factory=list)
    confidence: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return plain(self)


@dataclass
class PublishedEstimate:
    value: str | None
    earliest: str | None
    latest: str | None
    basis: str  # stated | latest-dated-mention | year-mentions | unknown | ...

    def as_dict(self) -> dict[str, Any]:
        return plain(self)


@dataclass
class Document:
    text: str
    source_path: str | None = None
    id: str = ""
    title: str | None = None
    language: str = "vi"
    published: str | None = None
    published_estimate: PublishedEstimate = field(
        default_factory=lambda: PublishedEstimate(None, None, None, "unknown")
    )
    outlet: str | None = None
    url: str | None = None
    authors: list[str] = field(default_factory=list)
    translators: list[str] = field(default_factory=list)
    credited_sources: list[str] = field(default_factory=list)
    original_publisher: str | None = None
    photo_credits: list[str] = field(default_factory=list)
    zones: list[Zone] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    # the text as read (decoded, before normalisation) and anything else a reader found
    original_text: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    actors: list[Actor] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    # added: the clause layer's predications, which quotes, events and commitments read
    predications: list[Predication] = field(default_factory=list)
    # names of the stages that have run, in order
    stages_run: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = document_id(self.text)

    # -- helpers stages share ------------------------------------------------
    def zone_at(self, offset: int) -> str | None:
        for z in self.zones:
            if z.start <= offset < z.end:
                return z.kind
        return None

    def actor(self, actor_id: str) -> Actor | None:
        for a in self.actors:
            if a.id == actor_id:
                return a
        return None

    # -- the analysis record ---------------------------------------------------
    def as_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "document": {
                "id": self.id,
                "source_path": self.source_path,
                "title": self.title,
                "language": self.language,
                "published": self.published,
                "published_estimate": self.published_estimate.as_dict(),
                "outlet": self.outlet,
                "url": self.url,
                "authors": list(self.authors),
                "translators": list(self.translators),
                "credited_sources": list(self.credited_sources),
                "original_publisher": self.original_publisher,
                "photo_credits": list(self.photo_credits),
                "zones": [plain(z) for z in self.zones],
                "sentences": [plain(s) for s in self.sentences],
                "meta": dict(self.meta),
                "stages": list(self.stages_run),
                "text": self.text,
            },
            "actors": [a.as_dict() for a in self.actors],
            "times": [t.as_dict() for t in self.times],
            "quotes": [q.as_dict() for q in self.quotes],
            "events": [e.as_dict() for e in self.events],
            "commitments": [c.as_dict() for c in self.commitments],
            "predications": [p.as_dict() for p in self.predications],
        }

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Document:
        """Rebuild a Document from its analysis record (store round-trips use this)."""
        d = record["document"]
        pe = d.get("published_estimate") or {}
        doc = cls(
            text=d["text"],
            source_path=d.get("source_path"),
            id=d.get("id") or "",
            title=d.get("title"),
            language=d.get("language") or "vi",
            published=d.get("published"),
            published_estimate=PublishedEstimate(
                pe.get("value"), pe.get("earliest"), pe.get("latest"), pe.get("basis", "unknown")
            ),
            outlet=d.get("outlet"),
            url=d.get("url"),
            authors=list(d.get("authors") or []),
            translators=list(d.get("translators") or []),
            credited_sources=list(d.get("credited_sources") or []),
            original_publisher=d.get("original_publisher"),
            photo_credits=list(d.get("photo_credits") or []),
            zones=[Zone(**z) for z in d.get("zones") or []],
            sentences=[Span(**s) for s in d.get("sentences") or []],
            meta=dict(d.get("meta") or {}),
            stages_run=list(d.get("stages") or []),
        )
        for a in record.get("actors") or []:
            a = dict(a)
            mentions = [
                Mention(m["start"], m["end"], m["text"], m.get("as", "name"))
                for m in a.pop("mentions", [])
            ]
            doc.actors.append(Actor(**a, mentions=mentions))
        doc.times = [TimeExpr(**t) for t in record.get("times") or []]
        for q in record.get("quotes") or []:
            q = dict(q)
            sp = q.pop("speaker_span", None)
            doc.quotes.append(Quote(**q, speaker_span=Span(**sp) if sp else None))
        for e in record.get("events") or []:
            e = dict(e)
            ev = Span(**e.pop("evidence"))
            allev = [Span(**s) for s in e.pop("evidence_all", [])]
            doc.events.append(Event(**e, evidence=ev, evidence_all=allev))
        for c in record.get("commitments") or []:
            c = dict(c)
            ev = Span(**c.pop("evidence"))
            allev = [Span(**s) for s in c.pop("evidence_all", [])]
            doc.commitments.append(Commitment(**c, evidence=ev, evidence_all=allev))
        for p in record.get("predications") or []:
            p = dict(p)
            predicate, clause, sentence = (Span(**p.pop(k)) for k in ("predicate", "clause", "sentence"))
            objects = [ObjectRef(**o) for o in p.pop("objects", [])]
            doc.predications.append(
                Predication(
                    **p, predicate=predicate, clause=clause, sentence=sentence, objects=objects
                )
            )
        return doc
