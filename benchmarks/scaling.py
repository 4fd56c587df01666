"""Analysis cost per MB of adversarial inputs beside ordinary news, and how it grows.

Each adversarial text is built at several sizes (default 75, 150, 300 and 600 KB) and
read and analysed as ``pactwatch ingest`` does (the reader, then every stage of the
default pipeline, in this process). Printed for each input and size: the time, the
ratio to the size before (about 2.0 when the cost is linear), seconds per MB, and
seconds per MB against ordinary news of the same language measured in the same run
(the Dân trí and English articles of ../shared, one article at a time; the goal is
every adversarial input within 3x of it). Nothing is asserted.

    python benchmarks/scaling.py                            # every input, 75..600 KB
    python benchmarks/scaling.py --only vi-sentence,names --sizes 75,150
    python benchmarks/scaling.py --profile vi-sentence:300  # cProfile of one run

Inputs:

- ``vi-sentence`` / ``en-sentence``: one sentence without a full stop, a security
  paragraph (parties, dates, a commitment, a quote cue) repeated with commas;
- ``vi-repeated`` / ``en-repeated``: one ordinary sentence repeated, full stops kept;
- ``vi-long-article``: Dân trí articles joined into one article (paragraphs kept);
- ``names``: person names in a row (known and unknown, a comma between), one sentence;
- ``nested-quotes``: quotation marks nested inside each other, each level a speaker;
- ``dates``: dates in a row (about 100,000 at 1.2 MB).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
SHARED = BENCHMARKS.parent.parent / "shared" / "corpus"
EXAMPLES = BENCHMARKS.parent / "examples"
GOAL = 3.0  # an adversarial MB may cost at most this many times an MB of news

VI_PARAGRAPH = (
    "Bộ Quốc phòng Mỹ và Nhật Bản ngày 12/3/2025 tái khẳng định cam kết bảo vệ lẫn nhau theo"
    " hiệp ước an ninh song phương, Thủ tướng Anh Keir Starmer cho biết Anh sẽ cung cấp thông"
    " tin tình báo và hỗ trợ hậu cần cho quân đội Ukraine, Nga phản đối việc NATO triển khai"
    " binh sĩ tới Ba Lan, Tổng thống Donald Trump đề nghị Ukraine ký thỏa thuận ngừng bắn với"
    " Nga tại Ả Rập Saudi vào tháng tới, Trung Quốc điều tàu chiến tới Biển Đông để tập trận"
    " chung với hải quân Nga, “chúng tôi sẽ không bỏ rơi đồng minh” Bộ trưởng Quốc phòng Mỹ nói"
)
EN_PARAGRAPH = (
    "The United States and Japan on March 12, 2025 reaffirmed their commitment to defend each"
    " other under the bilateral security treaty, British Prime Minister Keir Starmer said Britain"
    " would provide intelligence and logistical support to Ukraine's armed forces, Russia opposed"
    " NATO deploying troops to Poland, President Donald Trump urged Ukraine to sign a ceasefire"
    " agreement with Russia in Saudi Arabia next month, China sent warships to the South China Sea"
    " for joint drills with the Russian navy, “we will not abandon our allies” the Pentagon chief"
    " said"
)
VI_SENTENCE = (
    "Hà Nội, ngày 12/3/2025 - Bộ Quốc phòng Mỹ và Nhật Bản tái khẳng định cam kết bảo vệ"
    " lẫn nhau theo hiệp ước an ninh song phương."
)
EN_SENTENCE = (
    "On March 12, 2025 the United States and Japan reaffirmed their commitment to defend each"
    " other under the bilateral security treaty."
)
NAMES = (
    "Donald Trump", "Vladimir Putin", "Volodymyr Zelensky", "Keir Starmer", "Emmanuel Macron",
    "Tập Cận Bình", "Kim Jong-un", "Olaf Scholz", "Recep Tayyip Erdogan", "Narendra Modi",
    "Mohit Arora", "Alexandra Prokopenko", "Dan Driscoll", "Steve Witkoff", "Marco Rubio",
    "Sergei Lavrov", "Dmitry Peskov", "Ursula von der Leyen", "Mark Rutte", "Antonio Guterres",
)


def _repeat_to(piece: str, sep: str, size: int, head: str = "", tail: str = "") -> str:
    unit = len((piece + sep).encode())
    n = max(1, (size - len((head + tail).encode())) // unit)
    return head + sep.join([piece] * n) + tail


def vi_sentence(size: int) -> tuple[str, str]:
    return _repeat_to(VI_PARAGRAPH, ", ", size, tail="."), "txt"


def en_sentence(size: int) -> tuple[str, str]:
    return _repeat_to(EN_PARAGRAPH, ", ", size, tail="."), "txt"


def vi_repeated(size: int) -> tuple[str, str]:
    return _repeat_to(VI_SENTENCE, " ", size), "txt"


def en_repeated(size: int) -> tuple[str, str]:
    return _repeat_to(EN_SENTENCE, " ", size), "txt"


def names(size: int) -> tuple[str, str]:
    head, tail = "Hội nghị có sự tham dự của ", " cùng nhiều quan chức khác."
    out: list[str] = []
    used = len((head + tail).encode())
    i = 0
    while used < size:
        name = NAMES[i % len(NAMES)]
        out.append(name)
        used += len(name.encode()) + 2
        i += 1
    return head + ", ".join(out) + tail, "txt"


def nested_quotes(size: int) -> tuple[str, str]:
    level = "Ông Putin nói rằng ông Trump cho biết “"
    inner = "chúng tôi sẽ bảo vệ đồng minh"
    n = max(1, size // (len(level.encode()) + len("”".encode())))
    return level * n + inner + "”" * n + ".", "txt"


def dates(size: int) -> tuple[str, str]:
    out: list[str] = []
    used = 0
    i = 0
    while used < size:
        piece = f"ngày {1 + i % 28}/{1 + i % 12}/{2000 + i % 26}"
        out.append(piece)
        used += len(piece.encode()) + 2
        i += 1
    return "Các cuộc tập trận diễn ra vào " + ", ".join(out) + ".", "txt"


def _news_files(lang: str, limit: int) -> list[Path]:
    folder = SHARED / ("dantri" if lang == "vi" else "en")
    files = sorted(p for p in folder.glob("*") if p.is_file() and p.name != "README.md")
    if not files:  # without ../shared: the examples of that language
        files = sorted(p for p in EXAMPLES.glob("*") if p.is_file())
    return files[:limit]


def vi_long_article(size: int) -> tuple[str, str]:
    parts: list[str] = []
    used = 0
    files = _news_files("vi", 10_000)
    while used < size and files:
        for f in files:
            text = f.read_text(encoding="utf-8", errors="replace")
            # the first line is the title; one article, many paragraphs
            body = text.split("\n", 1)[-1] if parts else text
            parts.append(body)
            used += len(body.encode())
            if used >= size:
                break
    return "\n\n".join(parts), "txt"


@dataclass(frozen=True)
class Input:
    name: str
    language: str
    build: Callable[[int], tuple[str, str]]
    unit: str = ""  # what the input is a row of, printed with its count


INPUTS = (
    Input("vi-sentence", "vi", vi_sentence),
    Input("en-sentence", "en", en_sentence),
    Input("vi-repeated", "vi", vi_repeated),
    Input("en-repeated", "en", en_repeated),
    Input("vi-long-article", "vi", vi_long_article),
    Input("names", "vi", names, "names"),
    Input("nested-quotes", "vi", nested_quotes, "levels"),
    Input("dates", "vi", dates, "dates"),
)


def _count(inp: Input, text: str) -> str:
    if inp.unit == "names":
        return f"{text.count(', ') + 1:,} names"
    if inp.unit == "levels":
        return f"{text.count('“'):,} levels"
    if inp.unit == "dates":
        return f"{text.count('ngày '):,} dates"
    return ""


class Runner:
    def __init__(self) -> None:
        from pactwatch.pipeline import build_pipeline

        self.pipeline = build_pipeline()
        self.stage_seconds: dict[str, float] = {}
        self.last_stages: dict[str, float] = {}  # of the last text analysed

    def analyse(self, data: bytes, name: str) -> float:
        """Seconds to read ``data`` and run every stage on what it holds."""
        from pactwatch.ingest.readers import read_bytes

        self.last_stages = {}
        start = time.perf_counter()
        for doc in read_bytes(data, name):
            for info in self.pipeline.stages:
                t = time.perf_counter()
                doc = info.fn(doc)
                took = time.perf_counter() - t
                self.stage_seconds[info.name] = self.stage_seconds.get(info.name, 0.0) + took
                self.last_stages[info.name] = self.last_stages.get(info.name, 0.0) + took
        return time.perf_counter() - start


def news_seconds_per_mb(runner: Runner, lang: str, limit: int, repeat: int) -> tuple[float, int, int]:
    files = _news_files(lang, limit)
    datas = [(f.read_bytes(), f.name) for f in files]
    size = sum(len(d) for d, _ in datas)
    total = min(sum(runner.analyse(d, name) for d, name in datas) for _ in range(max(1, repeat)))
    return total / (size / 1e6) if size else float("nan"), len(files), size


def profile(runner: Runner, spec: str, top: int, callers: str = "") -> None:
    name, _, kb = spec.partition(":")
    inp = next(i for i in INPUTS if i.name == name)
    text, ext = inp.build(int(kb or 150) * 1000)
    data = text.encode()
    runner.analyse(data, f"{name}.{ext}")  # warm
    prof = cProfile.Profile()
    prof.enable()
    seconds = runner.analyse(data, f"{name}.{ext}")
    prof.disable()
    print(f"{name} at {len(data) / 1000:.0f} KB: {seconds:.2f} s")
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    if callers:
        stats.sort_stats("tottime").print_callers(callers)
    print(out.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="75,150,300,600", help="KB, comma-separated")
    parser.add_argument("--only", default="", help="input names, comma-separated")
    parser.add_argument("--news", type=int, default=60, help="news articles per language")
    parser.add_argument("--repeat", type=int, default=2,
                        help="runs of each measurement; the fastest counts (a shared machine)")
    parser.add_argument("--profile", default="", help="NAME:KB — cProfile one input instead")
    parser.add_argument("--top", type=int, default=35, help="rows of the profile")
    parser.add_argument("--callers", default="", help="with --profile: who calls what this matches")
    args = parser.parse_args(argv)

    runner = Runner()
    runner.analyse(VI_SENTENCE.encode() * 3, "warm.txt")
    runner.analyse(EN_SENTENCE.encode() * 3, "warm.txt")
    if args.profile:
        profile(runner, args.profile, args.top, args.callers)
        return 0

    sizes = [int(s) * 1000 for s in args.sizes.split(",") if s.strip()]
    chosen = [i for i in INPUTS if not args.only or i.name in args.only.split(",")]
    news: dict[str, float] = {}
    for lang in sorted({i.language for i in chosen}):
        per_mb, n, size = news_seconds_per_mb(runner, lang, args.news, args.repeat)
        news[lang] = per_mb
        print(f"news-{lang:<15} {n} articles, {size / 1000:,.0f} KB: {per_mb:6.2f} s/MB", flush=True)
    print()
    print(f"{'input':<16} {'KB':>6} {'s':>8} {'×prev':>6} {'s/MB':>7} {'×news':>6}  rows")
    worst: dict[str, float] = {}
    split: dict[str, str] = {}
    for inp in chosen:
        before = None
        for size in sizes:
            text, ext = inp.build(size)
            data = text.encode()
            seconds = min(runner.analyse(data, f"{inp.name}.{ext}") for _ in range(max(1, args.repeat)))
            per_mb = seconds / (len(data) / 1e6)
            ratio = per_mb / news[inp.language]
            worst[inp.name] = max(worst.get(inp.name, 0.0), ratio)
            grow = f"{seconds / before:6.2f}" if before else f"{'':6}"
            print(f"{inp.name:<16} {len(data) / 1000:6.0f} {seconds:8.2f} {grow} {per_mb:7.2f}"
                  f" {ratio:6.2f}  {_count(inp, text)}", flush=True)
            before = seconds
        total = sum(runner.last_stages.values()) or 1.0
        split[inp.name] = ", ".join(
            f"{k} {v / total:.0%}" for k, v in sorted(runner.last_stages.items(), key=lambda kv: -kv[1])[:4]
        )
    print()
    print(f"goal: every input within {GOAL:.0f}× the s/MB of news in its language")
    for name, ratio in worst.items():
        print(f"  {name:<16} worst {ratio:5.2f}×  {'ok' if ratio <= GOAL else 'OVER'}   largest size: {split[name]}")
    total = sum(runner.stage_seconds.values()) or 1.0
    print("time by stage (whole run): " + ", ".join(
        f"{k} {v / total:.0%}" for k, v in sorted(runner.stage_seconds.items(), key=lambda kv: -kv[1])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
