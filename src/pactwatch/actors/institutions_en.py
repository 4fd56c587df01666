"""English institutions and places the knowledge base does not list, by their shape.

English names an institution by a capitalised run that holds a head noun: the head
types it ("Institute for the Study of War", "Northeastern University", "Ministry of
Health", "State Emergency Service of Ukraine", "Industry and Trade Ministry").
Its state is named before it, by a possessive ("Iran's Supreme National Security
Council") or a demonym ("Sudanese Armed Forces"), or after it ("... of Ukraine").
A state's body is also named by a lower-case noun after the state's possessive or
demonym ("Ukraine's general staff", "Russian central bank", "Ukrainian
intelligence"), and then by the noun alone ("the central bank has cut rates").
An abbreviation after the name (", or CSIS," / "(ISW)") joins its later uses.

Places: a capitalised name before a place noun ("Krasnodar region", "Nizhny
Novgorod Oblast", "Chasiv Yar town") or after one ("the city of Slavyansk", "the
town of Ostroh"), and one followed by its state ("in Davos, Switzerland").

The words are English language data (``data/lang/en/actors.yaml``); every actor made
here is unlinked (``in_kb`` False), with a provisional id that is the same in every
article (``government_body:ukr-general-staff``, ``organization:northeastern-university``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import yaml

from pactwatch.actors.demonyms import demonym_table
from pactwatch.actors.findings import Coverage, Finding
from pactwatch.actors.kb import KBEntry, KnowledgeBase
from pactwatch.actors.language import LANG_DIR
from pactwatch.actors.matcher import Match, PhraseMatcher
from pactwatch.actors.open_world import new_entry
from pactwatch.actors.textutil import slug
from pactwatch.datacache import safe_loader

CONFIDENCE = {"institution": 0.8, "body_noun": 0.75, "place": 0.75, "short_form": 0.7}


@dataclass(frozen=True)
class EnglishInstitutionWords:
    government: frozenset[str]  # heads that make a state's body
    organization: frozenset[str]  # heads that make an organisation
    by_state: frozenset[str]  # a state's body when a state is named, else an organisation
    state_only: frozenset[str]  # a state's body when a state is named, else nothing
    connectors: frozenset[str]  # lower-case words inside a name ("of", "for", "the")
    not_first: frozenset[str]  # capitalised words a name never opens with ("The", "Photo")
    body_nouns: tuple[str, ...]  # lower-case nouns of a state's body after its owner
    place_after: frozenset[str]  # "Krasnodar region"
    place_before: tuple[str, ...]  # "the city of Slavyansk"
    not_place: frozenset[str]  # capitalised words no place is (months, days)
    modified_by: frozenset[str]  # "Air Force One": the head is a modifier
    generic: frozenset[str]  # words that alone with a head name no institution
    not_after_noun: frozenset[str]  # "own intelligence agencies"


@lru_cache(maxsize=1)
def words() -> EnglishInstitutionWords:
    raw = yaml.load((LANG_DIR / "en" / "actors.yaml").read_text(encoding="utf-8"),
                    Loader=safe_loader())
    heads = raw["institution_heads"]

    def low(values: object) -> frozenset[str]:
        assert isinstance(values, list)
        return frozenset(str(v).lower() for v in values)

    return EnglishInstitutionWords(
        government=low(heads["government_body"]),
        organization=low(heads["organization"]),
        by_state=low(heads["by_state"]),
        state_only=low(heads["state_only"]),
        connectors=low(raw["institution_connectors"]),
        not_first=low(raw["leading_not_name"]),
        body_nouns=tuple(sorted((str(v) for v in raw["state_body_nouns"]), key=len, reverse=True)),
        place_after=low(raw["place_nouns_after"]),
        place_before=tuple(str(v) for v in raw["place_nouns_before"]),
        not_place=low(raw["not_place_words"]),
        modified_by=low(raw["institution_modified_by"]),
        generic=low(raw["institution_generic"]),
        not_after_noun=low(raw["not_after_body_noun"]),
    )


# An owner's possessive right before a name ("Iran's ", "King's ").
_POSSESSIVE = re.compile(r"(?P<owner>[A-Z][\w.-]*(?: [A-Z][\w.-]*)?)[’']s $")


@dataclass
class _Run:
    start: int
    end: int
    words: list[tuple[int, int, str]]  # capitalised words and connectors, in order


def _runs(text: str, connectors: frozenset[str]) -> list[_Run]:
    """Capitalised runs with their inner connectors: "Institute for the Study of War"."""
    runs: list[_Run] = []
    current: list[tuple[int, int, str]] = []

    def close() -> None:
        while current and current[-1][2].lower() in connectors and not current[-1][2][0].isupper():
            current.pop()
        if current:
            runs.append(_Run(current[0][0], current[-1][1], list(current)))
        current.clear()

    pos = 0
    for m in re.finditer(r"[\w.&’'-]+", text):
        word = m.group(0).rstrip(".,")
        if m.start() != pos and text[pos : m.start()].strip():
            close()  # punctuation between the words
        elif m.start() != pos and "\n" in text[pos : m.start()]:
            close()
        end = m.start() + len(word)
        possessive = re.search(r"[’']s$", word)
        if word and (word[0].isupper() or re.fullmatch(r"\d+(?:st|nd|rd|th)", word)):
            if possessive:
                close()
            else:
                current.append((m.start(), end, word))
        elif current and word.lower() in connectors and word.islower():
            current.append((m.start(), end, word))
        else:
            close()
        pos = m.end()
        if end != m.end() or possessive:
            close()  # "Center," or "University's": the name ends here
    close()
    return runs


def _cap(word: str) -> bool:
    """A word of a name: capitalised, or an ordinal ("24th Mechanised Brigade")."""
    return word[0].isupper() or word[0].isdigit()


@lru_cache(maxsize=1)
def _head_hint() -> PhraseMatcher:
    """Any head word: runs are read only around a capitalised one."""
    w = words()
    return PhraseMatcher(sorted({h.split()[-1] for h in heads_of(w)}))


# How far a name reaches from its head word, either side (a bounded window per head).
_REACH = 160


def _runs_around_heads(
    text: str, w: EnglishInstitutionWords, lowered: str | None = None
) -> list[_Run]:
    """The capitalised runs that hold a head word, each read once, in text order."""
    runs: dict[int, _Run] = {}
    covered_to = -1
    for hit_start, hit_end in _head_hint().find(text, lowered):
        if hit_start < covered_to or not text[hit_start].isupper():
            continue
        lo = text.rfind("\n", max(0, hit_start - _REACH), hit_start) + 1
        lo = max(lo, hit_start - _REACH)
        hi = text.find("\n", hit_end, hit_end + _REACH)
        hi = hi if hi >= 0 else min(len(text), hit_end + _REACH)
        # open the window on a word boundary
        while lo > 0 and lo < hit_start and not text[lo - 1].isspace():
            lo += 1
        for run in _runs(text[lo:hi], w.connectors):
            if run.start + lo <= hit_start < run.end + lo:
                shifted = [(a + lo, b + lo, t) for a, b, t in run.words]
                runs.setdefault(run.start + lo, _Run(run.start + lo, run.end + lo, shifted))
                covered_to = run.end + lo
    return [runs[k] for k in sorted(runs)]


def _head(words_of: EnglishInstitutionWords, run: list[tuple[int, int, str]]) -> int | None:
    """The index of the run's first head word ("Air Force": "force" after "air")."""
    heads = words_of.government | words_of.organization | words_of.by_state | words_of.state_only
    for i, (_, _, w) in enumerate(run):
        low = w.lower()
        if not _cap(w):
            continue
        if low in heads or (i > 0 and f"{run[i - 1][2].lower()} {low}" in heads):
            return i
    return None


def _through_connectors(tokens: list[tuple[int, int, str]], i: int) -> int:
    """The index of the last connector after word ``i`` ("for the" in "Institute for the
    Study of War"), or ``i`` when none follows."""
    while i + 1 < len(tokens) and not _cap(tokens[i + 1][2]):
        i += 1
    return i


def _joined_possessive(text: str, start: int, kb: KnowledgeBase) -> int | None:
    """Where a name opens that begins with a possessive no actor owns ("King's College
    London"): a state's, a person's or another KB actor's possessive is its owner."""
    m = _POSSESSIVE.search(text, max(0, start - 40), start)
    if m is None or m.end() != start:
        return None
    owner = m.group("owner").split()[-1]
    if kb.find(owner) or owner.lower() in words().not_first or owner in demonym_table().iso3_of:
        return None
    return m.end() - len(owner) - 3


def _country_named(kb: KnowledgeBase, name: str) -> KBEntry | None:
    for e in kb.find(name):
        if e.kind == "country":
            return e
    return None


def _owner(text: str, start: int, kb: KnowledgeBase) -> KBEntry | None:
    """The state whose possessive stands right before ``start`` ("Iran's ")."""
    m = _POSSESSIVE.search(text, max(0, start - 40), start)
    if m is None or m.end() != start:
        return None
    owner = m.group("owner")
    return _country_named(kb, owner) or _country_named(kb, owner.split()[-1])


def _demonym_state(word: str, kb: KnowledgeBase) -> KBEntry | None:
    iso3 = demonym_table().iso3_of.get(word)
    return kb.country(iso3) if iso3 else None


def _kind(words_of: EnglishInstitutionWords, head: str, has_state: bool) -> str | None:
    if head in words_of.government:
        return "government_body"
    if head in words_of.organization:
        return "organization"
    if head in words_of.by_state:
        return "government_body" if has_state else "organization"
    return "government_body" if has_state else None


def _unlinked(start: int, end: int, entry: KBEntry, evidence: str, as_: str = "name") -> Finding:
    return Finding(start, end, entry, as_, in_kb=False, confidence=CONFIDENCE[evidence])


def _entry(kind: str, name: str, key: str, country: KBEntry | None,
           abbreviation: str | None = None) -> KBEntry:
    iso3 = country.iso3 if country is not None else None
    prefix = f"{iso3.lower()}-" if iso3 and kind == "government_body" else ""
    return new_entry(kind, name, key=prefix + slug(key), country=iso3, abbreviation=abbreviation)


_ABBREVIATION_AFTER = re.compile(r"(?:, or | \()(?P<abbr>[A-Z]{2,8})(?=[,)])")


def find_english_institutions(
    text: str, coverage: Coverage, kb: KnowledgeBase, matches: Sequence[Match],
    lowered: str | None = None,
) -> list[Finding]:
    """Institutions named by a capitalised run with a head noun. Runs before the KB's
    matches are claimed, so that "Russia" in "Carnegie Russia Eurasia Center" is part
    of the name; a run the KB knows, or that a longer KB match holds, is left to it."""
    w = words()
    found: list[Finding] = []
    bare: list[tuple[int, int, str]] = []
    for run in _runs_around_heads(text, w, lowered):
        tokens = run.words
        if len(tokens) > 10:
            continue  # a Title Case headline, not a name
        h = _head(w, tokens)
        if h is None:
            continue
        # the name opens at the head's word group, and takes groups joined by "and"
        # unless the group before is an actor of its own ("the United States and
        # European Union")
        first = h
        while first > 0 and _cap(tokens[first - 1][2]):
            first -= 1
        while first >= 2 and tokens[first - 1][2] in ("and", "&") and _cap(tokens[first - 2][2]):
            group = first - 2
            while group > 0 and _cap(tokens[group - 1][2]):
                group -= 1
            while group < first - 2 and tokens[group][2].lower() in w.not_first:
                group += 1
            if kb.find(text[tokens[group][0] : tokens[first - 2][1]]):
                break
            first = group
        while first < h and tokens[first][2].lower() in w.not_first:
            first += 1
        # after the head the name goes on by its connectors ("Institute for the Study
        # of War") or a place ("King's College London"), not into the next name
        # ("Supreme National Security Council Ali Larijani")
        last = h
        modifier = False
        while last + 1 < len(tokens) and _cap(tokens[last + 1][2]):
            nxt = tokens[last + 1][2]
            if nxt.lower() in w.modified_by:
                modifier = True  # "Air Force One", "Senate Palace"
                break
            if not (any(e.kind in ("place", "country") for e in kb.find(nxt))
                    or _head(w, [tokens[last + 1]]) is not None):
                break
            last += 1
        if modifier:
            continue
        while last + 1 < len(tokens) and not _cap(tokens[last + 1][2]):
            j = _through_connectors(tokens, last)
            if j + 1 >= len(tokens):
                break
            last = j + 1
            while last + 1 < len(tokens) and _cap(tokens[last + 1][2]):
                last += 1
        name_tokens = tokens[first : last + 1]
        start, end = name_tokens[0][0], name_tokens[-1][1]
        joined = _joined_possessive(text, start, kb)
        if joined is not None:
            start = joined
        name = text[start:end]
        if not coverage.free(start, end) or kb.find(name):
            continue
        if any(m.start <= start and end <= m.end for m in matches):
            continue  # the KB knows it, perhaps longer ("Russian Foreign Ministry")
        head = tokens[h][2].lower()
        if h > 0 and f"{tokens[h - 1][2].lower()} {head}" in (w.government | w.organization):
            head = f"{tokens[h - 1][2].lower()} {head}"
        state = _owner(text, start, kb) or _demonym_state(name_tokens[0][2], kb)
        if state is None and len(name_tokens) >= 3 and name_tokens[-2][2] == "of":
            state = _country_named(kb, name_tokens[-1][2])
        kind = _kind(w, head, state is not None)
        if kind is None:
            continue
        generic = len(name_tokens) == 1 or all(
            t[2].lower() in w.generic | w.connectors or _head(w, [t]) is not None
            or (i > 0 and f"{name_tokens[i - 1][2].lower()} {t[2].lower()}" in heads_of(w))
            for i, t in enumerate(name_tokens)
        )
        if generic and state is None:
            bare.append((start, end, name))
            continue  # "the Foreign Ministry": a short form, read below
        abbr_m = _ABBREVIATION_AFTER.match(text, end)
        abbr = abbr_m.group("abbr") if abbr_m else None
        if abbr and kb.find(abbr):
            abbr = None
        name = text[start:end]
        key = name
        if state is not None:
            # the state is the id's prefix: "government_body:ukr-armed-forces"
            if _demonym_state(name_tokens[0][2], kb) is not None:
                key = key.split(" ", 1)[1] if " " in key else key
            tail = re.search(r" of (?:the )?(\S+)$", key)
            if tail is not None and _country_named(kb, tail.group(1)) is state:
                key = key[: tail.start()]
        entry = _entry(kind, name, key or name, state, abbr)
        found.append(_unlinked(start, end, entry, "institution"))
        coverage.claim(start, end)
    found += _short_forms(bare, found, matches, coverage)
    return found


def heads_of(w: EnglishInstitutionWords) -> frozenset[str]:
    return w.government | w.organization | w.by_state | w.state_only


def _short_forms(
    bare: list[tuple[int, int, str]],
    found: list[Finding],
    matches: Sequence[Match],
    coverage: Coverage,
) -> list[Finding]:
    """A generic name met alone ("the Foreign Ministry", "the Ministry of Defence") is
    the one body of the article whose full name ends with it ("Russian Foreign
    Ministry", "Britain's Ministry of Defence"); with none, or two, it is left alone."""
    out: list[Finding] = []
    for start, end, name in bare:
        low = name.lower()
        bodies: dict[str, KBEntry] = {}
        for f in found:
            if f.entry.kind == "government_body" and f.entry.name.lower().endswith(low):
                bodies[f.entry.id] = f.entry
        for m in matches:
            if m.text.lower().endswith(low) and len(m.text) > len(name):
                for c in m.candidates:
                    if c.kind == "government_body":
                        bodies.setdefault(c.actor_id, KBEntry(id=c.actor_id, kind=c.kind,
                                                              name=c.form))
        if len(bodies) != 1 or not coverage.free(start, end):
            continue
        entry = next(iter(bodies.values()))
        out.append(Finding(start, end, entry, "alias", in_kb=entry.origin != "text",
                           confidence=CONFIDENCE["short_form"] if entry.origin == "text" else 1.0))
        coverage.claim(start, end)
    return out


@lru_cache(maxsize=1)
def _body_noun_matcher() -> PhraseMatcher:
    return PhraseMatcher(list(words().body_nouns))


def find_state_body_nouns(
    text: str, findings: list[Finding], coverage: Coverage, kb: KnowledgeBase,
    lowered: str | None = None,
) -> list[Finding]:
    """A state's body by a lower-case noun after its owner ("Ukraine's general staff",
    "Russian central bank"), then the same noun alone after "the" in the article.
    The owner keeps its own mention (the state is named, as in "hải quân Pháp")."""
    found: list[Finding] = []
    made: dict[str, Finding] = {}
    owners = {f.end: f for f in findings if f.entry.kind == "country"}
    for noun_start, end in _body_noun_matcher().find(text, lowered):
        noun = text[noun_start:end]
        if not noun.islower() or not coverage.free(noun_start, end):
            continue  # "Air Force" is a name: find_english_institutions reads it
        start = noun_start - 4 if text[max(0, noun_start - 4) : noun_start] == "own " else noun_start
        before = text[max(0, start - 3) : start]
        owner: Finding | None = None
        owner_start = start
        poss = re.search(r"[’']s $", before)
        if poss is not None:
            owner = owners.get(start - 3)
            owner_start = start - 3 - (owner.end - owner.start) if owner else start
        elif before.endswith(" "):
            owner = owners.get(start - 1)
            if owner is not None and owner.as_ != "demonym":
                owner = None  # "Ukraine central bank": not how English names it
            owner_start = owner.start if owner else start
        if owner is None or not owner.entry.iso3:
            continue
        follower = re.match(r" (\w+)", text[end : end + 20])
        if follower is not None and follower.group(1).lower() in words().not_after_noun:
            continue  # "Ukraine's own intelligence agencies"
        iso3 = owner.entry.iso3
        span_start = owner_start if poss is None else start
        key = f"{iso3}:{noun}"
        # named as written with its owner ("Poland's foreign intelligence service")
        entry = made[key].entry if key in made else _entry(
            "government_body", text[owner_start:end], noun, owner.entry
        )
        finding = _unlinked(span_start, end, entry, "body_noun")
        made.setdefault(key, finding)
        found.append(finding)
        coverage.claim(noun_start, end)
    # "the central bank" later: the body named with its owner in this article
    by_noun: dict[str, list[Finding]] = {}
    for key, f in made.items():
        by_noun.setdefault(key.split(":", 1)[1], []).append(f)
    for noun, fs in by_noun.items():
        if len({f.entry.id for f in fs}) != 1:
            continue  # two states' central banks: a bare one is neither for sure
        for m in re.finditer(rf"(?<=\b[Tt]he ){re.escape(noun)}(?![\w-])", text):
            if coverage.free(m.start(), m.end()):
                found.append(_unlinked(m.start(), m.end(), fs[0].entry, "short_form", "alias"))
                coverage.claim(m.start(), m.end())
    return found


_PLACE_NAME = r"[A-Z][\w’'-]*(?: [A-Z][\w’'-]*){0,2}"


@lru_cache(maxsize=1)
def _place_patterns() -> tuple[PhraseMatcher, PhraseMatcher, re.Pattern[str], re.Pattern[str]]:
    w = words()
    return (
        PhraseMatcher(list(w.place_after)),
        PhraseMatcher(list(w.place_before)),
        re.compile(rf"(?:^|(?<=[^\w’'-]))(?P<name>{_PLACE_NAME}) $"),
        re.compile(
            rf"(?<![\w-])(?:in|near|from|at) (?P<name>{_PLACE_NAME}), (?P<state>[A-Z][\w ]+)(?![\w’'])"
        ),
    )


_NAME_AFTER = re.compile(rf" (?P<name>{_PLACE_NAME})(?![\w’'-])")


def find_english_places(
    text: str, findings: list[Finding], coverage: Coverage, kb: KnowledgeBase,
    lowered: str | None = None,
) -> list[Finding]:
    """Places by a place noun ("Krasnodar region", "the city of Slavyansk") or by the
    state after them ("in Davos, Switzerland")."""
    w = words()
    after, before, name_before, located = _place_patterns()
    found: list[Finding] = []
    candidates: list[tuple[int, int]] = []
    for noun_start, _ in after.find(text, lowered):
        window = max(0, noun_start - 60)
        m = name_before.search(text, window, noun_start)
        if m is not None:
            candidates.append(m.span("name"))
    for _, phrase_end in before.find(text, lowered):
        m = _NAME_AFTER.match(text, phrase_end)
        if m is not None:
            candidates.append(m.span("name"))
    for m in located.finditer(text):
        state = m.group("state")
        if any(_country_named(kb, " ".join(state.split()[:n])) for n in (3, 2, 1)):
            candidates.append(m.span("name"))
    for start, end in sorted(set(candidates)):
        name = text[start:end]
        # the run may open with a word of the sentence ("Later Kharkiv region")
        parts = name.split(" ")
        while parts and parts[0].lower() in w.not_first:
            start += len(parts[0]) + 1
            parts = parts[1:]
        if not parts or any(p.lower() in w.not_place for p in parts):
            continue
        name = " ".join(parts)
        if not coverage.free(start, end) or kb.find(name):
            continue
        if demonym_table().iso3_of.get(name):
            continue  # "Ukrainian regions"
        entry = KBEntry(id=f"place:{slug(name)}", kind="place", name=name, name_vi=name,
                        origin="text")
        found.append(_unlinked(start, end, entry, "place"))
        coverage.claim(start, end)
    return found
