"""Sessions as plain data: lossless round trips, JSON, and refused forms named by their path."""

from __future__ import annotations

import copy
import datetime as dt
import json
import zoneinfo
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings

from helpers import refused_as
from incompany_rules import (
    IncompanyRulesError,
    InvalidDataError,
    InvalidEmailError,
    InvalidNationalNumberError,
    InvalidPolicyError,
    InvalidSessionError,
    InvalidSlotError,
    InvalidTypeError,
    NationalNumber,
    Session,
    data,
    from_data,
    to_data,
)
from incompany_rules.data import FORMAT_VERSION
from incompany_rules.examples import confirmed_session, sample_participants
from incompany_rules.strategies import sessions

OCTOBER = pendulum.datetime(2026, 10, 27, 9, tz="Europe/Brussels")


@pytest.fixture(autouse=True)
def fresh_converter(monkeypatch: pytest.MonkeyPatch) -> None:
    """Check a converter built by each test, not the one built at import.

    The module builds its converter once, at import, and cattrs keeps the
    function it generates for each class on first use: the tests here would
    otherwise check the converter, and the generated functions, of whatever
    ran first (the facade's import, a doctest, another module's test). The
    examples of one property share their test's converter.
    """
    monkeypatch.setattr(data, "_CONVERTER", data._converter())  # noqa: SLF001


SHARED = settings(
    suppress_health_check=[
        *settings().suppress_health_check,  # the profile's own
        HealthCheck.function_scoped_fixture,
    ]
)


def plain(value: object) -> object:  # noqa: PLR0911 (one return per kind of value)
    """Return every part of ``value``, recursively, in a form that compares all of it.

    ``Session ==`` is not enough to show a round trip lossless: participants
    compare by national number only, and instants sharing a zone by their
    wall clock. This walks every attrs field, so a field added to any class
    later is compared too, with no change here.
    """
    if attrs.has(type(value)):
        fields = attrs.fields(type(value))  # type: ignore[arg-type]
        return (type(value).__name__, {f.name: plain(getattr(value, f.name)) for f in fields})
    if isinstance(value, dt.datetime):
        # The offset in isoformat() tells the hours that happen twice apart.
        return (value.isoformat(), str(getattr(value.tzinfo, "name", value.tzinfo)))
    if isinstance(value, dt.tzinfo):
        return str(getattr(value, "name", value))
    if isinstance(value, NationalNumber):
        return value.reveal()
    if isinstance(value, tuple):
        return [plain(item) for item in value]
    if isinstance(value, frozenset):
        return sorted(str(plain(item)) for item in value)
    if isinstance(value, Decimal):
        return ("Decimal", str(value))
    return value


def attrs_keys(cls: type, form: dict[str, Any]) -> None:
    """Assert that ``form`` has a key for each field of ``cls`` given to ``__init__``, and no other."""
    assert {f.alias for f in attrs.fields(cls) if f.init} == set(form)


class TestRoundTrip:
    @SHARED
    @given(sessions())
    def test_every_part_of_every_session_comes_back(self, session: Session) -> None:
        data = to_data(session)
        back = from_data(json.loads(json.dumps(data)))
        assert session == back
        assert plain(session) == plain(back)
        assert data == to_data(back)

    @SHARED
    @given(sessions())
    def test_the_form_has_every_field_of_the_session(self, session: Session) -> None:
        form = to_data(session)["session"]
        attrs_keys(Session, form)
        attrs_keys(type(session.policy), form["policy"])
        attrs_keys(type(session.company), form["company"])
        for slot in form["proposed_slots"]:
            assert {"start", "end"} == set(slot)

    def test_the_hour_that_happens_twice_keeps_its_offset(self) -> None:
        brussels = pendulum.timezone("Europe/Brussels")
        summer = pendulum.DateTime(2026, 10, 25, 2, 30, tzinfo=brussels, fold=0)
        winter = pendulum.DateTime(2026, 10, 25, 2, 30, tzinfo=brussels, fold=1)
        for fact, text in (
            (summer, "2026-10-25T02:30:00+02:00[Europe/Brussels]"),
            (winter, "2026-10-25T02:30:00+01:00[Europe/Brussels]"),
        ):
            session = confirmed_session(OCTOBER).evolve(reminder_sent_at=fact)
            data = to_data(session)
            assert text == data["session"]["reminder_sent_at"]
            back = from_data(data).reminder_sent_at
            assert back is not None
            assert fact.in_timezone("UTC") == back.in_timezone("UTC")

    def test_an_instant_in_utc_or_at_a_fixed_offset_keeps_its_clock(self) -> None:
        for given_at, text in (
            (dt.datetime(2026, 9, 1, 8, tzinfo=dt.UTC), "2026-09-01T08:00:00+00:00[UTC]"),
            (
                dt.datetime(2026, 9, 1, 8, tzinfo=dt.timezone(dt.timedelta(hours=-3))),
                "2026-09-01T08:00:00-03:00[-03:00]",
            ),
            (  # an offset of whole seconds, as local mean times have
                dt.datetime(2026, 9, 1, 8, tzinfo=dt.timezone(-dt.timedelta(seconds=1050))),
                "2026-09-01T08:00:00-00:17:30[-00:17:30]",
            ),
        ):
            session = confirmed_session(OCTOBER).evolve(reminder_sent_at=given_at)
            data = to_data(session)
            assert text == data["session"]["reminder_sent_at"]
            assert plain(session) == plain(from_data(data))

    def test_an_instant_on_the_standard_librarys_zone_keeps_its_name(self) -> None:
        # A pendulum value on a zoneinfo zone is kept as it is given.
        given_at = pendulum.DateTime(2026, 9, 1, 8, tzinfo=zoneinfo.ZoneInfo("Europe/Brussels"))
        session = confirmed_session(OCTOBER).evolve(reminder_sent_at=given_at)
        data = to_data(session)
        assert "2026-09-01T08:00:00+02:00[Europe/Brussels]" == data["session"]["reminder_sent_at"]
        assert plain(session) == plain(from_data(data))

    def test_a_form_at_offset_zero_named_by_its_offset_loads(self) -> None:
        data = to_data(confirmed_session(OCTOBER))
        data["session"]["reminder_sent_at"] = "2026-09-01T08:00:00+00:00[+00:00]"
        loaded = from_data(data).reminder_sent_at
        assert loaded is not None
        assert "2026-09-01T08:00:00+00:00" == loaded.isoformat()

    def test_the_version_and_the_policy_are_in_the_form(self) -> None:
        data = to_data(confirmed_session(OCTOBER))
        assert FORMAT_VERSION == data["version"] == 1
        assert "150" == data["session"]["policy"]["shortfall_fee_per_person"]
        assert "2021-03-01" == data["session"]["policy"]["participant_email_from"]

    def test_attendance_is_written_sorted_whatever_the_set_order(self) -> None:
        people = sample_participants(4)
        session = confirmed_session(OCTOBER).evolve(
            participants=people, attendance=list(reversed(people))
        )
        written = to_data(session)["session"]["attendance"]
        assert sorted(written) == written
        assert {p.national_number.reveal() for p in people} == set(written)

    def test_only_a_session_is_written(self) -> None:
        with refused_as(InvalidTypeError, "session"):
            to_data({})  # type: ignore[arg-type]


Change = Callable[[dict[str, Any]], object]
NUMBER = sample_participants(4)[3].national_number.reveal()
STRANGER = sample_participants(5)[4].national_number.reveal()


def with_people() -> dict[str, Any]:
    people = sample_participants(4)
    session = confirmed_session(OCTOBER).evolve(participants=people, attendance=people[:2])
    return to_data(session)


def put(path: str, value: object) -> Change:
    """Return a change setting the value at ``path`` (``a.b[2].c``) of a session's form."""

    def change(form: dict[str, Any]) -> None:
        *parents, last = path.replace("[", ".").replace("]", "").split(".")
        target: Any = form
        for step in parents:
            target = target[int(step)] if step.isdigit() else target[step]
        if value is DELETE:
            del target[last]
        elif last.isdigit():
            target[int(last)] = value
        else:
            target[last] = value

    return change


DELETE = object()


class Unreadable(Mapping[str, object]):
    """A participant whose email cannot be read: the failure and its note hold the number."""

    def __init__(self, form: dict[str, object]) -> None:
        self.form = form

    def __getitem__(self, key: str) -> object:
        if key == "email":
            error = ValueError(f"no email could be decoded for {self.form['national_number']}")
            error.add_note(f"reading the row of {self.form['national_number']}")
            raise error
        return self.form[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.form)

    def __len__(self) -> int:
        return len(self.form)


REFUSED: list[tuple[str, Change, type[IncompanyRulesError], str]] = [
    ("bad email", put("participants[3].email", "ann@"), InvalidEmailError, "participants[3].email"),
    (
        "missing email",
        put("participants[3].email", DELETE),
        InvalidDataError,
        "participants[3].email",
    ),
    ("unknown key", put("participants[3].mail", "a@b.be"), InvalidDataError, "participants[3]"),
    (
        "bad check digits",
        put("participants[3].national_number", NUMBER[:-1] + str((int(NUMBER[-1]) + 1) % 10)),
        InvalidNationalNumberError,
        "participants[3].national_number",
    ),
    (
        "number as int",
        put("participants[3].national_number", int(NUMBER)),
        InvalidTypeError,
        "participants[3].national_number",
    ),
    (
        "registered twice",
        put(
            "participants[3]",
            {
                "national_number": sample_participants(1)[0].national_number.reveal(),
                "email": "x@y.be",
            },
        ),
        InvalidSessionError,
        "participants",
    ),
    ("participants not a list", put("participants", "abc"), InvalidTypeError, "participants"),
    ("participant not an object", put("participants[1]", 1), InvalidTypeError, "participants[1]"),
    ("a stranger attended", put("attendance[0]", STRANGER), InvalidSessionError, "attendance"),
    ("count as text", put("planned_participants", "8"), InvalidTypeError, "planned_participants"),
    (
        "count as bool",
        put("planned_participants", value=True),
        InvalidTypeError,
        "planned_participants",
    ),
    (
        "offset not the zone's",
        put("requested_at", "2026-09-15T10:00:00+01:00[Europe/Brussels]"),
        InvalidDataError,
        "requested_at",
    ),
    (
        "no offset",
        put("requested_at", "2026-09-15T10:00:00[Europe/Brussels]"),
        InvalidDataError,
        "requested_at",
    ),
    ("no zone", put("requested_at", "2026-09-15T10:00:00+02:00"), InvalidDataError, "requested_at"),
    (
        "unknown zone",
        put("requested_at", "2026-09-15T10:00:00+02:00[Mars/Base]"),
        InvalidDataError,
        "requested_at",
    ),
    (
        "not a date and time",
        put("requested_at", "yesterday[Europe/Brussels]"),
        InvalidDataError,
        "requested_at",
    ),
    ("instant as number", put("requested_at", 1789000000), InvalidTypeError, "requested_at"),
    (
        "fixed offset not its own",
        put("reminder_sent_at", "2026-09-15T10:00:00+02:00[+01:00]"),
        InvalidDataError,
        "reminder_sent_at",
    ),
    (
        "end not after start",
        put("confirmed_slot.end", "2026-10-27T09:00:00+01:00[Europe/Brussels]"),
        InvalidSlotError,
        "confirmed_slot.end",
    ),
    (
        "confirmed without a date",
        put("dates_confirmed_at", None),
        InvalidSessionError,
        "dates_confirmed_at",
    ),
    ("empty code", put("training.code", " "), InvalidSessionError, "training.code"),
    (
        "flag as int",
        put("training.in_digital_offer", 1),
        InvalidTypeError,
        "training.in_digital_offer",
    ),
    ("training not an object", put("training", ["DIG-042"]), InvalidTypeError, "training"),
    ("missing project", put("project", DELETE), InvalidDataError, "project"),
    (
        "fee as number",
        put("policy.late_cancellation_fee", 375),
        InvalidTypeError,
        "policy.late_cancellation_fee",
    ),
    (
        "fee not an amount",
        put("policy.late_cancellation_fee", "a lot"),
        InvalidDataError,
        "policy.late_cancellation_fee",
    ),
    (
        "fee infinite",
        put("policy.late_cancellation_fee", "Infinity"),
        InvalidDataError,
        "policy.late_cancellation_fee",
    ),
    (
        "fee negative",
        put("policy.late_cancellation_fee", "-1"),
        InvalidPolicyError,
        "policy.late_cancellation_fee",
    ),
    (
        "unknown basis",
        put("policy.shortfall_basis", "booked"),
        InvalidDataError,
        "policy.shortfall_basis",
    ),
    (
        "bad date",
        put("policy.participant_email_from", "2021-13-01"),
        InvalidDataError,
        "policy.participant_email_from",
    ),
    (
        "unknown timezone",
        put("policy.timezone", "Mars/Base"),
        InvalidPolicyError,
        "policy.timezone",
    ),
]


class TestRefusedForms:
    @pytest.mark.parametrize(
        ("change", "error", "path"),
        [case[1:] for case in REFUSED],
        ids=[case[0] for case in REFUSED],
    )
    def test_a_bad_field_is_named_by_its_path(
        self, change: Change, error: type[IncompanyRulesError], path: str
    ) -> None:
        data = with_people()
        change(data["session"])
        with pytest.raises(error) as raised:
            from_data(data)
        assert path == raised.value.field
        assert str(raised.value).startswith(f"Invalid {path}: ")
        assert type(raised.value) is error

    @pytest.mark.parametrize(
        ("change", "error", "path"),
        [case[1:] for case in REFUSED],
        ids=[case[0] for case in REFUSED],
    )
    def test_no_error_shows_a_national_number(
        self, change: Change, error: type[IncompanyRulesError], path: str
    ) -> None:
        del error, path
        data = with_people()
        change(data["session"])
        numbers = [p["national_number"] for p in with_people()["session"]["participants"]]
        with pytest.raises(IncompanyRulesError) as raised:
            from_data(data)
        shown = str(raised.value)
        assert [] == [n[-4:] for n in [*numbers, STRANGER] if n[:9] in shown]

    @pytest.mark.parametrize(
        ("data", "error", "field"),
        [
            ([], InvalidTypeError, "data"),
            ({"version": 2, "session": {}}, InvalidDataError, "version"),
            ({"version": True, "session": {}}, InvalidDataError, "version"),
            ({"session": {}}, InvalidDataError, "version"),
            ({"version": 1}, InvalidDataError, "session"),
            ({"version": 1, "session": {}, "notes": ""}, InvalidDataError, "notes"),
            ({"version": 1, "session": []}, InvalidTypeError, "session"),
        ],
    )
    def test_the_envelope_is_checked(
        self, data: object, error: type[IncompanyRulesError], field: str
    ) -> None:
        with refused_as(error, field):
            from_data(data)  # type: ignore[arg-type]

    def test_an_unknown_key_of_the_session_is_named(self) -> None:
        data = with_people()
        data["session"]["remark"] = "typo"
        with refused_as(InvalidDataError, "session") as raised:
            from_data(data)
        assert "'remark'" in raised.value.problem

    def test_a_value_that_cannot_be_read_is_named_with_the_kind_of_failure_only(self) -> None:
        data = with_people()
        data["session"]["participants"][3] = Unreadable(data["session"]["participants"][3])
        with refused_as(InvalidDataError, "participants[3].email") as raised:
            from_data(data)
        assert "cannot be read (ValueError)" == raised.value.problem
        assert NUMBER[:9] not in str(raised.value)

    def test_a_form_left_unchanged_by_the_table_still_loads(self) -> None:
        data = with_people()
        before = copy.deepcopy(data)
        assert 4 == len(from_data(data).participants)
        assert before == data


# What a malformed value of the form reads as, word for word: the kind of
# value expected, what came instead, and for text the text itself.
DESCRIBED: list[tuple[str, Change, str]] = [
    ("missing email", put("participants[3].email", DELETE), "participants[3].email: missing"),
    ("unknown key", put("participants[3].mail", "a@b.be"), "participants[3]: unknown key 'mail'"),
    (
        "two unknown keys",
        lambda form: form["participants"][3].update(mail="a@b.be", phone="02"),
        "participants[3]: unknown key 'mail', 'phone'",
    ),
    (
        "number as int",
        put("participants[3].national_number", int(NUMBER)),
        "participants[3].national_number: expected a national register number as a string, got int",
    ),
    (
        "participants not a list",
        put("participants", "abc"),
        "participants: expected a list, got str",
    ),
    (
        "participant not an object",
        put("participants[1]", 1),
        "participants[1]: expected an object, got int",
    ),
    (
        "count as text",
        put("planned_participants", "8"),
        "planned_participants: expected a whole number, got str",
    ),
    (
        "count as bool",
        put("planned_participants", value=True),
        "planned_participants: expected a whole number, got bool",
    ),
    (
        "flag as int",
        put("training.in_digital_offer", 1),
        "training.in_digital_offer: expected true or false, got int",
    ),
    ("code as int", put("training.code", 7), "training.code: expected a string, got int"),
    (
        "offset not the zone's",
        put("requested_at", "2026-09-15T10:00:00+01:00[Europe/Brussels]"),
        (
            "requested_at: the offset of '2026-09-15T10:00:00+01:00[Europe/Brussels]' is not "
            "Europe/Brussels's at that instant (+02:00)"
        ),
    ),
    (
        "fixed offset not its own",
        put("reminder_sent_at", "2026-09-15T10:00:00+02:00[+01:00]"),
        (
            "reminder_sent_at: the offset of '2026-09-15T10:00:00+02:00[+01:00]' is not +01:00's "
            "at that instant (+01:00)"
        ),
    ),
    (
        "no offset",
        put("requested_at", "2026-09-15T10:00:00[Europe/Brussels]"),
        (
            "requested_at: expected an instant with its UTC offset, got "
            "'2026-09-15T10:00:00[Europe/Brussels]'"
        ),
    ),
    (
        "no zone",
        put("requested_at", "2026-09-15T10:00:00+02:00"),
        (
            "requested_at: expected ISO 8601 with an offset and a [zone], such as "
            "'2026-04-01T09:00:00+02:00[Europe/Brussels]', got '2026-09-15T10:00:00+02:00'"
        ),
    ),
    (
        "the last year a calendar has",
        put("requested_at", "9999-12-31T23:30:00+00:00[Europe/Brussels]"),
        (
            "requested_at: expected an instant in the years 1900 to 2999 (UTC), got "
            "9999-12-31T23:30:00+00:00"
        ),
    ),
    (
        "offset with seconds not the named one",
        put("requested_at", "2026-09-15T10:00:00+01:00:30[+01:00:31]"),
        (
            "requested_at: the offset of '2026-09-15T10:00:00+01:00:30[+01:00:31]' is not "
            "+01:00:31's at that instant (+01:00:31)"
        ),
    ),
    (
        "unknown zone",
        put("requested_at", "2026-09-15T10:00:00+02:00[Mars/Base]"),
        "requested_at: unknown timezone 'Mars/Base' in '2026-09-15T10:00:00+02:00[Mars/Base]'",
    ),
    (
        "30 February",
        put("requested_at", "2026-02-30T10:00:00+01:00[Europe/Brussels]"),
        (
            "requested_at: expected an ISO 8601 instant, got "
            "'2026-02-30T10:00:00+01:00[Europe/Brussels]'"
        ),
    ),
    (
        "instant as number",
        put("requested_at", 1789000000),
        (
            "requested_at: expected an instant such as '2026-04-01T09:00:00+02:00[Europe/Brussels]', "
            "got int"
        ),
    ),
    (
        "fee as number",
        put("policy.late_cancellation_fee", 375),
        (
            "policy.late_cancellation_fee: expected an amount written as a string, such as "
            "'375.00', got int"
        ),
    ),
    (
        "fee not an amount",
        put("policy.late_cancellation_fee", "a lot"),
        "policy.late_cancellation_fee: expected an amount such as '375.00', got 'a lot'",
    ),
    (
        "fee not a number",
        put("policy.late_cancellation_fee", "NaN"),
        "policy.late_cancellation_fee: expected a finite amount, got 'NaN'",
    ),
    (
        "unknown basis",
        put("policy.shortfall_basis", "booked"),
        "policy.shortfall_basis: expected one of 'attended', 'registered', got 'booked'",
    ),
    (
        "bad date",
        put("policy.participant_email_from", "2021-13-01"),
        "policy.participant_email_from: expected a date such as '2026-04-01', got '2021-13-01'",
    ),
    (
        "date as number",
        put("policy.participant_email_from", 20210301),
        "policy.participant_email_from: expected a date such as '2026-04-01', got int",
    ),
]


@pytest.mark.parametrize(
    ("change", "message"), [case[1:] for case in DESCRIBED], ids=[case[0] for case in DESCRIBED]
)
def test_a_malformed_value_is_described_word_for_word(change: Change, message: str) -> None:
    form = with_people()
    change(form["session"])
    with pytest.raises(IncompanyRulesError) as raised:
        from_data(form)
    assert f"Invalid {message}" == str(raised.value)
