"""The words the person recogniser reads context with, per language.

Vietnamese keeps them in ``data/lexicon/actor_words.yaml`` (words.py), English in
``data/lang/en/actors.yaml``. persons.py and titles.py take a :class:`PersonWords`
and run the same code paths on either; what only English has (a reporting verb next
to a name, an appositive role opened by an article, credit lines) is empty for
Vietnamese.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from pactwatch.actors.textutil import looks_foreign
from pactwatch.actors.words import WORDS
from pactwatch.datacache import safe_loader

LANG_DIR = Path(__file__).resolve().parents[1] / "data" / "lang"


@dataclass(frozen=True)
class PersonWords:
    code: str
    honorifics: tuple[str, ...]
    person_titles: tuple[str, ...]
    title_prefixes: tuple[str, ...]
    generic_titles: tuple[str, ...]
    title_internal: frozenset[str]
    # words a name's run sheds at its start ("Theo", "Meanwhile")
    leading_not_name: frozenset[str]
    # first words never of a name (Vietnamese) / words never in one (English)
    not_name_heads: frozenset[str]
    not_name_words: frozenset[str] = frozenset()
    speaker_after: tuple[str, ...] = ()
    speaker_before: tuple[str, ...] = ()
    appositive_openers: frozenset[str] = frozenset()
    appositive_verbs: tuple[str, ...] = ()
    credit_lines: tuple[str, ...] = ()
    credit_after: tuple[str, ...] = ()

    @property
    def english(self) -> bool:
        return self.code == "en"

    def name_word(self, word: str) -> bool:
        """Can ``word`` be a word of a name met without a title? In Vietnamese text only
        a foreign-looking word ("Starmer"); in English text any capitalised word."""
        return self.english or looks_foreign(word)

    def honorific(self, said: str) -> bool:
        return said.lower() in self.honorifics


VIETNAMESE = PersonWords(
    code="vi",
    honorifics=WORDS.honorifics,
    person_titles=WORDS.person_titles,
    title_prefixes=WORDS.title_prefixes,
    generic_titles=WORDS.generic_titles,
    title_internal=WORDS.title_internal,
    leading_not_name=WORDS.sentence_openers | WORDS.region_words | WORDS.personal,
    not_name_heads=WORDS.not_name_heads,
    speaker_before=WORDS.speaker_before,
)


def _strings(raw: dict[str, object], key: str) -> tuple[str, ...]:
    value = raw.get(key) or []
    assert isinstance(value, list), f"{key} must be a list"
    return tuple(str(v).lower() for v in value)


@cache
def load_person_words(code: str) -> PersonWords:
    path = LANG_DIR / code / "actors.yaml"
    raw = yaml.load(path.read_text(encoding="utf-8"),
                    Loader=safe_loader())
    leading = frozenset(_strings(raw, "leading_not_name"))
    return PersonWords(
        code=code,
        honorifics=_strings(raw, "honorifics"),
        person_titles=_strings(raw, "person_titles"),
        title_prefixes=_strings(raw, "title_prefixes"),
        generic_titles=_strings(raw, "generic_titles"),
        title_internal=frozenset(_strings(raw, "title_internal")),
        leading_not_name=leading,
        not_name_heads=leading,
        not_name_words=frozenset(_strings(raw, "not_name_words")),
        speaker_after=_strings(raw, "speaker_after"),
        speaker_before=_strings(raw, "speaker_before"),
        appositive_openers=frozenset(_strings(raw, "appositive_openers")),
        appositive_verbs=_strings(raw, "appositive_verbs"),
        credit_lines=_strings(raw, "credit_lines"),
        credit_after=tuple(str(v) for v in raw.get("credit_after") or []),
    )


def person_words(language: str | None) -> PersonWords:
    """The words for a document's language: English's for "en", else Vietnamese's."""
    code = (language or "vi").split("-")[0].casefold()
    if code == "vi" or not (LANG_DIR / code / "actors.yaml").is_file():
        return VIETNAMESE
    return load_person_words(code)
