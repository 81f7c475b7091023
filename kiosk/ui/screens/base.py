"""What every screen shares: a name, retranslation and a session reset."""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea, QWidget

from kiosk.ui.touch import enable_kinetic_scroll


class Screen(QWidget):
    """A full screen in the stack. Subclasses override ``retranslate`` and ``reset``."""

    name = "screen"
    look: tuple[str, int] = ("", 0)  # theme and text size last given (MainWindow._style)

    def retranslate(self) -> None:
        """Refresh every visible string in the current language."""

    def reset(self) -> None:
        """Forget everything the last patient did here."""

    def leave(self) -> None:
        """Called when the screen stops being shown (stop speech, timers)."""


def scroll_area(content: QWidget) -> QScrollArea:
    """A vertical, kinetic scroll area around ``content`` that never scrolls sideways."""
    area = QScrollArea()
    # A viewport made in Python is one PySide6 already knows. Qt's own is a private
    # class, and the first time Python asks for one PySide6 initialises every widget
    # class it has (about 80 enums, 30-45 ms) to find a wrapper type for it: too
    # much to spend before the first screen is painted.
    area.setViewport(QWidget())
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(content)
    enable_kinetic_scroll(area)
    return area
