"""ZIP geography without the `zipcodes` package at run time.

``import zipcodes`` plus its first lookup costs about a second, so the kiosk
never touches it while running. ``tools/make_demo_clinics.py`` copies what we
need from it once into a small resource file, ``resources/clinics/zips.sqlite``:
zip (INTEGER PRIMARY KEY) -> lat, lon, state, city for every ZIP in a state or
territory of ``US_STATES``; a lookup is one primary-key read (a few microseconds).
The map's outlines are another resource (``kiosk.locator.mapgeo``).
"""

from __future__ import annotations

import math
import re
import sqlite3
import threading
from functools import cache
from pathlib import Path

from kiosk import paths
from kiosk.locator.model import US_STATES, Origin, QueryError

EARTH_RADIUS_MILES = 3958.7613  # mean Earth radius (IUGG)
MAX_RADIUS_MILES = 3000.0

# ASCII: a str pattern's \d also matches Arabic-Indic and other Unicode digits.
ZIP_RE = re.compile(r"(\d{5})(?:[-\s]?(\d{4}))?", re.ASCII)
_STATE_NAMES = {name.lower(): code for code, name in US_STATES.items()}


def zips_path() -> Path:
    return paths.resource("clinics", "zips.sqlite")


def haversine_miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in miles between two (lat, lon) points in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(a)))


def bounding_boxes(lat: float, lon: float, radius_miles: float
                   ) -> list[tuple[float, float, float, float]]:
    """Boxes (min_lat, max_lat, min_lon, max_lon) holding every point within the radius.

    Uses the exact longitude half-width asin(sin(r/R) / cos(lat)) and splits the
    box in two where it crosses the antimeridian (the Aleutians do).
    """
    angular = radius_miles / EARTH_RADIUS_MILES
    dlat = math.degrees(angular) + 1e-6
    lo_lat, hi_lat = lat - dlat, lat + dlat
    if lo_lat <= -90 or hi_lat >= 90 or math.sin(angular) >= math.cos(math.radians(lat)):
        return [(max(lo_lat, -90.0), min(hi_lat, 90.0), -180.0, 180.0)]
    dlon = math.degrees(math.asin(math.sin(angular) / math.cos(math.radians(lat)))) + 1e-6
    lo_lon, hi_lon = lon - dlon, lon + dlon
    if lo_lon < -180:
        return [(lo_lat, hi_lat, lo_lon + 360, 180.0), (lo_lat, hi_lat, -180.0, hi_lon)]
    if hi_lon > 180:
        return [(lo_lat, hi_lat, lo_lon, 180.0), (lo_lat, hi_lat, -180.0, hi_lon - 360)]
    return [(lo_lat, hi_lat, lo_lon, hi_lon)]


def normalize_zip(text: object) -> str:
    """Return the 5-digit ZIP from '12345', ' 12345-6789 ' or '123456789'; else QueryError."""
    if not isinstance(text, str):
        raise QueryError("a ZIP code is 5 digits, like 10001")
    stripped = text.strip()
    m = ZIP_RE.fullmatch(stripped)
    if not m:
        shown = stripped if len(stripped) <= 20 else stripped[:17] + "..."
        raise QueryError(f"a ZIP code is 5 digits, like 10001 or 10001-1234; got {shown!r}")
    return m.group(1)


def normalize_state(text: object) -> str:
    """Return a state code from 'ny', ' NY ' or 'New York'; else QueryError."""
    if isinstance(text, str):
        s = " ".join(text.split())
        if s.upper() in US_STATES:
            return s.upper()
        if s.lower() in _STATE_NAMES:
            return _STATE_NAMES[s.lower()]
        shown = s if len(s) <= 30 else s[:27] + "..."
        raise QueryError(f"unknown state {shown!r}; use a two-letter code like NY")
    raise QueryError("a state is a two-letter code like NY")


class ZipTable:
    """Read-only access to zips.sqlite; one shared connection guarded by a lock."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        try:
            self._db = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True,
                                       check_same_thread=False)
            row = self._db.execute("SELECT value FROM meta WHERE key = 'source'").fetchone()
        except (sqlite3.Error, ValueError) as exc:
            raise FileNotFoundError(f"{path}: ZIP table unreadable ({exc}); reinstall the "
                                    "kiosk or run tools/make_demo_clinics.py") from None
        self.source = row[0] if row else "unknown"

    def get(self, zip5: str) -> tuple[float, float, str, str] | None:
        with self._lock:
            row = self._db.execute("SELECT lat, lon, state, city FROM zips WHERE zip = ?",
                                   (int(zip5),)).fetchone()
        return None if row is None else (row[0], row[1], row[2], row[3])

    def all(self) -> dict[str, tuple[float, float, str, str]]:
        """Every ZIP at once (about 40 ms): for validating a whole CSV."""
        with self._lock:
            rows = self._db.execute("SELECT zip, lat, lon, state, city FROM zips").fetchall()
        return {f"{z:05d}": (lat, lon, st, city) for z, lat, lon, st, city in rows}


@cache
def zip_table() -> ZipTable:
    return ZipTable(zips_path())


def lookup_zip(text: str) -> Origin:
    """The centroid, state and city of a ZIP (ZIP+4 and spaces accepted); QueryError if unknown."""
    zip5 = normalize_zip(text)
    try:
        row = zip_table().get(zip5)
    except FileNotFoundError as exc:
        raise QueryError(str(exc)) from None
    if row is None:
        raise QueryError(f"unknown ZIP code {zip5}")
    return Origin(zip5, row[0], row[1], row[2], row[3])


# --- building the resources (tools only: this is the one place zipcodes is imported) --------

def build_zip_resources(zips_out: Path) -> int:
    """Write zips.sqlite from the `zipcodes` package; return how many ZIPs it holds."""
    import zipcodes

    rows = sorted(
        (int(z["zip_code"]), round(float(z["lat"]), 4), round(float(z["long"]), 4), z["state"],
         z["city"])
        for z in zipcodes.list_all()
        # A few dozen ZIPs (mostly PO-box and unique ones) carry a (0, 0) placeholder.
        if z["state"] in US_STATES and z["lat"] and z["long"]
        and not (float(z["lat"]) == 0 and float(z["long"]) == 0)
    )
    tmp = zips_out.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    with db:
        db.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("CREATE TABLE zips(zip INTEGER PRIMARY KEY, lat REAL NOT NULL, "
                   "lon REAL NOT NULL, state TEXT NOT NULL, city TEXT NOT NULL)")
        db.execute("INSERT INTO meta VALUES ('source', ?)",
                   (f"zipcodes {zipcodes.__version__}",))
        db.executemany("INSERT INTO zips VALUES (?, ?, ?, ?, ?)", rows)
    db.execute("VACUUM")
    db.close()
    tmp.replace(zips_out)
    return len(rows)
