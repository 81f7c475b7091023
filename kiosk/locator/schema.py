"""The directory's columns, declared once.

Each field of :class:`Clinic` carries a :class:`Col` in its annotation: the SQL
type, the CSV header, whether the header is required, the parser for the CSV
text and the conversions to and from SQLite. The table, the insert, the select
and the CSV header list are all derived from that one declaration, so adding a
column is one line here (plus its parser, if it needs a new one).

No I/O and no Qt: the importer and the directory import this module.
"""

import datetime as dt
import math
import re
from collections.abc import Callable
from typing import Annotated, Any, NamedTuple, get_type_hints

from kiosk.locator.model import (
    CONDITIONS,
    KIND_ALIASES,
    KINDS,
    PAYMENTS,
    ROUTES,
    US_STATES,
)
from kiosk.textfile import closest

Errors = list[tuple[str, str]]  # (column, message)
Parser = Callable[[str], tuple[Any, Errors]]

ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
LANG_RE = re.compile(r"[a-z]{2,3}")
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
# ASCII: \d would also take Arabic-Indic and other Unicode digits into a phone or port.
PHONE_RE = re.compile(r"\+?1?[\s.-]*\(?(\d{3})\)?[\s.-]*(\d{3})[\s.-]*(\d{4})"
                      r"(?:\s*(?:x|ext\.?|extension)\s*(\d{1,6}))?", re.IGNORECASE | re.ASCII)
URL_RE = re.compile(r"(?:https?://)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::\d+)?(?:[/?#]\S*)?",
                    re.IGNORECASE | re.ASCII)
TRUE_WORDS = frozenset({"1", "yes", "y", "true", "t", "x"})
FALSE_WORDS = frozenset({"", "0", "no", "n", "false", "f"})


class Col(NamedTuple):
    """How one Clinic field is stored, read from the CSV and checked."""

    sql: str                        # SQL type and constraints (STRICT table)
    csv: bool = True                # a CSV column of the staff format
    required: bool = False          # the CSV header must be present
    parse: Parser | None = None     # CSV text -> (value, errors); None: plain text
    max_length: int = 0             # for plain text; 0 = no limit
    store: Callable[[Any], Any] | None = None  # Python value -> SQLite value
    load: Callable[[Any], Any] | None = None   # SQLite value -> Python value (raises if bad)
    default: Any = ""               # the value when the column is absent or empty


# --- parsers (CSV text -> value) and conversions --------------------------------------


def hint(word: str, choices: tuple[str, ...]) -> str:
    close = closest(word, choices)
    return f" (did you mean {close!r}?)" if close is not None else ""


def normalize_kind(text: str) -> str:
    """'At-Home', 'at home' and 'at_home' are the same kind."""
    key = "_".join(text.strip().lower().replace("-", " ").split())
    return KIND_ALIASES.get(key, key)


def parse_kind(text: str) -> tuple[str, Errors]:
    kind = normalize_kind(text)
    if kind in KINDS:
        return kind, []
    expected = ", ".join(KINDS[:-1]) + " or " + KINDS[-1]
    return kind, [("kind", f"{text!r}: expected {expected}{hint(kind, KINDS)}"
                   if text else f"is empty; expected {expected}")]


def parse_state(text: str) -> tuple[str, Errors]:
    state = text.upper()
    if state in US_STATES:
        return state, []
    return state, [("state", f"{text!r} is not a U.S. state or territory code (like NY)"
                    if text else "is empty")]


def parse_phone(text: str) -> tuple[str, Errors]:
    if not text:
        return "", [("phone", "is empty")]
    m = PHONE_RE.fullmatch(text)
    if not m:
        return "", [("phone", f"{text!r}: expected a 10-digit U.S. number like (212) 555-0142")]
    phone = f"({m.group(1)}) {m.group(2)}-{m.group(3)}"
    return (phone + f" ext. {m.group(4)}" if m.group(4) else phone), []


def parse_website(text: str) -> tuple[str, Errors]:
    if not text:
        return "", []
    if len(text) > 300:
        return "", [("website", f"is {len(text)} characters long; at most 300")]
    if not URL_RE.fullmatch(text):
        return "", [("website", f"{text!r}: expected a web address like https://example.org")]
    return (text if text.lower().startswith(("http://", "https://")) else "https://" + text), []


def code_list(column: str, allowed: tuple[str, ...]) -> Parser:
    """A ';'- or ','-separated list from ``allowed``, kept in ``allowed`` order."""
    def parse(text: str) -> tuple[tuple[str, ...], Errors]:
        items = {x.strip().lower().replace("-", "_").replace(" ", "_")
                 for x in re.split(r"[;,]", text) if x.strip()}
        for item in sorted(items):
            if item not in allowed:
                return (), [(column, f"unknown value {item!r}; expected {', '.join(allowed)}"
                                     f"{hint(item, allowed)}")]
        return tuple(a for a in allowed if a in items), []

    return parse


def parse_conditions(text: str) -> tuple[tuple[str, ...], Errors]:
    if not text:
        return (), [("conditions", f"is empty; list at least one of {'; '.join(CONDITIONS)}")]
    return code_list("conditions", CONDITIONS)(text)


def parse_languages(text: str) -> tuple[tuple[str, ...], Errors]:
    langs = [x.strip().lower() for x in re.split(r"[;,/]", text) if x.strip()]
    wrong = [x for x in langs if not LANG_RE.fullmatch(x)]
    if wrong:
        return (), [("languages", f"{wrong[0]!r}: expected language codes like en;es")]
    return tuple(dict.fromkeys(langs)), []


def parse_served(text: str) -> tuple[tuple[str, ...], Errors]:
    codes = [x.strip() for x in re.split(r"[;,\s]+", text.upper()) if x.strip()]
    if not codes:
        return (), []
    if "ALL" in codes:
        if len(codes) > 1:
            return (), [("states_served", "ALL cannot be combined with state codes")]
        return ("ALL",), []
    unknown = [c for c in codes if c not in US_STATES]
    if unknown:
        return (), [("states_served", f"{unknown[0]!r} is not a U.S. state code")]
    return tuple(sorted(set(codes))), []


def date_parser(column: str) -> Parser:
    def parse(text: str) -> tuple[str | None, Errors]:
        if not text:
            return None, []
        try:
            if not DATE_RE.fullmatch(text):
                raise ValueError
            day = dt.date.fromisoformat(text)
        except ValueError:
            return None, [(column, f"{text!r}: expected a date like 2024-05-31")]
        if day > dt.date.today() + dt.timedelta(days=1):
            return None, [(column, f"{text} is in the future")]
        return text, []

    return parse


def flag_parser(column: str) -> Parser:
    def parse(text: str) -> tuple[bool, Errors]:
        word = text.strip().lower()
        if word in TRUE_WORDS:
            return True, []
        if word in FALSE_WORDS:
            return False, []
        return False, [(column, f"{text!r}: expected yes or no (or 1 or 0)")]

    return parse


def _join(items: tuple[str, ...]) -> str:
    return ";".join(items)


def _split(text: str) -> tuple[str, ...]:
    # The table is STRICT (checked at open), so a TEXT column always holds text.
    return tuple(text.split(";")) if text else ()


def _date(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _coordinate(value: Any) -> float:
    if value is None:
        return math.nan  # only an at-home provider has no place (a table CHECK)
    if not isinstance(value, float) or value != value:
        raise TypeError("expected a number")
    return value


def _coordinate_sql(value: float) -> float | None:
    return None if value != value else value


def _flag(value: Any) -> bool:
    if value not in (0, 1):
        raise ValueError("expected 0 or 1")
    return bool(value)


def _quoted(values: tuple[str, ...]) -> str:
    return ", ".join(repr(v) for v in values)


def _in(name: str, values: tuple[str, ...]) -> str:
    return f"CHECK ({name} IN ({_quoted(values)}))"


_DATE_CHECK = "CHECK ({0} IS NULL OR ({0} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' " \
              "AND date({0}) = {0}))"


# --- the declaration ------------------------------------------------------------------


class Clinic(NamedTuple):
    """One listing; ``distance_miles`` is set by a ZIP search (None otherwise)."""

    id: Annotated[str, Col("TEXT NOT NULL", required=True, max_length=64)]
    name: Annotated[str, Col("TEXT NOT NULL CHECK (name != '')", required=True, max_length=120)]
    kind: Annotated[str, Col(f"TEXT NOT NULL {_in('kind', KINDS)}", required=True,
                             parse=parse_kind)]
    address: Annotated[str, Col("TEXT NOT NULL", required=True, max_length=160)]
    city: Annotated[str, Col("TEXT NOT NULL", required=True, max_length=80)]
    # Empty only for an at-home provider found by the states it serves.
    state: Annotated[str, Col(f"TEXT NOT NULL CHECK (state IN ({_quoted(tuple(US_STATES))}) "
                              "OR (kind = 'at_home' AND state = ''))", required=True,
                              parse=parse_state)]
    zip: Annotated[str, Col("TEXT NOT NULL", required=True)]
    phone: Annotated[str, Col("TEXT NOT NULL", required=True, parse=parse_phone)]
    website: Annotated[str, Col("TEXT NOT NULL", required=True, parse=parse_website)]
    conditions: Annotated[tuple[str, ...], Col("TEXT NOT NULL", required=True,
                                               parse=parse_conditions, store=_join, load=_split,
                                               default=())]
    states_served: Annotated[tuple[str, ...], Col("TEXT NOT NULL", parse=parse_served,
                                                  store=_join, load=_split, default=())]
    routes: Annotated[tuple[str, ...], Col("TEXT NOT NULL", parse=code_list("routes", ROUTES),
                                           store=_join, load=_split, default=())]
    # NaN (NULL in SQLite) only for an at-home provider given without a ZIP.
    lat: Annotated[float, Col("REAL CHECK (lat BETWEEN -90 AND 90)", load=_coordinate,
                              store=_coordinate_sql, default=math.nan)]
    lon: Annotated[float, Col("REAL CHECK (lon BETWEEN -180 AND 180)", load=_coordinate,
                              store=_coordinate_sql, default=math.nan)]
    last_verified: Annotated[dt.date | None, Col(
        "TEXT " + _DATE_CHECK.format("last_verified"), parse=date_parser("last_verified"),
        load=_date, default=None)]
    languages: Annotated[tuple[str, ...], Col("TEXT NOT NULL", parse=parse_languages,
                                              store=_join, load=_split, default=())]
    payment: Annotated[tuple[str, ...], Col("TEXT NOT NULL",
                                            parse=code_list("payment", PAYMENTS),
                                            store=_join, load=_split, default=())] = ()
    telehealth: Annotated[bool, Col("INTEGER NOT NULL CHECK (telehealth IN (0, 1))",
                                    parse=flag_parser("telehealth"), store=int, load=_flag,
                                    default=False)] = False
    veterans: Annotated[bool, Col("INTEGER NOT NULL CHECK (veterans IN (0, 1))",
                                  parse=flag_parser("veterans"), store=int, load=_flag,
                                  default=False)] = False
    source: Annotated[str, Col("TEXT NOT NULL", max_length=120)] = ""
    source_date: Annotated[dt.date | None, Col(
        "TEXT " + _DATE_CHECK.format("source_date"), parse=date_parser("source_date"),
        load=_date, default=None)] = None
    distance_miles: float | None = None

    @property
    def serves_all_states(self) -> bool:
        return self.states_served == ("ALL",)

    @property
    def located(self) -> bool:
        """Has a place a patient can go to (found by distance), unlike at-home care."""
        return self.kind != "at_home"

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict (lists for tuples, ISO dates, distance rounded to 0.1 mile)."""
        out: dict[str, object] = {}
        value: object
        for name, value in zip(self._fields, self, strict=True):
            if isinstance(value, float) and value != value:
                value = None  # an at-home provider without a place (NaN is not JSON)
            elif isinstance(value, tuple):
                value = list(value)
            elif isinstance(value, dt.date):
                value = value.isoformat()
            out[name] = value
        if self.distance_miles is not None:
            out["distance_miles"] = round(self.distance_miles, 1)
        return out


class Column(NamedTuple):
    """One stored field: its name and its declaration."""

    name: str
    col: Col


def _columns() -> tuple[Column, ...]:
    hints = get_type_hints(Clinic, include_extras=True)
    out = []
    for name in Clinic._fields:
        meta = getattr(hints[name], "__metadata__", ())
        cols = [m for m in meta if isinstance(m, Col)]
        if cols:
            out.append(Column(name, cols[0]))
    return tuple(out)


COLUMNS: tuple[Column, ...] = _columns()
COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
CSV_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.col.csv)
REQUIRED_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.col.required)
OPTIONAL_COLUMNS: tuple[str, ...] = tuple(c for c in CSV_COLUMNS if c not in REQUIRED_COLUMNS)
DEFAULTS: dict[str, Any] = {c.name: c.col.default for c in COLUMNS}
MAX_LENGTH: dict[str, int] = {c.name: c.col.max_length for c in COLUMNS if c.col.max_length}

# Extra stored columns that are not Clinic fields: the filter bit mask and the CSV line.
EXTRA_SQL = ("mask INTEGER NOT NULL", "line INTEGER NOT NULL")


def create_table_sql() -> str:
    """The clinics table: n (row number, spatial order), the declared columns, mask, line."""
    body = ",\n    ".join(["n INTEGER PRIMARY KEY", *(f"{c.name} {c.col.sql}" for c in COLUMNS),
                           *EXTRA_SQL])
    return (f"CREATE TABLE clinics(\n    {body},\n"
            "    CHECK (kind = 'at_home' OR (lat IS NOT NULL AND lon IS NOT NULL))\n) STRICT;\n")


def insert_sql(table: str = "clinics", with_n: bool = True) -> str:
    """INSERT for ([n,] declared columns..., mask, line)."""
    names = [*(["n"] if with_n else []), *COLUMN_NAMES, "mask", "line"]
    return f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"


SELECT_COLUMNS = ", ".join(COLUMN_NAMES)

_STORE = tuple(c.col.store for c in COLUMNS)
_CONVERT = tuple((i, f) for i, f in enumerate(_STORE) if f is not None)
# Plain TEXT and INTEGER columns need no conversion: the STRICT table guarantees the type
# (a CHECK can be switched off by hand, a STRICT type cannot).
_LOAD = tuple(c.col.load for c in COLUMNS)
_LOADERS = tuple((i, f) for i, f in enumerate(_LOAD) if f is not None)


def to_sql(values: tuple[Any, ...]) -> tuple[Any, ...]:
    """Declared-column values (Clinic order) -> SQLite values."""
    out = list(values)
    for i, convert in _CONVERT:
        out[i] = convert(out[i])
    return tuple(out)


def from_sql(row: tuple[Any, ...], distance: float | None = None) -> Clinic:
    """SQLite values in SELECT_COLUMNS order -> Clinic; TypeError/ValueError if a value is bad."""
    values = list(row)
    for i, load in _LOADERS:
        values[i] = load(values[i])
    values.append(distance)
    return Clinic._make(values)


def bad_values(row: tuple[Any, ...]) -> list[tuple[str, str]]:
    """(column, message) for each stored value in ``row`` that ``from_sql`` would refuse."""
    out = []
    for name, load, value in zip(COLUMN_NAMES, _LOAD, row, strict=True):
        if load is not None:
            try:
                load(value)
            except (TypeError, ValueError) as exc:
                out.append((name, str(exc)))
    return out
