"""Take it with you: the clinics a patient marked (up to 3) and one QR code holding them.

The code holds plain text (names, phones, addresses, then 988) that any phone camera
shows without an app. Nothing is stored: the list lives in the screen until the patient
clears it or the session resets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.ui.access.names import set_name
from kiosk.ui.i18n import N_, tr
from kiosk.ui.models import MAX_MARKS, address_text, states_served_text
from kiosk.ui.screens.base import scroll_area
from kiosk.ui.screens.locator.common import make_label, side_by_side
from kiosk.ui.screens.locator.rules_ui import take_home_text
from kiosk.ui.widgets.buttons import TouchButton
from kiosk.ui.widgets.qr import QrWidget

if TYPE_CHECKING:
    from kiosk.locator import Clinic


class _Entry(QFrame):
    """One marked clinic: its name, phone and address, and a button to take it off."""

    def __init__(self, on_remove) -> None:
        super().__init__()
        self.setObjectName("Card")
        self.name = make_label("h2")
        self.phone = make_label()
        self.address = make_label("muted")
        self.remove = TouchButton()
        self.remove.clicked.connect(lambda: on_remove(self))
        self.clinic_id = ""
        text = QVBoxLayout()
        text.setSpacing(4)
        for label in (self.name, self.phone, self.address):
            text.addWidget(label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(16)
        layout.addLayout(text, 1)
        layout.addWidget(self.remove, 0, Qt.AlignmentFlag.AlignVCenter)

    def show_clinic(self, clinic: Clinic | None) -> None:
        self.clinic_id = clinic.id if clinic is not None else ""
        self.name.setText(clinic.name if clinic else "")
        self.phone.setText(clinic.phone if clinic else "")
        place = ""
        if clinic is not None:
            place = address_text(clinic) or tr("Care at home in {states}",
                                               states=states_served_text(clinic))
        self.address.setText(place)
        self.remove.set_text(tr("Remove"), tr("Remove {name}", name=clinic.name) if clinic else "")
        # Named here, so speech output reads the clinic; emptied with it, so a hidden
        # card keeps no name after the reset.
        self.setAccessibleName(clinic.name if clinic else "")
        self.setAccessibleDescription(", ".join(t for t in (self.phone.text(), place) if t))
        self.setVisible(clinic is not None)


class TakeHomePage(QWidget):
    """The marked clinics and one QR code with all of them and 988."""

    back_requested = Signal()
    remove_requested = Signal(str)  # clinic id

    def __init__(self) -> None:
        super().__init__()
        self.back = TouchButton()
        self.back.clicked.connect(self.back_requested)
        self.title = make_label("h1")
        head = QHBoxLayout()
        head.setSpacing(16)
        head.addWidget(self.back, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.title, 1)
        self.count = make_label("muted")
        self.empty = make_label()
        self.entries = [_Entry(self._on_remove) for _ in range(MAX_MARKS)]
        self.confirm = make_label("small")
        info = QWidget()
        info_layout = QVBoxLayout(info)
        info_layout.setContentsMargins(0, 0, 0, 0)
        info_layout.setSpacing(12)
        info_layout.addWidget(self.count)
        info_layout.addWidget(self.empty)
        for entry in self.entries:
            info_layout.addWidget(entry)
        info_layout.addWidget(self.confirm)
        info_layout.addStretch(1)

        self.qr = QrWidget()
        set_name(self.qr, N_("QR code"))
        self.caption = make_label("h2")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption_note = make_label("muted")
        self.caption_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.panel = QFrame()
        self.panel.setObjectName("Card")
        panel_layout = QVBoxLayout(self.panel)
        panel_layout.setContentsMargins(16, 16, 16, 16)
        panel_layout.addWidget(self.qr, 1)
        panel_layout.addWidget(self.caption)
        panel_layout.addWidget(self.caption_note)

        body = QWidget()
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, body)
        self.box.setContentsMargins(0, 0, 8, 16)
        self.box.setSpacing(32)
        self.box.addWidget(info, 1)
        self.box.addWidget(self.panel, 1, Qt.AlignmentFlag.AlignTop)
        self.box.addStretch(0)  # takes the spare height in portrait: the code sits under the list
        self.area = scroll_area(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 16, 24, 0)
        layout.setSpacing(12)
        layout.addLayout(head)
        layout.addWidget(self.area, 1)
        self._clinics: list[Clinic] = []

    def _on_remove(self, entry: _Entry) -> None:
        if entry.clinic_id:
            self.remove_requested.emit(entry.clinic_id)

    def show_clinics(self, clinics: list[Clinic]) -> None:
        """Show the marked clinics and their QR code (none: a calm line, no code)."""
        self._clinics = list(clinics)
        self.back.set_text(tr("Back"))
        self.title.setText(tr("Take it with you"))
        self.count.setText(tr("%n of 3 clinics on your list", None, len(clinics)))
        self.empty.setText(tr("Your list is empty. Tap \u201c+ Take with you\u201d on a clinic "
                              "to add it."))
        self.empty.setVisible(not clinics)
        for i, entry in enumerate(self.entries):
            entry.show_clinic(clinics[i] if i < len(clinics) else None)
        self.confirm.setText(tr("Listings can be out of date. Call to confirm before you go."))
        self.panel.setVisible(bool(clinics))
        self.qr.set_text(take_home_text(clinics) if clinics else "")
        self.caption.setText(tr("Scan with your phone's camera"))
        self.caption_note.setText(tr("Your phone shows this list as text, with 988 for "
                                     "crisis help. Nothing is saved here."))
        self.panel.setAccessibleName(tr("QR code"))
        self.panel.setAccessibleDescription(f"{self.caption.text()}. {self.caption_note.text()}")

    def clinics(self) -> list[Clinic]:
        return list(self._clinics)

    def labels(self) -> list[QLabel]:
        return self.findChildren(QLabel)

    def clear(self) -> None:
        """Forget the list: every entry, the QR and its text (hidden widgets too)."""
        self._clinics = []
        for entry in self.entries:
            entry.show_clinic(None)
        self.qr.set_text("")
        self.area.verticalScrollBar().setValue(0)

    def set_landscape(self, landscape: bool) -> None:
        side_by_side(self.box, landscape, text=1, side=1)
