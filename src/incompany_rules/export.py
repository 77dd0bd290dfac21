"""Sessions from the rows of a database export: one table of sessions, one of participants.

An export gives plain rows: `dict`-like records with one row per session and
one per registered participant, as `csv.DictReader`, a database cursor or
`pandas.DataFrame.to_dict("records")` give them.
[`sessions_from_rows`][incompany_rules.export.sessions_from_rows] joins them
into [`Session`][incompany_rules.session.Session] values, checking every value as
building the sessions by hand would, and naming the table, the row (counted
from 0) and the column of a bad one.

Examples:
    >>> rows = [{
    ...     "project": "IC-2026-0042", "group": "G1",
    ...     "company": "0403.170.701", "company_name": "Acme SA",
    ...     "training": "DIG-042", "title": "Excel: tableaux croisés dynamiques",
    ...     "requested_at": "2026-02-02 10:00", "dates_confirmed_at": "2026-02-16 10:00",
    ...     "start": "2026-04-01 09:00", "end": "2026-04-01 12:30",
    ... }]
    >>> people = [{"project": "IC-2026-0042", "group": "G1",
    ...            "national_number": "85.07.30-033.28", "email": "ann@acme.example"}]
    >>> (session,) = sessions_from_rows(rows, people, clock="Europe/Brussels")
    >>> session.confirmed_slot.start, len(session.participants)
    (DateTime(2026, 4, 1, 9, 0, 0, tzinfo=Timezone('Europe/Brussels')), 1)

    Local times without an offset
    -----------------------------

    Many databases keep local wall-clock times without their offset. Such a
    *naive* time is read only on the clock the caller names (`clock=`, an
    IANA name): the library never guesses it (T1). Twice a year that is not
    enough. At the end of March, 02:30 does not exist in Brussels (the clocks
    go from 02:00 to 03:00); at the end of October, 02:30 happens twice (summer
    time, then winter time). Such a time is refused, with its row and column,
    unless the caller says how to read it: `ambiguous="earlier"` (the first
    02:30, summer time) or `"later"` (the second, winter time), and
    `nonexistent="shift_forward"` (03:00, the first instant after the gap)
    or `"shift_backward"` (the last instant before it), as pandas names them.

    >>> rows[0]["cancelled_at"] = "2026-03-29 02:30"
    >>> sessions_from_rows(rows, people, clock="Europe/Brussels")
    Traceback (most recent call last):
      ...
    incompany_rules.export.InvalidRowError: Invalid sessions[0].cancelled_at: 2026-03-29 02:30 does not exist on the clock of Europe/Brussels (it skips an hour there); say how to read it with nonexistent="shift_forward" or "shift_backward"
    >>> (cancelled,) = sessions_from_rows(
    ...     rows, people, clock="Europe/Brussels", nonexistent="shift_forward")
    >>> cancelled.cancelled_at
    DateTime(2026, 3, 29, 3, 0, 0, tzinfo=Timezone('Europe/Brussels'))

    Aware values (`datetime` with a `tzinfo`, a `pandas.Timestamp` with a
    zone, ISO 8601 text with an offset) are exact instants and read as such,
    with or without `clock`.
"""

from __future__ import annotations

import datetime as dt
import math
import operator
from collections.abc import Iterable, Mapping
from typing import Literal

import attrs
import pendulum

from incompany_rules.errors import IncompanyRulesError, InvalidTypeError, InvalidValueError
from incompany_rules.instants import instant, local, plain, utc
from incompany_rules.participants import Participant
from incompany_rules.policy import DEFAULT_POLICY, Policy
from incompany_rules.session import Company, Session, Slot, Training

__all__ = ["InvalidRowError", "sessions_from_rows"]

Ambiguous = Literal["raise", "earlier", "later"]
Nonexistent = Literal["raise", "shift_forward", "shift_backward"]

# Session facts read from the columns of the same name: every ``..._at``
# field of Session but the request, which is required.
_FACTS = tuple(
    field.name
    for field in attrs.fields(Session)
    if field.name.endswith("_at") and field.name not in {"requested_at", "dates_confirmed_at"}
)


class InvalidRowError(InvalidValueError):
    """A row of an export that cannot be read: a missing column, a time that needs a clock."""


def sessions_from_rows(  # noqa: PLR0913 (keyword-only options, each documented)
    sessions: Iterable[Mapping[str, object]],
    participants: Iterable[Mapping[str, object]] | None,
    *,
    clock: str | None = None,
    ambiguous: Ambiguous = "raise",
    nonexistent: Nonexistent = "raise",
    policy: Policy = DEFAULT_POLICY,
) -> tuple[Session, ...]:
    """Return the sessions that an export's rows describe, in the order of `sessions`.

    `sessions` has one row per session, with the columns `project`,
    `group`, `company` (enterprise number), `company_name`,
    `training` (code), `title`, `requested_at`; and, when known,
    `planned` (participants the company planned), `start` and `end`
    of the class, `dates_confirmed_at` (the slot is the confirmed one
    when it is set, only proposed otherwise), and any fact of
    [`Session`][incompany_rules.session.Session] by its name (`cancelled_at`,
    `reminder_sent_at`, ...).

    `participants` has one row per registered person, in the order HR
    registered them: `project`, `group`, `national_number`,
    `email`, and when known `name` and `attended` (`True` or
    `False`; a session's attendance is recorded when any of its rows says
    either). Pass an empty list for an export without participants.

    Other columns are ignored. Missing values may be `None`, `NaN` or
    `NaT` (what pandas gives for an empty cell). Instants may be
    `datetime` values, `pandas.Timestamp` values or ISO 8601 text;
    naive ones are read on `clock` as the module's documentation
    describes, with `ambiguous` and `nonexistent` for the two hours a
    year that need them.

    Raises:
        InvalidRowError: a column is missing, a session is listed
            twice, a participant's session is not in `sessions`, an instant
            is naive with no `clock` or falls in a clock change the caller
            did not settle.
        IncompanyRulesError: a value the rules refuse, of the class
            building the session by hand would raise, its `field` naming the
            table, row and column (`participants[3].email`); a national
            number shows its last two digits at most.
    """
    reader = _Reader(
        _clock(clock),
        _choice("ambiguous", ambiguous, ("raise", "earlier", "later")),
        _choice("nonexistent", nonexistent, ("raise", "shift_forward", "shift_backward")),
    )
    if not isinstance(policy, Policy):
        raise InvalidTypeError("policy", f"expected a Policy, got {type(policy).__name__}")
    if participants is None:
        raise InvalidRowError(
            "participants",
            "expected the participant rows (an empty list for an export without participants)",
        )
    people = _people(participants)
    built: dict[tuple[str, str], Session] = {}
    for index, row in enumerate(_rows(sessions, "sessions")):
        where = f"sessions[{index}]"
        key = (_text(row, where, "project"), _text(row, where, "group"))
        if key in built:
            raise InvalidRowError(where, f"session {key[0]}/{key[1]} is listed twice")
        built[key] = _session(
            reader, row, where, key=key, group=people.pop(key, None), policy=policy
        )
    if people:
        first = min(people.values(), key=lambda group: group.first_row)
        raise InvalidRowError(
            f"participants[{first.first_row}]",
            f"session {first.key[0]}/{first.key[1]} is not in the session rows",
        )
    return tuple(built.values())


def _choice(name: str, value: object, choices: tuple[str, ...]) -> str:
    if value not in choices:
        listed = ", ".join(repr(choice) for choice in choices)
        raise InvalidValueError(name, f"expected one of {listed}, got {value!r}")
    return str(value)


def _clock(name: object) -> pendulum.Timezone | None:
    if name is None:
        return None
    if not isinstance(name, str):
        raise InvalidTypeError(
            "clock", f"expected an IANA timezone name, got {type(name).__name__}"
        )
    try:
        return pendulum.timezone(name)
    except Exception:  # noqa: BLE001 (pendulum raises several kinds for an unknown name)
        raise InvalidValueError("clock", f"expected an IANA timezone name, got {name!r}") from None


def _rows(rows: object, table: str) -> Iterable[Mapping[str, object]]:
    if not isinstance(rows, Iterable) or isinstance(rows, (str, bytes, Mapping)):
        raise InvalidTypeError(
            table, f"expected rows (an iterable of mappings), got {type(rows).__name__}"
        )
    for index, row in enumerate(rows):
        if not isinstance(row, Mapping):
            raise InvalidTypeError(
                f"{table}[{index}]", f"expected a mapping, got {type(row).__name__}"
            )
        yield row


def _missing(value: object) -> bool:
    """Whether `value` is an empty cell: `None`, or pandas' `NaN` or `NaT`."""
    return value is None or value != value  # noqa: PLR0124 (NaN and NaT are not equal to themselves)


def _cell(row: Mapping[str, object], column: str) -> object:
    """Return the value of `column` in `row`, `None` for an empty cell or no such column."""
    value = row.get(column)
    return None if _missing(value) else value


def _value(row: Mapping[str, object], where: str, column: str) -> object:
    """Return the value of the required `column` in `row`, or raise."""
    value = _cell(row, column)
    if value is None:
        raise InvalidRowError(f"{where}.{column}", "missing")
    return value


def _text(row: Mapping[str, object], where: str, column: str) -> str:
    value = _value(row, where, column)
    if not isinstance(value, str):
        raise InvalidTypeError(
            f"{where}.{column}", f"expected a string, got {type(value).__name__}"
        )
    return value.strip()


def _count(row: Mapping[str, object], where: str, column: str) -> int | None:
    value = _cell(row, column)
    if isinstance(value, float) and value.is_integer():
        return int(value)  # pandas stores a whole-number column with empty cells as floats
    if value is None or isinstance(value, bool):
        return None if value is None else _not_a_count(where, column, value)
    try:
        return operator.index(value)  # type: ignore[arg-type]  # int, numpy ints
    except TypeError:
        return _not_a_count(where, column, value)


def _not_a_count(where: str, column: str, value: object) -> int:
    raise InvalidTypeError(
        f"{where}.{column}", f"expected a whole number, got {type(value).__name__} {value!r}"
    )


def _flag(row: Mapping[str, object], where: str, column: str) -> bool | None:
    value = _cell(row, column)
    if value is None or isinstance(value, bool):
        return value
    raise InvalidTypeError(
        f"{where}.{column}", f"expected True, False or empty, got {type(value).__name__} {value!r}"
    )


@attrs.frozen
class _Reader:
    """Reads the instants of an export: aware ones as they are, naive ones on `clock`."""

    clock: pendulum.Timezone | None
    ambiguous: str
    nonexistent: str

    def instant(
        self, row: Mapping[str, object], where: str, column: str, *, required: bool = False
    ) -> pendulum.DateTime | None:
        value = _value(row, where, column) if required else _cell(row, column)
        field = f"{where}.{column}"
        if value is None:
            return None
        if isinstance(value, str):
            try:
                value = dt.datetime.fromisoformat(value.strip())
            except ValueError:
                raise InvalidRowError(
                    field, f"expected an ISO 8601 date and time, got {value!r}"
                ) from None
        if not isinstance(value, dt.datetime):
            raise InvalidTypeError(field, f"expected a date and time, got {type(value).__name__}")
        wall = plain(value)  # a pandas Timestamp as a plain datetime (nanoseconds dropped)
        if wall.tzinfo is not None and wall.utcoffset() is not None:
            return instant(wall, field=field)
        return self.local(wall, field)

    def local(self, wall: dt.datetime, field: str) -> pendulum.DateTime:
        """Return the naive `wall` time read on the caller's clock, or raise."""
        shown = wall.isoformat(
            sep=" ", timespec="minutes" if not wall.second and not wall.microsecond else "auto"
        )
        if self.clock is None:
            raise InvalidRowError(
                field,
                f'{shown} has no UTC offset; name the clock it was read on, e.g. clock="Europe/Brussels"',
            )
        tz = self.clock
        first, second = (
            pendulum.DateTime(
                wall.year,
                wall.month,
                wall.day,
                wall.hour,
                wall.minute,
                wall.second,
                wall.microsecond,
                tzinfo=tz,
                fold=fold,
            )
            for fold in (0, 1)
        )
        if first.utcoffset() == second.utcoffset():
            return first
        exists = _exists(first)
        if exists and self.ambiguous == "raise":
            raise InvalidRowError(
                field,
                f"{shown} happens twice on the clock of {tz.name} (it repeats an hour there); "
                'say which with ambiguous="earlier" or "later"',
            )
        if exists:
            return first if self.ambiguous == "earlier" else second
        if self.nonexistent == "raise":
            raise InvalidRowError(
                field,
                f"{shown} does not exist on the clock of {tz.name} (it skips an hour there); "
                'say how to read it with nonexistent="shift_forward" or "shift_backward"',
            )
        # Read on either offset, the wall time gives the two ends of the gap.
        gap_end = _transition(utc(second), utc(first), tz)
        if self.nonexistent == "shift_forward":
            return local(gap_end, tz)
        return local(gap_end - dt.timedelta(microseconds=1), tz)


def _exists(moment: pendulum.DateTime) -> bool:
    """Whether the wall time of `moment` is one its clock shows (not in a skipped hour)."""
    back = local(utc(moment), moment.tzinfo)  # type: ignore[arg-type]
    return back.replace(tzinfo=None) == moment.replace(tzinfo=None)


def _transition(before: dt.datetime, after: dt.datetime, tz: dt.tzinfo) -> dt.datetime:
    """Return the first UTC instant of `after`'s offset in `tz`, between the two (whole seconds)."""
    # Searched in whole seconds since the epoch: the span halves at each step.
    low, high = math.floor(before.timestamp()), math.floor(after.timestamp())
    offset = dt.datetime.fromtimestamp(low, tz).utcoffset()
    while high - low > 1:
        middle = (low + high) // 2
        if dt.datetime.fromtimestamp(middle, tz).utcoffset() == offset:
            low = middle
        else:
            high = middle
    return _EPOCH + dt.timedelta(seconds=high)


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


class _Group:
    """The participants of one session, as the participant rows list them."""

    def __init__(self, key: tuple[str, str], first_row: int) -> None:
        self.key = key
        self.first_row = first_row
        self.people: list[Participant] = []
        # As Session.attendance: None until a row says whether its person attended.
        self.attended: list[Participant] | None = None


def _people(rows: Iterable[Mapping[str, object]]) -> dict[tuple[str, str], _Group]:
    groups: dict[tuple[str, str], _Group] = {}
    for index, row in enumerate(_rows(rows, "participants")):
        where = f"participants[{index}]"
        key = (_text(row, where, "project"), _text(row, where, "group"))
        group = groups.setdefault(key, _Group(key, index))
        number = _value(row, where, "national_number")
        email = _value(row, where, "email")
        try:
            person = Participant(number, email, name=_cell(row, "name"))
        except IncompanyRulesError as error:
            raise type(error)(f"{where}.{error.field.rpartition('.')[2]}", error.problem) from None
        attended = _flag(row, where, "attended")
        group.people.append(person)
        if attended is not None:
            group.attended = group.attended or []
            if attended:
                group.attended.append(person)
    return groups


def _session(  # noqa: PLR0913 (the row, where it is, and what the other table and the caller give)
    reader: _Reader,
    row: Mapping[str, object],
    where: str,
    *,
    key: tuple[str, str],
    group: _Group | None,
    policy: Policy,
) -> Session:
    # Each cell is read first, so that its error names its column.
    requested_at = reader.instant(row, where, "requested_at", required=True)
    confirmed_at = reader.instant(row, where, "dates_confirmed_at")
    start = reader.instant(row, where, "start")
    end = reader.instant(row, where, "end")
    facts = {name: reader.instant(row, where, name) for name in _FACTS}
    code, title = _text(row, where, "training"), _text(row, where, "title")
    number, name = _text(row, where, "company"), _text(row, where, "company_name")
    planned = _count(row, where, "planned")
    # A value the classes refuse is named by the column it comes from.
    try:
        slot = None if start is None and end is None else Slot(start, end)
        return Session(
            project=key[0],
            group=key[1],
            training=Training(code, title),
            company=Company(number, name),
            requested_at=requested_at,
            policy=policy,
            planned_participants=planned,
            proposed_slots=() if slot is None else (slot,),
            confirmed_slot=None if confirmed_at is None else slot,
            dates_confirmed_at=confirmed_at,
            participants=() if group is None else group.people,
            attendance=None if group is None else group.attended,
            **facts,
        )
    except IncompanyRulesError as error:
        column = _COLUMNS.get(error.field, error.field.removeprefix("Session."))
        raise type(error)(f"{where}.{column}", error.problem) from None


# Where a session's error names a field, the column of the session rows it comes
# from; a field of Session not listed is the column of the same name.
_COLUMNS = {
    "Company.number": "company",
    "Company.name": "company_name",
    "Training.code": "training",
    "Training.title": "title",
    "Slot.start": "start",
    "Slot.end": "end",
    "Session.proposed_slots": "start",
    "Session.confirmed_slot": "start",
    "Session.planned_participants": "planned",
}
