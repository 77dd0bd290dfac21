"""What is open at an instant (R3, R6, R8, R10-R14, R16-R18), and two walks through the process."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pendulum
import pytest

from incompany_rules import (
    DEFAULT_POLICY,
    Action,
    ActionKind,
    Actor,
    Company,
    HrAccount,
    InvalidTypeError,
    InvalidValueError,
    NaiveDatetimeError,
    ReasonCode,
    Session,
    ShortfallBasis,
    Slot,
    TransitionRefusedError,
    can_cancel,
    can_manage_participants,
    can_register,
    can_request,
    cancel,
    cancel_with_fee,
    confirm_slot,
    next_actions,
    propose_slots,
    recap_line,
    record_access_emails_sent,
    record_attendance,
    record_definitive_confirmation,
    record_evaluation_sent,
    record_fees_invoiced,
    record_link_generated,
    record_reminder_sent,
    record_zoom_checked,
    register,
    request_session,
)
from incompany_rules.examples import (
    ACME,
    ACME_HR,
    EXCEL,
    confirmed_session,
    requested_session,
    sample_participants,
)

BRUSSELS = pendulum.timezone("Europe/Brussels")
K = ActionKind
PEOPLE = sample_participants(7)


def brussels(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> pendulum.DateTime:
    return pendulum.datetime(year, month, day, hour, minute, second, tz=BRUSSELS)


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.UTC)


def rows(session: Session, now: dt.datetime) -> list[tuple[ActionKind, str, bool]]:
    """Each open action as (kind, due on the policy clock, overdue)."""
    return [(a.kind, a.due.isoformat(), a.overdue) for a in next_actions(session, now)]


def kinds(session: Session, now: dt.datetime) -> dict[ActionKind, bool]:
    """Each open action's kind and whether it is overdue."""
    return {a.kind: a.overdue for a in next_actions(session, now)}


START = brussels(2026, 4, 1, 9)
CONFIRMED = confirmed_session(START)  # requested 4 February, confirmed 18 February at 10:00


class TestBeforeConfirmation:
    def test_nothing_is_open_before_the_request(self) -> None:
        session = requested_session(START)  # requested 4 February 2026 at 10:00
        assert () == next_actions(session, brussels(2026, 2, 4, 9, 59, 59))
        assert [K.CONFIRM_SLOT] == [a.kind for a in next_actions(session, brussels(2026, 2, 4, 10))]

    def test_without_a_proposed_slot_the_trainer_proposes_at_once(self) -> None:
        session = requested_session(START).evolve(proposed_slots=())
        (action,) = next_actions(session, brussels(2026, 2, 4, 10))
        assert (K.PROPOSE_SLOTS, Actor.TRAINER, "R3", False) == (
            action.kind,
            action.actor,
            action.rule,
            action.overdue,
        )
        assert "2026-02-04T10:00:00+01:00" == action.due.isoformat()
        assert next_actions(session, brussels(2026, 2, 4, 10, 0, 1))[0].overdue

    def test_the_client_confirms_before_the_earliest_proposed_class_still_ahead(self) -> None:
        later = Slot(brussels(2026, 4, 8, 13), brussels(2026, 4, 8, 16))
        session = requested_session(START)
        session = session.evolve(proposed_slots=(*session.proposed_slots, later))
        assert [(K.CONFIRM_SLOT, "2026-04-01T09:00:00+02:00", False)] == rows(
            session, brussels(2026, 3, 1)
        )
        assert [(K.CONFIRM_SLOT, "2026-04-08T13:00:00+02:00", False)] == rows(session, START)
        # every proposed class started: the trainer has to propose again
        assert [K.PROPOSE_SLOTS] == list(kinds(session, brussels(2026, 4, 8, 13)))

    def test_the_earliest_class_is_the_earliest_instant_in_the_repeated_october_hour(
        self,
    ) -> None:
        """On 25 October 2026 02:30 CEST comes before 02:10 CET, though its clock reads later."""
        first = pendulum.datetime(2026, 10, 25, 0, 30, tz="UTC").in_tz(BRUSSELS)
        second = pendulum.datetime(2026, 10, 25, 1, 10, tz="UTC").in_tz(BRUSSELS)
        session = requested_session(brussels(2026, 10, 25, 9)).evolve(
            proposed_slots=(Slot(second, second.add(hours=1)), Slot(first, first.add(hours=1)))
        )
        assert [(K.CONFIRM_SLOT, "2026-10-25T02:30:00+02:00", False)] == rows(
            session, brussels(2026, 10, 1)
        )


class TestTheReminder:
    # Each row: class start, the instant asked, whether the reminder is open and overdue.
    # The reminder is due at 00:00 on D-21 (R6) and open until the class starts.
    @pytest.mark.parametrize(
        ("start", "now", "expected"),
        [
            # D-21 on Sunday 29 March 2026, the day clocks go forward
            (brussels(2026, 4, 19, 9), brussels(2026, 3, 28, 23, 59, 59), False),
            (brussels(2026, 4, 19, 9), brussels(2026, 3, 29), False),
            (brussels(2026, 4, 19, 9), brussels(2026, 3, 29, 0, 0, 1), True),
            (brussels(2026, 4, 19, 9), utc(2026, 3, 28, 23, 0, 1), True),
            # D-21 on Sunday 25 October 2026, the day clocks go back
            (brussels(2026, 11, 15, 9), utc(2026, 10, 24, 22), False),  # 00:00 CEST
            (brussels(2026, 11, 15, 9), utc(2026, 10, 24, 22, 0, 1), True),
            # a class in early April: D-21 on winter time, the class on summer time
            (START, brussels(2026, 3, 10, 23, 59, 59), False),
            (START, brussels(2026, 3, 11, 0, 0, 1), True),
            (START, brussels(2026, 4, 1, 8, 59, 59), True),
        ],
    )
    def test_the_reminder_is_overdue_after_00_00_on_d_minus_21(
        self, start: pendulum.DateTime, now: dt.datetime, expected: bool
    ) -> None:
        session = confirmed_session(start).evolve(participants=PEOPLE[:1])
        assert expected == kinds(session, now)[K.SEND_REMINDER]

    def test_the_reminder_is_no_longer_open_once_the_class_started(self) -> None:
        assert K.SEND_REMINDER not in kinds(CONFIRMED.evolve(participants=PEOPLE[:1]), START)

    def test_a_session_confirmed_after_d_minus_21_gets_its_reminder_at_once_as_overdue(
        self,
    ) -> None:
        """R6: a late confirmation never silently skips the reminder."""
        late = CONFIRMED.evolve(dates_confirmed_at=brussels(2026, 3, 22, 10))
        (first, *_) = next_actions(late, brussels(2026, 3, 22, 10))
        assert (K.SEND_REMINDER, "2026-03-11T00:00:00+01:00", True) == (
            first.kind,
            first.due.isoformat(),
            first.overdue,
        )

    def test_a_recorded_reminder_closes_its_action(self) -> None:
        sent = CONFIRMED.evolve(reminder_sent_at=brussels(2026, 3, 11, 0, 10))
        assert K.SEND_REMINDER not in kinds(sent, brussels(2026, 3, 12))


class TestRegisteringParticipants:
    # Each row: class start, instant, participants registered, whether the
    # action is open. It is due at 00:00 on D-2 (the end of D-3) and closes
    # then; with the minimum registered it is done.
    @pytest.mark.parametrize(
        ("start", "now", "registered", "open_"),
        [
            # D-3 on the day clocks go forward
            (START, brussels(2026, 3, 29, 23, 59, 59), 0, True),
            (START, brussels(2026, 3, 29, 23, 59, 59), 5, True),
            (START, brussels(2026, 3, 30), 5, False),
            (START, utc(2026, 3, 29, 21, 59, 59), 3, True),
            (START, utc(2026, 3, 29, 22), 3, False),
            # D-3 on the day clocks go back
            (brussels(2026, 10, 28, 9), utc(2026, 10, 25, 22, 59, 59), 1, True),
            (brussels(2026, 10, 28, 9), utc(2026, 10, 25, 23), 1, False),
            # the minimum registered: nothing left to do
            (START, brussels(2026, 3, 12), 6, False),
            (START, brussels(2026, 3, 12), 7, False),
        ],
    )
    def test_registration_is_open_until_the_end_of_d_minus_3(
        self, start: pendulum.DateTime, now: dt.datetime, registered: int, open_: bool
    ) -> None:
        session = confirmed_session(start).evolve(participants=PEOPLE[:registered])
        assert open_ == (K.REGISTER_PARTICIPANTS in kinds(session, now))

    def test_without_any_participant_the_consequence_is_375_eur(self) -> None:
        action = next(
            a
            for a in next_actions(CONFIRMED, brussels(2026, 3, 12))
            if a.kind is K.REGISTER_PARTICIPANTS
        )
        assert (Actor.CLIENT_HR, "R8", Decimal(375), None) == (
            action.actor,
            action.rule,
            action.fee,
            action.count,
        )
        assert "2026-03-30T00:00:00+02:00" == action.due.isoformat()
        assert (
            "No participant list when registration closes on 30/03/2026 at 00:00: 375 EUR (R16)."
            == action.consequence("en")
        )
        assert (
            "Zonder deelnemerslijst bij de afsluiting op 30/03/2026 om 00:00: 375 EUR (R16)."
            == action.consequence("nl")
        )

    def test_below_the_minimum_the_consequence_is_150_eur_per_missing_person(self) -> None:
        session = CONFIRMED.evolve(participants=PEOPLE[:4])
        action = next(
            a
            for a in next_actions(session, brussels(2026, 3, 12))
            if a.kind is K.REGISTER_PARTICIPANTS
        )
        assert (Decimal(300), 2) == (action.fee, action.count)
        assert (
            "2 participant(s) short of the minimum: 300 EUR after the class (R17)."
            == action.consequence()
        )

    def test_a_session_with_no_list_when_registration_closed_is_not_held(self) -> None:
        """R16, R18: only the invoicing of the missing list fee is left."""
        assert [(K.INVOICE_FEES, "2026-03-30T00:00:00+02:00", False)] == rows(
            CONFIRMED, brussels(2026, 3, 30)
        )
        (invoice,) = next_actions(CONFIRMED, brussels(2026, 4, 2))
        assert (Actor.CEFORA, "R16", Decimal(375), True) == (
            invoice.actor,
            invoice.rule,
            invoice.fee,
            invoice.overdue,
        )
        assert "375 EUR owed stays uninvoiced." == invoice.consequence()
        invoiced = CONFIRMED.evolve(fees_invoiced_at=brussels(2026, 4, 2))
        assert () == next_actions(invoiced, brussels(2026, 4, 3))


HELD = CONFIRMED.evolve(participants=PEOPLE[:6])


class TestAroundTheClass:
    # Each row: class start, instant, the expected kinds of the class itself.
    @pytest.mark.parametrize(
        ("start", "now", "expected"),
        [
            (START, brussels(2026, 4, 1, 8, 59, 59), {K.CHECK_ZOOM: False, K.HOLD_CLASS: False}),
            (START, START, {K.RECORD_ATTENDANCE: False}),
            (START, brussels(2026, 4, 1, 12, 29, 59), {K.RECORD_ATTENDANCE: False}),
            # at the end: attendance due now, the evaluation can go out
            (
                START,
                brussels(2026, 4, 1, 12, 30),
                {K.RECORD_ATTENDANCE: False, K.SEND_EVALUATION: False},
            ),
            (
                START,
                brussels(2026, 4, 1, 12, 30, 1),
                {K.RECORD_ATTENDANCE: True, K.SEND_EVALUATION: False},
            ),
            (
                START,
                brussels(2026, 4, 2, 0, 0, 1),
                {K.RECORD_ATTENDANCE: True, K.SEND_EVALUATION: True},
            ),
            # a class at 01:30 winter time on 25 October 2026, in the repeated
            # hour: just before its start, the summer 02:30 is already past on
            # the wall clock but still ahead in time
            (
                pendulum.datetime(2026, 10, 25, 1, 30, tz="UTC"),
                pendulum.datetime(2026, 10, 25, 1, 29, 59, tz="UTC"),
                {K.CHECK_ZOOM: False, K.HOLD_CLASS: False},
            ),
            (
                pendulum.datetime(2026, 10, 25, 1, 30, tz="UTC"),
                pendulum.datetime(2026, 10, 25, 1, 30, tz="UTC"),
                {K.RECORD_ATTENDANCE: False},
            ),
        ],
    )
    def test_the_class_steps_turn_at_its_start_and_end(
        self, start: dt.datetime, now: dt.datetime, expected: dict[ActionKind, bool]
    ) -> None:
        confirmed = confirmed_session(start)
        done = confirmed.dates_confirmed_at
        session = confirmed.evolve(
            participants=PEOPLE[:6],
            reminder_sent_at=done,
            definitive_confirmation_at=done,
            link_generated_at=done,
            access_emails_sent_at=done,
        )
        class_kinds = {K.CHECK_ZOOM, K.HOLD_CLASS, K.RECORD_ATTENDANCE, K.SEND_EVALUATION}
        found = {kind: late for kind, late in kinds(session, now).items() if kind in class_kinds}
        assert expected == found

    def test_the_zoom_check_is_due_at_the_class_start_and_closed_once_recorded(self) -> None:
        action = next(
            a for a in next_actions(HELD, brussels(2026, 3, 20)) if a.kind is K.CHECK_ZOOM
        )
        assert (Actor.CLIENT_HR, "R13", "2026-04-01T09:00:00+02:00") == (
            action.actor,
            action.rule,
            action.due.isoformat(),
        )
        checked = HELD.evolve(zoom_checked_at=brussels(2026, 3, 20))
        assert K.CHECK_ZOOM not in kinds(checked, brussels(2026, 3, 21))

    def test_recorded_attendance_and_evaluation_leave_nothing_open(self) -> None:
        done = HELD.evolve(
            attendance=PEOPLE[:6], evaluation_sent_at=brussels(2026, 4, 2, 9)
        ).evolve(
            reminder_sent_at=brussels(2026, 3, 11),
            definitive_confirmation_at=brussels(2026, 3, 17),
        )
        assert () == next_actions(done, brussels(2026, 4, 3))


class TestThePlatform:
    def test_the_link_is_due_24_elapsed_hours_after_the_recorded_confirmation(self) -> None:
        """R11 across the March change: confirmed at 00:00 on 29 March, link at 01:00 on 30 March."""
        session = confirmed_session(brussels(2026, 4, 15, 9)).evolve(
            definitive_confirmation_at=brussels(2026, 3, 29)
        )
        action = next(
            a for a in next_actions(session, brussels(2026, 3, 29, 12)) if a.kind is K.GENERATE_LINK
        )
        assert (Actor.PLATFORM, "R11", "2026-03-30T01:00:00+02:00", False) == (
            action.actor,
            action.rule,
            action.due.isoformat(),
            action.overdue,
        )

    def test_without_the_confirmation_no_link_is_asked(self) -> None:
        assert K.GENERATE_LINK not in kinds(CONFIRMED, brussels(2026, 3, 20))
        assert kinds(CONFIRMED, brussels(2026, 3, 20))[K.DEFINITIVE_CONFIRMATION]

    def test_after_the_link_the_platform_emails_and_the_participants_prepare(self) -> None:
        linked = HELD.evolve(
            definitive_confirmation_at=brussels(2026, 3, 17),
            link_generated_at=brussels(2026, 3, 18),
        )
        found = kinds(linked, brussels(2026, 3, 18))
        assert {K.SEND_ACCESS_EMAILS: False, K.PREPARE: False} == {
            k: v for k, v in found.items() if k in {K.SEND_ACCESS_EMAILS, K.PREPARE}
        }
        prepare = next(
            a for a in next_actions(linked, brussels(2026, 3, 18)) if a.kind is K.PREPARE
        )
        assert Actor.PARTICIPANTS is prepare.actor

    @pytest.mark.parametrize(
        ("now", "open_"),
        [(brussels(2026, 4, 1, 12, 29, 59), True), (brussels(2026, 4, 1, 12, 30), False)],
    )
    def test_a_link_missing_at_the_class_end_is_no_longer_asked(
        self, now: pendulum.DateTime, open_: bool
    ) -> None:
        confirmed = HELD.evolve(definitive_confirmation_at=brussels(2026, 3, 17))
        assert open_ == (K.GENERATE_LINK in kinds(confirmed, now))

    def test_links_before_1_march_2021_send_no_access_email(self) -> None:
        old = confirmed_session(brussels(2021, 3, 14, 9)).evolve(
            participants=PEOPLE[:6],
            definitive_confirmation_at=brussels(2021, 2, 27),
            link_generated_at=brussels(2021, 2, 28),
        )
        assert K.SEND_ACCESS_EMAILS not in kinds(old, brussels(2021, 3, 1))


class TestCancelled:
    # Each row: the instant of cancellation, the instant asked, the expected
    # actions. Cancelling by the end of D-15 is free (R15); later, 375 EUR.
    @pytest.mark.parametrize(
        ("cancelled", "now", "expected"),
        [
            (brussels(2026, 3, 17, 23, 59, 59), brussels(2026, 3, 18), []),
            (brussels(2026, 3, 17, 23, 59, 59), brussels(2026, 4, 5), []),
            (
                brussels(2026, 3, 18),
                brussels(2026, 3, 18),
                [(K.INVOICE_FEES, "2026-03-18T00:00:00+01:00", False)],
            ),
            (
                brussels(2026, 3, 31, 8),
                brussels(2026, 3, 31, 8, 0, 1),
                [(K.INVOICE_FEES, "2026-03-31T08:00:00+02:00", True)],
            ),
        ],
    )
    def test_a_cancelled_session_only_keeps_the_invoicing_of_its_fee(
        self, cancelled: pendulum.DateTime, now: pendulum.DateTime, expected: list[object]
    ) -> None:
        session = cancel(HELD, cancelled)
        assert expected == rows(session, now)

    def test_an_invoiced_fee_closes_the_action(self) -> None:
        session = cancel(HELD, brussels(2026, 3, 18)).evolve(fees_invoiced_at=brussels(2026, 3, 19))
        assert () == next_actions(session, brussels(2026, 3, 20))

    def test_a_cancelled_request_has_nothing_open(self) -> None:
        session = cancel(requested_session(START), brussels(2026, 2, 10))
        assert () == next_actions(session, brussels(2026, 2, 11))


class TestInvoicing:
    def test_any_amount_owed_is_to_invoice_even_one_cent(self) -> None:
        cent = DEFAULT_POLICY.evolve(late_cancellation_fee=Decimal("0.01"))
        session = confirmed_session(START, policy=cent).evolve(cancelled_at=brussels(2026, 3, 20))
        (action,) = next_actions(session, brussels(2026, 3, 21))
        assert (K.INVOICE_FEES, Decimal("0.01"), "R15") == (action.kind, action.fee, action.rule)

    # Each row: the instant; whether the shortfall is to invoice (R17 on the
    # registered basis: four registered, two missing, known from the class end).
    @pytest.mark.parametrize(
        ("now", "owed"),
        [(brussels(2026, 4, 1, 12, 29, 59), False), (brussels(2026, 4, 1, 12, 30), True)],
    )
    def test_on_the_registered_basis_the_shortfall_is_to_invoice_from_the_class_end(
        self, now: pendulum.DateTime, owed: bool
    ) -> None:
        policy = DEFAULT_POLICY.evolve(shortfall_basis=ShortfallBasis.REGISTERED)
        session = confirmed_session(START, policy=policy).evolve(participants=PEOPLE[:4])
        invoices = [a for a in next_actions(session, now) if a.kind is K.INVOICE_FEES]
        expected = [(Decimal(300), "R17", "2026-04-01T12:30:00+02:00")] if owed else []
        assert expected == [(a.fee, a.rule, a.due.isoformat()) for a in invoices]


class TestActionValues:
    def test_every_kind_has_a_title_and_a_consequence_in_the_three_languages(self) -> None:
        for kind in ActionKind:
            action = Action(kind, Actor.CEFORA, START, "R3", overdue=False, fee=Decimal(375))
            for lang in ("fr", "nl", "en"):
                assert action.title(lang)
                assert "{" not in action.consequence(lang)
            assert (action.title("en"), action.consequence("en")) == (
                action.title(),
                action.consequence(),
            )

    def test_an_unknown_language_is_refused(self) -> None:
        action = next_actions(CONFIRMED, brussels(2026, 3, 12))[0]
        with pytest.raises(InvalidValueError, match=r"Invalid lang:"):
            action.title("de")  # type: ignore[arg-type]

    def test_the_same_instant_in_another_timezone_gives_the_same_actions(self) -> None:
        here = next_actions(HELD, brussels(2026, 3, 29, 23, 30))
        there = next_actions(HELD, utc(2026, 3, 29, 21, 30))
        assert [a.due.isoformat() for a in here] == [a.due.isoformat() for a in there]
        assert here == there

    def test_wrong_arguments_are_refused(self) -> None:
        with pytest.raises(
            InvalidTypeError, match=r"^Invalid session: expected a Session, got str$"
        ):
            next_actions("IC-2026-0042/G1", START)  # type: ignore[arg-type]
        with pytest.raises(NaiveDatetimeError, match=r"Invalid now:"):
            next_actions(CONFIRMED, dt.datetime(2026, 3, 12))


def view(session: Session, now: dt.datetime) -> list[tuple[str, str, str, bool]]:
    """The open actions as HR would read them: kind, actor, due on the local clock, overdue."""
    return [
        (a.kind.value, a.actor.value, f"{a.due:%d/%m %H:%M}", a.overdue)
        for a in next_actions(session, now)
    ]


class TestWalkThroughTheSevenSteps:
    """A class on Wednesday 1 April 2026, 09:00-12:30, through the source's seven steps."""

    def test_the_process_from_request_to_evaluation(self) -> None:
        plan = Company(ACME.number, ACME.name, training_plan_submitted_at=brussels(2026, 1, 5))
        first = Slot(START, brussels(2026, 4, 1, 12, 30))
        second = Slot(brussels(2026, 4, 8, 13), brussels(2026, 4, 8, 16, 30))

        # Etape 1: the request, with a training plan and 8 planned participants
        asked = brussels(2026, 2, 2, 10)
        assert not can_request(ACME, EXCEL, 8, asked)
        assert can_request(plan, EXCEL, 8, asked)
        session = request_session(
            project="IC-2026-0042", group="G1", company=plan, training=EXCEL,
            planned_participants=8, now=asked,
        )  # fmt: skip
        assert [] == view(session, asked.subtract(seconds=1))
        assert [("propose_slots", "trainer", "02/02 10:00", False)] == view(session, asked)

        # Etape 2: the trainer proposes two dates; the client confirms one of them
        session = propose_slots(session, [first, second], brussels(2026, 2, 5, 9))
        assert [("confirm_slot", "client_hr", "01/04 09:00", False)] == view(
            session, brussels(2026, 2, 5, 9)
        )
        stranger = Slot(brussels(2026, 4, 2, 9), brussels(2026, 4, 2, 12))
        with pytest.raises(TransitionRefusedError):
            confirm_slot(session, stranger, brussels(2026, 2, 18, 10))
        session = confirm_slot(session, first, brussels(2026, 2, 18, 10))

        # Etape 3: the recap, and what is open once the dates are confirmed
        assert (
            "IC-2026-0042/G1 - Excel: tableaux croisés dynamiques - 01/04/2026 - 09:00-12:30"
            == recap_line(session)
        )
        assert [
            ("send_reminder", "cefora", "11/03 00:00", False),
            ("definitive_confirmation", "cefora", "17/03 00:00", False),
            ("register_participants", "client_hr", "30/03 00:00", False),
            ("check_zoom", "client_hr", "01/04 09:00", False),
            ("hold_class", "trainer", "01/04 09:00", False),
        ] == view(session, brussels(2026, 2, 18, 10))

        # Etape 4: the myCefora HR account
        newcomer = HrAccount("new@acme.example", plan, has_hr_function=False, tos_completed=True)
        assert (ReasonCode.NO_HR_FUNCTION,) == can_manage_participants(newcomer, session).codes
        assert can_manage_participants(ACME_HR, session)

        # Etape 5: reminder on D-21, participants, definitive confirmation on D-15, link
        assert view(session, brussels(2026, 3, 11, 0, 0, 1))[0] == (
            "send_reminder", "cefora", "11/03 00:00", True,
        )  # fmt: skip
        session = record_reminder_sent(session, brussels(2026, 3, 11, 0, 5))
        for person in PEOPLE[:5]:
            session = register(session, person, brussels(2026, 3, 12, 9), by=ACME_HR)
        short = next(
            a
            for a in next_actions(session, brussels(2026, 3, 12, 9))
            if a.kind is K.REGISTER_PARTICIPANTS
        )
        assert (Decimal(150), 1) == (short.fee, short.count)
        session = register(session, PEOPLE[5], brussels(2026, 3, 12, 9), by=ACME_HR)
        assert [
            ("definitive_confirmation", "cefora", "17/03 00:00", False),
            ("check_zoom", "client_hr", "01/04 09:00", False),
            ("hold_class", "trainer", "01/04 09:00", False),
        ] == view(session, brussels(2026, 3, 12, 9))
        session = record_definitive_confirmation(session, brussels(2026, 3, 17))
        assert [
            ("generate_link", "platform", "18/03 00:00", False),
            ("check_zoom", "client_hr", "01/04 09:00", False),
            ("hold_class", "trainer", "01/04 09:00", False),
        ] == view(session, brussels(2026, 3, 17))
        session = record_link_generated(session, brussels(2026, 3, 18))
        assert [
            ("send_access_emails", "platform", "18/03 00:00", False),
            ("prepare", "participants", "01/04 09:00", False),
            ("check_zoom", "client_hr", "01/04 09:00", False),
            ("hold_class", "trainer", "01/04 09:00", False),
        ] == view(session, brussels(2026, 3, 18))
        session = record_access_emails_sent(session, brussels(2026, 3, 18, 0, 5))
        session = record_zoom_checked(session, brussels(2026, 3, 20, 14))
        seventh = PEOPLE[6]
        assert can_register(session, seventh, brussels(2026, 3, 29, 23, 59, 59), by=ACME_HR)
        assert (ReasonCode.REGISTRATION_CLOSED,) == can_register(
            session, seventh, brussels(2026, 3, 30), by=ACME_HR
        ).codes
        assert [
            ("prepare", "participants", "01/04 09:00", False),
            ("hold_class", "trainer", "01/04 09:00", False),
        ] == view(session, brussels(2026, 3, 31, 12))

        # Etape 7, kept for the end of the walk's timeline: cancelling is refused from the start
        assert (ReasonCode.CLASS_STARTED,) == can_cancel(session, START).codes
        assert can_cancel(session, brussels(2026, 4, 1, 8, 59, 59))

        # Etape 6: the class, attendance, and the evaluation the day after
        assert [("record_attendance", "trainer", "01/04 12:30", False)] == view(session, START)
        session = record_attendance(session, PEOPLE[:5], brussels(2026, 4, 1, 12, 30))
        # five of the six registered attended: one person missing, 150 EUR (R17)
        assert [
            ("invoice_fees", "cefora", "01/04 12:30", True),
            ("send_evaluation", "cefora", "02/04 00:00", False),
        ] == view(session, brussels(2026, 4, 2))
        assert [
            ("invoice_fees", "cefora", "01/04 12:30", True),
            ("send_evaluation", "cefora", "02/04 00:00", True),
        ] == view(session, brussels(2026, 4, 2, 9))
        invoice = next_actions(session, brussels(2026, 4, 2, 9))[0]
        assert ("R17", Decimal(150)) == (invoice.rule, invoice.fee)
        session = record_evaluation_sent(session, brussels(2026, 4, 2, 9))
        session = record_fees_invoiced(session, brussels(2026, 4, 3, 9))
        assert [] == view(session, brussels(2026, 4, 3, 9))

    def test_cancelling_at_the_end_of_d_minus_15_and_after(self) -> None:
        """Etape 7: free until the end of D-15; from 00:00 on D-14, 375 EUR to invoice."""
        free, nothing = cancel_with_fee(HELD, brussels(2026, 3, 17, 23, 59, 59))
        late, fee = cancel_with_fee(HELD, brussels(2026, 3, 18))
        assert (False, Decimal(0)) == (nothing.owed, nothing.amount)
        assert (True, Decimal(375)) == (fee.owed, fee.amount)
        assert [] == view(free, brussels(2026, 3, 18))
        assert [("invoice_fees", "cefora", "18/03 00:00", False)] == view(
            late, brussels(2026, 3, 18)
        )
        with pytest.raises(TransitionRefusedError):
            cancel(late, brussels(2026, 3, 19))

    def test_the_same_walk_for_a_session_confirmed_ten_days_before_its_class(self) -> None:
        """The steps due before the confirmation come at once, overdue, first."""
        session = requested_session(START)
        session = confirm_slot(session, session.proposed_slots[0], brussels(2026, 3, 22, 10))
        assert [
            ("send_reminder", "cefora", "11/03 00:00", True),
            ("definitive_confirmation", "cefora", "17/03 00:00", True),
            ("register_participants", "client_hr", "30/03 00:00", False),
            ("check_zoom", "client_hr", "01/04 09:00", False),
            ("hold_class", "trainer", "01/04 09:00", False),
        ] == view(session, brussels(2026, 3, 22, 10))
        # the free cancellation window closed before the confirmation; cancelling is allowed
        assert can_cancel(session, brussels(2026, 3, 22, 10))

        session = record_reminder_sent(session, brussels(2026, 3, 22, 10, 5))
        session = record_definitive_confirmation(session, brussels(2026, 3, 22, 11))
        # R11: 24 elapsed hours after the actual confirmation
        assert ("generate_link", "platform", "23/03 11:00", False) == view(
            session, brussels(2026, 3, 22, 11)
        )[0]
        for person in PEOPLE[:6]:
            session = register(session, person, brussels(2026, 3, 23, 9), by=ACME_HR)
        assert ("generate_link", "platform", "23/03 11:00", True) == view(
            session, brussels(2026, 3, 23, 11, 0, 1)
        )[0]
        session = record_link_generated(session, brussels(2026, 3, 23, 11, 30))
        session = record_access_emails_sent(session, brussels(2026, 3, 23, 11, 35))
        # D-3 is the Sunday clocks go forward: the last second of registration
        assert can_register(session, PEOPLE[6], brussels(2026, 3, 29, 23, 59, 59), by=ACME_HR)
        assert [
            ("prepare", "participants", "01/04 09:00", False),
            ("check_zoom", "client_hr", "01/04 09:00", False),
            ("hold_class", "trainer", "01/04 09:00", False),
        ] == view(session, brussels(2026, 3, 30))
        assert [("record_attendance", "trainer", "01/04 12:30", False)] == view(session, START)
        session = record_attendance(session, PEOPLE[:6], brussels(2026, 4, 1, 13))
        session = record_evaluation_sent(session, brussels(2026, 4, 2, 0, 1))
        assert [] == view(session, brussels(2026, 4, 2, 0, 1))
