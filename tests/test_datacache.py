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
