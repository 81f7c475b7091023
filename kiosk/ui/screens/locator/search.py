"""The finder's first page: the ZIP keypad, the other ways in (this clinic, a state) and filters."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.i18n import N_, tr
from kiosk.ui.models import CONDITION_LABELS
from kiosk.ui.screens.base import scroll_area
from kiosk.ui.screens.locator.common import exclusive, make_chip, make_label
from kiosk.ui.screens.locator.rules_ui import RADII, Filters
from kiosk.ui.widgets.buttons import TouchButton
from kiosk.ui.widgets.flow import FlowLayout
from kiosk.ui.widgets.keypad import MESSAGE_LINES, Keypad

CONDITIONS: tuple[str, ...] = tuple(CONDITION_LABELS)
KIND_CHOICES: tuple[tuple[str, str], ...] = (
    ("outpatient", N_("Visit a clinic")), ("at_home", N_("Care at home")), ("both", N_("Both")),
)


class SearchPage(QWidget):
    """The keypad, the other ways in (this clinic, a state) and the filter chips."""

    zip_submitted = Signal(str)
    here_requested = Signal()
    states_requested = Signal()
    filters_changed = Signal()

    def __init__(self, show_here: bool) -> None:
        super().__init__()
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

        self.radius_label = make_label("h2")
        self.radius_chips: dict[int, TouchButton] = {}
        radius_flow = FlowLayout()
        for miles in RADII:
            chip = make_chip(f"{miles} mi")
            chip.clicked.connect(self.filters_changed)
            self.radius_chips[miles] = chip
            radius_flow.addWidget(chip)
        self.condition_label = make_label("h2")
        self.condition_hint = make_label("muted")
        self.condition_chips: dict[str, TouchButton] = {}
        condition_flow = FlowLayout()
        for condition in CONDITIONS:
            chip = make_chip(condition)
            chip.clicked.connect(self.filters_changed)
            self.condition_chips[condition] = chip
            condition_flow.addWidget(chip)
        self.kind_label = make_label("h2")
        self.kind_chips: dict[str, TouchButton] = {}
        kind_flow = FlowLayout()
        for key, _text in KIND_CHOICES:
            chip = make_chip(key)
            chip.clicked.connect(self.filters_changed)
            self.kind_chips[key] = chip
            kind_flow.addWidget(chip)
        # Exclusive groups: one radius and one kind are always chosen.
        self._radius_group = exclusive(self.radius_chips.values())
        self._kind_group = exclusive(self.kind_chips.values())

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(12)
        right_layout.addLayout(ways)
        right_layout.addSpacing(12)
        for label, flow in ((self.radius_label, radius_flow), (self.condition_label, condition_flow),
                            (self.kind_label, kind_flow)):
            right_layout.addWidget(label)
            if label is self.condition_label:
                right_layout.addWidget(self.condition_hint)
            right_layout.addLayout(flow)
            right_layout.addSpacing(12)
        right_layout.addStretch(1)

        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.box.setSpacing(40)
        self.box.addWidget(left, 0)
        self.box.addWidget(right, 1)
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

    def _on_zip_changed(self, value: str) -> None:
        if value and self.message.isVisible():
            self.message.hide()

    def show_filters(self, filters: Filters) -> None:
        for miles, chip in self.radius_chips.items():
            chip.setChecked(miles == filters.radius)
        for condition, chip in self.condition_chips.items():
            chip.setChecked(condition in filters.conditions)
        for key, chip in self.kind_chips.items():
            chip.setChecked(key == filters.kind)

    def filters(self) -> Filters:
        radius = next((m for m, c in self.radius_chips.items() if c.isChecked()), RADII[2])
        kind = next((k for k, c in self.kind_chips.items() if c.isChecked()), "both")
        return Filters(radius, tuple(c for c in CONDITIONS if self.condition_chips[c].isChecked()),
                       kind)

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
        self.radius_label.setText(tr("How far?"))
        for miles, chip in self.radius_chips.items():
            chip.set_text(tr("{distance} mi", distance=miles), f"{miles} mi")
        self.condition_label.setText(tr("Help with"))
        self.condition_hint.setText(tr("Choose any. Choose none to see all clinics."))
        for condition, chip in self.condition_chips.items():
            chip.set_text(tr(CONDITION_LABELS[condition]))
        self.kind_label.setText(tr("Type of care"))
        for key, text in KIND_CHOICES:
            self.kind_chips[key].set_text(tr(text))

    def set_landscape(self, landscape: bool) -> None:
        self.box.setDirection(QBoxLayout.Direction.LeftToRight if landscape
                              else QBoxLayout.Direction.TopToBottom)
