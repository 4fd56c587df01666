"""``ingest --jobs N`` (pactwatch.ingest.parallel) and the batched writes under it:
the same database as one process, each article still whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from pactwatch.document import Document
from pactwatch.ingest.batch import ingest_paths
from pactwatch.ingest.parallel import fork_available
from pactwatch.store import Store, open_store

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "store"
needs_fork = pytest.mark.skipif(not fork_available(), reason="forked workers (POSIX)")


def pile(folder: Path, n: int) -> Path:
    """``n`` distinct articles, one bad file and one copy of the first."""
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))]
    for i in range(n):
        (folder / f"bai_{i:03d}.txt").write_text(
            texts[i % len(texts)] + f"\nBản tin số {i}.\n", encoding="utf-8")
    (folder / "copy.txt").write_text(texts[0] + "\nBản tin số 0.\n", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


@pytest.fixture
def store(db_target: str) -> Store:
    s = open_store(db_target)
    yield s  # type: ignore[misc]
    s.close()


def outcomes(store: Store, run_id: int) -> list[tuple[str, str, str | None]]:
    return [(f["path"], f["status"], f["doc_id"]) for f in store.run_files(run_id)]


@needs_fork
def test_jobs_store_what_one_process_stores(tmp_path: Path, store: Store) -> None:
    folder = pile(tmp_path / "pile", 12)
    serial_store = open_store(tmp_path / "serial.db")
    serial = ingest_paths([folder], serial_store, jobs=1)
    parallel = ingest_paths([folder], store, jobs=2)
    assert parallel.counts() | {"seconds": 0} == serial.counts() | {"seconds": 0}
    # a copy met in the same run is analysed by its worker (one run does not know another)
    assert parallel.sentences >= serial.sentences > 0
    assert outcomes(store, parallel.run_id) == outcomes(serial_store, serial.run_id)
    assert store.counts() == serial_store.counts()
    for row in serial_store.list_documents(limit=100):
        assert store.get_record(row["id"]) == serial_store.get_record(row["id"])
    assert store.verify() == []
    serial_store.close()


@needs_fork
def test_a_second_run_with_jobs_finds_every_article_stored(tmp_path: Path,
                                                            store: Store) -> None:
    folder = pile(tmp_path / "pile", 6)
    first = ingest_paths([folder], store, jobs=2)
    again = ingest_paths([folder], store, jobs=2)
    assert first.stored == 6 and first.duplicates == 1
    assert again.stored == 0 and again.duplicates == 7 and again.sentences == 0


@needs_fork
def test_workers_sign_what_the_story_update_would_sign(tmp_path: Path, store: Store) -> None:
    """Signatures made by the workers are those of the stored records, and the stories
    made from them are the stories the update makes when it signs the articles itself."""
    from pactwatch.stories.build import signature_row, update_stories

    folder = pile(tmp_path / "pile", 12)
    run = ingest_paths([folder], store, jobs=2, sign=True)
    assert sorted(run.signatures) == sorted(store.unsigned_documents())
    for doc_id, row in run.signatures.items():
        assert row == signature_row(store.get_record(doc_id) or {})
    itself = open_store(tmp_path / "itself.db")
    ingest_paths([folder], itself, jobs=2)
    with_rows, without = update_stories(store, signed=run.signatures), update_stories(itself)
    assert (with_rows.signed, with_rows.stories) == (without.signed, without.stories)
    assert ([(s["id"], s["size"]) for s in store.list_stories(limit=100)]
            == [(s["id"], s["size"]) for s in itself.list_stories(limit=100)])
    itself.close()


def article(text: str) -> Document:
    return Document(text=text, source_path=f"{abs(hash(text))}.txt")


def test_a_failed_save_in_a_batch_undoes_only_that_article(store: Store,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    good, bad, later = (article(f"Bài số {i} về hiệp ước.") for i in range(3))

    def broken(doc: Document) -> None:
        raise RuntimeError("index failed")

    with store.write_batch():
        store.save_document(good)
        with monkeypatch.context() as m:
            m.setattr(store, "_index_document", broken)
            with pytest.raises(RuntimeError):
                store.save_document(bad)
        store.save_document(later)
    assert store.has_document(good.id) and store.has_document(later.id)
    assert not store.has_document(bad.id)
    assert store.verify() == []


def test_a_batch_ended_by_an_interrupt_keeps_the_whole_articles(store: Store) -> None:
    saved = [article(f"Tin số {i} về viện trợ.") for i in range(3)]
    with pytest.raises(KeyboardInterrupt), store.write_batch(articles=2):
        for doc in saved:
            store.save_document(doc)
        raise KeyboardInterrupt
    assert all(store.has_document(d.id) for d in saved)
