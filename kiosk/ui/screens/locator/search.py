"""The finder's first page: the ZIP keypad, the other ways in (this clinic, a state), filters,
and a short "how this works".

Landscape puts the keypad, the filters and "how this works" side by side; portrait
stacks them. Payment, language and the other optional chips appear only when the
directory carries that data (:class:`~kiosk.ui.screens.locator.loader.Available`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QBoxLayout, QFrame, QLabel, QVBoxLayout, QWidget

from kiosk.ui.i18n import N_, tr
from kiosk.ui.models import CONDITION_LABELS, PAYMENT_LABELS, languages_text
from kiosk.ui.screens.base import scroll_area
from kiosk.ui.screens.locator.common import exclusive, make_chip, make_label
from kiosk.ui.screens.locator.loader import Available
from kiosk.ui.screens.locator.rules_ui import RADII, Filters
from kiosk.ui.widgets.buttons import TouchButton
from kiosk.ui.widgets.flow import FlowLayout
from kiosk.ui.widgets.keypad import MESSAGE_LINES, Keypad

CONDITIONS: tuple[str, ...] = tuple(CONDITION_LABELS)
PAYMENTS: tuple[str, ...] = tuple(PAYMENT_LABELS)
KIND_CHOICES: tuple[tuple[str, str], ...] = (
    ("outpatient", N_("Visit a clinic")), ("at_home", N_("Care at home")),
    ("therapy", N_("Other PTSD care")), ("both", N_("All")),
)
FLAG_CHOICES: tuple[tuple[str, str], ...] = (
    ("telehealth", N_("Video visits")), ("veterans", N_("For veterans")),
)
HOW_STEPS: tuple[str, ...] = (
    N_("Type your ZIP code, or choose your state."),
    N_("Choose how far, and what you want help with. Choose nothing to see everything."),
    N_("Tap a clinic to see its phone and address. Mark up to 3 to take with you on your "
       "phone."),
    N_("Nothing you type here is saved. It is all cleared when you leave."),
)


class _Group:
    """A heading and a row of chips that wrap (one filter)."""

    def __init__(self, keys: tuple[str, ...], on_click) -> None:
        self.label = make_label("h2")
        self.chips: dict[str, TouchButton] = {}
        self.flow = FlowLayout()
        for key in keys:
            chip = make_chip(key)
            chip.clicked.connect(on_click)
            self.chips[key] = chip
            self.flow.addWidget(chip)
        self.box = QWidget()
        layout = QVBoxLayout(self.box)
        layout.setContentsMargins(0, 0, 0, 12)
        layout.setSpacing(12)
        layout.addWidget(self.label)
        layout.addLayout(self.flow)


class SearchPage(QWidget):
    """The keypad, the other ways in (this clinic, a state), the filter chips, how it works."""

    zip_submitted = Signal(str)
    here_requested = Signal()
    states_requested = Signal()
    filters_changed = Signal()

    def __init__(self, show_here: bool) -> None:
        super().__init__()
        self._available = Available()
        body = QWidget()
        self.title = make_label("h1")
        self.zip_label = make_label("h2")
        self.keypad = Keypad(5, ok_text=N_("Search"), message_lines=MESSAGE_LINES)
        self.keypad.setMaximumWidth(560)
        self.keypad.setMinimumSize(330, 5 * 80)
        self.keypad.submitted.connect(self.zip_submitted)
        self.keypad.changed.connect(self._on_zip_changed)
        self.message = self.keypad.message  # in the keypad's own slot: it never moves a key
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(12)
        left_layout.addWidget(self.zip_label)
        left_layout.addWidget(self.keypad)
        left_layout.addStretch(1)

        self.here_button = TouchButton(role="primary")
        self.here_button.clicked.connect(self.here_requested)
        self.here_button.setVisible(show_here)
        self.state_button = TouchButton()
        self.state_button.clicked.connect(self.states_requested)
        ways = FlowLayout()
        ways.addWidget(self.here_button)
        ways.addWidget(self.state_button)

        changed = self.filters_changed.emit
        self.radius = _Group(tuple(str(m) for m in RADII), changed)
        self.radius_chips: dict[int, TouchButton] = {int(k): c for k, c in self.radius.chips.items()}
        self.conditions = _Group(CONDITIONS, changed)
        self.condition_chips = self.conditions.chips
        self.condition_label = self.conditions.label
        self.condition_hint = make_label("muted")
        self.conditions.box.layout().insertWidget(1, self.condition_hint)
        self.kind = _Group(tuple(k for k, _ in KIND_CHOICES), changed)
        self.kind_chips = self.kind.chips
        self.payment = _Group(PAYMENTS, changed)
        self.flags = _Group(tuple(k for k, _ in FLAG_CHOICES), changed)
        self.languages = _Group((), changed)
        # Exclusive groups: one radius and one kind are always chosen.
        self._radius_group = exclusive(self.radius_chips.values())
        self._kind_group = exclusive(self.kind_chips.values())

        middle = QWidget()
        middle_layout = self._middle = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.setSpacing(12)
        middle_layout.addLayout(ways)
        middle_layout.addSpacing(12)
        for group in (self.radius, self.conditions, self.kind, self.payment, self.languages,
                      self.flags):
            middle_layout.addWidget(group.box)

        self.how = QFrame()
        self.how.setObjectName("Card")
        self.how_title = make_label("h2")
        self.how_steps: list[QLabel] = [make_label() for _ in HOW_STEPS]
        how_layout = QVBoxLayout(self.how)
        how_layout.setContentsMargins(20, 16, 20, 16)
        how_layout.setSpacing(12)
        how_layout.addWidget(self.how_title)
        for label in self.how_steps:
            how_layout.addWidget(label)
        how_layout.addStretch(1)

        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.box.setSpacing(40)
        self.box.addWidget(left, 0)
        self.box.addWidget(middle, 3)
        self._landscape = True
        self._beside = False  # "how this works" as a third column (else under the filters)
        self._place_how(True)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(32, 20, 32, 32)
        layout.setSpacing(16)
        layout.addWidget(self.title)
        layout.addLayout(self.box)
        layout.addStretch(1)
        self.area = scroll_area(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.area)
        self.set_available(Available())

    def _on_zip_changed(self, value: str) -> None:
        if value and self.message.isVisible():
            self.message.hide()

    def set_available(self, available: Available) -> None:
        """Show the chips the directory can answer; hide the rest (never an empty chip)."""
        self._available = available
        self.payment.box.setVisible(available.payment)
        flags = {"telehealth": available.telehealth, "veterans": available.veterans}
        for key, chip in self.flags.chips.items():
            chip.setVisible(flags[key])
            if not flags[key]:
                chip.setChecked(False)
        self.flags.box.setVisible(any(flags.values()))
        self.kind_chips["therapy"].setVisible(available.therapy)
        if not available.therapy and self.kind_chips["therapy"].isChecked():
            self.kind_chips["both"].setChecked(True)  # one kind is always chosen, and shown
        if tuple(self.languages.chips) != available.languages:
            for chip in self.languages.chips.values():
                self.languages.flow.removeWidget(chip)
                chip.deleteLater()
            self.languages.chips = {}
            for code in available.languages:
                chip = make_chip(code)
                chip.clicked.connect(self.filters_changed.emit)
                self.languages.chips[code] = chip
                self.languages.flow.addWidget(chip)
        # One language is no choice at all: a chip only when there are two or more.
        self.languages.box.setVisible(len(available.languages) > 1)
        self.retranslate()

    def show_filters(self, filters: Filters) -> None:
        for miles, chip in self.radius_chips.items():
            chip.setChecked(miles == filters.radius)
        for condition, chip in self.condition_chips.items():
            chip.setChecked(condition in filters.conditions)
        kind = filters.kind if filters.kind in self.kind_chips else "both"
        for key, chip in self.kind_chips.items():
            chip.setChecked(key == kind)
        for key, chip in self.payment.chips.items():
            chip.setChecked(key in filters.payment)
        for key, chip in self.languages.chips.items():
            chip.setChecked(key in filters.languages)
        self.flags.chips["telehealth"].setChecked(filters.telehealth)
        self.flags.chips["veterans"].setChecked(filters.veterans)

    def filters(self) -> Filters:
        """The chips as filters (a hidden chip never narrows the search)."""
        def on(group: _Group) -> tuple[str, ...]:
            return tuple(k for k, c in group.chips.items() if c.isChecked() and not c.isHidden())

        radius = next((m for m, c in self.radius_chips.items() if c.isChecked()), RADII[2])
        kind = next((k for k, c in self.kind_chips.items() if c.isChecked() and not c.isHidden()),
                    "both")
        payment = on(self.payment) if self._available.payment else ()
        languages = on(self.languages) if len(self._available.languages) > 1 else ()
        flags = on(self.flags)
        return Filters(radius, on(self.conditions), kind, payment, languages,
                       telehealth="telehealth" in flags, veterans="veterans" in flags)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def clear(self) -> None:
        """Forget the typed ZIP and any message about it; back to the top."""
        self.keypad.clear()
        self.show_message("")
        self.area.verticalScrollBar().setValue(0)

    def retranslate(self) -> None:
        self.title.setText(tr("Find a clinic"))
        self.zip_label.setText(tr("Type a ZIP code"))
        self.keypad.retranslate()
        self.here_button.set_text(tr("Near this clinic"))
        self.state_button.set_text(tr("Choose your state"))
        self.radius.label.setText(tr("How far?"))
        for miles, chip in self.radius_chips.items():
            chip.set_text(tr("{distance} mi", distance=miles), f"{miles} mi")
        self.conditions.label.setText(tr("Help with"))
        self.condition_hint.setText(tr("Choose any. Choose none to see all clinics."))
        for condition, chip in self.condition_chips.items():
            chip.set_text(tr(CONDITION_LABELS[condition]))
        self.kind.label.setText(tr("Type of care"))
        for key, text in KIND_CHOICES:
            self.kind_chips[key].set_text(tr(text))
        self.payment.label.setText(tr("Pays with"))
        for key, chip in self.payment.chips.items():
            chip.set_text(tr(PAYMENT_LABELS[key]))
        self.languages.label.setText(tr("Speaks"))
        for code, chip in self.languages.chips.items():
            chip.set_text(languages_text((code,)))
        self.flags.label.setText(tr("Also"))
        for key, text in FLAG_CHOICES:
            self.flags.chips[key].set_text(tr(text))
        self.how_title.setText(tr("How this works"))
        for label, text in zip(self.how_steps, HOW_STEPS, strict=True):
            label.setText(tr(text))
        # A card is one stop for keys and screen readers: its title names it, its steps describe it.
        self.how.setAccessibleName(self.how_title.text())
        self.how.setAccessibleDescription(" ".join(label.text() for label in self.how_steps))

    def set_landscape(self, landscape: bool) -> None:
        self._landscape = landscape
        self.box.setDirection(QBoxLayout.Direction.LeftToRight if landscape
                              else QBoxLayout.Direction.TopToBottom)
        self._place_how(self._wants_beside())

    def _wants_beside(self) -> bool:
        """A third column only when it and the filters each get a readable width
        (about 26 characters); at large text on a narrow landscape window it goes under
        the filters instead. Portrait is always one column."""
        if not self._landscape:
            return False
        char = QFontMetrics(self.how_steps[0].font()).averageCharWidth()
        spare = self.width() - 64 - self.keypad.width() - 2 * self.box.spacing()
        return spare >= 2 * 26 * char + 40

    def _place_how(self, beside: bool) -> None:
        if beside == self._beside and self.how.parent() is not None:
            return
        self._beside = beside
        for layout in (self.box, self._middle):
            layout.removeWidget(self.how)
        stretch = self._middle.count() - 1
        if stretch >= 0 and self._middle.itemAt(stretch).spacerItem() is not None:
            self._middle.takeAt(stretch)
        if beside:
            self.box.addWidget(self.how, 2, Qt.AlignmentFlag.AlignTop)
        else:
            self._middle.addWidget(self.how)
        self._middle.addStretch(1)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._place_how(self._wants_beside())

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self._place_how(self._wants_beside())

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            # The labels take the new text size once polished, after this event.
            QTimer.singleShot(0, self, self._recheck)

    def _recheck(self) -> None:
        self._place_how(self._wants_beside())

    def refit(self) -> None:
        """After a restyle, once every child has its new font: fit the keypad and place the
        help text now, so the new look is laid out once, before its paint."""
        self.keypad.refit()
        self._recheck()
