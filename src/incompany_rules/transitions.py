"""The steps of the process: each returns a new session, or raises with every reason why not.

A transition takes a [`Session`][incompany_rules.session.Session] and the
instant of the step, and returns the session after the step. When the rules
refuse it, it raises
[`TransitionRefusedError`][incompany_rules.errors.TransitionRefusedError],
whose `decision` lists every unmet condition; nothing is half-done, and the
session given is never changed (it is immutable).

The steps of the client and the trainer:

- [`request_session`][incompany_rules.transitions.request_session] (R1, R2),
  [`propose_slots`][incompany_rules.transitions.propose_slots] and
  [`confirm_slot`][incompany_rules.transitions.confirm_slot] (R3: only a
  proposed slot, before its class starts);
- [`register`][incompany_rules.transitions.register] and
  [`unregister`][incompany_rules.transitions.unregister] (R5, R8, R9), as
  [`can_register`][incompany_rules.registration.can_register] decides;
- [`cancel`][incompany_rules.transitions.cancel] (R15): refused when the
  session is cancelled already, and at or after the class start;
  [`cancel_with_fee`][incompany_rules.transitions.cancel_with_fee] also returns
  what cancelling costs (R15, R18).

The facts that happen outside the library, recorded with their instant:
[`record_reminder_sent`][incompany_rules.transitions.record_reminder_sent]
(R6),
[`record_definitive_confirmation`][incompany_rules.transitions.record_definitive_confirmation]
(R10),
[`record_link_generated`][incompany_rules.transitions.record_link_generated]
(R11),
[`record_access_emails_sent`][incompany_rules.transitions.record_access_emails_sent]
(R12), [`record_zoom_checked`][incompany_rules.transitions.record_zoom_checked]
(R13),
[`record_evaluation_sent`][incompany_rules.transitions.record_evaluation_sent]
(R14), [`record_attendance`][incompany_rules.transitions.record_attendance]
(R17) and
[`record_fees_invoiced`][incompany_rules.transitions.record_fees_invoiced].
Each fact is recorded once; recording it again is refused.

Examples:
    >>> import pendulum
    >>> from incompany_rules.examples import ACME_HR, confirmed_session, sample_participants
    >>> session = confirmed_session(pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels"))
    >>> ann = sample_participants(1)[0]
    >>> registered = register(session, ann, pendulum.datetime(2026, 3, 12, 9, tz="Europe/Brussels"), by=ACME_HR)
    >>> len(session.participants), len(registered.participants)
    (0, 1)
    >>> register(registered, ann, pendulum.datetime(2026, 3, 30, tz="Europe/Brussels"), by=ACME_HR)
    Traceback (most recent call last):
      ...
    incompany_rules.errors.TransitionRefusedError: Invalid register: refused (R8 registration_closed: Registration was open until Sunday 29 March 2026 at 23:59 (end of D-3).; R9 already_registered: A participant with national register number *********28 is already registered.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from incompany_rules.decisions import Decision, Reason, ReasonCode
from incompany_rules.errors import InvalidValueError, TransitionRefusedError
from incompany_rules.fees import Fee, cancellation_fee, fees_due
from incompany_rules.instants import before, day_start, instant, local
from incompany_rules.milestones import deadlines, schedule, slot_registration_closes
from incompany_rules.participants import NationalNumber, Participant, numbers_of
from incompany_rules.policy import DEFAULT_POLICY, Policy
from incompany_rules.registration import can_register, can_request, can_unregister
from incompany_rules.session import Company, HrAccount, Session, Slot, Training
from incompany_rules.validation import expect, items_of

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable

    import pendulum

__all__ = [
    "can_cancel",
    "can_confirm_slot",
    "cancel",
    "cancel_with_fee",
    "confirm_slot",
    "propose_slots",
    "record_access_emails_sent",
    "record_attendance",
    "record_availability_asked",
    "record_dates_forwarded",
    "record_definitive_confirmation",
    "record_evaluation_sent",
    "record_fees_invoiced",
    "record_link_generated",
    "record_not_held_announced",
    "record_recap_sent",
    "record_reminder_sent",
    "record_zoom_checked",
    "register",
    "request_session",
    "unregister",
]


def _session(value: object) -> Session:
    return expect(value, Session, field="session")


def _done(step: str, reasons: list[Reason]) -> None:
    """Raise when any condition of `step` is unmet."""
    if reasons:
        raise TransitionRefusedError(step, Decision.from_reasons(reasons))


def _local(session: Session, moment: dt.datetime) -> pendulum.DateTime:
    return local(moment, session.policy.tz)


def _before_request(session: Session, at: dt.datetime) -> list[Reason]:
    if before(at, session.requested_at):
        return [Reason(ReasonCode.BEFORE_REQUEST, at=_local(session, session.requested_at))]
    return []


def _cancelled(session: Session) -> list[Reason]:
    if session.cancelled_at is not None:
        return [Reason(ReasonCode.SESSION_CANCELLED, at=_local(session, session.cancelled_at))]
    return []


def _unconfirmed(session: Session) -> list[Reason]:
    if session.confirmed_slot is None:
        return [Reason(ReasonCode.DATES_NOT_CONFIRMED)]
    return []


def _recorded(session: Session, fact: str) -> list[Reason]:
    value = getattr(session, fact)
    if value is not None:
        return [Reason(ReasonCode.ALREADY_RECORDED, at=_local(session, value))]
    return []


# --------------------------------------------------------------------------
# Requesting and planning: rules R1 to R3


def request_session(  # noqa: PLR0913 (the parts of a request, keyword-only)
    *,
    project: str,
    group: str,
    company: Company,
    training: Training,
    planned_participants: int,
    now: dt.datetime,
    policy: Policy = DEFAULT_POLICY,
) -> Session:
    """Return the session `company` requests at `now`, or raise (R1, R2).

    [`can_request`][incompany_rules.registration.can_request] decides; the session
    carries `policy`, the rules in force at the request.
    """
    decision = can_request(company, training, planned_participants, now, policy=policy)
    if not decision:
        raise TransitionRefusedError("request_session", decision)
    return Session(
        project=project,
        group=group,
        training=training,
        company=company,
        requested_at=now,
        policy=policy,
        planned_participants=planned_participants,
    )


def propose_slots(session: Session, slots: Iterable[Slot], when: dt.datetime) -> Session:
    """Return `session` with the trainer's `slots` added to those proposed (R3).

    Refused once a slot is confirmed, for a cancelled session, and before the
    request. A slot proposed already is not added twice.
    """
    _session(session)
    at = instant(when, field="when")
    checked = items_of(slots, Slot, field="slots", what="a collection")
    if not checked:
        raise InvalidValueError("slots", "expected at least one slot")
    reasons = _before_request(session, at) + _cancelled(session)
    if session.confirmed_slot is not None:
        reasons.append(Reason(ReasonCode.DATES_ALREADY_CONFIRMED))
    _done("propose_slots", reasons)
    proposed = list(session.proposed_slots)
    proposed.extend(slot for slot in dict.fromkeys(checked) if slot not in proposed)
    # New dates are to be forwarded to the client again (R3).
    return session.evolve(proposed_slots=tuple(proposed), dates_forwarded_at=None)


def can_confirm_slot(session: Session, slot: Slot, when: dt.datetime) -> Decision:
    """Whether the client may confirm `slot` at `when` (R3).

    The slot must be one the trainer proposed, its class not started; no
    slot is confirmed yet; the session is not cancelled. Confirming at or
    after the end of D-3 of the slot is refused too: registration would be
    closed before it opened (R8), and a class without a participant list is
    not held (R18).
    """
    _session(session)
    expect(slot, Slot, field="slot")
    at = instant(when, field="when")
    reasons = _before_request(session, at) + _cancelled(session)
    if session.confirmed_slot is not None:
        reasons.append(Reason(ReasonCode.DATES_ALREADY_CONFIRMED))
    if slot not in session.proposed_slots:
        reasons.append(Reason(ReasonCode.SLOT_NOT_PROPOSED))
    if not before(at, slot.start):
        reasons.append(Reason(ReasonCode.SLOT_STARTED, at=_local(session, slot.start)))
    elif slot in session.proposed_slots:
        closes = slot_registration_closes(slot, session.policy)
        if not before(at, closes):
            reasons.append(
                Reason(
                    ReasonCode.REGISTRATION_CLOSED,
                    at=closes,
                    limit=session.policy.registration_days_before,
                )
            )
    if reasons:
        return Decision.from_reasons(reasons)
    return Decision.allow(*_late_confirmation(session, slot, at))


def _late_confirmation(session: Session, slot: Slot, at: dt.datetime) -> list[Reason]:
    """Return the notice of a confirmation after the end of D-15: no free cancellation (R15)."""
    planned = session.evolve(confirmed_slot=slot, dates_confirmed_at=at)
    plan = deadlines(planned)
    if before(at, plan.free_cancellation_closes):
        return []
    policy = session.policy
    return [
        Reason(
            ReasonCode.LATE_CONFIRMATION,
            at=plan.registration_closes,
            limit=policy.free_cancellation_days_before,
            amount=policy.late_cancellation_fee,
        )
    ]


def confirm_slot(session: Session, slot: Slot, when: dt.datetime) -> Session:
    """Return `session` with `slot` confirmed at `when`, or raise (R3).

    Registration opens at `when` (R8); see
    [`can_confirm_slot`][incompany_rules.transitions.can_confirm_slot].
    """
    decision = can_confirm_slot(session, slot, when)
    if not decision:
        raise TransitionRefusedError("confirm_slot", decision)
    return session.evolve(confirmed_slot=slot, dates_confirmed_at=when)


# --------------------------------------------------------------------------
# Participants: rules R5, R8 and R9


def register(
    session: Session, participant: Participant, now: dt.datetime, *, by: HrAccount
) -> Session:
    """Return `session` with `participant` registered by `by` at `now`, or raise.

    [`can_register`][incompany_rules.registration.can_register] decides (R5, R8, R9).
    """
    decision = can_register(session, participant, now, by=by)
    if not decision:
        raise TransitionRefusedError("register", decision)
    return session.evolve(participants=(*session.participants, participant))


def unregister(
    session: Session, participant: Participant, now: dt.datetime, *, by: HrAccount
) -> Session:
    """Return `session` without `participant` (same national number), or raise.

    [`can_unregister`][incompany_rules.registration.can_unregister] decides (R5, R8).
    """
    decision = can_unregister(session, participant, now, by=by)
    if not decision:
        raise TransitionRefusedError("unregister", decision)
    return session.evolve(participants=tuple(p for p in session.participants if p != participant))


# --------------------------------------------------------------------------
# Cancellation: rule R15


def can_cancel(session: Session, when: dt.datetime) -> Decision:
    """Whether the client may cancel `session` at `when` (R15).

    Refused when it is cancelled already, before its request, and at or
    after the class start (the session has started). Whether a fee is owed
    is the fees' business, not a reason to refuse.
    """
    _session(session)
    at = instant(when, field="when")
    reasons = _before_request(session, at) + _cancelled(session)
    if session.confirmed_slot is not None:
        start = schedule(session).start
        if not before(at, start):
            reasons.append(Reason(ReasonCode.CLASS_STARTED, at=start))
    return Decision.from_reasons(reasons)


def cancel(session: Session, when: dt.datetime) -> Session:
    """Return `session` cancelled at `when`, or raise (R15); see [`can_cancel`][incompany_rules.transitions.can_cancel]."""
    return cancel_with_fee(session, when)[0]


def cancel_with_fee(session: Session, when: dt.datetime) -> tuple[Session, Fee]:
    """Return `session` cancelled at `when` and what cancelling costs, or raise (R15, R18).

    The fee is [`cancellation_fee`][incompany_rules.fees.cancellation_fee]'s: nothing by the
    end of D-15, the policy's late cancellation fee from 00:00 on D-14, and
    nothing more once the missing list charge has arisen (R18).

    Examples:
        >>> import pendulum
        >>> from incompany_rules.examples import confirmed_session
        >>> session = confirmed_session(pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels"))
        >>> cancelled, fee = cancel_with_fee(session, pendulum.datetime(2026, 3, 18, tz="Europe/Brussels"))
        >>> cancelled.is_cancelled, fee.owed, fee.amount
        (True, True, Decimal('375'))
    """
    decision = can_cancel(session, when)
    if not decision:
        raise TransitionRefusedError("cancel", decision)
    fee = cancellation_fee(session, when)
    return session.evolve(cancelled_at=when), fee


# --------------------------------------------------------------------------
# Facts recorded from outside: rules R6, R10 to R14, R17


def _fact(
    session: Session, at: dt.datetime, fact: str, *, dated: bool = True
) -> tuple[pendulum.DateTime, list[Reason]]:
    """Return the instant and the unmet conditions shared by recording any fact."""
    _session(session)
    moment = instant(at, field="at")
    reasons = _before_request(session, moment) + _cancelled(session)
    if dated:
        reasons += _unconfirmed(session)
    reasons += _recorded(session, fact)
    return moment, reasons


def _record(step: str, session: Session, at: dt.datetime, fact: str) -> Session:
    moment, reasons = _fact(session, at, fact)
    _done(step, reasons)
    return session.evolve(**{fact: moment})


def record_reminder_sent(session: Session, at: dt.datetime) -> Session:
    """Return `session` with the reminder to register participants sent at `at` (R6)."""
    return _record("record_reminder_sent", session, at, "reminder_sent_at")


def record_definitive_confirmation(session: Session, at: dt.datetime) -> Session:
    """Return `session` with the fund's definitive confirmation given at `at` (R10).

    The platform link is then due 24 elapsed hours after `at` (R11).
    """
    return _record("record_definitive_confirmation", session, at, "definitive_confirmation_at")


def record_link_generated(session: Session, at: dt.datetime) -> Session:
    """Return `session` with the platform link generated at `at` (R11).

    Refused before the definitive confirmation is recorded.
    """
    step = "record_link_generated"
    moment, reasons = _fact(session, at, "link_generated_at")
    if session.definitive_confirmation_at is None:
        reasons.append(Reason(ReasonCode.NO_DEFINITIVE_CONFIRMATION))
    _done(step, reasons)
    return session.evolve(link_generated_at=moment)


def record_access_emails_sent(session: Session, at: dt.datetime) -> Session:
    """Return `session` with the access e-mails sent at `at` to everyone registered (R12).

    Each registered participant not e-mailed yet gets one: a person
    registered after an earlier sending is recorded by sending again.
    Refused before the link is recorded, for a link generated before
    `Policy.participant_email_from` (no e-mail then), and when every
    registered participant has been e-mailed already.
    """
    step = "record_access_emails_sent"
    _session(session)
    moment = instant(at, field="at")
    reasons = _before_request(session, moment) + _cancelled(session) + _unconfirmed(session)
    if session.access_emails_sent_at is not None and not _not_emailed(session):
        reasons.append(
            Reason(ReasonCode.ALREADY_RECORDED, at=_local(session, session.access_emails_sent_at))
        )
    if session.link_generated_at is None:
        reasons.append(Reason(ReasonCode.NO_LINK))
    elif schedule(session).participant_access_email is None:
        first = day_start(session.policy.participant_email_from, session.policy.tz)
        reasons.append(Reason(ReasonCode.NO_ACCESS_EMAILS, at=first))
    _done(step, reasons)
    return session.evolve(
        access_emails_sent_at=moment,
        access_emailed=frozenset(p.national_number for p in session.participants)
        | (session.access_emailed or frozenset()),
    )


def _not_emailed(session: Session) -> bool:
    """Whether someone registered has not been sent the access e-mail (R12)."""
    if session.access_emailed is None:
        return False  # recorded without names: sent to everyone registered then
    return any(p.national_number not in session.access_emailed for p in session.participants)


def record_zoom_checked(session: Session, at: dt.datetime) -> Session:
    """Return `session` with the client's Zoom check (with its IT) done at `at` (R13)."""
    return _record("record_zoom_checked", session, at, "zoom_checked_at")


def _class_over(session: Session, moment: dt.datetime) -> list[Reason]:
    """Return why the class is not over at `moment`, or was never held (R18)."""
    if session.confirmed_slot is None:
        return []
    plan = schedule(session)
    reasons = []
    if not session.participants and not before(moment, plan.registration_closes):
        reasons.append(Reason(ReasonCode.NOT_HELD, at=plan.registration_closes))
    if before(moment, plan.end):
        reasons.append(Reason(ReasonCode.CLASS_NOT_OVER, at=plan.end))
    return reasons


def record_evaluation_sent(session: Session, at: dt.datetime) -> Session:
    """Return `session` with the evaluation form sent at `at` (R14); not before the class ends."""
    step = "record_evaluation_sent"
    moment, reasons = _fact(session, at, "evaluation_sent_at")
    reasons += _class_over(session, moment)
    _done(step, reasons)
    return session.evolve(evaluation_sent_at=moment)


def record_attendance(
    session: Session, attended: Iterable[Participant | NationalNumber], at: dt.datetime
) -> Session:
    """Return `session` with who `attended` the class, recorded at `at` (R17).

    `attended` holds participants or national numbers, every one of them
    registered; refused before the class ends and once recorded.
    """
    step = "record_attendance"
    _session(session)
    numbers = numbers_of(attended, field="attended")
    moment = instant(at, field="at")
    reasons = _before_request(session, moment) + _cancelled(session)
    reasons += _unconfirmed(session)
    if session.attendance is not None:
        reasons.append(Reason(ReasonCode.ALREADY_RECORDED))
    reasons += _class_over(session, moment)
    registered = {p.national_number for p in session.participants}
    reasons.extend(
        Reason(ReasonCode.NOT_REGISTERED, subject=number.masked())
        for number in numbers
        if number not in registered
    )
    _done(step, reasons)
    return session.evolve(attendance=frozenset(numbers))


def record_fees_invoiced(session: Session, at: dt.datetime) -> Session:
    """Return `session` with the fees owed invoiced at `at` (R15-R17).

    Allowed for a cancelled session too: cancellation may leave a fee.
    Refused when [`fees_due`][incompany_rules.fees.fees_due] owes nothing at `at`.
    """
    step = "record_fees_invoiced"
    _session(session)
    moment = instant(at, field="at")
    reasons = _before_request(session, moment) + _recorded(session, "fees_invoiced_at")
    if not reasons and fees_due(session, moment).total <= 0:
        reasons.append(Reason(ReasonCode.NO_FEES_OWED, at=_local(session, moment)))
    _done(step, reasons)
    return session.evolve(fees_invoiced_at=moment)


def record_availability_asked(session: Session, at: dt.datetime) -> Session:
    """Return `session` with the trainer asked for availability at `at` (R3)."""
    step = "record_availability_asked"
    # Equivalent: `dated` is only tested for its truth, and None is as false as False.
    moment, reasons = _fact(session, at, "availability_asked_at", dated=False)  # pragma: no mutate
    _done(step, reasons)
    return session.evolve(availability_asked_at=moment)


def record_dates_forwarded(session: Session, at: dt.datetime) -> Session:
    """Return `session` with the proposed dates forwarded to the client at `at` (R3).

    Refused before any slot is proposed and once a slot is confirmed; new
    proposals ([`propose_slots`][incompany_rules.transitions.propose_slots])
    are to be forwarded again.
    """
    step = "record_dates_forwarded"
    # Equivalent: `dated` is only tested for its truth, and None is as false as False.
    moment, reasons = _fact(session, at, "dates_forwarded_at", dated=False)  # pragma: no mutate
    if not session.proposed_slots:
        reasons.append(Reason(ReasonCode.NO_SLOT_PROPOSED))
    if session.confirmed_slot is not None:
        reasons.append(Reason(ReasonCode.DATES_ALREADY_CONFIRMED))
    _done(step, reasons)
    return session.evolve(dates_forwarded_at=moment)


def record_recap_sent(session: Session, at: dt.datetime) -> Session:
    """Return `session` with the recap mail of the confirmed dates sent at `at` (R4)."""
    return _record("record_recap_sent", session, at, "recap_sent_at")


def record_not_held_announced(session: Session, at: dt.datetime) -> Session:
    """Return `session` with every party told at `at` that the class will not take place.

    Only for a session with no participant when registration closed (R16,
    R18); refused before that.
    """
    step = "record_not_held_announced"
    moment, reasons = _fact(session, at, "not_held_announced_at")
    if session.confirmed_slot is not None and not reasons:
        closes = schedule(session).registration_closes
        if session.participants or before(moment, closes):
            reasons.append(Reason(ReasonCode.LIST_NOT_MISSING, at=closes))
    _done(step, reasons)
    return session.evolve(not_held_announced_at=moment)
