"""Ready-made values: a year of sessions for notebooks and how-tos."""

from __future__ import annotations

import collections
import datetime as dt
from typing import TYPE_CHECKING

import pytest
from stdnum.be import nn

from incompany_rules import DEFAULT_POLICY, NaiveDatetimeError, Policy, schedule
from incompany_rules.examples import requested_session, year_of_sessions
from incompany_rules.instants import utc

if TYPE_CHECKING:
    from incompany_rules import Session


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


def year() -> tuple[Session, ...]:
    """Return the default year, drawn again in each test (about 30 ms).

    A value built at import would escape mutation testing, which switches a
    mutant on only once the tests run.
    """
    return year_of_sessions(2026)


class TestTheYearKeepsItsDescription:
    """What the docstring of ``year_of_sessions`` promises analysts."""

    def test_most_sessions_are_group_g1_and_every_group_appears(self) -> None:
        sessions = year()
        groups = collections.Counter(s.group for s in sessions)
        assert {"G1", "G2", "G3"} == set(groups)
        assert groups["G1"] > len(sessions) / 2

    def test_classes_last_three_hours_or_three_and_a_half_from_nine_or_half_past_one(
        self,
    ) -> None:
        sessions = year()
        slots = [s.confirmed_slot for s in sessions]
        assert {(9, 0), (13, 30)} == {(s.start.hour, s.start.minute) for s in slots if s}
        lengths = {(s.end - s.start).in_minutes() for s in slots if s}
        assert {180, 210} == lengths

    def test_requests_and_confirmations_come_in_office_hours_on_the_quarter_hour(self) -> None:
        sessions = year()
        moments = [m for s in sessions for m in (s.requested_at, s.dates_confirmed_at) if m]
        assert {0, 15, 30, 45} == {m.minute for m in moments}
        assert all(8 <= m.hour < 18 for m in moments)

    def test_dates_are_confirmed_two_to_six_weeks_after_the_request(self) -> None:
        sessions = year()
        days = {
            (s.dates_confirmed_at.date() - s.requested_at.date()).days
            for s in sessions
            if s.dates_confirmed_at
        }
        assert min(days) >= 14
        assert max(days) <= 39

    def test_cancellations_come_an_hour_after_the_confirmation_to_an_hour_before_the_class(
        self,
    ) -> None:
        sessions = year()
        for session in sessions:
            if session.cancelled_at is None:
                continue
            plan = schedule(session)
            assert utc(plan.dates_confirmed.add(hours=1)) <= utc(session.cancelled_at)
            assert utc(session.cancelled_at) < utc(plan.start.subtract(hours=1))

    @pytest.mark.parametrize("seed", range(4))
    def test_in_large_years_too_cancellations_come_an_hour_from_either_end(self, seed: int) -> None:
        """Four hundred cancellations a year, none in the last hour before the class."""
        cancellations = 0
        for session in year_of_sessions(2026, count=5000, seed=seed):
            if session.cancelled_at is None:
                continue
            cancellations += 1
            plan = schedule(session)
            assert utc(plan.dates_confirmed.add(hours=1)) <= utc(session.cancelled_at)
            assert utc(session.cancelled_at) < utc(plan.start.subtract(hours=1))
        assert cancellations > 300

    def test_staff_are_numbered_at_a_domain_named_after_their_company(self) -> None:
        sessions = year()
        domains = {"Zénith ASBL": "zenith", "Acme SA": "acme", "Vlaamse Logistiek NV": "vlaamse"}
        for session in sessions:
            domain = domains.get(session.company.name)
            for person in session.participants:
                name, _, at = person.email.partition("@")
                assert 1 <= int(name.removeprefix("employee")) <= 40
                assert len(name) == len("employee001")
                if domain:
                    assert f"{domain}.example" == at

    def test_staff_are_born_from_1960_to_2004_some_from_2000(self) -> None:
        """The check digits of people born from 2000 count the leading 2."""
        sessions = year()
        people = {p for s in sessions for p in s.participants}
        births = [nn.get_birth_date(p.national_number.reveal()) for p in people]
        years = [born.year for born in births if born is not None]
        assert len(people) == len(years)
        assert min(years) >= 1960
        assert max(years) <= 2004
        assert 2000 in years

    @pytest.mark.parametrize("seed", range(10))
    def test_staff_drawn_with_any_seed_are_born_from_1960_to_2004(self, seed: int) -> None:
        people = {p for s in year_of_sessions(2026, seed=seed) for p in s.participants}
        births = [nn.get_birth_date(p.national_number.reveal()) for p in people]
        years = {born.year for born in births if born is not None}
        assert len(people) > 200
        assert min(years) >= 1960
        assert max(years) <= 2004

    def test_facts_are_recorded_at_their_milestones(self) -> None:
        """The reminder at D-21 (at the confirmation when later), the rest at their instants."""
        sessions = year()
        for session in sessions:
            plan = schedule(session)
            reminder = max(plan.reminder, plan.dates_confirmed, key=utc)
            expected = {
                "reminder_sent_at": reminder,
                "definitive_confirmation_at": plan.definitive_confirmation,
                "link_generated_at": plan.platform_link,
                "access_emails_sent_at": plan.participant_access_email,
            }
            for fact, at in expected.items():
                recorded = getattr(session, fact)
                assert recorded is None or (at is not None and utc(recorded) == utc(at))
        reminders = [s.reminder_sent_at for s in sessions if s.reminder_sent_at is not None]
        assert len(reminders) > len(sessions) / 2


def test_a_naive_class_start_is_refused_by_its_name() -> None:
    with pytest.raises(NaiveDatetimeError, match=r"^Invalid start: "):
        requested_session(dt.datetime(2026, 4, 1, 9))
