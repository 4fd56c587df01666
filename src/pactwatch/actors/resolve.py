"""Turn dictionary matches into findings, one KB entry each, by the context rules.

Also finds places the KB does not list, by their shape: a capitalised foreign
name after a preposition of place and before ", Country" ("ở Rukla, Litva").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pactwatch.actors.context import (
    LANGUAGE_BEFORE,
    REGION_AFTER,
    acting,
    foreign_neighbour,
    keep_short_country,
    next_word,
    place_context,
    previous_word,
)
from pactwatch.actors.findings import Coverage, Finding
from pactwatch.actors.kb import KBEntry, KnowledgeBase
from pactwatch.actors.matcher import Match, Surface
from pactwatch.actors.open_world import heads
from pactwatch.actors.textutil import UPPER, is_vietnamese_syllable, looks_foreign, slug
from pactwatch.actors.words import WORDS

# "anh Tuấn": the article speaks of a man as "anh", so "Anh ..." may be the pronoun.
ANH_PERSON = re.compile(rf"(?<!\w)anh [{UPPER}]")
ANH_PRONOUN = re.compile(r"(?<!\w)anh(?! em)(?!\w)")
NEW_PLACE_PREPOSITIONS = WORDS.new_place_prepositions
PLACE_LIST_JOINS = WORDS.place_list_joins
NOT_OUTLET_BEFORE = WORDS.not_outlet_before
# "thỏa thuận Minsk", "định dạng Normandy": the capital names an agreement or a format.
_TREATY_BEFORE = re.compile(
    r"(?i)(?<!\w)(?:" + "|".join(re.escape(h) for h in WORDS.treaty_heads) + r")\s$"
)
_PLACE_HEAD_BEFORE = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(h) for h in heads().place) + r")\s$"
)
# Kinds in the order a bare name prefers them when several entries share it.
_KIND_ORDER = ("country", "organization", "government_body", "outlet", "group", "person", "place")


def _pick(candidates: Sequence[Surface], kinds: Sequence[str]) -> Surface | None:
    for kind in kinds:
        for c in candidates:
            if c.kind == kind:
                return c
    return None


def _nearby_org(matches: Sequence[Match], m: Match, ids: Sequence[str]) -> Surface | None:
    best: tuple[int, Surface] | None = None
    for other in matches:
        for c in other.candidates:
            if c.actor_id in ids:
                distance = abs(other.start - m.start)
                if distance < 300 and (best is None or distance < best[0]):
                    best = (distance, c)
    return best[1] if best else None


def _historic(kb: KnowledgeBase, actor_id: str) -> bool:
    entry = kb.get(actor_id)
    return entry is not None and entry.origin.startswith("historic_states")


def _vietnamese_name(form: str) -> bool:
    return all(is_vietnamese_syllable(w) for w in form.split())


def _after_place_head(text: str, start: int) -> bool:
    """Whether a place noun ("tỉnh", "thành phố", "TP") stands right before ``start``."""
    before = text[max(0, start - 12) : start].lower()
    return bool(_PLACE_HEAD_BEFORE.search(before))


def resolve_matches(
    text: str, matches: Sequence[Match], kb: KnowledgeBase
) -> list[tuple[Match, Surface]]:
    """The entry each dictionary match stands for here; dropped matches are left out."""
    starts = {m.start for m in matches}
    anh_is_a_person = ANH_PERSON.search(text) is not None or len(ANH_PRONOUN.findall(text)) >= 2
    out: list[tuple[Match, Surface]] = []
    for m in matches:
        kinds = m.kinds
        chosen: Surface | None
        if "place" in kinds and kinds & {"country", "organization"} and len(kinds) > 1:
            # A capital: the place when located, else the country it stands for.
            chosen = _pick(m.candidates, ["place"] if place_context(text, m) else ["country"])
        elif kinds == {"place"}:
            chosen = m.candidates[0]
            entry = kb.get(chosen.actor_id)
            if (
                entry is not None
                and entry.ambiguous
                and _vietnamese_name(m.text)
                and not (place_context(text, m) or _after_place_head(text, m.start))
            ):
                continue  # "Hải Nam" may be a person's given name: a place only when located
            if entry is not None and entry.ambiguous and acting(text, m):
                # "Brussels tuyên bố ...": the organisation seated there, named nearby.
                org = _nearby_org(matches, m, ("organization:nato", "organization:eu"))
                if org is not None:
                    chosen = Surface(org.actor_id, org.kind, org.form, "metonym", False)
        else:
            chosen = _pick(m.candidates, _KIND_ORDER)
        if chosen is None:
            continue
        if chosen.as_ == "metonym" and _TREATY_BEFORE.search(text[max(0, m.start - 20) : m.start]):
            continue  # "thỏa thuận Minsk": the name of an agreement, not Belarus acting
        if chosen.kind == "outlet" and previous_word(text, m.start).lower() in NOT_OUTLET_BEFORE:
            continue  # "vắc xin Sputnik": a vaccine named like the agency
        if (
            chosen.kind == "person"
            and len({c.actor_id for c in m.candidates if c.kind == "person"}) > 1
        ):
            continue  # "Johnson": several people; the person rules decide from context
        if chosen.kind == "place" and previous_word(text, m.start).lower() in heads().not_place_before:
            continue  # "tàu ngầm lớp Virginia", "xuyên Đại Tây Dương": not the place
        if (
            chosen.kind == "country"
            and _historic(kb, chosen.actor_id)
            and next_word(text, m.end).lower() in heads().not_state_after
        ):
            continue  # "các nước thuộc Liên Xô cũ": a description, not the state
        if chosen.kind == "country" and next_word(text, m.end).lower() in REGION_AFTER:
            continue  # "Mỹ Latinh": a region
        if chosen.kind == "country" and previous_word(text, m.start) in LANGUAGE_BEFORE:
            continue  # "tiếng Anh": a language
        if chosen.kind == "country" and chosen.as_ != "metonym":
            single = " " not in m.text and "-" not in m.text
            entry = kb.get(chosen.actor_id)
            ambiguous = entry is not None and entry.ambiguous and single
            if ambiguous and not keep_short_country(text, m, starts, anh_is_a_person):
                continue
            if single and foreign_neighbour(text, m, starts):
                continue  # "Michael Jordan": part of a person's name
        out.append((m, chosen))
    return out


_PLACE_RUN = rf"[{UPPER}][\w'’]*(?:[- ][{UPPER}][\w'’]*){{0,2}}"
# "ở Rukla, Litva" / "tại Rzeszow." / "ở Pskov, Ivanovo và Krasnodar": a name right
# after a preposition of place or a place noun, or after a list's comma or "và". The
# lead is part of the pattern so that only names behind one are looked at.
_LEADS = sorted(NEW_PLACE_PREPOSITIONS | (PLACE_LIST_JOINS - {","}), key=len, reverse=True)
_NEW_PLACE_RE = re.compile(
    rf"(?:(?<![\w'’-])(?P<lead>{'|'.join(map(re.escape, _LEADS))})|(?P<list_comma>,)) "
    rf"(?P<name>{_PLACE_RUN})(?![\w'’-])"
)


def _name_shaped(word: str) -> bool:
    """Capitalised, with lower-case letters and no digits: not "UBND", "BV175", "F3"."""
    return any(c.islower() for c in word) and not any(c.isdigit() for c in word)


# After a comma-listed name, what shows the list goes on ("ở Pskov, Ivanovo và ...").
_LIST_GOES_ON = re.compile(r"\s(?:và|hoặc)\s|,\s")
_PERSON_TITLES = tuple(f"{t} " for t in WORDS.person_titles)


def _joined_to_place(text: str, m: re.Match[str], place_ends: set[int]) -> bool:
    """Whether a list joins this name to a place just before it: "ở Pskov, Ivanovo và
    Krasnodar", "ở Vladikavkaz và Novosibirsk". A comma alone may open an apposition
    ("... Thái Bình Dương, Kurt Campbell, Tổng thống ..."), so the list must go on after
    the name, and not into a person's title."""
    if m.group("lead") is not None:
        return m.group("lead") in PLACE_LIST_JOINS and m.start("lead") - 1 in place_ends
    if "," not in PLACE_LIST_JOINS or m.start("list_comma") not in place_ends:
        return False
    end = m.end("name")
    if not _LIST_GOES_ON.match(text, end):
        return False
    after = text[end : end + 40].lstrip(", ").lower()
    return not after.startswith(_PERSON_TITLES)


def find_new_places(text: str, findings: Sequence[Finding], coverage: Coverage) -> list[Finding]:
    """Unlisted places by their shape: a foreign name right after "ở/tại/đến/tới/sang/thăm"
    or a place noun ("vùng Voronezh"), or listed after a place ("ở Pskov, Ivanovo và
    ..."), with the country when ", Country" follows ("ở Rukla, Litva")."""
    countries = {f.start: f.entry for f in findings if f.entry.kind == "country"}
    place_ends = {f.end for f in findings if f.entry.kind == "place"}
    found: list[Finding] = []
    for m in _NEW_PLACE_RE.finditer(text):
        start, end = m.start("name"), m.end("name")
        if not coverage.free(start, end):
            continue
        cued = m.group("lead") in NEW_PLACE_PREPOSITIONS
        if not cued and not _joined_to_place(text, m, place_ends):
            continue
        name = m.group("name")
        words = name.replace("-", " ").split()
        if not all(looks_foreign(w) and _name_shaped(w) for w in words):
            continue
        comma = re.match(r",\s", text[end : end + 2])
        country = countries.get(end + 2) if comma else None
        entry = KBEntry(
            id=f"place:{slug(name)}",
            kind="place",
            name=name,
            name_vi=name,
            country=country.iso3 if country else None,
            origin="text",
        )
        found.append(Finding(start, end, entry, "name", in_kb=False))
        coverage.claim(start, end)
        place_ends.add(end)
    return found
