"""The bar on every screen: Home, Back, text size, contrast, language, Quick hide, Get help now.

Nothing moves under the finger: every control has a fixed slot that depends
only on the bar's width and the touch target size, never on the text step,
the language or the theme. A patient who taps Text size twice, or Language and
then Language again, finds the control where it was. The labels follow the
text step inside their slots: each label is drawn at the step's size, or a
little smaller where that is what its slot holds.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QEvent, QRect, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QFrame, QWidget

from kiosk.ui.i18n import LANGUAGE_NAMES, tr
from kiosk.ui.touch import min_target_px
from kiosk.ui.widgets.buttons import TouchButton

GAP = 10  # between slots
MARGIN_X, MARGIN_Y = 12, 8
ONE_ROW_WIDTH = 1600  # narrower bars take two rows, at every text step
WIDE_UNITS = 1.5  # the wide slots are half as wide again as the others
MAX_SLOT = 300  # wider slots would only spread the bar across a big screen
MIN_LABEL_PX = 16


class Slot(NamedTuple):
    row: int
    x: int
    width: int


def plan_slots(width: int) -> dict[str, Slot]:
    """Where each control sits in a bar ``width`` wide: a function of the width alone.

    Wide bars: one row, navigation at the left, Get help now at the right, the
    tools just before it. Narrower bars: navigation, Quick hide and Get help now
    on the first row (what a patient needs in a hurry), the three display tools
    on the second, on the same column grid. Get help now and Text size (whose
    label carries the step, "A++") have the wider slots.
    """
    room = max(width - 2 * MARGIN_X, 1)
    wide = {"help", "text"}
    if width >= ONE_ROW_WIDTH:
        first = ["home", "back", "text", "contrast", "language", "hide", "help"]
    else:
        first = ["home", "back", "hide", "help"]
    units = sum(WIDE_UNITS if n in wide else 1 for n in first)
    unit = min(MAX_SLOT, int((room - len(first) * GAP) / units))  # one extra gap between groups
    widths = [round(unit * WIDE_UNITS) if n in wide else unit for n in first]
    slots: dict[str, Slot] = {}
    # Navigation from the left edge; the rest from the right edge.
    x = MARGIN_X
    for name, w in zip(first[:2], widths[:2], strict=True):
        slots[name] = Slot(0, x, w)
        x += w + GAP
    x = MARGIN_X + room
    for name, w in reversed(list(zip(first[2:], widths[2:], strict=True))):
        x -= w
        slots[name] = Slot(0, x, w)
        x -= GAP
    if width < ONE_ROW_WIDTH:
        # Text size under Home and Back, Contrast under Quick hide, the language under
        # Get help now.
        home, back, hide, help_ = (slots[n] for n in first)
        slots["text"] = Slot(1, home.x, back.x + back.width - home.x)
        slots["contrast"] = Slot(1, hide.x, hide.width)
        slots["language"] = Slot(1, help_.x, help_.width)
    return slots


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
        self.home_button = TouchButton(parent=self)
        self.back_button = TouchButton(parent=self)
        self.text_button = TouchButton(parent=self)
        self.contrast_button = TouchButton(parent=self)
        self.language_button = TouchButton(parent=self)
        self.hide_button = TouchButton(parent=self)
        self.help_button = TouchButton(role="help", parent=self)
        self.home_button.clicked.connect(self.home)
        self.back_button.clicked.connect(self.back)
        self.text_button.clicked.connect(self.text_size)
        self.contrast_button.clicked.connect(self.contrast)
        self.language_button.clicked.connect(self.language)
        self.hide_button.clicked.connect(self.quick_hide)
        self.help_button.clicked.connect(self.help)
        self._buttons: dict[str, TouchButton] = {
            "home": self.home_button, "back": self.back_button, "text": self.text_button,
            "contrast": self.contrast_button, "language": self.language_button,
            "hide": self.hide_button, "help": self.help_button,
        }
        self._step = 0
        self._body_px = 0  # the body text size (each label is fitted from it)
        self._pad_px = 8  # the stylesheet's padding at each side of a label
        self._label_px: dict[str, int] = {}
        self._next_language = ""
        self._slots: dict[str, Slot] = {}
        self._rows = (0, 0)
        self._fit_stale = True
        self._restyling = False  # inside set_style: one fit at its end, not one per change
        self._place(plan_slots(self.width()))

    # --- public API -------------------------------------------------------------

    def set_state(self, text_step: int, next_language: str | None) -> None:
        """Show the text step and which language the language button switches to.

        The language button's slot stays reserved when it is hidden.
        """
        self._step = text_step
        self._next_language = next_language or ""
        self.language_button.setVisible(bool(next_language))
        self.retranslate()

    def button_height(self) -> int:
        """Height of every control: the touch target, and room for a label of the largest step.

        A two-row bar's controls are a little lower, so the bar leaves the page its room.
        """
        return max(min_target_px(self.screen()), 64 if self.width() >= ONE_ROW_WIDTH else 56)

    def slots(self) -> dict[str, Slot]:
        return dict(self._slots)

    def buttons(self) -> dict[str, TouchButton]:
        """The bar's buttons by slot name (home, back, text, contrast, language, hide, help)."""
        return dict(self._buttons)

    def relayout(self) -> None:
        self._place(plan_slots(self.width()))
        self._fit_labels()

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
        self._fit_labels()

    # --- private ------------------------------------------------------------------

    def _place(self, slots: dict[str, Slot]) -> None:
        self._slots = slots
        height = self.button_height()
        rows = 1 + max(slot.row for slot in slots.values())
        for name, slot in slots.items():
            top = MARGIN_Y + slot.row * (height + GAP)
            self._buttons[name].setGeometry(QRect(slot.x, top, slot.width, height))
        if (rows, height) != self._rows:
            self._rows = (rows, height)
            self.setFixedHeight(2 * MARGIN_Y + rows * height + (rows - 1) * GAP)

    def _fit_labels(self) -> None:
        """Each label at the step's size, or the largest size its slot holds on one line.

        A bar out of sight only notes that its labels need fitting: while the window is
        built, the stylesheet, the font, the texts and the size each ask, and the bar is
        fitted once, when it is shown.
        """
        if not self.isVisible():
            self._fit_stale = True
            return
        self._fit_stale = False
        wanted = self._body_px
        if wanted <= 0:
            return
        for name, button in self._buttons.items():
            slot = self._slots.get(name)
            if slot is None:
                continue
            px = wanted
            while px > MIN_LABEL_PX and not self._fits(button, px, slot.width):
                px -= 1
            if self._label_px.get(name) != px:
                self._label_px[name] = px
                font = QFont()
                font.setPixelSize(px)
                button.setFont(font)

    def _fits(self, button: TouchButton, px: int, width: int) -> bool:
        font = button.font()
        font.setPixelSize(px)
        font.setBold(True)
        text = QFontMetrics(font).horizontalAdvance(button.text())
        # The QSS padding at each side and the 2 px border, with room to spare.
        padding = 2 * self._pad_px + 2 * 3 + 8
        return text + padding <= width and px * 1.35 <= self.button_height() - 6

    def set_style(self, qss: str, text_px: int, pad_px: int) -> None:
        """Take the window's stylesheet, the body text size and the buttons' padding; the
        style and font changes they bring are answered by one fit of the labels."""
        self._restyling = True
        try:
            if self.styleSheet() != qss:
                self.setStyleSheet(qss)
            if text_px != self._body_px:
                font = QFont()
                font.setPixelSize(text_px)
                self.setFont(font)
        finally:
            self._restyling = False
        self._body_px, self._pad_px = text_px, pad_px
        self._fit_labels()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if (event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange)
                and not self._restyling):
            self._fit_labels()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self._fit_stale:
            self._fit_labels()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.relayout()
