"""Sessions at a stage of the process, with the facts recorded by then."""

from __future__ import annotations

import enum
import functools
from typing import TYPE_CHECKING, Literal

import attrs
import pendulum
from hypothesis import assume
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from incompany_rules.milestones import Schedule, schedule
from incompany_rules.session import Company, Session, Slot, Training
from incompany_rules.strategies._checks import _DAY_SECONDS, _aware, _strategy
from incompany_rules.strategies.dates import slots
from incompany_rules.strategies.parties import companies, trainings
from incompany_rules.strategies.people import participants
from incompany_rules.strategies.policy import policies

if TYPE_CHECKING:
    import datetime as dt

    from incompany_rules.participants import NationalNumber, Participant
    from incompany_rules.policy import Policy

__all__ = ["Stage", "StageName", "sessions"]


class Stage(enum.Enum):
    """A stage of the Incompany process, as [`sessions`][incompany_rules.strategies.sessions] draws it.

    A session at a stage has the facts plausibly recorded by some instant
    of that stage, and none recorded after it.
    """

    REQUESTED = "requested"
    """Requested (R1): no confirmed slot; zero to three slots proposed; no participant.

    The trainer may have been asked for availability, and the proposed dates
    forwarded to the client (R3); no other fact.
    """
    DATES_CONFIRMED = "dates_confirmed"
    """The instant the client confirmed a slot (R3): no participant, no fact recorded after it."""
    REGISTRATION_OPEN = "registration_open"
    """Some instant while participants can be registered (R8): the registration window is not
    empty; the facts due by then may be recorded; no attendance.
    """
    REGISTRATION_CLOSED = "registration_closed"
    """After registration closed (end of D-3), before the class: any number of participants,
    possibly none (R16), and then possibly the announcement that the class will not take
    place (R18); no attendance.
    """
    HELD = "held"
    """After the class (R14, R17): at least one participant registered; attendance recorded (a
    subset of the participants) or not yet; evaluation and invoice possibly recorded.
    """
    CANCELLED = "cancelled"
    """Cancelled (R15) before the class started, with or without confirmed dates; facts recorded
    before the cancellation only, fees invoiced possibly after it.
    """


StageName = Literal[
    "requested", "dates_confirmed", "registration_open", "registration_closed", "held", "cancelled"
]
"""The values of [`Stage`][incompany_rules.strategies.Stage], accepted wherever a stage is."""


def _stages(stage: object) -> tuple[Stage, ...]:
    if stage is None:
        return tuple(Stage)
    if isinstance(stage, Stage):
        return (stage,)
    try:
        return (Stage(stage),)
    except ValueError:
        names = ", ".join(repr(s.value) for s in Stage)
        raise InvalidArgument(f"stage={stage!r} must be a Stage, one of {names}, or None") from None


# What sessions() draws from by default, built once.
_POLICIES = policies()
_COMPANIES = companies()
_DIGITAL_TRAININGS = trainings(in_digital_offer=True)


def sessions(  # noqa: PLR0913 (keyword-only, as Hypothesis's own strategies)
    *,
    stage: Stage | StageName | None = None,
    policy: st.SearchStrategy[Policy] | None = None,
    company: st.SearchStrategy[Company] | None = None,
    training: st.SearchStrategy[Training] | None = None,
    min_start: dt.datetime | None = None,
    max_start: dt.datetime | None = None,
) -> st.SearchStrategy[Session]:
    """Return a strategy for valid, internally consistent sessions at `stage`.

    `stage` is a [`Stage`][incompany_rules.strategies.Stage] or its value
    (`"registration_open"`); `None` draws every stage. `policy` defaults to
    [`policies`][incompany_rules.strategies.policies] (varied figures),
    `company` to [`companies`][incompany_rules.strategies.companies],
    `training` to [`trainings`][incompany_rules.strategies.trainings] of the
    digital offer. The class (the confirmed slot, or the first proposed one)
    starts between `min_start` and `max_start`, as in
    [`slots`][incompany_rules.strategies.slots].

    The other proposed slots, if any, are the class's hours one to
    fourteen days before or after it (the same wall time, as
    `pendulum`'s `add(days=...)` moves it).

    Facts are recorded at plausible instants, each on or after the one it
    follows: requested, trainer asked for availability within three days,
    proposed dates forwarded (while some slot is proposed), then dates
    confirmed (sometimes after D-21 or even after D-3), recap within two
    days and before the class, reminder within three days from D-21 (or
    from the confirmation, if later), definitive confirmation from two days
    before to three days after D-15, link within the hour after it is due
    (24 hours, the policy's delay, after the confirmation), access e-mails
    within the hour after the link (to everyone registered then, or by
    name, leaving out who registered after), evaluation from the day after
    the class, invoice after the class, or within 30 days of the
    cancellation. A request not yet confirmed was made one hour to 180 days
    before its class. Up to three more participants than the policy's
    minimum are registered (at least one in a class held). When no one is
    registered as registration closes, the announcement that the class
    will not take place may follow within a day (R16, R18). Half the
    sessions record every step of the fund and the platform that is due by
    their stage, so that access e-mails are drawn often. Cancellation
    instants favour the deadlines themselves: 00:00 on D-21, on D-14 (the
    end of free cancellation) and on D-2 (the end of D-3), and the second
    before each. Facts are expressed on the policy's clock or in UTC, as a
    caller's database may give them.

    Shrinks towards a session at the earliest stage allowed, with the
    default policy, as few slots, participants and recorded facts as the
    stage allows, dates confirmed four weeks before registration closes and
    requested two weeks before that (a request not yet confirmed: six
    weeks before its class).
    """
    stages = _stages(stage)
    policies_ = _POLICIES if policy is None else policy
    companies_ = _COMPANIES if company is None else company
    trainings_ = _DIGITAL_TRAININGS if training is None else training
    _strategy(policies_, "policy")
    _strategy(companies_, "company")
    _strategy(trainings_, "training")
    low, high = _aware(min_start, "min_start"), _aware(max_start, "max_start")
    if low is not None and high is not None and low > high:
        raise InvalidArgument(f"min_start={min_start} must not be after max_start={max_start}")
    return _sessions(
        stages=st.sampled_from(stages),
        policies_=policies_,
        companies_=companies_,
        trainings_=trainings_,
        low=low,
        high=high,
        default_company=company is None,
    )


def _seconds(draw: st.DrawFn, low: int, high: int, *, prefer: int | None = None) -> int:
    """Draw whole seconds in `[low, high]`, shrinking towards `prefer` if allowed."""
    if prefer is not None and low <= prefer <= high and not draw(st.booleans()):
        return prefer
    return draw(st.integers(low, high))


def _within(draw: st.DrawFn, low: pendulum.DateTime, high: pendulum.DateTime) -> pendulum.DateTime:
    """Draw an instant in `[low, high]` (not empty), whole seconds after `low`."""
    return low.add(seconds=_seconds(draw, 0, int((high - low).total_seconds())))


@functools.lru_cache(maxsize=256)
def _session_slots(
    zone: str, low: pendulum.DateTime | None, high: pendulum.DateTime | None
) -> st.SearchStrategy[Slot]:
    return slots(tz=zone, min_start=low, max_start=high)


def _nonzero(days: int) -> int:
    """Map `-14..13` onto `-14..-1` and `1..14`, with 0 (the shrink target) on 1."""
    return days if days < 0 else days + 1


_SHIFTS = st.lists(st.integers(-14, 13).map(_nonzero), max_size=2, unique=True)
_PROJECTS = st.integers(1, 9999)
_GROUPS = st.integers(1, 9)


@st.composite
def _sessions(  # noqa: PLR0913 (each argument of sessions() reaches here)
    draw: st.DrawFn,
    *,
    stages: st.SearchStrategy[Stage],
    policies_: st.SearchStrategy[Policy],
    companies_: st.SearchStrategy[Company],
    trainings_: st.SearchStrategy[Training],
    low: pendulum.DateTime | None,
    high: pendulum.DateTime | None,
    default_company: bool,
) -> Session:
    stage = draw(stages)
    policy = draw(policies_)
    slot = draw(_session_slots(policy.timezone, low, high))
    fact_tz = "UTC" if draw(st.booleans()) else policy.timezone
    planned = None
    if draw(st.booleans()):
        planned = draw(st.integers(policy.min_participants, policy.min_participants + 10))
    fields: dict[str, object] = {
        "project": f"IC-{slot.start.year}-{draw(_PROJECTS):04d}",
        "group": f"G{draw(_GROUPS)}",
        "training": draw(trainings_),
        "company": draw(companies_),
        "policy": policy,
        "planned_participants": planned,
        "proposed_slots": (slot, *_alternatives(draw, slot)),
    }
    if stage is Stage.REQUESTED or (stage is Stage.CANCELLED and draw(st.integers(0, 3)) == 0):
        _unconfirmed(draw, fields, slot, cancel=stage is Stage.CANCELLED)
    else:
        _confirmed(draw, fields, slot, stage)
    if default_company:
        # A session was requested, so its company had submitted a training plan (R1).
        requested: pendulum.DateTime = fields["requested_at"]  # type: ignore[assignment]
        before = _seconds(draw, 0, 365 * _DAY_SECONDS, prefer=30 * _DAY_SECONDS)
        fields["company"] = attrs.evolve(
            fields["company"],  # type: ignore[misc]
            training_plan_submitted_at=requested.subtract(seconds=before),
        )
    # Every fact on one clock, as a caller's database gives them; built once, validated once.
    for name in _FACTS:
        value = fields.get(name)
        if isinstance(value, pendulum.DateTime):
            fields[name] = value.in_tz(fact_tz)
    return Session(**fields)  # type: ignore[arg-type]


def _alternatives(draw: st.DrawFn, slot: Slot) -> list[Slot]:
    """Draw other slots the trainer proposed: the same hours, a few days before or after."""
    moved = (_moved(slot, days) for days in draw(_SHIFTS))
    return [other for other in moved if other is not None]


def _moved(slot: Slot, days: int) -> Slot | None:
    """Return the class at the same local hours `days` days later, if it is still one.

    A wall time in a daylight-saving gap moves forward, so a class that starts
    in the gap may start at or after its end (Brussels, 02:50 to 03:20 moved
    onto the last Sunday of March), and one that ends in a gap just before
    midnight may end the next day (Nuuk, 22:50 to 23:10 moved onto the last
    Saturday of March): `None` then.
    """
    start, end = slot.start.add(days=days), slot.end.add(days=days)
    if start < end and start.date() == end.date():
        return Slot(start, end)
    return None


def _unconfirmed(draw: st.DrawFn, fields: dict[str, object], slot: Slot, *, cancel: bool) -> None:
    proposed: tuple[Slot, ...] = fields["proposed_slots"]  # type: ignore[assignment]
    # Equivalent without its upper bound: a slice end past the last slot keeps them all.
    fields["proposed_slots"] = proposed[: draw(st.integers(0, len(proposed)))]  # pragma: no mutate
    requested_at = slot.start.subtract(
        seconds=_seconds(draw, 3600, 180 * _DAY_SECONDS, prefer=42 * _DAY_SECONDS)
    )
    fields["requested_at"] = requested_at
    cutoff = slot.start.subtract(seconds=1)
    if cancel:
        cancelled_at = _within(draw, requested_at.add(seconds=1), cutoff)
        fields["cancelled_at"] = cancelled_at
        cutoff = cancelled_at
        if draw(st.booleans()):
            fields["fees_invoiced_at"] = _within(draw, cancelled_at, cancelled_at.add(days=30))
    _planning(draw, fields, requested_at, cutoff, forward=bool(fields["proposed_slots"]))


def _planning(
    draw: st.DrawFn,
    fields: dict[str, object],
    requested_at: pendulum.DateTime,
    until: pendulum.DateTime,
    *,
    forward: bool,
) -> None:
    """Draw the planning facts (R3) recorded by `until`: availability asked, dates forwarded.

    The fund asks the trainer within three days of the request, and forwards
    the proposed dates (if `forward`: some slot is proposed) after that.
    """
    asked = _maybe(draw, requested_at, min(until, requested_at.add(days=3)))
    forwarded = None
    if forward:
        after = asked or requested_at
        forwarded = _maybe(draw, after, min(until, after.add(days=7)))
    fields.update(availability_asked_at=asked, dates_forwarded_at=forwarded)


def _confirmed(draw: st.DrawFn, fields: dict[str, object], slot: Slot, stage: Stage) -> None:
    # The calendar does not depend on when the dates were confirmed: ask it once.
    provisional = Session(
        **fields,  # type: ignore[arg-type]
        requested_at=slot.start,
        confirmed_slot=slot,
        dates_confirmed_at=slot.start,
    )
    plan = schedule(provisional)
    # Confirmed before registration closes, or (when the stage allows) later, up
    # to two seconds before the class: late confirmations happen too.
    latest = plan.start.subtract(seconds=2)
    if stage in {Stage.REGISTRATION_OPEN, Stage.HELD}:
        latest = plan.registration_closes.subtract(seconds=2)
    lead = _seconds(
        draw,
        int((plan.registration_closes - latest).total_seconds()),
        180 * _DAY_SECONDS,
        prefer=28 * _DAY_SECONDS,
    )
    confirmed_at = plan.registration_closes.subtract(seconds=lead)
    requested_at = confirmed_at.subtract(
        seconds=_seconds(draw, 60, 120 * _DAY_SECONDS, prefer=14 * _DAY_SECONDS)
    )
    fields.update(requested_at=requested_at, confirmed_slot=slot, dates_confirmed_at=confirmed_at)
    _planning(draw, fields, requested_at, confirmed_at, forward=True)

    cancelled_at = None
    if stage is Stage.DATES_CONFIRMED:
        return
    if stage is Stage.REGISTRATION_OPEN:
        as_of = confirmed_at.add(
            seconds=_seconds(
                draw, 1, int((plan.registration_closes - confirmed_at).total_seconds()) - 1
            )
        )
    elif stage is Stage.REGISTRATION_CLOSED:
        opened = max(plan.registration_closes, confirmed_at)
        # Only a class at 00:00 on the day registration closes leaves no such instant.
        assume(opened < plan.start)
        as_of = _within(draw, opened, plan.start.subtract(seconds=1))
    elif stage is Stage.HELD:
        as_of = plan.end.add(seconds=_seconds(draw, 0, 60 * _DAY_SECONDS))
    else:
        cancelled_at = _cancellation(draw, confirmed_at, plan)
        as_of = cancelled_at
    _facts(draw, fields, provisional, plan, stage=stage, as_of=as_of, cancelled_at=cancelled_at)


def _cancellation(
    draw: st.DrawFn, confirmed_at: pendulum.DateTime, plan: Schedule
) -> pendulum.DateTime:
    """Draw a cancellation after the confirmation and before the class, often at a deadline."""
    deadlines = [
        moment.add(seconds=nudge)
        for moment in (plan.free_cancellation_closes, plan.registration_closes, plan.reminder)
        for nudge in (-1, 0)
    ]
    inside = [m for m in deadlines if confirmed_at < m < plan.start]
    if bool(inside) and draw(st.booleans()):
        return draw(st.sampled_from(inside))
    return confirmed_at.add(
        seconds=draw(st.integers(1, int((plan.start - confirmed_at).total_seconds()) - 1))
    )


def _maybe(
    draw: st.DrawFn, low: pendulum.DateTime, high: pendulum.DateTime, *, surely: bool = False
) -> pendulum.DateTime | None:
    """Draw an instant in `[low, high]` if the fact is recorded (shrinks to not recorded).

    With `surely`, a fact whose window is not empty is always recorded.
    """
    if high < low or not (surely or draw(st.booleans())):
        return None
    return _within(draw, low, high)


def _number_of(person: Participant) -> NationalNumber:
    return person.national_number


@functools.cache
def _registered(fewest: int, most: int) -> st.SearchStrategy[list[Participant]]:
    return st.lists(_PARTICIPANTS, min_size=fewest, max_size=most, unique_by=_number_of)


def _facts(  # noqa: PLR0913 (the session so far, its calendar and the stage's instants)
    draw: st.DrawFn,
    fields: dict[str, object],
    provisional: Session,
    plan: Schedule,
    *,
    stage: Stage,
    as_of: pendulum.DateTime,
    cancelled_at: pendulum.DateTime | None,
) -> None:
    """Draw the facts plausibly recorded by `as_of` (before the cancellation, if any).

    Half the sessions are run diligently: each step of the fund and the
    platform whose time has come by `as_of` is recorded (the recap, the
    definitive confirmation, the link, the access e-mails), so that the
    facts that follow others are drawn often; the other half record each
    fact or not.
    """
    confirmed_at: pendulum.DateTime = fields["dates_confirmed_at"]  # type: ignore[assignment]
    cutoff = cancelled_at or as_of
    held = stage is Stage.HELD
    diligent = draw(st.booleans())
    people: list[Participant] = []
    if confirmed_at < min(cutoff, plan.registration_closes):
        most = provisional.policy.min_participants + 3
        people = draw(_registered(1 if held else 0, most))
    reminder_due = max(plan.reminder, confirmed_at)
    planned = plan.definitive_confirmation
    definitive = _maybe(
        draw,
        max(confirmed_at, planned.subtract(days=2)),
        min(cutoff, planned.add(days=3)),
        surely=diligent,
    )
    before_class = plan.start.subtract(seconds=1)
    recap_until = min(cutoff, confirmed_at.add(days=2), before_class)
    fields.update(
        participants=people,
        recap_sent_at=_maybe(draw, confirmed_at, recap_until, surely=diligent),
        reminder_sent_at=_maybe(draw, reminder_due, min(cutoff, reminder_due.add(days=3))),
        definitive_confirmation_at=definitive,
        zoom_checked_at=_maybe(draw, confirmed_at, min(cutoff, before_class)),
        cancelled_at=cancelled_at,
    )
    if not people and stage in {Stage.REGISTRATION_CLOSED, Stage.CANCELLED}:
        # No list when registration closed: the class will not take place (R16, R18).
        closed = max(plan.registration_closes, confirmed_at)
        fields["not_held_announced_at"] = _maybe(draw, closed, min(cutoff, closed.add(days=1)))
    if definitive is not None:
        # The link counts from the confirmation as recorded: ask the calendar again.
        plan = schedule(provisional.evolve(definitive_confirmation_at=definitive))
        link_until = min(cutoff, plan.platform_link.add(hours=1))
        link = _maybe(draw, plan.platform_link, link_until, surely=diligent)
        emails_at = None
        if link is not None and plan.participant_access_email is not None:
            emails_at = _maybe(draw, link, min(cutoff, link.add(hours=1)), surely=diligent)
        fields.update(
            link_generated_at=link,
            access_emails_sent_at=emails_at,
            access_emailed=_emailed(draw, people) if emails_at is not None else None,
        )
    if held:
        attended = None
        if draw(st.booleans()):
            attended = frozenset(p.national_number for p in people if draw(st.booleans()))
        fields.update(
            attendance=attended,
            evaluation_sent_at=_maybe(
                draw, plan.evaluation, min(as_of, plan.evaluation.add(days=2))
            ),
            fees_invoiced_at=_maybe(draw, plan.end, as_of),
        )
    elif cancelled_at is not None:
        fields["fees_invoiced_at"] = _maybe(draw, cancelled_at, cancelled_at.add(days=30))


def _emailed(draw: st.DrawFn, people: list[Participant]) -> frozenset[NationalNumber] | None:
    """Draw who was sent the access e-mail (R12): `None` (everyone registered then) or by name.

    By name, the e-mail went to the people registered when it was sent:
    the first ones in registration order, all of them or fewer (the others
    registered after it).
    """
    # Equivalent but for shrinking: either answer is drawn half the time.
    if not draw(st.booleans()):  # pragma: no mutate
        return None
    reached = len(people) - draw(st.integers(0, len(people)))
    return frozenset(person.national_number for person in people[:reached])


_PARTICIPANTS = participants()

_FACTS = (
    "requested_at",
    "availability_asked_at",
    "dates_forwarded_at",
    "dates_confirmed_at",
    "recap_sent_at",
    "reminder_sent_at",
    "definitive_confirmation_at",
    "link_generated_at",
    "access_emails_sent_at",
    "zoom_checked_at",
    "not_held_announced_at",
    "cancelled_at",
    "evaluation_sent_at",
    "fees_invoiced_at",
)
