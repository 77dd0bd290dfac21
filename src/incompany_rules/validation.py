"""The checks that every value of the library makes, written once.

Each function takes the value to check and the `field` it is for, and
returns the value checked (sometimes converted) or raises the library's
error naming that field. Messages describe a refused value with
[`shown`][incompany_rules.validation.shown], which never quotes a national register number.

Examples:
    >>> shown("85.07.30-033.28"), shown(None), shown([1, 2])
    ("'**.**.**-***.28'", 'None', 'a list')
    >>> whole_number(True, field="Policy.min_participants")
    Traceback (most recent call last):
      ...
    incompany_rules.errors.InvalidTypeError: Invalid Policy.min_participants: expected a whole number, not a bool
    >>> items_of("ab", str, field="lines", what="invoice lines")
    Traceback (most recent call last):
      ...
    incompany_rules.errors.InvalidTypeError: Invalid lines: expected invoice lines, not a str

    Money is computed in the library's own
    [`MONEY_CONTEXT`][incompany_rules.validation.MONEY_CONTEXT], whatever
    `decimal.localcontext` the caller runs in, and an amount is refused unless
    it lies between 0 and [`MAX_AMOUNT`][incompany_rules.validation.MAX_AMOUNT]
    euros with at most cents.
"""

from __future__ import annotations

import decimal
import enum
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any, TypeVar

import attrs

from incompany_rules.errors import (
    InvalidTypeError,
    InvalidValueError,
    mask_digits,
)

__all__ = [
    "MAX_AMOUNT",
    "MAX_COUNT",
    "MONEY_CONTEXT",
    "expect",
    "field_name",
    "fields_repr",
    "flag",
    "items_of",
    "money",
    "pretty_as_repr",
    "shown",
    "text",
    "times",
    "total",
    "trusted",
    "type_name",
    "whole_number",
]

T = TypeVar("T")

MAX_AMOUNT = Decimal(100_000)
"""The largest amount of euros the library takes (a fee, a price, a total)."""
MAX_COUNT = 10_000
"""The largest count of people the library takes (planned, minimum, quantity)."""
MONEY_CONTEXT = decimal.Context(
    prec=28,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=999_999,
    Emin=-999_999,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow, decimal.Inexact],
)
"""The decimal context every amount is computed in: 28 digits, half-even, and any inexact,
overflowing or invalid operation is an error.
"""
_CENT = Decimal("0.01")
# Rounds an amount already known to be within MAX_AMOUNT, to compare it with itself.
_CENTS = decimal.Context(prec=40, rounding=decimal.ROUND_HALF_EVEN, traps=[])
# Digits with at most one separator between them, as a national number is
# printed (85.07.30-033.28); 9 or more of them are masked when quoted.
_NUMBER_LIKE = re.compile(r"[0-9](?:[ .\-/_]?[0-9]){8,}")
_SHORT = 40


def type_name(value: object) -> str:
    """Return the name of `value`'s type, as messages give it."""
    return type(value).__name__


def _mask_number_like(text: str) -> str:
    def hide(match: re.Match[str]) -> str:
        found = match.group()
        return re.sub(r"[0-9]", "*", found[:-2]) + found[-2:]

    return _NUMBER_LIKE.sub(hide, text)


# Equivalent with capitals added: `shown` looks up a lowered letter.
_VOWELS = frozenset("aeiou")  # pragma: no mutate


def shown(value: object) -> str:
    """Describe `value` for an error message, hiding anything like a national number.

    Short strings and numbers are quoted with every run of 9 or more digits
    (separators allowed) masked but for its last two; anything else is named
    by its type (and length, for long text).

    An enum member is shown by its value, masked the same way.

    Examples:
        >>> shown("85073003328"), shown(12), shown("x" * 50), shown(10**40)
        ("'*********28'", '12', 'a str of 50 characters', 'an int of about 41 digits')
    """
    if isinstance(value, enum.Enum) and type(value.value) in {str, int}:
        value = value.value  # a rule id given as text has become its Rule
    if value is None or type(value) is bool:
        return repr(value)
    if type(value) is int:
        if value.bit_length() > 64:
            return f"an int of about {int(value.bit_length() * 0.30103) + 1} digits"
        return _mask_number_like(repr(value))
    if type(value) in {str, float, Decimal}:
        quoted = repr(value) if type(value) is str else str(value)
        if len(quoted) > _SHORT:
            return f"a {type_name(value)} of {len(str(value))} characters"
        return _mask_number_like(quoted)
    article = "an" if type_name(value)[:1].lower() in _VOWELS else "a"
    return f"{article} {type_name(value)}"


def expect(value: object, kind: type[T], *, field: str, what: str | None = None) -> T:
    """Return `value` if it is a `kind`; else raise, naming `field`.

    Examples:
        >>> expect(3, str, field="session")
        Traceback (most recent call last):
          ...
        incompany_rules.errors.InvalidTypeError: Invalid session: expected a str, got int
    """
    if not isinstance(value, kind):
        raise InvalidTypeError(
            field, f"expected {what or 'a ' + kind.__name__}, got {type_name(value)}"
        )
    return value


def items_of(
    value: object,
    kind: type[T] | tuple[type, ...],
    *,
    field: str,
    what: str,
    item: str | None = None,
) -> tuple[T, ...]:
    """Return the items of the iterable `value`, each a `kind`; a string is no iterable here.

    `what` names the collection (`"slots"`), `item` the kind of its
    items (when left out, the name of `kind`, or the names of a tuple of
    kinds joined by "or").

    Examples:
        >>> items_of([3], (str, bytes), field="lines", what="lines")
        Traceback (most recent call last):
          ...
        incompany_rules.errors.InvalidTypeError: Invalid lines: expected str or bytes items, got int
    """
    if isinstance(value, (str, bytes)):
        raise InvalidTypeError(field, f"expected {what}, not a {type_name(value)}")
    if not isinstance(value, Iterable):
        raise InvalidTypeError(field, f"expected {what}, got {type_name(value)}")
    found = tuple(value)
    for each in found:
        if not isinstance(each, kind):
            kinds = kind if isinstance(kind, tuple) else (kind,)
            expected = item or " or ".join(one.__name__ for one in kinds)
            raise InvalidTypeError(field, f"expected {expected} items, got {type_name(each)}")
    return found


def whole_number(
    value: object,
    *,
    field: str,
    minimum: int = 0,
    maximum: int = MAX_COUNT,
    error: type[InvalidValueError] = InvalidValueError,
) -> int:
    """Return `value` if it is an `int` (not a `bool`) from `minimum` to `maximum`."""
    if type(value) is bool:
        raise InvalidTypeError(field, "expected a whole number, not a bool")
    if not isinstance(value, int):
        raise InvalidTypeError(field, f"expected a whole number, got {type_name(value)}")
    if not minimum <= value <= maximum:
        raise error(
            field, f"expected a whole number from {minimum} to {maximum}, got {shown(value)}"
        )
    return int(value)


def flag(value: object, *, field: str) -> bool:
    """Return `value` if it is `True` or `False`."""
    if type(value) is not bool:
        raise InvalidTypeError(field, f"expected True or False, got {type_name(value)}")
    return value


def text(value: object, *, field: str, error: type[InvalidValueError] = InvalidValueError) -> str:
    """Return `value` stripped, if it is a non-empty string."""
    if not isinstance(value, str):
        raise InvalidTypeError(field, f"expected a string, got {type_name(value)}")
    stripped = value.strip()
    if not stripped:
        raise error(field, "must not be empty")
    return stripped


def money(
    value: object,
    *,
    field: str,
    error: type[InvalidValueError] = InvalidValueError,
    maximum: Decimal = MAX_AMOUNT,
) -> Decimal:
    """Return `value` as an amount of euros: 0 to `maximum` ([`MAX_AMOUNT`][incompany_rules.validation.MAX_AMOUNT]), at most cents.

    `Decimal`, `int` and numeric strings are accepted; a `float` is
    refused, since binary floats cannot hold cents exactly.

    Examples:
        >>> money("375.00", field="fee")
        Decimal('375.00')
        >>> money("0.001", field="fee")
        Traceback (most recent call last):
          ...
        incompany_rules.errors.InvalidValueError: Invalid fee: expected an amount with at most cents, got 0.001
    """
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int) and type(value) is not bool:
        if abs(value) > maximum:
            raise error(field, f"expected an amount from 0 to {maximum}, got {shown(value)}")
        amount = Decimal(value)
    elif isinstance(value, str):
        parsed = _parsed(value)
        if parsed is None:
            raise error(field, f"expected an amount in euros, got {shown(value)}")
        amount = parsed
    else:
        raise InvalidTypeError(
            field,
            "expected a Decimal amount in euros (or an int or a numeric string), "
            f"got {type_name(value)} {shown(value)}",
        )
    if not amount.is_finite():
        raise error(field, f"expected an amount >= 0, got {shown(amount)}")
    if amount < 0:
        raise error(field, f"expected an amount >= 0, got {shown(amount)}")
    if amount > maximum:
        raise error(field, f"expected an amount from 0 to {maximum}, got {shown(amount)}")
    if amount != amount.quantize(_CENT, context=_CENTS):
        raise error(field, f"expected an amount with at most cents, got {shown(amount)}")
    return amount


def _parsed(value: str) -> Decimal | None:
    """Return `value` read as a decimal number, `None` when it is not one."""
    try:
        amount = Decimal(value.strip())
    except (ArithmeticError, ValueError):
        return None  # returned here: the caller raises, with no chained exception
    return amount


def times(quantity: int, price: Decimal) -> Decimal:
    """Return `quantity x price` computed in [`MONEY_CONTEXT`][incompany_rules.validation.MONEY_CONTEXT]."""
    return MONEY_CONTEXT.multiply(Decimal(quantity), price)


def total(amounts: Iterable[Decimal]) -> Decimal:
    """Return the sum of `amounts` computed in [`MONEY_CONTEXT`][incompany_rules.validation.MONEY_CONTEXT]."""
    result = Decimal(0)
    for amount in amounts:
        result = MONEY_CONTEXT.add(result, amount)
    return result


def pretty_as_repr(value: object, printer: Any, _cycle: bool) -> None:  # noqa: ANN401
    """Print `value` as its `repr` does: the `_repr_pretty_` of values holding a number.

    IPython and Hypothesis's report of a failing example call
    `_repr_pretty_` before anything else; without it, Hypothesis prints
    the fields of an `attrs` value one by one, digits included.
    """
    printer.text(repr(value))


def fields_repr(value: object) -> str:
    """Return the `repr` `attrs` writes for the `attrs` instance `value`: `Name(field=value, ...)`.

    The value classes take it as their `__repr__` (declared with
    `repr=False`) instead of a method `attrs` would compile for each of
    them when the library is imported: those methods were a sixth of the
    import's own time, for a method no rule calls. Every field is shown in
    order, by its `repr` or by the function given as its `repr`, but for a
    field declared with `repr=False`.

    Examples:
        >>> @attrs.frozen(repr=False)
        ... class Pair:
        ...     left: int
        ...     right: str = attrs.field(repr=False)
        ...     __repr__ = fields_repr
        >>> Pair(1, "hidden")
        Pair(left=1)
    """
    cls = type(value)
    shown = ", ".join(
        f"{field.name}={(field.repr if callable(field.repr) else repr)(getattr(value, field.name))}"
        for field in attrs.fields(cls)  # type: ignore[arg-type]
        if field.repr
    )
    # As attrs names the class: without the functions it was defined in, if any.
    return f"{cls.__qualname__.rpartition('>.')[2]}({shown})"


def field_name(name: str) -> str:
    """Return `name` as an error may quote it: any run of 9 or more digits masked."""
    return _mask_number_like(mask_digits(name))


def trusted(cls: type[T]) -> Callable[..., T]:
    """Return a builder of the frozen `attrs` class `cls` that runs no check.

    For the values a rule makes from values already checked (a fee from
    the policy's figures, a milestone from the calendar's instants): each
    check would pass, and making thousands of answers is the rule's whole
    cost. The builder takes every field, in the order `cls` declares them,
    and sets them as they are: no converter, validator or
    `__attrs_post_init__` runs. Anything built from a caller's values goes
    through `cls` itself.

    Args:
        cls: A slotted `attrs` class.

    Returns:
        A function of the fields' values, in order and by position only,
        returning the instance.

    Examples:
        >>> @attrs.frozen
        ... class Pair:
        ...     left: int = attrs.field(validator=attrs.validators.gt(0))
        ...     right: int
        >>> make = trusted(Pair)
        >>> make(1, 2) == Pair(1, 2)
        True
    """
    fields = attrs.fields(cls)  # type: ignore[arg-type]
    # One line a field, as attrs writes its own __init__: a loop over the
    # fields would cost twice as much as the assignments it makes.
    scope: dict[str, Any] = {"new": object.__new__, "cls": cls}
    values = ", ".join(f"v{index}" for index in range(len(fields)))
    lines = [f"def build({values}, /):", "    made = new(cls)"]
    for index, field in enumerate(fields):
        scope[f"set{index}"] = getattr(cls, field.name).__set__
        lines.append(f"    set{index}(made, v{index})")
    lines.append("    return made")
    exec(compile("\n".join(lines), f"<trusted {cls.__qualname__}>", "exec"), scope)  # noqa: S102 (the source names no value of the caller)
    build: Callable[..., T] = scope["build"]
    return build
