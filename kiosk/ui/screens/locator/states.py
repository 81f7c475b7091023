"""Every state and territory as a large button, for a patient who does not know a ZIP code.

A regular grid: equal cells, the number of columns set by the window's width only,
so a Text size step makes the cells taller (names wrap) but moves no state to
another cell. Names are in the patient's language ("Nueva York") and sorted in it.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.i18n import tr
from kiosk.ui.models import state_name
from kiosk.ui.screens.base import empty_layout, scroll_area
from kiosk.ui.screens.locator.common import make_label
from kiosk.ui.touch import min_target_px
from kiosk.ui.widgets.buttons import TouchButton

CELL_MIN_PX = 330  # a column per this many pixels of width, at most MAX_COLUMNS
MAX_COLUMNS = 5


class StateButton(TouchButton):
    """A state's name (wrapping when long) over its code, as one tappable cell.

    The button paints its words itself (a QPushButton does not wrap): a label inside
    each of the 56 cells doubled the widgets a Text size or Contrast tap restyles.
    """

    MARGINS = QMargins(12, 8, 12, 8)
    FLAGS = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)

    def __init__(self, code: str, parent: QWidget) -> None:
        super().__init__(parent=parent)
        self.code = code
        self._label = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def retranslate(self) -> None:
        full = state_name(self.code)
        self._label = f"{full}  ({self.code})"
        self.setAccessibleName(full)
        self.update()

    def label_text(self) -> str:
        """The words on the cell: the name in the patient's language and the code."""
        return self._label

    def label_font(self) -> QFont:
        """The body text of the current step, not bold (the button's own font is)."""
        font = QFont(self.font())
        font.setBold(False)
        return font

    def needed_height(self, width: int) -> int:
        inner = max(40, width - self.MARGINS.left() - self.MARGINS.right())
        words = QFontMetrics(self.label_font()).boundingRect(
            QRect(0, 0, inner, 10_000), self.FLAGS, self._label)
        return words.height() + self.MARGINS.top() + self.MARGINS.bottom()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().paintEvent(event)  # the frame and background of the current look
        painter = QPainter(self)
        painter.setFont(self.label_font())
        painter.setPen(self.palette().color(QPalette.ColorRole.ButtonText))
        painter.drawText(self.rect().marginsRemoved(self.MARGINS), self.FLAGS, self._label)
        painter.end()


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
        self.buttons: list[StateButton] = []
        for code in US_STATES:
            # Children of the body from the start, so they are polished (and have
            # their fonts) when the page is shown and refit() measures them.
            button = StateButton(code, body)
            button.clicked.connect(lambda _=False, c=code: self.state_chosen.emit(c))
            self.buttons.append(button)
        self._placed: tuple[tuple[str, ...], int] = ((), 0)

    def retranslate(self) -> None:
        self.back.set_text(tr("Back to search"))
        self.title.setText(tr("Choose your state"))
        for button in self.buttons:
            button.retranslate()
        # Alphabetical in the patient's language (Carolina del Norte under C).
        collator = _collator()
        self.buttons.sort(key=lambda b: collator(b.accessibleName()))
        self.refit()

    def clear(self) -> None:
        self.area.verticalScrollBar().setValue(0)

    def columns(self) -> int:
        """Columns for the current width (never for the text size)."""
        return max(1, min(MAX_COLUMNS, self._grid_width() // CELL_MIN_PX))

    def _grid_width(self) -> int:
        margins = self.layout().contentsMargins()
        # The grid's width: the page less its margins, the body's and the scroll bar's.
        return self.width() - margins.left() - margins.right() - 8 - 16

    def refit(self) -> None:
        """Lay the buttons out for the current width and text size (after either changes)."""
        if not self.isVisible():
            return  # measured when shown: hidden buttons may not have their fonts yet
        width = self._grid_width()
        if width <= 0:
            return
        columns = self.columns()
        spacing = self.grid.horizontalSpacing()
        cell = (width - spacing * (columns - 1)) // columns
        height = max(min_target_px(self.screen()), *(b.needed_height(cell) for b in self.buttons))
        for button in self.buttons:
            button.setFixedHeight(height)
        order = tuple(b.code for b in self.buttons)
        if self._placed == (order, columns):
            return
        self._placed = (order, columns)
        empty_layout(self.grid)
        for c in range(self.grid.columnCount()):
            self.grid.setColumnStretch(c, 0)
        for i, button in enumerate(self.buttons):
            self.grid.addWidget(button, i // columns, i % columns)
        for c in range(columns):
            self.grid.setColumnStretch(c, 1)
            self.grid.setColumnMinimumWidth(c, 0)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if self.isVisible():  # else showEvent does it, once the buttons have their fonts
            self.refit()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self.refit()


def _collator():
    """A sort key for names in the current language (accents sort with their letter)."""
    import unicodedata

    return lambda text: unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode().lower()
