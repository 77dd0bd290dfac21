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

import attrs
import pendulum

from incompany_rules.errors import InvalidTypeError, InvalidValueError, NaiveDatetimeError

__all__ = [
    "EARLIEST",
    "END",
    "checked",
    "instant",
    "local",
    "optional_instant",
    "pickled_state",
    "restore_state",
    "utc",
]


#: The first instant the library takes (calendar arithmetic near year 1 fails).
EARLIEST = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)
#: The first instant past what the library takes (arithmetic near 9999 overflows).
END = dt.datetime(3000, 1, 1, tzinfo=dt.UTC)


_UNKNOWN = dt.timedelta(days=2)  # no offset is that large: stands for "the tzinfo raised"


def instant(value: object, *, field: str) -> pendulum.DateTime:
    """Return ``value`` as an aware ``pendulum.DateTime``, or raise.

    Raises :class:`~incompany_rules.errors.InvalidTypeError` for anything
    that is not a ``datetime`` (a ``date`` included),
    :class:`~incompany_rules.errors.NaiveDatetimeError` for a naive one, and
    :class:`~incompany_rules.errors.InvalidValueError` for one outside the
    supported range, the years 1900 to 2999 in UTC (:data:`EARLIEST` up to,
    not including, :data:`END`) or whose ``tzinfo`` cannot say its offset:

    >>> instant(dt.datetime(3000, 1, 1, 1, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))), field="now")
    Traceback (most recent call last):
      ...
    incompany_rules.errors.InvalidValueError: Invalid now: expected an instant in the years 1900 to 2999 (UTC), got 3000-01-01T00:30:00+00:00
    """
    if type(value) is pendulum.DateTime and value.tzinfo is not None and 1900 < value.year < 2999:
        return value  # the usual case, surely in range whatever the offset
    value, offset = _checked(value, field)
    if type(value) is pendulum.DateTime:
        return value
    try:
        return pendulum.instance(value)
    except Exception:  # noqa: BLE001 (a tzinfo of the caller's may raise anything)
        # A tzinfo that pendulum cannot read (no name, say): keep the offset it gives.
        return pendulum.instance(value.replace(tzinfo=dt.timezone(offset)))


def checked(value: object, *, field: str) -> dt.datetime:
    """Return ``value`` unchanged if :func:`instant` would take it, or raise as it does."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None and 1900 < value.year < 2999:
        try:
            if value.utcoffset() is not None:
                return value
        except Exception:  # noqa: BLE001, S110 (checked again below, to raise the library's error)
            pass
    return _checked(value, field)[0]


def _checked(value: object, field: str) -> tuple[dt.datetime, dt.timedelta]:
    if not isinstance(value, dt.datetime):
        raise InvalidTypeError(
            field, f"expected a timezone-aware datetime, got {type(value).__name__}"
        )
    try:
        offset = value.utcoffset()
    except Exception:  # noqa: BLE001 (a tzinfo of the caller's may raise anything)
        offset = _UNKNOWN
    if offset is _UNKNOWN:  # raised here, outside the except block: nothing chained
        raise InvalidValueError(field, "its tzinfo cannot say its offset from UTC")
    if value.tzinfo is None or offset is None:
        raise NaiveDatetimeError(
            field,
            f"expected a timezone-aware datetime, got a naive one ({value.isoformat()})",
        )
    if not 1899 <= value.year <= 3000:  # the wall clock's year first: no overflow below
        raise InvalidValueError(
            field, f"expected an instant in the years 1900 to 2999 (UTC), got {value.isoformat()}"
        )
    moment = value.replace(tzinfo=None) - offset
    if not EARLIEST.replace(tzinfo=None) <= moment < END.replace(tzinfo=None):
        raise InvalidValueError(
            field,
            "expected an instant in the years 1900 to 2999 (UTC), got "
            f"{moment.replace(tzinfo=dt.UTC).isoformat()}",
        )
    return value, offset


def _portable(value: object) -> object:
    """Return a ``pendulum.DateTime`` as a plain ``datetime``, which pickles its fold."""
    if type(value) is pendulum.DateTime:
        return dt.datetime(
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
    return value


def _restored(value: object) -> object:
    """Undo :func:`_portable`."""
    if type(value) is dt.datetime:
        return pendulum.DateTime(
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
    return value


def pickled_state(value: object) -> dict[str, object]:
    """Return the state of the ``attrs`` value ``value`` for pickle, every fold kept.

    ``pendulum.DateTime`` pickles without its ``fold``, so that 02:30 of the
    hour the clocks repeat in October would come back an hour early.
    """
    return {
        field.name: _portable(getattr(value, field.name))
        for field in attrs.fields(type(value))  # type: ignore[arg-type]
    }


def restore_state(value: object, state: dict[str, object]) -> None:
    """Set the state :func:`pickled_state` made back on the new ``value``."""
    for name, field_value in state.items():
        object.__setattr__(value, name, _restored(field_value))


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
