"""The kiosk shell driven as a patient would: taps on controls found by accessible name."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QAbstractButton, QLabel

from kiosk.pin import hash_pin
from tests.ui_helpers import (
    control,
    controls,
    settings_for,
    settle,
    shorten_timers,
    shows,
    tap,
    touch_device,
)


def visible_scroll_area(root):
    from PySide6.QtWidgets import QScrollArea

    return next(a for a in root.findChildren(QScrollArea) if a.isVisible())

PIN = "2468"
PIN_HASH = hash_pin(PIN)


@pytest.fixture
def make_window(open_window, tmp_path):
    def make(extra: str = "", windowed: bool = True, size=(1280, 800)):
        return open_window(settings_for(tmp_path, extra), windowed=windowed, size=size)

    return make


@pytest.fixture
def window(make_window):
    return make_window()


def test_home_shows_name_tiles_and_prominent_actions(window):
    assert window.current_screen() is window.home
    for name in ("Welcome", "Symptoms", "Causes", "Find a clinic", "Get help now"):
        assert controls(window, name), name
    # Help and locator pages are not topic tiles.
    assert len([w for w in controls(window.home, "Get help now")]) == 1


def test_tap_tile_opens_page_and_next_previous_walk_the_sequence(qtbot, window):
    tap(qtbot, window, "Welcome")
    assert window.reader.page.id == "welcome"
    assert shows(window, "1 of 3")
    tap(qtbot, window, "Next")
    assert window.reader.page.id == "symptoms"
    assert window.reader.showing_warning()
    tap(qtbot, window, "Continue")
    assert not window.reader.showing_warning()
    tap(qtbot, window, "Next")
    assert window.reader.page.id == "causes"
    assert not control(window, "Next").isEnabled()
    tap(qtbot, window, "Previous")
    assert window.reader.page.id == "symptoms"
    # An accepted warning is not shown again in the same session.
    assert not window.reader.showing_warning()
    tap(qtbot, window, "Back")
    assert window.reader.page.id == "causes"
    tap(qtbot, window, "Home")
    assert window.current_screen() is window.home
    assert not control(window, "Back").isEnabled()


def test_content_warning_go_back(qtbot, window):
    tap(qtbot, window, "Symptoms")
    assert window.reader.showing_warning()
    tap(qtbot, window, "Go back")
    assert window.current_screen() is window.home


def test_page_link_navigates(qtbot, window):
    from PySide6.QtCore import QUrl

    tap(qtbot, window, "Welcome")
    browser = control(window, "Page text")
    browser.anchorClicked.emit(QUrl("page:symptoms"))
    assert window.reader.page.id == "symptoms"
    browser.anchorClicked.emit(QUrl("https://example.org"))
    assert window.reader.page.id == "symptoms"


def test_swipe_left_and_right_change_page(qtbot, window):
    tap(qtbot, window, "Causes")
    viewport = control(window, "Page text").viewport()
    start, end = QPoint(700, 200), QPoint(300, 210)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start)
    settle()
    assert window.reader.page.id == "symptoms"  # finger moved right: previous page
    tap(qtbot, window, "Continue")
    viewport = visible_scroll_area(window.reader).viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    settle()
    assert window.reader.page.id == "causes"  # finger moved left: next page


def test_get_help_now_from_every_screen(qtbot, window):
    for opener in (window.go_home, lambda: window.open_page("welcome"), window.open_locator):
        opener()
        settle()
        tap(qtbot, window.bar, "Get help now")
        assert window.current_screen() is window.help
        assert "988" in control(window.help, "Page text").toPlainText()
        assert shows(window.help, "Get help now")


def test_quick_hide_hides_everything_and_returns(qtbot, window):
    tap(qtbot, window, "Welcome")
    tap(qtbot, window, "Quick hide")
    assert window.current_screen() is window.hidden
    assert not window.bar.isVisible()
    assert "Welcome" not in [w.accessibleName() for w in controls(window, "Welcome")]
    tap(qtbot, window, "Return")
    assert window.reader.page.id == "welcome"
    tap(qtbot, window, "Quick hide")
    tap(qtbot, window, "Start over")
    assert window.current_screen() is window.home


def test_text_size_and_contrast_change_the_look(qtbot, window):
    title = next(label for label in window.home.findChildren(QLabel)
                 if label.isVisible() and label.text() == window.kiosk_name())
    size = title.font().pixelSize()
    tap(qtbot, window, "Text size")
    assert window.state.text_step == 1
    assert title.font().pixelSize() > size
    tap(qtbot, window, "Contrast")
    assert window.state.theme == "high-contrast"
    image = window.grab().toImage()
    assert image.pixelColor(window.width() // 2, window.height() - 5).name() == "#000000"


def test_screens_not_on_show_take_the_new_look_when_next_shown(qtbot, window):
    window.open_page("welcome")
    settle()
    assert window.current_screen() is window.reader
    body = window.reader.findChildren(QLabel)[0]
    window.go_home()
    settle()
    size = body.font().pixelSize()
    tap(qtbot, window, "Text size")
    tap(qtbot, window, "Contrast")
    window.open_page("welcome")
    settle()
    assert body.font().pixelSize() > size
    image = window.grab().toImage()
    assert image.pixelColor(window.width() // 2, window.height() - 5).name() == "#000000"


def test_idle_warning_then_reset_then_attract_swallows_the_wake_tap(qtbot, window):
    tap(qtbot, window, "Welcome")
    tap(qtbot, window, "Text size")
    tap(qtbot, window, "Language")
    window.idle_overlay.warning_seconds = 3
    shorten_timers(window, idle_ms=30, warning_tick_ms=100)
    qtbot.waitUntil(window.idle_overlay.isVisible, timeout=2000)
    tap(qtbot, window, "Sigo aquí")
    assert not window.idle_overlay.isVisible()
    assert window.reader.page.id == "welcome"
    with qtbot.waitSignal(window.reset_done, timeout=3000):
        pass
    assert window.attract.isVisible()
    assert window.current_screen() is window.home
    assert window.state.language == "en" and window.state.text_step == 0
    assert not window.history
    # The tap that wakes the attract screen must not open the tile beneath it.
    tile = control(window.home, "Welcome")
    point = tile.mapTo(window, tile.rect().center())
    qtbot.mouseClick(window.attract, Qt.MouseButton.LeftButton, pos=point)
    settle()
    assert not window.attract.isVisible()
    assert window.current_screen() is window.home


def test_activity_restarts_the_idle_timer(qtbot, window):
    shorten_timers(window, idle_ms=300)
    for _ in range(5):
        qtbot.wait(100)
        qtbot.mouseMove(window.home, QPoint(10, 10))
        qtbot.mousePress(window.home, Qt.MouseButton.LeftButton, pos=QPoint(5, 300))
        qtbot.mouseRelease(window.home, Qt.MouseButton.LeftButton, pos=QPoint(5, 300))
    assert not window.idle_overlay.isVisible()


def test_touch_events_count_as_activity(qtbot, window):
    from PySide6.QtTest import QTest

    device = touch_device()
    # A stopped idle timer is started again by each kind of touch event.
    window.session.stop()
    QTest.touchEvent(window, device).press(0, QPoint(600, 400)).commit()
    assert window.session.is_running()
    window.session.stop()
    QTest.touchEvent(window, device).move(0, QPoint(600, 300)).commit()
    assert window.session.is_running()
    window.session.stop()
    QTest.touchEvent(window, device).release(0, QPoint(600, 300)).commit()
    assert window.session.is_running()


# The staff gesture, PIN pad and lockout: tests/test_ui_staff.py.


def test_close_and_escape_ignored_in_fullscreen(qtbot, make_window):
    window = make_window(windowed=False)
    event = QCloseEvent()
    window.closeEvent(event)
    assert not event.isAccepted()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    settle()
    assert window.isVisible()


def test_staff_settings_problems_are_listed(qtbot, tmp_path, make_window):
    from kiosk.settings import parse_settings

    window = make_window()
    bad = parse_settings("[kiosk]\nidle_timout_seconds = 3\n", "bad.toml")
    window.settings = bad
    window.open_staff()
    assert "bad.toml:2: kiosk.idle_timout_seconds: unknown key" in window.staff.text()


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_slot_returns_home_and_kiosk_lives_on(qtbot, window):
    def broken() -> None:
        raise RuntimeError("boom")

    tap(qtbot, window, "Welcome")
    window.bar.contrast.connect(broken)
    tap(qtbot, window, "Contrast")
    assert window.current_screen() is window.home
    tap(qtbot, window, "Welcome")
    assert window.reader.page.id == "welcome"
    tap(qtbot, window, "Contrast")
    tap(qtbot, window, "Contrast")
    assert window.current_screen() is window.error_screen
    tap(qtbot, window.error_screen, "Home")
    assert window.current_screen() is window.home


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920), (1280, 800)])
def test_every_visible_control_is_touch_sized(qtbot, make_window, size):
    from kiosk.ui.touch import min_target_px

    window = make_window(size=size)
    window.setFixedSize(*size)
    minimum = min_target_px(window.screen())
    openers = [window.go_home, lambda: window.open_page("welcome"),
               lambda: window.open_page("symptoms"), window.open_help, window.open_locator,
               window.quick_hide, window.open_staff, window.idle_overlay.open,
               window.pin_pad.open]
    for open_screen in openers:
        window.go_home()
        window.idle_overlay.close_overlay()
        window.pin_pad.hide()
        open_screen()
        settle()
        small = [
            (b.accessibleName(), b.width(), b.height())
            for b in window.findChildren(QAbstractButton)
            if b.isVisible() and (b.width() < minimum or b.height() < minimum)
        ]
        assert not small, f"{size}: controls under {minimum}px: {small}"


def test_every_button_has_an_accessible_name(qtbot, window):
    for opener in (window.go_home, lambda: window.open_page("welcome"), window.open_staff):
        opener()
        settle()
        unnamed = [b for b in window.findChildren(QAbstractButton)
                   if b.isVisible() and not b.accessibleName()]
        assert not unnamed


def test_staff_screen_shows_clinic_directory_figures(qtbot, window):
    window.open_staff()
    qtbot.waitUntil(lambda: window.locator.is_loaded(), timeout=10_000)
    settle()
    text = window.staff.text()
    assert "Clinic directory" in text
    assert "Sample" in text or "demo" in text.lower()


def test_a_touchscreen_plugged_in_while_running_does_not_crash():
    """Registering a touch device while the reader listens for swipes once segfaulted."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "from PySide6.QtCore import QPoint\n"
        "from PySide6.QtGui import QPointingDevice\n"
        "from PySide6.QtTest import QTest\n"
        "from kiosk.settings import Settings\n"
        "from kiosk.ui.app import build_window\n"
        "w = build_window(Settings(), windowed=True); w.show(); w.open_page('welcome')\n"
        "d = QTest.createTouchDevice(QPointingDevice.DeviceType.TouchScreen)\n"
        "QTest.touchEvent(w, d).press(0, QPoint(600, 400)).commit()\n"
        "QTest.touchEvent(w, d).release(0, QPoint(600, 400)).commit()\n"
        "print('alive')\n"
    )
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True,
                            text=True, timeout=120,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0 and "alive" in result.stdout, result.stderr[-500:]


def test_links_in_a_list_page_intro_work(qtbot, window):
    from PySide6.QtWidgets import QLabel

    window.open_page("symptoms")
    settle()
    tap(qtbot, window, "Continue")
    intro = next(label for label in window.reader.findChildren(QLabel)
                 if label.isVisible() and "page:" in label.text())
    intro.linkActivated.emit("page:help-now")
    assert window.current_screen() is window.help


def test_ctrl_q_quits_the_windowed_demo_only(qtbot, make_window, monkeypatch):
    from PySide6.QtWidgets import QApplication

    quits = []
    monkeypatch.setattr(QApplication, "quit", lambda *args: quits.append(True))
    fullscreen = make_window(windowed=False)
    qtbot.keyClick(fullscreen, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    settle()
    assert fullscreen.isVisible() and not quits
    windowed = make_window(windowed=True)
    windowed.activateWindow()
    qtbot.keyClick(windowed, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    settle()
    assert not windowed.isVisible() and quits

