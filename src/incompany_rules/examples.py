"""Ready-made values for examples, documentation and quick experiments.

These build the sessions used throughout the documentation: the company
*Acme SA*, the digital training *Excel: tableaux croisés dynamiques*, and
sessions at a chosen class start, requested eight weeks before it and
confirmed six weeks before, both at 10:00 local time.

>>> import pendulum
>>> session = confirmed_session(pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels"))
>>> session.key, session.dates_confirmed_at.isoformat()
('IC-2026-0042/G1', '2026-02-18T10:00:00+01:00')

They are ordinary values: nothing here is needed to use the library.
"""

from __future__ import annotations

import datetime as dt

import pendulum

from incompany_rules.instants import instant, local
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
    """Return ``count`` distinct participants (at most 7) with fictitious numbers."""
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
    """Return Acme's session for a class at ``start``, proposed but not confirmed."""
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
    """Return Acme's session for a class at ``start``, its dates confirmed six weeks before."""
    session = requested_session(start, hours=hours, policy=policy)
    slot = session.proposed_slots[0]
    return session.evolve(
        confirmed_slot=slot,
        dates_confirmed_at=_at_ten(slot.start.date() - dt.timedelta(weeks=6), policy.tz),
    )
