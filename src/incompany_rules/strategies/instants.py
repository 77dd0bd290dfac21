"""Instants just before, at and just after the dates of a session."""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo

import pendulum
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from incompany_rules.milestones import milestones
from incompany_rules.session import Session
from incompany_rules.strategies._checks import _DAY_SECONDS, _SECOND
from incompany_rules.strategies.dates import _dst_days
from incompany_rules.strategies.stages import _FACTS

__all__ = ["instants_near"]


@functools.lru_cache(maxsize=256)
def _changes(zone: str, year: int) -> tuple[dt.datetime, ...]:
    """Return the instants (UTC) in `year` at which `zone` changes its UTC offset."""
    tz = zoneinfo.ZoneInfo(zone)
    found = []
    for day in _dst_days(zone, year):
        low = dt.datetime(day.year, day.month, day.day, 12, tzinfo=tz).astimezone(dt.UTC)
        low -= dt.timedelta(days=1)
        high = low + dt.timedelta(days=1)
        before = low.astimezone(tz).utcoffset()
        while high - low > _SECOND:
            middle = low + (high - low) / 2
            middle = middle.replace(microsecond=0)
            if middle.astimezone(tz).utcoffset() == before:
                low = middle
            else:
                high = middle
        found.append(high)
    return tuple(found)


_ZONES = (
    "UTC",
    "Europe/Brussels",
    "America/New_York",
    "Asia/Kolkata",
    "Pacific/Chatham",
    "Australia/Lord_Howe",
)
_JUST = (dt.timedelta(0), dt.timedelta(microseconds=-1), dt.timedelta(microseconds=1))
_NUDGES = tuple(
    dt.timedelta(**{unit: sign})
    for unit in ("seconds", "minutes", "hours", "days")
    for sign in (-1, 1)
)


def instants_near(session: Session) -> st.SearchStrategy[dt.datetime]:
    """Return a strategy for aware instants just before, at and just after the session's dates.

    The anchors are every milestone of `session`
    ([`milestones`][incompany_rules.milestones.milestones]), every fact recorded on
    it (its request, its cancellation, ...), the start and end of every
    proposed slot, and every daylight-saving change of the policy's clock
    and of Brussels within two months of those. Each instant drawn is an
    anchor exactly, or one microsecond, second, minute, hour or day (24
    elapsed hours) before or after it, or up to two days away. It is
    expressed on a varied clock (the policy's, UTC, Brussels, New York,
    Kolkata at +05:30, Chatham at +12:45, Lord Howe with its 30-minute
    change) and in a varied form: `pendulum.DateTime`, `datetime` with
    a `zoneinfo` zone, or `datetime` with a fixed UTC offset.

    Shrinks towards the session's earliest anchor (usually its request),
    exactly, as a `pendulum.DateTime` on the policy's clock.
    """
    if not isinstance(session, Session):
        raise InvalidArgument(f"session={session!r} must be a Session")
    anchors = st.sampled_from(_anchors(session))
    return st.builds(_express, anchors, _NUDGE, _clocks(session.policy.timezone), _FORMS)


def _anchors(session: Session) -> tuple[pendulum.DateTime, ...]:
    """Return the instants (UTC) [`instants_near`][incompany_rules.strategies.instants_near] draws around, in order."""
    found = {m.at.in_tz(pendulum.UTC) for m in milestones(session)}
    for name in _FACTS:
        value = getattr(session, name)
        if value is not None:
            found.add(value.in_tz(pendulum.UTC))
    for slot in session.proposed_slots:
        found.update((slot.start.in_tz(pendulum.UTC), slot.end.in_tz(pendulum.UTC)))
    first, last = min(found), max(found)
    window_low, window_high = first.subtract(months=2), last.add(months=2)
    for zone in {session.policy.timezone, "Europe/Brussels"}:
        for year in range(window_low.year, window_high.year + 1):
            for change in _changes(zone, year):
                if window_low <= change <= window_high:
                    found.add(pendulum.instance(change).in_tz(pendulum.UTC))
    return tuple(sorted(found))


def _elapsed(seconds: int) -> dt.timedelta:
    return dt.timedelta(seconds=seconds)


_NUDGE = (
    st.sampled_from(_JUST)
    | st.sampled_from(_NUDGES)
    | st.integers(-2 * _DAY_SECONDS, 2 * _DAY_SECONDS).map(_elapsed)
)
_FORMS = st.sampled_from(("pendulum", "zoneinfo", "offset"))


@functools.lru_cache(maxsize=64)
def _clocks(zone: str) -> st.SearchStrategy[str]:
    return st.sampled_from((zone, *_ZONES))


def _express(anchor: pendulum.DateTime, nudge: dt.timedelta, zone: str, form: str) -> dt.datetime:
    moment = anchor + nudge  # elapsed time: the instant moves by exactly ``nudge``
    if form == "pendulum":
        return moment.in_tz(zone)
    utc = dt.datetime(
        moment.year,
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second,
        moment.microsecond,
        tzinfo=dt.UTC,
    )
    on_clock = utc.astimezone(zoneinfo.ZoneInfo(zone))
    if form == "zoneinfo":
        return on_clock
    offset = on_clock.utcoffset()
    assert offset is not None  # noqa: S101 (a zoneinfo clock always has an offset)
    return utc.astimezone(dt.timezone(offset))
