"""National numbers, e-mail addresses and participants (R9)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import refused_as
from incompany_rules import (
    IncompanyRulesError,
    InvalidEmailError,
    InvalidNationalNumberError,
    InvalidTypeError,
    NationalNumber,
    NumberKind,
    Participant,
)
from incompany_rules.participants import email_address


def with_check(first_nine: str, *, born_2000s: bool = False) -> str:
    """Append the mod-97 check digits to nine digits."""
    base = int(("2" if born_2000s else "") + first_nine)
    return f"{first_nine}{97 - base % 97:02d}"


class TestNationalNumber:
    @pytest.mark.parametrize(
        ("text", "digits", "kind"),
        [
            # the printed forms of one number
            ("85.07.30-033.28", "85073003328", NumberKind.NATIONAL_REGISTER),
            ("85 07 30 033 28", "85073003328", NumberKind.NATIONAL_REGISTER),
            ("85073003328", "85073003328", NumberKind.NATIONAL_REGISTER),
            ("  85-07-30-033-28 ", "85073003328", NumberKind.NATIONAL_REGISTER),
            # stdnum folds full-width digits, as typed on some keyboards
            ("８５０７３００３３２８", "85073003328", NumberKind.NATIONAL_REGISTER),
            # born from 2000: the check is computed over 2YYMMDDNNN
            ("17.07.30-033.84", "17073003384", NumberKind.NATIONAL_REGISTER),
            ("01.01.01-001.26", "01010100126", NumberKind.NATIONAL_REGISTER),
            # month unknown or day counter exhausted: month 00
            (with_check("850000033"), with_check("850000033"), NumberKind.NATIONAL_REGISTER),
            # BIS numbers: month + 20 (gender unknown) or + 40 (gender known)
            (with_check("852730033"), with_check("852730033"), NumberKind.BIS),
            (with_check("854730033"), with_check("854730033"), NumberKind.BIS),
            (
                with_check("052201001", born_2000s=True),
                with_check("052201001", born_2000s=True),
                NumberKind.BIS,
            ),
        ],
    )
    def test_valid_numbers_are_accepted_in_their_printed_forms(
        self, text: str, digits: str, kind: NumberKind
    ) -> None:
        number = NationalNumber(text)
        assert (digits, kind) == (number.reveal(), number.kind)

    def test_a_future_birth_year_in_the_2000s_is_accepted_whatever_the_date(self) -> None:
        """stdnum reads today's date here; we do not, so the answer never changes."""
        number = with_check("890101001", born_2000s=True)  # born 2089
        assert number == NationalNumber(number).reveal()

    @pytest.mark.parametrize(
        "text",
        [
            # shape
            "",
            "8507300332",
            "850730033288",
            "85.07.30-033.2X",
            "85.07.30-033.2٨",  # an Arabic-Indic eight
            # check digits
            "85.07.30-033.29",
            "17.07.30-033.85",
            # month out of range for NN (13-19) and BIS (33-39, 53+)
            with_check("851330033"),
            with_check("853530033"),
            with_check("855330033"),
        ],
    )
    def test_invalid_numbers_are_refused_without_showing_them(self, text: str) -> None:
        with refused_as(InvalidNationalNumberError, "national_number") as caught:
            NationalNumber(text)
        message = str(caught.value)
        digits = "".join(c for c in text if c.isdigit())
        if len(digits) > 2:
            assert digits not in message
            assert digits[:9] not in message

    @pytest.mark.parametrize("value", [85073003328, None, 85073003328.0, b"85073003328"])
    def test_a_number_that_is_not_a_string_is_a_type_error(self, value: object) -> None:
        with pytest.raises(InvalidTypeError, match=r"national_number"):
            NationalNumber(value)

    def test_errors_are_value_errors_of_the_library(self) -> None:
        with pytest.raises(ValueError, match="national_number") as caught:
            NationalNumber("1")
        assert isinstance(caught.value, IncompanyRulesError)

    def test_repr_and_str_show_the_last_two_digits_only(self) -> None:
        number = NationalNumber("85.07.30-033.28")
        assert ("NationalNumber('*********28')", "*********28") == (repr(number), str(number))
        assert "*********28" == number.masked()

    def test_formatted_gives_the_printed_form(self) -> None:
        assert "85.07.30-033.28" == NationalNumber("85073003328").formatted()

    def test_numbers_compare_and_hash_by_their_digits(self) -> None:
        assert NationalNumber("85.07.30-033.28") == NationalNumber("85073003328")
        assert len({NationalNumber("85.07.30-033.28"), NationalNumber("85073003328")}) == 1
        assert NationalNumber("85073003328") != NationalNumber("17073003384")

    def test_a_national_number_is_accepted_as_its_own_input(self) -> None:
        number = NationalNumber("85073003328")
        assert number == NationalNumber(number)

    def test_numbers_are_immutable(self) -> None:
        number = NationalNumber("85073003328")
        with pytest.raises(AttributeError):
            number._digits = "17073003384"  # noqa: SLF001


first_nines = st.builds(
    lambda yy, mm, dd, counter: f"{yy:02d}{mm:02d}{dd:02d}{counter:03d}",
    st.integers(0, 99),
    st.sampled_from([*range(13), *range(20, 33), *range(40, 53)]),
    st.integers(1, 28),
    st.integers(1, 998),
)


class TestNationalNumberProperties:
    @given(first_nines, st.booleans())
    def test_every_number_with_a_matching_check_is_valid(
        self, first_nine: str, born_2000s: bool
    ) -> None:
        """R9: 11 digits, mod-97 check with the 2000s rule, BIS numbers accepted."""
        number = with_check(first_nine, born_2000s=born_2000s)
        assert number == NationalNumber(number).reveal()

    @given(first_nines, st.booleans(), st.integers(1, 96))
    def test_every_other_check_is_refused(
        self, first_nine: str, born_2000s: bool, shift: int
    ) -> None:
        """R9: a wrong check digit pair is refused, and not echoed."""
        good = int(with_check(first_nine, born_2000s=born_2000s)[9:])
        bad = (good + shift) % 97 or 97
        other = 97 - int("2" + first_nine) % 97 if not born_2000s else 97 - int(first_nine) % 97
        if bad == other:
            return
        with pytest.raises(InvalidNationalNumberError) as caught:
            NationalNumber(f"{first_nine}{bad:02d}")
        assert first_nine not in str(caught.value)

    @given(first_nines, st.booleans())
    def test_repr_and_str_never_reveal_more_than_two_digits(
        self, first_nine: str, born_2000s: bool
    ) -> None:
        """The national number is sensitive personal data."""
        number = NationalNumber(with_check(first_nine, born_2000s=born_2000s))
        participant = Participant(number, "someone@example.be")
        for text in (repr(number), str(number), repr(participant), str(participant)):
            assert number.reveal() not in text
            assert number.reveal()[:9] not in text
            assert number.formatted() not in text


class TestEmailAddress:
    @pytest.mark.parametrize(
        ("given_text", "expected"),
        [
            ("ann@example.be", "ann@example.be"),
            ("  Ann.Peeters@Example.BE ", "Ann.Peeters@example.be"),
            ("a+tag@sub.example.co.uk", "a+tag@sub.example.co.uk"),
        ],
    )
    def test_addresses_are_trimmed_and_their_domain_lowered(
        self, given_text: str, expected: str
    ) -> None:
        assert expected == email_address(given_text)

    @pytest.mark.parametrize(
        "bad",
        [
            "",
            "ann",
            "ann@",
            "@example.be",
            "ann@example",
            "ann@@example.be",
            "ann @example.be",
            "ann@example..be",
            "ann@.example.be",
            "a" * 250 + "@example.be",
        ],
    )
    def test_malformed_addresses_are_refused(self, bad: str) -> None:
        with refused_as(InvalidEmailError, "email"):
            email_address(bad)

    # Each row: the length of an address of full-length labels, and whether
    # it is kept: RFC 5321 allows 254 characters at most.
    @pytest.mark.parametrize(("length", "kept"), [(254, True), (255, False)])
    def test_an_address_may_be_254_characters_long(self, length: int, kept: bool) -> None:
        last = length - len("a" * 64 + "@" + "d" * 63 + "." + "d" * 63 + "." + ".be")
        address = "a" * 64 + "@" + "d" * 63 + "." + "d" * 63 + "." + "d" * last + ".be"
        assert length == len(address)
        if kept:
            assert address == email_address(address)
        else:
            with pytest.raises(InvalidEmailError):
                email_address(address)

    def test_an_address_that_is_not_a_string_is_a_type_error(self) -> None:
        with refused_as(InvalidTypeError, "email"):
            email_address(42)


class TestParticipant:
    def test_participants_are_the_same_person_when_their_numbers_match(self) -> None:
        ann = Participant("85.07.30-033.28", "ann@example.be", name="Ann")
        assert ann == Participant("85073003328", "other@example.be")
        assert hash(ann) == hash(Participant("85073003328", "other@example.be"))
        assert ann != Participant("17.07.30-033.84", "ann@example.be")

    def test_a_participant_hashes_as_its_national_number(self) -> None:
        """A set or dict of people keys them by number, as equality does."""
        number = NationalNumber("85073003328")
        assert hash(number) == hash(Participant(number, "ann@example.be"))

    def test_a_participant_is_not_equal_to_something_else(self) -> None:
        assert Participant("85073003328", "ann@example.be") != "85073003328"

    def test_repr_masks_the_number(self) -> None:
        ann = Participant("85.07.30-033.28", "ann@example.be", name="Ann")
        assert (
            "Participant(national_number=NationalNumber('*********28'), email='ann@example.be', name='Ann')"
            == repr(ann)
        )

    def test_a_blank_name_is_no_name(self) -> None:
        assert Participant("85073003328", "ann@example.be", name="  ").name is None

    def test_a_name_that_is_not_a_string_is_a_type_error(self) -> None:
        with refused_as(InvalidTypeError, "Participant.name"):
            Participant("85073003328", "ann@example.be", name=3)

    def test_an_invalid_email_names_the_email_field(self) -> None:
        with refused_as(InvalidEmailError, "email"):
            Participant("85073003328", "not an email")
