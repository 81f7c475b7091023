"""The seeded monkey (tests/monkey.py) on a locked-down kiosk window at the three kiosk sizes.

The CI run does ~1,500 actions. The full run (20,000 actions, several minutes) is opt-in:

    KIOSK_FULL_MONKEY=1 pytest tests/test_monkey.py -m slow
    python tests/monkey.py --actions 20000          # same run, printing a report

and tests/soak/soak.py runs it for hours (see tests/soak/README.md).
"""

from __future__ import annotations

import os

import pytest

from tests.monkey import SIZES, Findings, Monkey, build, dispose, run_monkey, settle, watching

MAX_GROWTH_MB = 10.0


def assert_clean(report) -> None:
    findings = report.findings
    summary = report.summary()
    assert not findings.errors, summary
    assert not findings.unhandled, summary
    assert not findings.bad_qt, summary
    assert report.growth_mb <= MAX_GROWTH_MB, summary


@pytest.mark.qt_no_exception_capture  # the window's own excepthook handles them; the monkey counts
def test_monkey_1500_actions_at_three_sizes(qapp):
    report = run_monkey(1500, seed=20240611, sizes=SIZES, segment=250)
    print(report.summary())
    assert report.actions == 1500
    assert_clean(report)
    # The run reached every part of the kiosk, not just Home.
    for screen in ("home", "page", "help", "hidden", "staff", "locator/search", "locator/results"):
        assert report.screens[screen], report.summary()


@pytest.mark.slow
@pytest.mark.qt_no_exception_capture
@pytest.mark.skipif(not os.environ.get("KIOSK_FULL_MONKEY"),
                    reason="full monkey (20,000 actions): set KIOSK_FULL_MONKEY=1")
def test_monkey_full_20000_actions(qapp):
    report = run_monkey(20_000, seed=1, sizes=SIZES, segment=500)
    print(report.summary())
    assert_clean(report)


@pytest.fixture
def window(qapp):
    window = build((1280, 800))
    yield window
    dispose(window)


@pytest.mark.qt_no_exception_capture
def test_same_seed_same_plan(window):
    def plan(seed: int) -> list[str]:
        monkey = Monkey(window, seed=seed)
        for _ in range(30):
            monkey.step()
        window.reset_session()
        return [action.split()[0] for action in monkey.trail]

    first = plan(7)
    assert plan(7) == first
    assert plan(8) != first


@pytest.mark.qt_no_exception_capture
def test_monkey_never_taps_exit_on_the_staff_screen(window):
    exits: list[bool] = []
    window.staff.exit_requested.connect(lambda: exits.append(True))
    monkey = Monkey(window, seed=3)
    findings = Findings()
    with watching(findings):
        for _ in range(120):
            if window.current_screen() is not window.staff:
                window.open_staff()
                settle()
            monkey.tap_random_control()
            settle()
            assert window.isVisible()
    assert not exits
    assert not findings.errors, findings.errors


@pytest.mark.qt_no_exception_capture
def test_a_run_in_chunks_still_changes_size_every_segment(window):
    # The soak runs the monkey 50 actions at a time; the size must still change every
    # `segment` actions (each chunk restarted the count and stayed at the first size).
    sizes = ((1280, 800), (1080, 1920))
    monkey = Monkey(window, seed=5, sizes=sizes)
    seen: list[tuple[int, int]] = []
    resize = monkey.resize
    monkey.resize = lambda size: (seen.append(size), resize(size))  # type: ignore[method-assign]
    for _ in range(4):
        monkey.run(5, segment=10, measure=False)  # as the soak runs its chunks
    assert seen == [sizes[0], sizes[1]]
    assert window.size().toTuple() == sizes[1]


def test_memory_is_read_in_one_state_whatever_the_size(window):
    # Readings at whatever size the monkey was at moved by up to 12 MB between reports
    # (the backing store and the map's outlines differ by size): each is taken at the
    # first size, in a fresh session, and the monkey goes on at its own size.
    sizes = ((1280, 800), (1080, 1920))
    monkey = Monkey(window, seed=5, sizes=sizes)
    monkey.run(15, segment=10)  # ends at the second size
    seen = []
    monkey.at_reference(lambda: seen.append(window.size().toTuple()))
    assert seen == [sizes[0]]
    assert window.size().toTuple() == sizes[1]
