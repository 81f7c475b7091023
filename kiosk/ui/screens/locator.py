"""Find a clinic: a ZIP keypad or a state list, filters as chips, results as a list and a map,
and a detail card with a QR code to take the clinic away on a phone.

The directory opens in a worker thread (importing a large CSV can take seconds);
searches then run on the UI thread because they take milliseconds. The ZIP a
patient types is never logged or stored and is forgotten by ``reset()``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPoint,
    QRect,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QListView,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk import paths
from kiosk.settings import Settings
from kiosk.ui.i18n import N_, tr
from kiosk.ui.models import (
    CLINIC,
    CONDITION_LABELS,
    HEADER_AT_HOME,
    HEADER_OUTPATIENT,
    ClinicDelegate,
    ClinicListModel,
    ClinicRole,
    ResultRow,
    conditions_text,
    format_date,
    format_miles,
    kind_text,
    languages_text,
    routes_text,
    state_name,
    states_served_text,
)
from kiosk.ui.screens.base import Screen, scroll_area
from kiosk.ui.state import KioskState
from kiosk.ui.touch import enable_kinetic_scroll, min_target_px, stop_kinetic_scroll
from kiosk.ui.widgets.buttons import TouchButton
from kiosk.ui.widgets.keypad import Keypad
from kiosk.ui.widgets.qr import QrWidget, contact_vcard
from kiosk.ui.widgets.usmap import UsMap

if TYPE_CHECKING:
    from kiosk.locator import Clinic, Directory, ImportProblem, SearchQuery, SearchResult

# kiosk.locator (sqlite3, csv, hashlib: 40-100 ms to import) and segno are imported by
# the loading worker, never at module level: the screen must open within 50 ms.

log = logging.getLogger("kiosk.ui.locator")
CONDITIONS: tuple[str, ...] = tuple(CONDITION_LABELS)

RADII: tuple[int, ...] = (10, 25, 50, 100, 250)
KIND_CHOICES: tuple[tuple[str, str], ...] = (
    ("outpatient", N_("Visit a clinic")), ("at_home", N_("Care at home")), ("both", N_("Both")),
)
PAGE_LOADING, PAGE_SEARCH, PAGE_STATES, PAGE_RESULTS, PAGE_DETAIL = range(5)


RESULT_LIMIT = 50  # per section: outpatient clinics, at-home providers


def nearest_radius(miles: float) -> int:
    """The chip closest to a configured radius (ties go to the wider one)."""
    return min(RADII, key=lambda r: (abs(r - miles), -r))


# --- loading the directory off the UI thread -------------------------------------------------


@dataclass(frozen=True)
class Loaded:
    """What the worker hands back: the directory (None if it failed), problems, host, map dots."""

    directory: Directory | None
    problems: list[ImportProblem | str]
    host: Clinic | None
    dots: list[tuple[float, float]]
    error: str = ""


class _LoadSignals(QObject):
    done = Signal(int, object)  # generation, Loaded


class _LoadJob(QRunnable):
    def __init__(self, generation: int, settings: Settings, signals: _LoadSignals) -> None:
        super().__init__()
        self._generation = generation
        self._settings = settings
        self.signals = signals

    def run(self) -> None:
        import kiosk.ui.widgets.qr as qr  # warm segno's import for the first detail view
        from kiosk.locator import map_points, open_configured_directory
        qr.make_qr("warm-up")
        locator = self._settings.locator
        dots: list[tuple[float, float]] = []
        problems: list[ImportProblem | str] = []
        try:
            dots = map_points()
        except OSError as exc:  # the map is decoration: the list still works without it
            problems.append(f"map dots unreadable: {exc}")
        try:
            directory, found = open_configured_directory(locator.clinics, paths.cache_dir())
            problems.extend(found)
            host = directory.get(locator.host_clinic_id) if locator.host_clinic_id else None
            if locator.host_clinic_id and host is None:
                problems.append(f"[locator] host_clinic_id {locator.host_clinic_id!r} is not in "
                                "the clinic directory")
            result = Loaded(directory, problems, host, dots)
        except Exception as exc:  # reported on the staff screen and the log, never a traceback
            log.exception("the clinic directory could not be opened")
            result = Loaded(None, problems, None, dots, error=str(exc))
        try:
            self.signals.done.emit(self._generation, result)
        except RuntimeError:  # the screen went away (kiosk closing) while this ran
            if result.directory is not None:
                result.directory.close()


# --- a wrapping row of chips -----------------------------------------------------------------


class FlowLayout(QLayout):
    """Lays widgets left to right and wraps to a new line: chips never force sideways scrolling."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 12) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt name)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt name)
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt name)
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt name)
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt name)
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _place(self, rect: QRect, move: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and line > 0:
                x, y, line = rect.x(), y + line + self._gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._gap
            line = max(line, hint.height())
        return y + line - rect.y()


def _label(role: str = "", wrap: bool = True) -> QLabel:
    label = QLabel()
    if role:
        label.setProperty("role", role)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


def _chip(text: str, accessible: str | None = None) -> TouchButton:
    chip = TouchButton(text, role="chip", accessible_name=accessible)
    chip.setCheckable(True)
    chip.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return chip


# --- the pages (each built the first time it is needed) --------------------------------------


class _SearchPage(QWidget):
    """The keypad, the other ways in (this clinic, a state) and the filter chips."""

    zip_submitted = Signal(str)
    here_requested = Signal()
    states_requested = Signal()
    filters_changed = Signal()

    def __init__(self, show_here: bool) -> None:
        super().__init__()
        body = QWidget()
        self.title = _label("h1")
        self.zip_label = _label("h2")
        self.keypad = Keypad(5, ok_text=N_("Search"))
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

        self.radius_label = _label("h2")
        self.radius_chips: dict[int, TouchButton] = {}
        radius_flow = FlowLayout()
        for miles in RADII:
            chip = _chip(f"{miles} mi")
            chip.clicked.connect(self.filters_changed)
            self.radius_chips[miles] = chip
            radius_flow.addWidget(chip)
        self.condition_label = _label("h2")
        self.condition_hint = _label("muted")
        self.condition_chips: dict[str, TouchButton] = {}
        condition_flow = FlowLayout()
        for condition in CONDITIONS:
            chip = _chip(condition)
            chip.clicked.connect(self.filters_changed)
            self.condition_chips[condition] = chip
            condition_flow.addWidget(chip)
        self.kind_label = _label("h2")
        self.kind_chips: dict[str, TouchButton] = {}
        kind_flow = FlowLayout()
        for key, _text in KIND_CHOICES:
            chip = _chip(key)
            chip.clicked.connect(self.filters_changed)
            self.kind_chips[key] = chip
            kind_flow.addWidget(chip)
        # Exclusive groups: one radius and one kind are always chosen.
        self._radius_group = _exclusive(self.radius_chips.values())
        self._kind_group = _exclusive(self.kind_chips.values())

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


class _StatesPage(QWidget):
    """Every state and territory as a large button, in a kinetic scroll list."""

    state_chosen = Signal(str)
    back_requested = Signal()

    def __init__(self) -> None:
        from kiosk.locator import US_STATES

        super().__init__()
        self.back = TouchButton()
        self.back.clicked.connect(self.back_requested)
        self.title = _label("h1")
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
        self.buttons: list[TouchButton] = []
        for code, full in sorted(US_STATES.items(), key=lambda kv: kv[1]):
            # Children of the body from the start, so they are polished (and have
            # their fonts) when the page is shown and refit() measures them.
            button = TouchButton(f"{full}  ({code})", parent=body, accessible_name=full)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, c=code: self.state_chosen.emit(c))
            self.buttons.append(button)
        self._placed: list[tuple[int, int, int]] = []

    def retranslate(self) -> None:
        self.back.set_text(tr("Back to search"))
        self.title.setText(tr("Choose your state"))

    def refit(self) -> None:
        """Lay the buttons out for the current width and text size (after either changes)."""
        if not self.isVisible():
            return  # measured when shown: hidden buttons may not have their fonts yet
        margins = self.layout().contentsMargins()
        # The grid's width: the page less its margins, the body's and the scroll bar's.
        width = self.width() - margins.left() - margins.right() - 8 - 16
        if width <= 0:
            return
        spacing = self.grid.horizontalSpacing()
        hints = sorted(b.sizeHint().width() for b in self.buttons)
        # Columns as wide as nine names in ten need; the few longer names (at large
        # text, "Northern Mariana Islands") take as many columns as they need.
        typical = hints[len(hints) * 9 // 10 - 1]
        columns = max(1, min(5, (width + spacing) // (typical + spacing)))
        column = (width - spacing * (columns - 1)) / columns
        placed = []
        row = col = 0
        for button in self.buttons:
            span = 1
            while span < columns and column * span + spacing * (span - 1) < button.sizeHint().width():
                span += 1
            if col + span > columns:
                row, col = row + 1, 0
            placed.append((row, col, span))
            col += span
            if col >= columns:
                row, col = row + 1, 0
        if placed == self._placed:
            return
        self._placed = placed
        while self.grid.count():
            self.grid.takeAt(0)
        for c in range(self.grid.columnCount()):
            self.grid.setColumnStretch(c, 0)
        for button, (r, c, span) in zip(self.buttons, placed, strict=True):
            self.grid.addWidget(button, r, c, 1, span)
        for c in range(columns):
            self.grid.setColumnStretch(c, 1)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if self.isVisible():  # else showEvent does it, once the buttons have their fonts
            self.refit()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self.refit()


class _ResultsPage(QWidget):
    """The summary, a calm note when nothing was found, the list and the map."""

    back_requested = Signal()
    wider_requested = Signal()
    clinic_chosen = Signal(object)  # Clinic

    def __init__(self, model: ClinicListModel, target: int) -> None:
        super().__init__()
        self.new_search = TouchButton()
        self.new_search.clicked.connect(self.back_requested)
        self.summary = _label("h2")
        head = QHBoxLayout()
        head.setSpacing(16)
        head.addWidget(self.new_search, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.summary, 1)

        self.empty = QFrame()
        self.empty.setObjectName("Notice")
        self.empty_text = _label()
        self.wider = TouchButton(role="primary")
        self.wider.clicked.connect(self.wider_requested)
        empty_layout = QHBoxLayout(self.empty)
        empty_layout.setContentsMargins(16, 12, 16, 12)
        empty_layout.setSpacing(16)
        empty_layout.addWidget(self.empty_text, 1)
        empty_layout.addWidget(self.wider, 0)
        self.empty.hide()

        self.list = QListView()
        self.list.setObjectName("ClinicList")
        self.list.setModel(model)
        self.delegate = ClinicDelegate(self.list, target)
        self.list.setItemDelegate(self.delegate)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setSpacing(4)
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.list.clicked.connect(self._on_tapped)
        enable_kinetic_scroll(self.list)

        self.map = UsMap()
        self.map.clinic_tapped.connect(self.clinic_chosen)
        self.map.setMinimumSize(260, 200)
        self.map_hint = _label("muted")
        self.map_panel = QWidget()
        map_layout = QVBoxLayout(self.map_panel)
        map_layout.setContentsMargins(0, 0, 0, 0)
        map_layout.setSpacing(6)
        map_layout.addWidget(self.map, 1)
        map_layout.addWidget(self.map_hint)

        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.box.setSpacing(24)
        self.box.addWidget(self.list, 11)
        self.box.addWidget(self.map_panel, 9)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 16, 32, 16)
        layout.setSpacing(12)
        layout.addLayout(head)
        layout.addWidget(self.empty)
        layout.addLayout(self.box, 1)

    def _on_tapped(self, index: QModelIndex) -> None:
        clinic = index.data(ClinicRole)
        if clinic is not None:
            self.clinic_chosen.emit(clinic)

    def row_rect(self, row: int) -> QRect:
        """Where a row is on screen, in viewport pixels (scrolled into view first)."""
        index = self.list.model().index(row, 0)
        self.list.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return self.list.visualRect(index)

    def set_landscape(self, landscape: bool) -> None:
        self.box.setDirection(QBoxLayout.Direction.LeftToRight if landscape
                              else QBoxLayout.Direction.TopToBottom)
        self.box.setStretch(0, 11 if landscape else 3)
        self.box.setStretch(1, 9 if landscape else 2)


class _DetailPage(QWidget):
    """Every field of one clinic, and a QR code holding its contact card."""

    back_requested = Signal()

    FIELDS = ("kind", "distance", "address", "phone", "website", "conditions", "routes",
              "languages", "states")

    def __init__(self) -> None:
        super().__init__()
        self.back = TouchButton()
        self.back.clicked.connect(self.back_requested)
        head = QHBoxLayout()
        head.addWidget(self.back)
        head.addStretch(1)
        self.here = _label()
        self.here.setObjectName("HereBadge")
        self.name = _label("h1")
        fields = QGridLayout()
        fields.setHorizontalSpacing(20)
        fields.setVerticalSpacing(12)
        fields.setColumnStretch(1, 1)
        self.labels: dict[str, tuple[QLabel, QLabel]] = {}
        for row, key in enumerate(self.FIELDS):
            title = _label("muted")
            title.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            value = _label()
            fields.addWidget(title, row, 0)
            fields.addWidget(value, row, 1)
            self.labels[key] = (title, value)
        self.verified = _label("small")
        info = QWidget()
        info_layout = QVBoxLayout(info)
        info_layout.setContentsMargins(0, 0, 0, 0)
        info_layout.setSpacing(12)
        info_layout.addWidget(self.here, 0, Qt.AlignmentFlag.AlignLeft)
        info_layout.addWidget(self.name)
        info_layout.addLayout(fields)
        info_layout.addWidget(self.verified)
        info_layout.addStretch(1)

        self.qr = QrWidget()
        self.qr.setAccessibleName("QR code")
        self.caption = _label("h2")
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

    def show_clinic(self, clinic: Clinic, pinned: bool) -> None:
        self.back.set_text(tr("Back to results"))
        self.here.setText(tr("This clinic"))
        self.here.setVisible(pinned)
        self.name.setText(clinic.name)
        outpatient = clinic.kind == "outpatient"
        address = ", ".join(p for p in (clinic.address, clinic.city,
                                        f"{clinic.state} {clinic.zip}".strip()) if p)
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
        self.qr.set_text(contact_card(clinic))
        self.caption.setText(tr("Scan with your phone's camera to save this clinic"))

    def clear(self) -> None:
        self.qr.set_text("")
        self.name.setText("")
        self.area.verticalScrollBar().setValue(0)

    def set_landscape(self, landscape: bool) -> None:
        self.box.setDirection(QBoxLayout.Direction.LeftToRight if landscape
                              else QBoxLayout.Direction.TopToBottom)
        self.box.setStretch(0, 3 if landscape else 0)
        self.box.setStretch(1, 2 if landscape else 0)
        self.box.setStretch(2, 0 if landscape else 1)


def _exclusive(chips) -> QButtonGroup:
    group = QButtonGroup()
    group.setExclusive(True)
    for chip in chips:
        group.addButton(chip)
    return group


def contact_card(clinic: Clinic) -> str:
    """The vCard a patient's phone saves from the QR code (no address for at-home care)."""
    outpatient = clinic.kind == "outpatient"
    return contact_vcard(clinic.name, phone=clinic.phone,
                         street=clinic.address if outpatient else "",
                         city=clinic.city if outpatient else "",
                         region=clinic.state if outpatient else "",
                         zipcode=clinic.zip if outpatient else "", website=clinic.website)


@dataclass(frozen=True)
class Filters:
    """What the chips say: one radius, any conditions (none = all), and a kind."""

    radius: int
    conditions: tuple[str, ...] = ()
    kind: str = "both"  # "outpatient" | "at_home" | "both"

    def query_kind(self) -> str | None:
        return None if self.kind == "both" else self.kind


# --- the screen ------------------------------------------------------------------------------


class LocatorScreen(Screen):
    """The clinic finder. Opens its directory in a worker; everything else happens on taps."""

    name = "locator"
    loaded = Signal()

    def __init__(self, settings: Settings, state: KioskState, stats=None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Clinic finder screen")
        self.settings = settings
        self.state = state
        self.stats = stats
        self.directory: Directory | None = None
        self.problems: list[ImportProblem | str] = []
        self.load_error = ""
        self.model = ClinicListModel(self)
        self._host: Clinic | None = None
        self._dots: list[tuple[float, float]] = []
        self._generation = 0
        self._signals = _LoadSignals()
        self._signals.done.connect(self._on_loaded)
        self._target = min_target_px()
        self._theme, self._px = state.theme, state.text_px
        self._default_filters = Filters(nearest_radius(settings.locator.default_radius_miles))
        self.filters = self._default_filters
        self._query: SearchQuery | None = None
        self._via = ""  # "zip" | "here" | "state": how the shown results were asked for
        self._result: SearchResult | None = None
        self._wider: int | None = None
        self._detail: Clinic | None = None
        self._message: tuple[str, str] = ("", "")
        self._landscape = True
        self.search_page: _SearchPage | None = None
        self.states_page: _StatesPage | None = None
        self.results_page: _ResultsPage | None = None
        self.detail_page: _DetailPage | None = None

        self._banner = QFrame()
        self._banner.setObjectName("DemoBanner")
        self._banner_text = _label()
        self._banner_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        banner_layout = QHBoxLayout(self._banner)
        banner_layout.setContentsMargins(16, 8, 16, 8)
        banner_layout.addWidget(self._banner_text)
        self._banner.hide()

        self._loading = QWidget()
        self._loading_text = _label("h2")
        self._loading_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._loading_detail = _label("muted")
        self._loading_detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        loading_layout = QVBoxLayout(self._loading)
        loading_layout.setContentsMargins(32, 32, 32, 32)
        loading_layout.addStretch(1)
        loading_layout.addWidget(self._loading_text)
        loading_layout.addWidget(self._loading_detail)
        loading_layout.addStretch(2)

        self._pages = QStackedWidget()
        self._pages.addWidget(self._loading)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._banner)
        outer.addWidget(self._pages, 1)
        self.retranslate()
        self._start_loading()

    # --- pages, built on first use ------------------------------------------------------

    def _search_page(self) -> _SearchPage:
        if self.search_page is None:
            page = _SearchPage(bool(self.settings.locator.home_zip))
            page.zip_submitted.connect(self._on_zip_submitted)
            page.here_requested.connect(self._on_here)
            page.states_requested.connect(self._open_states)
            page.filters_changed.connect(self._on_filters_changed)
            page.show_filters(self.filters)
            page.retranslate()
            page.set_landscape(self._landscape)
            self._pages.addWidget(page)
            self.search_page = page
        return self.search_page

    def _states_page(self) -> _StatesPage:
        if self.states_page is None:
            page = _StatesPage()
            page.state_chosen.connect(self._on_state)
            page.back_requested.connect(self._back_to_search)
            page.retranslate()
            self._pages.addWidget(page)
            self.states_page = page
        return self.states_page

    def _results_page(self) -> _ResultsPage:
        if self.results_page is None:
            page = _ResultsPage(self.model, self._target)
            page.back_requested.connect(self._back_to_search)
            page.wider_requested.connect(self._on_wider)
            page.clinic_chosen.connect(self._open_detail)
            page.delegate.set_appearance(self._theme, self._px)
            page.map.set_appearance(self._theme, self._px)
            page.map.set_dots(self._dots)
            page.set_landscape(self._landscape)
            self._pages.addWidget(page)
            self.results_page = page
        return self.results_page

    def _detail_page(self) -> _DetailPage:
        if self.detail_page is None:
            page = _DetailPage()
            page.back_requested.connect(self._back_to_results)
            page.qr.set_min_side(max(220, self._px * 11))
            page.set_landscape(self._landscape)
            self._pages.addWidget(page)
            self.detail_page = page
        return self.detail_page

    def page(self) -> str:
        """Which part of the finder is showing: loading, search, states, results or detail."""
        current = self._pages.currentWidget()
        for name, page in (("search", self.search_page), ("states", self.states_page),
                           ("results", self.results_page), ("detail", self.detail_page)):
            if page is not None and current is page:
                return name
        return "loading"

    # --- loading ------------------------------------------------------------------------

    def _start_loading(self) -> None:
        self._generation += 1
        self._pages.setCurrentWidget(self._loading)
        self._loading_text.setText(tr("Loading the clinic list…"))
        self._loading_detail.setText("")
        QThreadPool.globalInstance().start(_LoadJob(self._generation, self.settings, self._signals))

    def is_loaded(self) -> bool:
        return self.directory is not None

    def _on_loaded(self, generation: int, loaded: Loaded) -> None:
        if generation != self._generation:
            if loaded.directory is not None and loaded.directory is not self.directory:
                loaded.directory.close()
            return
        for problem in loaded.problems:
            log.warning("clinic directory: %s", problem)
        old = self.directory
        self.directory = loaded.directory
        self.problems = list(loaded.problems)
        self.load_error = loaded.error
        self._host = loaded.host
        self._dots = loaded.dots
        if old is not None and old is not self.directory:
            old.close()
        if self.results_page is not None:
            self.results_page.map.set_dots(self._dots)
        self._banner.setVisible(bool(self.directory is not None and self.directory.is_demo))
        if self.directory is None:
            self.retranslate()
            return
        self._pages.setCurrentWidget(self._search_page())
        self.loaded.emit()

    def reload(self) -> None:
        """Open the configured directory again (staff changed the CSV); the session starts over."""
        self.reset()
        self._start_loading()

    # --- searching ----------------------------------------------------------------------

    def _on_filters_changed(self) -> None:
        if self.search_page is not None:
            self.filters = self.search_page.filters()

    def _on_zip_submitted(self, value: str) -> None:
        from kiosk.locator import QueryError, SearchQuery, normalize_zip

        try:
            zip5 = normalize_zip(value)
        except QueryError:
            self._show_message("short", value)
            return
        f = self.filters
        self._search(SearchQuery(zip=zip5, radius_miles=f.radius, conditions=f.conditions,
                                 kind=f.query_kind()), "zip")

    def _on_here(self) -> None:
        from kiosk.locator import SearchQuery

        home = self.settings.locator.home_zip
        if home:
            f = self.filters
            self._search(SearchQuery(zip=home, radius_miles=f.radius, conditions=f.conditions,
                                     kind=f.query_kind()), "here")

    def _on_state(self, code: str) -> None:
        from kiosk.locator import SearchQuery

        f = self.filters
        self._search(SearchQuery(state=code, conditions=f.conditions, kind=f.query_kind()), "state")

    def _on_wider(self) -> None:
        from kiosk.locator import SearchQuery

        query, wider = self._query, self._wider
        if query is not None and wider is not None:
            self.filters = replace(self.filters, radius=wider)
            if self.search_page is not None:
                self.search_page.show_filters(self.filters)
            self._search(SearchQuery(zip=query.zip, radius_miles=wider,
                                     conditions=query.conditions, kind=query.kind), self._via)

    def _search(self, query: SearchQuery, via: str) -> None:
        from kiosk.locator import DirectoryError, QueryError

        directory = self.directory
        if directory is None:
            return
        if query.limit is None:
            # A screen shows the nearest few dozen; building thousands of rows for a
            # dense city would only slow the tap down (10 ms budget at 100,000 clinics).
            query = replace(query, limit=RESULT_LIMIT)
        try:
            result = directory.search(query)
        except QueryError:
            # The message would name the ZIP: it is shown to the patient, never logged.
            self._show_message("unknown", query.zip or "")
            self._back_to_search()
            return
        except DirectoryError as exc:
            log.error("clinic search failed: %s", exc)
            self._show_message("broken", "")
            self._back_to_search()
            return
        self._count("search", f"{via}-{query.kind or 'both'}")
        self._query, self._via, self._result = query, via, result
        self._wider = self._wider_radius(query, result)
        self._show_message("", "")
        page = self._results_page()
        self._render_results()
        page.list.clearSelection()
        page.list.scrollToTop()
        self._pages.setCurrentWidget(page)

    def _wider_radius(self, query: SearchQuery, result: SearchResult) -> int | None:
        """For an empty ZIP search: the smallest wider chip that finds a clinic, if any."""
        from kiosk.locator import DirectoryError, QueryError, SearchQuery

        if query.zip is None or result.outpatient or query.kind == "at_home" \
                or self.directory is None:
            return None
        for miles in (r for r in RADII if r > query.radius_miles):
            try:
                probe = self.directory.search(SearchQuery(
                    zip=query.zip, radius_miles=miles, conditions=query.conditions,
                    kind="outpatient", limit=1))
            except (QueryError, DirectoryError):
                return None
            if probe.outpatient:
                return miles
        return None

    def _count(self, event: str, key: str) -> None:
        if self.stats is None:
            return
        try:
            self.stats.count(event, key)
        except Exception as exc:  # counting must never break a search; the reason is logged
            log.warning("usage count %s/%s refused: %s", event, key, exc)

    # --- showing results ----------------------------------------------------------------

    def _rows(self, query: SearchQuery, result: SearchResult) -> list[ResultRow]:
        # The host clinic goes first when the search found it; a clinic outside the radius
        # is never added, or "No clinics within 10 miles" would sit above one.
        host_id = self._host.id if self._host is not None else ""
        outpatient = sorted(result.outpatient, key=lambda c: c.id != host_id)
        at_home = sorted(result.at_home, key=lambda c: c.id != host_id)
        pinned_id = host_id
        rows: list[ResultRow] = []
        if outpatient:
            rows.append(ResultRow(HEADER_OUTPATIENT))
            rows += [ResultRow(CLINIC, c, i + 1, c.id == pinned_id) for i, c in enumerate(outpatient)]
        if at_home:
            rows.append(ResultRow(HEADER_AT_HOME, state=result.state or ""))
            rows += [ResultRow(CLINIC, c, 0, c.id == pinned_id) for c in at_home]
        return rows

    def _render_results(self) -> None:
        query, result = self._query, self._result
        if query is None or result is None:
            return
        rows = self._rows(query, result)
        self.model.set_rows(rows)
        pins = [(r.clinic, r.number) for r in rows if r.clinic is not None and r.number]
        page = self._results_page()
        page.map.set_results([c for c, _ in pins], [n for _, n in pins], result.origin)
        page.map_panel.setVisible(bool(pins))
        self._retranslate_results()

    def _retranslate_results(self) -> None:
        query, result, page = self._query, self._result, self.results_page
        if query is None or result is None or page is None:
            return
        origin = result.origin
        miles = f"{query.radius_miles:g}"
        state = state_name(result.state or "")
        if self._via == "state":
            summary = tr("Clinics in {state}", state=state)
        elif self._via == "here":
            summary = tr("Clinics within {miles} miles of this clinic", miles=miles)
        else:
            assert origin is not None
            summary = tr("Clinics within {miles} miles of {zip} ({city}, {state})", miles=miles,
                         zip=origin.zip, city=origin.city, state=origin.state)
        page.summary.setText(summary)
        empty = ""
        if not result.outpatient and query.kind != "at_home":
            if self._via == "state":
                empty = tr("No clinics to visit in {state}.", state=state)
            elif self._via == "here":
                empty = tr("No clinics within {miles} miles of this clinic.", miles=miles)
            elif origin is not None:
                empty = tr("No clinics within {miles} miles of {zip}.", miles=miles, zip=origin.zip)
            if result.at_home:
                empty += " " + tr("Care at home is listed below.")
        elif not result.at_home and query.kind == "at_home":
            empty = tr("No at-home care found for {state}.", state=state)
        page.empty_text.setText(empty)
        page.empty.setVisible(bool(empty))
        page.wider.setVisible(self._wider is not None)
        if self._wider is not None:
            page.wider.set_text(tr("Search {miles} miles", miles=self._wider))
        page.new_search.set_text(tr("New search"))
        page.map_hint.setText(tr("Tap a numbered pin to see that clinic."))
        page.list.setAccessibleName(tr("Search results"))
        page.map.setAccessibleName(tr("Map of the results"))
        self.model.retranslate()

    # --- detail -------------------------------------------------------------------------

    def _open_detail(self, clinic: Clinic) -> None:
        self._detail = clinic
        row = self.model.row_of(clinic.id)
        if row >= 0 and self.results_page is not None:
            self.results_page.list.setCurrentIndex(self.model.index(row))
        page = self._detail_page()
        self._render_detail()
        self._count("locator_detail", clinic.kind)
        page.area.verticalScrollBar().setValue(0)
        self._pages.setCurrentWidget(page)

    def _render_detail(self) -> None:
        if self._detail is not None and self.detail_page is not None:
            pinned = self._host is not None and self._host.id == self._detail.id
            self.detail_page.show_clinic(self._detail, pinned)

    def detail_clinic(self) -> Clinic | None:
        """The clinic whose detail is showing, if any."""
        return self._detail if self.page() == "detail" else None

    def contact_card(self, clinic: Clinic) -> str:
        return contact_card(clinic)

    # --- navigation inside the screen ---------------------------------------------------

    def _open_states(self) -> None:
        page = self._states_page()
        page.area.verticalScrollBar().setValue(0)
        self._pages.setCurrentWidget(page)

    def _back_to_search(self) -> None:
        if self.directory is None:
            self._pages.setCurrentWidget(self._loading)
        else:
            self._pages.setCurrentWidget(self._search_page())

    def _back_to_results(self) -> None:
        if self.results_page is not None:
            self._pages.setCurrentWidget(self.results_page)

    # --- messages -----------------------------------------------------------------------

    def _show_message(self, key: str, value: str) -> None:
        self._message = (key, value)
        if key == "short":
            text = tr("A ZIP code has 5 numbers. Please check and try again.")
        elif key == "unknown":
            text = tr("We could not find ZIP code {zip}. Please check the numbers, "
                      "or choose your state.", zip=value)
        elif key == "broken":
            text = tr("The clinic list is not available right now. "
                      "Please ask the front desk for help finding a clinic.")
        else:
            text = ""
        if self.search_page is not None:
            self.search_page.show_message(text)

    # --- Screen API ---------------------------------------------------------------------

    def retranslate(self) -> None:
        self._banner_text.setText(tr("Sample data: not real clinics"))
        if self.directory is None and self.load_error:
            self._loading_text.setText(tr("The clinic finder is not available right now."))
            self._loading_detail.setText(tr("Please ask the front desk for help finding a clinic."))
        else:
            self._loading_text.setText(tr("Loading the clinic list…"))
        if self.search_page is not None:
            self.search_page.retranslate()
            self._show_message(*self._message)
        if self.states_page is not None:
            self.states_page.retranslate()
        self._retranslate_results()
        self._render_detail()

    def set_appearance(self, theme_name: str, text_px: int) -> None:
        """Text size or contrast changed: the painted rows, the map and the QR follow."""
        self._theme, self._px = theme_name, text_px
        self._target = min_target_px(self.screen())
        if self.results_page is not None:
            self.results_page.delegate.set_appearance(theme_name, text_px)
            self.results_page.delegate.set_min_height(self._target)
            self.results_page.map.set_appearance(theme_name, text_px)
            self.model.layoutChanged.emit()
        if self.detail_page is not None:
            self.detail_page.qr.set_min_side(max(220, text_px * 11))
        if self.states_page is not None:
            # New fonts reach the buttons when they are re-polished, after this call.
            QTimer.singleShot(0, self.states_page.refit)

    def reset(self) -> None:
        self.filters = self._default_filters
        self._query, self._result, self._via, self._wider, self._detail = None, None, "", None, None
        self._message = ("", "")
        self.model.clear()
        if self.search_page is not None:
            self.search_page.keypad.clear()
            self.search_page.show_message("")
            self.search_page.show_filters(self.filters)
            self.search_page.area.verticalScrollBar().setValue(0)
        if self.states_page is not None:
            self.states_page.area.verticalScrollBar().setValue(0)
        if self.results_page is not None:
            self.results_page.map.clear()
            self.results_page.list.verticalScrollBar().setValue(0)
        if self.detail_page is not None:
            self.detail_page.clear()
        self._back_to_search()

    def leave(self) -> None:
        for page in (self.search_page, self.states_page, self.detail_page):
            if page is not None:
                stop_kinetic_scroll(page.area)
        if self.results_page is not None:
            stop_kinetic_scroll(self.results_page.list)

    def staff_lines(self) -> list[str]:
        """The directory in use, for the staff screen."""
        directory = self.directory
        if directory is None:
            lines = [f"Not available: {self.load_error}" if self.load_error
                     else "Still loading the clinic directory"]
        else:
            imported = (directory.imported_at.strftime("%Y-%m-%d %H:%M UTC")
                        if directory.imported_at else "unknown")
            kind = "Built-in demo directory (sample data)" if directory.is_demo else "Directory"
            lines = [
                f"{kind}: {directory.source or directory.path}",
                f"File: {directory.path or '(in memory)'}",
                f"{directory.count_outpatient} outpatient clinics, "
                f"{directory.count_at_home} at-home providers",
                f"Version {directory.version or 'unknown'}, imported {imported}",
            ]
            if self.settings.locator.host_clinic_id:
                found = self._host.name if self._host else "not found"
                lines.append(f"This clinic: {found} ({self.settings.locator.host_clinic_id})")
        lines += [f"Problem: {p}" for p in self.problems]
        return lines

    # --- layout -------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        landscape = self.width() >= self.height()
        if landscape != self._landscape:
            self._landscape = landscape
            for page in (self.search_page, self.results_page, self.detail_page):
                if page is not None:
                    page.set_landscape(landscape)
