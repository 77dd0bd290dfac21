"""Strategies for the people HR registers: national numbers, e-mail addresses, participants."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from incompany_rules.errors import IncompanyRulesError
from incompany_rules.participants import NationalNumber, NumberKind, Participant, email_address
from incompany_rules.strategies._checks import _strategy

__all__ = ["emails", "national_numbers", "participants"]


_FIRST_BIRTH = dt.date(1900, 1, 1)
_LAST_BIRTH = dt.date(2099, 12, 31)


def national_numbers(
    *,
    kinds: Collection[NumberKind] | None = None,
    born_from: dt.date | None = None,
    born_until: dt.date | None = None,
) -> st.SearchStrategy[NationalNumber]:
    """Return a strategy for valid national register numbers and BIS numbers (R9).

    `kinds` limits the registers (default: both). The birth date encoded
    lies between `born_from` and `born_until` (default: every date the
    number can encode, 1900-01-01 to 2099-12-31); people born from 2000 on
    get their check digits by the 2000s rule. BIS numbers add 20 or 40 to
    the birth month. The counter runs from 001 to 998. Every number drawn
    encodes a complete birth date.

    Shrinks towards a national register number of someone born on
    `born_from` with counter 001 (`00.01.01-001.73` by default).

    Examples:
        Numbers of people born from 2000 on, national or BIS, in a test:

        >>> from hypothesis import given
        >>> from incompany_rules import NationalNumber
        >>> @given(national_numbers(born_from=dt.date(2000, 1, 1)))
        ... def test_the_printed_form_gives_the_number_back(number):
        ...     assert NationalNumber(number.formatted()) == number
        >>> test_the_printed_form_gives_the_number_back()
    """
    chosen = _kinds(kinds)
    first = _birth(born_from, "born_from", _FIRST_BIRTH)
    last = _birth(born_until, "born_until", _LAST_BIRTH)
    if first > last:
        raise InvalidArgument(f"born_from={first} must not be after born_until={last}")
    return _national_numbers(chosen, first, (last - first).days)


def _kinds(kinds: object) -> tuple[NumberKind, ...]:
    if kinds is None:
        return tuple(NumberKind)
    if not isinstance(kinds, Collection) or isinstance(kinds, (str, bytes)):
        raise InvalidArgument(f"kinds={kinds!r} must be a collection of NumberKind")
    for kind in kinds:
        if not isinstance(kind, NumberKind):
            raise InvalidArgument(f"kinds={kinds!r} must hold NumberKind members only")
    chosen = tuple(kind for kind in NumberKind if kind in kinds)
    if not chosen:
        raise InvalidArgument("kinds=() leaves no number to draw")
    return chosen


def _birth(value: object, name: str, default: dt.date) -> dt.date:
    if value is None:
        return default
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidArgument(f"{name}={value!r} must be a date")
    if not _FIRST_BIRTH <= value <= _LAST_BIRTH:
        raise InvalidArgument(
            f"{name}={value} is outside the dates a national number encodes "
            f"({_FIRST_BIRTH} to {_LAST_BIRTH})"
        )
    return value


_BIS_MONTHS = st.sampled_from((20, 40))
_COUNTERS = st.integers(1, 998)


def _national_numbers(
    kinds: tuple[NumberKind, ...], first: dt.date, span: int
) -> st.SearchStrategy[NationalNumber]:
    return _numbers(st.sampled_from(kinds), first, st.integers(0, span))


@st.composite
def _numbers(
    draw: st.DrawFn,
    kinds: st.SearchStrategy[NumberKind],
    first: dt.date,
    days: st.SearchStrategy[int],
) -> NationalNumber:
    kind = draw(kinds)
    born = first + dt.timedelta(days=draw(days))
    month = born.month
    if kind is NumberKind.BIS:
        month += draw(_BIS_MONTHS)
    counter = draw(_COUNTERS)
    nine = f"{born.year % 100:02d}{month:02d}{born.day:02d}{counter:03d}"
    checked = int(("2" if born.year >= 2000 else "") + nine)
    return NationalNumber(f"{nine}{97 - checked % 97:02d}")


_NAME_PARTS = ("ann", "bram", "chloe", "dirk", "elif", "farid", "greet", "hugo", "ines", "jan")
_LABELS = ("example", "acme", "fonds", "telenet", "skynet")
_TLDS = ("be", "com", "eu", "org", "net", "brussels")
_ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def _joined(parts: list[str]) -> str:
    return ".".join(parts)


def _host_label(label: str) -> bool:
    """Whether `label` may be part of a host name: no `-` at either end, nor `--` at 3-4."""
    return not label.startswith("-") and not label.endswith("-") and label[2:4] != "--"


def _domains() -> st.SearchStrategy[str]:
    # Equivalent: an address keeps its domain in lower case, so neither upper-case
    # letters nor an X more change the addresses drawn.
    characters = _ALNUM.lower() + "-"  # pragma: no mutate
    label = st.sampled_from(_LABELS) | st.text(characters, min_size=1, max_size=12)
    labels = st.lists(label.filter(_host_label), min_size=1, max_size=2)
    return st.builds(lambda parts, tld: _joined([*parts, tld]), labels, st.sampled_from(_TLDS))


def emails(*, domain: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[str]:
    """Return a strategy for e-mail addresses as the library keeps them (R9).

    The name has one to three dot-separated parts of 1 to 16 characters
    (letters of both cases, digits, `_`, `+`, `-`); `domain` draws
    the part after the `@` (default: one or two labels of 1 to 12
    lower-case letters, digits and `-`, not starting or ending with `-`, then
    `be`, `com`, `eu`, `org`, `net` or `brussels`). Each address is returned as
    [`email_address`][incompany_rules.participants.email_address] normalises it, so
    `email_address(address) == address`.

    Shrinks towards `'ann@example.be'`.
    """
    domains = _domains() if domain is None else domain
    _strategy(domains, "domain")
    # Equivalent: an X more draws nothing new, X is one of the letters already.
    characters = _ALNUM + "_+-"  # pragma: no mutate
    part = st.sampled_from(_NAME_PARTS) | st.text(characters, min_size=1, max_size=16)
    names = st.lists(part, min_size=1, max_size=3).map(_joined)
    return st.builds(_email, names, domains)


def _email(name: str, domain: str) -> str:
    try:
        return email_address(f"{name}@{domain}")
    except IncompanyRulesError as error:
        raise InvalidArgument(f"domain drew {domain!r}, which makes no valid address") from error


_DISPLAY_NAMES = ("Ann Peeters", "Bram Janssens", "Chloé Dubois", "Dirk Maes", "Élif Yılmaz")


def participants(
    *,
    national_number: st.SearchStrategy[NationalNumber] | None = None,
    email: st.SearchStrategy[str] | None = None,
    name: st.SearchStrategy[str | None] | None = None,
) -> st.SearchStrategy[Participant]:
    """Return a strategy for participants HR registers (R9).

    `national_number` defaults to
    [`national_numbers`][incompany_rules.strategies.national_numbers], `email`
    to [`emails`][incompany_rules.strategies.emails], `name` to `None` or a
    display name.

    Shrinks towards a participant with no name and the smallest number and
    address of those strategies.
    """
    numbers = national_numbers() if national_number is None else national_number
    addresses = emails() if email is None else email
    names: st.SearchStrategy[str | None] = (
        st.none() | st.sampled_from(_DISPLAY_NAMES) if name is None else name
    )
    _strategy(numbers, "national_number")
    _strategy(addresses, "email")
    _strategy(names, "name")
    return st.builds(_participant, numbers, addresses, names)


def _participant(number: NationalNumber, email: str, name: str | None) -> Participant:
    try:
        return Participant(number, email, name=name)
    except IncompanyRulesError as error:
        raise InvalidArgument(f"a strategy drew a value Participant refuses: {error}") from error
