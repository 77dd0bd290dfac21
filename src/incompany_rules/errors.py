"""The exceptions the library raises, all under one base.

An exception means the caller broke the contract: a naive datetime, a value
of the wrong type, a malformed national number, a transition that the rules
do not allow. Business outcomes (a refusal, a fee) are return values, never
exceptions.

Every class subclasses
[`IncompanyRulesError`][incompany_rules.errors.IncompanyRulesError] *and* the
matching builtin, so `except ValueError` in a caller keeps working. Each error
carries the `field` it is about, and its message starts with that field.

Examples:
    >>> from incompany_rules.errors import InvalidValueError
    >>> err = InvalidValueError("Slot.end", "must be after Slot.start")
    >>> str(err)
    'Invalid Slot.end: must be after Slot.start'
    >>> isinstance(err, ValueError), err.field
    (True, 'Slot.end')

    Messages never contain a full national register number: code that raises
    about one names it by its masked form only, and, should a refused value
    slip into a message anyway, every run of 9 or more digits in the field and
    the problem is masked but for its last two digits:

    >>> str(InvalidValueError("Session.nn_85073003328", "got 85073003328"))
    'Invalid Session.nn_*********28: got *********28'
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from incompany_rules.decisions import Decision

__all__ = [
    "AttendanceNotRecordedError",
    "IncompanyRulesError",
    "InvalidEmailError",
    "InvalidKeyError",
    "InvalidNationalNumberError",
    "InvalidPolicyError",
    "InvalidSessionError",
    "InvalidSlotError",
    "InvalidTypeError",
    "InvalidValueError",
    "NaiveDatetimeError",
    "SessionStartedError",
    "TransitionRefusedError",
    "UnregisteredAttendeeError",
]

_DIGIT_RUN = re.compile(r"[0-9]{9,}")


def mask_digits(text: str) -> str:
    """Return `text` with every run of 9 or more digits masked but for its last two.

    Examples:
        >>> mask_digits("ref 2026 of 85073003328")
        'ref 2026 of *********28'
    """
    return _DIGIT_RUN.sub(lambda run: "*" * (len(run.group()) - 2) + run.group()[-2:], text)


class IncompanyRulesError(Exception):
    """Base of every exception raised by `incompany_rules`.

    `field` names the argument or attribute at fault, `problem` says what
    is wrong with it.
    """

    def __init__(self, field: str, problem: str) -> None:
        self.field = mask_digits(field)
        self.problem = mask_digits(problem)
        super().__init__(f"Invalid {self.field}: {self.problem}")


class InvalidValueError(IncompanyRulesError, ValueError):
    """A value of the right type that the rules refuse."""


class InvalidTypeError(IncompanyRulesError, TypeError):
    """A value of the wrong type, such as a float where money is expected."""


class NaiveDatetimeError(InvalidValueError):
    """A datetime without a timezone (rule T1: instants are never guessed)."""


class InvalidNationalNumberError(InvalidValueError):
    """A Belgian national register or BIS number that does not validate."""


class InvalidEmailError(InvalidValueError):
    """An e-mail address that `email-validator` refuses (deliverability is not checked)."""


class InvalidPolicyError(InvalidValueError):
    """A policy figure out of range (negative days or amounts, unknown timezone)."""


class InvalidSlotError(InvalidValueError):
    """A slot whose end is not after its start, or that spans two local days."""


class InvalidSessionError(InvalidValueError):
    """A session whose parts contradict each other."""


class InvalidKeyError(InvalidValueError):
    """A secret key for pseudonyms that cannot serve (shorter than 16 bytes)."""


class SessionStartedError(InvalidValueError):
    """A cancellation notified at or after the class start: a started session cannot be cancelled (R15)."""


class AttendanceNotRecordedError(InvalidValueError):
    """A shortfall counted on attendance (R17) for a class whose attendance is neither recorded nor given."""


class UnregisteredAttendeeError(InvalidValueError):
    """Someone counted as attending a class who is not a registered participant of its session (R17)."""


class TransitionRefusedError(InvalidValueError):
    """A transition the rules refuse at that instant; `decision` says every reason why.

    `field` names the transition (`"register"`, `"cancel"`, ...); the
    message lists the reasons in English, and `decision` carries them
    with their machine codes and their French and Dutch texts.
    """

    def __init__(self, field: str, decision: Decision) -> None:
        self.decision = decision
        reasons = "; ".join(str(reason) for reason in decision.reasons)
        super().__init__(field, f"refused ({reasons})")
