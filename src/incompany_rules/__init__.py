"""The rules of the Incompany process of a Belgian training fund, as pure functions.

Every public name is importable from here. See the documentation for the
rules catalogue (R1-R18, T1-T7) and how-tos.
"""

from incompany_rules.batch import (
    fee_rows,
    milestone_rows,
    participant_rows,
    pseudonym,
    session_rows,
)
from incompany_rules.errors import (
    AttendanceNotRecordedError,
    IncompanyRulesError,
    InvalidEmailError,
    InvalidKeyError,
    InvalidNationalNumberError,
    InvalidPolicyError,
    InvalidSessionError,
    InvalidSlotError,
    InvalidTypeError,
    InvalidValueError,
    NaiveDatetimeError,
    SessionStartedError,
    UnregisteredAttendeeError,
)
from incompany_rules.fees import (
    Fee,
    FeeKind,
    FeeReason,
    FeeStep,
    Invoice,
    InvoiceLine,
    cancellation_fee,
    cancellation_fee_schedule,
    fees_due,
    missing_list_fee,
    shortfall_invoice,
)
from incompany_rules.milestones import (
    Milestone,
    MilestoneKind,
    Schedule,
    Window,
    milestones,
    schedule,
)
from incompany_rules.participants import NationalNumber, NumberKind, Participant
from incompany_rules.policy import DEFAULT_POLICY, Policy, ShortfallBasis
from incompany_rules.recap import recap_line
from incompany_rules.session import Company, HrAccount, Session, Slot, Training

__all__ = [
    "DEFAULT_POLICY",
    "AttendanceNotRecordedError",
    "Company",
    "Fee",
    "FeeKind",
    "FeeReason",
    "FeeStep",
    "HrAccount",
    "IncompanyRulesError",
    "InvalidEmailError",
    "InvalidKeyError",
    "InvalidNationalNumberError",
    "InvalidPolicyError",
    "InvalidSessionError",
    "InvalidSlotError",
    "InvalidTypeError",
    "InvalidValueError",
    "Invoice",
    "InvoiceLine",
    "Milestone",
    "MilestoneKind",
    "NaiveDatetimeError",
    "NationalNumber",
    "NumberKind",
    "Participant",
    "Policy",
    "Schedule",
    "Session",
    "SessionStartedError",
    "ShortfallBasis",
    "Slot",
    "Training",
    "UnregisteredAttendeeError",
    "Window",
    "cancellation_fee",
    "cancellation_fee_schedule",
    "fee_rows",
    "fees_due",
    "milestone_rows",
    "milestones",
    "missing_list_fee",
    "participant_rows",
    "pseudonym",
    "recap_line",
    "schedule",
    "session_rows",
    "shortfall_invoice",
]

__version__ = "0.1.0.dev0"
