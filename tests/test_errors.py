"""The exception hierarchy."""

from __future__ import annotations

import pytest

from incompany_rules import errors


class TestErrors:
    @pytest.mark.parametrize(
        ("error", "builtin"),
        [
            (errors.InvalidValueError, ValueError),
            (errors.InvalidTypeError, TypeError),
            (errors.NaiveDatetimeError, ValueError),
            (errors.InvalidNationalNumberError, ValueError),
            (errors.InvalidEmailError, ValueError),
            (errors.InvalidPolicyError, ValueError),
            (errors.InvalidSlotError, ValueError),
            (errors.InvalidSessionError, ValueError),
        ],
    )
    def test_every_error_is_a_library_error_and_the_matching_builtin(
        self, error: type[errors.IncompanyRulesError], builtin: type[Exception]
    ) -> None:
        raised = error("Slot.end", "must be after Slot.start")
        assert isinstance(raised, errors.IncompanyRulesError)
        assert isinstance(raised, builtin)
        assert ("Slot.end", "must be after Slot.start") == (raised.field, raised.problem)
        assert "Invalid Slot.end: must be after Slot.start" == str(raised)

    def test_every_public_error_is_listed(self) -> None:
        defined = {
            name
            for name, value in vars(errors).items()
            if isinstance(value, type) and issubclass(value, errors.IncompanyRulesError)
        }
        assert defined == set(errors.__all__)
