"""Properties of the fee rules (R15-R18), over every session the strategies draw.

Sessions come at every stage of the process, with varied policies (amounts
from 0.00 to 1000.00 EUR, other minimums and deadlines) and class days near
the daylight-saving changes; instants are those on both sides of every
milestone, expressed on varied clocks.
"""

from __future__ import annotations

import zoneinfo
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs
from hypothesis import assume, given
from hypothesis import strategies as st

from incompany_rules import (
    Fee,
    FeeKind,
    Invoice,
    InvoiceLine,
    Session,
    ShortfallBasis,
    cancellation_fee,
    cancellation_fee_schedule,
    deadlines,
    fees_due,
    missing_list_fee,
    schedule,
    shortfall_invoice,
)
from incompany_rules.strategies import Stage, instants_near, sessions

if TYPE_CHECKING:
    import datetime as dt

CONFIRMED = [s for s in Stage if s is not Stage.REQUESTED]
confirmed_sessions = (
    st.sampled_from(CONFIRMED)
    .flatmap(lambda stage: sessions(stage=stage))
    .filter(lambda s: s.confirmed_slot is not None)
)
any_sessions = sessions()
# Sessions most likely to meet two charges: cancelled ones, and ones past D-3.
charged_sessions = (
    sessions(stage=Stage.CANCELLED) | sessions(stage=Stage.REGISTRATION_CLOSED) | any_sessions
)
ZONES = [zoneinfo.ZoneInfo(name) for name in ("UTC", "Europe/Brussels", "Asia/Tokyo")]
CHARGES_OF_375 = {FeeKind.LATE_CANCELLATION, FeeKind.MISSING_LIST}


def with_instant(session: Session) -> st.SearchStrategy[tuple[Session, dt.datetime]]:
    return st.tuples(st.just(session), instants_near(session))


def with_two_instants(
    session: Session,
) -> st.SearchStrategy[tuple[Session, dt.datetime, dt.datetime]]:
    return st.tuples(st.just(session), instants_near(session), instants_near(session))


def and_long_after(session: Session, now: dt.datetime) -> tuple[dt.datetime, ...]:
    """``now`` and an instant 30 days after the class, when everything has arisen."""
    if session.confirmed_slot is None:
        return (now,)
    return (now, schedule(session).end.add(days=30))


def before_start(session: Session, *instants: dt.datetime) -> None:
    start = schedule(session).start
    assume(all(moment < start for moment in instants))


class TestDeadlines:
    @given(confirmed_sessions)
    def test_the_fee_deadlines_are_the_calendars(self, session: Session) -> None:
        """T2-T4: fees read their dates from the calendar: ``deadlines`` is part of ``schedule``."""
        plan = schedule(session)
        found = deadlines(session)
        assert (
            plan.dates_confirmed,
            plan.free_cancellation_closes,
            plan.registration_closes,
            plan.start,
            plan.end,
        ) == tuple(found)
        assert all(moment.tzinfo is session.policy.tz for moment in found)


class TestFeesPassTheirOwnChecks:
    """The rules build their fees without running the constructors' checks: these would pass."""

    @given(charged_sessions.flatmap(with_instant))
    def test_every_fee_and_line_is_as_its_constructor_makes_it(
        self, drawn: tuple[Session, dt.datetime]
    ) -> None:
        session, now = drawn
        fees = [missing_list_fee(session)]
        if session.confirmed_slot is None or now < schedule(session).start:
            fees.append(cancellation_fee(session, now))
        for fee in fees:
            checked = Fee(**attrs.asdict(fee, recurse=False))
            assert (checked, repr(checked)) == (fee, repr(fee))
        for moment in and_long_after(session, now):
            invoice = fees_due(session, moment)
            lines = [InvoiceLine(**attrs.asdict(line, recurse=False)) for line in invoice]
            assert Invoice(lines) == invoice
            assert [repr(line) for line in lines] == [repr(line) for line in invoice]


class TestNoAmountIsNegative:
    @given(any_sessions.flatmap(with_instant))
    def test_every_fee_and_invoice_is_zero_or_more(
        self, drawn: tuple[Session, dt.datetime]
    ) -> None:
        """R15-R17: "Amounts are Decimal euros"; a fee is a charge, never a credit."""
        session, now = drawn
        invoice = fees_due(session, now)
        assert all(line.amount >= 0 and line.quantity >= 1 for line in invoice)
        assert invoice.total >= 0
        assert missing_list_fee(session).amount >= 0
        if session.confirmed_slot is None or now < schedule(session).start:
            assert cancellation_fee(session, now).amount >= 0


class TestCancellation:
    @given(
        (
            sessions(stage=Stage.HELD) | confirmed_sessions.filter(lambda s: bool(s.participants))
        ).flatmap(with_two_instants)
    )
    def test_the_fee_never_decreases_as_the_cancellation_comes_later(
        self, drawn: tuple[Session, dt.datetime, dt.datetime]
    ) -> None:
        """R15: "Cancellation is free when notified by the end of D-15; later it costs 375 EUR"
        (for a session with a list, where R18 leaves the late fee alone)."""
        session, first, second = drawn
        before_start(session, first, second)
        earlier, later = sorted((first, second))
        assert cancellation_fee(session, earlier).amount <= cancellation_fee(session, later).amount

    @given(confirmed_sessions.flatmap(with_two_instants))
    def test_once_a_charge_of_375_has_arisen_cancelling_later_never_removes_it(
        self, drawn: tuple[Session, dt.datetime, dt.datetime]
    ) -> None:
        """R18: "A session owes at most one 375 EUR charge (R15 or R16, whichever arises
        first)": cancelling later than an instant that costs a charge still costs one."""
        session, first, second = drawn
        before_start(session, first, second)

        def charged(when: dt.datetime) -> bool:
            cancelled = session.evolve(cancelled_at=when)
            return cancellation_fee(session, when).owed or missing_list_fee(cancelled).owed

        earlier, later = sorted((first, second))
        assert not charged(earlier) or charged(later)

    @given(confirmed_sessions.flatmap(with_instant))
    def test_the_schedule_step_of_an_instant_gives_its_fee(
        self, drawn: tuple[Session, dt.datetime]
    ) -> None:
        """R15: the steps of the fee schedule are the answers of ``cancellation_fee``."""
        session, when = drawn
        before_start(session, when)
        steps = cancellation_fee_schedule(session)
        # T8: a schedule of dates confirmed late starts at the confirmation.
        assume(steps[0].starts is None or steps[0].starts <= when)
        (step,) = [
            s
            for s in cancellation_fee_schedule(session)
            if (s.starts is None or s.starts <= when) and when < s.ends
        ]
        fee = cancellation_fee(session, when)
        assert (step.amount, step.reason, step.rule) == (fee.amount, fee.reason, fee.rule)


class TestShortfall:
    @given(sessions(stage=Stage.HELD), st.data())
    def test_the_shortfall_is_the_unit_price_times_the_people_missing(
        self, session: Session, data: st.DataObject
    ) -> None:
        """R17: "After the class: 150 EUR per person missing below 6" (policy's figures)."""
        policy = session.policy
        attended = data.draw(st.integers(0, len(session.participants)))
        counted = (
            len(session.participants)
            if policy.shortfall_basis is ShortfallBasis.REGISTERED
            else attended
        )
        expected = policy.shortfall_fee_per_person * max(0, policy.min_participants - counted)
        assert expected == shortfall_invoice(session, attended=attended).total

    @given(sessions(stage=Stage.CANCELLED), st.data())
    def test_a_cancelled_session_owes_no_shortfall(
        self, session: Session, data: st.DataObject
    ) -> None:
        """R17: "Not applied to a cancelled session"."""
        count = data.draw(st.integers(0, len(session.participants)))
        assert Decimal(0) == shortfall_invoice(session, attended=count).total


class TestFeesDue:
    @given(charged_sessions.flatmap(with_instant))
    def test_a_session_owes_at_most_one_375_charge(
        self, drawn: tuple[Session, dt.datetime]
    ) -> None:
        """R18: "A session owes at most one 375 EUR charge (R15 or R16, whichever arises
        first). A session that is cancelled, or has no list at D-3, is not held, so R17
        does not apply to it"."""
        session, now = drawn
        for moment in and_long_after(session, now):
            kinds = [line.kind for line in fees_due(session, moment)]
            assert sum(kind in CHARGES_OF_375 for kind in kinds) <= 1
            if FeeKind.SHORTFALL in kinds:
                assert session.cancelled_at is None
                assert session.participants

    @given(any_sessions.flatmap(with_instant))
    def test_the_same_instant_on_any_clock_owes_the_same(
        self, drawn: tuple[Session, dt.datetime]
    ) -> None:
        """T1, T2: an instant is an instant; days are counted on the policy's clock only."""
        session, now = drawn
        expected = fees_due(session, now)
        for zone in ZONES:
            assert expected == fees_due(session, now.astimezone(zone))
        if session.confirmed_slot is None or now < schedule(session).start:
            fee = cancellation_fee(session, now)
            for zone in ZONES:
                assert fee == cancellation_fee(session, now.astimezone(zone))

    @given(any_sessions.flatmap(with_two_instants))
    def test_what_is_owed_only_grows_with_time(
        self, drawn: tuple[Session, dt.datetime, dt.datetime]
    ) -> None:
        """T7: "now" is an argument; a charge owed at one instant is owed at every later one."""
        session, first, second = drawn
        earlier, later = sorted((first, second))
        assert set(fees_due(session, earlier)) <= set(fees_due(session, later))
