"""What only the PostgreSQL back end does: connecting, schemas, tsvector search with
unaccent, its limits (NUL, tsvector size), tampering found by verify, and several reader
processes while one process writes.

The shared behaviour (every query, duplicates, runs, properties) is tested on PostgreSQL
by tests/test_store.py, test_batch.py and test_cli_ingest.py through their back-end
parameters. Every test here skips unless ``$PACTWATCH_TEST_PG`` reaches a server.
"""

from __future__ import annotations

import importlib.util
import json
import os
import random
import string
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from pactwatch.errors import StoreError
from pactwatch.store import open_store
from pactwatch.store.dialect import POSTGRESQL, SQLITE
from pactwatch.store.postgres import SAFE_INDEX_CHARS, PostgresStore, redact
from test_store import aid_article, defence_article, plain_article

pytestmark = pytest.mark.postgres

REPO = Path(__file__).resolve().parents[1]
READER = Path(__file__).resolve().parent / "fixtures" / "store_postgres" / "reader.py"


def _psql(url: str, *statements: str) -> None:
    """Run statements on the store's database behind its back (as a bad tool might)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


# -- no server needed ------------------------------------------------------------------------

def test_dialect_rewrites_placeholders_and_escapes_percent() -> None:
    statement = "SELECT 1 FROM t WHERE a LIKE '%x' AND b = ? AND c = ?"
    assert POSTGRESQL.sql(statement) == "SELECT 1 FROM t WHERE a LIKE '%%x' AND b = %s AND c = %s"
    assert SQLITE.sql(statement) == statement
    assert "BIGSERIAL" in POSTGRESQL.ddl("id {serial_key}")


@pytest.mark.parametrize(("url", "shown"), [
    ("postgresql://me:s3cret@db.example:5432/news", "postgresql://me:***@db.example:5432/news"),
    ("postgresql://me@127.0.0.1/news", "postgresql://me@127.0.0.1/news"),
    ("postgres://me:p%40ss@h/n?sslmode=require", "postgres://me:***@h/n?sslmode=require"),
])
def test_passwords_never_reach_messages(url: str, shown: str) -> None:
    assert redact(url) == shown


def test_an_unreachable_server_is_a_one_line_store_error() -> None:
    # port 1 on loopback: nothing listens there, the refusal is immediate
    with pytest.raises(StoreError) as caught:
        open_store("postgresql://me:hunter2@127.0.0.1:1/news?connect_timeout=2")
    message = str(caught.value)
    assert caught.value.code == "E201"
    assert "cannot connect to PostgreSQL" in message and "\n" not in message
    assert "hunter2" not in message


# -- opening and schemas -----------------------------------------------------------------------

def test_reopening_keeps_data_and_applies_nothing(pg_url: str) -> None:
    with open_store(pg_url) as first:
        assert isinstance(first, PostgresStore)
        first.save_document(defence_article())
        applied = first.applied_migrations()
    with open_store(pg_url.replace("postgresql://", "postgres://", 1)) as second:
        assert second.migrate() == []
        assert second.applied_migrations() == applied
        assert second.count_documents() == 1


def test_each_schema_is_a_database_of_its_own(pg_schemas: Callable[[], str]) -> None:
    one, two = pg_schemas(), pg_schemas()
    with open_store(one) as a, open_store(two) as b:
        a.save_document(defence_article())
        assert (a.count_documents(), b.count_documents()) == (1, 0)
        assert b.search("hoa binh")["documents"] == []


def test_a_lost_connection_is_made_again_between_transactions(pg_url: str) -> None:
    with open_store(pg_url) as store:
        assert isinstance(store, PostgresStore)
        store.save_document(defence_article())
        backend = store._scalar("SELECT pg_backend_pid()")
        # what a server restart or an idle-connection reaper does to a long-lived `serve`
        _psql(pg_url, f"SELECT pg_terminate_backend({backend})")
        assert store.count_documents() == 1
        assert store._scalar("SELECT pg_backend_pid()") != backend
        _psql(pg_url, f"SELECT pg_terminate_backend({store._scalar('SELECT pg_backend_pid()')})")
        assert store.save_document(aid_article()).status == "stored"
        assert store.verify() == []


def test_aggregates_come_back_as_plain_numbers(pg_url: str) -> None:
    with open_store(pg_url) as store:
        assert isinstance(store, PostgresStore)
        average = store._scalar("SELECT AVG(n) FROM (VALUES (1), (2)) AS v(n)")
        total = store._scalar("SELECT SUM(n) FROM (VALUES (1::bigint), (2::bigint)) AS v(n)")
        assert (average, type(average)) == (1.5, float)
        assert (total, type(total)) == (3, int)
        json.dumps({"average": average, "total": total})  # servable as is


# -- search ------------------------------------------------------------------------------------

def test_search_folds_what_python_folding_leaves_to_unaccent(pg_url: str) -> None:
    with open_store(pg_url) as store:
        assert isinstance(store, PostgresStore)
        if store._scalar("SELECT 1 FROM pg_extension WHERE extname = 'unaccent'") is None:
            pytest.skip("the unaccent extension is not installed (postgresql-contrib)")
        doc = plain_article("Phái đoàn tới Łódź và Tromsø bàn về hòa bình.", path="pl.txt")
        store.save_document(doc)
        # ł and ø have no Unicode decomposition: Python's fold keeps them, unaccent does not
        for query in ("lodz", "tromso", "Łódź", "hoa binh", "HÒA BÌNH"):
            assert [d["id"] for d in store.search(query)["documents"]] == [doc.id], query
        # words of a query match side by side, as a phrase (both back ends)
        assert store.count_documents(q="tromso ban") == 1
        assert store.count_documents(q="lodz tromso") == 0
        assert store.count_documents(q="lodz warszawa") == 0


def test_a_text_too_big_for_one_tsvector_is_still_stored_and_found(pg_url: str) -> None:
    rng = random.Random(7)
    # random five-letter words: ~2 MB of lexemes, twice what one tsvector may hold
    junk = " ".join("".join(rng.choices(string.ascii_lowercase, k=5)) for _ in range(200_000))
    body = "Mở đầu: hòa bình ở Biển Đông. " + junk + " kết thúc zzzyx."
    assert len(body) > SAFE_INDEX_CHARS
    doc = plain_article(body, path="huge.txt")
    with open_store(pg_url) as store:
        assert store.save_document(doc).status == "stored"
        assert store.get_record(doc.id) is not None
        assert store.count_documents(q="bien dong") == 1  # within the indexed start
        assert store.verify() == []


def test_text_postgresql_cannot_hold_fails_that_article_only(pg_url: str) -> None:
    with open_store(pg_url) as store:
        with pytest.raises(StoreError) as caught:
            store.save_document(plain_article("Một bài có ký tự \x00 lạ.", path="nul.txt"))
        assert caught.value.code == "E206" and "\n" not in str(caught.value)
        assert store.counts()["documents"] == 0
        assert store.save_document(defence_article()).status == "stored"
        assert store.verify() == []


def test_date_ranges_hold_under_a_collation_that_skips_punctuation(pg_url: str) -> None:
    # Many servers sort text by a language collation (en_US.UTF-8), which ignores "-" and
    # "~" at first: there "2024-05-20" sorts after "2024-05~". An ICU collation with
    # alternate=shifted does the same on any machine.
    _psql(pg_url,
          "CREATE COLLATION skip_punct (provider = icu, locale = 'und-u-ka-shifted')")
    with open_store(pg_url) as store:
        assert isinstance(store, PostgresStore)
        assert store._scalar("SELECT '2024-05-20' < '2024-05~' COLLATE skip_punct") is False
        for i, day in enumerate(["2024-05-20", "2024-05", "2024", "2024-06-01", "2023-12-31"]):
            store.save_document(plain_article(f"Bài {i} về an ninh.", path=f"{i}.txt",
                                              published=day))
    _psql(pg_url, "ALTER TABLE documents ALTER COLUMN period TYPE TEXT COLLATE skip_punct")
    with open_store(pg_url) as store:
        until_may = {d["date"] for d in store.list_documents(date_to="2024-05")}
        assert until_may == {"2024-05-20", "2024-05", "2024", "2023-12-31"}
        from_20 = {d["date"] for d in store.list_documents(date_from="2024-05-20")}
        assert from_20 == {"2024-05-20", "2024-05", "2024", "2024-06-01"}
        assert store.count_documents(date_from="2024-05", date_to="2024-05") == 3


# -- integrity ---------------------------------------------------------------------------------

def test_verify_reports_broken_articles(pg_url: str) -> None:
    doc = defence_article()
    with open_store(pg_url) as store:
        store.save_document(doc)
        store.save_document(aid_article())
    _psql(pg_url,
          "DELETE FROM quotes",
          "UPDATE documents SET text = text || ' thêm' WHERE n_quotes > 0",
          "ALTER TABLE times DROP CONSTRAINT times_doc_id_fkey",
          "INSERT INTO times (doc_id, start_offset, end_offset, text, anchor)"
          " VALUES ('ffffffffffffffff', 0, 1, 'x', 'absolute')",
          "DELETE FROM documents_search WHERE doc_id IN (SELECT id FROM documents WHERE n_quotes = 0)")
    with open_store(pg_url) as store:
        problems = store.verify()
    assert any(p.startswith("times: 1 rows belong to no stored document") for p in problems)
    assert f"{doc.id}: n_quotes does not match its quotes rows" in problems
    assert f"{doc.id}: text does not hash to the document id" in problems
    assert "quotes_search: 1 rows indexed for 0 quotes" in problems
    assert "documents_search: 1 rows indexed for 2 documents" in problems


# -- the CLI's other readers of a database --------------------------------------------------------

def test_changes_and_obligations_read_a_postgresql_store(pg_url: str) -> None:
    from pactwatch.cli.main import cli

    with open_store(pg_url) as store:
        store.save_document(defence_article())
    runner = CliRunner()
    changes = runner.invoke(cli, ["changes", "--since", "2024-01-01", "--db", pg_url, "--json"])
    assert changes.exit_code == 0, changes.output
    json.loads(changes.stdout)
    answer = runner.invoke(cli, ["obligations", "--attacked", "JPN", "--on", "2024-06-01",
                                 "--db", pg_url, "--json"])
    assert answer.exit_code == 0, answer.output
    json.loads(answer.stdout)


# -- several readers while one writer writes ------------------------------------------------------

def _corpus_gen() -> object:
    spec = importlib.util.spec_from_file_location("corpus_gen", REPO / "benchmarks" / "corpus_gen.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["corpus_gen"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_reader_processes_see_only_whole_articles_while_one_writes(
    pg_url: str, tmp_path: Path
) -> None:
    gen = _corpus_gen()
    pile = tmp_path / "pile"
    files = gen.generate_corpus(pile, 12, seed=3, min_chars=300, max_chars=1200)  # type: ignore[attr-defined]
    expected = sum(f.articles for f in files)
    open_store(pg_url).close()  # the schema exists before anyone reads it
    stop = tmp_path / "stop"
    readers = []
    for i in range(3):
        ready, out = tmp_path / f"ready{i}", tmp_path / f"out{i}.json"
        proc = subprocess.Popen([sys.executable, str(READER), pg_url, str(ready), str(stop),
                                 str(out)], stderr=subprocess.PIPE)
        readers.append((proc, ready, out))
    deadline = time.monotonic() + 60
    while not all(ready.exists() for _, ready, _ in readers):
        assert time.monotonic() < deadline, "reader processes did not start"
        assert all(proc.poll() is None for proc, _, _ in readers), "a reader died"
        time.sleep(0.05)
    writer = subprocess.run(
        [sys.executable, "-m", "pactwatch.cli.main", "ingest", str(pile), "--db", pg_url,
         "--quiet"],
        capture_output=True, text=True, timeout=300,
        # each article committed on its own, so readers can see the run midway
        env={**os.environ, "PYTHONUNBUFFERED": "1", "PACTWATCH_COMMIT_EVERY": "1"},
    )
    stop.touch()
    reports = []
    for proc, _, out in readers:
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err.decode()
        reports.append(json.loads(out.read_text()))
    assert writer.returncode == 0, writer.stderr
    for report in reports:
        assert report["errors"] == []
        counts = report["counts"]
        assert counts == sorted(counts), "a reader saw committed articles disappear"
        assert counts[-1] == expected
    # the readers really read while the writer wrote
    seen_midway = {c for r in reports for c in r["counts"] if 0 < c < expected}
    assert seen_midway, [r["counts"][:5] for r in reports]
