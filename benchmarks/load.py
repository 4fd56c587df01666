"""Load: ``pactwatch serve`` on loopback, driven open-loop at a fixed request rate over
mixed endpoints; prints the achieved rate, errors and latency percentiles.

    python benchmarks/load.py                      # 200 requests/s for 60 s
    python benchmarks/load.py --rate 50 --seconds 10 --articles 0

The database is built first from ``examples/`` plus ``--articles`` generated ones.
Requests leave on schedule whether or not earlier ones have answered (open loop), and
each latency counts from the moment its request was due, so a server that falls
behind shows it in the percentiles instead of slowing the client down. The exit
status is 1 when any request failed (a transport error or a status other than 200);
latencies are printed, never judged.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import resource
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
CONNECTIONS = 32
SEARCHES = ["hiệp ước", "hoa binh", "NATO", "tập trận", "cam kết bảo vệ", "Nhật Bản", "drone"]


# -- the database and the server ------------------------------------------------------------------


def build_database(db: Path, articles: int, workdir: Path, seed: int = 3) -> None:
    """Ingest the example articles (not their gold files) and ``articles`` generated ones."""
    inputs = [str(p) for p in sorted(EXAMPLES.iterdir()) if p.is_file()]
    if articles:
        sys.path.insert(0, str(REPO / "benchmarks"))
        from corpus_gen import generate_corpus

        generate_corpus(workdir / "generated", articles, seed=seed, min_chars=300,
                        max_chars=4000)
        inputs.append(str(workdir / "generated"))
    done = subprocess.run(
        [sys.executable, "-m", "pactwatch.cli.main", "ingest", *inputs, "--db", str(db),
         "--quiet"], capture_output=True, text=True, timeout=3600,
    )
    if done.returncode != 0:
        raise RuntimeError(f"building the database failed:\n{done.stderr[-2000:]}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextlib.contextmanager
def serving(db: Path, *, ready_within: float = 120.0) -> Iterator[str]:
    """``pactwatch serve`` on a free loopback port; yields its base URL, stops it after."""
    port = free_port()
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "pactwatch.cli.main", "serve", "--db", str(db),
             "--host", "127.0.0.1", "--port", str(port)],
            stdout=log, stderr=log,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + ready_within
            while True:
                if proc.poll() is not None:
                    log.seek(0)
                    raise RuntimeError(f"pactwatch serve exited: {log.read().decode()[-2000:]}")
                try:
                    if httpx.get(f"{base}/api/meta", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"pactwatch serve did not answer within {ready_within}s")
                time.sleep(0.2)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=15)


# -- what to ask ------------------------------------------------------------------------------------


def targets(base: str) -> list[tuple[str, str]]:
    """(endpoint name, path) for every kind of request, with ids the database holds."""
    docs = httpx.get(f"{base}/api/documents", params={"limit": 50}, timeout=30).json()["items"]
    actors = httpx.get(f"{base}/api/actors", params={"limit": 50}, timeout=30).json()["items"]
    doc_ids = [d["id"] for d in docs]
    actor_ids = [a["id"] for a in actors]
    if not doc_ids or not actor_ids:
        raise RuntimeError("the database holds no documents or no actors")
    q = urllib.parse.quote
    out = [("documents", "/api/documents?limit=20"),
           ("documents offset", "/api/documents?limit=20&offset=5"),
           ("actors", "/api/actors?limit=20"),
           ("events", "/api/events?limit=20"),
           ("commitments", "/api/commitments?limit=20"),
           ("timeline", "/api/timeline?bucket=month"),
           ("obligations", "/api/obligations?on=2025-01-01&attacked=FIN"),
           ("obligations", "/api/obligations?on=2024-06-01&attacked=JPN")]
    out += [("document", f"/api/documents/{i}") for i in doc_ids[:10]]
    out += [("actor", f"/api/actors/{q(i, safe=':')}") for i in actor_ids[:10]]
    out += [("search", f"/api/search?q={q(s)}") for s in SEARCHES]
    out += [("document page", f"/documents/{doc_ids[0]}")]
    # exports stream whole tables: the requests that queued behind one connection before
    out += [("export", "/api/export/events.csv"), ("export", "/api/export/commitments.json"),
            ("export", "/api/export/actors.graphml"),
            ("export", "/api/export/events.plover.json")]
    return out


def warm_up(base: str, plan: list[tuple[str, str]]) -> float:
    """Ask every request once, one at a time: the first answers load the knowledge base and
    fill caches, which is start-up, not load. Returns the seconds it took."""
    started = time.perf_counter()
    with httpx.Client(base_url=base, timeout=120) as client:
        for _name, path in plan:
            client.get(path)
    return time.perf_counter() - started


# -- the open-loop driver ----------------------------------------------------------------------------


@dataclass
class Result:
    sent: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    by_endpoint: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


async def _one(client: httpx.AsyncClient, gate: asyncio.Semaphore, name: str, path: str,
               due: float, result: Result) -> None:
    try:
        async with gate:
            response = await client.get(path)
        if response.status_code != 200:
            result.errors.append(f"{name} {path}: HTTP {response.status_code}")
    except httpx.HTTPError as exc:
        result.errors.append(f"{name} {path}: {type(exc).__name__}: {exc}")
    result.latencies.append(time.perf_counter() - due)


async def drive(base: str, rate: float, seconds: float, plan: list[tuple[str, str]],
                seed: int = 1) -> Result:
    """Send ``rate`` requests/s for ``seconds``, each a random pick from ``plan``."""
    rng = random.Random(seed)
    result = Result()
    # Requests past the connection limit wait here, in a FIFO queue that costs nothing,
    # not in httpcore's pool, whose cost grows with the queue (it stalled the client
    # at 200 req/s). Latency still counts from when a request was due.
    gate = asyncio.Semaphore(CONNECTIONS)
    limits = httpx.Limits(max_connections=CONNECTIONS, max_keepalive_connections=CONNECTIONS)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:
        tasks: list[asyncio.Task[None]] = []
        start = time.perf_counter()
        total = int(rate * seconds)
        for i in range(total):
            due = start + i / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            name, path = rng.choice(plan)
            result.by_endpoint[name] += 1
            tasks.append(asyncio.create_task(_one(client, gate, name, path, due, result)))
        result.sent = total
        await asyncio.gather(*tasks)
        result.seconds = time.perf_counter() - start
    return result


def report(result: Result, rate: float, seconds: float) -> None:
    achieved = result.sent / result.seconds if result.seconds else 0.0
    print(f"target {rate:.0f} req/s for {seconds:.0f}s: sent {result.sent},"
          f" achieved {achieved:.1f} req/s (all answered after {result.seconds:.1f}s)")
    print(f"errors {len(result.errors)}")
    for line in result.errors[:10]:
        print(f"  {line}")
    print("latency ms  p50 {:.1f}  p95 {:.1f}  p99 {:.1f}  max {:.1f}".format(
        *(1000 * result.percentile(p) for p in (50, 95, 99, 100))))
    print("requests: " + ", ".join(f"{k} {v}" for k, v in sorted(result.by_endpoint.items())))


def run(rate: float, seconds: float, articles: int, db: Path | None, workdir: Path) -> int:
    if db is None:
        db = workdir / "load.db"
        started = time.perf_counter()
        build_database(db, articles, workdir)
        print(f"database: examples + {articles} generated articles"
              f" in {time.perf_counter() - started:.1f}s")
    before = _children_cpu()
    with serving(db) as base:
        plan = targets(base)
        print(f"warm-up: {len(plan)} distinct requests in {warm_up(base, plan):.1f}s")
        result = asyncio.run(drive(base, rate, seconds, plan))
    report(result, rate, seconds)
    # the server has been waited for: its CPU time is in the children's usage now
    server_cpu = _children_cpu() - before
    per_request = server_cpu / max(result.sent + len(plan), 1)
    print(f"server CPU {server_cpu:.1f}s in all, {1000 * per_request:.2f} ms per request"
          f" (~{1 / per_request if per_request else float('inf'):.0f} req/s per free core)")
    return 1 if result.errors else 0


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=200.0, help="requests per second")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--articles", type=int, default=500,
                        help="generated articles added to the examples")
    parser.add_argument("--db", type=Path, default=None, help="serve this database instead")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pactwatch-load-") as tmp:
        return run(args.rate, args.seconds, args.articles, args.db, Path(tmp))


if __name__ == "__main__":
    sys.exit(main())
