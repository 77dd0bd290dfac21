"""Decisions: whether something is allowed, and every reason why not.

A :class:`Decision` answers a question such as "may HR register this person
now?" (R5, R8, R9) or "may this company request an Incompany session?" (R1,
R2). It is truthy when the step is allowed and falsy when it is refused, like
Open edX's ``AccessResponse``; a refusal lists *every* unmet condition, not
only the first one met, so that a screen can show them all at once.

Each :class:`Reason` carries a stable machine code (:class:`ReasonCode`,
a ``str`` enum whose values never change), the id of the rule it comes from
(``RULES.md``), the figures involved (the deadline instant, a count and the
limit it misses) and a text in French, Dutch and English built from those
figures:

>>> import pendulum
>>> closed = pendulum.datetime(2026, 3, 30, tz="Europe/Brussels")
>>> decision = Decision.refuse(
...     Reason(ReasonCode.REGISTRATION_CLOSED, "R8", at=closed, limit=3),
...     Reason(ReasonCode.TOO_FEW_PARTICIPANTS, "R1", count=4, limit=6),
... )
>>> bool(decision), decision.codes
(False, (<ReasonCode.REGISTRATION_CLOSED: 'registration_closed'>, <ReasonCode.TOO_FEW_PARTICIPANTS: 'too_few_participants'>))
>>> print(decision.reasons[0].text("fr"))
Les inscriptions sont clôturées depuis le 30/03/2026 à 00:00 (fin de J-3).
>>> print(decision.reasons[1].text("nl"))
4 geplande deelnemers, minimum 6.
>>> print(decision.text("en"))
Registration closed on 30/03/2026 at 00:00 (end of D-3). 4 planned participants, at least 6 are needed.

An allowed decision has no reason:

>>> ok = Decision.allow()
>>> bool(ok), ok.reasons
(True, ())
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

import attrs
import pendulum

from incompany_rules.errors import InvalidTypeError, InvalidValueError
from incompany_rules.languages import Language, language_index
from incompany_rules.validation import flag, items_of, shown

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["Decision", "Language", "Reason", "ReasonCode"]


class ReasonCode(enum.StrEnum):
    """The stable machine code of a reason; its value never changes between releases."""

    #: R1: the company has not submitted a training plan before the request.
    NO_TRAINING_PLAN = "no_training_plan"
    #: R1: fewer planned participants than the policy's minimum.
    TOO_FEW_PARTICIPANTS = "too_few_participants"
    #: R2: the training is not part of the digital offer.
    NOT_IN_DIGITAL_OFFER = "not_in_digital_offer"
    #: The instant asked about comes before the session was requested.
    BEFORE_REQUEST = "before_request"
    #: R3: the slot to confirm is not one the trainer proposed.
    SLOT_NOT_PROPOSED = "slot_not_proposed"
    #: R3: the class of the slot has already started.
    SLOT_STARTED = "slot_started"
    #: R3: a slot is confirmed already.
    DATES_ALREADY_CONFIRMED = "dates_already_confirmed"
    #: R3, R8: no slot is confirmed yet.
    DATES_NOT_CONFIRMED = "dates_not_confirmed"
    #: R5: the account was not created with the HR function.
    NO_HR_FUNCTION = "no_hr_function"
    #: R5: the account's TOS document is not completed.
    TOS_NOT_COMPLETED = "tos_not_completed"
    #: R5: the account belongs to another company than the session.
    OTHER_COMPANY = "other_company"
    #: R15: the session is cancelled.
    SESSION_CANCELLED = "session_cancelled"
    #: R8: registration opens when the dates are confirmed.
    REGISTRATION_NOT_OPEN = "registration_not_open"
    #: R8: registration closed at the end of D-3.
    REGISTRATION_CLOSED = "registration_closed"
    #: R9: a participant with the same national number is registered already.
    ALREADY_REGISTERED = "already_registered"
    #: R8: the person is not registered in the session.
    NOT_REGISTERED = "not_registered"
    #: R15: the class has started; it can no longer be cancelled.
    CLASS_STARTED = "class_started"
    #: R14, R17: the class is not over yet.
    CLASS_NOT_OVER = "class_not_over"
    #: The fact is recorded already.
    ALREADY_RECORDED = "already_recorded"
    #: R11: the definitive confirmation is not recorded yet.
    NO_DEFINITIVE_CONFIRMATION = "no_definitive_confirmation"
    #: R12: the platform link is not recorded yet.
    NO_LINK = "no_link"
    #: R12: links generated before the policy's effective date send no access e-mail.
    NO_ACCESS_EMAILS = "no_access_emails"
    #: R18: no fee is owed, so there is nothing to invoice.
    NO_FEES_OWED = "no_fees_owed"
    #: R18: no participant was registered when registration closed: the class is not held.
    NOT_HELD = "not_held"


def _when(at: pendulum.DateTime | None) -> tuple[str, str]:
    if at is None:
        return ("?", "?")
    return (at.format("DD/MM/YYYY"), at.format("HH:mm"))


# One template per code and language; {day}, {time}, {count}, {limit}, {subject}.
_TEXTS: dict[ReasonCode, tuple[str, str, str]] = {
    ReasonCode.NO_TRAINING_PLAN: (
        "Aucun plan de formation n'a été introduit au préalable.",
        "Er werd vooraf geen opleidingsplan ingediend.",
        "No training plan was submitted beforehand.",
    ),
    ReasonCode.TOO_FEW_PARTICIPANTS: (
        "{count} participants prévus, minimum {limit}.",
        "{count} geplande deelnemers, minimum {limit}.",
        "{count} planned participants, at least {limit} are needed.",
    ),
    ReasonCode.NOT_IN_DIGITAL_OFFER: (
        "Cette formation ne fait pas partie de l'offre digitale.",
        "Deze opleiding maakt geen deel uit van het digitale aanbod.",
        "This training is not part of the digital offer.",
    ),
    ReasonCode.BEFORE_REQUEST: (
        "La session n'est demandée que depuis le {day} à {time}.",
        "De sessie werd pas aangevraagd op {day} om {time}.",
        "The session was only requested on {day} at {time}.",
    ),
    ReasonCode.SLOT_NOT_PROPOSED: (
        "Cette date n'a pas été proposée par le formateur.",
        "Deze datum werd niet door de opleider voorgesteld.",
        "This date was not proposed by the trainer.",
    ),
    ReasonCode.SLOT_STARTED: (
        "Cette classe a commencé le {day} à {time}.",
        "Deze les is begonnen op {day} om {time}.",
        "This class started on {day} at {time}.",
    ),
    ReasonCode.DATES_ALREADY_CONFIRMED: (
        "Une date est déjà confirmée.",
        "Er is al een datum bevestigd.",
        "A date is confirmed already.",
    ),
    ReasonCode.DATES_NOT_CONFIRMED: (
        "Aucune date n'est encore confirmée.",
        "Er is nog geen datum bevestigd.",
        "No date is confirmed yet.",
    ),
    ReasonCode.NO_HR_FUNCTION: (
        "Le compte myCefora n'a pas la fonction HR.",
        "De myCefora-account heeft de HR-functie niet.",
        "The myCefora account does not have the HR function.",
    ),
    ReasonCode.TOS_NOT_COMPLETED: (
        "Le document TOS du compte n'est pas complété.",
        "Het TOS-document van de account is niet ingevuld.",
        "The account's TOS document is not completed.",
    ),
    ReasonCode.OTHER_COMPANY: (
        "Le compte appartient à une autre entreprise que la session.",
        "De account behoort tot een ander bedrijf dan de sessie.",
        "The account belongs to another company than the session.",
    ),
    ReasonCode.SESSION_CANCELLED: (
        "La session a été annulée le {day} à {time}.",
        "De sessie werd geannuleerd op {day} om {time}.",
        "The session was cancelled on {day} at {time}.",
    ),
    ReasonCode.REGISTRATION_NOT_OPEN: (
        "Les inscriptions ne sont ouvertes qu'à partir du {day} à {time}.",
        "De inschrijvingen openen pas op {day} om {time}.",
        "Registration only opens on {day} at {time}.",
    ),
    ReasonCode.REGISTRATION_CLOSED: (
        "Les inscriptions sont clôturées depuis le {day} à {time} (fin de J-{limit}).",
        "De inschrijvingen zijn gesloten sinds {day} om {time} (einde van D-{limit}).",
        "Registration closed on {day} at {time} (end of D-{limit}).",
    ),
    ReasonCode.ALREADY_REGISTERED: (
        "Le numéro de registre national {subject} est déjà inscrit.",
        "Het rijksregisternummer {subject} is al ingeschreven.",
        "National number {subject} is registered already.",
    ),
    ReasonCode.NOT_REGISTERED: (
        "Le numéro de registre national {subject} n'est pas inscrit.",
        "Het rijksregisternummer {subject} is niet ingeschreven.",
        "National number {subject} is not registered.",
    ),
    ReasonCode.CLASS_STARTED: (
        "La classe a commencé le {day} à {time}.",
        "De les is begonnen op {day} om {time}.",
        "The class started on {day} at {time}.",
    ),
    ReasonCode.CLASS_NOT_OVER: (
        "La classe ne se termine que le {day} à {time}.",
        "De les eindigt pas op {day} om {time}.",
        "The class only ends on {day} at {time}.",
    ),
    ReasonCode.ALREADY_RECORDED: (
        "Déjà enregistré le {day} à {time}.",
        "Al geregistreerd op {day} om {time}.",
        "Recorded already on {day} at {time}.",
    ),
    ReasonCode.NO_DEFINITIVE_CONFIRMATION: (
        "La confirmation définitive n'est pas encore enregistrée.",
        "De definitieve bevestiging is nog niet geregistreerd.",
        "The definitive confirmation is not recorded yet.",
    ),
    ReasonCode.NO_LINK: (
        "Le lien vers la plateforme n'est pas encore généré.",
        "De link naar het platform is nog niet aangemaakt.",
        "The platform link is not generated yet.",
    ),
    ReasonCode.NO_ACCESS_EMAILS: (
        "Pas d'e-mail d'accès pour un lien généré avant le {day}.",
        "Geen toegangsmail voor een link aangemaakt vóór {day}.",
        "No access e-mail for a link generated before {day}.",
    ),
    ReasonCode.NO_FEES_OWED: (
        "Aucun frais n'est dû au {day} à {time}.",
        "Er zijn geen kosten verschuldigd op {day} om {time}.",
        "No fee is owed on {day} at {time}.",
    ),
    ReasonCode.NOT_HELD: (
        "Aucun participant inscrit à la clôture du {day} à {time} : la classe n'a pas lieu.",
        "Geen deelnemer ingeschreven bij de afsluiting op {day} om {time}: de les gaat niet door.",
        "No participant registered when registration closed on {day} at {time}: the class is not held.",
    ),
}


def _code(value: object) -> ReasonCode:
    try:
        return ReasonCode(value)  # type: ignore[arg-type]
    except ValueError:
        pass  # raised below, outside this block: no chained exception quotes the value
    raise InvalidValueError("Reason.code", f"expected a ReasonCode, got {shown(value)}")


def _rule(_instance: object, _attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str):
        raise InvalidTypeError(
            "Reason.rule", f"expected a rule id such as 'R8', got {shown(value)}"
        )


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


@attrs.frozen
class Reason:
    """One unmet condition: its machine code, its rule, the figures, and its text.

    ``at`` is the instant involved (a deadline, the class start, when a fact
    was recorded), on the policy's clock; ``count`` and ``limit`` a number and
    the bound it misses (planned participants and the minimum; the ``n`` of
    "end of D-n"); ``subject`` names what the reason is about (a masked
    national number, never a full one).
    """

    code: ReasonCode = attrs.field(converter=_code)
    rule: str = attrs.field(validator=_rule)
    at: pendulum.DateTime | None = attrs.field(
        default=None, kw_only=True, converter=_optional_moment
    )
    count: int | None = attrs.field(default=None, kw_only=True, validator=_optional_count)
    limit: int | None = attrs.field(default=None, kw_only=True, validator=_optional_count)
    subject: str | None = attrs.field(default=None, kw_only=True, validator=_optional_subject)

    def text(self, lang: Language = "en") -> str:
        """Return the reason in ``"fr"``, ``"nl"`` or ``"en"``, with its figures."""
        template = _TEXTS[self.code][language_index(lang)]
        day, time = _when(self.at)
        return template.format(
            day=day, time=time, count=self.count, limit=self.limit, subject=self.subject
        )

    def __str__(self) -> str:
        return f"{self.rule} {self.code.value}: {self.text('en')}"


def _reasons(value: object) -> tuple[Reason, ...]:
    return items_of(value, Reason, field="Decision.reasons", what="reasons")


@attrs.frozen
class Decision:
    """Whether a step is allowed; when refused, every reason why.

    ``bool(decision)`` is :attr:`allowed`. An allowed decision has no reason
    and a refusal has at least one; build them with :meth:`allow`,
    :meth:`refuse` or :meth:`from_reasons`.
    """

    allowed: bool
    reasons: tuple[Reason, ...] = attrs.field(default=(), converter=_reasons)

    def __attrs_post_init__(self) -> None:
        flag(self.allowed, field="Decision.allowed")
        if self.allowed == bool(self.reasons):
            raise InvalidValueError(
                "Decision.reasons", "an allowed decision has no reason, a refusal at least one"
            )

    def __bool__(self) -> bool:
        return self.allowed

    @classmethod
    def allow(cls) -> Decision:
        """Return the decision that allows the step."""
        return _ALLOWED

    @classmethod
    def refuse(cls, reason: Reason, *more: Reason) -> Decision:
        """Return a refusal for ``reason`` and any ``more``."""
        return cls(allowed=False, reasons=(reason, *more))

    @classmethod
    def from_reasons(cls, reasons: Iterable[Reason]) -> Decision:
        """Return a refusal listing ``reasons``, or :meth:`allow` when there is none."""
        found = _reasons(reasons)
        return cls(allowed=False, reasons=found) if found else _ALLOWED

    @property
    def codes(self) -> tuple[ReasonCode, ...]:
        """The machine codes of the reasons, in order."""
        return tuple(reason.code for reason in self.reasons)

    def text(self, lang: Language = "en") -> str:
        """Return every reason's text in ``lang``, one after the other."""
        language_index(lang)
        return " ".join(reason.text(lang) for reason in self.reasons)


_ALLOWED = Decision(allowed=True)
