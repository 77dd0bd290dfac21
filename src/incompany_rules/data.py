"""Sessions as plain data, and back: for an application's storage and an analyst's files.

[`to_data`][incompany_rules.data.to_data] turns a
[`Session`][incompany_rules.session.Session] and everything in it (company, training,
slots, participants, attendance, every recorded fact, the policy in force) into
a `dict` of `str`, `int`, `bool`, `None`, lists and dicts, ready for
`json.dumps`; [`from_data`][incompany_rules.data.from_data] builds the same
session back, validated as a new one. Nothing is lost:

- instants are ISO 8601 text with their UTC offset *and* their zone name,
  as RFC 9557 writes them (`2026-10-25T02:30:00+01:00[Europe/Brussels]`),
  so that the hour the clocks repeat in October stays unambiguous and the
  clock the instant was given on comes back; an instant at a fixed offset
  is named by its offset, seconds included when it has any
  (`2026-09-01T08:00:00-00:17:30[-00:17:30]`);
- amounts are `Decimal` written as strings (`"375"`, `"150.00"`);
- dates are `YYYY-MM-DD`; enumerations are their values;
- the form carries its [`FORMAT_VERSION`][incompany_rules.data.FORMAT_VERSION],
  so that a later version of the library can read what an older one wrote.

Examples:
    >>> import json
    >>> import pendulum
    >>> from incompany_rules.examples import confirmed_session
    >>> session = confirmed_session(pendulum.datetime(2026, 10, 27, 9, tz="Europe/Brussels"))
    >>> data = to_data(session)
    >>> data["version"], data["session"]["confirmed_slot"]
    (1, {'start': '2026-10-27T09:00:00+01:00[Europe/Brussels]', 'end': '2026-10-27T12:30:00+01:00[Europe/Brussels]'})
    >>> data["session"]["policy"]["late_cancellation_fee"]
    '375'
    >>> from_data(json.loads(json.dumps(data))) == session
    True

    Loading checks every value, as building the session by hand would, and
    names the path of a bad one in the error:

    >>> data["session"]["participants"] = [{"national_number": "85073003328", "email": "ann@"}]
    >>> from_data(data)
    Traceback (most recent call last):
      ...
    incompany_rules.errors.InvalidEmailError: Invalid participants[0].email: expected an address like name@example.be, got a str of 4 characters (There must be something after the @-sign.)

    The national register number
    ----------------------------

    The form holds each participant's national register number in full
    (`"national_number": "85073003328"`), because an application that stores
    its sessions needs it back: treat the form, and the database or files it
    goes to, as the personal data it is. Errors about a number never show more
    than its last two digits. To hand sessions to analysts, export *rows*
    instead ([`incompany_rules.batch`][incompany_rules.batch]): they never hold
    a number, and a keyed pseudonym joins one person's rows (see the how-to on
    analysing many sessions).
"""

from __future__ import annotations

import datetime as dt
import enum  # noqa: TC003 (cattrs reads the hooks' annotations when they are registered)
import re
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from decimal import Decimal, InvalidOperation
from typing import Any, get_origin

import attrs
import cattrs
import pendulum
from cattrs.errors import ForbiddenExtraKeysError
from cattrs.gen import make_dict_structure_fn

from incompany_rules.errors import IncompanyRulesError, InvalidTypeError, InvalidValueError
from incompany_rules.instants import checked, local
from incompany_rules.participants import NationalNumber
from incompany_rules.session import Session

__all__ = ["FORMAT_VERSION", "InvalidDataError", "from_data", "to_data"]

FORMAT_VERSION = 1
"""The version of the form [`to_data`][incompany_rules.data.to_data] writes; [`from_data`][incompany_rules.data.from_data] reads it and no other."""


class InvalidDataError(InvalidValueError):
    """A plain-data form that does not describe a session: a missing, unknown or malformed field."""


# --------------------------------------------------------------------------
# Values the converter cannot guess: instants, amounts, dates, numbers.

# The field of an error a hook raises: a hook does not know where its value
# is in the form, and from_data names the error by that path instead.
_NO_FIELD = ""

_INSTANT = re.compile(r"^(?P<iso>[^\[\]]+)\[(?P<zone>[^\[\]]+)\]$")
# An offset as ISO 8601 and `datetime.isoformat` write it: hours, minutes,
# and seconds when there are any.
_OFFSET = re.compile(r"^[+-]\d\d:\d\d(:\d\d)?$")
_OFFSET_AT_END = re.compile(r"[+-]\d\d:\d\d(:\d\d(\.\d{6})?)?$")


def _zone_name(value: dt.datetime) -> str:
    # A named zone, pendulum's or the standard library's, has an IANA key;
    # a fixed offset (pendulum's, or the standard library's UTC) has none.
    name = getattr(value.tzinfo, "key", None)
    return str(name) if name else _offset(value)


def _offset(value: dt.datetime) -> str:
    return _OFFSET_AT_END.search(value.isoformat())[0]  # type: ignore[index]


def _unstructure_instant(value: dt.datetime) -> str:
    return f"{value.isoformat()}[{_zone_name(value)}]"


def _structure_instant(value: object, _: object) -> pendulum.DateTime:
    text = _string(value, "an instant such as '2026-04-01T09:00:00+02:00[Europe/Brussels]'")
    match = _INSTANT.match(text)
    if match is None:
        raise InvalidDataError(
            _NO_FIELD,
            f"expected ISO 8601 with an offset and a [zone], such as "
            f"'2026-04-01T09:00:00+02:00[Europe/Brussels]', got {text!r}",
        )
    try:
        given = dt.datetime.fromisoformat(match["iso"])
    except ValueError:
        raise InvalidDataError(_NO_FIELD, f"expected an ISO 8601 instant, got {text!r}") from None
    if given.tzinfo is None:
        raise InvalidDataError(_NO_FIELD, f"expected an instant with its UTC offset, got {text!r}")
    checked(given, field=_NO_FIELD)  # in the supported years, before any conversion
    return local(given, _zone(match["zone"], given, given.tzinfo, text))


def _zone(name: str, given: dt.datetime, fixed: dt.tzinfo, text: str) -> dt.tzinfo:
    """Return the zone `name` of `text`, or its fixed offset, if `given` has its offset."""
    if _OFFSET.match(name):
        tz = fixed
        expected = name
    else:
        try:
            tz = pendulum.timezone(name)
        except Exception:  # noqa: BLE001 (pendulum raises several kinds for an unknown name)
            raise InvalidDataError(_NO_FIELD, f"unknown timezone {name!r} in {text!r}") from None
        expected = _offset(local(given, tz))
    if expected != _offset(given):
        raise InvalidDataError(
            _NO_FIELD, f"the offset of {text!r} is not {name}'s at that instant ({expected})"
        )
    return tz


def _string(value: object, expected: str) -> str:
    if not isinstance(value, str):
        raise InvalidTypeError(_NO_FIELD, f"expected {expected}, got {type(value).__name__}")
    return value


def _structure_decimal(value: object, _: object) -> Decimal:
    text = _string(value, "an amount written as a string, such as '375.00'")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise InvalidDataError(
            _NO_FIELD, f"expected an amount such as '375.00', got {text!r}"
        ) from None
    if not amount.is_finite():
        raise InvalidDataError(_NO_FIELD, f"expected a finite amount, got {text!r}")
    return amount


def _structure_date(value: object, _: object) -> dt.date:
    text = _string(value, "a date such as '2026-04-01'")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidDataError(
            _NO_FIELD, f"expected a date such as '2026-04-01', got {text!r}"
        ) from None


# The numbers already read in the form being loaded: attendance repeats the
# participants' numbers, each validated once. Set by from_data for one call.
_NUMBERS: ContextVar[dict[str, NationalNumber]] = ContextVar("_NUMBERS")


def _structure_number(value: object, _: object) -> NationalNumber:
    text = _string(value, "a national register number as a string")
    seen = _NUMBERS.get()
    if text not in seen:
        seen[text] = NationalNumber(text)
    return seen[text]


def _structure_str(value: object, _: object) -> str:
    return _string(value, "a string")


def _structure_int(value: object, _: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidTypeError(_NO_FIELD, f"expected a whole number, got {type(value).__name__}")
    return value


def _structure_enum(value: object, kind: type[enum.Enum]) -> enum.Enum:
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(repr(member.value) for member in kind)
        raise InvalidDataError(_NO_FIELD, f"expected one of {choices}, got {value!r}") from None


def _structure_bool(value: object, _: object) -> bool:
    if not isinstance(value, bool):
        raise InvalidTypeError(_NO_FIELD, f"expected true or false, got {type(value).__name__}")
    return value


def _items(kind: Any) -> Any:  # noqa: ANN401 (any type cattrs asks about)
    """Return the item type of `tuple[X, ...]` or `frozenset[X]`, else `None`."""
    if get_origin(kind) in {tuple, frozenset}:
        return kind.__args__[0]
    return None


def _is_collection(kind: Any) -> bool:  # noqa: ANN401 (any type cattrs asks about)
    return _items(kind) is not None


def _unstructure_collection(kind: Any) -> Any:  # noqa: ANN401 (cattrs' hook signature)
    def unstructure(values: Any) -> list[Any]:  # noqa: ANN401
        # Each item is written as its own class says (a Slot, a Participant, ...).
        items = [_CONVERTER.unstructure(value) for value in values]
        # A set (attendance) is written sorted: one session, one form.
        return sorted(items) if kind.__origin__ is frozenset else items

    return unstructure


def _structure_collection(kind: Any) -> Any:  # noqa: ANN401 (cattrs' hook signature)
    item = _items(kind)

    def structure(values: object, _: object) -> object:
        if not isinstance(values, list):
            raise InvalidTypeError(_NO_FIELD, f"expected a list, got {type(values).__name__}")
        items = []
        for index, value in enumerate(values):
            try:
                items.append(_CONVERTER.structure(value, item))
            except Exception as error:
                error.add_note(f"{_PATH_NOTE}[{index}]")
                raise
        return kind.__origin__(items)

    return structure


def _converter() -> cattrs.Converter:
    """Return the converter of every attrs class reachable from [`Session`][incompany_rules.session.Session].

    The classes are converted field by field from their attrs definitions
    (cattrs generates the functions), so a field added to one of them is
    in the form with no change here. Only the values above have hooks.

    The errors come with the path of their value (cattrs' detailed
    validation, its default). A hook of this module is registered for the
    type its annotation names: the type of its argument when it writes a
    value, the type it returns when it reads one.
    """
    converter = cattrs.Converter(forbid_extra_keys=True)
    converter.register_unstructure_hook(_unstructure_instant)
    converter.register_unstructure_hook(Decimal, str)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_unstructure_hook(NationalNumber, NationalNumber.reveal)
    for hook in (
        _structure_instant,
        _structure_decimal,
        _structure_date,
        _structure_number,
        _structure_str,
        _structure_int,
        _structure_bool,
        _structure_enum,
    ):
        converter.register_structure_hook(hook)
    converter.register_unstructure_hook_factory(_is_collection, _unstructure_collection)
    converter.register_structure_hook_factory(_is_collection, _structure_collection)
    converter.register_structure_hook_factory(attrs.has, _structure_factory)
    return converter


def _structure_factory(cls: type) -> Any:  # noqa: ANN401 (cattrs' hook signature)
    generated: Callable[[Mapping[str, Any], Any], object] = make_dict_structure_fn(cls, _CONVERTER)
    names = {field.alias for field in attrs.fields(cls)}

    def structure(value: object, kind: type) -> object:
        if not isinstance(value, Mapping):
            raise InvalidTypeError(_NO_FIELD, f"expected an object, got {type(value).__name__}")
        try:
            # Equivalent: the function generated for cls does not read the type it is given.
            return generated(value, kind)  # pragma: no mutate
        except cattrs.ClassValidationError as errors:
            # Errors of the class itself (its converters, validators and
            # cross-field checks) come with no attribute: name the one their
            # field is about.
            for error in errors.exceptions:
                notes = getattr(error, "__notes__", ())
                attribute = getattr(error, "field", _NO_FIELD).rpartition(".")[2]
                if attribute in names and not any(_step(note) for note in notes):
                    error.add_note(_PATH_NOTE + attribute)
            raise

    return structure


# Where an error arose, noted on it as it goes up through lists and classes.
_PATH_NOTE = "incompany_rules path: "
_CONVERTER = _converter()


# --------------------------------------------------------------------------
# The form


def to_data(session: Session) -> dict[str, Any]:
    """Return `session` as plain, JSON-ready data: `{"version": 1, "session": {...}}`.

    Every field of the session is in the form, under its attribute name,
    defaults included. The national register numbers of its participants
    are in it in full (see the module's documentation).
    """
    if not isinstance(session, Session):
        raise InvalidTypeError("session", f"expected a Session, got {type(session).__name__}")
    return {"version": FORMAT_VERSION, "session": _CONVERTER.unstructure(session)}


def from_data(data: Mapping[str, Any]) -> Session:
    """Return the session that `data`, as [`to_data`][incompany_rules.data.to_data] gives it, describes.

    Every value is checked: its type (no `"6"` for `6`, no number for
    an amount), its format, and the rules a session obeys when built by
    hand. Unknown keys are refused, so that a typo does not silently keep a
    default; fields left out take their default.

    Raises:
        InvalidDataError: `data` is not a form of this version, or a
            field is missing, unknown or malformed.
        IncompanyRulesError: a value the rules refuse, of the class
            building the session by hand would raise (an
            [`InvalidEmailError`][incompany_rules.errors.InvalidEmailError], ...).
            Either way the error's `field` is the path of the bad value in the form's
            `session` (`participants[3].email`), and a national number in
            it shows its last two digits at most.
    """
    if not isinstance(data, Mapping):
        raise InvalidTypeError("data", f"expected a mapping, got {type(data).__name__}")
    version = data.get("version")
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise InvalidDataError(
            "version", f"expected {FORMAT_VERSION}, the version this library reads, got {version!r}"
        )
    extra = sorted(set(data) - {"version", "session"})
    if extra:
        raise InvalidDataError(extra[0], "unknown key, expected only 'version' and 'session'")
    if "session" not in data:
        raise InvalidDataError("session", "missing")
    token = _NUMBERS.set({})
    try:
        return _CONVERTER.structure(data["session"], Session)
    except Exception as error:  # noqa: BLE001 (every failure is reported as the library's error)
        raise _reported(*_first_failure(error, ())) from None
    finally:
        _NUMBERS.reset(token)


def _first_failure(error: BaseException, path: tuple[str, ...]) -> tuple[str, BaseException]:
    """Return the path to the first error at the leaves of cattrs' tree of errors, and that error.

    Notes are added to an error as it goes up (the innermost first), so
    they read in reverse.
    """
    notes = reversed(getattr(error, "__notes__", ()))
    path = (*path, *(_step(note) for note in notes if isinstance(note, str) and _step(note)))
    if isinstance(error, BaseExceptionGroup):
        return _first_failure(error.exceptions[0], path)
    return ".".join(path).replace(".[", "["), error


def _step(note: str) -> str:
    """Return the step of the path that `note` records, or `""` for another note."""
    if isinstance(note, cattrs.AttributeValidationNote):
        return note.name
    return note.removeprefix(_PATH_NOTE) if note.startswith(_PATH_NOTE) else ""


def _reported(path: str, error: BaseException) -> IncompanyRulesError:
    field = path or "session"  # the session itself: not an object, an unknown key
    if isinstance(error, IncompanyRulesError):
        return type(error)(field, error.problem)
    if isinstance(error, ForbiddenExtraKeysError):
        keys = ", ".join(repr(key) for key in sorted(error.extra_fields))
        return InvalidDataError(field, f"unknown key {keys}")
    # A required key left out; or, for any other failure, the kind of error
    # only (its message could hold a value, a national number included).
    problem = (
        "missing" if isinstance(error, KeyError) else f"cannot be read ({type(error).__name__})"
    )
    return InvalidDataError(field, problem)
