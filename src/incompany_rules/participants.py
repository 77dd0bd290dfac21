"""Participants: a national register number and an e-mail address (rule R9).

R9 (Etape 5, *"numéro de registre national et de l'adresse email de chaque
participant"*): to register a person, HR gives their Belgian national
register number and their e-mail address.

The national number
-------------------

A national register number (NN, *rijksregisternummer*) or a BIS number has
11 digits: a birth date `YYMMDD` (for BIS, the month plus 20 or 40), a
3-digit counter and a 2-digit mod-97 check. People born from 2000 on have
their check computed over the 9 digits prefixed with `2`. Validation,
cleaning and formatting come from `python-stdnum` (`stdnum.be.nn` and
`stdnum.be.bis`), with one deliberate difference: stdnum decides whether
the 2000s check may apply by reading today's date, so that the same number
would be refused one year and accepted the next. This library never reads
the clock (T7): a number whose check matches the 2000s rule is accepted
whatever the year, and every other test is stdnum's own.

Examples:
    The printed forms are accepted:

    >>> NationalNumber("85.07.30-033.28") == NationalNumber("85073003328")
    True
    >>> NationalNumber("85 07 30 033 28").kind
    <NumberKind.NATIONAL_REGISTER: 'nn'>

    The number is sensitive personal data. `repr`, `str` and the
    pretty-printers of IPython and Hypothesis (`_repr_pretty_`) show at most
    its last two digits; the digits are reachable through
    [`NationalNumber.reveal`][incompany_rules.participants.NationalNumber.reveal]
    only (and through `pickle`, which must keep them to round-trip: treat a
    pickle of a number, participant or session like the digits themselves):

    >>> nn = NationalNumber("85.07.30-033.28")
    >>> nn
    NationalNumber('*********28')
    >>> str(nn)
    '*********28'
    >>> nn.reveal()
    '85073003328'
    >>> nn.formatted()
    '85.07.30-033.28'

    A refused number is never echoed back:

    >>> NationalNumber("85.07.30-033.29")
    Traceback (most recent call last):
      ...
    incompany_rules.errors.InvalidNationalNumberError: Invalid national_number: check digits do not match (number ending in 29)
"""

from __future__ import annotations

import enum

import attrs

from incompany_rules.errors import (
    InvalidEmailError,
    InvalidNationalNumberError,
    InvalidTypeError,
)
from incompany_rules.validation import fields_repr, items_of, pretty_as_repr, type_name

__all__ = ["NationalNumber", "NumberKind", "Participant", "email_address", "numbers_of"]

_FIELD = "national_number"


class NumberKind(enum.Enum):
    """Which register issued the number."""

    NATIONAL_REGISTER = "nn"
    BIS = "bis"


def _is_bis(digits: str) -> bool:
    """BIS numbers add 20 or 40 to the birth month (digits 3-4)."""
    return 20 <= int(digits[2:4]) <= 52


def _check_digits(first_nine: str) -> int:
    return 97 - int(first_nine) % 97


def _clean(value: object) -> str:
    if isinstance(value, NationalNumber):
        return value.reveal()
    if not isinstance(value, str):
        raise InvalidTypeError(_FIELD, f"expected a string of 11 digits, got {type_name(value)}")
    # Imported on first use: stdnum's import loads ssl and dateutil's parser.
    from stdnum.be import bis, nn  # noqa: PLC0415
    from stdnum.exceptions import ValidationError  # noqa: PLC0415

    digits = nn.compact(value)
    if not digits.isascii() or not digits.isdigit():
        raise InvalidNationalNumberError(
            _FIELD, "expected 11 digits, separated by spaces, dots or dashes at most"
        )
    if len(digits) != 11:
        raise InvalidNationalNumberError(_FIELD, f"expected 11 digits, got {len(digits)}")
    check = int(digits[9:])
    if check not in {_check_digits(digits[:9]), _check_digits("2" + digits[:9])}:
        raise InvalidNationalNumberError(
            _FIELD, f"check digits do not match (number ending in {digits[9:]})"
        )
    # stdnum checks everything else (zero number, month ranges for NN and
    # BIS) on the same number given its 1900s check, a path that does not
    # depend on the current year.
    timeless = digits[:9] + f"{_check_digits(digits[:9]):02d}"
    module = bis if _is_bis(digits) else nn
    try:
        module.validate(timeless)
    except ValidationError:
        pass  # raised below, outside this block: no chained exception holds the digits
    else:
        return digits
    raise InvalidNationalNumberError(
        _FIELD,
        "digits 3-4 are not a birth month (00-12, or 20-32 and 40-52 for a "
        f"BIS number) (number ending in {digits[9:]})",
    )


class NationalNumber:
    """A validated Belgian national register number or BIS number.

    Build it from any printed form; compare and hash it safely; show it only
    masked. [`reveal`][incompany_rules.participants.NationalNumber.reveal]
    gives the 11 digits to code that must send them on (an explicit, greppable
    call).

    It is an immutable value, deliberately not an `attrs` class: tools
    that take an `attrs` value apart (`attrs.asdict`, pretty-printers)
    keep it whole, so it stays masked inside what they make.
    """

    __slots__ = ("_digits",)
    _digits: str

    def __init__(self, number: object) -> None:
        object.__setattr__(self, "_digits", _clean(number))

    def __setattr__(self, name: str, value: object) -> None:
        raise attrs.exceptions.FrozenInstanceError

    def __delattr__(self, name: str) -> None:
        raise attrs.exceptions.FrozenInstanceError

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NationalNumber):
            return NotImplemented
        return self._digits == other._digits

    def __hash__(self) -> int:
        return hash((NationalNumber, self._digits))

    def __reduce__(self) -> tuple[type[NationalNumber], tuple[str]]:
        # Pickle keeps the digits: a pickle is as sensitive as reveal().
        return (NationalNumber, (self._digits,))

    @property
    def kind(self) -> NumberKind:
        """Whether this is a national register number or a BIS number.

        Examples:
            >>> NationalNumber("85.27.30-033.71").kind
            <NumberKind.BIS: 'bis'>
        """
        return NumberKind.BIS if _is_bis(self._digits) else NumberKind.NATIONAL_REGISTER

    def reveal(self) -> str:
        """Return the 11 digits. Sensitive: never log or export them.

        `pickle` keeps the digits too (a number must come back whole), so
        a pickle of a number, participant or session is as sensitive.
        """
        return self._digits

    def formatted(self) -> str:
        """Return the printed form `YY.MM.DD-NNN.CC`. Sensitive, like [`reveal`][incompany_rules.participants.NationalNumber.reveal]."""
        from stdnum.be import nn  # noqa: PLC0415 (imported on first use, as in _clean)

        return str(nn.format(self._digits))

    def masked(self) -> str:
        """Return the number with all but its last two digits hidden."""
        return "*" * 9 + self._digits[9:]

    def __repr__(self) -> str:
        return f"NationalNumber({self.masked()!r})"

    def __str__(self) -> str:
        return self.masked()

    _repr_pretty_ = pretty_as_repr


def email_address(value: object, *, field: str = "email") -> str:
    """Return `value` as an e-mail address in `email-validator`'s normal form.

    The syntax is checked by `email-validator` (a name and a domain that
    the Internet's rules allow, the domain in lower case); deliverability is
    not checked, since that needs the network. A refused address is never
    quoted, since it could be anything a form received, a national number
    included.

    Examples:
        >>> email_address(" Ann.Peeters@Example.BE ")
        'Ann.Peeters@example.be'
        >>> email_address("ann..peeters@example.be")
        Traceback (most recent call last):
          ...
        incompany_rules.errors.InvalidEmailError: Invalid email: expected an address like name@example.be, got a str of 23 characters (...)
    """
    if not isinstance(value, str):
        raise InvalidTypeError(field, f"expected a string, got {type_name(value)}")
    # Imported on first use: its module compiles the grammar of addresses.
    import email_validator  # noqa: PLC0415

    try:
        checked = email_validator.validate_email(value.strip(), check_deliverability=False)
    except email_validator.EmailNotValidError as error:
        why = str(error)
    else:
        return str(checked.normalized)
    # Raised here, outside the except block: no chained exception quotes the value.
    raise InvalidEmailError(
        field,
        f"expected an address like name@example.be, got a str of {len(value)} characters ({why})",
    )


def _optional_name(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidTypeError(
            "Participant.name", f"expected a string or None, got {type_name(value)}"
        )
    return value.strip() or None


def _national_number(value: object) -> NationalNumber:
    if isinstance(value, NationalNumber):
        return value
    return NationalNumber(value)


@attrs.frozen(eq=False, repr=False)
class Participant:
    """A person HR registers for a session (R9).

    Examples:
        Two participants are the same person when they have the same national
        number, whatever their e-mail or name:

        >>> ann = Participant("85.07.30-033.28", "ann@example.be", name="Ann")
        >>> ann == Participant("85073003328", "ann.peeters@example.be")
        True
        >>> ann
        Participant(national_number=NationalNumber('*********28'), email='ann@example.be', name='Ann')
    """

    __repr__ = fields_repr

    national_number: NationalNumber = attrs.field(converter=_national_number)
    email: str = attrs.field(converter=email_address)
    name: str | None = attrs.field(default=None, kw_only=True, converter=_optional_name)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Participant):
            return NotImplemented
        return self.national_number == other.national_number

    def __hash__(self) -> int:
        return hash(self.national_number)

    _repr_pretty_ = pretty_as_repr


def numbers_of(
    people: object, *, field: str, expected: str = "participants or national numbers"
) -> tuple[NationalNumber, ...]:
    """Return the national numbers of `people`, participants or numbers, once each, in order.

    Attendance is given either way (R17). `expected` describes the
    collection in the error raised when `people` is not one.

    Examples:
        >>> from incompany_rules.examples import sample_participants
        >>> ann, bram = sample_participants(2)
        >>> numbers_of([ann, bram.national_number, ann], field="attended") == (
        ...     ann.national_number, bram.national_number)
        True
        >>> numbers_of(["85.07.30-033.28"], field="attended")
        Traceback (most recent call last):
          ...
        incompany_rules.errors.InvalidTypeError: Invalid attended: expected Participant or NationalNumber items, got str
    """
    found: tuple[object, ...] = items_of(
        people,
        (Participant, NationalNumber),
        field=field,
        what=expected,
        item="Participant or NationalNumber",
    )
    numbers = (p.national_number if isinstance(p, Participant) else p for p in found)
    return tuple(dict.fromkeys(numbers))  # type: ignore[arg-type]
