"""Speed of loading the built-in pack (read, parse, render all pages).

Runs once as a plain test under the default --benchmark-disable; for figures:
    python -m pytest tests/test_bench_content.py --benchmark-enable
"""

from __future__ import annotations

import time

import pytest

from kiosk.content import check_pack, load_pack
from kiosk.content.pack import load_page


def test_bench_load_builtin_pack(benchmark):
    load_pack(None)  # import Markdown, build the shared renderer
    pack = benchmark(load_pack, None)
    assert len(pack.pages("en")) == 14 and len(pack.pages("es")) == 14


@pytest.mark.budget
def test_load_builtin_pack_within_budget():
    """The whole pack loads and renders in 100 ms (best of 10, after the first import).

    CPU time, not wall time: the suite often shares a small machine, and waiting for a core
    is not the loader being slow.
    """
    load_pack(None)
    best = float("inf")
    for _ in range(10):
        start = time.process_time()
        load_pack(None)
        best = min(best, time.process_time() - start)
    assert best < 0.100, f"load_pack took {best * 1000:.0f} ms"


def test_bench_render_one_page(benchmark):
    pack = load_pack(None)
    page = pack.page("en", "research")
    assert page is not None
    result, _ = benchmark(load_page, page.path, "en", pack.source_dir)
    assert result is not None and result.html == page.html


def test_bench_check_builtin_pack(benchmark):
    pack = load_pack(None)
    problems = benchmark(check_pack, pack.source_dir)
    assert not [p for p in problems if p.severity == "error"]
