"""A state's ministries, chambers and armed services the KB does not list, by their shape.

"Bộ Ngoại giao Hàn Quốc", "Bộ Quốc phòng Ba Lan", "Quốc hội Phần Lan", "Hải quân
Indonesia": a capitalised institution head right before a recognised country
names that country's body. The KB's own entries (Bộ Ngoại giao Mỹ = the State
Department) are matched first, by the dictionary; this covers every other state.
An armed service is named so in lower case too, mid-sentence ("tàu của hải quân
Pháp", "không quân Ấn Độ"), and after a rank or a command ("Phó đô đốc hải quân
Pháp Antoine Beaussant", "Tư lệnh hải quân Indonesia": the officer belongs to the
navy, which is named). Only a minister's title before it makes the service part
of the title ("Bộ trưởng Lục quân Mỹ Dan Driscoll" is the Secretary of the Army).
"""

from __future__ import annotations

import re

from pactwatch.actors.findings import Coverage, Finding
from pactwatch.actors.kb import KBEntry
from pactwatch.actors.words import WORDS

# Vietnamese head -> (id suffix, English name pattern)
BODY_HEADS: dict[str, tuple[str, str]] = {
    "Bộ Ngoại giao": ("foreign-ministry", "Ministry of Foreign Affairs of {}"),
    "Bộ Quốc phòng": ("defence-ministry", "Ministry of Defence of {}"),
    "Quốc hội": ("parliament", "Parliament of {}"),
    "Thượng viện": ("senate", "Senate of {}"),
    "Hạ viện": ("lower-house", "Lower house of {}"),
    "Văn phòng Tổng thống": ("presidential-office", "Office of the President of {}"),
    "Bộ Tổng tham mưu": ("general-staff", "General Staff of {}"),
}
SERVICE_HEADS = WORDS.service_heads
# A minister's title right before a service: "Bộ trưởng Lục quân", "Thứ trưởng Hải quân"
# (the civilian office is the title; a rank or a commander names the service).
_TITLE_BEFORE = re.compile(r"(?i)(?<!\w)(?:bộ|thứ) trưởng\s$")


def _inside_title(text: str, start: int) -> bool:
    return bool(_TITLE_BEFORE.search(text[max(0, start - 12) : start]))


# Every head, service or not, with what it makes; one regex finds the head that ends
# right before a country (searched once per country instead of once per head).
_HEADS: dict[str, tuple[str, str, bool]] = {
    **{h: (s, e, False) for h, (s, e) in BODY_HEADS.items()},
    **{h: (s, e, True) for h, (s, e) in SERVICE_HEADS.items()},
}
_LONGEST_HEAD = max(len(h) for h in _HEADS) + 1
# Services are also written in lower case ("hải quân Pháp"); the other heads only
# capitalised, as the names of bodies are.
_LOWER_SERVICES = {h[:1].lower() + h[1:]: h for h in SERVICE_HEADS}
_HEAD_BEFORE = re.compile(
    "(?:"
    + "|".join(re.escape(h) for h in sorted([*_HEADS, *_LOWER_SERVICES], key=len, reverse=True))
    + ") $"
)


def find_state_bodies(text: str, findings: list[Finding], coverage: Coverage) -> list[Finding]:
    """Bodies named as head + country. The country's finding is taken out of
    ``findings``: its words are part of the body's name, as with the KB's bodies.
    A service keeps it: "hải quân Pháp" names the French Navy and, as its owner,
    France (the gold convention: a state named only as a service's owner is listed)."""
    found: list[Finding] = []
    consumed: list[Finding] = []
    for country in [f for f in findings if f.entry.kind == "country" and f.as_ != "metonym"]:
        window_start = max(0, country.start - _LONGEST_HEAD)
        m = _HEAD_BEFORE.search(text, window_start, country.start)
        if m is None or m.end() != country.start:
            continue
        start = m.start()
        if start > 0 and text[start - 1].isalnum():
            continue  # "Tân Hải quân Mỹ" is not "Hải quân Mỹ"
        head = m.group(0)[:-1]
        suffix, english, service = _HEADS[_LOWER_SERVICES.get(head, head)]
        if not coverage.free(start, country.start):
            continue
        if service and _inside_title(text, start):
            continue
        iso3 = country.entry.iso3 or ""
        entry = KBEntry(
            id=f"government_body:{iso3.lower()}-{suffix}",
            kind="government_body",
            name=english.format(country.entry.name),
            name_vi=text[start : country.end],
            country=iso3 or None,
            origin="text",
        )
        found.append(Finding(start, country.end, entry, "name", in_kb=False))
        coverage.claim(start, country.start)
        if not service:
            consumed.append(country)
    for country in consumed:
        findings.remove(country)
    return found
