"""The fictional demo directory and its generator (no Qt)."""

from __future__ import annotations

import csv
import importlib.util
import io
import re
import sys
from pathlib import Path

import pytest

from kiosk import paths
from kiosk.locator import Directory, SearchQuery

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def maker():
    spec = importlib.util.spec_from_file_location("make_demo_clinics",
                                                  ROOT / "tools" / "make_demo_clinics.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_demo_clinics"] = module
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop("make_demo_clinics", None)


@pytest.fixture(scope="module")
def shipped_rows() -> list[dict[str, str]]:
    text = paths.resource("clinics", "demo_clinics.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_generator_is_deterministic_and_matches_the_shipped_csv(maker):
    first = maker.rows_to_csv(maker.generate_rows())
    assert first == maker.rows_to_csv(maker.generate_rows())
    assert first == paths.resource("clinics", "demo_clinics.csv").read_text(encoding="utf-8")
    assert first != maker.rows_to_csv(maker.generate_rows(seed=1))


def test_phone_numbers_are_only_the_fictional_range(shipped_rows):
    for row in shipped_rows:
        assert re.fullmatch(r"\(\d{3}\) 555-01\d\d", row["phone"]), row


def test_websites_are_example_domains(shipped_rows):
    for row in shipped_rows:
        assert re.fullmatch(r"https://example\.(org|com)/[a-z0-9/-]+", row["website"]), row


def test_shape_of_the_demo(shipped_rows):
    kinds = [r["kind"] for r in shipped_rows]
    assert 380 <= kinds.count("outpatient") <= 420 and 20 <= kinds.count("at_home") <= 30
    assert sum(1 for r in shipped_rows if r["states_served"] == "ALL") >= 2
    assert len({r["id"] for r in shipped_rows}) == len(shipped_rows)
    states = {r["state"] for r in shipped_rows if r["kind"] == "outpatient"}
    assert len(states) >= 52  # every state, DC and PR


def test_shipped_sqlite_is_the_shipped_csv():
    import hashlib

    data = paths.resource("clinics", "demo_clinics.csv").read_bytes()
    with Directory.open(paths.builtin_clinics_path()) as d:
        assert d.is_demo and d.version == hashlib.sha256(data).hexdigest()[:12]


def test_every_metro_finds_clinics(maker):
    with Directory.open(paths.builtin_clinics_path()) as d:
        for metro, zip5, _ in maker.METROS:
            result = d.search(SearchQuery(zip=zip5, radius_miles=50))
            assert result.outpatient, metro
            assert result.at_home, metro  # the nationwide providers at least
