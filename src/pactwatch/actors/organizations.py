"""Organisations the KB does not list, by their shape.

- A name introduced with its abbreviation, "Myanmar Economic Corporation (MEC)":
  a capitalised English run whose initials spell the upper-case letters in
  brackets. The abbreviation alone, later, is the same organisation.
- A foreign name behind a company word, "công ty Rosatom", "tập đoàn Huawei", also
  with a lower-case description of the trade between them: "hãng hàng không Sichuan
  Airlines", "công ty khảo sát đáy biển Ocean Infinity", "tập đoàn cơ khí và đóng tàu
  Daewoo".
- Makers: the names listed after a maker noun ("nhà sản xuất gồm Sinovac, AstraZeneca
  và Pfizer") and the name that owns a vaccine ("vắc xin Covid-19 của AstraZeneca";
  "vắc xin Covaxin" is a product, not its maker, and is left alone).

Both become ``organization:<slug>`` actors made from the text (``in_kb`` False),
unless the KB knows the name or the abbreviation ("North Atlantic Treaty
Organization (NATO)" stays NATO). They run before the dictionary's matches are
claimed, so "Myanmar" inside "Myanmar Economic Corporation" is not the country.
"""

from __future__ import annotations

import re

from pactwatch.actors.findings import Coverage, Finding
from pactwatch.actors.kb import KBEntry, KnowledgeBase
from pactwatch.actors.open_world import heads
from pactwatch.actors.textutil import UPPER, looks_foreign, slug

# Small words an English name keeps in lower case and its initials skip.
_SMALL = frozenset({"of", "and", "for", "the", "on", "in", "&"})
_WORD = r"[A-Z][\w'’.&-]*"
_INTRODUCED = re.compile(
    rf"(?<![\w'’-])(?P<name>{_WORD}(?: (?:of|and|for|the|on|in|&|{_WORD})){{1,7}})"
    r" \((?P<abbr>[A-Z]{2,8})\)"
)
_COMPANY = re.compile(
    rf"(?<!\w)(?:[Cc]ông ty|[Tt]ập đoàn|[Tt]ổng công ty)"
    rf" (?P<name>[{UPPER}][\w'’-]*(?: [{UPPER}][\w'’-]*){{0,2}})(?![\w'’-])"
)

_NAME = rf"[{UPPER}][\w'’-]*(?: [{UPPER}][\w'’-]*){{0,2}}(?![\w'’-])"
# A company word, a lower-case description of its trade, a foreign name.
_DESCRIBED_COMPANY = re.compile(
    rf"(?<!\w)(?:[Cc]ông ty|[Tt]ập đoàn|[Tt]ổng công ty|[Hh]ãng)"
    rf"(?P<description>(?: (?![{UPPER}])[^\W\d_]+){{1,7}}) (?P<name>{_NAME})"
)
# Names listed after a maker noun, and the maker that owns a vaccine.
_MAKERS = re.compile(
    rf"(?:nhà sản xuất|các hãng|các công ty|các tập đoàn) (?:gồm|như|là) "
    rf"(?P<names>{_NAME}(?:, {_NAME})*(?: và {_NAME})?)"
)
_VACCINE_OF = re.compile(rf"[Vv]ắc xin(?: [\w-]+)? của (?P<name>{_NAME})")
_MAKER_HINT = re.compile(r"nhà sản xuất|các hãng|các công ty|các tập đoàn|[Vv]ắc xin")

# Where an abbreviation in brackets stands: the name is looked for only before one
# (a search over a short window instead of a scan of the whole text).
_BRACKETED = re.compile(r" \([A-Z]{2,8}\)")
_COMPANY_HINT = re.compile(r"(?i)công ty|tập đoàn")


def _introduced(text: str) -> list[re.Match[str]]:
    found = []
    previous = 0  # a window never reaches back over the bracket before ("(MEC) và ... (MEHL)")
    for b in _BRACKETED.finditer(text):
        m = _INTRODUCED.search(text, max(previous, b.start() - 200), b.end())
        if m is not None and m.end() == b.end():
            found.append(m)
        previous = b.end()
    return found


# Vietnamese company forms written before the name ("công ty TNHH Viphaco").
_COMPANY_FORMS = frozenset({"TNHH", "CP", "MTV", "TM", "DV", "XNK", "CPTM"})


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.lower() not in _SMALL).upper()


def _entry(name: str, abbreviation: str | None = None) -> KBEntry:
    return KBEntry(
        id=f"organization:{slug(name)}",
        kind="organization",
        name=name,
        name_vi=name,
        abbreviations=[abbreviation] if abbreviation else [],
        origin="text",
    )


def find_new_organizations(text: str, coverage: Coverage, kb: KnowledgeBase) -> list[Finding]:
    """Organisations introduced with their abbreviation or behind a company word."""
    found: list[Finding] = []
    abbreviations: dict[str, KBEntry] = {}
    for m in _introduced(text):
        name, abbr = m.group("name"), m.group("abbr")
        words = name.split()
        # the run may start with words of the sentence: keep the tail the letters spell
        for i in range(len(words)):
            tail = " ".join(words[i:])
            if words[i].lower() not in _SMALL and _initials(tail) == abbr:
                break
        else:
            continue
        start = m.start("name") + name.index(tail)
        end = start + len(tail)
        if not coverage.free(start, end) or kb.find(tail) or kb.find(abbr):
            continue
        entry = _entry(tail, abbr)
        abbreviations[abbr] = entry
        found.append(Finding(start, end, entry, "name", in_kb=False))
        coverage.claim(start, end)
    for abbr, entry in abbreviations.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(abbr)}(?![\w-])", text):
            if coverage.free(m.start(), m.end()):
                found.append(Finding(m.start(), m.end(), entry, "alias", in_kb=False))
                coverage.claim(m.start(), m.end())
    for m in _COMPANY.finditer(text) if _COMPANY_HINT.search(text) else ():
        start, end = m.start("name"), m.end("name")
        name = m.group("name")
        while name.split(" ", 1)[0] in _COMPANY_FORMS and " " in name:
            start += len(name.split(" ", 1)[0]) + 1
            name = name.split(" ", 1)[1]
        if name in _COMPANY_FORMS:
            continue
        if not coverage.free(start, end) or not all(looks_foreign(w) for w in name.split()):
            continue
        if kb.find(name):
            continue
        found.append(Finding(start, end, _entry(name), "name", in_kb=False))
        coverage.claim(start, end)
    if _COMPANY_HINT.search(text) or "hãng" in text or "Hãng" in text:
        found += _described_companies(text, coverage, kb)
    if _MAKER_HINT.search(text):
        found += _makers(text, coverage, kb)
    return found


def _foreign_unlisted(name: str, kb: KnowledgeBase) -> bool:
    """A name of foreign words only, at least three letters, that the KB does not know."""
    return len(name) >= 3 and all(looks_foreign(w) for w in name.split()) and not kb.find(name)


def _described_companies(text: str, coverage: Coverage, kb: KnowledgeBase) -> list[Finding]:
    """ "hãng đóng tàu HDW", "công ty khảo sát đáy biển Ocean Infinity"."""
    found: list[Finding] = []
    for m in _DESCRIBED_COMPANY.finditer(text):
        description = m.group("description").split()
        stop = heads().not_company_description
        if any(w in stop for w in description) or description[-1] == "và":
            continue
        start, end, name = m.start("name"), m.end("name"), m.group("name")
        if not coverage.free(start, end) or not _foreign_unlisted(name, kb):
            continue
        found.append(Finding(start, end, _entry(name), "name", in_kb=False))
        coverage.claim(start, end)
    return found


def _makers(text: str, coverage: Coverage, kb: KnowledgeBase) -> list[Finding]:
    """ "nhà sản xuất gồm Sinovac, AstraZeneca và Pfizer", "vắc xin của Moderna"."""
    spans: list[tuple[int, int]] = []
    for m in _MAKERS.finditer(text):
        base = m.start("names")
        for item in re.finditer(rf"{_NAME}", m.group("names")):
            spans.append((base + item.start(), base + item.end()))
    spans += [(m.start("name"), m.end("name")) for m in _VACCINE_OF.finditer(text)]
    found: list[Finding] = []
    for start, end in sorted(spans):
        name = text[start:end]
        if not coverage.free(start, end) or not _foreign_unlisted(name, kb):
            continue
        found.append(Finding(start, end, _entry(name), "name", in_kb=False))
        coverage.claim(start, end)
    return found
