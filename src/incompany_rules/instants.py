"""Instants as the library takes and gives them (rules T1 and T6).

T1. Every instant given to the library is timezone-aware. A naive
``datetime`` is refused, never guessed::

    >>> import datetime as dt
    >>> instant(dt.datetime(2026, 3, 18, 9, 0), field="now")
    Traceback (most recent call last):
      ...
    incompany_rules.errors.NaiveDatetimeError: Invalid now: expected a timezone-aware datetime, got a naive one (2026-03-18T09:00:00)

An aware ``datetime`` of any timezone is accepted and becomes a
``pendulum.DateTime`` for the same instant::

    >>> instant(dt.datetime(2026, 3, 18, 8, 0, tzinfo=dt.timezone.utc), field="now")
    DateTime(2026, 3, 18, 8, 0, 0, tzinfo=Timezone('UTC'))

T6. Instants the library returns are in the policy's timezone; ``local``
does that conversion.

Python compares two datetimes that share a ``tzinfo`` by their wall clocks,
so in the hour that Brussels repeats in October, 02:30 summer time and 02:30
winter time would compare equal although an hour apart. The library
compares instants in UTC (``utc``) wherever both could lie on that clock:

    >>> brussels = pendulum.timezone("Europe/Brussels")
    >>> summer = local(pendulum.datetime(2026, 10, 25, 0, 30), brussels)
    >>> winter = local(pendulum.datetime(2026, 10, 25, 1, 30), brussels)
    >>> summer == winter, utc(summer) < utc(winter)
    (True, True)
"""

from __future__ import annotations

import datetime as dt

import pendulum

from incompany_rules.errors import InvalidTypeError, NaiveDatetimeError

__all__ = ["instant", "local", "optional_instant", "utc"]


def instant(value: object, *, field: str) -> pendulum.DateTime:
    """Return ``value`` as an aware ``pendulum.DateTime``, or raise.

    Raises :class:`~incompany_rules.errors.InvalidTypeError` for anything
    that is not a ``datetime`` (a ``date`` included) and
    :class:`~incompany_rules.errors.NaiveDatetimeError` for a naive one.
    """
    if type(value) is pendulum.DateTime:
        if value.tzinfo is None:
            raise NaiveDatetimeError(
                field,
                f"expected a timezone-aware datetime, got a naive one ({value.isoformat()})",
            )
        return value
    if not isinstance(value, dt.datetime):
        raise InvalidTypeError(
            field, f"expected a timezone-aware datetime, got {type(value).__name__}"
        )
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetimeError(
            field,
            f"expected a timezone-aware datetime, got a naive one ({value.isoformat()})",
        )
    return pendulum.instance(value)


def optional_instant(value: object, *, field: str) -> pendulum.DateTime | None:
    """Like :func:`instant`, but ``None`` stays ``None`` (a fact not yet recorded)."""
    if value is None:
        return None
    return instant(value, field=field)


def local(value: dt.datetime, tz: dt.tzinfo) -> pendulum.DateTime:
    """Return the aware instant ``value`` on the local clock of ``tz``.

    >>> import datetime as dt
    >>> brussels = pendulum.timezone("Europe/Brussels")
    >>> local(dt.datetime(2026, 3, 29, 1, 0, tzinfo=dt.timezone.utc), brussels)
    DateTime(2026, 3, 29, 3, 0, 0, tzinfo=Timezone('Europe/Brussels'))
    """
    if type(value) is pendulum.DateTime:
        if value.tzinfo is tz:
            return value
        # Convert a plain datetime: pendulum's own astimezone does the same, slower.
        value = dt.datetime(
            value.year,
            value.month,
            value.day,
            value.hour,
            value.minute,
            value.second,
            value.microsecond,
            tzinfo=value.tzinfo,
            fold=value.fold,
        )
    converted = value.astimezone(tz)
    if isinstance(tz, pendulum.Timezone):
        return pendulum.DateTime(
            converted.year,
            converted.month,
            converted.day,
            converted.hour,
            converted.minute,
            converted.second,
            converted.microsecond,
            tzinfo=tz,
            fold=converted.fold,
        )
    return pendulum.instance(converted)


def utc(value: dt.datetime) -> dt.datetime:
    """Return the aware instant ``value`` in UTC, where comparison is by instant.

    >>> import datetime as dt
    >>> utc(pendulum.datetime(2026, 3, 29, 3, tz="Europe/Brussels")).isoformat()
    '2026-03-29T01:00:00+00:00'
    """
    return value.astimezone(dt.UTC)
