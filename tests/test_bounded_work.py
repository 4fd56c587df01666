"""Work bounded by the text: each construction that made one long text superlinear
(issue 16) is read through an index or a window now. Each test checks the algorithm's
bound by counting what it reads, never by timing it, and checks that the fast reading
answers as the plain scan it replaced did (the scan is written out here as the
reference). Speed itself is measured in ``benchmarks/scaling.py``.
"""

from __future__ import annotations

import random
import re

import pytest

from pactwatch.document import Span
from pactwatch.extract import attribution, commitment_parties, quotes
from pactwatch.extract import clauses as clauses_module
from pactwatch.extract import events as events_module
from pactwatch.extract.attribution import _chunks, pattern
from pactwatch.extract.commitment_parties import (
    GENERIC_SUBJECT,
    PartyMention,
    _is_agent,
    _side_from,
    agents,
    clauses,
    in_span,
    nearest_before,
    requested_from,
)
from pactwatch.extract.commitments import (
    ANAPHOR,
    RECEIVE_VERB,
    REQUEST_VERB,
    _FromSentenceStart,
)
from pactwatch.extract.context import Covering, MentionIndex
from pactwatch.extract.lexicon import Term, TermHit, clause_cues
from pactwatch.extract.quotes import _LastMatch, _more_words_than
from pactwatch.ingest.build import document_from_parts
from pactwatch.pipeline import build_pipeline
from pactwatch.times import patterns as time_patterns

# -- the agent of a commitment cue: one index per sentence ------------------------------

PARTIES = {"Mỹ": "country:USA", "Nga": "country:RUS", "Ukraine": "country:UKR", "NATO": "organization:nato"}
WORDS = ["cung cấp", "vũ khí", "cho", "tới", "và", "các nước", "những quốc gia", "khẳng định",
         "rằng", "cam kết", "bảo vệ", "ở", "từ", "nói", "hỗ trợ"]
SEPARATORS = [" ", " ", " ", ", ", "; ", " - "]


def _agents_scan(text: str, mentions: list[PartyMention], sentence: Span, anchor: int) -> list[str]:
    """The reading before the index (a whole-sentence split and walk back per cue)."""
    parts = clauses(text, sentence)
    here = next((i for i, c in enumerate(parts) if c.start <= anchor <= c.end), len(parts) - 1)
    windows = [Span(parts[here].start, anchor)] + list(reversed(parts[:here]))
    windows.append(Span(anchor, parts[here].end))
    generic = False
    for window in windows:
        if generic and window is not windows[-1]:
            continue
        local = in_span(mentions, window)
        head = text[window.start : max(window.start, min(anchor, window.end))]
        if not local and GENERIC_SUBJECT.search(head):
            generic = True
            continue
        for i, m in enumerate(local):
            if not _is_agent(text, m, window.start):
                continue
            side = _side_from(text, local, i)
            last = max(x.end for x in local if x.party in side and x.start >= m.start)
            if last <= anchor and GENERIC_SUBJECT.search(text, last, anchor):
                return []
            return side
    return []


def _random_sentence(rng: random.Random, tokens: int) -> tuple[str, list[PartyMention], list[int]]:
    text, mentions, starts = "", [], []
    for _ in range(tokens):
        if text:
            text += rng.choice(SEPARATORS)
        word = rng.choice([*PARTIES, *WORDS, *WORDS])
        starts.append(len(text))
        if word in PARTIES:
            party = PARTIES[word]
            mentions.append(PartyMention(len(text), len(text) + len(word), party, party.split(":")[0]))
        text += word
    return text, mentions, starts


def test_agents_answer_as_the_whole_sentence_scan_did() -> None:
    rng = random.Random(16)
    for _ in range(400):
        text, mentions, starts = _random_sentence(rng, rng.randrange(1, 40))
        sentence = Span(0, len(text))
        for anchor in starts:
            try:
                want = _agents_scan(text, mentions, sentence, anchor)
            except IndexError:  # the scan failed on a sentence of break words only
                want = []
            assert agents(text, mentions, sentence, anchor) == want, (text, anchor)


def _chain_sentence(clauses_count: int) -> tuple[str, list[PartyMention], list[int]]:
    """ "Nga cam kết cung cấp vũ khí cho Ukraine, cam kết cung cấp vũ khí cho Ukraine, …":
    every clause's only party is a recipient, so every cue's agent is the first word."""
    text = "Nga"
    mentions = [PartyMention(0, 3, "country:RUS", "country")]
    cues = []
    for _ in range(clauses_count):
        text += ", "
        cues.append(len(text))
        text += "cam kết cung cấp vũ khí cho "
        mentions.append(PartyMention(len(text), len(text) + 7, "country:UKR", "country"))
        text += "Ukraine"
    return text, mentions, cues


def test_each_clause_is_read_once_for_all_the_cues_after_it(monkeypatch: pytest.MonkeyPatch) -> None:
    reads = []
    original = commitment_parties._clause_outcome
    monkeypatch.setattr(
        commitment_parties, "_clause_outcome",
        lambda *args: reads.append(1) or original(*args),
    )
    for n in (200, 400):
        reads.clear()
        text, mentions, cues = _chain_sentence(n)
        sentence = Span(0, len(text))
        assert {tuple(agents(text, mentions, sentence, c)) for c in cues} == {("country:RUS",)}
        # the cue's own clause, the clause after it, and each clause before once in all
        # (the scan read every clause before every cue: n * n / 2)
        assert len(reads) <= 3 * n + 2


def test_a_clause_of_names_is_read_up_to_its_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "cho Mỹ và Nga và Mỹ và …" with a cue after each name: a cue reads at most
    CLAUSE_MENTIONS mentions of its clause, not all of them."""
    text, mentions = "Hội nghị cho", []
    for k in range(2_000):
        text += " Mỹ" if k % 2 else " Nga"
        mentions.append(PartyMention(len(text) - (2 if k % 2 else 3), len(text),
                                     "country:USA" if k % 2 else "country:RUS", "country"))
        text += " và"
    checks = []
    original = commitment_parties._is_agent
    monkeypatch.setattr(commitment_parties, "_is_agent",
                        lambda *args: checks.append(1) or original(*args))
    sentence = Span(0, len(text))
    anchors = [m.end + 1 for m in mentions[::50]]
    for anchor in anchors:
        agents(text, mentions, sentence, anchor)
    assert len(checks) <= 2 * commitment_parties.CLAUSE_MENTIONS * len(anchors)


def test_party_lookups_by_bisection_answer_as_the_scans_did() -> None:
    rng = random.Random(3)
    for _ in range(300):
        text, mentions, starts = _random_sentence(rng, rng.randrange(1, 30))
        sentence = Span(0, len(text))
        for offset in starts + [len(text)]:
            before = [m for m in mentions if sentence.start <= m.start and m.end <= offset]
            before = [m for m in before if m.kind != "organization"]
            assert nearest_before(text, mentions, sentence, offset) == ([before[-1].party] if before else [])
            following = [m for m in mentions if offset <= m.start <= offset + 4]
            expected = _side_from(text, mentions, mentions.index(following[0])) if following else []
            assert requested_from(text, mentions, offset) == expected


# -- searches from the sentence's start, and the last break before each verb -------------

def _random_text(rng: random.Random, words: list[str], size: int) -> str:
    alphabet = [*words, " ", " ", ", ", "x", "nhận", "được", "a", "\n", "  "]
    return "".join(rng.choice(alphabet) for _ in range(size))


@pytest.mark.parametrize(
    "pattern_",
    [REQUEST_VERB, RECEIVE_VERB, ANAPHOR, clause_cues("vi").subordinate, clause_cues("en").subordinate],
)
def test_search_from_the_sentence_start_answers_as_the_search(pattern_: re.Pattern[str]) -> None:
    rng = random.Random(5)
    words = ["kêu gọi", "yêu cầu", "đề nghị", "hối thúc", "đòi", "nhận được", "được nhận",
             "đổi lại nhận", "nước này", "quốc gia này", "Quốc Gia Này", "khi", "sau khi",
             "kể từ  khi", "when", "after", "since", "as"]
    for _ in range(300):
        text = _random_text(rng, words, rng.randrange(0, 80))
        sentence = Span(rng.randrange(0, len(text) // 3 + 1), len(text))
        fast = _FromSentenceStart(pattern_, text, sentence)
        for end in range(sentence.start, sentence.end + 1, max(1, len(text) // 25)):
            want = pattern_.search(text, sentence.start, end)
            got = fast.search(end)
            assert (got and got.span()) == (want and want.span()), (text, end)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_last_break_before_each_verb_answers_as_the_search(lang: str) -> None:
    turn = pattern(lang, "turn")
    rng = random.Random(7)
    words = ["nhưng", "song", "tuy nhiên", "trong khi", "còn", "but", "while", "whereas", "and",
             ";", ",", "rằng"]
    for _ in range(300):
        text = _random_text(rng, words, rng.randrange(0, 120))
        start = rng.randrange(0, len(text) // 2 + 1)
        breaks = _LastMatch(turn, text, start, len(text))
        for end in sorted(rng.randrange(start, len(text) + 1) for _ in range(12)):
            want = None
            for m in turn.finditer(text, start, end):
                want = m
            got = breaks.before(end)
            assert (got and got.span()) == (want and want.span()), (text, start, end)


def test_a_sentence_of_many_speakers_is_read_turn_by_turn(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each turn once read the next one by recursion (1,600 turns overflowed the stack)
    and searched for breaks from its start to every later verb."""
    piece = "ông Putin nói Nga sẽ bảo vệ đồng minh của mình, còn ông Trump cho biết Mỹ sẽ rút quân"
    calls = []
    original = quotes.speaker_before
    monkeypatch.setattr(quotes, "speaker_before",
                        lambda *args, **kw: calls.append(1) or original(*args, **kw))
    for n in (400, 800):
        calls.clear()
        text = ("Tổng thống Nga Vladimir Putin và Tổng thống Mỹ Donald Trump gặp nhau. "
                + ", còn ".join([piece] * n) + ".")
        doc = build_pipeline(["segment", "actors", "times", "quotes"])(
            document_from_parts([("body", text)], language="vi")
        )
        assert len(doc.quotes) == 2 * n
        assert len(calls) <= 4 * 2 * n  # a few per verb, not one per verb per turn


def test_speaker_pieces_are_read_from_the_verb_back(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(11)
    for _ in range(2000):
        n = rng.randrange(0, 1200)
        text = "".join(rng.choice("ab ,;:" if rng.random() < 0.5 else "abcd  ") for _ in range(n))
        start, end = rng.randrange(0, n + 1), rng.randrange(0, n + 1)
        whole = _chunks(text, start, end)
        assert _chunks(text, start, end, attribution.CHUNKS_READ) == whole[: attribution.CHUNKS_READ]

    scanned = []

    class Counting:
        def finditer(self, text: str, pos: int, endpos: int):  # type: ignore[no-untyped-def]
            scanned.append(endpos - pos)
            return re.finditer(r"[,;:]", text[pos:endpos])

    monkeypatch.setattr(attribution, "_CHUNK_BREAK", Counting())
    text = "Ông Putin, ông Trump, ông Macron " + "và các bên đã cho biết, " * 5000
    for verb in range(1_000, len(text), 1_000):
        _chunks(text, 0, verb, attribution.CHUNKS_READ)
    assert max(scanned) <= 256  # the last pieces only, not the region from its start


def test_words_are_counted_only_up_to_the_limit() -> None:
    rng = random.Random(2)
    for _ in range(500):
        text = "".join(rng.choice("ab \n\t,") for _ in range(rng.randrange(0, 60)))
        start, end = rng.randrange(0, len(text) + 1), rng.randrange(0, len(text) + 1)
        for limit in (0, 3, 8):
            assert _more_words_than(text, start, end, limit) == (len(text[start:end].split()) > limit)


# -- spans asked "which holds this offset" --------------------------------------------------

def test_covering_answers_as_the_scan() -> None:
    rng = random.Random(9)
    for _ in range(300):
        spans = [Span(a, a + rng.randrange(0, 30)) for a in (rng.randrange(0, 200) for _ in range(rng.randrange(0, 12)))]
        cover = Covering(spans)
        for pos in range(-2, 235):
            assert cover.covers(pos) == any(s.start <= pos < s.end for s in spans)
            lo = pos - rng.randrange(0, 40)
            ends = [s.end for s in spans if lo <= s.end <= pos]
            assert cover.last_end(lo, pos) == (max(ends) if ends else None)


# -- time windows ------------------------------------------------------------------------------

def _windows_scan(gate: re.Pattern[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    windows: list[tuple[int, int]] = []
    for hit in gate.finditer(text, start, end):
        left = max(start, hit.start() - time_patterns._LEAD)
        if left > start:
            left = max(text.rfind(" ", start, left), text.rfind("\n", start, left), start - 1) + 1
        right = min(end, hit.end() + time_patterns._TAIL)
        cuts = [c for c in (text.find(" ", right, end), text.find("\n", right, end)) if c >= 0]
        right = min(cuts) if cuts else end
        if windows and left <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], right))
        else:
            windows.append((left, right))
    return windows


def test_time_windows_answer_as_the_scan_and_read_near_their_hits(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(4)
    gate = re.compile(r"\d/\d")
    for _ in range(2000):
        n = rng.randrange(0, 600)
        rate = rng.choice([0.0, 0.02, 0.2])
        text = "".join(rng.choice(" \n") if rng.random() < rate else rng.choice("ab1/2") for _ in range(n))
        start, end = sorted((rng.randrange(0, n + 1), rng.randrange(0, n + 1)))
        assert time_patterns._windows(gate, text, start, end) == _windows_scan(gate, text, start, end)

    searched = []
    for name in ("_last_cut", "_first_cut"):
        original = getattr(time_patterns, name)

        def counting(text: str, a: int, b: int, original=original) -> int:  # type: ignore[no-untyped-def]
            searched.append(max(0, b - a))
            return original(text, a, b)

        monkeypatch.setattr(time_patterns, name, counting)
    text = "12/3/2025," * 20_000  # dates without a space between them
    time_patterns._windows(gate, text, 0, len(text))
    # one search runs to the end of the text; every later one stays near its hit (each
    # hit searched back to the start and on to the end: the text's length per date)
    assert len(searched) >= 10_000
    assert sum(1 for width in searched if width > 200) <= 2


# -- events: headlines and merged mentions ----------------------------------------------------

def _is_headline_scan(text: str, sent: Span) -> bool:
    line_start = text.rfind("\n", 0, sent.start) + 1
    line_end = text.find("\n", sent.end)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end].strip()
    return (
        line == text[sent.start : sent.end].strip()
        and len(line.split()) <= events_module.MAX_HEADLINE_WORDS
        and not line.endswith((".", "!", "?", "…", ":", '"', "”"))
        and line_end < len(text)
    )


def test_headline_lines_are_read_from_the_sentence_out() -> None:
    rng = random.Random(8)
    for _ in range(2000):
        text = "".join(rng.choice(["a", "b ", " ", "\n", ".", "c d e", "  "]) for _ in range(rng.randrange(1, 40)))
        doc = document_from_parts([("body", text)])
        if not doc.text:
            continue
        a, b = sorted((rng.randrange(0, len(doc.text)), rng.randrange(0, len(doc.text) + 1)))
        while a < b and doc.text[a].isspace():
            a += 1
        while b > a and doc.text[b - 1].isspace():
            b -= 1
        sent = Span(a, b)
        assert events_module._is_headline(doc, sent) == _is_headline_scan(doc.text, sent), (doc.text, a, b)


def test_a_happening_told_again_is_compared_with_each_distinct_telling_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    compared = []
    original = events_module._same_happening
    monkeypatch.setattr(events_module, "_same_happening",
                        lambda kept, ev, kept_mentions: compared.append(len(kept_mentions))
                        or original(kept, ev, kept_mentions))
    sentence = "Ngày 12/3/2025, Tổng thống Nga Vladimir Putin hội đàm với Tổng thống Mỹ Donald Trump tại Moskva. "
    doc = document_from_parts([("body", sentence * 300)], language="vi")
    build_pipeline()(doc)
    assert compared and max(compared) <= 3  # the same parties each time: one set, not 300


# -- the location of a predicate: the sentence's candidates found once --------------------

def _location_scan(text, sentence, trigger, mentions, lang):  # type: ignore[no-untyped-def]
    """The reading before: every mention within reach, for every predicate."""
    cues = clauses_module.event_lexicon(lang).location_cues
    visit = trigger.term.data.get("mode") == "visit"
    best = None
    near = mentions.within(
        max(sentence.start, trigger.start - clauses_module.MAX_CLAUSE_REACH),
        min(sentence.end, trigger.end + clauses_module.MAX_CLAUSE_REACH),
    )
    for m in near:
        if m.kind not in ("place", "country", "government_body"):
            continue
        before = re.findall(r"\w+", text[max(sentence.start, m.start - 12) : m.start])
        if not before:
            continue
        cue = before[-1].casefold()
        if cue not in cues or (cue in ("đến", "tới", "sang") and not visit):
            continue
        distance = abs(m.start - trigger.end)
        if best is None or distance < best[0]:
            best = (distance, m)
    return (None, []) if best is None else (best[1].actor_id, [best[1]])


def test_locations_answer_as_the_scan_of_every_mention_within_reach(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(12)
    pieces = ["tại Hà Nội", "ở Moskva", "tới Kiev", "sang Bắc Kinh", "đến Paris", "Nga", "Mỹ",
              "hội đàm", "gặp", "Bộ Quốc phòng Nga", "và", "tại Bộ Quốc phòng Nga", ","]
    build = build_pipeline(["segment", "actors"])
    monkeypatch.setattr(clauses_module, "MAX_CLAUSE_REACH", 60)  # windows smaller than the text
    for _ in range(60):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randrange(3, 40))) + "."
        doc = build(document_from_parts([("body", text)], language="vi"))
        mentions = MentionIndex(doc)
        sentence = Span(0, len(doc.text))
        for k in range(0, len(doc.text), 7):
            for mode in ("visit", None):
                trigger = TermHit(k, min(len(doc.text), k + 3), Term("x", {"mode": mode}))
                got = clauses_module._location(doc.text, sentence, trigger, mentions, "vi")
                assert got == _location_scan(doc.text, sentence, trigger, mentions, "vi"), (doc.text, k)
