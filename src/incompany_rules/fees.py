"""Fees and invoices: late cancellation, missing list, shortfall (rules R15-R18).

R15 (Etape 7, *"au moins 15 jours avant le début ... endéans les 15 jours
... 375€"*): cancelling is free when the client notifies it by the end of
D-15 on the local clock; from 00:00 on D-14 until the class starts it costs
the policy's late cancellation fee (375 EUR). A session cannot be cancelled
at or after the class start: it has started.

R16 (*"si nous ne disposons toujours pas de la liste des participants 3
jours avant"*): the policy's missing list fee (375 EUR) is owed when no
participant is registered when registration closes, at the end of D-3
(00:00 on D-2).

R17 (*"si le nombre minimum de 6 participants n'est pas atteint ... 150€
par personne manquante"*): after the class, the policy's shortfall fee
(150 EUR) per person below `Policy.min_participants` (6), counted on the
attendance recorded for the class (`Policy.shortfall_basis`; the other
basis counts the registered participants). Nobody present at a held class
means 6 x 150 EUR.

R18 (overlaps): a session owes at most one of the R15 and R16 charges,
whichever arises first; a session that is cancelled, or has no list at
D-3, is not held, so R17 does not apply to it.

Every date comes from the session's calendar
([`deadlines`][incompany_rules.milestones.deadlines], the instants of
[`schedule`][incompany_rules.milestones.schedule] that fees compare against); every
amount from the session's [`Policy`][incompany_rules.policy.Policy], the one in force
when the session was requested.

**Readings taken**

- **The list** (R16) is the participants recorded on the session. Since
  registering and removing both close with the window (R8), after 00:00 on
  D-2 they are the list as it stood at the end of D-3. Before that instant
  [`missing_list_fee`][incompany_rules.fees.missing_list_fee] answers for the list as it stands, and
  [`fees_due`][incompany_rules.fees.fees_due] charges nothing yet.
- **A cancelled session's list.** A session cancelled before registration
  closes needs no list: it owes no R16 charge (R18), whatever it recorded.
  A session cancelled at or after 00:00 on D-2 with no list owes the R16
  charge, which arose first, and no R15 charge; at exactly 00:00 on D-2 the
  list is already missing (T3), so R16 counts as first.
- **Dates confirmed after registration closed.** A session whose dates were
  confirmed at or after the end of D-3 never had a registration window: it
  owes no R16 charge. Without a list, it is not held either (R18).
- **No dates, no fee.** Cancelling a session whose dates are not confirmed
  is free: there is no `D` to count from.
- **Which charge is "the 375 EUR charge"** (R18): the R15 and R16 charges,
  whatever amounts the policy gives them. [`cancellation_fee`][incompany_rules.fees.cancellation_fee] applies
  R18 too: cancelling a session whose R16 charge has already arisen costs
  nothing more (the fee says so, with rule `R18`).
- **Facts after `now`.** [`fees_due`][incompany_rules.fees.fees_due] takes a cancellation recorded
  after `now` as not yet notified. It lists what is owed whether or not it
  was invoiced already (`Session.fees_invoiced_at` is the caller's
  bookkeeping). The shortfall is owed once the class has ended and, on the
  attendance basis, once attendance is recorded.
- **Amounts** are `quantity x unit price`, exact `Decimal` products of
  the policy's figures, never rounded (a policy giving `"375.00"` keeps
  its two places). Only [`Fee.describe`][incompany_rules.fees.Fee.describe] and friends show cents.
- **Instants** that fees return are on the policy's clock (T6): a late
  cancellation arises when it is notified, the missing list charge when
  registration closes, the shortfall when the class ends.

A class on Thursday 2 April 2026: cancelling is free until the end of
Wednesday 18 March (D-15), and costs 375 EUR from 00:00 on Thursday 19 March:

Examples:
    >>> import pendulum
    >>> from incompany_rules.examples import confirmed_session, sample_participants
    >>> session = confirmed_session(pendulum.datetime(2026, 4, 2, 9, tz="Europe/Brussels"))
    >>> session = session.evolve(participants=sample_participants(5))
    >>> for step in cancellation_fee_schedule(session):
    ...     print(step.describe("en"))
    Free cancellation until Wednesday 18 March 2026 at 23:59
    Cancelling costs €375.00 from Thursday 19 March 2026 at 00:00 until Thursday 2 April 2026 at 08:59
    >>> late = cancellation_fee(session, pendulum.datetime(2026, 3, 19, tz="Europe/Brussels"))
    >>> late.owed, late.amount, late.rule
    (True, Decimal('375'), <Rule.R15: 'R15'>)
    >>> print(late.describe("fr"))
    Annulation tardive (à partir du jeudi 19 mars 2026 à 00:00) : 375,00 €

    After the class, four of the five registered participants attended: two
    people are missing below the minimum of six:

    >>> held = session.evolve(attendance=session.participants[:4])
    >>> invoice = fees_due(held, pendulum.datetime(2026, 4, 3, tz="Europe/Brussels"))
    >>> print(invoice.describe("nl"))
    Ontbrekende deelnemer (R17): 2 x € 150,00 = € 300,00
    Totaal: € 300,00
    >>> invoice.total
    Decimal('300')
"""

from __future__ import annotations

import datetime as dt  # noqa: TC003 (the doctests read the module's names)
import enum
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs
import pendulum  # noqa: TC002 (the doctests read the module's names)

from incompany_rules.errors import (
    AttendanceNotRecordedError,
    InvalidSessionError,
    InvalidValueError,
    SessionStartedError,
    UnregisteredAttendeeError,
)
from incompany_rules.instants import before, checked, key, local, on_clock
from incompany_rules.languages import Language, language
from incompany_rules.milestones import _Plan
from incompany_rules.participants import numbers_of
from incompany_rules.policy import ShortfallBasis
from incompany_rules.rules import Rule
from incompany_rules.session import Session
from incompany_rules.validation import (
    MAX_AMOUNT,
    MAX_COUNT,
    expect,
    fields_repr,
    items_of,
    money,
    times,
    trusted,
    whole_number,
)
from incompany_rules.validation import total as sum_of_amounts

if TYPE_CHECKING:
    from collections.abc import Iterator

    from incompany_rules.instants import Days
from incompany_rules.texts import DEFAULT_LANGUAGE, moment, text, until
from incompany_rules.texts import money as euros

__all__ = [
    "Fee",
    "FeeKind",
    "FeeReason",
    "FeeStep",
    "Invoice",
    "InvoiceLine",
    "Language",
    "cancellation_fee",
    "cancellation_fee_schedule",
    "fees_due",
    "missing_list_fee",
    "shortfall_invoice",
]


_ZERO = Decimal(0)


class FeeKind(enum.Enum):
    """What a fee is charged for."""

    #: Cancelling after the end of D-15 (R15).
    LATE_CANCELLATION = "late_cancellation"
    #: No participant registered when registration closes (R16).
    MISSING_LIST = "missing_list"
    #: Fewer people than the minimum at the class, per person missing (R17).
    SHORTFALL = "shortfall"


class FeeReason(enum.Enum):
    """Why a [`Fee`][incompany_rules.fees.Fee] is owed or not: a stable machine code for the answer."""

    #: Notified by the end of D-15 (R15): free.
    FREE_CANCELLATION = "free_cancellation"
    #: The session has no confirmed dates: cancelling is free (R15).
    NO_DATES = "no_dates"
    #: Notified from 00:00 on D-14 until the class start (R15): owed.
    LATE_CANCELLATION = "late_cancellation"
    #: The missing list charge arose first (R18): cancelling costs nothing more.
    LIST_CHARGED_FIRST = "list_charged_first"
    #: At least one participant is registered (R16): nothing owed.
    LIST_RECEIVED = "list_received"
    #: No participant registered when registration closed (R16): owed.
    NO_LIST = "no_list"
    #: Cancelled before registration closed (R18): no list was due.
    CANCELLED_BEFORE_LIST = "cancelled_before_list"
    #: The dates were confirmed after registration closed, or not at all (R16).
    NO_REGISTRATION_WINDOW = "no_registration_window"


# The reasons whose deadline closes a window (shown by its last minute), and
# those whose deadline is an instant something starts (shown as it is).
_CLOSING = frozenset(
    {FeeReason.FREE_CANCELLATION, FeeReason.NO_LIST, FeeReason.CANCELLED_BEFORE_LIST}
)
# The reasons whose text shows their deadline: a fee of one of them has one.
_DATED = _CLOSING | {FeeReason.LATE_CANCELLATION, FeeReason.LIST_CHARGED_FIRST}


_AMOUNT = "a Decimal amount in euros"


def _check_amounts(owner: str, quantity: object, unit_price: object, amount: object) -> None:
    if (
        isinstance(quantity, int)
        and not isinstance(quantity, bool)
        and isinstance(unit_price, Decimal)
        and isinstance(amount, Decimal)
        and amount.is_finite()
        # Equivalent when narrower: a figure kept out is checked below, within the same bounds.
        and 0 <= quantity <= MAX_COUNT  # pragma: no mutate
        and unit_price.is_finite()
        # Equivalent when narrower: a figure kept out is checked below, within the same bounds.
        and 0 <= unit_price <= MAX_AMOUNT  # pragma: no mutate
        and unit_price.as_tuple().exponent >= -2  # type: ignore[operator]
        and amount == times(quantity, unit_price)
    ):
        return  # the usual case, checked at once; below, the one that fails is named
    count = whole_number(quantity, field=f"{owner}.quantity")
    price = expect(unit_price, Decimal, field=f"{owner}.unit_price", what=_AMOUNT)
    money(price, field=f"{owner}.unit_price")
    money(
        expect(amount, Decimal, field=f"{owner}.amount", what=_AMOUNT),
        field=f"{owner}.amount",
        maximum=MAX_AMOUNT * MAX_COUNT,
    )
    if amount == times(count, price):
        return
    # Every figure is valid on its own, so the product is what is wrong.
    raise InvalidValueError(
        f"{owner}.amount", f"must be quantity x unit_price ({quantity} x {unit_price})"
    )


@attrs.frozen(kw_only=True, repr=False)
class InvoiceLine:
    """One charge owed: what for, under which rule, how many at what price, since when.

    `amount` is `quantity x unit_price` in euros; `arises_at` is on the
    policy's clock.
    """

    __repr__ = fields_repr

    kind: FeeKind
    rule: str
    quantity: int
    unit_price: Decimal
    amount: Decimal
    arises_at: pendulum.DateTime

    def __attrs_post_init__(self) -> None:
        _check_amounts("InvoiceLine", self.quantity, self.unit_price, self.amount)
        if self.quantity < 1:
            raise InvalidValueError("InvoiceLine.quantity", "a line charges at least 1 unit")

    def describe(self, lang: Language = DEFAULT_LANGUAGE) -> str:
        """Return `label (rule): quantity x unit price = amount` in `lang`.

        Examples:
            >>> import pendulum
            >>> line = InvoiceLine(kind=FeeKind.SHORTFALL, rule="R17", quantity=2,
            ...     unit_price=Decimal(150), amount=Decimal(300),
            ...     arises_at=pendulum.datetime(2026, 4, 2, 12, 30, tz="Europe/Brussels"))
            >>> line.describe("en")
            'Missing participant (R17): 2 x €150.00 = €300.00'
        """
        lang = language(lang)
        return text(
            "invoice.line",
            lang,
            label=text(f"fee_kind.{self.kind.value}", lang),
            rule=self.rule,
            quantity=self.quantity,
            unit=euros(self.unit_price, lang),
            amount=euros(self.amount, lang),
        )


@attrs.frozen(kw_only=True, repr=False)
class Fee:
    """The answer of one fee rule for one session: owed or not, how much, and why.

    A fee not owed has `quantity` 0 and `amount` 0; `unit_price` is
    still the policy's figure. `reason` is the machine code of the answer
    and `rule` the rule that decided it (`R18` when an overlap did).
    `arises_at` is when the charge arises (or would): the cancellation
    instant, the end of registration, the class end; `deadline` is the
    instant the rule compared against, when there is one. A fee whose
    description shows its deadline, those of reason `free_cancellation`,
    `late_cancellation`, `list_charged_first`, `no_list` and
    `cancelled_before_list`, must have one.
    """

    __repr__ = fields_repr

    kind: FeeKind
    rule: str
    reason: FeeReason
    owed: bool
    quantity: int
    unit_price: Decimal
    amount: Decimal
    arises_at: pendulum.DateTime | None
    deadline: pendulum.DateTime | None = None

    def __attrs_post_init__(self) -> None:
        _check_amounts("Fee", self.quantity, self.unit_price, self.amount)
        if not self.owed and self.quantity:
            raise InvalidValueError("Fee.quantity", "a fee not owed has quantity 0")
        if self.deadline is None and self.reason in _DATED:
            raise InvalidValueError(
                "Fee.deadline",
                f"a fee of reason {self.reason.value} shows its deadline, got None",
            )

    def describe(self, lang: Language = DEFAULT_LANGUAGE) -> str:
        """Return one sentence saying what is owed and why, in `lang`."""
        lang = language(lang)
        deadline = self.deadline
        shown = {"when": "", "until": ""}
        if deadline is not None:
            shown["until" if self.reason in _CLOSING else "when"] = (
                until(deadline, lang) if self.reason in _CLOSING else moment(deadline, lang)
            )
        return text(f"fee.{self.reason.value}", lang, amount=euros(self.amount, lang), **shown)

    def line(self) -> InvoiceLine:
        """Return this fee as an invoice line; only a fee owed has one."""
        if not self.owed or self.arises_at is None:
            raise InvalidValueError(
                "Fee", f"a fee not owed ({self.reason.value}) has no invoice line"
            )
        return InvoiceLine(
            kind=self.kind,
            rule=self.rule,
            quantity=self.quantity,
            unit_price=self.unit_price,
            amount=self.amount,
            arises_at=self.arises_at,
        )


def _lines(value: object) -> tuple[InvoiceLine, ...]:
    return items_of(value, InvoiceLine, field="Invoice.lines", what="invoice lines")


@attrs.frozen(repr=False)
class Invoice:
    """The charges owed by one session, in the order they arose; iterable.

    Examples:
        >>> Invoice().total
        Decimal('0')
    """

    __repr__ = fields_repr

    lines: tuple[InvoiceLine, ...] = attrs.field(default=(), converter=_lines)

    @property
    def total(self) -> Decimal:
        """The sum of the lines' amounts, `Decimal("0")` for an empty invoice."""
        return sum_of_amounts(line.amount for line in self.lines)

    def __iter__(self) -> Iterator[InvoiceLine]:
        return iter(self.lines)

    def __len__(self) -> int:
        return len(self.lines)

    def describe(self, lang: Language = DEFAULT_LANGUAGE) -> str:
        """Return one line per charge, then the total, in `lang`."""
        lang = language(lang)
        rows = [line.describe(lang) for line in self.lines]
        rows.append(text("invoice.total", lang, amount=euros(self.total, lang)))
        return "\n".join(rows)


@attrs.frozen(kw_only=True, repr=False)
class FeeStep:
    """What cancelling costs from `starts` (included) until `ends` (excluded).

    `starts` is `None` for the first step (any earlier instant). The last
    step ends at the class start, from which cancelling is refused.
    """

    __repr__ = fields_repr

    starts: pendulum.DateTime | None
    ends: pendulum.DateTime
    owed: bool
    amount: Decimal
    rule: str
    reason: FeeReason

    @property
    def last_minute(self) -> pendulum.DateTime:
        """The last whole minute of the step on the local clock (`23:59` for 00:00)."""
        return self.ends.subtract(minutes=1).replace(second=0, microsecond=0)

    def describe(self, lang: Language = DEFAULT_LANGUAGE) -> str:
        """Say what cancelling costs during the step, with its dates spelled out."""
        lang = language(lang)
        since = "" if self.starts is None else moment(self.starts, lang)
        return text(
            f"step.{self.reason.value}",
            lang,
            when=since,
            until=until(self.ends, lang),
            amount=euros(self.amount, lang),
        )


# --------------------------------------------------------------------------
# Checks and instants


def _require_session(session: object) -> None:
    expect(session, Session, field="session")


# --------------------------------------------------------------------------
# Cancelling, rule R15


# What cancelling answers: its reason, its rule and whether the fee is owed
# (an enum member read from its class costs as much as a comparison).
_FREE = (FeeReason.FREE_CANCELLATION, Rule.R15, False)
_LIST_FIRST = (FeeReason.LIST_CHARGED_FIRST, Rule.R18, False)
_LATE = (FeeReason.LATE_CANCELLATION, Rule.R15, True)
_CANCELLATION = FeeKind.LATE_CANCELLATION


def _cancellation(session: Session, fixed: Days, when: pendulum.DateTime, at: dt.timedelta) -> Fee:
    """Return what cancelling at `when`, on the policy's clock, costs; `at` is its key.

    `fixed` is the session's class day deadlines.
    """
    keys = fixed.keys
    # The class has not started before its day begins: only from then on
    # is `when` compared with the start itself.
    if not at < keys.class_day:
        start = session.confirmed_slot.start  # type: ignore[union-attr]
        if not before(when, start):
            raise SessionStartedError(
                "when",
                f"the class started at {local(start, session.policy.tz).isoformat()}; "
                "a started session cannot be cancelled (R15)",
            )
    price = session.policy.late_cancellation_fee
    if at < keys.free_cancellation_closes:
        (reason, rule, owed), closes = _FREE, fixed.free_cancellation_closes
    elif _list_charged(session, fixed, at):
        (reason, rule, owed), closes = _LIST_FIRST, fixed.registration_closes
    else:
        (reason, rule, owed), closes = _LATE, fixed.free_cancellation_closes
    if owed:
        return _fee(_CANCELLATION, rule, reason, owed, 1, price, price, when, closes)
    return _fee(_CANCELLATION, rule, reason, owed, 0, price, _ZERO, when, closes)


def _list_charged(session: Session, fixed: Days, cancelled: dt.timedelta | None) -> bool:
    """Whether the R16 charge arose for `session` cancelled at the key `cancelled` (or not at all).

    `fixed` is the session's class day deadlines.
    """
    return (
        not session.participants
        and before(session.dates_confirmed_at, fixed.registration_closes)  # type: ignore[arg-type]
        and (cancelled is None or not cancelled < fixed.keys.registration_closes)
    )


def cancellation_fee(session: Session, when: dt.datetime) -> Fee:
    """Return what cancelling `session` at `when` costs (R15, R18).

    Free when notified before 00:00 on D-14 (the end of D-15, local), the
    policy's late cancellation fee from then until the class starts. A
    session whose missing list charge (R16) has already arisen at `when`
    costs nothing more to cancel (R18). `when` is any aware instant: a
    cancellation recorded on the session is not consulted, so this answers
    "what would cancelling now cost?" as well.

    Raises [`SessionStartedError`][incompany_rules.errors.SessionStartedError] (field
    `when`) at or after the class start, and
    [`NaiveDatetimeError`][incompany_rules.errors.NaiveDatetimeError] for a naive `when`.

    Examples:
        >>> import pendulum
        >>> from incompany_rules.examples import confirmed_session
        >>> session = confirmed_session(pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels"))
        >>> cancellation_fee(session, pendulum.datetime(2026, 3, 17, 23, 59, 59, tz="Europe/Brussels")).amount
        Decimal('0')
        >>> cancellation_fee(session, pendulum.datetime(2026, 3, 18, tz="Europe/Brussels")).amount
        Decimal('375')
        >>> cancellation_fee(session, pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels"))
        Traceback (most recent call last):
          ...
        incompany_rules.errors.SessionStartedError: Invalid when: the class started at 2026-04-01T09:00:00+02:00; a started session cannot be cancelled (R15)
    """
    # Equivalent when always taken: the check passes a Session itself, slower.
    if type(session) is not Session:  # pragma: no mutate
        _require_session(session)
    moment = on_clock(when, session.policy.tz, field="when")  # checks `when`
    fixed = session._days  # noqa: SLF001 (the session's own calendar)
    if fixed is None:  # no slot confirmed
        return Fee(
            kind=FeeKind.LATE_CANCELLATION,
            rule=Rule.R15,
            reason=FeeReason.NO_DATES,
            owed=False,
            quantity=0,
            unit_price=session.policy.late_cancellation_fee,
            amount=_ZERO,
            arises_at=moment,
        )
    return _cancellation(session, fixed, moment, key(when))


def cancellation_fee_schedule(session: Session) -> tuple[FeeStep, ...]:
    """Return the steps of what cancelling `session` costs, in order (R15, R18).

    Each step gives the cost of a cancellation notified from its `starts`
    until its `ends`; the first starts at any earlier instant, the last
    ends at the class start. Consecutive instants with the same answer make
    one step, so a session with the default policy and a list has two: free
    until the end of D-15, then the late cancellation fee. A session whose
    dates were confirmed after the end of D-15 has no free step: its first
    step starts at the confirmation (T8). A session with no
    participant registered gets a third from 00:00 on D-2, when its missing
    list charge arises (R18). The steps follow the participants recorded now.

    Raises [`InvalidSessionError`][incompany_rules.errors.InvalidSessionError] for a
    session whose dates are not confirmed (there is nothing to count from;
    cancelling it is free).
    """
    _require_session(session)
    plan = _Plan(session)
    start = plan.start
    confirmed = plan.confirmed
    fixed = plan.fixed
    # Dates confirmed after the end of D-15 never had a free window (T8): the
    # schedule starts at the confirmation, with what cancelling costs then.
    first = None if before(confirmed, fixed.free_cancellation_closes) else confirmed
    cuts = sorted(
        {
            moment
            for moment in (fixed.free_cancellation_closes, fixed.registration_closes)
            if before(moment, start) and (first is None or before(first, moment))
        },
        # Equivalent without the key: the cuts begin different days, so wall times sort as instants.
        key=key,  # pragma: no mutate
    )
    steps: list[FeeStep] = []
    begins = first
    for finishes in (*cuts, start):
        # Equivalent at any instant of the step: between two cuts, cancelling costs the same.
        probe = finishes.subtract(microseconds=1)  # pragma: no mutate
        fee = _cancellation(session, fixed, probe, key(probe))
        if steps and (steps[-1].reason, steps[-1].amount) == (fee.reason, fee.amount):
            steps[-1] = attrs.evolve(steps[-1], ends=finishes)
        else:
            steps.append(
                FeeStep(
                    starts=begins,
                    ends=finishes,
                    owed=fee.owed,
                    amount=fee.amount,
                    rule=fee.rule,
                    reason=fee.reason,
                )
            )
        begins = finishes
    return tuple(steps)


# --------------------------------------------------------------------------
# The participant list, rule R16


def _missing_list(session: Session, plan: _Plan) -> Fee:
    price = session.policy.missing_list_fee
    closes = plan.fixed.registration_closes
    cancelled = session.cancelled_at
    rule, owed = Rule.R16, False
    if cancelled is not None and before(cancelled, closes):
        rule, reason = Rule.R18, FeeReason.CANCELLED_BEFORE_LIST
    elif not before(plan.confirmed, closes):
        reason = FeeReason.NO_REGISTRATION_WINDOW
    elif session.participants:
        reason = FeeReason.LIST_RECEIVED
    else:
        reason, owed = FeeReason.NO_LIST, True
    return Fee(
        kind=FeeKind.MISSING_LIST,
        rule=rule,
        reason=reason,
        owed=owed,
        quantity=1 if owed else 0,
        unit_price=price,
        amount=price if owed else _ZERO,
        arises_at=closes,
        deadline=closes,
    )


def missing_list_fee(session: Session) -> Fee:
    """Return the missing list fee of `session` (R16, R18).

    Owed when no participant is recorded on the session and registration
    closes (00:00 on D-2) while the session is not cancelled. A session
    cancelled before that owes none (R18), nor does one whose dates were
    confirmed only after registration closed, or not at all.

    Examples:
        >>> import pendulum
        >>> from incompany_rules.examples import confirmed_session
        >>> session = confirmed_session(pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels"))
        >>> fee = missing_list_fee(session)
        >>> fee.owed, fee.amount, fee.arises_at.isoformat()
        (True, Decimal('375'), '2026-03-30T00:00:00+02:00')
        >>> print(fee.describe("en"))
        No participant list when registration closed on Sunday 29 March 2026 at 23:59: €375.00
    """
    _require_session(session)
    if session.confirmed_slot is None:
        return Fee(
            kind=FeeKind.MISSING_LIST,
            rule=Rule.R16,
            reason=FeeReason.NO_REGISTRATION_WINDOW,
            owed=False,
            quantity=0,
            unit_price=session.policy.missing_list_fee,
            amount=_ZERO,
            arises_at=None,
        )
    return _missing_list(session, _Plan(session))


# --------------------------------------------------------------------------
# The shortfall, rule R17


def _attendees(session: Session, attended: object) -> int | None:
    """Return how many registered participants `attended` counts; `None` if not given."""
    if attended is None:
        return None
    registered = len(session.participants)
    if isinstance(attended, int) and not isinstance(attended, bool):
        if attended < 0:
            raise InvalidValueError("attended", f"expected a count >= 0, got {attended}")
        if attended > registered:
            raise UnregisteredAttendeeError(
                "attended",
                f"{attended} attendees but only {registered} registered participants",
            )
        return attended
    numbers = set(
        numbers_of(attended, field="attended", expected="participants, national numbers or a count")
    )
    strangers = numbers.difference(p.national_number for p in session.participants)
    if strangers:
        raise UnregisteredAttendeeError(
            "attended",
            "attended but not registered: " + ", ".join(sorted(n.masked() for n in strangers)),
        )
    return len(numbers)


def _invoice(
    kind: FeeKind, rule: str, quantity: int, price: Decimal, at: pendulum.DateTime
) -> Invoice:
    """Return an invoice of one line, from the policy's figures."""
    return _one_line((_line(kind, rule, quantity, price, times(quantity, price), at),))


def _shortfall(session: Session, end: pendulum.DateTime, present: int) -> Invoice:
    """Return the shortfall of a class ending at `end` with `present` people counted (R17)."""
    policy = session.policy
    missing = policy.min_participants - present
    if missing <= 0:
        return _EMPTY
    return _invoice(FeeKind.SHORTFALL, Rule.R17, missing, policy.shortfall_fee_per_person, end)


def _counted(session: Session, given: int | None) -> int | None:
    """Who counts for the shortfall: registered, or attended (given, else recorded)."""
    if session.policy.shortfall_basis is ShortfallBasis.REGISTERED:
        return len(session.participants)
    if given is not None:
        return given
    return None if session.attendance is None else len(session.attendance)


def shortfall_invoice(session: Session, attended: object = None) -> Invoice:
    """Return the shortfall owed for the class of `session` (R17, R18).

    The policy's shortfall fee per person below `Policy.min_participants`,
    counted on attendance (`Policy.shortfall_basis`; on the registered
    participants with the other basis). `attended` is who attended:
    participants, national numbers or a count; by default the attendance
    recorded on the session. Each one must be a registered participant.

    A session not held (cancelled, without any participant registered, or
    without confirmed dates) owes no shortfall: the invoice is empty.

    Raises [`UnregisteredAttendeeError`][incompany_rules.errors.UnregisteredAttendeeError] for
    an attendee who is not registered, and
    [`AttendanceNotRecordedError`][incompany_rules.errors.AttendanceNotRecordedError] when
    attendance counts but is neither recorded nor given.

    Examples:
        >>> import pendulum
        >>> from incompany_rules.examples import confirmed_session, sample_participants
        >>> session = confirmed_session(pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels"))
        >>> session = session.evolve(participants=sample_participants(7))
        >>> shortfall_invoice(session, attended=0).total
        Decimal('900')
        >>> shortfall_invoice(session, attended=session.participants[:6]).total
        Decimal('0')
    """
    _require_session(session)
    given = _attendees(session, attended)
    if (
        session.confirmed_slot is None
        or session.cancelled_at is not None
        or not session.participants
    ):
        return _EMPTY
    present = _counted(session, given)
    if present is None:
        raise AttendanceNotRecordedError(
            "attended",
            "the shortfall counts attendance, and none is recorded on the session "
            "(Session.attendance) or given",
        )
    return _shortfall(session, _Plan(session).end, present)


# --------------------------------------------------------------------------
# Everything owed at an instant


def fees_due(session: Session, now: dt.datetime) -> Invoice:
    """Return every fee `session` owes as of `now` (R15-R18).

    - The late cancellation fee, once a cancellation notified from 00:00 on
      D-14 is recorded at or before `now` (R15).
    - The missing list fee, from 00:00 on D-2, when no participant is
      registered and the session was not cancelled before (R16).
    - At most one of those two, whichever arose first (R18).
    - The shortfall, once the class has ended and the count is known (the
      attendance recorded, on the attendance basis), for a session held:
      not cancelled, with a list (R17, R18).

    An empty invoice (total `Decimal("0")`) when nothing is owed, as for a
    session whose dates are not confirmed. Raises
    [`InvalidSessionError`][incompany_rules.errors.InvalidSessionError] for a cancellation
    recorded at or after the class start.
    """
    # Equivalent when always taken: the check passes a Session itself, slower.
    if type(session) is not Session:  # pragma: no mutate
        _require_session(session)
    # Only compared, never returned: checked, and left on the clock it came on.
    moment = checked(now, field="now")
    if session.confirmed_slot is None:
        return _EMPTY
    return _owed(session, None, moment)


def _owed(session: Session, plan: _Plan | None, moment: dt.datetime) -> Invoice:
    """Return what [`fees_due`][incompany_rules.fees.fees_due] returns, given the session's deadlines.

    For a caller that has read them already, as
    [`next_actions`][incompany_rules.actions.next_actions] has.

    Args:
        session: A session whose dates are confirmed.
        plan: Its calendar, or `None` to read it here when needed.
        moment: The instant asked, checked, on any clock.

    Returns:
        Every fee owed as of `moment`.
    """
    if session.participants and session.cancelled_at is None:
        # A class held with a list owes its shortfall once over (R17), and nothing else.
        if plan is not None:
            end = plan.end
        else:
            slot = session.confirmed_slot
            assert slot is not None  # noqa: S101 (the caller checked)
            end = local(slot.end, session.policy.tz)
        return _EMPTY if before(moment, end) else _recorded_shortfall(session, end)
    if plan is None:
        plan = _Plan(session)
    cancelled = None if session.cancelled_at is None else _notified(session, plan, moment)
    policy = session.policy
    fixed = plan.fixed
    # No list: the R16 charge from the end of D-3, unless cancelled before (R18).
    if (
        not session.participants
        and not before(moment, fixed.registration_closes)
        and _list_charged(session, fixed, None if cancelled is None else key(cancelled))
    ):
        return _invoice(
            FeeKind.MISSING_LIST, Rule.R16, 1, policy.missing_list_fee, fixed.registration_closes
        )
    if cancelled is None or before(cancelled, fixed.free_cancellation_closes):
        return _EMPTY  # cancelled not yet, or for free; an R16 charge was returned above (R18)
    return _invoice(FeeKind.LATE_CANCELLATION, Rule.R15, 1, policy.late_cancellation_fee, cancelled)


def _notified(session: Session, plan: _Plan, moment: dt.datetime) -> pendulum.DateTime | None:
    """Return the cancellation recorded on `session` if notified by `moment`, else `None`."""
    assert session.cancelled_at is not None  # noqa: S101 (the caller checked)
    cancelled = local(session.cancelled_at, session.policy.tz)
    if not before(cancelled, plan.start):
        raise InvalidSessionError(
            "Session.cancelled_at",
            f"is at or after the class start ({plan.start.isoformat()}); "
            "a started session cannot be cancelled (R15)",
        )
    return None if before(moment, cancelled) else cancelled


def _recorded_shortfall(session: Session, end: pendulum.DateTime) -> Invoice:
    """Return the shortfall of a held class ending at `end` once its count is known."""
    if session.policy.shortfall_basis is ShortfallBasis.REGISTERED:
        return _shortfall(session, end, len(session.participants))
    if session.attendance is None:
        return _EMPTY  # owed once attendance is recorded
    return _shortfall(session, end, len(session.attendance))


_EMPTY = Invoice()
# What the rules make from a policy's figures (checked money) and the
# calendar's instants: made as they are, each check would pass.
_fee = trusted(Fee)
_line = trusted(InvoiceLine)
_one_line = trusted(Invoice)
