"""What is open at an instant, for whom, by when, and what missing it costs.

:func:`next_actions` reads a session and an instant and returns the open
actions of every party: the fund (``CEFORA``), the client's HR
(``CLIENT_HR``), the trainer, the participants and the platform. Each
:class:`Action` has its due instant (on the policy's clock), the rule it
comes from, whether it is overdue at the instant asked (due strictly
before it), and the consequence if it is missed, with the fee where one
applies, in French, Dutch and English.

The actions, in process order:

======================  ============  =====  ========================================
action                  actor         rule   due; open while
======================  ============  =====  ========================================
propose slots           trainer       R3     at the request; no bookable slot proposed
confirm a slot          client HR     R3     the earliest proposed class not started
send the reminder       fund          R6     00:00 D-21; until the class starts
register participants   client HR     R8     00:00 D-2 (end of D-3); while the window
                                             is open and fewer than the minimum are
                                             registered ("or 375 EUR", R16)
definitive confirmation fund          R10    00:00 D-15; until the class starts
generate the link       platform      R11    24 h after the confirmation; once it is
                                             recorded, until the class ends
access e-mails          platform      R12    with the link; once the link is recorded
prepare                 participants  R12    the class start; once the link is recorded
check Zoom              client HR     R13    the class start; until then
hold the class          trainer       R3     the class start; until then
record attendance       trainer       R17    the class end; from the class start
send the evaluation     fund          R14    00:00 on the day after; from the class end
invoice fees            fund          R15-17 when the first fee arose; while owed
======================  ============  =====  ========================================

Reading the rules: a recorded fact closes its action, whatever the instant
asked. A session confirmed late still gets the steps it missed, as overdue
actions (R6). No action is due before the session was requested: a due
instant that would precede the request is the request's instant, and before
the request nothing is open. A cancelled session, and one with no
participant when registration closed (R18: not held), only keep the
invoicing of a fee, when :func:`~incompany_rules.fees.fees_due` owes one.
The invoicing is due when the first fee arose (the late cancellation, the
end of D-3, the class end) and closes once ``fees_invoiced_at`` is recorded.

A class on Wednesday 1 April 2026, confirmed on 18 February; on 12 March at
09:00 the reminder of 11 March (D-21) has not gone out:

>>> import pendulum
>>> from incompany_rules.examples import confirmed_session
>>> session = confirmed_session(pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels"))
>>> for action in next_actions(session, pendulum.datetime(2026, 3, 12, 9, tz="Europe/Brussels")):
...     late = "overdue" if action.overdue else "open"
...     print(f"{action.due:%d/%m %H:%M} {late:7} {action.actor.value:9} {action.title()}")
11/03 00:00 overdue cefora    Send the reminder to register participants
17/03 00:00 open    cefora    Send the definitive confirmation
30/03 00:00 open    client_hr Register the participants in myCefora
01/04 09:00 open    client_hr Check with IT that Zoom is allowed
01/04 09:00 open    trainer   Hold the online class
>>> register = next_actions(session, pendulum.datetime(2026, 3, 12, 9, tz="Europe/Brussels"))[2]
>>> print(register.consequence("fr"))
Sans liste de participants à la clôture du 30/03/2026 à 00:00 : 375 EUR (R16).
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

import attrs

from incompany_rules.fees import fees_due
from incompany_rules.instants import checked, local
from incompany_rules.languages import language_index
from incompany_rules.milestones import Schedule, schedule
from incompany_rules.policy import ShortfallBasis
from incompany_rules.session import Session
from incompany_rules.validation import expect

if TYPE_CHECKING:
    import datetime as dt
    from decimal import Decimal

    import pendulum

    from incompany_rules.languages import Language

__all__ = ["Action", "ActionKind", "Actor", "next_actions"]


class Actor(enum.Enum):
    """Who has to act."""

    #: The training fund.
    CEFORA = "cefora"
    #: The client company's HR, through its myCefora account.
    CLIENT_HR = "client_hr"
    TRAINER = "trainer"
    PARTICIPANTS = "participants"
    #: The Karibu platform.
    PLATFORM = "platform"


class ActionKind(enum.Enum):
    """Every action of the process, declared in process order (the tie-break when sorting)."""

    PROPOSE_SLOTS = "propose_slots"
    CONFIRM_SLOT = "confirm_slot"
    SEND_REMINDER = "send_reminder"
    REGISTER_PARTICIPANTS = "register_participants"
    DEFINITIVE_CONFIRMATION = "definitive_confirmation"
    GENERATE_LINK = "generate_link"
    SEND_ACCESS_EMAILS = "send_access_emails"
    PREPARE = "prepare"
    CHECK_ZOOM = "check_zoom"
    HOLD_CLASS = "hold_class"
    RECORD_ATTENDANCE = "record_attendance"
    SEND_EVALUATION = "send_evaluation"
    INVOICE_FEES = "invoice_fees"


_ORDER = {kind: index for index, kind in enumerate(ActionKind)}

# kind: actor, rule, title (fr, nl, en), consequence (fr, nl, en).
# Consequences use {day}, {time} (the due instant), {fee}, {count}.
_KINDS: dict[ActionKind, tuple[Actor, str, tuple[str, str, str], tuple[str, str, str]]] = {
    ActionKind.PROPOSE_SLOTS: (
        Actor.TRAINER,
        "R3",
        (
            "Proposer des dates pour la classe en ligne",
            "Data voorstellen voor de online les",
            "Propose dates for the online class",
        ),
        (
            "Le client ne peut pas choisir de date.",
            "De klant kan geen datum kiezen.",
            "The client cannot choose a date.",
        ),
    ),
    ActionKind.CONFIRM_SLOT: (
        Actor.CLIENT_HR,
        "R3",
        (
            "Confirmer une des dates proposées",
            "Een van de voorgestelde data bevestigen",
            "Confirm one of the proposed dates",
        ),
        (
            "La date proposée du {day} à {time} ne pourra plus être choisie.",
            "De voorgestelde datum van {day} om {time} kan niet meer gekozen worden.",
            "The proposed date of {day} at {time} can no longer be chosen.",
        ),
    ),
    ActionKind.SEND_REMINDER: (
        Actor.CEFORA,
        "R6",
        (
            "Envoyer le rappel d'inscription des participants",
            "De herinnering om deelnemers in te schrijven versturen",
            "Send the reminder to register participants",
        ),
        (
            "Le client n'est pas invité à inscrire ses participants ; la confirmation tacite (R7) attend ce rappel.",
            "De klant wordt niet uitgenodigd om deelnemers in te schrijven; de stilzwijgende bevestiging (R7) wacht op die herinnering.",
            "The client is not asked to register participants; tacit confirmation (R7) waits for the reminder.",
        ),
    ),
    ActionKind.REGISTER_PARTICIPANTS: (
        Actor.CLIENT_HR,
        "R8",
        (
            "Inscrire les participants dans myCefora",
            "De deelnemers in myCefora inschrijven",
            "Register the participants in myCefora",
        ),
        (
            "Sans liste de participants à la clôture du {day} à {time} : {fee} EUR (R16).",
            "Zonder deelnemerslijst bij de afsluiting op {day} om {time}: {fee} EUR (R16).",
            "No participant list when registration closes on {day} at {time}: {fee} EUR (R16).",
        ),
    ),
    ActionKind.DEFINITIVE_CONFIRMATION: (
        Actor.CEFORA,
        "R10",
        (
            "Envoyer la confirmation définitive",
            "De definitieve bevestiging versturen",
            "Send the definitive confirmation",
        ),
        (
            "Le lien vers la plateforme (R11) ne peut pas être généré.",
            "De link naar het platform (R11) kan niet aangemaakt worden.",
            "The platform link (R11) cannot be generated.",
        ),
    ),
    ActionKind.GENERATE_LINK: (
        Actor.PLATFORM,
        "R11",
        (
            "Générer le lien vers la plateforme Karibu",
            "De link naar het Karibu-platform aanmaken",
            "Generate the Karibu platform link",
        ),
        (
            "Les participants ne peuvent pas suivre le trajet de préformation.",
            "De deelnemers kunnen het voortraject niet volgen.",
            "Participants cannot follow the pre-training path.",
        ),
    ),
    ActionKind.SEND_ACCESS_EMAILS: (
        Actor.PLATFORM,
        "R12",
        (
            "Envoyer aux participants l'e-mail d'accès à Karibu",
            "De deelnemers de toegangsmail voor Karibu sturen",
            "E-mail the participants their Karibu access",
        ),
        (
            "Les participants ne reçoivent pas leur accès à la plateforme.",
            "De deelnemers krijgen geen toegang tot het platform.",
            "Participants get no access to the platform.",
        ),
    ),
    ActionKind.PREPARE: (
        Actor.PARTICIPANTS,
        "R12",
        (
            "Créer son compte myCefora et suivre le trajet de préformation",
            "Een myCefora-account aanmaken en het voortraject volgen",
            "Create a myCefora account and follow the pre-training path",
        ),
        (
            "Le participant arrive sans préparation à la classe du {day} à {time}.",
            "De deelnemer komt onvoorbereid naar de les van {day} om {time}.",
            "The participant comes unprepared to the class of {day} at {time}.",
        ),
    ),
    ActionKind.CHECK_ZOOM: (
        Actor.CLIENT_HR,
        "R13",
        (
            "Vérifier avec le service IT que Zoom est autorisé",
            "Met de IT-dienst nagaan of Zoom toegelaten is",
            "Check with IT that Zoom is allowed",
        ),
        (
            "Les participants risquent de ne pas pouvoir rejoindre la classe du {day} à {time}.",
            "De deelnemers kunnen misschien niet deelnemen aan de les van {day} om {time}.",
            "Participants may be unable to join the class of {day} at {time}.",
        ),
    ),
    ActionKind.HOLD_CLASS: (
        Actor.TRAINER,
        "R3",
        ("Donner la classe en ligne", "De online les geven", "Hold the online class"),
        (
            "La classe du {day} à {time} n'a pas lieu.",
            "De les van {day} om {time} gaat niet door.",
            "The class of {day} at {time} does not take place.",
        ),
    ),
    ActionKind.RECORD_ATTENDANCE: (
        Actor.TRAINER,
        "R17",
        ("Enregistrer les présences", "De aanwezigheden registreren", "Record attendance"),
        (
            "Le montant pour participants manquants (R17) ne peut pas être calculé.",
            "Het bedrag voor ontbrekende deelnemers (R17) kan niet berekend worden.",
            "The shortfall fee (R17) cannot be computed.",
        ),
    ),
    ActionKind.SEND_EVALUATION: (
        Actor.CEFORA,
        "R14",
        (
            "Envoyer le formulaire d'évaluation",
            "Het evaluatieformulier versturen",
            "Send the evaluation form",
        ),
        (
            "Les participants ne peuvent pas évaluer la formation ; HR n'en voit aucun résultat.",
            "De deelnemers kunnen de opleiding niet evalueren; HR ziet geen resultaten.",
            "Participants cannot evaluate the training; HR sees no results.",
        ),
    ),
    ActionKind.INVOICE_FEES: (
        Actor.CEFORA,
        "R15",
        ("Facturer les frais dus", "De verschuldigde kosten factureren", "Invoice the fees owed"),
        (
            "{fee} EUR dus restent non facturés.",
            "{fee} EUR verschuldigd blijft ongefactureerd.",
            "{fee} EUR owed stays uninvoiced.",
        ),
    ),
}

# Registering some participants, but fewer than the minimum (R17).
_SHORT: tuple[str, str, str] = (
    "{count} participant(s) de moins que le minimum : {fee} EUR après la classe (R17).",
    "{count} deelnemer(s) minder dan het minimum: {fee} EUR na de les (R17).",
    "{count} participant(s) short of the minimum: {fee} EUR after the class (R17).",
)


@attrs.frozen
class Action:
    """One open step: what, by whom, due when (policy clock), under which rule.

    ``overdue`` says whether the due instant lies strictly before the
    instant asked. ``fee`` is what missing the action costs, where a fee
    applies (``None`` otherwise); ``count`` the people it counts (those
    missing below the minimum, R17).
    """

    kind: ActionKind
    actor: Actor
    due: pendulum.DateTime
    rule: str
    overdue: bool
    fee: Decimal | None = None
    count: int | None = None

    def title(self, lang: Language = "en") -> str:
        """Return what is to be done, in ``"fr"``, ``"nl"`` or ``"en"``."""
        return _KINDS[self.kind][2][language_index(lang)]

    def consequence(self, lang: Language = "en") -> str:
        """Return what missing the action leads to, with its fee, in ``lang``."""
        index = language_index(lang)
        templates = _KINDS[self.kind][3]
        if self.kind is ActionKind.REGISTER_PARTICIPANTS and self.count:
            templates = _SHORT
        return templates[index].format(
            day=self.due.format("DD/MM/YYYY"),
            time=self.due.format("HH:mm"),
            fee=self.fee,
            count=self.count,
        )


def _seconds(moment: dt.datetime) -> float:
    """Return the POSIX timestamp of the aware ``moment``: instants compare by it.

    Two datetimes on one clock compare by wall time, wrong in the hour that
    repeats in October; timestamps compare by instant, and cost a third of
    a conversion to UTC. A double holds every microsecond of these years.
    """
    return moment.timestamp()


class _Collector:
    """Build the actions of one session at one instant, each instant converted once."""

    __slots__ = ("found", "now", "requested", "requested_at", "tz")

    def __init__(self, session: Session, now: float) -> None:
        self.tz = session.policy.tz
        self.now = now
        self.requested = session.requested_at
        self.requested_at = _seconds(session.requested_at)
        self.found: list[tuple[bool, float, int, Action]] = []

    def add(  # noqa: PLR0913 (the parts of an action, keyword-only)
        self,
        kind: ActionKind,
        due: pendulum.DateTime,
        due_at: float,
        *,
        fee: Decimal | None = None,
        count: int | None = None,
        rule: str | None = None,
    ) -> None:
        if due_at < self.requested_at:
            due, due_at = self.requested, self.requested_at
        overdue = due_at < self.now
        actor, kind_rule, _title, _consequence = _KINDS[kind]
        shown = local(due, self.tz)
        action = Action(kind, actor, shown, rule or kind_rule, overdue, fee, count)
        self.found.append((not overdue, due_at, _ORDER[kind], action))

    def sorted(self) -> tuple[Action, ...]:
        # Each kind comes once, so rows never tie up to the action itself.
        self.found.sort()
        return tuple(row[3] for row in self.found)


@attrs.frozen
class _Plan:
    """The schedule of a confirmed session, with the instants compared most as timestamps."""

    dates: Schedule
    closes: float
    start: float
    end: float


def next_actions(session: Session, now: dt.datetime) -> tuple[Action, ...]:
    """Return the actions open at ``now``, overdue first, then by due instant.

    Actions due at the same instant come in process order
    (:class:`ActionKind`). Before the session was requested nothing is open.
    Raises only for a value that is not a session, an instant that is not an
    aware datetime (T1), and a session recording a cancellation at or after
    its class start (which :func:`~incompany_rules.transitions.cancel`
    refuses).
    """
    expect(session, Session, field="session")
    at = _now(now)
    found = _Collector(session, at)
    if at < found.requested_at:
        return ()
    if session.confirmed_slot is None:
        if session.cancelled_at is None:
            _unconfirmed(session, at, found)
        return found.sorted()
    dates = schedule(session)
    plan = _Plan(
        dates, _seconds(dates.registration_closes), _seconds(dates.start), _seconds(dates.end)
    )
    _invoice(session, plan, now, at, found)
    if session.cancelled_at is None:
        _confirmed(session, plan, at, found)
    return found.sorted()


def _now(now: object) -> float:
    """Return the timestamp of the aware instant ``now``, or raise the T1 error of :func:`instant`."""
    return checked(now, field="now").timestamp()  # raises: not a datetime, naive, or out of range


def _unconfirmed(session: Session, at: float, found: _Collector) -> None:
    """Add the planning steps of a session whose dates are not confirmed (R3)."""
    ahead = [(stamp, s.start) for s in session.proposed_slots if (stamp := _seconds(s.start)) > at]
    if ahead:
        stamp, start = min(ahead)
        found.add(ActionKind.CONFIRM_SLOT, start, stamp)
    else:
        found.add(ActionKind.PROPOSE_SLOTS, session.requested_at, found.requested_at)


def _invoice(session: Session, plan: _Plan, now: dt.datetime, at: float, found: _Collector) -> None:
    """Add the invoicing of the fees owed at ``now`` and not invoiced yet (R15-R18)."""
    if session.fees_invoiced_at is not None:
        return
    if session.cancelled_at is None and not _may_owe(session, plan, at):
        return  # fees_due would answer an empty invoice
    invoice = fees_due(session, now)
    total = invoice.total
    if total > 0:
        (line,) = invoice.lines  # one charge at most arises (R18)
        found.add(
            ActionKind.INVOICE_FEES,
            line.arises_at,
            _seconds(line.arises_at),
            fee=total,
            rule=line.rule,
        )


def _may_owe(session: Session, plan: _Plan, at: float) -> bool:
    """Whether a session not cancelled may owe a fee at ``at`` (a cheap superset of R16, R17)."""
    if not session.participants:
        return at >= plan.closes  # the missing list (R16)
    counted = (
        session.attendance is not None
        or session.policy.shortfall_basis is not ShortfallBasis.ATTENDED
    )
    return at >= plan.end and counted  # the shortfall (R17), once the count is known


def _confirmed(session: Session, plan: _Plan, at: float, found: _Collector) -> None:
    """Add the actions of a session whose dates are confirmed and that is not cancelled."""
    if at >= plan.closes and not session.participants:
        return  # R18: no list when registration closed, so the class is not held
    _registration(session, plan, at, found)
    _platform(session, plan, at, found)
    kind, dates = ActionKind, plan.dates
    if at < plan.start:
        if session.reminder_sent_at is None:
            found.add(kind.SEND_REMINDER, dates.reminder, _seconds(dates.reminder))
        if session.definitive_confirmation_at is None:
            confirmation = dates.definitive_confirmation
            found.add(kind.DEFINITIVE_CONFIRMATION, confirmation, _seconds(confirmation))
        if session.zoom_checked_at is None:
            found.add(kind.CHECK_ZOOM, dates.start, plan.start)
        found.add(kind.HOLD_CLASS, dates.start, plan.start)
        return
    if session.attendance is None:
        found.add(kind.RECORD_ATTENDANCE, dates.end, plan.end)
    if at >= plan.end and session.evaluation_sent_at is None:
        found.add(kind.SEND_EVALUATION, dates.evaluation, _seconds(dates.evaluation))


def _registration(session: Session, plan: _Plan, at: float, found: _Collector) -> None:
    """Add the registration of participants while the window is open (R8, R16, R17)."""
    policy = session.policy
    registered = len(session.participants)
    if at >= plan.closes or registered >= policy.min_participants:
        return
    closes = plan.dates.registration_closes
    if registered:
        missing = policy.min_participants - registered
        found.add(
            ActionKind.REGISTER_PARTICIPANTS,
            closes,
            plan.closes,
            fee=policy.shortfall_fee_per_person * missing,
            count=missing,
        )
    else:
        found.add(
            ActionKind.REGISTER_PARTICIPANTS,
            closes,
            plan.closes,
            fee=policy.missing_list_fee,
        )


def _platform(session: Session, plan: _Plan, at: float, found: _Collector) -> None:
    """Add the platform's steps once the definitive confirmation is recorded (R11, R12)."""
    if session.definitive_confirmation_at is None or at >= plan.end:
        return
    if session.link_generated_at is None:
        link = plan.dates.platform_link
        found.add(ActionKind.GENERATE_LINK, link, _seconds(link))
        return
    emails = plan.dates.participant_access_email
    if emails is not None and session.access_emails_sent_at is None:
        found.add(ActionKind.SEND_ACCESS_EMAILS, emails, _seconds(emails))
    if session.participants and at < plan.start:
        found.add(ActionKind.PREPARE, plan.dates.start, plan.start)
