"""The national register number never leaves masked (API.md, R9).

"The national register number never appears in a repr, str, error message
or exported row (use .masked(); .reveal() only where the digits must
leave)."
"""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from incompany_rules import (
    IncompanyRulesError,
    NationalNumber,
    Participant,
    Session,
    milestones,
    recap_line,
)
from incompany_rules.strategies import Stage, national_numbers, participants, sessions

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
