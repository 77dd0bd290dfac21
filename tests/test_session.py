"""Companies, accounts, trainings, slots and sessions: building and validating them."""

from __future__ import annotations

import copy
import datetime as dt
import pickle

import attrs
import pendulum
import pytest

from helpers import brussels, refused_as
from incompany_rules import (
    Company,
    HrAccount,
    IncompanyRulesError,
    InvalidEmailError,
    InvalidSessionError,
    InvalidSlotError,
    InvalidTypeError,
    NaiveDatetimeError,
    NationalNumber,
    Session,
    Slot,
    Training,
    cancellation_fee,
)
from incompany_rules.data import from_data, to_data
from incompany_rules.examples import (
    ACME,
    EXCEL,
    confirmed_session,
    requested_session,
    sample_participants,
)
from incompany_rules.instants import days

START = brussels(2026, 4, 1, 9)


class TestCompanyAccountTraining:
    def test_text_fields_are_trimmed(self) -> None:
        assert Company("0403.170.701", "Acme SA") == Company(" 0403.170.701 ", "Acme SA ")

    @pytest.mark.parametrize(
        ("build", "error", "field"),
        [
            (lambda: Company("", "Acme"), InvalidSessionError, "Company.number"),
            (lambda: Company("1", 2), InvalidTypeError, "Company.name"),
            (lambda: Training("X", "  "), InvalidSessionError, "Training.title"),
            (
                lambda: Training("X", "T", in_digital_offer="yes"),  # type: ignore[arg-type]
                InvalidTypeError,
                "Training.in_digital_offer",
            ),
            (
                lambda: HrAccount(
                    "hr@acme.example",
                    "Acme",  # type: ignore[arg-type]
                    has_hr_function=True,
                    tos_completed=True,
                ),
                InvalidTypeError,
                "HrAccount.company",
            ),
            (
                lambda: HrAccount("hr@acme.example", ACME, has_hr_function=1, tos_completed=True),  # type: ignore[arg-type]
                InvalidTypeError,
                "HrAccount.has_hr_function",
            ),
            (
                lambda: HrAccount("not-an-email", ACME, has_hr_function=True, tos_completed=True),
                InvalidEmailError,
                "HrAccount.login",
            ),
        ],
    )
    def test_bad_fields_are_refused_by_name(
        self, build: object, error: type[IncompanyRulesError], field: str
    ) -> None:
        with refused_as(error, field):
            build()  # type: ignore[operator]

    def test_a_training_is_in_the_digital_offer_unless_said_otherwise(self) -> None:
        assert Training("X", "T").in_digital_offer
        assert not Training("X", "T", in_digital_offer=False).in_digital_offer


class TestSlot:
    def test_a_slot_given_in_utc_equals_the_same_slot_in_brussels(self) -> None:
        utc = Slot(
            pendulum.datetime(2026, 4, 1, 7, tz="UTC"), pendulum.datetime(2026, 4, 1, 10, tz="UTC")
        )
        assert Slot(START, brussels(2026, 4, 1, 12)) == utc
        assert hash(Slot(START, brussels(2026, 4, 1, 12))) == hash(utc)

    def test_standard_library_datetimes_become_pendulum_instants(self) -> None:
        slot = Slot(
            dt.datetime(2026, 4, 1, 7, tzinfo=dt.UTC), dt.datetime(2026, 4, 1, 9, tzinfo=dt.UTC)
        )
        assert isinstance(slot.start, pendulum.DateTime)
        assert START == slot.start

    @pytest.mark.parametrize(
        ("start", "end", "error", "field"),
        [
            (START, START, InvalidSlotError, "Slot.end"),
            (START, START.subtract(minutes=1), InvalidSlotError, "Slot.end"),
            (dt.datetime(2026, 4, 1, 9), START, NaiveDatetimeError, "Slot.start"),
            (START, dt.datetime(2026, 4, 1, 12), NaiveDatetimeError, "Slot.end"),
            (dt.date(2026, 4, 1), START, InvalidTypeError, "Slot.start"),
            ("2026-04-01T09:00+02:00", START, InvalidTypeError, "Slot.start"),
        ],
    )
    def test_bad_slots_are_refused(
        self, start: object, end: object, error: type[IncompanyRulesError], field: str
    ) -> None:
        with refused_as(error, field):
            Slot(start, end)

    # The hour Brussels repeats on Sunday 25 October 2026: 02:00-03:00 summer
    # time (00:00-01:00 UTC), then 02:00-03:00 winter time (01:00-02:00 UTC).
    def test_a_slot_over_the_repeated_october_hour_is_accepted(self) -> None:
        start = pendulum.datetime(2026, 10, 25, 0, 30, tz="UTC").in_tz("Europe/Brussels")
        end = pendulum.datetime(2026, 10, 25, 1, 15, tz="UTC").in_tz("Europe/Brussels")
        assert (start.hour, end.hour) == (2, 2)
        assert end.subtract(minutes=45) == Slot(start, end).start

    def test_two_slots_at_the_same_wall_clock_in_the_repeated_hour_differ(self) -> None:
        summer = pendulum.datetime(2026, 10, 25, 0, 10, tz="UTC").in_tz("Europe/Brussels")
        winter = pendulum.datetime(2026, 10, 25, 1, 10, tz="UTC").in_tz("Europe/Brussels")
        end = pendulum.datetime(2026, 10, 25, 3, tz="Europe/Brussels")
        assert Slot(summer, end) != Slot(winter, end)
        assert 2 == len({Slot(summer, end), Slot(winter, end)})

    def test_a_slot_ending_at_its_start_in_the_repeated_hour_is_refused(self) -> None:
        same = pendulum.datetime(2026, 10, 25, 1, tz="UTC").in_tz("Europe/Brussels")
        with refused_as(InvalidSlotError, "Slot.end"):
            Slot(same, pendulum.datetime(2026, 10, 25, 1, tz="UTC"))


class TestSession:
    def test_a_requested_session_has_no_dates_yet(self) -> None:
        session = requested_session(START)
        assert (None, None, "IC-2026-0042/G1") == (
            session.confirmed_slot,
            session.dates_confirmed_at,
            session.key,
        )

    def test_the_confirmed_slot_must_be_one_of_the_proposed_ones(self) -> None:
        other = Slot(brussels(2026, 4, 2, 9), brussels(2026, 4, 2, 12))
        with refused_as(InvalidSessionError, "Session.confirmed_slot"):
            requested_session(START).evolve(
                confirmed_slot=other, dates_confirmed_at=brussels(2026, 2, 1)
            )

    def test_the_confirmed_slot_must_be_a_slot(self) -> None:
        with refused_as(InvalidTypeError, "Session.confirmed_slot"):
            requested_session(START).evolve(
                confirmed_slot="tomorrow", dates_confirmed_at=brussels(2026, 2, 1)
            )

    def test_dates_confirmed_at_goes_with_the_confirmed_slot(self) -> None:
        with pytest.raises(InvalidSessionError, match=r"dates_confirmed_at"):
            requested_session(START).evolve(dates_confirmed_at=brussels(2026, 2, 1))

    def test_a_slot_must_lie_on_one_local_day(self) -> None:
        overnight = Slot(brussels(2026, 4, 1, 22), brussels(2026, 4, 2, 1))
        with pytest.raises(InvalidSlotError, match=r"one local day"):
            requested_session(START).evolve(proposed_slots=(overnight,))

    def test_a_slot_on_one_utc_day_may_span_two_brussels_days(self) -> None:
        """The day that counts is the policy's: 21:00-23:30 UTC ends at 01:30 in Brussels."""
        slot = Slot(
            pendulum.datetime(2026, 4, 1, 21, tz="UTC"),
            pendulum.datetime(2026, 4, 1, 23, 30, tz="UTC"),
        )
        with pytest.raises(InvalidSlotError):
            requested_session(START).evolve(proposed_slots=(slot,))

    def test_a_person_cannot_be_registered_twice(self) -> None:
        ann = sample_participants(1)[0]
        with pytest.raises(InvalidSessionError) as caught:
            confirmed_session(START).evolve(participants=(ann, ann))
        assert "*********28 is registered twice" in str(caught.value)
        assert ann.national_number.reveal() not in str(caught.value)

    def test_attendance_lists_only_registered_people(self) -> None:
        ann, bob = sample_participants(2)
        with pytest.raises(InvalidSessionError) as caught:
            confirmed_session(START).evolve(participants=(ann,), attendance={bob.national_number})
        assert "attended but not registered: *********04" in str(caught.value)

    def test_attendance_accepts_participants_or_numbers(self) -> None:
        ann, bob = sample_participants(2)
        session = confirmed_session(START).evolve(
            participants=(ann, bob), attendance=[ann, bob.national_number]
        )
        assert frozenset({ann.national_number, bob.national_number}) == session.attendance

    def test_who_was_e_mailed_is_kept_as_national_numbers(self) -> None:
        """R12: the access e-mails are recorded per person, from participants or numbers."""
        ann, bob = sample_participants(2)
        session = confirmed_session(START).evolve(access_emailed=[ann, bob.national_number])
        assert frozenset({ann.national_number, bob.national_number}) == session.access_emailed
        assert confirmed_session(START).access_emailed is None
        with refused_as(InvalidTypeError, "Session.access_emailed"):
            confirmed_session(START).evolve(access_emailed=3)

    @pytest.mark.parametrize(
        ("changes", "error", "field"),
        [
            ({"requested_at": dt.datetime(2026, 2, 1)}, NaiveDatetimeError, "Session.requested_at"),
            (
                {"reminder_sent_at": dt.datetime(2026, 3, 11)},
                NaiveDatetimeError,
                "Session.reminder_sent_at",
            ),
            ({"cancelled_at": "2026-03-11"}, InvalidTypeError, "Session.cancelled_at"),
            ({"project": ""}, InvalidSessionError, "Session.project"),
            ({"training": "Excel"}, InvalidTypeError, "Session.training"),
            ({"company": None}, InvalidTypeError, "Session.company"),
            ({"policy": {}}, InvalidTypeError, "Session.policy"),
            ({"planned_participants": -1}, InvalidSessionError, "Session.planned_participants"),
            ({"planned_participants": 6.0}, InvalidTypeError, "Session.planned_participants"),
            ({"proposed_slots": "slot"}, InvalidTypeError, "Session.proposed_slots"),
            ({"proposed_slots": ["slot"]}, InvalidTypeError, "Session.proposed_slots"),
            ({"participants": 3}, InvalidTypeError, "Session.participants"),
            ({"participants": ["85073003328"]}, InvalidTypeError, "Session.participants"),
            ({"attendance": 3}, InvalidTypeError, "Session.attendance"),
            ({"attendance": ["85073003328"]}, InvalidTypeError, "Session.attendance"),
        ],
    )
    def test_bad_fields_are_refused_by_name(
        self, changes: dict[str, object], error: type[IncompanyRulesError], field: str
    ) -> None:
        with refused_as(error, field) as caught:
            requested_session(START).evolve(**changes)
        assert "85073003328" not in str(caught.value)

    def test_a_planned_count_may_be_zero(self) -> None:
        """The value keeps what was planned; R1 (at least six) is can_request's business."""
        assert 0 == requested_session(START).evolve(planned_participants=0).planned_participants

    def test_facts_given_in_the_standard_library_become_pendulum_instants(self) -> None:
        session = confirmed_session(START).evolve(
            reminder_sent_at=dt.datetime(2026, 3, 10, 23, tzinfo=dt.UTC)
        )
        assert isinstance(session.reminder_sent_at, pendulum.DateTime)
        assert brussels(2026, 3, 11) == session.reminder_sent_at

    def test_evolve_leaves_the_original_untouched(self) -> None:
        session = confirmed_session(START)
        session.evolve(cancelled_at=brussels(2026, 3, 1))
        assert not session.is_cancelled
        assert session.evolve(cancelled_at=brussels(2026, 3, 1)).is_cancelled

    def test_sessions_compare_by_value(self) -> None:
        assert confirmed_session(START) == confirmed_session(START)
        assert confirmed_session(START) != requested_session(START)

    def test_a_session_repr_never_shows_a_national_number(self) -> None:
        people = sample_participants(7)
        session = confirmed_session(START).evolve(participants=people, attendance=people[:3])
        text = repr(session) + str(session)
        for person in people:
            assert person.national_number.reveal() not in text
            assert person.national_number.formatted() not in text

    def test_the_training_and_company_are_kept(self) -> None:
        session = requested_session(START)
        assert (EXCEL, ACME) == (session.training, session.company)

    def test_numbers_in_attendance_are_national_numbers(self) -> None:
        ann = sample_participants(1)[0]
        session = confirmed_session(START).evolve(participants=(ann,), attendance=(ann,))
        assert all(isinstance(n, NationalNumber) for n in session.attendance or ())


class TestTheDayDeadlinesASessionKeeps:
    """A session keeps its class day's deadlines (what every rule reads) outside its fields."""

    def test_they_are_the_calendars_for_the_class_day_and_none_before(self) -> None:
        session = confirmed_session(START)
        day = START.toordinal()
        assert days(session.policy, day, day) == session._days  # noqa: SLF001
        assert requested_session(START)._days is None  # noqa: SLF001
        other = session.policy.evolve(registration_days_before=5)
        assert days(other, day, day) == session.evolve(policy=other)._days  # noqa: SLF001

    def test_every_copy_keeps_them(self) -> None:
        session = confirmed_session(START)
        copies = [
            pickle.loads(pickle.dumps(session)),  # noqa: S301 (our own bytes)
            copy.copy(session),
            copy.deepcopy(session),
            session.evolve(group="G2"),
            from_data(to_data(session)),
        ]
        for again in copies:
            assert session._days == again._days  # noqa: SLF001
        assert None is copy.copy(requested_session(START))._days  # noqa: SLF001

    def test_a_subclass_that_calls_the_sessions_own_checks_keeps_them(self) -> None:
        checked: list[str] = []

        @attrs.frozen(kw_only=True)
        class Tagged(Session):
            def __attrs_post_init__(self) -> None:
                super().__attrs_post_init__()
                checked.append(self.group)

        session = confirmed_session(START)
        tagged = Tagged(**{f.name: getattr(session, f.name) for f in attrs.fields(Session)})
        assert [session.group] == checked
        assert session._days == tagged._days  # noqa: SLF001
        when = brussels(2026, 3, 20)
        assert cancellation_fee(session, when) == cancellation_fee(tagged, when)

    def test_they_take_no_part_in_the_value(self) -> None:
        session = confirmed_session(START)
        assert "_days" not in {field.name for field in attrs.fields(Session)}
        assert "_days" not in attrs.asdict(session)
        assert "_days" not in to_data(session)
        assert "registration_closes" not in repr(session)
        twin = pickle.loads(pickle.dumps(session))  # noqa: S301 (our own bytes)
        object.__setattr__(twin, "_days", None)
        assert (session, hash(session)) == (twin, hash(twin))
