"""Input that reads as something else than it says: alias bombs, mixed encodings,
impossible dates, near-empty files, JSON with lone surrogates or deep nesting. Each is
refused with its own catalogued error naming the file, or stored with a warning in the
run record: never silently."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from pactwatch.errors import ReadError
from pactwatch.ingest.batch import ingest_paths
from pactwatch.ingest.legacy_codecs import encode_windows_1258
from pactwatch.ingest.readers import read_bytes, read_bytes_report
from pactwatch.store import open_store

GOOD = ("Ngày 3/4/2025, Bộ trưởng Quốc phòng Mỹ và Nhật Bản ký thỏa thuận hợp tác quốc phòng"
        " mới tại Tokyo. Hai bên cam kết tăng cường tập trận chung.\n")


def alias_bomb() -> bytes:
    """Nine levels of nine aliases: 6.4 KB standing for 9^9 strings once walked."""
    lines = ["a: &a [" + ", ".join(['"lol lol lol lol lol lol lol lol"'] * 9) + "]"]
    previous = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
        previous = name
    lines += [f"pad{i}: " + "x" * 60 for i in range(80)]
    return ("---\n" + "\n".join(lines) + "\n---\n\n" + GOOD).encode()


def test_the_alias_bomb_is_the_64_kb_of_the_issue() -> None:
    assert 6_000 <= len(alias_bomb()) <= 7_000


def test_an_alias_bomb_fails_fast_naming_the_file() -> None:
    started = time.perf_counter()
    with pytest.raises(ReadError) as caught:
        read_bytes(alias_bomb(), "bomb.md")
    assert time.perf_counter() - started < 5  # generous: it is refused while composing
    assert caught.value.code == "E111" and "bomb.md" in caught.value.message


def test_a_few_aliases_are_fine() -> None:
    data = ("---\ntitle: &t Tin mới\nsubtitle: *t\n---\n\n" + GOOD).encode()
    assert read_bytes(data, "ok.md")[0].title == "Tin mới"


def test_the_batch_goes_on_after_an_alias_bomb(tmp_path: Path) -> None:
    pile = tmp_path / "pile"
    pile.mkdir()
    (pile / "bomb.md").write_bytes(alias_bomb())
    for i in range(3):
        (pile / f"good{i}.txt").write_text(GOOD.replace("2025", str(2010 + i)), encoding="utf-8")
    with open_store(tmp_path / "x.db") as store:
        summary = ingest_paths([pile], store)
    assert summary.stored == 3 and summary.failed == 1
    assert summary.failures[0].line().startswith(f"{pile / 'bomb.md'}: [E111]")


# -- mixed encodings --------------------------------------------------------------------------
MIXED_UTF8 = "Hà Nội khẳng định lập trường về Biển Đông."
MIXED_1258 = "Bộ Quốc phòng Việt Nam tiếp đón đoàn đại biểu."


def mixed_file() -> bytes:
    return b"\n".join([MIXED_UTF8.encode("utf-8"), encode_windows_1258(MIXED_1258),
                       MIXED_UTF8.encode("utf-8"), GOOD.strip().encode("utf-8")]) + b"\n"


def test_a_file_mixing_utf8_and_windows_1258_is_decoded_per_line() -> None:
    doc = read_bytes(mixed_file(), "mixed.txt")[0]
    assert MIXED_UTF8 in doc.text and MIXED_1258 in doc.text
    assert doc.meta["encoding"] == "utf-8+windows-1258-lines"
    assert any(w.startswith("[W001] mixed encodings: 1 of") for w in doc.meta["warnings"])


def test_the_mixed_encoding_warning_is_in_the_run_record(tmp_path: Path) -> None:
    (tmp_path / "mixed.txt").write_bytes(mixed_file())
    with open_store(tmp_path / "x.db") as store:
        summary = ingest_paths([tmp_path / "mixed.txt"], store)
        files = store.run_files(summary.run_id)
    assert summary.stored == 1
    assert files[0]["status"] == "stored" and "[W001] mixed encodings" in files[0]["reason"]


def test_a_wholly_windows_1258_file_is_still_read_whole() -> None:
    doc = read_bytes(encode_windows_1258(MIXED_1258 + "\n" + MIXED_1258 + "\n"), "old.txt")[0]
    assert MIXED_1258 in doc.text and "warnings" not in doc.meta


# -- impossible dates, near-empty files ----------------------------------------------------------
@pytest.mark.parametrize("name,data", [
    ("a.md", f"---\ndate: 31/02/2025\n---\n\n{GOOD}"),
    ("b.md", f"---\ndate: 2025-13-45\n---\n\n{GOOD}"),
    ("c.json", json.dumps({"text": GOOD, "date": "31/02/2025"})),
])
def test_an_impossible_date_is_reported(name: str, data: str) -> None:
    doc = read_bytes(data.encode(), name)[0]
    assert doc.published is None
    assert any(w.startswith("[W002]") and "not a calendar date" in w
               for w in doc.meta["warnings"]), doc.meta


@pytest.mark.parametrize("name,data", [
    ("one.txt", b"x"), ("one.md", b"\xc4\x91\n"), ("fm.md", b"---\ntitle: Chi co tieu de\n---\n"),
])
def test_near_empty_files_are_refused_with_e112(name: str, data: bytes) -> None:
    with pytest.raises(ReadError) as caught:
        read_bytes(data, name)
    assert caught.value.code in ("E101", "E112") and name in caught.value.message
    if data.strip() and name != "one.txt":
        assert caught.value.code == "E112"


def test_a_one_character_file_is_e112() -> None:
    with pytest.raises(ReadError) as caught:
        read_bytes(b"x", "one.txt")
    assert caught.value.code == "E112"


# -- JSON that Python parses but no article holds --------------------------------------------------
def test_a_lone_surrogate_is_e114() -> None:
    data = b'{"text": "' + GOOD.strip().encode() + b' \\ud800"}'
    with pytest.raises(ReadError) as caught:
        read_bytes(data, "s.json")
    assert caught.value.code == "E114" and "s.json" in caught.value.message


def test_deep_nesting_is_e113() -> None:
    data = b'{"text": "' + GOOD.strip().encode() + b'", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    with pytest.raises(ReadError) as caught:
        read_bytes(data, "deep.json")
    assert caught.value.code == "E113" and "deep.json" in caught.value.message


def test_jsonl_keeps_good_lines_beside_a_surrogate_and_a_nested_line() -> None:
    lines = [json.dumps({"text": GOOD}), '{"text": "x \\udfff"}',
             '{"text": "y", "n": ' + "[" * 200 + "]" * 200 + "}"]
    docs, errors = read_bytes_report("\n".join(lines).encode(), "m.jsonl")
    assert len(docs) == 1
    assert sorted(e.code for e in errors) == ["E113", "E114"]
    assert all("m.jsonl: line" in e.message for e in errors)
