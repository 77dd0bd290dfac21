"""A strategy for policies: the figures of the rules that a caller may change."""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from incompany_rules.errors import IncompanyRulesError
from incompany_rules.policy import DEFAULT_POLICY, Policy, ShortfallBasis
from incompany_rules.strategies._checks import _strategy

__all__ = ["policies"]


# Strategies are built once and kept: building one costs more than drawing from it.


@functools.cache
def _figure(default: int, low: int, high: int) -> st.SearchStrategy[int]:
    """Draw whole numbers in `[low, high]`, shrinking towards `default` when allowed."""
    numbers = st.integers(low, high)
    return st.just(default) | numbers if low <= default <= high else numbers


def _euros(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


_CENTS = st.integers(0, 100_000).map(_euros)


@functools.cache
def _amounts(default: Decimal) -> st.SearchStrategy[Decimal]:
    return st.just(default) | _CENTS


_EMAIL_FROM = st.just(DEFAULT_POLICY.participant_email_from) | st.dates(
    dt.date(2015, 1, 1), dt.date(2035, 12, 31)
)
_BASES = st.sampled_from(ShortfallBasis)


@st.composite
def _policies(draw: st.DrawFn, timezones: st.SearchStrategy[str]) -> Policy:
    d = DEFAULT_POLICY
    registration = draw(_figure(d.registration_days_before, 1, 7))
    definitive = draw(_figure(d.definitive_confirmation_days_before, registration + 1, 28))
    reminder = draw(_figure(d.reminder_days_before, definitive, 42))
    zone = draw(timezones)
    try:
        return Policy(
            timezone=zone,
            min_participants=draw(_figure(d.min_participants, 1, 12)),
            reminder_days_before=reminder,
            definitive_confirmation_days_before=definitive,
            free_cancellation_days_before=draw(_figure(d.free_cancellation_days_before, 1, 28)),
            link_delay_hours=draw(_figure(d.link_delay_hours, 0, 72)),
            registration_days_before=registration,
            evaluation_days_after=draw(_figure(d.evaluation_days_after, 1, 7)),
            participant_email_from=draw(_EMAIL_FROM),
            late_cancellation_fee=draw(_amounts(d.late_cancellation_fee)),
            missing_list_fee=draw(_amounts(d.missing_list_fee)),
            shortfall_fee_per_person=draw(_amounts(d.shortfall_fee_per_person)),
            shortfall_basis=draw(_BASES),
        )
    except IncompanyRulesError as error:
        raise InvalidArgument(f"timezone drew {zone!r}, which Policy refuses") from error


def policies(*, timezone: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Policy]:
    """Return a strategy for valid policies, the figures of the rules that may change.

    Figures vary within sensible bounds that keep the process in its order:
    6 participants becomes 1 to 12; registration closes at the end of D-1
    to D-7; the definitive confirmation comes after that, up to D-28; the
    reminder on or before the definitive confirmation, up to D-42; free
    cancellation until D-1 to D-28; the link 0 to 72 hours after the
    confirmation; the evaluation 1 to 7 days after the class; fees from
    0.00 to 1000.00 EUR in cents; either shortfall basis. `timezone` draws
    the IANA name of the policy's clock (default: `'Europe/Brussels'`
    only); it should have a midnight on every day, as the calendar assumes.

    Shrinks towards [`DEFAULT_POLICY`][incompany_rules.policy.DEFAULT_POLICY].
    """
    timezones = st.just(DEFAULT_POLICY.timezone) if timezone is None else timezone
    _strategy(timezones, "timezone")
    return _policies(timezones)
