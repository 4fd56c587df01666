"""Context of a commitment mention: its speaker, attribution chain, date and conditions."""

from __future__ import annotations

import re

from pactwatch.document import Document, Quote, Span
from pactwatch.extract.commitment_lexicon import Lexicon
from pactwatch.extract.lexicon import clause_cues, pack_language

# "Theo hãng tin RBC-Ukraine", "theo tờ The Telegraph", "... trích dẫn từ tờ Y"
ATTRIBUTION = re.compile(
    r"\b(?:theo|trích dẫn từ|trích đẫn từ|dẫn lời|dẫn nguồn|cho biết trên)\s+"
    r"(?:hãng tin|hãng thông tấn|hãng|tờ báo|tờ|báo|kênh|trang|đài|nguồn tin)?\s*",
    re.IGNORECASE,
)
# A condition clause ends at the next clause break.
CLAUSE_END = re.compile(r"[,;.!?\n]| nhưng | song ")
# A quotation closed in the paragraph, then the speaker: '", ông Zelensky cho hay.'
QUOTE_CLOSE = re.compile(r"[\"”»]\s*,?\s*-?\s*")


def quote_at(doc: Document, span: Span) -> Quote | None:
    for quote in doc.quotes:
        if quote.start <= span.start and span.end <= quote.end:
            return quote
    return None


def paragraph_of(text: str, offset: int) -> Span:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return Span(start, len(text) if end < 0 else end)


def outlets_in(doc: Document, span: Span) -> list[tuple[int, str]]:
    found = []
    for actor in doc.actors:
        if actor.kind != "outlet":
            continue
        found += [(m.start, actor.id) for m in actor.mentions if span.start <= m.start < span.end]
    return sorted(found)


def reported_via(doc: Document, sentence: Span, evidence: Span) -> list[str]:
    """The attribution chain, nearest first: the quote's chain, else "theo X" in the sentence,
    else the attribution that opens the paragraph."""
    quote = quote_at(doc, evidence)
    if quote is not None and quote.reported_via:
        return list(quote.reported_via)
    chain = _chain_in(doc, sentence)
    if chain:
        return chain
    paragraph = paragraph_of(doc.text, sentence.start)
    return (
        _chain_in(doc, Span(paragraph.start, sentence.start))
        if paragraph.start < sentence.start
        else []
    )


def _chain_in(doc: Document, span: Span) -> list[str]:
    text = doc.text
    outlets = outlets_in(doc, span)
    chain: list[str] = []
    for match in ATTRIBUTION.finditer(text, span.start, span.end):
        for start, outlet in outlets:
            if match.end() <= start <= match.end() + 3 and outlet not in chain:
                chain.append(outlet)
    # "theo X ... trích dẫn từ Y": X relays Y, so text order is nearest first
    return chain


def first_person_speaker(doc: Document, evidence: Span) -> str | None:
    """Actor id of whoever says "chúng tôi" around ``evidence``: the quote's speaker, else
    the first person named right after the quotation closes in the paragraph."""
    quote = quote_at(doc, evidence)
    if quote is not None and quote.speaker:
        return quote.speaker
    paragraph = paragraph_of(doc.text, evidence.start)
    close = QUOTE_CLOSE.search(doc.text, evidence.end, paragraph.end)
    if close is None:
        return None
    people = [
        (m.start, actor)
        for actor in doc.actors
        if actor.kind == "person"
        for m in actor.mentions
        if close.end() <= m.start <= close.end() + 20
    ]
    return min(people, key=lambda p: p[0])[1].id if people else None


CLAUSE_BREAK = re.compile(r"[,;:]\s|\s(?:nhưng|trong khi|song|tuy nhiên|khi|sau khi|trước khi)\s")


def date_of(doc: Document, sentence: Span, evidence: Span) -> str | None:
    """The date of a commitment told at ``evidence``: the date the clause layer
    read for the predication there, else the time nearest the evidence in its
    own clause that does not date a history or starting point."""
    for pred in doc.predications:
        if pred.clause.start <= evidence.start < pred.clause.end and pred.date:
            return pred.date
    since = clause_cues(pack_language(doc.language)).since
    start, end = sentence.start, sentence.end
    for m in CLAUSE_BREAK.finditer(doc.text, sentence.start, evidence.start):
        start = m.end()
    following = CLAUSE_BREAK.search(doc.text, evidence.end, sentence.end)
    if following is not None:
        end = following.start()
    # a short opener dates the whole sentence ("Ngày 14/12/2025, Mỹ tuyên bố …")
    opener = CLAUSE_BREAK.search(doc.text, sentence.start, sentence.end)
    opener_end = (
        opener.start()
        if opener is not None and len(doc.text[sentence.start : opener.start()].split()) <= 5
        else sentence.start
    )
    candidates = [
        t
        for t in doc.times
        if (start <= t.start < end or sentence.start <= t.start < opener_end)
        and t.value is not None
        # a time telling history or a starting point ("liên minh thành lập năm
        # 1949", "kể từ năm 2014") dates that history, never the commitment
        and not since.search(doc.text, max(sentence.start, t.start - 25), t.start)
    ]
    if not candidates:
        return None
    nearest = min(candidates, key=lambda t: abs(t.start - evidence.start))
    return nearest.value


def conditions_in(lexicon: Lexicon, text: str, sentence: Span) -> list[tuple[Span, str]]:
    """Condition clauses in the sentence with their spans ("với điều kiện Kiev chấp nhận ...")."""
    found = []
    for pattern in lexicon.conditions:
        for match in pattern.finditer(text, sentence.start, sentence.end):
            end_match = CLAUSE_END.search(text, match.end(), sentence.end)
            end = end_match.start() if end_match else sentence.end
            if "phê chuẩn" in match.group(0):
                end = match.end()  # "được Quốc hội Mỹ phê chuẩn" is a whole condition
            clause = text[match.start() : end].strip()
            if len(clause) > len(match.group(0)) or "phê chuẩn" in clause:
                found.append((Span(match.start(), end), clause))
    return found
