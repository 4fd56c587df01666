"""Cities from CLDR's exemplar cities (scripts/build_cities.py -> kb/cities.csv) and the
Vietnamese names of China's municipalities; sentences written for the test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pactwatch.actors.kb import default_kb, read_generated_places
from pactwatch.actors.stage import recognise
from pactwatch.document import Document

REPO = Path(__file__).resolve().parents[1]
CITIES = REPO / "src" / "pactwatch" / "data" / "kb" / "cities.csv"


def found(text: str) -> set[str]:
    return {a.id for a in recognise(Document(text=text, id="t"), default_kb())}


def test_cities_file_is_generated_from_babel() -> None:
    pytest.importorskip("pycountry")
    script = REPO / "scripts" / "build_cities.py"
    result = subprocess.run([sys.executable, str(script), "--check"], capture_output=True)
    assert result.returncode == 0, result.stderr.decode()


def test_every_city_has_its_source_and_state() -> None:
    cities = read_generated_places(CITIES)
    assert len(cities) > 50
    kb = default_kb()
    for city in cities:
        assert city.source and "CLDR exemplar city" in city.source
        assert city.country and f"country:{city.country}" in kb.entries


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        ("Cuộc biểu tình lan từ Chicago tới Vancouver trong đêm.", "place:chicago"),
        ("Cuộc biểu tình lan từ Chicago tới Vancouver trong đêm.", "place:vancouver"),
        ("Protesters marched through Melbourne and Brisbane on Sunday.", "place:brisbane"),
        ("Tàu chiến cập cảng Vladivostok hôm thứ Hai.", "place:vladivostok"),
        # a municipality of China by its Sino-Vietnamese name, where the text locates it
        ("Một nhà máy ở Thiên Tân đã đóng cửa.", "place:tianjin"),
    ],
)
def test_cities(text: str, actor_id: str) -> None:
    assert actor_id in found(text)


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # a capital is its state (gold convention), not a city of the table
        ("Lisbon phản đối quyết định này.", "place:lisbon"),
        # an English word CLDR uses as a city
        ("The resolute response surprised Moscow.", "place:resolute"),
    ],
)
def test_not_cities(text: str, wrong: str) -> None:
    assert wrong not in found(text)


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        ("Officials of GCHQ and the BND met in Berlin.", "government_body:gchq"),
        ("Officials of GCHQ and the BND met in Berlin.", "government_body:bnd"),
        ("Cơ quan Tình báo Đối ngoại Nga (SVR) bác bỏ cáo buộc.", "government_body:svr"),
    ],
)
def test_intelligence_services(text: str, actor_id: str) -> None:
    assert actor_id in found(text)
