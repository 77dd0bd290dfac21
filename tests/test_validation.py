"""The shared checks, the supported range, exact money, and the national number kept hidden.

One table per promise: the number never shows (repr, str, pretty-printers,
error messages and their chained exceptions), pseudonym keys of at least 16
bytes, the supported range refused where a value is built, money in the
library's own decimal context, facts compared and pickled by instant, and
e-mail syntax checked by ``email-validator``.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import pickle
import re
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs
import pendulum
import pytest
from hypothesis.vendor.pretty import pretty

from helpers import brussels, refused_as
from incompany_rules import (
    DEFAULT_POLICY,
    HrAccount,
    IncompanyRulesError,
    InvalidEmailError,
    InvalidKeyError,
    InvalidPolicyError,
    InvalidTypeError,
    InvalidValueError,
    Invoice,
    InvoiceLine,
    NaiveDatetimeError,
    NationalNumber,
    Participant,
    Policy,
    Reason,
    ReasonCode,
    Rule,
    Session,
    Slot,
    cancellation_fee,
    fees_due,
    next_actions,
    pseudonym,
    recap_line,
    shortfall_invoice,
)
from incompany_rules.examples import ACME, confirmed_session, sample_participants
from incompany_rules.fees import FeeKind
from incompany_rules.instants import checked, instant
from incompany_rules.participants import email_address
from incompany_rules.validation import (
    MAX_AMOUNT,
    MONEY_CONTEXT,
    expect,
    fields_repr,
    flag,
    items_of,
    money,
    shown,
    text,
    trusted,
    whole_number,
)

if TYPE_CHECKING:
    from collections.abc import Callable

DIGITS = "85073003328"
FORMATTED = "85.07.30-033.28"
BRUSSELS = pendulum.timezone("Europe/Brussels")
START = pendulum.datetime(2026, 11, 4, 9, tz=BRUSSELS)
NINE_DIGITS = re.compile(r"[0-9]{9,}")
CODE = ReasonCode.REGISTRATION_CLOSED  # a reason of rule R8


def shows_number(text: str) -> bool:
    """Whether ``text`` holds more of the number than its last two digits, in either form."""
    return DIGITS[:9] in text or FORMATTED[:12] in text


def chain(error: BaseException) -> list[BaseException]:
    """``error`` and every exception chained to it (cause or context)."""
    found = [error]
    while (nxt := found[-1].__cause__ or found[-1].__context__) is not None:
        found.append(nxt)
    return found


def held_session() -> Session:
    people = sample_participants(3)
    return confirmed_session(START).evolve(
        participants=people, attendance={people[0].national_number}
    )


class TestTheNumberNeverShows:
    @pytest.mark.parametrize(
        "value",
        [
            NationalNumber(DIGITS),
            Participant(DIGITS, "ann@example.be"),
            (NationalNumber(DIGITS),),
        ],
        ids=["number", "participant", "tuple"],
    )
    def test_repr_str_and_pretty_printers_show_it_masked(self, value: object) -> None:
        shown_forms = [repr(value), str(value), pretty(value)]
        assert [] == [form for form in shown_forms if shows_number(form)]
        assert "*********28" in pretty(value)

    def test_a_session_with_attendance_pretty_prints_masked(self) -> None:
        session = held_session()
        digits = [p.national_number.reveal() for p in session.participants]
        printed = pretty(session)
        assert [] == [d for d in digits if d[:9] in printed]
        assert printed == repr(session)

    @pytest.mark.parametrize(
        ("call", "field"),
        [
            (lambda: Participant(DIGITS, DIGITS), "email"),
            (lambda: Participant(DIGITS, FORMATTED), "email"),
            (lambda: email_address(FORMATTED + "@x"), "email"),
            (
                lambda: HrAccount(DIGITS, ACME, has_hr_function=True, tos_completed=True),
                "HrAccount.login",
            ),
            (lambda: recap_line(held_session(), lang=DIGITS), "lang"),  # type: ignore[arg-type]
            (lambda: recap_line(held_session(), lang=FORMATTED), "lang"),  # type: ignore[arg-type]
            (lambda: Policy.from_dict({DIGITS: 1}), "Policy"),
            (lambda: Policy.from_dict({FORMATTED: 1}), "Policy"),
            (lambda: DEFAULT_POLICY.evolve(**{DIGITS: 1}), "Policy"),
            (lambda: Policy(timezone=DIGITS), "Policy.timezone"),
            (lambda: Policy(timezone=FORMATTED), "Policy.timezone"),
            (lambda: Policy(shortfall_basis=DIGITS), "Policy.shortfall_basis"),
            (lambda: Policy(participant_email_from=DIGITS), "Policy.participant_email_from"),
            (lambda: Policy(participant_email_from=FORMATTED), "Policy.participant_email_from"),
            (lambda: Policy(late_cancellation_fee=DIGITS), "Policy.late_cancellation_fee"),
            (lambda: Policy(late_cancellation_fee=FORMATTED), "Policy.late_cancellation_fee"),
            (lambda: Policy(missing_list_fee=int(DIGITS)), "Policy.missing_list_fee"),
            (lambda: Policy(min_participants=int(DIGITS)), "Policy.min_participants"),
            (lambda: Reason(DIGITS, "R8"), "Reason.code"),
            (lambda: Reason(CODE, int(DIGITS)), "Reason.rule"),  # type: ignore[arg-type]
            (lambda: Reason(CODE, "R8", count=DIGITS), "Reason.count"),  # type: ignore[arg-type]
            (lambda: Reason(CODE, "R8", limit=DIGITS), "Reason.limit"),  # type: ignore[arg-type]
            (lambda: Reason(CODE, "R8", subject=int(DIGITS)), "Reason.subject"),  # type: ignore[arg-type]
            (lambda: held_session().evolve(**{f"nn_{DIGITS}": 1}), "Session.nn_*********28"),
            (
                lambda: held_session().evolve(planned_participants=int(DIGITS)),
                "Session.planned_participants",
            ),
            (lambda: NationalNumber(DIGITS[:-1] + "9"), "national_number"),
            (lambda: money(FORMATTED, field="fee"), "fee"),
            (lambda: pseudonym(DIGITS, b"short"), "key"),
        ],
    )
    def test_no_error_quotes_it_nor_chains_an_exception_that_does(
        self, call: Callable[[], object], field: str
    ) -> None:
        with pytest.raises(IncompanyRulesError) as caught:
            call()
        assert field == caught.value.field
        for error in chain(caught.value):
            assert not shows_number(f"{error} {error.args!r}")
        assert None is caught.value.__cause__
        assert caught.value.__suppress_context__ or caught.value.__context__ is None

    def test_any_run_of_nine_digits_in_a_message_is_masked(self) -> None:
        error = InvalidValueError("Company.number", f"got {DIGITS}0000 and {DIGITS}")
        assert "Invalid Company.number: got *************00 and *********28" == str(error)

    def test_attrs_asdict_keeps_the_number_whole_and_masked(self) -> None:
        session = held_session()
        plain = attrs.asdict(session)
        assert frozenset({session.participants[0].national_number}) == plain["attendance"]
        digits = [p.national_number.reveal() for p in session.participants]
        assert [] == [d for d in digits if d[:9] in repr(plain)]

    def test_pickle_keeps_the_digits_as_documented(self) -> None:
        number = NationalNumber(DIGITS)
        assert DIGITS == pickle.loads(pickle.dumps(number)).reveal()  # noqa: S301


class TestTrusted:
    """The builder the rules use for values made from checked ones."""

    LINE = (FeeKind.SHORTFALL, "R17", 2, Decimal(150), Decimal(300), brussels(2026, 4, 1, 12, 30))

    def test_builds_what_the_constructor_builds(self) -> None:
        made = trusted(InvoiceLine)(*self.LINE)
        checked = InvoiceLine(
            kind=FeeKind.SHORTFALL,
            rule="R17",
            quantity=2,
            unit_price=Decimal(150),
            amount=Decimal(300),
            arises_at=brussels(2026, 4, 1, 12, 30),
        )
        assert (made, repr(made), hash(made)) == (checked, repr(checked), hash(checked))

    def test_runs_no_check_as_documented(self) -> None:
        kind, rule, quantity, price, _, at = self.LINE
        made = trusted(InvoiceLine)(kind, rule, quantity, price, Decimal(1), at)
        assert made.amount == Decimal(1)  # the constructor would refuse 2 x 150 = 1
        with refused_as(InvalidValueError, "InvoiceLine.amount"):
            attrs.evolve(made)

    def test_takes_every_field_in_order(self) -> None:
        with pytest.raises(TypeError, match="missing 1 required positional argument"):
            trusted(InvoiceLine)(*self.LINE[:-1])
        with pytest.raises(TypeError, match="takes 6 positional arguments but 7 were given"):
            trusted(InvoiceLine)(*self.LINE, None)
        with pytest.raises(TypeError, match="positional-only"):
            trusted(InvoiceLine)(*self.LINE[:-1], v5=self.LINE[-1])


class _Coded(enum.Enum):
    """Members whose values are a number like a national one, and something else."""

    NUMBER = int(DIGITS)
    THING = (1, 2)


class TestShown:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (DIGITS, "'*********28'"),
            (FORMATTED, "'**.**.**-***.28'"),
            ("85 07 30 033 28", "'** ** ** *** 28'"),
            ("ref 12345678", "'ref 12345678'"),
            (int(DIGITS), "*********28"),
            (Decimal(DIGITS), "*********28"),
            (float(DIGITS), "***********.0"),
            (10**30, "an int of about 31 digits"),
            (2**64 - 1, "******************15"),  # the largest of 64 bits is still quoted
            (2**64, "an int of about 20 digits"),
            ("x" * 41, "a str of 41 characters"),
            ("x" * 38, "'" + "x" * 38 + "'"),  # 40 characters, quotes included, is short
            ("x" * 39, "a str of 39 characters"),
            (None, "None"),
            (True, "True"),
            ([DIGITS], "a list"),
            (object(), "an object"),
            (b"85073003328", "a bytes"),
            (Rule.R17, "'R17'"),  # an enum member by its value
            (_Coded.NUMBER, "*********28"),
            (_Coded.THING, "a _Coded"),
        ],
    )
    def test_a_value_is_quoted_masked_or_named_by_type(self, value: object, expected: str) -> None:
        assert expected == shown(value)


class TestSharedChecks:
    @pytest.mark.parametrize(
        ("call", "error", "message"),
        [
            (
                lambda: expect(3, Session, field="session"),
                InvalidTypeError,
                "expected a Session, got int",
            ),
            (
                lambda: items_of("ab", Slot, field="slots", what="slots"),
                InvalidTypeError,
                "expected slots, not a str",
            ),
            (
                lambda: items_of(b"ab", Slot, field="slots", what="slots"),
                InvalidTypeError,
                "expected slots, not a bytes",
            ),
            (
                lambda: items_of(3, Slot, field="slots", what="slots"),
                InvalidTypeError,
                "expected slots, got int",
            ),
            (
                lambda: items_of([3], Slot, field="slots", what="slots"),
                InvalidTypeError,
                "expected Slot items, got int",
            ),
            (
                lambda: items_of([3], (Slot, Session), field="slots", what="slots"),
                InvalidTypeError,
                "expected Slot or Session items, got int",
            ),
            (
                lambda: whole_number(True, field="n"),  # noqa: FBT003
                InvalidTypeError,
                "expected a whole number, not a bool",
            ),
            (
                lambda: whole_number(1.0, field="n"),
                InvalidTypeError,
                "expected a whole number, got float",
            ),
            (
                lambda: whole_number(10**20, field="n"),
                InvalidValueError,
                "expected a whole number from 0 to 10000, got an int of about 21 digits",
            ),
            (
                lambda: money(100_001, field="fee"),
                InvalidValueError,
                "expected an amount from 0 to 100000, got 100001",
            ),
            (
                lambda: money(Decimal("100000.01"), field="fee"),
                InvalidValueError,
                "expected an amount from 0 to 100000, got 100000.01",
            ),
            (lambda: flag(1, field="f"), InvalidTypeError, "expected True or False, got int"),
            (lambda: text(" ", field="t"), InvalidValueError, "must not be empty"),
            (lambda: text(1, field="t"), InvalidTypeError, "expected a string, got int"),
        ],
    )
    def test_each_check_names_the_field_and_the_problem(
        self, call: Callable[[], object], error: type[IncompanyRulesError], message: str
    ) -> None:
        with pytest.raises(error) as caught:
            call()
        assert message == caught.value.problem

    @pytest.mark.parametrize("amount", [100_000, "100000", MAX_AMOUNT])
    def test_an_amount_may_be_the_maximum_in_any_form(self, amount: object) -> None:
        """100 000 euros is accepted as an int, a string or a Decimal alike."""
        assert MAX_AMOUNT == money(amount, field="fee")


class TestPseudonymKeys:
    @pytest.mark.parametrize(
        ("length", "accepted"), [(0, False), (1, False), (15, False), (16, True), (32, True)]
    )
    def test_keys_shorter_than_16_bytes_are_refused(self, length: int, accepted: bool) -> None:
        key = b"k" * length
        if accepted:
            assert 16 == len(pseudonym(DIGITS, key))
        else:
            with pytest.raises(InvalidKeyError, match=r"^Invalid key: must be at least 16 bytes"):
                pseudonym(DIGITS, key)


UTC = dt.UTC
PLUS_14 = dt.timezone(dt.timedelta(hours=14))
MINUS_12 = dt.timezone(dt.timedelta(hours=-12))


class TestSupportedRange:
    @pytest.mark.parametrize(
        ("moment", "accepted"),
        [
            (dt.datetime(1, 1, 10, tzinfo=UTC), False),
            (dt.datetime(1899, 12, 31, 23, 59, 59, 999999, tzinfo=UTC), False),
            (dt.datetime(1900, 1, 1, 13, 59, tzinfo=PLUS_14), False),  # 1899 in UTC
            (dt.datetime(1900, 1, 1, tzinfo=UTC), True),
            (dt.datetime(1900, 1, 1, 14, tzinfo=PLUS_14), True),
            (dt.datetime(2999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC), True),
            (dt.datetime(2999, 12, 31, 11, 59, tzinfo=MINUS_12), True),
            (dt.datetime(2999, 12, 31, 12, tzinfo=MINUS_12), False),  # 3000 in UTC
            (dt.datetime(3000, 1, 1, tzinfo=UTC), False),
            (dt.datetime(9999, 12, 31, tzinfo=UTC), False),
            (dt.datetime.max.replace(tzinfo=UTC), False),
            (dt.datetime.min.replace(tzinfo=UTC), False),
            (pendulum.datetime(2999, 12, 31, 23, tz="Europe/Brussels"), True),
            (pendulum.datetime(2999, 12, 31, 23, 30), True),
            (pendulum.datetime(1900, 1, 1, 0, 30, tz="Europe/Brussels"), True),  # GMT then
            (dt.datetime(1900, 1, 1, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))), False),
        ],
    )
    def test_instants_are_taken_from_1900_to_2999_in_utc(
        self, moment: dt.datetime, accepted: bool
    ) -> None:
        if accepted:
            assert moment == instant(moment, field="Slot.start")
        else:
            with pytest.raises(
                InvalidValueError,
                match=r"^Invalid Slot.start: expected an instant in the years 1900 to 2999",
            ):
                instant(moment, field="Slot.start")

    def test_a_slot_out_of_range_is_refused_when_built(self) -> None:
        start = dt.datetime(9999, 12, 31, 9, tzinfo=UTC)
        with pytest.raises(InvalidValueError, match=r"^Invalid Slot.start: expected an instant"):
            Slot(start, start + dt.timedelta(hours=1))

    @pytest.mark.parametrize(
        "now", [dt.datetime.max.replace(tzinfo=UTC), dt.datetime(1, 1, 1, tzinfo=PLUS_14)]
    )
    def test_a_now_out_of_range_is_refused_by_the_questions(self, now: dt.datetime) -> None:
        with pytest.raises(
            InvalidValueError, match=r"^Invalid now: expected an instant in the years"
        ):
            next_actions(held_session(), now)

    @pytest.mark.parametrize(
        ("figure", "value", "accepted"),
        [
            ("reminder_days_before", 365, True),
            ("reminder_days_before", 366, False),
            ("reminder_days_before", 10**20, False),
            ("evaluation_days_after", 366, False),
            ("registration_days_before", 366, False),
            ("free_cancellation_days_before", 366, False),
            ("definitive_confirmation_days_before", 366, False),
            ("link_delay_hours", 365 * 24, True),
            ("link_delay_hours", 365 * 24 + 1, False),
            ("min_participants", 10_000, True),
            ("min_participants", 10_001, False),
            ("late_cancellation_fee", "100000", True),
            ("late_cancellation_fee", "100000.00", True),
            ("late_cancellation_fee", "100000.01", False),
            ("missing_list_fee", "0.010", True),
            ("missing_list_fee", "0.001", False),
            ("missing_list_fee", Decimal("1E+2"), True),
            ("shortfall_fee_per_person", "9E+999999", False),
            ("shortfall_fee_per_person", Decimal("9E+999999"), False),
            ("shortfall_fee_per_person", Decimal("sNaN"), False),
            ("shortfall_fee_per_person", Decimal("NaN"), False),
            ("shortfall_fee_per_person", Decimal("Infinity"), False),
            ("shortfall_fee_per_person", "-Infinity", False),
            ("shortfall_fee_per_person", "sNaN", False),
            ("shortfall_fee_per_person", 10**6, False),
            ("participant_email_from", "1899-12-31", False),
            ("participant_email_from", dt.date(1, 1, 1), False),
            ("participant_email_from", "1900-01-01", True),
            ("participant_email_from", dt.date(2999, 12, 31), True),
            ("participant_email_from", dt.date(9999, 12, 31), False),
        ],
    )
    def test_policy_figures_are_refused_out_of_range_naming_the_field(
        self, figure: str, value: object, accepted: bool
    ) -> None:
        if accepted:
            policy = Policy(**{figure: value})  # type: ignore[arg-type]
            assert getattr(policy, figure) is not None
        else:
            with pytest.raises(InvalidPolicyError) as caught:
                Policy(**{figure: value})  # type: ignore[arg-type]
            assert f"Policy.{figure}" == caught.value.field

    def test_a_planned_count_beyond_the_ceiling_is_refused(self) -> None:
        with pytest.raises(InvalidValueError, match=r"^Invalid Session.planned_participants"):
            held_session().evolve(planned_participants=10_001)


CALLERS_CONTEXTS = pytest.mark.parametrize(
    "context",
    [
        decimal.Context(prec=3),
        decimal.Context(prec=1, rounding=decimal.ROUND_DOWN),
        decimal.Context(traps=[decimal.Inexact, decimal.Rounded]),
        decimal.Context(Emax=3),
    ],
    ids=["prec=3", "prec=1-down", "trap-rounded", "emax=3"],
)


class TestMoneyInTheLibrarysOwnContext:
    @CALLERS_CONTEXTS
    def test_amounts_do_not_depend_on_the_callers_context(self, context: decimal.Context) -> None:
        policy = Policy(shortfall_fee_per_person="150.25", min_participants=6)
        people = sample_participants(3)
        session = confirmed_session(START, policy=policy).evolve(participants=people)
        with decimal.localcontext(context):
            invoice = shortfall_invoice(session, attended=1)
            line = InvoiceLine(
                kind=FeeKind.SHORTFALL,
                rule="R17",
                quantity=5,
                unit_price=Decimal("150.25"),
                amount=Decimal("751.25"),
                arises_at=START,
            )
            total = Invoice((line, line)).total
        assert (Decimal("751.25"), Decimal("1502.50")) == (invoice.total, total)

    @CALLERS_CONTEXTS
    def test_a_fee_is_checked_to_the_cent_whatever_the_callers_context(
        self, context: decimal.Context
    ) -> None:
        """Accepted with its cents, or refused as a figure of the policy, never a decimal signal."""
        with decimal.localcontext(context):
            policy = Policy(shortfall_fee_per_person="150.25")
            with refused_as(InvalidPolicyError, "Policy.shortfall_fee_per_person"):
                Policy(shortfall_fee_per_person="150.251")
        assert Decimal("150.25") == policy.shortfall_fee_per_person

    def test_the_money_context_traps_what_would_lose_cents(self) -> None:
        assert MONEY_CONTEXT.traps[decimal.Inexact]
        assert MONEY_CONTEXT.traps[decimal.InvalidOperation]
        assert MONEY_CONTEXT.traps[decimal.Overflow]

    @pytest.mark.parametrize(
        "amount",
        [
            Decimal("sNaN"),
            Decimal("9E+999999"),
            Decimal("NaN"),
            Decimal("Infinity"),
            Decimal("0.001"),
        ],
    )
    def test_an_invoice_line_refuses_amounts_that_are_not_money(self, amount: Decimal) -> None:
        with pytest.raises(InvalidValueError, match=r"^Invalid InvoiceLine.unit_price"):
            InvoiceLine(
                kind=FeeKind.SHORTFALL,
                rule="R17",
                quantity=1,
                unit_price=amount,
                amount=amount,
                arises_at=START,
            )


def in_the_repeated_hour(hour_utc: int, minute: int = 30) -> pendulum.DateTime:
    """An instant of 25 October 2026 on Brussels' clock, in or around the hour it repeats."""
    return pendulum.datetime(2026, 10, 25, hour_utc, minute).in_tz(BRUSSELS)


class TestFactsCompareAndPickleByInstant:
    def test_two_cancellations_an_hour_apart_on_one_wall_clock_differ(self) -> None:
        session = confirmed_session(START)
        summer = session.evolve(cancelled_at=in_the_repeated_hour(0))
        winter = session.evolve(cancelled_at=in_the_repeated_hour(1))
        assert summer.cancelled_at.replace(tzinfo=None) == winter.cancelled_at.replace(tzinfo=None)  # type: ignore[union-attr]
        assert summer != winter
        assert summer == session.evolve(cancelled_at=pendulum.datetime(2026, 10, 25, 0, 30))

    def test_a_slot_in_the_repeated_hour_round_trips_through_pickle(self) -> None:
        slot = Slot(in_the_repeated_hour(0, 45), in_the_repeated_hour(1, 15))
        assert (0, 1) == (slot.start.fold, slot.end.fold)
        again = pickle.loads(pickle.dumps(slot))  # noqa: S301
        assert slot == again
        assert (0, 1) == (again.start.fold, again.end.fold)
        assert again.start.tzinfo is slot.start.tzinfo

    def test_a_session_round_trips_through_pickle_with_every_fold(self) -> None:
        session = held_session().evolve(cancelled_at=in_the_repeated_hour(1))
        again = pickle.loads(pickle.dumps(session))  # noqa: S301
        assert session == again
        assert again.cancelled_at is not None
        assert 1 == again.cancelled_at.fold
        assert type(again.cancelled_at) is pendulum.DateTime

    @pytest.mark.parametrize(
        ("name", "field"),
        [("unknown", "Session.unknown"), (f"nn_{DIGITS}", "Session.nn_*********28")],
    )
    def test_evolve_refuses_an_unknown_field_with_the_librarys_error(
        self, name: str, field: str
    ) -> None:
        with pytest.raises(InvalidTypeError) as caught:
            held_session().evolve(**{name: 1})
        assert (field, "no such field") == (caught.value.field, caught.value.problem)

    def test_evolve_takes_every_field_by_its_name(self) -> None:
        session = held_session()
        assert session == session.evolve(
            **{f.name: getattr(session, f.name) for f in attrs.fields(Session)}
        )


class TestEmail:
    @pytest.mark.parametrize(
        "address",
        [
            "ann..x@example.be",
            ".ann@example.be",
            "ann@exa_mple.be",
            "ann@-example.be",
            'a"b@example.be',
            "ann@example",
            DIGITS,
        ],
    )
    def test_addresses_email_validator_refuses_are_refused_unquoted(self, address: str) -> None:
        with pytest.raises(InvalidEmailError) as caught:
            email_address(address)
        assert "email" == caught.value.field
        assert address not in str(caught.value)

    @pytest.mark.parametrize(
        ("address", "kept"),
        [
            (" Ann.Peeters@Example.BE ", "Ann.Peeters@example.be"),
            ("ann+hr@acme.brussels", "ann+hr@acme.brussels"),
            ("participant1@acme.example", "participant1@acme.example"),
        ],
    )
    def test_valid_addresses_are_kept_with_their_domain_in_lower_case(
        self, address: str, kept: str
    ) -> None:
        assert kept == email_address(address)


class NoName(dt.tzinfo):
    """A tzinfo that gives its offset but not its name (``tzname`` raises)."""

    def utcoffset(self, _moment: dt.datetime | None) -> dt.timedelta:
        return dt.timedelta(hours=1)

    def dst(self, _moment: dt.datetime | None) -> dt.timedelta:
        return dt.timedelta(0)

    tzname = None  # type: ignore[assignment]  # no name: tzinfo's own raises NotImplementedError


class NoOffset(dt.tzinfo):
    """A tzinfo whose ``utcoffset`` raises."""

    def utcoffset(self, _moment: dt.datetime | None) -> dt.timedelta:
        raise NotImplementedError

    def dst(self, _moment: dt.datetime | None) -> dt.timedelta:
        raise NotImplementedError

    def tzname(self, _moment: dt.datetime | None) -> str:
        raise NotImplementedError


class TestCallersTimezones:
    def test_a_tzinfo_without_a_name_is_read_by_its_offset(self) -> None:
        start = dt.datetime(2026, 4, 1, 9, tzinfo=NoName())
        slot = Slot(start, start + dt.timedelta(hours=3))
        assert pendulum.datetime(2026, 4, 1, 8) == slot.start

    def test_a_tzinfo_without_an_offset_is_refused(self) -> None:
        start = dt.datetime(2026, 4, 1, 9, tzinfo=NoOffset())
        with pytest.raises(InvalidValueError, match=r"^Invalid Slot.start: its tzinfo cannot say"):
            Slot(start, start)


class NoneOffset(dt.tzinfo):
    """A tzinfo that says it has no offset: its datetimes are naive (Python's rule)."""

    def utcoffset(self, _moment: dt.datetime | None) -> None:
        return None

    def dst(self, _moment: dt.datetime | None) -> None:
        return None

    def tzname(self, _moment: dt.datetime | None) -> str:
        return "?"


class TestInstantsTheQuestionsTake:
    @pytest.mark.parametrize(
        ("now", "error", "message"),
        [
            (
                dt.datetime(2026, 4, 1, 9, tzinfo=NoOffset()),
                InvalidValueError,
                "its tzinfo cannot say",
            ),
            (
                dt.datetime(2026, 4, 1, 9, tzinfo=NoneOffset()),
                NaiveDatetimeError,
                "got a naive one",
            ),
            (dt.datetime(9999, 1, 1, tzinfo=UTC), InvalidValueError, "in the years 1900 to 2999"),
            (pendulum.datetime(9999, 1, 1), InvalidValueError, "in the years 1900 to 2999"),
            ("2026-04-01", InvalidTypeError, "expected a timezone-aware datetime, got str"),
        ],
    )
    def test_next_actions_and_fees_refuse_an_instant_they_cannot_serve(
        self, now: object, error: type[IncompanyRulesError], message: str
    ) -> None:
        session = held_session()
        for ask in (next_actions, fees_due, cancellation_fee):
            with pytest.raises(error, match=message):
                ask(session, now)  # type: ignore[arg-type]

    def test_a_standard_library_instant_in_range_is_taken_as_it_is(self) -> None:
        when = dt.datetime(2026, 4, 1, 9, tzinfo=UTC)
        assert when is checked(when, field="now")
        assert fees_due(held_session(), when) == fees_due(held_session(), pendulum.instance(when))


class TestNationalNumberIsAValue:
    def test_it_cannot_be_changed_nor_emptied(self) -> None:
        number = NationalNumber(DIGITS)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            del number._digits  # noqa: SLF001
        assert DIGITS == number.reveal()

    def test_it_equals_only_a_number_with_the_same_digits(self) -> None:
        number = NationalNumber(DIGITS)
        assert number == NationalNumber(FORMATTED)
        assert number != DIGITS
        assert hash(number) == hash(NationalNumber(FORMATTED))
        assert number != NationalNumber("17073003384")


class TestInvoiceLineFigures:
    def test_a_price_written_with_more_places_but_whole_cents_is_taken(self) -> None:
        line = InvoiceLine(
            kind=FeeKind.SHORTFALL,
            rule="R17",
            quantity=2,
            unit_price=Decimal("150.250"),
            amount=Decimal("300.50"),
            arises_at=START,
        )
        assert Decimal("300.5") == line.amount

    @pytest.mark.parametrize(
        ("quantity", "unit_price", "amount", "field"),
        [
            (10_001, Decimal(1), Decimal(10_001), "InvoiceLine.quantity"),
            (1, 150, Decimal(150), "InvoiceLine.unit_price"),
            (1, Decimal(150), 150, "InvoiceLine.amount"),
            (1, Decimal(150), Decimal("1E+10"), "InvoiceLine.amount"),
            (1, Decimal("100000.01"), Decimal("100000.01"), "InvoiceLine.unit_price"),
        ],
    )
    def test_a_figure_out_of_range_is_named(
        self, quantity: object, unit_price: object, amount: object, field: str
    ) -> None:
        with pytest.raises(IncompanyRulesError) as caught:
            InvoiceLine(
                kind=FeeKind.SHORTFALL,
                rule="R17",
                quantity=quantity,  # type: ignore[arg-type]
                unit_price=unit_price,  # type: ignore[arg-type]
                amount=amount,  # type: ignore[arg-type]
                arises_at=START,
            )
        assert field == caught.value.field


def _attrs_twin(value: object) -> object:
    """The same value, of a subclass whose `repr` attrs writes itself (named as the class is).

    The twin holds the value's own field values: built again through the
    converters, a set of two or more people could list them in another order.
    """
    cls = type(value)
    twin_class = attrs.frozen(repr=True)(type(cls.__name__, (cls,), {}))
    twin: object = object.__new__(twin_class)
    for field in attrs.fields(cls):  # type: ignore[arg-type]
        object.__setattr__(twin, field.name, getattr(value, field.name))
    return twin


class TestFieldsRepr:
    """The value classes write their `repr` with `fields_repr`: the one attrs would write."""

    @staticmethod
    def values() -> list[object]:
        from incompany_rules import (  # noqa: PLC0415 (the classes of every module)
            DEFAULT_POLICY,
            HrAccount,
            can_manage_participants,
            cancellation_fee,
            cancellation_fee_schedule,
            fees_due,
            milestones,
            next_actions,
            schedule,
        )
        from incompany_rules.examples import ACME_HR  # noqa: PLC0415
        from incompany_rules.process import PROCESS  # noqa: PLC0415

        people = sample_participants(7)
        session = confirmed_session(brussels(2026, 4, 1, 9)).evolve(
            participants=people[:3], attendance=people[:2]
        )
        after = brussels(2026, 4, 2, 9)
        late = cancellation_fee(session, brussels(2026, 3, 20))
        refused = can_manage_participants(
            HrAccount("hr@acme.example", ACME, has_hr_function=False, tos_completed=True), session
        )
        return [
            session,
            session.policy,
            DEFAULT_POLICY,
            session.company,
            session.training,
            session.confirmed_slot,
            people[0],
            ACME_HR,
            late,
            late.line(),
            fees_due(session, after),
            *cancellation_fee_schedule(session),
            *milestones(session),
            schedule(session),
            *next_actions(session, brussels(2026, 3, 20)),
            PROCESS[0],
            *refused.reasons,
            refused,
        ]

    def test_each_class_writes_the_repr_attrs_would(self) -> None:
        values = self.values()
        kinds = {type(value).__name__ for value in values}
        assert {"Session", "Policy", "Company", "Training", "Slot", "Participant", "HrAccount",
                "Fee", "InvoiceLine", "Invoice", "FeeStep", "Milestone", "Schedule", "Action",
                "Step", "Reason", "Decision"} == kinds  # fmt: skip
        for value in values:
            assert repr(_attrs_twin(value)) == repr(value)

    def test_a_class_defined_in_a_function_is_named_as_attrs_names_it(self) -> None:
        def outer() -> tuple[object, object]:
            def inner() -> tuple[object, object]:
                @attrs.frozen(repr=False)
                class Pair:
                    left: int
                    __repr__ = fields_repr

                @attrs.frozen
                class Twin:
                    left: int

                return Pair(1), Twin(1)

            return inner()

        ours, theirs = outer()
        assert repr(theirs).replace("Twin", "Pair") == repr(ours) == "Pair(left=1)"

    def test_a_field_with_a_repr_function_is_shown_by_it_as_attrs_shows_it(self) -> None:
        def hidden(token: str) -> str:
            return f"'…{token[-2:]}'"

        @attrs.frozen(repr=False)
        class Login:
            token: str = attrs.field(repr=hidden)
            user: str
            __repr__ = fields_repr

        @attrs.frozen
        class Twin:
            token: str = attrs.field(repr=hidden)
            user: str

        ours, theirs = Login("abcdef", "ann"), Twin("abcdef", "ann")
        assert (
            repr(theirs).replace("Twin", "Login") == repr(ours) == "Login(token='…ef', user='ann')"
        )

    def test_a_field_declared_without_repr_is_left_out(self) -> None:
        assert "_tz" not in repr(confirmed_session(brussels(2026, 4, 1, 9)).policy)
        assert "tz=" not in fields_repr(confirmed_session(brussels(2026, 4, 1, 9)).policy)
