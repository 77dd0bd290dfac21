"""The rules of the Incompany process of a Belgian training fund, as pure functions.

Every public name is importable from here. See the documentation for the
rules catalogue (R1-R18, T1-T8) and how-tos.

Importing the package builds the value types a session is made of
(`Session` and its parts, `Policy`, `Participant`), the errors, and the
calendar (`milestones`, `schedule`, `deadlines`). The other modules, such
as those of `next_actions` and the fees, are imported when one of their
names is first asked for: `from incompany_rules import next_actions` loads
its module, and so does reading `incompany_rules.next_actions` the first
time.
"""

from typing import TYPE_CHECKING

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
    TransitionRefusedError,
    UnregisteredAttendeeError,
)
from incompany_rules.milestones import (
    Deadlines,
    Milestone,
    MilestoneKind,
    Schedule,
    Window,
    deadlines,
    milestones,
    schedule,
)
from incompany_rules.participants import NationalNumber, NumberKind, Participant
from incompany_rules.policy import DEFAULT_POLICY, Policy, ShortfallBasis
from incompany_rules.rules import Rule
from incompany_rules.session import Company, HrAccount, Session, Slot, Training

if TYPE_CHECKING:
    from incompany_rules.actions import Action, ActionKind, Actor, next_actions
    from incompany_rules.batch import (
        action_rows,
        fee_rows,
        milestone_rows,
        participant_rows,
        pseudonym,
        session_rows,
        what_if_fee_rows,
    )
    from incompany_rules.data import (
        InvalidDataError,
        from_data,
        to_data,
    )
    from incompany_rules.decisions import (
        Decision,
        Reason,
        ReasonCode,
    )
    from incompany_rules.export import (
        InvalidRowError,
        sessions_from_rows,
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
    from incompany_rules.recap import (
        recap_line,
        recap_lines,
    )
    from incompany_rules.registration import (
        can_manage_participants,
        can_register,
        can_request,
        can_unregister,
    )
    from incompany_rules.transitions import (
        can_cancel,
        can_confirm_slot,
        cancel,
        cancel_with_fee,
        confirm_slot,
        propose_slots,
        record_access_emails_sent,
        record_attendance,
        record_availability_asked,
        record_dates_forwarded,
        record_definitive_confirmation,
        record_evaluation_sent,
        record_fees_invoiced,
        record_link_generated,
        record_not_held_announced,
        record_recap_sent,
        record_reminder_sent,
        record_zoom_checked,
        register,
        request_session,
        unregister,
    )

# Imported on first use: `import incompany_rules` builds the value types
# and the calendar (the Hypothesis plugin imports them whenever a test suite
# imports Hypothesis). The calendar cannot wait: its function `milestones`
# shares its name with its module, which would take the name's place here
# when another module imports it. The rest loads when one of its names is
# first asked for, as `from incompany_rules import next_actions` does; the
# plain-data form also loads cattrs.
_ON_FIRST_USE = {
    "Action": "incompany_rules.actions",
    "ActionKind": "incompany_rules.actions",
    "Actor": "incompany_rules.actions",
    "next_actions": "incompany_rules.actions",
    "Fee": "incompany_rules.fees",
    "FeeKind": "incompany_rules.fees",
    "FeeReason": "incompany_rules.fees",
    "FeeStep": "incompany_rules.fees",
    "Invoice": "incompany_rules.fees",
    "InvoiceLine": "incompany_rules.fees",
    "cancellation_fee": "incompany_rules.fees",
    "cancellation_fee_schedule": "incompany_rules.fees",
    "fees_due": "incompany_rules.fees",
    "missing_list_fee": "incompany_rules.fees",
    "shortfall_invoice": "incompany_rules.fees",
    "action_rows": "incompany_rules.batch",
    "fee_rows": "incompany_rules.batch",
    "milestone_rows": "incompany_rules.batch",
    "participant_rows": "incompany_rules.batch",
    "pseudonym": "incompany_rules.batch",
    "session_rows": "incompany_rules.batch",
    "what_if_fee_rows": "incompany_rules.batch",
    "InvalidDataError": "incompany_rules.data",
    "from_data": "incompany_rules.data",
    "to_data": "incompany_rules.data",
    "Decision": "incompany_rules.decisions",
    "Reason": "incompany_rules.decisions",
    "ReasonCode": "incompany_rules.decisions",
    "InvalidRowError": "incompany_rules.export",
    "sessions_from_rows": "incompany_rules.export",
    "recap_line": "incompany_rules.recap",
    "recap_lines": "incompany_rules.recap",
    "can_manage_participants": "incompany_rules.registration",
    "can_register": "incompany_rules.registration",
    "can_request": "incompany_rules.registration",
    "can_unregister": "incompany_rules.registration",
    "can_cancel": "incompany_rules.transitions",
    "can_confirm_slot": "incompany_rules.transitions",
    "cancel": "incompany_rules.transitions",
    "cancel_with_fee": "incompany_rules.transitions",
    "confirm_slot": "incompany_rules.transitions",
    "propose_slots": "incompany_rules.transitions",
    "record_access_emails_sent": "incompany_rules.transitions",
    "record_attendance": "incompany_rules.transitions",
    "record_availability_asked": "incompany_rules.transitions",
    "record_dates_forwarded": "incompany_rules.transitions",
    "record_definitive_confirmation": "incompany_rules.transitions",
    "record_evaluation_sent": "incompany_rules.transitions",
    "record_fees_invoiced": "incompany_rules.transitions",
    "record_link_generated": "incompany_rules.transitions",
    "record_not_held_announced": "incompany_rules.transitions",
    "record_recap_sent": "incompany_rules.transitions",
    "record_reminder_sent": "incompany_rules.transitions",
    "record_zoom_checked": "incompany_rules.transitions",
    "register": "incompany_rules.transitions",
    "request_session": "incompany_rules.transitions",
    "unregister": "incompany_rules.transitions",
}


def __getattr__(name: str) -> object:
    module = _ON_FIRST_USE.get(name)
    if module is None:
        msg = f"module 'incompany_rules' has no attribute {name!r}"
        raise AttributeError(msg)
    # The import statement's own function, not importlib.import_module:
    # `python -X importtime` times only the imports that go through it.
    value = getattr(__import__(module, fromlist=[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "DEFAULT_POLICY",
    "Action",
    "ActionKind",
    "Actor",
    "AttendanceNotRecordedError",
    "Company",
    "Deadlines",
    "Decision",
    "Fee",
    "FeeKind",
    "FeeReason",
    "FeeStep",
    "HrAccount",
    "IncompanyRulesError",
    "InvalidDataError",
    "InvalidEmailError",
    "InvalidKeyError",
    "InvalidNationalNumberError",
    "InvalidPolicyError",
    "InvalidRowError",
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
    "Reason",
    "ReasonCode",
    "Rule",
    "Schedule",
    "Session",
    "SessionStartedError",
    "ShortfallBasis",
    "Slot",
    "Training",
    "TransitionRefusedError",
    "UnregisteredAttendeeError",
    "Window",
    "action_rows",
    "can_cancel",
    "can_confirm_slot",
    "can_manage_participants",
    "can_register",
    "can_request",
    "can_unregister",
    "cancel",
    "cancel_with_fee",
    "cancellation_fee",
    "cancellation_fee_schedule",
    "confirm_slot",
    "deadlines",
    "fee_rows",
    "fees_due",
    "from_data",
    "milestone_rows",
    "milestones",
    "missing_list_fee",
    "next_actions",
    "participant_rows",
    "propose_slots",
    "pseudonym",
    "recap_line",
    "recap_lines",
    "record_access_emails_sent",
    "record_attendance",
    "record_availability_asked",
    "record_dates_forwarded",
    "record_definitive_confirmation",
    "record_evaluation_sent",
    "record_fees_invoiced",
    "record_link_generated",
    "record_not_held_announced",
    "record_recap_sent",
    "record_reminder_sent",
    "record_zoom_checked",
    "register",
    "request_session",
    "schedule",
    "session_rows",
    "sessions_from_rows",
    "shortfall_invoice",
    "to_data",
    "unregister",
    "what_if_fee_rows",
]

__version__ = "0.1.0"
