"""What is open at an instant, for whom, by when: the process table read at fixed instants.

The class is on Wednesday 1 April 2026 at 09:00 in Brussels unless a test says
otherwise: D-21 is Wednesday 11 March, D-15 Tuesday 17 March, D-3 Sunday
29 March (the day clocks go forward), D-1 Tuesday 31 March.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pendulum
import pytest

from helpers import brussels
from incompany_rules import (
    DEFAULT_POLICY,
    Action,
    ActionKind,
    Actor,
    InvalidTypeError,
    InvalidValueError,
    NaiveDatetimeError,
    ReasonCode,
    Rule,
    Session,
    Slot,
    can_confirm_slot,
    cancellation_fee_schedule,
    confirm_slot,
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
)
from incompany_rules.examples import ACME_HR, confirmed_session, requested_session
from incompany_rules.examples import sample_participants as people
from incompany_rules.process import PROCESS, Step
from incompany_rules.texts import TEXTS

K, A = ActionKind, Actor
PEOPLE = people(7)


Row = tuple[ActionKind, Actor, str, bool]


def view(session: Session, now: dt.datetime) -> list[Row]:
    """Each open action, whole: kind, actor, due (local, to the minute), overdue."""
    return [
        (a.kind, a.actor, f"{a.due:%d/%m %H:%M}", a.overdue) for a in next_actions(session, now)
    ]


def one(session: Session, now: dt.datetime, kind: ActionKind) -> Action:
    (action,) = [a for a in next_actions(session, now) if a.kind is kind]
    return action


def kinds(session: Session, now: dt.datetime) -> set[ActionKind]:
    return {a.kind for a in next_actions(session, now)}


START = brussels(2026, 4, 1, 9)
CONFIRMED = confirmed_session(START)  # requested 4 February, confirmed 18 February at 10:00
# The facts of steps 2 and 3 recorded, so that the rows below show what the tests are about.
PLANNED = CONFIRMED.evolve(
    availability_asked_at=brussels(2026, 2, 4, 11),
    dates_forwarded_at=brussels(2026, 2, 10),
    recap_sent_at=brussels(2026, 2, 18, 11),
)
FULL = PLANNED.evolve(participants=PEOPLE[:6])


class TestLateConfirmation:
    """Behaviour 1: dates confirmed after the end of D-15, on Sunday 22 March at 10:00."""

    LATE = brussels(2026, 3, 22, 10)
    SESSION = requested_session(START).evolve(requested_at=brussels(2026, 3, 20, 10))

    def confirmed(self) -> Session:
        return confirm_slot(self.SESSION, self.SESSION.proposed_slots[0], self.LATE)

    def test_confirming_is_allowed_with_a_notice_of_its_costs(self) -> None:
        decision = can_confirm_slot(self.SESSION, self.SESSION.proposed_slots[0], self.LATE)
        assert decision.allowed
        (notice,) = decision.notices
        assert (
            ReasonCode.LATE_CONFIRMATION,
            Rule.R15,
            brussels(2026, 3, 30),
            15,  # the days before the class that free cancellation ends
            Decimal(375),
        ) == (notice.code, notice.rule, notice.at, notice.limit, notice.amount)

    def test_confirming_by_the_end_of_d_minus_15_carries_no_notice(self) -> None:
        session = requested_session(START)
        slot = session.proposed_slots[0]
        assert () == can_confirm_slot(session, slot, brussels(2026, 3, 17, 23, 59)).notices
        assert can_confirm_slot(session, slot, brussels(2026, 3, 18)).notices

    def test_the_fee_schedule_starts_at_the_confirmation(self) -> None:
        """No free step: 375 EUR from the confirmation, nothing more once the list is missing."""
        steps = cancellation_fee_schedule(self.confirmed())
        assert [
            (self.LATE, brussels(2026, 3, 30), Decimal(375)),
            (brussels(2026, 3, 30), START, Decimal(0)),
        ] == [(s.starts, s.ends, s.amount) for s in steps]

    def test_no_milestone_comes_before_the_request_or_the_confirmation(self) -> None:
        dated = milestones(self.confirmed())
        assert all(m.at >= self.LATE for m in dated)
        assert self.LATE == next(m.at for m in dated if m.kind.value == "reminder")

    def test_the_steps_whose_day_passed_are_overdue_from_the_confirmation(self) -> None:
        session = self.confirmed()
        assert [
            (K.SEND_REMINDER, A.CEFORA, "22/03 10:00", True),
            (K.DEFINITIVE_CONFIRMATION, A.CEFORA, "22/03 10:00", True),
            (K.SEND_RECAP, A.CEFORA, "22/03 10:00", False),
            (K.REGISTER_PARTICIPANTS, A.CLIENT_HR, "30/03 00:00", False),
            (K.CHECK_ZOOM, A.CLIENT_HR, "01/04 00:00", False),
            (K.HOLD_CLASS, A.TRAINER, "01/04 09:00", False),
        ] == view(session, self.LATE.add(hours=1))

    def test_two_days_before_the_class_every_earlier_step_is_due_at_once(self) -> None:
        """Confirmed on Monday 30 March (D-2): refused, registration would be closed."""
        slot = self.SESSION.proposed_slots[0]
        refused = can_confirm_slot(self.SESSION, slot, brussels(2026, 3, 30, 10))
        assert (ReasonCode.REGISTRATION_CLOSED,) == refused.codes


class TestAccessEmails:
    """Behaviour 2 (R12): every registered person gets an access e-mail."""

    LINKED = FULL.evolve(
        reminder_sent_at=brussels(2026, 3, 11, 8),
        definitive_confirmation_at=brussels(2026, 3, 17, 9),
        link_generated_at=brussels(2026, 3, 18, 9),
    )

    def test_the_platform_e_mails_everyone_registered_once_the_link_exists(self) -> None:
        action = one(self.LINKED, brussels(2026, 3, 18, 10), K.SEND_ACCESS_EMAILS)
        assert (A.PLATFORM, "18/03 09:00", True, 6) == (
            action.actor,
            f"{action.due:%d/%m %H:%M}",
            action.overdue,
            action.count,
        )

    def test_a_person_registered_after_the_e_mails_gets_one_too(self) -> None:
        sent = record_access_emails_sent(
            self.LINKED.evolve(participants=PEOPLE[:5]), brussels(2026, 3, 18, 10)
        )
        assert K.SEND_ACCESS_EMAILS not in kinds(sent, brussels(2026, 3, 19))
        later = register(sent, PEOPLE[5], brussels(2026, 3, 20, 9), by=ACME_HR)
        action = one(later, brussels(2026, 3, 20, 10), K.SEND_ACCESS_EMAILS)
        assert (1, "18/03 10:00") == (action.count, f"{action.due:%d/%m %H:%M}")
        assert "1 inscrit attend" not in action.consequence()
        again = record_access_emails_sent(later, brussels(2026, 3, 20, 11))
        assert K.SEND_ACCESS_EMAILS not in kinds(again, brussels(2026, 3, 20, 12))
        assert again.access_emailed == frozenset(p.national_number for p in PEOPLE[:6])

    def test_e_mails_sent_as_the_link_came_are_due_again_from_the_link(self) -> None:
        # Sent at the very instant the link was generated: a person registered
        # since is waiting from that instant, the link's and the sending's.
        sent = record_access_emails_sent(
            self.LINKED.evolve(participants=PEOPLE[:5]), brussels(2026, 3, 18, 9)
        )
        later = register(sent, PEOPLE[5], brussels(2026, 3, 20, 9), by=ACME_HR)
        action = one(later, brussels(2026, 3, 20, 10), K.SEND_ACCESS_EMAILS)
        assert (1, "18/03 09:00", True) == (
            action.count,
            f"{action.due:%d/%m %H:%M}",
            action.overdue,
        )

    def test_sending_again_with_nobody_waiting_is_refused(self) -> None:
        sent = record_access_emails_sent(self.LINKED, brussels(2026, 3, 18, 10))
        with pytest.raises(Exception, match="already_recorded"):
            record_access_emails_sent(sent, brussels(2026, 3, 18, 11))

    def test_r12_is_judged_on_the_recorded_link(self) -> None:
        """A class on 14/03/2021: planned link 28/02 (no e-mails), recorded 02/03 (e-mails)."""
        start = brussels(2021, 3, 14, 9)
        session = confirmed_session(start).evolve(
            participants=PEOPLE[:6], definitive_confirmation_at=brussels(2021, 2, 27)
        )
        assert K.SEND_ACCESS_EMAILS not in kinds(
            session.evolve(link_generated_at=brussels(2021, 2, 28)), brussels(2021, 3, 3)
        )
        linked = session.evolve(link_generated_at=brussels(2021, 3, 2, 9))
        action = one(linked, brussels(2021, 3, 3), K.SEND_ACCESS_EMAILS)
        assert ("02/03 09:00", 6) == (f"{action.due:%d/%m %H:%M}", action.count)
        assert record_access_emails_sent(linked, brussels(2021, 3, 3)).access_emails_sent_at


class TestConfirmingADate:
    """Behaviour 3 (R3): due when confirming stops, gone after; then new dates are asked."""

    REQUESTED = requested_session(START).evolve(
        availability_asked_at=brussels(2026, 2, 4, 11), dates_forwarded_at=brussels(2026, 2, 5)
    )

    @pytest.mark.parametrize(
        ("now", "expected"),
        [
            # the last minute of D-3 (the clocks went forward that night): still open
            (
                brussels(2026, 3, 29, 23, 59),
                [(K.CONFIRM_SLOT, A.CLIENT_HR, "30/03 00:00", False)],
            ),
            # 00:00 on D-2: confirming is refused, the trainer is asked for new dates
            (brussels(2026, 3, 30), [(K.PROPOSE_SLOTS, A.TRAINER, "30/03 00:00", False)]),
            # and that request is never overdue, days later
            (brussels(2026, 4, 20), [(K.PROPOSE_SLOTS, A.TRAINER, "30/03 00:00", False)]),
        ],
    )
    def test_the_confirmation_is_due_at_the_slots_registration_close(
        self, now: pendulum.DateTime, expected: list[Row]
    ) -> None:
        assert expected == view(self.REQUESTED, now)

    def test_the_action_is_due_no_later_than_the_decision_allows(self) -> None:
        action = one(self.REQUESTED, brussels(2026, 3, 1), K.CONFIRM_SLOT)
        slot = self.REQUESTED.proposed_slots[0]
        assert can_confirm_slot(self.REQUESTED, slot, action.due.subtract(microseconds=1))
        assert not can_confirm_slot(self.REQUESTED, slot, action.due)
        assert (action.due, START) == (action.closes, action.about)

    def test_a_slot_proposed_on_another_clock_is_spoken_of_on_the_policys(self) -> None:
        """A class at 00:30 on Wednesday 10 June in Brussels, given as 22:30 the day before in UTC."""
        start = pendulum.datetime(2026, 6, 9, 22, 30, tz="UTC")
        session = self.REQUESTED.evolve(proposed_slots=(Slot(start, start.add(hours=2)),))
        action = one(session, brussels(2026, 6, 1), K.CONFIRM_SLOT)
        assert (
            "10/06 00:30",
            (
                "The proposed date, Wednesday 10 June 2026, can no longer be chosen after "
                "Sunday 7 June 2026 at 23:59."
            ),
        ) == (f"{action.about:%d/%m %H:%M}", action.consequence("en"))

    def test_registration_closing_after_the_start_leaves_the_slot_until_it_starts(self) -> None:
        """Registration open until the end of the class day: the slot lapses at its start."""
        policy = DEFAULT_POLICY.evolve(registration_days_before=0)
        session = requested_session(START, policy=policy)
        action = one(session, START.subtract(microseconds=1), K.CONFIRM_SLOT)
        assert (START, START, True) == (action.due, action.closes, action.overdue is False)
        slot = session.proposed_slots[0]
        assert can_confirm_slot(session, slot, action.due.subtract(microseconds=1))
        assert not can_confirm_slot(session, slot, action.due)
        assert [(K.PROPOSE_SLOTS, A.TRAINER, "01/04 09:00", False)] == view(session, START)

    def test_new_dates_are_asked_for_since_the_last_slot_lapsed(self) -> None:
        """Two slots on the class day, registration open until its end: each lapses at its start."""
        policy = DEFAULT_POLICY.evolve(registration_days_before=0)
        morning = Slot(brussels(2026, 4, 1, 8), brussels(2026, 4, 1, 10))
        afternoon = Slot(brussels(2026, 4, 1, 14), brussels(2026, 4, 1, 16))
        session = requested_session(START, policy=policy).evolve(
            proposed_slots=(morning, afternoon),
            availability_asked_at=brussels(2026, 2, 4, 11),
            dates_forwarded_at=brussels(2026, 2, 5),
        )
        assert [(K.CONFIRM_SLOT, A.CLIENT_HR, "01/04 14:00", False)] == view(
            session, brussels(2026, 4, 1, 12)
        )
        after = brussels(2026, 4, 1, 15)
        assert [(K.PROPOSE_SLOTS, A.TRAINER, "01/04 14:00", False)] == view(session, after)
        assert afternoon.start == one(session, after, K.PROPOSE_SLOTS).about

    def test_slots_in_the_repeated_october_hour_are_taken_in_the_order_they_start(self) -> None:
        """On Sunday 25 October 2026, 02:45 (summer time) comes before 02:15 (winter time)."""
        utc = pendulum.timezone("UTC")
        later = Slot(
            dt.datetime(2026, 10, 25, 1, 15, tzinfo=utc), dt.datetime(2026, 10, 25, 2, tzinfo=utc)
        )
        first = Slot(
            dt.datetime(2026, 10, 25, 0, 45, tzinfo=utc), dt.datetime(2026, 10, 25, 2, tzinfo=utc)
        )
        session = self.REQUESTED.evolve(proposed_slots=(later, first))
        confirm = one(session, brussels(2026, 10, 1), K.CONFIRM_SLOT)
        assert "02:45 +0200" == f"{confirm.about:%H:%M %z}"
        propose = one(session, brussels(2026, 10, 24), K.PROPOSE_SLOTS)
        assert "02:15 +0100" == f"{propose.about:%H:%M %z}"

    def test_new_dates_are_asked_for_in_the_title(self) -> None:
        action = one(self.REQUESTED, brussels(2026, 3, 30), K.PROPOSE_SLOTS)
        assert "Proposer de nouvelles dates pour la classe en ligne" == action.title()

    def test_new_proposals_are_forwarded_again(self) -> None:
        second = Slot(brussels(2026, 4, 15, 9), brussels(2026, 4, 15, 12))
        again = propose_slots(self.REQUESTED, [second], brussels(2026, 3, 30, 9))
        assert [
            (K.FORWARD_DATES, A.CEFORA, "13/04 00:00", False),
            (K.CONFIRM_SLOT, A.CLIENT_HR, "13/04 00:00", False),
        ] == view(again, brussels(2026, 3, 30, 10))


class TestDaySteps:
    """Behaviour 4 (T4): a step of a day is due by the end of that day, overdue after it."""

    @pytest.mark.parametrize(
        ("kind", "last_minute", "late"),
        [
            (K.SEND_REMINDER, brussels(2026, 3, 11, 23, 59), brussels(2026, 3, 12)),
            (K.DEFINITIVE_CONFIRMATION, brussels(2026, 3, 17, 23, 59), brussels(2026, 3, 18)),
            # D-1, the day before the class (R13)
            (K.CHECK_ZOOM, brussels(2026, 3, 31, 23, 59), brussels(2026, 4, 1)),
        ],
    )
    def test_a_day_step_is_on_time_all_day_and_late_from_midnight(
        self, kind: ActionKind, last_minute: pendulum.DateTime, late: pendulum.DateTime
    ) -> None:
        assert (False, True) == (
            one(FULL, last_minute, kind).overdue,
            one(FULL, late, kind).overdue,
        )
        assert late == one(FULL, last_minute, kind).due

    def test_the_evaluation_is_due_by_the_end_of_the_day_after_the_class(self) -> None:
        held = FULL.evolve(attendance=PEOPLE[:6])
        assert (False, True) == (
            one(held, brussels(2026, 4, 2, 23, 59), K.SEND_EVALUATION).overdue,
            one(held, brussels(2026, 4, 3), K.SEND_EVALUATION).overdue,
        )

    @pytest.mark.parametrize(
        ("kind", "last_minute", "late"),
        [
            # a class on Wednesday 28 October 2026: D-3 is Sunday 25 October, clocks go back
            (K.REGISTER_PARTICIPANTS, brussels(2026, 10, 25, 23, 59), brussels(2026, 10, 26)),
            (K.CHECK_ZOOM, brussels(2026, 10, 27, 23, 59), brussels(2026, 10, 28)),
            (K.DEFINITIVE_CONFIRMATION, brussels(2026, 10, 13, 23, 59), brussels(2026, 10, 14)),
        ],
    )
    def test_across_the_october_change_the_days_stay_local(
        self, kind: ActionKind, last_minute: pendulum.DateTime, late: pendulum.DateTime
    ) -> None:
        session = confirmed_session(brussels(2026, 10, 28, 9)).evolve(participants=PEOPLE[:2])
        action = one(session, last_minute, kind)
        assert (late, False) == (action.due, action.overdue)
        after = [a for a in next_actions(session, late) if a.kind is kind]
        assert all(a.overdue for a in after)  # late, or its window closed


class TestWindowsClose:
    """Behaviour 5: the reminder closes with registration; invoicing has no deadline."""

    def test_the_reminder_closes_when_registration_closes(self) -> None:
        assert K.SEND_REMINDER in kinds(FULL, brussels(2026, 3, 29, 23, 59))
        assert K.SEND_REMINDER not in kinds(FULL, brussels(2026, 3, 30))

    def test_invoicing_is_never_overdue_without_a_policy_delay(self) -> None:
        cancelled = FULL.evolve(cancelled_at=brussels(2026, 3, 20, 9))
        action = one(cancelled, brussels(2026, 6, 1), K.INVOICE_FEES)
        assert ("20/03 09:00", False, Rule.R15) == (
            f"{action.due:%d/%m %H:%M}",
            action.overdue,
            action.rule,
        )

    def test_a_policy_delay_makes_invoicing_due_by_the_end_of_its_last_day(self) -> None:
        policy = DEFAULT_POLICY.evolve(invoicing_days_after=30)
        cancelled = confirmed_session(START, policy=policy).evolve(
            participants=PEOPLE[:6], cancelled_at=brussels(2026, 3, 20, 9)
        )
        last_minute = one(cancelled, brussels(2026, 4, 19, 23, 59), K.INVOICE_FEES)
        assert (False, "20/04 00:00", Decimal(375), Rule.R15) == (
            last_minute.overdue,
            f"{last_minute.due:%d/%m %H:%M}",
            last_minute.fee,
            last_minute.rule,
        )
        assert True is one(cancelled, brussels(2026, 4, 20), K.INVOICE_FEES).overdue


class TestStepsNobodyWasToldAbout:
    """Behaviour 7: steps 2, 3, 4, 6 and the class that will not take place."""

    def test_the_fund_asks_the_trainer_for_availability_at_the_request(self) -> None:
        session = requested_session(START).evolve(proposed_slots=())
        now = brussels(2026, 2, 5)
        assert [
            (K.ASK_AVAILABILITY, A.CEFORA, "04/02 10:00", False),
            (K.PROPOSE_SLOTS, A.TRAINER, "04/02 10:00", False),
        ] == view(session, now)
        asked = record_availability_asked(session, now)
        assert [(K.PROPOSE_SLOTS, A.TRAINER, "04/02 10:00", False)] == view(asked, now)

    def test_the_fund_forwards_the_proposed_dates(self) -> None:
        session = requested_session(START).evolve(availability_asked_at=brussels(2026, 2, 5))
        assert K.FORWARD_DATES in kinds(session, brussels(2026, 2, 6))
        forwarded = record_dates_forwarded(session, brussels(2026, 2, 6))
        assert K.FORWARD_DATES not in kinds(forwarded, brussels(2026, 2, 7))

    def test_the_fund_sends_the_recap_once_the_dates_are_confirmed(self) -> None:
        action = one(CONFIRMED, brussels(2026, 2, 19), K.SEND_RECAP)
        assert (A.CEFORA, Rule.R4, False) == (action.actor, action.rule, action.overdue)
        sent = record_recap_sent(CONFIRMED, brussels(2026, 2, 19))
        assert K.SEND_RECAP not in kinds(sent, brussels(2026, 2, 20))

    def test_where_registration_is_asked_hr_is_told_the_account_it_needs(self) -> None:
        text = one(PLANNED, brussels(2026, 3, 1), K.REGISTER_PARTICIPANTS).consequence("en")
        assert "myCefora account with the HR function and a completed TOS document" in text

    @pytest.mark.parametrize(
        ("registered", "consequence"),
        [
            (5, "1 participant short of the minimum: €150.00 after the class (R17)."),
            (4, "2 participants short of the minimum: €300.00 after the class (R17)."),
        ],
    )
    def test_the_participants_short_are_counted_in_the_singular_or_plural(
        self, registered: int, consequence: str
    ) -> None:
        session = CONFIRMED.evolve(participants=PEOPLE[:registered])
        action = one(session, brussels(2026, 3, 20), K.REGISTER_PARTICIPANTS)
        assert consequence == action.consequence("en")

    def test_a_consequence_writes_its_instants_and_amounts_in_the_language_asked(self) -> None:
        """The class start, the registration deadline and the fee, in English throughout."""
        said = {
            action.kind: action.consequence("en")
            for action in next_actions(CONFIRMED, brussels(2026, 3, 25))
        }
        assert (
            "The class on Wednesday 1 April 2026 at 09:00 does not take place.",
            (
                "No participant list when registration closes on Sunday 29 March 2026 at 23:59: "
                "€375.00 (R16). Registering requires a myCefora account with the HR function and "
                "a completed TOS document."
            ),
        ) == (said[K.HOLD_CLASS], said[K.REGISTER_PARTICIPANTS])

    def test_participants_fill_in_the_evaluation_once_it_is_sent(self) -> None:
        held = record_attendance(FULL, PEOPLE[:6], brussels(2026, 4, 1, 13))
        sent = record_evaluation_sent(held, brussels(2026, 4, 2, 9))
        action = one(sent, brussels(2026, 4, 2, 10), K.FILL_IN_EVALUATION)
        assert (A.PARTICIPANTS, "02/04 09:00", False, brussels(2026, 4, 16)) == (
            action.actor,
            f"{action.due:%d/%m %H:%M}",
            action.overdue,
            action.closes,
        )
        assert K.FILL_IN_EVALUATION not in kinds(sent, brussels(2026, 4, 16))

    def test_without_a_list_every_party_is_told_the_class_will_not_take_place(self) -> None:
        now = brussels(2026, 3, 30, 8)
        assert [
            (K.INVOICE_FEES, A.CEFORA, "30/03 00:00", False),
            (K.ANNOUNCE_NOT_HELD, A.CEFORA, "31/03 00:00", False),
        ] == view(PLANNED, now)
        action = one(PLANNED, now, K.ANNOUNCE_NOT_HELD)
        assert (Decimal(375), START, Rule.R16) == (action.fee, action.about, action.rule)
        told = record_not_held_announced(PLANNED, now)
        assert [K.INVOICE_FEES] == [a.kind for a in next_actions(told, now)]

    def test_the_announcement_is_refused_while_the_list_may_still_come(self) -> None:
        with pytest.raises(Exception, match="list_not_missing"):
            record_not_held_announced(PLANNED, brussels(2026, 3, 29, 23))


# --------------------------------------------------------------------------
# Walks through the seven steps, every actor's whole actions at fixed instants.


def walk(session: Session, stops: list[tuple[pendulum.DateTime, list[Row]]]) -> None:
    for now, expected in stops:
        assert (now, expected) == (now, view(session, now))


class TestWalks:
    def test_a_session_confirmed_on_time(self) -> None:
        """Confirmed on 18 February; reminder, confirmation, link and e-mails on their days."""
        session = record_reminder_sent(FULL, brussels(2026, 3, 11, 8))
        session = record_definitive_confirmation(session, brussels(2026, 3, 17, 9))
        walk(
            session,
            [
                (
                    brussels(2026, 3, 18, 8),
                    [
                        (K.GENERATE_LINK, A.PLATFORM, "18/03 09:00", False),
                        (K.CHECK_ZOOM, A.CLIENT_HR, "01/04 00:00", False),
                        (K.HOLD_CLASS, A.TRAINER, "01/04 09:00", False),
                    ],
                ),
            ],
        )
        session = record_link_generated(session, brussels(2026, 3, 18, 9))
        session = record_access_emails_sent(session, brussels(2026, 3, 18, 9, 30))
        session = record_zoom_checked(session, brussels(2026, 3, 31, 10))
        walk(
            session,
            [
                (
                    brussels(2026, 3, 31, 12),
                    [
                        (K.PREPARE, A.PARTICIPANTS, "01/04 09:00", False),
                        (K.HOLD_CLASS, A.TRAINER, "01/04 09:00", False),
                    ],
                ),
                (brussels(2026, 4, 1, 10), []),  # the class is under way
                (
                    brussels(2026, 4, 1, 12, 30),
                    [
                        (K.RECORD_ATTENDANCE, A.TRAINER, "02/04 00:00", False),
                        (K.SEND_EVALUATION, A.CEFORA, "03/04 00:00", False),
                    ],
                ),
            ],
        )
        session = record_attendance(session, PEOPLE[:6], brussels(2026, 4, 1, 13))
        walk(
            session,
            [(brussels(2026, 4, 2, 9), [(K.SEND_EVALUATION, A.CEFORA, "03/04 00:00", False)])],
        )

    def test_a_session_confirmed_at_d_minus_10(self) -> None:
        """Confirmed Sunday 22 March: reminder and definitive confirmation due at once."""
        session = requested_session(START).evolve(
            availability_asked_at=brussels(2026, 2, 4, 11), dates_forwarded_at=brussels(2026, 2, 5)
        )
        session = confirm_slot(session, session.proposed_slots[0], brussels(2026, 3, 22, 10))
        session = record_recap_sent(session, brussels(2026, 3, 22, 11))
        walk(
            session,
            [
                (
                    brussels(2026, 3, 22, 12),
                    [
                        (K.SEND_REMINDER, A.CEFORA, "22/03 10:00", True),
                        (K.DEFINITIVE_CONFIRMATION, A.CEFORA, "22/03 10:00", True),
                        (K.REGISTER_PARTICIPANTS, A.CLIENT_HR, "30/03 00:00", False),
                        (K.CHECK_ZOOM, A.CLIENT_HR, "01/04 00:00", False),
                        (K.HOLD_CLASS, A.TRAINER, "01/04 09:00", False),
                    ],
                ),
            ],
        )
        session = record_definitive_confirmation(session, brussels(2026, 3, 22, 13))
        link = one(session, brussels(2026, 3, 22, 14), K.GENERATE_LINK)
        assert (brussels(2026, 3, 23, 13), False) == (link.due, link.overdue)

    def test_a_session_confirmed_two_days_before_its_class(self) -> None:
        """A class on Friday 3 April confirmed Wednesday 1 April: registration closed on
        Tuesday 31 March (end of D-3), so confirming is refused, and the trainer proposes."""
        start = brussels(2026, 4, 3, 9)
        session = requested_session(start).evolve(
            availability_asked_at=brussels(2026, 2, 6, 11), dates_forwarded_at=brussels(2026, 2, 7)
        )
        slot = session.proposed_slots[0]
        assert (ReasonCode.REGISTRATION_CLOSED,) == can_confirm_slot(
            session, slot, brussels(2026, 4, 1, 10)
        ).codes
        walk(
            session,
            [(brussels(2026, 4, 1, 10), [(K.PROPOSE_SLOTS, A.TRAINER, "01/04 00:00", False)])],
        )

    def test_a_session_whose_list_is_missing_at_d_minus_3(self) -> None:
        session = record_reminder_sent(PLANNED, brussels(2026, 3, 11, 8))
        session = record_definitive_confirmation(session, brussels(2026, 3, 17, 9))
        walk(
            session,
            [
                (
                    brussels(2026, 3, 29, 23, 59),
                    [
                        (K.GENERATE_LINK, A.PLATFORM, "18/03 09:00", True),
                        (K.REGISTER_PARTICIPANTS, A.CLIENT_HR, "30/03 00:00", False),
                        (K.CHECK_ZOOM, A.CLIENT_HR, "01/04 00:00", False),
                        (K.HOLD_CLASS, A.TRAINER, "01/04 09:00", False),
                    ],
                ),
                (
                    brussels(2026, 3, 30),
                    [
                        (K.INVOICE_FEES, A.CEFORA, "30/03 00:00", False),
                        (K.ANNOUNCE_NOT_HELD, A.CEFORA, "31/03 00:00", False),
                    ],
                ),
                (
                    brussels(2026, 3, 31),
                    [
                        (K.ANNOUNCE_NOT_HELD, A.CEFORA, "31/03 00:00", True),
                        (K.INVOICE_FEES, A.CEFORA, "30/03 00:00", False),
                    ],
                ),
            ],
        )
        invoiced = record_fees_invoiced(session, brussels(2026, 3, 31))
        told = record_not_held_announced(invoiced, brussels(2026, 3, 31, 9))
        assert [] == view(told, brussels(2026, 3, 31, 10))

    def test_a_person_added_after_the_access_e_mails(self) -> None:
        session = FULL.evolve(participants=PEOPLE[:5], reminder_sent_at=brussels(2026, 3, 11, 8))
        session = record_definitive_confirmation(session, brussels(2026, 3, 17, 9))
        session = record_link_generated(session, brussels(2026, 3, 18, 9))
        session = record_access_emails_sent(session, brussels(2026, 3, 18, 9, 30))
        session = register(session, PEOPLE[5], brussels(2026, 3, 25, 9), by=ACME_HR)
        walk(
            session,
            [
                (
                    brussels(2026, 3, 25, 10),
                    [
                        (K.SEND_ACCESS_EMAILS, A.PLATFORM, "18/03 09:30", True),
                        (K.CHECK_ZOOM, A.CLIENT_HR, "01/04 00:00", False),
                        (K.PREPARE, A.PARTICIPANTS, "01/04 09:00", False),
                        (K.HOLD_CLASS, A.TRAINER, "01/04 09:00", False),
                    ],
                ),
            ],
        )
        assert 1 == one(session, brussels(2026, 3, 25, 10), K.SEND_ACCESS_EMAILS).count


class TestActionValues:
    @pytest.mark.parametrize("step", PROCESS, ids=lambda s: s.kind.value)
    def test_every_step_has_a_title_and_a_consequence_in_the_three_languages(
        self, step: Step
    ) -> None:
        action = Action(
            step.kind,
            A.CEFORA,
            START,
            Rule.R3,
            overdue=False,
            fee=Decimal(375),
            count=2,
            closes=START,
            about=START,
        )
        for lang in ("fr", "nl", "en"):
            assert action.title(lang)
            text = action.consequence(lang)
            assert "{" not in text
            assert "None" not in text
        assert step.title in TEXTS
        assert step.consequence in TEXTS

    def test_texts_speak_french_by_default(self) -> None:
        action = one(FULL, brussels(2026, 3, 1), K.CHECK_ZOOM)
        assert "Vérifier avec le service IT que Zoom est autorisé" == action.title()

    def test_an_unknown_language_is_refused(self) -> None:
        action = one(FULL, brussels(2026, 3, 1), K.CHECK_ZOOM)
        with pytest.raises(InvalidValueError, match="lang"):
            action.title("de")  # type: ignore[arg-type]

    def test_nothing_is_open_before_the_request(self) -> None:
        assert () == next_actions(CONFIRMED, brussels(2026, 2, 4, 9, 59))

    def test_the_same_instant_in_another_timezone_gives_the_same_actions(self) -> None:
        now = brussels(2026, 3, 12, 9)
        assert next_actions(FULL, now) == next_actions(FULL, now.in_tz("Asia/Kolkata"))

    def test_wrong_arguments_are_refused(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"^Invalid session"):
            next_actions("IC-2026-0042/G1", brussels(2026, 3, 1))  # type: ignore[arg-type]
        with pytest.raises(NaiveDatetimeError):
            next_actions(FULL, dt.datetime(2026, 3, 1))


class TestAnnouncementWhenRegistrationClosesOnTheClassDay:
    def test_the_announcement_is_due_at_the_class_start_when_that_comes_first(self) -> None:
        """R16: registration closing at the end of D-1 leaves the class day itself."""
        policy = DEFAULT_POLICY.evolve(registration_days_before=1)
        start = brussels(2026, 4, 1, 9)
        session = confirmed_session(start, policy=policy)
        action = one(session, brussels(2026, 4, 1, 8), K.ANNOUNCE_NOT_HELD)
        assert (start, start) == (action.due, action.about)


class TestEachStepSaysWhenItCloses:
    """A step is listed until its window closes, and says when that is."""

    SESSION = CONFIRMED.evolve(participants=PEOPLE[:2])

    def test_the_confirmation_and_the_recap_close_when_the_class_starts(self) -> None:
        before = next_actions(self.SESSION, START.subtract(microseconds=1))
        last = {action.kind: action.closes for action in before}
        assert (START, START) == (
            last[ActionKind.DEFINITIVE_CONFIRMATION],
            last[ActionKind.SEND_RECAP],
        )
        at_start = {action.kind for action in next_actions(self.SESSION, START)}
        assert set() == at_start & {ActionKind.DEFINITIVE_CONFIRMATION, ActionKind.SEND_RECAP}

    def test_the_list_of_participants_closes_with_registration(self) -> None:
        closes = brussels(2026, 3, 30)  # D-3 at 00:00
        before = next_actions(self.SESSION, closes.subtract(microseconds=1))
        (register,) = [a for a in before if a.kind is ActionKind.REGISTER_PARTICIPANTS]
        assert closes == register.closes
        kinds = {action.kind for action in next_actions(self.SESSION, closes)}
        assert ActionKind.REGISTER_PARTICIPANTS not in kinds

    def test_the_link_may_be_generated_until_the_class_ends(self) -> None:
        session = FULL.evolve(definitive_confirmation_at=brussels(2026, 3, 17))
        open_steps = next_actions(session, brussels(2026, 3, 17, 12))
        (link,) = [a for a in open_steps if a.kind is ActionKind.GENERATE_LINK]
        assert brussels(2026, 4, 1, 12, 30) == link.closes

    def test_the_steps_of_the_class_day_close_at_its_start_and_speak_of_it(self) -> None:
        ready = FULL.evolve(
            definitive_confirmation_at=brussels(2026, 3, 17),
            link_generated_at=brussels(2026, 3, 18),
        )
        before = next_actions(ready, START.subtract(microseconds=1))
        last = {action.kind: (action.closes, action.about) for action in before}
        day_steps = (K.CHECK_ZOOM, K.PREPARE, K.HOLD_CLASS)
        assert [(START, START)] * 3 == [last[kind] for kind in day_steps]
        at_start = {action.kind for action in next_actions(ready, START)}
        assert set() == at_start & set(day_steps)

    def test_a_class_without_a_list_is_announced_until_its_end(self) -> None:
        (announce,) = [a for a in next_actions(CONFIRMED, START) if a.kind is K.ANNOUNCE_NOT_HELD]
        assert (brussels(2026, 4, 1, 12, 30), START) == (announce.closes, announce.about)

    @pytest.mark.parametrize("invoicing_days_after", [None, 30])
    def test_a_fee_to_invoice_carries_its_amount_and_rule_and_never_closes(
        self, invoicing_days_after: int | None
    ) -> None:
        policy = DEFAULT_POLICY.evolve(invoicing_days_after=invoicing_days_after)
        session = confirmed_session(START, policy=policy)
        (invoice,) = [a for a in next_actions(session, START) if a.kind is K.INVOICE_FEES]
        assert (Decimal(375), Rule.R16, None) == (invoice.fee, invoice.rule, invoice.closes)

    def test_nothing_is_invoiced_when_no_fee_is_owed(self) -> None:
        held = FULL.evolve(attendance=PEOPLE[:6])
        assert K.INVOICE_FEES not in kinds(held, brussels(2026, 4, 2, 9))

    @pytest.mark.parametrize(
        ("missing_list_fee", "invoiced"),
        [
            ("0", []),  # a policy that charges nothing: nothing to invoice
            ("0.50", [Decimal("0.50")]),
            ("1", [Decimal(1)]),
        ],
    )
    def test_a_missing_list_is_invoiced_at_whatever_the_policy_charges(
        self, missing_list_fee: str, invoiced: list[Decimal]
    ) -> None:
        policy = DEFAULT_POLICY.evolve(missing_list_fee=missing_list_fee)
        session = confirmed_session(START, policy=policy)
        assert invoiced == [a.fee for a in next_actions(session, START) if a.kind is K.INVOICE_FEES]

    def test_the_first_steps_open_at_the_very_instant_of_the_request(self) -> None:
        session = requested_session(START)
        requested = session.requested_at
        assert () == next_actions(session, requested.subtract(microseconds=1))
        assert {K.FORWARD_DATES, K.CONFIRM_SLOT} == kinds(session, requested)
