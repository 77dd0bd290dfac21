"""The languages the library writes its texts in: French, Dutch and English.

Every text a value shows a person (a decision's reasons, an action's title,
a fee's description, the recap line) takes `lang`, one of `"fr"`,
`"nl"` or `"en"`; anything else is refused with the field named.

Examples:
    >>> language("nl")
    'nl'
    >>> language("de")
    Traceback (most recent call last):
      ...
    incompany_rules.errors.InvalidValueError: Invalid lang: expected 'fr', 'nl' or 'en', got 'de'
"""

from __future__ import annotations

from typing import Literal

from incompany_rules.errors import InvalidValueError
from incompany_rules.validation import shown

__all__ = ["LANGUAGES", "Language", "language", "language_index"]

Language = Literal["fr", "nl", "en"]
LANGUAGES: tuple[Language, ...] = ("fr", "nl", "en")
"""The languages in the order of the library's text tables."""


def language(lang: object) -> Language:
    """Return `lang` when it is `"fr"`, `"nl"` or `"en"`, else raise."""
    if lang == "fr" or lang == "nl" or lang == "en":  # noqa: PLR1714 (narrows the Literal)
        return lang
    raise InvalidValueError("lang", f"expected 'fr', 'nl' or 'en', got {shown(lang)}")


def language_index(lang: object) -> int:
    """Return the position of `lang` in [`LANGUAGES`][incompany_rules.languages.LANGUAGES], the column of a text table.

    Examples:
        >>> language_index("en")
        2
    """
    return LANGUAGES.index(language(lang))
