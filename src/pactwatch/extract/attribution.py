"""Who said it, and through whom we know: speakers and attribution chains.

A speaker is the actor heading the subject of a reporting verb: of the actor
mentions in the clause before the verb, a named person first, then a
collective speaker ("các quan chức Mỹ"), then a government body, organisation
or country; an outlet only when nothing else is there ("Hãng Bloomberg đưa tin").
Actors inside "theo X" / "với X" / "từ X" phrases are sources or addressees,
not speakers.

An attribution chain lists the outlets a statement passed through, nearest to
the speaker first: in "Theo hãng tin A, ... trích dẫn từ tờ B, các quan chức
nói" the officials spoke to B, and A cited B, so the chain is [B, A].
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pactwatch.document import Document, Span
from pactwatch.errors import PactwatchError
from pactwatch.extract.context import KIND_RANK, MentionIndex, PlacedMention, slug
from pactwatch.extract.lexicon import clause_cues, pack_language, reporting_lexicon

# A role title is at most this many words before its country ("Đặc phái viên
# tổng thống Mỹ").
MAX_TITLE_WORDS = 5
_TITLE_GAP_AFTER = re.compile(r"[\s*_\-–—,]*(?:(?:ông|bà)\s+)?")
_TITLE_GAP_BEFORE = re.compile(r"[\s*_]*[\-–—,][\s*_]*$")


@cache
def pattern(lang: str, name: str) -> re.Pattern[str]:
    """A pattern of the attribution grammar in the pack's language
    (``reporting.yaml`` ``patterns``: every pack names the same ones)."""
    own = dict(reporting_lexicon(lang).patterns).get(name)
    if own is None:
        raise PactwatchError("E053", f"lexicon reporting.yaml ({lang}): no pattern {name!r}")
    return re.compile(own, re.IGNORECASE)


def optional_pattern(lang: str, name: str) -> re.Pattern[str] | None:
    """A pattern the pack may leave out (``pattern`` for one it must name)."""
    if name not in dict(reporting_lexicon(lang).patterns):
        return None
    return pattern(lang, name)


@dataclass(frozen=True)
class Speaker:
    # None for an anonymous speaker ("các chuyên gia"): words without an actor
    id: str | None
    text: str
    span: Span
    kind: str


def _usable(
    text: str, m: PlacedMention, region_start: int, mentions: MentionIndex, lang: str = "vi"
) -> bool:
    if m.kind == "place":
        return False
    head_start = max(region_start, m.start - 40)
    head = text[head_start : m.start]
    if pattern(lang, "not_subject_before").search(head):
        return False
    possessor = pattern(lang, "possessor_title").search(head)
    if possessor is None:
        return True
    title = possessor.group(1)
    # "của Tổng thống Donald Trump" is a possessor; "của Nga Sergei Lavrov" names
    # the country of the person, who can still speak
    return bool(title) and (
        not title[:1].isupper()
        or bool(mentions.within(head_start + possessor.start(1), m.start))
    )


# Who a collective speaker can speak for.
OWNER_KINDS = ("country", "organization", "government_body")


def _group_speaker(
    text: str, start: int, end: int, mentions: MentionIndex, lang: str = "vi"
) -> Speaker | None:
    """The last collective speaker ("các quan chức Anh") in [start, end)."""
    hits = reporting_lexicon(lang).groups.find(text, start, end)
    if not hits:
        return None
    hit = hits[-1]
    key = str(hit.term.data.get("key") or slug(hit.term.text))
    owner_end = hit.end
    owner_id: str | None = None
    owner_kind: str | None = None
    owner_start = hit.start
    # the owner is the actor named right after the noun ("quan chức Mỹ"), or in
    # English right before it ("Ukrainian officials", "U.S. officials")
    after = optional_pattern(lang, "owner_after")
    modifiers = optional_pattern(lang, "owner_modifiers")
    for m in mentions.within(hit.end, min(end, hit.end + 40)):
        between = text[hit.end : m.start]
        if m.kind in OWNER_KINDS and (
            not between.strip(" ,") or (after is not None and after.match(between))
        ):
            # "quan chức Mỹ"; "an official at the ministry"
            owner_id, owner_end, owner_kind = m.actor_id, m.end, m.kind
            break
    if owner_id is None:
        for m in mentions.within(max(start, hit.start - 40), hit.start):
            between = text[m.end : hit.start]
            if m.kind in OWNER_KINDS and (
                not between.strip() or (modifiers is not None and modifiers.match(between))
            ):
                # "U.S. officials"; "a U.S. intelligence official"
                owner_id, owner_start, owner_kind = m.actor_id, m.start, m.kind
    # include "các", "một số", "nhiều" before the noun in the speaker's words
    lead = pattern(lang, "group_lead").search(text, max(start, owner_start - 10), owner_start)
    s = owner_start - (len(lead.group(0)) if lead else 0)
    words, span = text[s:owner_end], Span(s, owner_end)
    if hit.term.data.get("anonymous"):
        # "các chuyên gia nhận định": nobody who can be named or held to it; but an
        # organisation's own analysts speak for it ("ISW analysts note")
        if owner_kind == "organization":
            return Speaker(owner_id, words, span, "group")
        return Speaker(None, words, span, "group")
    if hit.term.data.get("speaks_for") == "owner":
        # "các quan chức Mỹ cho biết": the state speaks, through unnamed officials;
        # officials of no state named ("a senior official said") speak for nobody
        # that can be named
        return Speaker(owner_id, words, span, "group")
    gid = f"group:{_owner_slug(owner_id, mentions)}-{key}" if owner_id else f"group:{key}"
    return Speaker(gid, words, span, "group")


def _owner_slug(actor_id: str, mentions: MentionIndex) -> str:
    iso3 = mentions.iso3_of.get(actor_id)
    if iso3:
        return iso3.lower()
    return actor_id.split(":", 1)[-1]


_CHUNK_BREAK = re.compile(r"[,;:]")
# speaker_before reads the last three pieces and the one before the piece it stops at
CHUNKS_READ = 4


def _chunks(text: str, start: int, end: int, last: int | None = None) -> list[tuple[int, int]]:
    """Comma-separated pieces of [start, end), last first; with ``last``, only the first
    ``last`` of them, found from the end back in windows that double (a subject region may
    be a whole long sentence: splitting it all for every verb made that sentence quadratic)."""
    if last is None:
        breaks = [m.start() for m in _CHUNK_BREAK.finditer(text, start, max(start, end))]
        last = len(breaks) + 1
    else:
        width = 256
        while True:
            lo = max(start, end - width)
            breaks = [m.start() for m in _CHUNK_BREAK.finditer(text, lo, max(lo, end))]
            if len(breaks) >= last or lo == start:
                break
            width *= 2
    rev = breaks[::-1][:last]
    pieces: list[tuple[int, int]] = []
    e = end
    for i in range(min(last, len(rev) + 1)):
        s = rev[i] + 1 if i < len(rev) else start
        pieces.append((s, e))
        if i < len(rev):
            e = rev[i]
    return pieces


def _best(cands: list[PlacedMention]) -> PlacedMention:
    # most specific kind, then nearest to the verb (the latest)
    return min(cands, key=lambda m: (KIND_RANK.get(m.kind, 9), -m.start))


def speaker_before(
    doc: Document,
    region_start: int,
    verb_start: int,
    mentions: MentionIndex,
    previous_person: Speaker | None = None,
    previous_body: Speaker | None = None,
    previous_group: Speaker | None = None,
) -> Speaker | None:
    """The speaker heading the subject of a verb at ``verb_start``; a pronoun for a
    person ("he said") is ``previous_person``, one for a body or its document ("it said",
    "the statement said", "the report notes") is ``previous_body``, "they" the group
    quoted last (``previous_group``)."""
    text = doc.text
    lang = pack_language(doc.language)
    chunks = _chunks(text, region_start, verb_start, CHUNKS_READ)
    if len(chunks) > 1 and not text[chunks[0][0] : chunks[0][1]].strip():
        head = _apposed_head(text, region_start, verb_start, mentions, lang)
        if head is not None:
            return head
    for ci, (cs, ce) in enumerate(chunks[:3]):
        cands = [m for m in mentions.within(cs, ce) if _usable(text, m, cs, mentions, lang)]
        persons = [m for m in cands if m.kind == "person"]
        if persons:
            return _as_speaker(_best(persons))
        group = _group_speaker(text, cs, ce, mentions, lang)
        # "đặc phái viên của Tổng thống Y": a role phrase naming whose it is
        possessed = any(m.kind == "person" for m in mentions.within(cs, ce))
        if (cands or group is not None or possessed) and ci + 1 < len(chunks):
            # "ông X, Thư ký Hội đồng ..., cảnh báo": an appositive after a lone name
            ps, pe = chunks[ci + 1]
            prev_persons = [m for m in mentions.within(ps, pe) if m.kind == "person"]
            honorific = pattern(lang, "honorific_only")
            if len(prev_persons) == 1 and honorific.match(text[ps : prev_persons[0].start]):
                return _as_speaker(prev_persons[0])
        if group is not None:
            return group
        if cands:
            non_outlets = [m for m in cands if m.kind != "outlet"]
            best = _best(non_outlets or cands)
            if best.kind == "country":
                titled = _titled_person(doc, cs, best, mentions)
                if titled is not None:
                    return titled
            return _as_speaker(best)
        if previous_person is not None and pattern(lang, "pronoun_subject").search(text[cs:ce]):
            return previous_person
        body_pronoun = optional_pattern(lang, "body_subject")
        if body_pronoun is not None and body_pronoun.search(text[cs:ce]):
            # "Russia published its toll in 2022, when it said ...": the body named
            # before in the same clause chain, else the one quoted last
            earlier = [
                m
                for m in mentions.within(region_start, cs)
                if m.kind in OWNER_KINDS and _usable(text, m, region_start, mentions, lang)
            ]
            if earlier:
                return _as_speaker(earlier[0])
            if previous_body is not None:
                return previous_body
        group_pronoun = optional_pattern(lang, "group_subject")
        if previous_group is not None and group_pronoun is not None and group_pronoun.search(text[cs:ce]):
            # "Pundits warn that …. They claim that …": the group quoted last
            return previous_group
        outlet_noun = optional_pattern(lang, "outlet_subject")
        if outlet_noun is not None and outlet_noun.search(text[cs:ce]):
            outlets = mentions.outlets_within(max(0, cs - 2000), cs)
            if outlets:
                return _as_speaker(outlets[-1])
        if ci == 0 and clause_cues(lang).coordinator.fullmatch(text[cs:ce].strip(" ,")):
            # "X kêu gọi Nga …, đồng thời khẳng định …": a reporting verb right after a
            # coordinator shares the sentence's subject, not the last name before it
            return _sentence_subject(text, region_start, cs, mentions, lang)
        if text[cs:ce].strip():
            named = _named_before_apposition(text, chunks, ci, mentions)
            if named is not None:
                # "Frank Owen, một cựu thủy thủ …, cho biết": the piece is an
                # apposition to the name before it
                return named
            # a piece with words but no actor: the subject is something else
            # ("Khi đó, nhiều quốc gia tham dự khẳng định") unless it is an
            # adverbial opening that a comma separates from the subject
            if ci == 0:
                continue
            break
    return None


def _apposed_head(
    text: str, region_start: int, verb_start: int, mentions: MentionIndex, lang: str
) -> Speaker | None:
    """The actor that opens the clause and whose appositions, closed by a comma, run up
    to the verb: "Sergii Pylypenko, CEO of a cement group, Ukraine's largest, said" or
    "Ukraine, which wants its land back, said" — not an actor named in the appositions."""
    comma = text.find(",", region_start, verb_start)
    if comma < 0:
        return None
    cands = [
        m
        for m in mentions.within(region_start, comma)
        if _usable(text, m, region_start, mentions, lang)
    ]
    if not cands or text[cands[-1].end : comma].strip(" *_"):
        return None
    persons = [m for m in cands if m.kind == "person"]
    return _as_speaker(persons[-1] if persons else cands[-1])


def _named_before_apposition(
    text: str, chunks: list[tuple[int, int]], ci: int, mentions: MentionIndex
) -> Speaker | None:
    """The person whose name ends the piece before piece ``ci`` (the comma right
    after the name), when piece ``ci`` is the last before the verb or only spaces
    follow it: "X, <who X is>, cho biết"."""
    if ci + 1 >= len(chunks) or any(text[s:e].strip() for s, e in chunks[:ci]):
        return None
    ps, pe = chunks[ci + 1]
    persons = [m for m in mentions.within(ps, pe) if m.kind == "person"]
    if persons and not text[persons[-1].end : pe].strip():
        return _as_speaker(persons[-1])
    return None


def _sentence_subject(
    text: str, start: int, end: int, mentions: MentionIndex, lang: str
) -> Speaker | None:
    """The first actor named in [start, end) that can speak: the sentence's subject."""
    for m in mentions.within(start, end):
        if _usable(text, m, start, mentions, lang) and m.kind != "outlet":
            return _as_speaker(m)
    return None


def _titled_person(
    doc: Document, chunk_start: int, country: PlacedMention, mentions: MentionIndex
) -> Speaker | None:
    """A title with a country ("Thủ tướng Anh") naming a person the article
    introduced earlier with the same title: "Thủ tướng Anh Keir Starmer" or
    "ông Steve Witkoff - Đặc phái viên tổng thống Mỹ"."""
    text = doc.text
    words = re.findall(r"\w+", text[chunk_start : country.start])[-MAX_TITLE_WORDS:]
    for n in range(len(words), 0, -1):
        title = " ".join(words[-n:]) + " " + country.text
        if not title[:1].isupper():
            continue
        for found in re.finditer(re.escape(title), text):
            if found.start() >= country.start:
                break
            person = _person_next_to(text, found.start(), found.end(), mentions)
            if person is not None:
                start = country.end - len(title)
                span = Span(start, country.end)
                return Speaker(person.actor_id, text[start : country.end], span, "person")
    return None


def _person_next_to(
    text: str, start: int, end: int, mentions: MentionIndex
) -> PlacedMention | None:
    """A person mention right after a title (past "ông", dashes) or right before it."""
    after = _TITLE_GAP_AFTER.match(text, end)
    at = after.end() if after else end
    for m in mentions.within(at, at + 80):
        if m.kind == "person" and m.start == at:
            return m
    before = _TITLE_GAP_BEFORE.search(text, max(0, start - 12), start)
    at = before.start() if before else start
    for m in mentions.within(max(0, at - 60), at):
        if m.kind == "person" and m.end == at:
            return m
    return None


def speaker_in(doc: Document, start: int, end: int, mentions: MentionIndex) -> Speaker | None:
    """The speaker named in an attribution line ("— Keir Starmer, Thủ tướng Anh")."""
    cands = [m for m in mentions.within(start, end) if m.kind != "place"]
    persons = [m for m in cands if m.kind == "person"]
    if persons:
        return _as_speaker(persons[0])
    group = _group_speaker(doc.text, start, end, mentions, pack_language(doc.language))
    if group is not None:
        return group
    if cands:
        return _as_speaker(min(cands, key=lambda m: (KIND_RANK.get(m.kind, 9), m.start)))
    return None


def _as_speaker(m: PlacedMention) -> Speaker:
    return Speaker(m.actor_id, m.text, Span(m.start, m.end), m.kind)


def outlets_in(
    text: str, start: int, end: int, mentions: MentionIndex, skip: Span | None = None
) -> list[str]:
    """Outlet ids in [start, end) outside ``skip``, latest first (nearest the speaker)."""
    ids: list[str] = []
    for m in reversed(mentions.outlets_within(start, end)):
        if skip is not None and skip.start <= m.start < skip.end:
            continue
        if m.actor_id not in ids:
            ids.append(m.actor_id)
    return ids


def credited_outlets(doc: Document) -> list[str]:
    """Article-level credits ("Theo WSJ, Reuters") as outlet ids."""
    ids: list[str] = []
    for name in doc.credited_sources:
        folded = name.casefold().strip()
        found = next(
            (
                a.id
                for a in doc.actors
                if a.kind == "outlet"
                and (
                    a.name.casefold() == folded
                    or any(m.text.casefold() == folded for m in a.mentions)
                )
            ),
            None,
        )
        ident = found or f"outlet:{slug(name)}"
        if ident not in ids and ident != "outlet:":
            ids.append(ident)
    return ids
