"""Store benchmark: the same analysed articles written into SQLite and into PostgreSQL.

    python benchmarks/store.py                      # 2,000 articles; PostgreSQL from $PACTWATCH_TEST_PG
    python benchmarks/store.py -n 500 --pg postgresql://me@127.0.0.1:5432/bench

A generated corpus (corpus_gen.py) is read and analysed once, in memory; then, for each
back end, the articles are stored one transaction each (articles/s, store time only),
stored again (every one a duplicate), queried (search, filtered lists, one record), and
the database size is printed. PostgreSQL runs in a fresh schema, dropped afterwards; it is
skipped, with the reason, when no server answers. Figures are printed, never asserted.

Note: a server started by .ci/services runs with fsync off (a throwaway test cluster), so
its write figures are those of a database that never waits for the disk.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from corpus_gen import generate_corpus

from pactwatch.document import Document
from pactwatch.ingest.batch import default_file_reader, expand_inputs
from pactwatch.pipeline import build_pipeline
from pactwatch.store import Store, open_store

MAX_BYTES = 50_000_000
QUERIES = ("hoa binh", "quoc phong", "nga", "hiep uoc phong thu")


def analysed(folder: Path) -> list[Document]:
    pipeline = build_pipeline()
    docs: list[Document] = []
    inputs, _ = expand_inputs([folder])
    for item in inputs:
        if item.path is None:
            continue
        result = default_file_reader(item.path, MAX_BYTES)
        for doc in result.docs:
            docs.append(pipeline(doc))
    return docs


def _timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def measure(name: str, store: Store, docs: list[Document], size: Callable[[], int]) -> None:
    chars = sum(len(d.text) for d in docs)

    def store_all() -> None:
        for doc in docs:
            store.save_document(doc, path=doc.source_path)

    first = _timed(store_all)
    again = _timed(store_all)
    print(f"{name}: stored {len(docs)} articles in {first:.2f}s: {len(docs) / first:.0f} articles/s,"
          f" {chars / first / 1e6:.2f} M chars/s ({1000 * first / len(docs):.2f} ms/article)")
    print(f"{name}: again, all duplicates: {len(docs) / again:.0f} articles/s")
    timings = []
    for q in QUERIES:
        timings.append(("search " + repr(q), _timed(lambda q=q: store.search(q, limit=20))))
    timings.append(("list_documents q='hoa binh'",
                    _timed(lambda: store.list_documents(q="hoa binh", limit=50))))
    timings.append(("count_documents date 2024", _timed(lambda: store.count_documents(
        date_from="2024", date_to="2024"))))
    timings.append(("list_actors", _timed(lambda: store.list_actors(limit=50))))
    timings.append(("timeline by month", _timed(lambda: store.timeline("month"))))
    timings.append(("get_record", _timed(lambda: store.get_record(docs[len(docs) // 2].id))))
    timings.append(("iter_records (all)", _timed(lambda: sum(1 for _ in store.iter_records()))))
    for label, seconds in timings:
        print(f"{name}:   {label:32s} {1000 * seconds:9.1f} ms")
    problems = store.verify()
    print(f"{name}: verify: {len(problems)} problems; database {size() / 1e6:.1f} MB"
          f" for {chars / 1e6:.1f} M chars of text")


def with_schema(url: str, schema: str) -> str:
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options={quote(f'-csearch_path={schema}')}"


def run_postgres(url: str, docs: list[Document]) -> None:
    try:
        import psycopg
    except ImportError:
        print("postgresql: skipped (psycopg is not installed: pip install -e '.[bench]')")
        return
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
            version = conn.execute("SHOW server_version").fetchone()
            fsync = conn.execute("SHOW fsync").fetchone()
    except psycopg.Error as exc:
        print(f"postgresql: skipped (no server at the URL: {str(exc).strip().splitlines()[0]})")
        return
    print(f"postgresql: server {version[0] if version else '?'}, fsync {fsync[0] if fsync else '?'}")
    try:
        with open_store(with_schema(url, schema)) as store:
            def size() -> int:
                with psycopg.connect(url, autocommit=True) as conn:
                    found = conn.execute(
                        "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c"
                        " JOIN pg_namespace n ON n.oid = c.relnamespace"
                        " WHERE n.nspname = %s AND c.relkind IN ('r', 'm')", (schema,)
                    ).fetchone()
                return int(found[0]) if found else 0

            measure("postgresql", store, docs, size)
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def run(n: int, seed: int, pg: str | None, workdir: Path) -> None:
    folder = workdir / "corpus"
    files = generate_corpus(folder, n, seed=seed)
    started = time.perf_counter()
    docs = analysed(folder)
    seconds = time.perf_counter() - started
    print(f"generated {len(files)} files; read and analysed {len(docs)} articles in"
          f" {seconds:.1f}s ({len(docs) / seconds:.0f} articles/s, not part of the store figures)")
    if not docs:
        print("no articles: nothing to measure")
        return
    path = workdir / "bench.db"
    with open_store(path) as store:
        measure("sqlite", store, docs,
                lambda: sum(p.stat().st_size for p in workdir.glob("bench.db*")))
    if pg:
        run_postgres(pg, docs)
    else:
        print("postgresql: skipped (give --pg URL or set $PACTWATCH_TEST_PG)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=2_000, help="articles to generate")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--pg", default=os.environ.get("PACTWATCH_BENCH_PG")
                        or os.environ.get("PACTWATCH_TEST_PG"),
                        help="a postgresql:// URL (default $PACTWATCH_BENCH_PG, $PACTWATCH_TEST_PG)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pactwatch-bench-") as tmp:
        run(args.n, args.seed, args.pg, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
