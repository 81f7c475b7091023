"""Small pieces the finder's pages share: labels, chips, and the names that travel."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QBoxLayout, QButtonGroup, QLabel, QSizePolicy

from kiosk.ui.widgets.buttons import TouchButton


class Message(StrEnum):
    """What the search page tells the patient under the keypad."""

    NONE = ""
    SHORT = "short"  # fewer than 5 digits
    UNKNOWN = "unknown"  # a ZIP the geography does not know
    BROKEN = "broken"  # the directory failed


class Via(StrEnum):
    """How the shown results were asked for (also the usage count's key)."""

    NONE = ""
    ZIP = "zip"
    HERE = "here"
    STATE = "state"


class Page(StrEnum):
    """The parts of the finder, for ``LocatorScreen.page()``."""

    LOADING = "loading"
    SEARCH = "search"
    STATES = "states"
    RESULTS = "results"
    DETAIL = "detail"
    TAKE_HOME = "take_home"


def make_label(role: str = "", wrap: bool = True) -> QLabel:
    """A plain-text label (clinic data is never rich text)."""
    widget = QLabel()
    widget.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        widget.setProperty("role", role)
    widget.setWordWrap(wrap)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return widget


def make_chip(text: str, accessible: str | None = None) -> TouchButton:
    widget = TouchButton(text, role="chip", accessible_name=accessible)
    widget.setCheckable(True)
    widget.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return widget


def exclusive(chips: Iterable[QAbstractButton]) -> QButtonGroup:
    group = QButtonGroup()
    group.setExclusive(True)
    for widget in chips:
        group.addButton(widget)
    return group


def side_by_side(box: QBoxLayout, landscape: bool, text: int, side: int) -> None:
    """A page's text and its side panel (QR, map) in a row on a wide window, else a column.

    ``text`` and ``side`` are the row's stretches; in a column a spacer takes the rest.
    """
    box.setDirection(QBoxLayout.Direction.LeftToRight if landscape
                     else QBoxLayout.Direction.TopToBottom)
    box.setStretch(0, text if landscape else 0)
    box.setStretch(1, side if landscape else 0)
    box.setStretch(2, 0 if landscape else 1)
