"""A fund application's own code, tested with the strategies of incompany_rules.

The application sends HR the reminder to register participants (R6). Its
rule of thumb: send it once, from 00:00 on D-21, while registration is
open, never for a cancelled session. The tests below are what its authors
write; ``pytest`` runs this file with the rest of the documentation.
"""

from __future__ import annotations

import datetime as dt

import pendulum
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

from incompany_rules import DEFAULT_POLICY, Session, schedule
from incompany_rules.strategies import Stage, instants_near, sessions

# --- the application's code --------------------------------------------------


def reminder_due(session: Session, now: dt.datetime) -> bool:
    """Whether the mailer should send the registration reminder at ``now``."""
    if session.is_cancelled or session.reminder_sent_at is not None:
        return False
    if session.confirmed_slot is None:
        return False
    plan = schedule(session)  # the library counts the days, never the application
    return plan.reminder <= now < plan.registration_closes


# --- its tests ---------------------------------------------------------------


def with_instants(session: Session) -> st.SearchStrategy[tuple[Session, dt.datetime]]:
    """A session and an instant near one of its dates (or a daylight-saving change)."""
    return st.tuples(st.just(session), instants_near(session))


@given(sessions(stage=Stage.CANCELLED).flatmap(with_instants))
def test_a_cancelled_session_never_gets_a_reminder(drawn: tuple[Session, dt.datetime]) -> None:
    session, now = drawn
    assert not reminder_due(session, now)


@given(sessions().flatmap(with_instants))
def test_the_reminder_goes_out_from_d_minus_21_while_registration_is_open(
    drawn: tuple[Session, dt.datetime],
) -> None:
    session, now = drawn
    if reminder_due(session, now):
        plan = schedule(session)
        assert plan.reminder <= now < plan.registration_closes


@given(sessions(stage=Stage.HELD))
def test_a_held_class_is_past_any_reminder(session: Session) -> None:
    assert session.confirmed_slot is not None
    assert not reminder_due(session, session.confirmed_slot.end)


# --- what the strategies catch -----------------------------------------------


def reminder_due_by_24_hour_days(session: Session, now: dt.datetime) -> bool:
    """A first version that counted D-21 as 21 x 24 hours before 00:00 on D."""
    plan = schedule(session)
    d_minus_21 = plan.registration_closes - dt.timedelta(hours=(21 - 2) * 24)
    return d_minus_21 <= now < plan.registration_closes


def disagrees(drawn: tuple[Session, dt.datetime]) -> bool:
    """Whether the 24-hour version answers otherwise (for a reminder not sent yet)."""
    session, now = drawn
    due = reminder_due(session, now)
    return session.reminder_sent_at is None and due != reminder_due_by_24_hour_days(session, now)


# Classes open for registration under the default rules, in the spring of 2026
# (Brussels moves to summer time on Sunday 29 March).
SPRING = sessions(
    stage=Stage.REGISTRATION_OPEN,
    policy=st.just(DEFAULT_POLICY),
    min_start=pendulum.datetime(2026, 3, 1, tz="Europe/Brussels"),
    max_start=pendulum.datetime(2026, 5, 31, tz="Europe/Brussels"),
).flatmap(with_instants)


def test_counting_24_hour_days_is_caught_near_a_daylight_saving_change() -> None:
    """instants_near() draws the instants on both sides of 00:00 on D-21."""
    search = settings(max_examples=2000, derandomize=True, database=None, phases=[Phase.generate])
    session, _now = find(SPRING, disagrees, settings=search)
    plan = schedule(session)
    assert plan.reminder.utcoffset() != plan.registration_closes.utcoffset()


@given(SPRING)
def test_the_24_hour_version_is_wrong_only_across_a_change_of_clock(
    drawn: tuple[Session, dt.datetime],
) -> None:
    session, _now = drawn
    plan = schedule(session)
    if plan.reminder.utcoffset() == plan.registration_closes.utcoffset():
        assert not disagrees(drawn)
