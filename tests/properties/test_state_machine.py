"""A session driven through random steps at advancing instants, checked after each one.

Valid and refused steps alike: proposing, confirming, (un)registering,
cancelling and recording every fact, at instants that advance by random
amounts or land exactly on (or just before) the next milestone. After each
step: every open action's own step is allowed at that instant; a refused
step changed nothing; ``fees_due`` never decreases; an action is never due
after its window closes, is overdue only from its due instant, and nothing
is dated before the request.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pendulum
from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from incompany_rules import (
    Action,
    ActionKind,
    Session,
    Slot,
    TransitionRefusedError,
    can_confirm_slot,
    can_register,
    cancel,
    confirm_slot,
    fees_due,
    milestones,
    next_actions,
    propose_slots,
    record_access_emails_sent,
    record_attendance,
    record_availability_asked,
    record_dates_forwarded,
    record_definitive_confirmation,
    record_evaluation_sent,
    record_fees_invoiced,
    record_link_generated,
    record_not_held_announced,
    record_recap_sent,
    record_reminder_sent,
    record_zoom_checked,
    register,
    unregister,
)
from incompany_rules.examples import ACME_HR, requested_session, sample_participants
from incompany_rules.instants import utc
from incompany_rules.process import STEPS

PEOPLE = sample_participants(8)
FIRST_CLASS = pendulum.datetime(2026, 3, 4, 9, tz="Europe/Brussels")

Recorder = Callable[[Session, dt.datetime], Session]

# The step that does each action, tried at the instant the action is open.
DOES: dict[ActionKind, Recorder] = {
    ActionKind.ASK_AVAILABILITY: record_availability_asked,
    ActionKind.FORWARD_DATES: record_dates_forwarded,
    ActionKind.SEND_RECAP: record_recap_sent,
    ActionKind.SEND_REMINDER: record_reminder_sent,
    ActionKind.DEFINITIVE_CONFIRMATION: record_definitive_confirmation,
    ActionKind.GENERATE_LINK: record_link_generated,
    ActionKind.SEND_ACCESS_EMAILS: record_access_emails_sent,
    ActionKind.CHECK_ZOOM: record_zoom_checked,
    ActionKind.ANNOUNCE_NOT_HELD: record_not_held_announced,
    ActionKind.RECORD_ATTENDANCE: lambda s, at: record_attendance(s, (), at),
    ActionKind.SEND_EVALUATION: record_evaluation_sent,
    ActionKind.INVOICE_FEES: record_fees_invoiced,
}
FACTS: list[Recorder] = [*DOES.values(), cancel]


class SessionMachine(RuleBasedStateMachine):
    """One session, one clock that only moves forward."""

    def __init__(self) -> None:
        super().__init__()
        self.session = requested_session(FIRST_CLASS)
        self.now = self.session.requested_at
        self.owed = Decimal(0)

    @initialize(weeks=st.integers(0, 40), hour=st.integers(7, 18))
    def request(self, weeks: int, hour: int) -> None:
        """A class some weeks after 4 March 2026, across both clock changes of the year."""
        start = FIRST_CLASS.add(weeks=weeks).replace(hour=hour)
        self.session = requested_session(start)
        self.now = self.session.requested_at

    # ----------------------------------------------------------------- time

    @rule(minutes=st.integers(1, 20 * 24 * 60))
    def wait(self, minutes: int) -> None:
        self.now = self.now.add(minutes=minutes)

    @rule(index=st.integers(0, 20), just_before=st.booleans())
    def wait_for_a_milestone(self, index: int, just_before: bool) -> None:
        ahead = [m.at for m in milestones(self.session) if utc(m.at) > utc(self.now)]
        if ahead:
            target = ahead[index % len(ahead)]
            if just_before:
                target = target.subtract(microseconds=1)
            if utc(target) > utc(self.now):
                self.now = target

    # ---------------------------------------------------------------- steps

    def attempt(self, step: Callable[[], Session]) -> None:
        """Do ``step``; a refusal must leave the session as it was."""
        before = self.session
        try:
            self.session = step()
        except TransitionRefusedError as refused:
            assert not refused.decision  # noqa: PT017 (a refusal is one outcome of many)
            assert before is self.session
            event(f"refused {refused.field}")
        else:
            event(f"done: {len(self.session.participants)} registered, {self.stage()}")

    def stage(self) -> str:
        session = self.session
        if session.cancelled_at is not None:
            return "cancelled"
        if session.confirmed_slot is None:
            return "planning"
        return "held" if utc(self.now) >= utc(session.confirmed_slot.end) else "confirmed"

    @rule(days=st.integers(-10, 60), hour=st.integers(8, 16))
    def propose(self, days: int, hour: int) -> None:
        start = self.now.add(days=days).replace(hour=hour, minute=0, second=0, microsecond=0)
        slot = Slot(start, start.add(hours=3))
        self.attempt(lambda: propose_slots(self.session, [slot], self.now))

    @precondition(lambda self: bool(self.session.proposed_slots))
    @rule(index=st.integers(0, 5))
    def confirm(self, index: int) -> None:
        slots = self.session.proposed_slots
        slot = slots[index % len(slots)]
        self.attempt(lambda: confirm_slot(self.session, slot, self.now))

    @rule(index=st.integers(0, len(PEOPLE) - 1))
    def register_someone(self, index: int) -> None:
        self.attempt(lambda: register(self.session, PEOPLE[index], self.now, by=ACME_HR))

    @rule(index=st.integers(0, len(PEOPLE) - 1))
    def unregister_someone(self, index: int) -> None:
        self.attempt(lambda: unregister(self.session, PEOPLE[index], self.now, by=ACME_HR))

    @rule(index=st.integers(0, len(FACTS) - 1))
    def record(self, index: int) -> None:
        self.attempt(lambda: FACTS[index](self.session, self.now))

    # ----------------------------------------------------------- invariants

    def actions(self) -> tuple[Action, ...]:
        return next_actions(self.session, self.now)

    @invariant()
    def every_open_action_can_be_done_now(self) -> None:
        """An action is never open while its own step is refused."""
        for action in self.actions():
            if action.kind is ActionKind.CONFIRM_SLOT:
                slots = [s for s in self.session.proposed_slots if s.start == action.about]
                assert any(can_confirm_slot(self.session, s, self.now) for s in slots)
            elif action.kind is ActionKind.REGISTER_PARTICIPANTS:
                newcomers = [p for p in PEOPLE if p not in self.session.participants]
                if newcomers:
                    assert can_register(self.session, newcomers[0], self.now, by=ACME_HR)
            elif action.kind in DOES:
                DOES[action.kind](self.session, self.now)  # raises if refused

    @invariant()
    def fees_never_decrease_as_time_advances(self) -> None:
        owed = fees_due(self.session, self.now).total
        assert owed >= self.owed
        self.owed = owed

    @invariant()
    def actions_keep_to_their_windows_and_deadlines(self) -> None:
        requested = utc(self.session.requested_at)
        for action in self.actions():
            assert utc(action.due) >= requested
            if action.closes is not None:
                assert utc(action.due) <= utc(action.closes)
                assert utc(self.now) < utc(action.closes)
            if action.overdue:
                assert utc(self.now) >= utc(action.due)
                assert STEPS[action.kind].deadline
        for milestone in milestones(self.session):
            assert utc(milestone.at) >= requested


SessionMachine.TestCase.settings = settings(max_examples=60, stateful_step_count=40, deadline=None)
TestSessionMachine = SessionMachine.TestCase
