"""Clinic search, ZIP geography and the configured directory (no Qt, no display)."""

from __future__ import annotations

import math
import os
import random
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kiosk import paths
from kiosk.locator import (
    CONDITIONS,
    US_STATES,
    Directory,
    DirectoryError,
    QueryError,
    SearchQuery,
    import_csv,
    lookup_zip,
    normalize_zip,
    open_configured_directory,
)
from kiosk.locator.geo import bounding_boxes
from kiosk.locator.importer import ALL_COLUMNS
from tests.test_locator_import import GOOD, write_csv


def reference_miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Independent great-circle distance (spherical law of cosines, R = 3958.8 mi)."""
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    c = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return 3958.8 * math.acos(max(-1.0, min(1.0, c)))


# --- ZIPs and states -------------------------------------------------------------------


@pytest.mark.parametrize(("text", "zip5"), [
    ("10001", "10001"), (" 10001 ", "10001"), ("10001-1234", "10001"),
    ("100011234", "10001"), ("\t02134 \n", "02134"),
])
def test_normalize_zip(text, zip5):
    assert normalize_zip(text) == zip5


@pytest.mark.parametrize("text", ["", "1000", "100011", "abcde", "10001-12", "1 0001", None])
def test_normalize_zip_rejects(text):
    with pytest.raises(QueryError) as info:
        normalize_zip(text)
    assert "\n" not in str(info.value)


def test_lookup_zip():
    o = lookup_zip("10001-0001")
    assert (o.zip, o.state, o.city) == ("10001", "NY", "New York")
    assert o.lat == pytest.approx(40.7484) and o.lon == pytest.approx(-73.9967)
    assert lookup_zip("00601").state == "PR"
    with pytest.raises(QueryError, match="unknown ZIP code 00000"):
        lookup_zip("00000")


def test_zip_table_matches_zipcodes_package():
    import zipcodes

    rng = random.Random(3)
    sample = rng.sample([z for z in zipcodes.list_all() if z["state"] in US_STATES
                         and float(z["lat"]) != 0], 300)
    for z in sample:
        o = lookup_zip(z["zip_code"])
        assert (o.state, o.city) == (z["state"], z["city"])
        assert o.lat == pytest.approx(float(z["lat"]), abs=1e-4)
        assert o.lon == pytest.approx(float(z["long"]), abs=1e-4)


def test_states_and_conditions():
    assert len(US_STATES) >= 52 and {"DC", "PR", "NY", "AK", "HI"} <= set(US_STATES)
    assert CONDITIONS == ("pain", "depression", "anxiety", "ptsd", "ocd", "addiction")


def test_core_imports_neither_qt_nor_zipcodes():
    code = ("import sys; from pathlib import Path; import kiosk.locator as L; "
            "import kiosk.locator.cli; "
            "d = L.Directory.open(Path(sys.argv[1])); d.search(L.SearchQuery(zip='10001')); "
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'zipcodes'))]; "
            "print(bad); sys.exit(1 if bad else 0)")
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-c", code, str(paths.builtin_clinics_path())],
                            cwd=root, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


# --- geometry --------------------------------------------------------------------------


def test_bounding_boxes_hold_the_circle():
    rng = random.Random(11)
    for _ in range(300):
        lat, lon = rng.uniform(-70, 70), rng.uniform(-180, 180)
        radius = rng.choice([1, 10, 50, 200, 1000])
        boxes = bounding_boxes(lat, lon, radius)
        for _ in range(20):
            # A point at the radius in a random direction must be in some box.
            bearing = rng.uniform(0, 2 * math.pi)
            d = radius * 0.999 / 3958.7613
            p1, l1 = math.radians(lat), math.radians(lon)
            p2 = math.asin(math.sin(p1) * math.cos(d)
                           + math.cos(p1) * math.sin(d) * math.cos(bearing))
            l2 = l1 + math.atan2(math.sin(bearing) * math.sin(d) * math.cos(p1),
                                 math.cos(d) - math.sin(p1) * math.sin(p2))
            plat = math.degrees(p2)
            plon = (math.degrees(l2) + 540) % 360 - 180
            assert any(b[0] <= plat <= b[1] and b[2] <= plon <= b[3] for b in boxes), \
                (lat, lon, radius, plat, plon, boxes)


# --- search ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def random_dir(tmp_path_factory) -> Directory:
    """300 outpatient clinics scattered around the northeast, plus at-home providers."""
    tmp = tmp_path_factory.mktemp("dir")
    rng = random.Random(5)
    rows = []
    for i in range(300):
        lat, lon = 40.75 + rng.uniform(-1.5, 1.5), -73.99 + rng.uniform(-2, 2)
        conds = [c for c in CONDITIONS if rng.random() < 0.5] or ["ptsd"]
        rows.append({**GOOD, "id": f"r{i:03d}", "name": f"Clinic {i:03d}",
                     "conditions": ";".join(conds), "lat": f"{lat:.6f}", "lon": f"{lon:.6f}"})
    homes = [("h-ny", "NY;NJ", "ptsd"), ("h-all", "ALL", "ptsd;depression"),
             ("h-ca", "CA", "ptsd"), ("h-all-pain", "all", "pain")]
    for hid, served, conds in homes:
        rows.append({**GOOD, "id": hid, "name": f"Home {hid}", "kind": "at_home",
                     "address": "", "states_served": served, "conditions": conds})
    src = write_csv(tmp / "r.csv", rows, ALL_COLUMNS)
    report = import_csv(src, tmp / "r.sqlite")
    assert report.written, report.problems
    d = Directory.open(tmp / "r.sqlite")
    d.rows = rows  # type: ignore[attr-defined]
    yield d
    d.close()


@pytest.mark.parametrize("radius", [5, 25, 50, 120])
@pytest.mark.parametrize("origin_zip", ["10001", "07030", "11968", "06830"])
def test_distance_order_and_radius_inclusion(random_dir, radius, origin_zip):
    o = lookup_zip(origin_zip)
    result = random_dir.search(SearchQuery(zip=origin_zip, radius_miles=radius))
    expected = sorted(
        (reference_miles(o.lat, o.lon, float(r["lat"]), float(r["lon"])), r["id"])
        for r in random_dir.rows if r["kind"] == "outpatient"
    )
    expected_ids = {i for d, i in expected if d <= radius - 1e-6}
    borderline = {i for d, i in expected if abs(d - radius) <= 1e-6}
    got_ids = [c.id for c in result.outpatient]
    assert expected_ids <= set(got_ids) <= expected_ids | borderline
    distances = [c.distance_miles for c in result.outpatient]
    assert distances == sorted(distances)
    for c in result.outpatient:
        assert c.distance_miles == pytest.approx(reference_miles(o.lat, o.lon, c.lat, c.lon),
                                                 abs=0.01)
    assert result.origin == o


def test_condition_filter_needs_every_condition(random_dir):
    result = random_dir.search(SearchQuery(zip="10001", radius_miles=100,
                                           conditions=("ptsd", "OCD ")))
    assert result.outpatient
    assert all({"ptsd", "ocd"} <= set(c.conditions) for c in result.outpatient)
    unfiltered = random_dir.search(SearchQuery(zip="10001", radius_miles=100))
    expected = [c.id for c in unfiltered.outpatient if {"ptsd", "ocd"} <= set(c.conditions)]
    assert [c.id for c in result.outpatient] == expected


def test_limit_keeps_the_nearest(random_dir):
    full = random_dir.search(SearchQuery(zip="10001", radius_miles=200))
    top = random_dir.search(SearchQuery(zip="10001", radius_miles=200, limit=7))
    assert [c.id for c in top.outpatient] == [c.id for c in full.outpatient[:7]]
    assert len(top.at_home) <= 7


def test_at_home_state_matching(random_dir):
    ny = random_dir.search(SearchQuery(zip="10001"))
    assert [c.id for c in ny.at_home] == ["h-ny", "h-all", "h-all-pain"]  # state first, ALL
    assert all(c.distance_miles is None for c in ny.at_home)
    nj = random_dir.search(SearchQuery(zip="07030", conditions=("ptsd",)))
    assert [c.id for c in nj.at_home] == ["h-ny", "h-all"]
    ca = random_dir.search(SearchQuery(zip="90012"))
    assert ca.outpatient == [] and [c.id for c in ca.at_home] == ["h-ca", "h-all", "h-all-pain"]
    tx = random_dir.search(SearchQuery(state="tx"))
    assert [c.id for c in tx.at_home] == ["h-all", "h-all-pain"]
    assert tx.origin is None and tx.state == "TX"
    assert random_dir.get("h-all-pain").serves_all_states


def test_kind_filter(random_dir):
    only_home = random_dir.search(SearchQuery(zip="10001", kind="at_home"))
    assert only_home.outpatient == [] and only_home.at_home
    only_out = random_dir.search(SearchQuery(zip="10001", kind="outpatient"))
    assert only_out.at_home == [] and only_out.outpatient


def test_state_search_lists_the_state_by_city(random_dir):
    result = random_dir.search(SearchQuery(state="New York"))
    assert len(result.outpatient) == 300  # every row says state NY
    assert all(c.distance_miles is None for c in result.outpatient)
    keys = [(c.city.casefold(), c.name.casefold()) for c in result.outpatient]
    assert keys == sorted(keys)


@pytest.mark.parametrize(("query", "needle"), [
    (SearchQuery(), "ZIP code or a state"),
    (SearchQuery(zip="10001", state="NY"), "not both"),
    (SearchQuery(zip="abc"), "5 digits"),
    (SearchQuery(zip="00000"), "unknown ZIP"),
    (SearchQuery(state="ZZ"), "unknown state"),
    (SearchQuery(zip="10001", radius_miles=0), "radius"),
    (SearchQuery(zip="10001", radius_miles=-5), "radius"),
    (SearchQuery(zip="10001", radius_miles=math.nan), "radius"),
    (SearchQuery(zip="10001", radius_miles=10_000), "radius"),
    (SearchQuery(zip="10001", conditions=("gout",)), "unknown condition"),
    (SearchQuery(zip="10001", kind="inpatient"), "unknown kind"),
    (SearchQuery(zip="10001", limit=0), "limit"),
])
def test_bad_queries_raise_one_line(random_dir, query, needle):
    with pytest.raises(QueryError) as info:
        random_dir.search(query)
    assert needle in str(info.value) and "\n" not in str(info.value)


def test_antimeridian_search(tmp_path):
    # Adak, AK (-176.6) and a point across the antimeridian in the Aleutians (+179.9).
    rows = [{**GOOD, "id": "adak", "state": "AK", "zip": "99546", "lat": "51.88",
             "lon": "-176.65"},
            {**GOOD, "id": "west", "state": "AK", "zip": "99546", "lat": "51.95",
             "lon": "179.9", }]
    # The second is > 150 miles from its ZIP centroid, so give it a matching ZIP check pass
    # by searching only for the first; then check the second separately with skip_invalid.
    report = import_csv(write_csv(tmp_path / "a.csv", rows), tmp_path / "a.sqlite",
                        skip_invalid=True)
    assert report.imported >= 1
    with Directory.open(tmp_path / "a.sqlite") as d:
        result = d.search(SearchQuery(zip="99546", radius_miles=300))
        got = {c.id for c in result.outpatient}
        assert "adak" in got
        if report.imported == 2:
            assert "west" in got


def test_search_from_threads(random_dir):
    errors: list[BaseException] = []

    def work(z: str) -> None:
        try:
            for _ in range(30):
                random_dir.search(SearchQuery(zip=z, radius_miles=60, conditions=("ptsd",)))
        except BaseException as exc:  # noqa: B036 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(z,)) for z in ("10001", "07030", "06830")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


# --- opening directories ---------------------------------------------------------------


def test_open_rejects_missing_and_corrupt(tmp_path):
    with pytest.raises(DirectoryError, match="no such file"):
        Directory.open(tmp_path / "none.sqlite")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"hello" * 100)
    with pytest.raises(DirectoryError, match="not a SQLite file"):
        Directory.open(junk)
    truncated = tmp_path / "trunc.sqlite"
    truncated.write_bytes(paths.builtin_clinics_path().read_bytes()[:5000])
    with pytest.raises(DirectoryError) as info:
        Directory.open(truncated)
    assert "\n" not in str(info.value)


def test_demo_directory():
    with Directory.open(paths.builtin_clinics_path()) as d:
        assert d.is_demo and 350 <= d.count_outpatient <= 450 and 20 <= d.count_at_home <= 30
        assert d.source == "demo_clinics.csv"


def test_configured_none_is_the_demo(tmp_path):
    d, problems = open_configured_directory(None, tmp_path)
    with d:
        assert d.is_demo and problems == []


def test_configured_csv_is_cached_and_reimported_on_change(tmp_path):
    cache_dir = tmp_path / ".kiosk-cache"
    src = write_csv(tmp_path / "c.csv", [GOOD])
    d, problems = open_configured_directory(src, cache_dir)
    with d:
        assert problems == [] and d.count_outpatient == 1 and not d.is_demo
        version = d.version
    cache = cache_dir / "clinics.sqlite"
    stamp = cache.stat().st_mtime_ns
    d, problems = open_configured_directory(src, cache_dir)  # unchanged: no re-import
    with d:
        assert problems == [] and d.version == version
    assert cache.stat().st_mtime_ns == stamp
    os.utime(src, ns=(1, 1))  # touched, same bytes: the hash says it is current
    d, _ = open_configured_directory(src, cache_dir)
    d.close()
    assert cache.stat().st_mtime_ns == stamp
    write_csv(src, [GOOD, {**GOOD, "id": "c2"}])
    d, problems = open_configured_directory(src, cache_dir)
    with d:
        assert problems == [] and d.count_outpatient == 2 and d.version != version


def test_bad_csv_at_start_keeps_previous_cache(tmp_path):
    cache_dir = tmp_path / ".kiosk-cache"
    src = write_csv(tmp_path / "c.csv", [GOOD])
    d, _ = open_configured_directory(src, cache_dir)
    d.close()
    write_csv(src, [GOOD, {**GOOD, "id": "c2", "zip": "nope"}])
    d, problems = open_configured_directory(src, cache_dir)
    with d:
        assert d.count_outpatient == 1 and not d.is_demo
        text = [str(p) for p in problems]
        assert f"{src}:3: zip: 'nope': expected 5 digits like 10001 (or ZIP+4 10001-1234)" \
            in text
        assert "still using" in text[-1]


def test_bad_csv_without_cache_falls_back_to_demo(tmp_path):
    src = write_csv(tmp_path / "c.csv", [{**GOOD, "state": "ZZ"}])
    d, problems = open_configured_directory(src, tmp_path / ".kiosk-cache")
    with d:
        assert d.is_demo
        assert "demo" in str(problems[-1]) and len(problems) == 2


def test_corrupt_cache_is_rebuilt(tmp_path):
    cache_dir = tmp_path / ".kiosk-cache"
    src = write_csv(tmp_path / "c.csv", [GOOD])
    d, _ = open_configured_directory(src, cache_dir)
    d.close()
    (cache_dir / "clinics.sqlite").write_bytes(b"garbage")
    d, problems = open_configured_directory(src, cache_dir)
    with d:
        assert problems == [] and d.count_outpatient == 1


def test_configured_sqlite_and_broken_sqlite(tmp_path):
    out = tmp_path / "x.sqlite"
    import_csv(write_csv(tmp_path / "c.csv", [GOOD]), out)
    d, problems = open_configured_directory(out, tmp_path / ".kiosk-cache")
    with d:
        assert problems == [] and d.count_outpatient == 1
    out.write_bytes(out.read_bytes()[:4096])
    d, problems = open_configured_directory(out, tmp_path / ".kiosk-cache")
    with d:
        assert d.is_demo and "demo" in str(problems[0])


def test_missing_csv_falls_back(tmp_path):
    d, problems = open_configured_directory(tmp_path / "gone.csv", tmp_path / ".kiosk-cache")
    with d:
        assert d.is_demo
        assert any("no such file" in str(p) for p in problems)
