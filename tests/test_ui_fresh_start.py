"""A kiosk under systemd starts afresh after [kiosk] fresh_start_hours, when nobody is there.

What months of use leave in the heap (tests/soak/README.md) cannot add up: after the
configured hours, the next session that runs out unattended ends with the window asking
to quit (``fresh_start_due``, on which run_kiosk ends its event loop with code 0), and systemd's
``Restart=always`` starts the kiosk again. Never on a laptop, never mid-session.
"""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import Qt

from kiosk.settings import parse_settings
from kiosk.ui.session import FreshStart
from kiosk.ui.staff_report import build_report
from tests.ui_helpers import settings_for, settle, shorten_timers, tap

HOUR = 3600.0


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_due_only_after_its_hours_and_only_under_a_supervisor():
    clock = Clock()
    fresh = FreshStart(24, supervised=True, clock=clock)
    clock.now += 23.9 * HOUR
    assert not fresh.due()
    clock.now += 0.1 * HOUR
    assert fresh.due() and round(fresh.hours_running()) == 24
    laptop = FreshStart(24, supervised=False, clock=clock)
    clock.now += 1000 * HOUR
    assert not laptop.due()
    assert not FreshStart(0, supervised=True, clock=clock).due()  # 0: never


def test_the_setting_is_checked_and_defaults_to_a_day(tmp_path):
    assert parse_settings("", str(tmp_path / "k.toml")).kiosk.fresh_start_hours == 24
    assert parse_settings("[kiosk]\nfresh_start_hours = 0\n",
                          str(tmp_path / "k.toml")).kiosk.fresh_start_hours == 0
    bad = parse_settings("[kiosk]\nfresh_start_hours = 5000\n", str(tmp_path / "k.toml"))
    assert bad.kiosk.fresh_start_hours == 24
    assert [p.key for p in bad.problems] == ["kiosk.fresh_start_hours"]


@pytest.fixture
def supervised(monkeypatch, tmp_path):
    monkeypatch.setenv("NOTIFY_SOCKET", str(tmp_path / "notify.sock"))


def run_out_unattended(qtbot, window) -> None:
    """Let the idle time and "Still there?" run out with nobody answering."""
    window.idle_overlay.warning_seconds = 1
    shorten_timers(window, idle_ms=30, warning_tick_ms=50)
    with qtbot.waitSignal(window.reset_done, timeout=5000):
        pass
    window.session.set_timeout_ms(60_000)  # no second run-out while the test looks
    window.session.restart()


def test_under_systemd_the_kiosk_asks_to_start_afresh_when_a_session_runs_out_after_a_day(
        qtbot, open_window, tmp_path, supervised, caplog):
    window = open_window(settings_for(tmp_path))
    assert window.fresh_start.enabled() and window.fresh_start.hours == 24
    clock = Clock()
    window.fresh_start = FreshStart(24, supervised=True, clock=clock)
    asked = []
    window.fresh_start_due.connect(lambda: asked.append(True))

    clock.now += 23 * HOUR  # not yet a day: a session runs out as always
    tap(qtbot, window, "Welcome")
    run_out_unattended(qtbot, window)
    assert asked == [] and window.attract.isVisible()

    clock.now += 2 * HOUR  # a day has passed, but a patient is reading: nothing happens
    qtbot.mouseClick(window.attract, Qt.MouseButton.LeftButton)  # a patient wakes the kiosk
    settle()
    assert not window.attract.isVisible()
    tap(qtbot, window, "Welcome")
    window.reset_session()  # a session ended some other way (staff, language reset) is no cue
    assert asked == []

    with caplog.at_level(logging.INFO, logger="kiosk.ui"):
        run_out_unattended(qtbot, window)
    assert asked == [True]
    assert window.attract.isVisible()  # what shows for the moment before the window closes
    assert "starting afresh after 25 hours, with nobody at the kiosk" in caplog.text


def test_on_a_laptop_the_kiosk_never_asks(qtbot, open_window, tmp_path):
    window = open_window(settings_for(tmp_path))
    assert not window.fresh_start.enabled()
    asked = []
    window.fresh_start_due.connect(lambda: asked.append(True))
    run_out_unattended(qtbot, window)
    assert asked == []


def test_staff_see_when_the_kiosk_starts_afresh(tmp_path, supervised):
    from kiosk.content import load_pack

    pack = load_pack(None)
    lines = dict(build_report(settings_for(tmp_path, pack=False), pack))["Maintenance"]
    assert ("It starts afresh after 24 hours of running, the next time a session ends with "
            "nobody at the kiosk ([kiosk] fresh_start_hours).") in lines
    one = settings_for(tmp_path, pack=False)
    one = one._replace(kiosk=one.kiosk._replace(fresh_start_hours=1))
    assert any("after 1 hour of running" in line for line in dict(build_report(one, pack))["Maintenance"])
    never = one._replace(kiosk=one.kiosk._replace(fresh_start_hours=0))
    assert ("It never starts afresh by itself ([kiosk] fresh_start_hours = 0)."
            in dict(build_report(never, pack))["Maintenance"])


def test_run_kiosk_ends_its_event_loop_with_code_0_when_the_fresh_start_is_due(
        qtbot, tmp_path, supervised, caplog):
    """The whole path in the kiosk's own event loop: the idle time runs out unattended
    after the hours, and run_kiosk returns 0 (what systemd's Restart=always starts again).
    A wiring that did not end the loop (Qt 6's quit() is refused by the locked-down window)
    would end here with 3, from the safety timer."""
    import signal

    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.app import run_kiosk
    from kiosk.ui.window import MainWindow

    before = {id(w) for w in QApplication.topLevelWidgets()}
    clock = Clock()
    found: list[MainWindow] = []

    def after_start() -> None:
        window = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, MainWindow) and id(w) not in before)
        found.append(window)
        window.fresh_start = FreshStart(24, supervised=True, clock=clock)
        clock.now += 24 * HOUR
        window.idle_overlay.warning_seconds = 1
        shorten_timers(window, idle_ms=30, warning_tick_ms=50)

    settings = settings_for(tmp_path)  # fullscreen and locked down, as on the kiosk
    fullscreen = settings._replace(kiosk=settings.kiosk._replace(fullscreen=True))
    old_term, old_int = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    timers = []
    for ms, call in ((1500, after_start),  # after the window's warm-up
                     (15000, lambda: QApplication.exit(3))):  # safety: never hang
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(call)
        timer.start(ms)
        timers.append(timer)
    try:
        with caplog.at_level(logging.INFO, logger="kiosk.ui"):
            code = run_kiosk(fullscreen)
    finally:
        for timer in timers:  # a pending exit(3) would end a later test's event loops
            timer.stop()
        QGuiApplication.restoreOverrideCursor()  # fullscreen hides the pointer
        signal.signal(signal.SIGTERM, old_term)
        signal.signal(signal.SIGINT, old_int)  # pytest's Ctrl+C
        signal.set_wakeup_fd(-1)
        for window in found:
            window.dispose()
    assert found, "the kiosk's window never came up"
    assert code == 0
    assert "starting afresh after 24 hours, with nobody at the kiosk" in caplog.text
    assert "kiosk stopped" in caplog.text
