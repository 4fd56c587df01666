"""Bad input at scale: a generated pile where a share of the files is hostile, ingested
with ``pactwatch ingest``; prints throughput, failures by code and peak memory.

    python benchmarks/hostile.py                  # 10,000 files, 5% hostile
    python benchmarks/hostile.py --files 400 --keep /tmp/hostile

Hostile files: random binary, PNG and ZIP headers, a 100 MB sparse file, 100,000
nested <div>s, broken and unclosed YAML front matter, half UTF-8 half Windows-1258
or TCVN3, NUL bytes, empty and blank files, a folder named like a file, an
unreadable file, symlink loops and dangling links, a named pipe, a 300 KB line,
a .jsonl of 50,000 lines that are nearly all broken, bad JSON, pages without text,
a broken UTF-16 file, unsupported extensions. Every good file must be stored and
every bad one reported with one line; figures are printed, never asserted.

Library use (tests/test_hostile_corpus.py)::

    from hostile import make_hostile_corpus
    pile = make_hostile_corpus(folder, 400, seed=5)
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import stat
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from corpus_gen import generate_corpus

from pactwatch.ingest.legacy_codecs import encode_tcvn3, encode_windows_1258

GOOD = (
    "Hà Nội, ngày 12/3/2025 - Bộ Quốc phòng Mỹ và Nhật Bản tái khẳng định cam kết bảo vệ"
    " lẫn nhau theo hiệp ước an ninh song phương. “Chúng tôi sẽ không bỏ rơi đồng minh”,"
    " Bộ trưởng Quốc phòng Mỹ nói."
)
HUGE_BYTES = 100_000_000
NESTING = 100_000
LONG_LINE_BYTES = 300_000
JSONL_LINES = 50_000
# an article line repeated on one line: ~300 KB without a line break
_LONG_SENTENCE = "Quân đội hai nước tiếp tục tập trận chung ở khu vực biên giới phía bắc "


@dataclass
class HostileFile:
    path: Path
    kind: str
    # "failed": reported, nothing stored; "stored": read like any good file;
    # "either": stored or reported, never a crash (a guess is defensible either way)
    expect: str
    code: str | None = None  # the error code it must be reported with, when failed
    articles: int = 0  # good articles inside (folder named like a file, the .jsonl)
    failures: int = 1  # lines reported for it (the .jsonl reports each broken line)


@dataclass
class HostilePile:
    folder: Path
    good_files: list[Path] = field(default_factory=list)
    good_articles: int = 0
    hostile: list[HostileFile] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def files(self) -> int:
        return len(self.good_files) + len(self.hostile)


# -- one writer per hostile kind ------------------------------------------------------------------


def _binary(stem: Path, rng: random.Random) -> HostileFile:
    path = stem.with_suffix(".txt")
    path.write_bytes(bytes(rng.randrange(256) for _ in range(4096)))
    return HostileFile(path, "binary", "failed", "E103")


def _png(stem: Path, rng: random.Random) -> HostileFile:
    path = stem.with_suffix(".txt")  # a picture saved under a text name
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rng.randbytes(2048))
    return HostileFile(path, "png-as-txt", "failed", "E103")


def _zip(stem: Path, rng: random.Random) -> HostileFile:
    path = stem.with_suffix(".txt")
    path.write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + rng.randbytes(2048))
    return HostileFile(path, "zip-as-txt", "failed", "E103")


def _unsupported(stem: Path, rng: random.Random) -> HostileFile:
    path = stem.with_suffix(".png")
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + rng.randbytes(512))
    return HostileFile(path, "unsupported-extension", "failed", "E107")


def _huge(stem: Path, rng: random.Random) -> HostileFile:
    path = stem.with_suffix(".txt")
    with path.open("wb") as f:
        f.write(GOOD.encode())
        f.seek(HUGE_BYTES - 1)  # sparse: no disk, no time; over any sane size limit
        f.write(b"\n")
    return HostileFile(path, "100MB", "failed", "E102")


def _nested_html(stem: Path, rng: random.Random) -> HostileFile:
    path = stem.with_suffix(".html")
    path.write_text("<html><body>" + "<div>" * NESTING + "</div>" * NESTING + "</body></html>",
                    encoding="utf-8")
    return HostileFile(path, "nested-html", "failed", "E109")


def _broken_yaml(stem: Path, rng: random.Random) -> HostileFile:
    path = stem.with_suffix(".md")
    path.write_text("---\ntitle: [Tiêu đề chưa đóng\ndate: : 2024\n---\n\n" + GOOD + "\n",
                    encoding="utf-8")
    return HostileFile(path, "broken-yaml", "failed", "E105")


def _unclosed_yaml(stem: Path, rng: random.Random) -> HostileFile:
    path = stem.with_suffix(".md")
    path.write_text("---\ntitle: Không đóng\nauthor: Minh An\n\n" + GOOD + "\n", encoding="utf-8")
    return HostileFile(path, "unclosed-front-matter", "failed", "E105")


def _mixed_encoding(stem: Path, rng: random.Random) -> HostileFile:
    path = stem.with_suffix(".txt")
    encode: Callable[[str], bytes] = rng.choice([encode_windows_1258, encode_tcvn3])
    path.write_bytes(GOOD.encode("utf-8") + b"\n\n" + encode(GOOD))
    return HostileFile(path, "mixed-encoding", "either")


def _nul_bytes(stem: Path, rng: random.Random) -> HostileFile:
    path = stem.with_suffix(".txt")
    path.write_bytes(GOOD.encode() + b"\x00\x00\x00" + GOOD.encode())
    return HostileFile(path, "nul-bytes", "failed", "E103")


def _empty(stem: Path, rng: random.Random) -> HostileFile:
    path = stem.with_suffix(".txt")
    path.write_bytes(b"")
    return HostileFile(path, "empty", "failed", "E101")


def _blank(stem: Path, rng: random.Random) -> HostileFile:
    path = stem.with_suffix(".md")
    path.write_text(" \n\t\n\u00a0\n\n", encoding="utf-8")
    return HostileFile(path, "blank", "failed", "E101")


def _folder_named_like_a_file(stem: Path, rng: random.Random) -> HostileFile:
    folder = stem.with_suffix(".txt")
    folder.mkdir()
    (folder / "ben_trong.txt").write_text(f"{GOOD} (bài trong thư mục {stem.name})",
                                          encoding="utf-8")
    # a folder is walked, not read: the article inside is stored, nothing is reported
    return HostileFile(folder, "folder-named-like-a-file", "stored", articles=1, failures=0)


def _unreadable(stem: Path, rng: random.Random) -> HostileFile:
    path = stem.with_suffix(".txt")
    path.write_text(f"{GOOD} (bài không đọc được {stem.name})", encoding="utf-8")
    path.chmod(0)
    try:
        with path.open("rb"):
            pass
    except PermissionError:
        return HostileFile(path, "unreadable", "failed", "E106")
    # root (as in CI containers) reads it anyway: then it is just a good file
    return HostileFile(path, "unreadable-but-root", "stored", articles=1, failures=0)


def _symlink_loop(stem: Path, rng: random.Random) -> HostileFile:
    a, b = stem.with_suffix(".txt"), stem.with_name(stem.name + "_b.txt")
    a.symlink_to(b.name)
    b.symlink_to(a.name)
    # both names are listed; each is reported
    return HostileFile(a, "symlink-loop", "failed", "E106", failures=2)


def _dangling_link(stem: Path, rng: random.Random) -> HostileFile:
    path = stem.with_suffix(".txt")
    path.symlink_to("khong_ton_tai.txt")
    return HostileFile(path, "dangling-symlink", "failed", "E106")


def _named_pipe(stem: Path, rng: random.Random) -> HostileFile:
    path = stem.with_suffix(".txt")
    os.mkfifo(path)  # reading it would block forever
    return HostileFile(path, "named-pipe", "failed", "E106")


def _long_line(stem: Path, size: int) -> HostileFile:
    path = stem.with_suffix(".txt")
    repeats = size // len(_LONG_SENTENCE.encode())
    path.write_text(f"Bài một dòng {stem.name}. " + _LONG_SENTENCE * repeats, encoding="utf-8")
    return HostileFile(path, f"{size // 1000}KB-line", "stored", articles=1, failures=0)


def _jsonl_lines(stem: Path, lines: int, broken: int) -> HostileFile:
    """``lines`` lines: two good records, ``broken`` broken ones, the rest blank."""
    path = stem.with_suffix(".jsonl")
    good = [f'{{"title": "Bài {i} của {stem.name}", "text": "{GOOD} Số {i}."}}' for i in (1, 2)]
    bad = ['{"text": ', "[1, 2]", '{"title": "không có nội dung"}', "\x7f{"]
    body = [bad[i % len(bad)] if i < broken else "" for i in range(lines - 2)]
    path.write_text("\n".join([good[0], *body, good[1]]) + "\n", encoding="utf-8")
    return HostileFile(path, f"{lines // 1000}k-line-jsonl", "stored", "E108", articles=2,
                       failures=broken)


def _bad_json(stem: Path, rng: random.Random) -> HostileFile:
    path = stem.with_suffix(".json")
    path.write_text('{"articles": [{"text": "chưa đóng"', encoding="utf-8")
    return HostileFile(path, "bad-json", "failed", "E108")


def _html_without_text(stem: Path, rng: random.Random) -> HostileFile:
    path = stem.with_suffix(".html")
    path.write_text("<html><head><title>Trang trống</title><script>var a = 1;</script></head>"
                    "<body><img src='anh.jpg'></body></html>", encoding="utf-8")
    return HostileFile(path, "html-without-text", "failed", "E109")


def _broken_utf16(stem: Path, rng: random.Random) -> HostileFile:
    path = stem.with_suffix(".txt")
    # a UTF-16 byte-order mark, then an unpaired surrogate and an odd byte
    path.write_bytes(b"\xff\xfe" + GOOD.encode("utf-16-le") + b"\x00\xd8A")
    return HostileFile(path, "broken-utf16", "failed", "E104")


KINDS: tuple[Callable[[Path, random.Random], HostileFile], ...] = (
    _binary, _png, _zip, _unsupported, _huge, _nested_html, _broken_yaml, _unclosed_yaml,
    _mixed_encoding, _nul_bytes, _empty, _blank, _folder_named_like_a_file, _unreadable,
    _symlink_loop, _dangling_link, _named_pipe, _bad_json, _html_without_text, _broken_utf16,
)
# written once per pile whatever its size: the point is their one file, not their number
ONCE = frozenset({_huge, _nested_html})


def make_hostile_corpus(
    folder: Path,
    files: int,
    *,
    seed: int = 0,
    hostile: float = 0.05,
    jsonl_lines: int = JSONL_LINES,
    jsonl_broken: int = JSONL_LINES - 2,
    long_line_bytes: int = LONG_LINE_BYTES,
) -> HostilePile:
    """Write ``files`` files into ``folder``, ``hostile`` of them bad (every kind at least
    once, plus one .jsonl of ``jsonl_lines`` lines with ``jsonl_broken`` broken records
    and one line of ``long_line_bytes``), the rest generated articles."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    pile = HostilePile(folder)
    n_hostile = max(len(KINDS) + 2, round(files * hostile))
    bad = folder / "bad"
    bad.mkdir()
    pile.hostile.append(_jsonl_lines(bad / "xau_dong", jsonl_lines, jsonl_broken))
    pile.hostile.append(_long_line(bad / "xau_dai", long_line_bytes))
    writers = list(KINDS)
    repeatable = [w for w in KINDS if w not in ONCE]
    while len(writers) + 2 < n_hostile:
        writers.append(rng.choice(repeatable))
    for i, write in enumerate(writers):
        pile.hostile.append(write(bad / f"xau_{i:05d}", rng))
    # the good files, mixed into the same folders as they would be in a real pile
    wanted = max(1, files - len(pile.hostile))
    # generate_corpus counts articles and a .jsonl holds several: ask for more, keep ``wanted``
    good = generate_corpus(folder / "good", wanted * 2, seed=seed, min_chars=300,
                           max_chars=3000, per_folder=200)
    keep = good[:wanted]
    for extra in good[len(keep):]:
        extra.path.unlink()
    pile.good_files = [f.path for f in keep]
    pile.good_articles = sum(f.articles for f in keep)
    return pile


# -- the benchmark ---------------------------------------------------------------------------------

_FAILURE = re.compile(r"^(?P<path>.+?): \[(?P<code>E\d{3})\] ")


def ingest(pile: HostilePile, db: Path) -> tuple[subprocess.CompletedProcess[str], float, float]:
    """``pactwatch ingest`` over the pile: (finished process, seconds, its peak RSS in MB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pactwatch.cli.main", "ingest", str(pile.folder), "--db", str(db),
         "--quiet"],
        capture_output=True, text=True, errors="backslashreplace", timeout=7200,
    )
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss is the largest child so far (KiB on Linux); earlier children were smaller
    return done, seconds, max(peak, before) / 1024


def failure_codes(stderr: str) -> Counter[str]:
    return Counter(m.group("code") for line in stderr.splitlines() if (m := _FAILURE.match(line)))


def cleanup(pile: HostilePile) -> None:
    """Make every file removable again (the unreadable ones)."""
    for item in pile.hostile:
        if item.path.exists() and not item.path.is_symlink() and stat.S_ISREG(
            item.path.stat().st_mode
        ):
            item.path.chmod(0o644)


def run(files: int, seed: int, share: float, workdir: Path) -> None:
    started = time.perf_counter()
    pile = make_hostile_corpus(workdir / "pile", files, seed=seed, hostile=share)
    print(f"generated {pile.files} files ({len(pile.hostile)} hostile, {pile.good_articles}"
          f" good articles) in {time.perf_counter() - started:.1f}s")
    done, seconds, peak = ingest(pile, workdir / "hostile.db")
    codes = failure_codes(done.stderr)
    lines = len(done.stderr.splitlines())
    expected_articles = pile.good_articles + sum(h.articles for h in pile.hostile)
    print(f"exit status {done.returncode} (1 = some files failed)")
    print(f"{seconds:.1f}s: {pile.files / seconds:.1f} files/s,"
          f" {expected_articles / seconds:.1f} good articles/s")
    print(f"failure lines {lines}: " + ", ".join(f"{c} {n}" for c, n in sorted(codes.items())))
    print(f"peak RSS of the ingest process {peak:.0f} MB")
    from pactwatch.store import open_store

    with open_store(workdir / "hostile.db") as store:
        stored = store.count_documents()
        last = store.list_runs(limit=1)[0]
    print(f"stored {stored} of {expected_articles} good articles;"
          f" run {last['id']}: stored {last['stored']}, failed {last['failed']}")
    cleanup(pile)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=10_000, help="files in the pile")
    parser.add_argument("--hostile", type=float, default=0.05, help="share of hostile files")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, default=None,
                        help="write the pile and database here instead of a temporary folder")
    args = parser.parse_args(argv)
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        run(args.files, args.seed, args.hostile, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="pactwatch-hostile-") as tmp:
            run(args.files, args.seed, args.hostile, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
