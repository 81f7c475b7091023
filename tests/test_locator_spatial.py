"""The nearest-N index against brute force on random points (no Qt, no files)."""

from __future__ import annotations

import math
import random

import pytest

from kiosk.locator import spatial
from kiosk.locator.geo import haversine_miles


def build(points: list[tuple[float, float]], masks: list[int], leaf: int | None = None):
    """A tree over points (n = index + 1) in a dict; returns (load, root)."""
    nodes: dict[int, bytes] = {}

    def write(blob: bytes) -> int:
        nodes[len(nodes) + 1] = blob
        return len(nodes)

    builder = spatial.TreeBuilder(write, len(points))
    for i in spatial.str_order(points):
        builder.add(i + 1, points[i][0], points[i][1], masks[i])
    root = builder.finish()
    assert root is not None
    return (lambda node: spatial.decode_node(nodes[node])), root


def brute(points, masks, lat, lon, radius, mask, limit):
    found = sorted((haversine_miles(lat, lon, p[0], p[1]), i + 1)
                   for i, p in enumerate(points)
                   if masks[i] & mask == mask and haversine_miles(lat, lon, p[0], p[1]) <= radius)
    if limit is not None and len(found) >= limit:
        cutoff = found[limit - 1][0]
        found = [f for f in found if f[0] <= cutoff]
    return found


def random_points(rng: random.Random, n: int) -> list[tuple[float, float]]:
    points = []
    for _ in range(n):
        r = rng.random()
        if r < 0.25:  # across the antimeridian (the Aleutians, Guam's side)
            points.append((rng.uniform(48, 56), rng.choice([1, -1]) * rng.uniform(175, 180)))
        elif r < 0.45:  # Alaska
            points.append((rng.uniform(54, 71.5), rng.uniform(-170, -130)))
        elif r < 0.55:  # the same spot many times: ties
            points.append((40.75, -73.99))
        elif r < 0.6:  # near a pole
            points.append((rng.uniform(85, 90), rng.uniform(-180, 180)))
        else:
            points.append((rng.uniform(-60, 72), rng.uniform(-180, 180)))
    return points


@pytest.mark.parametrize("seed", range(6))
def test_nearest_matches_brute_force(seed):
    rng = random.Random(seed)
    points = random_points(rng, rng.choice([1, 7, 64, 65, 900, 3000]))
    masks = [rng.randrange(8) for _ in points]
    load, root = build(points, masks)
    for _ in range(60):
        if rng.random() < 0.5:
            lat, lon = rng.choice(points)
            lat = max(-90.0, min(90.0, lat + rng.uniform(-1, 1)))
            lon = ((lon + rng.uniform(-1, 1) + 180) % 360) - 180
        else:
            lat, lon = rng.uniform(-90, 90), rng.uniform(-180, 180)
        radius = rng.choice([1.0, 10.0, 50.0, 250.0, 800.0, 3000.0])
        if rng.random() < 0.3:  # exactly at the radius edge of some point: it is included
            p = rng.choice(points)
            radius = haversine_miles(lat, lon, p[0], p[1]) or 1.0
        mask = rng.choice([0, 0, 1, 3, 4])
        limit = rng.choice([None, 1, 5, 50])
        got = spatial.nearest(load, root, lat, lon, radius, mask, limit)
        assert got == brute(points, masks, lat, lon, radius, mask, limit), (lat, lon, radius)


def test_antimeridian_neighbours_are_found_both_ways():
    points = [(51.8, 179.9), (51.8, -179.9), (51.8, 170.0), (51.8, -170.0)]
    load, root = build(points, [0] * 4)
    got = spatial.nearest(load, root, 51.8, 179.95, 20, 0, 2)
    assert [n for _, n in got] == [1, 2]
    got = spatial.nearest(load, root, 51.8, -179.95, 20, 0, None)
    assert sorted(n for _, n in got) == [1, 2]


def test_reads_only_nodes_near_the_origin():
    rng = random.Random(3)
    points = [(rng.uniform(25, 49), rng.uniform(-124, -67)) for _ in range(20_000)]
    nodes: dict[int, bytes] = {}
    builder = spatial.TreeBuilder(lambda b: nodes.setdefault(len(nodes) + 1, b) and len(nodes),
                                  len(points))
    for i in spatial.str_order(points):
        builder.add(i + 1, *points[i], 0)
    root = builder.finish()
    reads = []

    def load(node):
        reads.append(node)
        return spatial.decode_node(nodes[node])

    got = spatial.nearest(load, root, 40.0, -100.0, 250, 0, 50)
    assert len(got) == 50
    # 20,000 points make ~313 leaves; a nearest-50 reads a handful of them.
    assert len(reads) < 30, len(reads)


@pytest.mark.parametrize("blob", [b"", b"L", b"X\x01\x00\x00\x00" + b"\x00" * 32,
                                  b"L\x02\x00\x00\x00" + b"\x00" * 8])
def test_damaged_node_is_a_value_error(blob):
    with pytest.raises(ValueError):
        spatial.decode_node(blob)


def test_lower_bound_never_exceeds_the_distance():
    # Boxes of every shape and place (wide, thin, polar, at the antimeridian): the walk
    # prunes with the lower bounds, so a wrong bound would lose the true nearest point.
    rng = random.Random(5)
    for _ in range(300):
        points = []
        for _box in range(6):
            lo_lat = rng.uniform(-90, 89)
            hi_lat = min(90, lo_lat + rng.uniform(0, 30))
            lo_lon = rng.uniform(-180, 179)
            hi_lon = min(180, lo_lon + rng.uniform(0, 120))
            points += [(rng.uniform(lo_lat, hi_lat), rng.uniform(lo_lon, hi_lon))
                       for _ in range(70)]
        load, root = build(points, [0] * len(points))
        for _q in range(5):
            lat0, lon0 = rng.uniform(-90, 90), rng.uniform(-180, 180)
            nearest_d = min(haversine_miles(lat0, lon0, *p) for p in points)
            got = spatial.nearest(load, root, lat0, lon0, 20_000, 0, 1)
            assert got and math.isclose(got[0][0], nearest_d, rel_tol=0, abs_tol=1e-9)
