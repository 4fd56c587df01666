"""Load the reviewed word lists into compiled matchers.

The lists are data, not code: each language pack ``data/lang/<lang>/`` holds the
same files, read by the same code — ``reporting.yaml`` (speech verbs and speaker
groups), ``predicates.yaml`` (verb classes and the events they report),
``modality.yaml`` (negation and modality markers), ``clause.yaml`` (words that
shape a clause) and ``objects.yaml`` (what a predicate acts on). Entries name
their word under the pack's language code (``vi:``, ``en:``). A :class:`TermMatcher` finds their entries
in text on word boundaries, longest entry first, case-insensitively, and
honours each entry's ``not_before``/``not_after`` neighbour words.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

from pactwatch.datacache import load_yaml
from pactwatch.errors import PactwatchError

# A "word" for boundary purposes: letters (any script) and digits.
_WORD_CHAR = r"[^\W_]"


@dataclass(frozen=True)
class Term:
    """One lexicon entry with the fields a matcher and its users need."""

    text: str
    data: dict[str, Any]
    not_before: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()


@dataclass(frozen=True)
class TermHit:
    start: int
    end: int
    term: Term


@dataclass
class TermMatcher:
    """Finds lexicon terms in text: whole words, longest first, case-insensitive."""

    terms: list[Term]
    _by_text: dict[str, Term] = field(init=False, repr=False)
    _pattern: re.Pattern[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_text = {t.text.casefold(): t for t in self.terms}
        body = _trie_pattern(list(self._by_text)) if self._by_text else "(?!x)x"
        self._pattern = re.compile(rf"(?<!{_WORD_CHAR})(?:{body})(?!{_WORD_CHAR})", re.IGNORECASE)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[TermHit]:
        end = len(text) if end is None else end
        hits: list[TermHit] = []
        for m in self._pattern.finditer(text, start, end):
            key = " ".join(m.group(0).split()).casefold()
            term = self._by_text.get(key)
            if term is None or _blocked(text, m.start(), m.end(), term):
                continue
            hits.append(TermHit(m.start(), m.end(), term))
        return hits


class HitIndex:
    """A matcher's hits over a whole text, read window by window: one scan of
    the text instead of one per sentence or window."""

    def __init__(self, matcher: TermMatcher, text: str) -> None:
        self.hits = matcher.find(text)
        self._starts = [h.start for h in self.hits]

    def find(self, start: int, end: int) -> list[TermHit]:
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return [h for h in self.hits[lo:hi] if h.end <= end]


@lru_cache(maxsize=8)
def reporting_hits(text: str, lang: str) -> HitIndex:
    """The reporting verbs of a text, shared by the stages that read them (the
    quotes and the clause layer) so the text is scanned for them once."""
    return HitIndex(reporting_lexicon(lang).verbs, text)


def _trie_pattern(words: list[str]) -> str:
    """One regex for many words, shared prefixes factored out ("hội đàm|hội
    kiến" -> "hội\\s+(?:đàm|kiến)"). A flat alternation of a few hundred terms
    is tried term by term at every position; the trie is tried letter by
    letter, several times faster. Longer continuations are tried first, so the
    longest term still wins, as in a longest-first alternation."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in " ".join(word.split()):
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [
            (r"\s+" if ch == " " else re.escape(ch)) + emit(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return emit(trie)


def _blocked(text: str, start: int, end: int, term: Term) -> bool:
    if term.not_after:
        following = word_after(text, end)
        if following in term.not_after:
            return True
    if term.not_before:
        preceding = word_before(text, start)
        if preceding in term.not_before:
            return True
    return False


def word_after(text: str, pos: int) -> str:
    """The next word after ``pos``, past spaces and Markdown emphasis."""
    m = re.match(r"[\s*_]*(\w+)", text[pos : pos + 30])
    return m.group(1).casefold() if m else ""


def word_before(text: str, pos: int) -> str:
    """The word before ``pos``, past spaces and Markdown emphasis."""
    m = re.search(r"(\w+)[\s*_]*$", text[max(0, pos - 30) : pos])
    return m.group(1).casefold() if m else ""


def ends_with_any(text: str, pos: int, phrases: frozenset[str]) -> bool:
    """Does the text before ``pos`` end with one of the (multi-word) phrases?"""
    before = " ".join(re.findall(r"\w+", text[max(0, pos - 40) : pos])).casefold()
    return any(before == p or before.endswith(" " + p) for p in phrases)


def _load_yaml(name: str, folder: tuple[str, ...] = ("lexicon",)) -> dict[str, Any]:
    try:
        raw = (
            resources.files("pactwatch")
            .joinpath("data", *folder, name)
            .read_text(encoding="utf-8")
        )
        data = load_yaml(raw, name)  # libyaml, and kept on disk by the text's hash
    except (OSError, yaml.YAMLError) as exc:
        raise PactwatchError("E051", f"lexicon {name}: cannot be read ({exc})") from exc
    if not isinstance(data, dict) or not data.get("source"):
        raise PactwatchError("E052", f"lexicon {name}: expected a mapping with a 'source' field")
    return data


def _words(data: dict[str, Any], key: str) -> list[str]:
    """A list of words from a pack file; YAML reads a bare ``no`` or ``on`` as a
    boolean, so every item must be a string (quote it in the file)."""
    words = data.get(key) or []
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise PactwatchError(
            "E053", f"lexicon: {key!r} must be a list of strings (quote words like 'no'): {words!r}"
        )
    return words


def _terms(entries: list[dict[str, Any]], name: str, key: str = "vi") -> list[Term]:
    """Entries of a word list; each names its word under the pack's language code."""
    terms: list[Term] = []
    for entry in entries:
        word = entry.get(key)
        if not isinstance(word, str) or not word.strip():
            raise PactwatchError("E053", f"lexicon {name}: entry without a {key!r} string: {entry}")
        not_before = tuple(w.casefold() for w in _words(entry, "not_before"))
        not_after = tuple(w.casefold() for w in _words(entry, "not_after"))
        # an inflecting language lists the other written forms of the same word
        # ("provide": provides, provided); each is a term with the entry's fields
        for form in [word, *_words(entry, "forms")]:
            terms.append(
                Term(text=form.strip(), data=entry, not_before=not_before, not_after=not_after)
            )
    return terms


@dataclass(frozen=True)
class ReportingLexicon:
    verbs: TermMatcher
    groups: TermMatcher
    complementisers: tuple[str, ...]
    verb_particles: frozenset[str]
    circumstance_openers: TermMatcher
    # complementisers that may follow a circumstance ("said on Monday that")
    late_complementisers: tuple[str, ...] = ()
    # the speaker may follow the verb ("“…,” said Ryabkov")
    speaker_after_verb: bool = False
    # indirect speech may come before its frame ("…, Lavrov said.")
    reported_before_frame: bool = False
    # the attribution grammar's patterns in this language (attribution.py)
    patterns: tuple[tuple[str, str], ...] = ()
    # nouns a person's name may only qualify ("Trump administration", "chính
    # quyền Trump"): such a name is nobody a pronoun points back to
    qualified_by: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ModalityCategory:
    modality: str
    event_status: str
    words: TermMatcher


@dataclass(frozen=True)
class ModalityLexicon:
    negation: TermMatcher
    categories: tuple[ModalityCategory, ...]
    # every category's words in one matcher (one scan per predicate), each
    # term's data naming the first category that lists it
    markers: TermMatcher
    # verb class of a governing predicate -> the modality it gives what it governs
    governors: dict[str, str]
    # the modality of an act framed as someone's claim, and its event status
    alleged: tuple[str, str]
    # at most this many words between a negation and the predicate it negates
    # (None: anywhere in the window before it)
    negation_reach: int | None = None
    # governing verb classes that announce the act they govern ("cam kết [viện
    # trợ]"): the event is that act, with this event status
    acts_through: dict[str, str] = field(default_factory=dict)


@cache
def pack_language(language: str | None) -> str:
    """The language pack to read a document with: its own, else Vietnamese."""
    code = (language or "vi").split("-")[0].casefold()
    try:
        resources.files("pactwatch").joinpath("data", "lang", code, "predicates.yaml").read_bytes()
    except OSError:
        return "vi"
    return code


@cache
def modality_lexicon(lang: str = "vi") -> ModalityLexicon:
    data = _load_yaml("modality.yaml", ("lang", lang))
    categories = tuple(
        ModalityCategory(
            modality=str(c["modality"]),
            event_status=str(c["event_status"]),
            words=TermMatcher([Term(w, {"modality": c["modality"]}) for w in _words(c, "words")]),
        )
        for c in data.get("categories") or ()
    )
    first: dict[str, Term] = {}
    for rank, category in enumerate(categories):
        for term in category.words.terms:
            first.setdefault(term.text.casefold(), Term(term.text, {"rank": rank}))
    return ModalityLexicon(
        negation=TermMatcher(_negation_terms(data, lang)),
        categories=categories,
        markers=TermMatcher(list(first.values())),
        governors={str(k): str(v) for k, v in (data.get("governors") or {}).items()},
        alleged=(
            str((data.get("alleged") or {}).get("modality", "alleged")),
            str((data.get("alleged") or {}).get("event_status", "reported")),
        ),
        negation_reach=(
            int(data["negation_reach_words"]) if data.get("negation_reach_words") is not None else None
        ),
        acts_through={str(k): str(v) for k, v in (data.get("acts_through") or {}).items()},
    )


def _negation_terms(data: dict[str, Any], lang: str) -> list[Term]:
    """Negation markers: a word, or a mapping naming the word under the pack's
    language code with the neighbours that make it part of a compound
    ("không" negates, "không quân" is an air force, "không kích" an air strike)."""
    entries = data.get("negation") or []
    if not isinstance(entries, list):
        raise PactwatchError("E053", f"lexicon modality.yaml ({lang}): 'negation' must be a list")
    words = [e for e in entries if isinstance(e, str)]
    mappings = [e for e in entries if isinstance(e, dict)]
    if len(words) + len(mappings) != len(entries):
        raise PactwatchError(
            "E053", f"lexicon modality.yaml ({lang}): negation entries are words or mappings (quote 'no')"
        )
    terms = [Term(w, {"negation": True}) for w in words]
    return terms + _terms(mappings, "modality.yaml", key=lang)


@dataclass(frozen=True)
class ClauseCues:
    """The language pack's clause-shaping words, compiled (``clause.yaml``)."""

    clause_break: re.Pattern[str]
    not_participant_before: re.Pattern[str]
    possessor: re.Pattern[str]
    since: re.Pattern[str]
    subordinate: re.Pattern[str]
    recipient: re.Pattern[str]
    origin: re.Pattern[str]
    passive: TermMatcher
    agentless_passive: frozenset[str]
    coordinator: re.Pattern[str]
    # a coordinator standing right before a predicate ("… đạn dược và [hỗ trợ]")
    coordinated_before: re.Pattern[str]
    # a word between two predicates that makes the second a serial verb sharing
    # the first's subject ("điều tàu tới Indonesia [hỗ trợ]")
    serial: re.Pattern[str]
    # request verbs that offer when the act follows them directly, and the
    # classes of the acts one offers (giving, sending, helping)
    offer_when_direct: frozenset[str]
    offered_classes: frozenset[str]
    # a maker named after one of these ("do Đức sản xuất", "built by Germany")
    maker: re.Pattern[str]
    # the marker and a name of one to five words right before a making verb
    maker_named_before: re.Pattern[str]
    # the marker right after a making verb ("đóng bởi …", "built by …")
    maker_named_after: re.Pattern[str]
    # what stands between an author and the plan it owns ("Trump's 20-point",
    # "the U.S.-drafted"): a bare modifier names the plan's subject, not its author
    possessor_gap: re.Pattern[str]
    # what joins the last name of a list to the one before ("Anh, Pháp và Đức")
    list_conjunction: re.Pattern[str]
    # what announces a list that needs no conjunction ("trong đó có A, B, C")
    list_opener: re.Pattern[str]
    # what may stand between a verb and its direct object ("tham gia [vào] Bộ Tứ")
    direct_object_gap: re.Pattern[str]
    # a word opening a content clause with a subject of its own ("rằng", "that")
    complementiser: re.Pattern[str]
    # where forces massed are a threat, not a commitment ("gần biên giới Ukraine")
    hostile_place: re.Pattern[str]
    # a topic marker and at most two words before the topic ("talks on a [peace deal]")
    topic_before: re.Pattern[str]


def _alternation(words: list[str]) -> str:
    ordered = sorted({" ".join(str(w).split()) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) or "(?!x)x"


@cache
def clause_cues(lang: str = "vi") -> ClauseCues:
    data = _load_yaml("clause.yaml", ("lang", lang))

    def alt(key: str) -> str:
        return _alternation(_words(data, key))

    flags = re.IGNORECASE
    return ClauseCues(
        # a full stop or colon inside a figure ("120.000 binh sĩ", "10:30") breaks nothing
        clause_break=re.compile(
            rf"[;!?\n]|(?<!\d)[.:]|[.:](?!\d)|,\s|\s(?:{alt('clause_breakers')})\s"
        ),
        not_participant_before=re.compile(
            rf"(?<!{_WORD_CHAR})(?:{alt('source_markers')})\s+(?:(?:{alt('source_nouns')})\s+)?$",
            flags,
        ),
        possessor=re.compile(
            rf"[\s*_]*(?:\w+\s+){{0,2}}(?:{alt('possessive_markers')})[\s*_]*$", flags
        ),
        since=re.compile(
            rf"(?<!{_WORD_CHAR})(?:{alt('since_markers')})\s+(?:(?:{alt('time_units')}))?\s*$", flags
        ),
        subordinate=re.compile(
            rf"(?<!{_WORD_CHAR})(?:{alt('subordinators_after')})(?!{_WORD_CHAR})", flags
        ),
        recipient=re.compile(
            rf"(?<!{_WORD_CHAR})(?:{alt('recipient_markers')})\s+(?:(?:{alt('recipient_heads')})\s+)?$",
            flags,
        ),
        origin=re.compile(
            rf"(?<!{_WORD_CHAR})(?:{alt('origin_markers')})\s+(?:(?:{alt('origin_heads')})\s+)?$",
            flags,
        ),
        passive=TermMatcher(
            [
                Term(
                    w,
                    {"passive": True},
                    not_before=tuple(
                        x.casefold() for x in (data.get("passive_compounds") or {}).get(w) or ()
                    ),
                )
                for w in _words(data, "passive_markers")
            ]
        ),
        agentless_passive=frozenset(w.casefold() for w in _words(data, "agentless_passive")),
        coordinator=re.compile(rf"^[\s,]*(?:{alt('coordinators')})(?!{_WORD_CHAR})", flags),
        coordinated_before=re.compile(
            rf"(?<!{_WORD_CHAR})(?:{alt('coordinators')})[\s*_]*$", flags
        ),
        serial=re.compile(
            rf"(?<!{_WORD_CHAR})(?:{alt('serial_markers')})(?!{_WORD_CHAR})", flags
        ),
        offer_when_direct=frozenset(" ".join(w.casefold().split()) for w in _words(data, "offer_when_direct")),
        offered_classes=frozenset(_words(data, "offered_classes")),
        topic_before=re.compile(
            rf"(?<!{_WORD_CHAR})(?:{alt('topic_markers')})(?:\s+\S+){{0,2}}\s*$", flags
        ),
        list_conjunction=re.compile(rf",?\s+(?:{alt('list_conjunctions')})\s+", flags),
        list_opener=re.compile(rf"(?<!{_WORD_CHAR})(?:{alt('list_openers')})[\s:]+$", flags),
        hostile_place=re.compile(
            rf"(?<!{_WORD_CHAR})(?:{alt('hostile_places')})(?!{_WORD_CHAR})", flags
        ),
        complementiser=re.compile(
            rf"(?<!{_WORD_CHAR})(?:{alt('complementisers')})(?!{_WORD_CHAR})", flags
        ),
        direct_object_gap=re.compile(rf"\s+(?:(?:{alt('direct_object_fillers')})\s+)*", flags),
        maker_named_before=re.compile(
            rf"(?<!{_WORD_CHAR})(?:{alt('maker_markers')})\s+(?:\S+\s+){{1,5}}$", flags
        ),
        maker_named_after=re.compile(rf"[\s*_]*(?:{alt('maker_markers')})\s", flags),
        possessor_gap=re.compile(
            rf"(?:{alt('author_marks')})\s*(?:\d+-|(?:{alt('author_modifiers')})\s+)?", flags
        ),
        maker=re.compile(
            rf"(?<!{_WORD_CHAR})(?:{alt('maker_markers')})\s+(?:(?:{alt('maker_heads')})\s+)?$", flags
        ),
    )


@dataclass(frozen=True)
class EventLexicon:
    triggers: TermMatcher
    # verb class -> object class -> (PLOVER type, mode)
    object_events: dict[str, dict[str, tuple[str, str | None]]]
    location_cues: tuple[str, ...]
    nominal_markers: frozenset[str]
    nominal_ok_types: frozenset[str]
    generic_subjects: TermMatcher
    back_references: frozenset[str]
    country_anaphors: TermMatcher
    # nouns that point back to the organisation last named ("the alliance",
    # "liên minh này"): in an object, that organisation
    organization_anaphors: TermMatcher
    subordinators: TermMatcher
    predicate_markers: frozenset[str]
    announcement_cues: TermMatcher


@cache
def reporting_lexicon(lang: str = "vi") -> ReportingLexicon:
    name = "reporting.yaml"
    data = _load_yaml(name, ("lang", lang))
    return ReportingLexicon(
        verbs=TermMatcher(_terms(data.get("verbs") or [], name, lang)),
        groups=TermMatcher(_terms(data.get("speaker_groups") or [], name, lang)),
        complementisers=tuple(_words(data, "complementisers")),
        verb_particles=frozenset(w.casefold() for w in _words(data, "verb_particles")),
        circumstance_openers=TermMatcher(
            [Term(w, {"opener": True}) for w in _words(data, "circumstance_openers")]
        ),
        qualified_by=frozenset(" ".join(w.casefold().split()) for w in _words(data, "qualified_by")),
        late_complementisers=tuple(_words(data, "late_complementisers")),
        speaker_after_verb=bool(data.get("speaker_after_verb")),
        reported_before_frame=bool(data.get("reported_before_frame")),
        patterns=tuple((str(k), str(v)) for k, v in (data.get("patterns") or {}).items()),
    )


@cache
def event_lexicon(lang: str = "vi") -> EventLexicon:
    name = "predicates.yaml"
    data = _load_yaml(name, ("lang", lang))
    return EventLexicon(
        triggers=TermMatcher(_terms(data.get("triggers") or [], name, lang)),
        object_events={
            str(verb_class): {
                str(obj): (str(rule["type"]), rule.get("mode"))
                for obj, rule in (rules or {}).items()
            }
            for verb_class, rules in (data.get("object_events") or {}).items()
        },
        location_cues=tuple(_words(data, "location_cues")),
        nominal_markers=frozenset(w.casefold() for w in _words(data, "nominal_markers")),
        nominal_ok_types=frozenset(_words(data, "nominal_ok_types")),
        subordinators=TermMatcher(
            [Term(w, {"subordinator": True}) for w in _words(data, "subordinators")]
        ),
        country_anaphors=TermMatcher(_terms(data.get("country_anaphors") or [], name, lang)),
        organization_anaphors=TermMatcher(
            [Term(w, {"anaphor": True}) for w in _words(data, "organization_anaphors")]
        ),
        back_references=frozenset(w.casefold() for w in _words(data, "back_references")),
        predicate_markers=frozenset(w.casefold() for w in _words(data, "predicate_markers")),
        generic_subjects=TermMatcher(
            [Term(w, {"generic": True}) for w in _words(data, "generic_subjects")]
        ),
        announcement_cues=TermMatcher(
            [Term(w, {"announcement": True}) for w in _words(data, "announcement_cues")]
        ),
    )
