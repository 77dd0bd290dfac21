"""Properties of the decisions, the transitions and ``next_actions`` over generated sessions.

The sessions come at every stage of the process, with varied policies and
class days (many near a daylight-saving change); the instants are those on
both sides of every milestone, given on varied clocks.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import TYPE_CHECKING

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from incompany_rules import (
    ActionKind,
    Company,
    Decision,
    HrAccount,
    Participant,
    Session,
    TransitionRefusedError,
    can_cancel,
    can_confirm_slot,
    can_manage_participants,
    can_register,
    can_request,
    can_unregister,
    cancel,
    milestones,
    next_actions,
    register,
    schedule,
)
from incompany_rules.instants import utc
from incompany_rules.process import PROCESS, REASON_RULES, STEPS
from incompany_rules.strategies import (
    Stage,
    hr_accounts,
    instants_near,
    participants,
    policies,
    sessions,
    trainings,
)

if TYPE_CHECKING:
    from incompany_rules import Policy, Training
    from incompany_rules.decisions import Language

LANGUAGES: tuple[Language, ...] = ("fr", "nl", "en")
KOLKATA = zoneinfo.ZoneInfo("Asia/Kolkata")
CHATHAM = zoneinfo.ZoneInfo("Pacific/Chatham")

# The instants the library takes, with a day's margin for any clock's offset.
SUPPORTED_FROM = dt.datetime(1900, 1, 2)
SUPPORTED_UNTIL = dt.datetime(2999, 12, 30)

# The fact that closes each action once recorded.
# The recorded fact of each step of the process table closes its action; the
# confirmed dates close every planning step; access e-mails close per person.
CLOSED_BY: dict[str, set[ActionKind]] = {
    step.fact: {step.kind}
    for step in PROCESS
    if step.fact is not None and step.fact not in {"access_emailed", "dates_confirmed_at"}
}
CLOSED_BY["dates_confirmed_at"] = {
    ActionKind.ASK_AVAILABILITY,
    ActionKind.PROPOSE_SLOTS,
    ActionKind.FORWARD_DATES,
    ActionKind.CONFIRM_SLOT,
}


def with_instant(session: Session) -> st.SearchStrategy[tuple[Session, dt.datetime]]:
    return st.tuples(st.just(session), instants_near(session))


any_session_and_instant = sessions().flatmap(with_instant)
# Policies on other clocks too.
elsewhere_and_instant = sessions(
    policy=policies(timezone=st.sampled_from(["America/New_York", "Australia/Sydney"]))
).flatmap(with_instant)


def the_company_hr(session: Session) -> st.SearchStrategy[HrAccount]:
    """Accounts of the session's company, with or without the rights of R5."""
    return hr_accounts(company=st.just(session.company))


@st.composite
def registrations(
    draw: st.DrawFn,
) -> tuple[Session, dt.datetime, Participant, HrAccount]:
    """A session, an instant, a person (often one registered already) and an account."""
    session, now = draw(any_session_and_instant)
    people = [*session.participants]
    person = draw(st.sampled_from(people) | participants() if people else participants())
    account = draw(the_company_hr(session) | hr_accounts())
    return session, now, person, account


def assert_explained(decision: Decision) -> None:
    """Every refusal has a reason; every reason reads in the three languages."""
    assert isinstance(decision, Decision)
    assert decision.allowed == (not decision.reasons)
    for reason in decision.reasons:
        assert REASON_RULES[reason.code.value] == reason.rule  # one rule per code
        for lang in LANGUAGES:
            text = reason.text(lang)
            assert text
            assert "None" not in text
            assert "{" not in text
        if reason.subject is not None:
            assert "*" in reason.subject  # a masked national number, never a full one


def as_rows(decision: Decision) -> list[tuple[object, ...]]:
    return [(r.code, r.rule, r.at and r.at.isoformat(), r.count, r.limit) for r in decision.reasons]


def on_clocks(now: dt.datetime) -> list[dt.datetime]:
    """The same instant on other clocks: UTC, Kolkata (+05:30), Chatham (+12:45), pendulum."""
    return [
        now.astimezone(dt.UTC),
        now.astimezone(KOLKATA),
        now.astimezone(CHATHAM),
        pendulum.instance(now).in_tz("America/New_York"),
    ]


class TestNextActions:
    @given(any_session_and_instant | elsewhere_and_instant)
    def test_actions_are_sorted_overdue_first_then_by_due_instant(
        self, drawn: tuple[Session, dt.datetime]
    ) -> None:
        """Issue: "what is open at now, sorted overdue first then by due instant"."""
        session, now = drawn
        keys = [(not a.overdue, utc(a.due)) for a in next_actions(session, now)]
        assert sorted(keys) == keys

    @given(any_session_and_instant | elsewhere_and_instant)
    def test_overdue_means_the_instant_asked_is_at_or_after_the_due_instant(
        self, drawn: tuple[Session, dt.datetime]
    ) -> None:
        """T3, T4: a step is late from its due instant on; one without a deadline never is."""
        session, now = drawn
        for action in next_actions(session, now):
            deadline = STEPS[action.kind].deadline or (
                action.kind is ActionKind.INVOICE_FEES
                and session.policy.invoicing_days_after is not None
            )
            assert action.overdue == (deadline and utc(now) >= utc(action.due))
            assert session.policy.timezone == action.due.timezone_name  # T6

    @given(any_session_and_instant | elsewhere_and_instant)
    def test_no_action_is_due_before_the_session_was_requested(
        self, drawn: tuple[Session, dt.datetime]
    ) -> None:
        """Issue: "No action is due before the session was requested"."""
        session, now = drawn
        found = next_actions(session, now)
        if utc(now) < utc(session.requested_at):
            assert () == found
        for action in found:
            assert utc(action.due) >= utc(session.requested_at)

    @given(any_session_and_instant | elsewhere_and_instant)
    def test_an_action_is_never_due_after_its_window_closes(
        self, drawn: tuple[Session, dt.datetime]
    ) -> None:
        """Issue: "An action can never be due after the moment its own transition is refused"."""
        session, now = drawn
        for action in next_actions(session, now):
            if action.closes is not None:
                assert utc(action.due) <= utc(action.closes)
                assert utc(now) < utc(action.closes)  # a closed window shows nothing

    @given(any_session_and_instant | elsewhere_and_instant)
    def test_nothing_is_dated_before_the_request_nor_the_dates(
        self, drawn: tuple[Session, dt.datetime]
    ) -> None:
        """T8: no action or milestone is dated before the request, nor a step after the dates
        before they were confirmed."""
        session, now = drawn
        floor = utc(session.requested_at)
        for milestone in milestones(session):
            assert utc(milestone.at) >= floor
        confirmed = session.dates_confirmed_at
        planning = CLOSED_BY["dates_confirmed_at"] | {ActionKind.INVOICE_FEES}
        for action in next_actions(session, now):
            assert utc(action.due) >= floor
            if confirmed is not None and action.kind not in planning:
                assert utc(action.due) >= utc(confirmed)

    @given(any_session_and_instant)
    def test_a_recorded_fact_never_reappears_as_an_action(
        self, drawn: tuple[Session, dt.datetime]
    ) -> None:
        """Issue: "Facts already recorded close their action"."""
        session, now = drawn
        kinds = {a.kind for a in next_actions(session, now)}
        for fact, closed in CLOSED_BY.items():
            if getattr(session, fact) is not None:
                assert set() == kinds & closed, fact

    @given(sessions(stage=Stage.CANCELLED).flatmap(with_instant))
    def test_a_cancelled_session_only_keeps_the_invoicing_of_a_fee(
        self, drawn: tuple[Session, dt.datetime]
    ) -> None:
        """Issue: "A cancelled session only has what cancellation leaves (invoicing a fee)"."""
        session, now = drawn
        for action in next_actions(session, now):
            assert ActionKind.INVOICE_FEES is action.kind
            assert action.fee is not None
            assert action.fee > 0

    @given(any_session_and_instant | elsewhere_and_instant)
    def test_the_answer_is_the_same_whichever_clock_the_instant_is_given_on(
        self, drawn: tuple[Session, dt.datetime]
    ) -> None:
        """T1, T6: an instant is an instant; what comes back is on the policy's clock."""
        session, now = drawn
        expected = [
            (a.kind, a.due.isoformat(), a.overdue, a.fee, a.count, a.consequence("fr"))
            for a in next_actions(session, now)
        ]
        for other in on_clocks(now):
            assert expected == [
                (a.kind, a.due.isoformat(), a.overdue, a.fee, a.count, a.consequence("fr"))
                for a in next_actions(session, other)
            ]

    @given(any_session_and_instant)
    def test_every_action_reads_in_the_three_languages(
        self, drawn: tuple[Session, dt.datetime]
    ) -> None:
        session, now = drawn
        for action in next_actions(session, now):
            for lang in LANGUAGES:
                assert action.title(lang)
                text = action.consequence(lang)
                assert "{" not in text
                assert "None" not in text


class TestPredicates:
    @given(registrations())
    def test_registration_decisions_never_raise_and_explain_every_refusal(
        self, drawn: tuple[Session, dt.datetime, Participant, HrAccount]
    ) -> None:
        """Every refusal has at least one reason, each in French, Dutch and English."""
        session, now, person, account = drawn
        assert_explained(can_register(session, person, now, by=account))
        assert_explained(can_unregister(session, person, now, by=account))
        assert_explained(can_manage_participants(account, session))

    @given(any_session_and_instant)
    def test_cancel_and_confirm_decisions_never_raise_and_explain_every_refusal(
        self, drawn: tuple[Session, dt.datetime]
    ) -> None:
        session, now = drawn
        assert_explained(can_cancel(session, now))
        for slot in session.proposed_slots:
            assert_explained(can_confirm_slot(session, slot, now))

    @given(
        st.builds(
            lambda company, submitted: Company(
                company.number, company.name, training_plan_submitted_at=submitted
            ),
            st.just(Company("0403.170.701", "Acme SA")),
            st.none() | st.datetimes(SUPPORTED_FROM, SUPPORTED_UNTIL, timezones=st.just(dt.UTC)),
        ),
        trainings(),
        st.integers(0, 20),
        st.datetimes(
            SUPPORTED_FROM, SUPPORTED_UNTIL, timezones=st.sampled_from([dt.UTC, KOLKATA, CHATHAM])
        ),
        policies(),
    )
    def test_request_decisions_explain_every_refusal(
        self,
        company: Company,
        training: Training,
        planned: int,
        now: dt.datetime,
        policy: Policy,
    ) -> None:
        """R1, R2: every unmet condition is a reason."""
        decision = can_request(company, training, planned, now, policy=policy)
        assert_explained(decision)
        expected = (
            (company.training_plan_submitted_at is None
             or utc(company.training_plan_submitted_at) > utc(now))
            + (not training.in_digital_offer)
            + (planned < policy.min_participants)
        )  # fmt: skip
        assert expected == len(decision.reasons)

    @given(registrations())
    def test_decisions_are_the_same_whichever_clock_the_instant_is_given_on(
        self, drawn: tuple[Session, dt.datetime, Participant, HrAccount]
    ) -> None:
        session, now, person, account = drawn
        expected = as_rows(can_register(session, person, now, by=account))
        cancelling = as_rows(can_cancel(session, now))
        for other in on_clocks(now):
            assert expected == as_rows(can_register(session, person, other, by=account))
            assert cancelling == as_rows(can_cancel(session, other))

    @given(
        sessions(stage=Stage.REGISTRATION_OPEN).flatmap(
            lambda s: st.tuples(st.just(s), instants_near(s), participants())
        )
    )
    def test_an_entitled_account_may_register_exactly_while_the_window_is_open(
        self, drawn: tuple[Session, dt.datetime, Participant]
    ) -> None:
        """R8: "from the date confirmation until D-3 included"."""
        session, now, person = drawn
        entitled = HrAccount(
            "hr@example.be", session.company, has_hr_function=True, tos_completed=True
        )
        expected = schedule(session).registration_is_open(now) and person not in (
            session.participants
        )
        assert expected == bool(can_register(session, person, now, by=entitled))


class TestTransitions:
    @given(registrations())
    def test_a_refused_registration_carries_the_decision_and_changes_nothing(
        self, drawn: tuple[Session, dt.datetime, Participant, HrAccount]
    ) -> None:
        """Issue: "A transition that is not allowed leaves nothing half-done"."""
        session, now, person, account = drawn
        before = session.evolve()
        decision = can_register(session, person, now, by=account)
        if decision:
            after = register(session, person, now, by=account)
            assert (*session.participants, person) == after.participants
        else:
            with pytest.raises(TransitionRefusedError) as caught:
                register(session, person, now, by=account)
            assert decision == caught.value.decision
            assert person.national_number.reveal() not in str(caught.value)
        assert before == session

    @given(any_session_and_instant)
    def test_cancelling_is_allowed_exactly_before_the_class_of_a_live_session(
        self, drawn: tuple[Session, dt.datetime]
    ) -> None:
        """R15: "Cancelling at or after the class start is refused"."""
        session, now = drawn
        decision = can_cancel(session, now)
        live = session.cancelled_at is None and utc(now) >= utc(session.requested_at)
        if session.confirmed_slot is not None:
            live = live and utc(now) < utc(schedule(session).start)
        assert live == bool(decision)
        if decision:
            cancelled_at = cancel(session, now).cancelled_at
            assert cancelled_at is not None
            assert utc(now) == utc(cancelled_at)
