"""What security predications act on: generic object nouns and named weapon systems.

``find_objects`` finds, in a window of a text, every noun of what is given, sold,
deployed or promised ("vũ khí", "đạn dược", "binh sĩ", "security guarantees") and
every named weapon system ("tên lửa Patriot", "F-16 fighter jets"), each with its
object class and the commitment type that class implies. The words are reviewed data,
not code: ``data/lang/<lang>/objects.yaml`` (generic nouns, per language) and
``data/kb/weapons.yaml`` (named systems, for every language). A new word is one line
of data.

How text is matched (one Aho-Corasick automaton per language, built once):

- on word boundaries: nothing inside a longer word (a Vietnamese syllable is a word),
  and a hyphen joins words, so "tank" is not found in "anti-tank";
- a capital written in the data must be a capital in the text ("UAV", "Patriot",
  "TOW", "Điều 5"); small letters match either case;
- leftmost, then longest, without overlaps; ``not_objects`` compounds compete like
  any word and are then dropped, so "pháo hoa" (fireworks) hides "pháo";
- a system's name joins the head nouns written next to it into one mention: before
  the name in Vietnamese ("tên lửa chống tăng Javelin"), after it in English
  ("Patriot interceptors"); the class and commitment are the system's;
- a name ending in a digit may carry a model suffix ("F-16V", "Leopard 2A6", "Su-35S").

Vietnamese text is matched against the systems' English names too: the press writes
them as they are. A system's class follows its kind (``KIND_CLASS``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

from pactwatch.datacache import safe_loader
from pactwatch.document import COMMITMENT_TYPES
from pactwatch.errors import KnowledgeBaseError

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
WEAPONS_FILE = Path("kb") / "weapons.yaml"

KINDS = (
    "air_defense_system",
    "missile",
    "cruise_missile",
    "ballistic_missile",
    "anti_tank_missile",
    "anti_ship_missile",
    "artillery",
    "rocket_artillery",
    "tank",
    "armoured_vehicle",
    "fighter_aircraft",
    "bomber",
    "transport_aircraft",
    "helicopter",
    "drone",
    "warship",
    "submarine",
    "aircraft_carrier",
    "nuclear_weapon",
    "small_arms",
    "ammunition",
    "radar",
)
# A named system's object class, by kind; every other kind is a weapon.
KIND_CLASS = {"air_defense_system": "air_defense", "nuclear_weapon": "nuclear"}
WEAPON_CLASS = "weapons"
NAMED_CLASSES = frozenset({WEAPON_CLASS, *KIND_CLASS.values()})
HEAD_POSITIONS = ("before_name", "after_name")

_OBJECT, _HEAD, _STOP = 0, 1, 2
_ISO3 = re.compile(r"[A-Z]{3}")
_LANG = re.compile(r"[a-z]{2,3}")
_HYPHENS = "-\u2010\u2011\u2012"
# Same-length folding: apostrophes and hyphens of one kind, no-break spaces as spaces.
_FOLD = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u00a0": " ",
        "\u202f": " ",
    }
)
# A model suffix glued to a name that ends in a digit: F-16V, Leopard 2A6, S-300PMU-2.
_VARIANT = re.compile(r"(?:-?[A-Z][A-Z0-9]{0,3}|-[0-9][0-9A-Z]{0,2})(?:-[0-9A-Z]{1,3})?")


@dataclass(frozen=True)
class WeaponSystem:
    """A named system of ``weapons.yaml``; ``names`` are its surface forms, all languages."""

    id: str
    name: str
    kind: str
    maker: str | None
    names: tuple[str, ...]
    source: str
    makers: tuple[str, ...] = ()
    names_by_lang: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def object_class(self) -> str:
        return KIND_CLASS.get(self.kind, WEAPON_CLASS)

    def names_in(self, lang: str) -> tuple[str, ...]:
        """The forms matched in ``lang`` text: that language's names, then the English ones."""
        by_lang = dict(self.names_by_lang)
        return _unique((*by_lang.get(lang, ()), *by_lang.get("en", ())))


@dataclass(frozen=True)
class ObjectHit:
    """One object mention; ``weapon`` is the system's id when a named system is in it."""

    start: int
    end: int
    text: str
    object_class: str
    commitment: str | None
    weapon: str | None


@dataclass(frozen=True, slots=True)
class _Form:
    role: int  # _OBJECT, _HEAD (joins a name, nothing alone) or _STOP (hides, then dropped)
    caps: tuple[int, ...]  # offsets that must be capitals in the text
    object_class: str | None
    commitment: str | None
    weapon: str | None
    variant: bool  # may take a model suffix


@dataclass(frozen=True)
class _Lexicon:
    automaton: Any  # ahocorasick.Automaton, or None when the lexicon is empty
    head_before_name: bool


def weapon_systems(*, data_dir: Path | None = None) -> tuple[WeaponSystem, ...]:
    """Every named system of ``data/kb/weapons.yaml``, in file order (read again when edited)."""
    root = data_dir or DATA_DIR
    return _weapons(str(root), _stamp(root / WEAPONS_FILE) if data_dir else ())


def find_objects(
    text: str, lang: str, start: int = 0, end: int | None = None, *, data_dir: Path | None = None
) -> list[ObjectHit]:
    """Object mentions in ``text[start:end]``, in text order, as offsets into ``text``.

    ``data_dir`` (the folder holding ``kb/`` and ``lang/``) defaults to the package data;
    the automaton is built once per language and again when a data file changes.
    """
    root = data_dir or DATA_DIR
    if not _LANG.fullmatch(lang):
        raise KnowledgeBaseError("E051", f"no object lexicon for language {lang!r}")
    # the package's own data does not change under a running process: only a data
    # folder given by the caller is watched for edits (a stat per call costs a third)
    stamp = _stamp(root / WEAPONS_FILE, _objects_file(root, lang)) if data_dir else ()
    lexicon = _lexicon(lang, str(root), stamp)
    stop = len(text) if end is None else max(0, min(end, len(text)))
    begin = max(0, start)
    if begin >= stop or lexicon.automaton is None:
        return []
    units = _leftmost_longest(_candidates(text, begin, stop, lexicon.automaton))
    return _join_names(text, units, lexicon.head_before_name)


# ---- matching -------------------------------------------------------------------


def _candidates(
    text: str, begin: int, stop: int, automaton: Any
) -> Iterator[tuple[int, int, _Form]]:
    for last, (length, forms) in automaton.iter(_fold(text[begin:stop])):
        i, j = begin + last - length + 1, begin + last + 1
        if not _starts_word(text, i):
            continue
        for form in forms:
            if not all(text[i + k].isupper() for k in form.caps):
                continue
            k: int | None = j if _ends_word(text, j) else None
            if k is None and form.variant:
                k = _variant_end(text, j, stop)
            if k is not None:
                yield i, k, form
                break


def _leftmost_longest(candidates: Iterator[tuple[int, int, _Form]]) -> list[tuple[int, int, _Form]]:
    chosen: list[tuple[int, int, _Form]] = []
    reached = -1
    for i, j, form in sorted(candidates, key=lambda c: (c[0], -c[1])):
        if i >= reached:
            chosen.append((i, j, form))
            reached = j
    return chosen


def _join_names(text: str, units: list[tuple[int, int, _Form]], before: bool) -> list[ObjectHit]:
    out: list[tuple[int, int, _Form]] = []
    for i, j, form in units:
        if before and form.weapon:
            while out and _joins_name(out[-1][2]) and _gap(text, out[-1][1], i):
                i = out.pop()[0]
        elif (
            not before
            and out
            and out[-1][2].weapon
            and _joins_name(form)
            and _gap(text, out[-1][1], i)
        ):
            i, _, form = out.pop()
        out.append((i, j, form))
    return [
        ObjectHit(i, j, text[i:j], form.object_class or "", form.commitment, form.weapon)
        for i, j, form in out
        if form.role == _OBJECT
    ]


def _joins_name(form: _Form) -> bool:
    if form.role == _HEAD:
        return True
    return form.role == _OBJECT and form.weapon is None and form.object_class in NAMED_CLASSES


def _gap(text: str, a: int, b: int) -> bool:
    between = text[a:b]
    return 0 < len(between) <= 2 and between.isspace() and "\n" not in between


def _is_word(c: str) -> bool:
    return c.isalnum() or c == "_" or unicodedata.combining(c) > 0


def _starts_word(text: str, i: int) -> bool:
    if i == 0:
        return True
    c = text[i - 1]
    if _is_word(c):
        return False
    return not (c in _HYPHENS and i >= 2 and _is_word(text[i - 2]))


def _ends_word(text: str, j: int) -> bool:
    if j >= len(text):
        return True
    c = text[j]
    if _is_word(c):
        return False
    return not (c in _HYPHENS and j + 1 < len(text) and _is_word(text[j + 1]))


def _variant_end(text: str, j: int, stop: int) -> int | None:
    m = _VARIANT.match(text, j, stop)
    return m.end() if m and _ends_word(text, m.end()) else None


def _fold(text: str) -> str:
    """Lower case and one kind of apostrophe and hyphen, keeping every offset."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.translate(_FOLD)


def _caps(form: str) -> tuple[int, ...]:
    return tuple(k for k, c in enumerate(form) if c.isupper())


# ---- loading ----------------------------------------------------------------------


def _objects_file(root: Path, lang: str) -> Path:
    return root / "lang" / lang / "objects.yaml"


def _stamp(*paths: Path) -> tuple[int, ...]:
    """What tells an edited data file from the one cached: size and modification time."""
    out: list[int] = []
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            out += [-1, -1]
        else:
            out += [info.st_size, info.st_mtime_ns]
    return tuple(out)


@lru_cache(maxsize=8)
def _weapons(data_dir: str, stamp: tuple[int, ...]) -> tuple[WeaponSystem, ...]:
    path = Path(data_dir) / WEAPONS_FILE
    raw = _read_yaml(path, "E300")
    if not isinstance(raw, list):
        raise KnowledgeBaseError("E300", f"{path}: must be a list of weapon systems")
    systems: list[WeaponSystem] = []
    seen: set[str] = set()
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise KnowledgeBaseError(
                "E302", f"{path.name}: every entry must be a mapping with an id"
            )
        wid = item["id"]
        where = f"{path.name}: {wid}"
        if wid in seen:
            raise KnowledgeBaseError("E305", f"{where} is defined twice")
        seen.add(wid)
        kind = item.get("kind")
        if kind not in KINDS:
            raise KnowledgeBaseError(
                "E301", f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}"
            )
        for key in ("name", "source"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise KnowledgeBaseError("E301", f"{where}: {key} must be a non-empty string")
        maker = item.get("maker")
        makers = _strings(item.get("makers"), f"{where}: makers", "E301")
        if maker is not None and not (isinstance(maker, str) and _ISO3.fullmatch(maker)):
            raise KnowledgeBaseError("E301", f"{where}: maker must be an ISO3 code or null")
        if maker is None and not makers:
            raise KnowledgeBaseError("E301", f"{where}: a system with maker null lists its makers")
        if any(not _ISO3.fullmatch(m) for m in makers):
            raise KnowledgeBaseError("E301", f"{where}: makers must be ISO3 codes")
        by_lang = tuple(
            (key.removeprefix("names_"), _strings(value, f"{where}: {key}", "E301"))
            for key, value in item.items()
            if key.startswith("names_")
        )
        names = _unique(tuple(n for _, forms in by_lang for n in forms))
        if not names:
            raise KnowledgeBaseError(
                "E301", f"{where}: give at least one name (names_en, names_vi)"
            )
        systems.append(
            WeaponSystem(wid, item["name"], kind, maker, names, item["source"], makers, by_lang)
        )
    return tuple(systems)


@lru_cache(maxsize=8)
def _lexicon(lang: str, data_dir: str, stamp: tuple[int, ...]) -> _Lexicon:
    from pactwatch import datacache

    # the compiled automaton is kept on disk, keyed by the two files' bytes
    root = Path(data_dir)
    return datacache.cached(f"objects.{lang}", [root / WEAPONS_FILE, _objects_file(root, lang)],
                            lambda: _build_lexicon(lang, data_dir, stamp), code=[__file__])


def _build_lexicon(lang: str, data_dir: str, stamp: tuple[int, ...]) -> _Lexicon:
    path = _objects_file(Path(data_dir), lang)
    if not path.is_file():
        raise KnowledgeBaseError("E051", f"no object lexicon for language {lang!r} ({path})")
    raw = _read_yaml(path, "E051")
    if not isinstance(raw, dict) or not isinstance(raw.get("classes"), dict):
        raise KnowledgeBaseError("E051", f"{path}: must be a mapping with classes")
    if not raw.get("source"):
        raise KnowledgeBaseError("E052", f"{path}: say where the words come from in source")
    head = raw.get("head", "before_name")
    if head not in HEAD_POSITIONS:
        raise KnowledgeBaseError("E051", f"{path}: head must be one of {HEAD_POSITIONS}")
    forms: dict[str, list[_Form]] = {}

    def add(surface: str, form: _Form) -> None:
        bucket = forms.setdefault(_fold(surface), [])
        if form not in bucket:
            bucket.append(form)

    commitments: dict[str, str | None] = {}
    for cls, spec in raw["classes"].items():
        if not isinstance(spec, dict) or "commitment" not in spec:
            raise KnowledgeBaseError("E051", f"{path}: class {cls} needs commitment and words")
        commitment = spec["commitment"]
        if commitment is not None and commitment not in COMMITMENT_TYPES:
            raise KnowledgeBaseError(
                "E311", f"{path}: class {cls}: unknown commitment {commitment!r}"
            )
        commitments[cls] = commitment
        for word in _strings(spec.get("words"), f"{path}: {cls}.words", "E051"):
            add(word, _Form(_OBJECT, _caps(word), cls, commitment, None, False))
    missing = sorted(NAMED_CLASSES - commitments.keys())
    if missing:
        raise KnowledgeBaseError("E051", f"{path}: named systems need the classes {missing}")
    plurals = _strings(raw.get("name_plurals"), f"{path}: name_plurals", "E051")
    for system in _weapons(data_dir, stamp[:2]):
        cls = system.object_class
        for name in system.names_in(lang):
            add(
                name,
                _Form(_OBJECT, _caps(name), cls, commitments[cls], system.id, name[-1].isdigit()),
            )
            for suffix in plurals:
                if name[-1].isalnum() and not name.lower().endswith(suffix.lower()):
                    plural = name + suffix
                    add(
                        plural,
                        _Form(_OBJECT, _caps(plural), cls, commitments[cls], system.id, False),
                    )
    for word in _strings(raw.get("name_heads"), f"{path}: name_heads", "E051"):
        add(word, _Form(_HEAD, _caps(word), None, None, None, False))
    for word in _strings(raw.get("not_objects"), f"{path}: not_objects", "E051"):
        add(word, _Form(_STOP, _caps(word), None, None, None, False))
    if not forms:
        return _Lexicon(None, head == "before_name")
    automaton = ahocorasick.Automaton()
    for key, bucket in forms.items():
        bucket.sort(key=lambda f: (f.role, f.weapon is None))
        automaton.add_word(key, (len(key), tuple(bucket)))
    automaton.make_automaton()
    return _Lexicon(automaton, head == "before_name")


def _read_yaml(path: Path, code: str) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"),
                         Loader=safe_loader())
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeBaseError(code, f"{path}: {exc}") from exc


def _strings(value: Any, where: str, code: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise KnowledgeBaseError(code, f"{where} must be a list of non-empty strings")
    return tuple(unicodedata.normalize("NFC", v.strip()) for v in value)


def _unique(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
