"""Sessions from a database export's rows: clocks, clock changes, missing tables, masked numbers."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import attrs

# pandas is a pinned notebook tool (requirements-dev.txt), without type stubs.
import pandas as pd  # type: ignore[import-untyped]
import pytest

from helpers import BRUSSELS, brussels, refused_as
from incompany_rules import (
    DEFAULT_POLICY,
    IncompanyRulesError,
    InvalidEmailError,
    InvalidNationalNumberError,
    InvalidSessionError,
    InvalidSlotError,
    InvalidTypeError,
    InvalidValueError,
    Session,
)
from incompany_rules.examples import sample_participants, year_of_sessions
from incompany_rules.export import InvalidRowError, sessions_from_rows
from incompany_rules.instants import local

if TYPE_CHECKING:
    from collections.abc import Mapping

ANN, BRAM = (p.national_number.reveal() for p in sample_participants(2))


def row(**changes: object) -> dict[str, object]:
    """One session row as an export gives it: naive local times, as text."""
    base: dict[str, object] = {
        "project": "IC-2026-0042",
        "group": "G1",
        "company": "0403.170.701",
        "company_name": "Acme SA",
        "training": "DIG-042",
        "title": "Excel: tableaux croisés dynamiques",
        "requested_at": "2026-02-02 10:00",
        "dates_confirmed_at": "2026-02-16 10:00",
        "start": "2026-11-04 09:00",
        "end": "2026-11-04 12:30",
        "planned": 8,
    }
    return {**base, **changes}


def aware_row(**changes: object) -> dict[str, object]:
    """One session row whose times carry their offset, as a timestamptz column gives them."""
    aware = {
        "requested_at": "2026-02-02T10:00:00+01:00",
        "dates_confirmed_at": "2026-02-16T10:00:00+01:00",
        "start": "2026-11-04T09:00:00+01:00",
        "end": "2026-11-04T12:30:00+01:00",
    }
    return row(**{**aware, **changes})


def person(number: str = ANN, **changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "project": "IC-2026-0042",
        "group": "G1",
        "national_number": number,
        "email": "ann@acme.example",
    }
    return {**base, **changes}


def one(
    session: Mapping[str, object],
    people: list[dict[str, object]] | None = None,
    **options: Any,  # noqa: ANN401 (passed on as keywords)
) -> Session:
    (built,) = sessions_from_rows([session], [] if people is None else people, **options)
    return built


class NoOffset(dt.tzinfo):
    """A zone that gives no offset: Python takes a time on it as naive."""

    def utcoffset(self, _moment: dt.datetime | None) -> None:
        return None

    def dst(self, _moment: dt.datetime | None) -> None:
        return None

    def tzname(self, _moment: dt.datetime | None) -> None:
        return None


READ: list[tuple[str, object, dict[str, Any], str]] = [
    (
        "naive text on the named clock",
        "2026-10-20 09:00",
        {"clock": "Europe/Brussels"},
        "2026-10-20T07:00:00+00:00",
    ),
    (
        "naive datetime on the named clock",
        dt.datetime(2026, 10, 20, 9),
        {"clock": "Europe/Brussels"},
        "2026-10-20T07:00:00+00:00",
    ),
    (
        "naive Timestamp on the named clock",
        pd.Timestamp("2026-12-20 09:00"),
        {"clock": "Europe/Brussels"},
        "2026-12-20T08:00:00+00:00",
    ),
    (
        "a zone without an offset, read as naive",
        dt.datetime(2026, 10, 20, 9, tzinfo=NoOffset()),
        {"clock": "Europe/Brussels"},
        "2026-10-20T07:00:00+00:00",
    ),
    ("aware text without a clock", "2026-10-20T07:00:00+00:00", {}, "2026-10-20T07:00:00+00:00"),
    (
        "aware datetime without a clock",
        dt.datetime(2026, 10, 20, 7, tzinfo=dt.UTC),
        {},
        "2026-10-20T07:00:00+00:00",
    ),
    (
        "aware Timestamp, another clock named",
        pd.Timestamp("2026-10-20 09:00", tz="Europe/Brussels"),
        {"clock": "UTC"},
        "2026-10-20T07:00:00+00:00",
    ),
    (
        "March 02:30 shifted forward",
        "2026-03-29 02:30",
        {"clock": "Europe/Brussels", "nonexistent": "shift_forward"},
        "2026-03-29T01:00:00+00:00",
    ),
    (
        "March 02:30 shifted backward",
        "2026-03-29 02:30",
        {"clock": "Europe/Brussels", "nonexistent": "shift_backward"},
        "2026-03-29T00:59:59.999999+00:00",
    ),
    (
        "March 02:30:15 shifted forward",
        "2026-03-29 02:30:15",
        {"clock": "Europe/Brussels", "nonexistent": "shift_forward"},
        "2026-03-29T01:00:00+00:00",
    ),
    (
        "March 02:30:15 shifted backward",
        "2026-03-29 02:30:15",
        {"clock": "Europe/Brussels", "nonexistent": "shift_backward"},
        "2026-03-29T00:59:59.999999+00:00",
    ),
    (
        "March 02:00:00.5 shifted forward",
        "2026-03-29 02:00:00.5",
        {"clock": "Europe/Brussels", "nonexistent": "shift_forward"},
        "2026-03-29T01:00:00+00:00",
    ),
    (
        "March 02:00:00.5 shifted backward",
        "2026-03-29 02:00:00.5",
        {"clock": "Europe/Brussels", "nonexistent": "shift_backward"},
        "2026-03-29T00:59:59.999999+00:00",
    ),
    (
        "March 02:59 shifted forward",
        "2026-03-29 02:59",
        {"clock": "Europe/Brussels", "nonexistent": "shift_forward"},
        "2026-03-29T01:00:00+00:00",
    ),
    (
        "March 02:59:59.5 shifted forward",
        "2026-03-29 02:59:59.5",
        {"clock": "Europe/Brussels", "nonexistent": "shift_forward"},
        "2026-03-29T01:00:00+00:00",
    ),
    (
        "naive text to the microsecond",
        "2026-10-20 09:00:00.250000",
        {"clock": "Europe/Brussels"},
        "2026-10-20T07:00:00.250000+00:00",
    ),
    (
        "October 02:30, the earlier",
        "2026-10-25 02:30",
        {"clock": "Europe/Brussels", "ambiguous": "earlier"},
        "2026-10-25T00:30:00+00:00",
    ),
    (
        "October 02:30, the later",
        "2026-10-25 02:30",
        {"clock": "Europe/Brussels", "ambiguous": "later"},
        "2026-10-25T01:30:00+00:00",
    ),
    (
        "October 02:30 with its offset",
        "2026-10-25T02:30:00+01:00",
        {"clock": "Europe/Brussels"},
        "2026-10-25T01:30:00+00:00",
    ),
    (
        "the minute before the gap",
        "2026-03-29 01:59",
        {"clock": "Europe/Brussels"},
        "2026-03-29T00:59:00+00:00",
    ),
    (
        "the minute after the repeat",
        "2026-10-25 03:00",
        {"clock": "Europe/Brussels"},
        "2026-10-25T02:00:00+00:00",
    ),
]


class TestInstants:
    @pytest.mark.parametrize(
        ("value", "options", "utc"), [case[1:] for case in READ], ids=[case[0] for case in READ]
    )
    def test_an_instant_is_read_as_the_caller_says(
        self, value: object, options: dict[str, Any], utc: str
    ) -> None:
        given = row if "clock" in options else aware_row
        session = one(given(reminder_sent_at=value), **options)
        assert session.reminder_sent_at is not None
        assert utc == session.reminder_sent_at.in_timezone("UTC").isoformat()

    @pytest.mark.parametrize(
        ("nonexistent", "shown"),
        [
            ("shift_forward", "2026-03-29T03:00:00+02:00"),
            ("shift_backward", "2026-03-29T01:59:59.999999+01:00"),
        ],
    )
    def test_a_time_in_the_skipped_hour_is_moved_on_the_named_clock(
        self, nonexistent: str, shown: str
    ) -> None:
        session = one(
            row(reminder_sent_at="2026-03-29 02:30"),
            clock="Europe/Brussels",
            nonexistent=nonexistent,
        )
        assert session.reminder_sent_at is not None
        assert session.reminder_sent_at.tzinfo is BRUSSELS
        assert shown == session.reminder_sent_at.isoformat()

    def test_a_naive_time_is_kept_on_the_named_clock(self) -> None:
        session = one(row(), clock="Europe/Brussels")
        assert brussels(2026, 2, 2, 10) == session.requested_at
        assert session.requested_at.tzinfo is BRUSSELS


BRUSSELS_CLOCK = {"clock": "Europe/Brussels"}
REFUSED: list[
    tuple[
        str,
        dict[str, object],
        list[dict[str, object]] | None,
        dict[str, Any],
        type[IncompanyRulesError],
        str,
    ]
] = [
    (
        "naive without a clock",
        row(),
        [],
        {},
        InvalidRowError,
        "sessions[0].requested_at",
    ),
    (
        "March 02:30",
        row(cancelled_at="2026-03-29 02:30"),
        [],
        {"clock": "Europe/Brussels"},
        InvalidRowError,
        "sessions[0].cancelled_at",
    ),
    (
        "October 02:30",
        row(reminder_sent_at="2026-10-25 02:30:15"),
        [],
        {"clock": "Europe/Brussels"},
        InvalidRowError,
        "sessions[0].reminder_sent_at",
    ),
    (
        "October 02:30, gaps settled only",
        row(reminder_sent_at="2026-10-25 02:30"),
        [],
        {"clock": "Europe/Brussels", "nonexistent": "shift_forward"},
        InvalidRowError,
        "sessions[0].reminder_sent_at",
    ),
    (
        "March 02:30, repeats settled only",
        row(cancelled_at="2026-03-29 02:30"),
        [],
        {"clock": "Europe/Brussels", "ambiguous": "later"},
        InvalidRowError,
        "sessions[0].cancelled_at",
    ),
    (
        "no participant table",
        row(),
        None,
        {"clock": "Europe/Brussels"},
        InvalidRowError,
        "participants",
    ),
    (
        "a bad number",
        row(),
        [person(), person(BRAM[:-1] + str((int(BRAM[-1]) + 1) % 10))],
        {"clock": "Europe/Brussels"},
        InvalidNationalNumberError,
        "participants[1].national_number",
    ),
    (
        "a bad email",
        row(),
        [person(email="ann@acme")],
        {"clock": "Europe/Brussels"},
        InvalidEmailError,
        "participants[0].email",
    ),
    (
        "a missing email",
        row(),
        [person(email=None)],
        {"clock": "Europe/Brussels"},
        InvalidRowError,
        "participants[0].email",
    ),
    (
        "a name that is not text",
        row(),
        [person(name=3)],
        {"clock": "Europe/Brussels"},
        InvalidTypeError,
        "participants[0].name",
    ),
    (
        "attended as text",
        row(),
        [person(attended="yes")],
        {"clock": "Europe/Brussels"},
        InvalidTypeError,
        "participants[0].attended",
    ),
    (
        "registered twice",
        row(),
        [person(), person()],
        {"clock": "Europe/Brussels"},
        InvalidSessionError,
        "sessions[0].participants",
    ),
    (
        "a session not in the table",
        row(),
        [person(), person(BRAM, group="G2")],
        {"clock": "Europe/Brussels"},
        InvalidRowError,
        "participants[1]",
    ),
    (
        "a session twice",
        row(),
        [],
        {"clock": "Europe/Brussels", "_twice": True},
        InvalidRowError,
        "sessions[1]",
    ),
    (
        "a missing project",
        row(project=None),
        [],
        BRUSSELS_CLOCK,
        InvalidRowError,
        "sessions[0].project",
    ),
    ("a missing group", row(group=None), [], BRUSSELS_CLOCK, InvalidRowError, "sessions[0].group"),
    (
        "a missing request",
        row(requested_at=None),
        [],
        BRUSSELS_CLOCK,
        InvalidRowError,
        "sessions[0].requested_at",
    ),
    ("a bad start", row(start="soon"), [], BRUSSELS_CLOCK, InvalidRowError, "sessions[0].start"),
    ("a bad end", row(end="soon"), [], BRUSSELS_CLOCK, InvalidRowError, "sessions[0].end"),
    (
        "a bad confirmation",
        row(dates_confirmed_at="soon"),
        [],
        BRUSSELS_CLOCK,
        InvalidRowError,
        "sessions[0].dates_confirmed_at",
    ),
    (
        "a person's missing project",
        row(),
        [person(project=None)],
        BRUSSELS_CLOCK,
        InvalidRowError,
        "participants[0].project",
    ),
    (
        "a person's missing group",
        row(),
        [person(group=None)],
        BRUSSELS_CLOCK,
        InvalidRowError,
        "participants[0].group",
    ),
    (
        "a missing number",
        row(),
        [person(national_number=None)],
        BRUSSELS_CLOCK,
        InvalidRowError,
        "participants[0].national_number",
    ),
    (
        "two sessions not in the table",
        row(),
        [person(group="G3"), person(BRAM, group="G2")],
        BRUSSELS_CLOCK,
        InvalidRowError,
        "participants[0]",
    ),
    (
        "an unknown reading of a skipped hour",
        row(),
        [],
        {"clock": "Europe/Brussels", "nonexistent": "later"},
        InvalidValueError,
        "nonexistent",
    ),
    (
        "an aware time before the supported years",
        aware_row(reminder_sent_at="1800-01-01T09:00:00+01:00"),
        [],
        {},
        InvalidValueError,
        "sessions[0].reminder_sent_at",
    ),
    (
        "a missing title",
        row(title=float("nan")),
        [],
        {"clock": "Europe/Brussels"},
        InvalidRowError,
        "sessions[0].title",
    ),
    (
        "a missing training code",
        row(training=None),
        [],
        {"clock": "Europe/Brussels"},
        InvalidRowError,
        "sessions[0].training",
    ),
    (
        "a number for an enterprise number",
        row(company=403170701),
        [],
        {"clock": "Europe/Brussels"},
        InvalidTypeError,
        "sessions[0].company",
    ),
    (
        "a number for a name",
        row(company_name=42),
        [],
        {"clock": "Europe/Brussels"},
        InvalidTypeError,
        "sessions[0].company_name",
    ),
    (
        "an empty name",
        row(company_name=" "),
        [],
        {"clock": "Europe/Brussels"},
        InvalidSessionError,
        "sessions[0].company_name",
    ),
    (
        "planned as text",
        row(planned="8"),
        [],
        {"clock": "Europe/Brussels"},
        InvalidTypeError,
        "sessions[0].planned",
    ),
    (
        "planned as a flag",
        row(planned=True),
        [],
        {"clock": "Europe/Brussels"},
        InvalidTypeError,
        "sessions[0].planned",
    ),
    (
        "planned negative",
        row(planned=-1),
        [],
        {"clock": "Europe/Brussels"},
        InvalidSessionError,
        "sessions[0].planned",
    ),
    (
        "an end before the start",
        row(end="2026-11-04 08:00"),
        [],
        {"clock": "Europe/Brussels"},
        InvalidSlotError,
        "sessions[0].end",
    ),
    (
        "a start without an end",
        row(end=None),
        [],
        {"clock": "Europe/Brussels"},
        InvalidTypeError,
        "sessions[0].end",
    ),
    (
        "confirmed without a class",
        row(start=None, end=None),
        [],
        {"clock": "Europe/Brussels"},
        InvalidSessionError,
        "sessions[0].dates_confirmed_at",
    ),
    (
        "not a date",
        row(cancelled_at="soon"),
        [],
        {"clock": "Europe/Brussels"},
        InvalidRowError,
        "sessions[0].cancelled_at",
    ),
    (
        "a date only",
        row(cancelled_at=dt.date(2026, 3, 1)),
        [],
        {"clock": "Europe/Brussels"},
        InvalidTypeError,
        "sessions[0].cancelled_at",
    ),
    (
        "an unknown clock",
        row(),
        [],
        {"clock": "Europe/Bruxelles"},
        InvalidValueError,
        "clock",
    ),
    (
        "a clock not named",
        row(),
        [],
        {"clock": BRUSSELS},
        InvalidTypeError,
        "clock",
    ),
    (
        "an unknown choice",
        row(),
        [],
        {"clock": "Europe/Brussels", "ambiguous": "first"},
        InvalidValueError,
        "ambiguous",
    ),
    (
        "not a policy",
        row(),
        [],
        {"clock": "Europe/Brussels", "policy": {}},
        InvalidTypeError,
        "policy",
    ),
]


class TestRefusedRows:
    @pytest.mark.parametrize(
        ("session", "people", "options", "error", "field"),
        [case[1:] for case in REFUSED],
        ids=[case[0] for case in REFUSED],
    )
    def test_the_table_row_and_column_are_named(
        self,
        session: dict[str, object],
        people: list[dict[str, object]] | None,
        options: dict[str, Any],
        error: type[IncompanyRulesError],
        field: str,
    ) -> None:
        options = dict(options)  # the table's own dict stays whole for a rerun
        rows = [session, session] if options.pop("_twice", False) else [session]
        with refused_as(error, field) as raised:
            sessions_from_rows(rows, people, **options)
        assert type(raised.value) is error
        shown = str(raised.value)
        assert [] == [n for n in (ANN, BRAM) if n[:9] in shown]

    @pytest.mark.parametrize(
        ("sessions", "people", "field"),
        [
            ("rows", [], "sessions"),
            (row(), [], "sessions"),
            ([row(), ["IC"]], [], "sessions[1]"),
            ([row()], [person(), 3], "participants[1]"),
        ],
    )
    def test_tables_must_be_rows(self, sessions: object, people: object, field: str) -> None:
        with refused_as(InvalidTypeError, field):
            sessions_from_rows(sessions, people, clock="Europe/Brussels")  # type: ignore[arg-type]


class TestSessions:
    def test_participants_join_their_session_in_registration_order(self) -> None:
        people = [person(BRAM, email="bram@acme.example", name="Bram"), person()]
        session = one(row(), people, clock="Europe/Brussels")
        assert [BRAM, ANN] == [p.national_number.reveal() for p in session.participants]
        assert "Bram" == session.participants[0].name
        assert session.attendance is None

    def test_attendance_is_recorded_when_any_row_says_it(self) -> None:
        people = [person(attended=True), person(BRAM, attended=False)]
        session = one(row(), people, clock="Europe/Brussels")
        assert frozenset({session.participants[0].national_number}) == session.attendance
        nobody = one(row(), [person(attended=False)], clock="Europe/Brussels")
        assert frozenset() == nobody.attendance

    def test_a_slot_without_confirmation_is_only_proposed(self) -> None:
        session = one(row(dates_confirmed_at=None), clock="Europe/Brussels")
        assert session.confirmed_slot is None
        assert brussels(2026, 11, 4, 9) == session.proposed_slots[0].start
        bare = one(row(dates_confirmed_at=None, start=None, end=None), clock="Europe/Brussels")
        assert () == bare.proposed_slots

    def test_the_policy_is_given_to_every_session(self) -> None:
        policy = DEFAULT_POLICY.evolve(min_participants=5)
        assert policy is one(row(), clock="Europe/Brussels", policy=policy).policy

    def test_pandas_records_with_empty_cells(self) -> None:
        frame = pd.DataFrame([row(planned=None), row(group="G2", cancelled_at="2026-10-01 11:00")])
        for column in ("requested_at", "dates_confirmed_at", "start", "end", "cancelled_at"):
            frame[column] = pd.to_datetime(frame[column])
        people = pd.DataFrame([person(attended=None), person(BRAM, group="G2", attended=True)])
        first, second = sessions_from_rows(
            frame.to_dict("records"), people.to_dict("records"), clock="Europe/Brussels"
        )
        assert (None, 8) == (first.planned_participants, second.planned_participants)
        assert (None, brussels(2026, 10, 1, 11)) == (first.cancelled_at, second.cancelled_at)
        assert (None, 1) == (first.attendance, len(second.attendance or ()))

    def test_a_year_exported_with_local_times_reads_back_the_same(self) -> None:
        sessions = year_of_sessions(2026, count=60)
        facts = [f.name for f in attrs.fields(Session) if f.name.endswith("_at")]

        def wall(value: dt.datetime | None) -> str | None:
            return (
                None if value is None else local(value, BRUSSELS).strftime("%Y-%m-%d %H:%M:%S.%f")
            )

        rows = [
            {
                "project": s.project,
                "group": s.group,
                "company": s.company.number,
                "company_name": s.company.name,
                "training": s.training.code,
                "title": s.training.title,
                "planned": s.planned_participants,
                "start": wall(s.proposed_slots[0].start),
                "end": wall(s.proposed_slots[0].end),
                **{name: wall(getattr(s, name)) for name in facts},
            }
            for s in sessions
        ]
        people = [
            {
                "project": s.project,
                "group": s.group,
                "national_number": p.national_number.formatted(),
                "email": p.email,
                "attended": None if s.attendance is None else p.national_number in s.attendance,
            }
            for s in sessions
            for p in s.participants
        ]
        assert sessions == sessions_from_rows(rows, people, clock="Europe/Brussels")


@pytest.mark.parametrize(
    ("session", "options", "message"),
    [
        (row(project=42), {}, "sessions[0].project: expected a string, got int"),
        (row(planned=True), {}, "sessions[0].planned: expected a whole number, got bool True"),
        (row(planned=2.5), {}, "sessions[0].planned: expected a whole number, got float 2.5"),
        (row(requested_at=None), {}, "sessions[0].requested_at: missing"),
        (row(), {"policy": {}}, "policy: expected a Policy, got dict"),
    ],
    ids=["text as a number", "count as a flag", "count with a fraction", "missing", "policy"],
)
def test_a_refused_cell_reads_word_for_word(
    session: dict[str, object], options: dict[str, Any], message: str
) -> None:
    with pytest.raises(IncompanyRulesError) as raised:
        sessions_from_rows([session], [], clock="Europe/Brussels", **options)
    assert f"Invalid {message}" == str(raised.value)
