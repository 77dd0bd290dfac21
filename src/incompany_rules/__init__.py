"""The rules of the Incompany process of a Belgian training fund, as pure functions.

Every public name is importable from here. See the documentation for the
rules catalogue (R1-R18, T1-T7) and how-tos.
"""

from incompany_rules.actions import Action, ActionKind, Actor, next_actions
from incompany_rules.decisions import Decision, Reason, ReasonCode
from incompany_rules.errors import (
    IncompanyRulesError,
    InvalidEmailError,
    InvalidNationalNumberError,
    InvalidPolicyError,
    InvalidSessionError,
    InvalidSlotError,
    InvalidTypeError,
    InvalidValueError,
    NaiveDatetimeError,
    TransitionRefusedError,
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
from incompany_rules.registration import (
    can_manage_participants,
    can_register,
    can_request,
    can_unregister,
)
from incompany_rules.session import Company, HrAccount, Session, Slot, Training
from incompany_rules.transitions import (
    can_cancel,
    can_confirm_slot,
    cancel,
    confirm_slot,
    propose_slots,
    record_access_emails_sent,
    record_attendance,
    record_definitive_confirmation,
    record_evaluation_sent,
    record_fees_invoiced,
    record_link_generated,
    record_reminder_sent,
    record_zoom_checked,
    register,
    request_session,
    unregister,
)

__all__ = [
    "DEFAULT_POLICY",
    "Action",
    "ActionKind",
    "Actor",
    "Company",
    "Decision",
    "HrAccount",
    "IncompanyRulesError",
    "InvalidEmailError",
    "InvalidNationalNumberError",
    "InvalidPolicyError",
    "InvalidSessionError",
    "InvalidSlotError",
    "InvalidTypeError",
    "InvalidValueError",
    "Milestone",
    "MilestoneKind",
    "NaiveDatetimeError",
    "NationalNumber",
    "NumberKind",
    "Participant",
    "Policy",
    "Reason",
    "ReasonCode",
    "Schedule",
    "Session",
    "ShortfallBasis",
    "Slot",
    "Training",
    "TransitionRefusedError",
    "Window",
    "can_cancel",
    "can_confirm_slot",
    "can_manage_participants",
    "can_register",
    "can_request",
    "can_unregister",
    "cancel",
    "confirm_slot",
    "milestones",
    "next_actions",
    "propose_slots",
    "recap_line",
    "record_access_emails_sent",
    "record_attendance",
    "record_definitive_confirmation",
    "record_evaluation_sent",
    "record_fees_invoiced",
    "record_link_generated",
    "record_reminder_sent",
    "record_zoom_checked",
    "register",
    "request_session",
    "schedule",
    "unregister",
]

__version__ = "0.1.0.dev0"
