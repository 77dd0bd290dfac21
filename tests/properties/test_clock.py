"""Properties of the time core: its one comparison is the order of the instants.

Instants are drawn on several clocks (Brussels, New York, Sydney, Kolkata,
UTC, fixed offsets), as pendulum values and as standard-library ones,
often in the hour Brussels repeats in October (both folds) and the hour it
skips in March, with microseconds, over the years the library takes.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pendulum
from hypothesis import given
from hypothesis import strategies as st

from incompany_rules.instants import (
    END,
    after_hours,
    before,
    earlier,
    end_of_day,
    instant,
    key,
    later,
    local,
    utc,
)

ZONES = ["Europe/Brussels", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "UTC"]
BRUSSELS = pendulum.timezone("Europe/Brussels")
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@st.composite
def wall_times(draw: st.DrawFn) -> dt.datetime:
    """A naive wall time: often in Brussels' changed hours of 2026, else any supported year."""
    where = draw(st.integers(0, 2))
    micro = draw(st.integers(0, 999_999))
    if where == 0:  # the repeated hour, 25 October 2026, 02:00-03:00
        return dt.datetime(
            2026, 10, 25, 2, draw(st.integers(0, 59)), draw(st.integers(0, 59)), micro
        )
    if where == 1:  # around the skipped hour, 29 March 2026, 01:00-04:00
        return dt.datetime(2026, 3, 29, draw(st.integers(1, 3)), draw(st.integers(0, 59)), 0, micro)
    return draw(
        st.datetimes(min_value=dt.datetime(1901, 1, 2), max_value=dt.datetime(2998, 12, 30))
    )


@st.composite
def aware(draw: st.DrawFn) -> dt.datetime:
    """An aware instant on a zone (pendulum or zoneinfo) or a fixed offset, either fold."""
    wall = draw(wall_times()).replace(fold=draw(st.integers(0, 1)))
    kind = draw(st.integers(0, 2))
    if kind == 0:
        tz = pendulum.timezone(draw(st.sampled_from(ZONES)))
        return pendulum.DateTime(
            wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second,
            wall.microsecond, tzinfo=tz, fold=wall.fold,
        )  # fmt: skip
    if kind == 1:
        return wall.replace(tzinfo=zoneinfo.ZoneInfo(draw(st.sampled_from(ZONES))))
    minutes = draw(st.integers(-14 * 60, 14 * 60))
    return wall.replace(tzinfo=dt.timezone(dt.timedelta(minutes=minutes)))


def in_utc(value: dt.datetime) -> dt.datetime:
    """The standard library's own reading of the instant, in UTC (the oracle)."""
    return dt.datetime.astimezone(value, dt.UTC)


def since_epoch(value: dt.datetime) -> dt.timedelta:
    """The time elapsed since 1970-01-01 UTC, by the standard library (pendulum's gives an interval)."""
    return dt.datetime.__sub__(in_utc(value), EPOCH)


@given(aware(), aware())
def test_before_is_the_order_of_the_instants_in_utc(a: dt.datetime, b: dt.datetime) -> None:
    assert before(a, b) == (in_utc(a) < in_utc(b))
    assert later(a, b) is (b if in_utc(a) < in_utc(b) else a)
    assert earlier(a, b) is (b if in_utc(b) < in_utc(a) else a)


@given(aware(), aware())
def test_keys_compare_and_match_as_the_instants_do(a: dt.datetime, b: dt.datetime) -> None:
    assert (key(a) < key(b), key(a) == key(b)) == (in_utc(a) < in_utc(b), in_utc(a) == in_utc(b))
    assert key(a) == since_epoch(a)
    assert utc(a) == in_utc(a)
    assert utc(a).tzinfo is dt.UTC


@given(st.sampled_from(ZONES), wall_times(), wall_times(), st.integers(0, 1), st.integers(0, 1))
def test_instants_of_one_pendulum_clock_compare_as_in_utc(
    zone: str, a: dt.datetime, b: dt.datetime, fold_a: int, fold_b: int
) -> None:
    # Two instants on one zone, often hours apart across a clock change:
    # compared by their wall clocks less the offsets each reads.
    tz = pendulum.timezone(zone)
    first = pendulum.instance(a, tz=tz).replace(fold=fold_a)
    second = pendulum.instance(b, tz=tz).replace(fold=fold_b)
    assert before(first, second) == (in_utc(first) < in_utc(second))
    assert key(first) == since_epoch(first)


@given(aware(), st.sampled_from(ZONES))
def test_local_shows_the_same_instant_on_the_clock_asked(value: dt.datetime, zone: str) -> None:
    tz = pendulum.timezone(zone)
    shown = local(value, tz)
    assert type(shown) is pendulum.DateTime
    assert shown.tzinfo is tz
    assert key(shown) == key(value)


@given(aware(), st.integers(0, 100))
def test_elapsed_hours_are_elapsed_whatever_the_clock(base: dt.datetime, hours: int) -> None:
    if not before(base, END - dt.timedelta(hours=hours)):
        return
    moment = after_hours(base, hours, BRUSSELS)
    assert key(moment) - key(base) == dt.timedelta(hours=hours)
    assert moment.tzinfo is BRUSSELS


@given(aware())
def test_the_end_of_a_day_is_the_next_local_midnight(moment: dt.datetime) -> None:
    if not before(moment, END - dt.timedelta(days=2)):
        return
    end = end_of_day(moment, BRUSSELS)
    day = local(moment, BRUSSELS).date()
    assert (end.date(), end.time()) == (day + dt.timedelta(days=1), dt.time(0))
    assert before(moment, end)


@given(aware())
def test_an_instant_taken_is_the_instant_given(value: dt.datetime) -> None:
    taken = instant(value, field="now")
    assert type(taken) is pendulum.DateTime
    assert key(taken) == key(value)
