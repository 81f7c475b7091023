"""The key map: which key press means which action, on a PC keyboard and a USB keypad."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

from kiosk.keynames import KEYPAD, Action, canonical, merged_map

log = logging.getLogger("kiosk.access")

# Ctrl, Alt and Meta combinations are never taken: Ctrl+Q and Alt+F4 stay with the
# window's lockdown. Shift is ignored (Shift+Tab arrives as Backtab).
_COMBO = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
          | Qt.KeyboardModifier.MetaModifier)

DIGIT_KEYS = {getattr(Qt.Key, f"Key_{d}").value: str(d) for d in range(10)}


def _qt_key(name: str) -> int:
    return getattr(Qt.Key, f"Key_{name}").value


class KeyMap:
    """Key codes (with or without the keypad flag) to actions; the first action listed wins."""

    def __init__(self, actions: Iterable[tuple[Action, tuple[str, ...]]]) -> None:
        self._map: dict[tuple[int, bool], Action] = {}
        self.keys: dict[Action, tuple[str, ...]] = {}
        for action, names in actions:
            self.keys[action] = names
            for name in names:
                for code in self._codes(name):
                    self._map.setdefault(code, action)

    @classmethod
    def from_settings(cls, overrides: Mapping[str, Iterable[str]] | None) -> KeyMap:
        """The default map with the ``[keys]`` table's actions replaced."""
        clean: dict[str, list[str] | tuple[str, ...]] = {
            a: list(names) for a, names in (overrides or {}).items()}
        return cls(merged_map(clean))

    @staticmethod
    def _codes(name: str) -> list[tuple[int, bool]]:
        name = canonical(name) or name
        if name in KEYPAD:
            return [(_qt_key(sent), True) for sent in KEYPAD[name]]
        try:
            return [(_qt_key(name), False)]
        except AttributeError:
            log.warning("key map: unknown key %r ignored", name)
            return []

    def action(self, event: QKeyEvent) -> Action | None:
        """The action this key press asks for, or None (not mapped, or a Ctrl/Alt combination)."""
        modifiers = event.modifiers()
        if modifiers & _COMBO:
            return None
        keypad = bool(modifiers & Qt.KeyboardModifier.KeypadModifier)
        return self._map.get((event.key(), keypad))

    def first_key(self, action: Action, keypad: bool) -> str:
        """The first key given to ``action`` on the keypad (or not), for spoken hints; "" if none."""
        for name in self.keys.get(action, ()):
            if name.startswith("KP_") == keypad:
                return name
        return ""


def is_keypad(event: QKeyEvent) -> bool:
    return bool(event.modifiers() & Qt.KeyboardModifier.KeypadModifier)


def digit(event: QKeyEvent) -> str:
    """The digit this key types ("" for any other key or a Ctrl/Alt combination)."""
    if event.modifiers() & _COMBO:
        return ""
    return DIGIT_KEYS.get(event.key(), "")
