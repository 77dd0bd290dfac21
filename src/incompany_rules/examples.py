"""Ready-made values for examples, documentation and quick experiments.

These build the sessions used throughout the documentation: the company
*Acme SA*, the digital training *Excel: tableaux croisés dynamiques*, and
sessions at a chosen class start, requested eight weeks before it and
confirmed six weeks before, both at 10:00 local time.

Examples:
    >>> import pendulum
    >>> session = confirmed_session(pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels"))
    >>> session.key, session.dates_confirmed_at.isoformat()
    ('IC-2026-0042/G1', '2026-02-18T10:00:00+01:00')

    [`year_of_sessions`][incompany_rules.examples.year_of_sessions] makes a
    realistic year of sessions of several companies and trainings, for
    notebooks and the analysts' how-to: the same sessions for the same
    arguments, on any machine.

    They are ordinary values: nothing here is needed to use the library.
"""

from __future__ import annotations

import datetime as dt
import random

import pendulum

from incompany_rules.instants import before, instant, key, local
from incompany_rules.milestones import schedule
from incompany_rules.participants import Participant
from incompany_rules.policy import DEFAULT_POLICY, Policy
from incompany_rules.session import Company, HrAccount, Session, Slot, Training

__all__ = [
    "ACME",
    "ACME_HR",
    "EXCEL",
    "confirmed_session",
    "requested_session",
    "sample_participants",
    "year_of_sessions",
]

ACME = Company("0403.170.701", "Acme SA")
ACME_HR = HrAccount("hr@acme.example", ACME, has_hr_function=True, tos_completed=True)
EXCEL = Training("DIG-042", "Excel: tableaux croisés dynamiques")

# Valid national register numbers (fictitious people): three of them born from 2000.
_NUMBERS = (
    "85.07.30-033.28",
    "90.02.01-997.04",
    "01.01.01-001.26",
    "78.12.24-456.61",
    "99.11.11-222.52",
    "05.06.15-124.87",
    "93.03.03-333.96",
)


def sample_participants(count: int) -> tuple[Participant, ...]:
    """Return `count` distinct participants (at most 7) with fictitious numbers."""
    return tuple(
        Participant(number, f"participant{index + 1}@acme.example")
        for index, number in enumerate(_NUMBERS[:count])
    )


def _at_ten(day: dt.date, tz: pendulum.Timezone) -> pendulum.DateTime:
    return pendulum.DateTime(day.year, day.month, day.day, 10, tzinfo=tz)


def requested_session(
    start: dt.datetime,
    *,
    hours: float = 3.5,
    policy: Policy = DEFAULT_POLICY,
) -> Session:
    """Return Acme's session for a class at `start`, proposed but not confirmed."""
    begin = local(instant(start, field="start"), policy.tz)
    slot = Slot(begin, begin.add(minutes=int(hours * 60)))
    return Session(
        project="IC-2026-0042",
        group="G1",
        training=EXCEL,
        company=ACME,
        requested_at=_at_ten(begin.date() - dt.timedelta(weeks=8), policy.tz),
        policy=policy,
        planned_participants=8,
        proposed_slots=(slot,),
    )


def confirmed_session(
    start: dt.datetime,
    *,
    hours: float = 3.5,
    policy: Policy = DEFAULT_POLICY,
) -> Session:
    """Return Acme's session for a class at `start`, its dates confirmed six weeks before."""
    session = requested_session(start, hours=hours, policy=policy)
    slot = session.proposed_slots[0]
    return session.evolve(
        confirmed_slot=slot,
        dates_confirmed_at=_at_ten(slot.start.date() - dt.timedelta(weeks=6), policy.tz),
    )


# --------------------------------------------------------------------------
# A year of sessions

_COMPANIES = (
    ACME,
    Company("0417.497.106", "Brasserie du Parc SRL"),
    Company("0456.789.193", "Vlaamse Logistiek NV"),
    Company("0812.345.673", "Zénith ASBL"),
    Company("0723.456.715", "Digital Wallonia SA"),
    Company("0634.567.868", "Havenbedrijf Gent BV"),
)
_TRAININGS = (
    EXCEL,
    Training("DIG-007", "Gérer son temps en télétravail"),
    Training("DIG-113", "Python pour l'analyse de données"),
    Training("DIG-205", "Cybersécurité au quotidien"),
    Training("DIG-318", "Feedback geven op afstand"),
)
# Classes per month of a year, relative (fewer in summer and at year end).
_SEASON = (8, 10, 11, 10, 9, 7, 2, 3, 11, 12, 11, 6)


def _national_number(rng: random.Random) -> str:
    """Return a valid national register number of someone born 1960-2004 (fictitious)."""
    born = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(45 * 365))
    # The last counter is no promise: 998 is as valid a counter as 997.
    counter = rng.randrange(1, 998)  # pragma: no mutate
    first_nine = f"{born:%y%m%d}{counter:03d}"
    checked = ("2" if born.year >= 2000 else "") + first_nine
    return f"{first_nine}{97 - int(checked) % 97:02d}"


def _staff(rng: random.Random, company: Company, size: int) -> tuple[Participant, ...]:
    """Return `size` distinct employees of `company`, the people HR registers."""
    # Equivalent: an address keeps its domain in lower case, so the case of the
    # letters put in here shows nowhere.
    domain = company.name.split()[0].lower().replace("é", "e") + ".example"  # pragma: no mutate
    numbers: dict[str, None] = {}
    while len(numbers) < size:
        # Equivalent: only the keys are kept, in the order drawn.
        numbers[_national_number(rng)] = None  # pragma: no mutate
    return tuple(
        Participant(number, f"employee{index:03d}@{domain}")
        for index, number in enumerate(numbers, start=1)
    )


def _class_days(rng: random.Random, year: int, count: int) -> list[dt.date]:
    """Return `count` working days of `year`, spread by the season, in order."""
    days = [
        dt.date(year, 1, 1) + dt.timedelta(days=offset)
        for offset in range((dt.date(year + 1, 1, 1) - dt.date(year, 1, 1)).days)
    ]
    workdays = [day for day in days if day.weekday() < 5]
    weights = [_SEASON[day.month - 1] for day in workdays]
    return sorted(rng.choices(workdays, weights, k=count))


def _office_hours(rng: random.Random, day: dt.date, tz: pendulum.Timezone) -> pendulum.DateTime:
    hour, minute = rng.randrange(8, 18), rng.choice((0, 15, 30, 45))
    return pendulum.DateTime(day.year, day.month, day.day, hour, minute, tzinfo=tz)


def _before(at: dt.datetime, end: dt.datetime) -> bool:
    return before(at, end)


def year_of_sessions(
    year: int,
    *,
    count: int = 240,
    seed: int = 0,
    policy: Policy = DEFAULT_POLICY,
) -> tuple[Session, ...]:
    """Return `count` sessions whose classes fall in `year`, as recorded by the year's end.

    A fictitious but plausible year of the process: six companies, five
    digital trainings, most in group G1, classes of three hours or three
    and a half on working days at 09:00 or 13:30 (fewer in July, August and
    December), dates confirmed four to seven weeks before (one in twenty
    late, after D-21) and requested two to six weeks before that, both in
    office hours on the quarter hour. Each company registers people from a
    staff of its own (`employee001@` to `employee040@` the first word of
    its name, born 1960-2004), so the same person attends several sessions.
    About one session in twelve is cancelled, from an hour after the
    confirmation to an hour before the class (a third of those after free
    cancellation closed), one in twenty-five has no participant when
    registration closes, and the rest are held with four to thirteen
    registered, nine in ten of whom attend. The reminder, the definitive
    confirmation, the link and the e-mails are recorded at their
    milestones, the evaluation after the class; no fee is recorded as
    invoiced. The same arguments give the same sessions.

    Examples:
        >>> sessions = year_of_sessions(2026, count=40, seed=7)
        >>> len(sessions), sessions[0].key
        (40, 'IC-2026-0001/G3')
        >>> all(s.confirmed_slot.start.year == 2026 for s in sessions)
        True
        >>> year_of_sessions(2026, count=40, seed=7) == sessions
        True
    """
    rng = random.Random(f"{year}/{seed}")  # noqa: S311 (example data, not a secret)
    tz = policy.tz
    staff = {company: _staff(rng, company, 40) for company in _COMPANIES}
    found: list[Session] = []
    for index, day in enumerate(_class_days(rng, year, count), start=1):
        company = rng.choice(_COMPANIES)
        hour, minute = rng.choice(((9, 0), (13, 30)))
        start = pendulum.DateTime(day.year, day.month, day.day, hour, minute, tzinfo=tz)
        slot = Slot(start, start.add(minutes=rng.choice((180, 210))))
        # Equivalent: random() returns multiples of 2**-53, and 0.05 is none.
        late = rng.random() < 0.05  # pragma: no mutate
        confirmed_day = day - dt.timedelta(
            days=rng.randrange(8, 20) if late else rng.randrange(28, 50)
        )
        session = Session(
            project=f"IC-{year}-{index:04d}",
            group=f"G{rng.choice((1, 1, 1, 2, 3))}",
            training=rng.choice(_TRAININGS),
            company=company,
            requested_at=_office_hours(
                rng, confirmed_day - dt.timedelta(days=rng.randrange(14, 40)), tz
            ),
            policy=policy,
            planned_participants=rng.randrange(
                policy.min_participants, policy.min_participants + 8
            ),
            proposed_slots=(slot,),
            confirmed_slot=slot,
            dates_confirmed_at=_office_hours(rng, confirmed_day, tz),
        )
        found.append(_recorded(rng, session, staff[company]))
    return tuple(found)


def _recorded(rng: random.Random, session: Session, staff: tuple[Participant, ...]) -> Session:
    """Return `session` with the facts of its outcome, drawn with `rng`."""
    plan = schedule(session)
    confirmed = plan.dates_confirmed
    outcome = rng.random()
    end = plan.end
    cancelled_at = None
    # Equivalent: random() returns multiples of 2**-53, and 0.08 is none.
    if outcome < 0.08:  # pragma: no mutate
        span = int((key(plan.start) - key(confirmed)).total_seconds())
        # A second more or less at either end promises nothing else: the
        # window's ends themselves are as good as never drawn.
        cancelled_at = confirmed.add(seconds=rng.randrange(3600, span - 3600))  # pragma: no mutate
        end = cancelled_at
    # Equivalent: random() never returns 0.08, and 0.12 once in 2**53 draws.
    no_list = 0.08 <= outcome < 0.12  # pragma: no mutate
    registered = 0 if no_list else rng.randrange(4, 14)
    people = tuple(rng.sample(staff, registered))
    if _before(end, plan.registration_closes):
        # One more value would keep every person, as the last one does already.
        people = people[: rng.randrange(len(people) + 1)]  # pragma: no mutate
    reminder = plan.reminder if _before(confirmed, plan.reminder) else confirmed
    due = {
        "reminder_sent_at": reminder,
        "definitive_confirmation_at": plan.definitive_confirmation,
        "link_generated_at": plan.platform_link,
        "access_emails_sent_at": plan.participant_access_email,
    }
    facts: dict[str, object] = {
        name: at for name, at in due.items() if at is not None and _before(at, end)
    }
    facts |= {"participants": people, "cancelled_at": cancelled_at}
    if cancelled_at is None and people:
        # Equivalent: random() returns 0.9 once in 2**53 draws.
        facts["attendance"] = [p for p in people if rng.random() < 0.9]  # pragma: no mutate
        facts["evaluation_sent_at"] = plan.evaluation
    return session.evolve(**facts)
