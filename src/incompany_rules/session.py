"""The values of one Incompany request: company, account, training, slot, session.

A [`Session`][incompany_rules.session.Session] is one group of one Incompany
project (R3, R4): the training, the company, the slots the trainer proposed and
the one the client confirmed, the participants HR registered, the attendance of
the class, and the facts already recorded (when the reminder went out, when the
fund gave its definitive confirmation, ...). It is an immutable value: every
change is a new session, made by the functions of `incompany_rules.transitions`
or by [`Session.evolve`][incompany_rules.session.Session.evolve], which
validates again.

Examples:
    >>> import pendulum
    >>> from incompany_rules import Company, Session, Slot, Training
    >>> acme = Company("0403.170.701", "Acme SA")
    >>> excel = Training("DIG-042", "Excel: tableaux croisés dynamiques")
    >>> slot = Slot(
    ...     pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels"),
    ...     pendulum.datetime(2026, 4, 1, 12, 30, tz="Europe/Brussels"),
    ... )
    >>> session = Session(
    ...     project="IC-2026-0042", group="G1", training=excel, company=acme,
    ...     requested_at=pendulum.datetime(2026, 2, 2, 10, tz="Europe/Brussels"),
    ...     proposed_slots=(slot,),
    ... )
    >>> session.confirmed_slot is None
    True

    Contradictions are refused when the value is built, with the field named:

    >>> session.evolve(confirmed_slot=slot)
    Traceback (most recent call last):
      ...
    incompany_rules.errors.InvalidSessionError: Invalid Session.dates_confirmed_at: must be set when confirmed_slot is set, and only then
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, TypeVar

import attrs
import pendulum

from incompany_rules.errors import InvalidSessionError, InvalidSlotError, InvalidTypeError
from incompany_rules.instants import (
    Days,
    before,
    days,
    instant,
    key,
    local,
    optional_instant,
    pickled_state,
    restore_state,
)
from incompany_rules.participants import NationalNumber, Participant, email_address, numbers_of
from incompany_rules.policy import DEFAULT_POLICY, Policy
from incompany_rules.validation import (
    expect,
    field_name,
    fields_repr,
    flag,
    items_of,
    pretty_as_repr,
    text,
    whole_number,
)

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable

__all__ = ["Company", "HrAccount", "Session", "Slot", "Training"]

T = TypeVar("T")
Instant = pendulum.DateTime


def _login(value: object) -> str:
    return email_address(value, field="HrAccount.login")


def _requested_at(value: object) -> pendulum.DateTime:
    return instant(value, field="Session.requested_at")


# The converters and validators below are made once, when the classes are
# defined; the checks they make live in plain functions, run at each check.


def _owned_text(owner: str) -> attrs.Converter[object, str]:
    """Return a converter to a stripped, non-empty string, naming `owner.field`."""
    # Called at import only, before mutation testing can switch a mutant on.
    return attrs.Converter(functools.partial(_owned, owner), takes_field=True)  # pragma: no mutate


def _owned(owner: str, value: object, field: attrs.Attribute[str]) -> str:
    return text(value, field=f"{owner}.{field.name}", error=InvalidSessionError)


def _session_fact(value: object, field: attrs.Attribute[object]) -> pendulum.DateTime | None:
    if value is None:
        return None  # a fact not recorded: most of a session's, so no name is spelled out
    return instant(value, field=f"Session.{field.name}")


_COMPANY_TEXT = _owned_text("Company")
_TRAINING_TEXT = _owned_text("Training")
_SESSION_TEXT = _owned_text("Session")
_SESSION_FACT = attrs.Converter(_session_fact, takes_field=True)


def _typed(name: str, kind: type[T]) -> Callable[[object, attrs.Attribute[T], T], None]:
    """Return a validator that refuses anything but a `kind`, naming `name`."""
    return functools.partial(_of_type, name, kind)  # pragma: no mutate (called at import only)


def _of_type(
    name: str, kind: type[T], _instance: object, _attribute: attrs.Attribute[T], value: T
) -> None:
    if kind is bool:
        flag(value, field=name)
    else:
        expect(value, kind, field=name)


def _company_fact(value: object, field: attrs.Attribute[object]) -> pendulum.DateTime | None:
    return optional_instant(value, field=f"Company.{field.name}")


_COMPANY_FACT = attrs.Converter(_company_fact, takes_field=True)


def _instant_key(value: dt.datetime | None) -> dt.timedelta | None:
    """Return what a fact compares by: its instant in UTC, so that the fold counts."""
    return None if value is None else key(value)


@attrs.frozen(repr=False)
class Company:
    """A client company, by its enterprise number and name.

    `training_plan_submitted_at` is when the company submitted its training
    plan to the fund (R1), `None` while it has not.
    """

    __repr__ = fields_repr

    number: str = attrs.field(converter=_COMPANY_TEXT)  # type: ignore[misc]
    name: str = attrs.field(converter=_COMPANY_TEXT)  # type: ignore[misc]
    training_plan_submitted_at: Instant | None = attrs.field(
        default=None,
        kw_only=True,
        converter=_COMPANY_FACT,  # type: ignore[misc]
        eq=_instant_key,
    )
    """When the company submitted its training plan (R1); ``None`` until it does."""

    __getstate__ = pickled_state
    __setstate__ = restore_state

    @property
    def digits(self) -> str:
        """The enterprise number's digits only: how two records of one company compare (R5)."""
        return "".join(ch for ch in self.number if ch.isdigit())


@attrs.frozen(repr=False)
class HrAccount:
    """A myCefora account, and whether it may manage participants (R5).

    Managing participants needs the HR function chosen at sign-up and the TOS
    document completed, for the account's own company.
    """

    __repr__ = fields_repr

    login: str = attrs.field(converter=_login)
    company: Company = attrs.field(validator=_typed("HrAccount.company", Company))
    has_hr_function: bool = attrs.field(validator=_typed("HrAccount.has_hr_function", bool))
    tos_completed: bool = attrs.field(validator=_typed("HrAccount.tos_completed", bool))


@attrs.frozen(repr=False)
class Training:
    """A training of the fund's offer; only the digital offer can be requested (R2)."""

    __repr__ = fields_repr

    code: str = attrs.field(converter=_TRAINING_TEXT)  # type: ignore[misc]
    title: str = attrs.field(converter=_TRAINING_TEXT)  # type: ignore[misc]
    in_digital_offer: bool = attrs.field(
        default=True, kw_only=True, validator=_typed("Training.in_digital_offer", bool)
    )


def _slot_start(value: object) -> pendulum.DateTime:
    return instant(value, field="Slot.start")


def _slot_end(value: object) -> pendulum.DateTime:
    return instant(value, field="Slot.end")


@attrs.frozen(repr=False)
class Slot:
    """One online class: an aware start and an end after it (R3).

    Slots compare by instant, whatever timezone they were given in, also in
    the hour the clocks repeat in October. That the class lies on one local
    day is checked against the session's policy.

    Examples:
        >>> import pendulum
        >>> start = pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels")
        >>> Slot(start, start)
        Traceback (most recent call last):
          ...
        incompany_rules.errors.InvalidSlotError: Invalid Slot.end: must be after Slot.start (2026-04-01T09:00:00+02:00)
    """

    __repr__ = fields_repr

    start: pendulum.DateTime = attrs.field(converter=_slot_start, eq=key)
    end: pendulum.DateTime = attrs.field(converter=_slot_end, eq=key)

    __getstate__ = pickled_state
    __setstate__ = restore_state

    def __attrs_post_init__(self) -> None:
        if not before(self.start, self.end):
            raise InvalidSlotError(
                "Slot.end", f"must be after Slot.start ({self.start.isoformat()})"
            )


def _slots(value: object) -> tuple[Slot, ...]:
    return items_of(value, Slot, field="Session.proposed_slots", what="slots")


def _participants(value: object) -> tuple[Participant, ...]:
    people = items_of(value, Participant, field="Session.participants", what="participants")
    seen: set[NationalNumber] = set()
    for person in people:
        if person.national_number in seen:
            raise InvalidSessionError(
                "Session.participants",
                f"national number {person.national_number.masked()} is registered twice",
            )
        seen.add(person.national_number)
    return people


def _attendance(value: object) -> frozenset[NationalNumber] | None:
    if value is None:
        return None
    return frozenset(numbers_of(value, field="Session.attendance"))


def _access_emailed(value: object) -> frozenset[NationalNumber] | None:
    if value is None:
        return None
    return frozenset(numbers_of(value, field="Session.access_emailed"))


def _count(value: object) -> int | None:
    if value is None:
        return None
    return whole_number(value, field="Session.planned_participants", error=InvalidSessionError)


class _Dated:
    """What a session keeps besides its fields: the day deadlines of its class.

    A slot of its own, outside the `attrs` fields: it takes no part in
    equality, hashing, `repr`, `attrs.asdict` or the plain-data form.
    """

    __slots__ = ("_days",)
    #: The deadlines of the confirmed class's local day under the session's
    #: policy (`instants.days`), `None` while no slot is confirmed. Set when
    #: the session is built, so that every rule reads them from here.
    _days: Days | None


@attrs.frozen(kw_only=True, repr=False)
class Session(_Dated):
    """One group of one Incompany project, with every fact recorded about it.

    Facts are the instants at which something happened outside the library
    (`None` until recorded). The session's [`Policy`][incompany_rules.policy.Policy]
    is the one in force when it was requested.

    Once checked, a session keeps the deadlines of its class's day, which
    every rule reads ([Time base](../time-base.md#one-module-owns-time)). A
    subclass that defines its own `__attrs_post_init__` calls this one
    first, or the rules cannot read them.
    """

    __repr__ = fields_repr

    project: str = attrs.field(converter=_SESSION_TEXT)  # type: ignore[misc]
    """N° de projet."""
    group: str = attrs.field(converter=_SESSION_TEXT)  # type: ignore[misc]
    """Groupe, within the project."""
    training: Training = attrs.field(validator=_typed("Session.training", Training))
    company: Company = attrs.field(validator=_typed("Session.company", Company))
    requested_at: pendulum.DateTime = attrs.field(converter=_requested_at, eq=key)
    """When the company's request reached the fund (R1)."""
    policy: Policy = attrs.field(default=DEFAULT_POLICY, validator=_typed("Session.policy", Policy))
    planned_participants: int | None = attrs.field(default=None, converter=_count)
    """Participants the company said it plans (R1), when known."""
    proposed_slots: tuple[Slot, ...] = attrs.field(default=(), converter=_slots)
    """Slots the trainer proposed (R3)."""
    confirmed_slot: Slot | None = attrs.field(default=None)
    """The slot the client confirmed, one of ``proposed_slots`` (R3)."""
    dates_confirmed_at: Instant | None = attrs.field(
        default=None,
        converter=_SESSION_FACT,  # type: ignore[misc]
        eq=_instant_key,
    )
    """When the client confirmed the dates (R3, R4); registration opens then (R8)."""
    participants: tuple[Participant, ...] = attrs.field(default=(), converter=_participants)
    """Registered participants, in the order HR added them (R9)."""
    attendance: frozenset[NationalNumber] | None = attrs.field(default=None, converter=_attendance)
    """National numbers of who attended the class; ``None`` until recorded (R17)."""
    reminder_sent_at: Instant | None = attrs.field(
        default=None,
        converter=_SESSION_FACT,  # type: ignore[misc]
        eq=_instant_key,
    )
    """When the reminder to register participants went out (R6)."""
    definitive_confirmation_at: Instant | None = attrs.field(
        default=None,
        converter=_SESSION_FACT,  # type: ignore[misc]
        eq=_instant_key,
    )
    """When the fund gave its definitive confirmation (R10)."""
    link_generated_at: Instant | None = attrs.field(
        default=None,
        converter=_SESSION_FACT,  # type: ignore[misc]
        eq=_instant_key,
    )
    """When the platform link was generated (R11)."""
    access_emails_sent_at: Instant | None = attrs.field(
        default=None,
        converter=_SESSION_FACT,  # type: ignore[misc]
        eq=_instant_key,
    )
    """When participants were e-mailed their platform access (R12)."""
    zoom_checked_at: Instant | None = attrs.field(
        default=None,
        converter=_SESSION_FACT,  # type: ignore[misc]
        eq=_instant_key,
    )
    """When the client confirmed that its IT allows Zoom (R13)."""
    cancelled_at: Instant | None = attrs.field(
        default=None,
        converter=_SESSION_FACT,  # type: ignore[misc]
        eq=_instant_key,
    )
    """When the client notified the cancellation (R15)."""
    evaluation_sent_at: Instant | None = attrs.field(
        default=None,
        converter=_SESSION_FACT,  # type: ignore[misc]
        eq=_instant_key,
    )
    """When the evaluation form went out (R14)."""
    fees_invoiced_at: Instant | None = attrs.field(
        default=None,
        converter=_SESSION_FACT,  # type: ignore[misc]
        eq=_instant_key,
    )
    """When the fees owed were invoiced (R15-R17)."""
    availability_asked_at: Instant | None = attrs.field(
        default=None,
        converter=_SESSION_FACT,  # type: ignore[misc]
        eq=_instant_key,
    )
    """When the fund asked the trainer for availability (R3)."""
    dates_forwarded_at: Instant | None = attrs.field(
        default=None,
        converter=_SESSION_FACT,  # type: ignore[misc]
        eq=_instant_key,
    )
    """When the fund forwarded the proposed dates to the client (R3); cleared by new proposals."""
    recap_sent_at: Instant | None = attrs.field(
        default=None,
        converter=_SESSION_FACT,  # type: ignore[misc]
        eq=_instant_key,
    )
    """When the fund sent the recap mail of the confirmed dates (R4)."""
    not_held_announced_at: Instant | None = attrs.field(
        default=None,
        converter=_SESSION_FACT,  # type: ignore[misc]
        eq=_instant_key,
    )
    """When every party was told that the class will not take place, for want of a list (R16)."""
    access_emailed: frozenset[NationalNumber] | None = attrs.field(
        default=None, converter=_access_emailed
    )
    """National numbers of who was sent the access e-mail (R12); ``None``: everyone registered when
    ``access_emails_sent_at`` was recorded.
    """

    __getstate__ = pickled_state

    def __setstate__(self, state: dict[str, object]) -> None:
        restore_state(self, state)
        self._date()

    def __attrs_post_init__(self) -> None:
        tz = self.policy.tz
        for slot in self.proposed_slots:
            _on_one_local_day(slot, tz)
        if self.confirmed_slot is not None:
            if not isinstance(self.confirmed_slot, Slot):
                raise InvalidTypeError(
                    "Session.confirmed_slot",
                    f"expected a Slot or None, got {type(self.confirmed_slot).__name__}",
                )
            if self.confirmed_slot not in self.proposed_slots:
                raise InvalidSessionError(
                    "Session.confirmed_slot", "must be one of proposed_slots (R3)"
                )
        if (self.confirmed_slot is None) != (self.dates_confirmed_at is None):
            raise InvalidSessionError(
                "Session.dates_confirmed_at",
                "must be set when confirmed_slot is set, and only then",
            )
        if self.attendance is not None:
            registered = {p.national_number for p in self.participants}
            strangers = sorted(n.masked() for n in self.attendance - registered)
            if strangers:
                raise InvalidSessionError(
                    "Session.attendance",
                    "attended but not registered: " + ", ".join(strangers),
                )
        self._date()

    def _date(self) -> None:
        """Keep the day deadlines of the confirmed class, once the session is valid."""
        slot = self.confirmed_slot
        fixed = None
        if slot is not None:
            policy = self.policy
            day = local(slot.start, policy.tz).toordinal()
            fixed = days(policy, day, day)
        object.__setattr__(self, "_days", fixed)

    @property
    def key(self) -> str:
        """`project/group`, the reference HR types to find the session."""
        return f"{self.project}/{self.group}"

    @property
    def is_cancelled(self) -> bool:
        """Whether a cancellation was notified."""
        return self.cancelled_at is not None

    def evolve(self, **changes: object) -> Session:
        """Return a copy with `changes` applied, validated like a new session.

        Examples:
            >>> from incompany_rules.examples import requested_session
            >>> requested_session(pendulum.datetime(2026, 4, 1, 9)).evolve(colour="red")
            Traceback (most recent call last):
              ...
            incompany_rules.errors.InvalidTypeError: Invalid Session.colour: no such field
        """
        for name in changes:
            if name not in _SESSION_FIELDS:
                raise InvalidTypeError(f"Session.{field_name(name)}", "no such field")
        return attrs.evolve(self, **changes)  # type: ignore[arg-type]

    _repr_pretty_ = pretty_as_repr


_SESSION_FIELDS = frozenset(field.alias for field in attrs.fields(Session) if field.init)


def _on_one_local_day(slot: Slot, tz: dt.tzinfo) -> None:
    start, end = local(slot.start, tz), local(slot.end, tz)
    if start.date() != end.date():
        raise InvalidSlotError(
            "Session.proposed_slots",
            f"a slot must start and end on one local day, got {start.isoformat()}"
            f" to {end.isoformat()}",
        )
