"""The Hypothesis strategies offered to test suites (``incompany_rules.strategies``)."""

from __future__ import annotations

import ast
import datetime as dt
import functools
import importlib.metadata
import re
import subprocess
import sys
import tomllib
import zoneinfo
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from helpers import BRUSSELS, brussels
from incompany_rules import (
    DEFAULT_POLICY,
    Company,
    HrAccount,
    NationalNumber,
    NumberKind,
    Participant,
    Policy,
    Session,
    Slot,
    Training,
    milestones,
    schedule,
    strategies,
)
from incompany_rules._hypothesis_plugin import _register
from incompany_rules.examples import confirmed_session, requested_session
from incompany_rules.instants import utc
from incompany_rules.participants import email_address
from incompany_rules.strategies import (
    Stage,
    companies,
    emails,
    hr_accounts,
    instants_near,
    national_numbers,
    participants,
    policies,
    sessions,
    slots,
    trainings,
)
from incompany_rules.strategies.instants import _anchors, _express
from incompany_rules.strategies.parties import _COMPANY_NAMES
from incompany_rules.strategies.people import _DISPLAY_NAMES
from incompany_rules.strategies.stages import _moved
from incompany_rules.transitions import (
    record_availability_asked,
    record_not_held_announced,
    record_recap_sent,
)

if TYPE_CHECKING:
    from collections.abc import Callable

T = TypeVar("T")
Instant = pendulum.DateTime
ROOT = Path(__file__).resolve().parent.parent
# Whether some value is drawn at all: no need to shrink what is found.
EXISTS = settings(
    database=None,
    derandomize=True,
    max_examples=300,
    phases=[Phase.generate],
    suppress_health_check=list(HealthCheck),
)


def drawn(strategy: st.SearchStrategy[T], wanted: Callable[[T], bool]) -> T:
    """Return a value of `strategy` that is `wanted`: the strategy draws such values.

    A strategy's docstring says what it shrinks towards; which value a given
    version of Hypothesis settles on is Hypothesis's business, so the tests
    check that the value is drawn, and what every value drawn obeys.
    """
    found = find(strategy, wanted, settings=EXISTS)
    assert wanted(found)
    return found


def many(strategy: st.SearchStrategy[T], count: int) -> list[T]:
    """Return `count` values of `strategy`, the same ones on every run, to check what they obey."""
    found: list[T] = []

    @settings(EXISTS, max_examples=count)
    @given(strategy)
    def collect(value: T) -> None:
        found.append(value)

    collect()
    return found


def birth_date(number: NationalNumber) -> dt.date:
    """Decode the birth date of a number whose check tells its century."""
    digits = number.reveal()
    born_2000s = 97 - int("2" + digits[:9]) % 97 == int(digits[9:])
    year = (2000 if born_2000s else 1900) + int(digits[:2])
    return dt.date(year, int(digits[2:4]) % 20, int(digits[4:6]))


class TestNationalNumbers:
    @given(national_numbers())
    def test_every_number_drawn_is_accepted_again_from_its_printed_form(
        self, number: NationalNumber
    ) -> None:
        assert number == NationalNumber(number.formatted())

    def test_counters_run_from_001_to_998_and_bis_numbers_add_20_or_40_to_the_month(
        self,
    ) -> None:
        registers: set[int] = set()

        @settings(EXISTS)
        @given(national_numbers())
        def check(number: NationalNumber) -> None:
            digits = number.reveal()
            assert 1 <= int(digits[6:9]) <= 998
            registers.add(int(digits[2:4]) // 20)  # 0: NN, 1: BIS + 20, 2: BIS + 40

        check()
        assert {0, 1, 2} == registers

    @given(national_numbers(born_from=dt.date(2000, 1, 1), born_until=dt.date(2099, 12, 31)))
    def test_people_born_from_2000_get_the_2000s_check(self, number: NationalNumber) -> None:
        digits = number.reveal()
        assert 97 - int("2" + digits[:9]) % 97 == int(digits[9:])

    @given(national_numbers(born_from=dt.date(1950, 3, 1), born_until=dt.date(2010, 2, 28)))
    def test_the_birth_date_lies_within_the_bounds(self, number: NationalNumber) -> None:
        assert dt.date(1950, 3, 1) <= birth_date(number) <= dt.date(2010, 2, 28)

    @pytest.mark.parametrize("kind", list(NumberKind))
    def test_only_the_kinds_asked_for_are_drawn(self, kind: NumberKind) -> None:
        @given(national_numbers(kinds={kind}))
        def check(number: NationalNumber) -> None:
            assert kind is number.kind

        check()

    @pytest.mark.parametrize("day", [dt.date(1900, 1, 1), dt.date(2099, 12, 31)])
    def test_the_first_and_last_dates_a_number_encodes_may_be_bounds(self, day: dt.date) -> None:
        @given(national_numbers(born_from=day, born_until=day))
        def check(number: NationalNumber) -> None:
            assert day == birth_date(number)

        check()

    @given(national_numbers(born_from=dt.date(2000, 2, 29), born_until=dt.date(2000, 2, 29)))
    def test_a_leap_day_of_2000_is_a_birth_date_like_any_other(
        self, number: NationalNumber
    ) -> None:
        assert dt.date(2000, 2, 29) == birth_date(number)
        assert number.reveal()[:6] in {"000229", "002229", "004229"}  # NN, BIS +20, BIS +40

    def test_both_kinds_are_drawn_by_default(self) -> None:
        bis = find(national_numbers(), lambda n: n.kind is NumberKind.BIS, settings=EXISTS)
        assert 20 <= int(bis.reveal()[2:4]) <= 52

    def test_its_shrink_target_a_national_register_number_with_counter_001_is_drawn(
        self,
    ) -> None:
        born = dt.date(1985, 7, 30)
        drawn(
            national_numbers(born_from=born, born_until=born),
            lambda n: (n.kind, n.reveal()[:9]) == (NumberKind.NATIONAL_REGISTER, "850730001"),
        )

    @given(national_numbers(born_from=dt.date(1985, 7, 30)))
    def test_no_one_is_born_before_born_from(self, number: NationalNumber) -> None:
        assert dt.date(1985, 7, 30) <= birth_date(number)

    @pytest.mark.parametrize(
        "arguments",
        [
            # kinds
            {"kinds": []},
            {"kinds": "nn"},
            {"kinds": ["nn"]},
            {"kinds": 3},
            # birth dates
            {"born_from": dt.date(2000, 1, 2), "born_until": dt.date(2000, 1, 1)},
            {"born_from": dt.date(1899, 12, 31)},
            {"born_until": dt.date(2100, 1, 1)},
            {"born_from": dt.datetime(2000, 1, 1, tzinfo=dt.UTC)},
            {"born_until": "2000-01-01"},
        ],
    )
    def test_impossible_arguments_are_refused(self, arguments: dict[str, object]) -> None:
        with pytest.raises(InvalidArgument, match=rf"^{next(iter(arguments))}="):
            national_numbers(**arguments)  # type: ignore[arg-type]


# One to three name parts; one or two domain labels and a top-level domain.
ADDRESS = re.compile(
    r"[A-Za-z0-9_+-]{1,16}(\.[A-Za-z0-9_+-]{1,16}){0,2}"
    r"@[a-z0-9][a-z0-9-]{0,11}(\.[a-z0-9][a-z0-9-]{0,11})?\.(be|com|eu|org|net|brussels)"
)


def address_parts(address: str) -> tuple[list[str], list[str]]:
    """Return the dot-separated parts of the name and the labels of the domain before its TLD."""
    name, _, domain = address.partition("@")
    return name.split("."), domain.split(".")[:-1]


class TestEmails:
    @given(emails())
    def test_every_address_is_kept_as_the_library_normalises_it(self, address: str) -> None:
        assert address == email_address(address)

    def test_every_address_has_the_shape_documented(self) -> None:
        @given(emails())
        def check(address: str) -> None:
            assert ADDRESS.fullmatch(address), address

        check()

    def test_name_parts_have_1_to_16_characters_and_domain_labels_1_to_12(self) -> None:
        # Many addresses, so that a longer part would show.
        @settings(EXISTS, max_examples=1000)
        @given(emails())
        def check(address: str) -> None:
            parts, labels = address_parts(address)
            assert all(1 <= len(part) <= 16 for part in parts), address
            assert all(1 <= len(label) <= 12 for label in labels), address

        check()

    @pytest.mark.parametrize(
        ("side", "length"),
        [
            pytest.param(0, 1, id="a name part of one character"),
            pytest.param(0, 16, id="a name part of sixteen characters"),
            pytest.param(1, 1, id="a domain label of one character"),
            pytest.param(1, 12, id="a domain label of twelve characters"),
        ],
    )
    def test_the_shortest_and_longest_parts_and_labels_are_drawn(
        self, side: int, length: int
    ) -> None:
        drawn(emails(), lambda address: length in map(len, address_parts(address)[side]))

    @pytest.mark.parametrize(("parts", "labels"), [(1, 1), (3, 2)])
    def test_one_to_three_name_parts_and_one_or_two_labels_are_drawn(
        self, parts: int, labels: int
    ) -> None:
        drawn(emails(), lambda address: (parts, labels) == tuple(map(len, address_parts(address))))

    @given(emails(domain=st.just("Acme.EXAMPLE")))
    def test_the_domain_strategy_gives_the_part_after_the_at(self, address: str) -> None:
        assert address.endswith("@acme.example")

    def test_its_shrink_target_ann_at_example_be_is_drawn(self) -> None:
        drawn(emails(domain=st.just("example.be")), lambda address: address == "ann@example.be")

    def test_a_domain_argument_that_is_not_a_strategy_is_refused(self) -> None:
        with pytest.raises(InvalidArgument, match=r"^domain='example.be' must be a Hypothesis"):
            emails(domain="example.be")  # type: ignore[arg-type]

    def test_a_domain_drawn_that_makes_no_address_is_refused_when_drawn(self) -> None:
        @given(emails(domain=st.just("localhost")))
        def draw(_address: str) -> None:
            raise AssertionError  # pragma: no cover (never reached)

        with pytest.raises(
            InvalidArgument, match=r"^domain drew 'localhost', which makes no valid address"
        ):
            draw()


class TestParticipants:
    @given(participants())
    def test_every_participant_is_valid(self, person: Participant) -> None:
        assert person == Participant(person.national_number.reveal(), person.email)
        assert person.email == email_address(person.email)

    @given(
        participants(
            national_number=national_numbers(kinds={NumberKind.BIS}),
            email=st.just("hr@acme.example"),
            name=st.just("Ann"),
        )
    )
    def test_each_field_comes_from_its_strategy(self, person: Participant) -> None:
        assert (NumberKind.BIS, "hr@acme.example", "Ann") == (
            person.national_number.kind,
            person.email,
            person.name,
        )

    def test_the_name_is_none_or_a_display_name(self) -> None:
        # The strategy is built as the test runs, so that mutation testing
        # sees that this test reaches it.
        @given(participants())
        def check(person: Participant) -> None:
            assert person.name in (None, *_DISPLAY_NAMES)

        check()

    def test_its_shrink_target_a_participant_without_a_name_is_drawn(self) -> None:
        drawn(participants(email=st.just("ann@example.be")), lambda person: person.name is None)

    @pytest.mark.parametrize("field", ["national_number", "email", "name"])
    def test_a_field_argument_that_is_not_a_strategy_is_refused(self, field: str) -> None:
        with pytest.raises(InvalidArgument, match=rf"^{field}="):
            participants(**{field: "85.07.30-033.28"})  # type: ignore[arg-type]

    def test_a_value_participant_refuses_is_reported_when_drawn(self) -> None:
        @given(participants(email=st.just("not an address")))
        def draw(_person: Participant) -> None:
            raise AssertionError  # pragma: no cover (never reached)

        with pytest.raises(InvalidArgument, match="Participant refuses"):
            draw()


LEGAL_FORMS = {"SA", "SRL", "NV", "BV", "ASBL", "VZW"}


class TestCompanies:
    def test_the_enterprise_number_has_a_valid_mod_97_check(self) -> None:
        @given(companies())
        def check(company: Company) -> None:
            assert re.fullmatch(r"[01][0-9]{3}\.[0-9]{3}\.[0-9]{3}", company.number)
            digits = company.number.replace(".", "")
            assert 97 - int(digits[:8]) % 97 == int(digits[8:])

        check()

    def test_the_name_ends_with_a_legal_form(self) -> None:
        @given(companies())
        def check(company: Company) -> None:
            base, form = company.name.rsplit(" ", 1)
            assert form in LEGAL_FORMS
            assert 1 <= len(base) <= 30

        check()

    @pytest.mark.parametrize("submitted", [True, False])
    def test_the_training_plan_is_submitted_or_not_as_asked(self, submitted: bool) -> None:
        @given(companies(training_plan_submitted=submitted))
        def check(company: Company) -> None:
            at = company.training_plan_submitted_at
            assert submitted == (at is not None)
            if at is not None:
                assert brussels(2018, 1, 1) <= at <= brussels(2030, 12, 31, 23, 59).add(seconds=59)

        check()

    def test_a_flag_that_is_not_a_boolean_is_refused(self) -> None:
        with pytest.raises(InvalidArgument, match=r"^training_plan_submitted='yes' must be"):
            companies(training_plan_submitted="yes")  # type: ignore[arg-type]

    def test_its_shrink_target_acme_is_drawn(self) -> None:
        drawn(companies(), lambda company: company.name == "Acme SA")

    def test_numbers_names_and_training_plans_keep_to_their_documented_range(self) -> None:
        # Many companies, so that a number, name or plan outside the range would show.
        @settings(EXISTS, max_examples=2000)
        @given(companies(training_plan_submitted=True))
        def check(company: Company) -> None:
            assert re.fullmatch(r"[01][0-9]{3}\.[0-9]{3}\.[0-9]{3}", company.number)
            base = company.name.rsplit(" ", 1)[0]
            assert base in _COMPANY_NAMES or re.fullmatch(r"[A-Za-z0-9 &'-]{1,30}", base), base
            at = company.training_plan_submitted_at
            assert at is not None
            assert brussels(2018, 1, 1) <= at <= brussels(2030, 12, 31, 23, 59, 59)

        check()

    @pytest.mark.parametrize(
        "wanted",
        [
            pytest.param(lambda c: c.number == "0200.000.043", id="the lowest number"),
            pytest.param(lambda c: c.number.startswith("1999.999.9"), id="the highest number"),
            pytest.param(lambda c: len(c.name.rsplit(" ", 1)[0]) == 1, id="a name of 1"),
            pytest.param(
                lambda c: c.training_plan_submitted_at == brussels(2018, 1, 1),
                id="a plan at the first second of 2018",
            ),
            pytest.param(
                lambda c: c.training_plan_submitted_at == brussels(2030, 12, 31, 23, 59, 59),
                id="a plan at the last second of 2030",
            ),
        ],
    )
    def test_the_ends_of_each_range_are_drawn(self, wanted: Callable[[Company], bool]) -> None:
        # A plan at either end is drawn about once in a hundred companies.
        many = settings(EXISTS, max_examples=1000)
        assert wanted(find(companies(training_plan_submitted=True), wanted, settings=many))


class TestHrAccounts:
    @pytest.mark.parametrize(
        ("has_hr_function", "tos_completed"),
        [(True, True), (True, False), (False, True), (False, False)],
    )
    def test_the_conditions_asked_for_are_the_ones_drawn(
        self, has_hr_function: bool, tos_completed: bool
    ) -> None:
        acme = Company("0403.170.701", "Acme SA")

        @given(
            hr_accounts(
                company=st.just(acme),
                has_hr_function=has_hr_function,
                tos_completed=tos_completed,
            )
        )
        def check(account: HrAccount) -> None:
            assert (acme, has_hr_function, tos_completed) == (
                account.company,
                account.has_hr_function,
                account.tos_completed,
            )

        check()

    def test_either_condition_is_drawn_by_default(self) -> None:
        found = find(
            hr_accounts(), lambda a: a.has_hr_function and a.tos_completed, settings=EXISTS
        )
        assert (True, True) == (found.has_hr_function, found.tos_completed)

    def test_its_shrink_target_an_account_that_may_not_manage_participants_is_drawn(
        self,
    ) -> None:
        drawn(hr_accounts(), lambda a: (False, False) == (a.has_hr_function, a.tos_completed))

    @pytest.mark.parametrize(
        "arguments",
        [{"has_hr_function": "yes"}, {"tos_completed": 1}, {"company": Company("1", "A")}],
    )
    def test_impossible_arguments_are_refused(self, arguments: dict[str, object]) -> None:
        with pytest.raises(InvalidArgument, match=rf"^{next(iter(arguments))}="):
            hr_accounts(**arguments)  # type: ignore[arg-type]


class TestTrainings:
    @pytest.mark.parametrize("digital", [True, False])
    def test_the_offer_asked_for_is_the_one_drawn(self, digital: bool) -> None:
        @given(trainings(in_digital_offer=digital))
        def check(training: Training) -> None:
            assert digital is training.in_digital_offer
            assert re.fullmatch(r"(DIG|ONL|WEB)-[0-9]{3}", training.code)
            assert training.title == training.title.strip() != ""
            assert len(training.title) <= 60

        check()

    def test_its_shrink_target_the_excel_training_outside_the_digital_offer_is_drawn(
        self,
    ) -> None:
        drawn(
            trainings(in_digital_offer=False),
            lambda training: training.title == "Excel: tableaux croisés dynamiques",
        )

    def test_codes_and_titles_keep_to_their_documented_shape(self) -> None:
        # Many trainings, so that a code or title of another shape would show.
        @settings(EXISTS, max_examples=1000)
        @given(trainings())
        def check(training: Training) -> None:
            assert re.fullmatch(r"(DIG|ONL|WEB)-[0-9]{3}", training.code), training.code
            assert re.fullmatch(r"[A-Za-z0-9 éèàçëïôû':-]{1,60}", training.title), training.title

        check()

    @pytest.mark.parametrize(
        "wanted",
        [
            pytest.param(lambda t: t.code.endswith("-001"), id="the first number"),
            pytest.param(lambda t: t.code.endswith("-999"), id="the last number"),
            pytest.param(lambda t: len(t.title) == 1, id="a title of 1"),
        ],
    )
    def test_the_ends_of_each_range_are_drawn(self, wanted: Callable[[Training], bool]) -> None:
        drawn(trainings(), wanted)

    def test_a_flag_that_is_not_a_boolean_is_refused(self) -> None:
        with pytest.raises(InvalidArgument, match=r"^in_digital_offer='yes' must be True, False"):
            trainings(in_digital_offer="yes")  # type: ignore[arg-type]


class TestPolicies:
    @given(policies())
    def test_every_policy_round_trips_and_keeps_the_process_in_order(self, policy: Policy) -> None:
        assert policy == Policy.from_dict(policy.to_dict())
        assert "Europe/Brussels" == policy.timezone
        assert (
            1
            <= policy.registration_days_before
            < policy.definitive_confirmation_days_before
            <= policy.reminder_days_before
        )
        assert policy.evaluation_days_after >= 1

    @given(policies())
    def test_fees_are_whole_cents_from_0_to_1000_eur(self, policy: Policy) -> None:
        for amount in (
            policy.late_cancellation_fee,
            policy.missing_list_fee,
            policy.shortfall_fee_per_person,
        ):
            assert Decimal(0) <= amount <= Decimal(1000)
            assert amount == amount.quantize(Decimal("0.01"))

    def test_fees_in_cents_are_drawn(self) -> None:
        def cents(policy: Policy) -> bool:
            return policy.late_cancellation_fee % 1 != 0

        assert cents(find(policies(), cents, settings=EXISTS))

    @pytest.mark.parametrize("field", [field.name for field in attrs.fields(Policy)])
    def test_each_figure_of_the_default_policy_is_drawn(self, field: str) -> None:
        """The policies shrink towards `DEFAULT_POLICY`: each of its figures is favoured."""
        drawn(policies(), lambda policy: getattr(DEFAULT_POLICY, field) == getattr(policy, field))

    def test_the_figures_do_vary(self) -> None:
        found = find(
            policies(),
            lambda p: p.min_participants != DEFAULT_POLICY.min_participants,
            settings=EXISTS,
        )
        assert found.min_participants != DEFAULT_POLICY.min_participants

    @given(policies(timezone=st.sampled_from(["UTC", "America/New_York"])))
    def test_the_timezone_comes_from_its_strategy(self, policy: Policy) -> None:
        assert policy.timezone in {"UTC", "America/New_York"}

    def test_a_timezone_argument_that_is_not_a_strategy_is_refused(self) -> None:
        with pytest.raises(InvalidArgument, match=r"^timezone='UTC' must be a Hypothesis"):
            policies(timezone="UTC")  # type: ignore[arg-type]

    def test_an_unknown_timezone_drawn_is_refused_when_drawn(self) -> None:
        @given(policies(timezone=st.just("Europe/Atlantis")))
        def draw(_policy: Policy) -> None:
            raise AssertionError  # pragma: no cover (never reached)

        with pytest.raises(InvalidArgument, match="Atlantis"):
            draw()


class TestSlots:
    @given(slots())
    def test_every_slot_is_one_class_on_one_brussels_day(self, slot: Slot) -> None:
        start, end = slot.start.in_tz(BRUSSELS), slot.end.in_tz(BRUSSELS)
        assert start < end
        assert start.date() == end.date()
        assert dt.timedelta(minutes=15) <= end - start <= dt.timedelta(hours=8)
        assert brussels(2019, 1, 1) <= start <= brussels(2030, 12, 31, 23, 59)

    @given(slots(tz="Asia/Kolkata", min_start=brussels(2026, 3, 1), max_start=brussels(2026, 3, 2)))
    def test_the_start_lies_within_the_bounds_on_the_clock_asked_for(self, slot: Slot) -> None:
        assert brussels(2026, 3, 1) <= slot.start <= brussels(2026, 3, 2)
        assert "Asia/Kolkata" == slot.start.timezone_name
        assert slot.start.date() == slot.end.date()

    @given(
        slots(min_start=brussels(2026, 10, 24, 22, 30), max_start=brussels(2026, 10, 24, 22, 31))
    )
    def test_bounds_one_minute_apart_outside_class_hours_are_honoured(self, slot: Slot) -> None:
        assert slot.start in {brussels(2026, 10, 24, 22, 30), brussels(2026, 10, 24, 22, 31)}

    @given(slots(min_start=brussels(2040, 6, 1)))
    def test_a_lower_bound_alone_moves_the_upper_default(self, slot: Slot) -> None:
        """After 2030, the last default day: the classes lie in the year from the bound."""
        assert brussels(2040, 6, 1) <= slot.start < brussels(2041, 6, 2)

    # Each row: an upper bound alone, and the first start it allows: a year
    # before, on the local clock.
    @pytest.mark.parametrize(
        ("max_start", "first_start"),
        [
            (brussels(2010, 6, 1, 9), brussels(2009, 6, 1, 9)),
            # a year before 29 February is 28 February, at the same time
            (brussels(2016, 2, 29, 20), brussels(2015, 2, 28, 20)),
            # the day before, already 29 February on other clocks (the suite's
            # machine clock, Chatham): still a year on the clock asked for
            (brussels(2016, 2, 28, 20), brussels(2015, 2, 28, 20)),
        ],
    )
    def test_an_upper_bound_alone_moves_the_lower_default_to_a_year_before(
        self, max_start: Instant, first_start: Instant
    ) -> None:
        """A class before 2019 may still be drawn: the first day is a year before the bound."""
        strategy = slots(max_start=max_start)

        @settings(EXISTS, max_examples=500)
        @given(strategy)
        def check(slot: Slot) -> None:
            assert first_start <= slot.start <= max_start

        check()
        drawn(strategy, lambda slot: first_start == slot.start)

    @pytest.mark.parametrize(
        ("min_start", "first_start"),
        [
            # 23:44 is the last start of a day: a 15-minute class ends at 23:59
            (brussels(2026, 3, 1, 23, 44), brussels(2026, 3, 1, 23, 44)),
            # after it, the first class is the next day
            (brussels(2026, 3, 1, 23, 44).add(seconds=30), brussels(2026, 3, 2, 7)),
            (brussels(2026, 3, 1, 23, 50), brussels(2026, 3, 2, 7)),
        ],
    )
    def test_a_lower_bound_late_in_the_evening_keeps_or_moves_the_first_day(
        self, min_start: Instant, first_start: Instant
    ) -> None:
        @given(slots(min_start=min_start, max_start=first_start.add(days=1)))
        def check(slot: Slot) -> None:
            assert first_start <= slot.start

        check()
        drawn(slots(min_start=min_start, max_start=first_start), lambda s: first_start == s.start)

    @given(slots(min_start=brussels(2026, 3, 1, 9, 30), max_start=brussels(2026, 3, 1, 9, 30)))
    def test_equal_bounds_give_a_class_at_that_minute(self, slot: Slot) -> None:
        assert brussels(2026, 3, 1, 9, 30) == slot.start

    @pytest.mark.parametrize("tz", ["Europe/Brussels", "America/New_York", "Pacific/Kiritimati"])
    def test_the_default_range_is_on_the_local_clock_asked_for(self, tz: str) -> None:
        """From 2019-01-01 to 2030-12-31 on that clock, the first day drawn too.

        In New York, not from the New York time of midnight UTC (the day before).
        """
        strategy = slots(tz=tz)

        @settings(EXISTS, max_examples=500)
        @given(strategy)
        def check(slot: Slot) -> None:
            assert dt.date(2019, 1, 1) <= slot.start.date() <= dt.date(2030, 12, 31)

        check()
        drawn(strategy, lambda slot: dt.date(2019, 1, 1) == slot.start.date())

    def test_a_bound_whose_clock_has_no_offset_is_refused(self) -> None:
        class NoOffset(dt.tzinfo):
            def utcoffset(self, _when: dt.datetime | None) -> None:
                return None

            def dst(self, _when: dt.datetime | None) -> None:
                return None

            def tzname(self, _when: dt.datetime | None) -> None:
                return None

        with pytest.raises(InvalidArgument, match=r"^min_start=.* must be timezone-aware"):
            slots(min_start=dt.datetime(2026, 3, 1, 9, tzinfo=NoOffset()))

    def test_a_day_with_no_whole_minute_left_is_refused_saying_why(self) -> None:
        with pytest.raises(
            InvalidArgument,
            match=r"leave no whole minute at which a class can start and end on the same local day$",
        ):
            slots(min_start=brussels(2026, 3, 1, 23, 50), max_start=brussels(2026, 3, 1, 23, 59))

    def test_classes_are_drawn_around_the_change_to_summer_time(self) -> None:
        """A class in the week after 29 March 2026 has D-3 after the change, D-21 before it."""
        week = (dt.date(2026, 3, 29), dt.date(2026, 4, 5))
        found = find(
            slots(min_start=brussels(2026, 1, 1), max_start=brussels(2026, 12, 31)),
            lambda s: week[0] <= s.start.date() <= week[1],
            settings=EXISTS,
        )
        assert week[0] <= found.start.date() <= week[1]

    def test_its_shrink_target_a_short_class_at_seven_is_drawn(self) -> None:
        first_day = slots(max_start=brussels(2019, 1, 1, 23, 59), min_start=brussels(2019, 1, 1))
        target = Slot(brussels(2019, 1, 1, 7), brussels(2019, 1, 1, 7, 15))
        drawn(first_day, lambda slot: target == slot)

    @pytest.mark.parametrize(
        "arguments",
        [
            {"tz": "Europe/Atlantis"},
            {"tz": BRUSSELS},
            {"min_start": dt.datetime(2026, 3, 1, 9)},
            {"max_start": "2026-03-01"},
            {"min_start": brussels(2026, 3, 2), "max_start": brussels(2026, 3, 1)},
            # no whole minute left to start a class that ends the same day
            {"min_start": brussels(2026, 3, 1, 23, 50), "max_start": brussels(2026, 3, 1, 23, 59)},
            {
                "min_start": brussels(2026, 3, 1, 9).add(seconds=10),
                "max_start": brussels(2026, 3, 1, 9).add(seconds=20),
            },
        ],
    )
    def test_impossible_arguments_are_refused(self, arguments: dict[str, object]) -> None:
        with pytest.raises(InvalidArgument, match=rf"^{next(iter(arguments))}="):
            slots(**arguments)  # type: ignore[arg-type]


def stage_holds(session: Session, stage: Stage) -> None:  # noqa: C901, PLR0912 (one stage a branch)
    """Assert what :class:`Stage` documents for ``stage``."""
    assert session.dates_confirmed_at is None or session.requested_at <= session.dates_confirmed_at
    if stage is Stage.REQUESTED:
        assert session.confirmed_slot is None
        assert not session.is_cancelled
        assert () == session.participants
        return
    if session.confirmed_slot is None:
        assert stage is Stage.CANCELLED
        assert session.cancelled_at is not None
        assert session.requested_at < session.cancelled_at
        return
    plan = schedule(session)
    recorded = [
        session.reminder_sent_at,
        session.definitive_confirmation_at,
        session.link_generated_at,
        session.access_emails_sent_at,
        session.zoom_checked_at,
        session.recap_sent_at,
        session.not_held_announced_at,
    ]
    facts = [moment for moment in recorded if moment is not None]
    for moment in facts:
        assert plan.dates_confirmed <= moment
    if session.reminder_sent_at is not None:
        assert plan.reminder <= session.reminder_sent_at
    if session.link_generated_at is not None:
        assert plan.platform_link <= session.link_generated_at
    if stage is not Stage.HELD:
        assert session.attendance is None
        assert session.evaluation_sent_at is None
    if stage is Stage.DATES_CONFIRMED:
        assert [] == facts
        assert () == session.participants
    elif stage is Stage.REGISTRATION_OPEN:
        assert plan.dates_confirmed < plan.registration_closes
        assert all(moment < plan.registration_closes for moment in facts)
    elif stage is Stage.REGISTRATION_CLOSED:
        assert all(moment < plan.start for moment in facts)
        if plan.dates_confirmed >= plan.registration_closes:
            assert () == session.participants
    elif stage is Stage.HELD:
        assert len(session.participants) >= 1
        assert plan.dates_confirmed < plan.registration_closes
        if session.evaluation_sent_at is not None:
            assert plan.evaluation <= session.evaluation_sent_at
        if session.fees_invoiced_at is not None:
            assert plan.end <= session.fees_invoiced_at
    if stage is Stage.CANCELLED:
        assert session.cancelled_at is not None
        assert plan.dates_confirmed < session.cancelled_at < plan.start
        assert all(moment <= session.cancelled_at for moment in facts)
        if session.fees_invoiced_at is not None:
            assert session.cancelled_at <= session.fees_invoiced_at
    else:
        assert session.cancelled_at is None
    if stage is not Stage.HELD and stage is not Stage.CANCELLED:
        assert session.fees_invoiced_at is None


CLOCKS = ["America/New_York", "America/Nuuk", "Asia/Kolkata"]


def offsets_of(session: Session) -> set[int]:
    """Days between the first proposed slot and each other one."""
    first, *others = session.proposed_slots
    return {(other.start.date() - first.start.date()).days for other in others}


def reaches(days: int, session: Session) -> bool:
    """Whether another proposed slot of ``session`` lies ``days`` days from the first."""
    return days in offsets_of(session)


class TestSessions:
    @pytest.mark.parametrize("stage", list(Stage))
    def test_every_session_is_at_the_stage_asked_for(self, stage: Stage) -> None:
        @given(sessions(stage=stage))
        def check(session: Session) -> None:
            stage_holds(session, stage)
            # valid: rebuilding it from its fields runs every check again
            assert session == session.evolve()

        check()

    def test_a_stage_may_be_named_by_its_value(self) -> None:
        @given(sessions(stage="held"))
        def check(session: Session) -> None:
            stage_holds(session, Stage.HELD)

        check()

    def test_the_company_submitted_its_training_plan_before_the_request(self) -> None:
        """R1: "A request needs a training plan already submitted"."""

        @given(sessions())
        def check(session: Session) -> None:
            submitted = session.company.training_plan_submitted_at
            assert submitted is not None
            assert submitted <= session.requested_at

        check()

    @given(sessions(company=st.just(Company("0403.170.701", "Acme SA"))))
    def test_a_company_strategy_given_is_kept_as_it_draws(self, session: Session) -> None:
        assert Company("0403.170.701", "Acme SA") == session.company

    def test_an_unknown_stage_is_refused_naming_every_stage(self) -> None:
        names = "'requested', 'dates_confirmed', 'registration_open', 'registration_closed', "
        names += "'held', 'cancelled'"
        with pytest.raises(
            InvalidArgument, match=rf"^stage='started' must be a Stage, one of {names}, or None$"
        ):
            sessions(stage="started")  # type: ignore[arg-type]

    def test_equal_bounds_give_a_class_at_that_minute(self) -> None:
        minute = brussels(2026, 4, 1, 9)

        @given(sessions(stage=Stage.DATES_CONFIRMED, min_start=minute, max_start=minute))
        def check(session: Session) -> None:
            assert session.confirmed_slot is not None
            assert minute == session.confirmed_slot.start

        check()

    def test_the_class_starts_within_the_bounds_under_the_policy_given(self) -> None:
        @given(
            sessions(
                stage=Stage.REGISTRATION_OPEN,
                policy=st.just(DEFAULT_POLICY),
                min_start=brussels(2026, 3, 30),
                max_start=brussels(2026, 4, 10),
            )
        )
        def check(session: Session) -> None:
            assert DEFAULT_POLICY is session.policy
            assert session.confirmed_slot is not None
            assert brussels(2026, 3, 30) <= session.confirmed_slot.start <= brussels(2026, 4, 10)

        check()

    @given(sessions(policy=policies(timezone=st.sampled_from(CLOCKS))))
    def test_slots_lie_on_one_day_of_the_policy_clock(self, session: Session) -> None:
        """New York changes at 02:00, Nuuk at 23:00 on Saturdays, Kolkata never."""
        zone = session.policy.timezone
        for slot in session.proposed_slots:
            assert slot.start < slot.end
            assert slot.start.in_tz(zone).date() == slot.end.in_tz(zone).date()

    @given(sessions(), st.data())
    def test_facts_are_expressed_on_the_policy_clock_or_in_utc(
        self, session: Session, data: st.DataObject
    ) -> None:
        del data
        assert session.requested_at.timezone_name in {session.policy.timezone, "UTC"}

    def test_every_stage_is_drawn_by_default(self) -> None:
        found = find(sessions(), lambda s: s.attendance is not None, settings=EXISTS)
        assert found.attendance is not None

    @pytest.mark.parametrize(
        ("fact", "stage"),
        [
            ("reminder_sent_at", None),
            ("definitive_confirmation_at", None),
            ("link_generated_at", None),
            ("zoom_checked_at", None),
            ("evaluation_sent_at", Stage.HELD),
            ("fees_invoiced_at", None),
            ("attendance", Stage.HELD),
            ("availability_asked_at", None),
            ("dates_forwarded_at", None),
            ("recap_sent_at", None),
            ("not_held_announced_at", Stage.REGISTRATION_CLOSED),
            ("access_emailed", Stage.HELD),
        ],
    )
    def test_every_fact_is_recorded_in_some_session(self, fact: str, stage: Stage | None) -> None:
        """At its stage for the facts of one stage, whose sessions are rarer among all."""
        found = find(sessions(stage=stage), lambda s: getattr(s, fact) is not None, settings=EXISTS)
        assert getattr(found, fact) is not None

    @settings(EXISTS, max_examples=200)  # about one in ten of these has a link
    @given(sessions(stage=Stage.REGISTRATION_CLOSED))
    def test_the_link_and_the_emails_follow_the_recorded_confirmation(
        self, session: Session
    ) -> None:
        """R11, R12: within the hour after the link is due; e-mails only where they apply."""
        link = session.link_generated_at
        if link is not None:
            plan = schedule(session)
            assert utc(plan.platform_link) <= utc(link) <= utc(plan.platform_link.add(hours=1))
        if session.access_emails_sent_at is not None:
            assert schedule(session).participant_access_email is not None

    @given(sessions())
    def test_the_planning_facts_come_between_the_request_and_the_confirmation(
        self, session: Session
    ) -> None:
        """R3: the trainer is asked, then the proposed dates are forwarded, then one is chosen."""
        before = session.evolve(cancelled_at=None, availability_asked_at=None)
        asked = session.availability_asked_at
        if asked is not None:
            assert asked == record_availability_asked(before, asked).availability_asked_at
        forwarded = session.dates_forwarded_at
        if forwarded is not None:
            assert session.proposed_slots
            assert (asked or session.requested_at) <= forwarded
        planning = [moment for moment in (asked, forwarded) if moment is not None]
        limit = session.dates_confirmed_at or session.cancelled_at
        assert limit is None or all(moment <= limit for moment in planning)

    @given(sessions())
    def test_the_recap_and_the_announcement_are_facts_the_rules_accept_then(
        self, session: Session
    ) -> None:
        """R4, R16, R18: a recording at the drawn instant, before any cancellation, succeeds."""
        before = session.evolve(cancelled_at=None, recap_sent_at=None, not_held_announced_at=None)
        if session.recap_sent_at is not None:
            recorded = record_recap_sent(before, session.recap_sent_at)
            assert session.recap_sent_at == recorded.recap_sent_at
            assert session.recap_sent_at < schedule(session).start
        if session.not_held_announced_at is not None:
            recorded = record_not_held_announced(before, session.not_held_announced_at)
            assert session.not_held_announced_at == recorded.not_held_announced_at
            assert () == session.participants

    @given(sessions())
    def test_access_emails_by_name_went_to_the_first_people_registered(
        self, session: Session
    ) -> None:
        """R12: named only once the e-mails are sent, to people registered, in their order."""
        emailed = session.access_emailed
        if emailed is not None:
            assert session.access_emails_sent_at is not None
            numbers = [person.national_number for person in session.participants]
            assert set(numbers[: len(emailed)]) == emailed

    def test_access_emails_are_drawn_in_one_held_session_in_twenty(self) -> None:
        """R12: the facts that follow others are drawn often enough to be tested."""
        drawn: list[Session] = []

        @settings(EXISTS, max_examples=400)
        @given(sessions(stage=Stage.HELD))
        def collect(session: Session) -> None:
            drawn.append(session)

        collect()
        emailed = [session for session in drawn if session.access_emails_sent_at is not None]
        assert len(emailed) * 20 >= len(drawn)
        assert any(session.access_emailed is not None for session in emailed)

    def test_one_held_session_in_five_records_the_recap_the_confirmation_and_the_link(
        self,
    ) -> None:
        """Half the sessions record every step that is due; the others each step or not."""
        held = many(sessions(stage=Stage.HELD), 300)
        steps = ("recap_sent_at", "definitive_confirmation_at", "link_generated_at")
        every = [s for s in held if all(getattr(s, step) is not None for step in steps)]
        assert len(every) * 5 >= len(held)

    def test_access_emails_are_recorded_in_some_session(self) -> None:
        """R12: rarer than the other facts (a link, after the e-mails began, then a draw)."""

        def emailed(session: Session) -> bool:
            return session.access_emails_sent_at is not None

        found = find(
            sessions(stage=Stage.REGISTRATION_CLOSED),
            emailed,
            settings=settings(EXISTS, max_examples=1000),
        )
        assert emailed(found)

    def test_a_request_cancelled_before_its_dates_may_have_its_fees_invoiced(self) -> None:
        def invoiced_unconfirmed(session: Session) -> bool:
            return session.confirmed_slot is None and session.fees_invoiced_at is not None

        assert invoiced_unconfirmed(
            find(sessions(stage=Stage.CANCELLED), invoiced_unconfirmed, settings=EXISTS)
        )

    def test_cancellations_at_the_end_of_free_cancellation_are_drawn(self) -> None:
        def at_the_deadline(session: Session) -> bool:
            return (
                session.confirmed_slot is not None
                and session.cancelled_at == schedule(session).free_cancellation_closes
            )

        found = find(sessions(stage=Stage.CANCELLED), at_the_deadline, settings=EXISTS)
        assert at_the_deadline(found)

    def test_cancellations_one_second_before_the_end_of_free_cancellation_are_drawn(
        self,
    ) -> None:
        def just_before(session: Session) -> bool:
            closes = schedule(session).free_cancellation_closes if session.confirmed_slot else None
            return closes is not None and session.cancelled_at == closes.subtract(seconds=1)

        found = find(sessions(stage=Stage.CANCELLED), just_before, settings=EXISTS)
        assert just_before(found)

    def test_other_proposed_slots_are_one_to_fourteen_days_away(self) -> None:
        """The trainer's alternatives: never the same day, at most two weeks before or after."""
        offsets: set[int] = set()

        # Each edge is about one alternative in 27: enough draws that any seed meets all four.
        @settings(EXISTS, max_examples=1000)
        @given(sessions(stage=Stage.REGISTRATION_OPEN))
        def check(session: Session) -> None:
            first, *others = session.proposed_slots
            for other in others:
                days = (other.start.date() - first.start.date()).days
                assert 1 <= abs(days) <= 14
                offsets.add(days)

        check()
        for extreme in (-14, -1, 1, 14):  # each bound is reached, if not in these 300 examples
            if extreme not in offsets:
                find(
                    sessions(stage=Stage.REGISTRATION_OPEN),
                    functools.partial(reaches, extreme),
                    settings=EXISTS,
                )

    def test_a_request_not_yet_confirmed_was_made_one_hour_to_180_days_before_its_class(
        self,
    ) -> None:
        """The earliest request drawn is the hour before the class (its first proposed slot)."""

        def lead(session: Session) -> dt.timedelta | None:
            slots = session.proposed_slots
            return utc(slots[0].start) - utc(session.requested_at) if slots else None

        leads = [lead(session) for session in many(sessions(stage=Stage.REQUESTED), 300)]
        hour, most = dt.timedelta(hours=1), dt.timedelta(days=180)
        assert all(hour <= each <= most for each in leads if each is not None)
        found = find(
            sessions(stage=Stage.REQUESTED),
            lambda session: hour == lead(session),
            settings=settings(EXISTS, max_examples=1000),
        )
        assert hour == lead(found)

    @pytest.mark.parametrize("count", [0, 1, 2, 3])
    def test_a_request_not_yet_confirmed_has_zero_to_three_slots_proposed(self, count: int) -> None:
        drawn(sessions(stage=Stage.REQUESTED), lambda s: count == len(s.proposed_slots))

    def test_a_request_cancelled_before_its_dates_was_cancelled_after_it_and_before_the_class(
        self,
    ) -> None:
        """As early as the second after the request; invoiced within 30 days, if at all.

        The class is the first slot proposed; another one proposed may have passed already.
        """
        requests = [s for s in many(sessions(stage=Stage.CANCELLED), 300) if not s.confirmed_slot]
        for session in requests:
            assert session.cancelled_at is not None
            assert session.requested_at < session.cancelled_at
            assert all(session.cancelled_at < slot.start for slot in session.proposed_slots[:1])
            if session.fees_invoiced_at is not None:
                cancelled = session.cancelled_at.in_tz(session.policy.timezone)
                assert cancelled <= session.fees_invoiced_at <= cancelled.add(days=30)

        def at_once(session: Session) -> bool:
            cancelled, requested = session.cancelled_at, session.requested_at
            return not session.confirmed_slot and cancelled == requested.add(seconds=1)

        found = find(
            sessions(stage=Stage.CANCELLED), at_once, settings=settings(EXISTS, max_examples=1000)
        )
        assert at_once(found)

    def test_a_cancellation_comes_after_the_confirmation_and_before_the_class(self) -> None:
        """Also when the dates were confirmed at a deadline, which cancellations favour."""
        for session in many(sessions(stage=Stage.CANCELLED), 300):
            if session.confirmed_slot is not None:
                plan = schedule(session)
                assert session.cancelled_at is not None
                assert plan.dates_confirmed < session.cancelled_at < plan.start

    def test_a_class_at_midnight_as_free_cancellation_ends_is_cancelled_before_it(self) -> None:
        """The end of free cancellation is the class's own start: never a cancellation then."""
        midnight = brussels(2026, 4, 1)
        late = Policy(free_cancellation_days_before=1)
        for session in many(
            sessions(
                stage=Stage.CANCELLED,
                policy=st.just(late),
                min_start=midnight,
                max_start=midnight,
            ),
            100,
        ):
            assert session.cancelled_at is not None
            assert session.cancelled_at < midnight

    def test_no_one_is_registered_when_the_dates_were_confirmed_as_registration_closed(
        self,
    ) -> None:
        """R8: registration opens with the confirmation and closes at the end of D-3."""
        closing = [
            session
            for session in many(sessions(stage=Stage.REGISTRATION_CLOSED), 300)
            if session.dates_confirmed_at == schedule(session).registration_closes
        ]
        assert closing
        assert all(() == session.participants for session in closing)

    def test_participants_number_up_to_three_more_than_the_policys_minimum(self) -> None:
        """R17: the shortfall is drawn, and so is a class with more than the minimum."""
        held = many(sessions(stage=Stage.HELD, policy=policies()), 300)
        counts = {len(s.participants) - s.policy.min_participants for s in held}
        assert max(counts) == 3
        assert min(len(session.participants) for session in held) == 1

    def test_the_recap_goes_out_within_two_days_of_the_confirmation_before_the_class(
        self,
    ) -> None:
        """R4; registration closing at the end of D-1 leaves less than two days before some."""
        on_the_eve = Policy(registration_days_before=1)
        for policy in (policies(), st.just(on_the_eve)):
            for session in many(sessions(stage=Stage.HELD, policy=policy), 150):
                if session.recap_sent_at is not None:
                    plan = schedule(session)
                    assert plan.dates_confirmed <= session.recap_sent_at < plan.start
                    assert session.recap_sent_at <= plan.dates_confirmed.add(days=2)

    @pytest.mark.parametrize(
        "stage", [None, Stage.REGISTRATION_CLOSED, Stage.HELD], ids=["any", "closed", "held"]
    )
    def test_each_step_is_recorded_within_its_window(self, stage: Stage | None) -> None:
        """Definitive confirmation from two days before to three days after it is due, reminder
        within three days of its day, the announcement (R16, R18: no one registered) within a
        day of registration closing, access e-mails within the hour after the link.
        """
        for session in many(sessions(stage=stage), 300):
            if session.confirmed_slot is None:
                continue
            plan = schedule(session)
            confirmed = plan.dates_confirmed
            definitive = session.definitive_confirmation_at
            if definitive is not None:
                due = plan.definitive_confirmation
                assert due.subtract(days=2) <= definitive <= due.add(days=3)
            if session.reminder_sent_at is not None:
                assert session.reminder_sent_at <= max(plan.reminder, confirmed).add(days=3)
            if session.not_held_announced_at is not None:
                assert () == session.participants
                closed = max(plan.registration_closes, confirmed)
                assert session.not_held_announced_at <= closed.add(days=1)
            if session.access_emails_sent_at is not None:
                assert session.link_generated_at is not None
                assert session.access_emails_sent_at <= session.link_generated_at.add(hours=1)

    def test_access_emails_by_name_went_to_everyone_registered_or_fewer(self) -> None:
        """R12: the people registered after the e-mails were sent were not sent it."""
        named = [
            (len(session.access_emailed), len(session.participants))
            for session in many(sessions(stage=Stage.HELD), 500)
            if session.access_emailed is not None
        ]
        assert any(0 < sent == registered for sent, registered in named)
        assert any(sent < registered for sent, registered in named)

    def test_its_shrink_target_at_a_stage_a_session_with_the_fewest_facts_is_drawn(
        self,
    ) -> None:
        """No participant, no fact after the confirmation, four weeks before registration closes."""

        def fewest(session: Session) -> bool:
            plan = schedule(session)
            return (
                () == session.participants
                and None is session.reminder_sent_at is session.definitive_confirmation_at
                and plan.registration_closes.subtract(weeks=4) == plan.dates_confirmed
            )

        drawn(sessions(stage=Stage.REGISTRATION_CLOSED, policy=st.just(DEFAULT_POLICY)), fewest)

    def test_its_shrink_target_a_request_without_slots_is_drawn(self) -> None:
        drawn(
            sessions(),
            lambda s: (None, (), None) == (s.confirmed_slot, s.proposed_slots, s.cancelled_at),
        )

    def test_the_favoured_intervals_of_the_shrink_target_are_drawn_together(self) -> None:
        """Plan 30 days before the request, request 14 before the dates, dates 28 before D-2."""

        def favoured(session: Session) -> bool:
            confirmed, requested = session.dates_confirmed_at, session.requested_at
            submitted = session.company.training_plan_submitted_at
            return (
                confirmed is not None
                and submitted is not None
                and schedule(session).registration_closes - confirmed == dt.timedelta(days=28)
                and confirmed - requested == dt.timedelta(days=14)
                and requested - submitted == dt.timedelta(days=30)
            )

        found = find(sessions(stage=Stage.DATES_CONFIRMED), favoured, settings=EXISTS)
        assert favoured(found)

    def test_a_request_not_yet_confirmed_favours_six_weeks_before_its_class(self) -> None:
        """The shrink target of an unconfirmed request is drawn as such, not only by shrinking."""

        def six_weeks(session: Session) -> bool:
            slots = session.proposed_slots
            return bool(slots) and slots[0].start - session.requested_at == dt.timedelta(weeks=6)

        assert six_weeks(find(sessions(stage=Stage.REQUESTED), six_weeks, settings=EXISTS))

    @pytest.mark.parametrize(
        "arguments",
        [
            {"stage": "started"},
            {"stage": 3},
            {"policy": DEFAULT_POLICY},
            {"company": Company("1", "A")},
            {"company": "Acme", "training": None},
            {"training": "Excel: tableaux croisés dynamiques"},
            {"min_start": brussels(2026, 3, 2), "max_start": brussels(2026, 3, 1)},
            {"max_start": dt.datetime(2026, 3, 1)},
            {"min_start": dt.datetime(2026, 3, 1)},
        ],
    )
    def test_impossible_arguments_are_refused(self, arguments: dict[str, object]) -> None:
        with pytest.raises(InvalidArgument, match=rf"^{next(iter(arguments))}="):
            sessions(**arguments)  # type: ignore[arg-type]


def on(zone: str, year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> Instant:
    return pendulum.datetime(year, month, day, hour, minute, tz=zone)


class TestAlternativeSlots:
    """The trainer's other slots: the first one's local hours, some days before or after."""

    @pytest.mark.parametrize(
        ("zone", "start", "end", "days", "expected"),
        [
            # an ordinary day: the same local hours
            (
                "Europe/Brussels",
                (2026, 4, 1, 9),
                (2026, 4, 1, 12),
                1,
                ((2026, 4, 2, 9), (2026, 4, 2, 12)),
            ),
            (
                "Europe/Brussels",
                (2026, 4, 1, 9),
                (2026, 4, 1, 12),
                -14,
                ((2026, 3, 18, 9), (2026, 3, 18, 12)),
            ),
            # onto the change to summer time in Brussels (02:00 -> 03:00): the class
            # still fits after the gap, or would start at or after its end
            (
                "Europe/Brussels",
                (2026, 3, 28, 2, 50),
                (2026, 3, 28, 4),
                1,
                ((2026, 3, 29, 3, 50), (2026, 3, 29, 4)),
            ),
            ("Europe/Brussels", (2026, 3, 28, 2, 50), (2026, 3, 28, 3, 50), 1, None),
            ("Europe/Brussels", (2026, 3, 28, 2, 50), (2026, 3, 28, 3, 20), 1, None),
            # onto Nuuk's change (Saturday 23:00 -> Sunday 00:00): it would end the next day
            (
                "America/Nuuk",
                (2026, 3, 27, 22, 30),
                (2026, 3, 27, 22, 59),
                1,
                ((2026, 3, 28, 22, 30), (2026, 3, 28, 22, 59)),
            ),
            ("America/Nuuk", (2026, 3, 27, 22, 50), (2026, 3, 27, 23, 10), 1, None),
        ],
    )
    def test_a_class_moved_onto_a_clock_change_is_kept_only_if_it_still_is_one(
        self,
        zone: str,
        start: tuple[int, ...],
        end: tuple[int, ...],
        days: int,
        expected: tuple[tuple[int, ...], tuple[int, ...]] | None,
    ) -> None:
        slot = Slot(on(zone, *start), on(zone, *end))
        wanted = None if expected is None else Slot(on(zone, *expected[0]), on(zone, *expected[1]))
        assert wanted == _moved(slot, days)


APRIL_CLASS = confirmed_session(brussels(2026, 4, 1, 9))


def requested_on(moment: pendulum.DateTime) -> Session:
    """A request, at ``moment``, for a class on 10 February 2026."""
    return requested_session(brussels(2026, 2, 10, 9)).evolve(requested_at=moment)


def last_class_ending(end: pendulum.DateTime) -> Session:
    """A request whose only proposed class starts at 00:30 in Brussels on 26 August 2025."""
    start = pendulum.datetime(2025, 8, 25, 22, 30, tz="UTC")
    return requested_session(brussels(2025, 8, 20, 9)).evolve(proposed_slots=(Slot(start, end),))


class TestInstantsNear:
    @given(instants_near(APRIL_CLASS))
    def test_every_instant_is_aware_and_near_the_sessions_dates(self, moment: dt.datetime) -> None:
        assert moment.utcoffset() is not None
        assert APRIL_CLASS.requested_at.subtract(months=2, days=2) <= moment
        assert moment <= schedule(APRIL_CLASS).evaluation.add(months=2, days=2)

    def test_every_milestone_fact_and_slot_bound_is_an_anchor(self) -> None:
        anchors = _anchors(APRIL_CLASS)
        slot = APRIL_CLASS.proposed_slots[0]
        wanted = {m.at for m in milestones(APRIL_CLASS)} | {
            APRIL_CLASS.requested_at,
            APRIL_CLASS.dates_confirmed_at,
            slot.start,
            slot.end,
        }
        assert set() == wanted - set(anchors)  # aware datetimes are equal as instants
        assert sorted(anchors) == list(anchors)
        assert {pendulum.UTC} == {anchor.tzinfo for anchor in anchors}

    # Each row: a session, and whether the change to winter time of 26
    # October 2025 (01:00 UTC) is an anchor: it is when it lies within two
    # months of the session's first or last anchor, both bounds included.
    @pytest.mark.parametrize(
        ("session", "anchored"),
        [
            (requested_on(pendulum.datetime(2025, 12, 26, 1, tz="UTC")), True),
            (requested_on(pendulum.datetime(2025, 12, 26, 1, 0, 1, tz="UTC")), False),
            (last_class_ending(pendulum.datetime(2025, 8, 26, 1, tz="UTC")), True),
            (last_class_ending(pendulum.datetime(2025, 8, 26, 0, 59, 59, tz="UTC")), False),
        ],
    )
    def test_clock_changes_within_two_months_of_the_anchors_are_anchors(
        self, session: Session, anchored: bool
    ) -> None:
        change = pendulum.datetime(2025, 10, 26, 1, tz="UTC")
        assert anchored == (change in _anchors(session))

    def test_proposed_slots_not_confirmed_are_anchors_in_utc(self) -> None:
        session = requested_session(brussels(2026, 4, 1, 9))
        other = Slot(brussels(2026, 4, 8, 13), brussels(2026, 4, 8, 16))
        session = session.evolve(proposed_slots=(*session.proposed_slots, other))
        anchors = _anchors(session)
        assert {other.start, other.end} <= set(anchors)
        assert {pendulum.UTC} == {anchor.tzinfo for anchor in anchors}

    def test_anchors_are_drawn_exactly_and_a_microsecond_either_side(self) -> None:
        drawn: set[dt.datetime] = set()

        @settings(EXISTS)
        @given(instants_near(APRIL_CLASS))
        def collect(moment: dt.datetime) -> None:
            drawn.add(moment)

        collect()
        anchors = set(_anchors(APRIL_CLASS))
        for nudge in (-1, 0, 1):
            moved = {moment - dt.timedelta(microseconds=nudge) for moment in drawn}
            assert moved & anchors, nudge

    def test_the_change_to_summer_time_is_drawn(self) -> None:
        change = pendulum.datetime(2026, 3, 29, 1, tz="UTC")
        found = find(instants_near(APRIL_CLASS), lambda m: m == change, settings=EXISTS)
        assert change == found

    @pytest.mark.parametrize(
        ("form", "kind_of"),
        [
            ("pendulum", lambda m: isinstance(m, pendulum.DateTime)),
            ("zoneinfo", lambda m: isinstance(m.tzinfo, zoneinfo.ZoneInfo)),
            ("fixed offset", lambda m: isinstance(m.tzinfo, dt.timezone)),
        ],
    )
    def test_instants_come_in_every_form(
        self, form: str, kind_of: Callable[[dt.datetime], bool]
    ) -> None:
        assert kind_of(find(instants_near(APRIL_CLASS), kind_of, settings=EXISTS)), form

    @given(sessions().flatmap(lambda s: st.tuples(st.just(s), instants_near(s))))
    def test_any_session_has_instants_near_it(self, drawn: tuple[Session, dt.datetime]) -> None:
        session, moment = drawn
        assert abs(moment - session.requested_at) < dt.timedelta(days=3 * 365)

    def test_its_shrink_target_is_the_request_exactly_on_the_policy_clock(self) -> None:
        """The first anchor, no nudge, the policy's clock, as a `pendulum.DateTime`."""
        first = _anchors(APRIL_CLASS)[0]
        found = _express(first, dt.timedelta(0), APRIL_CLASS.policy.timezone, "pendulum")
        assert isinstance(found, pendulum.DateTime)
        assert (APRIL_CLASS.requested_at, "Europe/Brussels") == (found, found.timezone_name)
        drawn(instants_near(APRIL_CLASS), lambda moment: APRIL_CLASS.requested_at == moment)

    def test_anything_but_a_session_is_refused(self) -> None:
        with pytest.raises(InvalidArgument, match=r"^session='IC-2026-0042/G1' must be a Session$"):
            instants_near("IC-2026-0042/G1")  # type: ignore[arg-type]

    @pytest.mark.parametrize("form", ["pendulum", "zoneinfo", "offset"])
    @pytest.mark.parametrize("zone", ["Europe/Brussels", "Asia/Kolkata", "Australia/Lord_Howe"])
    @pytest.mark.parametrize(
        "nudge",
        [dt.timedelta(microseconds=-1), dt.timedelta(0), dt.timedelta(hours=1, microseconds=1)],
    )
    def test_every_form_of_an_instant_is_the_anchor_moved_by_the_nudge(
        self, form: str, zone: str, nudge: dt.timedelta
    ) -> None:
        """The form and the clock change how an instant is written, never which it is."""
        anchor = pendulum.datetime(
            2026, 3, 29, 0, 59, 59, tz="UTC"
        )  # Brussels changes at 01:00 UTC
        moment = _express(anchor, nudge, zone, form)
        assert anchor + nudge == moment
        assert (anchor + nudge).microsecond == moment.microsecond
        assert moment.utcoffset() == moment.astimezone(zoneinfo.ZoneInfo(zone)).utcoffset()
        expected_kind = {"pendulum": pendulum.Timezone, "zoneinfo": zoneinfo.ZoneInfo}
        assert isinstance(moment.tzinfo, expected_kind.get(form, dt.timezone))


STRATEGIES = sorted(name for name in strategies.__all__ if name[0].islower())


class TestDocumentation:
    @pytest.mark.parametrize("name", STRATEGIES)
    def test_each_strategy_says_what_it_shrinks_towards(self, name: str) -> None:
        docstring = getattr(strategies, name).__doc__ or ""
        assert "Shrinks towards" in " ".join(docstring.split())

    def test_the_guide_for_test_authors_lists_every_strategy(self) -> None:
        guide = (ROOT / "docs" / "howto-test-authors.md").read_text()
        assert [] == [name for name in STRATEGIES if f"`{name}(" not in guide]


def fresh_python(code: str) -> tuple[str, str]:
    """Run `code` in a fresh interpreter on this project's source; return its output and errors."""
    result = subprocess.run(  # noqa: S603 (this interpreter, the tests' own code)
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "src")},
    )
    return result.stdout.strip(), result.stderr.strip()[-300:]


REGISTERED = [Company, HrAccount, NationalNumber, Participant, Policy, Session, Slot, Training]


class TestRegistration:
    @pytest.mark.parametrize("kind", REGISTERED, ids=lambda k: k.__name__)
    def test_from_type_draws_each_value_type_once_registered(self, kind: type[object]) -> None:
        _register()
        found = find(st.from_type(kind), lambda _: True, settings=EXISTS)
        assert isinstance(found, kind)

    def test_the_hypothesis_entry_point_names_the_registration(self) -> None:
        project = tomllib.loads((ROOT / "pyproject.toml").read_text())
        value = project["project"]["entry-points"]["hypothesis"]["_"]
        entry = importlib.metadata.EntryPoint("_", value, "hypothesis")
        assert _register is entry.load()

    def test_neither_the_package_nor_the_plugin_imports_hypothesis(self) -> None:
        code = (
            "import sys, incompany_rules, incompany_rules._hypothesis_plugin; "
            "print('hypothesis' in sys.modules)"
        )
        assert ("False", "") == fresh_python(code)

    def test_importing_hypothesis_registers_the_types_and_leaves_the_strategies_unloaded(
        self,
    ) -> None:
        """A suite that imports Hypothesis and draws none of our types does not import the strategies."""
        code = (
            "import sys, hypothesis; from hypothesis import strategies as st;"
            " print(sorted(m[16:] for m in sys.modules if m.startswith('incompany_rules.')));"
            " from incompany_rules import Slot; print(type(st.from_type(Slot).example()).__name__);"
            " print('incompany_rules.strategies' in sys.modules)"
        )
        package = "errors instants milestones participants policy process rules session validation"
        loaded = ["_hypothesis_plugin", *package.split()]  # and not the strategies
        # Hypothesis draws a Slot even unregistered (it builds attrs classes
        # from their fields): the strategies loaded by then are what shows ours.
        assert (f"{loaded}\nSlot\nTrue", "") == fresh_python(code)

    def test_only_the_strategies_and_the_plugin_import_hypothesis(self) -> None:
        package = ROOT / "src" / "incompany_rules"
        importers = set()
        for path in package.rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom):
                    names = [node.module or ""]
                if any(name.split(".")[0] == "hypothesis" for name in names):
                    importers.add(path.relative_to(package).parts[0])
        assert {"strategies", "_hypothesis_plugin.py"} == importers

    def test_a_suite_may_import_the_strategies_before_hypothesis(self) -> None:
        """A user's first import, ``incompany_rules.strategies``, triggers the entry point."""
        code = (
            "from incompany_rules.strategies import sessions\n"
            "from hypothesis import find, settings, strategies as st\n"
            "from incompany_rules import Session\n"
            "found = find(st.from_type(Session), lambda _: True, settings=settings(database=None))\n"
            "print(type(found).__name__, type(sessions()).__name__ != '')"
        )
        assert ("Session True", "") == fresh_python(code)
