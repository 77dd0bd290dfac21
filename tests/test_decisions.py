"""Decisions and their reasons: truthiness, machine codes, figures and the three languages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import pendulum
import pytest

from helpers import refused_as
from incompany_rules import (
    Decision,
    IncompanyRulesError,
    InvalidTypeError,
    InvalidValueError,
    Reason,
    ReasonCode,
    Rule,
    TransitionRefusedError,
)
from incompany_rules.process import REASON_RULES

if TYPE_CHECKING:
    from collections.abc import Callable

CLOSED = pendulum.datetime(2026, 3, 30, tz="Europe/Brussels")


class TestReasonCode:
    def test_codes_are_strings_equal_to_their_stable_value(self) -> None:
        """A machine code compares equal to its string, so it can be stored and matched as text."""
        assert "registration_closed" == f"{ReasonCode.REGISTRATION_CLOSED}"
        assert {"registration_closed"} == {ReasonCode.REGISTRATION_CLOSED}
        assert ReasonCode.REGISTRATION_CLOSED is ReasonCode("registration_closed")

    def test_every_code_is_lower_snake_case_and_unique(self) -> None:
        values = [code.value for code in ReasonCode]
        assert len(values) == len(set(values))
        for value in values:
            assert value == value.lower()
            assert " " not in value


class TestReason:
    @pytest.mark.parametrize("code", list(ReasonCode))
    def test_every_code_has_a_text_in_french_dutch_and_english(self, code: ReasonCode) -> None:
        """Each reason reads in the three languages, with its figures filled in."""
        reason = Reason(
            code, at=CLOSED, count=4, limit=3, subject="*********28", amount=Decimal(375)
        )
        texts = [reason.text(lang) for lang in ("fr", "nl", "en")]
        assert 3 == len(set(texts))
        for text in texts:
            assert "{" not in text
            assert "None" not in text

    def test_the_deadline_is_written_on_its_own_clock(self) -> None:
        """A window closing at 00:00 is shown by the last minute it still covers."""
        reason = Reason(ReasonCode.REGISTRATION_CLOSED, "R8", at=CLOSED, limit=3)
        assert "Registration was open until Sunday 29 March 2026 at 23:59 (end of D-3)." == (
            reason.text("en")
        )

    @pytest.mark.parametrize(
        ("code", "expected"),
        [
            (ReasonCode.REGISTRATION_NOT_OPEN, "Registration only opens on ?."),
            (ReasonCode.NO_ACCESS_EMAILS, "No access e-mail for a link generated before ?."),
        ],
    )
    def test_a_missing_instant_is_written_as_a_question_mark(
        self, code: ReasonCode, expected: str
    ) -> None:
        """An instant, or a day, not given is a question mark."""
        assert expected == Reason(code).text("en")

    def test_an_amount_is_written_as_money_in_each_language(self) -> None:
        reason = Reason(ReasonCode.LATE_CONFIRMATION, at=CLOSED, limit=15, amount=Decimal(375))
        assert [
            (
                "Dates confirmées après la fin de J-15 : dès maintenant, l'annulation coûte "
                "375,00 € et la liste des participants est attendue au plus tard le dimanche "
                "29 mars 2026 à 23:59."
            ),
            (
                "Data bevestigd na het einde van D-15: vanaf nu kost annuleren € 375,00 en wordt "
                "de deelnemerslijst uiterlijk op zondag 29 maart 2026 om 23:59 verwacht."
            ),
            (
                "Dates confirmed after the end of D-15: from now on, cancelling costs €375.00, "
                "and the participant list is due by Sunday 29 March 2026 at 23:59."
            ),
        ] == [reason.text(lang) for lang in ("fr", "nl", "en")]

    def test_a_missing_amount_is_left_out(self) -> None:
        reason = Reason(ReasonCode.LATE_CONFIRMATION, at=CLOSED, limit=15)
        assert (
            "Dates confirmed after the end of D-15: from now on, cancelling costs , and the "
            "participant list is due by Sunday 29 March 2026 at 23:59."
        ) == reason.text("en")

    def test_a_missing_deadline_is_written_as_a_question_mark(self) -> None:
        reason = Reason(ReasonCode.LATE_CONFIRMATION, limit=15, amount=Decimal(375))
        assert reason.text("en").endswith("and the participant list is due by ?.")

    def test_counts_are_written_in_the_text(self) -> None:
        reason = Reason(ReasonCode.TOO_FEW_PARTICIPANTS, "R1", count=4, limit=6)
        assert "4 planned participants, at least 6 are needed." == reason.text("en")

    def test_one_is_singular(self) -> None:
        """One planned participant is written in the singular (fr, nl, en)."""
        reason = Reason(ReasonCode.TOO_FEW_PARTICIPANTS, count=1, limit=6)
        assert "1 participant prévu, minimum 6." == reason.text()
        assert "1 geplande deelnemer, minimum 6." == reason.text("nl")

    def test_texts_speak_french_by_default(self) -> None:
        assert "Une date est déjà confirmée." == (Reason(ReasonCode.DATES_ALREADY_CONFIRMED).text())

    def test_a_fact_recorded_without_its_instant_says_so_plainly(self) -> None:
        """Recording attendance twice names no instant: no question marks."""
        assert "Déjà enregistré." == Reason(ReasonCode.ALREADY_RECORDED).text()

    @pytest.mark.parametrize("code", list(ReasonCode))
    def test_a_code_carries_its_one_rule_by_default(self, code: ReasonCode) -> None:
        assert REASON_RULES[code.value] == Reason(code).rule

    def test_a_rule_given_as_its_id_becomes_the_enum(self) -> None:
        assert Reason(ReasonCode.REGISTRATION_CLOSED, "R8").rule is Rule.R8

    def test_a_code_given_another_rule_is_refused(self) -> None:
        with pytest.raises(InvalidValueError, match="not_registered is a reason of rule R9"):
            Reason(ReasonCode.NOT_REGISTERED, "R17")

    def test_every_code_has_a_rule(self) -> None:
        assert {code.value for code in ReasonCode} == set(REASON_RULES)

    def test_an_unknown_language_is_refused(self) -> None:
        reason = Reason(ReasonCode.NO_HR_FUNCTION, "R5")
        with refused_as(InvalidValueError, "lang"):
            reason.text("de")  # type: ignore[arg-type]

    def test_a_code_given_as_its_string_becomes_the_enum(self) -> None:
        assert ReasonCode.NO_HR_FUNCTION is Reason("no_hr_function", "R5").code

    def test_the_instant_must_be_a_pendulum_instant(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"Reason.at"):
            Reason(ReasonCode.NO_HR_FUNCTION, "R5", at="2026-03-30")

    def test_str_names_the_rule_and_the_code(self) -> None:
        assert "R5 no_hr_function: The myCefora account does not have the HR function." == str(
            Reason(ReasonCode.NO_HR_FUNCTION, "R5")
        )


class TestDecision:
    def test_an_allowed_decision_is_truthy_and_has_no_reason(self) -> None:
        decision = Decision.allow()
        assert decision
        assert () == decision.reasons
        assert "" == decision.text()

    def test_a_refusal_is_falsy_and_lists_every_reason_in_order(self) -> None:
        first = Reason(ReasonCode.NO_HR_FUNCTION, "R5")
        second = Reason(ReasonCode.TOS_NOT_COMPLETED, "R5")
        decision = Decision.refuse(first, second)
        assert not decision
        assert (first, second) == decision.reasons
        assert (ReasonCode.NO_HR_FUNCTION, ReasonCode.TOS_NOT_COMPLETED) == decision.codes

    def test_from_reasons_allows_when_there_is_no_reason(self) -> None:
        assert Decision.allow() == Decision.from_reasons([])
        assert not Decision.from_reasons([Reason(ReasonCode.OTHER_COMPANY, "R5")])

    def test_a_subclass_makes_decisions_of_its_own_class(self) -> None:
        class Logged(Decision):
            __slots__ = ()

        notice = Reason(ReasonCode.OTHER_COMPANY, "R5")
        made = [
            Logged.allow(),
            Logged.allow(notice),
            Logged.from_reasons([]),
            Logged.from_reasons([notice]),
            Logged.refuse(notice),
        ]
        assert [Logged] * 5 == [type(decision) for decision in made]
        assert [True, True, True, False, False] == [bool(decision) for decision in made]
        assert (notice,) == made[1].notices
        assert Decision is type(Decision.allow()) is type(Decision.from_reasons([]))

    def test_the_text_joins_the_reasons_in_the_language_asked(self) -> None:
        decision = Decision.refuse(
            Reason(ReasonCode.NO_HR_FUNCTION, "R5"), Reason(ReasonCode.TOS_NOT_COMPLETED, "R5")
        )
        assert (
            "De myCefora-account heeft de HR-functie niet. "
            "Het TOS-document van de account is niet ingevuld." == decision.text("nl")
        )

    @pytest.mark.parametrize(
        ("allowed", "reasons"),
        [
            # allowed, yet with a reason
            (True, (Reason(ReasonCode.NO_HR_FUNCTION, "R5"),)),
            # refused without any reason
            (False, ()),
        ],
    )
    def test_allowed_and_reasons_must_agree(
        self, allowed: bool, reasons: tuple[Reason, ...]
    ) -> None:
        with refused_as(InvalidValueError, "Decision.reasons"):
            Decision(allowed, reasons)

    def test_decisions_are_values(self) -> None:
        reason = Reason(ReasonCode.OTHER_COMPANY, "R5")
        assert Decision.refuse(reason) == Decision.refuse(reason)
        assert hash(Decision.refuse(reason)) == hash(Decision.refuse(reason))


class TestTransitionRefusedError:
    def test_the_error_carries_the_decision(self) -> None:
        decision = Decision.refuse(Reason(ReasonCode.REGISTRATION_CLOSED, "R8", at=CLOSED, limit=3))
        error = TransitionRefusedError("register", decision)
        assert decision is error.decision
        assert isinstance(error, ValueError)
        assert "register" == error.field


class TestReasonValidation:
    # Each row: a value built wrongly, the error, and the field it names.
    @pytest.mark.parametrize(
        ("build", "error", "field"),
        [
            (
                lambda: Reason("closed", "R8"),
                InvalidValueError,
                "Reason.code",
            ),
            (
                lambda: Reason(ReasonCode.NO_HR_FUNCTION, 5),  # type: ignore[arg-type]
                InvalidTypeError,
                "Reason.rule",
            ),
            (
                lambda: Reason(ReasonCode.TOO_FEW_PARTICIPANTS, "R1", count="4"),  # type: ignore[arg-type]
                InvalidTypeError,
                "Reason.count",
            ),
            (
                lambda: Reason(ReasonCode.TOO_FEW_PARTICIPANTS, "R1", limit=True),
                InvalidTypeError,
                "Reason.limit",
            ),
            (
                lambda: Reason(ReasonCode.LATE_CONFIRMATION, amount=375),  # type: ignore[arg-type]
                InvalidTypeError,
                "Reason.amount",
            ),
            (
                lambda: Reason(ReasonCode.NOT_REGISTERED, "R9", subject=28),  # type: ignore[arg-type]
                InvalidTypeError,
                "Reason.subject",
            ),
            (
                lambda: Reason(
                    ReasonCode.CLASS_STARTED, "R15", at=dt.datetime(2026, 4, 1, tzinfo=dt.UTC)
                ),
                InvalidTypeError,
                "Reason.at",
            ),
            (
                lambda: Decision(allowed=False, reasons=3),
                InvalidTypeError,
                "Decision.reasons",
            ),
            (
                lambda: Decision(allowed=False, reasons=("no",)),
                InvalidTypeError,
                "Decision.reasons",
            ),
            (
                lambda: Decision(allowed=1),  # type: ignore[arg-type]
                InvalidTypeError,
                "Decision.allowed",
            ),
            (
                lambda: Decision(allowed=False),
                InvalidValueError,
                "Decision.reasons",
            ),
        ],
    )
    def test_a_value_built_wrongly_is_refused_saying_what_and_why(
        self, build: Callable[[], object], error: type[IncompanyRulesError], field: str
    ) -> None:
        with refused_as(error, field):
            build()
