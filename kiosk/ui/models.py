"""The clinic result list: a Qt model over plain search results, its row painter and the
words used to show a clinic (distances, conditions, kinds, dates) in the current language."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import (
    QAbstractListModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QAbstractScrollArea, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from kiosk.ui import theme
from kiosk.ui.i18n import N_, locale, tr

if TYPE_CHECKING:  # the locator package loads in the screen's worker, not on the UI thread
    from kiosk.locator import Clinic

# In kiosk.locator.CONDITIONS order (a test checks): the chips show in this order.
CONDITION_LABELS: dict[str, str] = {
    "pain": N_("Pain"), "depression": N_("Depression"), "anxiety": N_("Anxiety"),
    "ptsd": N_("PTSD"), "ocd": N_("OCD"), "addiction": N_("Addiction"),
}
ROUTE_LABELS: dict[str, str] = {
    "iv": N_("IV infusion"), "im": N_("Injection"), "nasal": N_("Nasal spray"),
    "oral": N_("By mouth"),
}
KIND_LABELS: dict[str, str] = {
    "outpatient": N_("Clinic visits"), "at_home": N_("Care at home (online)"),
}

ClinicRole = Qt.ItemDataRole.UserRole + 1
RowKindRole = Qt.ItemDataRole.UserRole + 2
NumberRole = Qt.ItemDataRole.UserRole + 3
PinnedRole = Qt.ItemDataRole.UserRole + 4
DistanceRole = Qt.ItemDataRole.UserRole + 5
PlaceRole = Qt.ItemDataRole.UserRole + 6
ConditionsRole = Qt.ItemDataRole.UserRole + 7
PhoneRole = Qt.ItemDataRole.UserRole + 8
RowTextRole = Qt.ItemDataRole.UserRole + 9  # a RowText: every word a clinic row paints

HEADER_OUTPATIENT = "header_outpatient"
HEADER_AT_HOME = "header_at_home"
CLINIC = "clinic"


# --- words --------------------------------------------------------------------------------


def format_miles(miles: float) -> str:
    """'12.3 mi' in English, '12,3 mi' in Spanish."""
    return tr("{distance} mi", distance=locale().toString(float(miles), "f", 1))


def format_date(day: dt.date) -> str:
    """A date in words: 'March 2, 2025' / '2 de marzo de 2025'."""
    # The date pattern is part of the translation (Spanish: "d 'de' MMMM 'de' yyyy").
    pattern = tr("MMMM d, yyyy")
    return locale().toString(QDate(day.year, day.month, day.day), pattern)


def state_name(code: str) -> str:
    from kiosk.locator.model import US_STATES

    return US_STATES.get(code, code)


def conditions_text(conditions: tuple[str, ...]) -> str:
    return ", ".join(tr(CONDITION_LABELS[c]) if c in CONDITION_LABELS else c for c in conditions)


def routes_text(routes: tuple[str, ...]) -> str:
    return ", ".join(tr(ROUTE_LABELS[r]) if r in ROUTE_LABELS else r for r in routes)


def kind_text(kind: str) -> str:
    return tr(KIND_LABELS[kind]) if kind in KIND_LABELS else kind


def languages_text(codes: tuple[str, ...]) -> str:
    """Each language in its own words (a patient recognises 'español' or 'português')."""
    from PySide6.QtCore import QLocale

    names = []
    for code in codes:
        # Qt names en and es with a region ("American English"); the kiosk shows the language.
        native = _NATIVE.get(code) or (QLocale(code).nativeLanguageName() if code else "")
        names.append(native[:1].upper() + native[1:] if native else code)
    return ", ".join(names)


_NATIVE = {"en": "English", "es": "Español", "pt": "Português", "fr": "Français"}


def states_served_text(clinic: Clinic) -> str:
    if clinic.serves_all_states:
        return tr("Every state")
    return ", ".join(state_name(s) for s in clinic.states_served)


def place_text(clinic: Clinic) -> str:
    return f"{clinic.city}, {clinic.state}" if clinic.city else state_name(clinic.state)


# --- the model ----------------------------------------------------------------------------


class RowText(NamedTuple):
    """What a clinic row shows, in the current language (one look-up per row for the painter)."""

    name: str
    distance: str
    line2: str  # place and phone
    line3: str  # conditions
    number: int
    pinned: bool


class ResultRow(NamedTuple):
    """One row: a section header or a clinic (``number`` is its map pin, 0 for none)."""

    kind: str
    clinic: Clinic | None = None
    number: int = 0
    pinned: bool = False
    state: str = ""


class ClinicListModel(QAbstractListModel):
    """Rows of a search result: outpatient clinics (nearest first), then at-home providers."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[ResultRow] = []
        self._texts: dict[int, RowText] = {}  # by row, in the current language

    def set_rows(self, rows: list[ResultRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._texts.clear()
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def rows(self) -> list[ResultRow]:
        return list(self._rows)

    def clinics(self) -> list[Clinic]:
        return [r.clinic for r in self._rows if r.clinic is not None]

    def row_of(self, clinic_id: str) -> int:
        """The row showing this clinic, or -1."""
        return next((i for i, r in enumerate(self._rows)
                     if r.clinic is not None and r.clinic.id == clinic_id), -1)

    def retranslate(self) -> None:
        """Every row's words changed language: ask the view to repaint and re-measure them."""
        self._texts.clear()
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))
        self.layoutChanged.emit()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()].kind == CLINIC:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return Qt.ItemFlag.ItemIsEnabled

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == RowKindRole:
            return row.kind
        if row.kind == HEADER_OUTPATIENT:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return tr("Clinics you can visit")
            return None
        if row.kind == HEADER_AT_HOME:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return tr("Online / at-home care in {state}", state=state_name(row.state))
            return None
        clinic = row.clinic
        assert clinic is not None
        if role == Qt.ItemDataRole.DisplayRole:
            return clinic.name
        if role == Qt.ItemDataRole.AccessibleTextRole:
            parts = [clinic.name]
            if row.pinned:
                parts.append(tr("This clinic"))
            if clinic.distance_miles is not None:
                parts.append(format_miles(clinic.distance_miles))
            parts.append(place_text(clinic))
            return ", ".join(parts)
        if role == RowTextRole:
            text = self._texts.get(index.row())
            if text is None:
                text = self._texts[index.row()] = self._row_text(row, clinic)
            return text
        if role == ClinicRole:
            return clinic
        if role == NumberRole:
            return row.number
        if role == PinnedRole:
            return row.pinned
        if role == DistanceRole:
            return "" if clinic.distance_miles is None else format_miles(clinic.distance_miles)
        if role == PlaceRole:
            if clinic.kind == "at_home":
                return states_served_text(clinic)
            return place_text(clinic)
        if role == ConditionsRole:
            return conditions_text(clinic.conditions)
        if role == PhoneRole:
            return clinic.phone
        return None


    @staticmethod
    def _row_text(row: ResultRow, clinic: Clinic) -> RowText:
        place = states_served_text(clinic) if clinic.kind == "at_home" else place_text(clinic)
        return RowText(
            clinic.name,
            "" if clinic.distance_miles is None else format_miles(clinic.distance_miles),
            "  ·  ".join(p for p in (place, clinic.phone) if p),
            conditions_text(clinic.conditions), row.number, row.pinned)


# --- the row painter ----------------------------------------------------------------------


class ClinicDelegate(QStyledItemDelegate):
    """Paints each clinic as a large card: pin number, name, distance, place, phone, conditions.

    Rows are never shorter than the touch target; the name wraps instead of being cut.
    """

    def __init__(self, parent: QWidget | None = None, min_height: int = 48) -> None:
        super().__init__(parent)
        self._min_height = min_height
        # Row layouts by (row, width): the view asks for a row's size several times per
        # layout and again to paint it; measuring wrapped text in Python is the cost.
        self._layouts: dict[tuple[int, int], dict[str, Any]] = {}
        self.set_appearance("default", theme.BASE_TEXT_PX)

    def watch(self, model: QAbstractListModel) -> None:
        """Forget measured rows whenever ``model``'s rows or words change."""
        for signal in (model.modelReset, model.layoutChanged, model.dataChanged,
                       model.rowsInserted, model.rowsRemoved):
            signal.connect(self.forget_layouts)

    def forget_layouts(self, *_args: object) -> None:
        self._layouts.clear()

    def set_appearance(self, theme_name: str, text_px: int) -> None:
        self._layouts.clear()
        self._palette = theme.palette(theme_name)
        self._px = text_px
        self._pad = max(10, text_px * 2 // 3)
        self._name_font = self._font(round(text_px * 1.15), bold=True)
        self._body_font = self._font(text_px)
        self._small_font = self._font(round(text_px * 0.9))
        self._header_font = self._font(round(text_px * 1.25), bold=True)
        self._badge_font = self._font(round(text_px * 0.8), bold=True)
        self._name_fm = QFontMetrics(self._name_font)
        self._body_fm = QFontMetrics(self._body_font)
        self._small_fm = QFontMetrics(self._small_font)
        self._badge_fm = QFontMetrics(self._badge_font)

    def set_min_height(self, px: int) -> None:
        self._layouts.clear()
        self._min_height = px

    @staticmethod
    def _font(px: int, bold: bool = False) -> QFont:
        font = QFont()
        font.setPixelSize(px)
        font.setBold(bold)
        return font

    def _badge_width(self) -> int:
        return round(self._px * 1.8)

    def _text_rect(self, rect: QRect, number: int) -> QRect:
        pad = self._pad
        left = rect.left() + pad + (self._badge_width() + pad if number else 0)
        return QRect(left, rect.top() + pad, max(40, rect.right() - pad - left), rect.height())

    def _layout(self, width: int, index: QModelIndex | QPersistentModelIndex) -> dict[str, Any]:
        """Where each piece goes in a row of this width (shared by sizeHint and paint)."""
        key = (index.row(), width)
        parts = self._layouts.get(key)
        if parts is None:
            parts = self._layouts[key] = self._measure(width, index)
        return parts

    def _measure(self, width: int, index: QModelIndex | QPersistentModelIndex) -> dict[str, Any]:
        words: RowText = index.data(RowTextRole)
        rect = QRect(0, 0, max(width, 200), 10_000)
        text = self._text_rect(rect, words.number)
        flags = int(Qt.TextFlag.TextWordWrap)
        name_fm = self._name_fm
        dist_w = name_fm.horizontalAdvance(words.distance) + self._pad if words.distance else 0
        y = text.top()
        parts: dict[str, Any] = {"number": words.number, "distance": words.distance,
                                 "name_text": words.name, "pinned_row": words.pinned}
        if words.pinned:
            badge_h = self._badge_fm.height() + 8
            parts["pinned"] = QRect(text.left(), y, 0, badge_h)
            y += badge_h + 6
        name_rect = name_fm.boundingRect(
            QRect(text.left(), y, text.width() - dist_w, 10_000), flags, words.name)
        parts["name"] = QRect(text.left(), y, text.width() - dist_w, name_rect.height())
        parts["dist"] = QRect(text.right() - dist_w + self._pad, y, dist_w - self._pad,
                              name_fm.height())
        y += name_rect.height() + 4
        r2 = self._body_fm.boundingRect(QRect(text.left(), y, text.width(), 10_000), flags,
                                        words.line2)
        parts["line2"] = (QRect(text.left(), y, text.width(), r2.height()), words.line2)
        y += r2.height() + 4
        r3 = self._small_fm.boundingRect(QRect(text.left(), y, text.width(), 10_000), flags,
                                         words.line3)
        parts["line3"] = (QRect(text.left(), y, text.width(), r3.height()), words.line3)
        y += r3.height() + self._pad
        parts["height"] = max(self._min_height, y)
        return parts

    def _header_height(self, width: int, text: str) -> int:
        fm = QFontMetrics(self._header_font)
        r = fm.boundingRect(QRect(0, 0, max(200, width - 2 * self._pad), 10_000),
                            int(Qt.TextFlag.TextWordWrap), text)
        return r.height() + 2 * self._pad

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex  # noqa: N802
                 ) -> QSize:
        view = self.parent()
        width = option.rect.width()
        if isinstance(view, QAbstractScrollArea):
            width = view.viewport().width() - 4
        if index.data(RowKindRole) != CLINIC:
            return QSize(width, self._header_height(width, index.data() or ""))
        return QSize(width, self._layout(width, index)["height"])

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        pal = self._palette
        rect = option.rect
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if index.data(RowKindRole) != CLINIC:
            painter.setFont(self._header_font)
            painter.setPen(QColor(pal.text))
            painter.drawText(rect.adjusted(self._pad, self._pad, -self._pad, 0),
                             int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
                                 | Qt.AlignmentFlag.AlignBottom), index.data() or "")
            painter.restore()
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        parts = self._layout(rect.width(), index)
        card = rect.adjusted(2, 2, -2, -2)
        painter.setPen(QPen(QColor(pal.accent if parts["pinned_row"] else pal.border), 2))
        painter.setBrush(QColor(pal.pressed if selected else pal.surface))
        radius = max(8, self._px // 2)
        painter.drawRoundedRect(card, radius, radius)
        dy = rect.top()
        flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        number = parts["number"]
        if number:
            side = self._badge_width()
            badge = QRect(rect.left() + self._pad, dy + self._pad, side, side)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(pal.accent))
            painter.drawEllipse(badge)
            painter.setPen(QColor(pal.on_accent))
            painter.setFont(self._badge_font)
            painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), str(number))
        if "pinned" in parts:
            label = tr("This clinic")
            r = parts["pinned"].translated(rect.left(), dy)
            r.setWidth(self._badge_fm.horizontalAdvance(label) + 20)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(pal.accent))
            painter.drawRoundedRect(r, r.height() / 2, r.height() / 2)
            painter.setPen(QColor(pal.on_accent))
            painter.setFont(self._badge_font)
            painter.drawText(r, int(Qt.AlignmentFlag.AlignCenter), label)
        painter.setPen(QColor(pal.text))
        painter.setFont(self._name_font)
        painter.drawText(parts["name"].translated(rect.left(), dy), flags, parts["name_text"])
        if parts["distance"]:
            painter.drawText(parts["dist"].translated(rect.left(), dy),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
                             parts["distance"])
        painter.setFont(self._body_font)
        r2, line2 = parts["line2"]
        painter.drawText(r2.translated(rect.left(), dy), flags, line2)
        painter.setFont(self._small_font)
        painter.setPen(QColor(pal.muted))
        r3, line3 = parts["line3"]
        painter.drawText(r3.translated(rect.left(), dy), flags, line3)
        painter.restore()
