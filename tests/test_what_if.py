"""Fee rows of the same sessions under several policies, side by side."""

from __future__ import annotations

from decimal import Decimal

import pendulum
import pytest
from hypothesis import given

from helpers import brussels, refused_as
from incompany_rules import (
    DEFAULT_POLICY,
    IncompanyRulesError,
    InvalidPolicyError,
    InvalidTypeError,
    NaiveDatetimeError,
    Session,
    fee_rows,
)
from incompany_rules.batch import Row, Scenario, what_if_fee_rows
from incompany_rules.examples import confirmed_session, sample_participants
from incompany_rules.strategies import sessions

LONG_AFTER = pendulum.datetime(2035, 1, 1, tz="UTC")
D10: dict[str, Scenario] = {
    "as recorded": {},
    "free until D-10": {"free_cancellation_days_before": 10},
}


def cancelled(start: pendulum.DateTime, at: pendulum.DateTime) -> Session:
    return confirmed_session(start).evolve(participants=sample_participants(6), cancelled_at=at)


def amounts(rows: list[Row]) -> list[tuple[object, object, object]]:
    return [(row["scenario"], row["kind"], row["amount"]) for row in rows]


LATE = ("as recorded", "late_cancellation", Decimal(375))
LATE_D10 = ("free until D-10", "late_cancellation", Decimal(375))
# (class start, cancelled at, fees under each scenario); D-10 falls on a clock change twice.
CANCELLATIONS = [
    (
        "ordinary, last second of D-10",
        brussels(2026, 4, 1, 9),
        brussels(2026, 3, 22, 23, 59, 59),
        [LATE],
    ),
    (
        "ordinary, first second of D-9",
        brussels(2026, 4, 1, 9),
        brussels(2026, 3, 23),
        [LATE, LATE_D10],
    ),
    (
        "ordinary, last second of D-15",
        brussels(2026, 4, 1, 9),
        brussels(2026, 3, 17, 23, 59, 59),
        [],
    ),
    (
        "March change, last second of D-10",
        brussels(2026, 4, 8, 9),
        brussels(2026, 3, 29, 23, 59, 59),
        [LATE],
    ),
    (
        "March change, first second of D-9",
        brussels(2026, 4, 8, 9),
        brussels(2026, 3, 30),
        [LATE, LATE_D10],
    ),
    (
        "October change, last second of D-10",
        brussels(2026, 11, 4, 9),
        brussels(2026, 10, 25, 23, 59, 59),
        [LATE],
    ),
    (
        "October change, first second of D-9",
        brussels(2026, 11, 4, 9),
        brussels(2026, 10, 26),
        [LATE, LATE_D10],
    ),
]


class TestWhatIf:
    @pytest.mark.parametrize(
        ("start", "at", "expected"),
        [case[1:] for case in CANCELLATIONS],
        ids=[case[0] for case in CANCELLATIONS],
    )
    def test_free_cancellation_until_d10(
        self, start: pendulum.DateTime, at: pendulum.DateTime, expected: list[tuple[object, ...]]
    ) -> None:
        rows = what_if_fee_rows([cancelled(start, at)], LONG_AFTER, D10)
        assert expected == amounts(rows)

    @pytest.mark.parametrize(("present", "owed"), [(4, Decimal(150)), (5, None), (6, None)])
    def test_a_minimum_of_five(self, present: int, owed: Decimal | None) -> None:
        people = sample_participants(6)
        held = confirmed_session(brussels(2026, 4, 1, 9)).evolve(
            participants=people, attendance=people[:present]
        )
        rows = what_if_fee_rows([held], LONG_AFTER, {"min 5": {"min_participants": 5}})
        assert ([] if owed is None else [("min 5", "shortfall", owed)]) == amounts(rows)

    def test_a_whole_policy_replaces_each_sessions_own(self) -> None:
        people = sample_participants(6)
        own = DEFAULT_POLICY.evolve(shortfall_fee_per_person="100")
        held = confirmed_session(brussels(2026, 4, 1, 9), policy=own).evolve(
            participants=people, attendance=people[:5]
        )
        scenarios: dict[str, Scenario] = {
            "own": {},
            "changed": {"min_participants": 7},
            "default": DEFAULT_POLICY,
        }
        rows = what_if_fee_rows([held], LONG_AFTER, scenarios)
        assert [
            ("own", "shortfall", Decimal(100)),
            ("changed", "shortfall", Decimal(200)),
            ("default", "shortfall", Decimal(150)),
        ] == amounts(rows)

    @given(sessions())
    def test_the_recorded_policy_gives_the_fee_rows(self, session: Session) -> None:
        rows = what_if_fee_rows([session], LONG_AFTER, {"now": {}})
        assert fee_rows([session], LONG_AFTER) == [
            {k: v for k, v in row.items() if k != "scenario"} for row in rows
        ]
        assert all(["scenario", *fee_rows([session], LONG_AFTER)[0]] == list(row) for row in rows)

    @pytest.mark.parametrize(
        ("scenarios", "error", "field"),
        [
            ([("D-10", {})], InvalidTypeError, "scenarios"),
            ({10: {}}, InvalidTypeError, "scenarios"),
            ({"D-10": 10}, InvalidTypeError, "scenarios['D-10']"),
            (
                {"D-10": {"free_cancellation_days_before": -1}},
                InvalidPolicyError,
                "scenarios['D-10']",
            ),
        ],
    )
    def test_a_bad_scenario_is_named(
        self, scenarios: object, error: type[IncompanyRulesError], field: str
    ) -> None:
        with refused_as(error, field):
            what_if_fee_rows([], LONG_AFTER, scenarios)  # type: ignore[arg-type]

    def test_now_and_sessions_are_checked(self) -> None:
        with pytest.raises(NaiveDatetimeError):
            what_if_fee_rows([], LONG_AFTER.naive(), D10)
        with pytest.raises(InvalidTypeError, match=r"^Invalid sessions\[0\]: expected a Session"):
            what_if_fee_rows([None], LONG_AFTER, D10)  # type: ignore[list-item]
