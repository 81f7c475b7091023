"""UI speed: a tap on a topic tile or Next until the new page is painted.

    python -m pytest tests/test_bench_ui.py --benchmark-enable

Budget (issue: kiosk shell): median <= 16 ms, 99th percentile <= 50 ms.
"""

from __future__ import annotations

import statistics
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiosk.settings import Settings
from kiosk.ui.app import build_window
from tests.ui_helpers import control, settle


@pytest.fixture
def window(qtbot):
    window = build_window(Settings(), windowed=True, size=(1920, 1080))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.warm_up()
    settle()
    yield window
    window.dispose()


def tap_and_paint(window, name: str) -> float:
    button = control(window, name)
    start = time.perf_counter()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())
    window.repaint()  # paints synchronously, like the frame the patient sees
    return (time.perf_counter() - start) * 1000


def tour(window, rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        window.go_home()
        settle()
        times.append(tap_and_paint(window, "What is ketamine?"))
        for _ in range(4):
            times.append(tap_and_paint(window, "Next"))
            if window.reader.showing_warning():
                times.append(tap_and_paint(window, "Continue"))
    return times


def test_bench_tap_to_page_painted(benchmark, window):
    tour(window, 1)  # first visits render card layouts once
    benchmark.pedantic(tour, args=(window, 1), rounds=5, iterations=1)


@pytest.mark.budget
def test_tap_to_page_painted_budget(window):
    tour(window, 1)
    times = sorted(tour(window, 12))
    median = statistics.median(times)
    p99 = times[min(len(times) - 1, round(0.99 * (len(times) - 1)))]
    print(f"\ntap to page painted: {len(times)} taps, median {median:.1f} ms, p99 {p99:.1f} ms")
    assert median <= 16 and p99 <= 50
