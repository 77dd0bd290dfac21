"""A strategy for slots, many of them near the days the clocks change."""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo

import pendulum
from hypothesis import assume
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from incompany_rules.session import Slot
from incompany_rules.strategies._checks import _aware, _zone

__all__ = ["slots"]


_CLASS_HOURS = (7 * 60, 20 * 60)  # start between 07:00 and 20:00 unless the bounds say otherwise
_LATEST_START = 23 * 60 + 44  # leaves 15 minutes before midnight
_LATEST_END = 23 * 60 + 59
_SHORTEST, _LONGEST = 15, 8 * 60
_FIRST_DAY = dt.date(2019, 1, 1)
_LAST_DAY = dt.date(2030, 12, 31)


def _minute_of_day(moment: pendulum.DateTime, *, up: bool) -> int:
    minutes = moment.hour * 60 + moment.minute
    if up and (moment.second or moment.microsecond):
        minutes += 1
    return minutes


@functools.lru_cache(maxsize=256)
def _dst_days(zone: str, year: int) -> tuple[dt.date, ...]:
    """Return the local dates in `year` on which `zone` changes its UTC offset."""
    tz = zoneinfo.ZoneInfo(zone)
    found = []
    day = dt.date(year, 1, 1)
    previous = dt.datetime(year - 1, 12, 31, 12, tzinfo=tz).utcoffset()
    while day.year == year:
        offset = dt.datetime(day.year, day.month, day.day, 12, tzinfo=tz).utcoffset()
        if offset != previous:
            found.append(day)
        previous = offset
        day += dt.timedelta(days=1)
    return tuple(found)


def slots(
    *,
    tz: str = "Europe/Brussels",
    min_start: dt.datetime | None = None,
    max_start: dt.datetime | None = None,
) -> st.SearchStrategy[Slot]:
    """Return a strategy for slots: one online class on one local day of `tz` (R3).

    The class starts on a whole minute between `min_start` and
    `max_start` (aware datetimes; default: from 2019-01-01, or a year
    before `max_start` if that is earlier, to 2030-12-31, or a year after
    `min_start` if that is later, on the local clock of `tz`), between
    07:00 and 20:00 local unless the bounds allow no such time on that
    day; it lasts 15 minutes to 8 hours and ends by 23:59 on the same
    local day. Start and end are on the local
    clock of `tz`. Days are spread over the year, with many around the
    days `tz` changes its clocks (for Brussels, the last Sundays of March
    and October), so that D-3, D-15 and D-21 fall on both sides of a change.

    Shrinks towards a 15-minute class at 07:00 on the first day allowed.
    """
    zone = _zone(tz, "tz")
    low = _aware(min_start, "min_start")
    high = _aware(max_start, "max_start")
    if low is None:
        low = pendulum.datetime(_FIRST_DAY.year, 1, 1, tz=zone)
        if high is not None:
            low = min(low, high.in_tz(zone).subtract(years=1))
    if high is None:
        # Equivalent at any minute from 20:00 on: the last day is not the first,
        # and on such a day a class starts by 20:00 whatever the bound.
        last = pendulum.datetime(_LAST_DAY.year, 12, 31, 23, 59, tz=zone)  # pragma: no mutate
        high = max(last, low.add(years=1))
    low, high = low.in_tz(zone), high.in_tz(zone)
    if low > high:
        raise InvalidArgument(f"min_start={min_start} must not be after max_start={max_start}")
    first_day, last_day = low.date(), high.date()
    if _minute_of_day(low, up=True) > _LATEST_START:
        first_day += dt.timedelta(days=1)
    if first_day > last_day or (
        first_day == last_day
        and _minute_of_day(low, up=True) > _minute_of_day(high, up=False)
        and low.date() == first_day
    ):
        raise InvalidArgument(
            f"min_start={min_start} and max_start={max_start} leave no whole minute "
            "at which a class can start and end on the same local day"
        )
    return _slots(zone=zone, low=low, high=high, days=_days(tz, first_day, last_day))


@st.composite
def _slots(
    draw: st.DrawFn,
    *,
    zone: pendulum.Timezone,
    low: pendulum.DateTime,
    high: pendulum.DateTime,
    days: st.SearchStrategy[dt.date],
) -> Slot:
    day = draw(days)
    last_day = high.date()
    earliest = _minute_of_day(low, up=True) if day == low.date() else 0
    latest = _minute_of_day(high, up=False) if day == last_day else _LATEST_START
    latest = min(latest, _LATEST_START)
    start_low, start_high = max(earliest, _CLASS_HOURS[0]), min(latest, _CLASS_HOURS[1])
    if start_low > start_high:  # the bounds leave no class hour on this day
        start_low, start_high = earliest, latest
    assume(start_low <= start_high)
    minute = draw(st.integers(start_low, start_high))
    length = draw(st.integers(_SHORTEST, min(_LONGEST, _LATEST_END - minute)))
    start = pendulum.datetime(day.year, day.month, day.day, minute // 60, minute % 60, tz=zone)
    finish = minute + length
    end = pendulum.datetime(day.year, day.month, day.day, finish // 60, finish % 60, tz=zone)
    # A wall time in a daylight-saving gap moves forward: keep what is still a slot.
    assume(low <= start <= high and start < end and start.date() == end.date() == day)
    return Slot(start, end)


@functools.lru_cache(maxsize=256)
def _days(zone: str, first_day: dt.date, last_day: dt.date) -> st.SearchStrategy[dt.date]:
    """Draw days between the bounds, many from 3 before to 23 after a clock change.

    The days near a change are listed once, so that none is drawn only to be
    rejected (a zone without changes, bounds that leave out most of them).
    """
    span = (last_day - first_day).days
    uniform = st.integers(0, span).map(functools.partial(_days_after, first_day))
    near = sorted(
        {
            day
            for year in range(first_day.year, last_day.year + 1)
            for change in _dst_days(zone, year)
            for offset in range(-3, 24)
            if first_day <= (day := change + dt.timedelta(days=offset)) <= last_day
        }
    )
    return uniform | st.sampled_from(near) if near else uniform


def _days_after(first_day: dt.date, days: int) -> dt.date:
    return first_day + dt.timedelta(days=days)
