"""The bar on every screen: Home, Back, text size, contrast, language, Quick hide, Get help now."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

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
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(10)
        layout.addWidget(self.home_button)
        layout.addWidget(self.back_button)
        layout.addStretch(1)
        for button in (self.text_button, self.contrast_button, self.language_button,
                       self.hide_button, self.help_button):
            layout.addWidget(button)
        self._step = 0
        self._next_language = ""

    def set_state(self, text_step: int, next_language: str | None) -> None:
        """Show the text step and which language the language button switches to."""
        self._step = text_step
        self._next_language = next_language or ""
        self.language_button.setVisible(bool(next_language))
        self.retranslate()

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
