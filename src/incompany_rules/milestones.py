"""The calendar of one session: every dated step, and the only place that counts days.

Time base (T2-T5). ``D`` is the local calendar date, in the policy's
timezone (``Europe/Brussels`` by default), on which the online class starts.
``D-n`` is that date minus *n calendar days*, never n x 24 hours, so a
milestone "on D-n" is at 00:00 on the local clock whatever daylight-saving
change lies between it and the class (T4), and a window "until D-n" closes
at 00:00 on D-n+1, an instant that is already closed (T3). The one rule in
hours, the platform link 24 h after the definitive confirmation (R11), counts
elapsed time: across a change the local clock shows 23:00 or 01:00 (T5).

The milestones of one session, in order:

=========================  ======  ===========================================
milestone                  rule    instant
=========================  ======  ===========================================
dates confirmed            R3      when the client confirmed a slot
registration opens         R8      the same instant
reminder                   R6      00:00 on D-21
tacit confirmation         R7      the reminder's instant
definitive confirmation    R10     00:00 on D-15
free cancellation closes   R15     00:00 on D-14 (end of D-15)
platform link              R11     confirmation + 24 elapsed hours, from the
                                   recorded confirmation when there is one
participant access e-mail  R12     the link's instant, for links from 2021-03-01
registration closes        R8      00:00 on D-2 (end of D-3)
class start, class end     R3      the confirmed slot
evaluation                 R14     00:00 on the day after the class
=========================  ======  ===========================================

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
import pendulum

from incompany_rules.errors import InvalidSessionError
from incompany_rules.instants import instant, local, utc
from incompany_rules.process import MILESTONE_RULES
from incompany_rules.session import Session, Slot

if TYPE_CHECKING:
    from incompany_rules.policy import Policy
from incompany_rules.validation import expect

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

_UTC = dt.UTC


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


@attrs.frozen
class Milestone:
    """One dated step of a session: what, when (policy timezone), under which rule."""

    kind: MilestoneKind
    at: pendulum.DateTime = attrs.field(eq=utc)
    #: A :class:`~incompany_rules.rules.Rule` (a ``str``).
    rule: str
    window: Window | None = None

    @property
    def sort_key(self) -> tuple[dt.datetime, int]:
        """Instant first (compared in UTC), then process order."""
        return (utc(self.at), _ORDER[self.kind])


def day_start(day: dt.date, tz: pendulum.Timezone) -> pendulum.DateTime:
    """Return 00:00 on the local clock of ``tz`` on ``day`` (T4).

    Calendar days are counted on ``date`` values, which have no clock and so
    no daylight-saving trap; only the result is placed on the local clock.
    The policy timezone is assumed to have a midnight on every day, as
    ``Europe/Brussels`` does (it changes its clocks at 02:00 and 03:00).

    >>> day_start(dt.date(2026, 3, 29), pendulum.timezone("Europe/Brussels")).isoformat()
    '2026-03-29T00:00:00+01:00'
    """
    return pendulum.DateTime(day.year, day.month, day.day, tzinfo=tz)


def end_of_day(moment: dt.datetime, tz: pendulum.Timezone) -> pendulum.DateTime:
    """Return 00:00 on the local day after ``moment``'s: when a step of that day is late (T4).

    >>> end_of_day(pendulum.datetime(2026, 3, 28, 15, tz="Europe/Brussels"),
    ...     pendulum.timezone("Europe/Brussels")).isoformat()
    '2026-03-29T00:00:00+01:00'
    """
    return _midnight(local(moment, tz).toordinal() + 1, tz)


def slot_registration_closes(slot: Slot, policy: Policy) -> pendulum.DateTime:
    """Return 00:00 on D-2 of ``slot``'s class, the end of D-3: when confirming it stops (R3, R8).

    >>> from incompany_rules import DEFAULT_POLICY, Slot
    >>> start = pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels")
    >>> slot_registration_closes(Slot(start, start.add(hours=3)), DEFAULT_POLICY).isoformat()
    '2026-03-30T00:00:00+02:00'
    """
    ordinal = local(slot.start, policy.tz).toordinal()
    return _midnight(ordinal - policy.registration_days_before + 1, policy.tz)


def after_hours(base: dt.datetime, hours: int, tz: pendulum.Timezone) -> pendulum.DateTime:
    """Return the instant ``hours`` elapsed hours after ``base``, on the clock of ``tz`` (T5).

    >>> brussels = pendulum.timezone("Europe/Brussels")
    >>> after_hours(pendulum.datetime(2026, 10, 25, tz=brussels), 24, brussels).isoformat()
    '2026-10-25T23:00:00+01:00'
    """
    moment = base.astimezone(_UTC)
    # Elapsed time is added to a plain UTC datetime: pendulum's ``+`` would be slower.
    moment = dt.datetime(
        moment.year,
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second,
        moment.microsecond,
        tzinfo=_UTC,
    )
    return local(moment + dt.timedelta(hours=hours), tz)


def _midnight(ordinal: int, tz: pendulum.Timezone) -> pendulum.DateTime:
    """00:00 on the local clock of ``tz`` on the day of proleptic ``ordinal`` (T4).

    Days are counted on ordinals, plain integers: the fastest calendar there is.
    """
    day = dt.date.fromordinal(ordinal)
    return pendulum.DateTime(day.year, day.month, day.day, tzinfo=tz)  # as day_start()


@attrs.frozen
class Schedule:
    """Every instant of one session's calendar, on the policy's local clock.

    Build it with :func:`schedule`. Rules that need a date read it here
    rather than count days themselves.
    """

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
    #: The link's instant when participants are e-mailed too, else ``None`` (R12).
    participant_access_email: pendulum.DateTime | None
    #: 00:00 on D-2: the end of D-3 (R8, R16).
    registration_closes: pendulum.DateTime
    #: The class (R3).
    start: pendulum.DateTime
    end: pendulum.DateTime
    #: 00:00 on the day after the class (R14).
    evaluation: pendulum.DateTime

    def registration_is_open(self, now: dt.datetime) -> bool:
        """Whether ``now`` lies in ``[dates confirmed, end of D-3)`` (R8)."""
        at = utc(instant(now, field="now"))
        return utc(self.dates_confirmed) <= at < utc(self.registration_closes)

    def cancellation_is_free(self, when: dt.datetime) -> bool:
        """Whether a cancellation notified at ``when`` is before the end of D-15 (R15)."""
        return utc(instant(when, field="when")) < utc(self.free_cancellation_closes)


def _require_session(session: object) -> None:
    expect(session, Session, field="session")


def schedule(session: Session) -> Schedule:
    """Return the calendar of a session whose dates are confirmed.

    Raises :class:`~incompany_rules.errors.InvalidSessionError` when no slot
    is confirmed yet: before that there is no ``D`` to count from.
    """
    fixed = deadlines(session)
    policy = session.policy
    tz = policy.tz
    start, end = fixed.start, fixed.end
    ordinal = start.toordinal()

    def before(days: int) -> pendulum.DateTime:
        return _midnight(ordinal - days, tz)

    definitive = before(policy.definitive_confirmation_days_before)
    link = after_hours(
        session.definitive_confirmation_at or definitive, policy.link_delay_hours, tz
    )
    # R12 applies by the link's date: the recorded one when there is one.
    recorded = session.link_generated_at
    emails = link if recorded is None else local(recorded, tz)
    emails_apply = emails.date() >= policy.participant_email_from
    return Schedule(
        day=start.date(),
        dates_confirmed=fixed.dates_confirmed,
        reminder=before(policy.reminder_days_before),
        definitive_confirmation=definitive,
        free_cancellation_closes=fixed.free_cancellation_closes,
        platform_link=link,
        participant_access_email=emails if emails_apply else None,
        registration_closes=fixed.registration_closes,
        start=start,
        end=end,
        evaluation=_midnight(end.toordinal() + policy.evaluation_days_after, tz),
    )


class Deadlines(NamedTuple):
    """The instants of :class:`Schedule` that the fee rules compare against.

    :func:`deadlines` computes them with the same code as :func:`schedule`,
    without the rest of the calendar: a lighter answer for rules evaluated
    over many sessions (R8, R15, R16, R17).
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


def deadlines(session: Session) -> Deadlines:
    """Return the deadlines of a session whose dates are confirmed, as :func:`schedule` would.

    >>> from incompany_rules.examples import confirmed_session
    >>> session = confirmed_session(pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels"))
    >>> deadlines(session).registration_closes == schedule(session).registration_closes
    True

    Raises :class:`~incompany_rules.errors.InvalidSessionError` when no slot
    is confirmed yet.
    """
    _require_session(session)
    slot, confirmed_at = session.confirmed_slot, session.dates_confirmed_at
    if slot is None or confirmed_at is None:
        raise InvalidSessionError(
            "Session.confirmed_slot", "no slot is confirmed yet, so the session has no dates"
        )
    policy = session.policy
    tz = policy.tz
    # Inlined for speed (fees_due runs this per session): local() and _midnight().
    start, end = slot.start, slot.end
    if start.tzinfo is not tz or type(start) is not pendulum.DateTime:
        start = local(start, tz)
    if end.tzinfo is not tz or type(end) is not pendulum.DateTime:
        end = local(end, tz)
    if confirmed_at.tzinfo is not tz or type(confirmed_at) is not pendulum.DateTime:
        confirmed_at = local(confirmed_at, tz)
    ordinal = start.toordinal()
    free = dt.date.fromordinal(ordinal - policy.free_cancellation_days_before + 1)
    closes = dt.date.fromordinal(ordinal - policy.registration_days_before + 1)
    return _new_deadlines(
        Deadlines,
        (
            confirmed_at,
            pendulum.DateTime(free.year, free.month, free.day, tzinfo=tz),
            pendulum.DateTime(closes.year, closes.month, closes.day, tzinfo=tz),
            start,
            end,
        ),
    )


_new_deadlines = tuple.__new__  # builds a Deadlines without the Python frame of its __new__


def milestones(session: Session) -> tuple[Milestone, ...]:
    """Return every dated step of ``session``, sorted by instant then process order.

    A session whose dates are not confirmed has no dated step yet: the
    result is empty. Nothing is dated before the request nor before the
    dates were confirmed (T8): for a session confirmed late, the reminder,
    the definitive confirmation and the end of free cancellation fall at the
    confirmation. The calendar does not change when a session is cancelled;
    what cancellation leaves to do is ``next_actions``' business.
    """
    _require_session(session)
    if session.confirmed_slot is None:
        return ()
    s = schedule(session)
    kind = MilestoneKind
    floor = max(s.dates_confirmed, local(session.requested_at, session.policy.tz), key=utc)
    # Listed in process order; the sort is stable, so that steps at one
    # instant keep that order.
    found: list[tuple[MilestoneKind, pendulum.DateTime, Window | None]] = [
        (kind.DATES_CONFIRMED, s.dates_confirmed, None),
        (kind.REGISTRATION_OPENS, s.dates_confirmed, Window.OPENS),
        (kind.REMINDER, s.reminder, None),
        (kind.TACIT_CONFIRMATION, s.reminder, None),
        (kind.DEFINITIVE_CONFIRMATION, s.definitive_confirmation, None),
        (kind.FREE_CANCELLATION_CLOSES, s.free_cancellation_closes, Window.CLOSES),
        (kind.PLATFORM_LINK, s.platform_link, None),
    ]
    if s.participant_access_email is not None:
        found.append((kind.PARTICIPANT_ACCESS_EMAIL, s.participant_access_email, None))
    found += [
        (kind.REGISTRATION_CLOSES, s.registration_closes, Window.CLOSES),
        (kind.CLASS_START, s.start, None),
        (kind.CLASS_END, s.end, None),
        (kind.EVALUATION, s.evaluation, None),
    ]
    result = [
        Milestone(what, floor if utc(at) < utc(floor) else at, MILESTONE_RULES[what.value], window)
        for what, at, window in found
    ]
    result.sort(key=_sort_key)
    return tuple(result)


def _sort_key(milestone: Milestone) -> tuple[dt.datetime, int]:
    return milestone.sort_key
