"""Decisions: whether something is allowed, and every reason why not.

A [`Decision`][incompany_rules.decisions.Decision] answers a question such as
"may HR register this person now?" (R5, R8, R9) or "may this company request an
Incompany session?" (R1, R2). It is truthy when the step is allowed and falsy
when it is refused, like Open edX's `AccessResponse`; a refusal lists *every*
unmet condition, not only the first one met, so that a screen can show them all
at once.

Each [`Reason`][incompany_rules.decisions.Reason] carries a stable machine code
([`ReasonCode`][incompany_rules.decisions.ReasonCode], a `str` enum whose
values never change), the id of the rule it comes from (see the
[rules catalogue](../rules.md)), the figures involved (the deadline instant, a count and the limit it misses) and a
text in French, Dutch and English built from those figures.

Examples:
    >>> import pendulum
    >>> closed = pendulum.datetime(2026, 3, 30, tz="Europe/Brussels")
    >>> decision = Decision.refuse(
    ...     Reason(ReasonCode.REGISTRATION_CLOSED, "R8", at=closed, limit=3),
    ...     Reason(ReasonCode.TOO_FEW_PARTICIPANTS, "R1", count=4, limit=6),
    ... )
    >>> bool(decision), decision.codes
    (False, (<ReasonCode.REGISTRATION_CLOSED: 'registration_closed'>, <ReasonCode.TOO_FEW_PARTICIPANTS: 'too_few_participants'>))
    >>> print(decision.reasons[0].text("fr"))
    Les inscriptions étaient ouvertes jusqu'au dimanche 29 mars 2026 à 23:59 (fin de J-3).
    >>> print(decision.reasons[1].text("nl"))
    4 geplande deelnemers, minimum 6.
    >>> print(decision.text("en"))
    Registration was open until Sunday 29 March 2026 at 23:59 (end of D-3). 4 planned participants, at least 6 are needed.

    An allowed decision has no reason:

    >>> ok = Decision.allow()
    >>> bool(ok), ok.reasons
    (True, ())
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs
import pendulum

from incompany_rules.errors import InvalidTypeError, InvalidValueError
from incompany_rules.languages import Language, language_index
from incompany_rules.process import REASON_RULES
from incompany_rules.rules import Rule
from incompany_rules.texts import DEFAULT_LANGUAGE, TEXTS, day, moment, money, text, until
from incompany_rules.validation import fields_repr, flag, items_of, shown

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["Decision", "Language", "Reason", "ReasonCode"]


class ReasonCode(enum.StrEnum):
    """The stable machine code of a reason; its value never changes between releases."""

    NO_TRAINING_PLAN = "no_training_plan"
    """R1: the company has not submitted a training plan before the request."""
    TOO_FEW_PARTICIPANTS = "too_few_participants"
    """R1: fewer planned participants than the policy's minimum."""
    NOT_IN_DIGITAL_OFFER = "not_in_digital_offer"
    """R2: the training is not part of the digital offer."""
    BEFORE_REQUEST = "before_request"
    """T8: the instant asked about comes before the session was requested."""
    SLOT_NOT_PROPOSED = "slot_not_proposed"
    """R3: the slot to confirm is not one the trainer proposed."""
    SLOT_STARTED = "slot_started"
    """R3: the class of the slot has already started."""
    DATES_ALREADY_CONFIRMED = "dates_already_confirmed"
    """R3: a slot is confirmed already."""
    DATES_NOT_CONFIRMED = "dates_not_confirmed"
    """R3: no slot is confirmed yet."""
    NO_HR_FUNCTION = "no_hr_function"
    """R5: the account was not created with the HR function."""
    TOS_NOT_COMPLETED = "tos_not_completed"
    """R5: the account's TOS document is not completed."""
    OTHER_COMPANY = "other_company"
    """R5: the account belongs to a company other than the session's."""
    SESSION_CANCELLED = "session_cancelled"
    """R15: the session is cancelled."""
    REGISTRATION_NOT_OPEN = "registration_not_open"
    """R8: registration opens when the dates are confirmed."""
    REGISTRATION_CLOSED = "registration_closed"
    """R8: registration closed at the end of D-3."""
    ALREADY_REGISTERED = "already_registered"
    """R9: a participant with the same national number is registered already."""
    NOT_REGISTERED = "not_registered"
    """R9: nobody with this national number is registered in the session."""
    CLASS_STARTED = "class_started"
    """R15: the class has started; it can no longer be cancelled."""
    CLASS_NOT_OVER = "class_not_over"
    """R3: the class is not over yet."""
    ALREADY_RECORDED = "already_recorded"
    """R3: the fact is recorded already (each step of the process happens once)."""
    NO_DEFINITIVE_CONFIRMATION = "no_definitive_confirmation"
    """R11: the definitive confirmation is not recorded yet."""
    NO_LINK = "no_link"
    """R12: the platform link is not recorded yet."""
    NO_ACCESS_EMAILS = "no_access_emails"
    """R12: links generated before the policy's effective date send no access e-mail."""
    NO_FEES_OWED = "no_fees_owed"
    """R18: no fee is owed, so there is nothing to invoice."""
    NOT_HELD = "not_held"
    """R18: no participant was registered when registration closed: the class is not held."""
    LIST_NOT_MISSING = "list_not_missing"
    """R16: no missing list: someone is registered, or registration is still open."""
    NO_SLOT_PROPOSED = "no_slot_proposed"
    """R3: the trainer has proposed no slot yet."""
    LATE_CONFIRMATION = "late_confirmation"
    """R15: a notice, not a refusal: dates confirmed after the end of D-15 leave no free
    cancellation, and the participant list is due by the end of D-3.
    """


def _code(value: object) -> ReasonCode:
    try:
        return ReasonCode(value)  # type: ignore[arg-type]
    except ValueError:
        pass  # raised below, outside this block: no chained exception quotes the value
    raise InvalidValueError("Reason.code", f"expected a ReasonCode, got {shown(value)}")


def _rule(instance: Reason, _attribute: attrs.Attribute[Rule], value: object) -> None:
    if not isinstance(value, str):
        raise InvalidTypeError(
            "Reason.rule", f"expected a rule id such as 'R8', got {shown(value)}"
        )
    expected = REASON_RULES[instance.code.value]
    if value != expected:
        raise InvalidValueError(
            "Reason.rule",
            f"{instance.code.value} is a reason of rule {expected}, got {shown(value)}",
        )


def _rule_of(instance: Reason) -> Rule:
    return REASON_RULES[instance.code.value]


def _optional_amount(
    _instance: object, _attribute: attrs.Attribute[Decimal | None], value: object
) -> None:
    if value is not None and not isinstance(value, Decimal):
        raise InvalidTypeError("Reason.amount", f"expected a Decimal or None, got {shown(value)}")


def _rule_id(value: str) -> Rule:
    """Return `value` as a [`Rule`][incompany_rules.rules.Rule] when it is a rule id; the validator names the rest."""
    if isinstance(value, str) and value in Rule.__members__:
        return Rule(value)
    return value  # type: ignore[return-value]  # the validator refuses it, naming the field


def _optional_count(
    _instance: object, attribute: attrs.Attribute[int | None], value: int | None
) -> None:
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        raise InvalidTypeError(
            f"Reason.{attribute.name}", f"expected a whole number or None, got {shown(value)}"
        )


def _optional_subject(
    _instance: object, _attribute: attrs.Attribute[str | None], value: str | None
) -> None:
    if value is not None and not isinstance(value, str):
        raise InvalidTypeError("Reason.subject", f"expected a string or None, got {shown(value)}")


def _optional_moment(value: object) -> pendulum.DateTime | None:
    if value is None or type(value) is pendulum.DateTime:
        return value
    raise InvalidTypeError("Reason.at", f"expected a pendulum.DateTime, got {type(value).__name__}")


@attrs.frozen(repr=False)
class Reason:
    """One unmet condition: its machine code, its rule, the figures, and its text.

    `at` is the instant involved (a deadline, the class start, when a fact
    was recorded), on the policy's clock; `count` and `limit` a number and
    the bound it misses (planned participants and the minimum; the `n` of
    "end of D-n"); `subject` names what the reason is about (a masked
    national number, never a full one).
    """

    __repr__ = fields_repr

    code: ReasonCode = attrs.field(converter=_code)
    rule: Rule = attrs.field(
        default=attrs.Factory(_rule_of, takes_self=True),
        converter=_rule_id,
        validator=_rule,
    )
    at: pendulum.DateTime | None = attrs.field(
        default=None, kw_only=True, converter=_optional_moment
    )
    count: int | None = attrs.field(default=None, kw_only=True, validator=_optional_count)
    limit: int | None = attrs.field(default=None, kw_only=True, validator=_optional_count)
    subject: str | None = attrs.field(default=None, kw_only=True, validator=_optional_subject)
    amount: Decimal | None = attrs.field(default=None, kw_only=True, validator=_optional_amount)

    def text(self, lang: Language = DEFAULT_LANGUAGE) -> str:
        """Return the reason in `"fr"` (default), `"nl"` or `"en"`, with its figures."""
        key = f"reason.{self.code.value}"
        at = self.at
        if at is None and f"{key}.undated" in TEXTS:
            key += ".undated"
        if self.count == 1 and f"{key}.one" in TEXTS:
            key += ".one"
        return text(
            key,
            lang,
            when="?" if at is None else moment(at, lang),
            until="?" if at is None else until(at, lang),
            day="?" if at is None else day(at.date(), lang),
            count=self.count,
            limit=self.limit,
            subject=self.subject,
            amount="" if self.amount is None else money(self.amount, lang),
        )

    def __str__(self) -> str:
        return f"{self.rule} {self.code.value}: {self.text('en')}"


def _reasons(value: object) -> tuple[Reason, ...]:
    return items_of(value, Reason, field="Decision.reasons", what="reasons")


def _notices(value: object) -> tuple[Reason, ...]:
    return items_of(value, Reason, field="Decision.notices", what="reasons")


@attrs.frozen(repr=False)
class Decision:
    """Whether a step is allowed; when refused, every reason why.

    `bool(decision)` is
    [`allowed`][incompany_rules.decisions.Decision.allowed]. An allowed
    decision has no reason and a refusal has at least one; build them with
    [`allow`][incompany_rules.decisions.Decision.allow],
    [`refuse`][incompany_rules.decisions.Decision.refuse] or
    [`from_reasons`][incompany_rules.decisions.Decision.from_reasons].
    """

    __repr__ = fields_repr

    allowed: bool
    """Whether the step may be taken now."""
    reasons: tuple[Reason, ...] = attrs.field(default=(), converter=_reasons)
    """Every reason why the step is refused (empty when it is allowed)."""
    notices: tuple[Reason, ...] = attrs.field(default=(), kw_only=True, converter=_notices)
    """What the party should know although the step is allowed (a late confirmation's costs)."""

    def __attrs_post_init__(self) -> None:
        flag(self.allowed, field="Decision.allowed")
        if self.allowed == bool(self.reasons):
            raise InvalidValueError(
                "Decision.reasons", "an allowed decision has no reason, a refusal at least one"
            )

    def __bool__(self) -> bool:
        return self.allowed

    @classmethod
    def allow(cls, *notices: Reason) -> Decision:
        """Return the decision that allows the step, with any `notices` to pass on, of class `cls`."""
        if notices or cls is not Decision:
            return cls(allowed=True, notices=notices)
        return _ALLOWED  # the shared one, equal to a new one

    @classmethod
    def refuse(cls, reason: Reason, *more: Reason) -> Decision:
        """Return a refusal for `reason` and any `more`."""
        return cls(allowed=False, reasons=(reason, *more))

    @classmethod
    def from_reasons(cls, reasons: Iterable[Reason]) -> Decision:
        """Return a refusal listing `reasons`, or [`allow`][incompany_rules.decisions.Decision.allow] when there is none."""
        found = _reasons(reasons)
        return cls(allowed=False, reasons=found) if found else cls.allow()

    @property
    def codes(self) -> tuple[ReasonCode, ...]:
        """The machine codes of the reasons, in order."""
        return tuple(reason.code for reason in self.reasons)

    def text(self, lang: Language = DEFAULT_LANGUAGE) -> str:
        """Return every reason's (or notice's) text in `lang`, one after the other."""
        language_index(lang)
        return " ".join(reason.text(lang) for reason in (*self.reasons, *self.notices))


_ALLOWED = Decision(allowed=True)
