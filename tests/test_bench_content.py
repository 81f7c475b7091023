"""Speed of loading the built-in pack (read, parse, render all pages).

Runs once as a plain test under the default --benchmark-disable; for figures:
    python -m pytest tests/test_bench_content.py --benchmark-enable
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kiosk.content import check_pack, load_pack
from kiosk.content.pack import load_page

ROOT = Path(__file__).resolve().parent.parent


def test_bench_load_builtin_pack(benchmark):
    load_pack(None)  # import Markdown, build the shared renderer
    pack = benchmark(load_pack, None)
    for lang in ("en", "es"):
        assert len(pack.pages(lang)) == len(list((pack.source_dir / lang).glob("*.md")))


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


HOSTILE_BODIES = {
    "20,000 '['": "[" * 20000,
    "20,000 '!['": "![" * 20000,
    "20,000 '[a]('": "[a](" * 20000,
    "20,000 '<!--'": "<!--" * 20000,
    "300-deep nested list": "".join("  " * i + "- x\n" for i in range(300)),
    "250 paragraphs of 990 '['": "\n\n".join(["[" * 990 + "x" * 9] * 250),
}


@pytest.mark.budget
def test_hostile_pages_render_or_are_refused_within_the_budget(tmp_path, capsys):
    """Every hostile page costs at most the 200 ms render budget plus 50 ms (CPU time, best
    of 3); the anchor is the shipped research page, rendered in the same run."""
    from kiosk.content.render import RENDER_BUDGET_S, RenderBudgetExceeded, Renderer, RenderRefused

    renderer = Renderer()
    anchor_body = (ROOT / "resources" / "content" / "en" / "research.md").read_text("utf-8")

    def best(body: str) -> float:
        times = []
        for _ in range(3):
            start = time.thread_time()
            try:
                renderer.render(body, tmp_path, budget_s=RENDER_BUDGET_S)
            except (RenderRefused, RenderBudgetExceeded):
                pass
            times.append(time.thread_time() - start)
        return min(times)

    anchor = best(anchor_body)
    lines = [f"anchor (en/research.md): {anchor * 1000:.1f} ms"]
    for name, body in HOSTILE_BODIES.items():
        took = best(body)
        lines.append(f"{name}: {took * 1000:.1f} ms")
        assert took < RENDER_BUDGET_S + 0.05, name
    with capsys.disabled():
        print("\n" + "\n".join(lines))


@pytest.mark.budget
def test_hostile_pack_loads_within_2x_the_normal_pack(tmp_path, capsys):
    """The built-in pack plus six pathological pages loads (CPU time, best of 5) within 2x
    the built-in pack alone plus one render budget (and 50 ms of slack): refused pages cost
    next to nothing, and the one page that only the budget stops costs that budget."""
    import shutil

    from kiosk.content.pack import _load_dir_with
    from kiosk.content.render import RENDER_BUDGET_S, Renderer

    normal = tmp_path / "normal"
    shutil.copytree(ROOT / "resources" / "content", normal)
    hostile = tmp_path / "hostile"
    shutil.copytree(normal, hostile)
    for i, body in enumerate(HOSTILE_BODIES.values()):
        (hostile / "en" / f"hostile-{i}.md").write_text(
            f'+++\nid = "hostile-{i}"\ntitle = "H"\norder = {50 + i}\nkind = "article"\n'
            'summary = "x"\nicon = "welcome"\nsources = []\nreviewed_by = ""\n'
            f'reviewed_on = ""\n+++\n{body}\n', encoding="utf-8")

    def best(directory: Path) -> float:
        times = []
        for _ in range(5):
            start = time.thread_time()
            _load_dir_with(directory, Renderer(), is_builtin=False, budget_s=RENDER_BUDGET_S)
            times.append(time.thread_time() - start)
        return min(times)

    plain, attacked = best(normal), best(hostile)
    with capsys.disabled():
        print(f"\nload, built-in pack: {plain * 1000:.0f} ms; with 6 hostile pages: "
              f"{attacked * 1000:.0f} ms")
    assert attacked < 2 * plain + RENDER_BUDGET_S + 0.05
