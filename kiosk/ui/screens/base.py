"""What every screen shares: its name, and the hooks the window calls (no-op by default).

The window calls every hook on every screen, so a screen overrides only what it
needs and nothing asks ``hasattr``:

- ``apply_style(qss)`` (contrast changed), ``apply_text_size(text_px)`` (text size
  changed), then ``set_appearance(theme, text_px)``: called just before the screen is
  next shown (see ``MainWindow``);
- ``retranslate()``: the language changed;
- ``on_data_changed(change)``: new content or clinic data went live;
- ``clear()``: the session ended: forget everything the patient did or saw,
  including text held in hidden widgets (labels, list models, QR codes);
- ``leave()``: the screen stops being shown (stop speech, scrolling, timers);
- ``staff_title`` and ``staff_lines()``: a section of the staff report;
  ``staff_attention()``: whether that section needs the staff's attention.
"""

from __future__ import annotations

from enum import StrEnum

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QLayout, QScrollArea, QWidget

from kiosk.ui.theme import fit_text
from kiosk.ui.touch import enable_kinetic_scroll


class ScreenName(StrEnum):
    """Every screen in the stack (the registry maps each to its factory)."""

    HOME = "home"
    PAGE = "page"
    HELP = "help"
    HIDDEN = "hidden"
    STAFF = "staff"
    ERROR = "error"
    LOCATOR = "locator"


class DataChange(StrEnum):
    """What went live between sessions or on staff Reload."""

    CONTENT = "content"
    DIRECTORY = "directory"


class Screen(QWidget):
    """A full screen in the stack. Subclasses override the hooks they need."""

    name: str = "screen"
    staff_title = ""  # a non-empty title puts staff_lines() in the staff report
    look: tuple[str, int] = ("", 0)  # theme and text size last given (MainWindow keeps it)
    sheet = ""  # the stylesheet last given (MainWindow keeps it)

    def apply_style(self, qss: str) -> None:
        """Take the window's stylesheet (a screen with parts out of sight may defer theirs)."""
        self.setStyleSheet(qss)

    def apply_text_size(self, text_px: int) -> None:
        """Give every widget the font of its role at ``text_px`` (the sheet sets no size)."""
        fit_text(self, text_px)

    def set_appearance(self, theme_name: str, text_px: int) -> None:
        """The theme or text size changed; the stylesheet and fonts are already applied."""

    def retranslate(self) -> None:
        """Refresh every visible string in the current language."""

    def on_data_changed(self, change: DataChange) -> None:
        """New content or clinic data is live: drop what was built from the old."""

    def clear(self) -> None:
        """Forget everything the last patient did here, in shown and hidden widgets."""

    def leave(self) -> None:
        """Called when the screen stops being shown (stop speech, timers)."""

    def staff_lines(self) -> list[str]:
        """Lines for the staff report under ``staff_title``, in the staff's language."""
        return []

    def staff_attention(self) -> bool:
        """Whether the section of ``staff_lines`` shows a problem (flagged "Check")."""
        return False


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


def empty_layout(layout: QLayout) -> None:
    """Take every item out of ``layout`` and free it; the widgets stay, without a place.

    ``takeAt`` hands the item to the caller and PySide never frees it: each one leaked,
    and stayed its widget's registered layout item, so the item that next placed the
    widget missed its size changes. A home tile kept the height of the largest text
    after Text size went back to the first step.
    """
    while layout.count():
        item = layout.takeAt(0)
        if item is not None and item.widget() is not None:
            shiboken6.delete(item)


def settle_scroll_bars(area: QScrollArea) -> None:
    """Let ``area`` decide now whether it shows its scroll bar, and lay that out.

    Content that grew or shrank (a Text size tap) can need the scroll bar, or no longer;
    the scroll area decides on a queued call, which lands after the tap's paint and
    repaints the area a second time. Call after the content's layouts are settled.
    """
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # the content's size
    QCoreApplication.sendPostedEvents(area, QEvent.Type.MetaCall)  # the bar, on or off
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # and its room
