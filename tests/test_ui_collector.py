"""Python's cycle collector runs on the UI thread only (kiosk/ui/collector.py)."""

from __future__ import annotations

import gc
import threading

from kiosk.ui.app import ensure_app
from kiosk.ui.collector import UiThreadCollector, pin_collection_to_ui_thread
from kiosk.ui.workers import Task


class Cycle:
    """Garbage that only the cycle collector can free; records the thread that freed it."""

    freed_on: list[int] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        Cycle.freed_on.append(threading.get_ident())


def test_the_kiosk_app_pins_collection_to_the_ui_thread(qapp):
    app = ensure_app()
    collector = pin_collection_to_ui_thread(app)
    assert isinstance(collector, UiThreadCollector)
    assert pin_collection_to_ui_thread(app) is collector  # once per application
    assert not gc.isenabled()


def test_cycles_left_by_a_pool_thread_are_freed_on_the_ui_thread(qtbot, qapp):
    pin_collection_to_ui_thread(ensure_app())
    ui_thread = threading.get_ident()
    Cycle.freed_on.clear()

    def allocate() -> int:
        # Far past every generation's threshold: automatic collection would run here.
        for _ in range(20_000):
            Cycle()
            [[] for _ in range(5)]
        return threading.get_ident()

    task = Task(timeout_ms=20_000)
    with qtbot.waitSignal(task.returned, timeout=20_000) as blocker:
        task.start(allocate)
    assert blocker.args[0] != ui_thread
    # Whatever was collected so far was collected on the UI thread, never the pool's.
    assert set(Cycle.freed_on) <= {ui_thread}
    qtbot.waitUntil(lambda: len(Cycle.freed_on) >= 19_000, timeout=5000)  # by the timer
    assert set(Cycle.freed_on) == {ui_thread}


def test_the_check_collects_the_oldest_generation_past_its_threshold(qapp, monkeypatch):
    import kiosk.ui.collector as collector_module

    monkeypatch.setattr(collector_module, "BUSY_S", 0.0)  # no tap being answered
    collector = pin_collection_to_ui_thread(ensure_app())
    gc.collect()
    assert collector.check() == -1  # nothing pending right after a full collection
    threshold0 = gc.get_threshold()[0]
    keep = [[] for _ in range(threshold0 + 10)]  # container allocations count for gen 0
    before = collector.collections[0]
    assert collector.check() == 0
    assert collector.collections[0] == before + 1
    assert keep


def test_a_full_collection_waits_while_the_screen_is_being_touched(qapp, monkeypatch):
    import kiosk.ui.collector as collector_module

    collector = pin_collection_to_ui_thread(ensure_app())
    monkeypatch.setattr(collector, "_thresholds", (1, 1, 1))
    monkeypatch.setattr(collector_module.gc, "get_count", lambda: (5, 5, 5))  # all are due
    collector.note_activity()
    assert collector.check() == -1  # a tap is being answered: nothing yet
    monkeypatch.setattr(collector_module, "BUSY_S", 0.0)
    assert collector.check() == 1  # a moment later: the younger generations only
    monkeypatch.setattr(collector_module, "QUIET_S", 0.0)
    assert collector.check() == 2  # quiet: the full collection runs


def test_young_collections_wait_out_a_tap_but_not_forever(qapp, monkeypatch):
    import kiosk.ui.collector as collector_module

    collector = pin_collection_to_ui_thread(ensure_app())
    monkeypatch.setattr(collector, "_thresholds", (10, 10, 10))
    monkeypatch.setattr(collector_module.gc, "get_count", lambda: (15, 0, 0))
    collector.note_activity()
    assert collector.check() == -1  # just touched: waits
    # A long drag keeps touching; once gen 0 has run 20 thresholds over, it collects.
    monkeypatch.setattr(collector_module.gc, "get_count", lambda: (10 * 20 + 1, 0, 0))
    collector.note_activity()
    assert collector.check() == 0
