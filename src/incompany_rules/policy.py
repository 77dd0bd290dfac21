"""The figures of the rules that a caller may change: the `Policy`.

Every figure that the [rules catalogue](../rules.md) marks *policy* lives
here, with the seed document's values as
[`DEFAULT_POLICY`][incompany_rules.policy.DEFAULT_POLICY].
A session carries the policy in force when it was requested, so a later change
of fees never reprices an older session.

Examples:
    >>> DEFAULT_POLICY.min_participants, DEFAULT_POLICY.late_cancellation_fee
    (6, Decimal('375'))
    >>> DEFAULT_POLICY.evolve(shortfall_fee_per_person="160").shortfall_fee_per_person
    Decimal('160')

    A policy round-trips through a plain dict of JSON-friendly values (money as
    strings, dates in ISO 8601), for configuration files and databases:

    >>> Policy.from_dict(DEFAULT_POLICY.to_dict()) == DEFAULT_POLICY
    True
    >>> DEFAULT_POLICY.to_dict()["late_cancellation_fee"]
    '375'

    Bad figures are refused with the field named:

    >>> Policy(reminder_days_before=-1)
    Traceback (most recent call last):
      ...
    incompany_rules.errors.InvalidPolicyError: Invalid Policy.reminder_days_before: expected a whole number from 0 to 365, got -1
    >>> Policy(late_cancellation_fee=375.0)
    Traceback (most recent call last):
      ...
    incompany_rules.errors.InvalidTypeError: Invalid Policy.late_cancellation_fee: expected a Decimal amount in euros (or an int or a numeric string), got float 375.0

    The figures lie within a supported range: day counts from 0 to 365
    ([`MAX_DAYS`][incompany_rules.policy.MAX_DAYS]; hours up to 365 x 24), at
    most 10,000 participants, amounts from 0 to 100,000 euros with at most
    cents, and `participant_email_from` in the years 1900 to 2999.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import functools
from collections.abc import Callable, Mapping
from decimal import Decimal

import attrs
import pendulum

from incompany_rules import validation
from incompany_rules.errors import InvalidPolicyError, InvalidTypeError
from incompany_rules.validation import fields_repr, shown, type_name

__all__ = ["DEFAULT_POLICY", "MAX_DAYS", "Policy", "ShortfallBasis", "money"]


class ShortfallBasis(enum.Enum):
    """What the shortfall fee (R17) counts: who attended, or who was registered."""

    ATTENDED = "attended"
    REGISTERED = "registered"


def money(value: object, *, field: str) -> Decimal:
    """Return `value` as an amount of euros from 0 to 100,000, with at most cents.

    `Decimal`, `int` and numeric strings are accepted; a `float` is
    refused, since binary floats cannot hold cents exactly.

    Examples:
        >>> money("375.00", field="fee")
        Decimal('375.00')
        >>> money(-1, field="fee")
        Traceback (most recent call last):
          ...
        incompany_rules.errors.InvalidPolicyError: Invalid fee: expected an amount >= 0, got -1
    """
    return validation.money(value, field=field, error=InvalidPolicyError)


MAX_DAYS = 365
"""The largest number of days (or, for ``link_delay_hours``, of hours) a policy may count."""


def _days(
    minimum: int, maximum: int = MAX_DAYS
) -> Callable[[object, attrs.Attribute[int], int], None]:
    """Return a validator of whole numbers from `minimum` to `maximum` (made once, run at each check)."""
    return functools.partial(
        _whole_number, minimum, maximum
    )  # pragma: no mutate (called at import only)


def _whole_number(
    minimum: int, maximum: int, _instance: object, attribute: attrs.Attribute[int], value: object
) -> None:
    validation.whole_number(
        value,
        field=f"Policy.{attribute.name}",
        minimum=minimum,
        maximum=maximum,
        error=InvalidPolicyError,
    )


def _policy_money(value: object, field: attrs.Attribute[Decimal]) -> Decimal:
    return money(value, field=f"Policy.{field.name}")


_MONEY = attrs.Converter(_policy_money, takes_field=True)


def _timezone(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidTypeError(
            "Policy.timezone",
            f"expected an IANA timezone name such as 'Europe/Brussels', got {type_name(value)}",
        )
    # pendulum raises several kinds for an unknown name; the refusal is raised
    # below, outside the handler, so that no chained exception quotes the value.
    with contextlib.suppress(Exception):
        pendulum.timezone(value)
        return value
    raise InvalidPolicyError(
        "Policy.timezone", f"expected an IANA timezone name, got {shown(value)}"
    )


def _effective_date(value: object) -> dt.date:
    field = "Policy.participant_email_from"
    if isinstance(value, str):
        with contextlib.suppress(ValueError):  # refused below: nothing chained quotes it
            value = dt.date.fromisoformat(value)
        if isinstance(value, str):
            raise InvalidPolicyError(
                field, f"expected an ISO 8601 date (YYYY-MM-DD), got {shown(value)}"
            )
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidTypeError(field, f"expected a date, got {type_name(value)}")
    if not 1900 <= value.year <= 2999:
        raise InvalidPolicyError(
            field, f"expected a date in the years 1900 to 2999, got {value.isoformat()}"
        )
    return dt.date(value.year, value.month, value.day)


def _basis(value: object) -> ShortfallBasis:
    try:
        return ShortfallBasis(value)
    except (ValueError, TypeError):
        pass  # raised below, outside this block: no chained exception quotes the value
    choices = ", ".join(repr(b.value) for b in ShortfallBasis)
    raise InvalidPolicyError(
        "Policy.shortfall_basis", f"expected one of {choices}, got {shown(value)}"
    )


@attrs.frozen(kw_only=True, repr=False)
class Policy:
    """Every figure that the [rules catalogue](../rules.md) marks *policy*.

    Days are calendar days on the local clock of `timezone` (T2); amounts
    are `Decimal` euros.
    """

    __repr__ = fields_repr

    timezone: str = attrs.field(default="Europe/Brussels", converter=_timezone)
    """IANA name of the clock that calendar days are counted on (T2)."""
    min_participants: int = attrs.field(default=6, validator=_days(1, validation.MAX_COUNT))
    """Fewest participants for a request (R1) and below which the shortfall fee applies (R17)."""
    reminder_days_before: int = attrs.field(default=21, validator=_days(0))
    """The reminder to register participants goes out on D-n (R6, R7)."""
    definitive_confirmation_days_before: int = attrs.field(default=15, validator=_days(0))
    """Definitive confirmation on D-n (R10)."""
    free_cancellation_days_before: int = attrs.field(default=15, validator=_days(0))
    """Cancelling is free until the end of D-n (R15)."""
    link_delay_hours: int = attrs.field(default=24, validator=_days(0, MAX_DAYS * 24))
    """Elapsed hours from the definitive confirmation to the platform link (R11)."""
    registration_days_before: int = attrs.field(default=3, validator=_days(0))
    """Participants may be registered until the end of D-n (R8, R16)."""
    evaluation_days_after: int = attrs.field(default=1, validator=_days(0))
    """The evaluation form goes out n days after the class (R14)."""
    participant_email_from: dt.date = attrs.field(
        default=dt.date(2021, 3, 1), converter=_effective_date
    )
    """Links generated on or after this date also e-mail each participant (R12)."""
    late_cancellation_fee: Decimal = attrs.field(default=Decimal(375), converter=_MONEY)  # type: ignore[misc]
    """Fee for cancelling within the free-cancellation window's end (R15)."""
    missing_list_fee: Decimal = attrs.field(default=Decimal(375), converter=_MONEY)  # type: ignore[misc]
    """Fee when no participant is registered when registration closes (R16)."""
    shortfall_fee_per_person: Decimal = attrs.field(default=Decimal(150), converter=_MONEY)  # type: ignore[misc]
    """Fee per person missing below ``min_participants`` after the class (R17)."""
    shortfall_basis: ShortfallBasis = attrs.field(default=ShortfallBasis.ATTENDED, converter=_basis)
    """Whether the shortfall counts attendance (the reading taken) or registrations."""
    invoicing_days_after: int | None = attrs.field(
        default=None, validator=attrs.validators.optional(_days(0))
    )
    """Days after a fee arises within which it is invoiced; ``None``: no deadline (R15)."""
    _tz: pendulum.Timezone = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_tz", pendulum.timezone(self.timezone))

    @property
    def tz(self) -> pendulum.Timezone:
        """The `pendulum` timezone object for [`timezone`][incompany_rules.policy.Policy.timezone]."""
        return self._tz

    def evolve(self, **changes: object) -> Policy:
        """Return a copy with `changes` applied and validated."""
        return Policy.from_dict({**self.to_dict(), **changes})

    def to_dict(self) -> dict[str, str | int]:
        """Return the policy as a dict of `str` and `int` (JSON-friendly)."""
        result: dict[str, str | int] = {}
        for field in (f for f in attrs.fields(Policy) if f.init):
            value = getattr(self, field.name)
            if isinstance(value, int):
                result[field.name] = value
            elif isinstance(value, ShortfallBasis):
                result[field.name] = value.value
            elif isinstance(value, dt.date):
                result[field.name] = value.isoformat()
            elif value is not None:  # an optional figure not set: from_dict gives its default back
                result[field.name] = str(value)
        return result

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Policy:
        """Build a policy from a mapping such as [`to_dict`][incompany_rules.policy.Policy.to_dict] returns.

        Missing keys take their default; unknown keys are refused, so that a
        typo in a configuration file does not silently keep a default.

        Examples:
            >>> Policy.from_dict({"min_participants": 8}).min_participants
            8
            >>> Policy.from_dict({"min_participant": 8})
            Traceback (most recent call last):
              ...
            incompany_rules.errors.InvalidPolicyError: Invalid Policy: unknown key 'min_participant'
        """
        if not isinstance(data, Mapping):
            raise InvalidTypeError("Policy", f"expected a mapping, got {type_name(data)}")
        known = {f.name for f in attrs.fields(Policy) if f.init}
        for key in data:
            if key not in known:
                raise InvalidPolicyError("Policy", f"unknown key {shown(key)}")
        return cls(**data)  # type: ignore[arg-type]


DEFAULT_POLICY = Policy()
"""The figures of the seed document: 6 participants, D-21, D-15, 24 h, D-3, 375 EUR, 150 EUR."""
