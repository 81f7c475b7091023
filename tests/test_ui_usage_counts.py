"""Usage counts from the running kiosk: a page counts once per patient session (the idle
reset starts a new one); counts under ``[stats] min_count`` reach staff as "fewer than N"."""

from __future__ import annotations

from kiosk.stats import Stats
from kiosk.ui.services import UsageCounter
from tests.ui_helpers import settings_for, tap


def test_a_page_counts_once_per_session_and_small_counts_are_hidden(qtbot, open_window,
                                                                     tmp_path):
    stats = Stats.open(tmp_path / "stats.sqlite", True, min_count=3)
    counter = UsageCounter(stats)
    window = open_window(settings_for(tmp_path), stats=counter)
    for _ in range(3):  # one patient reads Welcome three times
        tap(qtbot, window, "Welcome")
        window.go_home()
    tap(qtbot, window, "Welcome")
    tap(qtbot, window, "Next")
    window.reset_session()  # the next patient
    tap(qtbot, window, "Welcome")
    counter.flush()
    views = {key: count for _day, event, key, count in stats.last_days(1)
             if event == "page_view"}
    assert views == {"welcome": 2, "symptoms": 1}
    today = next(iter(stats.summary(1).values()))
    assert today["page_view"] == 3  # 3 sessions' page views in all: at the threshold
    assert today["idle_reset"] == "fewer than 3"
    counter.close()


def test_malloc_arenas_are_capped_unless_the_environment_says(monkeypatch):
    """One arena: worker threads' peaks (scrypt, renders) are not kept per thread."""
    import sys

    from kiosk.ui.workers import limit_malloc_arenas

    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert limit_malloc_arenas() is False
    monkeypatch.delenv("MALLOC_ARENA_MAX")
    assert limit_malloc_arenas() is sys.platform.startswith("linux")
