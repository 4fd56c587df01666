"""Language-pack entries are checked when read: a YAML boolean where a word was
meant ("on", "off", "no" unquoted) is a clear error naming the entry, not a crash."""

from __future__ import annotations

import pytest

from pactwatch.errors import PactwatchError
from pactwatch.extract.lexicon import _terms


def test_neighbour_words_and_forms_become_terms() -> None:
    terms = _terms([{"en": "backed", "forms": ["backs"], "not_before": ["came"], "not_after": ["up"]}], "t", "en")
    assert [t.text for t in terms] == ["backed", "backs"]
    assert all(t.not_before == ("came",) and t.not_after == ("up",) for t in terms)


@pytest.mark.parametrize("key", ["not_before", "not_after", "forms"])
def test_a_yaml_boolean_among_the_words_is_a_clear_error(key: str) -> None:
    with pytest.raises(PactwatchError) as err:
        _terms([{"en": "backed", key: ["up", True]}], "t", "en")
    assert err.value.code == "E053" and key in str(err.value)
