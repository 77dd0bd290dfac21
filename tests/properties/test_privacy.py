"""The national register number never leaves masked (API.md, R9).

"The national register number never appears in a repr, str, error message
or exported row (use .masked(); .reveal() only where the digits must
leave)."
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from incompany_rules import (
    IncompanyRulesError,
    NationalNumber,
    Participant,
    Session,
    TransitionRefusedError,
    action_rows,
    can_register,
    can_unregister,
    cancellation_fee_schedule,
    fee_rows,
    fees_due,
    milestone_rows,
    milestones,
    next_actions,
    participant_rows,
    recap_line,
    register,
    session_rows,
)
from incompany_rules.examples import ACME_HR
from incompany_rules.languages import LANGUAGES
from incompany_rules.strategies import (
    Stage,
    instants_near,
    national_numbers,
    participants,
    sessions,
)

if TYPE_CHECKING:
    import datetime as dt

held = sessions(stage=Stage.HELD)


def leaks(number: NationalNumber, text: str) -> bool:
    """Whether ``text`` shows more of ``number`` than its last two digits."""
    digits = number.reveal()
    return digits[:9] in text or number.formatted()[:12] in text


def texts_of(session: Session) -> list[str]:
    texts = [repr(session), str(session)]
    texts += [repr(m) for m in milestones(session)]
    texts += [recap_line(session, lang) for lang in ("fr", "nl", "en")]
    return texts


class TestReprAndStr:
    @given(national_numbers())
    def test_a_number_shows_only_its_last_two_digits(self, number: NationalNumber) -> None:
        assert (f"NationalNumber('{number.masked()}')", number.masked()) == (
            repr(number),
            str(number),
        )
        assert not leaks(number, repr(number) + str(number))

    @given(participants())
    def test_a_participant_never_shows_its_number(self, person: Participant) -> None:
        assert not leaks(person.national_number, repr(person) + str(person))

    @given(held | sessions(stage=Stage.REGISTRATION_CLOSED))
    def test_a_session_and_what_it_shows_never_show_a_number(self, session: Session) -> None:
        for person in session.participants:
            for text in texts_of(session):
                assert not leaks(person.national_number, text)


def answers_of(session: Session, now: dt.datetime) -> list[str]:
    """Every text the rules give about ``session`` at ``now``: reprs, texts, rows."""
    texts = texts_of(session)
    invoice = fees_due(session, now)
    texts += [repr(invoice), *(invoice.describe(lang) for lang in LANGUAGES)]
    for action in next_actions(session, now):
        texts += [repr(action), *(action.title(lang) for lang in LANGUAGES)]
        texts += [action.consequence(lang) for lang in LANGUAGES]
    for step in cancellation_fee_schedule(session):
        texts += [repr(step), *(step.describe(lang) for lang in LANGUAGES)]
    for person in session.participants:
        for decision in (
            can_register(session, person, now, by=ACME_HR),
            can_unregister(session, person, now, by=ACME_HR),
        ):
            texts += [repr(decision), *(decision.text(lang) for lang in LANGUAGES)]
    rows = [
        *session_rows([session]),
        *milestone_rows([session], key=b"k"),
        *participant_rows([session], key=b"k", include_email=True),
        *fee_rows([session], now),
        *action_rows([session], now),
    ]
    texts += [str(value) for row in rows for value in row.values()]
    return texts


class TestAnswers:
    @given(held | sessions(stage=Stage.REGISTRATION_OPEN), st.data())
    def test_no_decision_action_fee_or_row_shows_a_number(
        self, session: Session, data: st.DataObject
    ) -> None:
        now = data.draw(instants_near(session))
        texts = answers_of(session, now)
        for person in session.participants:
            assert [] == [text for text in texts if leaks(person.national_number, text)]

    @given(sessions(stage=Stage.REGISTRATION_OPEN))
    def test_a_refused_registration_names_the_person_masked(self, session: Session) -> None:
        assume(session.participants)
        person = session.participants[0]
        with pytest.raises(TransitionRefusedError) as caught:
            register(session, person, session.dates_confirmed_at, by=ACME_HR)  # type: ignore[arg-type]
        shown = str(caught.value) + repr(caught.value.decision)
        shown += " ".join(caught.value.decision.text(lang) for lang in LANGUAGES)
        assert not leaks(person.national_number, shown)


def error_of(session: Session, **changes: object) -> IncompanyRulesError:
    with pytest.raises(IncompanyRulesError) as caught:
        session.evolve(**changes)
    return caught.value


class TestErrorMessages:
    @given(held)
    def test_registering_a_person_twice_is_refused_without_the_number(
        self, session: Session
    ) -> None:
        person = session.participants[0]
        error = error_of(session, participants=(*session.participants, person))
        assert not leaks(person.national_number, str(error))

    @given(held, national_numbers())
    def test_an_attendee_not_registered_is_refused_without_the_number(
        self, session: Session, stranger: NationalNumber
    ) -> None:
        registered = {p.national_number for p in session.participants}
        assume(stranger not in registered)
        error = error_of(session, attendance={stranger})
        assert not leaks(stranger, str(error))

    @given(national_numbers(), st.integers(1, 9))
    def test_a_number_with_a_wrong_check_is_refused_without_echoing_it(
        self, number: NationalNumber, shift: int
    ) -> None:
        digits = number.reveal()
        wrong = digits[:9] + f"{(int(digits[9:]) + shift) % 100:02d}"
        with pytest.raises(IncompanyRulesError) as caught:
            NationalNumber(wrong)
        assert wrong[:9] not in str(caught.value)
