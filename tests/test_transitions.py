"""The steps of the process: new sessions, or refusals that leave nothing half-done."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import pendulum
import pytest

from helpers import brussels, refused_as
from incompany_rules import (
    Company,
    HrAccount,
    InvalidSlotError,
    InvalidTypeError,
    InvalidValueError,
    NaiveDatetimeError,
    Policy,
    Reason,
    ReasonCode,
    Rule,
    Session,
    Slot,
    TransitionRefusedError,
    can_cancel,
    can_confirm_slot,
    can_register,
    cancel,
    cancel_with_fee,
    confirm_slot,
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
    request_session,
    unregister,
)
from incompany_rules.examples import (
    ACME,
    ACME_HR,
    EXCEL,
    confirmed_session,
    requested_session,
    sample_participants,
)

if TYPE_CHECKING:
    from collections.abc import Callable

ANN, BRAM, CHLOE = sample_participants(3)


START = brussels(2026, 4, 1, 9)
CONFIRMED = confirmed_session(START)  # confirmed on 18 February 2026 at 10:00
PLANNED = Company(ACME.number, ACME.name, training_plan_submitted_at=brussels(2026, 1, 5))


def refused(call: Callable[[], object]) -> TransitionRefusedError:
    with pytest.raises(TransitionRefusedError) as caught:
        call()
    return caught.value


class TestRequestSession:
    def test_an_allowed_request_becomes_a_session_with_its_policy(self) -> None:
        """R1 under a fund policy of four participants: five planned are enough."""
        now, four = brussels(2026, 2, 2, 10), Policy(min_participants=4)
        session = request_session(
            project="IC-2026-0042",
            group="G1",
            company=PLANNED,
            training=EXCEL,
            planned_participants=5,
            now=now,
            policy=four,
        )
        assert (now, 5, (), None, four) == (
            session.requested_at,
            session.planned_participants,
            session.proposed_slots,
            session.confirmed_slot,
            session.policy,
        )

    def test_a_refused_request_raises_with_every_reason(self) -> None:
        error = refused(
            lambda: request_session(
                project="IC-2026-0042",
                group="G1",
                company=ACME,
                training=EXCEL,
                planned_participants=5,
                now=brussels(2026, 2, 2, 10),
            )
        )
        assert (ReasonCode.NO_TRAINING_PLAN, ReasonCode.TOO_FEW_PARTICIPANTS) == (
            error.decision.codes
        )
        assert "request_session" == error.field


class TestProposeAndConfirmSlots:
    REQUESTED = requested_session(START).evolve(proposed_slots=())
    FIRST = Slot(START, START.add(hours=3, minutes=30))
    SECOND = Slot(brussels(2026, 4, 8, 13), brussels(2026, 4, 8, 16))

    def test_the_trainer_proposes_slots_that_are_added_once(self) -> None:
        session = propose_slots(self.REQUESTED, [self.FIRST], brussels(2026, 2, 5))
        session = propose_slots(session, [self.FIRST, self.SECOND], brussels(2026, 2, 6))
        assert (self.FIRST, self.SECOND) == session.proposed_slots
        assert () == self.REQUESTED.proposed_slots

    def test_proposing_nothing_or_not_a_slot_breaks_the_contract(self) -> None:
        with refused_as(InvalidValueError, "slots"):
            propose_slots(self.REQUESTED, [], brussels(2026, 2, 5))
        with refused_as(InvalidTypeError, "slots"):
            propose_slots(self.REQUESTED, [START], brussels(2026, 2, 5))  # type: ignore[list-item]
        with refused_as(InvalidTypeError, "slots"):
            propose_slots(self.REQUESTED, self.FIRST, brussels(2026, 2, 5))  # type: ignore[arg-type]

    def test_asking_to_confirm_something_other_than_a_slot_breaks_the_contract(self) -> None:
        session = propose_slots(self.REQUESTED, [self.FIRST], brussels(2026, 2, 5))
        with refused_as(InvalidTypeError, "slot"):
            can_confirm_slot(session, START, brussels(2026, 2, 6))  # type: ignore[arg-type]

    def test_a_slot_over_two_local_days_is_refused_by_the_session(self) -> None:
        night = Slot(brussels(2026, 4, 1, 22), brussels(2026, 4, 2, 1))
        with pytest.raises(InvalidSlotError):
            propose_slots(self.REQUESTED, [night], brussels(2026, 2, 5))

    def test_no_slot_is_proposed_once_one_is_confirmed(self) -> None:
        error = refused(lambda: propose_slots(CONFIRMED, [self.SECOND], brussels(2026, 2, 20)))
        assert (ReasonCode.DATES_ALREADY_CONFIRMED,) == error.decision.codes

    # Each row: the slot, the instant of confirmation, the expected reasons (R3).
    @pytest.mark.parametrize(
        ("slot", "when", "codes"),
        [
            # a proposed slot, well before its class
            (FIRST, brussels(2026, 2, 18, 10), ()),
            # up to the end of D-3 (Sunday 29 March, the clocks go forward)
            (FIRST, brussels(2026, 3, 29, 23, 59, 59), ()),
            (FIRST, pendulum.datetime(2026, 3, 29, 21, 59, 59, tz="UTC"), ()),
            # from 00:00 on D-2 registration would close before it opened (R8)
            (FIRST, brussels(2026, 3, 30), (ReasonCode.REGISTRATION_CLOSED,)),
            (
                FIRST,
                pendulum.datetime(2026, 3, 29, 22, tz="UTC"),
                (ReasonCode.REGISTRATION_CLOSED,),
            ),
            (FIRST, brussels(2026, 4, 1, 8, 59, 59), (ReasonCode.REGISTRATION_CLOSED,)),
            # once the class started, that is the reason
            (FIRST, START, (ReasonCode.SLOT_STARTED,)),
            # a slot the trainer did not propose
            (SECOND, brussels(2026, 2, 18, 10), (ReasonCode.SLOT_NOT_PROPOSED,)),
            # before the request
            (FIRST, brussels(2026, 2, 1), (ReasonCode.BEFORE_REQUEST,)),
        ],
    )
    def test_only_a_proposed_slot_can_be_confirmed_before_its_class(
        self, slot: Slot, when: pendulum.DateTime, codes: tuple[ReasonCode, ...]
    ) -> None:
        session = requested_session(START)
        assert codes == can_confirm_slot(session, slot, when).codes
        if codes:
            assert codes == refused(lambda: confirm_slot(session, slot, when)).decision.codes
        else:
            confirmed = confirm_slot(session, slot, when)
            assert (slot, when) == (confirmed.confirmed_slot, confirmed.dates_confirmed_at)

    # A class on Wednesday 28 October 2026: D-3 is Sunday 25 October, the
    # day the clocks go back, a day of 25 hours.
    @pytest.mark.parametrize(
        ("when", "codes"),
        [
            (brussels(2026, 10, 25, 23, 59, 59), ()),
            (pendulum.datetime(2026, 10, 25, 22, 59, 59, tz="UTC"), ()),
            (brussels(2026, 10, 26), (ReasonCode.REGISTRATION_CLOSED,)),
            (pendulum.datetime(2026, 10, 25, 23, tz="UTC"), (ReasonCode.REGISTRATION_CLOSED,)),
        ],
    )
    def test_confirming_closes_with_d_minus_3_across_the_october_change(
        self, when: pendulum.DateTime, codes: tuple[ReasonCode, ...]
    ) -> None:
        session = requested_session(brussels(2026, 10, 28, 9))
        decision = can_confirm_slot(session, session.proposed_slots[0], when)
        assert codes == decision.codes
        if codes:
            assert "2026-10-26T00:00:00+01:00" == decision.reasons[0].at.isoformat()  # type: ignore[union-attr]

    def test_a_second_confirmation_is_refused(self) -> None:
        error = refused(lambda: confirm_slot(CONFIRMED, self.FIRST, brussels(2026, 2, 20)))
        assert (ReasonCode.DATES_ALREADY_CONFIRMED,) == error.decision.codes

    def test_a_cancelled_request_takes_no_slot(self) -> None:
        session = requested_session(START).evolve(cancelled_at=brussels(2026, 2, 10))
        error = refused(lambda: confirm_slot(session, self.FIRST, brussels(2026, 2, 18)))
        assert (ReasonCode.SESSION_CANCELLED,) == error.decision.codes
        error = refused(lambda: propose_slots(session, [self.SECOND], brussels(2026, 2, 18)))
        assert (ReasonCode.SESSION_CANCELLED,) == error.decision.codes


class TestRegisterAndUnregister:
    def test_registering_adds_the_participant_at_the_end(self) -> None:
        session = register(CONFIRMED, ANN, brussels(2026, 3, 12), by=ACME_HR)
        session = register(session, BRAM, brussels(2026, 3, 29, 23, 59, 59), by=ACME_HR)
        assert (ANN, BRAM) == session.participants

    def test_a_refused_registration_leaves_the_session_as_it_was(self) -> None:
        session = register(CONFIRMED, ANN, brussels(2026, 3, 12), by=ACME_HR)
        before = session
        error = refused(lambda: register(session, BRAM, brussels(2026, 3, 30), by=ACME_HR))
        assert (ReasonCode.REGISTRATION_CLOSED,) == error.decision.codes
        assert before == session
        assert (ANN,) == session.participants

    def test_the_error_message_never_holds_a_full_national_number(self) -> None:
        session = register(CONFIRMED, ANN, brussels(2026, 3, 12), by=ACME_HR)
        error = refused(lambda: register(session, ANN, brussels(2026, 3, 13), by=ACME_HR))
        assert ANN.national_number.reveal() not in str(error)
        assert "*********28" in str(error)

    def test_unregistering_removes_by_national_number(self) -> None:
        session = CONFIRMED.evolve(participants=(ANN, BRAM, CHLOE))
        twin = type(BRAM)(BRAM.national_number, "other@acme.example")
        after = unregister(session, twin, brussels(2026, 3, 29, 23), by=ACME_HR)
        assert (ANN, CHLOE) == after.participants

    def test_unregistering_after_the_end_of_d_minus_3_is_refused(self) -> None:
        session = CONFIRMED.evolve(participants=(ANN,))
        error = refused(lambda: unregister(session, ANN, brussels(2026, 3, 30), by=ACME_HR))
        assert (ReasonCode.REGISTRATION_CLOSED,) == error.decision.codes
        assert "unregister" == error.field

    def test_an_account_without_rights_is_refused_with_every_reason(self) -> None:
        newcomer = HrAccount("new@acme.example", ACME, has_hr_function=False, tos_completed=False)
        error = refused(lambda: register(CONFIRMED, ANN, brussels(2026, 3, 12), by=newcomer))
        assert (ReasonCode.NO_HR_FUNCTION, ReasonCode.TOS_NOT_COMPLETED) == error.decision.codes


class TestCancelWithFee:
    # Each row: the instant of cancellation, the fee (R15, R18).
    @pytest.mark.parametrize(
        ("when", "owed", "amount"),
        [
            # the end of D-15 on the winter clock: free
            (brussels(2026, 3, 17, 23, 59, 59), False, Decimal(0)),
            # 00:00 on D-14: 375 EUR
            (brussels(2026, 3, 18), True, Decimal(375)),
            # the last second before the class
            (brussels(2026, 4, 1, 8, 59, 59), True, Decimal(375)),
        ],
    )
    def test_cancelling_reports_its_fee(
        self, when: pendulum.DateTime, owed: bool, amount: Decimal
    ) -> None:
        session = CONFIRMED.evolve(participants=(ANN,))
        cancelled, fee = cancel_with_fee(session, when)
        assert (when, owed, amount) == (cancelled.cancelled_at, fee.owed, fee.amount)
        assert session.cancelled_at is None

    def test_a_refused_cancellation_computes_no_fee(self) -> None:
        error = refused(lambda: cancel_with_fee(CONFIRMED, START))
        assert (ReasonCode.CLASS_STARTED,) == error.decision.codes


class TestCancel:
    # Each row: class start, the instant of cancellation, the expected reasons (R15).
    @pytest.mark.parametrize(
        ("start", "when", "codes"),
        [
            # long before, at the end of D-15, within D-14 to the class: allowed
            (START, brussels(2026, 3, 1), ()),
            (START, brussels(2026, 3, 17, 23, 59, 59), ()),
            (START, brussels(2026, 3, 18), ()),
            (START, brussels(2026, 4, 1, 8, 59, 59), ()),
            # at or after the start: refused, the session has started
            (START, START, (ReasonCode.CLASS_STARTED,)),
            (START, brussels(2026, 4, 1, 10), (ReasonCode.CLASS_STARTED,)),
            # a class at 02:30 summer time on the night clocks go back, cancelled at
            # 02:45 winter time: on the wall clock after the start, in time too
            (
                pendulum.datetime(2026, 10, 25, 0, 30, tz="UTC"),
                pendulum.datetime(2026, 10, 25, 1, 45, tz="UTC"),
                (ReasonCode.CLASS_STARTED,),
            ),
            # a class at 02:45 winter time, cancelled at 02:30 summer time: the
            # wall clock says after, the instant is 75 minutes before the start
            (
                pendulum.datetime(2026, 10, 25, 1, 45, tz="UTC"),
                pendulum.datetime(2026, 10, 25, 0, 30, tz="UTC"),
                (),
            ),
            # before the request
            (START, brussels(2026, 2, 1), (ReasonCode.BEFORE_REQUEST,)),
        ],
    )
    def test_a_session_can_be_cancelled_until_its_class_starts(
        self, start: pendulum.DateTime, when: pendulum.DateTime, codes: tuple[ReasonCode, ...]
    ) -> None:
        session = confirmed_session(start, hours=0.5)
        assert codes == can_cancel(session, when).codes
        if codes:
            assert codes == refused(lambda: cancel(session, when)).decision.codes
        else:
            assert when == cancel(session, when).cancelled_at

    def test_a_cancelled_session_cannot_be_cancelled_again(self) -> None:
        session = cancel(CONFIRMED, brussels(2026, 3, 1))
        error = refused(lambda: cancel(session, brussels(2026, 3, 2)))
        assert (ReasonCode.SESSION_CANCELLED,) == error.decision.codes
        assert "2026-03-01T00:00:00+01:00" == error.decision.reasons[0].at.isoformat()  # type: ignore[union-attr]

    def test_a_request_not_yet_confirmed_can_be_cancelled(self) -> None:
        session = requested_session(START)
        assert brussels(2026, 2, 10) == cancel(session, brussels(2026, 2, 10)).cancelled_at

    def test_a_naive_instant_is_refused(self) -> None:
        with refused_as(NaiveDatetimeError, "when"):
            cancel(CONFIRMED, dt.datetime(2026, 3, 1))
        with refused_as(InvalidTypeError, "session"):
            cancel("IC-2026-0042/G1", brussels(2026, 3, 1))  # type: ignore[arg-type]


RECORDERS: list[tuple[Callable[[Session, dt.datetime], Session], str, str]] = [
    (record_reminder_sent, "reminder_sent_at", "R6"),
    (record_definitive_confirmation, "definitive_confirmation_at", "R10"),
    (record_zoom_checked, "zoom_checked_at", "R13"),
]
LINKED = CONFIRMED.evolve(
    definitive_confirmation_at=brussels(2026, 3, 17), link_generated_at=brussels(2026, 3, 18)
)
AFTER_CLASS = brussels(2026, 4, 2, 8)


class TestRecordFacts:
    @pytest.mark.parametrize(("record", "fact", "rule"), RECORDERS)
    def test_a_fact_is_recorded_once_at_its_instant(
        self, record: Callable[[Session, dt.datetime], Session], fact: str, rule: str
    ) -> None:
        when = brussels(2026, 3, 11, 0, 5)
        after = record(CONFIRMED, when)
        assert when == getattr(after, fact)
        assert getattr(CONFIRMED, fact) is None
        error = refused(lambda: record(after, when.add(hours=1)))
        assert (ReasonCode.ALREADY_RECORDED,) == error.decision.codes
        assert (rule, Rule.R3) == (rule, error.decision.reasons[0].rule)

    @pytest.mark.parametrize(("record", "fact", "rule"), RECORDERS)
    def test_no_fact_is_recorded_for_a_cancelled_or_unconfirmed_session(
        self, record: Callable[[Session, dt.datetime], Session], fact: str, rule: str
    ) -> None:
        cancelled = CONFIRMED.evolve(cancelled_at=brussels(2026, 3, 1))
        error = refused(lambda: record(cancelled, brussels(2026, 3, 11)))
        assert (ReasonCode.SESSION_CANCELLED,) == error.decision.codes
        error = refused(lambda: record(requested_session(START), brussels(2026, 3, 11)))
        assert (ReasonCode.DATES_NOT_CONFIRMED,) == error.decision.codes
        assert (fact, rule, Rule.R3) == (fact, rule, error.decision.reasons[0].rule)

    def test_the_link_waits_for_the_definitive_confirmation(self) -> None:
        error = refused(lambda: record_link_generated(CONFIRMED, brussels(2026, 3, 18)))
        assert (ReasonCode.NO_DEFINITIVE_CONFIRMATION,) == error.decision.codes
        confirmed = record_definitive_confirmation(CONFIRMED, brussels(2026, 3, 17))
        linked = record_link_generated(confirmed, brussels(2026, 3, 18))
        assert brussels(2026, 3, 18) == linked.link_generated_at

    def test_access_emails_wait_for_the_link(self) -> None:
        error = refused(lambda: record_access_emails_sent(CONFIRMED, brussels(2026, 3, 18)))
        assert (ReasonCode.NO_LINK,) == error.decision.codes
        sent = record_access_emails_sent(LINKED, brussels(2026, 3, 18, 0, 10))
        assert brussels(2026, 3, 18, 0, 10) == sent.access_emails_sent_at

    def test_links_before_1_march_2021_send_no_access_email(self) -> None:
        """R12: the e-mails start with links generated from 1 March 2021."""
        old = confirmed_session(brussels(2021, 3, 14, 9)).evolve(
            definitive_confirmation_at=brussels(2021, 2, 27),
            link_generated_at=brussels(2021, 2, 28),
        )
        error = refused(lambda: record_access_emails_sent(old, brussels(2021, 2, 28, 1)))
        assert (ReasonCode.NO_ACCESS_EMAILS,) == error.decision.codes
        assert "No access e-mail for a link generated before Monday 1 March 2021." == (
            error.decision.text("en")
        )

    # Each row: the instant of the evaluation; whether the class is over (R14).
    @pytest.mark.parametrize(
        ("when", "codes"),
        [
            (brussels(2026, 4, 1, 12, 29, 59), (ReasonCode.CLASS_NOT_OVER,)),
            (brussels(2026, 4, 1, 12, 30), ()),
            (brussels(2026, 4, 2), ()),
        ],
    )
    def test_the_evaluation_goes_out_once_the_class_is_over(
        self, when: pendulum.DateTime, codes: tuple[ReasonCode, ...]
    ) -> None:
        held = CONFIRMED.evolve(participants=(ANN,))
        if codes:
            assert codes == refused(lambda: record_evaluation_sent(held, when)).decision.codes
        else:
            assert when == record_evaluation_sent(held, when).evaluation_sent_at

    def test_attendance_is_recorded_after_the_class_from_the_registered(self) -> None:
        held = CONFIRMED.evolve(participants=(ANN, BRAM))
        after = record_attendance(held, [ANN, BRAM.national_number], AFTER_CLASS)
        assert frozenset({ANN.national_number, BRAM.national_number}) == after.attendance
        nobody = record_attendance(held, [], AFTER_CLASS)
        assert frozenset() == nobody.attendance

    def test_attendance_refuses_strangers_early_records_and_a_second_record(self) -> None:
        held = CONFIRMED.evolve(participants=(ANN,))
        error = refused(lambda: record_attendance(held, [CHLOE], brussels(2026, 4, 1, 10)))
        assert (ReasonCode.CLASS_NOT_OVER, ReasonCode.NOT_REGISTERED) == error.decision.codes
        assert CHLOE.national_number.reveal() not in str(error)
        done = record_attendance(held, [ANN], AFTER_CLASS)
        error = refused(lambda: record_attendance(done, [ANN], AFTER_CLASS))
        assert (ReasonCode.ALREADY_RECORDED,) == error.decision.codes

    def test_attendance_takes_participants_or_national_numbers_only(self) -> None:
        held = CONFIRMED.evolve(participants=(ANN,))
        with refused_as(InvalidTypeError, "attended"):
            record_attendance(held, ["85073003328"], AFTER_CLASS)  # type: ignore[list-item]
        with refused_as(InvalidTypeError, "attended"):
            record_attendance(held, "85073003328", AFTER_CLASS)  # type: ignore[arg-type]

    def test_fees_are_invoiced_once_even_for_a_cancelled_session(self) -> None:
        cancelled = CONFIRMED.evolve(cancelled_at=brussels(2026, 3, 20))
        invoiced = record_fees_invoiced(cancelled, brussels(2026, 3, 25))
        assert brussels(2026, 3, 25) == invoiced.fees_invoiced_at
        error = refused(lambda: record_fees_invoiced(invoiced, brussels(2026, 3, 26)))
        assert (ReasonCode.ALREADY_RECORDED,) == error.decision.codes

    def test_no_invoice_is_recorded_when_nothing_is_owed(self) -> None:
        error = refused(lambda: record_fees_invoiced(CONFIRMED, brussels(2026, 3, 12)))
        assert (ReasonCode.NO_FEES_OWED,) == error.decision.codes
        free = CONFIRMED.evolve(cancelled_at=brussels(2026, 3, 17, 23, 59, 59))
        error = refused(lambda: record_fees_invoiced(free, brussels(2026, 3, 20)))
        assert (ReasonCode.NO_FEES_OWED,) == error.decision.codes

    def test_a_session_never_held_takes_no_attendance_nor_evaluation(self) -> None:
        """R18: without a list when registration closed, the class is not held."""
        error = refused(lambda: record_evaluation_sent(CONFIRMED, AFTER_CLASS))
        assert (ReasonCode.NOT_HELD,) == error.decision.codes
        error = refused(lambda: record_attendance(CONFIRMED, [], AFTER_CLASS))
        assert (ReasonCode.NOT_HELD,) == error.decision.codes

    def test_a_session_without_dates_takes_no_evaluation_nor_attendance(self) -> None:
        session = requested_session(START)
        error = refused(lambda: record_evaluation_sent(session, AFTER_CLASS))
        assert (ReasonCode.DATES_NOT_CONFIRMED,) == error.decision.codes
        error = refused(lambda: record_attendance(session, [], AFTER_CLASS))
        assert (ReasonCode.DATES_NOT_CONFIRMED,) == error.decision.codes

    def test_no_fact_is_recorded_before_the_request(self) -> None:
        error = refused(lambda: record_fees_invoiced(CONFIRMED, brussels(2026, 1, 1)))
        assert (ReasonCode.BEFORE_REQUEST,) == error.decision.codes
        assert "The session was only requested on Wednesday 4 February 2026 at 10:00." == (
            error.decision.text("en")
        )


# --------------------------------------------------------------------------
# Every refusal in full: the step it names, and each reason with its rule and
# figures, so that a screen showing them shows the right deadline.

REQUESTED_AT = brussels(2026, 2, 4, 10)  # CONFIRMED was requested eight weeks before START
BEFORE_REQUEST = brussels(2026, 2, 1)
EARLY_CANCEL = brussels(2026, 2, 10)
GONE = requested_session(START).evolve(cancelled_at=EARLY_CANCEL)  # no dates, cancelled
SECOND = Slot(brussels(2026, 4, 8, 13), brussels(2026, 4, 8, 16))
CLASS_END = brussels(2026, 4, 1, 12, 30)
REGISTRATION_CLOSES = brussels(2026, 3, 30)  # 00:00 on D-2: the end of D-3 (R8)


def refusal(call: Callable[[], object]) -> tuple[str, tuple[Reason, ...]]:
    """Return the step a refusal names and its reasons."""
    error = refused(call)
    return error.field, error.decision.reasons


def before_and_cancelled(cancelled_at: pendulum.DateTime = EARLY_CANCEL) -> tuple[Reason, ...]:
    return (
        Reason(ReasonCode.BEFORE_REQUEST, at=REQUESTED_AT),
        Reason(ReasonCode.SESSION_CANCELLED, at=cancelled_at),
    )


HELD = CONFIRMED.evolve(participants=(ANN,))
CONFIRMED_BY_FUND = HELD.evolve(definitive_confirmation_at=brussels(2026, 3, 17))

# Each row: a fact, its rule, what else it waits for, and a session ready for it.
ALL_RECORDERS: list[
    tuple[Callable[[Session, dt.datetime], Session], str, tuple[Reason, ...], Session]
] = [
    (record_reminder_sent, "R6", (), HELD),
    (record_definitive_confirmation, "R10", (), HELD),
    (
        record_link_generated,
        "R11",
        (Reason(ReasonCode.NO_DEFINITIVE_CONFIRMATION),),
        CONFIRMED_BY_FUND,
    ),
    (record_access_emails_sent, "R12", (Reason(ReasonCode.NO_LINK),), LINKED),
    (record_zoom_checked, "R13", (), HELD),
    (record_evaluation_sent, "R14", (), HELD),
]


class TestEveryRefusalInFull:
    def test_proposing_names_the_request_the_cancellation_and_the_confirmed_dates(self) -> None:
        cancelled = CONFIRMED.evolve(cancelled_at=brussels(2026, 3, 1))
        assert (
            "propose_slots",
            (
                *before_and_cancelled(brussels(2026, 3, 1)),
                Reason(ReasonCode.DATES_ALREADY_CONFIRMED),
            ),
        ) == refusal(lambda: propose_slots(cancelled, [SECOND], BEFORE_REQUEST))

    def test_confirming_names_the_slot_and_when_its_class_started(self) -> None:
        assert (
            "confirm_slot",
            (
                Reason(ReasonCode.SESSION_CANCELLED, at=EARLY_CANCEL),
                Reason(ReasonCode.SLOT_NOT_PROPOSED),
                Reason(ReasonCode.SLOT_STARTED, at=SECOND.start),
            ),
        ) == refusal(lambda: confirm_slot(GONE, SECOND, brussels(2026, 4, 9)))

    def test_confirming_too_late_names_the_close_of_registration_and_its_days(self) -> None:
        session = requested_session(START)
        assert (
            "confirm_slot",
            (Reason(ReasonCode.REGISTRATION_CLOSED, at=REGISTRATION_CLOSES, limit=3),),
        ) == refusal(lambda: confirm_slot(session, session.proposed_slots[0], REGISTRATION_CLOSES))

    def test_a_refused_registration_names_its_step(self) -> None:
        decision = can_register(CONFIRMED, ANN, REGISTRATION_CLOSES, by=ACME_HR)
        assert ("register", decision.reasons) == refusal(
            lambda: register(CONFIRMED, ANN, REGISTRATION_CLOSES, by=ACME_HR)
        )
        assert (ReasonCode.REGISTRATION_CLOSED,) == decision.codes

    @pytest.mark.parametrize("step", [cancel, cancel_with_fee])
    def test_cancelling_at_the_start_names_the_start(
        self, step: Callable[[Session, dt.datetime], object]
    ) -> None:
        assert ("cancel", (Reason(ReasonCode.CLASS_STARTED, at=START),)) == refusal(
            lambda: step(CONFIRMED, START)
        )

    @pytest.mark.parametrize(
        ("record", "rule", "more"),
        [(record, rule, more) for record, rule, more, _ in ALL_RECORDERS],
    )
    def test_a_fact_names_every_missing_step_before_it(
        self,
        record: Callable[[Session, dt.datetime], Session],
        rule: str,
        more: tuple[Reason, ...],
    ) -> None:
        """Every row names its fact's rule; the reasons carry their codes' own rules."""
        assert rule in {"R6", "R10", "R11", "R12", "R13", "R14"}
        assert (
            record.__name__,
            (*before_and_cancelled(), Reason(ReasonCode.DATES_NOT_CONFIRMED), *more),
        ) == refusal(lambda: record(GONE, BEFORE_REQUEST))

    @pytest.mark.parametrize(
        ("record", "rule", "ready"),
        [(record, rule, ready) for record, rule, _, ready in ALL_RECORDERS],
    )
    def test_a_fact_recorded_already_names_when(
        self, record: Callable[[Session, dt.datetime], Session], rule: str, ready: Session
    ) -> None:
        first = brussels(2026, 4, 1, 13)
        assert rule.startswith("R")
        done = record(ready, first)
        assert (record.__name__, (Reason(ReasonCode.ALREADY_RECORDED, at=first),)) == (
            refusal(lambda: record(done, first.add(hours=1)))
        )

    @pytest.mark.parametrize(
        ("record", "more"), [(record, more) for record, _, more, _ in ALL_RECORDERS if more]
    )
    def test_a_fact_waits_for_the_fact_before_it(
        self, record: Callable[[Session, dt.datetime], Session], more: tuple[Reason, ...]
    ) -> None:
        assert (record.__name__, more) == refusal(lambda: record(HELD, brussels(2026, 3, 20)))

    def test_no_access_e_mail_names_the_first_day_of_the_e_mails(self) -> None:
        old = confirmed_session(brussels(2021, 3, 14, 9)).evolve(
            definitive_confirmation_at=brussels(2021, 2, 27),
            link_generated_at=brussels(2021, 2, 28),
        )
        assert (
            "record_access_emails_sent",
            (Reason(ReasonCode.NO_ACCESS_EMAILS, at=brussels(2021, 3, 1)),),
        ) == refusal(lambda: record_access_emails_sent(old, brussels(2021, 2, 28, 1)))

    # Each row: the instant of the evaluation of a class nobody registered
    # for; from 00:00 on D-2 it is not held (R18), and it is not over yet.
    @pytest.mark.parametrize(
        ("when", "not_held"),
        [
            (brussels(2026, 3, 29, 23, 59, 59), False),
            (pendulum.datetime(2026, 3, 29, 21, 59, 59, tz="UTC"), False),
            (REGISTRATION_CLOSES, True),
            (pendulum.datetime(2026, 3, 29, 22, tz="UTC"), True),
        ],
    )
    def test_an_evaluation_names_when_the_class_was_not_held_and_when_it_ends(
        self, when: pendulum.DateTime, not_held: bool
    ) -> None:
        held = (Reason(ReasonCode.NOT_HELD, at=REGISTRATION_CLOSES),) if not_held else ()
        assert (
            "record_evaluation_sent",
            (*held, Reason(ReasonCode.CLASS_NOT_OVER, at=CLASS_END)),
        ) == refusal(lambda: record_evaluation_sent(CONFIRMED, when))

    def test_attendance_names_every_missing_step_before_it(self) -> None:
        assert (
            "record_attendance",
            (*before_and_cancelled(), Reason(ReasonCode.DATES_NOT_CONFIRMED)),
        ) == refusal(lambda: record_attendance(GONE, [], BEFORE_REQUEST))

    def test_attendance_names_the_end_of_the_class_and_the_strangers_masked(self) -> None:
        held = CONFIRMED.evolve(participants=(ANN,))
        assert (
            "record_attendance",
            (
                Reason(ReasonCode.CLASS_NOT_OVER, at=CLASS_END),
                Reason(ReasonCode.NOT_REGISTERED, subject=CHLOE.national_number.masked()),
            ),
        ) == refusal(lambda: record_attendance(held, [CHLOE], brussels(2026, 4, 1, 10)))
        done = record_attendance(held, [ANN], AFTER_CLASS)
        assert (
            "record_attendance",
            (
                Reason(ReasonCode.ALREADY_RECORDED),
                Reason(ReasonCode.NOT_REGISTERED, subject=CHLOE.national_number.masked()),
            ),
        ) == refusal(lambda: record_attendance(done, [CHLOE], AFTER_CLASS))
        never = CONFIRMED
        assert (
            "record_attendance",
            (Reason(ReasonCode.NOT_HELD, at=REGISTRATION_CLOSES),),
        ) == refusal(lambda: record_attendance(never, [], AFTER_CLASS))

    def test_an_invoice_names_the_instant_nothing_is_owed_at(self) -> None:
        """At the request instant itself the step is not before the request."""
        assert (
            "record_fees_invoiced",
            (Reason(ReasonCode.NO_FEES_OWED, at=REQUESTED_AT),),
        ) == refusal(lambda: record_fees_invoiced(CONFIRMED, REQUESTED_AT))
        invoiced = CONFIRMED.evolve(
            cancelled_at=brussels(2026, 3, 20), fees_invoiced_at=brussels(2026, 3, 25)
        )
        assert (
            "record_fees_invoiced",
            (
                Reason(ReasonCode.BEFORE_REQUEST, at=REQUESTED_AT),
                Reason(ReasonCode.ALREADY_RECORDED, at=brussels(2026, 3, 25)),
            ),
        ) == refusal(lambda: record_fees_invoiced(invoiced, BEFORE_REQUEST))

    def test_any_amount_owed_is_invoiced_even_one_cent(self) -> None:
        cent = Policy(late_cancellation_fee=Decimal("0.01"))
        session = confirmed_session(START, policy=cent).evolve(cancelled_at=brussels(2026, 3, 20))
        invoiced = record_fees_invoiced(session, brussels(2026, 3, 25))
        assert brussels(2026, 3, 25) == invoiced.fees_invoiced_at

    def test_at_the_request_instant_every_step_is_after_the_request(self) -> None:
        session = requested_session(START)
        confirmed = confirm_slot(session, session.proposed_slots[0], REQUESTED_AT)
        assert REQUESTED_AT == confirmed.dates_confirmed_at
        assert REQUESTED_AT == cancel(session, REQUESTED_AT).cancelled_at


# Each row: a step, and the argument a naive datetime is named by.
NAIVE = dt.datetime(2026, 3, 1, 12)
NAIVE_STEPS: list[tuple[Callable[[], object], str]] = [
    (lambda: propose_slots(GONE, [SECOND], NAIVE), "when"),
    (lambda: can_confirm_slot(CONFIRMED, SECOND, NAIVE), "when"),
    (lambda: confirm_slot(CONFIRMED, SECOND, NAIVE), "when"),
    (lambda: can_cancel(CONFIRMED, NAIVE), "when"),
    (lambda: cancel_with_fee(CONFIRMED, NAIVE), "when"),
    (lambda: record_reminder_sent(CONFIRMED, NAIVE), "at"),
    (lambda: record_link_generated(CONFIRMED, NAIVE), "at"),
    (lambda: record_evaluation_sent(CONFIRMED, NAIVE), "at"),
    (lambda: record_attendance(CONFIRMED, [], NAIVE), "at"),
    (lambda: record_fees_invoiced(CONFIRMED, NAIVE), "at"),
    (lambda: record_access_emails_sent(CONFIRMED, NAIVE), "at"),
]


@pytest.mark.parametrize(("step", "field"), NAIVE_STEPS)
def test_a_naive_instant_is_named_by_its_argument(step: Callable[[], object], field: str) -> None:
    with pytest.raises(NaiveDatetimeError) as caught:
        step()
    assert field == caught.value.field


# Each row: a step given something else than what it takes, and the field named.
WRONG_TYPES: list[tuple[Callable[[], object], str]] = [
    (lambda: propose_slots(GONE, SECOND, START), "slots"),  # type: ignore[arg-type]
    (lambda: propose_slots(GONE, [SECOND, START], START), "slots"),  # type: ignore[list-item]
]


@pytest.mark.parametrize(("step", "field"), WRONG_TYPES)
def test_a_wrong_type_is_named(step: Callable[[], object], field: str) -> None:
    with refused_as(InvalidTypeError, field):
        step()


def test_anything_but_a_session_is_refused_naming_the_argument() -> None:
    with refused_as(InvalidTypeError, "session"):
        record_zoom_checked("IC-2026-0042/G1", START)  # type: ignore[arg-type]


class TestPlanningAndAnnouncementFacts:
    """The facts of steps 2 and 3, and the announcement of a class without a list (R3, R4, R16)."""

    def test_the_trainer_is_asked_once(self) -> None:
        session = requested_session(START)
        asked = record_availability_asked(session, brussels(2026, 2, 5))
        assert brussels(2026, 2, 5) == asked.availability_asked_at
        error = refused(lambda: record_availability_asked(asked, brussels(2026, 2, 6)))
        assert (ReasonCode.ALREADY_RECORDED,) == error.decision.codes
        assert "record_availability_asked" == error.field

    def test_dates_are_forwarded_once_proposed_and_before_a_confirmation(self) -> None:
        bare = requested_session(START).evolve(proposed_slots=())
        error = refused(lambda: record_dates_forwarded(bare, brussels(2026, 2, 5)))
        assert (ReasonCode.NO_SLOT_PROPOSED,) == error.decision.codes
        assert "record_dates_forwarded" == error.field
        error = refused(lambda: record_dates_forwarded(CONFIRMED, brussels(2026, 2, 19)))
        assert (ReasonCode.DATES_ALREADY_CONFIRMED,) == error.decision.codes

    def test_new_proposals_are_to_be_forwarded_again(self) -> None:
        session = record_dates_forwarded(requested_session(START), brussels(2026, 2, 5))
        again = propose_slots(session, [SECOND], brussels(2026, 2, 6))
        assert (brussels(2026, 2, 5), None) == (
            session.dates_forwarded_at,
            again.dates_forwarded_at,
        )

    def test_the_recap_needs_confirmed_dates(self) -> None:
        error = refused(lambda: record_recap_sent(requested_session(START), brussels(2026, 2, 5)))
        assert (ReasonCode.DATES_NOT_CONFIRMED,) == error.decision.codes
        assert "record_recap_sent" == error.field
        assert brussels(2026, 2, 19) == (
            record_recap_sent(CONFIRMED, brussels(2026, 2, 19)).recap_sent_at
        )

    def test_the_class_is_announced_as_not_held_only_without_a_list_after_the_close(
        self,
    ) -> None:
        error = refused(lambda: record_not_held_announced(HELD, brussels(2026, 3, 30, 9)))
        assert (
            Reason(ReasonCode.LIST_NOT_MISSING, at=REGISTRATION_CLOSES),
        ) == error.decision.reasons
        error = refused(lambda: record_not_held_announced(CONFIRMED, brussels(2026, 3, 29)))
        assert (ReasonCode.LIST_NOT_MISSING,) == error.decision.codes
        told = record_not_held_announced(CONFIRMED, REGISTRATION_CLOSES)
        assert REGISTRATION_CLOSES == told.not_held_announced_at
        error = refused(lambda: record_not_held_announced(requested_session(START), START))
        assert (ReasonCode.DATES_NOT_CONFIRMED,) == error.decision.codes
        assert "record_not_held_announced" == error.field

    def test_a_cancelled_class_is_not_announced_as_not_held_whatever_its_list(self) -> None:
        """The cancellation is the only reason given: the list is not looked at then."""
        cancelled = HELD.evolve(cancelled_at=brussels(2026, 3, 1))
        error = refused(lambda: record_not_held_announced(cancelled, brussels(2026, 3, 30, 9)))
        assert (ReasonCode.SESSION_CANCELLED,) == error.decision.codes

    def test_access_e_mails_recorded_without_names_count_for_everyone_registered(self) -> None:
        """R12: a sending recorded without names covers everyone registered then."""
        sent = LINKED.evolve(participants=(ANN,), access_emails_sent_at=brussels(2026, 3, 18, 10))
        error = refused(lambda: record_access_emails_sent(sent, brussels(2026, 3, 19)))
        assert (ReasonCode.ALREADY_RECORDED,) == error.decision.codes
