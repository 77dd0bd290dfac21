"""The national register number never leaves masked (R9).

As docs/privacy-and-range.md ("The national register number stays hidden")
says: the number never appears in a repr, str, error message or exported
row (use .masked(); .reveal() only where the digits must leave).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.vendor.pretty import pretty

from incompany_rules import (
    HrAccount,
    IncompanyRulesError,
    NationalNumber,
    Participant,
    Policy,
    Reason,
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
    pseudonym,
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
    from collections.abc import Callable
    from pathlib import Path

held = sessions(stage=Stage.HELD)
KEY = b"a secret of the fund"


def leaks(number: NationalNumber, text: str) -> bool:
    """Whether ``text`` shows a run of 9 digits of ``number``, bare or as it is printed."""
    digits = number.reveal()
    bare = any(digits[i : i + 9] in text for i in range(3))
    return bare or number.formatted()[:12] in text


def texts_of(session: Session) -> list[str]:
    texts = [repr(session), str(session), pretty(session)]
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
        *milestone_rows([session], key=KEY),
        *participant_rows([session], key=KEY, include_email=True),
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


def refusals_quoting(session: Session, number: NationalNumber) -> list[IncompanyRulesError]:
    """The library's errors for calls that hand it ``number`` where it does not belong."""
    calls: list[Callable[[str], object]] = [
        lambda form: Participant(form, form),
        lambda form: HrAccount(form, session.company, has_hr_function=True, tos_completed=True),
        lambda form: recap_line(session, form),  # type: ignore[arg-type]
        lambda form: Policy.from_dict({form: 1}),
        lambda form: Policy(timezone=form),
        lambda form: Policy(shortfall_basis=form),
        lambda form: Policy(participant_email_from=form),
        lambda form: Policy(late_cancellation_fee=form),
        lambda form: session.evolve(**{f"nn_{form}": 1}),
        lambda form: session.evolve(planned_participants=form),
        lambda form: Reason(form, "R8"),
        lambda form: pseudonym(number, form.encode()[:8]),
        lambda form: session_rows(form),  # type: ignore[arg-type]  # noqa: PLW0108
        lambda form: next_actions(session, form),  # type: ignore[arg-type]
    ]
    errors: list[IncompanyRulesError] = []
    for form in (number.reveal(), number.formatted()):
        for call in calls:
            try:
                call(form)
            except IncompanyRulesError as error:
                errors.append(error)
    return errors


def chained(error: BaseException) -> str:
    """The text of ``error`` and of every exception it chains, cause or context."""
    shown: list[str] = []
    current: BaseException | None = error
    while current is not None:
        shown.append(f"{current} {current.args!r}")
        current = current.__cause__ or current.__context__
    return " ".join(shown)


class TestErrorsQuotingAnyValue:
    @given(held | sessions(stage=Stage.REGISTRATION_OPEN), national_numbers())
    def test_no_error_shows_a_number_handed_to_the_wrong_field(
        self, session: Session, number: NationalNumber
    ) -> None:
        errors = refusals_quoting(session, number)
        assert len(errors) >= 20
        people = [number, *(p.national_number for p in session.participants)]
        assert [] == [
            (str(error), who.masked())
            for error in errors
            for who in people
            if leaks(who, chained(error))
        ]


FAILING_PROPERTIES = """
import os

from hypothesis import given, settings
from hypothesis import strategies as st

from incompany_rules import NationalNumber, Session

REAL = ["85073003328", "17073003384", "01010100126"]
SEEN = open(os.environ["SEEN_NUMBERS"], "a")


def seen(number):
    SEEN.write(number.reveal() + "\\n")
    SEEN.flush()


@settings(max_examples=200, database=None, derandomize=True)
@given(st.from_type(Session))
def test_every_session_has_fewer_than_two_participants(session):
    for person in session.participants:
        seen(person.national_number)
    assert len(session.participants) < 2


@settings(database=None, derandomize=True)
@given(st.sampled_from(REAL).map(NationalNumber))
def test_no_number_is_a_number(number):
    seen(number)
    assert number.kind is None
"""


class TestFailingTestOutput:
    def test_a_failing_property_prints_no_number(self, tmp_path: Path) -> None:
        """Hypothesis prints values its own way; each one holding a number prints masked."""
        (tmp_path / "test_failing.py").write_text(FAILING_PROPERTIES)
        (tmp_path / "pytest.ini").write_text("[pytest]\n")
        seen_file = tmp_path / "seen.txt"
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "test_failing.py"],
            cwd=tmp_path,
            env={**os.environ, "SEEN_NUMBERS": str(seen_file)},
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        output = result.stdout + result.stderr
        assert 1 == result.returncode, output
        # Under CI=true pytest repeats each whole report in its short summary,
        # so the failing cases are counted by name, not by occurrence.
        failing = set(re.findall(r"Failing test case: (\w+)\(", output))
        assert {
            "test_every_session_has_fewer_than_two_participants",
            "test_no_number_is_a_number",
        } == failing, output
        assert "*********" in output
        numbers = {NationalNumber(line) for line in seen_file.read_text().split()}
        assert len(numbers) >= 3
        assert [] == [n.masked() for n in numbers if leaks(n, output)]
