"""The bar on every screen: Home, Back, text size, contrast, language, Quick hide, Get help now."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.i18n import LANGUAGE_NAMES, tr
from kiosk.ui.widgets.buttons import TouchButton

ROW_SPACING = 10


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
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(12, 8, 12, 8)
        self._column.setSpacing(8)
        self._row_layouts: list[QHBoxLayout] = []
        self._plan: list[list[TouchButton]] = []
        self._step = 0
        self._next_language = ""
        self._arrange([[*self._navigation, *self._tools, self.help_button]])

    def set_state(self, text_step: int, next_language: str | None) -> None:
        """Show the text step and which language the language button switches to."""
        self._step = text_step
        self._next_language = next_language or ""
        self.language_button.setVisible(bool(next_language))
        self.retranslate()

    def _plan_rows(self, width: int) -> list[list[TouchButton]]:
        """Which buttons go on which row at ``width``: one row if all fit; else
        navigation, Quick hide (if it fits) and Get help now first, then the other
        tools on as many rows as they need."""
        margins = self._column.contentsMargins()
        room = width - margins.left() - margins.right()
        gap = ROW_SPACING

        def needed(buttons: list[TouchButton]) -> int:
            shown = [b for b in buttons if not b.isHidden()]
            return sum(b.sizeHint().width() for b in shown) + gap * max(len(shown) - 1, 0)

        everything = [*self._navigation, *self._tools, self.help_button]
        if needed(everything) + gap <= room:
            return [everything]
        # Quick hide (the last tool) rides on the first row beside Get help now when
        # there is room: both are what a patient may need in a hurry.
        first = [*self._navigation, self.help_button]
        tools = list(self._tools)
        if needed([*first, tools[-1]]) + 2 * gap <= room:
            first.insert(len(self._navigation), tools.pop())
        rows = [first]
        current: list[TouchButton] = []
        for button in tools:
            if current and needed([*current, button]) > room:
                rows.append(current)
                current = []
            current.append(button)
        if current:
            rows.append(current)
        return rows

    def _arrange(self, plan: list[list[TouchButton]]) -> None:
        if plan == self._plan:
            return
        self._plan = plan
        for row in self._row_layouts:
            while row.count():
                row.takeAt(0)
        while len(self._row_layouts) < len(plan):
            row = QHBoxLayout()
            row.setSpacing(ROW_SPACING)
            self._column.addLayout(row)
            self._row_layouts.append(row)
        for index, (row, buttons) in enumerate(zip(self._row_layouts, plan, strict=False)):
            for position, button in enumerate(buttons):
                if position == len(self._navigation) and index == 0 and len(plan) > 1:
                    row.addStretch(1)  # Get help now (and Quick hide) keep the right
                row.addWidget(button)
                if button is self.back_button and len(plan) == 1:
                    row.addStretch(1)  # one row: navigation left, the rest right
            if index > 0:
                row.addStretch(1)  # rows of tools start at the left
        # Rows left over from a taller arrangement are empty and take no space.

    def relayout(self) -> None:
        self._arrange(self._plan_rows(self.width()))

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
