"""Fees and invoices (R15 late cancellation, R16 missing list, R17 shortfall, R18 overlaps)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal

import pendulum
import pytest

from helpers import BRUSSELS, brussels, refused_as
from incompany_rules import (
    DEFAULT_POLICY,
    AttendanceNotRecordedError,
    Fee,
    FeeKind,
    FeeReason,
    FeeStep,
    IncompanyRulesError,
    InvalidSessionError,
    InvalidTypeError,
    InvalidValueError,
    Invoice,
    InvoiceLine,
    NaiveDatetimeError,
    Participant,
    Policy,
    Session,
    SessionStartedError,
    ShortfallBasis,
    UnregisteredAttendeeError,
    cancellation_fee,
    cancellation_fee_schedule,
    fees_due,
    missing_list_fee,
    schedule,
    shortfall_invoice,
)
from incompany_rules.examples import confirmed_session, requested_session, sample_participants

TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")
US = dt.timedelta(microseconds=1)


def session_at(
    start: dt.datetime, people: int = 6, *, policy: Policy = DEFAULT_POLICY, **changes: object
) -> Session:
    """Acme's confirmed session for a class at ``start`` with ``people`` registered."""
    session = confirmed_session(start, policy=policy).evolve(
        participants=sample_participants(people)
    )
    return session.evolve(**changes) if changes else session


# Classes on both sides of the Brussels changes of 2026 (29 March, 25 October).
APRIL_1 = brussels(2026, 4, 1, 9)  # D-15 17/03 (+01), D-3 29/03 (the change day)
APRIL_15 = brussels(2026, 4, 15, 9)  # D-15 31/03, D-3 12/04: all on summer time
APRIL_13 = brussels(2026, 4, 13, 14)  # D-15 is 29/03, the change day itself
OCTOBER_28 = brussels(2026, 10, 28, 9)  # D-15 13/10 (+02), D-3 25/10 (the change day)
NOVEMBER_4 = brussels(2026, 11, 4, 9)  # D-15 20/10 (+02), D-3 01/11 (+01)

# Each class with the last instant of D-15, the first of D-14, the last of D-3
# and the first of D-2, on the local clock.
DEADLINES = [
    pytest.param(
        APRIL_1,
        brussels(2026, 3, 17, 23, 59, 59),
        brussels(2026, 3, 18),
        brussels(2026, 3, 29, 23, 59, 59),
        brussels(2026, 3, 30),
        id="1-april",
    ),
    pytest.param(
        APRIL_15,
        brussels(2026, 3, 31, 23, 59, 59),
        brussels(2026, 4, 1),
        brussels(2026, 4, 12, 23, 59, 59),
        brussels(2026, 4, 13),
        id="15-april",
    ),
    pytest.param(
        APRIL_13,
        brussels(2026, 3, 29, 23, 59, 59),
        brussels(2026, 3, 30),
        brussels(2026, 4, 10, 23, 59, 59),
        brussels(2026, 4, 11),
        id="13-april",
    ),
    pytest.param(
        OCTOBER_28,
        brussels(2026, 10, 13, 23, 59, 59),
        brussels(2026, 10, 14),
        brussels(2026, 10, 25, 23, 59, 59),
        brussels(2026, 10, 26),
        id="28-october",
    ),
    pytest.param(
        NOVEMBER_4,
        brussels(2026, 10, 20, 23, 59, 59),
        brussels(2026, 10, 21),
        brussels(2026, 11, 1, 23, 59, 59),
        brussels(2026, 11, 2),
        id="4-november",
    ),
]
DEADLINE_NAMES = ("start", "last_free", "first_late", "last_of_d3", "first_of_d2")


class TestCancellationFee:
    @pytest.mark.parametrize(DEADLINE_NAMES, DEADLINES)
    def test_cancelling_is_free_until_the_end_of_d_minus_15_then_costs_375(
        self,
        start: pendulum.DateTime,
        last_free: pendulum.DateTime,
        first_late: pendulum.DateTime,
        last_of_d3: pendulum.DateTime,
        first_of_d2: pendulum.DateTime,
    ) -> None:
        """23:59:59 on D-15 is free; 00:00 on D-14, D-3, D-2 and 1 µs before the start cost 375."""
        session = session_at(start)
        assert (False, Decimal(0)) == (
            cancellation_fee(session, last_free).owed,
            cancellation_fee(session, last_free).amount,
        )
        for when in (first_late, last_of_d3, first_of_d2, start - US):
            fee = cancellation_fee(session, when)
            assert (True, Decimal(375), "R15", FeeReason.LATE_CANCELLATION) == (
                fee.owed,
                fee.amount,
                fee.rule,
                fee.reason,
            )

    @pytest.mark.parametrize(DEADLINE_NAMES, DEADLINES)
    def test_cancelling_at_or_after_the_start_is_refused(
        self,
        start: pendulum.DateTime,
        last_free: pendulum.DateTime,
        first_late: pendulum.DateTime,
        last_of_d3: pendulum.DateTime,
        first_of_d2: pendulum.DateTime,
    ) -> None:
        """The start instant itself is too late: the session has started."""
        del last_free, first_late, last_of_d3, first_of_d2
        session = session_at(start)
        for when in (start, start + US, start.add(days=3)):
            with refused_as(SessionStartedError, "when") as e:
                cancellation_fee(session, when)
            assert "when" == e.value.field

    @pytest.mark.parametrize(
        ("start", "at_midnight"),
        [
            (brussels(2026, 4, 1, 9), False),
            (brussels(2026, 4, 1), True),
            (brussels(2026, 3, 29), True),  # the clocks go forward at 02:00
            (brussels(2026, 3, 29, 9), False),
            (brussels(2026, 10, 25), True),  # the clocks go back at 03:00
            (brussels(2026, 10, 25, 2, 30).replace(fold=1), False),  # the second 02:30
        ],
        ids=str,
    )
    def test_on_the_class_day_cancelling_costs_375_until_the_start_itself(
        self, start: pendulum.DateTime, *, at_midnight: bool
    ) -> None:
        """From 00:00 on D to 1 µs before the start it costs 375; from the start it is refused."""
        session = session_at(start)
        day = brussels(start.year, start.month, start.day)
        utc = start.in_timezone("UTC")
        late = [day - US, utc - US] if at_midnight else [day - US, day, utc - US]
        for when in late:
            assert Decimal(375) == cancellation_fee(session, when).amount
        for when in (start, utc, utc + US):
            with refused_as(SessionStartedError, "when"):
                cancellation_fee(session, when)

    # Each row: when, expressed on another clock, and whether it costs 375.
    @pytest.mark.parametrize(
        ("when", "owed"),
        [
            # 23:59:59 on 17 March in Brussels (+01:00) is 22:59:59 UTC
            (pendulum.datetime(2026, 3, 17, 22, 59, 59, tz="UTC"), False),
            (pendulum.datetime(2026, 3, 17, 23, tz="UTC"), True),
            # the same instants in Tokyo (+09:00), as plain zoneinfo datetimes
            (dt.datetime(2026, 3, 18, 7, 59, 59, 999999, tzinfo=TOKYO), False),
            (dt.datetime(2026, 3, 18, 8, tzinfo=TOKYO), True),
            # a fixed offset
            (dt.datetime(2026, 3, 18, tzinfo=dt.timezone(dt.timedelta(hours=1))), True),
        ],
    )
    def test_the_deadline_is_an_instant_whatever_clock_gives_when(
        self, when: dt.datetime, owed: bool
    ) -> None:
        """The end of D-15 is read on the Brussels clock, whatever the clock of ``when``."""
        fee = cancellation_fee(session_at(APRIL_1), when)
        assert owed == fee.owed
        assert fee.arises_at is not None
        assert "Europe/Brussels" == fee.arises_at.timezone_name
        assert when == fee.arises_at

    def test_after_the_missing_list_charge_cancelling_costs_nothing_more(self) -> None:
        """R18: with no list at 00:00 on D-2 the R16 charge arose first; cancelling adds nothing."""
        session = session_at(APRIL_1, people=0)
        before = cancellation_fee(session, brussels(2026, 3, 29, 23, 59, 59))
        after = cancellation_fee(session, brussels(2026, 3, 30))
        assert (True, "R15", Decimal(375)) == (before.owed, before.rule, before.amount)
        assert (False, "R18", FeeReason.LIST_CHARGED_FIRST, Decimal(0)) == (
            after.owed,
            after.rule,
            after.reason,
            after.amount,
        )

    def test_a_session_confirmed_after_registration_closed_still_pays_a_late_cancellation(
        self,
    ) -> None:
        """No registration window, so no R16 charge that could come first (R18)."""
        session = confirmed_session(APRIL_1).evolve(dates_confirmed_at=brussels(2026, 3, 30, 10))
        assert Decimal(375) == cancellation_fee(session, brussels(2026, 3, 31)).amount

    def test_the_amount_is_the_sessions_policy(self) -> None:
        """A session keeps the fee of the policy it was requested under."""
        policy = DEFAULT_POLICY.evolve(late_cancellation_fee="400.00")
        fee = cancellation_fee(session_at(APRIL_1, policy=policy), brussels(2026, 3, 18))
        assert (Decimal("400.00"), Decimal("400.00"), 1) == (
            fee.amount,
            fee.unit_price,
            fee.quantity,
        )

    def test_a_free_fee_still_carries_the_price_it_avoided(self) -> None:
        fee = cancellation_fee(session_at(APRIL_1), brussels(2026, 3, 1))
        assert (0, Decimal(375), Decimal(0)) == (fee.quantity, fee.unit_price, fee.amount)
        assert brussels(2026, 3, 18) == fee.deadline

    def test_a_policy_with_other_days_moves_the_deadline(self) -> None:
        """Free until the end of D-10 with ``free_cancellation_days_before=10``."""
        session = session_at(APRIL_1, policy=Policy(free_cancellation_days_before=10))
        assert not cancellation_fee(session, brussels(2026, 3, 22, 23, 59, 59)).owed
        assert cancellation_fee(session, brussels(2026, 3, 23)).owed

    def test_cancelling_a_session_without_dates_is_free(self) -> None:
        fee = cancellation_fee(requested_session(APRIL_1), brussels(2026, 3, 31))
        assert (False, FeeReason.NO_DATES, None) == (fee.owed, fee.reason, fee.deadline)

    def test_cancelling_a_session_without_dates_is_free_under_r15_and_says_so(self) -> None:
        """The free answer without dates is a whole R15 fee, arising when asked."""
        when = brussels(2026, 3, 31)
        expected = Fee(
            kind=FeeKind.LATE_CANCELLATION,
            rule="R15",
            reason=FeeReason.NO_DATES,
            owed=False,
            quantity=0,
            unit_price=Decimal(375),
            amount=Decimal(0),
            arises_at=when,
        )
        fee = cancellation_fee(requested_session(APRIL_1), when)
        assert expected == fee
        assert "Free cancellation: no date is confirmed yet" == fee.describe("en")

    # Each row: a session, when cancelling is asked, and the answer not owed,
    # with its rule, reason and deadline.
    @pytest.mark.parametrize(
        ("people", "when", "rule", "reason", "deadline"),
        [
            pytest.param(
                6,
                brussels(2026, 3, 17, 23, 59, 59),
                "R15",
                FeeReason.FREE_CANCELLATION,
                brussels(2026, 3, 18),
                id="free",
            ),
            pytest.param(
                0,
                brussels(2026, 3, 30),
                "R18",
                FeeReason.LIST_CHARGED_FIRST,
                brussels(2026, 3, 30),
                id="list-charged-first",
            ),
        ],
    )
    def test_a_cancellation_not_owed_is_a_whole_late_cancellation_fee(
        self,
        people: int,
        when: pendulum.DateTime,
        rule: str,
        reason: FeeReason,
        deadline: pendulum.DateTime,
    ) -> None:
        """The answer equals the fee built and checked from the same figures."""
        expected = Fee(
            kind=FeeKind.LATE_CANCELLATION,
            rule=rule,
            reason=reason,
            owed=False,
            quantity=0,
            unit_price=Decimal(375),
            amount=Decimal(0),
            arises_at=when,
            deadline=deadline,
        )
        assert expected == cancellation_fee(session_at(APRIL_1, people), when)

    def test_a_free_cancellation_is_decided_by_r15(self) -> None:
        """Notified by the end of D-15, the answer names rule R15."""
        fee = cancellation_fee(session_at(APRIL_1), brussels(2026, 3, 1))
        assert ("R15", FeeReason.FREE_CANCELLATION) == (fee.rule, fee.reason)

    @pytest.mark.parametrize(
        ("lang", "free", "late"),
        [
            (
                "fr",
                "Annulation gratuite : notifiée au plus tard le mardi 17 mars 2026 à 23:59",
                "Annulation tardive (à partir du mercredi 18 mars 2026 à 00:00) : 375,00 €",
            ),
            (
                "nl",
                "Kosteloze annulering: gemeld uiterlijk op dinsdag 17 maart 2026 om 23:59",
                "Late annulering (vanaf woensdag 18 maart 2026 om 00:00): € 375,00",
            ),
            (
                "en",
                "Free cancellation: notified by Tuesday 17 March 2026 at 23:59",
                "Late cancellation (from Wednesday 18 March 2026 at 00:00): €375.00",
            ),
        ],
    )
    def test_the_fee_explains_itself_in_three_languages(
        self, lang: str, free: str, late: str
    ) -> None:
        session = session_at(APRIL_1)
        assert free == cancellation_fee(session, brussels(2026, 3, 1)).describe(lang)  # type: ignore[arg-type]
        assert late == cancellation_fee(session, brussels(2026, 3, 20)).describe(lang)  # type: ignore[arg-type]

    def test_an_unknown_language_is_refused(self) -> None:
        fee = cancellation_fee(session_at(APRIL_1), brussels(2026, 3, 1))
        with refused_as(InvalidValueError, "lang"):
            fee.describe("de")  # type: ignore[arg-type]

    # Each row: what is passed as ``when``, and the error expected.
    @pytest.mark.parametrize(
        ("when", "error"),
        [
            (dt.datetime(2026, 3, 18, 9), NaiveDatetimeError),
            (pendulum.naive(2026, 3, 18, 9), NaiveDatetimeError),
            (dt.date(2026, 3, 18), InvalidTypeError),
            ("2026-03-18T09:00:00+01:00", InvalidTypeError),
            (None, InvalidTypeError),
        ],
    )
    def test_when_must_be_an_aware_instant(
        self, when: object, error: type[IncompanyRulesError]
    ) -> None:
        with refused_as(error, "when"):
            cancellation_fee(session_at(APRIL_1), when)  # type: ignore[arg-type]

    @pytest.mark.parametrize("thing", [None, "IC-2026-0042/G1", 42])
    def test_anything_but_a_session_is_refused(self, thing: object) -> None:
        with refused_as(InvalidTypeError, "session"):
            cancellation_fee(thing, brussels(2026, 3, 1))  # type: ignore[arg-type]

    def test_the_refusal_names_the_session_argument(self) -> None:
        """The message (pinned in test_messages.py) says which type came instead."""
        with refused_as(InvalidTypeError, "session"):
            cancellation_fee("IC-2026-0042/G1", brussels(2026, 3, 1))  # type: ignore[arg-type]


class TestCancellationFeeSchedule:
    @pytest.mark.parametrize(DEADLINE_NAMES, DEADLINES)
    def test_a_session_with_a_list_is_free_then_375_until_the_start(
        self,
        start: pendulum.DateTime,
        last_free: pendulum.DateTime,
        first_late: pendulum.DateTime,
        last_of_d3: pendulum.DateTime,
        first_of_d2: pendulum.DateTime,
    ) -> None:
        """Two steps: free until 00:00 on D-14, then 375 EUR until the class start."""
        del last_of_d3, first_of_d2
        free, late = cancellation_fee_schedule(session_at(start))
        assert (None, first_late, False, Decimal(0)) == (
            free.starts,
            free.ends,
            free.owed,
            free.amount,
        )
        assert (first_late, start, True, Decimal(375), "R15") == (
            late.starts,
            late.ends,
            late.owed,
            late.amount,
            late.rule,
        )
        assert last_free.replace(second=0) == free.last_minute

    @pytest.mark.parametrize(DEADLINE_NAMES, DEADLINES)
    def test_a_session_without_a_list_costs_nothing_more_from_d_minus_2(
        self,
        start: pendulum.DateTime,
        last_free: pendulum.DateTime,
        first_late: pendulum.DateTime,
        last_of_d3: pendulum.DateTime,
        first_of_d2: pendulum.DateTime,
    ) -> None:
        """R18: from 00:00 on D-2 the missing list charge is owed, and cancelling adds nothing."""
        del last_free, last_of_d3
        steps = cancellation_fee_schedule(session_at(start, people=0))
        assert [
            (None, first_late, FeeReason.FREE_CANCELLATION),
            (first_late, first_of_d2, FeeReason.LATE_CANCELLATION),
            (first_of_d2, start, FeeReason.LIST_CHARGED_FIRST),
        ] == [(s.starts, s.ends, s.reason) for s in steps]

    def test_each_step_agrees_with_cancellation_fee(self) -> None:
        session = session_at(APRIL_1, people=0)
        for step in cancellation_fee_schedule(session):
            probes = [step.ends - US] if step.starts is None else [step.starts, step.ends - US]
            for when in probes:
                assert step.amount == cancellation_fee(session, when).amount

    def test_a_deadline_after_the_class_start_leaves_one_free_step(self) -> None:
        """With free cancellation until the end of D-0, the class starts first."""
        policy = Policy(free_cancellation_days_before=0, registration_days_before=0)
        (step,) = cancellation_fee_schedule(session_at(APRIL_1, policy=policy))
        assert (None, APRIL_1, False) == (step.starts, step.ends, step.owed)

    def test_registration_closing_before_the_free_window_still_ends_in_a_late_step(self) -> None:
        """With registration closing at D-20, the two free stretches merge and the late one follows."""
        policy = Policy(registration_days_before=20)
        steps = cancellation_fee_schedule(session_at(APRIL_1, policy=policy))
        assert [
            (None, brussels(2026, 3, 18), FeeReason.FREE_CANCELLATION),
            (brussels(2026, 3, 18), APRIL_1, FeeReason.LATE_CANCELLATION),
        ] == [(s.starts, s.ends, s.reason) for s in steps]

    def test_a_step_speaks_french_by_default(self) -> None:
        """Without a language, a step describes itself in French."""
        free, late = cancellation_fee_schedule(session_at(APRIL_1))
        assert "Annulation gratuite jusqu'au mardi 17 mars 2026 à 23:59" == free.describe()
        assert (
            "L'annulation coûte 375,00 € du mercredi 18 mars 2026 à 00:00"
            " au mercredi 1er avril 2026 à 08:59" == late.describe()
        )

    def test_a_step_built_without_a_start_leaves_that_date_out(self) -> None:
        """A step an application builds from "any earlier instant" names only its end."""
        step = FeeStep(
            starts=None,
            ends=APRIL_1,
            owed=True,
            amount=Decimal(375),
            rule="R15",
            reason=FeeReason.LATE_CANCELLATION,
        )
        assert "Cancelling costs €375.00 from  until Wednesday 1 April 2026 at 08:59" == (
            step.describe("en")
        )

    @pytest.mark.parametrize(
        ("lang", "expected"),
        [
            (
                "fr",
                [
                    "Annulation gratuite jusqu'au mardi 17 mars 2026 à 23:59",
                    "L'annulation coûte 375,00 € du mercredi 18 mars 2026 à 00:00 au dimanche 29 mars 2026 à 23:59",
                    "L'annulation n'entraîne pas de frais supplémentaires du lundi 30 mars 2026 à 00:00 au mercredi 1er avril 2026 à 08:59 : la liste des participants fait défaut",
                ],
            ),
            (
                "nl",
                [
                    "Kosteloos annuleren tot dinsdag 17 maart 2026 om 23:59",
                    "Annuleren kost € 375,00 van woensdag 18 maart 2026 om 00:00 tot zondag 29 maart 2026 om 23:59",
                    "Annuleren kost van maandag 30 maart 2026 om 00:00 tot woensdag 1 april 2026 om 08:59 niets extra: de deelnemerslijst ontbreekt",
                ],
            ),
            (
                "en",
                [
                    "Free cancellation until Tuesday 17 March 2026 at 23:59",
                    "Cancelling costs €375.00 from Wednesday 18 March 2026 at 00:00 until Sunday 29 March 2026 at 23:59",
                    "Cancelling costs nothing extra from Monday 30 March 2026 at 00:00 until Wednesday 1 April 2026 at 08:59: the participant list is missing",
                ],
            ),
        ],
    )
    def test_steps_spell_their_dates_for_an_application(
        self, lang: str, expected: list[str]
    ) -> None:
        steps = cancellation_fee_schedule(session_at(APRIL_1, people=0))
        assert expected == [s.describe(lang) for s in steps]  # type: ignore[arg-type]

    def test_a_session_without_dates_has_no_schedule(self) -> None:
        with pytest.raises(InvalidSessionError, match=r"confirmed_slot"):
            cancellation_fee_schedule(requested_session(APRIL_1))


class TestMissingListFee:
    @pytest.mark.parametrize(DEADLINE_NAMES, DEADLINES)
    def test_no_participant_when_registration_closes_costs_375_at_00_00_on_d_minus_2(
        self,
        start: pendulum.DateTime,
        last_free: pendulum.DateTime,
        first_late: pendulum.DateTime,
        last_of_d3: pendulum.DateTime,
        first_of_d2: pendulum.DateTime,
    ) -> None:
        del last_free, first_late, last_of_d3
        fee = missing_list_fee(session_at(start, people=0))
        assert (True, Decimal(375), "R16", first_of_d2) == (
            fee.owed,
            fee.amount,
            fee.rule,
            fee.arises_at,
        )
        assert first_of_d2.isoformat() == fee.arises_at.isoformat()  # type: ignore[union-attr]

    @pytest.mark.parametrize("people", [1, 5, 6, 7])
    def test_one_registered_participant_is_a_list(self, people: int) -> None:
        fee = missing_list_fee(session_at(APRIL_1, people=people))
        assert (False, FeeReason.LIST_RECEIVED, Decimal(0)) == (fee.owed, fee.reason, fee.amount)

    @pytest.mark.parametrize(DEADLINE_NAMES, DEADLINES)
    def test_a_session_cancelled_before_registration_closes_owes_no_list(
        self,
        start: pendulum.DateTime,
        last_free: pendulum.DateTime,
        first_late: pendulum.DateTime,
        last_of_d3: pendulum.DateTime,
        first_of_d2: pendulum.DateTime,
    ) -> None:
        """R18: cancelled at 23:59:59 on D-3, no list; cancelled at 00:00 on D-2, it owes one."""
        del last_free, first_late
        early = missing_list_fee(session_at(start, people=0, cancelled_at=last_of_d3))
        late = missing_list_fee(session_at(start, people=0, cancelled_at=first_of_d2))
        assert (False, "R18", FeeReason.CANCELLED_BEFORE_LIST) == (
            early.owed,
            early.rule,
            early.reason,
        )
        assert (True, "R16") == (late.owed, late.rule)

    def test_dates_confirmed_after_registration_closed_owe_no_list(self) -> None:
        session = confirmed_session(APRIL_1).evolve(dates_confirmed_at=brussels(2026, 3, 30))
        fee = missing_list_fee(session)
        assert (False, FeeReason.NO_REGISTRATION_WINDOW) == (fee.owed, fee.reason)

    def test_a_session_without_dates_owes_no_list(self) -> None:
        fee = missing_list_fee(requested_session(APRIL_1))
        assert (False, FeeReason.NO_REGISTRATION_WINDOW, None) == (
            fee.owed,
            fee.reason,
            fee.arises_at,
        )

    def test_a_session_without_dates_owes_no_list_under_r16(self) -> None:
        """Without dates the whole answer is an R16 missing list fee not owed, with no instant."""
        expected = Fee(
            kind=FeeKind.MISSING_LIST,
            rule="R16",
            reason=FeeReason.NO_REGISTRATION_WINDOW,
            owed=False,
            quantity=0,
            unit_price=Decimal(375),
            amount=Decimal(0),
            arises_at=None,
        )
        fee = missing_list_fee(requested_session(APRIL_1))
        assert expected == fee
        assert "No missing-list fee: registration was never open" == fee.describe("en")

    def test_a_missing_list_is_a_whole_r16_fee_arising_when_registration_closes(self) -> None:
        """No participant at 00:00 on D-2: one missing list fee of 375 EUR, arising then."""
        closes = brussels(2026, 3, 30)
        expected = Fee(
            kind=FeeKind.MISSING_LIST,
            rule="R16",
            reason=FeeReason.NO_LIST,
            owed=True,
            quantity=1,
            unit_price=Decimal(375),
            amount=Decimal(375),
            arises_at=closes,
            deadline=closes,
        )
        assert expected == missing_list_fee(session_at(APRIL_1, people=0))

    def test_the_amount_is_the_sessions_policy(self) -> None:
        policy = DEFAULT_POLICY.evolve(missing_list_fee="300")
        assert Decimal(300) == missing_list_fee(session_at(APRIL_1, 0, policy=policy)).amount

    def test_the_fee_explains_itself(self) -> None:
        fee = missing_list_fee(session_at(APRIL_1, people=0))
        assert (
            "Liste des participants manquante à la clôture des inscriptions,"
            " le dimanche 29 mars 2026 à 23:59 : 375,00 €"
        ) == (fee.describe())
        assert (
            "Geen deelnemerslijst bij het afsluiten van de inschrijvingen op zondag 29 maart 2026 om 23:59: € 375,00"
            == fee.describe("nl")
        )

    def test_anything_but_a_session_is_refused(self) -> None:
        with refused_as(InvalidTypeError, "session"):
            missing_list_fee("IC-2026-0042/G1")  # type: ignore[arg-type]


def held(
    people: int = 7,
    attended: int | None = None,
    *,
    policy: Policy = DEFAULT_POLICY,
    **changes: object,
) -> Session:
    """A class on 1 April 2026 with ``people`` registered and the first ``attended`` present."""
    session = session_at(APRIL_1, people, policy=policy, **changes)
    if attended is None:
        return session
    return session.evolve(attendance=session.participants[:attended])


class TestShortfallInvoice:
    # Each row: attendees out of 7 registered, and the shortfall (150 EUR per
    # person below 6).
    @pytest.mark.parametrize(
        ("attended", "missing", "total"),
        [
            (0, 6, Decimal(900)),
            (1, 5, Decimal(750)),
            (5, 1, Decimal(150)),
            (6, 0, Decimal(0)),
            (7, 0, Decimal(0)),
        ],
    )
    def test_each_person_missing_below_6_costs_150(
        self, attended: int, missing: int, total: Decimal
    ) -> None:
        invoice = shortfall_invoice(held(attended=attended))
        assert total == invoice.total
        assert ([missing] if missing else []) == [line.quantity for line in invoice]

    @pytest.mark.parametrize("count", [0, 1, 5, 6, 7])
    def test_attended_may_be_participants_national_numbers_or_a_count(self, count: int) -> None:
        session = held()
        people = session.participants[:count]
        numbers = [p.national_number for p in people]
        expected = shortfall_invoice(session, attended=count)
        assert expected == shortfall_invoice(session, attended=people)
        assert expected == shortfall_invoice(session, attended=numbers)
        assert expected == shortfall_invoice(session.evolve(attendance=numbers))

    def test_the_line_says_how_many_at_what_price_and_arises_at_the_class_end(self) -> None:
        (line,) = shortfall_invoice(held(attended=4))
        assert (FeeKind.SHORTFALL, "R17", 2, Decimal(150), Decimal(300)) == (
            line.kind,
            line.rule,
            line.quantity,
            line.unit_price,
            line.amount,
        )
        assert "2026-04-01T12:30:00+02:00" == line.arises_at.isoformat()

    def test_an_attendee_counts_once(self) -> None:
        session = held()
        twice = [session.participants[0], session.participants[0].national_number]
        assert Decimal(750) == shortfall_invoice(session, attended=twice).total

    def test_the_policy_sets_the_minimum_and_the_price(self) -> None:
        policy = DEFAULT_POLICY.evolve(min_participants=8, shortfall_fee_per_person="160.50")
        invoice = shortfall_invoice(held(attended=5, policy=policy))
        assert Decimal("481.50") == invoice.total

    def test_the_registered_basis_counts_registrations_not_attendance(self) -> None:
        policy = DEFAULT_POLICY.evolve(shortfall_basis=ShortfallBasis.REGISTERED)
        assert Decimal(150) == shortfall_invoice(held(5, policy=policy)).total
        assert Decimal(150) == shortfall_invoice(held(5, attended=0, policy=policy)).total

    def test_without_recorded_or_given_attendance_the_shortfall_cannot_be_counted(self) -> None:
        with refused_as(AttendanceNotRecordedError, "attended"):
            shortfall_invoice(held())

    def test_a_stranger_in_the_attendance_is_refused_without_showing_the_number(self) -> None:
        stranger = Participant("93.03.03-333.96", "stranger@acme.example")
        with pytest.raises(UnregisteredAttendeeError, match=r"not registered: \*+96$") as e:
            shortfall_invoice(held(people=6), attended=[stranger])
        assert "93030333396" not in str(e.value)
        assert isinstance(e.value, ValueError)

    def test_every_stranger_in_the_attendance_is_named_masked_in_order(self) -> None:
        """Two strangers are both listed, masked, sorted and separated by a comma."""
        with refused_as(UnregisteredAttendeeError, "attended") as e:
            shortfall_invoice(held(people=5), attended=sample_participants(7)[5:])
        assert e.value.problem.endswith(": *********87, *********96")

    # Each row: a bad ``attended`` and the error it raises.
    @pytest.mark.parametrize(
        ("attended", "error", "match"),
        [
            (8, UnregisteredAttendeeError, r"8 attendees but only 7 registered"),
            (-1, InvalidValueError, r"expected a count >= 0"),
            (True, InvalidTypeError, r"expected participants, national numbers or a count"),
            ("85.07.30-033.28", InvalidTypeError, r"not a str"),
            (6.0, InvalidTypeError, r"got float"),
            (["85.07.30-033.28"], InvalidTypeError, r"expected Participant or NationalNumber"),
        ],
    )
    def test_bad_attendance_is_refused(
        self, attended: object, error: type[IncompanyRulesError], match: str
    ) -> None:
        with pytest.raises(error, match=r"^Invalid attended: .*" + match):
            shortfall_invoice(held(), attended=attended)

    @pytest.mark.parametrize(
        "session",
        [
            pytest.param(held(attended=0, cancelled_at=brussels(2026, 3, 1)), id="cancelled"),
            pytest.param(held(people=0), id="no-list"),
            pytest.param(requested_session(APRIL_1), id="no-dates"),
        ],
    )
    def test_a_session_not_held_owes_no_shortfall(self, session: Session) -> None:
        """R18: cancelled, or without a list at D-3, the class is not held."""
        assert Invoice() == shortfall_invoice(session, attended=0)
        assert Invoice() == shortfall_invoice(session)


class TestFeesDue:
    @pytest.mark.parametrize(DEADLINE_NAMES, DEADLINES)
    def test_the_missing_list_charge_is_owed_from_00_00_on_d_minus_2(
        self,
        start: pendulum.DateTime,
        last_free: pendulum.DateTime,
        first_late: pendulum.DateTime,
        last_of_d3: pendulum.DateTime,
        first_of_d2: pendulum.DateTime,
    ) -> None:
        """23:59:59 on D-3: nothing yet; 00:00 on D-2: 375 EUR under R16."""
        del last_free, first_late
        session = session_at(start, people=0)
        assert Invoice() == fees_due(session, last_of_d3)
        (line,) = fees_due(session, first_of_d2)
        assert (FeeKind.MISSING_LIST, "R16", Decimal(375), first_of_d2) == (
            line.kind,
            line.rule,
            line.amount,
            line.arises_at,
        )

    @pytest.mark.parametrize(DEADLINE_NAMES, DEADLINES)
    def test_a_late_cancellation_is_owed_once_notified(
        self,
        start: pendulum.DateTime,
        last_free: pendulum.DateTime,
        first_late: pendulum.DateTime,
        last_of_d3: pendulum.DateTime,
        first_of_d2: pendulum.DateTime,
    ) -> None:
        del last_of_d3, first_of_d2
        free = session_at(start, cancelled_at=last_free)
        late = session_at(start, cancelled_at=first_late)
        after = start.add(days=30)
        assert Invoice() == fees_due(free, after)
        assert Invoice() == fees_due(late, first_late - US)  # not notified yet
        for now in (first_late, start - US, start, after):
            assert [(FeeKind.LATE_CANCELLATION, "R15", Decimal(375))] == [
                (line.kind, line.rule, line.amount) for line in fees_due(late, now)
            ]

    # Each row: when a session without a list is cancelled, and the one charge it owes.
    @pytest.mark.parametrize(
        ("cancelled_at", "expected"),
        [
            (brussels(2026, 3, 17, 23, 59, 59), []),
            (brussels(2026, 3, 18), [(FeeKind.LATE_CANCELLATION, "R15")]),
            (brussels(2026, 3, 29, 23, 59, 59), [(FeeKind.LATE_CANCELLATION, "R15")]),
            (brussels(2026, 3, 30), [(FeeKind.MISSING_LIST, "R16")]),
            (APRIL_1 - US, [(FeeKind.MISSING_LIST, "R16")]),
        ],
    )
    def test_a_session_owes_at_most_one_375_charge(
        self, cancelled_at: pendulum.DateTime, expected: list[tuple[FeeKind, str]]
    ) -> None:
        """R18: R15 or R16, whichever arises first, never both."""
        session = session_at(APRIL_1, people=0, cancelled_at=cancelled_at)
        invoice = fees_due(session, brussels(2026, 5, 1))
        assert expected == [(line.kind, line.rule) for line in invoice]

    # Each row: ``now`` around the class of 1 April 2026 (09:00-12:30), 4 of 7 present.
    @pytest.mark.parametrize(
        ("now", "total"),
        [
            (brussels(2026, 3, 30), Decimal(0)),
            (APRIL_1 - US, Decimal(0)),
            (APRIL_1, Decimal(0)),
            (brussels(2026, 4, 1, 12, 29, 59, 999999), Decimal(0)),
            (brussels(2026, 4, 1, 12, 30), Decimal(300)),
            (pendulum.datetime(2026, 4, 1, 10, 30, tz="UTC"), Decimal(300)),
            (brussels(2027, 1, 1), Decimal(300)),
        ],
    )
    def test_the_shortfall_is_owed_once_the_class_has_ended(
        self, now: pendulum.DateTime, total: Decimal
    ) -> None:
        assert total == fees_due(held(attended=4), now).total

    def test_the_shortfall_arises_at_the_class_end_on_the_policys_clock(self) -> None:
        (line,) = fees_due(held(attended=4), brussels(2026, 4, 2))
        assert "2026-04-01T12:30:00+02:00" == line.arises_at.isoformat()

    def test_on_the_registered_basis_the_shortfall_needs_no_attendance(self) -> None:
        policy = DEFAULT_POLICY.evolve(shortfall_basis="registered")
        assert Decimal(150) == fees_due(held(5, policy=policy), brussels(2026, 4, 2)).total

    def test_the_shortfall_waits_for_the_attendance(self) -> None:
        """On the attendance basis, nothing is owed until attendance is recorded."""
        assert Invoice() == fees_due(held(), brussels(2026, 4, 2))

    def test_a_session_without_a_list_owes_no_shortfall(self) -> None:
        """R18: no list at D-3, not held: only the missing list charge."""
        invoice = fees_due(held(people=0), brussels(2026, 4, 2))
        assert [FeeKind.MISSING_LIST] == [line.kind for line in invoice]

    def test_a_session_without_dates_owes_nothing(self) -> None:
        session = requested_session(APRIL_1).evolve(cancelled_at=brussels(2026, 3, 31))
        assert Decimal(0) == fees_due(session, brussels(2026, 5, 1)).total

    def test_a_cancellation_recorded_after_the_start_is_refused(self) -> None:
        session = held(cancelled_at=APRIL_1)
        with refused_as(InvalidSessionError, "Session.cancelled_at"):
            fees_due(session, brussels(2026, 5, 1))

    def test_a_late_cancellation_arises_on_the_policys_clock(self) -> None:
        """A cancellation recorded in Tokyo is invoiced at the same instant, in Brussels."""
        cancelled = dt.datetime(2026, 3, 20, 18, tzinfo=TOKYO)  # 10:00 in Brussels
        (line,) = fees_due(held(cancelled_at=cancelled), brussels(2026, 3, 21))
        assert "2026-03-20T10:00:00+01:00" == line.arises_at.isoformat()

    # Each row: a cancellation in the hour Brussels repeats on 25 October 2026,
    # an instant in that hour, and the total owed then (UTC 00:45 and 01:15).
    @pytest.mark.parametrize(
        ("cancelled_utc", "now_utc", "expected"),
        [
            pytest.param((0, 45), (1, 15), Decimal(375), id="cancelled-in-the-first-pass"),
            pytest.param((1, 15), (0, 45), Decimal(0), id="asked-before-the-second-pass"),
        ],
    )
    def test_a_cancellation_in_the_repeated_hour_counts_from_its_real_instant(
        self, cancelled_utc: tuple[int, int], now_utc: tuple[int, int], expected: Decimal
    ) -> None:
        """02:45 of the first pass comes before 02:15 of the second: the instant decides."""
        cancelled = pendulum.datetime(2026, 10, 25, *cancelled_utc, tz="UTC").in_tz(BRUSSELS)
        now = pendulum.datetime(2026, 10, 25, *now_utc, tz="UTC").in_tz(BRUSSELS)
        session = session_at(NOVEMBER_4, cancelled_at=cancelled)
        assert expected == fees_due(session, now).total

    def test_the_same_instant_on_any_clock_owes_the_same(self) -> None:
        session = session_at(APRIL_1, people=0)
        closes = brussels(2026, 3, 30)
        tokyo = dt.datetime(2026, 3, 30, 7, tzinfo=TOKYO)  # 00:00 in Brussels
        for now in (closes, closes.in_tz("UTC"), closes.in_tz("Asia/Tokyo"), tokyo):
            assert Decimal(375) == fees_due(session, now).total
            assert Decimal(0) == fees_due(session, now - US).total

    @pytest.mark.parametrize(
        ("now", "error"),
        [
            (dt.datetime(2026, 4, 2), NaiveDatetimeError),
            (dt.date(2026, 4, 2), InvalidTypeError),
            (1_775_000_000, InvalidTypeError),
        ],
    )
    def test_now_must_be_an_aware_instant(
        self, now: object, error: type[IncompanyRulesError]
    ) -> None:
        with refused_as(error, "now"):
            fees_due(held(), now)  # type: ignore[arg-type]

    def test_anything_but_a_session_is_refused(self) -> None:
        with refused_as(InvalidTypeError, "session"):
            fees_due(None, brussels(2026, 4, 2))  # type: ignore[arg-type]


class TestValues:
    def test_an_empty_invoice_totals_decimal_zero(self) -> None:
        total = Invoice().total
        assert (Decimal, "0") == (type(total), str(total))
        assert [] == list(Invoice())
        assert "Total : 0,00 €" == Invoice().describe()

    def test_an_invoice_adds_its_lines(self) -> None:
        one = InvoiceLine(
            kind=FeeKind.SHORTFALL,
            rule="R17",
            quantity=2,
            unit_price=Decimal("150.25"),
            amount=Decimal("300.50"),
            arises_at=APRIL_1,
        )
        assert Decimal("601.00") == Invoice([one, one]).total
        assert 2 == len(Invoice((one, one)))

    # Each row: InvoiceLine fields, and the field its refusal names.
    @pytest.mark.parametrize(
        ("quantity", "unit_price", "amount", "field"),
        [
            # The figures are valid, the product is not.
            (
                2,
                Decimal(150),
                Decimal(150),
                "InvoiceLine.amount",
            ),
            (
                1,
                Decimal(150),
                Decimal(0),
                "InvoiceLine.amount",
            ),
            (
                1,
                Decimal(0),
                Decimal(1),
                "InvoiceLine.amount",
            ),
            # The quantity.
            (
                0,
                Decimal(150),
                Decimal(0),
                "InvoiceLine.quantity",
            ),
            (
                -1,
                Decimal(150),
                Decimal(-150),
                "InvoiceLine.quantity",
            ),
            (
                True,
                Decimal(150),
                Decimal(150),
                "InvoiceLine.quantity",
            ),
            # The unit price, named before the amount.
            (
                0,
                Decimal(-1),
                Decimal(0),
                "InvoiceLine.unit_price",
            ),
            (
                1,
                Decimal("NaN"),
                Decimal(150),
                "InvoiceLine.unit_price",
            ),
            (
                1,
                150,
                Decimal(150),
                "InvoiceLine.unit_price",
            ),
            # The amount.
            (
                1,
                Decimal(150),
                150,
                "InvoiceLine.amount",
            ),
            (
                1,
                Decimal(150),
                Decimal(-150),
                "InvoiceLine.amount",
            ),
        ],
    )
    def test_a_line_that_does_not_add_up_says_which_figure_and_why(
        self, quantity: int, unit_price: Decimal, amount: Decimal, field: str
    ) -> None:
        """The refusal names the first wrong figure."""
        with pytest.raises(IncompanyRulesError) as e:
            InvoiceLine(
                kind=FeeKind.SHORTFALL,
                rule="R17",
                quantity=quantity,
                unit_price=unit_price,
                amount=amount,
                arises_at=APRIL_1,
            )
        assert field == e.value.field

    # Each row: Fee figures, whether it is owed, and the field its refusal names.
    @pytest.mark.parametrize(
        ("owed", "quantity", "amount", "field"),
        [
            (True, 1, Decimal(300), "Fee.amount"),
            (False, 1, Decimal(375), "Fee.quantity"),
            (
                True,
                -1,
                Decimal(0),
                "Fee.quantity",
            ),
        ],
    )
    def test_a_fee_that_does_not_add_up_says_which_figure_and_why(
        self,
        owed: bool,
        quantity: int,
        amount: Decimal,
        field: str,
    ) -> None:
        """A fee's refusal names the first wrong Fee field."""
        with pytest.raises(InvalidValueError) as e:
            Fee(
                kind=FeeKind.LATE_CANCELLATION,
                rule="R15",
                reason=FeeReason.LATE_CANCELLATION,
                owed=owed,
                quantity=quantity,
                unit_price=Decimal(375),
                amount=amount,
                arises_at=APRIL_1,
            )
        assert field == e.value.field

    # Each row: what is given as an invoice's lines, and the field its refusal names.
    @pytest.mark.parametrize(
        ("lines", "field"),
        [
            ([Decimal(375)], "Invoice.lines"),
            (375, "Invoice.lines"),
            ("R17", "Invoice.lines"),
        ],
    )
    def test_an_invoice_refusal_names_what_was_given(self, lines: object, field: str) -> None:
        """Anything but a collection of invoice lines is refused."""
        with pytest.raises(InvalidTypeError) as e:
            Invoice(lines)
        assert field == e.value.field

    def test_a_line_speaks_french_by_default(self) -> None:
        """Without a language, a line describes itself in French."""
        line = InvoiceLine(
            kind=FeeKind.SHORTFALL,
            rule="R17",
            quantity=2,
            unit_price=Decimal(150),
            amount=Decimal(300),
            arises_at=APRIL_1,
        )
        assert "Participant manquant (R17) : 2 x 150,00 € = 300,00 €" == line.describe()

    @pytest.mark.parametrize("reason", list(FeeReason), ids=lambda reason: reason.value)
    def test_a_fee_that_shows_its_deadline_is_refused_without_it(self, reason: FeeReason) -> None:
        """Its description shows the deadline: built without one, it would show a blank."""
        owed = reason in {FeeReason.LATE_CANCELLATION, FeeReason.NO_LIST}

        def built(deadline: pendulum.DateTime | None) -> Fee:
            return Fee(
                kind=FeeKind.LATE_CANCELLATION,
                rule="R15",
                reason=reason,
                owed=owed,
                quantity=int(owed),
                unit_price=Decimal(375),
                amount=Decimal(375) * owed,
                arises_at=APRIL_1,
                deadline=deadline,
            )

        dated = built(APRIL_1).describe("en")
        if "2026" not in dated:  # its text shows no date: none is needed
            assert built(None).describe("en") == dated
            return
        with refused_as(InvalidValueError, "Fee.deadline"):
            built(None)

    def test_a_fee_not_owed_has_no_quantity_and_no_line(self) -> None:
        free = cancellation_fee(session_at(APRIL_1), brussels(2026, 3, 1))
        with refused_as(InvalidValueError, "Fee"):
            free.line()
        with refused_as(InvalidValueError, "Fee.quantity"):
            Fee(
                kind=FeeKind.LATE_CANCELLATION,
                rule="R15",
                reason=FeeReason.FREE_CANCELLATION,
                owed=False,
                quantity=1,
                unit_price=Decimal(375),
                amount=Decimal(375),
                arises_at=APRIL_1,
            )

    def test_an_owed_fee_becomes_an_invoice_line(self) -> None:
        fee = cancellation_fee(session_at(APRIL_1), brussels(2026, 3, 20))
        line = fee.line()
        assert (fee.kind, fee.rule, fee.amount, fee.arises_at) == (
            line.kind,
            line.rule,
            line.amount,
            line.arises_at,
        )

    def test_the_schedule_dates_are_the_calendars(self) -> None:
        """Fees read their deadlines from the session's calendar, never count days themselves."""
        session = session_at(APRIL_15, people=0)
        plan = schedule(session)
        assert plan.registration_closes == missing_list_fee(session).arises_at
        steps = cancellation_fee_schedule(session)
        assert (plan.free_cancellation_closes, plan.registration_closes, plan.start) == tuple(
            s.ends for s in steps
        )
