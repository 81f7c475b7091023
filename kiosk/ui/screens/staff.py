"""Staff screen: what is live, what is wrong, and the few actions staff need."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.ui.i18n import tr
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.page import PageBrowser
from kiosk.ui.widgets.buttons import TouchButton

Section = tuple[str, list[str]]


class StaffScreen(Screen):
    name = "staff"
    reload_requested = Signal()
    exit_requested = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Staff screen")
        self._title = QLabel()
        self._title.setProperty("role", "h1")
        self._report = PageBrowser()
        self._report.setAccessibleName("Staff report")
        self._reload = TouchButton()
        self._reload.clicked.connect(self.reload_requested)
        self._exit = TouchButton()
        self._exit.clicked.connect(self.exit_requested)
        self._back = TouchButton(role="primary")
        self._back.clicked.connect(self.back_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self._reload)
        buttons.addWidget(self._exit)
        buttons.addStretch(1)
        buttons.addWidget(self._back)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 16, 32, 16)
        layout.addWidget(self._title)
        layout.addWidget(self._report, 1)
        layout.addLayout(buttons)
        self.sections: list[Section] = []
        self.retranslate()

    def show_report(self, sections: list[Section]) -> None:
        """Show headed lists of plain-text lines (escaped here)."""
        self.sections = sections
        parts = []
        for heading, lines in sections:
            parts.append(f"<h2>{html.escape(heading)}</h2>")
            if lines:
                items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
                parts.append(f"<ul>{items}</ul>")
            else:
                parts.append("<p>None.</p>")
        self._report.setHtml("".join(parts))

    def text(self) -> str:
        return self._report.toPlainText()

    def retranslate(self) -> None:
        self._title.setText(tr("Staff"))
        self._reload.set_text(tr("Reload content and data"))
        self._exit.set_text(tr("Exit kiosk"))
        self._back.set_text(tr("Back"))
