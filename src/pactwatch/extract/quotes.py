"""Quotes with speakers and attribution chains (stage "quotes").

Direct quotes are passages between quotation marks (see :mod:`quote_marks`)
that a speech frame attributes ("X cho biết: “…”", "“…”, X nói", a dashed
attribution line under a block quote) or that stand as whole sentences; a
short quoted phrase with no frame is a name or a scare quote, not a quote.
Indirect quotes are the content of a reporting verb (``data/lang/vi/reporting.yaml``)
whose subject names a speaker. A quoted fragment inside indirect speech
belongs to that indirect quote.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from pactwatch.document import Document, Quote, Span
from pactwatch.extract.attribution import (
    Speaker,
    credited_outlets,
    outlets_in,
    pattern,
    speaker_before,
    speaker_in,
)
from pactwatch.extract.context import (
    MentionIndex,
    SentenceIndex,
    content_spans,
    paragraphs,
)
from pactwatch.extract.lexicon import (
    TermHit,
    pack_language,
    reporting_hits,
    reporting_lexicon,
)
from pactwatch.extract.quote_marks import MarkedPassage, find_marked_passages
from pactwatch.registry import stage

# Fewer words than this between marks, with no speech frame, is a name or a
# scare quote ('liên minh tự nguyện'), not somebody's words.
MIN_UNFRAMED_WORDS = 6
# Indirect speech shorter than this is not a statement ("X cho biết thêm.").
MIN_INDIRECT_WORDS = 3
# A direct quote that fills this share of an indirect quote's content replaces it.
DIRECT_SHARE = 0.6

_DASH_LINE = re.compile(r"[\s_*,.>]*\n?[\s>]*[—–-]\s*", re.UNICODE)
_LONG_DASH = re.compile("[—–]")
_SENTENCE_END = re.compile(r"[.!?…](?=\s|$)|\n")
_TRAILING = ' \t\n.,;:!?…_*"”’»'
_LEADING = " \t\n,;:_*"
_ADDRESSEE_THEN_RANG = re.compile(r"\s*với\s+(?:\S+\s+){0,7}?rằng(?!\w)", re.IGNORECASE)
# Words at most between that break and the other speaker's reporting verb.
MAX_TURN_WORDS = 8
@dataclass
class _Found:
    start: int
    end: int
    direct: bool
    speaker: Speaker | None
    verb: str | None
    via: list[str] = field(default_factory=list)
    open_at: int = -1
    close_at: int = -1


@stage("quotes", requires=("text", "sentences", "actors"), assigns=("quotes",))
def extract_quotes(doc: Document) -> Document:
    """Find direct and indirect quotes, their speakers and attribution chains."""
    finder = _QuoteFinder(doc)
    doc.quotes = finder.run()
    return doc


class _QuoteFinder:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.mentions = MentionIndex(doc)
        self.sentences = SentenceIndex(doc)
        self.zones = content_spans(doc)
        self.lang = pack_language(doc.language)
        self.lex = reporting_lexicon(self.lang)
        # every reporting verb of the text, found once and read by window
        self.verbs = reporting_hits(doc.text, self.lang)
        self._content_sentences = [
            s for zone, _ in self.zones for s in self.sentences.within(zone.start, zone.end)
        ]
        self._content_starts = [s.start for s in self._content_sentences]
        self._via_cache: dict[int, list[str]] = {}
        self._credits = credited_outlets(doc)

    # -- the whole document ---------------------------------------------------
    def run(self) -> list[Quote]:
        direct: list[_Found] = []
        for run, kind in _zone_runs(self.zones):
            direct.extend(self._direct_in_zone(run, kind))
        marked = [Span(d.open_at, (d.close_at if d.close_at >= 0 else d.end) + 1) for d in direct]
        indirect = self._indirect(marked, direct)
        found = _resolve_overlaps(direct, indirect)
        found.sort(key=lambda f: f.start)
        quotes = []
        for i, f in enumerate(found, 1):
            via = f.via or self._sentence_via(f.start) or list(self._credits)
            sp = f.speaker
            quotes.append(
                Quote(
                    id=f"q{i}",
                    speaker=sp.id if sp else None,
                    direct=f.direct,
                    start=f.start,
                    end=f.end,
                    text=self.text[f.start : f.end],
                    reported_via=[v for v in via if not sp or v != sp.id],
                    speaker_text=sp.text if sp else None,
                    speaker_span=sp.span if sp else None,
                    verb=f.verb,
                    confidence=_confidence(f),
                )
            )
        return quotes

    # -- direct quotes ----------------------------------------------------------
    def _direct_in_zone(self, zones: list[Span], kind: str) -> list[_Found]:
        paras = [p for zone in zones for p in paragraphs(self.text, zone)]
        found: list[_Found] = []
        previous: _Found | None = None
        previous_para = -10
        for p in find_marked_passages(self.text, paras):
            last_person = previous.speaker if previous and previous.speaker else None
            if last_person is not None and last_person.kind != "person":
                last_person = None
            f = self._frame(p, last_person)
            words = len(self.text[p.start : p.end].split())
            if f is None:
                standalone = self._starts_unit(p.open_at)
                if not standalone or words < MIN_UNFRAMED_WORDS:
                    continue
                carried = (
                    previous.speaker if previous and p.paragraph - previous_para <= 1 else None
                )
                if carried is None:
                    carried = self._colon_lead_in(paras, p.paragraph)
                f = _Found(p.start, p.end, True, carried, None)
            f.open_at, f.close_at = p.open_at, p.close_at if p.close_at is not None else -1
            found.append(f)
            if f.speaker is not None:
                previous, previous_para = f, p.closing_paragraph
        if kind == "blockquote":
            for zone in zones:
                if any(zone.start <= f.start < zone.end for f in found):
                    continue
                line = self._blockquote_without_marks(zone)
                if line is not None:
                    found.append(line)
        return found

    def _starts_unit(self, pos: int) -> bool:
        """Does a quote opening at ``pos`` begin its sentence or paragraph?"""
        sent = self.sentences.at(pos)
        head_start = sent.start if sent else max(0, self.text.rfind("\n", 0, pos) + 1)
        head = self.text[head_start:pos]
        return not head.strip(" _*>-—–") or head.rstrip().endswith(":")

    def _frame(self, p: MarkedPassage, last_person: Speaker | None) -> _Found | None:
        """A speech frame after the closing mark, or before the opening one;
        a pronoun subject ("ông nói") refers to the last person quoted."""
        if p.close_at is not None:
            after = self._frame_after(p, last_person)
            if after is not None:
                return after
        return self._frame_before(p, last_person)

    def _frame_after(self, p: MarkedPassage, last_person: Speaker | None) -> _Found | None:
        assert p.close_at is not None
        text = self.text
        dash = _DASH_LINE.match(text, p.close_at + 1)
        if dash is not None and ("\n" in dash.group(0) or _LONG_DASH.search(dash.group(0))):
            line_end = text.find("\n", dash.end())
            line_end = len(text) if line_end < 0 else line_end
            sp = speaker_in(self.doc, dash.end(), line_end, self.mentions)
            # a dash inside running text is punctuation ("'liên minh' – những
            # nước ..."), unless a person is named or the quote stands alone
            attributed = "\n" in dash.group(0) or self._starts_unit(p.open_at)
            if sp is not None and (attributed or sp.kind == "person"):
                via = outlets_in(text, dash.end(), line_end, self.mentions)
                return _Found(p.start, p.end, True, sp, None, via)
        tail_start = p.close_at + 1
        end_m = _SENTENCE_END.search(text, tail_start)
        tail_end = end_m.start() if end_m else len(text)
        if tail_end - tail_start > 300:
            return None
        relayed = self._cited_after(tail_start, tail_end)
        if relayed is not None:
            relayed.start, relayed.end = p.start, p.end
            return relayed
        for verb in self.verbs.find(tail_start, tail_end):
            lead = text[tail_start : verb.start]
            if len(lead.split()) > 12:
                break
            sp = speaker_before(self.doc, tail_start, verb.start, self.mentions, last_person)
            if sp is None and self.lex.speaker_after_verb and not lead.strip(" ,\t*_"):
                # "“…,” said Ryabkov": the speaker follows the verb
                sp = self._speaker_after(verb.end, tail_end, last_person)
            if sp is None:
                continue
            via = outlets_in(text, tail_start, tail_end, self.mentions, skip=sp.span)
            return _Found(p.start, p.end, True, sp, verb.term.text, via)
        return None

    def _speaker_after(self, start: int, end: int, last_person: Speaker | None) -> Speaker | None:
        """The speaker named right after a verb ("said Ryabkov", "said the ministry"),
        or a pronoun for the last person quoted ("said he")."""
        stop = end
        comma = self.text.find(",", start, end)
        if comma >= 0:
            stop = comma
        sp = speaker_in(self.doc, start, stop, self.mentions)
        pronoun = pattern(self.lang, "pronoun_subject")
        if sp is None and last_person is not None and pronoun.search(" " + self.text[start:stop]):
            return last_person
        return sp

    def _cited_after(self, start: int, end: int) -> _Found | None:
        """'"…", Interfax trích thông báo của Nga': the cited party speaks and the
        outlet relays it."""
        cite = pattern(self.lang, "cites").search(self.text, start, min(end, start + 60))
        if cite is None:
            return None
        relays = [m for m in self.mentions.within(start, cite.start()) if m.kind == "outlet"]
        if not relays:
            return None
        sp = speaker_in(self.doc, cite.end(), min(end, cite.end() + 60), self.mentions)
        if sp is None or sp.kind == "outlet":
            return None
        via = outlets_in(self.text, start, end, self.mentions, skip=sp.span)
        return _Found(start, end, True, sp, "trích", via)

    def _frame_before(self, p: MarkedPassage, last_person: Speaker | None) -> _Found | None:
        text = self.text
        sent = self.sentences.at(p.open_at)
        head_start = sent.start if sent else max(0, text.rfind("\n", 0, p.open_at) + 1)
        verbs = [
            v for v in self.verbs.find(head_start, p.open_at) if v.start >= head_start
        ]
        for verb in reversed(verbs):
            sp = speaker_before(self.doc, head_start, verb.start, self.mentions, last_person)
            if sp is not None:
                via = outlets_in(text, head_start, p.open_at, self.mentions, skip=sp.span)
                return _Found(p.start, p.end, True, sp, verb.term.text, via)
        colon = text.rfind(":", head_start, p.open_at)
        if colon >= 0 and not text[colon + 1 : p.open_at].strip(" _*"):
            sp = speaker_in(self.doc, head_start, colon, self.mentions)
            if sp is not None:
                return _Found(p.start, p.end, True, sp, None)
        return None

    def _colon_lead_in(self, paras: list[Span], pi: int) -> Speaker | None:
        """'X nói:' ending the previous paragraph introduces this quote paragraph."""
        if pi == 0:
            return None
        prev = paras[pi - 1]
        if not self.text[prev.start : prev.end].rstrip().endswith(":"):
            return None
        verbs = self.verbs.find(prev.start, prev.end)
        for verb in reversed(verbs):
            sent = self.sentences.at(verb.start)
            start = sent.start if sent else prev.start
            sp = speaker_before(self.doc, start, verb.start, self.mentions)
            if sp is not None:
                return sp
        return None

    def _blockquote_without_marks(self, zone: Span) -> _Found | None:
        text = self.text
        m = re.search(r"\n[\s>]*[—–]\s*", text[zone.start : zone.end])
        if m is None:
            return None
        body_end = zone.start + m.start()
        s, e = zone.start, body_end
        while s < e and text[s] in " \t\n_*>":
            s += 1
        while e > s and text[e - 1] in " \t\n_*>":
            e -= 1
        if e <= s:
            return None
        line_start = zone.start + m.end()
        line_end = text.find("\n", line_start, zone.end)
        line_end = zone.end if line_end < 0 else line_end
        sp = speaker_in(self.doc, line_start, line_end, self.mentions)
        return _Found(s, e, True, sp, None, open_at=s)

    # -- indirect speech ----------------------------------------------------------
    def _indirect(self, marked: list[Span], direct: list[_Found]) -> list[_Found]:
        found: list[_Found] = []
        last_person: Speaker | None = None
        direct_by_start = sorted(direct, key=lambda d: d.start)
        di = 0
        for sent in self._content_sentences:
            while di < len(direct_by_start) and direct_by_start[di].end <= sent.start:
                sp = direct_by_start[di].speaker
                if sp is not None and sp.kind == "person":
                    last_person = sp
                di += 1
            verbs = [
                v
                for v in self.verbs.find(sent.start, sent.end)
                if not _inside(v.start, marked)
            ]
            hits = self._indirect_in_sentence(sent, verbs, marked, last_person)
            if not hits:
                theo = self._theo_person(sent, marked)
                hits = [theo] if theo is not None else []
            for hit in hits:
                found.append(hit)
                if hit.speaker is not None and hit.speaker.kind == "person":
                    last_person = hit.speaker
        return found

    def _indirect_in_sentence(
        self,
        sent: Span,
        verbs: list[TermHit],
        marked: list[Span],
        last_person: Speaker | None,
    ) -> list[_Found]:
        """Indirect speech in a sentence: the first speaker and reporting verb, up
        to where another speaker's clause begins ("Ukraine cáo buộc Nga ...,
        tuy nhiên, Nga tuyên bố ..."), which is read the same way."""
        text = self.text
        region_start = sent.start
        for m in marked:  # a quote closing inside the sentence starts a new clause
            if sent.start <= m.end <= sent.end and m.end <= (verbs[0].start if verbs else 0):
                region_start = max(region_start, m.end)
        for vi, verb in enumerate(verbs):
            sp = speaker_before(self.doc, region_start, verb.start, self.mentions, last_person)
            if sp is None:
                continue
            relay: list[str] = []
            if sp.kind == "outlet":
                # "Reuters đưa tin, điện Kremlin đã cáo buộc ...": the outlet relays
                # a statement whose speaker heads the reported clause
                inner = self._relayed(verb.end, verbs[vi + 1 :])
                if inner is not None and sp.id is not None:
                    relay = [sp.id]
                    sp, verb = inner
            start = self._content_start(verb.end, sent.end)
            if self._opens_with_circumstance(start, sent.end):
                # "said on Monday that …": the content follows a late complementiser
                start = self._after_late_complementiser(start, sent.end)
            before = self._reported_before(region_start, verb, sp, sent, marked)
            if before is not None:
                return [before]
            if (
                start < 0
                or self._opens_with_circumstance(start, sent.end)
                or _inside(start, marked)
            ):
                # "X nói với phóng viên", or "X nói: “…”" whose words are a direct quote
                return []
            end, rest = sent.end, []
            turn = self._next_speaker_turn(start, sent, verbs, sp)
            if turn is not None:
                end = turn
                rest = self._indirect_in_sentence(Span(turn, sent.end), verbs, marked, last_person)
            while end > start and text[end - 1] in _TRAILING:
                end -= 1
            if len(text[start:end].split()) < MIN_INDIRECT_WORDS:
                return rest
            via = outlets_in(text, sent.start, start, self.mentions, skip=sp.span)
            via = relay + [v for v in via if v not in relay]
            return [_Found(start, end, False, sp, verb.term.text, via), *rest]
        return []

    def _after_late_complementiser(self, start: int, limit: int) -> int:
        """Past "that" closing a circumstance of the speaking ("told reporters in
        Kyiv on Friday that …"), or -1 when there is none."""
        for word in self.lex.late_complementisers:
            m = re.search(
                rf"(?<!\w){re.escape(word)}(?!\w)\s*", self.text[start : min(limit, start + 90)]
            )
            if m is not None:
                return start + m.end()
        return start if not self.lex.late_complementisers else -1

    def _reported_before(
        self, region_start: int, verb: TermHit, sp: Speaker, sent: Span, marked: list[Span]
    ) -> _Found | None:
        """ "Moscow is ready for talks, Lavrov said.": in a pack that reads it, the
        words before a closing frame are the speaker's."""
        if not self.lex.reported_before_frame:
            return None
        text = self.text
        tail = text[verb.end : sent.end]
        if len(re.findall(r"\w+", tail)) > 8 or "," in tail.strip(" .,"):
            return None  # the verb has content of its own after it
        comma = text.rfind(",", region_start, sp.span.start)
        if comma < 0 or text[comma + 1 : sp.span.start].count(" ") > 6:
            return None
        start, end = region_start, comma
        while start < end and text[start] in _LEADING:
            start += 1
        if len(text[start:end].split()) < MIN_INDIRECT_WORDS or _inside(start, marked):
            return None
        via = outlets_in(text, sent.start, sent.end, self.mentions, skip=sp.span)
        return _Found(start, end, False, sp, verb.term.text, via)

    def _next_speaker_turn(
        self, start: int, sent: Span, verbs: list[TermHit], speaker: Speaker
    ) -> int | None:
        """Where a clause with another speaker and reporting verb begins after
        ``start`` (the offset just past its clause break), or None."""
        for verb in verbs:
            if verb.start <= start:
                continue
            breaks = list(pattern(self.lang, "turn").finditer(self.text, start, verb.start))
            if not breaks:
                continue
            turn = breaks[-1].end()
            if len(self.text[turn : verb.start].split()) > MAX_TURN_WORDS:
                continue
            other = speaker_before(self.doc, turn, verb.start, self.mentions)
            if other is not None and other.id != speaker.id:
                return turn
        return None

    def _relayed(self, start: int, later: list[TermHit]) -> tuple[Speaker, TermHit] | None:
        """The first non-outlet speaker of a later reporting verb, and that verb."""
        for verb in later:
            sp = speaker_before(self.doc, start, verb.start, self.mentions)
            if sp is not None and sp.kind != "outlet":
                return sp, verb
        return None

    def _opens_with_circumstance(self, start: int, limit: int) -> bool:
        hits = self.lex.circumstance_openers.find(self.text, start, min(limit, start + 15))
        return bool(hits) and hits[0].start == start

    def _content_start(self, pos: int, limit: int) -> int:
        text = self.text
        particle = re.match(r"\s+(\w+)", text[pos:limit])
        if particle and particle.group(1).casefold() in self.lex.verb_particles:
            pos += particle.end()
        # "nói với X rằng ...": an addressee comes before the complementiser
        window = text[pos : min(limit, pos + 80)]
        rang = _ADDRESSEE_THEN_RANG.match(window)
        if rang:
            pos += rang.end()
        while pos < limit and text[pos] in _LEADING:
            pos += 1
        word = re.match(r"\w+", text[pos:limit])
        if word and word.group(0).casefold() in self.lex.complementisers:
            pos += word.end()
        while pos < limit and text[pos] in _LEADING:
            pos += 1
        return pos

    def _theo_person(self, sent: Span, marked: list[Span]) -> _Found | None:
        """'Theo ông X, ...': the rest of the sentence is X's view."""
        text = self.text
        m = pattern(self.lang, "source_opening").match(text, sent.start, sent.end)
        if m is None:
            return self._source_closing(sent, marked)
        comma = text.find(",", m.end(), sent.end)
        if comma < 0:
            return None
        sp = speaker_in(self.doc, m.end(), comma, self.mentions)
        if sp is None or sp.kind == "place":
            return None
        start = comma + 1
        end = sent.end
        while start < end and text[start] in _LEADING:
            start += 1
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
        if len(text[start:end].split()) < MIN_INDIRECT_WORDS or _inside(start, marked):
            return None
        return _Found(start, end, False, sp, "theo")

    def _source_closing(self, sent: Span, marked: list[Span]) -> _Found | None:
        """'…, according to a U.S. official.': the sentence before is the source's."""
        text = self.text
        closings = list(pattern(self.lang, "source_closing").finditer(text, sent.start, sent.end))
        if not closings:
            return None
        found = closings[-1]
        sp = speaker_in(self.doc, found.end(), sent.end, self.mentions)
        if sp is None or sp.kind == "place":
            return None
        start, end = sent.start, found.start()
        while start < end and text[start] in _LEADING:
            start += 1
        if len(text[start:end].split()) < MIN_INDIRECT_WORDS or _inside(start, marked):
            return None
        return _Found(start, end, False, sp, "according to")

    # -- attribution chains ---------------------------------------------------
    def _sentence_via(self, pos: int) -> list[str]:
        """Outlets of the sentence holding ``pos``, then of what it refers back to."""
        idx = self._sentence_index(pos)
        if idx is None:
            return []
        return list(self._via_of(idx, depth=0))

    def _sentence_index(self, pos: int) -> int | None:
        # a binary search: a scan per quote made long articles quadratic
        i = bisect.bisect_right(self._content_starts, pos) - 1
        if i >= 0 and self._content_sentences[i].start <= pos < self._content_sentences[i].end:
            return i
        return None

    def _via_of(self, idx: int, depth: int) -> list[str]:
        if idx in self._via_cache:
            return self._via_cache[idx]
        sent = self._content_sentences[idx]
        via = outlets_in(self.text, sent.start, sent.end, self.mentions)
        opening = self.text[sent.start : sent.end]
        if depth < 4 and idx > 0 and pattern(self.lang, "anaphoric_source").match(opening):
            via += [v for v in self._via_of(idx - 1, depth + 1) if v not in via]
        elif not via:
            via = self._paragraph_theo(sent)
        self._via_cache[idx] = via
        return via

    def _paragraph_theo(self, sent: Span) -> list[str]:
        """A "Theo X," opening its paragraph applies to the whole paragraph."""
        para_start = self.text.rfind("\n", 0, sent.start) + 1
        first = self.sentences.at(para_start) or self.sentences.at(sent.start)
        if first is None or first.start == sent.start:
            return []
        head = self.text[first.start : first.end]
        if not re.match(r"\s*(?:cũng\s+)?theo\b", head, re.IGNORECASE):
            return []
        comma = self.text.find(",", first.start, first.end)
        if comma < 0:
            return []
        return outlets_in(self.text, first.start, comma, self.mentions)


def _confidence(found: _Found) -> float:
    """How sure the attribution is: a named speaker with a speech verb framing
    the words is the strongest; a collective or unnamed speaker, or words whose
    speaker was carried over from an earlier quote, weaker."""
    if found.speaker is None:
        return 0.2
    score = 0.55
    score += 0.2 if found.speaker.kind == "person" else 0.0
    score -= 0.15 if found.speaker.kind == "group" else 0.0
    score += 0.15 if found.verb else -0.05
    score += 0.05 if found.direct else 0.0
    return round(max(0.05, min(0.95, score)), 2)


def _zone_runs(zones: list[tuple[Span, str]]) -> list[tuple[list[Span], str]]:
    """Consecutive zones of running text (a quote may continue from one
    paragraph zone into the next); titles and headings stand alone."""
    runs: list[tuple[list[Span], str]] = []
    for zone, kind in zones:
        joinable = kind in ("body", "blockquote")
        if runs and joinable and runs[-1][1] == kind:
            runs[-1][0].append(zone)
        else:
            runs.append(([zone], kind))
    return runs


def _inside(pos: int, spans: list[Span]) -> bool:
    return any(s.start <= pos < s.end for s in spans)


def _resolve_overlaps(direct: list[_Found], indirect: list[_Found]) -> list[_Found]:
    """A quoted fragment inside indirect speech belongs to it; a direct quote
    that fills most of an indirect quote's content replaces it."""
    keep_indirect: list[_Found] = []
    dropped_direct: set[int] = set()
    for ind in indirect:
        inner = [
            (i, d) for i, d in enumerate(direct) if ind.start <= d.start and d.end <= ind.end + 1
        ]
        covered = sum(d.end - d.start for _, d in inner)
        if inner and covered >= DIRECT_SHARE * max(1, ind.end - ind.start):
            for _, d in inner:
                if d.speaker is None:
                    d.speaker, d.verb = ind.speaker, ind.verb
                d.via = d.via or ind.via
            continue
        dropped_direct.update(i for i, _ in inner)
        keep_indirect.append(ind)
    kept = [d for i, d in enumerate(direct) if i not in dropped_direct]
    return kept + keep_indirect
