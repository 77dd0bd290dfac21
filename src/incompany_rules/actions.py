"""What is open at an instant, for whom, by when, and what missing it costs.

[`next_actions`][incompany_rules.actions.next_actions] reads a session and an instant and returns the open
actions of every party: the fund (`CEFORA`), the client's HR
(`CLIENT_HR`), the trainer, the participants and the platform. Each
[`Action`][incompany_rules.actions.Action] has its due instant (on the policy's clock), the instant its
window closes (when the matching transition starts refusing), the rule it
comes from, whether it is overdue at the instant asked (from its due
instant on), and the consequence if it is missed, with the fee where one
applies, in French, Dutch and English.

Which steps exist, who does them, when they open, are due and close, and
which recorded fact closes them is the process table,
`incompany_rules.process.PROCESS` (shown in the rules catalogue); this
module only reads it. Readings: a step done "on D-n" is due by the end of
that day (T4); nothing is due before the request, nor before the dates were
confirmed for a step that follows them (T8): a session confirmed late gets
the steps whose day has passed as overdue actions, due at the confirmation.
A step the source gives no deadline (asking the trainer, forwarding dates,
the recap mail, invoicing unless `Policy.invoicing_days_after` is set) is
never overdue. A cancelled session only keeps the invoicing of its fee; one
with no participant when registration closed (R16, R18: not held) keeps the
invoicing and the announcement that the class will not take place.

A class on Wednesday 1 April 2026, confirmed on 18 February; on 12 March at
09:00 the reminder of 11 March (D-21) has not gone out:

Examples:
    >>> import pendulum
    >>> from incompany_rules.examples import confirmed_session
    >>> session = confirmed_session(pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels"))
    >>> for action in next_actions(session, pendulum.datetime(2026, 3, 12, 9, tz="Europe/Brussels")):
    ...     late = "overdue" if action.overdue else "open"
    ...     print(f"{action.due:%d/%m %H:%M} {late:7} {action.actor.value:9} {action.title('en')}")
    12/03 00:00 overdue cefora    Send the reminder e-mail to register the participants
    18/02 10:00 open    cefora    Send the recap e-mail of the confirmed dates
    18/03 00:00 open    cefora    Send the definitive confirmation
    30/03 00:00 open    client_hr Register the participants in myCefora
    01/04 00:00 open    client_hr Check with IT that Zoom is allowed
    01/04 09:00 open    trainer   Hold the online class
    >>> register = next_actions(session, pendulum.datetime(2026, 3, 12, 9, tz="Europe/Brussels"))[3]
    >>> print(register.consequence())
    Sans liste des participants à la clôture des inscriptions, le dimanche 29 mars 2026 à 23:59 : 375,00 € (R16). Il faut un compte myCefora avec la fonction HR et un document TOS complété.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

import attrs
import pendulum

from incompany_rules.fees import _owed
from incompany_rules.instants import (
    Days,
    before,
    checked,
    days_after,
    derived,
    end_of_day,
    key,
    local,
    midnight,
)
from incompany_rules.milestones import _access_emails, _link, _Plan, slot_registration_closes
from incompany_rules.process import EVALUATION_OPEN_DAYS, PROCESS, STEPS, ActionKind, Actor
from incompany_rules.rules import Rule
from incompany_rules.session import Session
from incompany_rules.texts import DEFAULT_LANGUAGE, TEXTS, day, moment, money, text, until
from incompany_rules.validation import expect, fields_repr, times

if TYPE_CHECKING:
    from collections.abc import Callable
    from decimal import Decimal

    from incompany_rules.languages import Language

__all__ = ["Action", "ActionKind", "Actor", "next_actions"]


@attrs.frozen(repr=False)
class Action:
    """One open step: what, by whom, due when (policy clock), under which rule.

    `overdue` says whether the instant asked is at or after `due` (for a
    step that has a deadline at all). `closes` is when the step's window
    closes, the instant its transition starts refusing (`None` when only
    the recorded fact closes it); `due` never comes after it. `fee` is
    what missing the action costs, where a fee applies; `count` the people
    it counts (those missing below the minimum, R17; those waiting for their
    access e-mail, R12). `about` is the instant the consequence speaks of:
    the class start, or the start of the proposed slot to confirm; for new
    dates asked of the trainer, the start of the last slot that lapsed.
    """

    __repr__ = fields_repr

    kind: ActionKind
    actor: Actor
    due: pendulum.DateTime
    #: A [`Rule`][incompany_rules.rules.Rule] (a `str`).
    rule: str
    overdue: bool
    fee: Decimal | None = None
    count: int | None = None
    closes: pendulum.DateTime | None = attrs.field(default=None, kw_only=True)
    about: pendulum.DateTime | None = attrs.field(default=None, kw_only=True)

    def title(self, lang: Language = DEFAULT_LANGUAGE) -> str:
        """Return what is to be done, in `"fr"` (default), `"nl"` or `"en"`."""
        key = STEPS[self.kind].title
        if self.kind is ActionKind.PROPOSE_SLOTS and self.about is not None:
            key = "title.propose_new_slots"
        return text(key, lang)

    def consequence(self, lang: Language = DEFAULT_LANGUAGE) -> str:
        """Return what missing the action leads to, with its figures, in `lang`."""
        key = STEPS[self.kind].consequence
        if self.kind is ActionKind.REGISTER_PARTICIPANTS and self.count:
            key += ".short"
        if self.count == 1 and f"{key}.one" in TEXTS:
            key += ".one"
        about = self.about
        # Equivalent whatever it says: next_actions gives an instant and a fee
        # to every step whose text speaks of them.
        blank = ""  # pragma: no mutate
        return text(
            key,
            lang,
            when=blank if about is None else moment(about, lang),
            day=blank if about is None else day(about.date(), lang),
            until=until(self.closes or self.due, lang),
            amount=blank if self.fee is None else money(self.fee, lang),
            count=self.count,
        )


def _opening(  # noqa: PLR0913 (the figures of one answer)
    due: _Keyed,
    *,
    closes: _Keyed | None = None,
    fee: Decimal | None = None,
    count: int | None = None,
    rule: Rule | None = None,
    about: pendulum.DateTime | None = None,
    deadline: bool | None = None,  # None: the table's
) -> _Open:
    """Return what an open step answers: due when, closing when, with which figures.

    A plain tuple: one is made for every open step of every call. Each
    instant comes with its key (see [`key`][incompany_rules.instants.key]),
    by which the steps are compared and sorted.
    """
    return (due, closes, fee, count, rule, about, deadline)


# An instant on the policy's clock and its key.
_Keyed = tuple["pendulum.DateTime", dt.timedelta]
# What _opening returns, in the order of its arguments.
_Open = tuple[
    _Keyed,
    _Keyed | None,
    "Decimal | None",
    int | None,
    Rule | None,
    "pendulum.DateTime | None",
    bool | None,
]


class _Dues(NamedTuple):
    """The steps' due instants that depend on the class's days alone, with their keys (T4)."""

    #: The end of D-21 (R6).
    reminder: _Keyed
    #: The end of D-15 (R10).
    definitive_confirmation: _Keyed
    #: 00:00 on D, the end of D-1 (R13).
    zoom: _Keyed
    #: The end of D-2, the day registration closed (R16).
    not_held: _Keyed
    #: The end of the class's last day.
    attendance: _Keyed
    #: The end of the evaluation's day (R14).
    evaluation: _Keyed


def _dues(fixed: Days) -> _Dues:
    tz = fixed.reminder.tzinfo
    assert isinstance(tz, pendulum.Timezone)  # noqa: S101 (the calendar's midnights are on the policy's clock)

    def keyed(at: pendulum.DateTime) -> _Keyed:
        return (at, key(at))

    return _Dues(
        reminder=keyed(end_of_day(fixed.reminder, tz)),
        definitive_confirmation=keyed(end_of_day(fixed.definitive_confirmation, tz)),
        zoom=(fixed.class_day, fixed.keys.class_day),
        not_held=keyed(end_of_day(fixed.registration_closes, tz)),
        attendance=keyed(end_of_day(midnight(fixed.end_day, tz), tz)),
        evaluation=keyed(end_of_day(fixed.evaluation, tz)),
    )


class _Context:
    """One session at one instant, with what every step asks of it computed once.

    Steps compare instants by their keys: `at` is the key of the instant
    asked; `start` is the class's, with its key, and `held` the calendar
    of a class still to be held (`None` for one cancelled or not held, R16,
    R18).
    """

    def __init__(self, session: Session, now: dt.datetime) -> None:
        self.session = session
        self.policy = session.policy
        self.tz = tz = session.policy.tz
        self.now = now
        self.at = at = key(now)
        requested = session.requested_at
        self.plan: _Plan | None = None
        self.held: _Plan | None = None
        if session.confirmed_slot is None:
            self.requested: _Keyed | None = (local(requested, tz), key(requested))
            self.floor = self.requested
            # (registration close, start) of each proposed slot, in order (R3).
            self.slots: list[tuple[_Keyed, _Keyed]] = []
            for slot in session.proposed_slots:
                closes = slot_registration_closes(slot, self.policy)
                self.slots.append(((closes, key(closes)), (local(slot.start, tz), key(slot.start))))
            return
        self.plan = plan = _Plan(session)
        self.fixed = fixed = plan.fixed
        self.dues = derived(fixed, _dues)
        self.start: _Keyed = (plan.start, plan.start_key())
        self.confirmed: _Keyed = (confirmed := plan.confirmed, plan.confirmed_key())
        # The floor of every due instant (T8): the later of the request and
        # the dates. The request is keyed only when it is the later one.
        self.floor = self.confirmed
        if before(requested, confirmed):
            self.requested = None
        else:
            self.requested = self.floor = (local(requested, tz), key(requested))
        self.not_held = not session.participants and not at < fixed.keys.registration_closes
        if session.cancelled_at is None and not self.not_held:
            self.held = plan

    def before_end(self) -> bool:
        """Whether the instant asked comes before the class end."""
        plan = self.plan
        assert plan is not None  # noqa: S101 (asked of a session with dates)
        return self.at < plan.end_key()

    def end(self) -> _Keyed:
        """Return the class end, with its key."""
        plan = self.plan
        assert plan is not None  # noqa: S101 (asked of a session with dates)
        return (plan.end, plan.end_key())

    def confirmable(self) -> list[tuple[_Keyed, _Keyed]]:
        """Return (registration close, start) of each proposed slot still confirmable (R3)."""
        at = self.at
        found = [pair for pair in self.slots if at < pair[0][1] and at < pair[1][1]]
        found.sort(key=lambda pair: pair[1][1])  # the first to start closes first
        return found


def next_actions(session: Session, now: dt.datetime) -> tuple[Action, ...]:
    """Return the actions open at `now`, overdue first, then by due instant.

    Actions due at the same instant come in process order
    (`incompany_rules.process.PROCESS`). Before the session was
    requested nothing is open. Raises only for a value that is not a
    session, an instant that is not an aware datetime (T1), and a session
    recording a cancellation at or after its class start (which
    [`cancel`][incompany_rules.transitions.cancel] refuses).
    """
    expect(session, Session, field="session")
    # Only compared, never returned: checked, and left on the clock it came on.
    context = _Context(session, checked(now, field="now"))
    at = context.at
    requested = context.requested
    if requested is None:  # requested before the dates were confirmed
        if at < context.confirmed[1] and at < key(session.requested_at):
            return ()
    elif at < requested[1]:
        return ()  # nothing is open before the request
    floor, lowest = context.floor
    found: list[tuple[bool, dt.timedelta, int, Action]] = []
    for order, kind, actor, rule, has_deadline, opens in (
        _PLANNING if context.plan is None else _DATED
    ):
        opening = opens(context)
        if opening is None:
            continue
        (due, position), closes, fee, count, because, about, deadline = opening
        if closes is not None and closes[1] < lowest:
            continue  # its window closed before the request, or the dates: never open (T8)
        # Nothing due before the request, or the dates (T8). Equivalent at
        # equal keys: both are then the same instant on the policy's clock.
        if position < lowest:  # pragma: no mutate
            due, position = floor, lowest
        if closes is not None and closes[1] < position:
            due, position = closes  # never due after the step's window closes
        overdue = (has_deadline if deadline is None else deadline) and not at < position
        action = Action(
            kind,
            actor,
            due,
            because or rule,
            overdue,
            fee,
            count,
            closes=None if closes is None else closes[0],
            about=about,
        )
        found.append((not overdue, position, order, action))
    found.sort()  # the order of the steps is unique: actions are never compared
    return tuple(row[3] for row in found)


# --------------------------------------------------------------------------
# When each step is open: one function per step of the table, in its order.
# Each returns None when the step is not open at the context's instant.


def _planning(context: _Context) -> bool:
    """Whether the session is still being planned: no dates, not cancelled."""
    return context.plan is None and context.session.cancelled_at is None


def _ask_availability(context: _Context) -> _Open | None:
    session = context.session
    requested = context.requested
    if requested is None or not _planning(context):
        return None
    if not session.proposed_slots and session.availability_asked_at is None:
        return _opening(requested)
    return None


def _propose_slots(context: _Context) -> _Open | None:
    if not _planning(context) or context.confirmable():
        return None
    slots = context.session.proposed_slots
    if not slots:
        assert context.requested is not None  # noqa: S101 (keyed for a session being planned)
        return _opening(context.requested)
    # Every proposed slot lapsed: new dates are asked for since the last one
    # did, the last to start (its registration closes last too).
    closes, start = max(context.slots, key=lambda pair: pair[1][1])
    return _opening(_lapses(closes, start), about=start[0])


def _forward_dates(context: _Context) -> _Open | None:
    if context.session.dates_forwarded_at is not None:
        return None
    return _confirm_slot(context)  # forwarded dates stay open as long as one can be confirmed


def _confirm_slot(context: _Context) -> _Open | None:
    if not _planning(context):
        return None
    slots = context.confirmable()
    if not slots:
        return None
    closes, start = slots[0]
    lapses = _lapses(closes, start)
    return _opening(lapses, closes=lapses, about=start[0])


def _lapses(closes: _Keyed, start: _Keyed) -> _Keyed:
    """When a proposed slot can no longer be confirmed: its registration close, or its start if earlier (R3)."""
    # Equivalent at equal keys: the start and the close are then the same instant on one clock.
    return start if start[1] < closes[1] else closes  # pragma: no mutate


def _send_recap(context: _Context) -> _Open | None:
    plan = context.held
    if plan is None or context.session.recap_sent_at is not None:
        return None
    if not context.at < context.start[1]:
        return None
    return _opening(context.confirmed, closes=context.start)


def _registration_closes(context: _Context) -> _Keyed:
    fixed = context.fixed
    return (fixed.registration_closes, fixed.keys.registration_closes)


def _send_reminder(context: _Context) -> _Open | None:
    plan = context.held
    if plan is None or context.session.reminder_sent_at is not None:
        return None
    closes = _registration_closes(context)
    if not context.at < closes[1]:
        return None  # the reminder to register closes with registration (R6)
    return _opening(context.dues.reminder, closes=closes)


def _register_participants(context: _Context) -> _Open | None:
    plan = context.held
    policy = context.policy
    if plan is None:
        return None
    closes = _registration_closes(context)
    if not context.at < closes[1]:
        return None
    registered = len(context.session.participants)
    if registered >= policy.min_participants:
        return None
    if registered:
        missing = policy.min_participants - registered
        fee = times(missing, policy.shortfall_fee_per_person)
        return _opening(closes, closes=closes, fee=fee, count=missing)
    return _opening(closes, closes=closes, fee=policy.missing_list_fee)


def _definitive_confirmation(context: _Context) -> _Open | None:
    plan = context.held
    if plan is None or context.session.definitive_confirmation_at is not None:
        return None
    if not context.at < context.start[1]:
        return None
    return _opening(context.dues.definitive_confirmation, closes=context.start)


def _generate_link(context: _Context) -> _Open | None:
    plan = context.held
    session = context.session
    if plan is None or session.definitive_confirmation_at is None:
        return None
    if session.link_generated_at is not None or not context.before_end():
        return None
    link, _ = _link(session, context.fixed)  # from the recorded confirmation (R11)
    return _opening((link, key(link)), closes=context.end())


def _waiting(session: Session) -> int:
    """How many registered participants have not been sent their access e-mail (R12)."""
    if session.access_emailed is None:
        if session.access_emails_sent_at is not None:
            return 0  # sent to everyone registered when it was recorded
        return len(session.participants)
    return sum(p.national_number not in session.access_emailed for p in session.participants)


def _send_access_emails(context: _Context) -> _Open | None:
    plan = context.held
    session = context.session
    if plan is None or session.link_generated_at is None or not context.before_end():
        return None
    emails = _access_emails(session, session.link_generated_at)
    waiting = _waiting(session)
    if emails is None or not waiting:
        return None
    due = (emails, key(emails))
    sent = session.access_emails_sent_at
    if sent is not None:
        at_sent = key(sent)
        # Equivalent at equal keys: both are then the same instant on the policy's clock.
        if due[1] < at_sent:  # pragma: no mutate
            due = (local(sent, context.tz), at_sent)  # registered since the last sending
    return _opening(due, closes=context.end(), count=waiting)


def _prepare(context: _Context) -> _Open | None:
    plan = context.held
    session = context.session
    if plan is None or session.link_generated_at is None or not session.participants:
        return None
    if not context.at < context.start[1]:
        return None
    return _opening(context.start, closes=context.start, about=context.start[0])


def _check_zoom(context: _Context) -> _Open | None:
    plan = context.held
    if plan is None or context.session.zoom_checked_at is not None:
        return None
    if not context.at < context.start[1]:
        return None
    # By the end of D-1: the point is to avoid a problem on the day (R13).
    return _opening(context.dues.zoom, closes=context.start, about=context.start[0])


def _announce_not_held(context: _Context) -> _Open | None:
    plan = context.plan
    session = context.session
    if plan is None or session.cancelled_at is not None or not context.not_held:
        return None
    if session.not_held_announced_at is not None or not context.before_end():
        return None
    # Told during D-2, the day the list turned out missing (R16).
    due = context.dues.not_held
    # Equivalent at equal keys: both are then the same instant on the policy's clock.
    if context.start[1] < due[1]:  # pragma: no mutate
        due = context.start
    return _opening(
        due,
        closes=context.end(),
        fee=context.policy.missing_list_fee,
        about=context.start[0],
    )


def _hold_class(context: _Context) -> _Open | None:
    plan = context.held
    if plan is None or not context.at < context.start[1]:
        return None
    return _opening(context.start, closes=context.start, about=context.start[0])


def _record_attendance(context: _Context) -> _Open | None:
    plan = context.held
    if plan is None or context.before_end() or context.session.attendance is not None:
        return None  # recorded once the class is over, by the end of its day
    return _opening(context.dues.attendance)


def _send_evaluation(context: _Context) -> _Open | None:
    plan = context.held
    if plan is None or context.before_end():
        return None
    if context.session.evaluation_sent_at is not None:
        return None
    return _opening(context.dues.evaluation)


def _fill_in_evaluation(context: _Context) -> _Open | None:
    plan = context.held
    sent = context.session.evaluation_sent_at
    if plan is None or sent is None or not context.session.participants:
        return None
    sent = local(sent, context.tz)
    closes = days_after(sent, EVALUATION_OPEN_DAYS, context.tz)
    at_close = key(closes)
    if not context.at < at_close:
        return None
    return _opening((sent, key(sent)), closes=(closes, at_close))


def _invoice_fees(context: _Context) -> _Open | None:
    session = context.session
    plan = context.plan
    if plan is None or session.fees_invoiced_at is not None:
        return None
    lines = _owed(
        session,
        # Equivalent if left out: _owed reads the calendar itself then.
        plan,  # pragma: no mutate
        context.now,
    ).lines
    if not lines:
        return None
    (line,) = lines  # one charge at most arises (R18)
    fee = line.amount
    if fee <= 0:
        return None  # a policy that charges nothing
    days = context.policy.invoicing_days_after
    arises = line.arises_at
    rule = Rule(line.rule)
    if days is None:
        return _opening((arises, key(arises)), fee=fee, rule=rule)
    due = end_of_day(days_after(arises, days, context.tz), context.tz)
    return _opening((due, key(due)), fee=fee, rule=rule, deadline=True)


_OPENINGS: dict[ActionKind, Callable[[_Context], _Open | None]] = {
    ActionKind.ASK_AVAILABILITY: _ask_availability,
    ActionKind.PROPOSE_SLOTS: _propose_slots,
    ActionKind.FORWARD_DATES: _forward_dates,
    ActionKind.CONFIRM_SLOT: _confirm_slot,
    ActionKind.SEND_RECAP: _send_recap,
    ActionKind.SEND_REMINDER: _send_reminder,
    ActionKind.REGISTER_PARTICIPANTS: _register_participants,
    ActionKind.DEFINITIVE_CONFIRMATION: _definitive_confirmation,
    ActionKind.GENERATE_LINK: _generate_link,
    ActionKind.SEND_ACCESS_EMAILS: _send_access_emails,
    ActionKind.PREPARE: _prepare,
    ActionKind.CHECK_ZOOM: _check_zoom,
    ActionKind.ANNOUNCE_NOT_HELD: _announce_not_held,
    ActionKind.HOLD_CLASS: _hold_class,
    ActionKind.RECORD_ATTENDANCE: _record_attendance,
    ActionKind.SEND_EVALUATION: _send_evaluation,
    ActionKind.FILL_IN_EVALUATION: _fill_in_evaluation,
    ActionKind.INVOICE_FEES: _invoice_fees,
}

# Each step with its place in the process, what the actions say of it and
# the function that opens it: those of a session being planned, then those
# of a session whose dates are confirmed (R3).
_TABLE = tuple(
    (order, step.kind, step.actor, step.rule, step.deadline, _OPENINGS[step.kind])
    for order, step in enumerate(PROCESS)
)
_PLANNING_KINDS = frozenset(
    {
        ActionKind.ASK_AVAILABILITY,
        ActionKind.PROPOSE_SLOTS,
        ActionKind.FORWARD_DATES,
        ActionKind.CONFIRM_SLOT,
    }
)
_PLANNING = tuple(row for row in _TABLE if row[1] in _PLANNING_KINDS)
_DATED = tuple(row for row in _TABLE if row[1] not in _PLANNING_KINDS)
