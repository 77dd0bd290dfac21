"""The process as data: every step of the seven stages, written once.

The fund's description (`Etape 1` to `Etape 7`) is a sequence of steps, each
done by one party. [`PROCESS`][incompany_rules.process.PROCESS] lists them in
process order; for each it states the rule, the actor, when the step opens,
when it is due, when its window closes (the instant the matching transition
starts refusing), the recorded fact of
[`Session`][incompany_rules.session.Session] that closes it, what missing it
costs, and the keys of its texts in
[`incompany_rules.texts`][incompany_rules.texts].
[`next_actions`][incompany_rules.actions.next_actions] reads it to say what is
open; the decisions take their rule ids from
[`REASON_RULES`][incompany_rules.process.REASON_RULES];
[`milestones`][incompany_rules.milestones.milestones] from
[`MILESTONE_RULES`][incompany_rules.process.MILESTONE_RULES]; the rules
catalogue shows [`markdown_table`][incompany_rules.process.markdown_table].

Readings (see the [rules catalogue](../rules.md)): a step done "on D-n" is due by the end of
that day (T4); nothing is dated before the request, and a step whose day
passed before the dates were confirmed is due at the confirmation (T8); a
step the source gives no deadline (asking the trainer, forwarding dates,
the recap mail, invoicing without a policy delay) is never overdue.

Examples:
    >>> [step.kind.value for step in PROCESS][:4]
    ['ask_availability', 'propose_slots', 'forward_dates', 'confirm_slot']
    >>> STEPS[ActionKind.SEND_REMINDER].rule, STEPS[ActionKind.SEND_REMINDER].fact
    (<Rule.R6: 'R6'>, 'reminder_sent_at')
"""

from __future__ import annotations

import enum

import attrs

from incompany_rules.rules import Rule
from incompany_rules.validation import fields_repr

__all__ = [
    "MILESTONE_RULES",
    "PROCESS",
    "REASON_RULES",
    "STEPS",
    "ActionKind",
    "Actor",
    "Step",
    "markdown_table",
]


class Actor(enum.Enum):
    """Who has to act."""

    CEFORA = "cefora"
    """The training fund."""
    CLIENT_HR = "client_hr"
    """The client company's HR, through its myCefora account."""
    TRAINER = "trainer"
    PARTICIPANTS = "participants"
    PLATFORM = "platform"
    """The Karibu platform."""


class ActionKind(enum.Enum):
    """Every action of the process, declared in process order (the tie-break when sorting)."""

    ASK_AVAILABILITY = "ask_availability"
    PROPOSE_SLOTS = "propose_slots"
    FORWARD_DATES = "forward_dates"
    CONFIRM_SLOT = "confirm_slot"
    SEND_RECAP = "send_recap"
    SEND_REMINDER = "send_reminder"
    REGISTER_PARTICIPANTS = "register_participants"
    DEFINITIVE_CONFIRMATION = "definitive_confirmation"
    GENERATE_LINK = "generate_link"
    SEND_ACCESS_EMAILS = "send_access_emails"
    PREPARE = "prepare"
    CHECK_ZOOM = "check_zoom"
    ANNOUNCE_NOT_HELD = "announce_not_held"
    HOLD_CLASS = "hold_class"
    RECORD_ATTENDANCE = "record_attendance"
    SEND_EVALUATION = "send_evaluation"
    FILL_IN_EVALUATION = "fill_in_evaluation"
    INVOICE_FEES = "invoice_fees"


@attrs.frozen(repr=False)
class Step:
    """One step of the process, as the rules catalogue states it.

    `opens`, `due`, `closes` and `cost` are the catalogue's words;
    `fact` names the [`Session`][incompany_rules.session.Session] field whose
    recording closes the step (`None` when no fact does); `deadline`
    says whether the step can be overdue at all. `title` and
    `consequence` are keys of the `TEXTS` table of [`incompany_rules.texts`][incompany_rules.texts].
    """

    __repr__ = fields_repr

    kind: ActionKind
    stage: int
    actor: Actor
    rule: Rule
    opens: str
    due: str
    closes: str
    fact: str | None
    cost: str
    deadline: bool = True

    @property
    def title(self) -> str:
        """The key of the step's title in the texts table."""
        return f"title.{self.kind.value}"

    @property
    def consequence(self) -> str:
        """The key of what missing the step leads to, in the texts table."""
        return f"consequence.{self.kind.value}"


_K, _A = ActionKind, Actor

PROCESS: tuple[Step, ...] = (
    Step(_K.ASK_AVAILABILITY, 2, _A.CEFORA, Rule.R3,
         "the request", "the request (no deadline)", "a slot is proposed; cancellation",
         "availability_asked_at", "the trainer cannot propose dates", deadline=False),
    Step(_K.PROPOSE_SLOTS, 2, _A.TRAINER, Rule.R3,
         "the request; when no proposed slot can still be confirmed",
         "then (no deadline)", "a slot can be confirmed; cancellation",
         None, "the client cannot choose a date", deadline=False),
    Step(_K.FORWARD_DATES, 2, _A.CEFORA, Rule.R3,
         "a slot can be confirmed", "the earliest such slot's registration close, or its start if earlier",
         "the same instant (confirming is refused from then)",
         "dates_forwarded_at", "the client cannot choose a date"),
    Step(_K.CONFIRM_SLOT, 2, _A.CLIENT_HR, Rule.R3,
         "a slot can be confirmed",
         "the earliest such slot's registration close (00:00 D-2), or its start if earlier",
         "the same instant (confirming is refused from then)",
         "dates_confirmed_at", "that date can no longer be chosen"),
    Step(_K.SEND_RECAP, 3, _A.CEFORA, Rule.R4,
         "dates confirmed", "dates confirmed (no deadline)", "the class start",
         "recap_sent_at", "the client lacks its groups' references and hours", deadline=False),
    Step(_K.SEND_REMINDER, 5, _A.CEFORA, Rule.R6,
         "dates confirmed", "end of D-21 (00:00 D-20), not before the confirmation",
         "registration close (00:00 D-2)", "reminder_sent_at",
         "the client is not asked to register; tacit confirmation (R7) waits"),
    Step(_K.REGISTER_PARTICIPANTS, 5, _A.CLIENT_HR, Rule.R8,
         "dates confirmed", "registration close (00:00 D-2)", "registration close (00:00 D-2)",
         None, "375 EUR without a list (R16); 150 EUR per person short (R17)"),
    Step(_K.DEFINITIVE_CONFIRMATION, 5, _A.CEFORA, Rule.R10,
         "dates confirmed", "end of D-15 (00:00 D-14), not before the confirmation",
         "the class start", "definitive_confirmation_at", "no platform link (R11)"),
    Step(_K.GENERATE_LINK, 5, _A.PLATFORM, Rule.R11,
         "definitive confirmation recorded", "confirmation + 24 elapsed hours", "the class end",
         "link_generated_at", "no pre-training path"),
    Step(_K.SEND_ACCESS_EMAILS, 5, _A.PLATFORM, Rule.R12,
         "link recorded (from 2021-03-01) and someone registered not e-mailed",
         "the link; the last sending for people registered since", "the class end",
         "access_emailed", "participants without platform access"),
    Step(_K.PREPARE, 5, _A.PARTICIPANTS, Rule.R12,
         "link recorded", "the class start", "the class start",
         None, "unprepared participants"),
    Step(_K.CHECK_ZOOM, 5, _A.CLIENT_HR, Rule.R13,
         "dates confirmed", "end of D-1 (00:00 D)", "the class start",
         "zoom_checked_at", "participants may not join"),
    Step(_K.ANNOUNCE_NOT_HELD, 7, _A.CEFORA, Rule.R16,
         "registration close with no participant", "the class start", "the class end",
         "not_held_announced_at", "parties expect a class; 375 EUR owed"),
    Step(_K.HOLD_CLASS, 5, _A.TRAINER, Rule.R3,
         "dates confirmed", "the class start", "the class start",
         None, "the class does not take place"),
    Step(_K.RECORD_ATTENDANCE, 7, _A.TRAINER, Rule.R17,
         "the class end", "end of the class day", "never (until recorded)",
         "attendance", "the shortfall (R17) cannot be computed"),
    Step(_K.SEND_EVALUATION, 6, _A.CEFORA, Rule.R14,
         "the class end", "end of the day after the class", "never (until recorded)",
         "evaluation_sent_at", "no evaluation; HR sees no results"),
    Step(_K.FILL_IN_EVALUATION, 6, _A.PARTICIPANTS, Rule.R14,
         "evaluation sent", "evaluation sent (no deadline)", "14 days after it was sent",
         None, "HR does not see the participants' views", deadline=False),
    Step(_K.INVOICE_FEES, 7, _A.CEFORA, Rule.R15,
         "a fee arises (R15, R16 or R17)",
         "when it arises (no deadline unless `Policy.invoicing_days_after` sets one)",
         "never (until recorded)", "fees_invoiced_at", "the fee stays uninvoiced",
         deadline=False),
)  # fmt: skip
"""Every step, in process order."""

STEPS: dict[ActionKind, Step] = {step.kind: step for step in PROCESS}
"""The steps by kind."""

EVALUATION_OPEN_DAYS = 14
"""Days the participants have to fill in the evaluation once it is sent (a reading: the source sets
none; the action leaves the lists after that).
"""

REASON_RULES: dict[str, Rule] = {
    "no_training_plan": Rule.R1,
    "too_few_participants": Rule.R1,
    "not_in_digital_offer": Rule.R2,
    "before_request": Rule.T8,
    "slot_not_proposed": Rule.R3,
    "slot_started": Rule.R3,
    "dates_already_confirmed": Rule.R3,
    "dates_not_confirmed": Rule.R3,
    "no_slot_proposed": Rule.R3,
    "no_hr_function": Rule.R5,
    "tos_not_completed": Rule.R5,
    "other_company": Rule.R5,
    "session_cancelled": Rule.R15,
    "registration_not_open": Rule.R8,
    "registration_closed": Rule.R8,
    "already_registered": Rule.R9,
    "not_registered": Rule.R9,
    "class_started": Rule.R15,
    "class_not_over": Rule.R3,
    "already_recorded": Rule.R3,
    "no_definitive_confirmation": Rule.R11,
    "no_link": Rule.R12,
    "no_access_emails": Rule.R12,
    "no_fees_owed": Rule.R18,
    "not_held": Rule.R18,
    "list_not_missing": Rule.R16,
    "late_confirmation": Rule.R15,
}
"""The rule of each reason code of a decision, by code value: one rule per code."""

MILESTONE_RULES: dict[str, Rule] = {
    "dates_confirmed": Rule.R3,
    "registration_opens": Rule.R8,
    "reminder": Rule.R6,
    "tacit_confirmation": Rule.R7,
    "definitive_confirmation": Rule.R10,
    "free_cancellation_closes": Rule.R15,
    "platform_link": Rule.R11,
    "participant_access_email": Rule.R12,
    "registration_closes": Rule.R8,
    "class_start": Rule.R3,
    "class_end": Rule.R3,
    "evaluation": Rule.R14,
}
"""The rule of each milestone, by kind value."""


def markdown_table() -> str:
    """Return the steps as the Markdown table of the [rules catalogue](../rules.md)."""
    rows = [
        "| stage | action | actor | rule | opens | due | window closes | closed by | if missed |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for step in PROCESS:
        fact = f"`{step.fact}`" if step.fact else "-"
        rows.append(
            f"| {step.stage} | `{step.kind.value}` | {step.actor.value} | {step.rule} "
            f"| {step.opens} | {step.due} | {step.closes} | {fact} | {step.cost} |"
        )
    return "\n".join(rows) + "\n"
