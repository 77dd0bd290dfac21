"""One Incompany session through the whole process, step by step.

Run with ``python3 tasks.py example``. Every instant is given explicitly:
the library never reads the clock. The class is Acme's Excel training on
Wednesday 1 April 2026 in Brussels, whose D-3 falls on the Sunday the
clocks go forward. A second session of the same project, cancelled late,
shows the cancellation fee.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pendulum

from incompany_rules import (
    Company,
    Session,
    Slot,
    TransitionRefusedError,
    can_register,
    can_request,
    cancel_with_fee,
    cancellation_fee_schedule,
    confirm_slot,
    fees_due,
    milestones,
    next_actions,
    propose_slots,
    recap_line,
    record_access_emails_sent,
    record_attendance,
    record_availability_asked,
    record_dates_forwarded,
    record_definitive_confirmation,
    record_evaluation_sent,
    record_fees_invoiced,
    record_link_generated,
    record_recap_sent,
    record_reminder_sent,
    record_zoom_checked,
    register,
    request_session,
)
from incompany_rules.examples import ACME, ACME_HR, EXCEL, sample_participants

if TYPE_CHECKING:
    from incompany_rules import Decision


def brussels(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> pendulum.DateTime:
    """Return an instant on the Brussels clock."""
    return pendulum.datetime(year, month, day, hour, minute, tz="Europe/Brussels")


def heading(title: str) -> None:
    """Print a step's title."""
    print(f"\n== {title}")


def show_decision(question: str, decision: Decision) -> None:
    """Print a decision and, when refused, every reason with its rule."""
    print(f"{question}: {'yes' if decision else 'no'}")
    for reason in decision.reasons:
        print(f"    {reason.rule:4} {reason.code.value}: {reason.text('en')}")


def show_actions(session: Session, now: pendulum.DateTime) -> None:
    """Print what is open at ``now``, by whom, by when."""
    print(f"Open at {now:%a %d %b %Y %H:%M}:")
    found = next_actions(session, now)
    if not found:
        print("    nothing")
    for action in found:
        flag = "OVERDUE" if action.overdue else "       "
        print(
            f"    {flag} {action.due:%d/%m %H:%M} {action.actor.value:12} "
            f"{action.rule:4} {action.title('en')}"
        )


PLANNED = Company(ACME.number, ACME.name, training_plan_submitted_at=brussels(2026, 1, 15))
ASKED = brussels(2026, 2, 2, 10)
WEDNESDAY = Slot(brussels(2026, 4, 1, 9), brussels(2026, 4, 1, 12, 30))
THURSDAY = Slot(brussels(2026, 4, 2, 13), brussels(2026, 4, 2, 16, 30))


def request_and_plan() -> Session:
    """Walk steps 1 to 3: the request, the trainer's dates, the confirmation and the recap."""
    heading("Step 1: the request (R1, R2)")
    planned, asked = PLANNED, ASKED
    show_decision("Acme, no training plan, 4 people", can_request(ACME, EXCEL, 4, asked))
    show_decision("Acme, plan submitted, 8 people", can_request(planned, EXCEL, 8, asked))
    session = request_session(
        project="IC-2026-0042",
        group="G1",
        company=planned,
        training=EXCEL,
        planned_participants=8,
        now=asked,
    )
    show_actions(session, asked)

    heading("Step 2: planning (R3)")
    session = record_availability_asked(session, brussels(2026, 2, 3, 9))
    session = propose_slots(session, [WEDNESDAY, THURSDAY], brussels(2026, 2, 10, 14))
    show_actions(session, brussels(2026, 2, 10, 15))
    session = record_dates_forwarded(session, brussels(2026, 2, 11, 9))
    session = confirm_slot(session, WEDNESDAY, brussels(2026, 2, 18, 10))

    heading("Step 3: the recap (R4) and the calendar")
    print(recap_line(session))
    session = record_recap_sent(session, brussels(2026, 2, 18, 11))
    for milestone in milestones(session):
        print(f"    {milestone.at:%a %d %b %Y %H:%M %z}  {milestone.rule:4} {milestone.kind.value}")
    print("What cancelling costs:")
    for step in cancellation_fee_schedule(session):
        print(f"    {step.describe('en')}")
    return session


def register_and_confirm(session: Session) -> Session:
    """Walk steps 4 and 5: HR registers, the fund confirms, the platform opens."""
    heading("Steps 4 and 5: HR registers participants (R5, R8, R9)")
    people = sample_participants(5)
    for person in people[:4]:
        session = register(session, person, brussels(2026, 3, 2, 9), by=ACME_HR)
    print(f"Registered on 2 March: {len(session.participants)}")
    try:
        register(session, people[0], brussels(2026, 3, 2, 9), by=ACME_HR)
    except TransitionRefusedError as refused:
        show_decision("Register the first person again", refused.decision)
    show_actions(session, brussels(2026, 3, 12, 9))
    session = record_reminder_sent(session, brussels(2026, 3, 11, 8))
    session = record_definitive_confirmation(session, brussels(2026, 3, 17, 9))
    session = record_link_generated(session, brussels(2026, 3, 18, 9))
    session = record_access_emails_sent(session, brussels(2026, 3, 18, 9, 30))
    late = brussels(2026, 3, 30, 8)
    show_decision(
        "Register a fifth person on Monday 30 March (D-2)",
        can_register(session, people[4], late, by=ACME_HR),
    )
    show_actions(session, late)
    return session


def hold_and_invoice(session: Session) -> None:
    """Walk steps 6 and 7: the class, its attendance and evaluation, then the fees."""
    heading("Step 6: the class on Zoom, the attendance and the evaluation (R13, R14)")
    session = record_zoom_checked(session, brussels(2026, 3, 31, 11))
    after = brussels(2026, 4, 1, 13)
    session = record_attendance(session, session.participants[:3], after)
    print(f"Attended: {len(session.attendance or ())} of {len(session.participants)} registered")
    session = record_evaluation_sent(session, brussels(2026, 4, 2, 8))

    heading("Step 7: the fees (R15-R18)")
    invoiced = brussels(2026, 4, 3, 9)
    invoice = fees_due(session, invoiced)
    print(invoice.describe("en"))
    show_actions(session, invoiced)
    session = record_fees_invoiced(session, invoiced)
    show_actions(session, invoiced.add(minutes=1))
    # The participants have 14 days to fill in the form; after that nothing is open.
    show_actions(session, brussels(2026, 4, 16, 9))


def cancel_late() -> None:
    """Cancel a second group of the project on D-14: the R15 fee."""
    heading("A second group, cancelled on D-14")
    second = request_session(
        project="IC-2026-0042",
        group="G2",
        company=PLANNED,
        training=EXCEL,
        planned_participants=6,
        now=ASKED,
    )
    second = propose_slots(second, [THURSDAY], brussels(2026, 2, 10, 14))
    second = confirm_slot(second, THURSDAY, brussels(2026, 2, 18, 10))
    cancelled, fee = cancel_with_fee(second, brussels(2026, 3, 19, 8))
    print(fee.describe("en"))
    show_actions(cancelled, brussels(2026, 3, 19, 8))


def main() -> None:
    """Walk one session through the seven steps of the process, then cancel another."""
    hold_and_invoice(register_and_confirm(request_and_plan()))
    cancel_late()


if __name__ == "__main__":
    main()
