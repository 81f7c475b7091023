"""Convert the Census Bureau's state outlines (us-atlas TopoJSON) into resources/map/us.map, once.

    cd /tmp && npm pack us-atlas@3.0.1 && tar xzf us-atlas-3.0.1.tgz
    python3 tools/make_map.py /tmp/package/states-10m.json

Steps: decode the TopoJSON arcs (delta-decoded, quantised lon/lat), project every
point into its zone's Albers plane with kiosk.locator.mapgeo (the functions the
kiosk uses for pins), simplify each arc with Douglas-Peucker (shared borders stay
shared because arcs are simplified once), assemble the nation's land rings and the
borders between states, quantise to mapgeo.UNIT, delta-encode, zlib. The kiosk and
the tests never run this tool or npm; its output is committed.
"""

from __future__ import annotations

import argparse
import json
import sys
import zlib
from array import array
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.locator import mapgeo  # noqa: E402 (after the path set-up)

SOURCE = ("U.S. Census Bureau cartographic boundary files 2017 (1:10,000,000), "
          "via us-atlas 3.0.1 states-10m.json (public domain)")
# 0.25 km: invisible on a 1920 px national view (about 2.4 km per px) and still
# smooth on the closest zoom the kiosk allows (about 0.1 km per px) against
# data that is 1:10,000,000 to begin with.
TOLERANCE_KM = 0.25


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Absolute (lon, lat) points of every arc."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def simplify(points: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative; the end points are kept."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    tol2 = tol * tol
    while stack:
        a, b = stack.pop()
        ax, ay = points[a]
        bx, by = points[b]
        dx, dy = bx - ax, by - ay
        seg2 = dx * dx + dy * dy
        worst, worst_d = -1, tol2
        for i in range(a + 1, b):
            px, py = points[i]
            if seg2 == 0:
                d = (px - ax) ** 2 + (py - ay) ** 2
            else:
                t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / seg2))
                d = (px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2
            if d > worst_d:
                worst, worst_d = i, d
        if worst >= 0:
            keep[worst] = True
            stack += [(a, worst), (worst, b)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def arc_zone(arc: list[tuple[float, float]]) -> str | None:
    lon, lat = arc[len(arc) // 2]
    return mapgeo.zone_of(lat, lon)


def build(topo: dict, tol_km: float = TOLERANCE_KM) -> tuple[bytes, dict]:
    """The resource bytes and a small report."""
    raw = decode_arcs(topo)
    tol = tol_km / (mapgeo.EARTH_RADIUS_MILES * 1.609344)
    zones = [arc_zone(a) for a in raw]
    projected: list[list[tuple[float, float]]] = []
    for arc, code in zip(raw, zones, strict=True):
        if code is None:
            projected.append([])
            continue
        projected.append(simplify([mapgeo.albers(code, lat, lon) for lon, lat in arc], tol))

    def ring(indices: list[int]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for i in indices:
            pts = projected[i] if i >= 0 else projected[~i][::-1]
            out += pts[1:] if out else pts
        return out

    land: dict[str, list[list[tuple[float, float]]]] = {c: [] for c in mapgeo.ZONES}
    nation_arcs: set[int] = set()
    for geom in topo["objects"]["nation"]["geometries"]:
        polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        for poly in polys:
            for indices in poly:
                nation_arcs.update(i if i >= 0 else ~i for i in indices)
                first = indices[0] if indices[0] >= 0 else ~indices[0]
                code = zones[first]
                pts = ring(indices)
                if code is not None and len(pts) >= 4:
                    land[code].append(pts)
    borders: dict[str, list[list[tuple[float, float]]]] = {c: [] for c in mapgeo.ZONES}
    state_arcs: set[int] = set()
    for geom in topo["objects"]["states"]["geometries"]:
        polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        for poly in polys:
            for indices in poly:
                state_arcs.update(i if i >= 0 else ~i for i in indices)
    for i in sorted(state_arcs - nation_arcs):
        code = zones[i]
        if code is not None and len(projected[i]) >= 2:
            borders[code].append(projected[i])

    values = array("i")
    header: dict = {"source": SOURCE, "unit": mapgeo.UNIT, "tolerance_km": tol_km,
                    "projections": {c: [*z.parallels, z.lon0, z.lat0] for c, z in mapgeo.ZONES.items()},
                    "zones": {}}
    for code in mapgeo.ZONES:
        entry: dict[str, list[int]] = {"land": [], "borders": []}
        for kind, lines in (("land", land[code]), ("borders", borders[code])):
            for pts in lines:
                q = [(round(x / mapgeo.UNIT), round(y / mapgeo.UNIT)) for x, y in pts]
                # Drop repeats that quantising made.
                q = [p for k, p in enumerate(q) if k == 0 or p != q[k - 1]]
                if len(q) < 2:
                    continue
                entry[kind].append(len(q))
                px = py = 0
                for x, y in q:
                    values.append(x - px)
                    values.append(y - py)
                    px, py = x, y
        header["zones"][code] = entry
    if sys.byteorder != "little":
        values.byteswap()
    blob = (mapgeo.MAGIC + json.dumps(header, separators=(",", ":")).encode("utf-8") + b"\n"
            + zlib.compress(values.tobytes(), 9))
    report = {"points_in": sum(len(a) for a in raw), "points_out": len(values) // 2,
              "bytes": len(blob),
              "rings": {c: len(header["zones"][c]["land"]) for c in mapgeo.ZONES},
              "borders": {c: len(header["zones"][c]["borders"]) for c in mapgeo.ZONES}}
    return blob, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="us-atlas states-10m.json")
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "map" / "us.map")
    parser.add_argument("--tolerance-km", type=float, default=TOLERANCE_KM)
    args = parser.parse_args(argv)
    try:
        topo = json.loads(args.topojson.read_text(encoding="utf-8"))
        blob, report = build(topo, args.tolerance_km)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        print(f"{args.topojson}: cannot convert: {exc}", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(blob)
    print(f"{args.out}: {report['bytes']:,} bytes, {report['points_out']:,} points "
          f"(from {report['points_in']:,}); land rings {report['rings']}; borders {report['borders']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
