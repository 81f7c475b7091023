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
        # Reload and Exit on the left, Back on the right; Back takes a row of its
        # own when large text leaves no room for all three side by side.
        self._actions = QHBoxLayout()
        self._actions.addWidget(self._reload)
        self._actions.addWidget(self._exit)
        self._actions.addStretch(1)
        self._back_row = QHBoxLayout()
        self._back_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 16, 32, 16)
        layout.addWidget(self._title)
        layout.addWidget(self._report, 1)
        layout.addLayout(self._actions)
        layout.addLayout(self._back_row)
        self._back_alone: bool | None = None
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
        self._place_back()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._place_back()

    def _place_back(self) -> None:
        margins = self.layout().contentsMargins()
        spacing = self._actions.spacing()
        needed = (sum(b.sizeHint().width() for b in (self._reload, self._exit, self._back))
                  + 3 * spacing + margins.left() + margins.right())
        alone = needed > self.width()
        if alone == self._back_alone:
            return
        self._back_alone = alone
        self._actions.removeWidget(self._back)
        self._back_row.removeWidget(self._back)
        (self._back_row if alone else self._actions).addWidget(self._back)
