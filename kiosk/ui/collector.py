"""Python's cycle collector, run on the UI thread only.

Python collects reference cycles in whichever thread happens to allocate past the
threshold. The kiosk runs Python on pool threads (rendering the content pack, loading
the clinic directory, PIN checks, imports), so a collection could start there and free a
cycle that holds widgets: a QWidget destroyed off the UI thread corrupts Qt's state and
crashes the process later, somewhere else (the test suite saw the UI thread crash in the
collector while a pool thread rendered the pack). Qt applications in Python that run
for days pin collection to the UI thread (pyqtgraph, calibre): automatic collection is
switched off, and a timer on the UI thread collects the generations whose counts passed
Python's own thresholds, as the automatic collector would have.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QCoreApplication, QObject, QTimer

CHECK_MS = 250  # how often the counts are looked at; a check costs about a microsecond
# A full collection walks every object (~15-20 ms once all screens are built), so it
# waits until nobody has touched the screen for this long; meanwhile the younger
# generations are collected as usual. Timed full collections landed in taps before
# (Contrast on the clinic results: p95 70 ms against 44 ms with the automatic collector,
# tests/test_bench_ui_taps.py).
QUIET_S = 2.0
# Right after a touch or key the response is being laid out and painted: even the young
# generations wait a moment (a collection of them took up to 7 ms inside a Text size
# tap), unless their count has run far past its threshold (a long drag, a busy loop).
BUSY_S = 0.3
OVERDUE = 20  # thresholds over: collect anyway
NAME = "UI-thread garbage collector"


class UiThreadCollector(QObject):
    """Collects cycles on the thread it lives on (the UI thread), by Python's thresholds."""

    def __init__(self, parent: QObject, interval_ms: int = CHECK_MS) -> None:
        super().__init__(parent)
        self.setObjectName(NAME)
        self.collections = [0, 0, 0]  # by generation, for tests and the soak
        self._thresholds = gc.get_threshold()
        self._last_activity = time.monotonic()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(interval_ms)

    def note_activity(self) -> None:
        """A touch, click or key: no collection for BUSY_S seconds, no full one for QUIET_S."""
        self._last_activity = time.monotonic()

    def check(self) -> int:
        """Collect the oldest generation whose count passed its threshold; -1 if none did."""
        counts = gc.get_count()
        generation = -1
        for index, (count, threshold) in enumerate(zip(counts, self._thresholds, strict=True)):
            if threshold and count > threshold:
                generation = index
        since = time.monotonic() - self._last_activity
        if generation == 2 and since < QUIET_S:
            generation = 1  # the full collection waits for a quiet moment
        if generation >= 0 and since < BUSY_S and counts[0] < OVERDUE * self._thresholds[0]:
            return -1  # a tap is being answered: the next check collects
        if generation >= 0:
            gc.collect(generation)
            self.collections[generation] += 1
        return generation


def pin_collection_to_ui_thread(app: QCoreApplication) -> UiThreadCollector:
    """Install the collector on ``app`` once (later calls return the same one)."""
    found = app.findChild(UiThreadCollector, NAME)
    return found if found is not None else UiThreadCollector(app)
