"""The Listen button: shown only with a voice, speaks the page, stops when the patient moves on."""

from __future__ import annotations

import pytest

from tests.test_speech import install_fake
from tests.ui_helpers import controls, settings_for, settle, tap


@pytest.fixture
def make(open_window, tmp_path):
    return lambda: open_window(settings_for(tmp_path))


def test_no_voice_no_button(qtbot, make):
    window = make()  # conftest sets KIOSK_SPEECH=none
    tap(qtbot, window, "Welcome")
    assert not controls(window, "Listen")


def test_listen_speaks_and_stops_on_navigation_language_and_reset(qtbot, make, tmp_path,
                                                                  monkeypatch):
    install_fake(tmp_path / "bin")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.setenv("KIOSK_SPEECH", "espeak")
    window = make()
    tap(qtbot, window, "Welcome")
    tap(qtbot, window, "Listen")
    qtbot.waitUntil(window.speaker.is_speaking, timeout=5000)
    assert controls(window, "Stop")
    args = tmp_path / "bin" / "args.txt"
    qtbot.waitUntil(args.exists, timeout=5000)
    qtbot.waitUntil(lambda: "en-us" in args.read_text(), timeout=5000)
    with qtbot.waitSignal(window.speaker.state_changed, timeout=5000):
        tap(qtbot, window, "Next")  # navigation stops speech
    assert not window.speaker.is_speaking()

    tap(qtbot, window, "Previous")
    tap(qtbot, window, "Listen")
    qtbot.waitUntil(window.speaker.is_speaking, timeout=5000)
    with qtbot.waitSignal(window.speaker.state_changed, timeout=5000):
        tap(qtbot, window, "Language")
    assert not window.speaker.is_speaking()

    tap(qtbot, window, "Escuchar")
    qtbot.waitUntil(window.speaker.is_speaking, timeout=5000)
    qtbot.waitUntil(lambda: "es-419" in args.read_text(), timeout=5000)
    with qtbot.waitSignal(window.speaker.state_changed, timeout=5000):
        window.reset_session()
    assert not window.speaker.is_speaking()
    settle()


def test_get_help_now_can_be_heard_and_stops_when_left(qtbot, make, tmp_path, monkeypatch):
    install_fake(tmp_path / "bin")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.setenv("KIOSK_SPEECH", "espeak")
    window = make()
    tap(qtbot, window.bar, "Get help now")
    assert window.current_screen() is window.help
    tap(qtbot, window.help, "Listen")
    qtbot.waitUntil(window.speaker.is_speaking, timeout=5000)
    assert controls(window.help, "Stop")
    spoken = tmp_path / "bin" / "stdin.txt"  # the fake engine keeps what it was given
    qtbot.waitUntil(lambda: spoken.exists() and "nine eight eight" in spoken.read_text(),
                  timeout=5000)
    with qtbot.waitSignal(window.speaker.state_changed, timeout=5000):
        tap(qtbot, window, "Home")
    assert not window.speaker.is_speaking()


def test_no_voice_no_button_on_get_help_now(qtbot, make):
    window = make()
    tap(qtbot, window.bar, "Get help now")
    assert not controls(window.help, "Listen")



def test_no_focus_ring_follows_the_patient_to_the_next_screen(qtbot, make, tmp_path,
                                                              monkeypatch):
    """Screens change without a tap too (idle reset, a link, Get help now from the
    warning); the focus given to a content warning's Continue must not travel on."""
    from PySide6.QtWidgets import QAbstractButton, QApplication

    install_fake(tmp_path / "bin")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.setenv("KIOSK_SPEECH", "espeak")
    window = make()
    for move_on in (window.open_help, window.reset_session, window.go_home):
        window.reader.accepted_warnings.clear()
        window.open_page("symptoms")  # a content warning: Continue takes the focus
        settle()
        assert window.reader.showing_warning()
        tap(qtbot, window, "Continue")
        move_on()
        settle()
        focused = QApplication.focusWidget()
        assert not isinstance(focused, QAbstractButton), (move_on.__name__,
                                                          focused.accessibleName())
