"""The time core: every instant the library takes, compares and computes (T1-T6).

This module owns time. Every calendar computation of the library (the
start of a local day, "the end of D-n", elapsed hours across a clock
change) and every comparison of two instants happens here; the rules call
these functions rather than compare or count themselves. The answers are
exact: instants compare by their position on the time line to the
microsecond, in any supported year, in the hour a clock repeats and around
the hour it skips, without float timestamps. How the library reads time is
described in docs/time-base.md.

Examples:
    T1. Every instant given to the library is timezone-aware. A naive
    `datetime` is refused, never guessed:

    >>> import datetime as dt
    >>> instant(dt.datetime(2026, 3, 18, 9, 0), field="now")
    Traceback (most recent call last):
      ...
    incompany_rules.errors.NaiveDatetimeError: Invalid now: expected a timezone-aware datetime, got a naive one (2026-03-18T09:00:00)

    An aware `datetime` of any timezone is accepted and becomes a
    `pendulum.DateTime` for the same instant:

    >>> instant(dt.datetime(2026, 3, 18, 8, 0, tzinfo=dt.timezone.utc), field="now")
    DateTime(2026, 3, 18, 8, 0, 0, tzinfo=Timezone('UTC'))

    T6. Instants the library returns are on the policy's clock; `local`
    does that conversion. Python compares two datetimes that share a
    `tzinfo` by their wall clocks, so in the hour that Brussels repeats in
    October, 02:30 summer time and 02:30 winter time compare equal although
    an hour apart. [`before`][incompany_rules.instants.before] compares
    instants:

    >>> brussels = pendulum.timezone("Europe/Brussels")
    >>> summer = local(pendulum.datetime(2026, 10, 25, 0, 30), brussels)
    >>> winter = local(pendulum.datetime(2026, 10, 25, 1, 30), brussels)
    >>> summer == winter, before(summer, winter), before(winter, summer)
    (True, True, False)
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import TYPE_CHECKING, NamedTuple, TypeVar, cast

import attrs
import pendulum

from incompany_rules.errors import InvalidTypeError, InvalidValueError, NaiveDatetimeError

if TYPE_CHECKING:
    from collections.abc import Callable

    from incompany_rules.policy import Policy

__all__ = [
    "CACHE_SIZE",
    "EARLIEST",
    "END",
    "DayKeys",
    "Days",
    "after_hours",
    "before",
    "cache_info",
    "checked",
    "day_start",
    "days",
    "days_after",
    "derived",
    "earlier",
    "end_of_day",
    "instant",
    "key",
    "later",
    "local",
    "midnight",
    "on_clock",
    "optional_instant",
    "pickled_state",
    "restore_state",
    "utc",
]


EARLIEST = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)
"""The first instant the library takes (calendar arithmetic near year 1 fails)."""
END = dt.datetime(3000, 1, 1, tzinfo=dt.UTC)
"""The first instant past what the library takes (arithmetic near 9999 overflows)."""


_Instant = TypeVar("_Instant", bound=dt.datetime)
_UNKNOWN = dt.timedelta(days=2)  # no offset is that large: stands for "the tzinfo raised"
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_ZERO = dt.timedelta(0)
# No zone moves its clock by two days: instants whose wall clocks on one
# zone are further apart than this are in the order of their wall clocks.
_FAR = dt.timedelta(days=2)
# The standard library's own subtraction and conversion, in C. Called on a
# pendulum.DateTime they skip pendulum's Python overrides (which convert
# through pendulum's own arithmetic, several times slower) and give the
# same exact answer: between two tzinfos that differ, subtraction takes
# each side's UTC offset, fold included, in whole microseconds.
_minus = dt.datetime.__sub__
# pendulum's own zones, which always give an offset.
_ZONE_TYPES = frozenset({pendulum.Timezone, pendulum.FixedTimezone})
# The standard library's zones, which always give an offset too.
_STD_ZONES = frozenset({dt.timezone, zoneinfo.ZoneInfo})
# The wall-clock years whose instants are in range whatever their offset:
# no offset reaches a day, so only the first and last year need the check.
_SURE_YEARS = range(1901, 2999)
_astimezone = dt.datetime.astimezone
_offset = dt.datetime.utcoffset
_state = dt.datetime.__reduce_ex__
# A plain naive datetime made from the bytes a datetime pickles its wall
# clock and fold to (protocol 4), without its zone.
_wall = cast("Callable[..., dt.datetime]", dt.datetime)
_WALL_EPOCH = dt.datetime(1970, 1, 1)  # noqa: DTZ001 (a wall clock: no zone)


# --------------------------------------------------------------------------
# Instants as the library takes them (T1)


def instant(value: object, *, field: str) -> pendulum.DateTime:
    """Return `value` as an aware `pendulum.DateTime`, or raise.

    Args:
        value: An aware `datetime` of any timezone.
        field: The name the error gives the value.

    Returns:
        The same instant, as a `pendulum.DateTime` (the same object when it is one).

    Raises:
        InvalidTypeError: For anything that is not a `datetime` (a `date` included).
        NaiveDatetimeError: For a naive `datetime`.
        InvalidValueError: For an instant outside the supported range, the
            years 1900 to 2999 in UTC ([`EARLIEST`][incompany_rules.instants.EARLIEST]
            up to, not including, [`END`][incompany_rules.instants.END]), or
            whose `tzinfo` cannot say its offset.

    Examples:
        >>> instant(dt.datetime(3000, 1, 1, 1, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))), field="now")
        Traceback (most recent call last):
          ...
        incompany_rules.errors.InvalidValueError: Invalid now: expected an instant in the years 1900 to 2999 (UTC), got 3000-01-01T00:30:00+00:00
    """
    # Equivalent when not taken: the checks below return such a value unchanged.
    if (
        type(value) is pendulum.DateTime
        and type(value.tzinfo) in _ZONE_TYPES  # pragma: no mutate
        and value.year in _SURE_YEARS
    ):
        return value  # the usual case, surely in range whatever the offset
    value = checked(value, field=field)  # raises: not a datetime, naive, or out of range
    if type(value) is pendulum.DateTime:
        return value
    zone = _zone(value.tzinfo)
    if zone is not None:
        return _on_zone(value, zone)
    try:
        return pendulum.instance(value)
    except Exception:  # noqa: BLE001 (a tzinfo of the caller's may raise anything)
        # A tzinfo that pendulum cannot read (no name, say): keep the offset it gives.
        return pendulum.instance(value.replace(tzinfo=dt.timezone(value.utcoffset())))  # type: ignore[arg-type]


def _zone(tz: dt.tzinfo | None) -> pendulum.Timezone | pendulum.FixedTimezone | None:
    """Return pendulum's zone for the standard library's `tz`, `None` for another tzinfo.

    Kept in a small bounded map: `pendulum.instance` looks the zone up again
    for every value, and an application's instants come on a few clocks.
    """
    if not isinstance(tz, dt.timezone | zoneinfo.ZoneInfo):
        return None  # a caller's own tzinfo, perhaps without a hash (python-dateutil's)
    # Equivalent without the map: pendulum gives the same zone object again, only slower.
    found = _ZONES.get(tz)  # pragma: no mutate
    if found is None:
        if isinstance(tz, dt.timezone):
            offset = tz.utcoffset(None)
            seconds = offset.days * 86400 + offset.seconds
            # pendulum's offsets are whole seconds: an offset with microseconds
            # cannot be kept, its instant is (shown in UTC).
            exact = seconds != 0 and not offset.microseconds
            found = pendulum.timezone(seconds) if exact else pendulum.UTC
        elif tz.key:  # None for a zone read from a file, which has no name
            found = pendulum.timezone(tz.key)
        else:
            return None
        if len(_ZONES) >= _ZONES_SIZE:
            _ZONES.clear()
        # Equivalent when not kept: the zone is looked up again, the same one.
        _ZONES[tz] = found  # pragma: no mutate
    return found


_ZONES: dict[dt.tzinfo | None, pendulum.Timezone | pendulum.FixedTimezone] = {}
_ZONES_SIZE = 256


def _on_zone(
    value: dt.datetime, zone: pendulum.Timezone | pendulum.FixedTimezone
) -> pendulum.DateTime:
    """Return the aware standard-library `value` as a `pendulum.DateTime` on `zone`, the same instant.

    A fixed offset has one reading of every wall time; a named zone is
    reached through UTC, so that a wall time in a skipped hour keeps the
    instant Python reads in it and shows on the clock as it really is.
    """
    if isinstance(zone, pendulum.Timezone):
        return local(value, zone)
    return pendulum.DateTime(
        value.year,
        value.month,
        value.day,
        value.hour,
        value.minute,
        value.second,
        value.microsecond,
        tzinfo=zone,
    )


def checked(value: object, *, field: str) -> dt.datetime:
    """Return `value` unchanged if [`instant`][incompany_rules.instants.instant] would take it.

    Args:
        value: An aware `datetime` of any timezone.
        field: The name the error gives the value.

    Returns:
        `value` itself.

    Raises:
        IncompanyRulesError: As [`instant`][incompany_rules.instants.instant] does.
    """
    # Equivalent when not taken: the check below passes such a value unchanged.
    if type(value) is pendulum.DateTime and type(value.tzinfo) in _ZONE_TYPES:  # pragma: no mutate
        if value.year in _SURE_YEARS:
            return value  # the usual case: pendulum's zones always have an offset
    elif (
        isinstance(value, dt.datetime)
        # Equivalent without it: a naive datetime has no offset, and falls through too.
        and value.tzinfo is not None  # pragma: no mutate
        and value.year in _SURE_YEARS
    ):
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


def optional_instant(value: object, *, field: str) -> pendulum.DateTime | None:
    """Like [`instant`][incompany_rules.instants.instant], but `None` stays `None`.

    `None` stands for a fact not yet recorded.

    Args:
        value: An aware `datetime`, or `None`.
        field: The name the error gives the value.

    Returns:
        The instant as a `pendulum.DateTime`, or `None`.
    """
    if value is None:
        return None
    return instant(value, field=field)


def on_clock(value: object, tz: pendulum.Timezone, *, field: str) -> pendulum.DateTime:
    """Return the instant `value`, checked, on the local clock of `tz` (T1, T6).

    Args:
        value: An aware `datetime` of any timezone.
        tz: The policy's timezone.
        field: The name the error gives the value.

    Returns:
        The same instant, on the clock of `tz`.

    Raises:
        IncompanyRulesError: As [`instant`][incompany_rules.instants.instant] does.

    Examples:
        >>> on_clock(dt.datetime(2026, 3, 29, 1, tzinfo=dt.UTC), pendulum.timezone("Europe/Brussels"),
        ...     field="now").isoformat()
        '2026-03-29T03:00:00+02:00'
    """
    # Equivalent when a fast path is not taken: the last line answers the same.
    if type(value) is pendulum.DateTime:  # pragma: no mutate
        if value.tzinfo is tz and value.year in _SURE_YEARS:
            return value  # already on the clock, surely in range whatever the offset
    elif (
        type(value) is dt.datetime
        and type(value.tzinfo) in _STD_ZONES  # pragma: no mutate
        and value.year in _SURE_YEARS
    ):
        return local(value, tz)  # its zone always gives an offset: nothing more to check
    return local(checked(value, field=field), tz)


# --------------------------------------------------------------------------
# Comparing instants: the one place the library orders two of them


def key(value: dt.datetime) -> dt.timedelta:
    """Return where the aware instant `value` lies on the time line, exactly.

    The key is the time elapsed since 1970-01-01 00:00 UTC, in whole
    microseconds: two instants compare, sort and hash by it as instants do,
    fold and microseconds included, in any supported year. No float is
    involved, so nothing is rounded.

    Args:
        value: An aware `datetime` of any timezone.

    Returns:
        A `timedelta`, equal for equal instants whatever their clocks.

    Examples:
        >>> brussels = pendulum.timezone("Europe/Brussels")
        >>> key(pendulum.datetime(2026, 10, 25, 2, 30, tz=brussels).replace(fold=0))
        datetime.timedelta(days=20751, seconds=1800)
        >>> key(pendulum.datetime(2026, 10, 25, 2, 30, tz=brussels).replace(fold=1))
        datetime.timedelta(days=20751, seconds=5400)
    """
    zone = value.tzinfo
    # Equivalent when not taken: the subtraction below gives the same key, slower.
    if type(value) is pendulum.DateTime and type(zone) is pendulum.Timezone:  # pragma: no mutate
        # The policy's usual instant: its zone reads the offset of a plain
        # wall clock several times faster than that of a pendulum instant.
        wall = _wall(_state(value, 4)[1][0])
        return _minus(wall, _WALL_EPOCH) - zone.utcoffset(wall)  # type: ignore[operator]
    return _minus(value, _EPOCH)


def _utcoffset(value: dt.datetime) -> dt.timedelta | None:
    """Return the UTC offset of the aware `value`, as `value.utcoffset()` does."""
    zone = value.tzinfo
    if type(value) is pendulum.DateTime and type(zone) is pendulum.Timezone:
        # As in key(): the zone reads a plain wall clock, fold included, faster.
        return zone.utcoffset(_wall(_state(value, 4)[1][0]))
    return _offset(value)


def before(a: dt.datetime, b: dt.datetime) -> bool:
    """Return whether the instant `a` comes before the instant `b`.

    The answer is that of comparing both in UTC, exactly: in the hour a
    clock repeats the second pass (`fold=1`) is later than the first, and a
    wall-clock time in the hour a clock skips counts with the offset it
    was given.

    Args:
        a: An aware `datetime` of any timezone.
        b: An aware `datetime` of any timezone.

    Returns:
        `True` when `a` is strictly earlier than `b`.

    Examples:
        >>> brussels = pendulum.timezone("Europe/Brussels")
        >>> first = pendulum.datetime(2026, 10, 25, 2, 59, tz=brussels).replace(fold=0)
        >>> second = pendulum.datetime(2026, 10, 25, 2, 1, tz=brussels).replace(fold=1)
        >>> before(first, second), first < second
        (True, False)
    """
    if a.tzinfo is not b.tzinfo:
        # Two clocks: the C subtraction takes both UTC offsets, fold included,
        # of plain datetimes (the same wall clock, fold and zone): zoneinfo
        # reads a pendulum instant's offset slowly.
        if type(a) is pendulum.DateTime:
            a = _wall(*_state(a, 4)[1])
        if type(b) is pendulum.DateTime:
            b = _wall(*_state(b, 4)[1])
        return _minus(a, b) < _ZERO
    # One clock: subtraction gives the difference of the wall clocks, and
    # two instants days apart are in the order of their wall clocks. Only
    # instants close together, where an offset change could lie between
    # them, need their offsets.
    wall = _minus(a, b)
    if wall > _FAR or wall < -_FAR:
        # Equivalent with `<=`: wall clocks two days apart are never equal.
        return wall < _ZERO  # pragma: no mutate
    # a - b in UTC is the wall difference less the difference of the offsets.
    return wall < _utcoffset(a) - _utcoffset(b)  # type: ignore[operator]


def later(a: _Instant, b: _Instant) -> _Instant:
    """Return the later of the instants `a` and `b` (`a` when they are the same instant).

    Args:
        a: An aware `datetime` of any timezone.
        b: An aware `datetime` of any timezone.

    Returns:
        `a` or `b`, unchanged.
    """
    return b if before(a, b) else a


def earlier(a: _Instant, b: _Instant) -> _Instant:
    """Return the earlier of the instants `a` and `b` (`a` when they are the same instant).

    Args:
        a: An aware `datetime` of any timezone.
        b: An aware `datetime` of any timezone.

    Returns:
        `a` or `b`, unchanged.
    """
    return b if before(b, a) else a


def utc(value: dt.datetime) -> dt.datetime:
    """Return the aware instant `value` in UTC, exactly, as a standard-library `datetime`.

    Args:
        value: An aware `datetime` of any timezone.

    Returns:
        The same instant with `tzinfo=datetime.UTC`.

    Examples:
        >>> utc(pendulum.datetime(2026, 3, 29, 3, tz="Europe/Brussels")).isoformat()
        '2026-03-29T01:00:00+00:00'
    """
    return _EPOCH + _minus(value, _EPOCH)


# --------------------------------------------------------------------------
# The local clock and the calendar (T2-T6)


def local(value: dt.datetime, tz: dt.tzinfo) -> pendulum.DateTime:
    """Return the aware instant `value` on the local clock of `tz`.

    Args:
        value: An aware `datetime` of any timezone.
        tz: The clock to show it on (the policy's timezone).

    Returns:
        The same instant as a `pendulum.DateTime` on `tz`, fold set in a repeated hour.

    Examples:
        >>> brussels = pendulum.timezone("Europe/Brussels")
        >>> local(dt.datetime(2026, 3, 29, 1, 0, tzinfo=dt.timezone.utc), brussels)
        DateTime(2026, 3, 29, 3, 0, 0, tzinfo=Timezone('Europe/Brussels'))
    """
    # Equivalent when taken for a plain datetime: its UTC twin converts the same.
    if type(value) is not dt.datetime:  # pragma: no mutate
        if type(value) is pendulum.DateTime and value.tzinfo is tz:
            return value
        # The same instant as a plain UTC datetime: converting a subclass's
        # value directly goes through its own arithmetic, slower (pendulum)
        # or wrong in the hour a clock repeats (pandas).
        value = _EPOCH + _minus(value, _EPOCH)
    converted = _astimezone(value, tz)
    if isinstance(tz, pendulum.Timezone):
        return _as_pendulum(converted)
    return pendulum.instance(converted)


def _as_pendulum(value: dt.datetime) -> pendulum.DateTime:
    """Return the standard-library `value` as a `pendulum.DateTime`: the same wall time, zone and fold.

    Built from the state `datetime` itself pickles the value to (protocol 4
    keeps the fold), which its constructor takes back: half the cost of
    reading the seven fields one by one. The standard library's own method
    is called, so that a subclass's pickling (pandas, pendulum) has no say.
    """
    return pendulum.DateTime(*_state(value, 4)[1])


def midnight(ordinal: int, tz: pendulum.Timezone) -> pendulum.DateTime:
    """Return 00:00 on the local clock of `tz` on the day of proleptic `ordinal` (T4).

    Calendar days are counted on ordinals, plain integers, which have no
    clock and so no daylight-saving trap; only the result is placed on the
    local clock. The policy timezone is assumed to have a midnight on every
    day, as `Europe/Brussels` does (it changes its clocks at 02:00 and 03:00).

    Every deadline of a session is such a midnight, and sessions share
    their days: the values are kept in a bounded cache (at most
    [`CACHE_SIZE`][incompany_rules.instants.CACHE_SIZE] days and zones,
    emptied when full), whose use
    [`cache_info`][incompany_rules.instants.cache_info] reports.

    Args:
        ordinal: The day, as `date.toordinal()` gives it.
        tz: The clock.

    Returns:
        00:00 of that day on that clock.

    Examples:
        >>> brussels = pendulum.timezone("Europe/Brussels")
        >>> midnight(dt.date(2026, 3, 29).toordinal(), brussels).isoformat()
        '2026-03-29T00:00:00+01:00'
    """
    # Keyed by the zone's id: pendulum hashes a zone in Python, slowly. The
    # value holds the zone, so the id stays that zone's while it is cached.
    found = _MIDNIGHTS.get((ordinal, id(tz)))
    if found is not None and found.tzinfo is tz:
        _USE[0] += 1
        return found
    _USE[1] += 1
    if len(_MIDNIGHTS) >= CACHE_SIZE:
        _MIDNIGHTS.clear()
    day = dt.date.fromordinal(ordinal)
    found = _MIDNIGHTS[ordinal, id(tz)] = pendulum.DateTime(day.year, day.month, day.day, tzinfo=tz)
    return found


CACHE_SIZE = 16384
"""How many entries each cache of the calendar keeps before it is emptied."""
_MIDNIGHTS: dict[tuple[int, int], pendulum.DateTime] = {}
_USE = [0, 0, 0, 0, 0, 0]  # midnights, days, derived: hits, misses each


class Days(NamedTuple):
    """The deadlines of a class held on one local day, under one policy (T2-T5).

    They depend on nothing else, so every session of that day and policy
    shares them: [`days`][incompany_rules.instants.days] computes them once.
    """

    #: 00:00 on D-21: reminder and tacit confirmation (R6, R7).
    reminder: pendulum.DateTime
    #: 00:00 on D-15: definitive confirmation, as planned (R10).
    definitive_confirmation: pendulum.DateTime
    #: 00:00 on D-14, the end of D-15 (R15).
    free_cancellation_closes: pendulum.DateTime
    #: 00:00 on D-2, the end of D-3 (R8, R16).
    registration_closes: pendulum.DateTime
    #: 00:00 on the day after the class (R14).
    evaluation: pendulum.DateTime
    #: The planned definitive confirmation + the link delay in elapsed hours (R11).
    platform_link: pendulum.DateTime
    #: The planned link when participants are e-mailed too, else `None` (R12).
    participant_access_email: pendulum.DateTime | None
    #: Where each instant above lies on the time line, as [`key`][incompany_rules.instants.key] gives it.
    keys: DayKeys
    #: D, the local day of the class start, as `date.toordinal()` gives it.
    day: int
    #: The local day of the class end, the same way.
    end_day: int
    #: 00:00 on D, the first instant of the class's day (R13).
    class_day: pendulum.DateTime


class DayKeys(NamedTuple):
    """The [`key`][incompany_rules.instants.key] of each instant of [`Days`][incompany_rules.instants.Days].

    Computed once with them, so that comparing a session's instants with its
    deadlines costs one key per instant of the session.

    Examples:
        >>> from incompany_rules import DEFAULT_POLICY
        >>> day = dt.date(2026, 4, 1).toordinal()
        >>> found = days(DEFAULT_POLICY, day, day)
        >>> found.keys.registration_closes == key(found.registration_closes)
        True
    """

    reminder: dt.timedelta
    definitive_confirmation: dt.timedelta
    free_cancellation_closes: dt.timedelta
    registration_closes: dt.timedelta
    evaluation: dt.timedelta
    platform_link: dt.timedelta
    participant_access_email: dt.timedelta | None
    class_day: dt.timedelta


def days(policy: Policy, start: int, end: int) -> Days:
    """Return the deadlines of a class from local day `start` to local day `end` under `policy`.

    The answers are kept in a bounded cache (at most
    [`CACHE_SIZE`][incompany_rules.instants.CACHE_SIZE] entries, emptied when
    full) keyed by the two days and the policy object; sessions of one day
    and policy share them, and [`cache_info`][incompany_rules.instants.cache_info]
    reports their use.

    Args:
        policy: The policy whose clock and figures count.
        start: The local day of the class start, as `date.toordinal()` gives it.
        end: The local day of the class end.

    Returns:
        The deadlines, on the policy's clock.

    Examples:
        >>> from incompany_rules import DEFAULT_POLICY
        >>> found = days(DEFAULT_POLICY, dt.date(2026, 4, 1).toordinal(), dt.date(2026, 4, 1).toordinal())
        >>> found.free_cancellation_closes.isoformat(), found.registration_closes.isoformat()
        ('2026-03-18T00:00:00+01:00', '2026-03-30T00:00:00+02:00')
        >>> found.class_day.isoformat()
        '2026-04-01T00:00:00+02:00'
    """
    # Keyed by the policy's id: hashing a policy hashes all its figures. The
    # entry holds the policy, so the id stays that policy's while it is cached.
    entry = _DAYS.get((start, end, id(policy)))
    if entry is not None and entry[0] is policy:
        _USE[2] += 1
        return entry[1]
    _USE[3] += 1
    if len(_DAYS) >= CACHE_SIZE:
        _DAYS.clear()
    tz = policy.tz
    definitive = midnight(start - policy.definitive_confirmation_days_before, tz)
    link = after_hours(definitive, policy.link_delay_hours, tz)
    reminder = midnight(start - policy.reminder_days_before, tz)
    free = midnight(start - policy.free_cancellation_days_before + 1, tz)
    closes = midnight(start - policy.registration_days_before + 1, tz)
    first = midnight(start, tz)
    evaluation = midnight(end + policy.evaluation_days_after, tz)
    emails = link if link.date() >= policy.participant_email_from else None
    found = Days(
        reminder=reminder,
        definitive_confirmation=definitive,
        free_cancellation_closes=free,
        registration_closes=closes,
        evaluation=evaluation,
        platform_link=link,
        participant_access_email=emails,
        keys=DayKeys(
            key(reminder),
            key(definitive),
            key(free),
            key(closes),
            key(evaluation),
            key(link),
            None if emails is None else key(link),
            key(first),
        ),
        day=start,
        end_day=end,
        class_day=first,
    )
    _DAYS[start, end, id(policy)] = (policy, found)
    return found


_DAYS: dict[tuple[int, int, int], tuple[Policy, Days]] = {}


def derived(owner: Days, make: Callable[[Days], _Derived]) -> _Derived:
    """Return `make(owner)`, computed once for each `Days` the calendar keeps.

    For values that depend on a class's day deadlines alone (the milestones
    every session of that day shares): they are kept in a bounded cache
    next to [`days`][incompany_rules.instants.days]' own, emptied when full,
    and counted by [`cache_info`][incompany_rules.instants.cache_info].

    Args:
        owner: What [`days`][incompany_rules.instants.days] returned.
        make: Computes the value from `owner`; one function per use.

    Returns:
        What `make` returned for `owner`, the first time or kept since.

    Examples:
        >>> from incompany_rules import DEFAULT_POLICY
        >>> day = dt.date(2026, 4, 1).toordinal()
        >>> def free_day(fixed: Days) -> str:
        ...     return (fixed.free_cancellation_closes - dt.timedelta(days=1)).date().isoformat()
        >>> derived(days(DEFAULT_POLICY, day, day), free_day)
        '2026-03-17'
        >>> derived(days(DEFAULT_POLICY, day, day), free_day) is derived(days(DEFAULT_POLICY, day, day), free_day)
        True
    """
    entry = _DERIVED.get((id(owner), make))
    if entry is not None and entry[0] is owner:
        _USE[4] += 1
        return cast("_Derived", entry[1])
    _USE[5] += 1
    if len(_DERIVED) >= CACHE_SIZE:
        _DERIVED.clear()
    found = make(owner)
    _DERIVED[id(owner), make] = (owner, found)
    return found


_Derived = TypeVar("_Derived")
_DERIVED: dict[tuple[int, object], tuple[Days, object]] = {}


def cache_info() -> dict[str, int]:
    """Return the use of the calendar's caches since the library was imported.

    Returns:
        The `hits` and `misses` of [`midnight`][incompany_rules.instants.midnight],
        [`days`][incompany_rules.instants.days] and
        [`derived`][incompany_rules.instants.derived] together, those of the
        last two apart, how many entries the three keep now together
        (`size`), and how many each keeps at most (`limit`,
        [`CACHE_SIZE`][incompany_rules.instants.CACHE_SIZE]).

    Examples:
        >>> sorted(cache_info())
        ['days_hits', 'days_misses', 'derived_hits', 'derived_misses', 'hits', 'limit', 'misses', 'size']
    """
    hits, misses, days_hits, days_misses, derived_hits, derived_misses = _USE
    return {
        "hits": hits + days_hits + derived_hits,
        "misses": misses + days_misses + derived_misses,
        "days_hits": days_hits,
        "days_misses": days_misses,
        "derived_hits": derived_hits,
        "derived_misses": derived_misses,
        "size": len(_MIDNIGHTS) + len(_DAYS) + len(_DERIVED),
        "limit": CACHE_SIZE,
    }


def day_start(day: dt.date, tz: pendulum.Timezone) -> pendulum.DateTime:
    """Return 00:00 on the local clock of `tz` on `day` (T4).

    Args:
        day: A calendar date.
        tz: The clock.

    Returns:
        00:00 of `day` on that clock.

    Examples:
        >>> day_start(dt.date(2026, 3, 29), pendulum.timezone("Europe/Brussels")).isoformat()
        '2026-03-29T00:00:00+01:00'
    """
    return midnight(day.toordinal(), tz)


def end_of_day(moment: dt.datetime, tz: pendulum.Timezone) -> pendulum.DateTime:
    """Return 00:00 on the local day after `moment`'s: when a step of that day is late (T4).

    Args:
        moment: An aware `datetime` of any timezone.
        tz: The clock whose days count.

    Returns:
        The first instant of the next local day.

    Examples:
        >>> end_of_day(pendulum.datetime(2026, 3, 28, 15, tz="Europe/Brussels"),
        ...     pendulum.timezone("Europe/Brussels")).isoformat()
        '2026-03-29T00:00:00+01:00'
    """
    return days_after(moment, 1, tz)


def days_after(moment: dt.datetime, count: int, tz: pendulum.Timezone) -> pendulum.DateTime:
    """Return 00:00 on the local day `count` calendar days after `moment`'s (T4).

    `days_after(moment, 1, tz)` is [`end_of_day`][incompany_rules.instants.end_of_day].

    Args:
        moment: An aware `datetime` of any timezone.
        count: Calendar days, on the local clock of `tz`.
        tz: The clock whose days count.

    Returns:
        The first instant of that day.

    Examples:
        >>> days_after(pendulum.datetime(2026, 3, 20, 15, tz="Europe/Brussels"), 14,
        ...     pendulum.timezone("Europe/Brussels")).isoformat()
        '2026-04-03T00:00:00+02:00'
    """
    return midnight(local(moment, tz).toordinal() + count, tz)


def after_hours(base: dt.datetime, hours: int, tz: pendulum.Timezone) -> pendulum.DateTime:
    """Return the instant `hours` elapsed hours after `base`, on the clock of `tz` (T5).

    Across a clock change the local clock shows one hour more or less.

    Args:
        base: An aware `datetime` of any timezone.
        hours: Elapsed hours.
        tz: The clock to show the result on.

    Returns:
        The instant, on the clock of `tz`.

    Examples:
        >>> brussels = pendulum.timezone("Europe/Brussels")
        >>> after_hours(pendulum.datetime(2026, 10, 25, tz=brussels), 24, brussels).isoformat()
        '2026-10-25T23:00:00+01:00'
    """
    # Elapsed time is added in UTC, where an hour is always an hour.
    return local(_EPOCH + (_minus(base, _EPOCH) + dt.timedelta(hours=hours)), tz)


# --------------------------------------------------------------------------
# Pickling: pendulum.DateTime pickles without its fold


def plain(value: dt.datetime) -> dt.datetime:
    """Return `value`, of any `datetime` subclass (pendulum, pandas), as a plain `datetime`.

    The wall time, `tzinfo` and `fold` are kept; a pandas `Timestamp` loses
    its nanoseconds.
    """
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


def _portable(value: object) -> object:
    """Return a `pendulum.DateTime` as a plain `datetime`, which pickles its fold."""
    if type(value) is pendulum.DateTime:
        return plain(value)
    return value


def _restored(value: object) -> object:
    """Undo `_portable`."""
    if type(value) is dt.datetime:
        return _as_pendulum(value)
    return value


def pickled_state(value: object) -> dict[str, object]:
    """Return the state of the `attrs` value `value` for pickle, every fold kept.

    `pendulum.DateTime` pickles without its `fold`, so that 02:30 of the
    hour the clocks repeat in October would come back an hour early.

    Args:
        value: An `attrs` instance whose fields may hold instants.

    Returns:
        Its fields by name, instants as plain `datetime` values.
    """
    return {
        field.name: _portable(getattr(value, field.name))
        for field in attrs.fields(type(value))  # type: ignore[arg-type]
    }


def restore_state(value: object, state: dict[str, object]) -> None:
    """Set the state [`pickled_state`][incompany_rules.instants.pickled_state] made on `value`.

    Args:
        value: The new `attrs` instance pickle made.
        state: What `pickled_state` returned.
    """
    for name, field_value in state.items():
        object.__setattr__(value, name, _restored(field_value))
