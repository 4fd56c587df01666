"""People: names behind titles and honorifics, linked to the KB or made new.

A run of capitalised words that no KB match claimed is a person's name when the
context says so: a title or honorific before it ("Bộ trưởng Quốc phòng Hà Lan
Ruben Brekelmans", "bà Kaja Kallas"), a role after it ("Peter Bator, cựu đại sứ"),
or an attribution dash ("— Gordon Davis, ..."). English text reads the same cues
with English words (language.py): "analyst Maria Snegovaya", "Russian President
Vladimir Putin" (the owner before the title gives the country), ", a fellow at ...",
and also a reporting verb next to the name ("said Janis Kluge", "Prokopenko
explained"); names on credit lines ("Reporting by ...") are authors, not actors.
The name is then linked to a KB
person by its full form, by its surname, or (only with such a cue) by a surname
within two edits ("Annit Hakkanen" -> Antti Häkkänen); otherwise it becomes a new
``person:<slug>`` actor carrying the role and country seen with it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from pactwatch.actors.context import at_sentence_start
from pactwatch.actors.demonyms import AFFILIATION, DEMONYM
from pactwatch.actors.findings import Coverage, Finding
from pactwatch.actors.kb import KBEntry, KnowledgeBase
from pactwatch.actors.language import VIETNAMESE, PersonWords
from pactwatch.actors.textutil import (
    UPPER,
    edit_distance,
    fold,
    has_vietnamese_marks,
    is_vietnamese_syllable,
    looks_foreign,
    slug,
)
from pactwatch.actors.titles import TitleVocabulary

_TOKEN = rf"(?:[{UPPER}]\.|[{UPPER}][\w'’]*(?:-[\w'’]+)*)"
RUN_RE = re.compile(rf"{_TOKEN}(?: {_TOKEN})*")
TOKEN_RE = re.compile(_TOKEN)
WORD_START_TOKEN_RE = re.compile(rf"(?<![\w'’-]){_TOKEN}")
_ATTRIBUTION = re.compile(r"\s*>?\s*[—–-]+\s*[*_]*\s*")
_RIGHT = re.compile(r"[*_]*\s*(?:,|\s[-–—]|\()\s*")
MAX_NAME_WORDS = 4
_AGE = re.compile(r"\d{1,3} tuổi(?!\w)")
_ROMAN = re.compile(r"[IVXLCDM]+")


@dataclass
class PersonIndex:
    by_full: dict[str, list[KBEntry]] = field(default_factory=dict)
    by_surname: dict[str, list[KBEntry]] = field(default_factory=dict)
    # first names of the KB's people written in Latin script ("sergei", "alexei"): a
    # foreign run starting with one is a person's name even without a title before it
    given_names: set[str] = field(default_factory=set)
    # (folded surname, person) by the surname's first letter, for misspelling search
    surnames_by_initial: dict[str, list[tuple[str, KBEntry]]] = field(default_factory=dict)
    _near: dict[str, list[KBEntry]] = field(default_factory=dict)

    def near(self, surname: str) -> list[KBEntry]:
        """People whose surname is a small misspelling of ``surname`` (same first letter).

        Two edits for long surnames, one for short ones: two edits turn "Kirby" into
        "Kerry", a different person, while long names survive transliteration noise.
        """
        if surname not in self._near:
            found: list[KBEntry] = []
            budget = 2 if len(surname) >= 7 else 1
            for known, person in self.surnames_by_initial.get(surname[:1], []):
                if person not in found and edit_distance(known, surname, budget) <= budget:
                    found.append(person)
            self._near[surname] = found
        return self._near[surname]


@lru_cache(maxsize=4)
def person_index(kb: KnowledgeBase) -> PersonIndex:
    index = PersonIndex()
    for person in kb.of_kind("person"):
        for name in person.all_names():
            key = fold(name)
            first = name.split()[0] if len(name.split()) >= 2 else ""
            if len(first) >= 3 and looks_foreign(first) and first[0] in UPPER:
                index.given_names.add(fold(first))
            index.by_full.setdefault(key, [])
            if person not in index.by_full[key]:
                index.by_full[key].append(person)
            surname = key.split()[-1] if key.split() else key
            index.by_surname.setdefault(surname, [])
            if person not in index.by_surname[surname]:
                index.by_surname[surname].append(person)
                index.surnames_by_initial.setdefault(surname[:1], []).append((surname, person))
    return index


@dataclass
class Cue:
    title_text: str | None  # e.g. "Bộ trưởng Quốc phòng Hà Lan"
    country: str | None  # ISO3 named inside the title
    of: str | None  # actor id named inside the title (country or organisation)
    honorific: bool
    # the finding that owns the title, written before it in English ("Russian", "Ukraine's")
    owner: Finding | None = None
    # words between the title and the name ("of Finland" in "President of Finland X")
    gap_words: int = 0


def _first_name_fits(given: str, candidate: KBEntry) -> bool:
    names = [fold(n).split() for n in candidate.all_names()]
    firsts = {n[0] for n in names if len(n) >= 2}
    if not firsts:
        return True
    g = fold(given)
    return any(
        f == g or (f[0] == g[0] and edit_distance(f, g, 2) <= 2) or (len(g) <= 2 and f[0] == g[0])
        for f in firsts
    )


def link_person(
    name: str, index: PersonIndex, cue: Cue | None, kb: KnowledgeBase, day: str | None
) -> tuple[KBEntry | None, str]:
    """The KB person a written name stands for, and how ("name" or "alias")."""
    key = fold(name)
    exact = index.by_full.get(key, [])
    if len(exact) == 1:
        return exact[0], "name" if fold(exact[0].name) == key else "alias"
    words = key.split()
    surname = words[-1]
    candidates = index.by_surname.get(surname, [])
    if len(words) == 1 and not looks_foreign(name):
        return None, "name"  # a lone Vietnamese syllable ("Quân") links only exactly
    if len(words) >= 2:
        candidates = [c for c in candidates if _first_name_fits(words[0], c)]
    candidates = _prefer_office(candidates, cue, day)
    if len(candidates) == 1:
        return candidates[0], "alias"
    if cue is None or len(surname) < 4 or not looks_foreign(name.split()[-1]):
        return None, "name"
    # Tolerate small misspellings, only behind a title or honorific.
    fuzzy = [p for p in index.near(surname) if len(words) < 2 or _first_name_fits(words[0], p)]
    fuzzy = _prefer_office(fuzzy, cue, day)
    if len(fuzzy) == 1:
        return fuzzy[0], "alias"
    return None, "name"


def _prefer_office(candidates: list[KBEntry], cue: Cue | None, day: str | None) -> list[KBEntry]:
    """Among several people, those who held an office of the cue's actor (on the date)."""
    if len(candidates) <= 1 or cue is None or cue.of is None:
        return candidates
    narrowed = [
        c
        for c in candidates
        if any(o.of == cue.of and (day is None or o.covers(day)) for o in c.offices)
    ]
    return narrowed or candidates


@dataclass
class TitleSpan:
    """One title or honorific in the text (same reading API as a regex match)."""

    begin: int
    finish: int
    said: str

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self, _: int = 0) -> str:
        return self.said


@dataclass
class TitleSpans:
    """Every title or honorific in the text, found once, searchable by position."""

    matches: list[TitleSpan]
    ends: list[int]
    # the characters titles occupy: never part of a name ("Bộ trưởng Quốc phòng")
    coverage: Coverage

    @classmethod
    def of(cls, text: str, vocab: TitleVocabulary, lowered: str | None = None) -> TitleSpans:
        spans = vocab.matcher.find(text, lowered)
        matches = [TitleSpan(s, e, text[s:e]) for s, e in spans]
        coverage = Coverage(len(text))
        for s, e in spans:
            coverage.claim(s, e)
        return cls(matches, [e for _, e in spans], coverage)

    def starting_at(self, pos: int) -> TitleSpan | None:
        i = bisect_left(self.ends, pos)
        if i < len(self.matches) and self.matches[i].start() == pos:
            return self.matches[i]
        return None

    def last_before(self, pos: int, floor: int) -> TitleSpan | None:
        i = bisect_right(self.ends, pos) - 1
        if i < 0 or self.matches[i].start() < floor:
            return None
        return self.matches[i]


def _left_cue(
    text: str,
    start: int,
    findings: Sequence[Finding],
    starts: list[int],
    titles: TitleSpans,
    words_of: PersonWords = VIETNAMESE,
    by_end: dict[int, Finding] | None = None,
) -> Cue | None:
    line_start = text.rfind("\n", 0, start) + 1
    last = titles.last_before(start, max(line_start, start - 160))
    if last is None:
        return None
    title_start, gap_start = last.start(), last.end()
    lo, hi = bisect_left(starts, gap_start), bisect_left(starts, start)
    inner = [f for f in findings[lo:hi] if f.end <= start]
    # Blank out what KB matches and parentheses claim, then check what is left.
    gap = list(text[gap_start:start])
    for f in inner:
        for i in range(f.start - gap_start, f.end - gap_start):
            gap[i] = " "
    rest = re.sub(r"\([^()]{0,20}\)", " ", "".join(gap))
    words = re.findall(r"[^\s\-–—:*_]+", rest)
    if words_of.english:
        # "Secretary of Iran's Supreme National Security Council Ali Larijani": only an
        # institution's words, possessives and the linking words stand between
        words = [w for w in words if w not in ("'s", "’s")]
        if any(w[0] in UPPER and w.lower() not in words_of.not_name_words for w in words):
            return None
    if len(words) + len(inner) > 6 or re.search(r"[.,;!?\"“”]", rest):
        return None
    for w in words:
        if not (w[0] in UPPER or w.lower() in words_of.title_internal):
            return None
    said = last.group(0)
    if words_of.english and words_of.honorific(said):
        return None if words or inner else Cue(None, None, None, True)
    if words_of.honorific(said):
        # "ông X", "Ông X" at a sentence start; "Bà Rịa" mid-sentence is a place.
        if words or inner or (said[0] in UPPER and not at_sentence_start(text, title_start)):
            return None
        return Cue(None, None, None, True)
    country = next(
        (f.entry.iso3 or f.entry.country for f in inner if f.entry.kind == "country"), None
    )
    of = next((f.entry.id for f in inner if f.entry.kind in ("country", "organization")), None)
    end_of_title = max([last.end(), *[f.end for f in inner]])
    owner = None
    if words_of.english and by_end is not None:
        # "Ukraine's Energy Minister", "Russian President": the owner comes first
        title_start, owner = _owner_before(text, title_start, by_end)
        if owner is not None:
            country = country or owner.entry.iso3 or owner.entry.country
            of = of or (owner.entry.id if owner.entry.kind in ("country", "organization") else None)
    title_text = text[title_start:end_of_title].strip(" -–,")
    return Cue(title_text, country, of, False, owner, len(words) + len(inner))


_PORTFOLIO = re.compile(rf"[{UPPER}][\w-]* $")
_POSSESSIVE = re.compile(r"(?:['’]s)? $")
OWNER_KINDS = ("country", "organization", "government_body")


def _owner_before(text: str, pos: int, by_end: dict[int, Finding]) -> tuple[int, Finding | None]:
    """Where an English title really starts, and the actor owning it: "Ukraine's Energy
    Minister" -> (start of "Ukraine's", Ukraine); "Kremlin spokesman" -> the Kremlin.
    Up to two capitalised portfolio words ("Energy", "Foreign Affairs") may stand
    between them; without an owner the title keeps its own start."""
    start = pos
    for _ in range(3):
        owned = _POSSESSIVE.search(text, max(0, start - 3), start)
        if owned is not None:
            found = by_end.get(owned.start())
            if found is not None and found.entry.kind in OWNER_KINDS:
                return found.start, found
        word = _PORTFOLIO.search(text, max(0, start - 30), start)
        if word is None or at_sentence_start(text, word.start()):
            break
        start = word.start()
    return pos, None


def _right_cue(
    text: str,
    end: int,
    titles: TitleSpans,
    coverage: Coverage,
    words_of: PersonWords = VIETNAMESE,
    by_start: dict[int, Finding] | None = None,
) -> Cue | None:
    m = _RIGHT.match(text, end)
    if m is None:
        return None
    if words_of.english:
        return _appositive(text, m.end(), titles, coverage, words_of, by_start or {})
    if text.startswith(",", m.start()) and _AGE.match(text, m.end()):
        return Cue(None, None, None, False)  # "Bima Arya, 25 tuổi,": only a person has an age
    t = titles.starting_at(m.end())
    if t is None or words_of.honorific(t.group(0)):
        return None
    following = RUN_RE.match(text, t.end() + 1)
    if following and coverage.free(following.start(), following.start() + 1):
        return None  # "Microsoft, tỷ phú Paul Allen": the title belongs to the next name
    # the role runs to the end of the clause: "cựu đại sứ Slovakia tại NATO"
    clause_end = re.search(r"[.,;\n)]", text[t.start() : t.start() + 120])
    stop = t.start() + (clause_end.start() if clause_end else 120)
    return Cue(text[t.start() : stop].strip(), None, None, False)


_WORD_AND_SPACE = re.compile(r"[\w’'.-]+ ")


def _appositive(
    text: str,
    pos: int,
    titles: TitleSpans,
    coverage: Coverage,
    words_of: PersonWords,
    by_start: dict[int, Finding],
) -> Cue | None:
    """An English role after ", " behind a name: ", a fellow at ...", ", the head of
    ...", ", Ukraine's prime minister", ", who heads ..."."""
    role_start = pos
    clause_end = re.search(r"[.,;\n)(]|\s[-–—]\s", text[pos : pos + 160])
    stop = pos + (clause_end.start() if clause_end else 160)
    role = text[role_start:stop].strip()
    lowered = text[pos : pos + 40].lower()
    if any(lowered.startswith(f"{v} ") for v in words_of.appositive_verbs):
        return Cue(role, None, None, False)
    country: str | None = None
    of: str | None = None
    for _ in range(5):
        t = titles.starting_at(pos)
        if t is not None:
            if words_of.honorific(t.group(0)):
                return None
            following = RUN_RE.match(text, t.end() + 1)
            if text[t.end() : t.end() + 1] == " " and following and coverage.free(
                following.start(), following.start() + 1
            ):
                return None  # ", analyst Maria Snegovaya said": the title is the next name's
            return Cue(role, country, of, False)
        owner = by_start.get(pos)
        if owner is not None and owner.entry.kind in OWNER_KINDS:
            country = owner.entry.iso3 or owner.entry.country
            of = owner.entry.id if owner.entry.kind in ("country", "organization") else None
            after = re.match(r"(?:['’]s)? ", text[owner.end : owner.end + 3])
            if after is None:
                return None
            pos = owner.end + after.end()
            continue
        word = _WORD_AND_SPACE.match(text, pos)
        if word is None or pos >= stop:
            return None
        said = word.group(0).strip()
        if not (said.lower() in words_of.appositive_openers or said[0].islower() or said[0].isdigit()):
            return None  # ", Witkoff wrote ...": another sentence part, not a role
        pos = word.end()
    return None


def _attribution(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_ATTRIBUTION.fullmatch(text[line_start:start]))


def candidate_runs(
    text: str, coverage: Coverage, titles: Coverage | None = None
) -> list[list[tuple[int, int]]]:
    """Runs of capitalised words (one space apart), cut where a KB match or a title
    word claimed a word."""
    runs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    previous_end = -2
    find_claimed = coverage.union(titles).find  # hot loop: one lookup per token
    for m in WORD_START_TOKEN_RE.finditer(text):
        s, e = m.span()
        claimed = find_claimed(1, s, e) >= 0
        joined = s == previous_end + 1 and text[previous_end] == " "
        if current and (claimed or not joined):
            runs.append(current)
            current = []
        if not claimed:
            current.append((s, e))
        previous_end = e
    if current:
        runs.append(current)
    return runs


# Capitalised words that open a sentence or name a region before a foreign name
# ("Theo Bryan Clark, ...", "chuyên gia Nam Á Michael Kugelman").
LEADING_NOT_NAME = VIETNAMESE.leading_not_name


def _marked_syllable(word: str) -> bool:
    """A Vietnamese syllable with its marks ("Nói", "Á"); "Céline" is not one."""
    return has_vietnamese_marks(word) and is_vietnamese_syllable(word)


def trim_run(
    text: str, run: list[tuple[int, int]], words_of: PersonWords = VIETNAMESE
) -> list[tuple[int, int]]:
    """Drop Vietnamese words glued to a foreign name: sentence openers, a heading's tail.
    In English: the sentence's opening words ("Meanwhile", "But") and a possessive."""
    words = [text[s:e] for s, e in run]
    if words_of.english:
        while len(run) > 1 and (
            words[0].lower() in words_of.leading_not_name
            or words[0].lower() in words_of.not_name_words
        ):
            run, words = run[1:], words[1:]  # "Human Rights Volker Turk" after its title
        s, e = run[-1]
        if e - s > 3 and text[e - 2 : e] in ("'s", "’s"):
            run = [*run[:-1], (s, e - 2)]  # "Prokopenko's"
        return run
    if not any(looks_foreign(w) for w in words):
        return run
    while len(run) > 1 and (words[0].lower() in LEADING_NOT_NAME or _marked_syllable(words[0])):
        run, words = run[1:], words[1:]
    # "Trump Nói" in a Title Case heading: drop the Vietnamese tail
    while len(run) > 1 and _marked_syllable(words[-1]):
        run, words = run[:-1], words[:-1]
    return run


def find_persons(
    text: str,
    findings: Sequence[Finding],
    coverage: Coverage,
    kb: KnowledgeBase,
    titles: TitleSpans,
    day: str | None,
    words_of: PersonWords = VIETNAMESE,
) -> list[Finding]:
    """People named in the text behind a cue, or exactly as the KB names them."""
    index = person_index(kb)
    found: list[Finding] = []
    by_start = sorted(findings, key=lambda f: f.start)
    starts = [f.start for f in by_start]
    at_start = {f.start: f for f in findings}
    by_end = {f.end: f for f in findings}
    speaking = _speaker_patterns(words_of)
    # foreign full names met with no cue ("điện thoại của Mohit Arora"): a person's
    # when the article's cues name someone by the last word ("…”, Arora nói")
    unmarked: list[tuple[int, int, list[str]]] = []
    known_people = {f.start: f for f in findings if f.entry.kind == "person"}
    for run in candidate_runs(text, coverage, titles.coverage):
        if words_of.english:
            run = trim_run(text, run, words_of)
            if _credited(text, run[0][0], run[-1][1], words_of):
                continue
            if all(e - s <= 1 for s, e in run):
                continue  # "X" (the platform), "A"
        elif len(run) == 1:
            # Most runs are one capitalised Vietnamese word opening a sentence: such a
            # word is a person only when the KB knows it exactly.
            word = text[run[0][0] : run[0][1]]
            if is_vietnamese_syllable(word) and fold(word) not in index.by_full:
                continue
        run = trim_run(text, run, words_of)
        words = [text[s:e] for s, e in run]
        if len(run) > MAX_NAME_WORDS:
            continue
        if not words_of.english and _owner_before_name(words, index):
            # "nhà sáng lập Facebook Mark Zuckerberg": the company, then the person
            s0, e0 = run[0]
            owner = KBEntry(id=f"organization:{slug(words[0])}", kind="organization",
                            name=words[0], name_vi=words[0], origin="text")
            found.append(Finding(s0, e0, owner, "name", in_kb=False, confidence=0.6))
            coverage.claim(s0, e0)
            run, words = run[1:], words[1:]
        start, end = run[0][0], run[-1][1]
        name = text[start:end]
        surname_match = known_people.get(end + 1)
        if (
            surname_match is not None
            and text[end] == " "
            and " " not in text[surname_match.start : surname_match.end]
            and looks_foreign(words[-1])
            and any(c.islower() for c in words[0])
            and not (words_of.english and _not_a_given_name(words[0], words_of))
        ):
            # "Annit Hakkanen": a misspelt given name before a surname the KB matched;
            # "Sergei Fedorov" when the KB's Fedorov is Mykhailo: someone else.
            full = text[start : surname_match.end]
            if not _first_name_fits(fold(words[0]), surname_match.entry):
                entry, as_ = link_person(full, index, None, kb, day)
                surname_match.entry = entry or new_person(full)
                surname_match.in_kb, surname_match.as_ = entry is not None, as_
            surname_match.start = start
            coverage.claim(start, end)
            continue
        if surname_match is not None and text[end] == " ":
            continue  # glued to a known person's name ("HMS Queen Elizabeth"): not a person
        cue = _left_cue(text, start, by_start, starts, titles, words_of, by_end)
        if cue is None and words_of.english:
            cue = _title_then_comma(text, start, end, titles, words_of)
        right = _right_cue(text, end, titles, coverage, words_of, at_start)
        attributed = _attribution(text, start) or (
            speaking is not None and _speaks(text, start, end, speaking)
        )
        entry, as_ = link_person(name, index, cue or right, kb, day)
        exact_kb = entry is not None and fold(name) in {fold(n) for n in entry.all_names()}
        # "Alexei Navalny": a foreign full name opening with a known first name
        known_first = (
            2 <= len(words) <= 3
            and fold(words[0]) in index.given_names
            and all(words_of.name_word(w) for w in words)
        )
        if not (cue or right or attributed or exact_kb or known_first):
            if 2 <= len(words) <= 3 and all(looks_foreign(w) for w in words):
                unmarked.append((start, end, words))
            continue
        if entry is None and not _plausible_new_name(words, cue, right, attributed, words_of):
            continue
        _mark_affiliation(cue)
        role_cue = cue if cue and cue.title_text else right
        finding = Finding(
            start,
            end,
            entry or new_person(name),
            as_,
            in_kb=entry is not None,
            role_text=role_cue.title_text if role_cue else None,
            country=(cue.country if cue else None) or (right.country if right else None),
        )
        found.append(finding)
        coverage.claim(start, end)
    found.extend(_named_in_full(unmarked, found, coverage))
    # People the dictionary matched keep the title seen before them too.
    for person in known_people.values():
        if person.role_text is None:
            cue = _left_cue(text, person.start, by_start, starts, titles, words_of, by_end)
            if cue is not None and cue.title_text:
                person.role_text, person.country = cue.title_text, cue.country
                _mark_affiliation(cue)
            elif words_of.english:
                right = _right_cue(text, person.end, titles, coverage, words_of, at_start)
                if right is not None:
                    person.role_text = right.title_text
    return found


def _named_in_full(
    unmarked: list[tuple[int, int, list[str]]], found: list[Finding], coverage: Coverage
) -> list[Finding]:
    """Full names written without a cue whose surname a cued new person bears alone:
    the same person, introduced in full ("Mohit Arora" … "Arora nói"); the surname
    mentions then join it (link.merge_surnames)."""
    surnames = {
        fold(f.entry.name) for f in found if f.entry.origin == "text" and " " not in f.entry.name
    }
    out: list[Finding] = []
    for start, end, words in unmarked:
        if fold(words[-1]) in surnames and coverage.free(start, end):
            out.append(Finding(start, end, new_person(" ".join(words)), "name", in_kb=False,
                               confidence=0.6))
            coverage.claim(start, end)
    return out


def _title_then_comma(
    text: str, start: int, end: int, titles: TitleSpans, words_of: PersonWords
) -> Cue | None:
    """ "Its deputy director for economic diplomacy, Hamid Ghanbari, said": an English
    title, a comma, and the name set off by a second comma (or the sentence's end)."""
    if text[start - 2 : start] != ", " or text[end : end + 1] not in (",", "."):
        return None
    line_start = text.rfind("\n", 0, start) + 1
    last = titles.last_before(start - 2, line_start)
    if last is None or words_of.honorific(last.group(0)):
        return None
    between = text[last.end() : start - 2]
    if re.search(r"[.,;:!?\"“”]", between) or len(between.split()) > 4:
        return None
    if any(w[0] in UPPER and w.lower() not in words_of.not_name_words for w in between.split()):
        return None
    return Cue(text[last.start() : start - 2].strip(), None, None, False, None, 1)


def drop_credited(text: str, findings: list[Finding], words_of: PersonWords) -> list[Finding]:
    """People named only on credit lines ("Editing by Daniel Flynn") are the article's
    makers, not its actors: their mentions there are dropped (English). So are the
    places the makers wrote from ("Reporting by Lidia Kelly in Melbourne")."""
    if not words_of.credit_lines:
        return findings
    return [
        f
        for f in findings
        if f.from_metadata
        or not (
            f.entry.kind == "person"
            or (f.entry.kind in ("place", "country") and text.endswith(" in ", 0, f.start))
        )
        or not _credited(text, f.start, f.end, words_of)
    ]


def _mark_affiliation(cue: Cue | None) -> None:
    """A demonym owning a person's title ("Russian President Vladimir Putin") gives the
    person's country; its mention is an affiliation, not the country acting."""
    if cue is not None and cue.owner is not None and cue.owner.as_ == DEMONYM:
        cue.owner.as_ = AFFILIATION


def _not_a_given_name(word: str, words_of: PersonWords) -> bool:
    """An English word before a known surname that is no given name ("When Trump")."""
    low = word.lower()
    return low in words_of.leading_not_name or low in words_of.not_name_words


@dataclass(frozen=True)
class SpeakerPatterns:
    before: re.Pattern[str]  # "said " right before the name
    after: re.Pattern[str]  # " told" right after it


@lru_cache(maxsize=4)
def _speaker_patterns(words_of: PersonWords) -> SpeakerPatterns | None:
    if not words_of.speaker_after and not words_of.speaker_before:
        return None
    after_verb = "|".join(re.escape(v) for v in sorted(words_of.speaker_after, key=len, reverse=True))
    before_verb = "|".join(
        re.escape(v) for v in sorted(words_of.speaker_before, key=len, reverse=True)
    )
    return SpeakerPatterns(
        # no verb stands before a name in a language that lists none
        before=re.compile(rf"(?<!\w)(?:{after_verb}) $" if after_verb else r"(?!x)x", re.IGNORECASE),
        after=re.compile(
            rf"(?:,[^,.;:“”\"\n]{{1,120}},)? (?:also |has |had |later |then )?(?:{before_verb})(?!\w)"
        ),
    )


def _speaks(text: str, start: int, end: int, speaking: SpeakerPatterns) -> bool:
    """A reporting verb next to the name: "said Janis Kluge", "Prokopenko explained"."""
    return bool(
        speaking.before.search(text, max(0, start - 16), start) or speaking.after.match(text, end)
    )


# The longest line read as a credit line ("Reporting by … ; Editing by …").
CREDIT_LINE_MAX = 300


def _credited(text: str, start: int, end: int, words_of: PersonWords) -> bool:
    """A name on a line crediting the article's makers, or before a photo credit's "/"."""
    if any(text.startswith(mark, end) for mark in words_of.credit_after):
        return True
    # a credit line is short: only the characters around the name are read, so one
    # long line costs its length once, not once per name on it
    line_start = text.rfind("\n", max(0, start - CREDIT_LINE_MAX), start) + 1
    line_end = text.find("\n", end, end + CREDIT_LINE_MAX)
    begins_far = line_start == 0 and start > CREDIT_LINE_MAX
    ends_far = line_end < 0 and end + CREDIT_LINE_MAX < len(text)
    if begins_far or ends_far:
        return False
    line = text[line_start : line_end if line_end >= 0 else len(text)].lower()
    return any(mark in line for mark in words_of.credit_lines)


def _owner_before_name(words: list[str], index: PersonIndex) -> bool:
    """A foreign word glued before a known first name and a surname ("Facebook Mark
    Zuckerberg"): the title's company or country, not the person's first name."""
    return (
        len(words) == 3
        and fold(words[1]) in index.given_names
        and fold(words[0]) not in index.given_names
        and fold(words[0]) not in index.by_surname
        and all(looks_foreign(w) for w in words)
    )


# Titles that are mostly followed by what someone belongs to, not by a name.
GENERIC_TITLES = VIETNAMESE.generic_titles


def _generic(title: str, words_of: PersonWords) -> bool:
    lowered = title.lower()
    if not words_of.english:
        return lowered.startswith(words_of.generic_titles)
    # English puts the owner first: "Ukrainian official" ends with the generic title
    return lowered.split(" ")[-1] in words_of.generic_titles if lowered else False


def _plausible_new_name(
    words: list[str],
    cue: Cue | None,
    right: Cue | None,
    attributed: bool,
    words_of: PersonWords = VIETNAMESE,
) -> bool:
    """A name not in the KB: foreign-looking, or a full Vietnamese name behind a title.
    In English: two to four words, none an organisation's, a place's or a month's; one
    word only behind an honorific or a title ("Mr Kluge", "analyst Snegovaya")."""
    if words[0].lower() in words_of.not_name_heads:
        return False
    if any(w.lower() in words_of.not_name_words for w in words):
        return False
    for w in words:
        letters = [c for c in w if c.isalpha()]
        if any(c.isdigit() for c in w) or _ROMAN.fullmatch(w):
            return False  # "Covid-19", "khóa XV"
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            return False  # "TN-MT", "UB": abbreviations, not names
    if all(len(w.rstrip(".")) <= 1 for w in words):
        return False  # initials only ("bà P.T.H.")
    generic = cue is not None and _generic(cue.title_text or "", words_of)
    if len(words) == 1 and generic and right is None and not (attributed and words_of.english):
        # "quan chức Mumbai (cho biết)": an official of a place, not Mr Mumbai
        return False
    if words_of.english:
        if len(words) > 1:
            return True
        # one word only right behind its title: "Mr Kluge", "President Stubb"
        return cue is not None and cue.gap_words == 0 and (
            cue.honorific or (cue.title_text is not None and not generic)
        )
    if any(looks_foreign(w) for w in words):
        return True
    # All Vietnamese syllables: only a 2-4 word name right behind a title or honorific.
    return len(words) >= 2 and cue is not None and (cue.honorific or cue.title_text is not None)


def new_person(name: str) -> KBEntry:
    return KBEntry(id=f"person:{slug(name)}", kind="person", name=name, name_vi=name, origin="text")
