"""A state's ministries and chambers the KB does not list, by their shape.

"Bộ Ngoại giao Hàn Quốc", "Bộ Quốc phòng Ba Lan", "Quốc hội Phần Lan": a
capitalised institution head right before a recognised country names that
country's body. The KB's own entries (Bộ Ngoại giao Mỹ = the State Department)
are matched first, by the dictionary; this covers every other state.
"""

from __future__ import annotations

from pactwatch.actors.findings import Coverage, Finding
from pactwatch.actors.kb import KBEntry

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


def find_state_bodies(text: str, findings: list[Finding], coverage: Coverage) -> list[Finding]:
    """Bodies named as head + country. The country's finding is taken out of
    ``findings``: its words are part of the body's name, as with the KB's bodies."""
    found: list[Finding] = []
    consumed: list[Finding] = []
    for country in [f for f in findings if f.entry.kind == "country" and f.as_ != "metonym"]:
        for head, (suffix, english) in BODY_HEADS.items():
            start = country.start - len(head) - 1
            if start < 0 or text[start : country.start] != f"{head} ":
                continue
            if not coverage.free(start, country.start):
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
            consumed.append(country)
            break
    for country in consumed:
        findings.remove(country)
    return found
