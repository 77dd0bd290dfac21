"""Hypothesis strategies for the values of the Incompany process.

An optional extra (`pip install "incompany-rules[strategies]"`): the only
module of the library that imports Hypothesis, and one that the package
itself never imports. Installing the extra also registers these strategies
with Hypothesis through its `hypothesis` entry point, so that
`st.from_type(Session)` and `st.builds(...)` over functions annotated
with our types work with no set-up.

The strategies follow Hypothesis's own API style:

- plural nouns, every argument keyword-only;
- an argument that fills a field of the value drawn (`company`,
  `policy`, `national_number`, ...) is itself a strategy, as in
  `st.builds`; wrap a fixed value in `st.just`;
- an argument that constrains the values (`min_start`, `born_from`,
  `kinds`, `stage`, `tz`) is a plain value;
- a boolean flag left to `None` means "either";
- impossible arguments raise `hypothesis.errors.InvalidArgument`
  when the strategy is made, or, for what only a drawn value reveals (an
  invalid domain drawn from a user's `domain` strategy), when it is drawn.

Every value drawn is valid: it went through the library's own constructors.
Each docstring says what the strategy shrinks towards, so that a failing
example reads as a small, familiar case.

Examples:
    A property of every address drawn, run as a test would run it:

    >>> from hypothesis import given
    >>> from incompany_rules.participants import email_address
    >>> @given(emails())
    ... def test_addresses_are_in_normal_form(address):
    ...     assert email_address(address) == address
    >>> test_addresses_are_in_normal_form()

    In a test suite:

    ```python
    @given(sessions(stage=Stage.REGISTRATION_OPEN).flatmap(
        lambda s: st.tuples(st.just(s), instants_near(s))))
    def test_registration_never_raises(drawn):
        session, now = drawn
        ...
    ```
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import zoneinfo
from collections.abc import Collection
from decimal import Decimal
from typing import Literal, TypeVar

import attrs
import pendulum
from hypothesis import assume
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from incompany_rules.errors import IncompanyRulesError
from incompany_rules.milestones import Schedule, milestones, schedule
from incompany_rules.participants import NationalNumber, NumberKind, Participant, email_address
from incompany_rules.policy import DEFAULT_POLICY, Policy, ShortfallBasis
from incompany_rules.session import Company, HrAccount, Session, Slot, Training

__all__ = [
    "Stage",
    "StageName",
    "companies",
    "emails",
    "hr_accounts",
    "instants_near",
    "national_numbers",
    "participants",
    "policies",
    "sessions",
    "slots",
    "trainings",
]

T = TypeVar("T")

_SECOND = dt.timedelta(seconds=1)
_DAY_SECONDS = 86_400


# --------------------------------------------------------------------------
# Argument checks


def _strategy(value: object, name: str) -> None:
    if not isinstance(value, st.SearchStrategy):
        raise InvalidArgument(
            f"{name}={value!r} must be a Hypothesis strategy (wrap a fixed value in st.just)"
        )


def _flag(value: object, name: str) -> st.SearchStrategy[bool]:
    if value is None:
        return st.booleans()
    if not isinstance(value, bool):
        raise InvalidArgument(f"{name}={value!r} must be True, False or None (either)")
    return st.just(value)


def _aware(value: object, name: str) -> pendulum.DateTime | None:
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        raise InvalidArgument(f"{name}={value!r} must be an aware datetime or None")
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidArgument(f"{name}={value!r} must be timezone-aware (rule T1)")
    return pendulum.instance(value)


def _zone(value: object, name: str) -> pendulum.Timezone:
    if not isinstance(value, str):
        raise InvalidArgument(f"{name}={value!r} must be an IANA timezone name")
    try:
        return pendulum.timezone(value)
    except Exception:  # noqa: BLE001 (pendulum raises several kinds for an unknown name)
        raise InvalidArgument(f"{name}={value!r} is not an IANA timezone name") from None


# --------------------------------------------------------------------------
# National numbers, e-mail addresses, participants

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
        >>> from hypothesis import find
        >>> find(national_numbers(), lambda n: True).formatted()
        '00.01.01-001.73'
        >>> born_2000s = national_numbers(born_from=dt.date(2000, 1, 1))
        >>> find(born_2000s, lambda n: n.kind is NumberKind.BIS).formatted()
        '00.21.01-001.48'
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
    label = st.sampled_from(_LABELS) | st.text(_ALNUM.lower() + "-", min_size=1, max_size=12)
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
    part = st.sampled_from(_NAME_PARTS) | st.text(_ALNUM + "_+-", min_size=1, max_size=16)
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


# --------------------------------------------------------------------------
# Companies, accounts, trainings

_COMPANY_NAMES = ("Acme", "Brasserie du Parc", "Vlaamse Logistiek", "Digital Wallonia", "Zénith")
_LEGAL_FORMS = ("SA", "SRL", "NV", "BV", "ASBL", "VZW")


def _enterprise_number(first_eight: int) -> str:
    digits = f"{first_eight:08d}{97 - first_eight % 97:02d}"
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


_PLANS_FROM = pendulum.datetime(2018, 1, 1, tz="Europe/Brussels")
_PLANS_UNTIL = pendulum.datetime(2030, 12, 31, 23, 59, 59, tz="Europe/Brussels")


def _plan_submitted(seconds: int) -> pendulum.DateTime:
    return _PLANS_FROM.add(seconds=seconds)


def companies(*, training_plan_submitted: bool | None = None) -> st.SearchStrategy[Company]:
    """Return a strategy for client companies.

    The number is a well-formed Belgian enterprise number (`0ddd.ddd.ddd` or
    `1ddd.ddd.ddd` with its mod-97 check); the name a company name of 1 to 30
    characters and a legal form (SA, SRL, NV, BV, ASBL or VZW).
    `training_plan_submitted` fixes whether the company has submitted its
    training plan (R1; `None`: either); when it has,
    `training_plan_submitted_at` is a whole second from 2018 to 2030 on the
    Brussels clock. [`sessions`][incompany_rules.strategies.sessions] moves it
    before the request.

    Shrinks towards `Company('0200.000.043', 'Acme SA')`, with no training
    plan submitted.
    """
    submitted = _flag(training_plan_submitted, "training_plan_submitted")
    numbers = st.integers(2_000_000, 19_999_999).map(_enterprise_number)
    names = st.builds(
        lambda base, form: f"{base} {form}",
        st.sampled_from(_COMPANY_NAMES)
        | st.text(_ALNUM + " &'-", min_size=1, max_size=30).filter(str.strip),
        st.sampled_from(_LEGAL_FORMS),
    )
    plans = st.integers(0, int((_PLANS_UNTIL - _PLANS_FROM).total_seconds())).map(_plan_submitted)
    return _companies(numbers, names, submitted, plans)


@st.composite
def _companies(
    draw: st.DrawFn,
    numbers: st.SearchStrategy[str],
    names: st.SearchStrategy[str],
    submitted: st.SearchStrategy[bool],
    plans: st.SearchStrategy[pendulum.DateTime],
) -> Company:
    number, name = draw(numbers), draw(names)
    at = draw(plans) if draw(submitted) else None
    return Company(number, name, training_plan_submitted_at=at)


def hr_accounts(
    *,
    company: st.SearchStrategy[Company] | None = None,
    has_hr_function: bool | None = None,
    tos_completed: bool | None = None,
) -> st.SearchStrategy[HrAccount]:
    """Return a strategy for myCefora accounts (R5).

    `company` defaults to [`companies`][incompany_rules.strategies.companies];
    `has_hr_function` and `tos_completed` fix the two conditions of R5 (`None`:
    either). For accounts that may manage participants of a known company:

    ```python
    hr_accounts(company=st.just(session.company), has_hr_function=True, tos_completed=True)
    ```

    Shrinks towards an account without the HR function nor the TOS
    completed, of the smallest company, with login `'ann@example.be'`.
    """
    companies_ = companies() if company is None else company
    _strategy(companies_, "company")
    return st.builds(
        HrAccount,
        emails(),
        companies_,
        _flag(has_hr_function, "has_hr_function"),
        _flag(tos_completed, "tos_completed"),
    )


_TITLES = (
    "Excel: tableaux croisés dynamiques",
    "Communiquer avec assertivité",
    "Timemanagement en prioriteiten",
    "Introduction to Python",
    "Gérer un projet agile",
)


def trainings(*, in_digital_offer: bool | None = None) -> st.SearchStrategy[Training]:
    """Return a strategy for trainings of the fund's offer (R2).

    `in_digital_offer` fixes whether the training belongs to the digital
    offer that Incompany sessions are made of (`None`: either). Codes are
    `DIG`, `ONL` or `WEB` and three digits; titles of 1 to 60
    characters mix accented French and Dutch text.

    Shrinks towards ``Training('DIG-001', 'Excel: tableaux croisés dynamiques',
    in_digital_offer=False)``.
    """
    codes = st.builds(
        lambda prefix, number: f"{prefix}-{number:03d}",
        st.sampled_from(("DIG", "ONL", "WEB")),
        st.integers(1, 999),
    )
    titles = st.sampled_from(_TITLES) | st.text(
        _ALNUM + " éèàçëïôû':-", min_size=1, max_size=60
    ).filter(str.strip)
    return st.builds(
        lambda code, title, digital: Training(code, title, in_digital_offer=digital),
        codes,
        titles,
        _flag(in_digital_offer, "in_digital_offer"),
    )


# --------------------------------------------------------------------------
# Policies


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


# --------------------------------------------------------------------------
# Slots

_CLASS_HOURS = (7 * 60, 20 * 60)  # start between 07:00 and 20:00 unless the bounds say otherwise
_LATEST_START = 23 * 60 + 44  # leaves 15 minutes before midnight
_LATEST_END = 23 * 60 + 59
_SHORTEST, _LONGEST = 15, 8 * 60
_FIRST_DAY = dt.date(2019, 1, 1)
_LAST_DAY = dt.date(2030, 12, 31)


def _minute_of_day(moment: pendulum.DateTime, *, up: bool) -> int:
    minutes = moment.hour * 60 + moment.minute
    if up and (moment.second or moment.microsecond):
        minutes += 1
    return minutes


@functools.lru_cache(maxsize=256)
def _dst_days(zone: str, year: int) -> tuple[dt.date, ...]:
    """Return the local dates in `year` on which `zone` changes its UTC offset."""
    tz = zoneinfo.ZoneInfo(zone)
    found = []
    day = dt.date(year, 1, 1)
    previous = dt.datetime(year - 1, 12, 31, 12, tzinfo=tz).utcoffset()
    while day.year == year:
        offset = dt.datetime(day.year, day.month, day.day, 12, tzinfo=tz).utcoffset()
        if offset != previous:
            found.append(day)
        previous = offset
        day += dt.timedelta(days=1)
    return tuple(found)


def slots(
    *,
    tz: str = "Europe/Brussels",
    min_start: dt.datetime | None = None,
    max_start: dt.datetime | None = None,
) -> st.SearchStrategy[Slot]:
    """Return a strategy for slots: one online class on one local day of `tz` (R3).

    The class starts on a whole minute between `min_start` and
    `max_start` (aware datetimes; default: from 2019-01-01 to 2030-12-31
    on the local clock of `tz`), between 07:00 and 20:00 local unless the
    bounds allow no such time on that day; it lasts 15 minutes to 8 hours
    and ends by 23:59 on the same local day. Start and end are on the local
    clock of `tz`. Days are spread over the year, with many around the
    days `tz` changes its clocks (for Brussels, the last Sundays of March
    and October), so that D-3, D-15 and D-21 fall on both sides of a change.

    Shrinks towards a 15-minute class at 07:00 on the first day allowed.
    """
    zone = _zone(tz, "tz")
    low = _aware(min_start, "min_start")
    high = _aware(max_start, "max_start")
    if low is None:
        low = pendulum.datetime(_FIRST_DAY.year, 1, 1, tz=zone)
        if high is not None:
            low = min(low, high.in_tz(zone).subtract(years=1))
    if high is None:
        high = max(pendulum.datetime(_LAST_DAY.year, 12, 31, 23, 59, tz=zone), low.add(years=1))
    low, high = low.in_tz(zone), high.in_tz(zone)
    if low > high:
        raise InvalidArgument(f"min_start={min_start} must not be after max_start={max_start}")
    first_day, last_day = low.date(), high.date()
    if _minute_of_day(low, up=True) > _LATEST_START:
        first_day += dt.timedelta(days=1)
    if first_day > last_day or (
        first_day == last_day
        and _minute_of_day(low, up=True) > _minute_of_day(high, up=False)
        and low.date() == first_day
    ):
        raise InvalidArgument(
            f"min_start={min_start} and max_start={max_start} leave no whole minute "
            "at which a class can start and end on the same local day"
        )
    return _slots(zone=zone, low=low, high=high, days=_days(tz, first_day, last_day))


@st.composite
def _slots(
    draw: st.DrawFn,
    *,
    zone: pendulum.Timezone,
    low: pendulum.DateTime,
    high: pendulum.DateTime,
    days: st.SearchStrategy[dt.date],
) -> Slot:
    day = draw(days)
    last_day = high.date()
    earliest = _minute_of_day(low, up=True) if day == low.date() else 0
    latest = _minute_of_day(high, up=False) if day == last_day else _LATEST_START
    latest = min(latest, _LATEST_START)
    start_low, start_high = max(earliest, _CLASS_HOURS[0]), min(latest, _CLASS_HOURS[1])
    if start_low > start_high:  # the bounds leave no class hour on this day
        start_low, start_high = earliest, latest
    assume(start_low <= start_high)
    minute = draw(st.integers(start_low, start_high))
    length = draw(st.integers(_SHORTEST, min(_LONGEST, _LATEST_END - minute)))
    start = pendulum.datetime(day.year, day.month, day.day, minute // 60, minute % 60, tz=zone)
    finish = minute + length
    end = pendulum.datetime(day.year, day.month, day.day, finish // 60, finish % 60, tz=zone)
    # A wall time in a daylight-saving gap moves forward: keep what is still a slot.
    assume(low <= start <= high and start < end and start.date() == end.date() == day)
    return Slot(start, end)


@functools.lru_cache(maxsize=256)
def _days(zone: str, first_day: dt.date, last_day: dt.date) -> st.SearchStrategy[dt.date]:
    """Draw days between the bounds, many from 3 before to 23 after a clock change.

    The days near a change are listed once, so that none is drawn only to be
    rejected (a zone without changes, bounds that leave out most of them).
    """
    span = (last_day - first_day).days
    uniform = st.integers(0, span).map(functools.partial(_days_after, first_day))
    near = sorted(
        {
            day
            for year in range(first_day.year, last_day.year + 1)
            for change in _dst_days(zone, year)
            for offset in range(-3, 24)
            if first_day <= (day := change + dt.timedelta(days=offset)) <= last_day
        }
    )
    return uniform | st.sampled_from(near) if near else uniform


def _days_after(first_day: dt.date, days: int) -> dt.date:
    return first_day + dt.timedelta(days=days)


# --------------------------------------------------------------------------
# Sessions


class Stage(enum.Enum):
    """A stage of the Incompany process, as [`sessions`][incompany_rules.strategies.sessions] draws it.

    A session at a stage has the facts plausibly recorded by some instant
    of that stage, and none recorded after it.
    """

    REQUESTED = "requested"
    """Requested (R1): no confirmed slot; zero to three slots proposed; no participant and no other
    fact.
    """
    DATES_CONFIRMED = "dates_confirmed"
    """The instant the client confirmed a slot (R3): no other fact, no participant."""
    REGISTRATION_OPEN = "registration_open"
    """Some instant while participants can be registered (R8): the registration window is not
    empty; the facts due by then may be recorded; no attendance.
    """
    REGISTRATION_CLOSED = "registration_closed"
    """After registration closed (end of D-3), before the class: any number of participants,
    possibly none (R16); no attendance.
    """
    HELD = "held"
    """After the class (R14, R17): at least one participant registered; attendance recorded (a
    subset of the participants) or not yet; evaluation and invoice possibly recorded.
    """
    CANCELLED = "cancelled"
    """Cancelled (R15) before the class started, with or without confirmed dates; facts recorded
    before the cancellation only, fees invoiced possibly after it.
    """


StageName = Literal[
    "requested", "dates_confirmed", "registration_open", "registration_closed", "held", "cancelled"
]
"""The values of [`Stage`][incompany_rules.strategies.Stage], accepted wherever a stage is."""


def _stages(stage: object) -> tuple[Stage, ...]:
    if stage is None:
        return tuple(Stage)
    if isinstance(stage, Stage):
        return (stage,)
    try:
        return (Stage(stage),)
    except ValueError:
        names = ", ".join(repr(s.value) for s in Stage)
        raise InvalidArgument(f"stage={stage!r} must be a Stage, one of {names}, or None") from None


# What sessions() draws from by default, built once.
_POLICIES = policies()
_COMPANIES = companies()
_DIGITAL_TRAININGS = trainings(in_digital_offer=True)


def sessions(  # noqa: PLR0913 (keyword-only, as Hypothesis's own strategies)
    *,
    stage: Stage | StageName | None = None,
    policy: st.SearchStrategy[Policy] | None = None,
    company: st.SearchStrategy[Company] | None = None,
    training: st.SearchStrategy[Training] | None = None,
    min_start: dt.datetime | None = None,
    max_start: dt.datetime | None = None,
) -> st.SearchStrategy[Session]:
    """Return a strategy for valid, internally consistent sessions at `stage`.

    `stage` is a [`Stage`][incompany_rules.strategies.Stage] or its value
    (`"registration_open"`); `None` draws every stage. `policy` defaults to
    [`policies`][incompany_rules.strategies.policies] (varied figures),
    `company` to [`companies`][incompany_rules.strategies.companies],
    `training` to [`trainings`][incompany_rules.strategies.trainings] of the
    digital offer. The class (the confirmed slot, or the first proposed one)
    starts between `min_start` and `max_start`, as in
    [`slots`][incompany_rules.strategies.slots].

    The other proposed slots, if any, are the class's hours one to
    fourteen days before or after it (the same wall time, as
    `pendulum`'s `add(days=...)` moves it).

    Facts are recorded at plausible instants, each on or after the one it
    follows: requested, then dates confirmed (sometimes after D-21 or even
    after D-3), reminder from D-21, definitive confirmation around D-15,
    link 24 hours (the policy's delay) after it, access e-mails with the
    link, evaluation from the day after the class, invoice after the class
    or the cancellation. Cancellation instants favour the deadlines
    themselves: 00:00 on D-21, on D-14 (the end of free cancellation) and
    on D-2 (the end of D-3), and the second before each. Facts are
    expressed on the policy's clock or in UTC, as a caller's database may
    give them.

    Shrinks towards a session at the earliest stage allowed, with the
    default policy, as few slots, participants and recorded facts as the
    stage allows, dates confirmed four weeks before registration closes and
    requested two weeks before that (a request not yet confirmed: six
    weeks before its class).
    """
    stages = _stages(stage)
    policies_ = _POLICIES if policy is None else policy
    companies_ = _COMPANIES if company is None else company
    trainings_ = _DIGITAL_TRAININGS if training is None else training
    _strategy(policies_, "policy")
    _strategy(companies_, "company")
    _strategy(trainings_, "training")
    low, high = _aware(min_start, "min_start"), _aware(max_start, "max_start")
    if low is not None and high is not None and low > high:
        raise InvalidArgument(f"min_start={min_start} must not be after max_start={max_start}")
    return _sessions(
        stages=st.sampled_from(stages),
        policies_=policies_,
        companies_=companies_,
        trainings_=trainings_,
        low=low,
        high=high,
        default_company=company is None,
    )


def _seconds(draw: st.DrawFn, low: int, high: int, *, prefer: int | None = None) -> int:
    """Draw whole seconds in `[low, high]`, shrinking towards `prefer` if allowed."""
    if prefer is not None and low <= prefer <= high and not draw(st.booleans()):
        return prefer
    return draw(st.integers(low, high))


def _within(draw: st.DrawFn, low: pendulum.DateTime, high: pendulum.DateTime) -> pendulum.DateTime:
    """Draw an instant in `[low, high]` (not empty), whole seconds after `low`."""
    return low.add(seconds=_seconds(draw, 0, int((high - low).total_seconds())))


@functools.lru_cache(maxsize=256)
def _session_slots(
    zone: str, low: pendulum.DateTime | None, high: pendulum.DateTime | None
) -> st.SearchStrategy[Slot]:
    return slots(tz=zone, min_start=low, max_start=high)


def _nonzero(days: int) -> int:
    """Map `-14..13` onto `-14..-1` and `1..14`, with 0 (the shrink target) on 1."""
    return days if days < 0 else days + 1


_SHIFTS = st.lists(st.integers(-14, 13).map(_nonzero), max_size=2, unique=True)
_PROJECTS = st.integers(1, 9999)
_GROUPS = st.integers(1, 9)


@st.composite
def _sessions(  # noqa: PLR0913 (each argument of sessions() reaches here)
    draw: st.DrawFn,
    *,
    stages: st.SearchStrategy[Stage],
    policies_: st.SearchStrategy[Policy],
    companies_: st.SearchStrategy[Company],
    trainings_: st.SearchStrategy[Training],
    low: pendulum.DateTime | None,
    high: pendulum.DateTime | None,
    default_company: bool,
) -> Session:
    stage = draw(stages)
    policy = draw(policies_)
    slot = draw(_session_slots(policy.timezone, low, high))
    fact_tz = "UTC" if draw(st.booleans()) else policy.timezone
    planned = None
    if draw(st.booleans()):
        planned = draw(st.integers(policy.min_participants, policy.min_participants + 10))
    fields: dict[str, object] = {
        "project": f"IC-{slot.start.year}-{draw(_PROJECTS):04d}",
        "group": f"G{draw(_GROUPS)}",
        "training": draw(trainings_),
        "company": draw(companies_),
        "policy": policy,
        "planned_participants": planned,
        "proposed_slots": (slot, *_alternatives(draw, slot)),
    }
    if stage is Stage.REQUESTED or (stage is Stage.CANCELLED and draw(st.integers(0, 3)) == 0):
        _unconfirmed(draw, fields, slot, cancel=stage is Stage.CANCELLED)
    else:
        _confirmed(draw, fields, slot, stage)
    if default_company:
        # A session was requested, so its company had submitted a training plan (R1).
        requested: pendulum.DateTime = fields["requested_at"]  # type: ignore[assignment]
        before = _seconds(draw, 0, 365 * _DAY_SECONDS, prefer=30 * _DAY_SECONDS)
        fields["company"] = attrs.evolve(
            fields["company"],  # type: ignore[misc]
            training_plan_submitted_at=requested.subtract(seconds=before),
        )
    # Every fact on one clock, as a caller's database gives them; built once, validated once.
    for name in _FACTS:
        value = fields.get(name)
        if isinstance(value, pendulum.DateTime):
            fields[name] = value.in_tz(fact_tz)
    return Session(**fields)  # type: ignore[arg-type]


def _alternatives(draw: st.DrawFn, slot: Slot) -> list[Slot]:
    """Draw other slots the trainer proposed: the same hours, a few days before or after."""
    moved = (_moved(slot, days) for days in draw(_SHIFTS))
    return [other for other in moved if other is not None]


def _moved(slot: Slot, days: int) -> Slot | None:
    """Return the class at the same local hours `days` days later, if it is still one.

    A wall time in a daylight-saving gap moves forward, so a class that starts
    in the gap may start at or after its end (Brussels, 02:50 to 03:20 moved
    onto the last Sunday of March), and one that ends in a gap just before
    midnight may end the next day (Nuuk, 22:50 to 23:10 moved onto the last
    Saturday of March): `None` then.
    """
    start, end = slot.start.add(days=days), slot.end.add(days=days)
    if start < end and start.date() == end.date():
        return Slot(start, end)
    return None


def _unconfirmed(draw: st.DrawFn, fields: dict[str, object], slot: Slot, *, cancel: bool) -> None:
    proposed: tuple[Slot, ...] = fields["proposed_slots"]  # type: ignore[assignment]
    fields["proposed_slots"] = proposed[: draw(st.integers(0, len(proposed)))]
    requested_at = slot.start.subtract(
        seconds=_seconds(draw, 3600, 180 * _DAY_SECONDS, prefer=42 * _DAY_SECONDS)
    )
    fields["requested_at"] = requested_at
    if cancel:
        cancelled_at = _within(draw, requested_at.add(seconds=1), slot.start.subtract(seconds=1))
        fields["cancelled_at"] = cancelled_at
        if draw(st.booleans()):
            fields["fees_invoiced_at"] = _within(draw, cancelled_at, cancelled_at.add(days=30))


def _confirmed(draw: st.DrawFn, fields: dict[str, object], slot: Slot, stage: Stage) -> None:
    # The calendar does not depend on when the dates were confirmed: ask it once.
    provisional = Session(
        **fields,  # type: ignore[arg-type]
        requested_at=slot.start,
        confirmed_slot=slot,
        dates_confirmed_at=slot.start,
    )
    plan = schedule(provisional)
    # Confirmed before registration closes, or (when the stage allows) later, up
    # to two seconds before the class: late confirmations happen too.
    latest = plan.start.subtract(seconds=2)
    if stage in {Stage.REGISTRATION_OPEN, Stage.HELD}:
        latest = plan.registration_closes.subtract(seconds=2)
    lead = _seconds(
        draw,
        int((plan.registration_closes - latest).total_seconds()),
        180 * _DAY_SECONDS,
        prefer=28 * _DAY_SECONDS,
    )
    confirmed_at = plan.registration_closes.subtract(seconds=lead)
    requested_at = confirmed_at.subtract(
        seconds=_seconds(draw, 60, 120 * _DAY_SECONDS, prefer=14 * _DAY_SECONDS)
    )
    fields.update(requested_at=requested_at, confirmed_slot=slot, dates_confirmed_at=confirmed_at)

    cancelled_at = None
    if stage is Stage.DATES_CONFIRMED:
        return
    if stage is Stage.REGISTRATION_OPEN:
        as_of = confirmed_at.add(
            seconds=_seconds(
                draw, 1, int((plan.registration_closes - confirmed_at).total_seconds()) - 1
            )
        )
    elif stage is Stage.REGISTRATION_CLOSED:
        opened = max(plan.registration_closes, confirmed_at)
        # Only a class at 00:00 on the day registration closes leaves no such instant.
        assume(opened < plan.start)
        as_of = _within(draw, opened, plan.start.subtract(seconds=1))
    elif stage is Stage.HELD:
        as_of = plan.end.add(seconds=_seconds(draw, 0, 60 * _DAY_SECONDS))
    else:
        cancelled_at = _cancellation(draw, confirmed_at, plan)
        as_of = cancelled_at
    _facts(draw, fields, provisional, plan, stage=stage, as_of=as_of, cancelled_at=cancelled_at)


def _cancellation(
    draw: st.DrawFn, confirmed_at: pendulum.DateTime, plan: Schedule
) -> pendulum.DateTime:
    """Draw a cancellation after the confirmation and before the class, often at a deadline."""
    deadlines = [
        moment.add(seconds=nudge)
        for moment in (plan.free_cancellation_closes, plan.registration_closes, plan.reminder)
        for nudge in (-1, 0)
    ]
    inside = [m for m in deadlines if confirmed_at < m < plan.start]
    if bool(inside) and draw(st.booleans()):
        return draw(st.sampled_from(inside))
    return confirmed_at.add(
        seconds=draw(st.integers(1, int((plan.start - confirmed_at).total_seconds()) - 1))
    )


def _maybe(
    draw: st.DrawFn, low: pendulum.DateTime, high: pendulum.DateTime
) -> pendulum.DateTime | None:
    """Draw an instant in `[low, high]` if the fact is recorded (shrinks to not recorded)."""
    if high < low or not draw(st.booleans()):
        return None
    return _within(draw, low, high)


def _number_of(person: Participant) -> NationalNumber:
    return person.national_number


@functools.cache
def _registered(fewest: int, most: int) -> st.SearchStrategy[list[Participant]]:
    return st.lists(_PARTICIPANTS, min_size=fewest, max_size=most, unique_by=_number_of)


def _facts(  # noqa: PLR0913 (the session so far, its calendar and the stage's instants)
    draw: st.DrawFn,
    fields: dict[str, object],
    provisional: Session,
    plan: Schedule,
    *,
    stage: Stage,
    as_of: pendulum.DateTime,
    cancelled_at: pendulum.DateTime | None,
) -> None:
    """Draw the facts plausibly recorded by `as_of` (before the cancellation, if any)."""
    confirmed_at: pendulum.DateTime = fields["dates_confirmed_at"]  # type: ignore[assignment]
    cutoff = cancelled_at or as_of
    held = stage is Stage.HELD
    people: list[Participant] = []
    if confirmed_at < min(cutoff, plan.registration_closes):
        most = provisional.policy.min_participants + 3
        people = draw(_registered(1 if held else 0, most))
    reminder_due = max(plan.reminder, confirmed_at)
    planned = plan.definitive_confirmation
    definitive = _maybe(
        draw, max(confirmed_at, planned.subtract(days=2)), min(cutoff, planned.add(days=3))
    )
    fields.update(
        participants=people,
        reminder_sent_at=_maybe(draw, reminder_due, min(cutoff, reminder_due.add(days=3))),
        definitive_confirmation_at=definitive,
        zoom_checked_at=_maybe(draw, confirmed_at, min(cutoff, plan.start.subtract(seconds=1))),
        cancelled_at=cancelled_at,
    )
    if definitive is not None:
        # The link counts from the confirmation as recorded: ask the calendar again.
        plan = schedule(provisional.evolve(definitive_confirmation_at=definitive))
        link = _maybe(draw, plan.platform_link, min(cutoff, plan.platform_link.add(hours=1)))
        emails_at = None
        if link is not None and plan.participant_access_email is not None:
            emails_at = _maybe(draw, link, min(cutoff, link.add(hours=1)))
        fields.update(link_generated_at=link, access_emails_sent_at=emails_at)
    if held:
        attended = None
        if draw(st.booleans()):
            attended = frozenset(p.national_number for p in people if draw(st.booleans()))
        fields.update(
            attendance=attended,
            evaluation_sent_at=_maybe(
                draw, plan.evaluation, min(as_of, plan.evaluation.add(days=2))
            ),
            fees_invoiced_at=_maybe(draw, plan.end, as_of),
        )
    elif cancelled_at is not None:
        fields["fees_invoiced_at"] = _maybe(draw, cancelled_at, cancelled_at.add(days=30))


_PARTICIPANTS = participants()

_FACTS = (
    "requested_at",
    "dates_confirmed_at",
    "reminder_sent_at",
    "definitive_confirmation_at",
    "link_generated_at",
    "access_emails_sent_at",
    "zoom_checked_at",
    "cancelled_at",
    "evaluation_sent_at",
    "fees_invoiced_at",
)


# --------------------------------------------------------------------------
# Instants near the milestones


@functools.lru_cache(maxsize=256)
def _changes(zone: str, year: int) -> tuple[dt.datetime, ...]:
    """Return the instants (UTC) in `year` at which `zone` changes its UTC offset."""
    tz = zoneinfo.ZoneInfo(zone)
    found = []
    for day in _dst_days(zone, year):
        low = dt.datetime(day.year, day.month, day.day, 12, tzinfo=tz).astimezone(dt.UTC)
        low -= dt.timedelta(days=1)
        high = low + dt.timedelta(days=1)
        before = low.astimezone(tz).utcoffset()
        while high - low > _SECOND:
            middle = low + (high - low) / 2
            middle = middle.replace(microsecond=0)
            if middle.astimezone(tz).utcoffset() == before:
                low = middle
            else:
                high = middle
        found.append(high)
    return tuple(found)


_ZONES = (
    "UTC",
    "Europe/Brussels",
    "America/New_York",
    "Asia/Kolkata",
    "Pacific/Chatham",
    "Australia/Lord_Howe",
)
_JUST = (dt.timedelta(0), dt.timedelta(microseconds=-1), dt.timedelta(microseconds=1))
_NUDGES = tuple(
    dt.timedelta(**{unit: sign})
    for unit in ("seconds", "minutes", "hours", "days")
    for sign in (-1, 1)
)


def instants_near(session: Session) -> st.SearchStrategy[dt.datetime]:
    """Return a strategy for aware instants just before, at and just after the session's dates.

    The anchors are every milestone of `session`
    ([`milestones`][incompany_rules.milestones.milestones]), every fact recorded on
    it (its request, its cancellation, ...), the start and end of every
    proposed slot, and every daylight-saving change of the policy's clock
    and of Brussels within two months of those. Each instant drawn is an
    anchor exactly, or one microsecond, second, minute, hour or day (24
    elapsed hours) before or after it, or up to two days away. It is
    expressed on a varied clock (the policy's, UTC, Brussels, New York,
    Kolkata at +05:30, Chatham at +12:45, Lord Howe with its 30-minute
    change) and in a varied form: `pendulum.DateTime`, `datetime` with
    a `zoneinfo` zone, or `datetime` with a fixed UTC offset.

    Shrinks towards the session's earliest anchor (usually its request),
    exactly, as a `pendulum.DateTime` on the policy's clock.
    """
    if not isinstance(session, Session):
        raise InvalidArgument(f"session={session!r} must be a Session")
    anchors = st.sampled_from(_anchors(session))
    return st.builds(_express, anchors, _NUDGE, _clocks(session.policy.timezone), _FORMS)


def _anchors(session: Session) -> tuple[pendulum.DateTime, ...]:
    """Return the instants (UTC) [`instants_near`][incompany_rules.strategies.instants_near] draws around, in order."""
    found = {m.at.in_tz(pendulum.UTC) for m in milestones(session)}
    for name in _FACTS:
        value = getattr(session, name)
        if value is not None:
            found.add(value.in_tz(pendulum.UTC))
    for slot in session.proposed_slots:
        found.update((slot.start.in_tz(pendulum.UTC), slot.end.in_tz(pendulum.UTC)))
    first, last = min(found), max(found)
    window_low, window_high = first.subtract(months=2), last.add(months=2)
    for zone in {session.policy.timezone, "Europe/Brussels"}:
        for year in range(window_low.year, window_high.year + 1):
            for change in _changes(zone, year):
                if window_low <= change <= window_high:
                    found.add(pendulum.instance(change).in_tz(pendulum.UTC))
    return tuple(sorted(found))


def _elapsed(seconds: int) -> dt.timedelta:
    return dt.timedelta(seconds=seconds)


_NUDGE = (
    st.sampled_from(_JUST)
    | st.sampled_from(_NUDGES)
    | st.integers(-2 * _DAY_SECONDS, 2 * _DAY_SECONDS).map(_elapsed)
)
_FORMS = st.sampled_from(("pendulum", "zoneinfo", "offset"))


@functools.lru_cache(maxsize=64)
def _clocks(zone: str) -> st.SearchStrategy[str]:
    return st.sampled_from((zone, *_ZONES))


def _express(anchor: pendulum.DateTime, nudge: dt.timedelta, zone: str, form: str) -> dt.datetime:
    moment = anchor + nudge  # elapsed time: the instant moves by exactly ``nudge``
    if form == "pendulum":
        return moment.in_tz(zone)
    utc = dt.datetime(
        moment.year,
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second,
        moment.microsecond,
        tzinfo=dt.UTC,
    )
    on_clock = utc.astimezone(zoneinfo.ZoneInfo(zone))
    if form == "zoneinfo":
        return on_clock
    offset = on_clock.utcoffset()
    assert offset is not None  # noqa: S101 (a zoneinfo clock always has an offset)
    return utc.astimezone(dt.timezone(offset))
