"""The bar on every screen: Home, Back, text size, contrast, language, Quick hide, Get help now."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QSizePolicy, QWidget

from kiosk.ui.i18n import LANGUAGE_NAMES, tr
from kiosk.ui.widgets.buttons import TouchButton


class TopBar(QFrame):
    home = Signal()
    back = Signal()
    help = Signal()
    text_size = Signal()
    contrast = Signal()
    language = Signal()
    quick_hide = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TopBar")
        self.home_button = TouchButton()
        self.back_button = TouchButton()
        self.text_button = TouchButton()
        self.contrast_button = TouchButton()
        self.language_button = TouchButton()
        self.hide_button = TouchButton()
        self.help_button = TouchButton(role="help")
        self.home_button.clicked.connect(self.home)
        self.back_button.clicked.connect(self.back)
        self.text_button.clicked.connect(self.text_size)
        self.contrast_button.clicked.connect(self.contrast)
        self.language_button.clicked.connect(self.language)
        self.hide_button.clicked.connect(self.quick_hide)
        self.help_button.clicked.connect(self.help)
        self._navigation = (self.home_button, self.back_button)
        self._tools = (self.text_button, self.contrast_button, self.language_button,
                       self.hide_button)
        for button in (*self._navigation, *self._tools, self.help_button):
            # Never squeeze a label: when one row is too narrow the bar takes two rows.
            button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(12, 8, 12, 8)
        self._grid.setHorizontalSpacing(10)
        self._grid.setVerticalSpacing(8)
        self._rows = 0
        self._step = 0
        self._next_language = ""
        self._arrange(1)

    def set_state(self, text_step: int, next_language: str | None) -> None:
        """Show the text step and which language the language button switches to."""
        self._step = text_step
        self._next_language = next_language or ""
        self.language_button.setVisible(bool(next_language))
        self.retranslate()

    def _needed_width(self) -> int:
        buttons = [b for b in (*self._navigation, *self._tools, self.help_button)
                   if not b.isHidden()]
        margins = self._grid.contentsMargins()
        spacing = self._grid.horizontalSpacing() * (len(buttons) + 1)
        return sum(b.sizeHint().width() for b in buttons) + spacing + margins.left() + margins.right()

    def _arrange(self, rows: int) -> None:
        """One row: navigation, tools, help. Two rows: navigation and help, then the tools."""
        if rows == self._rows:
            return
        self._rows = rows
        while self._grid.count():
            self._grid.takeAt(0)
        for c in range(self._grid.columnCount()):
            self._grid.setColumnStretch(c, 0)
        self._grid.addWidget(self.home_button, 0, 0)
        self._grid.addWidget(self.back_button, 0, 1)
        self._grid.setColumnStretch(2, 1)
        if rows == 1:
            for i, button in enumerate(self._tools):
                self._grid.addWidget(button, 0, 3 + i)
            self._grid.addWidget(self.help_button, 0, 3 + len(self._tools))
        else:
            self._grid.addWidget(self.help_button, 0, 3, 1, len(self._tools))
            for i, button in enumerate(self._tools):
                self._grid.addWidget(button, 1, i)
            self._grid.setColumnStretch(2, 0)
            self._grid.setColumnStretch(len(self._tools), 1)

    def relayout(self) -> None:
        self._arrange(1 if self._needed_width() <= self.width() else 2)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self.relayout()

    def retranslate(self) -> None:
        self.home_button.set_text("⌂  " + tr("Home"), tr("Home"))
        self.back_button.set_text("‹  " + tr("Back"), tr("Back"))
        marks = "A" + "+" * self._step
        self.text_button.set_text(f"{marks}  " + tr("Text size"), tr("Text size"))
        self.text_button.setAccessibleDescription(f"{self._step + 1} / 3")
        self.contrast_button.set_text("◐  " + tr("Contrast"), tr("Contrast"))
        self.language_button.set_text(LANGUAGE_NAMES.get(self._next_language, ""), tr("Language"))
        self.language_button.setAccessibleDescription(LANGUAGE_NAMES.get(self._next_language, ""))
        self.hide_button.set_text(tr("Quick hide"))
        self.help_button.set_text(tr("Get help now"))
        self.relayout()
