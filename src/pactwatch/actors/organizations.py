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
# A company word, a lower-case description of its trade (read word by word after the
# head, so a head with no name behind it costs a few words), a foreign name.
# ("tổng công ty X" is found by its "công ty"); str.find, not a regex scan, finds them
_COMPANY_HEADS = ("công ty ", "Công ty ", "tập đoàn ", "Tập đoàn ", "hãng ", "Hãng ")
_NAME_AT = re.compile(_NAME)
_MAX_DESCRIPTION = 7
# Names listed after a maker noun, and the maker that owns a vaccine.
_MAKERS = re.compile(
    rf"(?:nhà sản xuất|các hãng|các công ty|các tập đoàn) (?:gồm|như|là) "
    rf"(?P<names>{_NAME}(?:, {_NAME})*(?: và {_NAME})?)"
)
_MAKER_WORDS = ("nhà sản xuất", "các hãng", "các công ty", "các tập đoàn")
_VACCINE_OF = re.compile(rf"ắc xin(?: [\w-]+)? của (?P<name>{_NAME})")

# Where an abbreviation in brackets stands: the name is looked for only before one
# (a search over a short window instead of a scan of the whole text).
_BRACKETED = re.compile(r" \([A-Z]{2,8}\)")
# The company words as a text writes them; ``in`` over these is much cheaper than one
# case-insensitive regex search over the whole text.
_COMPANY_WORDS = (
    "công ty", "Công ty", "Công Ty", "CÔNG TY", "tập đoàn", "Tập đoàn", "Tập Đoàn", "TẬP ĐOÀN"
)


def _names_a_company(text: str) -> bool:
    return any(w in text for w in _COMPANY_WORDS)


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
    company = _names_a_company(text)
    for m in _COMPANY.finditer(text) if company else ():
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
    if company or "hãng" in text or "Hãng" in text:
        found += _described_companies(text, coverage, kb)
    found += _makers(text, coverage, kb)
    return found


def _foreign_unlisted(name: str, kb: KnowledgeBase) -> bool:
    """A name of foreign words only, at least three letters, that the KB does not know."""
    return len(name) >= 3 and all(looks_foreign(w) for w in name.split()) and not kb.find(name)


def _described_companies(text: str, coverage: Coverage, kb: KnowledgeBase) -> list[Finding]:
    """ "hãng đóng tàu HDW", "công ty khảo sát đáy biển Ocean Infinity"."""
    found: list[Finding] = []
    stop = heads().not_company_description
    for pos in _head_ends(text):
        words = 0
        while words <= _MAX_DESCRIPTION:
            space = text.find(" ", pos, pos + 24)
            word = text[pos:space] if space >= 0 else ""
            if not word or word[0] in UPPER or not word.isalpha() or word in stop:
                break
            pos, words = space + 1, words + 1
        if not 1 <= words <= _MAX_DESCRIPTION or text[pos : pos + 1] not in UPPER:
            continue
        if text.endswith(" và ", 0, pos):
            continue  # "... và Daewoo": two names, not a description
        m = _NAME_AT.match(text, pos)
        if m is None:
            continue
        start, end, name = m.start(), m.end(), m.group(0)
        if not coverage.free(start, end) or not _foreign_unlisted(name, kb):
            continue
        found.append(Finding(start, end, _entry(name), "name", in_kb=False))
        coverage.claim(start, end)
    return found


def _head_ends(text: str) -> list[int]:
    """Where the name after each company head may start, in text order."""
    ends = []
    for head in _COMPANY_HEADS:
        at = text.find(head)
        while at >= 0:
            if at == 0 or not text[at - 1].isalnum():
                ends.append(at + len(head))
            at = text.find(head, at + 1)
    return sorted(ends)


def _makers(text: str, coverage: Coverage, kb: KnowledgeBase) -> list[Finding]:
    """ "nhà sản xuất gồm Sinovac, AstraZeneca và Pfizer", "vắc xin của Moderna"."""
    spans: list[tuple[int, int]] = []
    if any(w in text for w in _MAKER_WORDS):
        for m in _MAKERS.finditer(text):
            base = m.start("names")
            for item in _NAME_AT.finditer(m.group("names")):
                spans.append((base + item.start(), base + item.end()))
    pos = text.find("ắc xin")
    while pos >= 0:
        owner = _VACCINE_OF.match(text, pos)
        if owner is not None:
            spans.append((owner.start("name"), owner.end("name")))
        pos = text.find("ắc xin", pos + 6)
    found: list[Finding] = []
    for start, end in sorted(spans):
        name = text[start:end]
        if not coverage.free(start, end) or not _foreign_unlisted(name, kb):
            continue
        found.append(Finding(start, end, _entry(name), "name", in_kb=False))
        coverage.claim(start, end)
    return found
