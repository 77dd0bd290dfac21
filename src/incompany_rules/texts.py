"""Every text the library shows a person, in French, Dutch and English, and how it writes figures.

One table, [`TEXTS`][incompany_rules.texts.TEXTS], holds every template as
`{key: (fr, nl, en)}`; [`text`][incompany_rules.texts.text] picks a language
(French unless told otherwise, the language of the fund's own process
description) and fills in the figures. Figures are written the way each
language writes them, through Babel, which is imported only when a text is
first written (`import incompany_rules` stays light).

Amounts are separated from the currency sign by a plain space (Babel's
no-break space is replaced), so that texts compare and print alike
everywhere.

Examples:
    >>> from decimal import Decimal
    >>> money(Decimal(375), "fr"), money(Decimal(375), "nl"), money(Decimal(375), "en")
    ('375,00 €', '€ 375,00', '€375.00')
    >>> import pendulum
    >>> class_start = pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels")
    >>> moment(class_start, "fr")
    'mercredi 1er avril 2026 à 09:00'
    >>> moment(class_start, "nl")
    'woensdag 1 april 2026 om 09:00'

    A window that closes at midnight is shown by its last minute, on the day
    it still covers, never as the next day's 00:00:

    >>> until(pendulum.datetime(2026, 3, 30, tz="Europe/Brussels"), "fr")
    'dimanche 29 mars 2026 à 23:59'
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING

from incompany_rules.languages import LANGUAGES, Language, language, language_index

if TYPE_CHECKING:
    from collections.abc import Callable
    from decimal import Decimal

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "TEXTS",
    "Language",
    "day",
    "moment",
    "money",
    "text",
    "until",
]

DEFAULT_LANGUAGE: Language = "fr"
"""The language of every text function when none is given: the source's."""

# The Babel locale of each language: Belgian French and Dutch; Irish English
# writes euros as English speakers of the euro area do ("€375.00").
_LOCALES = {"fr": "fr_BE", "nl": "nl_BE", "en": "en_IE"}
_AT = {"fr": "à", "nl": "om", "en": "at"}


@functools.cache
def _babel() -> tuple[Callable[..., str], Callable[..., str]]:
    """Import Babel's formatters on first use: they weigh more than the whole library."""
    from babel.dates import format_date  # noqa: PLC0415 (lazy: import time)
    from babel.numbers import format_currency  # noqa: PLC0415 (lazy: import time)

    return format_date, format_currency


def money(amount: Decimal, lang: Language = DEFAULT_LANGUAGE) -> str:
    """Return `amount` euros with two decimals, as `lang` writes it."""
    _, format_currency = _babel()
    written = format_currency(amount, "EUR", locale=_LOCALES[language(lang)])
    return written.replace("\xa0", " ").replace("\u202f", " ")


def day(date: dt.date, lang: Language = DEFAULT_LANGUAGE) -> str:
    """Return `date` spelled out: `mercredi 1er avril 2026`, `woensdag 1 april 2026`."""
    format_date, _ = _babel()
    locale = _LOCALES[language(lang)]
    # Equivalent as "eeee": Babel writes the full weekday name for both patterns.
    weekday = format_date(date, "EEEE", locale=locale)  # pragma: no mutate
    month = format_date(date, "MMMM", locale=locale)
    number = "1er" if lang == "fr" and date.day == 1 else str(date.day)
    return f"{weekday} {number} {month} {date.year}"


def moment(at: dt.datetime, lang: Language = DEFAULT_LANGUAGE) -> str:
    """Return the local day and time of `at`: `mercredi 1er avril 2026 à 09:00`."""
    return f"{day(at.date(), lang)} {_AT[lang]} {at:%H:%M}"


def until(closes: dt.datetime, lang: Language = DEFAULT_LANGUAGE) -> str:
    """Return the last minute a window closing at `closes` still covers, as [`moment`][incompany_rules.texts.moment] writes it.

    A window closing at 00:00 shows 23:59 on the day before; one closing at
    09:00 shows 08:59.
    """
    return moment(closes - _MINUTE, lang)  # moment shows hours and minutes only


def text(key: str, lang: Language = DEFAULT_LANGUAGE, **figures: object) -> str:
    """Return the text `key` in `lang`, its `{fields}` filled with `figures`."""
    return TEXTS[key][language_index(lang)].format(**figures)


_MINUTE = dt.timedelta(minutes=1)

# Fields: {when} an instant (moment), {until} the last minute of a window,
# {day} a spelled day, {amount} money, {count}, {limit}, {subject}.
TEXTS: dict[str, tuple[str, str, str]] = {
    # ---------------------------------------------------------------- actions
    "title.ask_availability": (
        "Demander des disponibilités au formateur",
        "De beschikbaarheid van de opleider opvragen",
        "Ask the trainer for availability",
    ),
    "consequence.ask_availability": (
        "Le formateur ne peut pas proposer de dates.",
        "De opleider kan geen data voorstellen.",
        "The trainer cannot propose dates.",
    ),
    "title.propose_slots": (
        "Proposer des dates pour la classe en ligne",
        "Data voorstellen voor de online les",
        "Propose dates for the online class",
    ),
    "title.propose_new_slots": (
        "Proposer de nouvelles dates pour la classe en ligne",
        "Nieuwe data voorstellen voor de online les",
        "Propose new dates for the online class",
    ),
    "consequence.propose_slots": (
        "Le client ne peut pas choisir de date.",
        "De klant kan geen datum kiezen.",
        "The client cannot choose a date.",
    ),
    "title.forward_dates": (
        "Transmettre au client les dates proposées par le formateur",
        "De door de opleider voorgestelde data aan de klant bezorgen",
        "Forward the trainer's proposed dates to the client",
    ),
    "consequence.forward_dates": (
        "Le client ne peut pas choisir de date.",
        "De klant kan geen datum kiezen.",
        "The client cannot choose a date.",
    ),
    "title.confirm_slot": (
        "Confirmer une des dates proposées",
        "Een van de voorgestelde data bevestigen",
        "Confirm one of the proposed dates",
    ),
    "consequence.confirm_slot": (
        "La date proposée du {day} ne pourra plus être choisie après le {until}.",
        "De voorgestelde datum van {day} kan na {until} niet meer gekozen worden.",
        "The proposed date, {day}, can no longer be chosen after {until}.",
    ),
    "title.send_recap": (
        "Envoyer le mail récapitulatif des dates confirmées",
        "De overzichtsmail met de bevestigde data versturen",
        "Send the recap e-mail of the confirmed dates",
    ),
    "consequence.send_recap": (
        "Le client n'a ni les références ni les horaires de ses groupes.",
        "De klant heeft de referenties en uurroosters van zijn groepen niet.",
        "The client does not have the references and times of its groups.",
    ),
    "title.send_reminder": (
        "Envoyer le mail de rappel pour introduire les participants",
        "De herinneringsmail versturen om de deelnemers in te schrijven",
        "Send the reminder e-mail to register the participants",
    ),
    "consequence.send_reminder": (
        (
            "Le client n'est pas invité à introduire ses participants avant la clôture des"
            " inscriptions, le {until} ; la confirmation tacite (R7) n'intervient qu'à"
            " l'envoi de ce rappel."
        ),
        (
            "De klant wordt niet uitgenodigd om zijn deelnemers in te schrijven vóór het afsluiten"
            " van de inschrijvingen op {until}; de stilzwijgende bevestiging (R7) volgt pas bij het"
            " versturen van die herinnering."
        ),
        (
            "The client is not asked to register its participants before registration closes"
            " on {until}; tacit confirmation (R7) only happens when the reminder is sent."
        ),
    ),
    "title.register_participants": (
        "Introduire les participants dans myCefora",
        "De deelnemers in myCefora inschrijven",
        "Register the participants in myCefora",
    ),
    "consequence.register_participants": (
        (
            "Sans liste des participants à la clôture des inscriptions, le {until} : {amount} (R16)."
            " Il faut un compte myCefora avec la fonction HR et un document TOS complété."
        ),
        (
            "Zonder deelnemerslijst bij het afsluiten van de inschrijvingen op {until}: {amount}"
            " (R16). Om in te schrijven is een myCefora-account met de HR-functie en een"
            " ingevuld TOS-document nodig."
        ),
        (
            "No participant list when registration closes on {until}: {amount} (R16)."
            " Registering requires a myCefora account with the HR function and a completed TOS"
            " document."
        ),
    ),
    "consequence.register_participants.short.one": (
        "Il manque 1 participant pour atteindre le minimum : {amount} après la classe (R17).",
        "1 deelnemer te weinig om het minimum te halen: {amount} na de les (R17).",
        "1 participant short of the minimum: {amount} after the class (R17).",
    ),
    "consequence.register_participants.short": (
        (
            "Il manque {count} participants pour atteindre le minimum : {amount} après la classe"
            " (R17)."
        ),
        "{count} deelnemers te weinig om het minimum te halen: {amount} na de les (R17).",
        "{count} participants short of the minimum: {amount} after the class (R17).",
    ),
    "title.definitive_confirmation": (
        "Envoyer la confirmation définitive",
        "De definitieve bevestiging versturen",
        "Send the definitive confirmation",
    ),
    "consequence.definitive_confirmation": (
        "Le lien vers la plateforme (R11) ne peut pas être généré.",
        "De link naar het platform (R11) kan niet aangemaakt worden.",
        "The platform link (R11) cannot be generated.",
    ),
    "title.generate_link": (
        "Générer le lien vers la plateforme Karibu",
        "De link naar het Karibu-platform aanmaken",
        "Generate the Karibu platform link",
    ),
    "consequence.generate_link": (
        "Les participants ne peuvent pas effectuer le trajet de préformation.",
        "De deelnemers kunnen het voortraject niet doorlopen.",
        "Participants cannot take the pre-training path.",
    ),
    "title.send_access_emails": (
        "Envoyer aux participants l'e-mail d'accès à Karibu",
        "De deelnemers de toegangsmail voor Karibu sturen",
        "Send the participants their Karibu access e-mail",
    ),
    "consequence.send_access_emails.one": (
        "1 participant inscrit attend son accès à la plateforme.",
        "1 ingeschreven deelnemer wacht op toegang tot het platform.",
        "1 registered participant is waiting for platform access.",
    ),
    "consequence.send_access_emails": (
        "{count} participants inscrits attendent leur accès à la plateforme.",
        "{count} ingeschreven deelnemers wachten op toegang tot het platform.",
        "{count} registered participants are waiting for platform access.",
    ),
    "title.prepare": (
        "Créer son compte myCefora et effectuer le trajet de préformation",
        "Een myCefora-account aanmaken en het voortraject doorlopen",
        "Create a myCefora account and take the pre-training path",
    ),
    "consequence.prepare": (
        "Le participant arrive sans préparation à la classe du {when}.",
        "De deelnemer komt onvoorbereid naar de les van {when}.",
        "The participant comes unprepared to the class on {when}.",
    ),
    "title.check_zoom": (
        "Vérifier avec le service IT que Zoom est autorisé",
        "Met de IT-dienst nagaan of Zoom toegelaten is",
        "Check with IT that Zoom is allowed",
    ),
    "consequence.check_zoom": (
        "Les participants risquent de ne pas pouvoir rejoindre la classe du {when}.",
        "De deelnemers kunnen de les van {when} mogelijk niet bijwonen.",
        "Participants may be unable to join the class on {when}.",
    ),
    "title.hold_class": (
        "Donner la classe en ligne",
        "De online les geven",
        "Hold the online class",
    ),
    "consequence.hold_class": (
        "La classe du {when} n'a pas lieu.",
        "De les van {when} gaat niet door.",
        "The class on {when} does not take place.",
    ),
    "title.announce_not_held": (
        "Informer toutes les parties que la classe n'aura pas lieu",
        "Alle partijen laten weten dat de les niet doorgaat",
        "Tell all parties that the class will not take place",
    ),
    "consequence.announce_not_held": (
        (
            "Aucun participant n'était inscrit à la clôture des inscriptions : la classe du {when}"
            " n'aura pas lieu et le montant de {amount} est dû (R16)."
        ),
        (
            "Er was geen enkele deelnemer ingeschreven bij het afsluiten van de inschrijvingen:"
            " de les van {when} gaat niet door en {amount} is verschuldigd (R16)."
        ),
        (
            "No participant was registered when registration closed: the class on {when} will"
            " not take place and {amount} is owed (R16)."
        ),
    ),
    "title.record_attendance": (
        "Enregistrer les présences",
        "De aanwezigheden registreren",
        "Record attendance",
    ),
    "consequence.record_attendance": (
        "Le montant dû pour les participants manquants (R17) ne peut pas être calculé.",
        "Het bedrag voor ontbrekende deelnemers (R17) kan niet berekend worden.",
        "The missing-participant fee (R17) cannot be computed.",
    ),
    "title.send_evaluation": (
        "Envoyer le formulaire d'évaluation",
        "Het evaluatieformulier versturen",
        "Send the evaluation form",
    ),
    "consequence.send_evaluation": (
        (
            "Les participants ne peuvent pas évaluer la formation ; le service HR n'en voit pas"
            " les résultats."
        ),
        "De deelnemers kunnen de opleiding niet evalueren; de HR-dienst ziet de resultaten niet.",
        "Participants cannot evaluate the training; HR sees no results.",
    ),
    "title.fill_in_evaluation": (
        "Remplir le formulaire d'évaluation",
        "Het evaluatieformulier invullen",
        "Fill in the evaluation form",
    ),
    "consequence.fill_in_evaluation": (
        "Le service HR ne voit pas l'avis de ce participant dans myCefora.",
        "De HR-dienst ziet de mening van deze deelnemer niet in myCefora.",
        "HR does not see this participant's feedback in myCefora.",
    ),
    "title.invoice_fees": (
        "Facturer les frais dus",
        "De verschuldigde kosten factureren",
        "Invoice the fees owed",
    ),
    "consequence.invoice_fees": (
        "Le montant dû de {amount} n'est pas encore facturé.",
        "Het verschuldigde bedrag van {amount} is nog niet gefactureerd.",
        "The {amount} owed has not been invoiced yet.",
    ),
    # -------------------------------------------------------------- decisions
    "reason.no_training_plan": (
        "Aucun plan de formation n'a été introduit au préalable.",
        "Er werd vooraf geen opleidingsplan ingediend.",
        "No training plan was submitted beforehand.",
    ),
    "reason.too_few_participants.one": (
        "1 participant prévu, minimum {limit}.",
        "1 geplande deelnemer, minimum {limit}.",
        "1 planned participant, at least {limit} are needed.",
    ),
    "reason.too_few_participants": (
        "{count} participants prévus, minimum {limit}.",
        "{count} geplande deelnemers, minimum {limit}.",
        "{count} planned participants, at least {limit} are needed.",
    ),
    "reason.not_in_digital_offer": (
        "Cette formation ne fait pas partie de l'offre digitale.",
        "Deze opleiding maakt geen deel uit van het digitale aanbod.",
        "This training is not part of the digital offer.",
    ),
    "reason.before_request": (
        "La session n'a été demandée que le {when}.",
        "De sessie werd pas aangevraagd op {when}.",
        "The session was only requested on {when}.",
    ),
    "reason.slot_not_proposed": (
        "Cette date n'a pas été proposée par le formateur.",
        "Deze datum werd niet door de opleider voorgesteld.",
        "This date was not proposed by the trainer.",
    ),
    "reason.slot_started": (
        "Cette classe a commencé le {when}.",
        "Deze les is begonnen op {when}.",
        "This class started on {when}.",
    ),
    "reason.dates_already_confirmed": (
        "Une date est déjà confirmée.",
        "Er is al een datum bevestigd.",
        "A date is already confirmed.",
    ),
    "reason.dates_not_confirmed": (
        "Aucune date n'est encore confirmée.",
        "Er is nog geen datum bevestigd.",
        "No date is confirmed yet.",
    ),
    "reason.no_hr_function": (
        "Le compte myCefora n'a pas la fonction HR.",
        "De myCefora-account heeft de HR-functie niet.",
        "The myCefora account does not have the HR function.",
    ),
    "reason.tos_not_completed": (
        "Le document TOS du compte n'est pas complété.",
        "Het TOS-document van de account is niet ingevuld.",
        "The account's TOS document has not been completed.",
    ),
    "reason.other_company": (
        "Le compte appartient à une autre entreprise que celle de la session.",
        "De account behoort tot een ander bedrijf dan dat van de sessie.",
        "The account belongs to a company other than the session's.",
    ),
    "reason.session_cancelled": (
        "La session a été annulée le {when}.",
        "De sessie werd geannuleerd op {when}.",
        "The session was cancelled on {when}.",
    ),
    "reason.registration_not_open": (
        "Les inscriptions ne sont ouvertes qu'à partir du {when}.",
        "De inschrijvingen openen pas op {when}.",
        "Registration only opens on {when}.",
    ),
    "reason.registration_closed": (
        "Les inscriptions étaient ouvertes jusqu'au {until} (fin de J-{limit}).",
        "De inschrijvingen waren open tot {until} (einde van D-{limit}).",
        "Registration was open until {until} (end of D-{limit}).",
    ),
    "reason.already_registered": (
        "Un participant avec le numéro de registre national {subject} est déjà inscrit.",
        "Er is al een deelnemer met rijksregisternummer {subject} ingeschreven.",
        "A participant with national register number {subject} is already registered.",
    ),
    "reason.not_registered": (
        "Aucun participant avec le numéro de registre national {subject} n'est inscrit.",
        "Er is geen deelnemer met rijksregisternummer {subject} ingeschreven.",
        "No participant with national register number {subject} is registered.",
    ),
    "reason.class_started": (
        "La classe a commencé le {when}.",
        "De les is begonnen op {when}.",
        "The class started on {when}.",
    ),
    "reason.class_not_over": (
        "La classe ne se termine que le {when}.",
        "De les eindigt pas op {when}.",
        "The class only ends on {when}.",
    ),
    "reason.already_recorded": (
        "Déjà enregistré le {when}.",
        "Al geregistreerd op {when}.",
        "Already recorded on {when}.",
    ),
    "reason.already_recorded.undated": (
        "Déjà enregistré.",
        "Al geregistreerd.",
        "Already recorded.",
    ),
    "reason.no_definitive_confirmation": (
        "La confirmation définitive n'est pas encore enregistrée.",
        "De definitieve bevestiging is nog niet geregistreerd.",
        "The definitive confirmation has not been recorded yet.",
    ),
    "reason.no_link": (
        "Le lien vers la plateforme n'est pas encore généré.",
        "De link naar het platform is nog niet aangemaakt.",
        "The platform link has not been generated yet.",
    ),
    "reason.no_access_emails": (
        "Pas d'e-mail d'accès pour un lien généré avant le {day}.",
        "Geen toegangsmail voor een link aangemaakt vóór {day}.",
        "No access e-mail for a link generated before {day}.",
    ),
    "reason.no_fees_owed": (
        "Aucun montant n'est dû le {when}.",
        "Er zijn geen kosten verschuldigd op {when}.",
        "No fee is owed on {when}.",
    ),
    "reason.not_held": (
        (
            "Aucun participant n'était inscrit à la clôture des inscriptions, le {until} :"
            " la classe n'a pas lieu."
        ),
        (
            "Er was geen enkele deelnemer ingeschreven bij het afsluiten van de inschrijvingen op"
            " {until}: de les gaat niet door."
        ),
        "No participant was registered when registration closed on {until}: the class does not take place.",
    ),
    "reason.list_not_missing": (
        (
            "Pas de liste manquante : des participants sont inscrits ou les inscriptions"
            " restent ouvertes jusqu'au {until}."
        ),
        (
            "Geen ontbrekende deelnemerslijst: er zijn deelnemers ingeschreven of de"
            " inschrijvingen blijven open tot {until}."
        ),
        (
            "No missing participant list: participants are registered, or registration"
            " stays open until {until}."
        ),
    ),
    "reason.no_slot_proposed": (
        "Le formateur n'a encore proposé aucune date.",
        "De opleider heeft nog geen datum voorgesteld.",
        "The trainer has not proposed any date yet.",
    ),
    "reason.late_confirmation": (
        (
            "Dates confirmées après la fin de J-{limit} : dès maintenant, l'annulation coûte"
            " {amount} et la liste des participants est attendue au plus tard le {until}."
        ),
        (
            "Data bevestigd na het einde van D-{limit}: vanaf nu kost annuleren {amount} en wordt"
            " de deelnemerslijst uiterlijk op {until} verwacht."
        ),
        (
            "Dates confirmed after the end of D-{limit}: from now on, cancelling costs {amount},"
            " and the participant list is due by {until}."
        ),
    ),
    # ------------------------------------------------------------------- fees
    "fee.free_cancellation": (
        "Annulation gratuite : notifiée au plus tard le {until}",
        "Kosteloze annulering: gemeld uiterlijk op {until}",
        "Free cancellation: notified by {until}",
    ),
    "fee.no_dates": (
        "Annulation gratuite : aucune date n'est encore confirmée",
        "Kosteloze annulering: er is nog geen datum bevestigd",
        "Free cancellation: no date is confirmed yet",
    ),
    "fee.late_cancellation": (
        "Annulation tardive (à partir du {when}) : {amount}",
        "Late annulering (vanaf {when}): {amount}",
        "Late cancellation (from {when}): {amount}",
    ),
    "fee.list_charged_first": (
        "Annulation sans frais supplémentaires : la liste des participants fait défaut depuis le {when}",
        "Annulering zonder bijkomende kosten: de deelnemerslijst ontbreekt sinds {when}",
        "Cancellation at no extra cost: the participant list has been missing since {when}",
    ),
    "fee.list_received": (
        "Liste des participants reçue : pas de frais",
        "Deelnemerslijst ontvangen: geen kosten",
        "Participant list received: no fee",
    ),
    "fee.no_list": (
        "Liste des participants manquante à la clôture des inscriptions, le {until} : {amount}",
        "Geen deelnemerslijst bij het afsluiten van de inschrijvingen op {until}: {amount}",
        "No participant list when registration closed on {until}: {amount}",
    ),
    "fee.cancelled_before_list": (
        "Pas de frais de liste manquante : session annulée au plus tard le {until}",
        "Geen kosten voor een ontbrekende lijst: sessie uiterlijk op {until} geannuleerd",
        "No missing-list fee: the session was cancelled by {until}",
    ),
    "fee.no_registration_window": (
        "Pas de frais de liste manquante : les inscriptions n'ont jamais été ouvertes",
        "Geen kosten voor een ontbrekende lijst: de inschrijvingen waren nooit open",
        "No missing-list fee: registration was never open",
    ),
    "fee_kind.late_cancellation": ("Annulation tardive", "Late annulering", "Late cancellation"),
    "fee_kind.missing_list": (
        "Liste des participants manquante",
        "Ontbrekende deelnemerslijst",
        "Missing participant list",
    ),
    "fee_kind.shortfall": ("Participant manquant", "Ontbrekende deelnemer", "Missing participant"),
    "step.free_cancellation": (
        "Annulation gratuite jusqu'au {until}",
        "Kosteloos annuleren tot {until}",
        "Free cancellation until {until}",
    ),
    "step.late_cancellation": (
        "L'annulation coûte {amount} du {when} au {until}",
        "Annuleren kost {amount} van {when} tot {until}",
        "Cancelling costs {amount} from {when} until {until}",
    ),
    "step.list_charged_first": (
        (
            "L'annulation n'entraîne pas de frais supplémentaires du {when} au {until} :"
            " la liste des participants fait défaut"
        ),
        "Annuleren kost van {when} tot {until} niets extra: de deelnemerslijst ontbreekt",
        "Cancelling costs nothing extra from {when} until {until}: the participant list is missing",
    ),
    "invoice.line": (
        "{label} ({rule}) : {quantity} x {unit} = {amount}",
        "{label} ({rule}): {quantity} x {unit} = {amount}",
        "{label} ({rule}): {quantity} x {unit} = {amount}",
    ),
    "invoice.total": ("Total : {amount}", "Totaal: {amount}", "Total: {amount}"),
    # ------------------------------------------------------------------ recap
    "recap.to_be_confirmed": ("date à confirmer", "datum te bevestigen", "date to be confirmed"),
}
"""Every template, `{key: (fr, nl, en)}`; `{fields}` are filled by [`text`][incompany_rules.texts.text]."""

assert all(len(row) == len(LANGUAGES) for row in TEXTS.values())  # noqa: S101 (import-time check)
