"""Properties of the calendar of one session, over every session the strategies draw.

The sessions come with varied policies, timezones and class days, many of
them close to a daylight-saving change; the instants are those on both
sides of every milestone.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from incompany_rules import MilestoneKind, Session, milestones, schedule
from incompany_rules import instants as calendar
from incompany_rules.instants import days, key, local, utc
from incompany_rules.strategies import Stage, instants_near, policies, sessions

CONFIRMED = [s for s in Stage if s is not Stage.REQUESTED]
# One strategy per stage, built once (a flatmap would build one for every example).
confirmed_sessions = st.one_of([sessions(stage=stage) for stage in CONFIRMED]).filter(
    lambda s: s.confirmed_slot is not None
)
# Policies on other clocks too: New York changes at 02:00, Sydney in the
# other half of the year, Kolkata never.
anywhere = sessions(
    stage=Stage.REGISTRATION_OPEN,
    policy=policies(
        timezone=st.sampled_from(["America/New_York", "Australia/Sydney", "Asia/Kolkata"])
    ),
)


def with_instants(session: Session) -> st.SearchStrategy[tuple[Session, dt.datetime]]:
    return st.tuples(st.just(session), instants_near(session))


def with_two_instants(
    session: Session,
) -> st.SearchStrategy[tuple[Session, dt.datetime, dt.datetime]]:
    return st.tuples(st.just(session), instants_near(session), instants_near(session))


# The milestones "on D-n" (T4), with the days before (or after) the class they fall on.
DAY_BASED = {
    MilestoneKind.REMINDER: lambda p: p.reminder_days_before,
    MilestoneKind.TACIT_CONFIRMATION: lambda p: p.reminder_days_before,
    MilestoneKind.DEFINITIVE_CONFIRMATION: lambda p: p.definitive_confirmation_days_before,
    MilestoneKind.FREE_CANCELLATION_CLOSES: lambda p: p.free_cancellation_days_before - 1,
    MilestoneKind.REGISTRATION_CLOSES: lambda p: p.registration_days_before - 1,
}


class TestDayBasedMilestones:
    @given(confirmed_sessions | anywhere)
    def test_every_day_based_milestone_is_at_00_00_local(self, session: Session) -> None:
        """T4: "A milestone 'on D-n' is due at 00:00 local on D-n"; T2: D-n is n calendar days.

        T8: one whose day passed before the dates were confirmed is at the confirmation.
        """
        policy = session.policy
        plan = schedule(session)
        day = plan.day
        floor = max(utc(plan.dates_confirmed), utc(session.requested_at))
        for milestone in milestones(session):
            at = milestone.at
            assert policy.timezone == at.timezone_name  # T6: on the policy's clock
            assert utc(at) >= floor  # T8: nothing before the request, nor the dates
            if milestone.kind in DAY_BASED and utc(at) > floor:
                assert (0, 0, 0, 0) == (at.hour, at.minute, at.second, at.microsecond)
                expected = day - dt.timedelta(days=DAY_BASED[milestone.kind](policy))
                assert expected == at.date()

    @given(confirmed_sessions | anywhere)
    def test_the_evaluation_is_at_00_00_on_the_days_after_the_class(self, session: Session) -> None:
        """R14: "Due 00:00 local on (local date of class end) + 1"."""
        plan = schedule(session)
        days_after = session.policy.evaluation_days_after
        assert (plan.end.date() + dt.timedelta(days=days_after), dt.time(0)) == (
            plan.evaluation.date(),
            plan.evaluation.time(),
        )


class TestTheDaysKeys:
    @given(confirmed_sessions | anywhere)
    def test_each_deadline_of_the_day_carries_its_own_key(self, session: Session) -> None:
        """T2-T6: the calendar keeps each day deadline's place on the time line, exactly."""
        plan = schedule(session)
        day = plan.day.toordinal()
        found = days(session.policy, day, day)
        keys = found.keys
        instants = found._asdict()
        for name in keys._fields:
            moment = instants[name]
            assert getattr(keys, name) == (None if moment is None else key(moment)), name
        assert (found.day, found.end_day) == (day, plan.end.toordinal())
        assert (plan.day, dt.time(0)) == (found.class_day.date(), found.class_day.time())

    @given(sessions() | anywhere)
    def test_a_session_keeps_the_deadlines_of_its_class_day(self, session: Session) -> None:
        """A session keeps the deadlines of its class's day from when it is built: the
        calendar's, as computed afresh now; none before a slot is confirmed."""
        kept = session._days  # noqa: SLF001 (what the rules read)
        for cache in (calendar._MIDNIGHTS, calendar._DAYS, calendar._DERIVED):  # noqa: SLF001
            cache.clear()
        slot = session.confirmed_slot
        if slot is None:
            assert kept is None
        else:
            day = local(slot.start, session.policy.tz).toordinal()
            assert days(session.policy, day, day) == kept


class TestHourBasedMilestones:
    @given(confirmed_sessions | anywhere)
    def test_the_link_is_exactly_the_policy_hours_after_its_base(self, session: Session) -> None:
        """R11, T5: "24 elapsed hours after the actual confirmation instant when it is
        known, else after the planned one" (86,400 s with the default policy)."""
        plan = schedule(session)
        base = session.definitive_confirmation_at or plan.definitive_confirmation
        expected = session.policy.link_delay_hours * 3600
        assert expected == (plan.platform_link - base).total_seconds()

    @given(confirmed_sessions)
    def test_participants_are_emailed_with_the_link_from_the_effective_date(
        self, session: Session
    ) -> None:
        """R12: "Applies when the link is generated on or after 2021-03-01 (policy): the
        recorded link when there is one, else the planned one"."""
        plan = schedule(session)
        link = plan.platform_link
        if session.link_generated_at is not None:
            link = session.link_generated_at.in_tz(session.policy.timezone)
        applies = link.date() >= session.policy.participant_email_from
        assert (link if applies else None) == plan.participant_access_email


class TestOrder:
    @given(confirmed_sessions | anywhere)
    def test_milestones_are_sorted_and_the_class_is_the_confirmed_slot(
        self, session: Session
    ) -> None:
        """milestones(session) is "sorted by instant"; the class is the slot confirmed (R3)."""
        found = milestones(session)
        assert sorted(found, key=lambda m: m.sort_key) == list(found)
        kinds = {m.kind: m.at for m in found}
        assert session.confirmed_slot is not None
        assert (session.confirmed_slot.start, session.confirmed_slot.end) == (
            kinds[MilestoneKind.CLASS_START],
            kinds[MilestoneKind.CLASS_END],
        )

    @given(sessions(stage=Stage.REQUESTED))
    def test_a_session_without_dates_has_no_milestone(self, session: Session) -> None:
        """A session whose dates are not confirmed has no dated step yet."""
        assert () == milestones(session)


class TestWindows:
    @given(confirmed_sessions.flatmap(with_instants))
    def test_registration_is_open_from_the_confirmation_to_the_end_of_d_minus_3(
        self, drawn: tuple[Session, dt.datetime]
    ) -> None:
        """R8: "Participants can be registered from the date confirmation until D-3
        included"; T3: the window closes at 00:00 local on D-2 (already closed)."""
        session, now = drawn
        plan = schedule(session)
        expected = plan.dates_confirmed <= now < plan.registration_closes
        assert expected == plan.registration_is_open(now)

    @given(confirmed_sessions.flatmap(with_two_instants))
    def test_once_free_cancellation_ends_it_never_comes_back(
        self, drawn: tuple[Session, dt.datetime, dt.datetime]
    ) -> None:
        """R15: "Cancellation is free when notified by the end of D-15"."""
        session, first, second = drawn
        earlier, later = sorted((first, second))
        plan = schedule(session)
        assert plan.cancellation_is_free(earlier) or not plan.cancellation_is_free(later)
        assert plan.cancellation_is_free(earlier) == (earlier < plan.free_cancellation_closes)
