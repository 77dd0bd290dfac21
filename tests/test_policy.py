"""The Policy: every figure of the rules a caller may change."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import refused_as
from incompany_rules import (
    DEFAULT_POLICY,
    IncompanyRulesError,
    InvalidPolicyError,
    InvalidTypeError,
    Policy,
    ShortfallBasis,
)
from incompany_rules.policy import money


class TestDefaultPolicy:
    def test_the_default_policy_carries_the_seed_documents_figures(self) -> None:
        assert {
            "timezone": "Europe/Brussels",
            "min_participants": 6,
            "reminder_days_before": 21,
            "definitive_confirmation_days_before": 15,
            "free_cancellation_days_before": 15,
            "link_delay_hours": 24,
            "registration_days_before": 3,
            "evaluation_days_after": 1,
            "participant_email_from": "2021-03-01",
            "late_cancellation_fee": "375",
            "missing_list_fee": "375",
            "shortfall_fee_per_person": "150",
            "shortfall_basis": "attended",
        } == DEFAULT_POLICY.to_dict()

    def test_amounts_are_decimals(self) -> None:
        assert (Decimal(375), Decimal(375), Decimal(150)) == (
            DEFAULT_POLICY.late_cancellation_fee,
            DEFAULT_POLICY.missing_list_fee,
            DEFAULT_POLICY.shortfall_fee_per_person,
        )
        assert isinstance(DEFAULT_POLICY.late_cancellation_fee, Decimal)


class TestPolicyValidation:
    @pytest.mark.parametrize(
        ("field", "value", "error"),
        [
            # days
            ("reminder_days_before", -1, InvalidPolicyError),
            ("registration_days_before", 1.5, InvalidTypeError),
            ("evaluation_days_after", True, InvalidTypeError),
            ("min_participants", 0, InvalidPolicyError),
            ("link_delay_hours", "24", InvalidTypeError),
            # money
            ("late_cancellation_fee", 375.0, InvalidTypeError),
            ("missing_list_fee", Decimal(-1), InvalidPolicyError),
            ("shortfall_fee_per_person", "NaN", InvalidPolicyError),
            ("shortfall_fee_per_person", "lots", InvalidPolicyError),
            ("late_cancellation_fee", True, InvalidTypeError),
            # the rest
            ("timezone", "Europe/Bruxelles", InvalidPolicyError),
            ("timezone", 1, InvalidTypeError),
            ("participant_email_from", "01/03/2021", InvalidPolicyError),
            ("participant_email_from", dt.datetime(2021, 3, 1, tzinfo=dt.UTC), InvalidTypeError),
            ("participant_email_from", 2021, InvalidTypeError),
            ("shortfall_basis", "present", InvalidPolicyError),
        ],
    )
    def test_bad_figures_are_refused_naming_the_field(
        self, field: str, value: object, error: type[IncompanyRulesError]
    ) -> None:
        with refused_as(error, f"Policy.{field}"):
            Policy(**{field: value})  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (Decimal("375.50"), Decimal("375.50")),
            (400, Decimal(400)),
            (" 12.5 ", Decimal("12.5")),
            ("0", Decimal(0)),
        ],
    )
    def test_money_accepts_decimals_ints_and_numeric_strings(
        self, value: object, expected: Decimal
    ) -> None:
        assert expected == money(value, field="fee")

    def test_infinite_amounts_are_refused(self) -> None:
        with refused_as(InvalidPolicyError, "fee"):
            money(Decimal("Infinity"), field="fee")

    def test_an_effective_date_may_be_given_as_a_date(self) -> None:
        assert (
            dt.date(2022, 1, 1)
            == Policy(participant_email_from=dt.date(2022, 1, 1)).participant_email_from
        )

    def test_the_shortfall_basis_accepts_the_enum_or_its_value(self) -> None:
        assert ShortfallBasis.REGISTERED == Policy(shortfall_basis="registered").shortfall_basis
        assert (
            ShortfallBasis.REGISTERED
            == Policy(shortfall_basis=ShortfallBasis.REGISTERED).shortfall_basis
        )


class TestPolicyDict:
    def test_from_dict_refuses_unknown_keys(self) -> None:
        with refused_as(InvalidPolicyError, "Policy") as caught:
            Policy.from_dict({"min_participant": 8})
        assert "'min_participant'" in caught.value.problem

    def test_from_dict_refuses_a_non_mapping(self) -> None:
        with refused_as(InvalidTypeError, "Policy"):
            Policy.from_dict([("min_participants", 8)])  # type: ignore[arg-type]

    def test_missing_keys_take_their_default(self) -> None:
        assert DEFAULT_POLICY == Policy.from_dict({})

    def test_evolve_validates_the_change(self) -> None:
        with pytest.raises(InvalidPolicyError, match=r"reminder_days_before"):
            DEFAULT_POLICY.evolve(reminder_days_before=-3)

    def test_the_timezone_object_follows_the_name(self) -> None:
        assert "America/New_York" == DEFAULT_POLICY.evolve(timezone="America/New_York").tz.name

    def test_policies_are_hashable_and_compare_by_value(self) -> None:
        assert len({Policy(), Policy(), Policy(min_participants=7)}) == 2


policies = st.builds(
    Policy,
    min_participants=st.integers(1, 20),
    reminder_days_before=st.integers(0, 60),
    registration_days_before=st.integers(0, 20),
    free_cancellation_days_before=st.integers(0, 40),
    late_cancellation_fee=st.decimals(min_value=0, max_value=10_000, places=2),
    shortfall_fee_per_person=st.decimals(min_value=0, max_value=1_000, places=2),
    shortfall_basis=st.sampled_from(ShortfallBasis),
    participant_email_from=st.dates(dt.date(1900, 1, 1), dt.date(2999, 12, 31)),
    timezone=st.sampled_from(["Europe/Brussels", "UTC", "America/New_York", "Asia/Tokyo"]),
)


class TestInvoicingDelay:
    def test_by_default_invoicing_has_no_deadline_and_no_dict_key(self) -> None:
        """R15: the source gives invoicing no deadline; the dict stays as it was."""
        assert DEFAULT_POLICY.invoicing_days_after is None
        assert "invoicing_days_after" not in DEFAULT_POLICY.to_dict()

    def test_a_delay_round_trips_and_is_validated(self) -> None:
        policy = DEFAULT_POLICY.evolve(invoicing_days_after=30)
        assert (30, policy) == (
            policy.to_dict()["invoicing_days_after"],
            Policy.from_dict(policy.to_dict()),
        )
        with refused_as(InvalidPolicyError, "Policy.invoicing_days_after"):
            Policy(invoicing_days_after=-1)


class TestPolicyProperties:
    @given(policies)
    def test_a_policy_round_trips_through_a_plain_dict(self, policy: Policy) -> None:
        """A policy stored as a plain dict (JSON, a database row) comes back equal."""
        data = policy.to_dict()
        assert all(isinstance(v, str | int) for v in data.values())
        assert policy == Policy.from_dict(data)
