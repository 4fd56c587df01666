"""Generate a folder of synthetic Vietnamese security-news articles (deterministic per seed).

Our own template sentences with varied actors, dates and quotes, in every layout
the readers take (.txt in two layouts, .md with front matter, .html, .jsonl with
several records), 300 characters to 15 KB each; optionally exact duplicates under
other names and a fraction of hostile files (binary, empty, broken YAML, mixed
encodings, huge sparse files).

    python benchmarks/corpus_gen.py OUT_DIR -n 1000 --seed 7 --hostile 0.05

Library use (tests, other benchmarks)::

    from corpus_gen import generate_corpus
    files = generate_corpus(folder, 300, seed=1)
"""

from __future__ import annotations

import argparse
import html
import json
import math
import random
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

# (Vietnamese name, kind) — the actors our templates talk about
COUNTRIES = ["Việt Nam", "Mỹ", "Nga", "Trung Quốc", "Nhật Bản", "Hàn Quốc", "Pháp", "Đức",
             "Anh", "Ukraine", "Ba Lan", "Phần Lan", "Thụy Điển", "Ấn Độ", "Australia",
             "Philippines", "Indonesia", "Thổ Nhĩ Kỳ", "Canada", "Italy"]
ORGANISATIONS = ["NATO", "Liên minh châu Âu", "Liên hợp quốc", "ASEAN", "Tổ chức Hiệp ước An"
                 " ninh Tập thể", "Tổ chức Hợp tác Thượng Hải"]
ROLES = ["Bộ trưởng Quốc phòng", "Bộ trưởng Ngoại giao", "Thủ tướng", "Tổng thống",
         "người phát ngôn Bộ Ngoại giao", "Tổng thư ký", "Đại sứ"]
CITIES = ["Hà Nội", "Đà Nẵng", "Brussels", "Washington", "Moskva", "Bắc Kinh", "Tokyo",
          "Kiev", "Warszawa", "Helsinki", "Geneva", "Singapore"]
OUTLETS = ["Báo Thử Nghiệm", "Tin Tổng Hợp", "Thời Sự Mẫu", "Điểm Tin Quốc Tế"]
AUTHORS = ["Minh Anh", "Thu Hà", "Quang Huy", "Lan Phương", "Đức Trung"]

TITLES = [
    "{a} và {b} ký thỏa thuận hợp tác quốc phòng",
    "{a} cam kết viện trợ phòng không cho {b}",
    "{org} họp bàn về an ninh khu vực",
    "{a} bác bỏ đề xuất đảm bảo an ninh của {b}",
    "Đàm phán {a} - {b} bước vào vòng mới",
    "{a} triển khai thêm binh sĩ tới biên giới",
]
SENTENCES = [
    "Ngày {date}, {role} {a} đã có cuộc gặp với người đồng cấp {b} tại {city}.",
    "Theo {outlet}, hai bên nhất trí tăng cường trao đổi thông tin tình báo.",
    "{role} {a} cho biết nước này sẵn sàng bảo vệ {b} nếu bị tấn công.",
    "Trong tháng {month}/{year}, {org} dự kiến tổ chức cuộc tập trận chung quy mô lớn.",
    "{a} tuyên bố sẽ gửi thêm các hệ thống phòng không cho {b} trong thời gian tới.",
    "Giới phân tích nhận định thỏa thuận có thể thay đổi cán cân an ninh ở khu vực.",
    "Phía {b} chưa đưa ra bình luận chính thức về thông tin này.",
    "{org} kêu gọi các bên kiềm chế và giải quyết bất đồng bằng biện pháp hòa bình.",
    "Năm {year}, {a} và {b} từng ký hiệp ước hữu nghị và hợp tác.",
    "Các cuộc đàm phán về điều kiện ngừng bắn dự kiến kéo dài nhiều tuần.",
    "{a} phản đối việc {b} gia nhập {org}.",
    "Theo nguồn tin ngoại giao, {a} đang cân nhắc đề xuất đảm bảo an ninh cho {b}.",
]
QUOTES = [
    "\"Chúng tôi sẽ không bỏ rơi đồng minh của mình\", {role} {a} nói.",
    "\"Mọi cam kết phải đi kèm điều kiện rõ ràng\", {role} {b} nhấn mạnh.",
    "{role} {a} khẳng định: \"Hòa bình chỉ bền vững khi có đảm bảo an ninh\".",
    "\"Chúng tôi hoan nghênh sự hỗ trợ của {org}\", một quan chức {b} cho hay.",
]
HOSTILE_KINDS = ("binary", "empty", "broken_yaml", "mixed_encoding", "huge")
FORMATS = ("txt", "txt_dated", "md", "html", "jsonl")


@dataclass(frozen=True)
class GeneratedFile:
    path: Path
    format: str
    articles: int  # readable articles in it (0 for a hostile file)
    hostile: str | None = None  # which kind of bad file, if it is one
    duplicate_of: Path | None = None


class _Writer:
    def __init__(self, rng: random.Random, serial: int) -> None:
        self.rng = rng
        self.serial = serial

    def slots(self) -> dict[str, str]:
        a, b = self.rng.sample(COUNTRIES, 2)
        year = self.rng.randint(2018, 2025)
        month = self.rng.randint(1, 12)
        day = self.rng.randint(1, 28)
        return {
            "a": a, "b": b, "org": self.rng.choice(ORGANISATIONS), "role": self.rng.choice(ROLES),
            "city": self.rng.choice(CITIES), "outlet": self.rng.choice(OUTLETS),
            "date": f"{day}/{month}/{year}", "month": str(month), "year": str(year),
        }

    def article(self, target_chars: int) -> dict[str, object]:
        slots = self.slots()
        title = self.rng.choice(TITLES).format(**slots)
        paragraphs: list[str] = []
        size = len(title)
        # a sentence unique to this article, so no two generated texts are identical
        paragraphs.append(f"Bản tin số {self.serial} từ {slots['city']}, ngày {slots['date']}.")
        while size < target_chars:
            sentences = []
            for _ in range(self.rng.randint(2, 5)):
                pool = QUOTES if self.rng.random() < 0.2 else SENTENCES
                sentences.append(self.rng.choice(pool).format(**self.slots() | {
                    "a": slots["a"] if self.rng.random() < 0.6 else self.rng.choice(COUNTRIES),
                }))
            paragraph = " ".join(sentences)
            paragraphs.append(paragraph)
            size += len(paragraph) + 2
        day, month, year = slots["date"].split("/")
        return {
            "title": title, "paragraphs": paragraphs, "outlet": self.rng.choice(OUTLETS),
            "author": self.rng.choice(AUTHORS),
            "date": f"{year}-{int(month):02d}-{int(day):02d}",
        }


def _target_length(rng: random.Random, min_chars: int, max_chars: int) -> int:
    # log-uniform: most articles short, some long, as in the press
    return int(math.exp(rng.uniform(math.log(min_chars), math.log(max_chars))))


def _render(fmt: str, art: dict[str, object]) -> str:
    title = str(art["title"])
    paragraphs = [str(p) for p in art["paragraphs"]]  # type: ignore[attr-defined]
    if fmt == "txt":
        return title + "\n\n" + "\n\n".join(paragraphs) + "\n"
    if fmt == "txt_dated":
        y, m, d = str(art["date"]).split("-")
        return (f"{title}\n{int(d)}/{int(m)}/{y}\n\n" + "\n\n".join(paragraphs)
                + f"\n\n{art['author']}\n")
    if fmt == "md":
        front = (f"---\ntitle: \"{title}\"\ndate: {art['date']}\nauthor: \"{art['author']}\"\n"
                 f"outlet: \"{art['outlet']}\"\n---\n\n")
        return front + "\n\n".join(paragraphs) + "\n"
    if fmt == "html":
        body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        return (f"<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
                f"<title>{html.escape(title)}</title>"
                f"<meta property=\"article:published_time\" content=\"{art['date']}\">"
                f"</head><body><article><h1>{html.escape(title)}</h1>\n{body}\n"
                f"<p class=\"author\">{html.escape(str(art['author']))}</p></article>"
                f"</body></html>\n")
    raise ValueError(f"unknown format {fmt!r}")


def _jsonl_line(art: dict[str, object]) -> str:
    record = {"title": art["title"], "text": "\n\n".join(art["paragraphs"]),  # type: ignore[arg-type]
              "date": art["date"], "outlet": art["outlet"], "authors": [art["author"]]}
    return json.dumps(record, ensure_ascii=False)


def _write_hostile(path: Path, kind: str, rng: random.Random, huge_bytes: int) -> Path:
    if kind == "binary":
        path = path.with_suffix(".txt")
        path.write_bytes(bytes(rng.randrange(256) for _ in range(2048)) + b"\x00" * 64)
    elif kind == "empty":
        path = path.with_suffix(".txt")
        path.write_bytes(b"")
    elif kind == "broken_yaml":
        path = path.with_suffix(".md")
        path.write_text("---\ntitle: [Tiêu đề chưa đóng ngoặc\ndate: : 2024\n  - lệch: [\n---\n\n"
                        "Nội dung bài viết.\n", encoding="utf-8")
    elif kind == "mixed_encoding":
        path = path.with_suffix(".txt")
        text = "Tin an ninh khu vực hôm nay.\n\nHai nước bàn về hợp tác quốc phòng."
        # UTF-8 and Windows-1258 halves in one file
        path.write_bytes(text.encode("utf-8") + b"\n\n" + text.encode("cp1258", errors="replace"))
    elif kind == "huge":
        path = path.with_suffix(".txt")
        with path.open("wb") as f:
            f.write("Bài viết rất dài. ".encode() * 64)
            f.truncate(huge_bytes)  # sparse: costs no disk, still over any size limit
    else:
        raise ValueError(f"unknown hostile kind {kind!r}")
    return path


def generate_corpus(
    folder: Path,
    n: int,
    *,
    seed: int = 0,
    hostile: float = 0.0,
    duplicates: float = 0.0,
    formats: tuple[str, ...] = FORMATS,
    min_chars: int = 300,
    max_chars: int = 15_000,
    huge_bytes: int = 25_000_000,
    per_folder: int = 500,
) -> list[GeneratedFile]:
    """Write about ``n`` articles (jsonl files hold 2-5) plus hostile files into ``folder``."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    files: list[GeneratedFile] = []
    written = 0
    index = 0
    while written < n:
        sub = folder / f"{index // per_folder:03d}"
        sub.mkdir(exist_ok=True)
        stem = sub / f"bai_{index:06d}"
        index += 1
        if rng.random() < hostile:
            kind = rng.choice(HOSTILE_KINDS)
            files.append(GeneratedFile(_write_hostile(stem, kind, rng, huge_bytes), "hostile", 0,
                                       hostile=kind))
            continue
        originals = [f for f in files if f.hostile is None and f.duplicate_of is None]
        if originals and rng.random() < duplicates:
            source = rng.choice(originals)
            copy = stem.with_suffix(source.path.suffix)
            copy.write_bytes(source.path.read_bytes())
            files.append(GeneratedFile(copy, source.format, source.articles,
                                       duplicate_of=source.path))
            continue
        fmt = rng.choice(formats)
        if fmt == "jsonl":
            count = min(rng.randint(2, 5), n - written)
            lines = []
            for _ in range(count):
                lines.append(_jsonl_line(_Writer(rng, written).article(
                    _target_length(rng, min_chars, max_chars))))
                written += 1
            path = stem.with_suffix(".jsonl")
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            files.append(GeneratedFile(path, fmt, count))
            continue
        art = _Writer(rng, written).article(_target_length(rng, min_chars, max_chars))
        written += 1
        suffix = {"txt": ".txt", "txt_dated": ".txt", "md": ".md", "html": ".html"}[fmt]
        path = stem.with_suffix(suffix)
        path.write_text(_render(fmt, art), encoding="utf-8")
        files.append(GeneratedFile(path, fmt, 1))
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("-n", type=int, default=1000, help="number of articles")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--hostile", type=float, default=0.0, help="fraction of hostile files")
    parser.add_argument("--duplicates", type=float, default=0.0,
                        help="fraction of files that copy an earlier one")
    parser.add_argument("--min-chars", type=int, default=300)
    parser.add_argument("--max-chars", type=int, default=15_000)
    parser.add_argument("--huge-bytes", type=int, default=25_000_000)
    args = parser.parse_args(argv)
    files = generate_corpus(args.folder, args.n, seed=args.seed, hostile=args.hostile,
                            duplicates=args.duplicates, min_chars=args.min_chars,
                            max_chars=args.max_chars, huge_bytes=args.huge_bytes)
    kinds = Counter(f.hostile or f.format for f in files)
    print(f"{len(files)} files, {sum(f.articles for f in files if not f.duplicate_of)} articles"
          f" in {args.folder}: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
