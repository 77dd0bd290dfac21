"""The time core (`incompany_rules.instants`): exact comparison, the local clock, the calendar.

Worked cases on both sides of each boundary: the hour Brussels repeats in
October (02:00-03:00 twice on 25 October 2026), the hour it skips in March
(02:00-03:00 on 29 March 2026), microseconds apart, at the ends of the
supported years, on fixed offsets and standard-library zones.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
import zoneinfo

import pandas as pd  # type: ignore[import-untyped]
import pendulum
import pytest

from helpers import refused_as
from incompany_rules import DEFAULT_POLICY, InvalidValueError, NaiveDatetimeError, instants
from incompany_rules.actions import next_actions
from incompany_rules.examples import confirmed_session, sample_participants
from incompany_rules.instants import (
    after_hours,
    before,
    days,
    days_after,
    earlier,
    end_of_day,
    key,
    later,
    local,
    midnight,
    on_clock,
    utc,
)
from incompany_rules.milestones import deadlines, milestones, schedule

BRUSSELS = pendulum.timezone("Europe/Brussels")
STDLIB_BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
US = dt.timedelta(microseconds=1)
OUT_OF_RANGE = "Invalid now: expected an instant in the years 1900 to 2999 (UTC), got "


def brussels(
    year: int,
    month: int,
    day: int,
    hour: int = 0,
    minute: int = 0,
    second: int = 0,
    microsecond: int = 0,
    *,
    fold: int = 0,
) -> pendulum.DateTime:
    return pendulum.DateTime(
        year, month, day, hour, minute, second, microsecond, tzinfo=BRUSSELS, fold=fold
    )


class TestBefore:
    # Each row: a, b, whether a is before b (the instants, not the wall clocks).
    @pytest.mark.parametrize(
        ("a", "b", "expected"),
        [
            # The repeated hour: the second pass is later, whatever the wall clock says.
            (brussels(2026, 10, 25, 2, 59), brussels(2026, 10, 25, 2, 1, fold=1), True),
            (brussels(2026, 10, 25, 2, 1, fold=1), brussels(2026, 10, 25, 2, 59), False),
            (brussels(2026, 10, 25, 2, 30), brussels(2026, 10, 25, 2, 30, fold=1), True),
            (brussels(2026, 10, 25, 2, 30, fold=1), brussels(2026, 10, 25, 2, 30), False),
            # One microsecond apart, on two clocks.
            (
                brussels(2026, 10, 25, 2, 30, 0, 999_999, fold=1),
                dt.datetime(2026, 10, 25, 1, 31, tzinfo=dt.UTC),
                True,
            ),
            (
                dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.UTC),
                brussels(2026, 10, 25, 2, 30, fold=1),
                False,
            ),
            # The skipped hour: 02:30 read with the winter offset is 03:30 summer time.
            (brussels(2026, 3, 29, 3, 15), brussels(2026, 3, 29, 2, 30), True),
            (brussels(2026, 3, 29, 2, 30), brussels(2026, 3, 29, 3, 30), False),
            # Days apart on one clock, and at the ends of the supported years.
            (brussels(2026, 3, 27, 23), brussels(2026, 3, 30, 0, 30), True),
            (
                dt.datetime(2999, 12, 31, 23, 59, 59, 999_998, tzinfo=dt.UTC),
                dt.datetime(2999, 12, 31, 23, 59, 59, 999_999, tzinfo=dt.UTC),
                True,
            ),
            (
                dt.datetime(1900, 1, 1, 0, 0, 0, 1, tzinfo=dt.UTC),
                dt.datetime(1900, 1, 1, 1, 0, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))),
                False,
            ),
            # A standard-library zone against pendulum's, the same instant.
            (
                dt.datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=STDLIB_BRUSSELS),
                brussels(2026, 10, 25, 2, 30, fold=1),
                False,
            ),
        ],
    )
    def test_compares_instants(self, a: dt.datetime, b: dt.datetime, expected: bool) -> None:
        assert expected == before(a, b)
        assert expected == (a.astimezone(dt.UTC) < b.astimezone(dt.UTC))

    def test_later_and_earlier_return_one_of_their_arguments(self) -> None:
        first, second = brussels(2026, 10, 25, 2, 59), brussels(2026, 10, 25, 2, 1, fold=1)
        assert (later(first, second), earlier(first, second)) == (second, first)
        assert later(second, first) is second
        same = dt.datetime(2026, 10, 25, 0, 59, tzinfo=dt.UTC)
        assert later(first, same) is first
        assert earlier(first, same) is first


class TestKey:
    def test_is_exact_to_the_microsecond_in_year_2999(self) -> None:
        last = dt.datetime(2999, 12, 31, 23, 59, 59, 999_999, tzinfo=dt.UTC)
        assert key(last) - key(last - US) == US
        assert utc(last) == last
        # What a float timestamp loses there: it reads a later instant.
        assert dt.datetime.fromtimestamp(last.timestamp(), dt.UTC) != last

    def test_equal_instants_have_one_key_whatever_their_clocks(self) -> None:
        moment = brussels(2026, 10, 25, 2, 30, fold=1)
        assert key(moment) == key(dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.UTC))
        assert key(moment) != key(moment.replace(fold=0))
        assert utc(moment) == dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.UTC)


class TestLocal:
    def test_a_pendulum_value_on_a_standard_library_zone(self) -> None:
        shown = local(pendulum.datetime(2026, 10, 25, 1, 30), STDLIB_BRUSSELS)
        assert (shown.isoformat(), shown.fold) == ("2026-10-25T02:30:00+01:00", 1)
        assert type(shown) is pendulum.DateTime

    # Each row: a subclass of datetime with a pickling of its own, in the
    # repeated October hour: its instant, fold included, is kept.
    @pytest.mark.parametrize(
        "given",
        [
            pd.Timestamp("2026-10-25 01:30:00.000001", tz="UTC"),
            pd.Timestamp("2026-10-25 01:30", tz="UTC").tz_convert("Europe/Brussels"),
            type("Stamp", (pendulum.DateTime,), {})(2026, 10, 25, 1, 30, tzinfo=dt.UTC),
        ],
    )
    def test_a_subclass_of_datetime_keeps_its_instant(self, given: dt.datetime) -> None:
        shown = local(given, BRUSSELS)
        assert type(shown) is pendulum.DateTime
        assert (key(shown), shown.fold, shown.tzinfo) == (key(given), 1, BRUSSELS)
        assert on_clock(given, BRUSSELS, field="now") == shown

    def test_on_clock_checks_then_converts(self) -> None:
        moment = on_clock(dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.UTC), BRUSSELS, field="now")
        assert (moment.isoformat(), moment.fold, moment.tzinfo) == (
            "2026-10-25T02:30:00+01:00",
            1,
            BRUSSELS,
        )
        already = brussels(2026, 10, 25, 2, 30, fold=1)
        assert on_clock(already, BRUSSELS, field="now") is already
        with refused_as(NaiveDatetimeError, "now"):
            on_clock(dt.datetime(2026, 1, 1), BRUSSELS, field="now")

    @pytest.mark.parametrize(
        "given",
        [
            dt.datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=zoneinfo.ZoneInfo("Europe/Brussels")),
            dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.timezone(dt.timedelta(hours=-3))),
            dt.datetime(2998, 12, 31, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=14))),
            dt.datetime(1901, 1, 1, tzinfo=zoneinfo.ZoneInfo("Asia/Tokyo")),
        ],
    )
    def test_on_clock_puts_a_standard_library_instant_on_the_policy_clock(
        self, given: dt.datetime
    ) -> None:
        shown = on_clock(given, BRUSSELS, field="now")
        assert (type(shown), shown.tzinfo, key(shown)) == (pendulum.DateTime, BRUSSELS, key(given))

    def test_on_clock_takes_the_supported_years_in_utc_on_the_policy_clock_too(self) -> None:
        last = pendulum.datetime(3000, 1, 1, 0, 59, 59, 999_999, tz=BRUSSELS)  # 2999 in UTC
        assert on_clock(last, BRUSSELS, field="now") is last
        with refused_as(InvalidValueError, "now"):
            on_clock(last.add(microseconds=1), BRUSSELS, field="now")
        with refused_as(InvalidValueError, "now"):
            on_clock(
                pendulum.datetime(1899, 12, 31, 23, tz=dt.UTC).in_tz(BRUSSELS),
                BRUSSELS,
                field="now",
            )


class TestInstant:
    # Each row: a standard-library instant, as the library takes it.
    @pytest.mark.parametrize(
        ("given", "expected"),
        [
            (dt.datetime(2026, 3, 29, 2, 30, tzinfo=STDLIB_BRUSSELS), "2026-03-29T03:30:00+02:00"),
            (
                dt.datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=STDLIB_BRUSSELS),
                "2026-10-25T02:30:00+01:00",
            ),
            (
                dt.datetime(2026, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=-3, minutes=-30))),
                "2026-01-01T00:00:00-03:30",
            ),
            (
                dt.datetime(
                    2026, 1, 1, tzinfo=dt.timezone(dt.timedelta(seconds=1, microseconds=5))
                ),
                "2025-12-31T23:59:58.999995+00:00",  # an offset pendulum cannot keep
            ),
            (
                dt.datetime(2026, 1, 1, tzinfo=dt.timezone(dt.timedelta(seconds=1))),
                "2026-01-01T00:00:00+00:00:01",  # whole seconds: kept
            ),
            (
                dt.datetime(2026, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=-1, seconds=-1))),
                "2026-01-01T00:00:00-01:00:01",
            ),
        ],
    )
    def test_keeps_the_instant_python_reads(
        self, given: dt.datetime, expected: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(instants, "_ZONES", {})  # each clock read afresh, not as kept before
        taken = instants.instant(given, field="now")
        assert (expected, key(given)) == (taken.isoformat(), key(taken))

    def test_a_zone_without_a_name_is_read_by_its_offset(self) -> None:
        with (
            importlib.resources.files("tzdata").joinpath("zoneinfo/Europe/Brussels").open("rb") as f
        ):
            nameless = zoneinfo.ZoneInfo.from_file(f)
        taken = instants.instant(dt.datetime(2026, 7, 1, 12, tzinfo=nameless), field="now")
        assert (taken.isoformat(), key(taken)) == (
            "2026-07-01T12:00:00+02:00",
            key(dt.datetime(2026, 7, 1, 10, tzinfo=dt.UTC)),
        )

    def test_an_instant_in_utc_stays_on_the_utc_clock(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(instants, "_ZONES", {})
        taken = instants.instant(dt.datetime(2026, 1, 1, 9, tzinfo=dt.UTC), field="now")
        assert (taken.timezone_name, taken.tzname()) == ("UTC", "UTC")
        assert taken.tzinfo is pendulum.UTC

    def test_a_tzinfo_that_cannot_be_hashed_is_read_by_its_offset(self) -> None:
        """As python-dateutil's zones: equal by value, without a hash."""

        class Unhashable(dt.tzinfo):
            __hash__ = None  # type: ignore[assignment]

            def __eq__(self, other: object) -> bool:
                return isinstance(other, Unhashable)

            def utcoffset(self, _moment: dt.datetime | None) -> dt.timedelta:
                return dt.timedelta(hours=-5)

            def dst(self, _moment: dt.datetime | None) -> dt.timedelta:
                return dt.timedelta(0)

            def tzname(self, _moment: dt.datetime | None) -> str:
                return "EST"

        given = dt.datetime(2026, 1, 1, 9, tzinfo=Unhashable())
        taken = instants.instant(given, field="now")
        assert (taken.isoformat(), key(taken)) == ("2026-01-01T09:00:00-05:00", key(given))
        assert on_clock(given, BRUSSELS, field="now").isoformat() == "2026-01-01T15:00:00+01:00"

    # Each row: an instant near the ends of the supported years, read in UTC
    # whatever its wall clock says, and its ISO form, or the error it gets.
    @pytest.mark.parametrize(
        ("given", "expected"),
        [
            (
                dt.datetime(1899, 12, 31, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-1))),
                "1899-12-31T23:30:00-01:00",
            ),
            (
                dt.datetime(1900, 1, 1, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))),
                OUT_OF_RANGE + "1899-12-31T23:30:00+00:00",
            ),
            (
                dt.datetime(1899, 12, 31, 23, 59, tzinfo=dt.UTC),
                OUT_OF_RANGE + "1899-12-31T23:59:00+00:00",
            ),
            (
                dt.datetime(3000, 1, 1, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))),
                "3000-01-01T00:30:00+01:00",
            ),
            (
                dt.datetime(3000, 1, 1, 1, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))),
                OUT_OF_RANGE + "3000-01-01T00:30:00+00:00",
            ),
            (
                dt.datetime(3001, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=1))),
                OUT_OF_RANGE + "3001-01-01T00:00:00+01:00",
            ),
        ],
    )
    def test_the_supported_years_are_those_of_the_instant_in_utc(
        self, given: dt.datetime, expected: str
    ) -> None:
        try:
            shown = instants.instant(given, field="now").isoformat()
        except InvalidValueError as error:
            shown = str(error)
        assert expected == shown

    def test_the_map_of_zones_stays_bounded(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(instants, "_ZONES", {})
        monkeypatch.setattr(instants, "_ZONES_SIZE", 1)
        for hours in (1, 2, 1):
            taken = instants.instant(
                dt.datetime(2026, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=hours))), field="now"
            )
            assert taken.utcoffset() == dt.timedelta(hours=hours)
        assert len(instants._ZONES) == 1  # noqa: SLF001 (the bound itself)


class TestCalendar:
    # Each row: a moment, the end of its local day (T4), across both changes.
    @pytest.mark.parametrize(
        ("moment", "expected"),
        [
            (brussels(2026, 3, 28, 23, 59, 59, 999_999), "2026-03-29T00:00:00+01:00"),
            (brussels(2026, 3, 29, 3, 0), "2026-03-30T00:00:00+02:00"),
            (brussels(2026, 10, 25, 2, 30, fold=1), "2026-10-26T00:00:00+01:00"),
            (dt.datetime(2026, 10, 24, 22, 0, tzinfo=dt.UTC), "2026-10-26T00:00:00+01:00"),
            (dt.datetime(2026, 10, 24, 21, 59, tzinfo=dt.UTC), "2026-10-25T00:00:00+02:00"),
        ],
    )
    def test_end_of_day(self, moment: dt.datetime, expected: str) -> None:
        assert expected == end_of_day(moment, BRUSSELS).isoformat()

    # Each row: a moment, calendar days, 00:00 on the local day that many days
    # after its own (T4): the evaluation's 14 days, an invoicing delay.
    @pytest.mark.parametrize(
        ("moment", "count", "expected"),
        [
            (brussels(2026, 3, 15, 23, 59, 59, 999_999), 14, "2026-03-29T00:00:00+01:00"),
            (brussels(2026, 3, 16), 14, "2026-03-30T00:00:00+02:00"),
            (brussels(2026, 10, 25, 2, 30, fold=1), 1, "2026-10-26T00:00:00+01:00"),
            (dt.datetime(2026, 10, 11, 22, 0, tzinfo=dt.UTC), 14, "2026-10-26T00:00:00+01:00"),
            (dt.datetime(2026, 10, 11, 21, 59, tzinfo=dt.UTC), 14, "2026-10-25T00:00:00+02:00"),
            (brussels(2026, 4, 1, 9), 0, "2026-04-01T00:00:00+02:00"),
        ],
    )
    def test_days_after(self, moment: dt.datetime, count: int, expected: str) -> None:
        assert expected == days_after(moment, count, BRUSSELS).isoformat()

    # Each row: a base, elapsed hours, the local clock after them (T5).
    @pytest.mark.parametrize(
        ("base", "hours", "expected"),
        [
            (brussels(2026, 3, 28, 12), 24, "2026-03-29T13:00:00+02:00"),
            (brussels(2026, 10, 24, 12), 24, "2026-10-25T11:00:00+01:00"),
            (brussels(2026, 10, 25, 1, 30), 1, "2026-10-25T02:30:00+02:00"),
            (brussels(2026, 10, 25, 1, 30), 2, "2026-10-25T02:30:00+01:00"),
        ],
    )
    def test_after_hours(self, base: dt.datetime, hours: int, expected: str) -> None:
        assert expected == after_hours(base, hours, BRUSSELS).isoformat()

    def test_days_are_the_deadlines_of_the_schedule(self) -> None:
        session = confirmed_session(brussels(2026, 4, 1, 9))
        plan = schedule(session)
        day = plan.day.toordinal()
        fixed = days(DEFAULT_POLICY, day, day)
        assert (
            fixed.reminder,
            fixed.definitive_confirmation,
            fixed.free_cancellation_closes,
            fixed.registration_closes,
            fixed.evaluation,
            fixed.platform_link,
            fixed.participant_access_email,
        ) == (
            plan.reminder,
            plan.definitive_confirmation,
            plan.free_cancellation_closes,
            plan.registration_closes,
            plan.evaluation,
            plan.platform_link,
            plan.participant_access_email,
        )
        assert tuple(deadlines(session)) == (
            plan.dates_confirmed,
            plan.free_cancellation_closes,
            plan.registration_closes,
            plan.start,
            plan.end,
        )

    def test_a_link_recorded_without_a_recorded_confirmation(self) -> None:
        session = confirmed_session(brussels(2026, 4, 1, 9))
        generated = dt.datetime(2026, 3, 18, 9, tzinfo=dt.UTC)
        plan = schedule(session.evolve(link_generated_at=generated))
        assert plan.platform_link == schedule(session).platform_link  # as planned
        assert plan.participant_access_email is not None
        assert plan.participant_access_email.isoformat() == "2026-03-18T10:00:00+01:00"

    def test_no_access_email_planned_before_the_rule(self) -> None:
        day = dt.date(2021, 2, 1).toordinal()
        assert days(DEFAULT_POLICY, day, day).participant_access_email is None


class TestCaches:
    def test_hits_are_counted_and_the_caches_stay_bounded(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(instants, "CACHE_SIZE", 3)
        monkeypatch.setattr(instants, "_MIDNIGHTS", {})
        monkeypatch.setattr(instants, "_DAYS", {})
        monkeypatch.setattr(instants, "_DERIVED", {})
        monkeypatch.setattr(instants, "_USE", [0, 0, 0, 0, 0, 0])
        day = dt.date(2026, 4, 1).toordinal()
        for ordinal in (day, day, day, day + 1, day + 2, day + 3):
            midnight(ordinal, BRUSSELS)
        assert instants.cache_info() == {
            "hits": 2,
            "misses": 4,
            "days_hits": 0,
            "days_misses": 0,
            "derived_hits": 0,
            "derived_misses": 0,
            "size": 1,
            "limit": 3,
        }
        for ordinal in (day, day, day, day + 1, day + 2, day + 3):
            days(DEFAULT_POLICY, ordinal, ordinal)
        info = instants.cache_info()
        assert (info["days_hits"], info["days_misses"]) == (2, 4)
        assert len(instants._DAYS) <= 3  # noqa: SLF001 (the bound itself)
        assert len(instants._MIDNIGHTS) <= 3  # noqa: SLF001
        made: list[instants.Days] = []

        def make(owner: instants.Days) -> int:
            made.append(owner)
            return len(made)

        kept = [days(DEFAULT_POLICY, ordinal, ordinal) for ordinal in (day, day + 1)]
        assert [instants.derived(owner, make) for owner in (*kept, *kept)] == [1, 2, 1, 2]
        assert made == kept  # each made once, then taken from the cache
        for ordinal in range(day + 10, day + 14):
            instants.derived(days(DEFAULT_POLICY, ordinal, ordinal), make)
        info = instants.cache_info()
        assert (info["derived_hits"], info["derived_misses"]) == (2, 6)
        assert len(instants._DERIVED) <= 3  # noqa: SLF001

    def test_the_totals_count_the_three_caches_together(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(instants, "_MIDNIGHTS", {})
        monkeypatch.setattr(instants, "_DAYS", {})
        monkeypatch.setattr(instants, "_DERIVED", {})
        monkeypatch.setattr(instants, "_USE", [0, 0, 0, 0, 0, 0])
        day = dt.date(2026, 4, 1).toordinal()
        owner = days(DEFAULT_POLICY, day, day)
        first = instants.cache_info()
        assert days(DEFAULT_POLICY, day, day) is owner  # a hit of days alone
        assert [instants.derived(owner, len), instants.derived(owner, len)] == [len(owner)] * 2
        info = instants.cache_info()
        assert (info["days_hits"], info["derived_hits"], info["derived_misses"]) == (1, 1, 1)
        assert info["hits"] - first["hits"] == 2
        assert info["misses"] - first["misses"] == 1
        assert info["size"] - first["size"] == 1
        # Nothing emptied yet: each miss kept one entry.
        assert info["misses"] == info["size"] > 2

    def test_an_entry_of_another_zone_or_policy_is_not_taken(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        day = dt.date(2026, 4, 1).toordinal()
        other = pendulum.timezone("America/New_York")
        # A freed zone's id reused by another: the entry holds the zone, which differs.
        monkeypatch.setattr(instants, "_MIDNIGHTS", {(day, id(BRUSSELS)): midnight(day, other)})
        assert midnight(day, BRUSSELS).tzinfo is BRUSSELS
        policy = DEFAULT_POLICY.evolve(registration_days_before=5)
        monkeypatch.setattr(
            instants, "_DAYS", {(day, day, id(DEFAULT_POLICY)): (policy, days(policy, day, day))}
        )
        assert days(DEFAULT_POLICY, day, day).registration_closes == brussels(2026, 3, 30)


class TestMilestones:
    def test_compare_by_instant(self) -> None:
        session = confirmed_session(brussels(2026, 4, 1, 9))
        found = milestones(session)
        assert [m.sort_key for m in found] == sorted(m.sort_key for m in found)
        first = found[0]
        moved = type(first)(first.kind, local(first.at, pendulum.timezone("UTC")), first.rule)
        assert moved == first


class TestDeadlinesOnTheDay:
    def test_the_announcement_is_due_by_the_start_when_registration_closes_that_day(self) -> None:
        # Registration closing at 00:00 on D (D-1 days before): told by the class start.
        policy = DEFAULT_POLICY.evolve(registration_days_before=1)
        session = confirmed_session(brussels(2026, 4, 1, 9), policy=policy)
        found = {a.kind.value: a for a in next_actions(session, brussels(2026, 4, 1, 8))}
        announce = found["announce_not_held"]
        assert (announce.due, announce.overdue) == (brussels(2026, 4, 1, 9), False)

    def test_a_step_whose_window_closed_before_the_dates_is_not_open(self) -> None:
        # Dates confirmed after registration closed (00:00 on D-2), asked before that.
        session = confirmed_session(brussels(2026, 4, 1, 9)).evolve(
            dates_confirmed_at=brussels(2026, 3, 30, 0, 0, 1)
        )
        kinds = {a.kind.value for a in next_actions(session, brussels(2026, 3, 20))}
        assert {"send_reminder", "register_participants"}.isdisjoint(kinds)
        assert "definitive_confirmation" in kinds
        for action in next_actions(session, brussels(2026, 3, 20)):
            assert not before(action.due, session.dates_confirmed_at)  # type: ignore[arg-type]

    def test_a_step_is_never_due_after_its_window_closes(self) -> None:
        # The last sending of access e-mails recorded after the class end: the
        # one still waiting is due by the end, when the window closes (R12).
        session = confirmed_session(brussels(2026, 4, 1, 9))
        people = sample_participants(2)
        session = session.evolve(
            participants=people,
            definitive_confirmation_at=brussels(2026, 3, 17),
            link_generated_at=brussels(2026, 3, 18),
            access_emails_sent_at=brussels(2026, 4, 2, 10),
            access_emailed=[people[0].national_number],
        )
        found = {a.kind.value: a for a in next_actions(session, brussels(2026, 3, 20))}
        emails = found["send_access_emails"]
        assert (emails.due, emails.closes, emails.count) == (
            brussels(2026, 4, 1, 12, 30),
            brussels(2026, 4, 1, 12, 30),
            1,
        )
