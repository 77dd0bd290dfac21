"""The recap line sent once the dates are confirmed (rule R4).

R4 (Etape 3, *"N° de projet/Groupe - Titre formation- Date - Horaire"*):
after confirmation the client receives a recap with one line per group,
giving the project number and group, the training's title, the date and the
hours of the online class. The date reads `dd/mm/yyyy` and the hours
`HH:MM-HH:MM`, on the local clock of the policy's timezone.

Examples:
    >>> import pendulum
    >>> from incompany_rules.examples import confirmed_session
    >>> session = confirmed_session(pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels"))
    >>> recap_line(session)
    'IC-2026-0042/G1 - Excel: tableaux croisés dynamiques - 01/04/2026 - 09:00-12:30'

    The field order is the source's in every language; only an unconfirmed
    session's placeholder changes with `lang`:

    >>> recap_line(session.evolve(confirmed_slot=None, dates_confirmed_at=None), lang="nl")
    'IC-2026-0042/G1 - Excel: tableaux croisés dynamiques - datum te bevestigen'

    The recap mail lists every group of the project:
    [`recap_lines`][incompany_rules.recap.recap_lines] gives the lines of
    several sessions in the order of their classes (sessions not confirmed yet
    last, by group):

    >>> second = confirmed_session(pendulum.datetime(2026, 3, 25, 13, tz="Europe/Brussels"))
    >>> for line in recap_lines([session, second.evolve(group="G2")]):
    ...     print(line)
    IC-2026-0042/G2 - Excel: tableaux croisés dynamiques - 25/03/2026 - 13:00-16:30
    IC-2026-0042/G1 - Excel: tableaux croisés dynamiques - 01/04/2026 - 09:00-12:30
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from incompany_rules.instants import key
from incompany_rules.languages import Language, language
from incompany_rules.milestones import schedule
from incompany_rules.session import Session
from incompany_rules.texts import DEFAULT_LANGUAGE, text
from incompany_rules.validation import expect, items_of

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["Language", "recap_line", "recap_lines"]


def recap_lines(sessions: Iterable[Session], lang: Language = DEFAULT_LANGUAGE) -> tuple[str, ...]:
    """Return the recap line of each of `sessions`, in the order of their classes (R4).

    Sessions whose dates are not confirmed come last, by project and group.
    """
    found = items_of(sessions, Session, field="sessions", what="sessions")
    lang = language(lang)

    confirmed = sorted(
        (s for s in found if s.confirmed_slot is not None),
        key=lambda s: (key(s.confirmed_slot.start), s.project, s.group),  # type: ignore[union-attr]
    )
    pending = sorted(
        (s for s in found if s.confirmed_slot is None), key=lambda s: (s.project, s.group)
    )
    return tuple(recap_line(session, lang) for session in (*confirmed, *pending))


def recap_line(session: Session, lang: Language = DEFAULT_LANGUAGE) -> str:
    """Return `N° de projet/Groupe - Titre formation - Date - Horaire` (R4).

    `lang` is `"fr"`, `"nl"` or `"en"`; anything else is refused.
    """
    expect(session, Session, field="session")
    lang = language(lang)
    head = f"{session.key} - {session.training.title}"
    if session.confirmed_slot is None:
        return f"{head} - {text('recap.to_be_confirmed', lang)}"
    s = schedule(session)
    return f"{head} - {s.start:%d/%m/%Y} - {s.start:%H:%M}-{s.end:%H:%M}"
