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
from collections.abc import Iterator
from dataclasses import dataclass, field

from pactwatch.document import Document, Quote, Span
from pactwatch.extract.attribution import (
    OWNER_KINDS,
    Speaker,
    credited_outlets,
    optional_pattern,
    outlets_in,
    pattern,
    speaker_before,
    speaker_in,
)
from pactwatch.extract.context import (
    Covering,
    MentionIndex,
    PlacedMention,
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
# the full stop of an initialism ("U.S. officials", "the U.K.") ends no sentence
_SENTENCE_END = re.compile(r"(?:(?<![\s.][A-Z])\.|[!?…])(?=\s|$)|\n")
# what may stand between a closing comma and the verb after it (", said" / ",” said")
_CLOSING_GAP = " \t\u201d\"\u2019"
_TRAILING = ' \t\n.,;:!?…_*"”’»'
_LEADING = " \t\n,;:_*"
_ADDRESSEE_THEN_RANG = re.compile(r"\s*với\s+(?:\S+\s+){0,7}?rằng(?!\w)", re.IGNORECASE)
# Words at most between that break and the other speaker's reporting verb.
MAX_TURN_WORDS = 8
# Characters at most between a closing quotation mark and the end of its sentence for the
# words after it to frame the quote ("“…”, Bộ trưởng nói.").
MAX_FRAME_TAIL = 300
# Words between a closing quote mark and its reporting verb: a frame, or (a person
# named first) the person and an apposition saying who they are.
MAX_FRAME_LEAD = 12
MAX_APPOSED_LEAD = 40
# How far back a pronoun's person may be named ("… Carney fired back. “…,” he said").
RECENT_PERSON_REACH = 600
# How far past its end a match of the pack's "turn" pattern may look (its optional words):
# a break ending further than this before a verb is found the same whether the search
# for breaks stops at that verb or goes on to the end of the sentence.
TURN_LOOK_PAST = 64
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
        self._newlines: list[int] | None = None
        self._credits = credited_outlets(doc)
        # the body (state, organisation, office) quoted last: whom "it said" means
        self._last_body: Speaker | None = None
        # the collective speaker quoted last: whom "they said" means
        self._last_group: Speaker | None = None

    # -- the whole document ---------------------------------------------------
    def run(self) -> list[Quote]:
        direct: list[_Found] = []
        for run, kind in _zone_runs(self.zones):
            direct.extend(self._direct_in_zone(run, kind))
        marked = Covering(
            Span(d.open_at, (d.close_at if d.close_at >= 0 else d.end) + 1) for d in direct
        )
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
            # "Carney fired back on Thursday. “…,” he declared": a person named since
            # the last quote is whom the pronoun means, not the last speaker quoted
            since = previous.end if previous is not None else 0
            last_person = self._recent_person(since, p.open_at) or last_person
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
            self._heard(f.speaker)
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

    def _heard(self, speaker: Speaker | None) -> None:
        if speaker is not None and speaker.id is not None and speaker.kind in OWNER_KINDS:
            self._last_body = speaker
        if speaker is not None and speaker.kind == "group":
            self._last_group = speaker

    def _body_before(self, pos: int) -> Speaker | None:
        """Whom "it said" / "the report notes" at ``pos`` means: the body quoted last, else
        the author of a study or report named before ("a study by the Geneva Academy")."""
        if self._last_body is not None:
            return self._last_body
        authored = optional_pattern(self.lang, "authored_by")
        if authored is None:
            return None
        for m in reversed(self.mentions.within(max(0, pos - 4000), pos)):
            if m.kind in OWNER_KINDS and authored.search(self.text, max(0, m.start - 40), m.start):
                return Speaker(m.actor_id, m.text, Span(m.start, m.end), m.kind)
        return None

    def _recent_person(self, since: int, pos: int) -> Speaker | None:
        """The person last named as someone acting in [since, pos), within the
        paragraph before ``pos`` and at most RECENT_PERSON_REACH back: not a name
        that only qualifies a noun ("the Trump administration's", "chính quyền Trump")."""
        start = max(since, self._line_start(pos), pos - RECENT_PERSON_REACH)
        for m in reversed(self.mentions.within(start, pos)):
            if m.kind == "person" and not _qualifies(self.text, m, self.lex.qualified_by):
                return Speaker(m.actor_id, m.text, Span(m.start, m.end), m.kind)
        return None

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
        # the sentence's end is looked for only as far as a frame may reach (a search to
        # the end of the text for every quote made a text of one sentence quadratic); the
        # search runs two characters further, so that the lookahead of a match in reach
        # reads the text itself
        reach = tail_start + MAX_FRAME_TAIL
        end_m = _SENTENCE_END.search(text, tail_start, reach + 2)
        if end_m is not None and end_m.start() > reach:
            return None
        if end_m is None and reach + 2 < len(text):
            return None
        tail_end = end_m.start() if end_m else len(text)
        if tail_end - tail_start > MAX_FRAME_TAIL:
            return None
        relayed = self._cited_after(tail_start, tail_end)
        if relayed is not None:
            relayed.start, relayed.end = p.start, p.end
            return relayed
        # '"…", Norman Polmar, nhà sử học người Mỹ nghiên cứu về tàu ngầm, cho biết': a
        # person named right after the quote may take a long apposition before the verb
        named_first = any(
            m.kind == "person" and not text[tail_start : m.start].strip(" ,")
            for m in self.mentions.within(tail_start, min(tail_end, tail_start + 80))
        )
        for verb in self.verbs.find(tail_start, tail_end):
            lead = text[tail_start : verb.start]
            if len(_WORD.findall(lead)) > (MAX_APPOSED_LEAD if named_first else MAX_FRAME_LEAD):
                break
            sp = speaker_before(
                self.doc,
                tail_start,
                verb.start,
                self.mentions,
                last_person,
                self._body_before(tail_start),
            )
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
        # the verbs before the quote, nearest first, read only until one names a speaker
        hits = self.verbs.hits
        first = bisect.bisect_left(hits, head_start, key=lambda h: h.start)
        for k in range(bisect.bisect_left(hits, p.open_at, lo=first, key=lambda h: h.start) - 1, first - 1, -1):
            verb = hits[k]
            if verb.end > p.open_at:
                continue
            sp = speaker_before(
                self.doc, head_start, verb.start, self.mentions, last_person, self._body_before(head_start)
            )
            if sp is not None:
                via = outlets_in(text, head_start, p.open_at, self.mentions, skip=sp.span)
                return _Found(p.start, p.end, True, sp, verb.term.text, via)
        # a colon with nothing but " _*" after it up to the quote ("X nói: “…”"), found
        # back from the quote (a search for any colon ran back to the sentence start)
        before = p.open_at
        while before > head_start and text[before - 1] in " _*":
            before -= 1
        colon = before - 1 if before > head_start and text[before - 1] == ":" else -1
        if colon >= 0:
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
    def _indirect(self, marked: Covering, direct: list[_Found]) -> list[_Found]:
        found: list[_Found] = []
        last_person: Speaker | None = None
        last_end = 0
        direct_by_start = sorted(direct, key=lambda d: d.start)
        di = 0
        self._last_body = None
        self._last_group = None
        for sent in self._content_sentences:
            while di < len(direct_by_start) and direct_by_start[di].end <= sent.start:
                sp = direct_by_start[di].speaker
                if sp is not None and sp.kind == "person":
                    last_person = sp
                self._heard(sp)
                di += 1
            verbs = [
                v
                for v in self.verbs.find(sent.start, sent.end)
                if not marked.covers(v.start) and not v.term.data.get("source_marker")
            ]
            hits = self._indirect_in_sentence(
                sent, verbs, marked, self._recent_person(last_end, sent.start) or last_person
            )
            if not hits:
                theo = self._theo_person(sent, marked)
                hits = [theo] if theo is not None else []
            for hit in hits:
                found.append(hit)
                self._heard(hit.speaker)
                last_end = max(last_end, hit.end)
                if hit.speaker is not None and hit.speaker.kind == "person":
                    last_person = hit.speaker
        return found

    def _indirect_in_sentence(
        self,
        sent: Span,
        verbs: list[TermHit],
        marked: Covering,
        last_person: Speaker | None,
    ) -> list[_Found]:
        """Indirect speech in a sentence: the first speaker and reporting verb, up
        to where another speaker's clause begins ("Ukraine cáo buộc Nga ...,
        tuy nhiên, Nga tuyên bố ..."), which is read the same way — one turn after
        another in a loop (a sentence of many turns once overflowed the stack)."""
        starts = [v.start for v in verbs]
        found: list[_Found] = []
        turn: Span | None = sent
        while turn is not None:
            hits, turn = self._indirect_turn(turn, verbs, starts, marked, last_person)
            found += hits
        return found

    def _indirect_turn(
        self,
        sent: Span,
        verbs: list[TermHit],
        starts: list[int],
        marked: Covering,
        last_person: Speaker | None,
    ) -> tuple[list[_Found], Span | None]:
        """The indirect speech of one turn of a sentence and where the next turn begins."""
        text = self.text
        region_start = sent.start
        # a quote closing inside the sentence starts a new clause
        closing = marked.last_end(sent.start, min(sent.end, verbs[0].start if verbs else 0))
        if closing is not None:
            region_start = max(region_start, closing)
        # a verb at or before region_start has no words before it to name a speaker
        for vi in range(bisect.bisect_right(starts, region_start), len(verbs)):
            verb = verbs[vi]
            sp = speaker_before(
                self.doc,
                region_start,
                verb.start,
                self.mentions,
                last_person,
                self._body_before(region_start),
                self._last_group,
            )
            if sp is None:
                inverted = self._inverted_frame(sent, verb, marked)
                if inverted is not None:
                    return [inverted], None
                continue
            relay: list[str] = []
            if sp.kind == "outlet":
                # "Reuters đưa tin, điện Kremlin đã cáo buộc ...": the outlet relays
                # a statement whose speaker heads the reported clause
                inner = self._relayed(verb.end, verbs, vi + 1)
                if inner is not None and sp.id is not None:
                    relay = [sp.id]
                    sp, verb = inner
            if verb.term.data.get("needs_that") and not _THAT_NEXT.match(text, verb.end):
                continue  # "recalled a discussion with …": a thing, not a statement
            start = self._content_start(verb.end, sent.end)
            # "cho biết, thông qua ảnh chụp …, lực lượng tìm kiếm đã phát hiện …": after a
            # complementiser the content's own adverbial opens it, not the speaking's
            opened = bool(_OPENED.search(text, verb.end, max(verb.end, start)))
            if not opened and self._opens_with_circumstance(start, sent.end):
                # "said on Monday that …": the content follows a late complementiser
                start = self._after_late_complementiser(start, sent.end)
            before = self._reported_before(region_start, verb, sp, sent, marked)
            if before is not None:
                return [before], None
            if (
                start < 0
                or (not opened and self._opens_with_circumstance(start, sent.end))
                or marked.covers(start)
            ):
                # "X nói với phóng viên", or "X nói: “…”" whose words are a direct quote
                return [], None
            end, rest = sent.end, None
            turn = self._next_speaker_turn(start, sent, verbs, starts, sp)
            if turn is not None:
                end = turn
                rest = Span(turn, sent.end)
            while end > start and text[end - 1] in _TRAILING:
                end -= 1
            if len(text[start:end].split()) < MIN_INDIRECT_WORDS:
                return [], rest
            via = outlets_in(text, sent.start, start, self.mentions, skip=sp.span)
            via = relay + [v for v in via if v not in relay]
            return [_Found(start, end, False, sp, verb.term.text, via)], rest
        return [], None

    def _inverted_frame(self, sent: Span, verb: TermHit, marked: Covering) -> _Found | None:
        """ "Russia's economy has entered a “death zone,” said Alexandra Prokopenko, a
        fellow at …": in a pack whose speaker may follow the verb, a closing ", said X"
        frames the words before it."""
        if not self.lex.speaker_after_verb or not self.lex.reported_before_frame:
            return None
        text = self.text
        comma = verb.start
        while comma > sent.start and text[comma - 1] in _CLOSING_GAP:
            comma -= 1
        if comma <= sent.start or text[comma - 1] != ",":
            return None
        stop = text.find(",", verb.end, sent.end)
        sp = speaker_in(self.doc, verb.end, stop if stop >= 0 else sent.end, self.mentions)
        if sp is None or sp.kind in ("place", "outlet") or self.text[verb.end : sp.span.start].count(" ") > 4:
            return None
        start, end = sent.start, comma - 1
        while start < end and text[start] in _LEADING:
            start += 1
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
        if len(text[start:end].split()) < MIN_INDIRECT_WORDS:
            return None
        via = outlets_in(text, sent.start, sent.end, self.mentions, skip=sp.span)
        return _Found(start, end, False, sp, verb.term.text, via)

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
        self, region_start: int, verb: TermHit, sp: Speaker, sent: Span, marked: Covering
    ) -> _Found | None:
        """ "Moscow is ready for talks, Lavrov said.": in a pack that reads it, the
        words before a closing frame are the speaker's."""
        if not self.lex.reported_before_frame:
            return None
        text = self.text
        if _more_words_than(text, verb.end, sent.end, 8, _WORD):
            return None  # the verb has content of its own after it
        start_after = self._content_start(verb.end, sent.end)
        if _more_words_than(text, start_after, sent.end, MIN_INDIRECT_WORDS - 1, _WORD) and (
            not self._opens_with_circumstance(start_after, sent.end)
        ):
            # "…, but economists say this reflects demographic pressures": a short
            # content of its own after the verb, not a circumstance ("said on Monday")
            return None
        tail = text[verb.end : sent.end]
        if "," in tail.strip(" .,"):
            return None
        # a speaker named outside the clause ("…, it said": the body quoted last) is
        # heard at its verb
        subject_at = sp.span.start if region_start <= sp.span.start < verb.start else verb.start
        comma = text.rfind(",", region_start, subject_at)
        if comma < 0 or text[comma + 1 : subject_at].count(" ") > 6:
            return None
        start, end = region_start, comma
        while start < end and text[start] in _LEADING:
            start += 1
        if len(text[start:end].split()) < MIN_INDIRECT_WORDS or marked.covers(start):
            return None
        via = outlets_in(text, sent.start, sent.end, self.mentions, skip=sp.span)
        return _Found(start, end, False, sp, verb.term.text, via)

    def _next_speaker_turn(
        self, start: int, sent: Span, verbs: list[TermHit], starts: list[int], speaker: Speaker
    ) -> int | None:
        """Where a clause with another speaker and reporting verb begins after
        ``start`` (the offset just past its clause break), or None.

        The breaks are found once, as the verbs come (``_LastMatch``), and only the
        words up to the limit are counted: searching from ``start`` to every verb
        made a long sentence cost its length times its verbs."""
        breaks = _LastMatch(pattern(self.lang, "turn"), self.text, start, sent.end)
        for k in range(bisect.bisect_right(starts, start), len(verbs)):
            verb = verbs[k]
            last = breaks.before(verb.start)
            if last is None:
                continue
            turn = last.end()
            if _more_words_than(self.text, turn, verb.start, MAX_TURN_WORDS):
                continue
            other = speaker_before(self.doc, turn, verb.start, self.mentions)
            if other is not None and other.id != speaker.id:
                return turn
        return None

    def _relayed(
        self, start: int, verbs: list[TermHit], first: int
    ) -> tuple[Speaker, TermHit] | None:
        """The first non-outlet speaker of a reporting verb from ``verbs[first]`` on, and
        that verb."""
        for k in range(first, len(verbs)):
            verb = verbs[k]
            sp = speaker_before(self.doc, start, verb.start, self.mentions)
            if sp is not None and sp.kind != "outlet":
                return sp, verb
        return None

    def _opens_with_circumstance(self, start: int, limit: int) -> bool:
        hits = self.lex.circumstance_openers.find(self.text, start, min(limit, start + 15))
        return bool(hits) and hits[0].start == start

    def _content_start(self, pos: int, limit: int) -> int:
        text = self.text
        # matched in place, not on a copy of the rest of the sentence
        particle = _PARTICLE.match(text, pos, max(pos, limit))
        if particle and particle.group(1).casefold() in self.lex.verb_particles:
            pos = particle.end()
        # "nói với X rằng ...": an addressee comes before the complementiser
        window = text[pos : min(limit, pos + 80)]
        rang = _ADDRESSEE_THEN_RANG.match(window)
        if rang:
            pos += rang.end()
        while pos < limit and text[pos] in _LEADING:
            pos += 1
        word = _WORD.match(text, pos, max(pos, limit))
        if word and word.group(0).casefold() in self.lex.complementisers:
            pos = word.end()
        while pos < limit and text[pos] in _LEADING:
            pos += 1
        return pos

    def _theo_person(self, sent: Span, marked: Covering) -> _Found | None:
        """'Theo ông X, ...': the rest of the sentence is X's view."""
        text = self.text
        # matched on the sentence itself: the pattern's "^" holds at a string's start
        # only, so matched at an offset it missed every "Theo X," after a full stop
        m = pattern(self.lang, "source_opening").match(text[sent.start : sent.end])
        if m is None:
            return self._source_closing(sent, marked)
        opened = sent.start + m.end()
        comma = text.find(",", opened, sent.end)
        if comma < 0:
            return None
        sp = speaker_in(self.doc, opened, comma, self.mentions)
        if sp is None or sp.kind == "place":
            return None
        start = comma + 1
        end = sent.end
        while start < end and text[start] in _LEADING:
            start += 1
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
        if len(text[start:end].split()) < MIN_INDIRECT_WORDS or marked.covers(start):
            return None
        return _Found(start, end, False, sp, "theo")

    def _source_closing(self, sent: Span, marked: Covering) -> _Found | None:
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
        if len(text[start:end].split()) < MIN_INDIRECT_WORDS or marked.covers(start):
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

    def _line_start(self, pos: int) -> int:
        """``text.rfind("\\n", 0, pos) + 1`` by bisection over the text's line breaks, found
        once (a search back for every quote made a long paragraph quadratic)."""
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self.text)]
        i = bisect.bisect_left(self._newlines, pos) - 1
        return self._newlines[i] + 1 if i >= 0 else 0

    def _paragraph_theo(self, sent: Span) -> list[str]:
        """A "Theo X," opening its paragraph applies to the whole paragraph."""
        para_start = self._line_start(sent.start)
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


_WORD = re.compile(r"\w+")


def _qualifies(text: str, m: PlacedMention, nouns: frozenset[str]) -> bool:
    """Does the name only qualify a noun: a possessive after it, or a noun of the
    pack's ``qualified_by`` just after it ("Trump administration") or before it
    ("chính quyền Trump")?"""
    after = text[m.end : m.end + 30]
    if after.startswith(("'s", "’s")):
        return True
    following = _WORD.match(after.lstrip())
    before = _WORD.findall(text[max(0, m.start - 30) : m.start])
    return bool(following and following.group(0).casefold() in nouns) or bool(
        before and " ".join(before[-2:]).casefold() in nouns
    )
_THAT_NEXT = re.compile(r"\s+(?:rằng|that)(?!\w)", re.IGNORECASE)
# A comma, colon or "rằng"/"that" between a reporting verb and its content.
_OPENED = re.compile(r"[,:]|(?<!\w)(?:rằng|that)(?!\w)", re.IGNORECASE)
_NON_SPACE = re.compile(r"\S+")
_PARTICLE = re.compile(r"\s+(\w+)")


def _more_words_than(
    text: str, start: int, end: int, limit: int, word: re.Pattern[str] = _NON_SPACE
) -> bool:
    """``len(word.findall(text[start:end])) > limit`` (by default ``len(text[start:end].split())``),
    reading only as far as the word after the limit."""
    for count, _ in enumerate(word.finditer(text, start, max(start, end)), start=1):
        if count > limit:
            return True
    return False


class _LastMatch:
    """The last match of ``pattern.finditer(text, start, end)`` for ends asked in rising
    order (the verbs of a sentence), from one search of the sentence: a match ending
    TURN_LOOK_PAST before ``end`` is the same in both searches, so only the stretch after
    the last such match is searched again for each end."""

    def __init__(self, pattern: re.Pattern[str], text: str, start: int, limit: int) -> None:
        self.pattern, self.text, self.start = pattern, text, start
        self._ahead = pattern.finditer(text, start, limit)
        self._next = next(self._ahead, None)
        self._settled: re.Match[str] | None = None
        self._resume = start
        self._asked = start

    def before(self, end: int) -> re.Match[str] | None:
        if end < self._asked:  # not in rising order: the whole search
            return _last(self.pattern.finditer(self.text, self.start, end), None)
        self._asked = end
        nxt = self._next
        while nxt is not None and nxt.end() > nxt.start() and nxt.end() + TURN_LOOK_PAST < end:
            self._settled, self._resume = nxt, nxt.end()
            nxt = self._next = next(self._ahead, None)
        if nxt is None or nxt.start() >= end:
            # no match of the whole search starts before ``end``; one cut short by it
            # (a closing \b met at the end) starts within TURN_LOOK_PAST of it
            near = max(self._resume, end - TURN_LOOK_PAST)
            if self.pattern.search(self.text, near, end) is None:
                return self._settled
        return _last(self.pattern.finditer(self.text, self._resume, end), self._settled)


def _last(matches: Iterator[re.Match[str]], default: re.Match[str] | None) -> re.Match[str] | None:
    last = default
    for m in matches:
        last = m
    return last


def _resolve_overlaps(direct: list[_Found], indirect: list[_Found]) -> list[_Found]:
    """A quoted fragment inside indirect speech belongs to it; a direct quote
    that fills most of an indirect quote's content replaces it."""
    keep_indirect: list[_Found] = []
    dropped_direct: set[int] = set()
    # the direct quotes by start, for a bisection per indirect quote (a scan of them all
    # for each made an article of many quotes quadratic)
    order = sorted(range(len(direct)), key=lambda i: direct[i].start)
    starts = [direct[i].start for i in order]
    for ind in indirect:
        lo = bisect.bisect_left(starts, ind.start)
        hi = bisect.bisect_right(starts, ind.end + 1)
        inner = sorted(
            (i, direct[i]) for i in order[lo:hi] if direct[i].end <= ind.end + 1
        )
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
