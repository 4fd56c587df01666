"""The bundled example corpus (examples/): every file reads, every format is there."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pactwatch.document import Document
from pactwatch.ingest.readers import read_path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _read_all() -> list[tuple[Path, list[Document]]]:
    return [(path, read_path(path)) for path in sorted(EXAMPLES.iterdir()) if path.is_file()]


def test_every_example_reads_as_vietnamese_with_zones() -> None:
    articles = [doc for _, docs in _read_all() for doc in docs]
    assert len(articles) >= 12
    for doc in articles:
        assert doc.language == "vi", doc.source_path
        assert doc.zones and any(z.kind == "body" for z in doc.zones), doc.source_path
        assert doc.outlet or doc.title, doc.source_path


def test_examples_cover_every_format_and_encoding() -> None:
    formats: Counter[str] = Counter()
    encodings: set[str] = set()
    for _, docs in _read_all():
        for doc in docs:
            formats[doc.meta["format"]] += 1
            encodings.add(doc.meta["encoding"])
    assert {"txt", "md", "html", "jsonl"} <= set(formats)
    assert formats["jsonl"] >= 2
    assert {"vni", "utf-16-le-bom"} <= encodings


def test_example_dates_spread_over_2023_to_2026() -> None:
    years = {path.name[:4] for path, _ in _read_all()}
    stated = {doc.published[:4] for _, docs in _read_all() for doc in docs if doc.published}
    assert {"2023", "2024", "2025", "2026"} <= years
    assert {"2023", "2024", "2025", "2026"} <= stated
