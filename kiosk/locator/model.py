"""Plain data types shared by the clinic directory: no I/O, no Qt.

Records are NamedTuples (one rule for immutable records; build them with the
constructor or ``_replace``). :class:`Clinic` and its column declaration live
in :mod:`kiosk.locator.schema`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    from kiosk.locator.schema import Clinic

# Order matters: the UI shows condition chips in this order and the directory
# stores a clinic's conditions as bits of its filter mask in this order (bit 0 = pain).
CONDITIONS: tuple[str, ...] = ("pain", "depression", "anxiety", "ptsd", "ocd", "addiction")
CONDITION_BITS: dict[str, int] = {name: 1 << i for i, name in enumerate(CONDITIONS)}

# outpatient: a ketamine clinic to visit; at_home: ketamine care at home (found by the
# states served, no street address needed); therapy: PTSD care that is not ketamine.
KINDS: tuple[str, ...] = ("outpatient", "at_home", "therapy")
KIND_ALIASES: dict[str, str] = {"athome": "at_home"}
LOCATED_KINDS: tuple[str, ...] = ("outpatient", "therapy")  # found by distance
ROUTES: tuple[str, ...] = ("iv", "im", "nasal", "oral")
PAYMENTS: tuple[str, ...] = ("medicaid", "medicare", "private", "sliding_fee", "military")

# The filter mask (one INTEGER per clinic): conditions in bits 0-7, payment in 8-15,
# telehealth 16, veterans 17, and languages from bit 24 up, numbered per directory in
# the order they first appear (the directory's meta "language_bits" lists them).
PAYMENT_BITS: dict[str, int] = {name: 1 << (8 + i) for i, name in enumerate(PAYMENTS)}
TELEHEALTH_BIT = 1 << 16
VETERANS_BIT = 1 << 17
LANGUAGE_BIT0 = 24
MAX_LANGUAGE_BITS = 62 - LANGUAGE_BIT0  # SQLite integers are signed 64-bit

US_STATES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas",
    "CA": "California", "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware",
    "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia", "HI": "Hawaii",
    "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont",
    "VA": "Virginia", "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin",
    "WY": "Wyoming",
    "PR": "Puerto Rico", "GU": "Guam", "VI": "U.S. Virgin Islands",
    "AS": "American Samoa", "MP": "Northern Mariana Islands",
}



class QueryError(ValueError):
    """A search input a person typed is not usable; the message is one line for them."""


class DirectoryError(Exception):
    """A clinic directory file is missing, damaged or from another version (one-line message)."""


class ImportProblem(NamedTuple):
    """One reason a CSV row (or the whole file) was rejected."""

    file: str
    line: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{_one_line(self.file)}:{self.line}" if self.line else _one_line(self.file)
        if self.column:
            return f"{where}: {_one_line(self.column)}: {_one_line(self.message)}"
        return f"{where}: {_one_line(self.message)}"


def _one_line(text: str) -> str:
    """``text`` with line breaks and other unprintables escaped: a problem is one line
    (a quoted header cell may hold a line break)."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class ImportReport(NamedTuple):
    """What an import did: rows imported, rows rejected, whether the file was written."""

    imported: int
    problems: list[ImportProblem]
    written: bool
    count_outpatient: int = 0
    count_at_home: int = 0
    ignored_columns: tuple[str, ...] = ()
    count_therapy: int = 0
    left_out: int = 0          # SAMHSA rows that are neither ketamine nor PTSD care
    duplicates: int = 0        # SAMHSA rows repeating an earlier listing
    into_existed: bool = True  # whether the target file existed before the import


class Origin(NamedTuple):
    """The centre of a ZIP search: the ZIP's centroid, state and main city."""

    zip: str
    lat: float
    lon: float
    state: str
    city: str

    def to_json(self) -> dict[str, object]:
        return {"zip": self.zip, "lat": self.lat, "lon": self.lon, "state": self.state,
                "city": self.city}


class SearchQuery(NamedTuple):
    """What a person asked for: a ZIP (radius search) or a state (whole-state list).

    Every filter narrows: a clinic must treat all ``conditions``, take all ``payment``
    kinds and speak all ``languages``; ``kind`` None means every section.
    """

    zip: str | None = None
    state: str | None = None
    radius_miles: float = 50
    conditions: tuple[str, ...] = ()
    kind: str | None = None
    limit: int | None = None
    payment: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    telehealth: bool = False
    veterans: bool = False


SectionKey = Literal["visit", "at_home", "therapy"]


class Section(NamedTuple):
    """One list of results: ``key`` names it, ``complete`` is False when the limit cut it
    (more matches exist than are listed); ``size`` is how many are listed."""

    key: SectionKey
    clinics: list[Clinic]
    complete: bool = True

    @property
    def size(self) -> int:
        return len(self.clinics)


class SearchResult(NamedTuple):
    """Search results in sections: clinics to visit (nearest first for a ZIP search),
    care at home (by state served), other PTSD care (therapy, nearest first)."""

    origin: Origin | None
    outpatient: list[Clinic]
    at_home: list[Clinic]
    state: str | None = None
    therapy: list[Clinic] = []  # the directory always passes its own list
    complete: frozenset[str] = frozenset(("visit", "at_home", "therapy"))

    def __len__(self) -> int:
        return len(self.outpatient) + len(self.at_home) + len(self.therapy)

    @property
    def sections(self) -> tuple[Section, Section, Section]:
        """All three sections in screen order (visit, at_home, therapy), empty ones included."""
        return (Section("visit", self.outpatient, "visit" in self.complete),
                Section("at_home", self.at_home, "at_home" in self.complete),
                Section("therapy", self.therapy, "therapy" in self.complete))

    def section(self, key: SectionKey) -> Section:
        return self.sections[("visit", "at_home", "therapy").index(key)]

    @property
    def counts(self) -> dict[str, int]:
        """Clinics shown per section: {"visit": n, "at_home": n, "therapy": n}."""
        return {s.key: s.size for s in self.sections}

