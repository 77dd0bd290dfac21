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
import time of ``incompany_rules`` next to ``pendulum`` alone (``python -X
importtime``, best of several runs in fresh interpreters).

Adding a function is one more :class:`Section` in :data:`SECTIONS`.

This is a script, not a test: standard library only, besides the library.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import subprocess
import sys
import time
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

import pendulum

from incompany_rules import (
    DEFAULT_POLICY,
    Participant,
    Policy,
    Session,
    ShortfallBasis,
    Slot,
    fees_due,
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
    #: evaluation sent, fees invoiced (``None`` until recorded).
    facts: tuple[dt.datetime | None, ...] = (None,) * 6


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
    reminder = midnight(day - dt.timedelta(days=p.reminder_days), tz)
    definitive = midnight(day - dt.timedelta(days=p.definitive_days), tz)
    base = definitive if r.definitive_at is None else r.definitive_at
    link = (base.astimezone(UTC) + dt.timedelta(hours=p.link_hours)).astimezone(tz)
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
    if link.date() >= p.email_from:
        found.append((link, 7, "R12"))
    found.sort(key=lambda m: (m[0], m[1]))
    return found


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
            "propose_slots",
            "confirm_slot",
            "send_reminder",
            "register_participants",
            "definitive_confirmation",
            "generate_link",
            "send_access_emails",
            "prepare",
            "check_zoom",
            "hold_class",
            "record_attendance",
            "send_evaluation",
            "invoice_fees",
        )
    )
}


def baseline_next_actions(r: Row) -> list[tuple[str, dt.datetime, bool, Decimal | None]]:  # noqa: C901, PLR0912 (one rule a branch, as in actions.py)
    """Return what is open at ``now``: (kind, due on the policy's clock, overdue, fee), sorted."""
    p = r.policy
    tz = p.tz
    now = r.now.astimezone(UTC)
    requested = r.requested if r.requested is not None else r.confirmed
    if now < requested:
        return []
    reminder_sent, linked, emailed, zoom_checked, evaluated, invoiced = r.facts
    found: list[tuple[bool, dt.datetime, int, str, Decimal | None]] = []

    def add(kind: str, due: dt.datetime, fee: Decimal | None = None) -> None:
        due = max(due, requested, key=_utc)
        found.append((due >= now, due, ACTION_ORDER[kind], kind, fee))

    start, end, registered = r.start, r.end, r.registered
    day = start.astimezone(tz).date()
    closes = midnight(day - dt.timedelta(days=p.registration_days - 1), tz)
    if invoiced is None and (r.cancelled is not None or now >= closes):
        lines = baseline_fees_due(r)
        total = sum((line[4] for line in lines), Decimal(0))
        if total > 0:
            first = min(lines, key=lambda line: line[5])
            add("invoice_fees", first[5], total)
    if r.cancelled is None and (now < closes or registered):
        definitive = midnight(day - dt.timedelta(days=p.definitive_days), tz)
        if now < closes and registered < p.min_participants:
            missing = p.min_participants - registered
            fee = p.shortfall_fee * missing if registered else p.list_fee
            add("register_participants", closes, fee)
        if r.definitive_at is not None and now < end:
            link = r.definitive_at.astimezone(UTC) + dt.timedelta(hours=p.link_hours)
            if linked is None:
                add("generate_link", link)
            else:
                if emailed is None and link.astimezone(tz).date() >= p.email_from:
                    add("send_access_emails", link)
                if registered and now < start:
                    add("prepare", start)
        if now < start:
            if reminder_sent is None:
                add("send_reminder", midnight(day - dt.timedelta(days=p.reminder_days), tz))
            if r.definitive_at is None:
                add("definitive_confirmation", definitive)
            if zoom_checked is None:
                add("check_zoom", start)
            add("hold_class", start)
        else:
            if r.attended is None:
                add("record_attendance", end)
            if now >= end and evaluated is None:
                evaluation = end.astimezone(tz).date() + dt.timedelta(days=p.evaluation_days)
                add("send_evaluation", midnight(evaluation, tz))
    found.sort(key=lambda action: action[:3])
    return [(kind, due.astimezone(tz), not ahead, fee) for ahead, due, _, kind, fee in found]


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


_PRICED = {"register_participants", "invoice_fees"}


SECTIONS: list[Section] = [
    Section(
        "milestones",
        lambda session, _now: milestones(session),
        baseline_milestones,
        _same_milestones,
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
# Import time


def import_ms(statement: str, names: Sequence[str], runs: int = 7) -> float:
    """Best of ``runs`` fresh interpreters: the cumulative import time of ``names``, in ms."""
    best = float("inf")
    for _ in range(runs):
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
            if name in names:
                total += int(cumulative)
        best = min(best, total / 1000)
    return best


# --------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> None:
    """Generate the sessions, check and time every section, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=100_000, help="sessions (100000)")
    parser.add_argument("--seed", type=int, default=20260401, help="random seed")
    parser.add_argument(
        "--repeat", type=int, default=5, help="timed runs of each chunk of 1,000, best kept (5)"
    )
    args = parser.parse_args(argv)

    begin = time.perf_counter()
    cases = generate(args.sessions, args.seed)
    rows = [row(c) for c in cases]
    print(
        f"{len(cases):,} sessions generated (seed {args.seed}) "
        f"in {time.perf_counter() - begin:.1f} s; best of {args.repeat} runs per 1,000\n"
    )
    print(f"{'function':<14} {'library µs':>11} {'baseline µs':>12} {'ratio':>7}  differ")
    for section in SECTIONS:
        differ = check(section, cases, rows)
        library, baseline = time_section(section, cases, rows, args.repeat)
        print(
            f"{section.name:<14} {library:>11.2f} {baseline:>12.2f} "
            f"{library / baseline:>6.2f}x  {differ}"
        )
    print()
    ours = import_ms("import incompany_rules", ["incompany_rules"])
    theirs = import_ms("import pendulum", ["pendulum"])
    print(f"import incompany_rules: {ours:6.1f} ms   (pendulum alone: {theirs:.1f} ms)")
    print(f"python {sys.version.split()[0]}, {sys.platform}")


if __name__ == "__main__":
    main()
