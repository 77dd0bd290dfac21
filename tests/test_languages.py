"""The languages of the library's texts."""

from __future__ import annotations

import pytest

from helpers import refused_as
from incompany_rules import InvalidValueError
from incompany_rules.languages import LANGUAGES, language, language_index


class TestLanguage:
    @pytest.mark.parametrize(("lang", "index"), [("fr", 0), ("nl", 1), ("en", 2)])
    def test_each_language_has_its_column(self, lang: str, index: int) -> None:
        """French, Dutch and English are the columns 0, 1 and 2 of a text table."""
        assert (lang, index) == (language(lang), language_index(lang))
        assert lang == LANGUAGES[index]

    @pytest.mark.parametrize("lang", ["de", "FR", "", None, 0, ["fr"], b"fr"])
    def test_anything_else_is_refused_with_the_field_named(self, lang: object) -> None:
        """Another language, another case or another type is refused as ``lang``."""
        with refused_as(InvalidValueError, "lang"):
            language_index(lang)
