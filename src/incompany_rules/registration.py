"""Who may request a session, and who may register participants, when (R1, R2, R5, R8, R9).

R1 (Etape 1, *« avoir introduit un plan de formation au préalable et disposer
d'un minimum de 6 participants »*): a company may request an Incompany
session once its training plan is submitted, for at least
`Policy.min_participants` (6) planned participants. R2 (*« l'ensemble de
notre offre digitale »*): only a training of the digital offer.

R5 (Etape 4): adding or removing participants needs a myCefora account with
the HR function and a completed TOS document, of the session's own company
(the same enterprise number).

R8 (Etape 5, *« au plus tard 3 jours avant la date de début »*): participants
are registered from the confirmation of the dates until the end of D-3; the
window closes at 00:00 on D-2 (T3). Removing one follows the same window.
R9: one national number is registered at most once per session.

Every function here answers with a [`Decision`][incompany_rules.decisions.Decision]
that lists *every* unmet condition. None of them raises on a session and an
aware instant; they raise only for a value of the wrong type or a naive
datetime (T1).

Examples:
    >>> import pendulum
    >>> from incompany_rules.examples import ACME_HR, confirmed_session, sample_participants
    >>> session = confirmed_session(pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels"))
    >>> ann = sample_participants(1)[0]

    On Sunday 29 March 2026 (D-3, the day the clocks go forward), 23:59 is still
    open; 00:00 on Monday 30 March is closed:

    >>> bool(can_register(session, ann, pendulum.datetime(2026, 3, 29, 23, 59, tz="Europe/Brussels"), by=ACME_HR))
    True
    >>> late = can_register(session, ann, pendulum.datetime(2026, 3, 30, tz="Europe/Brussels"), by=ACME_HR)
    >>> late.codes
    (<ReasonCode.REGISTRATION_CLOSED: 'registration_closed'>,)
    >>> print(late.reasons[0].text("nl"))
    De inschrijvingen waren open tot zondag 29 maart 2026 om 23:59 (einde van D-3).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from incompany_rules.decisions import Decision, Reason, ReasonCode
from incompany_rules.instants import before, instant, local
from incompany_rules.milestones import schedule
from incompany_rules.participants import Participant
from incompany_rules.policy import DEFAULT_POLICY, Policy
from incompany_rules.session import Company, HrAccount, Session, Training
from incompany_rules.validation import expect, whole_number

if TYPE_CHECKING:
    import datetime as dt

__all__ = [
    "can_manage_participants",
    "can_register",
    "can_request",
    "can_unregister",
]


def _require(value: object, kind: type, field: str) -> None:
    expect(value, kind, field=field)


def can_request(
    company: Company,
    training: Training,
    planned_participants: int,
    now: dt.datetime,
    *,
    policy: Policy = DEFAULT_POLICY,
) -> Decision:
    """Whether `company` may request `training` as Incompany at `now` (R1, R2).

    The training plan must be submitted at or before `now`; the training
    must be of the digital offer; at least `policy.min_participants` must
    be planned.

    Examples:
        >>> import pendulum
        >>> from incompany_rules.examples import ACME, EXCEL
        >>> now = pendulum.datetime(2026, 2, 2, 10, tz="Europe/Brussels")
        >>> can_request(ACME, EXCEL, 4, now).codes
        (<ReasonCode.NO_TRAINING_PLAN: 'no_training_plan'>, <ReasonCode.TOO_FEW_PARTICIPANTS: 'too_few_participants'>)
        >>> planned = ACME.__class__(ACME.number, ACME.name, training_plan_submitted_at=now.subtract(days=30))
        >>> bool(can_request(planned, EXCEL, 6, now))
        True
    """
    _require(company, Company, "company")
    _require(training, Training, "training")
    whole_number(planned_participants, field="planned_participants")
    at = instant(now, field="now")
    _require(policy, Policy, "policy")
    reasons = []
    submitted = company.training_plan_submitted_at
    if submitted is None or before(at, submitted):
        reasons.append(Reason(ReasonCode.NO_TRAINING_PLAN))
    if not training.in_digital_offer:
        reasons.append(Reason(ReasonCode.NOT_IN_DIGITAL_OFFER))
    if planned_participants < policy.min_participants:
        reasons.append(
            Reason(
                ReasonCode.TOO_FEW_PARTICIPANTS,
                count=planned_participants,
                limit=policy.min_participants,
            )
        )
    return Decision.from_reasons(reasons)


def _management_reasons(account: HrAccount, session: Session) -> list[Reason]:
    reasons = []
    if not account.has_hr_function:
        reasons.append(Reason(ReasonCode.NO_HR_FUNCTION))
    if not account.tos_completed:
        reasons.append(Reason(ReasonCode.TOS_NOT_COMPLETED))
    if account.company.digits != session.company.digits:
        reasons.append(Reason(ReasonCode.OTHER_COMPANY))
    return reasons


def can_manage_participants(account: HrAccount, session: Session) -> Decision:
    """Whether `account` may add and remove participants of `session` (R5).

    The account needs the HR function, a completed TOS document, and the
    session's company: the same enterprise number, however it is printed.

    Examples:
        >>> from incompany_rules import HrAccount
        >>> from incompany_rules.examples import ACME, requested_session
        >>> import pendulum
        >>> session = requested_session(pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels"))
        >>> newcomer = HrAccount("new@acme.example", ACME, has_hr_function=False, tos_completed=False)
        >>> can_manage_participants(newcomer, session).codes
        (<ReasonCode.NO_HR_FUNCTION: 'no_hr_function'>, <ReasonCode.TOS_NOT_COMPLETED: 'tos_not_completed'>)
    """
    _require(account, HrAccount, "account")
    _require(session, Session, "session")
    return Decision.from_reasons(_management_reasons(account, session))


def _window_reasons(session: Session, at: dt.datetime) -> list[Reason]:
    """Return the unmet state and window conditions of R8, shared by (un)registering."""
    if session.confirmed_slot is None:
        reasons = [Reason(ReasonCode.DATES_NOT_CONFIRMED)]
    else:
        plan = schedule(session)
        reasons = []
        if not plan.registration_is_open(at):
            if before(at, plan.dates_confirmed):
                reasons.append(Reason(ReasonCode.REGISTRATION_NOT_OPEN, at=plan.dates_confirmed))
            else:
                reasons.append(
                    Reason(
                        ReasonCode.REGISTRATION_CLOSED,
                        at=plan.registration_closes,
                        limit=session.policy.registration_days_before,
                    )
                )
    if session.cancelled_at is not None:
        cancelled = local(session.cancelled_at, session.policy.tz)
        reasons.insert(0, Reason(ReasonCode.SESSION_CANCELLED, at=cancelled))
    return reasons


def _checked(
    session: Session, participant: Participant, now: dt.datetime, by: HrAccount
) -> dt.datetime:
    _require(session, Session, "session")
    _require(participant, Participant, "participant")
    _require(by, HrAccount, "by")
    return instant(now, field="now")


def can_register(
    session: Session, participant: Participant, now: dt.datetime, *, by: HrAccount
) -> Decision:
    """Whether the account `by` may register `participant` in `session` at `now`.

    R5: `by` may manage the session's participants. R8: the dates are
    confirmed, the session is not cancelled, and `now` lies in
    `[dates confirmed, 00:00 on D-2)`. R9: nobody with the same national
    number is registered already.
    """
    at = _checked(session, participant, now, by)
    reasons = _management_reasons(by, session) + _window_reasons(session, at)
    if participant in session.participants:
        reasons.append(
            Reason(
                ReasonCode.ALREADY_REGISTERED,
                subject=participant.national_number.masked(),
            )
        )
    return Decision.from_reasons(reasons)


def can_unregister(
    session: Session, participant: Participant, now: dt.datetime, *, by: HrAccount
) -> Decision:
    """Whether the account `by` may remove `participant` from `session` at `now`.

    The same conditions as
    [`can_register`][incompany_rules.registration.can_register] (R5, R8: the
    same window), except that the person must be registered.
    """
    at = _checked(session, participant, now, by)
    reasons = _management_reasons(by, session) + _window_reasons(session, at)
    if participant not in session.participants:
        reasons.append(
            Reason(
                ReasonCode.NOT_REGISTERED,
                subject=participant.national_number.masked(),
            )
        )
    return Decision.from_reasons(reasons)
