"""One clinic: every field, and a QR code holding its contact card."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.ui.access.names import set_name
from kiosk.ui.i18n import N_, tr
from kiosk.ui.models import (
    address_text,
    conditions_text,
    confirm_text,
    format_date,
    format_miles,
    kind_text,
    languages_text,
    payment_text,
    routes_text,
    states_served_text,
)
from kiosk.ui.screens.base import scroll_area
from kiosk.ui.screens.locator.common import make_label, side_by_side
from kiosk.ui.screens.locator.rules_ui import contact_card
from kiosk.ui.widgets.buttons import TouchButton
from kiosk.ui.widgets.qr import QrWidget

if TYPE_CHECKING:
    import segno

    from kiosk.locator import Clinic


class DetailPage(QWidget):
    """Every field of one clinic, and a QR code holding its contact card."""

    back_requested = Signal()
    mark_toggled = Signal(object)  # Clinic

    FIELDS = ("kind", "distance", "address", "phone", "website", "conditions", "routes",
              "languages", "payment", "also", "states")

    def __init__(self) -> None:
        super().__init__()
        self.back = TouchButton()
        self.back.clicked.connect(self.back_requested)
        self.mark = TouchButton()
        self.mark.setCheckable(True)
        self.mark.setProperty("role", "chip")
        self.mark.clicked.connect(self._on_mark)
        head = QHBoxLayout()
        head.setSpacing(16)
        head.addWidget(self.back)
        head.addStretch(1)
        head.addWidget(self.mark)
        self._clinic: Clinic | None = None
        self.here = make_label()
        self.here.setObjectName("HereBadge")
        self.name = make_label("h1")
        fields = QGridLayout()
        fields.setHorizontalSpacing(20)
        fields.setVerticalSpacing(12)
        fields.setColumnStretch(1, 1)
        self.labels: dict[str, tuple[QLabel, QLabel]] = {}
        for row, key in enumerate(self.FIELDS):
            title = make_label("muted")
            title.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            value = make_label()
            fields.addWidget(title, row, 0)
            fields.addWidget(value, row, 1)
            self.labels[key] = (title, value)
        self.verified = make_label("small")
        self.source = make_label("small")
        info = QWidget()
        info_layout = QVBoxLayout(info)
        info_layout.setContentsMargins(0, 0, 0, 0)
        info_layout.setSpacing(12)
        info_layout.addWidget(self.here, 0, Qt.AlignmentFlag.AlignLeft)
        info_layout.addWidget(self.name)
        info_layout.addLayout(fields)
        info_layout.addWidget(self.verified)
        info_layout.addWidget(self.source)
        info_layout.addStretch(1)

        self.qr = QrWidget()
        set_name(self.qr, N_("QR code"))
        self.caption = make_label("h2")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        panel = QFrame()
        panel.setObjectName("Card")
        panel_layout = QVBoxLayout(panel)
        panel_layout.setContentsMargins(16, 16, 16, 16)
        panel_layout.addWidget(self.qr, 1)
        panel_layout.addWidget(self.caption)

        body = QWidget()
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, body)
        self.box.setContentsMargins(0, 0, 8, 16)
        self.box.setSpacing(32)
        self.box.addWidget(info, 3)
        self.box.addWidget(panel, 2, Qt.AlignmentFlag.AlignTop)
        self.box.addStretch(0)  # takes the spare height in portrait, so the QR sits under the text
        self.area = scroll_area(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 16, 24, 0)
        layout.setSpacing(12)
        layout.addLayout(head)
        layout.addWidget(self.area, 1)

    def _on_mark(self) -> None:
        if self._clinic is not None:
            self.mark_toggled.emit(self._clinic)

    def show_mark(self, marked: bool, room: bool) -> None:
        """The toggle: on the list, or may be added (``room``: the list is not full)."""
        self.mark.setChecked(marked)
        if marked:
            self.mark.set_text(tr("✓ On your list"), tr("On your list: tap to remove"))
        elif room:
            self.mark.set_text(tr("+ Take with you"))
        else:
            self.mark.set_text(tr("Your list is full (3)"))
        self.mark.setEnabled(marked or room)
        # As wide as its widest wording, so a second tap lands where the first did.
        fm = self.mark.fontMetrics()
        words = (tr("✓ On your list"), tr("+ Take with you"), tr("Your list is full (3)"))
        extra = self.mark.sizeHint().width() - fm.horizontalAdvance(self.mark.text())
        self.mark.setMinimumWidth(max(fm.horizontalAdvance(w) for w in words) + extra)

    def show_clinic(self, clinic: Clinic, pinned: bool,
                    codes: Mapping[str, segno.QRCode] | None = None) -> None:
        """Show every field; ``codes`` may hold the QR encoding of its card, made earlier."""
        self._clinic = clinic
        self.back.set_text(tr("Back to results"))
        self.here.setText(tr("This clinic"))
        self.here.setVisible(pinned)
        self.name.setText(clinic.name)
        outpatient = clinic.located
        address = address_text(clinic)
        also = [t for t, on in ((tr("Video visits"), clinic.telehealth),
                                (tr("For veterans"), clinic.veterans)) if on]
        values = {
            "kind": (tr("Type of care"), kind_text(clinic.kind)),
            "distance": (tr("Distance"), "" if clinic.distance_miles is None
                         else format_miles(clinic.distance_miles)),
            "address": (tr("Address"), address if outpatient else ""),
            "phone": (tr("Phone"), clinic.phone),
            "website": (tr("Website"), clinic.website),
            "conditions": (tr("Helps with"), conditions_text(clinic.conditions)),
            "routes": (tr("Ways to take ketamine"), routes_text(clinic.routes)),
            "languages": (tr("Languages"), languages_text(clinic.languages)),
            "payment": (tr("Pays with"), payment_text(clinic.payment)),
            "also": (tr("Also"), ", ".join(also)),
            "states": (tr("Serves"), "" if outpatient else states_served_text(clinic)),
        }
        for key, (title_label, value_label) in self.labels.items():
            title, text = values[key]
            title_label.setText(title)
            value_label.setText(text)
            value_label.setAccessibleName(f"{title}: {text}")
            title_label.setVisible(bool(text))
            value_label.setVisible(bool(text))
        if clinic.last_verified is not None:
            self.verified.setText(tr("Last verified: {date}", date=format_date(clinic.last_verified)))
        else:
            self.verified.setText(tr("Last verified: not known"))
        self.source.setText(confirm_text(clinic))
        card = contact_card(clinic)
        self.qr.set_text(card, (codes or {}).get(card))
        self.caption.setText(tr("Scan with your phone's camera to save this clinic"))

    def clear(self) -> None:
        """Forget the clinic: every label, the badge and the QR (hidden widgets too)."""
        self._clinic = None
        self.qr.set_text("")
        self.mark.setChecked(False)
        for widget in (self.name, self.here, self.verified, self.source, self.caption):
            widget.setText("")
        for title_label, value_label in self.labels.values():
            title_label.setText("")
            value_label.setText("")
            value_label.setAccessibleName("")
        self.here.hide()
        self.area.verticalScrollBar().setValue(0)

    def set_landscape(self, landscape: bool) -> None:
        side_by_side(self.box, landscape, text=3, side=2)


def encode_cards(cards: list[str]) -> dict[str, segno.QRCode]:
    """QR encodings of contact cards (on a worker: segno takes ~20 ms a card in Python)."""
    from kiosk.ui.widgets.qr import make_qr

    return {card: make_qr(card) for card in cards}
