"""The recap line sent once the dates are confirmed (rule R4).

R4 (Etape 3, *"N° de projet/Groupe - Titre formation- Date - Horaire"*):
after confirmation the client receives a recap with one line per group,
giving the project number and group, the training's title, the date and the
hours of the online class. The date reads ``dd/mm/yyyy`` and the hours
``HH:MM-HH:MM``, on the local clock of the policy's timezone.

>>> import pendulum
>>> from incompany_rules.examples import confirmed_session
>>> session = confirmed_session(pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels"))
>>> recap_line(session)
'IC-2026-0042/G1 - Excel: tableaux croisés dynamiques - 01/04/2026 - 09:00-12:30'

The field order is the source's in every language; only an unconfirmed
session's placeholder changes with ``lang``:

>>> recap_line(session.evolve(confirmed_slot=None, dates_confirmed_at=None), lang="nl")
'IC-2026-0042/G1 - Excel: tableaux croisés dynamiques - datum te bevestigen'
"""

from __future__ import annotations

from incompany_rules.languages import Language, language
from incompany_rules.milestones import schedule
from incompany_rules.session import Session
from incompany_rules.validation import expect

__all__ = ["Language", "recap_line"]


_TO_BE_CONFIRMED: dict[str, str] = {
    "fr": "date à confirmer",
    "nl": "datum te bevestigen",
    "en": "date to be confirmed",
}


def recap_line(session: Session, lang: Language = "fr") -> str:
    """Return ``N° de projet/Groupe - Titre formation - Date - Horaire`` (R4).

    ``lang`` is ``"fr"``, ``"nl"`` or ``"en"``; anything else is refused.
    """
    expect(session, Session, field="session")
    lang = language(lang)
    head = f"{session.key} - {session.training.title}"
    if session.confirmed_slot is None:
        return f"{head} - {_TO_BE_CONFIRMED[lang]}"
    s = schedule(session)
    return f"{head} - {s.start:%d/%m/%Y} - {s.start:%H:%M}-{s.end:%H:%M}"
