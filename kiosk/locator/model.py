"""Plain data types shared by the clinic directory: no I/O, no Qt."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Order matters: the UI shows condition chips in this order and the directory
# stores a clinic's conditions as a bit mask in this order (bit 0 = pain).
CONDITIONS: tuple[str, ...] = ("pain", "depression", "anxiety", "ptsd", "ocd", "addiction")
CONDITION_BITS: dict[str, int] = {name: 1 << i for i, name in enumerate(CONDITIONS)}

KINDS: tuple[str, ...] = ("outpatient", "at_home")
ROUTES: tuple[str, ...] = ("iv", "im", "nasal", "oral")

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


@dataclass(frozen=True)
class ImportProblem:
    """One reason a CSV row (or the whole file) was rejected."""

    file: str
    line: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        if self.column:
            return f"{where}: {self.column}: {self.message}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class ImportReport:
    """What ``import_csv`` did: rows imported, rows rejected, whether the file was written."""

    imported: int
    problems: list[ImportProblem]
    written: bool
    count_outpatient: int = 0
    count_at_home: int = 0
    ignored_columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Clinic:
    """One row of the directory; ``distance_miles`` is set by a ZIP search (None for at-home)."""

    id: str
    name: str
    kind: str
    address: str
    city: str
    state: str
    zip: str
    phone: str
    website: str
    conditions: tuple[str, ...]
    states_served: tuple[str, ...]
    routes: tuple[str, ...]
    lat: float
    lon: float
    last_verified: dt.date | None
    languages: tuple[str, ...]
    distance_miles: float | None = None

    @property
    def serves_all_states(self) -> bool:
        return self.states_served == ("ALL",)

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict (lists for tuples, ISO date, distance rounded to 0.1 mile)."""
        return {
            "id": self.id, "name": self.name, "kind": self.kind, "address": self.address,
            "city": self.city, "state": self.state, "zip": self.zip, "phone": self.phone,
            "website": self.website, "conditions": list(self.conditions),
            "states_served": list(self.states_served), "routes": list(self.routes),
            "lat": self.lat, "lon": self.lon,
            "last_verified": self.last_verified.isoformat() if self.last_verified else None,
            "languages": list(self.languages),
            "distance_miles": (None if self.distance_miles is None
                               else round(self.distance_miles, 1)),
        }


@dataclass(frozen=True)
class Origin:
    """The centre of a ZIP search: the ZIP's centroid, state and main city."""

    zip: str
    lat: float
    lon: float
    state: str
    city: str

    def to_json(self) -> dict[str, object]:
        return {"zip": self.zip, "lat": self.lat, "lon": self.lon, "state": self.state,
                "city": self.city}


@dataclass(frozen=True)
class SearchQuery:
    """What a person asked for: a ZIP (radius search) or a state (whole-state list)."""

    zip: str | None = None
    state: str | None = None
    radius_miles: float = 50
    conditions: tuple[str, ...] = ()
    kind: str | None = None
    limit: int | None = None


@dataclass(frozen=True)
class SearchResult:
    """Outpatient clinics (nearest first for a ZIP search), at-home providers for the state."""

    origin: Origin | None
    outpatient: list[Clinic] = field(default_factory=list)
    at_home: list[Clinic] = field(default_factory=list)
    state: str | None = None

    def __len__(self) -> int:
        return len(self.outpatient) + len(self.at_home)
