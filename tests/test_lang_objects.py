"""The weapon-systems KB and the object lexicons validate, and find_objects reads them."""

from __future__ import annotations

import shutil
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pactwatch.document import COMMITMENT_TYPES
from pactwatch.errors import KnowledgeBaseError
from pactwatch.lang.objects import (
    DATA_DIR,
    KINDS,
    NAMED_CLASSES,
    ObjectHit,
    find_objects,
    weapon_systems,
)

LANGS = ("vi", "en")
WEAPONS = DATA_DIR / "kb" / "weapons.yaml"


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _lexicon(lang: str) -> dict[str, Any]:
    data: dict[str, Any] = _load(DATA_DIR / "lang" / lang / "objects.yaml")
    return data


def _key(form: str) -> str:
    return unicodedata.normalize("NFC", form).lower()


def _spans(hits: list[ObjectHit]) -> list[tuple[str, str, str | None]]:
    return [(h.text, h.object_class, h.weapon) for h in hits]


# ---- the data files ---------------------------------------------------------------


def test_every_weapon_entry_is_complete_and_sourced() -> None:
    raw = _load(WEAPONS)
    assert 80 <= len(raw) <= 130
    for item in raw:
        wid = item.get("id", "")
        assert wid.startswith("weapon:"), wid
        key = wid.split(":", 1)[1]
        assert key == key.lower() and " " not in key, wid
        assert item.get("name"), wid
        assert item.get("kind") in KINDS, f"{wid}: kind {item.get('kind')!r}"
        assert str(item.get("source", "")).startswith("https://"), wid
        assert item.get("names_en") or item.get("names_vi"), wid


def test_weapon_ids_are_unique() -> None:
    ids = [item["id"] for item in _load(WEAPONS)]
    assert len(ids) == len(set(ids))
    assert [s.id for s in weapon_systems()] == ids


def test_makers_are_countries_of_the_kb() -> None:
    countries = {c["iso3"] for c in _load(DATA_DIR / "kb" / "countries.yaml")}
    for item in _load(WEAPONS):
        makers = [item["maker"]] if item.get("maker") else item.get("makers", [])
        assert makers, f"{item['id']}: maker null needs makers"
        if item.get("maker") is None:
            assert len(makers) > 1, f"{item['id']}: one maker goes in maker"
        for iso3 in makers:
            assert iso3 in countries, f"{item['id']}: {iso3} is not in countries.yaml"


def test_the_systems_the_brief_names_are_there() -> None:
    ids = {s.id for s in weapon_systems()}
    for wid in (
        "patriot",
        "iris-t",
        "s-400",
        "javelin",
        "himars",
        "storm-shadow",
        "kalibr",
        "shahed",
        "bayraktar-tb2",
        "f-16",
        "su-57",
        "b-52",
        "leopard-2",
        "abrams",
        "caesar",
        "b61",
        "df-41",
        "type-055",
        "virginia",
        "hwasong-18",
        "kn-23",
    ):
        assert f"weapon:{wid}" in ids


@pytest.mark.parametrize("lang", LANGS)
def test_lexicon_classes_and_commitments(lang: str) -> None:
    data = _lexicon(lang)
    assert data["source"]
    assert data["head"] in ("before_name", "after_name")
    classes = data["classes"]
    assert classes.keys() >= NAMED_CLASSES
    for name, spec in classes.items():
        assert spec["commitment"] is None or spec["commitment"] in COMMITMENT_TYPES, name
        assert len(spec["words"]) == len(set(spec["words"])), f"{lang} {name}: a word twice"
    assert classes["humanitarian"]["commitment"] is None
    assert sum(len(spec["words"]) for spec in classes.values()) > 400


@pytest.mark.parametrize("lang", LANGS)
def test_no_surface_form_has_two_meanings(lang: str) -> None:
    data = _lexicon(lang)
    meanings: dict[str, set[str]] = defaultdict(set)
    for name, spec in data["classes"].items():
        for word in spec["words"]:
            meanings[_key(word)].add(f"class {name}")
    for system in weapon_systems():
        for form in system.names_in(lang):
            meanings[_key(form)].add(system.id)
    for word in data.get("name_heads") or []:
        meanings[_key(word)].add("name head")
    for word in data.get("not_objects") or []:
        meanings[_key(word)].add("not an object")
    clashes = {form: sorted(m) for form, m in meanings.items() if len(m) > 1}
    assert not clashes


@pytest.mark.parametrize("lang", LANGS)
def test_every_word_of_the_lexicon_is_found_alone(lang: str) -> None:
    for name, spec in _lexicon(lang)["classes"].items():
        for word in spec["words"]:
            assert _spans(find_objects(word, lang)) == [(word, name, None)], word


@pytest.mark.parametrize("lang", LANGS)
def test_every_name_of_a_system_is_found_alone(lang: str) -> None:
    for system in weapon_systems():
        for form in system.names_in(lang):
            hits = find_objects(form, lang)
            assert _spans(hits) == [(form, system.object_class, system.id)], form


@pytest.mark.parametrize("lang", LANGS)
def test_stop_compounds_yield_nothing(lang: str) -> None:
    for word in _lexicon(lang)["not_objects"]:
        assert find_objects(word, lang) == [], word


# ---- reading sentences --------------------------------------------------------------

CASES = [
    (
        "vi",
        "Washington có thể sẽ cung cấp thêm các tên lửa chống tăng Javelin, đạn dược và bom",
        [
            ("tên lửa chống tăng Javelin", "weapons", "weapon:javelin"),
            ("đạn dược", "weapons", None),
            ("bom", "weapons", None),
        ],
    ),
    (
        "vi",
        "Đức đồng ý gửi hệ thống phòng không IRIS-T cho Ukraine",
        [("hệ thống phòng không IRIS-T", "air_defense", "weapon:iris-t")],
    ),
    ("vi", "Người dân Hà Nội xem bắn pháo hoa đêm giao thừa", []),
    (
        "vi",
        "Mỹ có thể chuyển tên lửa Patriot, xe tăng Leopard 2A6 và tiêm kích F-16 cho Kiev",
        [
            ("tên lửa Patriot", "air_defense", "weapon:patriot"),
            ("xe tăng Leopard 2A6", "weapons", "weapon:leopard-2"),
            ("tiêm kích F-16", "weapons", "weapon:f-16"),
        ],
    ),
    (
        "vi",
        "Nga triển khai vũ khí hạt nhân chiến thuật tại Belarus và hệ thống Iskander",
        [
            ("vũ khí hạt nhân chiến thuật", "nuclear", None),
            ("hệ thống Iskander", "weapons", "weapon:iskander"),
        ],
    ),
    (
        "vi",
        "Anh và Pháp sẵn sàng gửi lực lượng trấn an tới Ukraine, kèm bảo đảm an ninh kiểu Điều 5",
        [("lực lượng trấn an", "troops", None), ("bảo đảm an ninh kiểu Điều 5", "guarantee", None)],
    ),
    ("vi", "Lực lượng chức năng bắt giữ nghi phạm, điểm bình quân tăng", []),
    (
        "vi",
        "Mỹ điều nhóm tác chiến tàu sân bay tới Trung Đông",
        [("nhóm tác chiến tàu sân bay", "troops", None)],
    ),
    (
        "en",
        "the US will send more Patriot interceptors and artillery shells",
        [
            ("Patriot interceptors", "air_defense", "weapon:patriot"),
            ("artillery shells", "weapons", None),
        ],
    ),
    (
        "en",
        "Germany pledged Leopard 2 tanks, F-16s and anti-tank missiles",
        [
            ("Leopard 2 tanks", "weapons", "weapon:leopard-2"),
            ("F-16s", "weapons", "weapon:f-16"),
            ("anti-tank missiles", "weapons", None),
        ],
    ),
    ("en", "a think tank says the patriot should tow the line on arms control", []),
    (
        "en",
        "Europe offered a reassurance force and Article 5-style security guarantees",
        [
            ("reassurance force", "troops", None),
            ("Article 5-style security guarantees", "guarantee", None),
        ],
    ),
    (
        "en",
        "Kyiv wants more TOW missiles and HIMARS launchers",
        [
            ("TOW missiles", "weapons", "weapon:tow"),
            ("HIMARS launchers", "weapons", "weapon:himars"),
        ],
    ),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_sentences(lang: str, text: str, expected: list[tuple[str, str, str | None]]) -> None:
    hits = find_objects(text, lang)
    assert _spans(hits) == expected
    for hit in hits:
        assert text[hit.start : hit.end] == hit.text


def test_commitment_follows_the_class() -> None:
    text = "gửi hệ thống phòng không NASAMS, binh sĩ và viện trợ nhân đạo"
    assert [(h.object_class, h.commitment) for h in find_objects(text, "vi")] == [
        ("air_defense", "air_defense"),
        ("troops", "troop_deployment"),
        ("humanitarian", None),
    ]


def test_no_match_inside_a_longer_word() -> None:
    assert find_objects("Nhà báo Quân Đội", "vi")[0].text == "Quân Đội"
    assert find_objects("tanks", "en")[0].text == "tanks"
    assert find_objects("anti-tanking", "en") == []
    assert find_objects("Patriotism", "en") == []
    assert find_objects("xe tăngx", "vi") == []


def test_the_window_bounds_the_hits() -> None:
    text = "Mỹ gửi tên lửa Patriot và xe tăng Abrams, còn Đức gửi đạn pháo."
    tail = text.index("còn")
    hits = find_objects(text, "vi", start=tail)
    assert _spans(hits) == [("đạn pháo", "weapons", None)]
    assert hits[0].start > tail and text[hits[0].start : hits[0].end] == "đạn pháo"
    assert find_objects(text, "vi", 0, text.index(" và")) == find_objects(text, "vi")[:1]
    assert find_objects(text, "vi", 10, 5) == []


def test_unknown_language_is_an_error() -> None:
    with pytest.raises(KnowledgeBaseError) as err:
        find_objects("weapons", "xx")
    assert err.value.code == "E051"


# ---- offsets, for any text --------------------------------------------------------------

_PIECES = [
    "tên lửa",
    "Patriot",
    "pháo",
    "pháo hoa",
    "hệ thống",
    "F-16",
    "Leopard 2",
    "A6",
    "s",
    "quân",
    "bình",
    "xe tăng",
    "tanks",
    "think",
    "interceptors",
    "Article 5",
    "-",
    " ",
    "  ",
    ", ",
    "\n",
    "Đ",
    "İ",
    "’",
    "\u00a0",
    "UAV",
    "uav",
    "x",
    "2",
]


@settings(max_examples=200, deadline=None)
@given(
    parts=st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=4)), max_size=30),
    lang=st.sampled_from(LANGS),
    bounds=st.tuples(st.integers(-5, 200), st.one_of(st.none(), st.integers(-5, 200))),
)
def test_hits_point_into_their_window(
    parts: list[str], lang: str, bounds: tuple[int, int | None]
) -> None:
    text = unicodedata.normalize("NFC", "".join(parts))
    start, end = bounds
    hits = find_objects(text, lang, start, end)
    low = max(0, start)
    high = len(text) if end is None else min(end, len(text))
    previous = low
    for hit in hits:
        assert text[hit.start : hit.end] == hit.text
        assert previous <= hit.start < hit.end <= high
        previous = hit.end


# ---- the data, not the code, decides ---------------------------------------------------------


def _copy_data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    (root / "kb").mkdir(parents=True)
    shutil.copy(WEAPONS, root / "kb" / "weapons.yaml")
    shutil.copytree(DATA_DIR / "lang", root / "lang")
    return root


def _dump(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_new_word_and_a_new_system_need_no_code(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    text = "Hà Lan gửi thêm xe phóng lôi và tổ hợp Thần Sấm-7"
    assert find_objects(text, "vi", data_dir=root) == []
    lexicon_path = root / "lang" / "vi" / "objects.yaml"
    lexicon = _load(lexicon_path)
    lexicon["classes"]["weapons"]["words"].append("xe phóng lôi")
    _dump(lexicon_path, lexicon)
    systems = _load(root / "kb" / "weapons.yaml")
    systems.append(
        {
            "id": "weapon:than-sam-7",
            "name": "Thần Sấm-7",
            "kind": "air_defense_system",
            "maker": "NLD",
            "names_vi": ["Thần Sấm-7"],
            "source": "https://example.org",
        }
    )
    _dump(root / "kb" / "weapons.yaml", systems)
    assert _spans(find_objects(text, "vi", data_dir=root)) == [
        ("xe phóng lôi", "weapons", None),
        ("tổ hợp Thần Sấm-7", "air_defense", "weapon:than-sam-7"),
    ]
    assert find_objects(text, "vi") == []  # the package data is untouched


def test_a_new_language_is_a_new_file(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    (root / "lang" / "de").mkdir()
    _dump(
        root / "lang" / "de" / "objects.yaml",
        {
            "source": "test",
            "head": "after_name",
            "classes": {
                c: {"commitment": "military_aid", "words": [w]}
                for c, w in [
                    ("weapons", "Panzer"),
                    ("air_defense", "Flugabwehr"),
                    ("nuclear", "Atomwaffen"),
                ]
            },
        },
    )
    assert _spans(find_objects("Berlin liefert Panzer und Patriot", "de", data_dir=root)) == [
        ("Panzer", "weapons", None),
        ("Patriot", "air_defense", "weapon:patriot"),
    ]


@pytest.mark.parametrize(
    ("edit", "code"),
    [
        (lambda s: s.append(dict(s[0])), "E305"),
        (lambda s: s[0].update(kind="laser"), "E301"),
        (lambda s: s[0].update(maker="Germany"), "E301"),
        (lambda s: s[0].pop("id"), "E302"),
    ],
)
def test_broken_weapon_entries_are_reported(tmp_path: Path, edit: Any, code: str) -> None:
    root = _copy_data(tmp_path)
    systems = _load(root / "kb" / "weapons.yaml")
    edit(systems)
    _dump(root / "kb" / "weapons.yaml", systems)
    with pytest.raises(KnowledgeBaseError) as err:
        weapon_systems(data_dir=root)
    assert err.value.code == code


def test_unknown_commitment_is_reported(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    path = root / "lang" / "en" / "objects.yaml"
    lexicon = _load(path)
    lexicon["classes"]["troops"]["commitment"] = "troop_surge"
    _dump(path, lexicon)
    with pytest.raises(KnowledgeBaseError) as err:
        find_objects("troops", "en", data_dir=root)
    assert err.value.code == "E311"
