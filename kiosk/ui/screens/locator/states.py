"""Every state and territory as a large button, for a patient who does not know a ZIP code."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.i18n import tr
from kiosk.ui.screens.base import scroll_area
from kiosk.ui.screens.locator.common import make_label
from kiosk.ui.widgets.buttons import TouchButton


class StatesPage(QWidget):
    """Every state and territory as a large button, in a kinetic scroll list."""

    state_chosen = Signal(str)
    back_requested = Signal()

    def __init__(self) -> None:
        from kiosk.locator import US_STATES

        super().__init__()
        self.back = TouchButton()
        self.back.clicked.connect(self.back_requested)
        self.title = make_label("h1")
        head = QHBoxLayout()
        head.setSpacing(16)
        head.addWidget(self.back)
        head.addWidget(self.title, 1)
        self.grid = QGridLayout()
        self.grid.setSpacing(12)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 8, 16)
        body_layout.addLayout(self.grid)
        body_layout.addStretch(1)
        self.area = scroll_area(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 16, 24, 0)
        layout.setSpacing(12)
        layout.addLayout(head)
        layout.addWidget(self.area, 1)
        self.buttons: list[TouchButton] = []
        for code, full in sorted(US_STATES.items(), key=lambda kv: kv[1]):
            # Children of the body from the start, so they are polished (and have
            # their fonts) when the page is shown and refit() measures them.
            button = TouchButton(f"{full}  ({code})", parent=body, accessible_name=full)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, c=code: self.state_chosen.emit(c))
            self.buttons.append(button)
        self._placed: list[tuple[int, int, int]] = []

    def retranslate(self) -> None:
        self.back.set_text(tr("Back to search"))
        self.title.setText(tr("Choose your state"))

    def clear(self) -> None:
        self.area.verticalScrollBar().setValue(0)

    def refit(self) -> None:
        """Lay the buttons out for the current width and text size (after either changes)."""
        if not self.isVisible():
            return  # measured when shown: hidden buttons may not have their fonts yet
        margins = self.layout().contentsMargins()
        # The grid's width: the page less its margins, the body's and the scroll bar's.
        width = self.width() - margins.left() - margins.right() - 8 - 16
        if width <= 0:
            return
        spacing = self.grid.horizontalSpacing()
        hints = sorted(b.sizeHint().width() for b in self.buttons)
        # Columns as wide as nine names in ten need; the few longer names (at large
        # text, "Northern Mariana Islands") take as many columns as they need.
        typical = hints[len(hints) * 9 // 10 - 1]
        columns = max(1, min(5, (width + spacing) // (typical + spacing)))
        column = (width - spacing * (columns - 1)) / columns
        placed = []
        row = col = 0
        for button in self.buttons:
            span = 1
            while span < columns and column * span + spacing * (span - 1) < button.sizeHint().width():
                span += 1
            if col + span > columns:
                row, col = row + 1, 0
            placed.append((row, col, span))
            col += span
            if col >= columns:
                row, col = row + 1, 0
        if placed == self._placed:
            return
        self._placed = placed
        while self.grid.count():
            self.grid.takeAt(0)
        for c in range(self.grid.columnCount()):
            self.grid.setColumnStretch(c, 0)
        for button, (r, c, span) in zip(self.buttons, placed, strict=True):
            self.grid.addWidget(button, r, c, 1, span)
        for c in range(columns):
            self.grid.setColumnStretch(c, 1)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if self.isVisible():  # else showEvent does it, once the buttons have their fonts
            self.refit()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self.refit()
