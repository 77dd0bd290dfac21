"""Instants as the library takes and gives them (T1, T6)."""

from __future__ import annotations

import datetime as dt
import time
import zoneinfo

import pendulum
import pytest

from helpers import refused_as
from incompany_rules import InvalidTypeError, InvalidValueError, NaiveDatetimeError
from incompany_rules.instants import instant, local, optional_instant, utc

BRUSSELS = pendulum.timezone("Europe/Brussels")


class TestInstant:
    @pytest.mark.parametrize(
        "value",
        [
            pendulum.datetime(2026, 3, 29, 1, tz="UTC"),
            dt.datetime(2026, 3, 29, 1, tzinfo=dt.UTC),
            dt.datetime(2026, 3, 29, 3, tzinfo=zoneinfo.ZoneInfo("Europe/Brussels")),
            dt.datetime(2026, 3, 29, 2, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        ],
    )
    def test_aware_datetimes_of_any_kind_become_the_same_pendulum_instant(
        self, value: dt.datetime
    ) -> None:
        result = instant(value, field="now")
        assert isinstance(result, pendulum.DateTime)
        assert pendulum.datetime(2026, 3, 29, 1, tz="UTC") == result

    def test_a_naive_datetime_is_refused_never_guessed(self) -> None:
        with refused_as(NaiveDatetimeError, "now"):
            instant(dt.datetime(2026, 3, 29, 1), field="now")

    def test_a_clock_that_gives_no_offset_is_naive(self) -> None:
        """A tzinfo whose utcoffset() is None leaves the datetime naive (Python's own rule)."""

        class NoOffset(dt.tzinfo):
            def utcoffset(self, _moment: dt.datetime | None) -> dt.timedelta | None:
                return None

            def dst(self, _moment: dt.datetime | None) -> dt.timedelta | None:
                return None

            def tzname(self, _moment: dt.datetime | None) -> str | None:
                return None

        with refused_as(NaiveDatetimeError, "now"):
            instant(dt.datetime(2026, 3, 29, 1, tzinfo=NoOffset()), field="now")

    def test_a_clock_that_raises_for_its_offset_is_refused_saying_so(self) -> None:
        class Broken(dt.tzinfo):
            def utcoffset(self, _moment: dt.datetime | None) -> dt.timedelta:
                raise LookupError(_moment)

            def dst(self, _moment: dt.datetime | None) -> dt.timedelta:
                raise LookupError(_moment)

            def tzname(self, _moment: dt.datetime | None) -> str:
                return "?"

        with refused_as(InvalidValueError, "now") as caught:
            instant(dt.datetime(2026, 3, 29, 1, tzinfo=Broken()), field="now")
        assert "Invalid now: its tzinfo cannot say its offset from UTC" == str(caught.value)
        assert (caught.value.__cause__, caught.value.__context__) == (None, None)

    def test_a_naive_pendulum_datetime_is_refused(self) -> None:
        with refused_as(NaiveDatetimeError, "when"):
            instant(pendulum.naive(2026, 3, 29, 1), field="when")

    @pytest.mark.parametrize(
        "value", [dt.date(2026, 3, 29), "2026-03-29T01:00:00Z", 1774746000, None]
    )
    def test_anything_but_a_datetime_is_a_type_error(self, value: object) -> None:
        with refused_as(InvalidTypeError, "now"):
            instant(value, field="now")

    def test_optional_instant_keeps_none(self) -> None:
        assert optional_instant(None, field="x") is None
        assert pendulum.datetime(2026, 1, 1, tz="UTC") == optional_instant(
            dt.datetime(2026, 1, 1, tzinfo=dt.UTC), field="x"
        )


class TestLocal:
    @pytest.mark.parametrize(
        ("utc", "expected"),
        [
            (dt.datetime(2026, 3, 29, 0, 59, 59, tzinfo=dt.UTC), "2026-03-29T01:59:59+01:00"),
            (dt.datetime(2026, 3, 29, 1, 0, 0, tzinfo=dt.UTC), "2026-03-29T03:00:00+02:00"),
            (dt.datetime(2026, 10, 25, 0, 59, 59, tzinfo=dt.UTC), "2026-10-25T02:59:59+02:00"),
            (dt.datetime(2026, 10, 25, 1, 0, 0, tzinfo=dt.UTC), "2026-10-25T02:00:00+01:00"),
        ],
    )
    def test_instants_are_shown_on_the_policy_clock_across_the_changes(
        self, utc: dt.datetime, expected: str
    ) -> None:
        result = local(utc, BRUSSELS)
        assert isinstance(result, pendulum.DateTime)
        assert expected == result.isoformat()

    # Each row: the same instants given as pendulum values on other clocks.
    @pytest.mark.parametrize(
        ("given", "expected"),
        [
            (pendulum.datetime(2026, 10, 25, 9, 30, tz="Asia/Tokyo"), "2026-10-25T02:30:00+02:00"),
            (pendulum.datetime(2026, 10, 25, 10, 30, tz="Asia/Tokyo"), "2026-10-25T02:30:00+01:00"),
            (pendulum.datetime(2026, 3, 29, 1, tz="UTC"), "2026-03-29T03:00:00+02:00"),
        ],
    )
    def test_pendulum_instants_on_another_clock_keep_their_instant(
        self, given: pendulum.DateTime, expected: str
    ) -> None:
        result = local(given, BRUSSELS)
        assert (expected, utc(given)) == (result.isoformat(), utc(result))
        assert BRUSSELS is result.tzinfo

    def test_an_instant_already_on_the_clock_is_returned_as_it_is(self) -> None:
        moment = pendulum.datetime(2026, 3, 29, 3, tz=BRUSSELS)
        assert moment is local(moment, BRUSSELS)

    # Each row: an instant on another clock, and the same instant on the
    # Brussels clock: microseconds and the fold of the repeated hour kept.
    @pytest.mark.parametrize(
        ("given", "expected"),
        [
            (
                dt.datetime(2026, 3, 29, 0, 59, 59, 999_999, tzinfo=dt.UTC),
                "2026-03-29T01:59:59.999999+01:00",
            ),
            (
                dt.datetime(
                    2026, 10, 25, 2, 30, fold=1, tzinfo=zoneinfo.ZoneInfo("Europe/Brussels")
                ),
                "2026-10-25T02:30:00+01:00",
            ),
            (
                dt.datetime(
                    2026, 10, 25, 2, 30, fold=0, tzinfo=zoneinfo.ZoneInfo("Europe/Brussels")
                ),
                "2026-10-25T02:30:00+02:00",
            ),
            # pendulum instants on another clock take another path
            (
                pendulum.datetime(2026, 3, 29, 9, 59, 59, 999_999, tz="Asia/Tokyo"),
                "2026-03-29T01:59:59.999999+01:00",
            ),
            (
                pendulum.datetime(2026, 10, 25, 2, 30, tz="Europe/Paris", fold=1),
                "2026-10-25T02:30:00+01:00",
            ),
            (
                pendulum.datetime(2026, 10, 25, 2, 30, tz="Europe/Paris", fold=0),
                "2026-10-25T02:30:00+02:00",
            ),
        ],
    )
    def test_an_instant_keeps_its_microseconds_and_its_fold(
        self, given: dt.datetime, expected: str
    ) -> None:
        result = local(given, BRUSSELS)
        assert (expected, utc(given)) == (result.isoformat(), utc(result))

    def test_a_zoneinfo_clock_also_gives_a_pendulum_instant(self) -> None:
        result = local(
            dt.datetime(2026, 3, 29, 1, tzinfo=dt.UTC), zoneinfo.ZoneInfo("Europe/Brussels")
        )
        assert isinstance(result, pendulum.DateTime)
        assert "2026-03-29T03:00:00+02:00" == result.isoformat()


class TestUtc:
    def test_instants_of_the_repeated_october_hour_compare_in_order(self) -> None:
        summer = local(pendulum.datetime(2026, 10, 25, 0, 30), BRUSSELS)
        winter = local(pendulum.datetime(2026, 10, 25, 1, 10), BRUSSELS)
        assert (2, 2) == (summer.hour, winter.hour)
        assert utc(summer) < utc(winter)
        assert dt.timedelta(minutes=40) == utc(winter) - utc(summer)

    def test_utc_keeps_the_instant(self) -> None:
        value = dt.datetime(2026, 3, 29, 3, tzinfo=zoneinfo.ZoneInfo("Europe/Brussels"))
        assert dt.datetime(2026, 3, 29, 1, tzinfo=dt.UTC) == utc(value)
        assert dt.UTC == utc(value).tzinfo


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="the machine clock is set with time.tzset")
def test_the_suite_runs_on_a_machine_clock_far_from_utc() -> None:
    """conftest.py sets it, so that a conversion to the machine's zone shows."""
    assert "Pacific/Chatham" == pendulum.now().timezone_name
    assert dt.timedelta(hours=13, minutes=45) == dt.datetime(2026, 1, 1).astimezone().utcoffset()
