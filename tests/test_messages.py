"""Values built wrongly: each error names its field and its problem, word for word.

The other test modules check which error a bad value raises; this table
pins the whole message, as a caller's log or form shows it, so that a
message losing its field, its problem or the type it got does not pass.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pendulum
import pytest

from incompany_rules import (
    Decision,
    Fee,
    FeeKind,
    FeeReason,
    HrAccount,
    IncompanyRulesError,
    InvalidDataError,
    InvalidEmailError,
    InvalidKeyError,
    InvalidNationalNumberError,
    InvalidPolicyError,
    InvalidSessionError,
    InvalidSlotError,
    InvalidTypeError,
    InvalidValueError,
    Invoice,
    InvoiceLine,
    NaiveDatetimeError,
    NationalNumber,
    Participant,
    Policy,
    Reason,
    ReasonCode,
    SessionStartedError,
    Slot,
    TransitionRefusedError,
    cancellation_fee,
    deadlines,
    fees_due,
    propose_slots,
    recap_lines,
    schedule,
)
from incompany_rules.batch import participant_rows, pseudonym, what_if_fee_rows
from incompany_rules.data import from_data, to_data
from incompany_rules.examples import (
    ACME,
    confirmed_session,
    requested_session,
    sample_participants,
)
from incompany_rules.export import InvalidRowError, sessions_from_rows
from incompany_rules.languages import LANGUAGES
from incompany_rules.texts import TEXTS, day, moment, money, until
from incompany_rules.texts import text as render

if TYPE_CHECKING:
    from collections.abc import Callable

START = pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels")
ANN, BRAM, CHLOE = sample_participants(3)
EMAIL = "ann@acme.example"


def with_check_digits(first_nine: str) -> str:
    """A number of someone born in the 1900s whose check digits match."""
    return f"{first_nine}{97 - int(first_nine) % 97:02d}"


# One session row and one participant row as a database export gives them.
ROW: dict[str, object] = {
    "project": "IC-2026-0042",
    "group": "G1",
    "company": "0403.170.701",
    "company_name": "Acme SA",
    "training": "DIG-042",
    "title": "Excel",
    "requested_at": "2026-02-02 10:00",
    "dates_confirmed_at": "2026-02-16 10:00",
    "start": "2026-11-04 09:00",
    "end": "2026-11-04 12:30",
    "planned": 8,
}
PERSON: dict[str, object] = {
    "project": "IC-2026-0042",
    "group": "G1",
    "national_number": "85073003328",
    "email": EMAIL,
}
CLOCK = "Europe/Brussels"


def line(quantity: object, unit_price: object, amount: object) -> InvoiceLine:
    """Build an invoice line of a shortfall with these figures."""
    return InvoiceLine(
        kind=FeeKind.SHORTFALL,
        rule="R17",
        quantity=quantity,  # type: ignore[arg-type]
        unit_price=unit_price,  # type: ignore[arg-type]
        amount=amount,  # type: ignore[arg-type]
        arises_at=START,
    )


def fee(
    owed: bool, quantity: int, amount: Decimal, deadline: pendulum.DateTime | None = START
) -> Fee:
    """Build a late-cancellation fee of 375 euros a unit with these figures."""
    return Fee(
        kind=FeeKind.LATE_CANCELLATION,
        rule="R15",
        reason=FeeReason.LATE_CANCELLATION,
        owed=owed,
        quantity=quantity,
        unit_price=Decimal(375),
        amount=amount,
        arises_at=START,
        deadline=deadline,
    )


# Each row: how the value is built, the error class, the whole message.
CASES: list[tuple[Callable[[], object], type[IncompanyRulesError], str]] = [
    (
        lambda: Participant("85.07.30-033.28", EMAIL, name=5),
        InvalidTypeError,
        "Invalid Participant.name: expected a string or None, got int",
    ),
    (
        lambda: NationalNumber(85073003328),
        InvalidTypeError,
        "Invalid national_number: expected a string of 11 digits, got int",
    ),
    (
        lambda: NationalNumber("85/07/30-033.28"),
        InvalidNationalNumberError,
        "Invalid national_number: expected 11 digits, separated by spaces, dots or dashes at most",
    ),
    (
        lambda: NationalNumber(with_check_digits("851330033")),
        InvalidNationalNumberError,
        (
            "Invalid national_number: digits 3-4 are not a birth month (00-12, or 20-32 and 40-52 "
            "for a BIS number) (number ending in 70)"
        ),
    ),
    (
        lambda: Policy(late_cancellation_fee=1.5),
        InvalidTypeError,
        (
            "Invalid Policy.late_cancellation_fee: expected a Decimal amount in euros (or an int or "
            "a numeric string), got float 1.5"
        ),
    ),
    (
        lambda: Policy(timezone=5),
        InvalidTypeError,
        (
            "Invalid Policy.timezone: expected an IANA timezone name such as 'Europe/Brussels', "
            "got int"
        ),
    ),
    (
        lambda: deadlines(requested_session(START)),
        InvalidSessionError,
        "Invalid Session.confirmed_slot: no slot is confirmed yet, so the session has no dates",
    ),
    (
        lambda: schedule("IC-2026-0042/G1"),  # type: ignore[arg-type]
        InvalidTypeError,
        "Invalid session: expected a Session, got str",
    ),
    (
        lambda: requested_session(START).evolve(participants=[None]),
        InvalidTypeError,
        "Invalid Session.participants: expected Participant items, got NoneType",
    ),
    (
        lambda: requested_session(START).evolve(participants=(ANN, BRAM, ANN)),
        InvalidSessionError,
        "Invalid Session.participants: national number *********28 is registered twice",
    ),
    (
        lambda: requested_session(START).evolve(dates_confirmed_at=START),
        InvalidSessionError,
        "Invalid Session.dates_confirmed_at: must be set when confirmed_slot is set, and only then",
    ),
    (
        lambda: confirmed_session(START).evolve(participants=(ANN,), attendance=[BRAM, CHLOE]),
        InvalidSessionError,
        "Invalid Session.attendance: attended but not registered: *********04, *********26",
    ),
    (
        lambda: requested_session(START).evolve(
            proposed_slots=(
                Slot(START, START.add(hours=3)),
                Slot(
                    pendulum.datetime(2026, 4, 1, 21, tz="UTC"),
                    pendulum.datetime(2026, 4, 1, 23, tz="UTC"),
                ),
            )
        ),
        InvalidSlotError,
        (
            "Invalid Session.proposed_slots: a slot must start and end on one local day, "
            "got 2026-04-01T23:00:00+02:00 to 2026-04-02T01:00:00+02:00"
        ),
    ),
    (
        lambda: requested_session(START).evolve(planned_participants=-1),
        InvalidSessionError,
        "Invalid Session.planned_participants: expected a whole number from 0 to 10000, got -1",
    ),
    (
        lambda: requested_session(START).evolve(planned_participants="8"),
        InvalidTypeError,
        "Invalid Session.planned_participants: expected a whole number, got str",
    ),
    (
        lambda: Policy(min_participants=0),
        InvalidPolicyError,
        "Invalid Policy.min_participants: expected a whole number from 1 to 10000, got 0",
    ),
    (
        lambda: HrAccount("not-an-email", ACME, has_hr_function=True, tos_completed=True),
        InvalidEmailError,
        (
            "Invalid HrAccount.login: expected an address like name@example.be, got a str of 12 "
            "characters (An email address must have an @-sign.)"
        ),
    ),
    (
        lambda: Slot(START, START),
        InvalidSlotError,
        "Invalid Slot.end: must be after Slot.start (2026-04-01T09:00:00+02:00)",
    ),
    (
        lambda: requested_session(START).evolve(participants=3),
        InvalidTypeError,
        "Invalid Session.participants: expected participants, got int",
    ),
    (
        lambda: requested_session(START).evolve(attendance=3),
        InvalidTypeError,
        "Invalid Session.attendance: expected participants or national numbers, got int",
    ),
    (
        lambda: requested_session(START).evolve(attendance=["85073003328"]),
        InvalidTypeError,
        "Invalid Session.attendance: expected Participant or NationalNumber items, got str",
    ),
    (
        lambda: Reason("closed", "R8"),
        InvalidValueError,
        "Invalid Reason.code: expected a ReasonCode, got 'closed'",
    ),
    (
        lambda: Reason(ReasonCode.NO_HR_FUNCTION, 5),  # type: ignore[arg-type]
        InvalidTypeError,
        "Invalid Reason.rule: expected a rule id such as 'R8', got 5",
    ),
    (
        lambda: Reason(ReasonCode.TOO_FEW_PARTICIPANTS, "R1", count="4"),  # type: ignore[arg-type]
        InvalidTypeError,
        "Invalid Reason.count: expected a whole number or None, got '4'",
    ),
    (
        lambda: Reason(ReasonCode.TOO_FEW_PARTICIPANTS, "R1", limit=True),
        InvalidTypeError,
        "Invalid Reason.limit: expected a whole number or None, got True",
    ),
    (
        lambda: Reason(ReasonCode.LATE_CONFIRMATION, amount=375),  # type: ignore[arg-type]
        InvalidTypeError,
        "Invalid Reason.amount: expected a Decimal or None, got 375",
    ),
    (
        lambda: Reason(ReasonCode.NOT_REGISTERED, "R9", subject=28),  # type: ignore[arg-type]
        InvalidTypeError,
        "Invalid Reason.subject: expected a string or None, got 28",
    ),
    (
        lambda: Reason(ReasonCode.CLASS_STARTED, "R15", at=dt.datetime(2026, 4, 1, tzinfo=dt.UTC)),
        InvalidTypeError,
        "Invalid Reason.at: expected a pendulum.DateTime, got datetime",
    ),
    (
        lambda: Decision(allowed=False, reasons=3),
        InvalidTypeError,
        "Invalid Decision.reasons: expected reasons, got int",
    ),
    (
        lambda: Decision(allowed=False, reasons=("no",)),
        InvalidTypeError,
        "Invalid Decision.reasons: expected Reason items, got str",
    ),
    (
        lambda: Decision(allowed=1),  # type: ignore[arg-type]
        InvalidTypeError,
        "Invalid Decision.allowed: expected True or False, got int",
    ),
    (
        lambda: Decision(allowed=False),
        InvalidValueError,
        ("Invalid Decision.reasons: an allowed decision has no reason, a refusal at least one"),
    ),
    (
        lambda: from_data([]),  # type: ignore[arg-type]
        InvalidTypeError,
        "Invalid data: expected a mapping, got list",
    ),
    (
        lambda: from_data({"version": 2, "session": {}}),
        InvalidDataError,
        "Invalid version: expected 1, the version this library reads, got 2",
    ),
    (
        lambda: from_data({"session": {}}),
        InvalidDataError,
        "Invalid version: expected 1, the version this library reads, got None",
    ),
    (lambda: from_data({"version": 1}), InvalidDataError, "Invalid session: missing"),
    (
        lambda: from_data({"version": 1, "session": {}, "notes": ""}),
        InvalidDataError,
        "Invalid notes: unknown key, expected only 'version' and 'session'",
    ),
    (
        lambda: from_data({"version": 1, "session": []}),
        InvalidTypeError,
        "Invalid session: expected an object, got list",
    ),
    (
        lambda: from_data(
            {
                "version": 1,
                "session": {**to_data(requested_session(START))["session"], "remark": ""},
            }
        ),
        InvalidDataError,
        "Invalid session: unknown key 'remark'",
    ),
    (
        lambda: sessions_from_rows([ROW], None, clock=CLOCK),
        InvalidRowError,
        (
            "Invalid participants: expected the participant rows (an empty list for an export "
            "without participants)"
        ),
    ),
    (
        lambda: sessions_from_rows([ROW], [{**PERSON, "attended": "yes"}], clock=CLOCK),
        InvalidTypeError,
        "Invalid participants[0].attended: expected True, False or empty, got str 'yes'",
    ),
    (
        lambda: sessions_from_rows([ROW], [{**PERSON, "email": None}], clock=CLOCK),
        InvalidRowError,
        "Invalid participants[0].email: missing",
    ),
    (
        lambda: sessions_from_rows([ROW], [{**PERSON, "group": "G2"}], clock=CLOCK),
        InvalidRowError,
        "Invalid participants[0]: session IC-2026-0042/G2 is not in the session rows",
    ),
    (
        lambda: sessions_from_rows([ROW, ROW], [], clock=CLOCK),
        InvalidRowError,
        "Invalid sessions[1]: session IC-2026-0042/G1 is listed twice",
    ),
    (
        lambda: sessions_from_rows([{**ROW, "planned": "8"}], [], clock=CLOCK),
        InvalidTypeError,
        "Invalid sessions[0].planned: expected a whole number, got str '8'",
    ),
    (
        lambda: sessions_from_rows([{**ROW, "cancelled_at": "soon"}], [], clock=CLOCK),
        InvalidRowError,
        "Invalid sessions[0].cancelled_at: expected an ISO 8601 date and time, got 'soon'",
    ),
    (
        lambda: sessions_from_rows([{**ROW, "cancelled_at": dt.date(2026, 3, 1)}], [], clock=CLOCK),
        InvalidTypeError,
        "Invalid sessions[0].cancelled_at: expected a date and time, got date",
    ),
    (
        lambda: sessions_from_rows(
            [{**ROW, "cancelled_at": "2026-03-29 02:30"}], [], clock=CLOCK, ambiguous="later"
        ),
        InvalidRowError,
        (
            "Invalid sessions[0].cancelled_at: 2026-03-29 02:30 does not exist on the clock of "
            "Europe/Brussels (it skips an hour there); say how to read it with "
            'nonexistent="shift_forward" or "shift_backward"'
        ),
    ),
    (
        lambda: sessions_from_rows([ROW], [], clock="Europe/Bruxelles"),
        InvalidValueError,
        "Invalid clock: expected an IANA timezone name, got 'Europe/Bruxelles'",
    ),
    (
        lambda: sessions_from_rows([ROW], [], clock=pendulum.timezone(CLOCK)),  # type: ignore[arg-type]
        InvalidTypeError,
        "Invalid clock: expected an IANA timezone name, got Timezone",
    ),
    (
        lambda: sessions_from_rows([ROW], [], clock=CLOCK, ambiguous="first"),  # type: ignore[arg-type]
        InvalidValueError,
        "Invalid ambiguous: expected one of 'raise', 'earlier', 'later', got 'first'",
    ),
    (
        lambda: sessions_from_rows("rows", [], clock=CLOCK),  # type: ignore[arg-type]
        InvalidTypeError,
        "Invalid sessions: expected rows (an iterable of mappings), got str",
    ),
    (
        lambda: sessions_from_rows([ROW, ["IC"]], [], clock=CLOCK),  # type: ignore[list-item]
        InvalidTypeError,
        "Invalid sessions[1]: expected a mapping, got list",
    ),
    (
        lambda: sessions_from_rows([ROW], []),
        InvalidRowError,
        (
            "Invalid sessions[0].requested_at: 2026-02-02 10:00 has no UTC offset; name the clock "
            'it was read on, e.g. clock="Europe/Brussels"'
        ),
    ),
    (
        lambda: sessions_from_rows(
            [{**ROW, "reminder_sent_at": "2026-10-25 02:30:15"}], [], clock=CLOCK
        ),
        InvalidRowError,
        (
            "Invalid sessions[0].reminder_sent_at: 2026-10-25 02:30:15 happens twice on the clock "
            'of Europe/Brussels (it repeats an hour there); say which with ambiguous="earlier" '
            'or "later"'
        ),
    ),
    (
        lambda: Policy(missing_list_fee=Decimal(-1)),
        InvalidPolicyError,
        "Invalid Policy.missing_list_fee: expected an amount >= 0, got -1",
    ),
    (
        lambda: Policy(shortfall_fee_per_person="lots"),
        InvalidPolicyError,
        "Invalid Policy.shortfall_fee_per_person: expected an amount in euros, got 'lots'",
    ),
    (
        lambda: Policy(timezone="Europe/Bruxelles"),
        InvalidPolicyError,
        "Invalid Policy.timezone: expected an IANA timezone name, got 'Europe/Bruxelles'",
    ),
    (
        lambda: Policy(participant_email_from="01/03/2021"),
        InvalidPolicyError,
        "Invalid Policy.participant_email_from: expected an ISO 8601 date (YYYY-MM-DD), got '01/03/2021'",
    ),
    (
        lambda: Policy(participant_email_from=dt.datetime(2021, 3, 1, tzinfo=dt.UTC)),
        InvalidTypeError,
        "Invalid Policy.participant_email_from: expected a date, got datetime",
    ),
    (
        lambda: Policy(shortfall_basis="present"),
        InvalidPolicyError,
        "Invalid Policy.shortfall_basis: expected one of 'attended', 'registered', got 'present'",
    ),
    (
        lambda: Policy.from_dict({"min_participant": 8}),
        InvalidPolicyError,
        "Invalid Policy: unknown key 'min_participant'",
    ),
    (
        lambda: Policy.from_dict([("min_participants", 8)]),  # type: ignore[arg-type]
        InvalidTypeError,
        "Invalid Policy: expected a mapping, got list",
    ),
    (
        lambda: line(2, Decimal(150), Decimal(150)),
        InvalidValueError,
        "Invalid InvoiceLine.amount: must be quantity x unit_price (2 x 150)",
    ),
    (
        lambda: line(0, Decimal(150), Decimal(0)),
        InvalidValueError,
        "Invalid InvoiceLine.quantity: a line charges at least 1 unit",
    ),
    (
        lambda: line(0, Decimal(-1), Decimal(0)),
        InvalidValueError,
        "Invalid InvoiceLine.unit_price: expected an amount >= 0, got -1",
    ),
    (
        lambda: line(1, Decimal("NaN"), Decimal(150)),
        InvalidValueError,
        "Invalid InvoiceLine.unit_price: expected an amount >= 0, got NaN",
    ),
    (
        lambda: line(1, 150, Decimal(150)),
        InvalidTypeError,
        "Invalid InvoiceLine.unit_price: expected a Decimal amount in euros, got int",
    ),
    (
        # Above the ceiling of one amount, within that of a line: the product is named.
        lambda: line(10, Decimal(20000), Decimal(200001)),
        InvalidValueError,
        "Invalid InvoiceLine.amount: must be quantity x unit_price (10 x 20000)",
    ),
    (
        lambda: Decision(allowed=True, notices="ab"),
        InvalidTypeError,
        "Invalid Decision.notices: expected reasons, not a str",
    ),
    (
        lambda: Reason(ReasonCode.REGISTRATION_CLOSED, "R99"),
        InvalidValueError,
        "Invalid Reason.rule: registration_closed is a reason of rule R8, got 'R99'",
    ),
    (
        lambda: Reason(ReasonCode.NOT_REGISTERED, "R17"),  # another rule's id: a Rule now
        InvalidValueError,
        "Invalid Reason.rule: not_registered is a reason of rule R9, got 'R17'",
    ),
    (
        lambda: deadlines(5),  # type: ignore[arg-type]
        InvalidTypeError,
        "Invalid session: expected a Session, got int",
    ),
    (
        lambda: line(1, Decimal(150), 150),
        InvalidTypeError,
        "Invalid InvoiceLine.amount: expected a Decimal amount in euros, got int",
    ),
    (
        lambda: fee(True, 1, Decimal(300)),  # noqa: FBT003
        InvalidValueError,
        "Invalid Fee.amount: must be quantity x unit_price (1 x 375)",
    ),
    (
        lambda: fee(False, 1, Decimal(375)),  # noqa: FBT003
        InvalidValueError,
        "Invalid Fee.quantity: a fee not owed has quantity 0",
    ),
    (
        lambda: fee(True, 1, Decimal(375), deadline=None),  # noqa: FBT003
        InvalidValueError,
        "Invalid Fee.deadline: a fee of reason late_cancellation shows its deadline, got None",
    ),
    (
        lambda: Invoice([Decimal(375)]),
        InvalidTypeError,
        "Invalid Invoice.lines: expected InvoiceLine items, got Decimal",
    ),
    (
        lambda: Invoice(375),
        InvalidTypeError,
        "Invalid Invoice.lines: expected invoice lines, got int",
    ),
    (
        lambda: Invoice("R17"),
        InvalidTypeError,
        "Invalid Invoice.lines: expected invoice lines, not a str",
    ),
    (
        lambda: fees_due(confirmed_session(START).evolve(cancelled_at=START), START.add(months=1)),
        InvalidSessionError,
        (
            "Invalid Session.cancelled_at: is at or after the class start "
            "(2026-04-01T09:00:00+02:00); a started session cannot be cancelled (R15)"
        ),
    ),
    (
        lambda: what_if_fee_rows([], START, [("D-10", {})]),  # type: ignore[arg-type]
        InvalidTypeError,
        "Invalid scenarios: expected a mapping of names to policies, got list",
    ),
    (
        lambda: what_if_fee_rows([], START, {10: {}}),  # type: ignore[dict-item]
        InvalidTypeError,
        "Invalid scenarios: expected names as strings, got int",
    ),
    (
        lambda: what_if_fee_rows([], START, {"D-10": 10}),  # type: ignore[dict-item]
        InvalidTypeError,
        "Invalid scenarios['D-10']: expected a Policy or a mapping of changes, got int",
    ),
    (
        lambda: propose_slots(requested_session(START), Slot(START, START.add(hours=3)), START),  # type: ignore[arg-type]
        InvalidTypeError,
        "Invalid slots: expected a collection, got Slot",
    ),
    (
        lambda: pseudonym("85.07.30-033.28", b"k" * 15),
        InvalidKeyError,
        "Invalid key: must be at least 16 bytes (secrets.token_bytes(32) makes one)",
    ),
    (
        lambda: pseudonym("85.07.30-033.28", "a secret"),  # type: ignore[arg-type]
        InvalidTypeError,
        "Invalid key: expected bytes, got str",
    ),
    (
        lambda: pseudonym("85.07.30-033.28", None),  # type: ignore[arg-type]
        InvalidTypeError,
        "Invalid key: expected bytes, got NoneType",
    ),
    (
        lambda: what_if_fee_rows([], START, {}, key=b"k"),
        InvalidKeyError,
        "Invalid key: must be at least 16 bytes (secrets.token_bytes(32) makes one)",
    ),
    (
        lambda: what_if_fee_rows([], dt.datetime(2026, 4, 1, 9), {}),
        NaiveDatetimeError,
        "Invalid now: expected a timezone-aware datetime, got a naive one (2026-04-01T09:00:00)",
    ),
    (
        lambda: recap_lines("sessions"),  # type: ignore[arg-type]
        InvalidTypeError,
        "Invalid sessions: expected sessions, not a str",
    ),
    (
        lambda: recap_lines([requested_session(START), 1]),  # type: ignore[list-item]
        InvalidTypeError,
        "Invalid sessions: expected Session items, got int",
    ),
    (
        lambda: participant_rows(5),  # type: ignore[arg-type]
        InvalidTypeError,
        "Invalid sessions: expected an iterable of sessions, got int",
    ),
    (
        lambda: to_data(5),  # type: ignore[arg-type]
        InvalidTypeError,
        "Invalid session: expected a Session, got int",
    ),
    (
        lambda: participant_rows(None),  # type: ignore[arg-type]
        InvalidTypeError,
        "Invalid sessions: expected an iterable of sessions, got NoneType",
    ),
    (
        lambda: NationalNumber("8507300332"),
        InvalidNationalNumberError,
        "Invalid national_number: expected 11 digits, got 10",
    ),
    (
        lambda: NationalNumber("85.07.30-033.29"),
        InvalidNationalNumberError,
        "Invalid national_number: check digits do not match (number ending in 29)",
    ),
    (
        lambda: recap_lines([], lang="de"),  # type: ignore[arg-type]
        InvalidValueError,
        "Invalid lang: expected 'fr', 'nl' or 'en', got 'de'",
    ),
    (
        lambda: requested_session(START).evolve(
            confirmed_slot=Slot(START.add(days=1), START.add(days=1, hours=3)),
            dates_confirmed_at=START.subtract(months=2),
        ),
        InvalidSessionError,
        "Invalid Session.confirmed_slot: must be one of proposed_slots (R3)",
    ),
    (
        lambda: propose_slots(requested_session(START), [], START.subtract(months=2)),
        InvalidValueError,
        "Invalid slots: expected at least one slot",
    ),
    (
        lambda: cancellation_fee(confirmed_session(START), START),
        SessionStartedError,
        (
            "Invalid when: the class started at 2026-04-01T09:00:00+02:00; a started session "
            "cannot be cancelled (R15)"
        ),
    ),
    (
        lambda: cancellation_fee(confirmed_session(START), START.subtract(months=1)).line(),
        InvalidValueError,
        "Invalid Fee: a fee not owed (free_cancellation) has no invoice line",
    ),
]


@pytest.mark.parametrize(("build", "error", "message"), CASES)
def test_the_error_names_the_field_and_the_problem(
    build: Callable[[], object], error: type[IncompanyRulesError], message: str
) -> None:
    with pytest.raises(error) as caught:
        build()
    assert message == str(caught.value)


def test_a_refusal_reads_its_reasons_in_english_separated_by_semicolons() -> None:
    closed = Decision.refuse(
        Reason(
            ReasonCode.REGISTRATION_CLOSED,
            "R8",
            at=pendulum.datetime(2026, 3, 30, tz="Europe/Brussels"),
            limit=3,
        )
    )
    assert (
        "Invalid register: refused (R8 registration_closed: "
        "Registration was open until Sunday 29 March 2026 at 23:59 (end of D-3).)"
    ) == str(TransitionRefusedError("register", closed))
    two = Decision.refuse(
        Reason(ReasonCode.NO_HR_FUNCTION, "R5"), Reason(ReasonCode.TOS_NOT_COMPLETED, "R5")
    )
    assert (
        "Invalid register: refused (R5 no_hr_function: "
        f"{two.reasons[0].text('en')}; R5 tos_not_completed: "
        f"{two.reasons[1].text('en')})"
    ) == str(TransitionRefusedError("register", two))


# --------------------------------------------------------------------------
# The texts people read: every template of the texts table, rendered in the
# three languages with sample figures, pinned word for word in tests/texts.md
# (the page a proof-reader reads). Other modules check codes and fields.

TEXTS_PAGE = Path(__file__).with_name("texts.md")


def rendered_texts() -> str:
    """Return every text of ``TEXTS`` in fr, nl and en, with sample figures filled in."""
    limits = {"reason.registration_closed": 3, "reason.late_confirmation": 15}
    lines = [
        "# Every text, rendered (class on Wednesday 1 April 2026, 09:00, Brussels)",
        "",
        "Figures: an instant is the class start (00:00 on 18 March for fees); a window",
        "closes at 00:00 on Monday 30 March; amounts are 375 EUR (2 x 150 = 300 on an",
        "invoice line); counts are 2 (1 for the singular forms).",
        "",
    ]
    # Fees and their steps start at 00:00 on Wednesday 18 March (D-14).
    since = pendulum.datetime(2026, 3, 18, tz="Europe/Brussels")
    for key in TEXTS:
        lines.append(f"## {key}")
        lines.append("")
        for lang in LANGUAGES:
            at = since if key.startswith(("fee.", "step.")) else START
            text = render(
                key,
                lang,
                when=moment(at, lang),
                until=until(pendulum.datetime(2026, 3, 30, tz="Europe/Brussels"), lang),
                day=day(START.date(), lang),
                amount=money(Decimal(300 if key == "invoice.line" else 375), lang),
                count=1 if key.endswith(".one") else 2,
                limit=limits.get(key, 6),
                subject="*********28",
                label=render("fee_kind.shortfall", lang),
                rule="R17",
                quantity=2,
                unit=money(Decimal(150), lang),
            )
            lines.append(f"- {lang}: {text}")
        lines.append("")
    return "\n".join(lines)


def test_every_text_reads_as_pinned_in_the_texts_page() -> None:
    """Regenerate with ``python -c "from tests.test_messages import *; print(rendered_texts())"``
    only after a proof-read of the difference."""
    assert TEXTS_PAGE.read_text(encoding="utf-8") == rendered_texts() + "\n"
