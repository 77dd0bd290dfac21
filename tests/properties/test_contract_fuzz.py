"""Contract fuzz: junk fed to every public name raises only the library's own errors.

API.md: "An exception means the caller broke the contract (bad input, naive
datetime, impossible transition). Every exception the library raises
subclasses ``IncompanyRulesError`` and the matching builtin (``ValueError``
or ``TypeError``)." The public names are read from ``__all__``, so a
function added to the package is fuzzed without a line here.
"""

from __future__ import annotations

import enum
import inspect
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

import incompany_rules
from incompany_rules import IncompanyRulesError, Policy, Schedule, Session, schedule
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

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable

# Malformed national numbers: the printed forms with a wrong length, a wrong
# check, letters, or a month that is no month.
MALFORMED_NUMBERS = st.one_of(
    st.text("0123456789 .-", max_size=16),
    st.from_regex(r"\A[0-9]{2}\.[0-9]{2}\.[0-9]{2}-[0-9]{3}\.[0-9]{2}\Z"),
    st.integers(0, 10**11),
    national_numbers().map(lambda n: n.reveal()[:10] + str((int(n.reveal()[10]) + 1) % 10)),
    national_numbers().map(lambda n: n.reveal()[:2] + "99" + n.reveal()[4:]),
    st.text(max_size=12),
)
MALFORMED_EMAILS = st.one_of(
    st.text("ab.@ \t\n-", max_size=12),
    emails().map(lambda e: e.replace("@", "")),
    emails().map(lambda e: e.replace(".", "")),
    emails().map(lambda e: " " + e.replace("@", " @ ")),
    st.just("a" * 250 + "@example.be"),
)
JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.decimals(),
    st.text(max_size=20),
    st.binary(max_size=8),
    st.datetimes(),  # naive
    st.dates(),
    st.times(),
    st.timedeltas(),
    st.datetimes(timezones=st.timezones()),
    MALFORMED_NUMBERS,
    MALFORMED_EMAILS,
    st.lists(st.integers(), max_size=3),
    st.lists(st.text(max_size=3), max_size=3),
    st.dictionaries(st.text(max_size=8), st.integers(), max_size=3),
    st.sampled_from([object(), float("nan"), float("inf"), Decimal("NaN"), -1, 10**30, ""]),
)
# Right values in the wrong places (a participant where a session goes, ...).
GOOD = st.one_of(
    sessions(),
    participants(),
    national_numbers(),
    policies(),
    slots(),
    companies(),
    hr_accounts(),
    trainings(),
    emails(),
    st.sampled_from(["fr", "nl", "en"]),
    st.sampled_from(list(Stage)),
)
ANYTHING = JUNK | GOOD


def public_callables() -> dict[str, Callable[..., object]]:
    """Every function and value class of the facade (not its enums and errors)."""
    found: dict[str, Callable[..., object]] = {}
    for name in incompany_rules.__all__:
        obj = getattr(incompany_rules, name)
        if not callable(obj):
            continue
        if isinstance(obj, type) and issubclass(obj, (BaseException, enum.Enum)):
            continue
        found[name] = obj
    return found


PUBLIC = public_callables()


@st.composite
def calls(
    draw: st.DrawFn, function: Callable[..., object]
) -> tuple[list[object], dict[str, object]]:
    """Arguments for ``function`` drawn from ``ANYTHING``, optional ones sometimes left out."""
    args: list[object] = []
    kwargs: dict[str, object] = {}
    for parameter in inspect.signature(function).parameters.values():
        optional = parameter.default is not inspect.Parameter.empty
        if parameter.kind is parameter.VAR_POSITIONAL:
            args.extend(draw(st.lists(ANYTHING, max_size=2)))
        elif parameter.kind is parameter.VAR_KEYWORD:
            kwargs.update(draw(st.dictionaries(st.text(max_size=8), ANYTHING, max_size=2)))
        elif optional and draw(st.booleans()):
            continue
        elif parameter.kind is parameter.KEYWORD_ONLY:
            kwargs[parameter.name] = draw(ANYTHING)
        else:
            args.append(draw(ANYTHING))
    return args, kwargs


def raised_by(
    function: Callable[..., object], *args: object, **kwargs: object
) -> IncompanyRulesError | None:
    """Call ``function``; return the library's error it raised, let any other through."""
    try:
        function(*args, **kwargs)
    except IncompanyRulesError as error:
        return error
    return None


def only_our_errors(function: Callable[..., object], *args: object, **kwargs: object) -> None:
    """The only exceptions allowed are the library's, each with a builtin base and its field."""
    error = raised_by(function, *args, **kwargs)
    if error is not None:
        assert isinstance(error, (ValueError, TypeError))
        assert str(error).startswith(f"Invalid {error.field}")


class TestEveryPublicName:
    @pytest.mark.parametrize("name", sorted(PUBLIC))
    def test_junk_raises_only_incompany_rules_errors(self, name: str) -> None:
        function = PUBLIC[name]

        @given(calls(function))
        def fuzz(drawn: tuple[list[object], dict[str, object]]) -> None:
            args, kwargs = drawn
            only_our_errors(function, *args, **kwargs)

        fuzz()


class TestMethods:
    @given(st.dictionaries(st.sampled_from(list(Policy().to_dict())) | st.text(), ANYTHING))
    def test_policy_from_dict_and_evolve_take_junk_figures(self, data: dict[str, object]) -> None:
        only_our_errors(Policy.from_dict, data)
        only_our_errors(Policy().evolve, **data)

    @given(JUNK)
    def test_policy_from_dict_refuses_what_is_not_a_mapping(self, data: object) -> None:
        only_our_errors(Policy.from_dict, data)

    @given(
        sessions(),
        st.dictionaries(st.sampled_from(list(inspect.signature(Session).parameters)), ANYTHING),
    )
    def test_session_evolve_takes_junk_fields(
        self, session: Session, changes: dict[str, object]
    ) -> None:
        only_our_errors(session.evolve, **changes)

    @given(sessions(stage=Stage.REGISTRATION_OPEN), ANYTHING)
    def test_schedule_questions_take_junk_instants(self, session: Session, when: object) -> None:
        plan: Schedule = schedule(session)
        only_our_errors(plan.registration_is_open, when)
        only_our_errors(plan.cancellation_is_free, when)

    @given(sessions(stage=Stage.HELD).flatmap(lambda s: st.tuples(st.just(s), instants_near(s))))
    def test_aware_instants_of_any_clock_are_never_refused(
        self, drawn: tuple[Session, dt.datetime]
    ) -> None:
        session, when = drawn
        plan = schedule(session)
        assert plan.registration_is_open(when) in {True, False}
