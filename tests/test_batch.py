"""Batch rows for notebooks: sessions, milestones, participants, pseudonyms."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import brussels, refused_as
from incompany_rules import (
    IncompanyRulesError,
    InvalidKeyError,
    InvalidNationalNumberError,
    InvalidTypeError,
    NaiveDatetimeError,
    NationalNumber,
    Session,
    action_rows,
    fee_rows,
    fees_due,
    milestone_rows,
    milestones,
    next_actions,
    participant_rows,
    pseudonym,
    session_rows,
)
from incompany_rules.batch import PSEUDONYM_LENGTH, Row
from incompany_rules.examples import confirmed_session, requested_session, sample_participants
from incompany_rules.strategies import Stage, instants_near, national_numbers, sessions

KEY = b"a secret of the fund"
# Later than every class the strategies draw: every fee has arisen.
LONG_AFTER = pendulum.datetime(2035, 1, 1, tz="UTC")
APRIL_FIRST = pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels")
HEAD = ["project", "group", "session", "company", "training"]
RowFunction = Callable[[Iterable[Session]], list[Row]]


def forms_of(number: NationalNumber) -> list[str]:
    """Every way a national number could show: digits, printed, masked, and their prefixes."""
    digits, printed = number.reveal(), number.formatted()
    return [digits, printed, number.masked(), digits[:9], printed[:12], printed.replace(".", "")]


def leaked(number: NationalNumber, rows: list[Row]) -> list[tuple[str, str]]:
    """Return the (column, value) pairs of ``rows`` that show ``number`` in some form."""
    return [
        (column, str(value))
        for row in rows
        for column, value in row.items()
        if any(form in str(value) for form in forms_of(number))
    ]


def attended(session: Session, count: int) -> Session:
    """Return ``session`` with its first ``count`` participants recorded as present."""
    return session.evolve(attendance=session.participants[:count])


class TestPseudonym:
    def test_a_number_has_one_pseudonym_whatever_its_printed_form(self) -> None:
        """The digits, the printed form and the value give the same pseudonym."""
        forms: list[NationalNumber | str] = [
            "85.07.30-033.28",
            "85073003328",
            "85 07 30 033 28",
            NationalNumber("85073003328"),
        ]
        assert {"13c3d04b4e088d2c"} == {pseudonym(form, KEY) for form in forms}

    def test_the_pseudonym_is_the_truncated_hmac_sha256_of_the_digits(self) -> None:
        """The pseudonym is reproducible with the standard library alone."""
        import hashlib  # noqa: PLC0415 (the reference computation, kept beside its use)
        import hmac  # noqa: PLC0415

        expected = hmac.new(KEY, b"85073003328", hashlib.sha256).hexdigest()[:16]
        assert expected == pseudonym("85.07.30-033.28", KEY)

    def test_the_pseudonym_has_the_documented_length_in_lower_case_hex(self) -> None:
        """Sixteen hex characters: 64 bits of the HMAC."""
        value = pseudonym("85.07.30-033.28", KEY)
        assert (16, True) == (len(value), set(value) <= set("0123456789abcdef"))
        assert 16 == PSEUDONYM_LENGTH

    @given(national_numbers(), st.binary(min_size=16, max_size=64))
    def test_the_pseudonym_is_stable_for_one_key(self, number: NationalNumber, key: bytes) -> None:
        """The pseudonym lets rows be joined, so one key gives one pseudonym."""
        assert pseudonym(number, key) == pseudonym(number.formatted(), bytes(key))

    @given(national_numbers(), st.binary(min_size=16, max_size=64), st.binary(min_size=16))
    def test_the_pseudonym_differs_under_another_key(
        self, number: NationalNumber, key: bytes, other: bytes
    ) -> None:
        """Another key gives an unrelated pseudonym (no collision in 64 bits in practice)."""
        if key != other:
            assert pseudonym(number, key) != pseudonym(number, other)

    @given(national_numbers(), national_numbers())
    def test_two_people_have_two_pseudonyms(self, one: NationalNumber, two: NationalNumber) -> None:
        """Different numbers give different pseudonyms under one key."""
        assert (one == two) == (pseudonym(one, KEY) == pseudonym(two, KEY))

    @given(national_numbers(), st.binary(min_size=16, max_size=64))
    def test_the_pseudonym_does_not_show_the_number(
        self, number: NationalNumber, key: bytes
    ) -> None:
        """A pseudonym never holds the number in any of its forms."""
        assert [] == leaked(number, [{"pseudonym": pseudonym(number, key)}])

    # keys that cannot serve
    @pytest.mark.parametrize(
        ("key", "error"),
        [
            (b"", InvalidKeyError),
            (b"k" * 15, InvalidKeyError),
            ("a secret", InvalidTypeError),
            (bytearray(b"a secret"), InvalidTypeError),
            (None, InvalidTypeError),
            (42, InvalidTypeError),
        ],
    )
    def test_a_key_that_is_not_16_bytes_or_more_is_refused(
        self, key: object, error: type[IncompanyRulesError]
    ) -> None:
        """The key is bytes, at least 16 of them, or the call is refused naming the key."""
        with refused_as(error, "key"):
            pseudonym("85.07.30-033.28", key)  # type: ignore[arg-type]

    def test_an_empty_key_is_a_value_error(self) -> None:
        """Callers catching ValueError catch the empty key too."""
        with refused_as(InvalidKeyError, "key") as caught:
            pseudonym("85.07.30-033.28", b"")
        assert isinstance(caught.value, ValueError)

    def test_a_number_that_does_not_validate_is_refused_without_echoing_it(self) -> None:
        """The number is checked as everywhere else, and not shown in the error."""
        with pytest.raises(InvalidNationalNumberError) as caught:
            pseudonym("85.07.30-033.29", KEY)
        assert "850730033" not in str(caught.value)


class TestMilestoneRows:
    def test_one_row_per_milestone_with_the_session_columns_first(self) -> None:
        """Each milestone of each session is one row, in the calendar's order."""
        session = confirmed_session(APRIL_FIRST)
        rows = milestone_rows([session])
        assert [*HEAD, "kind", "rule", "at", "window"] == list(rows[0])
        assert [(m.kind.value, m.rule, m.at.isoformat()) for m in milestones(session)] == [
            (r["kind"], r["rule"], r["at"]) for r in rows
        ]

    # rows of the class on Wednesday 1 April 2026: the clock changes on Sunday 29 March
    @pytest.mark.parametrize(
        ("kind", "rule", "at", "window"),
        [
            ("registration_opens", "R8", "2026-02-18T10:00:00+01:00", "opens"),
            ("reminder", "R6", "2026-03-11T00:00:00+01:00", None),
            ("free_cancellation_closes", "R15", "2026-03-18T00:00:00+01:00", "closes"),
            # after the change to summer time: the offset moves with the clock
            ("registration_closes", "R8", "2026-03-30T00:00:00+02:00", "closes"),
            ("class_start", "R3", "2026-04-01T09:00:00+02:00", None),
        ],
    )
    def test_a_row_gives_kind_rule_local_instant_and_window(
        self, kind: str, rule: str, at: str, window: str | None
    ) -> None:
        """The instant is ISO 8601 on the Brussels clock with its offset (T6)."""
        rows = milestone_rows([confirmed_session(APRIL_FIRST)])
        found = [r for r in rows if r["kind"] == kind]
        assert [
            {
                "project": "IC-2026-0042",
                "group": "G1",
                "session": "IC-2026-0042/G1",
                "company": "0403.170.701",
                "training": "DIG-042",
                "kind": kind,
                "rule": rule,
                "at": at,
                "window": window,
            }
        ] == found

    def test_a_class_given_in_utc_is_shown_on_the_policy_clock(self) -> None:
        """Rows are on the policy's clock whatever clock the slot was given on (T6)."""
        session = confirmed_session(pendulum.datetime(2026, 7, 14, 7, 15, tz="UTC"))
        rows = milestone_rows([session])
        assert ["2026-07-14T09:15:00+02:00"] == [
            r["at"] for r in rows if r["kind"] == "class_start"
        ]

    def test_a_session_without_confirmed_dates_has_no_row(self) -> None:
        """No confirmed slot, no calendar, no row."""
        assert [] == milestone_rows([requested_session(APRIL_FIRST)])

    def test_sessions_follow_each_other_in_the_order_given(self) -> None:
        """Rows keep the order of the sessions, then each session's calendar order."""
        first = confirmed_session(APRIL_FIRST)
        second = confirmed_session(APRIL_FIRST.add(days=7)).evolve(group="G2")
        rows = milestone_rows(s for s in (second, first))
        assert ["G2"] * 12 + ["G1"] * 12 == [r["group"] for r in rows]

    def test_a_key_changes_nothing_in_milestone_rows(self) -> None:
        """Milestones hold no personal data: a key is accepted and adds nothing."""
        sessions_ = [confirmed_session(APRIL_FIRST)]
        assert milestone_rows(sessions_) == milestone_rows(sessions_, key=KEY)

    def test_an_empty_key_is_refused_even_where_it_adds_nothing(self) -> None:
        """A bad key is refused by every row function alike."""
        with pytest.raises(InvalidKeyError):
            milestone_rows([confirmed_session(APRIL_FIRST)], key=b"")


class TestParticipantRows:
    def test_one_row_per_participant_in_registration_order(self) -> None:
        """Participant rows give the session, the position and the attendance."""
        session = confirmed_session(APRIL_FIRST).evolve(participants=sample_participants(3))
        rows = participant_rows([session])
        assert [*HEAD, "position", "attended"] == list(rows[0])
        assert [1, 2, 3] == [r["position"] for r in rows]

    # attendance recorded for none, some, all
    @pytest.mark.parametrize(
        ("present", "expected"),
        [
            (None, [None, None, None]),
            (0, [False, False, False]),
            (2, [True, True, False]),
            (3, [True, True, True]),
        ],
    )
    def test_attended_is_none_until_attendance_is_recorded(
        self, present: int | None, expected: list[bool | None]
    ) -> None:
        """``attended`` says whether the person was present, once attendance is recorded (R17)."""
        session = confirmed_session(APRIL_FIRST).evolve(participants=sample_participants(3))
        if present is not None:
            session = attended(session, present)
        assert expected == [r["attended"] for r in participant_rows([session])]

    def test_a_key_adds_the_pseudonym_column(self) -> None:
        """With a key, each row carries the person's pseudonym."""
        people = sample_participants(2)
        session = confirmed_session(APRIL_FIRST).evolve(participants=people)
        rows = participant_rows([session], key=KEY)
        assert [*HEAD, "position", "attended", "pseudonym"] == list(rows[0])
        assert [pseudonym(p.national_number, KEY) for p in people] == [r["pseudonym"] for r in rows]

    def test_one_person_in_two_sessions_has_one_pseudonym(self) -> None:
        """Pseudonyms join a person's rows across sessions."""
        first = confirmed_session(APRIL_FIRST).evolve(participants=sample_participants(2))
        second = first.evolve(group="G2", participants=tuple(reversed(first.participants)))
        rows = participant_rows([first, second], key=KEY)
        assert rows[0]["pseudonym"] == rows[3]["pseudonym"]
        assert rows[1]["pseudonym"] == rows[2]["pseudonym"]
        assert rows[0]["pseudonym"] != rows[1]["pseudonym"]

    def test_without_a_key_there_is_no_pseudonym_column(self) -> None:
        """No key, no way to tell people apart across sessions."""
        session = confirmed_session(APRIL_FIRST).evolve(participants=sample_participants(1))
        assert "pseudonym" not in participant_rows([session])[0]

    def test_email_is_left_out_unless_asked_for(self) -> None:
        """E-mail addresses are personal data: they come only with include_email=True."""
        session = confirmed_session(APRIL_FIRST).evolve(participants=sample_participants(2))
        assert "email" not in participant_rows([session], key=KEY)[0]
        rows = participant_rows([session], include_email=True)
        assert ["participant1@acme.example", "participant2@acme.example"] == [
            r["email"] for r in rows
        ]

    def test_display_names_are_never_exported(self) -> None:
        """A participant's name is in no column, whatever the options."""
        people = tuple(
            p.__class__(p.national_number, p.email, name="Ann") for p in sample_participants(1)
        )
        session = confirmed_session(APRIL_FIRST).evolve(participants=people)
        row = participant_rows([session], key=KEY, include_email=True)[0]
        assert "Ann" not in [str(v) for v in row.values()]

    @pytest.mark.parametrize("flag", [1, "yes", None])
    def test_include_email_must_be_a_flag(self, flag: object) -> None:
        """``include_email`` is True or False, nothing truthy."""
        with refused_as(InvalidTypeError, "include_email"):
            participant_rows([], include_email=flag)  # type: ignore[arg-type]

    def test_a_session_with_nobody_registered_has_no_row(self) -> None:
        """Participant rows list people, not sessions."""
        assert [] == participant_rows([confirmed_session(APRIL_FIRST)])


class TestSessionRows:
    def test_one_row_per_session_with_its_class_and_counts(self) -> None:
        """A session row gives the class and how many were planned, registered, present."""
        session = attended(
            confirmed_session(APRIL_FIRST).evolve(participants=sample_participants(5)), 4
        )
        assert [
            {
                "project": "IC-2026-0042",
                "group": "G1",
                "session": "IC-2026-0042/G1",
                "company": "0403.170.701",
                "training": "DIG-042",
                "title": "Excel: tableaux croisés dynamiques",
                "requested_at": "2026-02-04T10:00:00+01:00",
                "dates_confirmed_at": "2026-02-18T10:00:00+01:00",
                "start": "2026-04-01T09:00:00+02:00",
                "end": "2026-04-01T12:30:00+02:00",
                "planned": 8,
                "registered": 5,
                "attended": 4,
                "cancelled_at": None,
            }
        ] == session_rows([session])

    def test_a_requested_session_has_no_class_yet(self) -> None:
        """Until a slot is confirmed, start, end and confirmation are empty."""
        row = session_rows([requested_session(APRIL_FIRST)])[0]
        assert (None, None, None) == (row["dates_confirmed_at"], row["start"], row["end"])

    def test_a_cancellation_recorded_in_utc_is_shown_on_the_policy_clock(self) -> None:
        """Facts are exported on the policy's clock (T6), whatever clock recorded them."""
        when = dt.datetime(2026, 3, 20, 8, 30, tzinfo=dt.UTC)
        row = session_rows([confirmed_session(APRIL_FIRST).evolve(cancelled_at=when)])[0]
        assert "2026-03-20T09:30:00+01:00" == row["cancelled_at"]


class TestFeeRows:
    # The class of Wednesday 1 April 2026: free cancellation ends with 17 March
    # (D-15); registration closes at 00:00 on 30 March (end of D-3).
    @pytest.mark.parametrize(
        ("changes", "now", "expected"),
        [
            # cancelled on D-15, the last free day: nothing owed
            ({"cancelled_at": brussels(2026, 3, 17, 23)}, brussels(2026, 3, 20), []),
            # cancelled at 00:00 on D-14: the late cancellation fee
            (
                {"cancelled_at": brussels(2026, 3, 18)},
                brussels(2026, 3, 20),
                [("late_cancellation", "R15", 1, "375", "375", "2026-03-18T00:00:00+01:00")],
            ),
            # the cancellation is not notified yet at now
            ({"cancelled_at": brussels(2026, 3, 25)}, brussels(2026, 3, 24), []),
            # nobody registered: nothing owed just before registration closes...
            ({}, brussels(2026, 3, 29, 23), []),
            # ...and the missing list fee at 00:00 on D-2, on the summer clock
            (
                {},
                brussels(2026, 3, 30),
                [("missing_list", "R16", 1, "375", "375", "2026-03-30T00:00:00+02:00")],
            ),
            # held with two of six present: four people missing
            (
                {"participants": sample_participants(6), "attendance": sample_participants(2)},
                brussels(2026, 4, 2),
                [("shortfall", "R17", 4, "150", "600", "2026-04-01T12:30:00+02:00")],
            ),
            # held with six present: nothing owed
            (
                {"participants": sample_participants(6), "attendance": sample_participants(6)},
                brussels(2026, 4, 2),
                [],
            ),
        ],
    )
    def test_a_row_per_fee_owed_at_now(
        self,
        changes: dict[str, object],
        now: pendulum.DateTime,
        expected: list[tuple[str, str, int, str, str, str]],
    ) -> None:
        """Each fee fees_due lists is one row, with kind, rule, quantity, unit price, amount and when it arose."""
        session = confirmed_session(APRIL_FIRST).evolve(**changes)
        rows = fee_rows([session], now)
        assert [
            (kind, rule, quantity, Decimal(price), Decimal(amount), arises)
            for kind, rule, quantity, price, amount, arises in expected
        ] == [
            (r["kind"], r["rule"], r["quantity"], r["unit_price"], r["amount"], r["arises_at"])
            for r in rows
        ]

    def test_fee_rows_have_the_session_columns_first(self) -> None:
        """Fee rows start like every other row, so frames join on ``session``."""
        rows = fee_rows([confirmed_session(APRIL_FIRST)], brussels(2026, 3, 30))
        assert [
            *HEAD,
            "kind",
            "rule",
            "quantity",
            "unit_price",
            "amount",
            "arises_at",
        ] == list(rows[0])

    def test_now_must_be_aware_even_for_no_session(self) -> None:
        """A naive now is refused before any session is looked at (T1)."""
        with pytest.raises(NaiveDatetimeError, match=r"^Invalid now"):
            fee_rows([], dt.datetime(2026, 3, 30))

    def test_an_empty_key_is_refused(self) -> None:
        """Fee rows check the key as every row function does."""
        with pytest.raises(InvalidKeyError):
            fee_rows([], brussels(2026, 3, 30), key=b"")

    @given(sessions(), st.data())
    def test_the_rows_add_up_to_what_fees_due_says_is_owed(
        self, session: Session, data: st.DataObject
    ) -> None:
        """The amounts of the rows sum to the invoice total of fees_due, at any instant."""
        now = data.draw(instants_near(session))
        rows = fee_rows([session], now)
        assert fees_due(session, now).total == sum((r["amount"] for r in rows), Decimal(0))  # type: ignore[type-var]
        assert all(r["amount"] == r["quantity"] * r["unit_price"] for r in rows)  # type: ignore[operator]


class TestActionRows:
    # The class of Wednesday 1 April 2026, confirmed on 18 February.
    @pytest.mark.parametrize(
        ("changes", "now", "expected"),
        [
            # during D-21: the reminder is open, due by the end of the day (T4)
            (
                {},
                brussels(2026, 3, 11, 23),
                [("send_reminder", "cefora", "R6", "2026-03-12T00:00:00+01:00", False)],
            ),
            # from 00:00 on D-20, the reminder not sent: overdue
            (
                {},
                brussels(2026, 3, 12),
                [("send_reminder", "cefora", "R6", "2026-03-12T00:00:00+01:00", True)],
            ),
            # the reminder recorded: it is no longer open
            ({"reminder_sent_at": brussels(2026, 3, 11, 8)}, brussels(2026, 3, 11, 9), []),
        ],
    )
    def test_a_row_per_open_action(
        self,
        changes: dict[str, object],
        now: pendulum.DateTime,
        expected: list[tuple[str, str, str, str, bool]],
    ) -> None:
        """Each open action is a row with kind, actor, rule, due instant and whether it is overdue."""
        session = confirmed_session(APRIL_FIRST).evolve(**changes)
        rows = action_rows([session], now)
        assert expected == [
            (r["kind"], r["actor"], r["rule"], r["due"], r["overdue"])
            for r in rows
            if r["kind"] == "send_reminder"
        ]

    def test_registering_names_its_fee_and_the_people_missing(self) -> None:
        """Missing the registration costs the missing list fee (R16); the row says 375."""
        rows = action_rows([confirmed_session(APRIL_FIRST)], brussels(2026, 3, 12, 9))
        register = [r for r in rows if r["kind"] == "register_participants"]
        assert [("client_hr", "R8", "2026-03-30T00:00:00+02:00", Decimal(375))] == [
            (r["actor"], r["rule"], r["due"], r["fee"]) for r in register
        ]

    def test_action_rows_have_the_session_columns_first(self) -> None:
        """Action rows start like every other row."""
        rows = action_rows([confirmed_session(APRIL_FIRST)], brussels(2026, 3, 12, 9))
        assert [*HEAD, "kind", "actor", "rule", "due", "overdue", "fee", "count"] == list(rows[0])

    def test_now_must_be_aware_even_for_no_session(self) -> None:
        """A naive now is refused before any session is looked at (T1)."""
        with pytest.raises(NaiveDatetimeError, match=r"^Invalid now"):
            action_rows([], dt.datetime(2026, 3, 30))

    def test_an_empty_key_is_refused(self) -> None:
        """Action rows check the key as every row function does."""
        with pytest.raises(InvalidKeyError):
            action_rows([], brussels(2026, 3, 30), key=b"")

    @given(sessions(), st.data())
    def test_the_rows_are_next_actions_in_its_order(
        self, session: Session, data: st.DataObject
    ) -> None:
        """One row per action of next_actions, same order, same due instants on the policy clock."""
        now = data.draw(instants_near(session))
        actions = next_actions(session, now)
        assert [
            (a.kind.value, a.actor.value, a.rule, a.due.isoformat(), a.overdue, a.fee, a.count)
            for a in actions
        ] == [
            (r["kind"], r["actor"], r["rule"], r["due"], r["overdue"], r["fee"], r["count"])
            for r in action_rows([session], now)
        ]


def fees_long_after(sessions_: Iterable[Session]) -> list[Row]:
    return fee_rows(sessions_, LONG_AFTER)


def actions_long_after(sessions_: Iterable[Session]) -> list[Row]:
    return action_rows(sessions_, LONG_AFTER)


FUNCTIONS: list[RowFunction] = [
    milestone_rows,
    participant_rows,
    session_rows,
    fees_long_after,
    actions_long_after,
]


class TestRowsRefuseWhatIsNotSessions:
    @pytest.mark.parametrize("function", FUNCTIONS)
    def test_a_single_session_is_refused(self, function: RowFunction) -> None:
        """Rows are built from many sessions: one session alone is a caller's slip."""
        with refused_as(InvalidTypeError, "sessions"):
            function(confirmed_session(APRIL_FIRST))  # type: ignore[arg-type]

    @pytest.mark.parametrize("function", FUNCTIONS)
    def test_an_item_that_is_not_a_session_is_named_by_its_position(
        self, function: RowFunction
    ) -> None:
        """The error names which item is wrong."""
        with refused_as(InvalidTypeError, "sessions[1]"):
            function([confirmed_session(APRIL_FIRST), "IC-2026-0042/G1"])  # type: ignore[list-item]

    @pytest.mark.parametrize("function", FUNCTIONS)
    def test_nothing_iterable_is_refused(self, function: RowFunction) -> None:
        """``None`` is not an empty batch."""
        with refused_as(InvalidTypeError, "sessions"):
            function(None)  # type: ignore[arg-type]


def all_rows(session: Session, key: bytes | None) -> list[Row]:
    return [
        *session_rows([session]),
        *milestone_rows([session], key=key),
        *participant_rows([session], key=key),
        *fee_rows([session], LONG_AFTER, key=key),
        *action_rows([session], session.requested_at, key=key),
        *action_rows([session], LONG_AFTER, key=key),
    ]


PLAIN = (str, int, Decimal, type(None))
# The shape of the rows (plain values, offsets, columns, counts) does not
# depend on the rules' edge cases, which the rules' own tests and the privacy
# and agreement properties here draw in full: a quarter of the examples.
_LOADED = settings.default
SHAPE = settings(max_examples=max(10, (100 if _LOADED is None else _LOADED.max_examples) // 4))


class TestRowsAsData:
    @given(sessions(), st.none() | st.binary(min_size=16, max_size=32))
    def test_no_row_shows_a_national_number(self, session: Session, key: bytes | None) -> None:
        """No national register number in the rows, only a keyed pseudonym when a key is given."""
        rows = all_rows(session, key)
        for person in session.participants:
            assert [] == leaked(person.national_number, rows)

    @SHAPE
    @given(sessions(stage=Stage.HELD))
    def test_every_value_is_plain_data(self, session: Session) -> None:
        """Rows hold str, int (bool included), Decimal or None, nothing of the library's own."""
        for row in all_rows(session, KEY):
            assert all(isinstance(value, PLAIN) for value in row.values()), row

    @SHAPE
    @given(sessions(stage=Stage.HELD))
    def test_every_instant_is_iso_8601_with_an_offset_on_the_policy_clock(
        self, session: Session
    ) -> None:
        """Instants parse back to the same aware instant, on the policy's clock (T6)."""
        tz = session.policy.tz
        for row in milestone_rows([session]):
            parsed = dt.datetime.fromisoformat(str(row["at"]))
            assert parsed.utcoffset() == pendulum.instance(parsed).in_tz(tz).utcoffset()

    @SHAPE
    @given(sessions())
    def test_every_row_of_one_function_has_the_same_columns(self, session: Session) -> None:
        """A DataFrame of the rows has no hole: each function gives fixed columns."""
        other = confirmed_session(APRIL_FIRST).evolve(participants=sample_participants(1))
        for function in FUNCTIONS:
            columns = {tuple(row) for row in function([session, other])}
            assert len(columns) <= 1, function.__name__

    @SHAPE
    @given(sessions(stage=Stage.HELD))
    def test_rows_count_what_the_session_holds(self, session: Session) -> None:
        """One milestone row per milestone, one participant row per person."""
        assert (len(milestones(session)), len(session.participants)) == (
            len(milestone_rows([session])),
            len(participant_rows([session])),
        )


class TestPandasRoundTrip:
    def test_milestone_rows_make_a_data_frame_and_come_back_unchanged(self) -> None:
        """``pandas.DataFrame(rows)`` keeps every value; ``to_dict("records")`` gives the rows back."""
        pandas = pytest.importorskip("pandas", reason="pandas is a notebook tool, not a dependency")
        session = confirmed_session(APRIL_FIRST)
        rows = milestone_rows([session, session.evolve(group="G2")])
        frame = pandas.DataFrame(rows)
        assert (24, [*HEAD, "kind", "rule", "at", "window"]) == (len(frame), list(frame.columns))
        back = [
            {k: (None if pandas.isna(v) else v) for k, v in record.items()}
            for record in frame.to_dict("records")
        ]
        assert rows == back

    def test_participant_rows_group_by_pseudonym(self) -> None:
        """A person registered in two sessions is one group of two rows."""
        pandas = pytest.importorskip("pandas", reason="pandas is a notebook tool, not a dependency")
        first = confirmed_session(APRIL_FIRST).evolve(participants=sample_participants(3))
        second = first.evolve(group="G2", participants=sample_participants(1))
        frame = pandas.DataFrame(participant_rows([first, second], key=KEY))
        counts = frame.groupby("pseudonym").size().sort_values(ascending=False).tolist()
        assert [2, 1, 1] == counts

    def test_local_months_come_from_the_iso_text(self) -> None:
        """``at[:7]`` is the local month, even at midnight on the first of a month."""
        pandas = pytest.importorskip("pandas", reason="pandas is a notebook tool, not a dependency")
        # D-21 of 22 April 2026 is 00:00 on 1 April, 22:00 UTC on 31 March
        session = confirmed_session(pendulum.datetime(2026, 4, 22, 9, tz="Europe/Brussels"))
        frame = pandas.DataFrame(milestone_rows([session]))
        reminder = frame[frame["kind"] == "reminder"]["at"].str[:7].tolist()
        assert ["2026-04"] == reminder

    def test_fee_amounts_stay_exact_decimals_in_a_frame(self) -> None:
        """Summing the ``amount`` column gives the exact Decimal total, per kind too."""
        pandas = pytest.importorskip("pandas", reason="pandas is a notebook tool, not a dependency")
        short = confirmed_session(APRIL_FIRST).evolve(
            participants=sample_participants(3), attendance=sample_participants(3)
        )
        listless = short.evolve(group="G2", participants=(), attendance=None)
        frame = pandas.DataFrame(fee_rows([short, listless], brussels(2026, 4, 2)))
        assert Decimal(825) == frame["amount"].sum()
        assert {"missing_list": Decimal(375), "shortfall": Decimal(450)} == frame.groupby("kind")[
            "amount"
        ].sum().to_dict()

    @SHAPE
    @given(sessions(stage=Stage.HELD), st.binary(min_size=16, max_size=32))
    def test_any_rows_round_trip_through_a_data_frame(self, session: Session, key: bytes) -> None:
        """Whatever the sessions, the frame gives back the rows."""
        pandas = pytest.importorskip("pandas", reason="pandas is a notebook tool, not a dependency")
        rows = participant_rows([session], key=key)
        frame = pandas.DataFrame(rows)
        back = [
            {k: (None if v is None or v is pandas.NA else v) for k, v in record.items()}
            for record in frame.astype(object).to_dict("records")
        ]
        assert rows == back
