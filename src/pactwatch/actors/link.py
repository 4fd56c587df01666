"""Second mentions and assembly: short forms linked to people seen, findings to actors."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pactwatch.actors.findings import Coverage, Finding
from pactwatch.actors.kb import KBEntry
from pactwatch.actors.language import VIETNAMESE, PersonWords
from pactwatch.actors.persons import candidate_runs, trim_run
from pactwatch.actors.textutil import fold
from pactwatch.actors.words import WORDS
from pactwatch.document import Actor, Mention

# Short forms that join two countries in a compound ("Nga-Trung", "Mỹ-Nhật").
COMPOUND_SHORT = WORDS.compound_short
_JOIN = re.compile(r"\s?[-–]\s?")


def find_compound_parts(
    text: str, findings: Sequence[Finding], coverage: Coverage, countries: dict[str, KBEntry]
) -> list[Finding]:
    """The short half of "Nga-Trung" / "Trung-Mỹ" beside a recognised country."""
    found: list[Finding] = []
    for f in findings:
        if f.entry.kind != "country":
            continue
        after = _JOIN.match(text, f.end)
        if after:
            word = re.match(r"\w+", text[after.end() :])
            if word and word.group(0) in COMPOUND_SHORT:
                s, e = after.end(), after.end() + word.end()
                entry = countries.get(COMPOUND_SHORT[word.group(0)])
                if entry and coverage.free(s, e):
                    found.append(Finding(s, e, entry, "alias"))
                    coverage.claim(s, e)
        before = re.search(r"(\w+)\s?[-–]\s?$", text[max(0, f.start - 12) : f.start])
        if before and before.group(1) in COMPOUND_SHORT:
            s = f.start - len(before.group(0))
            e = s + len(before.group(1))
            entry = countries.get(COMPOUND_SHORT[before.group(1)])
            if entry and coverage.free(s, e):
                found.append(Finding(s, e, entry, "alias"))
                coverage.claim(s, e)
    return found


def merge_surnames(persons: Sequence[Finding], text: str = "") -> None:
    """A name met alone joins the one person of the article with that full name.

    - A surname first met alone ("ông Owen", later "Frank Owen") joins the full name.
    - A surname the KB linked to someone else joins the person the article named in
      full before it: after "Đại sứ Mỹ tại Nga John Sullivan", "ông Sullivan" is
      John, not the KB's Jake Sullivan; "ông Price" after "Ned Price" is not a
      near-spelling of Pence.
    - A given name alone joins a person the article introduced in full, for names
      written given name first and known only from the text ("Teuku Faizasyah",
      later "ông Teuku").
    - A full name without its middle names joins the longer one the article wrote
      ("Harsh Shringla" is "Harsh Vardhan Shringla").
    """
    _join_shortened_names(persons)
    full_by_surname: dict[str, set[str]] = {}
    first_seen: dict[str, int] = {}
    given_names: dict[str, set[str]] = {}
    entries: dict[str, KBEntry] = {}
    for p in persons:
        written = text[p.start : p.end].split() if text and p.end else []
        # what the article wrote; a KB person met only by surname adds no full name
        words = written if len(written) >= 2 or p.entry.origin != "text" else p.entry.name.split()
        if len(words) >= 2:
            full_by_surname.setdefault(fold(words[-1]), set()).add(p.entry.id)
            entries[p.entry.id] = p.entry
            first_seen[p.entry.id] = min(first_seen.get(p.entry.id, p.start), p.start)
            if p.entry.origin == "text" and len(words[0]) >= 4:
                given_names.setdefault(fold(words[0]), set()).add(p.entry.id)
    for p in persons:
        said = text[p.start : p.end] if text and p.end else p.entry.name
        if len(said.split()) != 1:
            continue
        key = fold(said)
        ids = full_by_surname.get(key, set())
        if p.in_kb:
            # keep the KB's person unless the article named someone else in full first
            ids = {i for i in ids if i != p.entry.id and first_seen[i] < p.start}
            if p.entry.id in full_by_surname.get(key, set()):
                continue
            if not ids and fold(p.entry.name).split()[-1] != key:
                # a near spelling of a KB surname ("ông Thaksin" -> Srettha Thavisin) when
                # the article named someone in full with this given name first
                ids = {i for i in given_names.get(key, set()) if first_seen[i] < p.start}
        elif not ids:
            ids = given_names.get(key, set())
        if len(ids) == 1:
            p.entry = entries[next(iter(ids))]
            p.in_kb = p.entry.origin != "text"
            p.as_ = "alias"


def _join_shortened_names(persons: Sequence[Finding]) -> None:
    """Text-made people whose name is another's first and last words, the middle ones
    left out, take that person's entry when only one person fits."""
    longer: dict[str, KBEntry] = {
        p.entry.id: p.entry
        for p in persons
        if p.entry.origin == "text" and len(p.entry.name.split()) >= 3
    }
    if not longer:
        return
    for p in persons:
        words = fold(p.entry.name).split()
        if p.entry.origin != "text" or len(words) < 2 or p.entry.id in longer:
            continue
        fits = [
            e for e in longer.values()
            if len(long := fold(e.name).split()) > len(words)
            and long[0] == words[0] and long[-1] == words[-1] and set(words) <= set(long)
        ]
        if len(fits) == 1:
            p.entry, p.as_ = fits[0], "alias"


def link_short_forms(
    text: str,
    persons: Sequence[Finding],
    coverage: Coverage,
    titles: Coverage,
    words: PersonWords = VIETNAMESE,
) -> list[Finding]:
    """Later mentions of a person seen in the article: full name again, or surname."""
    if not persons:
        return []  # nothing to link to: skip the scan of the text's capitalised runs
    full: dict[str, KBEntry] = {}
    short: dict[str, set[str]] = {}
    entries: dict[str, KBEntry] = {}
    for p in persons:
        entries[p.entry.id] = p.entry
        names = [p.entry.name, text[p.start : p.end], *p.entry.aliases] if p.end else []
        for name in names:
            key = fold(name)
            full.setdefault(key, p.entry)
            last = name.split()[-1] if name.split() else ""
            if len(last) >= 3 and words.name_word(last):
                short.setdefault(fold(last), set()).add(p.entry.id)
    found: list[Finding] = []
    for run in candidate_runs(text, coverage, titles):
        run = trim_run(text, run, words)
        start, end = run[0][0], run[-1][1]
        key = fold(text[start:end])
        entry = full.get(key)
        if entry is None and len(run) == 1 and len(short.get(key, ())) == 1:
            entry = entries[next(iter(short[key]))]
        if entry is None:
            continue
        found.append(Finding(start, end, entry, "alias", in_kb=entry.origin != "text"))
        coverage.claim(start, end)
    return found


# An unlinked name found by its shape alone (a title before a person, a preposition
# before a place) when its recogniser gives no figure of its own.
SHAPE_CONFIDENCE = 0.75


def _confidence(f: Finding) -> float:
    if f.in_kb:
        return 1.0
    return SHAPE_CONFIDENCE if f.confidence >= 1.0 else f.confidence


def assemble(text: str, findings: Sequence[Finding]) -> list[Actor]:
    """One actor per id, mentions in text order, roles and country carried over."""
    actors: dict[str, Actor] = {}
    seen_spans: set[tuple[str, int, int]] = set()
    for f in sorted(findings, key=lambda f: (f.from_metadata, f.start)):
        e = f.entry
        actor = actors.get(e.id)
        if actor is None:
            actor = Actor(
                id=e.id,
                name=e.name,
                name_vi=e.name_vi,
                kind=e.kind,
                iso3=e.iso3 if e.kind == "country" else None,
                wikidata=e.wikidata,
                country=e.country if e.kind != "country" else None,
                from_metadata=f.from_metadata,
                in_kb=f.in_kb,
                confidence=0.0,
            )
            actors[e.id] = actor
        actor.confidence = max(actor.confidence, _confidence(f))
        if not f.from_metadata:
            actor.from_metadata = False
            key = (e.id, f.start, f.end)
            if key not in seen_spans:
                seen_spans.add(key)
                actor.mentions.append(Mention(f.start, f.end, text[f.start : f.end], f.as_))
        if f.role_text and f.role_text not in actor.roles:
            actor.roles.append(f.role_text)
        if actor.country is None and f.country and e.kind != "country":
            actor.country = f.country
    for actor in actors.values():
        actor.mentions.sort(key=lambda m: m.start)
    return list(actors.values())
