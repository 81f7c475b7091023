"""A large on-screen numeric keypad (no system keyboard needed): ZIP codes and the staff PIN.

Nothing moves under the finger: the keypad's message ("A ZIP code has 5
numbers...") sits under the keys in a slot whose room is kept when it is
empty, and it never widens the pad (it wraps to the pad's width instead).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.i18n import N_, tr
from kiosk.ui.widgets.buttons import TouchButton

MESSAGE_LINES = 3  # lines of room a keypad that shows messages keeps, shown or not
KEY_MIN_HEIGHT, KEY_MAX_HEIGHT = 72, 104


class MessageSlot(QWidget):
    """Room for a short message that is kept whether or not a message shows."""

    def __init__(self, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines = lines
        self.label = QLabel()
        self.label.setObjectName("KeypadMessage")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.hide()
        # Ignored: a long message wraps to the pad's width, never widens the pad.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addStretch(1)

    def reserve(self) -> None:
        """Keep room for ``lines`` lines of the label's current font, plus its padding."""
        self.label.ensurePolished()
        line = self.label.fontMetrics().lineSpacing()
        margins = self.label.contentsMargins()
        height = self.lines * line + margins.top() + margins.bottom() + 24
        if self.lines and height != self.minimumHeight():
            self.setMinimumHeight(height)


class Keypad(QWidget):
    """Digits, Delete and OK, with a display; ``masked`` shows dots (PINs)."""

    submitted = Signal(str)
    changed = Signal(str)

    def __init__(self, max_length: int, masked: bool = False, ok_text: str = "OK",
                 parent: QWidget | None = None, message_lines: int = 0,
                 tr_fn: Callable[[str], str] = tr) -> None:
        """``message_lines``: room kept under the keys for :meth:`set_message` (0: none kept);
        ``tr_fn``: how its words are translated (the staff PIN pad: the staff's language)."""
        super().__init__(parent)
        self._tr = tr_fn  # the staff PIN pad speaks the staff's language
        self._value = ""
        self._max = max_length
        self._masked = masked
        self._ok_text = ok_text
        self._display = QLabel()
        self._display.setProperty("role", "big")
        self._display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._display.setAccessibleName(tr_fn(N_("Entered digits")))  # again in retranslate
        grid = QGridLayout()
        grid.setSpacing(10)
        self._digits: list[TouchButton] = []
        for i, digit in enumerate("123456789"):
            self._add_digit(grid, digit, i // 3, i % 3)
        self._delete = TouchButton(tr_fn(N_("Delete")))
        self._delete.clicked.connect(self.backspace)
        grid.addWidget(self._delete, 3, 0)
        self._add_digit(grid, "0", 3, 1)
        self._ok = TouchButton(tr_fn(ok_text), role="primary")
        self._ok.clicked.connect(self._submit)
        grid.addWidget(self._ok, 3, 2)
        for button in (self._delete, self._ok, *self._digits):
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            button.setMinimumHeight(KEY_MIN_HEIGHT)
            button.setMaximumHeight(KEY_MAX_HEIGHT)
        for button in self._digits:
            # Only the digits get a set minimum width: on Delete and OK one would
            # let the grid squeeze a long word (large text, Spanish) below its size.
            button.setMinimumWidth(96)
        self._grid = grid
        self._message_slot = MessageSlot(message_lines)
        self.message = self._message_slot.label
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._display)
        layout.addLayout(grid, 1)
        layout.addWidget(self._message_slot)
        self._refresh()

    def set_message(self, text: str) -> None:
        """Show ``text`` under the keys (an empty text hides it); the keys stay where they are."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self._even_columns()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            # The buttons' new fonts arrive as they are re-polished, after this event.
            # With the keypad as context: Qt drops the call if the pad is deleted first.
            QTimer.singleShot(0, self, self._even_columns)

    def refit(self) -> None:
        """Fit the keys to their fonts now (a restyle calls it once the keys are polished,
        so the new look is laid out before it is painted, not once more after)."""
        self._even_columns()

    def _even_columns(self) -> None:
        """Three columns as wide as the widest key needs, so the pad stays a neat grid."""
        self._message_slot.reserve()
        widest = max(b.sizeHint().width() for b in (self._delete, self._ok, *self._digits))
        if all(self._grid.columnMinimumWidth(c) == widest for c in range(3)):
            return  # as laid out: asking again would only lay the pad out once more
        for column in range(3):
            self._grid.setColumnMinimumWidth(column, widest)

    def _add_digit(self, grid: QGridLayout, digit: str, row: int, col: int) -> None:
        button = TouchButton(digit, role="key", accessible_name=digit)
        button.clicked.connect(lambda: self.press(digit))
        grid.addWidget(button, row, col)
        self._digits.append(button)

    def keys(self) -> list[TouchButton]:
        """Every key: the ten digits, Delete and the submit key."""
        return [*self._digits, self._delete, self._ok]

    def message_room(self) -> int:
        """Height kept for a message under the keys (0: none kept)."""
        return self._message_slot.minimumHeight()

    def value(self) -> str:
        return self._value

    @property
    def masked(self) -> bool:
        """True when the digits show as dots (a PIN)."""
        return self._masked

    @property
    def max_length(self) -> int:
        """How many digits it takes at most."""
        return self._max

    def press(self, digit: str) -> None:
        if len(self._value) < self._max and digit.isdigit():
            self._value += digit
            self._refresh()

    def backspace(self) -> None:
        self._value = self._value[:-1]
        self._refresh()

    def clear(self) -> None:
        self._value = ""
        self._refresh()

    def retranslate(self) -> None:
        self._display.setAccessibleName(self._tr(N_("Entered digits")))
        self._delete.set_text(self._tr(N_("Delete")))
        self._ok.set_text(self._tr(self._ok_text))

    def _submit(self) -> None:
        if self._value:
            self.submitted.emit(self._value)

    def _refresh(self) -> None:
        shown = "●" * len(self._value) if self._masked else self._value
        self._display.setText(shown or "–")
        self._ok.setEnabled(bool(self._value))
        self.changed.emit(self._value)
