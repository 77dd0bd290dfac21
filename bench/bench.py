"""Time the library per session against a standard-library baseline over the same sessions.

Run from the project root::

    .venv/bin/python bench/bench.py [--sessions N] [--seed S] [--repeat R]

It generates ``N`` (default 100,000) varied confirmed sessions, the same for a
given seed: class days over two years, many near the Brussels clock changes,
several policies, 0 to 9 participants, attendance recorded or not, some
cancellations, dates sometimes confirmed after registration closed. Each
session comes with an instant ``now`` near one of its milestones, given on
the Brussels clock (``pendulum``), in UTC or in Tokyo (``zoneinfo``).

Each section times one library function over every session, and a baseline
doing the same computation with only ``datetime`` and ``zoneinfo``, over
plain tuples prepared outside the timed loop. Both answers are compared
first, so the baseline is known to compute the same thing. The table gives
microseconds per session (best of ``R`` runs) and their ratio. Last, the
import time of ``incompany_rules``, alone and with the modules of the four
functions timed, next to ``pendulum`` and ``attrs`` (``python -X importtime``, the
median of ten fresh interpreters each, taken in turn, the library's
bytecode written first as pip writes it on install).

Adding a function is one more :class:`Section` in :data:`SECTIONS`.

This is a script, not a test: standard library only, besides the library.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import gc
import os
import platform
import random
import statistics
import subprocess
import sys
import time
import tracemalloc
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, cast

import pendulum

import incompany_rules
from incompany_rules import (
    DEFAULT_POLICY,
    Company,
    Participant,
    Policy,
    Session,
    ShortfallBasis,
    Slot,
    Training,
    action_rows,
    cancellation_fee,
    fee_rows,
    fees_due,
    instants,
    milestones,
    next_actions,
    schedule,
)
from incompany_rules.examples import ACME, EXCEL

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

BRUSSELS = pendulum.timezone("Europe/Brussels")
UTC = dt.UTC
TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")
MIDNIGHT = dt.time(0)

POLICIES = (
    DEFAULT_POLICY,
    DEFAULT_POLICY.evolve(min_participants=8, shortfall_fee_per_person="160.50"),
    DEFAULT_POLICY.evolve(shortfall_basis="registered", late_cancellation_fee="400"),
    DEFAULT_POLICY.evolve(free_cancellation_days_before=10, registration_days_before=5),
)


# --------------------------------------------------------------------------
# The plain rows the baselines read: only datetime, zoneinfo and Decimal.


class PlainPolicy(NamedTuple):
    """The policy's figures, as the baseline reads them."""

    tz: zoneinfo.ZoneInfo
    min_participants: int
    reminder_days: int
    definitive_days: int
    free_days: int
    link_hours: int
    registration_days: int
    evaluation_days: int
    email_from: dt.date
    late_fee: Decimal
    list_fee: Decimal
    shortfall_fee: Decimal
    on_attendance: bool
    invoicing_days: int | None


class Row(NamedTuple):
    """One session and its ``now``, as plain standard-library values."""

    policy: PlainPolicy
    start: dt.datetime
    end: dt.datetime
    confirmed: dt.datetime
    definitive_at: dt.datetime | None
    cancelled: dt.datetime | None
    registered: int
    attended: int | None
    now: dt.datetime
    requested: dt.datetime | None = None
    #: reminder sent, link generated, access e-mails sent, Zoom checked,
    #: evaluation sent, fees invoiced, recap sent, not held announced
    #: (``None`` until recorded).
    facts: tuple[dt.datetime | None, ...] = (None,) * 8


class Case(NamedTuple):
    """One session and its ``now``, as the library takes them."""

    session: Session
    now: dt.datetime


def plain(moment: dt.datetime) -> dt.datetime:
    """Return the same instant as a standard-library datetime (zoneinfo or UTC)."""
    tz = moment.tzinfo
    zone = zoneinfo.ZoneInfo(tz.key) if isinstance(tz, zoneinfo.ZoneInfo) else UTC
    u = moment.astimezone(UTC)
    utc = dt.datetime(u.year, u.month, u.day, u.hour, u.minute, u.second, u.microsecond, tzinfo=UTC)
    return utc.astimezone(zone)


def plain_policy(policy: Policy) -> PlainPolicy:
    """Return the figures of ``policy`` as plain values."""
    return PlainPolicy(
        tz=zoneinfo.ZoneInfo(policy.timezone),
        min_participants=policy.min_participants,
        reminder_days=policy.reminder_days_before,
        definitive_days=policy.definitive_confirmation_days_before,
        free_days=policy.free_cancellation_days_before,
        link_hours=policy.link_delay_hours,
        registration_days=policy.registration_days_before,
        evaluation_days=policy.evaluation_days_after,
        email_from=policy.participant_email_from,
        late_fee=policy.late_cancellation_fee,
        list_fee=policy.missing_list_fee,
        shortfall_fee=policy.shortfall_fee_per_person,
        on_attendance=policy.shortfall_basis is ShortfallBasis.ATTENDED,
        invoicing_days=policy.invoicing_days_after,
    )


# --------------------------------------------------------------------------
# Generated sessions


def national_number(rng: random.Random) -> str:
    """Return a valid national register number of someone born in the 20th century."""
    birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(365 * 49))
    first = f"{birth:%y%m%d}{rng.randrange(1, 998):03d}"
    return f"{first}{97 - int(first) % 97:02d}"


def participants(rng: random.Random, count: int) -> tuple[Participant, ...]:
    """Return ``count`` distinct participants."""
    numbers = {national_number(rng) for _ in range(count * 2)}
    return tuple(
        Participant(number, f"p{index}@acme.example")
        for index, number in enumerate(sorted(numbers)[:count])
    )


def class_day(rng: random.Random) -> dt.date:
    """Return a day in 2026-2027, two in five within weeks of a Brussels clock change."""
    if rng.random() < 0.4:
        year = rng.choice((2026, 2027))
        month = rng.choice((3, 10))
        last = dt.date(year, month, 31)
        sunday = last - dt.timedelta(days=(last.weekday() + 1) % 7)
        return sunday + dt.timedelta(days=rng.randint(-5, 25))
    return dt.date(2026, 1, 5) + dt.timedelta(days=rng.randrange(700))


def make_session(rng: random.Random, index: int, pool: Sequence[Participant]) -> Session:
    """Return one confirmed session, its facts drawn from ``rng``."""
    policy = rng.choice(POLICIES)
    day = class_day(rng)
    begin = rng.randint(7 * 4, 17 * 4) * 15
    length = rng.randint(4, 32) * 15
    start = pendulum.datetime(day.year, day.month, day.day, begin // 60, begin % 60, tz=BRUSSELS)
    end = start.add(minutes=min(length, 23 * 60 + 59 - begin))
    slot = Slot(start, end)
    lead = 1 if rng.random() < 0.05 else rng.randint(4, 120)  # sometimes after D-3
    confirmed = pendulum.datetime(day.year, day.month, day.day, 10, tz=BRUSSELS).subtract(days=lead)
    session = Session(
        project=f"IC-{day.year}-{index:06d}",
        group=f"G{rng.randint(1, 4)}",
        training=EXCEL,
        company=ACME,
        requested_at=confirmed.subtract(days=rng.randint(1, 30)),
        policy=policy,
        proposed_slots=(slot,),
        confirmed_slot=slot,
        dates_confirmed_at=confirmed,
    )
    plan = schedule(session)
    people: tuple[Participant, ...] = ()
    if plan.dates_confirmed < plan.registration_closes and rng.random() < 0.9:
        people = tuple(rng.sample(pool, rng.randint(0, 9)))
    changes: dict[str, object] = {"participants": people}
    if people and rng.random() < 0.7:
        changes["attendance"] = frozenset(p.national_number for p in people if rng.random() < 0.8)
    if rng.random() < 0.3:
        changes["definitive_confirmation_at"] = plan.definitive_confirmation.add(
            hours=rng.randint(0, 30)
        )
    if rng.random() < 0.15:
        span = int((plan.start - plan.dates_confirmed).total_seconds())
        changes["cancelled_at"] = plan.dates_confirmed.add(seconds=rng.randint(1, span - 1))
    return _with_facts(session.evolve(**changes), index)


def _with_facts(session: Session, index: int) -> Session:
    """Record the facts next_actions reads, chosen by ``index`` rather than drawn.

    The random draws stay those of the other sections, so their sessions and
    figures do not change; these facts do not change their answers either.
    """
    plan = schedule(session)
    after_confirmation = plan.dates_confirmed.add(minutes=5)
    changes: dict[str, object] = {}
    if index % 3:
        changes["reminder_sent_at"] = max(plan.reminder, after_confirmation, key=_utc)
    if index % 4 == 1:
        changes["zoom_checked_at"] = after_confirmation.add(days=1)
    if session.definitive_confirmation_at is not None and index % 2 == 0:
        changes["link_generated_at"] = plan.platform_link.add(minutes=10)
        if index % 4 == 0:
            changes["access_emails_sent_at"] = plan.platform_link.add(minutes=20)
    if index % 5 == 0:
        changes["evaluation_sent_at"] = plan.evaluation.add(hours=2)
    if index % 7 == 0:
        changes["fees_invoiced_at"] = plan.end.add(days=3)
    return session.evolve(**changes)


def near_a_milestone(rng: random.Random, session: Session) -> dt.datetime:
    """Return an instant at or around one of the session's milestones, on a varied clock."""
    anchor = rng.choice(milestones(session)).at
    moment = anchor if rng.random() < 0.2 else anchor.add(seconds=rng.randint(-259_200, 259_200))
    form = rng.random()
    if form < 0.5:
        return moment
    return plain(moment).astimezone(UTC if form < 0.75 else TOKYO)


def row(case: Case) -> Row:
    """Return the plain row of ``case`` that the baselines read."""
    session = case.session
    slot = session.confirmed_slot
    assert slot is not None  # noqa: S101 (every generated session is confirmed)
    assert session.dates_confirmed_at is not None  # noqa: S101
    attended = None if session.attendance is None else len(session.attendance)
    definitive = session.definitive_confirmation_at
    cancelled = session.cancelled_at
    return Row(
        policy=plain_policy(session.policy),
        start=plain(slot.start),
        end=plain(slot.end),
        confirmed=plain(session.dates_confirmed_at),
        definitive_at=None if definitive is None else plain(definitive),
        cancelled=None if cancelled is None else plain(cancelled),
        registered=len(session.participants),
        attended=attended,
        now=plain(case.now),
        requested=plain(session.requested_at),
        facts=tuple(
            None if fact is None else plain(fact)
            for fact in (
                session.reminder_sent_at,
                session.link_generated_at,
                session.access_emails_sent_at,
                session.zoom_checked_at,
                session.evaluation_sent_at,
                session.fees_invoiced_at,
                session.recap_sent_at,
                session.not_held_announced_at,
            )
        ),
    )


def generate(count: int, seed: int) -> list[Case]:
    """Return ``count`` sessions with their ``now``, the same for the same ``seed``."""
    rng = random.Random(seed)
    pool = participants(rng, 60)
    cases = []
    for index in range(count):
        session = make_session(rng, index, pool)
        cases.append(Case(session, near_a_milestone(rng, session)))
    return cases


# --------------------------------------------------------------------------
# Baselines: the same computations with datetime and zoneinfo only


def midnight(day: dt.date, tz: dt.tzinfo) -> dt.datetime:
    """Return 00:00 on ``day`` on the clock of ``tz``."""
    return dt.datetime.combine(day, MIDNIGHT, tz)


def baseline_milestones(r: Row) -> list[tuple[dt.datetime, int, str]]:
    """Every dated step, on the policy's clock, sorted by instant then process order."""
    p = r.policy
    tz = p.tz
    start = r.start.astimezone(tz)
    end = r.end.astimezone(tz)
    day = start.date()
    confirmed = r.confirmed.astimezone(tz)
    requested = r.requested if r.requested is not None else r.confirmed
    floor = max(confirmed, requested.astimezone(tz), key=_utc)
    reminder = midnight(day - dt.timedelta(days=p.reminder_days), tz)
    definitive = midnight(day - dt.timedelta(days=p.definitive_days), tz)
    base = definitive if r.definitive_at is None else r.definitive_at
    link = (base.astimezone(UTC) + dt.timedelta(hours=p.link_hours)).astimezone(tz)
    linked = r.facts[1]
    emails = link if linked is None else linked.astimezone(tz)
    found = [
        (confirmed, 0, "R3"),
        (confirmed, 1, "R8"),
        (reminder, 2, "R6"),
        (reminder, 3, "R7"),
        (definitive, 4, "R10"),
        (midnight(day - dt.timedelta(days=p.free_days - 1), tz), 5, "R15"),
        (link, 6, "R11"),
        (midnight(day - dt.timedelta(days=p.registration_days - 1), tz), 8, "R8"),
        (start, 9, "R3"),
        (end, 10, "R3"),
        (midnight(end.date() + dt.timedelta(days=p.evaluation_days), tz), 11, "R14"),
    ]
    if emails.date() >= p.email_from:
        found.append((emails, 7, "R12"))
    # Each instant in UTC once, where comparison is by instant; none before the floor.
    lowest = floor.astimezone(UTC)
    dated = []
    for at, order, rule in found:
        u = at.astimezone(UTC)
        dated.append((lowest, order, floor, rule) if u < lowest else (u, order, at, rule))
    dated.sort(key=lambda m: m[:2])
    return [(at, order, rule) for _, order, at, rule in dated]


def baseline_cancellation_fee(r: Row) -> tuple[object, ...]:
    """Return what cancelling at ``now`` costs (R15, R18): reason, rule, owed, figures, instants."""
    p = r.policy
    tz = p.tz
    when = r.now
    if when >= r.start:
        msg = "started"
        raise ValueError(msg)
    day = r.start.astimezone(tz).date()
    free_closes = midnight(day - dt.timedelta(days=p.free_days - 1), tz)
    closes = midnight(day - dt.timedelta(days=p.registration_days - 1), tz)
    price = p.late_fee
    if when < free_closes:
        return (
            "free_cancellation",
            "R15",
            False,
            0,
            price,
            Decimal(0),
            when.astimezone(tz),
            free_closes,
        )
    if not r.registered and r.confirmed < closes <= when:
        return (
            "list_charged_first",
            "R18",
            False,
            0,
            price,
            Decimal(0),
            when.astimezone(tz),
            closes,
        )
    return ("late_cancellation", "R15", True, 1, price, price, when.astimezone(tz), free_closes)


def baseline_fees_due(r: Row) -> list[tuple[str, str, int, Decimal, Decimal, dt.datetime]]:
    """Every charge owed as of ``now``: R16 or R15 (whichever first), else R17."""
    p = r.policy
    tz = p.tz
    start = r.start
    day = start.astimezone(tz).date()
    free_closes = midnight(day - dt.timedelta(days=p.free_days - 1), tz)
    closes = midnight(day - dt.timedelta(days=p.registration_days - 1), tz)
    now = r.now
    cancelled = r.cancelled
    if cancelled is not None:
        if cancelled >= start:
            msg = "cancelled at or after the start"
            raise ValueError(msg)
        if now < cancelled:
            cancelled = None
    if (
        not r.registered
        and now >= closes
        and r.confirmed < closes
        and (cancelled is None or cancelled >= closes)
    ):
        return [("missing_list", "R16", 1, p.list_fee, p.list_fee, closes)]
    if cancelled is not None:
        if cancelled < free_closes:
            return []
        return [("late_cancellation", "R15", 1, p.late_fee, p.late_fee, cancelled.astimezone(tz))]
    if r.registered and now >= r.end:
        present = r.attended if p.on_attendance else r.registered
        if present is not None and present < p.min_participants:
            missing = p.min_participants - present
            price = p.shortfall_fee
            return [("shortfall", "R17", missing, price, missing * price, r.end.astimezone(tz))]
    return []


ACTION_ORDER = {
    kind: index
    for index, kind in enumerate(
        (
            "ask_availability",
            "propose_slots",
            "forward_dates",
            "confirm_slot",
            "send_recap",
            "send_reminder",
            "register_participants",
            "definitive_confirmation",
            "generate_link",
            "send_access_emails",
            "prepare",
            "check_zoom",
            "announce_not_held",
            "hold_class",
            "record_attendance",
            "send_evaluation",
            "fill_in_evaluation",
            "invoice_fees",
        )
    )
}


def baseline_next_actions(r: Row) -> list[tuple[str, dt.datetime, bool, Decimal | None]]:  # noqa: C901, PLR0912, PLR0915 (one step a branch, as in the process table)
    """Return what is open at ``now``: (kind, due on the policy's clock, overdue, fee), sorted."""
    p = r.policy
    tz = p.tz
    now = r.now
    requested = r.requested if r.requested is not None else r.confirmed
    if now < requested:
        return []
    reminder_sent, linked, emailed, zoom_checked, evaluated, invoiced, recap, announced = r.facts
    floor = max(requested, r.confirmed, key=_utc)
    lowest = floor.astimezone(UTC)
    found: list[tuple[bool, dt.datetime, int, str, dt.datetime, Decimal | None]] = []

    def add(
        kind: str,
        due: dt.datetime,
        closes: dt.datetime | None = None,
        fee: Decimal | None = None,
        *,
        deadline: bool = True,
    ) -> None:
        if closes is not None and closes.astimezone(UTC) < lowest:
            return  # its window closed before the request or the dates: never open
        u = due.astimezone(UTC)
        if u < lowest:
            due, u = floor, lowest
        if closes is not None and closes < u:
            due, u = closes, closes.astimezone(UTC)
        overdue = deadline and now >= u
        found.append((not overdue, u, ACTION_ORDER[kind], kind, due, fee))

    start, end, registered = r.start, r.end, r.registered
    day = start.astimezone(tz).date()

    def day_start(days: int) -> dt.datetime:
        return midnight(day + dt.timedelta(days=days), tz)

    closes = day_start(1 - p.registration_days)
    cancelled = r.cancelled is not None
    not_held = not registered and now >= closes
    held = not cancelled and not not_held
    if held and recap is None and now < start:
        add("send_recap", r.confirmed, start, deadline=False)
    if held and reminder_sent is None and now < closes:
        add("send_reminder", day_start(1 - p.reminder_days), closes)
    if held and now < closes and registered < p.min_participants:
        missing = p.min_participants - registered
        add(
            "register_participants",
            closes,
            closes,
            p.shortfall_fee * missing if registered else p.list_fee,
        )
    if held and r.definitive_at is None and now < start:
        add("definitive_confirmation", day_start(1 - p.definitive_days), start)
    if held and r.definitive_at is not None and linked is None and now < end:
        add(
            "generate_link", r.definitive_at.astimezone(UTC) + dt.timedelta(hours=p.link_hours), end
        )
    if held and linked is not None and now < end:
        if linked.astimezone(tz).date() >= p.email_from and registered and emailed is None:
            add("send_access_emails", linked, end)
        if registered and now < start:
            add("prepare", start, start)
    if held and zoom_checked is None and now < start:
        add("check_zoom", day_start(0), start)
    if not cancelled and not_held and announced is None and now < end:
        add(
            "announce_not_held",
            min(day_start(2 - p.registration_days), start, key=_utc),
            end,
            p.list_fee,
        )
    if held and now < start:
        add("hold_class", start, start)
    if held and now >= end:
        end_day = end.astimezone(tz).date()
        if r.attended is None:
            add("record_attendance", midnight(end_day + dt.timedelta(days=1), tz))
        if evaluated is None:
            add("send_evaluation", midnight(end_day + dt.timedelta(days=p.evaluation_days + 1), tz))
    if held and evaluated is not None and registered:
        sent_day = evaluated.astimezone(tz).date()
        if now < midnight(sent_day + dt.timedelta(days=14), tz):
            add(
                "fill_in_evaluation",
                evaluated,
                midnight(sent_day + dt.timedelta(days=14), tz),
                deadline=False,
            )
    if invoiced is None:
        lines = baseline_fees_due(r)
        if lines:
            (line,) = lines
            if p.invoicing_days is None:
                add("invoice_fees", line[5], fee=line[4], deadline=False)
            else:
                arises = line[5].astimezone(tz).date()
                due = midnight(arises + dt.timedelta(days=p.invoicing_days + 1), tz)
                add("invoice_fees", due, fee=line[4])
    found.sort(key=lambda action: action[:3])
    return [(kind, due.astimezone(tz), not ahead, fee) for ahead, _, _, kind, due, fee in found]


# --------------------------------------------------------------------------
# Sections: one library function and its baseline


@dataclass(frozen=True)
class Section:
    """One line of the table: a library function and its standard-library baseline.

    ``agree`` says whether the two answers for one session are the same.
    """

    name: str
    library: Callable[[Session, dt.datetime], object]
    baseline: Callable[[Row], object]
    agree: Callable[[object, object], bool]
    #: Only the sessions whose ``now`` is before the class start (a cancellation).
    before_start: bool = False


def _utc(moment: dt.datetime) -> dt.datetime:
    # Python never finds two clocks' datetimes equal in an hour that repeats: compare in UTC.
    return moment.astimezone(UTC)


def _same_milestones(library: object, baseline: object) -> bool:
    mine = [(_utc(m.at), m.rule) for m in library]  # type: ignore[attr-defined]
    return mine == [(_utc(at), rule) for at, _, rule in baseline]  # type: ignore[attr-defined]


def _same_fees(library: object, baseline: object) -> bool:
    mine = [
        (
            line.kind.value,
            line.rule,
            line.quantity,
            line.unit_price,
            line.amount,
            _utc(line.arises_at),
        )
        for line in library  # type: ignore[attr-defined]
    ]
    theirs = [(*fields, _utc(at)) for *fields, at in baseline]  # type: ignore[attr-defined]
    return mine == theirs


def _same_actions(library: object, baseline: object) -> bool:
    mine = [
        (a.kind.value, _utc(a.due), a.overdue, a.fee if a.kind.value in _PRICED else None)
        for a in library  # type: ignore[attr-defined]
    ]
    theirs = [
        (kind, _utc(due), overdue, fee if kind in _PRICED else None)
        for kind, due, overdue, fee in baseline  # type: ignore[attr-defined]
    ]
    return mine == theirs


_PRICED = {"register_participants", "invoice_fees", "announce_not_held"}


def _same_cancellation(library: object, baseline: object) -> bool:
    fee = library  # a Fee
    mine = (
        fee.reason.value,  # type: ignore[attr-defined]
        fee.rule,  # type: ignore[attr-defined]
        fee.owed,  # type: ignore[attr-defined]
        fee.quantity,  # type: ignore[attr-defined]
        fee.unit_price,  # type: ignore[attr-defined]
        fee.amount,  # type: ignore[attr-defined]
        _utc(fee.arises_at),  # type: ignore[attr-defined]
        _utc(fee.deadline),  # type: ignore[attr-defined]
    )
    *figures, arises, deadline = cast("tuple[object, ...]", baseline)
    return mine == (*figures, _utc(arises), _utc(deadline))  # type: ignore[arg-type]


SECTIONS: list[Section] = [
    Section(
        "milestones",
        lambda session, _now: milestones(session),
        baseline_milestones,
        _same_milestones,
    ),
    Section(
        "cancellation_fee",
        cancellation_fee,
        baseline_cancellation_fee,
        _same_cancellation,
        before_start=True,
    ),
    Section("fees_due", fees_due, baseline_fees_due, _same_fees),
    Section("next_actions", next_actions, baseline_next_actions, _same_actions),
]


def check(section: Section, cases: Sequence[Case], rows: Sequence[Row]) -> int:
    """Return how many sessions the library and the baseline answer differently."""
    return sum(
        not section.agree(section.library(c.session, c.now), section.baseline(r))
        for c, r in zip(cases, rows, strict=True)
    )


def timed(run: Callable[[], None]) -> float:
    """Return the seconds ``run`` takes (the caller keeps the garbage collector off)."""
    begin = time.perf_counter()
    run()
    return time.perf_counter() - begin


def time_section(
    section: Section, cases: Sequence[Case], rows: Sequence[Row], repeat: int, chunk: int = 1000
) -> tuple[float, float]:
    """Return (library, baseline) microseconds per session.

    The sessions are timed in chunks of ``chunk``; each chunk is run
    ``repeat`` times by the library and by the baseline in turn, and the
    fastest run of each counts. A busy machine thus slows both alike, and a
    burst of load elsewhere costs one run of one chunk, not the figure.
    """
    library, baseline = section.library, section.baseline
    gc.collect()
    gc.disable()  # a collection would land on whichever side happens to trigger it
    try:
        ours, theirs = _chunks(library, baseline, cases, rows, repeat=repeat, chunk=chunk)
    finally:
        gc.enable()
    count = len(cases)
    return ours / count * 1e6, theirs / count * 1e6


def _chunks(  # noqa: PLR0913 (the pieces of one timing)
    library: Callable[[Session, dt.datetime], object],
    baseline: Callable[[Row], object],
    cases: Sequence[Case],
    rows: Sequence[Row],
    *,
    repeat: int,
    chunk: int,
) -> tuple[float, float]:
    """Return the seconds of the library and of the baseline, summed over the chunks."""
    ours = theirs = 0.0
    for first in range(0, len(cases), chunk):
        some_cases, some_rows = cases[first : first + chunk], rows[first : first + chunk]

        def run_library(some: Sequence[Case] = some_cases) -> None:
            for session, now in some:
                library(session, now)

        def run_baseline(some: Sequence[Row] = some_rows) -> None:
            for r in some:
                baseline(r)

        mine, base = [], []
        for _ in range(repeat):
            mine.append(timed(run_library))
            base.append(timed(run_baseline))
        ours += min(mine)
        theirs += min(base)
    return ours, theirs


# --------------------------------------------------------------------------
# Building sessions


def plain_values(case: Case) -> dict[str, object]:
    """Return the values a ``Session`` of ``case`` is built from: text, numbers, stdlib datetimes.

    Participants are values an application keeps from one session to the next
    (people are registered once), so they are passed as they are.
    """
    session = case.session
    slot = session.confirmed_slot
    assert slot is not None  # noqa: S101 (every generated session is confirmed)
    values: dict[str, object] = {
        "project": session.project,
        "group": session.group,
        "training": (session.training.code, session.training.title),
        "company": (session.company.number, session.company.name),
        "requested_at": plain(session.requested_at),
        "policy": session.policy,
        "slot": (plain(slot.start), plain(slot.end)),
        "dates_confirmed_at": plain(session.dates_confirmed_at),  # type: ignore[arg-type]
        "participants": session.participants,
    }
    for name in ("definitive_confirmation_at", "cancelled_at", "reminder_sent_at"):
        value = getattr(session, name)
        values[name] = None if value is None else plain(value)
    return values


def build(values: dict[str, object]) -> Session:
    """Return the validated ``Session`` of ``values`` (every field checked by its constructor)."""
    slot = Slot(*values["slot"])  # type: ignore[misc]
    return Session(
        project=values["project"],
        group=values["group"],
        training=Training(*values["training"]),  # type: ignore[misc]
        company=Company(*values["company"]),  # type: ignore[misc]
        requested_at=values["requested_at"],
        policy=cast("Policy", values["policy"]),
        proposed_slots=(slot,),
        confirmed_slot=slot,
        dates_confirmed_at=values["dates_confirmed_at"],
        participants=values["participants"],
        definitive_confirmation_at=values["definitive_confirmation_at"],
        cancelled_at=values["cancelled_at"],
        reminder_sent_at=values["reminder_sent_at"],
    )


def build_figures(cases: Sequence[Case], count: int = 20_000) -> tuple[float, float]:
    """Return (µs, bytes) per validated ``Session`` built from plain values, over ``count`` sessions.

    Time: best of three runs. Memory: the bytes tracemalloc counts for the
    sessions kept alive, per session, less the list that holds them.
    """
    values = [plain_values(c) for c in cases[:count]]
    unrecorded = dict.fromkeys(
        (
            "link_generated_at",
            "access_emails_sent_at",
            "zoom_checked_at",
            "evaluation_sent_at",
            "fees_invoiced_at",
            "attendance",
        )
    )
    for v, c in zip(values, cases, strict=False):
        if build(v) != c.session.evolve(**unrecorded):
            msg = "a session built from plain values differs from the one it was read from"
            raise SystemExit(msg)
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            begin = time.perf_counter()
            for v in values:
                build(v)
            best = min(best, time.perf_counter() - begin)
    finally:
        gc.enable()
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    kept = [build(v) for v in values]
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    size = after - before - sys.getsizeof(kept)
    return best / len(values) * 1e6, size / len(kept)


# --------------------------------------------------------------------------
# Rows over many sessions


def scaling(cases: Sequence[Case], counts: Sequence[int]) -> list[tuple[int, float, float, int]]:
    """Return (sessions, seconds, µs per session, peak bytes per session) of ``fee_rows`` + ``action_rows``.

    The sessions are those generated, taken again in turn up to ``count``
    (an application's million sessions are as many values as these).
    """
    results = []
    now = pendulum.datetime(2027, 1, 15, tz=BRUSSELS)
    for count in counts:
        sessions = [cases[i % len(cases)].session for i in range(count)]
        gc.collect()
        tracemalloc.start()
        begin = time.perf_counter()
        fees = fee_rows(sessions, now)
        actions = action_rows(sessions, now)
        seconds = time.perf_counter() - begin
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        del fees, actions
        results.append((count, seconds, seconds / count * 1e6, peak // count))
    return results


# --------------------------------------------------------------------------
# Import time


def compile_library() -> None:
    """Write the bytecode of the library's modules, as installing a wheel with pip does.

    pendulum and attrs, installed from wheels, have theirs; a source tree
    may not (``PYTHONDONTWRITEBYTECODE``, an edited module), and compiling
    a module at each import is no part of importing it.
    """
    compileall.compile_dir(Path(incompany_rules.__file__).parent, quiet=1)


def import_ms(statement: str, packages: Sequence[str]) -> float:
    """Return the import time of ``packages`` in a fresh interpreter running ``statement``, in ms.

    The sum of the cumulative times of the top-level imports of each
    package and of its modules: ``from incompany_rules import next_actions``
    imports the package, then the module of the name on its own.
    """
    result = subprocess.run(  # noqa: S603 (this interpreter, a fixed statement)
        [sys.executable, "-X", "importtime", "-c", statement],
        capture_output=True,
        text=True,
        check=True,
    )
    total = 0
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = line.split("|")
        name = name[1:].rstrip()  # one space after the bar: a top-level import
        if name.partition(".")[0] in packages:
            total += int(cumulative)
    return total / 1000


#: What an application that calls the four functions timed imports: the
#: package, then the modules it loads on first use.
WITH_RULES = "from incompany_rules import cancellation_fee, fees_due, milestones, next_actions"


class Imports(NamedTuple):
    """The import times of one run, in ms: each the median of its fresh interpreters."""

    ours: float
    """``import incompany_rules``."""
    with_rules: float
    """:data:`WITH_RULES`."""
    theirs: float
    """``import pendulum, attrs``."""
    spread: tuple[float, float]
    """The lower and upper quartiles of ``ours`` over ``theirs``, one interpreter each."""


def import_figures(runs: int = 10) -> Imports:
    """Return the import times of ``incompany_rules``, of :data:`WITH_RULES` and of ``pendulum, attrs``.

    Bytecode written first. Each the median of ``runs`` fresh interpreters,
    the three imports taken in turn, so that the machine slowing down or
    speeding up between runs touches all alike.
    """
    compile_library()
    ours, with_rules, theirs = [], [], []
    for _ in range(runs):
        ours.append(import_ms("import incompany_rules", ["incompany_rules"]))
        with_rules.append(import_ms(WITH_RULES, ["incompany_rules"]))
        theirs.append(import_ms("import pendulum, attrs", ["pendulum", "attrs"]))
    lower, _, upper = statistics.quantiles([a / b for a, b in zip(ours, theirs, strict=True)])
    return Imports(
        statistics.median(ours),
        statistics.median(with_rules),
        statistics.median(theirs),
        (lower, upper),
    )


# --------------------------------------------------------------------------


TARGETS = {
    "milestones": 1.2,
    "cancellation_fee": 1.2,
    "fees_due": 1.2,
    "next_actions": 1.2,
}


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:  # noqa: PTH123 (Linux only, optional)
            for line in info:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:  # pragma: no cover (not Linux)
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {sys.version.split()[0]}, {sys.platform}"


def _met(value: float, limit: float) -> str:
    return "yes" if value <= limit else "**no**"


def main(argv: Sequence[str] | None = None) -> None:
    """Generate the sessions, check and time every section, print the table and write the page."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=100_000, help="sessions (100000)")
    parser.add_argument("--seed", type=int, default=20260401, help="random seed")
    parser.add_argument(
        "--repeat", type=int, default=5, help="timed runs of each chunk of 1,000, best kept (5)"
    )
    parser.add_argument(
        "--scaling",
        default="10000,100000,1000000",
        help="session counts for fee_rows + action_rows (10000,100000,1000000; '' to skip)",
    )
    parser.add_argument(
        "--write", default="docs/benchmarks.md", help="page to write the figures to ('' to skip)"
    )
    parser.add_argument(
        "--only",
        default="",
        help="time these functions only, comma-separated, and nothing else (the page is not written)",
    )
    args = parser.parse_args(argv)
    only = {name for name in args.only.split(",") if name}
    unknown = only - {section.name for section in SECTIONS}
    if unknown:
        parser.error(f"--only: no such function: {', '.join(sorted(unknown))}")
    command = "python bench/bench.py" + "".join(f" {a}" for a in (argv or sys.argv[1:]))

    begin = time.perf_counter()
    cases = generate(args.sessions, args.seed)
    rows = [row(c) for c in cases]
    load = os.getloadavg()
    print(
        f"{len(cases):,} sessions generated (seed {args.seed}) "
        f"in {time.perf_counter() - begin:.1f} s; best of {args.repeat} runs per 1,000; "
        f"load average {load[0]:.2f}\n"
    )
    print(f"{'function':<17} {'library µs':>11} {'baseline µs':>12} {'ratio':>7}  differ")
    table: list[tuple[str, int, float | None, float | None, int]] = []
    for section in SECTIONS:
        if only and section.name not in only:
            continue
        some_cases, some_rows = cases, rows
        if section.before_start:
            chosen = [i for i, r in enumerate(rows) if r.now < r.start]
            some_cases, some_rows = [cases[i] for i in chosen], [rows[i] for i in chosen]
        differ = check(section, some_cases, some_rows)
        if differ:
            print(f"{section.name:<17} {'':>11} {'':>12} {'':>7}  {differ}: not timed")
            table.append((section.name, len(some_cases), None, None, differ))
            continue
        library, baseline = time_section(section, some_cases, some_rows, args.repeat)
        print(
            f"{section.name:<17} {library:>11.2f} {baseline:>12.2f} "
            f"{library / baseline:>6.2f}x  {differ}"
        )
        table.append((section.name, len(some_cases), library, baseline, differ))
    if only:
        return
    build_us, build_bytes = build_figures(cases)
    print(f"\nSession from plain values: {build_us:.1f} µs, {build_bytes:.0f} bytes per session")
    cache = instants.cache_info()
    hit_rate = cache["hits"] / max(1, cache["hits"] + cache["misses"])
    print(f"calendar caches: {cache}, hit rate {hit_rate:.4%}")
    imports = import_figures()
    print(
        f"import incompany_rules: {imports.ours:6.1f} ms, with the four functions: {imports.with_rules:.1f} ms"
        f"   (import pendulum, attrs: {imports.theirs:.1f} ms)"
    )
    counts = [int(n) for n in args.scaling.split(",") if n]
    scaled = scaling(cases, counts)
    for count, seconds, per, peak in scaled:
        print(
            f"fee_rows + action_rows, {count:>9,} sessions: {seconds:7.1f} s, {per:6.1f} µs and {peak:,} bytes peak per session"
        )
    load_after = os.getloadavg()
    if args.write:
        _write(
            args.write,
            command,
            table,
            (build_us, build_bytes),
            imports,
            scaled,
            cache,
            (load, load_after),
        )


def _write(  # noqa: PLR0913, PLR0917 (the pieces of one page)
    path: str,
    command: str,
    table: Sequence[tuple[str, int, float | None, float | None, int]],
    build_figures_: tuple[float, float],
    imports: Imports,
    scaled: Sequence[tuple[int, float, float, int]],
    cache: dict[str, int],
    loads: tuple[tuple[float, float, float], tuple[float, float, float]],
) -> None:
    """Write the figures of this run into the page, replacing those of the last one."""
    page = Path(path).read_text(encoding="utf-8")
    head, _, _ = page.partition(MARK)
    lines = [
        MARK,
        "",
        (
            f"Written by `{command}` on {dt.date.today().isoformat()}, on {_machine()}; "  # noqa: DTZ011 (the day of the run)
            f"load average {loads[0][0]:.2f} at the start and {loads[1][0]:.2f} at the end "
            "(a machine shared with other work: library and baseline are timed in turn, "
            "chunk by chunk, so that load slows both alike)."
        ),
        "",
        _sessions_and_targets(table),
        "",
        # Few columns, names as plain text: the table fits the page's width.
        "| function | library | baseline | ratio | met | differ |",
        "|---|---:|---:|---:|---|---:|",
    ]
    for name, _count, library, baseline, differ in table:
        target = TARGETS[name]
        if library is None or baseline is None:
            lines.append(f"| {name} | | | | **no** (answers differ) | {differ} |")
            continue
        ratio = library / baseline
        lines.append(
            f"| {name} | {library:.2f} | {baseline:.2f} | {ratio:.2f}x | "
            f"{_met(ratio, target)} | {differ} |"
        )
    build_us, build_bytes = build_figures_
    ours, with_rules, theirs, (lower, upper) = imports
    hits = cache["hits"] / max(1, cache["hits"] + cache["misses"])
    lines += [
        "",
        "| measure | figure | target | met |",
        "|---|---:|---:|---|",
        f"| validated `Session` from plain values, time | {build_us:.1f} µs | 25 µs | {_met(build_us, 25)} |",
        f"| validated `Session` from plain values, memory | {build_bytes:,.0f} bytes | 1,024 bytes | {_met(build_bytes, 1024)} |",
        f"| `import incompany_rules` (median of 10, `-X importtime`) | {ours:.1f} ms | | |",
        f"| `import pendulum, attrs` (the same) | {theirs:.1f} ms | | |",
        f"| import ratio | {ours / theirs:.2f}x | 1.3x | {_met(ours / theirs, 1.3)} |",
        f"| import ratio, per run (one fresh interpreter each): middle half of the ten | {lower:.2f}x to {upper:.2f}x | | |",
        f"| `{WITH_RULES}` (the same) | {with_rules:.1f} ms | | |",
        f"| its ratio to `import pendulum, attrs` | {with_rules / theirs:.2f}x | 1.3x | {_met(with_rules / theirs, 1.3)} |",
        f"| calendar caches (`instants.cache_info()`) | {hits:.2%} hits, {cache['size']:,} kept, at most {cache['limit']:,} in each of the three | bounded | yes |",
        "",
        "| `fee_rows` + `action_rows` | seconds | µs/session | peak bytes/session |",
        "|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {count:,} sessions | {seconds:.1f} | {per:.1f} | {peak:,} |"
        for count, seconds, per, peak in scaled
    ]
    Path(path).write_text(head + "\n".join(lines) + "\n", encoding="utf-8")


def _sessions_and_targets(table: Sequence[tuple[str, int, float | None, float | None, int]]) -> str:
    """Return the sentence above the table: how many sessions each function ran on, and the targets."""
    counts = [count for _, count, *_ in table]
    most = max(counts)
    fewer = [
        f"{count:,} for `{name}`: those whose `now` is before the class"
        for name, count, *_ in table
        if count != most
    ]
    targets = sorted({TARGETS[name] for name, *_ in table})
    if len(targets) == 1:
        aim = f"the target is a ratio of at most {targets[0]}x for each function"
    else:
        aim = "the targets are ratios of at most " + ", ".join(
            f"{TARGETS[name]}x for `{name}`" for name, *_ in table
        )
    return (
        f"Microseconds per session, over {most:,} sessions"
        + (f" ({'; '.join(fewer)})" if fewer else "")
        + f"; {aim}:"
    )


MARK = "## Latest figures"


if __name__ == "__main__":
    main()
