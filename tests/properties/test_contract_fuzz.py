"""Contract fuzz: junk fed to every public name raises only the library's own errors.

As docs/privacy-and-range.md ("Every refusal is the library's own error")
says: an exception means the caller broke the contract (bad input, naive
datetime, impossible transition), and every exception the library raises
subclasses ``IncompanyRulesError`` and the matching builtin (``ValueError``
or ``TypeError``). The public names are read from ``__all__``, and the
public methods from the values the library builds, so a function or method
added to the package is fuzzed without a line here.

Valid values are mixed with hostile ones: wrong types, ``None``, bools,
floats, NaN, huge ints, unicode, naive and fixed-offset datetimes, years 1
and 9999, ``datetime.max``, ``fold=1``, a tzinfo without a name, signalling
NaN and huge decimals. Exceptions raised by the hostile objects themselves
(:class:`HostileError`) are theirs, not the library's, and are let through.

Size: ``CONTRACT_FUZZ_EXAMPLES`` sets the examples per test (default: the
Hypothesis profile's). For a long run that counts, rather than stops at, any
other exception, set ``CONTRACT_FUZZ_TALLY`` to a file path; the calls made
and the other exceptions by type are written there as JSON::

    CONTRACT_FUZZ_EXAMPLES=2000 CONTRACT_FUZZ_TALLY=/tmp/tally.json \
        .venv/bin/pytest tests/properties/test_contract_fuzz.py --no-cov -q
"""

from __future__ import annotations

import collections
import datetime as dt
import enum
import inspect
import json
import os
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import incompany_rules
from incompany_rules import (
    Decision,
    IncompanyRulesError,
    Invoice,
    NationalNumber,
    Policy,
    Reason,
    ReasonCode,
    Schedule,
    Session,
    cancellation_fee_schedule,
    deadlines,
    fees_due,
    milestones,
    next_actions,
    schedule,
)
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
    from collections.abc import Callable, Iterator

EXAMPLES = os.environ.get("CONTRACT_FUZZ_EXAMPLES")
TALLY = os.environ.get("CONTRACT_FUZZ_TALLY")
SIZE = (
    settings(max_examples=int(EXAMPLES), suppress_health_check=list(HealthCheck))
    if EXAMPLES
    else settings()
)
COUNTS: collections.Counter[str] = collections.Counter()


class HostileError(Exception):
    """Raised by :class:`Hostile` itself: its own failure, not the library's."""


class Hostile:
    """An object that fails at every question asked of it."""

    def _fail(self, *_args: object, **_kwargs: object) -> object:
        raise HostileError

    __eq__ = __lt__ = __hash__ = __iter__ = __len__ = __index__ = __int__ = _fail  # type: ignore[assignment]
    __bool__ = __str__ = __repr__ = __format__ = __getitem__ = __contains__ = _fail  # type: ignore[assignment]
    __fspath__ = __float__ = _fail


class NoName(dt.tzinfo):
    """A tzinfo that gives its offset (+01:00) but no name (``tzname`` raises)."""

    def utcoffset(self, _moment: dt.datetime | None) -> dt.timedelta:
        return dt.timedelta(hours=1)

    def dst(self, _moment: dt.datetime | None) -> dt.timedelta:
        return dt.timedelta(0)

    tzname = None  # type: ignore[assignment]  # no name: tzinfo's own raises NotImplementedError


class NoOffset(dt.tzinfo):
    """A tzinfo whose offset is out of range (datetime itself refuses it)."""

    def utcoffset(self, _moment: dt.datetime | None) -> dt.timedelta:
        return dt.timedelta(hours=30)

    def dst(self, _moment: dt.datetime | None) -> dt.timedelta:
        return dt.timedelta(0)

    def tzname(self, _moment: dt.datetime | None) -> str:
        return "+30"


FIXED = st.integers(-(24 * 60 - 1), 24 * 60 - 1).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
)
EDGE_DATETIMES = st.sampled_from(
    [
        dt.datetime.max,  # noqa: DTZ901 (naive on purpose)
        dt.datetime.min,  # noqa: DTZ901
        dt.datetime.max.replace(tzinfo=dt.UTC),
        dt.datetime.min.replace(tzinfo=dt.UTC),
        dt.datetime(1, 1, 10, tzinfo=dt.UTC),
        dt.datetime(9999, 12, 31, tzinfo=dt.UTC),
        dt.datetime(1899, 12, 31, 23, 59, tzinfo=dt.UTC),
        dt.datetime(3000, 1, 1, tzinfo=dt.UTC),
        dt.datetime(2026, 10, 25, 2, 30, fold=1),
        dt.datetime(2026, 4, 1, 9, tzinfo=NoName()),
    ]
)
HOSTILE_DATETIMES = st.one_of(
    EDGE_DATETIMES,
    st.builds(lambda: dt.datetime(2026, 4, 1, 9, tzinfo=NoOffset())),  # unhashable: not sampled
    st.datetimes(timezones=FIXED),
    st.datetimes(timezones=st.timezones(), allow_imaginary=False).map(lambda d: d.replace(fold=1)),
    st.datetimes(dt.datetime(1899, 12, 30), dt.datetime(1900, 1, 2), timezones=FIXED),
    st.datetimes(dt.datetime(2999, 12, 30), dt.datetime(3000, 1, 2), timezones=FIXED),
    st.datetimes(dt.datetime(2020, 1, 1), dt.datetime(2030, 1, 1), timezones=st.timezones()),
)
HOSTILE_NUMBERS = st.sampled_from(
    [
        Decimal("sNaN"),
        Decimal("-sNaN"),
        Decimal("9E+999999"),
        Decimal("-9E+999999"),
        Decimal("1E-999999"),
        Decimal("Infinity"),
        Decimal("-0"),
        "sNaN",
        "9E+999999",
        "1E-1000000000",
        float("-inf"),
        10**20,
        -(10**20),
        10**400,
        2**63,
    ]
)

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
    st.text(st.characters(codec="utf-8"), max_size=12),
    st.builds(Hostile),
    HOSTILE_DATETIMES,
    HOSTILE_NUMBERS,
    st.dictionaries(st.text(max_size=8), HOSTILE_NUMBERS | HOSTILE_DATETIMES, max_size=3),
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
    COUNTS["calls"] += 1
    try:
        function(*args, **kwargs)
    except IncompanyRulesError as error:
        return error
    except HostileError:
        return None
    except Exception as error:
        if not TALLY:
            raise
        name = getattr(function, "__qualname__", type(function).__name__)
        COUNTS[f"other {type(error).__name__} from {name}: {str(error)[:120]}"] += 1
    return None


def only_our_errors(function: Callable[..., object], *args: object, **kwargs: object) -> None:
    """The only exceptions allowed are the library's, each with a builtin base and its field."""
    error = raised_by(function, *args, **kwargs)
    if error is not None:
        assert isinstance(error, (ValueError, TypeError))
        assert str(error).startswith(f"Invalid {error.field}")


@pytest.fixture(scope="module", autouse=True)
def tally() -> Iterator[None]:
    """Write the calls made and the other exceptions counted, when asked to."""
    yield
    if TALLY:
        Path(TALLY).write_text(json.dumps(dict(COUNTS), indent=2, sort_keys=True))


class TestEveryPublicName:
    @pytest.mark.parametrize("name", sorted(PUBLIC))
    def test_junk_raises_only_incompany_rules_errors(self, name: str) -> None:
        function = PUBLIC[name]

        @SIZE
        @given(calls(function))
        def fuzz(drawn: tuple[list[object], dict[str, object]]) -> None:
            args, kwargs = drawn
            only_our_errors(function, *args, **kwargs)

        fuzz()


def products(session: Session, now: dt.datetime) -> list[object]:
    """The values the library builds from ``session``: each has methods to fuzz."""
    built: list[object] = [session, session.policy, *session.participants, *session.proposed_slots]
    built += [p.national_number for p in session.participants]
    for make in (
        lambda: schedule(session),
        lambda: deadlines(session),
        lambda: fees_due(session, now),
        lambda: cancellation_fee_schedule(session),
        lambda: next_actions(session, now),
        lambda: milestones(session),
    ):
        try:
            made = make()
        except IncompanyRulesError:
            continue
        built += list(made) if type(made) is tuple else [made]
        built += [line for item in built if isinstance(item, Invoice) for line in item.lines]
    built += [
        Decision.refuse(Reason(ReasonCode.REGISTRATION_CLOSED, "R8")),
        Decision.allow(),
        NationalNumber("85073003328"),
    ]
    return [value for value in built if ours(type(value))]


def ours(thing: object) -> bool:
    """Whether ``thing`` is defined by the library (not by pendulum, tuple, ...)."""
    return str(getattr(thing, "__module__", "")).startswith("incompany_rules")


def public_methods(value: object) -> list[str]:
    """The library's own public methods of ``value`` (a NamedTuple's ``index`` is tuple's).

    Under mutation testing each class also holds mutmut's copies of its
    methods, whose names hold ``__mutmut``: they are not the library's API.
    """
    return sorted(
        name
        for name in dir(type(value))
        if not name.startswith("_")
        and "__mutmut" not in name
        and callable(getattr(value, name, None))
        and ours(getattr(type(value), name))
    )


class TestEveryPublicMethod:
    @SIZE
    @given(sessions(), st.data())
    def test_junk_given_to_any_method_raises_only_incompany_rules_errors(
        self, session: Session, data: st.DataObject
    ) -> None:
        now = data.draw(instants_near(session))
        value = data.draw(st.sampled_from(products(session, now)))
        names = public_methods(value)
        if not names:
            return
        method = getattr(value, data.draw(st.sampled_from(names)))
        try:
            signature_known = inspect.signature(method) is not None
        except (TypeError, ValueError):  # a builtin without a signature (tuple.count, ...)
            signature_known = False
        if signature_known:
            args, kwargs = data.draw(calls(method))
            only_our_errors(method, *args, **kwargs)


class TestMethods:
    @SIZE
    @given(st.dictionaries(st.sampled_from(list(Policy().to_dict())) | st.text(), ANYTHING))
    def test_policy_from_dict_and_evolve_take_junk_figures(self, data: dict[str, object]) -> None:
        only_our_errors(Policy.from_dict, data)
        only_our_errors(Policy().evolve, **data)

    @SIZE
    @given(JUNK)
    def test_policy_from_dict_refuses_what_is_not_a_mapping(self, data: object) -> None:
        only_our_errors(Policy.from_dict, data)

    @SIZE
    @given(
        sessions(),
        st.dictionaries(
            st.sampled_from(list(inspect.signature(Session).parameters)) | st.text(max_size=12),
            ANYTHING,
        ),
    )
    def test_session_evolve_takes_junk_fields(
        self, session: Session, changes: dict[str, object]
    ) -> None:
        only_our_errors(session.evolve, **changes)

    @SIZE
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
