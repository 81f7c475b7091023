"""The Listen button: shown only with a voice, speaks the page, stops when the patient moves on."""

from __future__ import annotations

import pytest

from kiosk.ui.app import build_window
from tests.test_speech import install_fake
from tests.ui_helpers import controls, settings_for, settle, tap


@pytest.fixture
def make(qtbot, tmp_path):
    made = []

    def build():
        window = build_window(settings_for(tmp_path), windowed=True, size=(1280, 800))
        qtbot.addWidget(window)
        window.show()
        made.append(window)
        return window

    yield build
    for window in made:
        if window.speaker is not None:
            window.speaker.stop()
        window._allow_close = True
        window.close()
        window._uninstall_hook()


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
