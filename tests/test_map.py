"""The map's Qt-free core: projections, the bundled outlines, cities and clusters (no display)."""

from __future__ import annotations

import json
import math
import random
import socket
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from kiosk.locator import mapgeo
from kiosk.locator.geo import haversine_miles

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import make_map  # noqa: E402 (tools/ is not a package)


def inside(ring: tuple[float, ...], x: float, y: float) -> bool:
    """Even-odd point-in-polygon."""
    n = len(ring) // 2
    hit = False
    j = n - 1
    for i in range(n):
        xi, yi, xj, yj = ring[2 * i], ring[2 * i + 1], ring[2 * j], ring[2 * j + 1]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            hit = not hit
        j = i
    return hit


def on_land(code: str, lat: float, lon: float) -> bool:
    x, y = mapgeo.albers(code, lat, lon)
    return sum(inside(r, x, y) for r in mapgeo.load_map().zones[code].land) % 2 == 1


# Inland places, one or more per zone: a pin there must land inside the outline.
INLAND = [
    ("L48", 39.7392, -104.9903),  # Denver
    ("L48", 32.7767, -96.7970),  # Dallas
    ("L48", 41.5868, -93.6250),  # Des Moines
    ("L48", 44.9778, -93.2650),  # Minneapolis
    ("L48", 35.9606, -83.9207),  # Knoxville
    ("L48", 46.8721, -113.9940),  # Missoula
    ("AK", 64.8378, -147.7164),  # Fairbanks
    ("HI", 19.8207, -155.4681),  # Mauna Kea
    ("PR", 18.2341, -66.0485),  # Caguas
]
AT_SEA = [
    ("L48", 36.0, -123.5),  # Pacific off Big Sur
    ("L48", 27.0, -89.0),  # Gulf of Mexico
    ("L48", 43.0, -87.0),  # Lake Michigan (the outline follows the shore)
    ("HI", 21.0, -157.0),  # between Molokai and Lanai... open channel
    ("PR", 18.7, -66.0),  # north of San Juan
]


@pytest.mark.parametrize(("code", "lat", "lon"), INLAND)
def test_an_inland_place_projects_inside_its_outline(code, lat, lon):
    assert mapgeo.zone_of(lat, lon) == code
    assert on_land(code, lat, lon)


@pytest.mark.parametrize(("code", "lat", "lon"), AT_SEA)
def test_a_place_at_sea_projects_outside_the_land(code, lat, lon):
    assert not on_land(code, lat, lon)


def test_zones_cover_the_states_and_leave_out_the_far_territories():
    assert mapgeo.zone_of(40.75, -73.99) == "L48"
    assert mapgeo.zone_of(61.22, -149.87) == "AK"
    assert mapgeo.zone_of(52.0, 177.0) == "AK"  # the Aleutians, west of the antimeridian
    assert mapgeo.zone_of(21.32, -157.85) == "HI"
    assert mapgeo.zone_of(18.47, -66.10) == "PR"
    assert mapgeo.zone_of(18.34, -64.93) == "PR"  # St. Thomas, in Puerto Rico's inset
    assert mapgeo.zone_of(13.44, 144.79) is None  # Guam
    assert mapgeo.zone_of(-14.27, -170.70) is None  # American Samoa
    assert mapgeo.project(13.44, 144.79) is None


@pytest.mark.parametrize(("a", "b"), [
    ((40.7128, -74.0060), (39.9526, -75.1652)),  # New York - Philadelphia, about 80 mi
    ((34.0522, -118.2437), (32.7157, -117.1611)),  # Los Angeles - San Diego
    ((47.6062, -122.3321), (25.7617, -80.1918)),  # Seattle - Miami, across the country
    ((61.2181, -149.9003), (64.8378, -147.7164)),  # Anchorage - Fairbanks
    ((21.3069, -157.8583), (19.7241, -155.0868)),  # Honolulu - Hilo
    ((18.4655, -66.1057), (18.0111, -66.6141)),  # San Juan - Ponce
])
def test_plane_distances_are_ground_distances(a, b):
    """Each zone is at true scale: plane distance x Earth radius ~ great-circle miles (Albers, 3%)."""
    code = mapgeo.zone_of(*a)
    assert code == mapgeo.zone_of(*b)
    ax, ay = mapgeo.albers(code, *a)
    bx, by = mapgeo.albers(code, *b)
    plane = math.hypot(bx - ax, by - ay) * mapgeo.EARTH_RADIUS_MILES
    ground = haversine_miles(*a, *b)
    assert plane == pytest.approx(ground, rel=0.03)


def test_north_is_up_and_east_is_right():
    x1, y1 = mapgeo.albers("L48", 40.0, -100.0)
    x2, y2 = mapgeo.albers("L48", 45.0, -100.0)
    x3, y3 = mapgeo.albers("L48", 40.0, -90.0)
    assert y2 > y1 and abs(x2 - x1) < 0.01
    assert x3 > x1


def test_radius_circle_points_are_that_far():
    for lat, lon in mapgeo.circle(40.75, -73.99, 25.0, 36):
        assert haversine_miles(40.75, -73.99, lat, lon) == pytest.approx(25.0, rel=1e-6)


def test_the_bundled_map_is_small_complete_and_loads_without_qt():
    path = mapgeo.map_path()
    assert path.stat().st_size < 300_000
    data = mapgeo.load_map()
    for code in mapgeo.ZONES:
        assert data.zones[code].land, code
    assert len(data.zones["L48"].borders) > 50  # the lines between the lower 48
    assert data.points() > 5_000
    assert "Census" in data.source and "public domain" in data.source
    code = "import sys; from kiosk.locator import mapgeo; mapgeo.load_map(); print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.stdout.strip() == "False", out.stderr


def test_national_insets_sit_below_the_lower_48_without_overlapping():
    data = mapgeo.load_map()
    boxes = {}
    for code, (s, dx, dy) in data.placement.items():
        x0, y0, x1, y1 = data.zones[code].bbox
        boxes[code] = (x0 * s + dx, y0 * s + dy, x1 * s + dx, y1 * s + dy)
    l48 = boxes["L48"]
    for code in mapgeo.INSETS:
        b = boxes[code]
        assert b[1] == pytest.approx(l48[1])  # bottoms aligned
        assert l48[0] - 1e-9 <= b[0] and b[2] <= l48[2] + 1e-9
    assert boxes["AK"][2] < boxes["HI"][0]  # side by side
    assert boxes["HI"][2] < boxes["PR"][0]


def test_conversion_round_trips_through_the_format():
    """A tiny topology through the tool's build() and the kiosk's decode()."""
    topo = {
        "type": "Topology",
        "transform": {"scale": [0.001, 0.001], "translate": [-100.0, 40.0]},
        "arcs": [
            [[0, 0], [1000, 0], [0, 1000]],  # (-100,40) (-99,40) (-99,41)
            [[1000, 1000], [-1000, 0], [0, -1000]],  # (-99,41) (-100,41) (-100,40)
            [[1000, 0], [0, 1000]],  # the border (-99,40)-(-99,41) between two states
        ],
        "objects": {
            "nation": {"type": "GeometryCollection",
                       "geometries": [{"type": "Polygon", "arcs": [[0, 1]]}]},
            "states": {"type": "GeometryCollection", "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]]},
                {"type": "Polygon", "arcs": [[2, ~2]]},
            ]},
        },
    }
    blob, report = make_map.build(topo)
    data = mapgeo.decode(blob)
    ring = data.zones["L48"].land[0]
    expect = [mapgeo.albers("L48", lat, lon) for lon, lat in
              [(-100, 40), (-99, 40), (-99, 41), (-100, 41), (-100, 40)]]
    got = list(zip(ring[0::2], ring[1::2], strict=True))
    assert len(got) == len(expect)
    for (gx, gy), (ex, ey) in zip(got, expect, strict=True):
        assert gx == pytest.approx(ex, abs=mapgeo.UNIT) and gy == pytest.approx(ey, abs=mapgeo.UNIT)
    assert len(data.zones["L48"].borders) == 1
    assert report["rings"]["L48"] == 1


@pytest.mark.parametrize("damage", ["magic", "header", "body", "params", "short"])
def test_a_damaged_map_file_gives_one_clear_line(damage, tmp_path):
    blob = mapgeo.map_path().read_bytes()
    head_end = blob.index(b"\n", len(mapgeo.MAGIC))
    header = json.loads(blob[len(mapgeo.MAGIC):head_end])
    if damage == "magic":
        blob = b"PNG" + blob
    elif damage == "header":
        blob = mapgeo.MAGIC + b"{not json\n" + blob[head_end + 1:]
    elif damage == "body":
        blob = blob[:head_end + 1] + b"garbage"
    elif damage == "params":
        header["projections"]["L48"][0] = 30.0
        blob = mapgeo.MAGIC + json.dumps(header).encode() + b"\n" + blob[head_end + 1:]
    else:
        values = zlib.decompress(blob[head_end + 1:])[:-80]
        blob = blob[:head_end + 1] + zlib.compress(values)
    path = tmp_path / "us.map"
    path.write_bytes(blob)
    with pytest.raises(mapgeo.MapFormatError) as err:
        mapgeo.load_map(path)
    message = str(err.value)
    assert str(path) in message and "\n" not in message


def test_cities_load_largest_first_and_lie_in_a_zone():
    cities = mapgeo.load_cities()
    assert 100 <= len(cities) <= 300
    assert cities[0].name == "New York"
    assert [c.population for c in cities] == sorted((c.population for c in cities), reverse=True)
    for c in cities:
        assert mapgeo.zone_of(c.lat, c.lon) is not None, c
    assert {mapgeo.zone_of(c.lat, c.lon) for c in cities} == set(mapgeo.ZONES)


def test_a_bad_city_row_names_file_and_line(tmp_path):
    path = tmp_path / "cities.csv"
    path.write_text("name,state,lat,lon,population\nA,NY,40,-74,10\nB,NY,north,-74,5\n", encoding="utf-8")
    with pytest.raises(mapgeo.MapFormatError, match=r"cities.csv:3: bad city row"):
        mapgeo.load_cities(path)


# --- clusters ----------------------------------------------------------------------------------


def brute_force_cluster(points, reach):
    """The same greedy rule as mapgeo.cluster, checking every seed (all pairs)."""
    seeds, members = [], []
    for i, (x, y) in enumerate(points):
        best, best_d = -1, reach * reach
        for k, s in enumerate(seeds):
            d = (points[s][0] - x) ** 2 + (points[s][1] - y) ** 2
            if d < best_d:
                best, best_d = k, d
        if best >= 0:
            members[best].append(i)
        else:
            seeds.append(i)
            members.append([i])
    return members


@pytest.mark.parametrize("seed", range(12))
def test_clusters_match_the_brute_force_rule(seed):
    rng = random.Random(seed)
    n = rng.choice([1, 5, 50, 400])
    spread = rng.choice([50, 300, 2000])
    # Some points on shared spots (clinics on one ZIP centre), some negative coordinates.
    spots = [(rng.uniform(-spread, spread), rng.uniform(-spread, spread)) for _ in range(max(1, n // 4))]
    points = [rng.choice(spots) if rng.random() < 0.3 else
              (rng.uniform(-spread, spread), rng.uniform(-spread, spread)) for _ in range(n)]
    reach = rng.choice([10.0, 44.0, 120.0])
    got = mapgeo.cluster(points, reach)
    assert got == brute_force_cluster(points, reach)
    assert sorted(i for g in got for i in g) == list(range(n))
    seeds = [points[g[0]] for g in got]
    for g in got:
        sx, sy = points[g[0]]
        for i in g:
            assert math.dist(points[i], (sx, sy)) < reach
    for i, a in enumerate(seeds):  # seeds never overlap
        for b in seeds[i + 1:]:
            assert math.dist(a, b) >= reach


def test_cluster_with_no_reach_keeps_every_point_alone():
    assert mapgeo.cluster([(0, 0), (0, 0)], 0) == [[0], [1]]


def test_rect_index_finds_overlaps_only():
    idx = mapgeo.RectIndex(50)
    idx.add((0, 0, 100, 20))
    assert idx.hits((90, 10, 30, 30))
    assert not idx.hits((100, 0, 10, 10))  # touching edges do not overlap
    assert not idx.hits((-300, -300, 10, 10))


@pytest.mark.parametrize(("limit", "expect"), [(0.7, 0.5), (1, 1), (3.9, 2), (7, 5), (180, 100), (260, 200)])
def test_scale_bar_steps(limit, expect):
    assert mapgeo.nice_miles(limit) == expect


def test_loading_the_map_opens_no_socket(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network use")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    mapgeo.load_map.cache_clear()
    mapgeo.load_cities.cache_clear()
    assert mapgeo.load_map().zones["L48"].land
    assert mapgeo.load_cities()
