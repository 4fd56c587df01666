"""The Vietnamese word lists the actor recogniser reads context with.

They live in ``pactwatch/data/lexicon/actor_words.yaml`` (reviewed data, one
commented list per use); this module loads them once, as frozensets.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from pactwatch.datacache import safe_loader

WORDS_FILE = Path(__file__).resolve().parents[1] / "data" / "lexicon" / "actor_words.yaml"


@dataclass(frozen=True)
class ActorWords:
    personal: frozenset[str]
    compound_after: dict[str, frozenset[str]]
    region_before: frozenset[str]
    region_after: frozenset[str]
    language_before: frozenset[str]
    place_prepositions: frozenset[str]
    new_place_prepositions: frozenset[str]
    pronoun_followers: frozenset[str]
    strict_at_sentence_start: dict[str, frozenset[str]]
    verb_like_capitals: frozenset[str]
    title_tails: frozenset[str]
    sentence_openers: frozenset[str]
    region_words: frozenset[str]
    honorifics: tuple[str, ...]
    speaker_before: tuple[str, ...]
    person_titles: tuple[str, ...]
    title_prefixes: tuple[str, ...]
    generic_titles: tuple[str, ...]
    title_internal: frozenset[str]
    not_name_heads: frozenset[str]
    not_outlets: frozenset[str]
    not_outlet_before: frozenset[str]
    publication_words: frozenset[str]
    compound_short: dict[str, str]
    place_list_joins: frozenset[str]
    treaty_heads: tuple[str, ...]
    not_actor_names: tuple[str, ...]
    service_heads: dict[str, tuple[str, str]]


def load_words(path: Path = WORDS_FILE) -> ActorWords:
    raw = yaml.load(path.read_text(encoding="utf-8"),
                    Loader=safe_loader())
    ordered = {
        "honorifics",
        "speaker_before",
        "person_titles",
        "title_prefixes",
        "generic_titles",
        "treaty_heads",
        "not_actor_names",
    }
    fields: dict[str, object] = {}
    for key in ActorWords.__dataclass_fields__:
        value = raw[key]
        if key == "compound_short":
            fields[key] = {str(k): str(v) for k, v in value.items()}
        elif key == "service_heads":
            fields[key] = {str(k): (str(v[0]), str(v[1])) for k, v in value.items()}
        elif isinstance(value, dict):
            fields[key] = {str(k): frozenset(map(str, v)) for k, v in value.items()}
        elif key in ordered:
            fields[key] = tuple(map(str, value))
        else:
            fields[key] = frozenset(map(str, value))
    return ActorWords(**fields)  # type: ignore[arg-type]


WORDS = load_words()
