"""Checks of the arguments given to a strategy, and the units the strategies count in."""

from __future__ import annotations

import datetime as dt

import pendulum
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

_SECOND = dt.timedelta(seconds=1)
_DAY_SECONDS = 86_400


def _strategy(value: object, name: str) -> None:
    if not isinstance(value, st.SearchStrategy):
        raise InvalidArgument(
            f"{name}={value!r} must be a Hypothesis strategy (wrap a fixed value in st.just)"
        )


def _flag(value: object, name: str) -> st.SearchStrategy[bool]:
    if value is None:
        return st.booleans()
    if not isinstance(value, bool):
        raise InvalidArgument(f"{name}={value!r} must be True, False or None (either)")
    return st.just(value)


def _aware(value: object, name: str) -> pendulum.DateTime | None:
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        raise InvalidArgument(f"{name}={value!r} must be an aware datetime or None")
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidArgument(f"{name}={value!r} must be timezone-aware (rule T1)")
    return pendulum.instance(value)


def _zone(value: object, name: str) -> pendulum.Timezone:
    if not isinstance(value, str):
        raise InvalidArgument(f"{name}={value!r} must be an IANA timezone name")
    try:
        return pendulum.timezone(value)
    except Exception:  # noqa: BLE001 (pendulum raises several kinds for an unknown name)
        raise InvalidArgument(f"{name}={value!r} is not an IANA timezone name") from None
