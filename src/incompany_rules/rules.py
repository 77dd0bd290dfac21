"""The ids of the rules: one enum, so that no module writes `"R8"` of its own.

Every decision, fee, milestone and action names the rule it comes from by a
[`Rule`][incompany_rules.rules.Rule], the ids of the
[rules catalogue](../rules.md): `T1` to `T8` for the time base, `R1` to `R18` for the
process. A [`Rule`][incompany_rules.rules.Rule] is a `str`, so it compares
equal to its id.

Examples:
    >>> Rule.R8 == "R8"
    True
    >>> Rule("R16").name
    'R16'
"""

from __future__ import annotations

import enum

__all__ = ["Rule"]


class Rule(enum.StrEnum):
    """A rule id of the catalogue; its value is the id itself."""

    T1 = "T1"
    T2 = "T2"
    T3 = "T3"
    T4 = "T4"
    T5 = "T5"
    T6 = "T6"
    T7 = "T7"
    T8 = "T8"
    R1 = "R1"
    R2 = "R2"
    R3 = "R3"
    R4 = "R4"
    R5 = "R5"
    R6 = "R6"
    R7 = "R7"
    R8 = "R8"
    R9 = "R9"
    R10 = "R10"
    R11 = "R11"
    R12 = "R12"
    R13 = "R13"
    R14 = "R14"
    R15 = "R15"
    R16 = "R16"
    R17 = "R17"
    R18 = "R18"
