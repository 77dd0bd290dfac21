"""Who may request a session and who may register participants, when (R1, R2, R5, R8, R9)."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest

from helpers import brussels, refused_as
from incompany_rules import (
    DEFAULT_POLICY,
    Company,
    HrAccount,
    InvalidTypeError,
    NaiveDatetimeError,
    Reason,
    ReasonCode,
    Training,
    can_manage_participants,
    can_register,
    can_request,
    can_unregister,
)
from incompany_rules.examples import (
    ACME,
    ACME_HR,
    EXCEL,
    confirmed_session,
    requested_session,
    sample_participants,
)

ANN, BRAM = sample_participants(2)


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.UTC)


NOW = brussels(2026, 2, 2, 10)
PLANNED = Company(ACME.number, ACME.name, training_plan_submitted_at=brussels(2026, 1, 5, 9))
NOT_DIGITAL = Training("CLS-001", "Leadership en présentiel", in_digital_offer=False)


class TestCanRequest:
    # Each row: company, training, planned participants, expected reason codes.
    @pytest.mark.parametrize(
        ("company", "training", "planned", "codes"),
        [
            # everything in order
            (PLANNED, EXCEL, 6, ()),
            (PLANNED, EXCEL, 12, ()),
            # R1: the minimum of 6, both sides
            (PLANNED, EXCEL, 5, (ReasonCode.TOO_FEW_PARTICIPANTS,)),
            (PLANNED, EXCEL, 0, (ReasonCode.TOO_FEW_PARTICIPANTS,)),
            # R1: no training plan yet
            (ACME, EXCEL, 6, (ReasonCode.NO_TRAINING_PLAN,)),
            # R2: not in the digital offer
            (PLANNED, NOT_DIGITAL, 6, (ReasonCode.NOT_IN_DIGITAL_OFFER,)),
            # every condition unmet: every reason, in the order of the rules
            (
                ACME,
                NOT_DIGITAL,
                2,
                (
                    ReasonCode.NO_TRAINING_PLAN,
                    ReasonCode.NOT_IN_DIGITAL_OFFER,
                    ReasonCode.TOO_FEW_PARTICIPANTS,
                ),
            ),
        ],
    )
    def test_a_request_needs_a_plan_the_digital_offer_and_six_participants(
        self, company: Company, training: Training, planned: int, codes: tuple[ReasonCode, ...]
    ) -> None:
        decision = can_request(company, training, planned, NOW)
        assert codes == decision.codes
        assert (not codes) == bool(decision)

    # Each row: when the plan was submitted, relative to the request; whether it counts.
    @pytest.mark.parametrize(
        ("submitted", "counts"),
        [
            (NOW.subtract(days=30), True),
            (NOW, True),  # submitted at the very instant: already submitted
            (NOW.add(seconds=1), False),  # submitted after the request: not beforehand
            # the same instants given in UTC
            (pendulum.datetime(2026, 2, 2, 9, 0, 1, tz="UTC"), False),
            (pendulum.datetime(2026, 2, 2, 9, tz="UTC"), True),
        ],
    )
    def test_the_plan_must_be_submitted_by_the_request(
        self, submitted: pendulum.DateTime, counts: bool
    ) -> None:
        company = Company(ACME.number, ACME.name, training_plan_submitted_at=submitted)
        decision = can_request(company, EXCEL, 6, pendulum.datetime(2026, 2, 2, 9, tz="UTC"))
        assert counts == bool(decision)

    def test_the_minimum_is_a_policy(self) -> None:
        policy = DEFAULT_POLICY.evolve(min_participants=8)
        decision = can_request(PLANNED, EXCEL, 7, NOW, policy=policy)
        assert (ReasonCode.TOO_FEW_PARTICIPANTS,) == decision.codes
        assert (7, 8) == (decision.reasons[0].count, decision.reasons[0].limit)
        assert can_request(PLANNED, EXCEL, 8, NOW, policy=policy)

    @pytest.mark.parametrize(
        ("arguments", "error", "field"),
        [
            ((ACME.name, EXCEL, 6, NOW), InvalidTypeError, "company"),
            ((ACME, "DIG-042", 6, NOW), InvalidTypeError, "training"),
            ((ACME, EXCEL, 6.0, NOW), InvalidTypeError, "planned_participants"),
            ((ACME, EXCEL, True, NOW), InvalidTypeError, "planned_participants"),
            ((ACME, EXCEL, 6, dt.datetime(2026, 2, 2, 10)), NaiveDatetimeError, "now"),
            ((ACME, EXCEL, 6, dt.date(2026, 2, 2)), InvalidTypeError, "now"),
        ],
    )
    def test_arguments_of_the_wrong_type_are_refused(
        self, arguments: tuple[object, ...], error: type[Exception], field: str
    ) -> None:
        with pytest.raises(error, match=rf"Invalid {field}:"):
            can_request(*arguments)  # type: ignore[arg-type]

    # Each row: the arguments, and the field the error names.
    @pytest.mark.parametrize(
        ("arguments", "policy", "field"),
        [
            ((PLANNED, EXCEL, 6.0, NOW), DEFAULT_POLICY, "planned_participants"),
            ((PLANNED, EXCEL, 6, NOW), "strict", "policy"),
        ],
    )
    def test_a_wrong_type_is_named(
        self, arguments: tuple[object, ...], policy: object, field: str
    ) -> None:
        with refused_as(InvalidTypeError, field):
            can_request(*arguments, policy=policy)  # type: ignore[arg-type]

    def test_a_naive_submission_instant_is_refused_when_the_company_is_built(self) -> None:
        with pytest.raises(NaiveDatetimeError, match=r"Company.training_plan_submitted_at"):
            Company(ACME.number, ACME.name, training_plan_submitted_at=dt.datetime(2026, 1, 5))


OTHER = Company("0202.239.951", "Brasserie du Parc SRL")


def account(*, hr: bool = True, tos: bool = True, company: Company = ACME) -> HrAccount:
    return HrAccount("hr@acme.example", company, has_hr_function=hr, tos_completed=tos)


class TestCanManageParticipants:
    SESSION = requested_session(brussels(2026, 4, 1, 9))

    # Each row: the account's HR function, TOS, company; the expected reasons (R5).
    @pytest.mark.parametrize(
        ("hr", "tos", "company", "codes"),
        [
            (True, True, ACME, ()),
            (False, True, ACME, (ReasonCode.NO_HR_FUNCTION,)),
            (True, False, ACME, (ReasonCode.TOS_NOT_COMPLETED,)),
            (True, True, OTHER, (ReasonCode.OTHER_COMPANY,)),
            (False, False, ACME, (ReasonCode.NO_HR_FUNCTION, ReasonCode.TOS_NOT_COMPLETED)),
            (
                False,
                False,
                OTHER,
                (ReasonCode.NO_HR_FUNCTION, ReasonCode.TOS_NOT_COMPLETED, ReasonCode.OTHER_COMPANY),
            ),
        ],
    )
    def test_each_unmet_condition_of_r5_is_a_reason_of_its_own(
        self, hr: bool, tos: bool, company: Company, codes: tuple[ReasonCode, ...]
    ) -> None:
        decision = can_manage_participants(account(hr=hr, tos=tos, company=company), self.SESSION)
        assert codes == decision.codes
        assert all("R5" == reason.rule for reason in decision.reasons)

    def test_the_same_company_is_the_same_enterprise_number_however_printed(self) -> None:
        """A record with the plain digits and a submitted plan is still Acme."""
        same = Company("0403170701", "ACME S.A.", training_plan_submitted_at=NOW)
        assert can_manage_participants(account(company=same), self.SESSION)

    def test_arguments_of_the_wrong_type_are_refused(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"Invalid account:"):
            can_manage_participants("hr@acme.example", self.SESSION)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match=r"Invalid session:"):
            can_manage_participants(ACME_HR, "IC-2026-0042/G1")  # type: ignore[arg-type]


class TestCanRegister:
    # Each row: class start, the instant asked, whether registration is open
    # (R8: from the dates' confirmation until 00:00 on D-2, the end of D-3).
    @pytest.mark.parametrize(
        ("start", "now", "open_"),
        [
            # winter, no change in sight: D-3 is Sunday 8 February
            (brussels(2026, 2, 11, 9), brussels(2026, 2, 8, 23, 59, 59), True),
            (brussels(2026, 2, 11, 9), brussels(2026, 2, 9), False),
            # the window opens at the confirmation (six weeks before, at 10:00)
            (brussels(2026, 2, 11, 9), brussels(2025, 12, 31, 10), True),
            (brussels(2026, 2, 11, 9), brussels(2025, 12, 31, 9, 59, 59), False),
            # D-3 on Sunday 29 March 2026, the day clocks go forward: 23 hours long
            (brussels(2026, 4, 1, 9), brussels(2026, 3, 29, 23, 59, 59), True),
            (brussels(2026, 4, 1, 9), brussels(2026, 3, 30), False),
            (brussels(2026, 4, 1, 9), utc(2026, 3, 29, 21, 59, 59), True),  # 23:59:59 CEST
            (brussels(2026, 4, 1, 9), utc(2026, 3, 29, 22), False),  # 00:00 CEST
            # D-2 on the day clocks go forward: registration closes at 00:00 CET
            (brussels(2026, 3, 31, 9), brussels(2026, 3, 28, 23, 59, 59), True),
            (brussels(2026, 3, 31, 9), brussels(2026, 3, 29), False),
            (brussels(2026, 3, 31, 9), utc(2026, 3, 28, 23), False),
            # D-3 on Sunday 25 October 2026, the day clocks go back: 25 hours long
            (brussels(2026, 10, 28, 9), brussels(2026, 10, 25, 23, 59, 59), True),
            (brussels(2026, 10, 28, 9), brussels(2026, 10, 26), False),
            (brussels(2026, 10, 28, 9), utc(2026, 10, 25, 22, 59, 59), True),  # 23:59:59 CET
            (brussels(2026, 10, 28, 9), utc(2026, 10, 25, 23), False),
            # D-2 on the day clocks go back: closes at 00:00 CEST
            (brussels(2026, 10, 27, 9), utc(2026, 10, 24, 21, 59, 59), True),
            (brussels(2026, 10, 27, 9), utc(2026, 10, 24, 22), False),
            # the day of the class
            (brussels(2026, 4, 1, 9), brussels(2026, 4, 1, 8), False),
        ],
    )
    def test_registration_is_open_until_the_end_of_d_minus_3(
        self, start: pendulum.DateTime, now: dt.datetime, open_: bool
    ) -> None:
        decision = can_register(confirmed_session(start), ANN, now, by=ACME_HR)
        assert open_ == bool(decision)
        if not open_:
            (reason,) = decision.reasons
            assert "R8" == reason.rule
            assert reason.code in {
                ReasonCode.REGISTRATION_CLOSED,
                ReasonCode.REGISTRATION_NOT_OPEN,
            }

    def test_a_closed_window_names_its_deadline_on_the_policy_clock(self) -> None:
        decision = can_register(
            confirmed_session(brussels(2026, 4, 1, 9)), ANN, utc(2026, 3, 30, 6), by=ACME_HR
        )
        (reason,) = decision.reasons
        assert "2026-03-30T00:00:00+02:00" == reason.at.isoformat()  # type: ignore[union-attr]
        assert 3 == reason.limit
        assert (
            "Registration was open until Sunday 29 March 2026 at 23:59 (end of D-3)."
            == reason.text("en")
        )

    def test_a_session_without_confirmed_dates_takes_no_registration(self) -> None:
        decision = can_register(
            requested_session(brussels(2026, 4, 1, 9)), ANN, brussels(2026, 3, 1), by=ACME_HR
        )
        assert (ReasonCode.DATES_NOT_CONFIRMED,) == decision.codes

    def test_the_same_national_number_is_not_registered_twice(self) -> None:
        """R9: equality of participants is by national number, whatever the e-mail address."""
        session = confirmed_session(brussels(2026, 4, 1, 9)).evolve(participants=(ANN,))
        twin = type(ANN)(ANN.national_number, "other@acme.example")
        decision = can_register(session, twin, brussels(2026, 3, 12), by=ACME_HR)
        assert (ReasonCode.ALREADY_REGISTERED,) == decision.codes
        assert "*********28" == decision.reasons[0].subject
        assert ANN.national_number.reveal() not in decision.text("en")
        assert can_register(session, BRAM, brussels(2026, 3, 12), by=ACME_HR)

    def test_a_refusal_lists_every_unmet_condition(self) -> None:
        session = confirmed_session(brussels(2026, 4, 1, 9)).evolve(
            participants=(ANN,), cancelled_at=brussels(2026, 3, 10)
        )
        decision = can_register(
            session, ANN, brussels(2026, 3, 30), by=account(hr=False, company=OTHER)
        )
        assert (
            ReasonCode.NO_HR_FUNCTION,
            ReasonCode.OTHER_COMPANY,
            ReasonCode.SESSION_CANCELLED,
            ReasonCode.REGISTRATION_CLOSED,
            ReasonCode.ALREADY_REGISTERED,
        ) == decision.codes

    def test_a_refusal_names_the_cancellation_and_the_opening_on_the_policy_clock(
        self,
    ) -> None:
        """R15, R8: a cancellation recorded in UTC is told on the Brussels clock."""
        session = confirmed_session(brussels(2026, 4, 1, 9)).evolve(
            cancelled_at=utc(2026, 2, 28, 23)
        )
        decision = can_register(session, ANN, brussels(2026, 2, 10), by=ACME_HR)
        assert (
            Reason(ReasonCode.SESSION_CANCELLED, "R15", at=brussels(2026, 3, 1)),
            Reason(ReasonCode.REGISTRATION_NOT_OPEN, "R8", at=brussels(2026, 2, 18, 10)),
        ) == decision.reasons
        assert (
            "The session was cancelled on Sunday 1 March 2026 at 00:00. "
            "Registration only opens on Wednesday 18 February 2026 at 10:00."
        ) == decision.text("en")

    def test_dates_confirmed_after_d_minus_3_never_open_registration(self) -> None:
        """R8: at the very instant of a late confirmation, registration is closed, not unopened."""
        late = brussels(2026, 3, 31, 10)
        session = confirmed_session(brussels(2026, 4, 1, 9)).evolve(dates_confirmed_at=late)
        assert (
            Reason(ReasonCode.REGISTRATION_CLOSED, "R8", at=brussels(2026, 3, 30), limit=3),
        ) == can_register(session, ANN, late, by=ACME_HR).reasons

    def test_the_window_is_a_policy(self) -> None:
        policy = DEFAULT_POLICY.evolve(registration_days_before=5)
        session = confirmed_session(brussels(2026, 4, 1, 9), policy=policy)
        assert can_register(session, ANN, brussels(2026, 3, 27, 23, 59), by=ACME_HR)
        assert not can_register(session, ANN, brussels(2026, 3, 28), by=ACME_HR)

    @pytest.mark.parametrize(
        ("arguments", "by", "error", "field"),
        [
            (("session", ANN, NOW), ACME_HR, InvalidTypeError, "session"),
            ((None, "85073003328", NOW), ACME_HR, InvalidTypeError, "participant"),
            ((None, ANN, NOW), "hr@acme.example", InvalidTypeError, "by"),
            ((None, ANN, dt.datetime(2026, 3, 12)), ACME_HR, NaiveDatetimeError, "now"),
        ],
    )
    def test_arguments_of_the_wrong_type_are_refused(
        self, arguments: tuple[object, ...], by: object, error: type[Exception], field: str
    ) -> None:
        session = confirmed_session(brussels(2026, 4, 1, 9))
        values = tuple(session if value is None else value for value in arguments)
        with pytest.raises(error, match=rf"Invalid {field}:"):
            can_register(*values, by=by)  # type: ignore[arg-type]


class TestCanUnregister:
    SESSION = confirmed_session(brussels(2026, 4, 1, 9)).evolve(participants=(ANN,))

    @pytest.mark.parametrize(
        ("now", "open_"),
        [
            (brussels(2026, 3, 29, 23, 59, 59), True),
            (brussels(2026, 3, 30), False),
        ],
    )
    def test_removing_follows_the_registration_window(
        self, now: pendulum.DateTime, open_: bool
    ) -> None:
        assert open_ == bool(can_unregister(self.SESSION, ANN, now, by=ACME_HR))

    def test_only_a_registered_person_can_be_removed(self) -> None:
        decision = can_unregister(self.SESSION, BRAM, brussels(2026, 3, 12), by=ACME_HR)
        assert (
            Reason(ReasonCode.NOT_REGISTERED, "R9", subject=BRAM.national_number.masked()),
        ) == decision.reasons

    def test_removing_needs_the_same_account_rights(self) -> None:
        decision = can_unregister(self.SESSION, ANN, brussels(2026, 3, 12), by=account(tos=False))
        assert (ReasonCode.TOS_NOT_COMPLETED,) == decision.codes
