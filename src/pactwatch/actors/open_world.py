"""Actors the knowledge base does not list, recognised by the words that head them.

Vietnamese writes the kind before the name, so the head types what follows:

- a place noun before a capitalised name makes a place: "tỉnh Idlib", "sân bay
  Damascus", "bang Rakhine", "sông Euphrates", "Deir ez-Zor" after "thành phố";
- an institution's capitalised head opens its name, which runs over the capitalised
  words (and their second syllables) to the state it belongs to: "Bộ Y tế Campuchia",
  "Hội đồng Bảo an Liên Hợp Quốc", "Tòa án Tối cao", "Đảng Xanh";
- a name of any case followed by its abbreviation, "Liên minh Dân chủ Cơ đốc giáo
  (CDU)", "Hayat Tahrir al-Sham (HTS)": the abbreviation alone, later, is the same
  actor, and it gives the actor its id;
- a group noun before a foreign name or an abbreviation: "lực lượng SDF",
  "nhóm Hayat Tahrir al-Sham".

Every actor made here is unlinked (``in_kb`` False) and carries a confidence from
its evidence. Its id is a provisional ``kind:slug``, built from the abbreviation
when there is one and from the name as written otherwise, so the same name gives
the same id in every article. The words are data: ``data/lexicon/actor_heads.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick
import yaml

from pactwatch.actors.findings import Coverage, Finding
from pactwatch.actors.kb import KBEntry, KnowledgeBase
from pactwatch.actors.textutil import (
    UPPER,
    has_vietnamese_marks,
    is_vietnamese_syllable,
    looks_foreign,
    lower_same_length,
    slug,
)
from pactwatch.actors.words import WORDS
from pactwatch.datacache import safe_loader

HEADS_FILE = Path(__file__).resolve().parents[1] / "data" / "lexicon" / "actor_heads.yaml"

# How much each kind of evidence is worth (an actor's confidence is its best finding's).
CONFIDENCE = {
    "abbreviation": 0.9,  # a name with its abbreviation in brackets
    "institution": 0.85,  # an institution's head and its state
    "place_head": 0.8,  # a place noun before the name
    "group_head": 0.75,  # a group noun before the name
    "short_form": 0.7,  # an abbreviation or a short form met again
}


@dataclass(frozen=True)
class Heads:
    place: tuple[str, ...]
    site: tuple[str, ...]
    group: tuple[str, ...]
    institution: dict[str, str]  # head -> government_body | organization | armed
    internal: tuple[str, ...]
    particles: tuple[str, ...]
    not_place_before: frozenset[str]
    not_state_after: frozenset[str]
    not_second: frozenset[str]
    lower_only: frozenset[str]
    water: frozenset[str]
    not_water_after: frozenset[str]
    state_water: frozenset[str]
    described: frozenset[str]
    name_like: frozenset[str]
    not_company_description: frozenset[str]
    armed_services: tuple[str, ...]


@lru_cache(maxsize=1)
def heads(path: Path = HEADS_FILE) -> Heads:
    raw = yaml.load(path.read_text(encoding="utf-8"),
                    Loader=safe_loader())
    institution = {
        str(h): kind for kind, hs in raw["institution_heads"].items() for h in hs
    }
    return Heads(
        place=tuple(map(str, raw["place_heads"])),
        site=tuple(map(str, raw["site_heads"])),
        group=tuple(map(str, raw["group_heads"])),
        institution=institution,
        internal=tuple(map(str, raw["name_internal"])),
        particles=tuple(map(str, raw["name_particles"])),
        not_place_before=frozenset(map(str, raw["not_place_before"])),
        not_state_after=frozenset(map(str, raw["not_state_after"])),
        not_second=frozenset(map(str, raw["not_second_syllable"])),
        lower_only=frozenset(map(str, raw.get("lower_case_only") or [])),
        water=frozenset(map(str, raw.get("water_heads") or [])),
        not_water_after=frozenset(map(str, raw.get("not_water_after") or [])),
        state_water=frozenset(map(str, raw.get("state_water_heads") or [])),
        described=frozenset(map(str, raw.get("described_heads") or [])),
        name_like=frozenset(map(str, raw.get("name_like_heads") or [])),
        not_company_description=frozenset(map(str, raw.get("not_company_description") or [])),
        armed_services=tuple(map(str, raw.get("armed_services") or [])),
    )


def _alternation(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _both_cases(words: Sequence[str]) -> list[str]:
    """Each head as written and capitalised (a sentence may open with it), except the
    heads that capitalised are a family name ("Hồ Quang Hiếu" is no lake)."""
    lower_only = heads().lower_only
    return [v for w in words for v in {w, w if w in lower_only else w[:1].upper() + w[1:]}]


@dataclass(frozen=True)
class Patterns:
    token: re.Pattern[str]
    # anchored right after a head: " Idlib", " SDF", " quốc gia Karen (KNU)"
    name_after: re.Pattern[str]
    group_after: re.Pattern[str]
    introduced_after: re.Pattern[str]
    lower_word: re.Pattern[str]
    # every head of every list, found in one pass over the lowered text
    heads: ahocorasick.Automaton
    place: frozenset[str]
    site: frozenset[str]
    group: frozenset[str]
    institution: frozenset[str]


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    h = heads()
    particle = f"(?:{_alternation(h.particles)})"
    # "Zor", "ez-Zor", "al-Nusra", "Chan-o-cha", "N'Djamena"
    token = rf"(?:{particle}-)?[{UPPER}][\w'’]*(?:-(?:{particle}-)?[\w'’]+)*"
    run = rf"{token}(?: {token}){{0,3}}"
    end = r"(?![\w'’-])"
    institution = frozenset([*h.institution, "đảng"])
    place, site, group = (frozenset(_both_cases(x)) for x in (h.place, h.site, h.group))
    return Patterns(
        token=re.compile(token),
        name_after=re.compile(rf" (?P<name>{run}){end}"),
        group_after=re.compile(rf" (?:(?P<abbr>[A-Z]{{2,8}})|(?P<name>{run})){end}"),
        introduced_after=re.compile(
            r"(?P<words>(?: [\w'’-]+){1,8})[\"”]? \((?P<abbr>[A-Z][A-Za-z]{1,7})\)"
        ),
        lower_word=re.compile(r"[^\W\d_]+"),
        heads=_head_automaton([*place, *site, *group, *institution]),
        place=place,
        site=site,
        group=group,
        institution=institution,
    )


def _head_automaton(words: Sequence[str]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for w in {lower_same_length(w) for w in words}:
        automaton.add_word(w, len(w))
    automaton.make_automaton()
    return automaton


@dataclass(frozen=True)
class HeadHits:
    """Where the heads stand in one text: (start, end, head as written), in text order."""

    hits: list[tuple[int, int, str]]

    @classmethod
    def of(cls, text: str, lowered: str | None = None) -> HeadHits:
        """Heads on word boundaries and followed by a space; a lower-case head only before
        a capital ("tỉnh Idlib", not "xã hội"): most syllables that are heads are not."""
        p = patterns()
        lowered = lowered if lowered is not None else lower_same_length(text)
        n = len(text)
        hits: list[tuple[int, int, str]] = []
        for last, length in p.heads.iter(lowered):
            end = last + 1
            start = end - length
            if end + 1 >= n or text[end] != " " or (start > 0 and text[start - 1].isalnum()):
                continue
            written = text[start:end]
            if written in p.institution or text[end + 1] in UPPER:
                hits.append((start, end, written))
        hits.sort(key=lambda h: (h[0], h[0] - h[1]))
        return cls(hits)

    def of_kind(self, kinds: frozenset[str]) -> list[tuple[int, int, str]]:
        return [h for h in self.hits if h[2] in kinds]


def new_entry(kind: str, name: str, key: str | None = None, country: str | None = None,
              abbreviation: str | None = None) -> KBEntry:
    """An actor made from the text, with its provisional id."""
    return KBEntry(
        id=f"{kind}:{slug(key or name)}",
        kind=kind,
        name=name,
        name_vi=name,
        abbreviations=[abbreviation] if abbreviation else [],
        country=country,
        origin="text",
    )


def _unlinked(start: int, end: int, entry: KBEntry, evidence: str, as_: str = "name") -> Finding:
    return Finding(start, end, entry, as_, in_kb=False, confidence=CONFIDENCE[evidence])


def _kind_of(head: str, has_state: bool) -> str:
    category = heads().institution.get(head, "organization")
    if category == "armed":
        return "government_body" if has_state else "organization"
    return category


# -- names introduced with their abbreviation (before the KB's matches are claimed) --------


def find_introduced(
    text: str, coverage: Coverage, kb: KnowledgeBase, hits: HeadHits
) -> list[Finding]:
    """Vietnamese institution names followed by "(ABBR)": "Liên minh quốc gia Karen (KNU)"."""
    found: list[Finding] = []
    after = patterns().introduced_after
    for start, head_end, head in hits.of_kind(patterns().institution):
        m = after.match(text, head_end)
        if m is None:
            continue
        end = m.end("words")
        name, abbr = text[start:end], m.group("abbr")
        if re.search(r"[.,;:!?]", name) or not coverage.free(start, end):
            continue
        if kb.find(abbr) or kb.find(name):
            continue
        state = _state_ending(name, kb)
        kind = _kind_of(head, has_state=state is not None)
        entry = new_entry(kind, name, key=abbr, abbreviation=abbr, country=state)
        found.append(_unlinked(start, end, entry, "abbreviation"))
        coverage.claim(start, end)
    return found


# First words after a site head that show it was no site ("căn cứ Luật ...").
NOT_SITE_NAMES = WORDS.not_name_heads | {"điều", "khoản", "quyết", "thông", "hiến"}


def find_sites(
    text: str, coverage: Coverage, kb: KnowledgeBase, hits: HeadHits
) -> list[Finding]:
    """Sites named after a place: "sân bay Damascus", "khách sạn Serena". The head is
    part of the name (the airport is not Damascus), so this runs before the KB claims
    "Damascus" for Syria."""
    found: list[Finding] = []
    h = heads()
    for start, head_end, head in hits.of_kind(patterns().site):
        m = patterns().name_after.match(text, head_end)
        if m is None:
            continue
        end = m.end("name")
        if not coverage.free(start, end) or _single_vietnamese(m.group("name")):
            continue
        if m.group("name").split()[0].lower() in NOT_SITE_NAMES:
            continue  # "căn cứ Điều 5": "on the basis of", not a base
        name = text[start:end]
        if kb.find(name):
            continue
        if head.lower() in h.water and (
            _word_before(text, start).lower() in h.not_water_after
            or (
                head.lower() in h.state_water
                and any(e.kind == "country" for e in kb.find(m.group("name")))
            )
        ):
            continue  # "bờ biển Bali" is Bali's coast, "biển Indonesia" its waters
        found.append(_unlinked(start, end, new_entry("place", name), "place_head"))
        coverage.claim(start, end)
    return found


def _word_before(text: str, start: int) -> str:
    m = re.search(r"(\w+)\s$", text[max(0, start - 16) : start])
    return m.group(1) if m else ""


# -- names behind a head (after the KB's matches) -----------------------------------------


def foreign_name(name: str) -> bool:
    """Written in a foreign language: some word no Vietnamese syllable, none with
    Vietnamese marks ("Hayat Tahrir al-Sham"; "Hayat" alone could be Vietnamese)."""
    words = name.split()
    return any(looks_foreign(w) for w in words) and not any(has_vietnamese_marks(w) for w in words)


def _single_vietnamese(name: str) -> bool:
    return " " not in name and "-" not in name and is_vietnamese_syllable(name)


def _trim(text: str, start: int, name: str, coverage: Coverage) -> str:
    """The name's words up to the first one another finding claimed."""
    words = name.split(" ")
    pos, kept = start, []
    for w in words:
        if not coverage.free(pos, pos + len(w)):
            break
        kept.append(w)
        pos += len(w) + 1
    while kept and kept[-1].lower() in WORDS.region_words:
        kept.pop()
    return " ".join(kept)


def _region_only(name: str) -> bool:
    return all(w.lower() in WORDS.region_words for w in name.split())


def find_headed_places(text: str, coverage: Coverage, hits: HeadHits) -> list[Finding]:
    """Places behind a place noun: "tỉnh Idlib", "thành phố Hama", "quận Daun Penh"."""
    found: list[Finding] = []
    for _, head_end, _ in hits.of_kind(patterns().place):
        m = patterns().name_after.match(text, head_end)
        if m is None:
            continue
        start = m.start("name")
        name = _trim(text, start, m.group("name"), coverage)
        if not name or _single_vietnamese(name) or _region_only(name):
            continue
        end = start + len(name)
        found.append(_unlinked(start, end, new_entry("place", name), "place_head"))
        coverage.claim(start, end)
    return found


def find_headed_groups(
    text: str, coverage: Coverage, kb: KnowledgeBase, hits: HeadHits
) -> list[Finding]:
    """Groups behind a group noun: "lực lượng SDF", "nhóm Hayat Tahrir al-Sham"."""
    found: list[Finding] = []
    for _, head_end, _ in hits.of_kind(patterns().group):
        m = patterns().group_after.match(text, head_end)
        if m is None:
            continue
        if m.group("abbr"):
            start, end, name = m.start("abbr"), m.end("abbr"), m.group("abbr")
            if not coverage.free(start, end) or kb.find(name):
                continue
            entry = new_entry("organization", name, abbreviation=name)
        else:
            start = m.start("name")
            name = _trim(text, start, m.group("name"), coverage)
            if not name or not foreign_name(name):
                continue
            end = start + len(name)
            entry = new_entry("organization", name)
        found.append(_unlinked(start, end, entry, "group_head"))
        coverage.claim(start, end)
    return found


@lru_cache(maxsize=1)
def _internal_by_first() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for phrase in sorted(heads().internal, key=len, reverse=True):
        out.setdefault(phrase.split()[0], []).append(phrase)
    return {k: tuple(v) for k, v in out.items()}


def _internal_at(text: str, pos: int) -> int | None:
    """The end of a name-internal lower-case phrase starting at ``pos``, if one does."""
    space = text.find(" ", pos, pos + 12)
    first = text[pos : space if space >= 0 else pos + 12]
    for phrase in _internal_by_first().get(first, ()):
        end = pos + len(phrase)
        if text.startswith(phrase, pos) and (end == len(text) or not text[end].isalnum()):
            return end
    return None


def _joins_names(text: str, pos: int, coverage: Coverage, by_start: dict[int, Finding]) -> bool:
    """Whether "và" at ``pos`` joins two words of one name: a capitalised Vietnamese word
    follows that opens no other institution and no actor found ("Viện Nghiên cứu Chiến
    lược và Quốc phòng", not "Bộ Quốc phòng và Bộ Ngoại giao" nor "Hội đồng Bảo an và Mỹ")."""
    if not text.startswith("và ", pos):
        return False
    nxt = pos + 3
    m = re.match(rf"[{UPPER}]\w*", text[nxt : nxt + 20])
    if m is None or nxt in by_start or not coverage.free(nxt, nxt + m.end()):
        return False
    word = m.group(0)
    following = text[nxt : nxt + 24]
    if any(following.startswith(h + " ") for h in heads().institution):
        return False
    return is_vietnamese_syllable(word)


def _institution_body(
    text: str,
    pos: int,
    coverage: Coverage,
    by_start: dict[int, Finding],
    swallowed: list[Finding],
) -> tuple[int, Finding | None, int]:
    """Where an institution's name ends, the KB actor it ends with, and its capitalised words.

    Capitalised words each take one lower-case second syllable when they open a
    word pair ("Bộ Y tế", "Hội đồng Bảo an", "Lực lượng Vũ trang Cách mạng"), a
    capitalised word after another takes none ("Đại học Nam Kinh cho rằng").
    """
    tokens = patterns().token
    end, capitals, words = pos, 0, 0
    previous = "head"  # head | cap | pair | internal: what the last word was
    cap_after = "head"  # what came before the last capitalised word
    vietnamese_cap = False
    while words < 12 and pos < len(text):
        finding = by_start.get(pos)
        if finding is not None:
            if finding.entry.kind in ("country", "organization"):
                return finding.end, finding, capitals + 1
            if finding.entry.kind != "outlet" or previous != "head":
                break
            # "Đoàn Thanh niên Cộng sản Cuba": the outlet's name is a word of this one
            swallowed.append(finding)
            capitals += 1
            end, previous = finding.end, "pair"
            words += 1
            if end >= len(text) or text[end] != " ":
                break
            pos = end + 1
            continue
        m = tokens.match(text, pos)
        internal = _internal_at(text, pos)
        if m is not None and coverage.free(m.start(), m.end()):
            capitals += 1
            end = m.end()
            cap_after, previous = previous, "cap"
            vietnamese_cap = not looks_foreign(m.group(0))
        elif internal is not None:
            end, previous = internal, "internal"
        elif previous in ("cap", "pair") and _joins_names(text, pos, coverage, by_start):
            # "Cục Quản lý Thực phẩm và Dược phẩm Mỹ": "và" between two words of the name
            end, previous = pos + len("và"), "internal"
        else:
            w = patterns().lower_word.match(text, pos)
            second = previous == "cap" and cap_after != "cap" and vietnamese_cap
            if w is None or w.group(0)[0] in UPPER or not second or w.group(0) in heads().not_second:
                break
            end, previous = w.end(), "pair"
        words += 1
        if end >= len(text) or text[end] != " ":
            break
        pos = end + 1
    return end, None, capitals


def find_institutions(
    text: str,
    findings: list[Finding],
    coverage: Coverage,
    titles: Coverage,
    hits: HeadHits,
) -> list[Finding]:
    """Institutions by their capitalised head: "Bộ Nội vụ Iraq", "Tòa án Tối cao".

    A country or organisation the name ends with is part of the name (its finding
    is taken out of ``findings``, as with the KB's own bodies) and gives the body
    its state."""
    by_start = {f.start: f for f in findings}
    found: list[Finding] = []
    consumed: list[Finding] = []
    for start, head_end, head in hits.of_kind(patterns().institution):
        if text[head_end : head_end + 1] != " ":
            continue
        if not coverage.free(start, head_end) or titles.taken(start):
            continue
        if _title_case_line(text, start):
            continue  # "Mỹ Đổi Lập Trường Về Nga": a heading capitalises every word
        if text[head_end + 1 : head_end + 2] not in UPPER:
            described = _described(text, start, head, head_end + 1, coverage, by_start)
            if described is not None:
                found.append(described[0])
                coverage.claim(described[0].start, described[0].end)
                consumed += described[1]
            continue
        body_start = head_end + 1
        swallowed: list[Finding] = []
        end, last, capitals = _institution_body(text, body_start, coverage, by_start, swallowed)
        if capitals == 0 or end <= body_start:
            continue
        body = text[body_start:end]
        if last is not None and not text[body_start : last.start].strip():
            continue  # "Quân đội Myanmar": the state's army, read as the state
        if last is not None and re.match(r"\s?[-–]\s?\w", text[end : end + 3]):
            continue  # "Liên minh Nhật - Mỹ": an alliance between states, not a name
        if re.fullmatch(r"[A-Z]{2,8}", body):
            # "Lực lượng SDF": the abbreviation is the name
            entry = new_entry("organization", body, abbreviation=body)
            found.append(_unlinked(body_start, end, entry, "group_head"))
            coverage.claim(body_start, end)
            continue
        state = last.entry if last is not None and last.entry.kind == "country" else None
        if head.lower() == "bộ" and state is None and len(body.split()) < 3:
            continue  # "Bộ Ngoại giao" alone: whose it is, the context says, not the name
        if " " not in head and last is None and _surname_like(body):
            continue  # "Đoàn Thanh Hải": a person's name
        if head in heads().name_like and last is None and _single_vietnamese(body):
            continue  # "Trường Chinh": a name (of a man, of a ship), not a school
        kind = _kind_of(head[:1].upper() + head[1:], has_state=state is not None)
        if kind == "organization" and _armed_service(head, body):
            kind = "government_body"  # "Lực lượng Không quân": a state's air force, unnamed
        name = text[start:end]
        key = None
        if state is not None and state.iso3 and last is not None:
            key = f"{state.iso3}-{text[start : last.start].strip()}"  # khm-bo-y-te
        entry = new_entry(kind, name, key=key, country=state.iso3 if state else None)
        found.append(_unlinked(start, end, entry, "institution"))
        coverage.claim(start, end)
        consumed += swallowed
        if last is not None:
            consumed.append(last)
    for f in consumed:
        if f in findings:
            findings.remove(f)
    return found


def _title_case_line(text: str, pos: int) -> bool:
    """Whether the line holding ``pos`` is a heading in Title Case (five words or more,
    nearly all capitalised), where a capital marks no name."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start : end if end >= 0 else len(text)]
    if len(line) > 200:
        return False
    words = [w for w in line.split() if w[:1].isalpha()]
    return len(words) >= 5 and sum(w[0] in UPPER for w in words) >= 0.8 * len(words)


_OPENS_SENTENCE = re.compile(r"(?:^|[.!?:;\"“”(]\s*)$")


def _described(
    text: str, start: int, head: str, pos: int, coverage: Coverage, by_start: dict[int, Finding]
) -> tuple[Finding, list[Finding]] | None:
    """An institution named by its head, a lower-case description and a proper name:
    "Viện tàu ngầm Australia", "Viện nghiên cứu Hudson", "Văn phòng tình báo hải quân
    Mỹ" (a service named inside is part of the name, and is given back to be dropped).
    Only heads that take a description (actor_heads.yaml); a one-syllable head not at
    a sentence's start, where its capital says nothing ("Viện trợ quân sự Mỹ ...");
    the description is at most four syllables, none a verb or a function word."""
    h = heads()
    if head not in h.described:
        return None
    if " " not in head and _OPENS_SENTENCE.search(text[max(0, start - 3) : start]):
        return None
    lower = patterns().lower_word
    syllables = 0
    inner: Finding | None = None
    while syllables < 5:
        inner = by_start.get(pos)
        if inner is not None:
            break
        internal = _internal_at(text, pos)
        if internal is not None and text[internal : internal + 1] == " ":
            # "Ủy ban lập pháp Argentina": a phrase of names, though "lập" alone is a verb
            syllables += text[pos:internal].count(" ") + 1
            pos = internal + 1
            if text[pos : pos + 1] in UPPER:
                break
            continue
        w = lower.match(text, pos)
        if w is None or w.group(0)[0] in UPPER or w.group(0) in h.not_second:
            break
        syllables += 1
        pos = w.end() + 1
        if text[w.end() : pos] != " ":
            return None
        if text[pos : pos + 1] in UPPER:
            break
    if syllables == 0 or syllables > 4:
        return None
    inner = inner if inner is not None else by_start.get(pos)
    consumed: list[Finding] = []
    iso3: str | None = None
    key: str | None = None
    if inner is not None and inner.entry.kind == "government_body" and not inner.in_kb:
        end, iso3 = inner.end, inner.entry.country  # "... tình báo hải quân Mỹ"
        consumed.append(inner)
    elif inner is not None and inner.entry.kind == "country" and text[pos : pos + 1] in UPPER:
        end, iso3 = inner.end, inner.entry.iso3
        key = f"{iso3}-{text[start : inner.start].strip()}" if iso3 else None
    elif inner is None and text[pos : pos + 1] in UPPER:
        name = patterns().name_after.match(text, pos - 1)
        if name is None or not coverage.free(pos, name.end("name")):
            return None
        words = name.group("name").split()
        if not foreign_name(name.group("name")) or not looks_foreign(words[0]):
            return None  # "Viện nghiên cứu Hudson", not "Viện dẫn Hà Nội"
        end = name.end("name")
    else:
        return None
    kind = _kind_of(head, has_state=iso3 is not None)
    entry = new_entry(kind, text[start:end], key=key, country=iso3)
    return _unlinked(start, end, entry, "institution"), consumed


def _armed_service(head: str, body: str) -> bool:
    """An armed head before a service's name: "Lực lượng Không quân", "Lực lượng Phòng vệ"
    (a state's service even where its state is left to the context)."""
    if heads().institution.get(head[:1].upper() + head[1:]) != "armed":
        return False
    return any(body == w or body.startswith(w + " ") for w in heads().armed_services)


def _state_ending(name: str, kb: KnowledgeBase) -> str | None:
    """The state a name ends with ("Cơ quan Hàng không Liên bang Mỹ" -> USA): a
    body named after its state acts for that state."""
    words = name.split()
    for n in (3, 2, 1):
        if len(words) <= n:
            continue
        tail = " ".join(words[-n:])
        for entry in kb.find(tail):
            if entry.kind == "country" and entry.iso3 and tail in entry.all_names():
                return entry.iso3
    return None


def _surname_like(body: str) -> bool:
    """Every word capitalised and Vietnamese: the shape of a personal name."""
    words = body.split()
    return all(w[0] in UPPER and is_vietnamese_syllable(w) for w in words) and len(words) >= 2


# -- short forms ----------------------------------------------------------------------------


def link_abbreviations(text: str, found: Sequence[Finding], coverage: Coverage) -> list[Finding]:
    """Each later (or earlier) "KNU" joins "Liên minh quốc gia Karen (KNU)"."""
    out: list[Finding] = []
    for entry in {f.entry.id: f.entry for f in found}.values():
        for abbr in entry.abbreviations:
            for m in re.finditer(rf"(?<![\w-]){re.escape(abbr)}(?![\w-])", text):
                if coverage.free(m.start(), m.end()):
                    out.append(_unlinked(m.start(), m.end(), entry, "short_form", "alias"))
                    coverage.claim(m.start(), m.end())
    return out


def join_full_names(found: Sequence[Finding]) -> None:
    """A full name met without its abbreviation (a headline's "Lực lượng Dân chủ Zorvan")
    is the actor that name introduced with one ("Lực lượng Dân chủ Zorvan (ZDF)"): it takes
    that actor's entry, so the article holds one actor under the abbreviation's id."""
    introduced = {
        f.entry.name.casefold(): f.entry
        for f in found
        if not f.in_kb and f.entry.abbreviations
    }
    if not introduced:
        return
    for f in found:
        if f.in_kb or f.entry.abbreviations:
            continue
        entry = introduced.get(f.entry.name.casefold())
        if entry is not None:
            f.entry = entry
