"""Locator performance on synthetic directories (100,000 and 1,000,000 listings on real ZIP
centroids), against a numpy scan of every row measured in the same run.

    python -m pytest tests/test_bench_locator.py --benchmark-enable -s

With the suite's default --benchmark-disable each benchmark runs once, as a test, on
the 100,000 directory, and the ``budget`` tests (speed targets, and everything at
1,000,000) are skipped. The directories are built once per session in tmp; the
harness is tests/perf/locator_scale.py.
"""

from __future__ import annotations

import importlib.util
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.locator import Directory, SearchQuery, import_csv
from tests.perf.locator_scale import Anchor, measure, queries, write_synthetic_csv

ROOT = Path(__file__).resolve().parent.parent
N_CLINICS = 100_000
N_NATIONAL = 1_000_000
IMPORT_100K_BUDGET_S = 10.0
IMPORT_1M_BUDGET_S = 60.0
IMPORT_1M_BUDGET_MB = 400.0
P95_100K_BUDGET_MS = 5.0
P95_1M_BUDGET_MS = 10.0
ANCHOR_RATIO_BUDGET = 0.25  # our p95 over the numpy scan's median


@pytest.fixture(scope="session")
def synthetic(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bench")
    src = tmp / "synthetic.csv"
    used = write_synthetic_csv(src, N_CLINICS)
    start = time.perf_counter()
    report = import_csv(src, tmp / "synthetic.sqlite")
    seconds = time.perf_counter() - start
    assert report.written and report.imported == N_CLINICS, report.problems[:3]
    d = Directory.open(tmp / "synthetic.sqlite")
    # Query origins: ZIPs of random clinics, so dense areas come up as often as they
    # hold clinics (a fair stand-in for where kiosks are).
    origins = random.Random(1).sample(used, 200)
    yield d, src, seconds, origins, used
    d.close()


@pytest.fixture(scope="session")
def national(tmp_path_factory):
    """1,000,000 listings, imported in a child process so its peak RSS is its own."""
    tmp = tmp_path_factory.mktemp("national")
    src, into = tmp / "national.csv", tmp / "national.sqlite"
    used = write_synthetic_csv(src, N_NATIONAL)
    code = ("import resource, sys, time; from pathlib import Path; "
            "from kiosk.locator import import_csv; t = time.perf_counter(); "
            "r = import_csv(Path(sys.argv[1]), Path(sys.argv[2])); "
            "print(time.perf_counter() - t, r.written, r.imported, "
            "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, str(src), str(into)], cwd=ROOT,
                         capture_output=True, text=True, check=True, timeout=900).stdout
    seconds, written, imported, rss_kb = out.split()
    assert written == "True" and int(imported) == N_NATIONAL
    rss_mb = int(rss_kb) / 1024  # Linux reports kilobytes
    d = Directory.open(into)
    yield d, float(seconds), rss_mb, used
    d.close()


@pytest.mark.budget
def test_import_100k_within_budget(synthetic):
    seconds = synthetic[2]
    print(f"\nimport of {N_CLINICS:,} rows: {seconds:.2f} s")
    assert seconds <= IMPORT_100K_BUDGET_S


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


HAVE_NUMPY = importlib.util.find_spec("numpy") is not None
needs_numpy = pytest.mark.skipif(not HAVE_NUMPY, reason="the anchor needs numpy (test extra)")


def test_search_runs_on_the_synthetic_directory(synthetic):
    d, _, _, origins, used = synthetic
    # With numpy, the anchor's counts are checked against ours query by query.
    m = measure(d, queries(used, 40), Anchor(d) if HAVE_NUMPY else None)
    print(f"\nnearest 50 at {N_CLINICS:,}: median {m['median']:.2f} ms, p95 {m['p95']:.2f} ms")


@pytest.mark.budget
@needs_numpy
def test_nearest_50_at_100k_p95(synthetic):
    d, _, _, _, used = synthetic
    qs = queries(used, 400)
    measure(d, qs[:40])
    m = measure(d, qs, Anchor(d))
    print(f"\nnearest 50 at {N_CLINICS:,}, radius 10-250 mi, {len(qs)} queries: median "
          f"{m['median']:.2f} ms, p95 {m['p95']:.2f} ms; numpy scan median "
          f"{m['anchor_median']:.2f} ms")
    assert m["p95"] <= P95_100K_BUDGET_MS


@pytest.mark.budget
def test_import_1m_within_time_and_memory(national):
    _, seconds, rss_mb, _ = national
    print(f"\nimport of {N_NATIONAL:,} rows: {seconds:.1f} s, peak RSS {rss_mb:.0f} MB")
    assert seconds <= IMPORT_1M_BUDGET_S and rss_mb <= IMPORT_1M_BUDGET_MB


@pytest.mark.budget
@needs_numpy
def test_nearest_50_at_1m_p95_and_anchor(national):
    d, _, _, used = national
    qs = queries(used, 400)
    anchor = Anchor(d)
    measure(d, qs[:40], anchor)
    m = measure(d, qs, anchor)
    print(f"\nnearest 50 at {N_NATIONAL:,}, radius 10-250 mi, {len(qs)} queries: median "
          f"{m['median']:.2f} ms, p95 {m['p95']:.2f} ms; numpy scan of every row: median "
          f"{m['anchor_median']:.2f} ms; p95 / anchor = {m['ratio_p95']:.3f}")
    assert m["p95"] <= P95_1M_BUDGET_MS
    assert m["ratio_p95"] <= ANCHOR_RATIO_BUDGET


def test_bench_search_rotating_zips(benchmark, synthetic):
    d, _, _, origins, _ = synthetic
    it = iter(origins * 1000)
    benchmark(lambda: d.search(SearchQuery(zip=next(it), radius_miles=50,
                                           conditions=("ptsd",), limit=50)))


def test_bench_search_manhattan_limit_50(benchmark, synthetic):
    d = synthetic[0]
    result = benchmark(lambda: d.search(SearchQuery(zip="10001", radius_miles=250,
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
