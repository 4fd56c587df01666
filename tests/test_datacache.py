"""pactwatch.datacache: compiled data kept on disk, keyed by the files' bytes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pactwatch import datacache


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(datacache.CACHE_ENV, str(folder))
    return folder


def counting(value: object) -> tuple[list[int], object]:
    calls: list[int] = []

    def build() -> object:
        calls.append(1)
        return value

    return calls, build


def test_built_once_then_read_back(cache: Path, tmp_path: Path) -> None:
    data = tmp_path / "data.yaml"
    data.write_text("a: 1\n", encoding="utf-8")
    calls, build = counting({"a": 1})
    assert datacache.cached("thing", [data], build) == {"a": 1}
    assert datacache.cached("thing", [data], build) == {"a": 1}
    assert len(calls) == 1
    assert len(list(cache.glob("thing-*.pickle"))) == 1


def test_an_edited_file_or_code_is_built_again(cache: Path, tmp_path: Path) -> None:
    data, code = tmp_path / "data.yaml", tmp_path / "code.py"
    data.write_text("a: 1\n", encoding="utf-8")
    code.write_text("x = 1\n", encoding="utf-8")
    calls, build = counting("v")
    datacache.cached("thing", [data], build, code=[code])
    data.write_text("a: 2\n", encoding="utf-8")
    datacache.cached("thing", [data], build, code=[code])
    code.write_text("x = 2\n", encoding="utf-8")
    datacache.cached("thing", [data], build, code=[code])
    assert len(calls) == 3
    assert len(list(cache.glob("thing-*.pickle"))) == 1  # old keys are removed


def test_a_corrupt_cache_file_is_rebuilt(cache: Path, tmp_path: Path) -> None:
    calls, build = counting([1, 2])
    datacache.cached("thing", [], build)
    (stored,) = cache.glob("thing-*.pickle")
    stored.write_bytes(b"\x80\x05truncated")
    assert datacache.cached("thing", [], build) == [1, 2]
    assert len(calls) == 2


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root writes into read-only folders")
def test_an_unwritable_cache_only_means_building(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    monkeypatch.setenv(datacache.CACHE_ENV, str(locked / "cache"))
    calls, build = counting("v")
    assert datacache.cached("thing", [], build) == "v"
    assert datacache.cached("thing", [], build) == "v"
    assert len(calls) == 2


def test_a_cache_path_that_is_a_file_only_means_building(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(datacache.CACHE_ENV, str(blocker / "cache"))
    calls, build = counting("v")
    assert datacache.cached("thing", [], build) == "v"
    assert len(calls) == 1


@pytest.mark.parametrize("off", ["off", "0", ""])
def test_the_cache_can_be_turned_off(off: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(datacache.CACHE_ENV, off)
    assert datacache.cache_dir() is None
    calls, build = counting("v")
    datacache.cached("thing", [], build)
    datacache.cached("thing", [], build)
    assert len(calls) == 2


def test_the_default_folder_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(datacache.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert datacache.cache_dir() == tmp_path / "pactwatch"


def test_the_knowledge_base_comes_back_the_same(cache: Path) -> None:
    from pactwatch.actors import kb

    built = kb.load_kb()
    kb._cached.cache_clear()
    first = kb.default_kb()
    kb._cached.cache_clear()
    again = kb.default_kb()  # read from the cache this time
    assert list(cache.glob("kb-*.pickle"))
    assert again.entries == first.entries == built.entries
    assert again.roles == built.roles


def test_the_name_automaton_and_names_come_back_the_same(cache: Path) -> None:
    """What the actors stage derives from the KB, read from the disk, finds what it
    finds when built; a KB not loaded from files is never cached."""
    from pactwatch.actors import kb, matcher, stage

    kb._cached.cache_clear()
    loaded = kb.default_kb()
    assert loaded.source_key
    text = ("Ngày 12/3, Bộ Quốc phòng Mỹ và Nhật Bản tái khẳng định cam kết; Thủ tướng Anh"
            " Keir Starmer nói NATO và EU sẽ hỗ trợ Ukraine. The US and the UK agreed.")

    def found(lexicon: matcher.Lexicon) -> list[tuple[int, int, list[str]]]:
        return [(m.start, m.end, [c.actor_id for c in m.candidates])
                for m in matcher.find_matches(text, lexicon)]

    built = found(matcher.build_lexicon(loaded))
    for _ in range(2):  # built and stored, then read back
        matcher.lexicon_for.cache_clear()
        stage.non_outlet_names.cache_clear()
        assert found(matcher.lexicon_for(loaded)) == built
        assert stage.non_outlet_names(loaded) == stage.non_outlet_names.__wrapped__(
            kb.KnowledgeBase(loaded.entries, loaded.roles))
    assert list(cache.glob("actors-lexicon-*.pickle"))
    assert list(cache.glob("actors-non-outlet-names-*.pickle"))
    matcher.lexicon_for.cache_clear()
    stage.non_outlet_names.cache_clear()


def test_regular_expressions_come_back_the_same(cache: Path) -> None:
    """A pattern made from the regex cache matches as ``re`` makes it (two processes:
    the first compiles and stores, the second reads)."""
    import subprocess
    import sys

    probe = (
        "import pactwatch.stages, re, pactwatch.recache as r\n"
        "from pactwatch.extract.lexicon import event_lexicon\n"
        "p = event_lexicon('vi').triggers._pattern\n"
        "text = 'Hai bên ký thỏa thuận hợp tác quốc phòng và tập trận chung tại Biển Đông.'\n"
        "print(len(r._table) > 0, [m.span() for m in p.finditer(text)], p.pattern == "
        "re.compile(p.pattern, p.flags).pattern)\n"
    )
    runs = [subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                           check=True, env={**os.environ}).stdout for _ in range(2)]
    assert list(cache.glob("regex-*.pickle"))
    assert runs[0].split(" ", 1)[1] == runs[1].split(" ", 1)[1]
    assert runs[1].startswith("True")


def test_cached_patterns_equal_the_ones_re_makes() -> None:
    """Pattern objects compare equal when their flags, source and engine code are: every
    pattern the cache made is the one ``re`` itself makes."""
    import _sre
    import re._compiler

    import pactwatch.stages  # noqa: F401  (compiles the stages' patterns)
    from pactwatch import recache

    if recache._original is None:
        pytest.skip("the regex cache is not in use here (Python version or cache off)")
    assert recache._table
    for (_kind, pattern, flags), (final, code, groups, index, names) in list(
            recache._table.items())[:400]:
        made = _sre.compile(pattern, final, code, groups, index, names)
        assert made == recache._original(pattern, flags), pattern
    assert re._compiler.compile is not recache._original
