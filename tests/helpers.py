"""What the tests build again and again: the fund's clock, its instants, refusals.

Importable from every test module as `helpers` (pytest's `pythonpath` and
mypy's path hold `tests/`):

    from helpers import BRUSSELS, brussels, refused_as
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

import pendulum
import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

    from incompany_rules.errors import IncompanyRulesError

__all__ = ["BRUSSELS", "brussels", "refused_as"]

BRUSSELS = pendulum.timezone("Europe/Brussels")
"""The clock of the default policy, on which the rules count their days."""


def brussels(
    year: int,
    month: int,
    day: int,
    hour: int = 0,
    minute: int = 0,
    second: int = 0,
    microsecond: int = 0,
) -> pendulum.DateTime:
    """Return the instant of that wall time in Brussels.

    A wall time that the change to summer time skips moves forward, as
    `pendulum.datetime` moves it (02:30 on 29 March 2026 is 03:30).
    """
    return pendulum.datetime(year, month, day, hour, minute, second, microsecond, tz=BRUSSELS)


@contextlib.contextmanager
def refused_as(
    kind: type[IncompanyRulesError], field: str
) -> Iterator[pytest.ExceptionInfo[IncompanyRulesError]]:
    """Expect the block to raise `kind` about `field`.

    The whole message of each error is pinned once, in `test_messages.py`
    or beside its check; other tests say which error, and about what.
    """
    with pytest.raises(kind) as caught:
        yield caught
    assert field == caught.value.field
