"""Ready-made values: a year of sessions for notebooks and how-tos."""

from __future__ import annotations

import pytest

from incompany_rules import DEFAULT_POLICY, Policy, schedule
from incompany_rules.examples import year_of_sessions
from incompany_rules.instants import utc


class TestYearOfSessions:
    def test_the_same_arguments_give_the_same_sessions(self) -> None:
        """A notebook run twice, or on another machine, sees the same year."""
        assert year_of_sessions(2026, count=30, seed=3) == year_of_sessions(2026, count=30, seed=3)

    def test_another_seed_gives_another_year(self) -> None:
        """The seed chooses the year drawn."""
        assert year_of_sessions(2026, count=30, seed=3) != year_of_sessions(2026, count=30, seed=4)

    @pytest.mark.parametrize(("year", "count"), [(2025, 1), (2026, 240), (2027, 500)])
    def test_every_class_is_on_a_working_day_of_the_year(self, year: int, count: int) -> None:
        """``count`` sessions, each with a confirmed class on a weekday of ``year``."""
        sessions = year_of_sessions(year, count=count)
        days = [schedule(s).day for s in sessions]
        assert count == len(sessions)
        assert all(day.year == year and day.weekday() < 5 for day in days)
        assert sorted(days) == days

    def test_the_year_holds_every_outcome(self) -> None:
        """Held, cancelled (free and late) and without a list at D-3: each one appears."""
        sessions = year_of_sessions(2026)
        cancelled = [s for s in sessions if s.cancelled_at is not None]
        late = [
            s
            for s in cancelled
            if not schedule(s).cancellation_is_free(s.cancelled_at)  # type: ignore[arg-type]
        ]
        held = [s for s in sessions if s.attendance is not None]
        no_list = [s for s in sessions if not s.participants and s.cancelled_at is None]
        assert all(len(group) > 0 for group in (cancelled, late, held, no_list))
        assert len(cancelled) < len(sessions) / 5 < len(held)

    def test_facts_are_recorded_before_the_cancellation_only(self) -> None:
        """A cancelled session has no fact dated after its cancellation, and no attendance."""
        for session in year_of_sessions(2026):
            if session.cancelled_at is None:
                continue
            facts = [session.reminder_sent_at, session.definitive_confirmation_at]
            assert all(utc(f) < utc(session.cancelled_at) for f in facts if f is not None)
            assert (None, None) == (session.attendance, session.evaluation_sent_at)

    def test_a_person_attends_several_sessions_of_the_company(self) -> None:
        """Companies register people from their own staff, so people come back."""
        sessions = year_of_sessions(2026)
        registrations = [p for s in sessions for p in s.participants]
        assert len(set(registrations)) < len(registrations)

    def test_the_sessions_carry_the_given_policy(self) -> None:
        """The policy in force is the caller's."""
        policy = Policy(min_participants=8)
        assert {policy} == {s.policy for s in year_of_sessions(2026, count=20, policy=policy)}
        assert {DEFAULT_POLICY} == {s.policy for s in year_of_sessions(2026, count=20)}
