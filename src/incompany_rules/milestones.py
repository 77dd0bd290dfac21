"""The calendar of one session: every dated step, and the only place that counts days.

Time base (T2-T5). `D` is the local calendar date, in the policy's
timezone (`Europe/Brussels` by default), on which the online class starts.
`D-n` is that date minus *n calendar days*, never n x 24 hours, so a
milestone "on D-n" is at 00:00 on the local clock whatever daylight-saving
change lies between it and the class (T4), and a window "until D-n" closes
at 00:00 on D-n+1, an instant that is already closed (T3). The one rule in
hours, the platform link 24 h after the definitive confirmation (R11), counts
elapsed time: across a change the local clock shows 23:00 or 01:00 (T5).

Every day and hour is counted by the time core,
[`incompany_rules.instants`][incompany_rules.instants]; this module says
which steps fall on which of them.

The milestones of one session, in order:

| milestone | rule | instant |
|---|---|---|
| dates confirmed | R3 | when the client confirmed a slot |
| registration opens | R8 | the same instant |
| reminder | R6 | 00:00 on D-21 |
| tacit confirmation | R7 | the reminder's instant |
| definitive confirmation | R10 | 00:00 on D-15 |
| free cancellation closes | R15 | 00:00 on D-14 (end of D-15) |
| platform link | R11 | confirmation + 24 elapsed hours, from the recorded confirmation when there is one |
| participant access e-mail | R12 | the link's instant, for links from 2021-03-01 |
| registration closes | R8 | 00:00 on D-2 (end of D-3) |
| class start, class end | R3 | the confirmed slot |
| evaluation | R14 | 00:00 on the day after the class |

Examples:
    A class on Wednesday 1 April 2026 (Brussels moves to summer time on Sunday
    29 March): D-3 falls after the change, D-15 and D-21 before it, and each is
    at midnight on its own local clock; the link, 24 elapsed hours after
    00:00 on 17 March, is at 00:00 on 18 March (no change in between):

    >>> import pendulum
    >>> from incompany_rules.examples import confirmed_session
    >>> session = confirmed_session(pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels"))
    >>> for m in milestones(session):
    ...     print(f"{m.at.isoformat():26} {m.rule:4} {m.kind.value}")
    2026-02-18T10:00:00+01:00  R3   dates_confirmed
    2026-02-18T10:00:00+01:00  R8   registration_opens
    2026-03-11T00:00:00+01:00  R6   reminder
    2026-03-11T00:00:00+01:00  R7   tacit_confirmation
    2026-03-17T00:00:00+01:00  R10  definitive_confirmation
    2026-03-18T00:00:00+01:00  R15  free_cancellation_closes
    2026-03-18T00:00:00+01:00  R11  platform_link
    2026-03-18T00:00:00+01:00  R12  participant_access_email
    2026-03-30T00:00:00+02:00  R8   registration_closes
    2026-04-01T09:00:00+02:00  R3   class_start
    2026-04-01T12:30:00+02:00  R3   class_end
    2026-04-02T00:00:00+02:00  R14  evaluation

    When the definitive confirmation of a class on Wednesday 15 April is given
    at 00:00 on Sunday 29 March, the day clocks go forward, the link comes 24
    elapsed hours later, at 01:00 on the local clock of Monday 30 March:

    >>> later = confirmed_session(pendulum.datetime(2026, 4, 15, 9, tz="Europe/Brussels"))
    >>> later = later.evolve(
    ...     definitive_confirmation_at=pendulum.datetime(2026, 3, 29, tz="Europe/Brussels"))
    >>> schedule(later).platform_link.isoformat()
    '2026-03-30T01:00:00+02:00'
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, NamedTuple

import attrs
import pendulum  # noqa: TC002 (the doctests read the module's names)

from incompany_rules.errors import InvalidSessionError
from incompany_rules.instants import (
    Days,
    after_hours,
    before,
    day_start,  # noqa: F401 (importable from here, as it was)
    derived,
    end_of_day,
    instant,
    key,
    local,
    midnight,
)
from incompany_rules.process import MILESTONE_RULES
from incompany_rules.session import Session, Slot

if TYPE_CHECKING:
    from incompany_rules.policy import Policy
from incompany_rules.validation import expect, fields_repr

__all__ = [
    "Deadlines",
    "Milestone",
    "MilestoneKind",
    "Schedule",
    "Window",
    "deadlines",
    "end_of_day",
    "milestones",
    "schedule",
    "slot_registration_closes",
]


class MilestoneKind(enum.Enum):
    """Every dated step of a session, declared in process order.

    Milestones at the same instant sort in this order.
    """

    DATES_CONFIRMED = "dates_confirmed"
    REGISTRATION_OPENS = "registration_opens"
    REMINDER = "reminder"
    TACIT_CONFIRMATION = "tacit_confirmation"
    DEFINITIVE_CONFIRMATION = "definitive_confirmation"
    FREE_CANCELLATION_CLOSES = "free_cancellation_closes"
    PLATFORM_LINK = "platform_link"
    PARTICIPANT_ACCESS_EMAIL = "participant_access_email"
    REGISTRATION_CLOSES = "registration_closes"
    CLASS_START = "class_start"
    CLASS_END = "class_end"
    EVALUATION = "evaluation"


_ORDER = {kind: index for index, kind in enumerate(MilestoneKind)}


class Window(enum.Enum):
    """Whether a milestone opens or closes a window (registration, free cancellation)."""

    OPENS = "opens"
    CLOSES = "closes"


@attrs.frozen(repr=False)
class Milestone:
    """One dated step of a session: what, when (policy timezone), under which rule.

    Two milestones are equal when they are the same step at the same
    instant under the same rule, whatever clock their instants are on.
    """

    __repr__ = fields_repr

    kind: MilestoneKind
    at: pendulum.DateTime = attrs.field(eq=key)
    #: A [`Rule`][incompany_rules.rules.Rule] (a `str`).
    rule: str
    window: Window | None = None

    @property
    def sort_key(self) -> tuple[dt.timedelta, int]:
        """Instant first (exactly, see [`key`][incompany_rules.instants.key]), then process order."""
        return (key(self.at), _ORDER[self.kind])


def slot_registration_closes(slot: Slot, policy: Policy) -> pendulum.DateTime:
    """Return 00:00 on D-2 of `slot`'s class, the end of D-3: when confirming it stops (R3, R8).

    Args:
        slot: A proposed or confirmed slot.
        policy: The policy whose clock and figures count.

    Returns:
        The instant, on the policy's clock.

    Examples:
        >>> from incompany_rules import DEFAULT_POLICY, Slot
        >>> start = pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels")
        >>> slot_registration_closes(Slot(start, start.add(hours=3)), DEFAULT_POLICY).isoformat()
        '2026-03-30T00:00:00+02:00'
    """
    ordinal = local(slot.start, policy.tz).toordinal()
    return midnight(ordinal - policy.registration_days_before + 1, policy.tz)


@attrs.frozen(repr=False)
class Schedule:
    """Every instant of one session's calendar, on the policy's local clock.

    Build it with [`schedule`][incompany_rules.milestones.schedule]. Rules
    that need a date read it here rather than count days themselves.
    """

    __repr__ = fields_repr

    #: D, the local date of the class.
    day: dt.date
    #: When the client confirmed the dates; registration opens then (R3, R8).
    dates_confirmed: pendulum.DateTime
    #: 00:00 on D-21: reminder and tacit confirmation (R6, R7).
    reminder: pendulum.DateTime
    #: 00:00 on D-15: definitive confirmation, as planned (R10).
    definitive_confirmation: pendulum.DateTime
    #: 00:00 on D-14: the end of D-15, last instant of free cancellation excluded (R15).
    free_cancellation_closes: pendulum.DateTime
    #: Confirmation (recorded, else planned) + 24 elapsed hours (R11).
    platform_link: pendulum.DateTime
    #: The link's instant when participants are e-mailed too, else `None` (R12).
    participant_access_email: pendulum.DateTime | None
    #: 00:00 on D-2: the end of D-3 (R8, R16).
    registration_closes: pendulum.DateTime
    #: The class (R3).
    start: pendulum.DateTime
    end: pendulum.DateTime
    #: 00:00 on the day after the class (R14).
    evaluation: pendulum.DateTime

    def registration_is_open(self, now: dt.datetime) -> bool:
        """Return whether `now` lies in `[dates confirmed, end of D-3)` (R8).

        Args:
            now: An aware `datetime` of any timezone.

        Returns:
            Whether HR may register at `now`.
        """
        at = instant(now, field="now")
        return not before(at, self.dates_confirmed) and before(at, self.registration_closes)

    def cancellation_is_free(self, when: dt.datetime) -> bool:
        """Return whether a cancellation notified at `when` is before the end of D-15 (R15).

        Args:
            when: An aware `datetime` of any timezone.

        Returns:
            Whether cancelling then is free.
        """
        return before(instant(when, field="when"), self.free_cancellation_closes)


class Deadlines(NamedTuple):
    """The instants of [`Schedule`][incompany_rules.milestones.Schedule] that the fee rules compare against.

    [`deadlines`][incompany_rules.milestones.deadlines] reads them from
    [`schedule`][incompany_rules.milestones.schedule] (R8, R15, R16, R17).
    """

    #: When the client confirmed the dates; registration opens then (R3, R8).
    dates_confirmed: pendulum.DateTime
    #: 00:00 on D-14, the end of D-15 (R15).
    free_cancellation_closes: pendulum.DateTime
    #: 00:00 on D-2, the end of D-3 (R8, R16).
    registration_closes: pendulum.DateTime
    #: The class (R3, R17).
    start: pendulum.DateTime
    end: pendulum.DateTime


class _Plan:
    """The calendar of one session as one call of a rule reads it (fees and actions share it).

    Every instant is on the policy's clock, read from the session when
    first asked; the key of the end (see [`key`][incompany_rules.instants.key])
    is computed when first compared, then kept for the call. The day
    deadlines, with their keys, are those the session keeps since it was
    built ([`days`][incompany_rules.instants.days]).

    The caller has checked that `session` is a `Session`.

    Raises:
        InvalidSessionError: For a session whose dates are not confirmed.
    """

    __slots__ = ("_confirmed", "_end", "_end_key", "_session", "_start", "fixed")
    _start: pendulum.DateTime | None
    _confirmed: pendulum.DateTime | None
    _end: pendulum.DateTime | None
    _end_key: dt.timedelta | None

    def __init__(self, session: Session) -> None:
        fixed = session._days  # noqa: SLF001 (the session's own calendar)
        if fixed is None:
            raise InvalidSessionError(
                "Session.confirmed_slot", "no slot is confirmed yet, so the session has no dates"
            )
        #: The deadlines of the class's day: a session's class starts and
        #: ends on one local day.
        self.fixed = fixed
        self._session = session
        self._start = self._confirmed = self._end = self._end_key = None

    @property
    def start(self) -> pendulum.DateTime:
        """The class start (read when first asked: what a session not cancelled owes does not ask)."""
        found = self._start
        if found is None:
            session = self._session
            found = self._start = local(session.confirmed_slot.start, session.policy.tz)  # type: ignore[union-attr]
        return found

    @property
    def end(self) -> pendulum.DateTime:
        """The class end (read when first asked: what a class costs to cancel does not ask)."""
        found = self._end
        if found is None:
            session = self._session
            found = self._end = local(session.confirmed_slot.end, session.policy.tz)  # type: ignore[union-attr]
        return found

    @property
    def confirmed(self) -> pendulum.DateTime:
        """When the client confirmed the dates (read when first asked, as the end is)."""
        found = self._confirmed
        if found is None:
            session = self._session
            found = self._confirmed = local(session.dates_confirmed_at, session.policy.tz)  # type: ignore[arg-type]
        return found

    def start_key(self) -> dt.timedelta:
        """Return the key of the class start."""
        return key(self.start)

    def end_key(self) -> dt.timedelta:
        """Return the key of the class end."""
        # Equivalent when not kept: the key is computed again, the same.
        found = self._end_key  # pragma: no mutate
        if found is None:
            found = self._end_key = key(self.end)
        return found

    def confirmed_key(self) -> dt.timedelta:
        """Return the key of the instant the dates were confirmed."""
        return key(self.confirmed)


def schedule(session: Session) -> Schedule:
    """Return the calendar of a session whose dates are confirmed.

    Args:
        session: A session with a confirmed slot.

    Returns:
        Every instant of its calendar, on the policy's clock.

    Raises:
        InvalidSessionError: When no slot is confirmed yet: before that there
            is no `D` to count from.
    """
    expect(session, Session, field="session")
    plan = _Plan(session)
    fixed = plan.fixed
    link, emails = _link(session, fixed)
    return Schedule(
        day=plan.start.date(),
        dates_confirmed=plan.confirmed,
        reminder=fixed.reminder,
        definitive_confirmation=fixed.definitive_confirmation,
        free_cancellation_closes=fixed.free_cancellation_closes,
        platform_link=link,
        participant_access_email=emails,
        registration_closes=fixed.registration_closes,
        start=plan.start,
        end=plan.end,
        evaluation=fixed.evaluation,
    )


def _link(session: Session, fixed: Days) -> tuple[pendulum.DateTime, pendulum.DateTime | None]:
    """Return the platform link and the access e-mails of `session` (R11, R12)."""
    recorded, generated = session.definitive_confirmation_at, session.link_generated_at
    if recorded is None and generated is None:
        return fixed.platform_link, fixed.participant_access_email  # as planned
    policy = session.policy
    link = fixed.platform_link
    if recorded is not None:
        link = after_hours(recorded, policy.link_delay_hours, policy.tz)
    # R12 applies by the link's date: the recorded one when there is one.
    if generated is not None:
        return link, _access_emails(session, generated)
    return link, link if link.date() >= policy.participant_email_from else None


def _access_emails(session: Session, generated: dt.datetime) -> pendulum.DateTime | None:
    """Return when participants are e-mailed their access, for a link generated at `generated` (R12)."""
    policy = session.policy
    emails = local(generated, policy.tz)
    return emails if emails.date() >= policy.participant_email_from else None


def deadlines(session: Session) -> Deadlines:
    """Return the deadlines of a session whose dates are confirmed, as its schedule has them.

    Args:
        session: A session with a confirmed slot.

    Returns:
        The instants the fee rules compare against.

    Raises:
        InvalidSessionError: When no slot is confirmed yet.

    Examples:
        >>> from incompany_rules.examples import confirmed_session
        >>> session = confirmed_session(pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels"))
        >>> deadlines(session).registration_closes == schedule(session).registration_closes
        True
    """
    expect(session, Session, field="session")
    plan = _Plan(session)
    fixed = plan.fixed
    return Deadlines(
        plan.confirmed,
        fixed.free_cancellation_closes,
        fixed.registration_closes,
        plan.start,
        plan.end,
    )


def milestones(session: Session) -> tuple[Milestone, ...]:
    """Return every dated step of `session`, sorted by instant then process order.

    A session whose dates are not confirmed has no dated step yet: the
    result is empty. Nothing is dated before the request nor before the
    dates were confirmed (T8): for a session confirmed late, the reminder,
    the definitive confirmation and the end of free cancellation fall at the
    confirmation. The calendar does not change when a session is cancelled;
    what cancellation leaves to do is
    [`next_actions`][incompany_rules.actions.next_actions]' business.

    Args:
        session: Any session.

    Returns:
        Its milestones, in order.
    """
    expect(session, Session, field="session")
    if session.confirmed_slot is None:
        return ()
    plan = _Plan(session)
    confirmed, fixed = plan.confirmed, plan.fixed
    # Where each instant lies on the time line, computed once: the rows
    # sort by it, then by process order (unique, so milestones are never
    # compared). The steps on the class's day deadlines are shared by every
    # session of that day and policy, made once (instants.derived).
    at_confirmation = plan.confirmed_key()
    dated = [
        _row(at_confirmation, _OPENS[0], confirmed),
        _row(at_confirmation, _OPENS[1], confirmed),
        _row(plan.start_key(), _START, plan.start),
        _row(plan.end_key(), _END, plan.end),
    ]
    if session.definitive_confirmation_at is None and session.link_generated_at is None:
        shared = derived(fixed, _fixed_rows)
    else:
        shared = derived(fixed, _day_rows)
        link, emails = _link(session, fixed)
        dated.append(_row(key(link), _LINK, link))
        if emails is not None:
            dated.append(_row(key(emails), _EMAILS, emails))
    # Nothing is dated before the request or the dates (T8).
    requested = session.requested_at
    lowest = key(requested)
    # Equivalent at equal keys: the request and the dates are then the same instant on one clock.
    if lowest <= at_confirmation:  # pragma: no mutate
        floor, lowest = confirmed, at_confirmation
    else:
        floor = local(requested, session.policy.tz)
    for index, (position, order, milestone) in enumerate(dated):
        if position < lowest:
            dated[index] = (lowest, order, Milestone(*_moved(milestone, floor)))
    # The shared rows are sorted: only the first ones can fall before the floor.
    moved = 0
    while moved < len(shared) and shared[moved][0] < lowest:
        _, order, milestone = shared[moved]
        dated.append((lowest, order, Milestone(*_moved(milestone, floor))))
        moved += 1
    dated += shared[moved:]
    dated.sort()
    return tuple(row[2] for row in dated)


_Row = tuple[dt.timedelta, int, Milestone]


def _moved(
    milestone: Milestone, at: pendulum.DateTime
) -> tuple[MilestoneKind, pendulum.DateTime, str, Window | None]:
    return (milestone.kind, at, milestone.rule, milestone.window)


def _row(position: dt.timedelta, step: _Step, at: pendulum.DateTime) -> _Row:
    """Return a milestone of `step` at `at`, after its key and process order to sort by."""
    order, what, rule, window = step
    return (position, order, Milestone(what, at, rule, window))


def _day_rows(fixed: Days) -> tuple[_Row, ...]:
    """Return the milestones on the class's day deadlines, each in a row to sort by, sorted."""
    keys = fixed.keys
    return tuple(
        sorted(
            _row(position, step, at)
            for at, position, steps in (
                (fixed.reminder, keys.reminder, _STEPS[1]),
                (fixed.definitive_confirmation, keys.definitive_confirmation, _STEPS[2]),
                (fixed.free_cancellation_closes, keys.free_cancellation_closes, _STEPS[3]),
                (fixed.registration_closes, keys.registration_closes, _STEPS[6]),
                (fixed.evaluation, keys.evaluation, _STEPS[9]),
            )
            for step in steps
        )
    )


def _fixed_rows(fixed: Days) -> tuple[_Row, ...]:
    """Return the rows of `_day_rows` and those of the planned link and e-mails (R11, R12), sorted."""
    keys = fixed.keys
    rows = [*_day_rows(fixed), _row(keys.platform_link, _LINK, fixed.platform_link)]
    emails, at_emails = fixed.participant_access_email, keys.participant_access_email
    if emails is not None and at_emails is not None:
        rows.append(_row(at_emails, _EMAILS, emails))
    return tuple(sorted(rows))


_Step = tuple[int, MilestoneKind, str, Window | None]


def _steps(*kinds: tuple[MilestoneKind, Window | None]) -> tuple[_Step, ...]:
    return tuple(
        # Called at import only, to build _STEPS: no test can switch a change here on.
        (_ORDER[what], what, MILESTONE_RULES[what.value], window)  # pragma: no mutate
        for what, window in kinds
    )


_K = MilestoneKind
# The steps of each instant of milestones(), in its order.
_STEPS = (
    _steps((_K.DATES_CONFIRMED, None), (_K.REGISTRATION_OPENS, Window.OPENS)),
    _steps((_K.REMINDER, None), (_K.TACIT_CONFIRMATION, None)),
    _steps(
        (_K.DEFINITIVE_CONFIRMATION, None),
    ),
    _steps(
        (_K.FREE_CANCELLATION_CLOSES, Window.CLOSES),
    ),
    _steps(
        (_K.PLATFORM_LINK, None),
    ),
    _steps(
        (_K.PARTICIPANT_ACCESS_EMAIL, None),
    ),
    _steps(
        (_K.REGISTRATION_CLOSES, Window.CLOSES),
    ),
    _steps(
        (_K.CLASS_START, None),
    ),
    _steps(
        (_K.CLASS_END, None),
    ),
    _steps(
        (_K.EVALUATION, None),
    ),
)
_OPENS = _STEPS[0]
(_LINK,) = _STEPS[4]
(_EMAILS,) = _STEPS[5]
(_START,) = _STEPS[7]
(_END,) = _STEPS[8]
