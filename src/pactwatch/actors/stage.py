"""The "actors" stage: recognise every actor in the text and link it to the KB.

Order matters, because each step claims text the next ones must not reuse:
outlet cues ("hãng tin RBC-Ukraine" beats "Ukraine"), role phrases
("ông chủ Nhà Trắng"), dictionary matches filtered by context, compound halves
("Nga-Trung"), English demonyms ("Russian forces") and the bodies they own ("Russian
central bank"), names the KB does not list typed by their head words ("Bộ Y tế
Campuchia", "tỉnh Idlib", "lực lượng SDF"; open_world.py; English "Institute for the
Study of War", "Krasnodar region": institutions_en.py), unlisted places, people
behind titles (English: also beside reporting verbs), role references, and last
the short forms of people already seen. Outlets from the reader's metadata are
added without mentions.
"""

from __future__ import annotations

from functools import lru_cache

from pactwatch.actors.bodies import find_state_bodies
from pactwatch.actors.demonyms import find_demonyms
from pactwatch.actors.findings import Coverage, Finding
from pactwatch.actors.institutions_en import (
    find_english_institutions,
    find_english_places,
    find_state_body_nouns,
)
from pactwatch.actors.kb import KnowledgeBase, default_kb
from pactwatch.actors.language import person_words
from pactwatch.actors.link import (
    assemble,
    find_compound_parts,
    link_short_forms,
    merge_surnames,
)
from pactwatch.actors.matcher import Match, PhraseMatcher, find_matches, lexicon_for
from pactwatch.actors.open_world import (
    HeadHits,
    find_headed_groups,
    find_headed_places,
    find_institutions,
    find_introduced,
    find_sites,
    join_full_names,
    link_abbreviations,
)
from pactwatch.actors.organizations import find_new_organizations
from pactwatch.actors.outlets import find_cited_outlets, find_outlets, metadata_outlets
from pactwatch.actors.persons import TitleSpans, drop_credited, find_persons
from pactwatch.actors.resolve import find_new_places, resolve_matches
from pactwatch.actors.roles import find_reference_phrases, find_title_references
from pactwatch.actors.textutil import fold, lower_same_length
from pactwatch.actors.titles import vocabulary
from pactwatch.actors.words import WORDS
from pactwatch.document import Actor, Document
from pactwatch.registry import stage


def document_day(doc: Document) -> str | None:
    """The date role references resolve on: stated, else the reader's estimate."""
    if doc.published:
        return doc.published[:10]
    return doc.published_estimate.value


@lru_cache(maxsize=4)
def non_outlet_names(kb: KnowledgeBase) -> set[str]:
    """Folded names and metonyms of every KB actor that is not an outlet (of a KB loaded
    from files, kept on disk beside it: folding them all is a warm start's cost)."""
    def build() -> set[str]:
        return {
            fold(n)
            for e in kb.entries.values()
            if e.kind != "outlet"
            for n in [*e.all_names(), *e.metonyms]
        }

    if kb.source_key is None:
        return build()
    from pactwatch import datacache
    from pactwatch.actors import textutil

    return datacache.cached("actors-non-outlet-names", [], build,
                            code=[__file__, textutil.__file__], extra=[kb.source_key])


@lru_cache(maxsize=1)
def _not_actor_names() -> PhraseMatcher:
    return PhraseMatcher(list(WORDS.not_actor_names))


def claim_non_actors(text: str, matches: list[Match], coverage: Coverage, lowered: str) -> None:
    """Claim names that hold a country's name but are not the country ("Ấn Độ Dương"),
    unless a KB match as long or longer holds them (the ocean itself, kb/seas.yaml;
    "Tổ chức Hiệp ước Bắc Đại Tây Dương")."""
    for start, end in _not_actor_names().find(text, lowered):
        inside_longer = any(
            m.start <= start and end <= m.end and m.end - m.start >= end - start
            for m in matches
            if m.start <= start
        )
        if not inside_longer:
            coverage.claim(start, end)


def recognise(doc: Document, kb: KnowledgeBase) -> list[Actor]:
    text = doc.text
    day = document_day(doc)
    words = person_words(doc.language)
    vocab = vocabulary(kb, words)
    coverage = Coverage(len(text))
    lowered = lower_same_length(text)
    matches = find_matches(text, lexicon_for(kb), lowered)
    kb_kinds = {
        (m.start, m.end): "outlet" if "outlet" in m.kinds else min(m.kinds) for m in matches
    }

    claim_non_actors(text, matches, coverage, lowered)
    findings: list[Finding] = find_outlets(text, coverage, kb, kb_kinds)
    if words.english:
        findings += find_cited_outlets(text, coverage, kb, kb_kinds)
    findings += find_new_organizations(text, coverage, kb)
    heads = HeadHits.of(text, lowered)
    findings += find_introduced(text, coverage, kb, heads)
    findings += find_sites(text, coverage, kb, heads)
    if words.english:
        findings += find_english_institutions(text, coverage, kb, matches, lowered)

    free = [m for m in matches if coverage.free(m.start, m.end)]
    for m, surface in resolve_matches(text, free, kb):
        entry = kb.get(surface.actor_id)
        if entry is None:
            continue
        findings.append(Finding(m.start, m.end, entry, surface.as_))
        coverage.claim(m.start, m.end)

    findings += find_compound_parts(text, findings, coverage, kb.countries_by_iso3())
    findings += find_state_bodies(text, findings, coverage)
    if words.english:
        findings += find_demonyms(text, coverage, kb.countries_by_iso3(), findings)
        findings += find_state_body_nouns(text, findings, coverage, kb, lowered)
    titles = TitleSpans.of(text, vocab, lowered)
    findings += find_institutions(text, findings, coverage, titles.coverage, heads)
    findings += find_headed_groups(text, coverage, kb, heads)
    findings += find_headed_places(text, coverage, heads)
    findings += find_new_places(text, findings, coverage)
    if words.english:
        findings += find_english_places(text, findings, coverage, kb, lowered)
    unlinked = [f for f in findings if not f.in_kb]
    findings += link_abbreviations(text, unlinked, coverage)
    join_full_names(unlinked)
    findings += find_persons(text, findings, coverage, kb, titles, day, words)
    findings = drop_credited(text, findings, words)
    persons = [f for f in findings if f.entry.kind == "person"]
    findings += find_title_references(text, findings, persons, kb, vocab, titles, day)
    findings += find_reference_phrases(text, persons, kb, day, lowered)
    persons = [f for f in findings if f.entry.kind == "person"]
    merge_surnames(persons, text)
    findings += link_short_forms(text, persons, coverage, titles.coverage, words)

    publishers = [doc.outlet or "", doc.original_publisher or ""]
    credits = [*doc.credited_sources, *doc.photo_credits]
    findings += metadata_outlets(publishers, credits, kb, non_outlet_names(kb))
    return assemble(text, findings)


@stage("actors", requires=("text", "zones"), assigns=("actors",))
def recognise_actors(doc: Document) -> Document:
    """Find actors in the text and link them to the knowledge base."""
    doc.actors = recognise(doc, default_kb())
    return doc
