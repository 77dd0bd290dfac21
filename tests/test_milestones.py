"""The calendar of one session (T2-T6, R3, R6-R8, R10-R12, R14, R15)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import BRUSSELS, brussels, refused_as
from incompany_rules import (
    DEFAULT_POLICY,
    IncompanyRulesError,
    InvalidSessionError,
    InvalidTypeError,
    Milestone,
    MilestoneKind,
    NaiveDatetimeError,
    Policy,
    Session,
    Slot,
    Window,
    deadlines,
    milestones,
    schedule,
)
from incompany_rules.examples import confirmed_session, requested_session
from incompany_rules.milestones import slot_registration_closes

if TYPE_CHECKING:
    from collections.abc import Callable


def at(session: Session, kind: MilestoneKind) -> str:
    found = [m for m in milestones(session) if m.kind is kind]
    assert len(found) == 1
    return found[0].at.isoformat()


class TestScheduleDayBasedMilestones:
    # Each row: class start (Brussels), then the expected instants of
    # reminder (D-21), definitive confirmation (D-15), end of free
    # cancellation (00:00 D-14), end of registration (00:00 D-2), evaluation.
    @pytest.mark.parametrize(
        ("start", "reminder", "definitive", "free_closes", "registration_closes", "evaluation"),
        [
            # winter, no change in sight
            (
                brussels(2026, 2, 11, 9),
                "2026-01-21T00:00:00+01:00",
                "2026-01-27T00:00:00+01:00",
                "2026-01-28T00:00:00+01:00",
                "2026-02-09T00:00:00+01:00",
                "2026-02-12T00:00:00+01:00",
            ),
            # Wednesday after the last Sunday of March: D-3 is the Sunday of the
            # change itself, D-15 and D-21 are on the winter clock.
            (
                brussels(2026, 4, 1, 9),
                "2026-03-11T00:00:00+01:00",
                "2026-03-17T00:00:00+01:00",
                "2026-03-18T00:00:00+01:00",
                "2026-03-30T00:00:00+02:00",
                "2026-04-02T00:00:00+02:00",
            ),
            # D-15 on the day of the March change (29 March 2026 = D-15 of 13 April)
            (
                brussels(2026, 4, 13, 14),
                "2026-03-23T00:00:00+01:00",
                "2026-03-29T00:00:00+01:00",
                "2026-03-30T00:00:00+02:00",
                "2026-04-11T00:00:00+02:00",
                "2026-04-14T00:00:00+02:00",
            ),
            # D-21 on the day of the March change (29 March = D-21 of 19 April)
            (
                brussels(2026, 4, 19, 9),
                "2026-03-29T00:00:00+01:00",
                "2026-04-04T00:00:00+02:00",
                "2026-04-05T00:00:00+02:00",
                "2026-04-17T00:00:00+02:00",
                "2026-04-20T00:00:00+02:00",
            ),
            # Wednesday after the last Sunday of October: D-3 is the day the
            # clocks go back, D-15 and D-21 are on the summer clock.
            (
                brussels(2026, 10, 28, 9),
                "2026-10-07T00:00:00+02:00",
                "2026-10-13T00:00:00+02:00",
                "2026-10-14T00:00:00+02:00",
                "2026-10-26T00:00:00+01:00",
                "2026-10-29T00:00:00+01:00",
            ),
            # D-15 on the day of the October change (25 October = D-15 of 9 November)
            (
                brussels(2026, 11, 9, 13, 30),
                "2026-10-19T00:00:00+02:00",
                "2026-10-25T00:00:00+02:00",
                "2026-10-26T00:00:00+01:00",
                "2026-11-07T00:00:00+01:00",
                "2026-11-10T00:00:00+01:00",
            ),
            # the class itself on the Sunday of a change
            (
                brussels(2026, 3, 29, 9),
                "2026-03-08T00:00:00+01:00",
                "2026-03-14T00:00:00+01:00",
                "2026-03-15T00:00:00+01:00",
                "2026-03-27T00:00:00+01:00",
                "2026-03-30T00:00:00+02:00",
            ),
            # across a year end
            (
                brussels(2027, 1, 5, 9),
                "2026-12-15T00:00:00+01:00",
                "2026-12-21T00:00:00+01:00",
                "2026-12-22T00:00:00+01:00",
                "2027-01-03T00:00:00+01:00",
                "2027-01-06T00:00:00+01:00",
            ),
            # a leap day
            (
                brussels(2028, 3, 1, 9),
                "2028-02-09T00:00:00+01:00",
                "2028-02-15T00:00:00+01:00",
                "2028-02-16T00:00:00+01:00",
                "2028-02-28T00:00:00+01:00",
                "2028-03-02T00:00:00+01:00",
            ),
        ],
    )
    def test_day_based_milestones_are_at_local_midnight_of_their_calendar_day(
        self,
        start: pendulum.DateTime,
        reminder: str,
        definitive: str,
        free_closes: str,
        registration_closes: str,
        evaluation: str,
    ) -> None:
        session = confirmed_session(start)
        assert reminder == at(session, MilestoneKind.REMINDER)
        assert reminder == at(session, MilestoneKind.TACIT_CONFIRMATION)
        assert definitive == at(session, MilestoneKind.DEFINITIVE_CONFIRMATION)
        assert free_closes == at(session, MilestoneKind.FREE_CANCELLATION_CLOSES)
        assert registration_closes == at(session, MilestoneKind.REGISTRATION_CLOSES)
        assert evaluation == at(session, MilestoneKind.EVALUATION)

    def test_the_class_date_is_read_on_the_policy_clock_not_the_given_one(self) -> None:
        """00:30 in Brussels is still the previous day in UTC: D is the Brussels date."""
        start = pendulum.datetime(2026, 6, 9, 22, 30, tz="UTC")  # 00:30 on 10 June in Brussels
        s = schedule(confirmed_session(start, hours=2))
        assert dt.date(2026, 6, 10) == s.day
        assert "2026-06-08T00:00:00+02:00" == s.registration_closes.isoformat()

    def test_a_policy_in_another_timezone_counts_days_on_its_own_clock(self) -> None:
        policy = DEFAULT_POLICY.evolve(timezone="America/New_York")
        start = pendulum.datetime(2026, 3, 11, 9, tz="America/New_York")  # US change: 8 March
        session = confirmed_session(start, policy=policy)
        s = schedule(session)
        assert "2026-03-09T00:00:00-04:00" == s.registration_closes.isoformat()
        assert "2026-02-18T00:00:00-05:00" == s.reminder.isoformat()
        # 02:45 on 12 March on the machine's clock (Pacific/Chatham in the tests) does not count.
        slot = session.confirmed_slot
        assert slot is not None
        closes = slot_registration_closes(slot, policy)
        assert "2026-03-09T00:00:00-04:00" == closes.isoformat()

    def test_policy_days_move_the_milestones(self) -> None:
        policy = Policy(
            reminder_days_before=28,
            registration_days_before=5,
            free_cancellation_days_before=10,
            evaluation_days_after=2,
        )
        s = schedule(confirmed_session(brussels(2026, 4, 1, 9), policy=policy))
        assert "2026-03-04T00:00:00+01:00" == s.reminder.isoformat()
        assert "2026-03-28T00:00:00+01:00" == s.registration_closes.isoformat()
        assert "2026-03-23T00:00:00+01:00" == s.free_cancellation_closes.isoformat()
        assert "2026-04-03T00:00:00+02:00" == s.evaluation.isoformat()


class TestSchedulePlatformLink:
    # Each row: class start, recorded definitive confirmation (or None for the
    # planned one at 00:00 on D-15), expected link instant (24 elapsed hours).
    @pytest.mark.parametrize(
        ("start", "confirmed", "link"),
        [
            # planned, no change between D-15 and D-14
            (brussels(2026, 4, 1, 9), None, "2026-03-18T00:00:00+01:00"),
            # planned D-15 on the March change day (23 h long): 01:00 next day
            (brussels(2026, 4, 13, 9), None, "2026-03-30T01:00:00+02:00"),
            # planned D-15 on the October change day (25 h long): 23:00 same day
            (brussels(2026, 11, 9, 9), None, "2026-10-25T23:00:00+01:00"),
            # recorded late on the evening before the March change
            (brussels(2026, 4, 20, 9), brussels(2026, 3, 28, 18), "2026-03-29T19:00:00+02:00"),
            # recorded during the night of the October change
            (
                brussels(2026, 11, 20, 9),
                pendulum.datetime(2026, 10, 25, 0, 30, tz="UTC"),  # 02:30 CEST
                "2026-10-26T01:30:00+01:00",
            ),
            # recorded, no change: exactly one wall-clock day later
            (brussels(2026, 6, 30, 9), brussels(2026, 6, 15, 16, 45), "2026-06-16T16:45:00+02:00"),
            # recorded to the microsecond: the link keeps it
            (
                brussels(2026, 6, 30, 9),
                brussels(2026, 6, 15, 16, 45).add(microseconds=250),
                "2026-06-16T16:45:00.000250+02:00",
            ),
        ],
    )
    def test_the_link_comes_24_elapsed_hours_after_the_confirmation(
        self, start: pendulum.DateTime, confirmed: pendulum.DateTime | None, link: str
    ) -> None:
        session = confirmed_session(start).evolve(definitive_confirmation_at=confirmed)
        assert link == at(session, MilestoneKind.PLATFORM_LINK)


class TestScheduleParticipantAccessEmail:
    @pytest.mark.parametrize(
        ("start", "emailed"),
        [
            (brussels(2021, 3, 16, 9), True),  # link at 00:00 on 2 March 2021
            (brussels(2021, 3, 15, 9), True),  # link at 00:00 on 1 March 2021: from that day on
            (brussels(2021, 3, 14, 9), False),  # link at 00:00 on 28 February 2021
        ],
    )
    def test_participants_are_emailed_for_links_from_1_march_2021(
        self, start: pendulum.DateTime, emailed: bool
    ) -> None:
        kinds = {m.kind for m in milestones(confirmed_session(start))}
        assert emailed == (MilestoneKind.PARTICIPANT_ACCESS_EMAIL in kinds)

    def test_the_effective_date_is_a_policy(self) -> None:
        policy = DEFAULT_POLICY.evolve(participant_email_from="2030-01-01")
        assert (
            schedule(
                confirmed_session(brussels(2026, 4, 1, 9), policy=policy)
            ).participant_access_email
            is None
        )


class TestMilestones:
    def test_an_unconfirmed_session_has_no_dated_step(self) -> None:
        assert () == milestones(requested_session(brussels(2026, 4, 1, 9)))

    def test_schedule_refuses_a_session_without_dates(self) -> None:
        with pytest.raises(InvalidSessionError, match=r"confirmed_slot"):
            schedule(requested_session(brussels(2026, 4, 1, 9)))

    def test_each_milestone_names_its_rule_and_window(self) -> None:
        found = {
            m.kind: (m.rule, m.window)
            for m in milestones(confirmed_session(brussels(2026, 4, 1, 9)))
        }
        assert {
            MilestoneKind.DATES_CONFIRMED: ("R3", None),
            MilestoneKind.REGISTRATION_OPENS: ("R8", Window.OPENS),
            MilestoneKind.REMINDER: ("R6", None),
            MilestoneKind.TACIT_CONFIRMATION: ("R7", None),
            MilestoneKind.DEFINITIVE_CONFIRMATION: ("R10", None),
            MilestoneKind.FREE_CANCELLATION_CLOSES: ("R15", Window.CLOSES),
            MilestoneKind.PLATFORM_LINK: ("R11", None),
            MilestoneKind.PARTICIPANT_ACCESS_EMAIL: ("R12", None),
            MilestoneKind.REGISTRATION_CLOSES: ("R8", Window.CLOSES),
            MilestoneKind.CLASS_START: ("R3", None),
            MilestoneKind.CLASS_END: ("R3", None),
            MilestoneKind.EVALUATION: ("R14", None),
        } == found

    def test_milestones_are_returned_on_the_policy_clock(self) -> None:
        start = pendulum.datetime(2026, 4, 1, 7, tz="UTC")
        for milestone in milestones(confirmed_session(start)):
            assert "Europe/Brussels" == milestone.at.timezone_name

    @pytest.mark.parametrize("function", [schedule, milestones])
    @pytest.mark.parametrize(
        "value", [None, "IC-2026-0042/G1", confirmed_session(brussels(2026, 4, 1, 9)).policy]
    )
    def test_anything_but_a_session_is_refused(
        self, function: Callable[[Session], object], value: object
    ) -> None:
        with refused_as(InvalidTypeError, "session"):
            function(value)  # type: ignore[arg-type]

    def test_nothing_is_dated_before_a_request_recorded_after_the_confirmation(self) -> None:
        """T8: a request entered on 20 March for dates confirmed on 18 February."""
        session = confirmed_session(brussels(2026, 4, 1, 9))
        requested = pendulum.datetime(2026, 3, 20, 9, 30, tz="UTC")
        found = [
            (m.kind.value, m.at.isoformat())
            for m in milestones(session.evolve(requested_at=requested))
        ]
        floor = "2026-03-20T10:30:00+01:00"  # the request, on the policy's clock
        assert found == [
            ("dates_confirmed", floor),
            ("registration_opens", floor),
            ("reminder", floor),
            ("tacit_confirmation", floor),
            ("definitive_confirmation", floor),
            ("free_cancellation_closes", floor),
            ("platform_link", floor),
            ("participant_access_email", floor),
            ("registration_closes", "2026-03-30T00:00:00+02:00"),
            ("class_start", "2026-04-01T09:00:00+02:00"),
            ("class_end", "2026-04-01T12:30:00+02:00"),
            ("evaluation", "2026-04-02T00:00:00+02:00"),
        ]

    def test_cancelling_does_not_move_the_calendar(self) -> None:
        session = confirmed_session(brussels(2026, 4, 1, 9))
        cancelled = session.evolve(cancelled_at=brussels(2026, 3, 20, 10))
        assert milestones(session) == milestones(cancelled)


class TestRepeatedOctoberHour:
    """Instants in the hour Brussels repeats on 25 October 2026 keep their order."""

    def test_a_class_over_the_repeated_hour_starts_before_it_ends(self) -> None:
        start = local_of(pendulum.datetime(2026, 10, 25, 0, 40, tz="UTC"))  # 02:40 summer
        session = confirmed_session(start, hours=40 / 60)  # until 02:20 winter time
        assert (2, 40, 2, 20) == (
            session.confirmed_slot.start.hour,  # type: ignore[union-attr]
            session.confirmed_slot.start.minute,  # type: ignore[union-attr]
            session.confirmed_slot.end.hour,  # type: ignore[union-attr]
            session.confirmed_slot.end.minute,  # type: ignore[union-attr]
        )
        found = [m.kind for m in milestones(session)]
        assert found.index(MilestoneKind.CLASS_START) < found.index(MilestoneKind.CLASS_END)

    def test_milestones_at_the_same_wall_clock_hour_are_not_equal(self) -> None:
        summer = local_of(pendulum.datetime(2026, 10, 25, 0, 30, tz="UTC"))
        winter = local_of(pendulum.datetime(2026, 10, 25, 1, 30, tz="UTC"))
        first = Milestone(MilestoneKind.CLASS_START, summer, "R3")
        assert first != Milestone(MilestoneKind.CLASS_START, winter, "R3")
        assert first == Milestone(MilestoneKind.CLASS_START, summer.in_tz("UTC"), "R3")

    def test_registration_closes_in_utc_order_whatever_the_clock(self) -> None:
        s = schedule(confirmed_session(brussels(2026, 10, 28, 9)))
        assert s.registration_is_open(brussels(2026, 10, 25, 23, 59, 59))
        assert not s.registration_is_open(brussels(2026, 10, 26))


def local_of(value: pendulum.DateTime) -> pendulum.DateTime:
    return value.in_tz(BRUSSELS)


class TestScheduleWindows:
    @pytest.mark.parametrize(
        ("now", "is_open"),
        [
            (brussels(2026, 2, 18, 9, 59, 59), False),  # before the dates were confirmed
            (brussels(2026, 2, 18, 10), True),  # the confirmation instant opens it
            (
                pendulum.datetime(2026, 3, 29, 23, 59, 59, tz="Europe/Brussels"),
                True,
            ),  # 23:59:59 on D-3
            (brussels(2026, 3, 30), False),  # 00:00 on D-2 is already closed
            (pendulum.datetime(2026, 3, 29, 21, 59, 59, tz="UTC"), True),  # same instants in UTC
            (pendulum.datetime(2026, 3, 29, 22, tz="UTC"), False),
        ],
    )
    def test_registration_is_open_from_confirmation_to_the_end_of_d_minus_3(
        self, now: pendulum.DateTime, is_open: bool
    ) -> None:
        s = schedule(confirmed_session(brussels(2026, 4, 1, 9)))
        assert is_open == s.registration_is_open(now)

    @pytest.mark.parametrize(
        ("when", "free"),
        [
            (pendulum.datetime(2026, 3, 17, 23, 59, 59, 999999, tz="Europe/Brussels"), True),
            (brussels(2026, 3, 18), False),
            (pendulum.datetime(2026, 3, 17, 22, 59, 59, tz="UTC"), True),
            (pendulum.datetime(2026, 3, 17, 23, tz="UTC"), False),
        ],
    )
    def test_cancellation_is_free_until_the_end_of_d_minus_15(
        self, when: pendulum.DateTime, free: bool
    ) -> None:
        s = schedule(confirmed_session(brussels(2026, 4, 1, 9)))
        assert free == s.cancellation_is_free(when)

    @pytest.mark.parametrize(
        ("when", "error"),
        [
            (dt.datetime(2026, 3, 18), NaiveDatetimeError),
            (dt.date(2026, 3, 18), InvalidTypeError),
            ("2026-03-18T00:00:00+01:00", InvalidTypeError),
            (None, InvalidTypeError),
        ],
    )
    def test_the_window_questions_refuse_what_is_not_an_aware_instant(
        self, when: object, error: type[IncompanyRulesError]
    ) -> None:
        s = schedule(confirmed_session(brussels(2026, 4, 1, 9)))
        with refused_as(error, "now"):
            s.registration_is_open(when)  # type: ignore[arg-type]
        with refused_as(error, "when"):
            s.cancellation_is_free(when)  # type: ignore[arg-type]


# A small local generator of confirmed sessions: class starts over 2020-2035
# at quarter hours between 07:00 and 17:45, local time, with 1 to 8 hours.
class_starts = st.builds(
    lambda day, quarter: pendulum.DateTime(day.year, day.month, day.day, tzinfo=BRUSSELS).add(
        minutes=7 * 60 + 15 * quarter
    ),
    st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 12, 31)),
    st.integers(min_value=0, max_value=43),
)
confirmed_sessions = st.builds(
    lambda start, hours: confirmed_session(start, hours=hours),
    class_starts,
    st.integers(min_value=1, max_value=6),
)

DAY_BASED = {
    MilestoneKind.REMINDER,
    MilestoneKind.TACIT_CONFIRMATION,
    MilestoneKind.DEFINITIVE_CONFIRMATION,
    MilestoneKind.FREE_CANCELLATION_CLOSES,
    MilestoneKind.REGISTRATION_CLOSES,
    MilestoneKind.EVALUATION,
}


class TestMilestoneProperties:
    @given(confirmed_sessions)
    def test_every_day_based_milestone_lands_at_local_midnight(self, session: Session) -> None:
        """T4: a milestone 'on D-n' is due at 00:00 local on D-n."""
        for milestone in milestones(session):
            if milestone.kind in DAY_BASED:
                assert (0, 0, 0, 0) == (
                    milestone.at.hour,
                    milestone.at.minute,
                    milestone.at.second,
                    milestone.at.microsecond,
                )

    @given(confirmed_sessions)
    def test_day_based_milestones_are_whole_calendar_days_from_the_class_date(
        self, session: Session
    ) -> None:
        """T2: D-n is the class's local date minus n calendar days."""
        s = schedule(session)
        policy = session.policy
        assert policy.reminder_days_before == (s.day - s.reminder.date()).days
        assert (
            policy.definitive_confirmation_days_before
            == (s.day - s.definitive_confirmation.date()).days
        )
        assert (
            policy.free_cancellation_days_before - 1
            == (s.day - s.free_cancellation_closes.date()).days
        )
        assert policy.registration_days_before - 1 == (s.day - s.registration_closes.date()).days

    @given(confirmed_sessions, st.none() | st.integers(min_value=0, max_value=30 * 24 * 3600))
    def test_the_link_is_exactly_86400_seconds_after_its_base(
        self, session: Session, offset: int | None
    ) -> None:
        """T5, R11: 24 elapsed hours after the recorded confirmation, else the planned one."""
        planned = schedule(session).definitive_confirmation
        recorded = None if offset is None else planned.subtract(seconds=offset)
        s = schedule(session.evolve(definitive_confirmation_at=recorded))
        base = planned if recorded is None else recorded
        assert 86_400 == (s.platform_link - base).total_seconds()

    @given(confirmed_sessions)
    def test_milestones_are_sorted(self, session: Session) -> None:
        """milestones() is sorted by instant, then process order."""
        found = milestones(session)
        assert sorted(found, key=lambda m: m.sort_key) == list(found)


class TestDeadlines:
    @pytest.mark.parametrize(
        "start",
        [
            brussels(2026, 4, 1, 9),
            brussels(2026, 10, 28, 9),
            pendulum.datetime(2026, 6, 9, 22, 30, tz="UTC"),  # 00:30 on 10 June in Brussels
        ],
    )
    def test_the_deadlines_are_the_schedules_instants(self, start: pendulum.DateTime) -> None:
        """Whatever clock the slot and the facts were given on, deadlines() is part of schedule()."""
        session = confirmed_session(start, hours=2)
        slot = session.proposed_slots[0]
        utc_slot = Slot(slot.start.in_tz("UTC"), slot.end.in_tz("UTC"))
        assert session.dates_confirmed_at is not None
        for variant in (
            session,
            session.evolve(
                proposed_slots=(utc_slot,),
                confirmed_slot=utc_slot,
                dates_confirmed_at=session.dates_confirmed_at.in_tz("Asia/Tokyo"),
            ),
        ):
            plan, found = schedule(variant), deadlines(variant)
            assert (
                plan.dates_confirmed,
                plan.free_cancellation_closes,
                plan.registration_closes,
                plan.start,
                plan.end,
            ) == tuple(found)
            assert {BRUSSELS} == {moment.tzinfo for moment in found}

    def test_a_session_without_dates_has_no_deadlines(self) -> None:
        with pytest.raises(InvalidSessionError, match=r"confirmed_slot"):
            deadlines(requested_session(brussels(2026, 4, 1, 9)))
