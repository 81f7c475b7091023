"""Map speed against anchors in the same run: pin layout (grid clusters vs the old all-pairs
push-apart) at 50 and 1,000 pins, and loading the outlines. Run with --benchmark-enable."""

from __future__ import annotations

import math
import random
import statistics
import time

import pytest

from kiosk.locator import mapgeo


def old_all_pairs_layout(points: list[tuple[float, float]], r: float) -> list[list[float]]:
    """The map's previous layout (kiosk/ui/widgets/usmap.py before the outline map): up to 30
    rounds that push every overlapping pair apart: O(n^2) per round."""
    pts = [[x, y] for x, y in points]
    gap = 2 * r + 2
    for _ in range(30):
        moved = False
        for i in range(len(pts)):
            a = pts[i]
            for j in range(i + 1, len(pts)):
                b = pts[j]
                dx, dy = b[0] - a[0], b[1] - a[1]
                d = math.hypot(dx, dy)
                if d < gap:
                    if d < 1e-6:
                        dx, dy, d = 1.0, 0.0, 1.0
                    push = (gap - d) / 2
                    ux, uy = dx / d * push, dy / d * push
                    a[0] -= ux
                    a[1] -= uy
                    b[0] += ux
                    b[1] += uy
                    moved = True
        if not moved:
            break
    return pts


def best_ms(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


@pytest.mark.budget
@pytest.mark.parametrize("n", [50, 1000])
def test_pin_layout_beats_all_pairs(benchmark, qtbot, n):
    """The widget's whole layout (project to px, cluster, city labels) against the old push-apart."""
    from kiosk import paths
    from kiosk.locator import SearchQuery
    from kiosk.locator.directory import Directory
    from kiosk.ui.widgets.usmap import UsMap

    directory = Directory.open(paths.builtin_clinics_path())
    found = directory.search(SearchQuery(zip="10001", radius_miles=250))
    base, origin = found.outpatient, found.origin
    directory.close()
    rng = random.Random(n)
    clinics = [rng.choice(base)._replace(id=f"b{i}", lat=40.75 + rng.gauss(0, 1.0),
                                         lon=-73.99 + rng.gauss(0, 1.2)) for i in range(n)]
    m = UsMap()
    qtbot.addWidget(m)
    m.resize(800, 700)
    m.set_results(clinics, list(range(1, n + 1)), origin, 250)

    def new_layout() -> None:
        m._layout_key = ()
        m._layout()

    new_layout()
    r = m.pin_radius()
    pixels = [(m.true_position(k).x(), m.true_position(k).y()) for k in range(1, n + 1)]
    rounds = 5 if n <= 50 else 2
    old = best_ms(lambda: old_all_pairs_layout(pixels, r), rounds)
    benchmark.pedantic(new_layout, rounds=rounds, iterations=1)
    new = best_ms(new_layout, rounds)
    print(f"\n{n} pins: layout {new:.2f} ms, old all-pairs anchor {old:.2f} ms ({old / new:.1f}x)")
    if n >= 1000:
        assert new * 5 <= old, f"layout {new:.1f} ms vs all-pairs {old:.1f} ms"
    assert new <= 50.0


@pytest.mark.budget
def test_outlines_load_fast():
    """Decoding us.map, against parsing a text of 3,148 "lat,lon" lines (the shape of the ZIP-dot
    file the outlines replaced; the anchor) in the same run."""
    blob = mapgeo.map_path().read_bytes()
    dots = "".join(f"{24.5 + (i % 50) * 0.5:.2f},{-124.5 + (i // 50) * 0.5:.2f}\n"
                   for i in range(3148))

    def parse_dots() -> None:
        [tuple(map(float, line.split(","))) for line in dots.splitlines() if line]

    decode = statistics.median(best_ms(lambda: mapgeo.decode(blob), 1) for _ in range(7))
    anchor = statistics.median(best_ms(parse_dots, 1) for _ in range(7))
    print(f"\nus.map decode {decode:.2f} ms ({len(blob):,} bytes); dot text parse {anchor:.2f} ms")
    assert decode <= 30.0
