"""Nearest-N search by distance: a packed R-tree stored in the directory file.

The importer numbers located clinics in Sort-Tile-Recursive order (latitude
slices, longitude inside each slice) and packs them into leaves of up to
``LEAF_SIZE`` points; each level above packs the boxes of the one below the
same way, up to one root per kind. A node is one BLOB row in ``spatial``:

* leaf:  b"L", count (uint32), then count x n (int64), lat (float64), lon (float64),
  mask (int64): the exact coordinates, so no rounding margin is needed;
* inner: b"I", count (uint32), then count x child node (int64), min_lat, max_lat,
  min_lon, max_lon (float64).

A search walks the tree best-first: nodes come off a heap in the order of a lower
bound of their distance, and the walk stops when the next bound is beyond the
radius or beyond the N-th nearest match found so far. Only the leaves near the
origin are read, whatever the directory's size or the radius.

Lower bounds (both never exceed the great-circle distance to any point in a box):
the latitude gap, and, for a box whose longitude span stays within 90 degrees of
the origin's meridian, the distance to the nearest bounding meridian's great circle,
asin(cos(lat0) sin(dlon)). Longitude gaps are measured around the antimeridian.
"""

from __future__ import annotations

import heapq
import math
import sys
from array import array
from collections.abc import Callable
from typing import NamedTuple

from kiosk.locator.geo import EARTH_RADIUS_MILES

LEAF_SIZE = 64
FANOUT = 64
_HEADER = 5  # kind byte + uint32 count
_SWAP = sys.byteorder != "little"  # blobs are little-endian


class Box(NamedTuple):
    node: int
    min_lat: float
    max_lat: float
    min_lon: float
    max_lon: float


def _pack(kind: bytes, count: int, *columns: array) -> bytes:
    parts = [kind, count.to_bytes(4, "little")]
    for column in columns:
        if _SWAP:
            column = array(column.typecode, column)
            column.byteswap()
        parts.append(column.tobytes())
    return b"".join(parts)


def _unpack(blob: bytes, typecodes: str) -> tuple[int, list[array]]:
    if len(blob) < _HEADER:
        raise ValueError("truncated node")
    count = int.from_bytes(blob[1:_HEADER], "little")
    if len(blob) != _HEADER + 8 * count * len(typecodes):
        raise ValueError("node size does not match its count")
    out = []
    offset = _HEADER
    for code in typecodes:
        column = array(code)
        column.frombytes(blob[offset:offset + 8 * count])
        if _SWAP:
            column.byteswap()
        out.append(column)
        offset += 8 * count
    return count, out


# --- building ---------------------------------------------------------------------------


def str_slice_size(count: int) -> int:
    """How many points go in one latitude slice of the STR order (for ``count`` points)."""
    leaves = max(1, math.ceil(count / LEAF_SIZE))
    slices = max(1, math.ceil(math.sqrt(leaves)))
    return max(1, math.ceil(count / slices))


def str_order(points: list[tuple[float, float]]) -> list[int]:
    """Indices of (lat, lon) points in the importer's STR order (ties by index)."""
    size = str_slice_size(len(points))
    by_lat = sorted(range(len(points)), key=lambda i: (points[i][0], points[i][1], i))
    out: list[int] = []
    for start in range(0, len(by_lat), size):
        out += sorted(by_lat[start:start + size], key=lambda i: (points[i][1], i))
    return out


class TreeBuilder:
    """Writes one kind's tree; feed points in STR order (``str_slice_size`` slices)."""

    def __init__(self, write_node: Callable[[bytes], int], count: int) -> None:
        self._write = write_node
        self._slice = str_slice_size(count)
        self._seen = 0
        self._leaves: list[Box] = []
        self._buf: tuple[array, array, array, array] = self._empty()
        self._buf_slice = 0

    @staticmethod
    def _empty() -> tuple[array, array, array, array]:
        return array("q"), array("d"), array("d"), array("q")

    def add(self, n: int, lat: float, lon: float, mask: int) -> None:
        slice_no = self._seen // self._slice
        self._seen += 1
        ns = self._buf[0]
        if ns and (len(ns) >= LEAF_SIZE or slice_no != self._buf_slice):
            self._flush()
        self._buf_slice = slice_no
        ns, lats, lons, masks = self._buf
        ns.append(n)
        lats.append(lat)
        lons.append(lon)
        masks.append(mask)

    def _flush(self) -> None:
        ns, lats, lons, masks = self._buf
        node = self._write(_pack(b"L", len(ns), ns, lats, lons, masks))
        self._leaves.append(Box(node, min(lats), max(lats), min(lons), max(lons)))
        self._buf = self._empty()

    def finish(self) -> int | None:
        """Write the levels above the leaves; return the root node (None: no points)."""
        if self._buf[0]:
            self._flush()
        level = self._leaves
        if not level:
            return None
        while len(level) > 1:
            level = self._pack_level(level)
        return level[0].node

    def _pack_level(self, boxes: list[Box]) -> list[Box]:
        by_lat = sorted(boxes, key=lambda b: (b.min_lat + b.max_lat, b.min_lon + b.max_lon))
        groups = max(1, math.ceil(len(boxes) / FANOUT))
        per_slice = max(1, math.ceil(len(boxes) / max(1, math.ceil(math.sqrt(groups)))))
        out = []
        for start in range(0, len(by_lat), per_slice):
            row = sorted(by_lat[start:start + per_slice], key=lambda b: b.min_lon + b.max_lon)
            for i in range(0, len(row), FANOUT):
                chunk = row[i:i + FANOUT]
                columns = (array("q", (b.node for b in chunk)),
                           array("d", (b.min_lat for b in chunk)),
                           array("d", (b.max_lat for b in chunk)),
                           array("d", (b.min_lon for b in chunk)),
                           array("d", (b.max_lon for b in chunk)))
                node = self._write(_pack(b"I", len(chunk), *columns))
                out.append(Box(node, min(columns[1]), max(columns[2]), min(columns[3]),
                               max(columns[4])))
        return out


# --- searching --------------------------------------------------------------------------


class Leaf(NamedTuple):
    ns: array
    lats: array
    lons: array
    masks: array


class Inner(NamedTuple):
    children: array
    min_lats: array
    max_lats: array
    min_lons: array
    max_lons: array


def decode_node(blob: bytes) -> Leaf | Inner:
    """Parse a node BLOB; ValueError if it is damaged."""
    if not isinstance(blob, bytes) or not blob:
        raise ValueError("empty node")
    if blob[:1] == b"L":
        return Leaf(*_unpack(blob, "qddq")[1])
    if blob[:1] == b"I":
        return Inner(*_unpack(blob, "qdddd")[1])
    raise ValueError("unknown node type")


def nearest(load: Callable[[int], Leaf | Inner], root: int, lat: float, lon: float,
            radius: float, mask: int, limit: int | None) -> list[tuple[float, int]]:
    """(distance, n) of the matches within ``radius`` miles, nearest first.

    With a limit: the ``limit`` nearest, plus any tied with the last of them (the caller
    breaks ties by name). ``mask``: a match has every bit of it.
    """
    rad = math.radians
    sin, cos, asin, sqrt = math.sin, math.cos, math.asin, math.sqrt
    two_r = 2 * EARTH_RADIUS_MILES
    miles_per_radian = EARTH_RADIUS_MILES
    lat0 = rad(lat)
    cos0 = cos(lat0)
    found: list[tuple[float, int]] = []
    best: list[float] = []  # max-heap (negated) of the `limit` smallest distances
    bound = radius
    heap: list[tuple[float, int]] = [(0.0, root)]
    visited = 0
    while heap:
        lower, node_id = heapq.heappop(heap)
        if lower > bound:
            break
        visited += 1
        if visited > 10_000_000:
            raise ValueError("the spatial index has a cycle")
        node = load(node_id)
        if isinstance(node, Leaf):
            for n, p_lat, p_lon, m in zip(*node, strict=True):
                if m & mask != mask:
                    continue
                p = rad(p_lat)
                a = sin((p - lat0) / 2) ** 2 + cos0 * cos(p) * sin(rad(p_lon - lon) / 2) ** 2
                d = two_r * asin(min(1.0, sqrt(a)))
                if d > bound:
                    continue
                found.append((d, n))
                if limit is not None:
                    if len(best) < limit:
                        heapq.heappush(best, -d)
                    elif d < -best[0]:
                        heapq.heapreplace(best, -d)
                    if len(best) == limit:
                        bound = min(radius, -best[0])
            continue
        for child, lo_lat, hi_lat, lo_lon, hi_lon in zip(*node, strict=True):
            if lat < lo_lat:
                gap_lat = lo_lat - lat
            elif lat > hi_lat:
                gap_lat = lat - hi_lat
            else:
                gap_lat = 0.0
            lb = rad(gap_lat) * miles_per_radian
            if not lo_lon <= lon <= hi_lon:
                gap = min((lo_lon - lon) % 360.0, (lon - hi_lon) % 360.0)
                if gap < 90.0 and (hi_lon - lo_lon) + 2 * gap <= 180.0:
                    lb_lon = asin(min(1.0, cos0 * sin(rad(gap)))) * miles_per_radian
                    if lb_lon > lb:
                        lb = lb_lon
            if lb <= bound:
                heapq.heappush(heap, (lb, child))
    found.sort()
    if limit is not None and len(best) == limit:
        cutoff = -best[0]
        found = [f for f in found if f[0] <= cutoff]
    return found
