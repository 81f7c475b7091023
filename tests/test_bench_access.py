"""Speech never lags behind navigation: a key press reaches the engine within 100 ms (p95).

Measured from just before the key event is sent to the moment the engine is asked to
speak (a RecordingBackend stamps it), on Home, on a page read part by part, on the ZIP
pad and on the clinic results of a 100,000-clinic directory. The anchor, in the same
run, is one synchronous repaint of the whole window.

    python3 -m pytest tests/test_bench_access.py --benchmark-enable -s
"""

from __future__ import annotations

import shutil
import statistics
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.locator.importer import import_csv
from kiosk.ui.speech import RecordingBackend, Speaker
from tests.access_helpers import KP, Keys, recording_voice  # noqa: F401 (fixture)
from tests.perf.locator_scale import write_synthetic_csv
from tests.ui_helpers import settings_for, settle

BUDGET_MS = 100.0
N_CLINICS = 100_000
K = Qt.Key


@pytest.fixture(scope="module")
def big_directory(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("access-bench")
    write_synthetic_csv(tmp / "clinics.csv", N_CLINICS)
    report = import_csv(tmp / "clinics.csv", tmp / "clinics.sqlite")
    assert report.written and report.imported == N_CLINICS
    return tmp / "clinics.sqlite"


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def latency(keys: Keys, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> float:
    """Milliseconds from the key press to the engine asked to speak its answer."""
    backend = keys.window.speaker.backend
    assert isinstance(backend, RecordingBackend)
    count = len(backend.spoken)
    target = QApplication.focusWidget() or keys.window
    start = time.perf_counter()
    keys.qtbot.keyClick(target, key, modifier)
    assert len(backend.spoken) > count, "nothing was said"
    ms = (backend.spoken[count][3] - start) * 1000
    settle()
    return ms


def anchor(window) -> float:
    start = time.perf_counter()
    window.repaint()
    return (time.perf_counter() - start) * 1000


@pytest.mark.budget
def test_key_to_speech_p95_within_100_ms(qtbot, open_window, tmp_path, big_directory,
                                         recording_voice):  # noqa: F811
    settings = settings_for(tmp_path, f"[locator]\nclinics = '{big_directory}'\n")
    window = open_window(settings, size=(1920, 1080))
    keys = Keys(qtbot, window)
    keys.press(K.Key_F2)
    figures: dict[str, list[float]] = {}
    anchors = [anchor(window) for _ in range(20)]
    figures["home: move"] = [latency(keys, K.Key_Down) for _ in range(40)]
    window.open_page("welcome")
    settle()
    figures["page: next part"] = [latency(keys, K.Key_PageDown) for _ in range(20)]
    window.open_locator()
    qtbot.waitUntil(lambda: window.locator.is_loaded(), timeout=20000)
    settle()
    zip_keys = []
    for _ in range(8):
        for digit in "10001":
            zip_keys.append(latency(keys, getattr(K, f"Key_{digit}")))
        for _ in range(5):
            keys.press(K.Key_Backspace)
    figures["finder: ZIP digit"] = zip_keys
    results = []
    for round_ in range(10):
        for digit in "10001":
            keys.press(getattr(K, f"Key_{digit}"))
        # The search, the results' layout and the map are all inside this figure.
        results.append(latency(keys, K.Key_Enter, KP))
        if round_ < 9:
            keys.press(K.Key_Backspace)  # back to the search
    figures["finder (100,000 clinics): Enter to the results announced"] = results
    view = window.locator.results_page.list
    while QApplication.focusWidget() is not view:
        keys.press(K.Key_Down)
    figures["results (100,000 clinics): next row"] = [latency(keys, K.Key_Down) for _ in range(40)]
    figures["results: previous row"] = [latency(keys, K.Key_Up) for _ in range(20)]
    anchors += [anchor(window) for _ in range(20)]
    report = [f"anchor (window repaint): median {statistics.median(anchors):.1f} ms"]
    for name, values in figures.items():
        worst = p95(values) if len(values) >= 2 else max(values)
        report.append(f"{name}: p95 {worst:.1f} ms, median {statistics.median(values):.1f} ms, "
                      f"n={len(values)}")
    print("\n" + "\n".join(report))
    for name, values in figures.items():
        worst = p95(values) if len(values) >= 2 else max(values)
        assert worst <= BUDGET_MS, f"{name}: p95 {worst:.1f} ms"


@pytest.mark.budget
@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_espeak_is_asked_at_once(qtbot):
    # The real engine: starting its process must not eat the budget either.
    speaker = Speaker.create("espeak")
    timings = []
    for _ in range(20):
        start = time.perf_counter()
        speaker.speak("Home, button.", "en")
        timings.append((time.perf_counter() - start) * 1000)
        speaker.stop()
    print(f"\nespeak-ng start: p95 {p95(timings):.1f} ms")
    assert p95(timings) <= BUDGET_MS
