"""The results: a summary, a calm note when nothing was found, the list (a model and a painter)
and the map."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QRect, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QListView,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.models import ClinicDelegate, ClinicListModel, ClinicRole, NumberRole
from kiosk.ui.screens.locator.common import make_label
from kiosk.ui.touch import enable_kinetic_scroll
from kiosk.ui.widgets.buttons import TouchButton
from kiosk.ui.widgets.usmap import UsMap

if TYPE_CHECKING:
    from kiosk.locator import Clinic


class ResultList(QListView):
    """The results list: rows are laid out again when its width changes, not its height.

    QListView in Adjust mode lays every row out again 100 ms after any resize; rows
    stacked top to bottom depend on the width only. A Text size tap makes the top bar
    taller and the list shorter: the rows were painted, then measured and painted again.
    """

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if event.size().width() == event.oldSize().width():
            QAbstractItemView.resizeEvent(self, event)  # the scroll range, not the rows
        else:
            super().resizeEvent(event)


class ResultsPage(QWidget):
    """The summary, a calm note when nothing was found, the list and the map."""

    back_requested = Signal()
    wider_requested = Signal()
    clinic_chosen = Signal(object)  # Clinic
    mark_toggled = Signal(object)  # Clinic
    list_requested = Signal()  # the take-home list

    def __init__(self, model: ClinicListModel, target: int) -> None:
        super().__init__()
        self.new_search = TouchButton()
        self.new_search.clicked.connect(self.back_requested)
        self.summary = make_label("h2")
        # The take-home counter: always in its place, so nothing moves when a mark is added.
        self.marks = TouchButton()
        self.marks.clicked.connect(self.list_requested)
        head = QHBoxLayout()
        head.setSpacing(16)
        head.addWidget(self.new_search, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.summary, 1)
        head.addWidget(self.marks, 0, Qt.AlignmentFlag.AlignTop)

        self.empty = QFrame()
        self.empty.setObjectName("Notice")
        self.empty_text = make_label()
        self.wider = TouchButton(role="primary")
        self.wider.clicked.connect(self.wider_requested)
        empty_layout = QHBoxLayout(self.empty)
        empty_layout.setContentsMargins(16, 12, 16, 12)
        empty_layout.setSpacing(16)
        empty_layout.addWidget(self.empty_text, 1)
        empty_layout.addWidget(self.wider, 0)
        self.empty.hide()

        self.list = ResultList()
        self.list.setObjectName("ClinicList")
        self.list.setModel(model)
        self.delegate = ClinicDelegate(self.list, target)
        self.delegate.watch(model)
        self.delegate.mark_toggled.connect(self.mark_toggled)
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
        self.map.view_changed.connect(self._on_map_view)
        self.map.setMinimumSize(260, 200)
        self.map_hint = make_label("muted")
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
        if self.delegate.took_tap():
            return  # the row's "Take with you" toggle, handled by the delegate
        clinic = index.data(ClinicRole)
        if clinic is not None:
            self.clinic_chosen.emit(clinic)

    def _on_map_view(self) -> None:
        """A cluster tap zoomed the map: bring its first clinic into view in the list."""
        if not self.map.is_zoomed_in():
            return
        model = self.list.model()
        numbers = sorted(n for mark in self.map.clusters() for n in mark)
        for row in range(model.rowCount()):
            if numbers and model.index(row, 0).data(NumberRole) == numbers[0]:
                self.list.scrollTo(model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)
                break

    def clear(self) -> None:
        """Forget the last search: headings, the note, the map (the model is the screen's)."""
        for widget in (self.summary, self.empty_text):
            widget.setText("")
        self.empty.hide()
        self.wider.hide()
        self.map.clear()
        self.list.clearSelection()
        self.list.verticalScrollBar().setValue(0)

    def visible_clinics(self) -> list[Clinic]:
        """The clinics whose rows are at least partly on screen, top to bottom."""
        view, model = self.list, self.list.model()
        area = view.viewport().rect()
        found = []
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            rect = view.visualRect(index)
            if rect.top() > area.bottom():
                break
            clinic = index.data(ClinicRole)
            if clinic is not None and rect.intersects(area):
                found.append(clinic)
        return found

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
