"""Plain rows over many sessions, for notebooks and spreadsheets (a view of the rules).

Analysts look at the process over hundreds of sessions at once: how many
classes per month, how many reminders go out in a week, who is registered
where. These functions turn sessions into *rows*: one `dict` per item,
with the same keys in the same order in every row of one function, whose
values are plain `str`, `int`, `bool`, `decimal.Decimal` or
`None`. Instants are ISO 8601 strings with their offset, on the policy's
local clock (T6), so that `row["at"][:7]` is the local month and
`row["at"][:10]` the local day. The rows go straight into
`pandas.DataFrame(rows)` or `csv.DictWriter`; the library itself does
not depend on pandas.

Examples:
    >>> import pendulum
    >>> from incompany_rules.examples import confirmed_session
    >>> session = confirmed_session(pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels"))
    >>> rows = milestone_rows([session])
    >>> rows[2]
    {'project': 'IC-2026-0042', 'group': 'G1', 'session': 'IC-2026-0042/G1', 'company': '0403.170.701', 'training': 'DIG-042', 'kind': 'reminder', 'rule': 'R6', 'at': '2026-03-11T00:00:00+01:00', 'window': None}

    Personal data
    -------------

    A row never holds a national register number, in any form: not the digits,
    not the printed form, not the masked one. To join the rows of one person
    across sessions or exports, pass a secret `key`: participant rows then
    carry a *keyed pseudonym* of the number
    ([`pseudonym`][incompany_rules.batch.pseudonym], an HMAC-SHA256), the same
    for one person under one key, unrelated under another, and not reversible
    without the key. Keep the key out of the notebook (an environment variable,
    a vault); whoever holds it and a candidate number can check whether that
    number is in the data.

    E-mail addresses are personal data too. Participant rows leave them out
    unless the caller asks for them with `include_email=True`; display names
    are never exported. Company numbers are enterprise numbers, not personal
    data, and are kept.

    >>> from incompany_rules.examples import sample_participants
    >>> with_people = session.evolve(participants=sample_participants(2))
    >>> participant_rows([with_people], key=b"a secret of the fund")[0]
    {'project': 'IC-2026-0042', 'group': 'G1', 'session': 'IC-2026-0042/G1', 'company': '0403.170.701', 'training': 'DIG-042', 'position': 1, 'attended': None, 'pseudonym': '13c3d04b4e088d2c'}

    Fees owed and actions open at an instant ([`fee_rows`][incompany_rules.batch.fee_rows],
    [`action_rows`][incompany_rules.batch.action_rows]) follow the same shape: the
    session's columns first, then the item's own, with amounts as exact
    `Decimal` euros:

    >>> held = with_people.evolve(attendance=with_people.participants[:1])
    >>> row = fee_rows([held], pendulum.datetime(2026, 4, 2, tz="Europe/Brussels"))[0]
    >>> row["kind"], row["rule"], row["quantity"], row["unit_price"], row["amount"]
    ('shortfall', 'R17', 5, Decimal('150'), Decimal('750'))
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from incompany_rules.actions import next_actions
from incompany_rules.errors import IncompanyRulesError, InvalidKeyError, InvalidTypeError
from incompany_rules.fees import fees_due
from incompany_rules.instants import instant, local
from incompany_rules.milestones import milestones
from incompany_rules.participants import NationalNumber
from incompany_rules.policy import DEFAULT_POLICY, Policy
from incompany_rules.session import Session
from incompany_rules.validation import expect, flag

if TYPE_CHECKING:
    import datetime as dt

__all__ = [
    "MIN_KEY_BYTES",
    "PSEUDONYM_LENGTH",
    "Cell",
    "Row",
    "action_rows",
    "fee_rows",
    "milestone_rows",
    "participant_rows",
    "pseudonym",
    "session_rows",
]

Cell = str | int | bool | Decimal | None
"""What a row holds: text, whole numbers, flags, euro amounts, or nothing."""

Row = dict[str, Cell]
"""One row: column name to value, the same columns in every row of one function."""

MIN_KEY_BYTES = 16
"""The shortest key [`pseudonym`][incompany_rules.batch.pseudonym] takes: a shorter one could be guessed by trying them all."""

PSEUDONYM_LENGTH = 16
"""Hex characters kept from the HMAC-SHA256 (64 bits).

Two different people share a pseudonym with a probability of about
n²/2⁶⁵ among n people: about 3 in 100 million for a million participants.
"""


def pseudonym(number: NationalNumber | str, key: bytes) -> str:
    """Return the keyed pseudonym of a national register number, for joining rows.

    The pseudonym is the HMAC-SHA256, under `key`, of the number's 11 digits
    (so every printed form of one number gives the same pseudonym), as
    lower-case hex, truncated to
    [`PSEUDONYM_LENGTH`][incompany_rules.batch.PSEUDONYM_LENGTH] characters. It
    is stable for one key and unrelated under another; without the key it
    cannot be computed from a number, nor reversed. Treat the key like a
    password: 32 random bytes, made once with `secrets.token_bytes(32)`, kept
    outside the data (anyone who has it can try the few billion valid numbers
    and undo every pseudonym). Keys shorter than
    [`MIN_KEY_BYTES`][incompany_rules.batch.MIN_KEY_BYTES] (16) bytes are
    refused.

    Examples:
        >>> pseudonym("85.07.30-033.28", b"a secret of the fund")
        '13c3d04b4e088d2c'
        >>> pseudonym("85073003328", b"a secret of the fund")
        '13c3d04b4e088d2c'
        >>> pseudonym("85.07.30-033.28", b"another secret key")
        '3cc92f3abb8c8bb6'

        The key must be bytes, at least 16 of them:

        >>> pseudonym("85.07.30-033.28", "a secret of the fund")
        Traceback (most recent call last):
          ...
        incompany_rules.errors.InvalidTypeError: Invalid key: expected bytes, got str
        >>> pseudonym("85.07.30-033.28", b"k")
        Traceback (most recent call last):
          ...
        incompany_rules.errors.InvalidKeyError: Invalid key: must be at least 16 bytes (secrets.token_bytes(32) makes one)
    """
    checked = _key(key)
    if checked is None:
        raise InvalidTypeError("key", "expected bytes, got NoneType")
    return _pseudonym(_number(number), checked)


def _pseudonym(number: NationalNumber, key: bytes) -> str:
    import hashlib  # noqa: PLC0415 (imported on first use: OpenSSL's load is slow)
    import hmac  # noqa: PLC0415

    digest = hmac.new(key, number.reveal().encode(), hashlib.sha256)
    return digest.hexdigest()[:PSEUDONYM_LENGTH]


def _number(value: object) -> NationalNumber:
    if isinstance(value, NationalNumber):
        return value
    return NationalNumber(value)


def _key(key: object) -> bytes | None:
    """Return `key` checked: `None` or `bytes` of at least [`MIN_KEY_BYTES`][incompany_rules.batch.MIN_KEY_BYTES]."""
    if key is None:
        return None
    if not isinstance(key, bytes):
        raise InvalidTypeError("key", f"expected bytes, got {type(key).__name__}")
    if len(key) < MIN_KEY_BYTES:
        raise InvalidKeyError(
            "key", f"must be at least {MIN_KEY_BYTES} bytes (secrets.token_bytes(32) makes one)"
        )
    return key


def _sessions(sessions: object) -> Iterable[Session]:
    """Yield the sessions of `sessions`, refusing anything else by its position."""
    if isinstance(sessions, Session) or not isinstance(sessions, Iterable):
        raise InvalidTypeError(
            "sessions", f"expected an iterable of sessions, got {type(sessions).__name__}"
        )
    for index, session in enumerate(sessions):
        yield expect(session, Session, field=f"sessions[{index}]")


def _iso(session: Session, value: dt.datetime | None) -> str | None:
    """Return `value` in ISO 8601 on the policy's clock (T6), or `None`."""
    if value is None:
        return None
    return local(value, session.policy.tz).isoformat()


def _head(session: Session) -> Row:
    """Return the columns every row starts with: which session, of which company and training."""
    return {
        "project": session.project,
        "group": session.group,
        "session": session.key,
        "company": session.company.number,
        "training": session.training.code,
    }


def _rows(sessions: object, items: Callable[[Session], Iterable[Row]]) -> list[Row]:
    """Return, for each session, its head columns followed by each of its `items`."""
    rows: list[Row] = []
    for session in _sessions(sessions):
        head = _head(session)
        rows.extend({**head, **item} for item in items(session))
    return rows


def session_rows(sessions: Iterable[Session]) -> list[Row]:
    """Return one row per session: its class and the facts recorded about it.

    Columns: `project`, `group`, `session` (`project/group`),
    `company` (enterprise number), `training` (code), `title`,
    `requested_at`, `dates_confirmed_at`, `start` and `end` of the
    confirmed class (`None` while no slot is confirmed), `planned`
    participants (R1), `registered` (how many, R9), `attended` (how
    many, `None` until recorded, R17), `cancelled_at` (R15).

    Examples:
        >>> import pendulum
        >>> from incompany_rules.examples import confirmed_session
        >>> session = confirmed_session(pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels"))
        >>> row = session_rows([session])[0]
        >>> row["start"], row["registered"], row["attended"], row["cancelled_at"]
        ('2026-04-01T09:00:00+02:00', 0, None, None)
    """

    def facts(session: Session) -> Iterable[Row]:
        slot = session.confirmed_slot
        attendance = session.attendance
        yield {
            "title": session.training.title,
            "requested_at": _iso(session, session.requested_at),
            "dates_confirmed_at": _iso(session, session.dates_confirmed_at),
            "start": None if slot is None else _iso(session, slot.start),
            "end": None if slot is None else _iso(session, slot.end),
            "planned": session.planned_participants,
            "registered": len(session.participants),
            "attended": None if attendance is None else len(attendance),
            "cancelled_at": _iso(session, session.cancelled_at),
        }

    return _rows(sessions, facts)


def milestone_rows(sessions: Iterable[Session], *, key: bytes | None = None) -> list[Row]:
    """Return one row per milestone of each session, in each session's calendar order.

    Columns: the session's (`project`, `group`, `session`,
    `company`, `training`), then `kind` (a
    [`MilestoneKind`][incompany_rules.milestones.MilestoneKind] value), `rule` (its id),
    `at` (ISO 8601 on the policy's clock) and `window` (`"opens"`,
    `"closes"` or `None`). A session whose dates are not confirmed has
    no milestone, so no row.

    Milestone rows hold no personal data, so `key` changes nothing in
    them; it is accepted (and checked) so that a notebook can pass the same
    `key=` to every row function.
    """
    _key(key)

    def dated(session: Session) -> Iterable[Row]:
        for milestone in milestones(session):
            yield {
                "kind": milestone.kind.value,
                "rule": str(milestone.rule),
                "at": milestone.at.isoformat(),
                "window": None if milestone.window is None else milestone.window.value,
            }

    return _rows(sessions, dated)


def participant_rows(
    sessions: Iterable[Session],
    *,
    key: bytes | None = None,
    include_email: bool = False,
) -> list[Row]:
    """Return one row per registered participant of each session, in registration order.

    Columns: the session's, then `position` (1 for the first person HR
    registered, R9) and `attended` (`True` or `False` once attendance is
    recorded, else `None`, R17). With a `key`, a `pseudonym` column
    ([`pseudonym`][incompany_rules.batch.pseudonym]) identifies the person
    across sessions; with `include_email=True`, an `email` column gives the
    address HR registered. The national register number is never in a row.

    Examples:
        >>> import pendulum
        >>> from incompany_rules.examples import confirmed_session, sample_participants
        >>> session = confirmed_session(pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels"))
        >>> two = session.evolve(participants=sample_participants(2))
        >>> tuple((row["position"], row["attended"]) for row in participant_rows([two]))
        ((1, None), (2, None))
        >>> first, second = participant_rows([two], include_email=True)
        >>> second["email"]
        'participant2@acme.example'
    """
    checked = _key(key)
    flag(include_email, field="include_email")

    def people(session: Session) -> Iterable[Row]:
        attendance = session.attendance
        for position, person in enumerate(session.participants, start=1):
            row: Row = {
                "position": position,
                "attended": None if attendance is None else person.national_number in attendance,
            }
            if checked is not None:
                row["pseudonym"] = _pseudonym(person.national_number, checked)
            if include_email:
                row["email"] = person.email
            yield row

    return _rows(sessions, people)


def fee_rows(
    sessions: Iterable[Session], now: dt.datetime, *, key: bytes | None = None
) -> list[Row]:
    """Return one row per fee each session owes as of `now` (R15-R18), as `fees_due` lists them.

    Columns: the session's, then `kind` (a
    [`FeeKind`][incompany_rules.fees.FeeKind] value: `late_cancellation`,
    `missing_list`, `shortfall`), `rule` (its id), `quantity`,
    `unit_price` and `amount` (exact `Decimal` euros, `amount` =
    `quantity` x `unit_price`) and `arises_at` (ISO 8601 on the
    policy's clock: when the cancellation was notified, when registration
    closed, when the class ended). A session that owes nothing has no row,
    so the sum of `amount` is what the sessions owe. Fees are listed
    whether or not they were invoiced already.

    `now` must be an aware instant, checked even for no session. Fee rows
    hold no personal data: `key` is accepted and checked, and changes
    nothing.

    Examples:
        >>> import pendulum
        >>> from incompany_rules.examples import confirmed_session
        >>> session = confirmed_session(pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels"))
        >>> late = session.evolve(cancelled_at=pendulum.datetime(2026, 3, 20, 11, tz="Europe/Brussels"))
        >>> fee_rows([session, late], pendulum.datetime(2026, 3, 21, tz="Europe/Brussels"))
        [{'project': 'IC-2026-0042', 'group': 'G1', 'session': 'IC-2026-0042/G1', 'company': '0403.170.701', 'training': 'DIG-042', 'kind': 'late_cancellation', 'rule': 'R15', 'quantity': 1, 'unit_price': Decimal('375'), 'amount': Decimal('375'), 'arises_at': '2026-03-20T11:00:00+01:00'}]
    """
    moment = instant(now, field="now")
    _key(key)

    def owed(session: Session) -> Iterable[Row]:
        for line in fees_due(session, moment):
            yield {
                "kind": line.kind.value,
                "rule": str(line.rule),
                "quantity": line.quantity,
                "unit_price": line.unit_price,
                "amount": line.amount,
                "arises_at": _iso(session, line.arises_at),
            }

    return _rows(sessions, owed)


def action_rows(
    sessions: Iterable[Session], now: dt.datetime, *, key: bytes | None = None
) -> list[Row]:
    """Return one row per action open at `now` for each session, as `next_actions` lists them.

    Columns: the session's, then `kind` (an
    [`ActionKind`][incompany_rules.actions.ActionKind] value), `actor` (an
    [`Actor`][incompany_rules.actions.Actor] value: `cefora`,
    `client_hr`, `trainer`, `participants`, `platform`), `rule`,
    `due` (ISO 8601 on the policy's clock), `overdue` (due strictly
    before `now`), `fee` (what missing it costs, in `Decimal` euros,
    else `None`) and `count` (the people it counts, else `None`).
    Each session's actions keep `next_actions`' order: overdue first,
    then by due instant.

    `now` must be an aware instant, checked even for no session. Action
    rows hold no personal data: `key` is accepted and checked, and
    changes nothing.

    Examples:
        >>> import pendulum
        >>> from incompany_rules.examples import confirmed_session
        >>> session = confirmed_session(pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels"))
        >>> rows = action_rows([session], pendulum.datetime(2026, 3, 12, 9, tz="Europe/Brussels"))
        >>> for row in rows:
        ...     print(row["due"], row["overdue"], row["actor"], row["kind"], row["fee"])
        2026-03-12T00:00:00+01:00 True cefora send_reminder None
        2026-02-18T10:00:00+01:00 False cefora send_recap None
        2026-03-18T00:00:00+01:00 False cefora definitive_confirmation None
        2026-03-30T00:00:00+02:00 False client_hr register_participants 375
        2026-04-01T00:00:00+02:00 False client_hr check_zoom None
        2026-04-01T09:00:00+02:00 False trainer hold_class None
    """
    moment = instant(now, field="now")
    _key(key)

    def open_(session: Session) -> Iterable[Row]:
        for action in next_actions(session, moment):
            yield {
                "kind": action.kind.value,
                "actor": action.actor.value,
                "rule": str(action.rule),
                "due": _iso(session, action.due),
                "overdue": action.overdue,
                "fee": action.fee,
                "count": action.count,
            }

    return _rows(sessions, open_)


# --------------------------------------------------------------------------
# Policy what-ifs

Scenario = Policy | Mapping[str, object]
"""A policy to compute under: a whole [`Policy`][incompany_rules.policy.Policy], or changes to each session's own."""


def what_if_fee_rows(
    sessions: Iterable[Session],
    now: dt.datetime,
    scenarios: Mapping[str, Scenario],
    *,
    key: bytes | None = None,
) -> list[Row]:
    """Return the fee rows of the same sessions under each of several policies, side by side.

    `scenarios` maps a name of your choice to a policy: either a whole
    [`Policy`][incompany_rules.policy.Policy], which replaces each session's, or a
    mapping of changes to each session's own policy (`{}` keeps it as
    recorded), so that sessions requested under different fees keep theirs.
    Each row is a [`fee_rows`][incompany_rules.batch.fee_rows] row under that
    policy, preceded by a `scenario` column holding the name; scenarios come in
    the order given. The sessions are evaluated as recorded: only the figures
    change, not what happened.

    Examples:
        >>> import pendulum
        >>> from incompany_rules.examples import confirmed_session
        >>> session = confirmed_session(pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels"))
        >>> late = session.evolve(cancelled_at=pendulum.datetime(2026, 3, 20, 11, tz="Europe/Brussels"))
        >>> rows = what_if_fee_rows(
        ...     [late],
        ...     pendulum.datetime(2026, 4, 2, tz="Europe/Brussels"),
        ...     {"as recorded": {}, "free until D-10": {"free_cancellation_days_before": 10}},
        ... )
        >>> [(row["scenario"], row["kind"], row["amount"]) for row in rows]
        [('as recorded', 'late_cancellation', Decimal('375'))]

        A bad scenario is named:

        >>> what_if_fee_rows([late], pendulum.datetime(2026, 4, 2, tz="UTC"), {"D-10": {"free_days": 10}})
        Traceback (most recent call last):
          ...
        incompany_rules.errors.InvalidPolicyError: Invalid scenarios['D-10']: unknown key 'free_days'
    """
    moment = instant(now, field="now")
    _key(key)
    if not isinstance(scenarios, Mapping):
        raise InvalidTypeError(
            "scenarios", f"expected a mapping of names to policies, got {type(scenarios).__name__}"
        )
    chosen = [_scenario(name, scenario) for name, scenario in scenarios.items()]
    listed = list(_sessions(sessions))
    rows: list[Row] = []
    for name, policy_of in chosen:
        under = [session.evolve(policy=policy_of(session.policy)) for session in listed]
        rows.extend({"scenario": name, **row} for row in fee_rows(under, moment))
    return rows


def _scenario(name: object, scenario: object) -> tuple[str, Callable[[Policy], Policy]]:
    """Check one scenario; return its name and how it turns a session's policy into its own."""
    if not isinstance(name, str):
        raise InvalidTypeError("scenarios", f"expected names as strings, got {type(name).__name__}")
    field = f"scenarios[{name!r}]"
    if isinstance(scenario, Policy):
        return name, lambda _: scenario
    if not isinstance(scenario, Mapping):
        raise InvalidTypeError(
            field, f"expected a Policy or a mapping of changes, got {type(scenario).__name__}"
        )
    try:
        Policy.from_dict({**DEFAULT_POLICY.to_dict(), **scenario})
    except IncompanyRulesError as error:
        raise type(error)(field, error.problem) from None
    changes = dict(scenario)
    return name, functools.cache(lambda policy: policy.evolve(**changes))


__all__ += ["Scenario", "what_if_fee_rows"]
