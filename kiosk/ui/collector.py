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

from PySide6.QtCore import QCoreApplication, QObject, QTimer

CHECK_MS = 250  # how often the counts are looked at; a check costs about a microsecond
NAME = "UI-thread garbage collector"


class UiThreadCollector(QObject):
    """Collects cycles on the thread it lives on (the UI thread), by Python's thresholds."""

    def __init__(self, parent: QObject, interval_ms: int = CHECK_MS) -> None:
        super().__init__(parent)
        self.setObjectName(NAME)
        self.collections = [0, 0, 0]  # by generation, for tests and the soak
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(interval_ms)

    def check(self) -> int:
        """Collect the oldest generation whose count passed its threshold; -1 if none did."""
        counts = gc.get_count()
        generation = -1
        for index, (count, threshold) in enumerate(zip(counts, self._thresholds, strict=True)):
            if threshold and count > threshold:
                generation = index
        if generation >= 0:
            gc.collect(generation)
            self.collections[generation] += 1
        return generation


def pin_collection_to_ui_thread(app: QCoreApplication) -> UiThreadCollector:
    """Install the collector on ``app`` once (later calls return the same one)."""
    found = app.findChild(UiThreadCollector, NAME)
    return found if found is not None else UiThreadCollector(app)
