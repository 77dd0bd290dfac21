"""A fund application's own code, tested with the strategies of incompany_rules.

The application sends HR the reminder to register participants (R6). Its
rule of thumb: send it once, from 00:00 on D-21, while registration is
open, never for a cancelled session. The tests below are what its authors
write; ``pytest`` runs this file with the rest of the documentation.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import Phase, given, settings
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


def test_counting_24_hour_days_is_caught_near_a_daylight_saving_change() -> None:
    """instants_near() draws the instants on both sides of 00:00 on D-21."""
    found: list[tuple[Session, dt.datetime]] = []

    @settings(max_examples=150, derandomize=True, database=None, phases=[Phase.generate])
    @given(
        sessions(stage=Stage.REGISTRATION_OPEN, policy=st.just(DEFAULT_POLICY)).flatmap(
            with_instants
        )
    )
    def compare(drawn: tuple[Session, dt.datetime]) -> None:
        session, now = drawn
        if session.reminder_sent_at is None and reminder_due(
            session, now
        ) != reminder_due_by_24_hour_days(session, now):
            found.append(drawn)

    compare()
    assert found, "the 24-hour version agreed everywhere"
    for session, _now in found:  # and it is wrong only across a change of clock
        plan = schedule(session)
        assert plan.reminder.utcoffset() != plan.registration_closes.utcoffset()
