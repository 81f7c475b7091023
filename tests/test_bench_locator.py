"""Locator performance on a synthetic 100,000-clinic directory.

    python -m pytest tests/test_bench_locator.py --benchmark-enable

With the suite's default --benchmark-disable each benchmark runs once, as a
test. The directory is built once per session; the build is the import figure.
"""

from __future__ import annotations

import csv
import random
import statistics
import time
from pathlib import Path

import pytest

from kiosk.locator import CONDITIONS, Directory, SearchQuery, import_csv
from kiosk.locator.geo import zip_table
from kiosk.locator.importer import ALL_COLUMNS

N_CLINICS = 100_000
IMPORT_BUDGET_S = 10.0
SEARCH_P95_BUDGET_MS = 10.0


def write_synthetic_csv(path: Path, n: int = N_CLINICS, seed: int = 7) -> list[str]:
    """n clinics on random ZIP centroids (jittered); 1% at-home. Returns the ZIPs used."""
    rng = random.Random(seed)
    zips = sorted((z, v) for z, v in zip_table().all().items()
                  if v[2] not in ("GU", "VI", "AS", "MP"))
    used = []
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(ALL_COLUMNS)
        for i in range(n):
            z, (lat, lon, state, city) = rng.choice(zips)
            used.append(z)
            conds = ";".join(c for c in CONDITIONS if rng.random() < 0.5) or "ptsd"
            common = [city, state, z, "(212) 555-0100", "https://example.org", conds]
            if i % 100 == 0:
                w.writerow([f"s{i}", f"Home care {i}", "at_home", "", *common,
                            "ALL" if i % 1000 == 0 else state, "", "", "", "", ""])
            else:
                w.writerow([f"s{i}", f"Clinic {i}", "outpatient", f"{i} Main St", *common, "",
                            "iv", f"{lat + rng.uniform(-0.01, 0.01):.5f}",
                            f"{lon + rng.uniform(-0.01, 0.01):.5f}", "2024-05-01", "en"])
    return used


@pytest.fixture(scope="session")
def synthetic(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bench")
    src = tmp / "synthetic.csv"
    used = write_synthetic_csv(src)
    start = time.perf_counter()
    report = import_csv(src, tmp / "synthetic.sqlite")
    seconds = time.perf_counter() - start
    assert report.written and report.imported == N_CLINICS, report.problems[:3]
    d = Directory.open(tmp / "synthetic.sqlite")
    # Query origins: ZIPs of random clinics, so dense areas come up as often as they
    # hold clinics (a fair stand-in for where kiosks are).
    origins = random.Random(1).sample(used, 200)
    yield d, src, seconds, origins
    d.close()


@pytest.mark.budget
def test_import_100k_within_budget(synthetic):
    _, _, seconds, _ = synthetic
    print(f"\nimport of {N_CLINICS:,} rows: {seconds:.2f} s")
    assert seconds <= IMPORT_BUDGET_S


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


@pytest.mark.parametrize("limit", [None, 50])
def test_search_p95(synthetic, request, limit):
    d, _, _, origins = synthetic
    # --benchmark-enable after the suite's --benchmark-disable turns measuring on.
    enabled = bool(request.config.getoption("benchmark_enable", default=False))
    queries = origins if enabled else origins[:40]
    times = []
    for z in queries:
        start = time.perf_counter()
        d.search(SearchQuery(zip=z, radius_miles=50, conditions=("ptsd",), limit=limit))
        times.append((time.perf_counter() - start) * 1000)
    p95 = _percentile(times, 95)
    print(f"\nsearch 50 mi + 1 condition, limit={limit}, {len(times)} ZIPs: "
          f"median {statistics.median(times):.2f} ms, p95 {p95:.2f} ms, max {max(times):.2f} ms")
    # The budget holds for what a screen asks for (the nearest 50). Without a limit a
    # dense metro returns 1,000+ rows of the synthetic directory and building them
    # dominates: that figure is printed, not asserted (docs/locator.md, "Performance").
    if enabled and limit is not None:
        assert p95 <= SEARCH_P95_BUDGET_MS


def test_bench_search_rotating_zips(benchmark, synthetic):
    d, _, _, origins = synthetic
    it = iter(origins * 1000)
    benchmark(lambda: d.search(SearchQuery(zip=next(it), radius_miles=50,
                                           conditions=("ptsd",))))


def test_bench_search_manhattan_limit_50(benchmark, synthetic):
    d, _, _, _ = synthetic
    result = benchmark(lambda: d.search(SearchQuery(zip="10001", radius_miles=50,
                                                    conditions=("ptsd",), limit=50)))
    assert len(result.outpatient) == 50


def test_bench_zip_lookup(benchmark):
    from kiosk.locator import lookup_zip

    assert benchmark(lookup_zip, "10001").state == "NY"


def test_bench_import_10k(benchmark, tmp_path):
    src = tmp_path / "10k.csv"
    write_synthetic_csv(src, 10_000)
    report = benchmark.pedantic(import_csv, args=(src, tmp_path / "10k.sqlite"), rounds=1,
                                iterations=1)
    assert report.written
