"""Helpers for the access tests: a recording voice and key presses only (no mouse, no touch)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.ui import access
from kiosk.ui.speech import RecordingBackend, Speaker
from tests.ui_helpers import settle

KP = Qt.KeyboardModifier.KeypadModifier
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def recording_voice(monkeypatch):
    """Every Speaker the kiosk makes records what it would say instead of speaking."""
    monkeypatch.setattr(Speaker, "create",
                        classmethod(lambda cls, prefer=None, parent=None: cls(RecordingBackend(), parent)))


class Keys:
    """Drive one window with key presses and read what the voice was asked to say."""

    def __init__(self, qtbot, window) -> None:
        self.qtbot = qtbot
        self.window = window
        qtbot.waitUntil(lambda: access.of(window) is not None and access.of(window).active,
                        timeout=3000)
        self.access = access.of(window)

    def press(self, key: Qt.Key, modifier=NONE, times: int = 1) -> str:
        """Press a key (``modifier`` KP for the numeric keypad); returns the last thing said."""
        for _ in range(times):
            target = QApplication.focusWidget()
            if target is None or target.window() is not self.window:
                target = self.window
            self.qtbot.keyClick(target, key, modifier)
            settle()
        return self.last()

    def keypad(self, digit: str, numlock: bool = True) -> str:
        return self.press(getattr(Qt.Key, f"Key_{digit}"), KP)

    def spoken(self) -> list[str]:
        speaker = self.window.speaker
        if speaker is None:
            return []
        backend = speaker.backend
        assert isinstance(backend, RecordingBackend)
        return backend.texts()

    def last(self) -> str:
        said = self.spoken()
        return said[-1] if said else ""

    def said_since(self, count: int) -> list[str]:
        return self.spoken()[count:]
