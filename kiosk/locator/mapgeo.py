"""Map geometry without Qt: projections, the bundled outlines, cities, clusters and labels.

The map shows four *zones*, each in its own Albers equal-area conic (the
parameters of d3's ``geoAlbersUsa``, plus Puerto Rico as in
d3-composite-projections): the lower 48, Alaska, Hawaii and Puerto Rico (with
the U.S. Virgin Islands). A zone's plane is in Earth radii with y growing
north, at true scale, so miles on the map are miles on the ground near the
standard parallels. The national view lays the zones out as one picture:
the lower 48 as is, the others scaled and moved into inset boxes below it.

``resources/map/us.map`` holds the outlines, already projected into each
zone's plane by ``tools/make_map.py`` with the same functions as here, so a
clinic's pin lands on the outline it belongs to.
"""

from __future__ import annotations

import csv
import json
import math
import sys
import zlib
from array import array
from functools import cache
from itertools import accumulate
from pathlib import Path
from typing import NamedTuple

from kiosk import paths

EARTH_RADIUS_MILES = 3958.7613  # the same mean radius as kiosk.locator.geo
MAGIC = b"KIOSKMAP1\n"
UNIT = 1e-5  # quantisation step in Earth radii (about 64 m): finer than a pixel at any zoom we allow


class Zone(NamedTuple):
    code: str  # "L48", "AK", "HI", "PR"
    parallels: tuple[float, float]
    lon0: float  # central meridian, degrees
    lat0: float  # latitude of the plane's origin, degrees
    inset_scale: float  # size in the national view relative to the lower 48


ZONES: dict[str, Zone] = {
    "L48": Zone("L48", (29.5, 45.5), -96.0, 38.7, 1.0),
    "AK": Zone("AK", (55.0, 65.0), -154.0, 58.5, 0.35),
    "HI": Zone("HI", (8.0, 18.0), -157.0, 19.9, 1.0),
    "PR": Zone("PR", (8.0, 18.0), -66.0, 18.0, 1.5),
}
INSETS = ("AK", "HI", "PR")


def zone_of(lat: float, lon: float) -> str | None:
    """The zone a point is drawn in, or None (Guam, Samoa and places off the map)."""
    if lon > 0:  # the Aleutians cross the antimeridian
        lon -= 360.0
    if lat >= 50.5 and -190.0 <= lon <= -129.0:
        return "AK"
    if 18.0 <= lat <= 23.5 and -161.5 <= lon <= -154.0:
        return "HI"
    if 17.0 <= lat <= 19.0 and -68.5 <= lon <= -64.0:
        return "PR"
    if 23.0 <= lat <= 50.5 and -126.0 <= lon <= -65.0:
        return "L48"
    return None


@cache
def _constants(code: str) -> tuple[float, float, float, float]:
    z = ZONES[code]
    p1, p2 = math.radians(z.parallels[0]), math.radians(z.parallels[1])
    n = (math.sin(p1) + math.sin(p2)) / 2
    c = math.cos(p1) ** 2 + 2 * n * math.sin(p1)
    rho0 = math.sqrt(c - 2 * n * math.sin(math.radians(z.lat0))) / n
    return n, c, rho0, math.radians(z.lon0)


def albers(code: str, lat: float, lon: float) -> tuple[float, float]:
    """(x, y) in zone ``code``'s plane: Earth radii, y north, origin at the zone's centre."""
    n, c, rho0, lam0 = _constants(code)
    rho = math.sqrt(max(0.0, c - 2 * n * math.sin(math.radians(lat)))) / n
    dlam = (math.radians(lon) - lam0 + math.pi) % (2 * math.pi) - math.pi
    theta = n * dlam
    return rho * math.sin(theta), rho0 - rho * math.cos(theta)


def project(lat: float, lon: float) -> tuple[str, float, float] | None:
    """The zone and plane position of a point, or None when it is off the map."""
    code = zone_of(lat, lon)
    if code is None:
        return None
    x, y = albers(code, lat, lon)
    return code, x, y


def circle(lat: float, lon: float, miles: float, steps: int = 72) -> list[tuple[float, float]]:
    """(lat, lon) points on the ground circle ``miles`` around a point (great-circle radius)."""
    d = miles / EARTH_RADIUS_MILES
    p1, l1 = math.radians(lat), math.radians(lon)
    out = []
    for i in range(steps):
        b = 2 * math.pi * i / steps
        p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
        l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1),
                             math.cos(d) - math.sin(p1) * math.sin(p2))
        out.append((math.degrees(p2), math.degrees(l2)))
    return out


# --- the bundled outlines ----------------------------------------------------------------------

Ring = tuple[float, ...]  # x0, y0, x1, y1, ... in a zone's plane


class ZoneShapes(NamedTuple):
    """One zone's outlines, in its own plane."""

    code: str
    land: tuple[Ring, ...]  # closed rings: filled, stroked as coastline
    borders: tuple[Ring, ...]  # open lines between states
    bbox: tuple[float, float, float, float]  # x0, y0, x1, y1 of the land (zeros if none)


class MapData(NamedTuple):
    """The decoded map resource (cached by load_map, so never changed)."""

    zones: dict[str, ZoneShapes]
    source: str
    placement: dict[str, tuple[float, float, float]]  # zone -> (scale, dx, dy) into the national view

    def points(self) -> int:
        return sum(len(r) // 2 for z in self.zones.values() for r in z.land + z.borders)


class MapFormatError(ValueError):
    """The map resource is unreadable; the message names the file and what is wrong."""


def map_path() -> Path:
    return paths.resource("map", "us.map")


def cities_path() -> Path:
    return paths.resource("map", "cities.csv")


def decode(blob: bytes, where: str = "map") -> MapData:
    """Read the map resource format written by tools/make_map.py (see resources/map/README.md)."""
    if not blob.startswith(MAGIC):
        raise MapFormatError(f"{where}: not a kiosk map file (bad magic)")
    rest = blob[len(MAGIC):]
    end = rest.find(b"\n")
    if end < 0:
        raise MapFormatError(f"{where}: header line missing")
    try:
        header = json.loads(rest[:end].decode("utf-8"))
        values = array("i")
        values.frombytes(zlib.decompress(rest[end + 1:]))
        if sys.byteorder != "little":  # the file is little-endian
            values.byteswap()
    except (ValueError, zlib.error) as exc:
        raise MapFormatError(f"{where}: damaged ({exc})") from exc
    if header.get("unit") != UNIT:
        raise MapFormatError(f"{where}: unit {header.get('unit')!r}, expected {UNIT}")
    for code, params in header.get("projections", {}).items():
        if code not in ZONES or list(params) != [*ZONES[code].parallels, ZONES[code].lon0, ZONES[code].lat0]:
            raise MapFormatError(f"{where}: zone {code} was projected with other parameters; "
                                 "run tools/make_map.py again")
    pos = 0
    zones: dict[str, ZoneShapes] = {}
    try:
        for code in ZONES:
            rings: dict[str, list[Ring]] = {"land": [], "borders": []}
            for kind in rings:
                for count in header["zones"][code][kind]:
                    chunk = values[pos:pos + 2 * count]
                    if len(chunk) != 2 * count:
                        raise MapFormatError(f"{where}: zone {code} {kind}: data ends early")
                    pos += 2 * count
                    xs = accumulate(chunk[0::2])
                    ys = accumulate(chunk[1::2])
                    ring: list[float] = []
                    for x, y in zip(xs, ys, strict=True):
                        ring += (x * UNIT, y * UNIT)
                    rings[kind].append(tuple(ring))
            xs_all = [v for r in rings["land"] for v in r[0::2]]
            ys_all = [v for r in rings["land"] for v in r[1::2]]
            bbox = ((min(xs_all), min(ys_all), max(xs_all), max(ys_all)) if xs_all
                    else (0.0, 0.0, 0.0, 0.0))
            zones[code] = ZoneShapes(code, tuple(rings["land"]), tuple(rings["borders"]), bbox)
    except (KeyError, TypeError) as exc:
        raise MapFormatError(f"{where}: header lacks {exc}") from exc
    if pos != len(values):
        raise MapFormatError(f"{where}: {len(values) - pos} values left over")
    return MapData(zones, str(header.get("source", "")), national_placement(zones))


@cache
def load_map(path: Path | None = None) -> MapData:
    """The bundled outlines (read once; a few milliseconds)."""
    p = path or map_path()
    try:
        blob = p.read_bytes()
    except OSError as exc:
        raise MapFormatError(f"{p}: cannot read ({exc.strerror or exc})") from exc
    return decode(blob, str(p))


def national_placement(zones: dict[str, ZoneShapes]) -> dict[str, tuple[float, float, float]]:
    """Where each zone goes in the national view: the lower 48 as is, insets below its left and right.

    Alaska and Hawaii sit side by side under the Pacific coast and Puerto Rico under
    Florida, as on the Census Bureau's own maps; each inset's box is its land's box.
    """
    x0, y0, x1, y1 = zones["L48"].bbox
    gap = (x1 - x0) * 0.015
    place: dict[str, tuple[float, float, float]] = {"L48": (1.0, 0.0, 0.0)}
    left = x0
    for code in ("AK", "HI"):
        bx0, by0, bx1, by1 = zones[code].bbox
        s = ZONES[code].inset_scale
        # Scaled box's left edge at ``left``, its bottom on the lower 48's bottom line.
        place[code] = (s, left - bx0 * s, y0 - by0 * s)
        left += (bx1 - bx0) * s + gap
    bx0, by0, bx1, by1 = zones["PR"].bbox
    s = ZONES["PR"].inset_scale
    place["PR"] = (s, x1 - bx1 * s, y0 - by0 * s)
    return place


# --- cities ----------------------------------------------------------------------------------


class City(NamedTuple):
    name: str
    state: str
    lat: float
    lon: float
    population: int


@cache
def load_cities(path: Path | None = None) -> tuple[City, ...]:
    """Major cities, largest first (resources/map/cities.csv)."""
    p = path or cities_path()
    out = []
    try:
        with p.open(encoding="utf-8", newline="") as f:
            for line, row in enumerate(csv.DictReader(f), start=2):
                try:
                    out.append(City(row["name"], row["state"], float(row["lat"]), float(row["lon"]),
                                    int(row["population"])))
                except (KeyError, TypeError, ValueError) as exc:
                    raise MapFormatError(f"{p}:{line}: bad city row ({exc})") from exc
    except OSError as exc:
        raise MapFormatError(f"{p}: cannot read ({exc.strerror or exc})") from exc
    return tuple(sorted(out, key=lambda c: -c.population))


# --- clusters and labels (pixels) --------------------------------------------------------------


def cluster(points: list[tuple[float, float]], reach: float) -> list[list[int]]:
    """Group points closer than ``reach``: greedy in list order, each joining the nearest seed.

    A point becomes a new seed unless a seed lies within ``reach``; then it joins the
    nearest one (the earlier seed on a tie). Seeds are bucketed in a grid of ``reach``
    cells, so each point looks at 9 cells: O(n) expected, never all pairs. Returns the
    members' indices per cluster, the seed first; seeds are at least ``reach`` apart.
    """
    if reach <= 0:
        return [[i] for i in range(len(points))]
    grid: dict[tuple[int, int], list[int]] = {}
    seeds: list[int] = []
    members: list[list[int]] = []
    reach2 = reach * reach
    for i, (x, y) in enumerate(points):
        cx, cy = math.floor(x / reach), math.floor(y / reach)
        best, best_d = -1, reach2
        for gx in (cx - 1, cx, cx + 1):
            for gy in (cy - 1, cy, cy + 1):
                for k in grid.get((gx, gy), ()):
                    sx, sy = points[seeds[k]]
                    d = (sx - x) ** 2 + (sy - y) ** 2
                    if d < best_d or (d == best_d and best >= 0 and k < best):
                        best, best_d = k, d
        if best >= 0 and best_d < reach2:
            members[best].append(i)
        else:
            grid.setdefault((cx, cy), []).append(len(seeds))
            seeds.append(i)
            members.append([i])
    return members


Rect = tuple[float, float, float, float]  # x, y, w, h


class RectIndex:
    """Rectangles in a coarse grid, so a new label checks only its neighbours for overlap."""

    def __init__(self, cell: float) -> None:
        self._cell = max(1.0, cell)
        self._grid: dict[tuple[int, int], list[Rect]] = {}

    def _cells(self, r: Rect):
        c = self._cell
        for gx in range(math.floor(r[0] / c), math.floor((r[0] + r[2]) / c) + 1):
            for gy in range(math.floor(r[1] / c), math.floor((r[1] + r[3]) / c) + 1):
                yield gx, gy

    def add(self, r: Rect) -> None:
        for key in self._cells(r):
            self._grid.setdefault(key, []).append(r)

    def hits(self, r: Rect) -> bool:
        x, y, w, h = r
        for key in self._cells(r):
            for ox, oy, ow, oh in self._grid.get(key, ()):
                if x < ox + ow and ox < x + w and y < oy + oh and oy < y + h:
                    return True
        return False


def nice_miles(max_miles: float) -> float:
    """The largest 1-2-5 step of miles not above ``max_miles`` (for the scale bar)."""
    if max_miles <= 0:
        return 0.0
    step = 10 ** math.floor(math.log10(max_miles))
    for m in (5, 2, 1):
        if m * step <= max_miles:
            return m * step
    return step
