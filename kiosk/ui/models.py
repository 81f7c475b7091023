"""The clinic result list: a Qt model over plain search results, its row painter and the
words used to show a clinic (distances, conditions, kinds, dates) in the current language."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QDate,
    QEvent,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from kiosk.ui import theme
from kiosk.ui.i18n import N_, locale, tr
from kiosk.ui.i18n import language as i18n_language

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
    "therapy": N_("PTSD care (not ketamine)"),
}
PAYMENT_LABELS: dict[str, str] = {
    "medicaid": N_("Medicaid"), "medicare": N_("Medicare"), "private": N_("Private insurance"),
    "sliding_fee": N_("Sliding fee"), "military": N_("Military insurance (TRICARE)"),
}
# State and territory names in Spanish where they differ from English (the others,
# California or Texas, are the same words); a per-language table rather than tr(), so
# the translation file does not carry 40 names copied unchanged.
STATE_NAMES: dict[str, dict[str, str]] = {
    "es": {
        "NY": "Nueva York", "NC": "Carolina del Norte", "SC": "Carolina del Sur",
        "PA": "Pensilvania", "LA": "Luisiana", "MO": "Misuri", "HI": "Hawái",
        "NM": "Nuevo México", "SD": "Dakota del Sur", "ND": "Dakota del Norte",
        "WV": "Virginia Occidental", "DC": "Distrito de Columbia", "NJ": "Nueva Jersey",
        "NH": "Nuevo Hampshire", "OR": "Oregón", "MI": "Míchigan", "MS": "Misisipi",
        "VI": "Islas Vírgenes de los EE. UU.", "AS": "Samoa Americana",
        "MP": "Islas Marianas del Norte",
    },
}

ClinicRole = Qt.ItemDataRole.UserRole + 1
RowKindRole = Qt.ItemDataRole.UserRole + 2
NumberRole = Qt.ItemDataRole.UserRole + 3
PinnedRole = Qt.ItemDataRole.UserRole + 4
DistanceRole = Qt.ItemDataRole.UserRole + 5
PlaceRole = Qt.ItemDataRole.UserRole + 6
ConditionsRole = Qt.ItemDataRole.UserRole + 7
PhoneRole = Qt.ItemDataRole.UserRole + 8
SourceRole = Qt.ItemDataRole.UserRole + 9  # where the listing came from, how old, call first
MarkedRole = Qt.ItemDataRole.UserRole + 10  # on the patient's take-home list
MarkableRole = Qt.ItemDataRole.UserRole + 11  # may be added (marked, or the list has room)
NoteRole = Qt.ItemDataRole.UserRole + 12  # a header's calm second line (the FDA's caution)

HEADER_OUTPATIENT = "header_outpatient"
HEADER_AT_HOME = "header_at_home"
HEADER_THERAPY = "header_therapy"
HEADERS = (HEADER_OUTPATIENT, HEADER_AT_HOME, HEADER_THERAPY)
SECTION_HEADERS: dict[str, str] = {"visit": HEADER_OUTPATIENT, "at_home": HEADER_AT_HOME,
                                   "therapy": HEADER_THERAPY}
CLINIC = "clinic"
MAX_MARKS = 3  # clinics a patient can take away in one QR code


# --- words --------------------------------------------------------------------------------


def _locale() -> QLocale:
    """The current language's QLocale, made once per language (a row asks for it often)."""
    code = i18n_language()
    found = _LOCALES.get(code)
    if found is None:
        found = _LOCALES[code] = locale()
    return found


_LOCALES: dict[str, QLocale] = {}


def _per_language(fn):
    """Memoise a function of hashable words per interface language (rows repeat them)."""
    memo: dict[tuple, str] = {}

    def wrapper(*args):
        key = (i18n_language(), *args)
        found = memo.get(key)
        if found is None:
            if len(memo) > 4096:
                memo.clear()
            found = memo[key] = fn(*args)
        return found

    wrapper.__doc__ = fn.__doc__
    return wrapper


@_per_language
def _miles_pattern() -> str:
    return tr("{distance} mi")


def format_miles(miles: float) -> str:
    """'12.3 mi' in English, '12,3 mi' in Spanish."""
    return _miles_pattern().format(distance=_locale().toString(float(miles), "f", 1))


def format_date(day: dt.date) -> str:
    """A date in words: 'March 2, 2025' / '2 de marzo de 2025'."""
    # The date pattern is part of the translation (Spanish: "d 'de' MMMM 'de' yyyy").
    pattern = tr("MMMM d, yyyy")
    return locale().toString(QDate(day.year, day.month, day.day), pattern)


def state_name(code: str) -> str:
    """A state's or territory's name in the patient's language ("Nueva York")."""
    from kiosk.locator.model import US_STATES

    local = STATE_NAMES.get(i18n_language(), {}).get(code)
    return local or US_STATES.get(code, code)


def payment_text(payment: tuple[str, ...]) -> str:
    return ", ".join(tr(PAYMENT_LABELS[p]) if p in PAYMENT_LABELS else p for p in payment)


def month_text(day: dt.date) -> str:
    """A month in words: 'March 2026' / 'marzo de 2026'."""
    pattern = tr("MMMM yyyy")
    return _locale().toString(QDate(day.year, day.month, day.day), pattern)


def source_text(clinic: Clinic) -> str:
    """Where a listing came from and how old it is ("From SAMHSA FindTreatment.gov, March 2026")."""
    return _source_text(clinic.source, clinic.source_date)


@_per_language
def _source_text(source: str, day: dt.date | None) -> str:
    if source and day is not None:
        return tr("From {source}, {date}", source=source, date=month_text(day))
    if source:
        return tr("From {source}", source=source)
    if day is not None:
        return tr("Listing from {date}", date=month_text(day))
    return ""


def confirm_text(clinic: Clinic) -> str:
    """The source line and the reminder to call first, as one calm sentence pair."""
    return _confirm_text(clinic.source, clinic.source_date)


@_per_language
def _confirm_text(source: str, day: dt.date | None) -> str:
    where = _source_text(source, day)
    call = tr("Call to confirm before you go.")
    return f"{where}. {call}" if where else call


def address_text(clinic: Clinic) -> str:
    """Street, city, state and ZIP on one line ('' for at-home care, which has no place)."""
    if not clinic.located:
        return ""
    return ", ".join(p for p in (clinic.address, clinic.city,
                                 f"{clinic.state} {clinic.zip}".strip()) if p)


@_per_language
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
        if native and not _can_show(code):
            # No installed font draws this script (boxes instead of letters): its English name.
            native = QLocale.languageToString(QLocale(code).language())
        names.append(native[:1].upper() + native[1:] if native else code)
    return ", ".join(names)


@cache
def _can_show(code: str) -> bool:
    """Whether some installed font has the writing system of language ``code``."""
    from PySide6.QtGui import QFontDatabase

    system = _writing_systems().get(code)
    return system is None or bool(QFontDatabase.families(system))


@cache
def _writing_systems() -> dict[str, Any]:
    from PySide6.QtGui import QFontDatabase

    w = QFontDatabase.WritingSystem
    return {"ar": w.Arabic, "fa": w.Arabic, "ur": w.Arabic, "zh": w.SimplifiedChinese,
            "ko": w.Korean, "ja": w.Japanese, "ru": w.Cyrillic, "uk": w.Cyrillic,
            "hi": w.Devanagari, "ne": w.Devanagari, "el": w.Greek, "he": w.Hebrew,
            "yi": w.Hebrew, "bn": w.Bengali, "th": w.Thai, "hy": w.Armenian, "km": w.Khmer,
            "lo": w.Lao, "my": w.Myanmar, "ka": w.Georgian,
            "pa": w.Gurmukhi, "gu": w.Gujarati, "ta": w.Tamil, "te": w.Telugu}


_NATIVE = {"en": "English", "es": "Español", "pt": "Português", "fr": "Français"}


def states_served_text(clinic: Clinic) -> str:
    if clinic.serves_all_states:
        return tr("Every state")
    return ", ".join(state_name(s) for s in clinic.states_served)


def place_text(clinic: Clinic) -> str:
    return f"{clinic.city}, {clinic.state}" if clinic.city else state_name(clinic.state)


# --- the model ----------------------------------------------------------------------------


class RowTexts(NamedTuple):
    """What a clinic row shows, as the painter draws it."""

    name: str
    number: int
    pinned: bool
    distance: str
    line2: str  # place and phone
    line3: str  # conditions
    line4: str  # where the listing came from; call to confirm


class ResultRow(NamedTuple):
    """One row: a section header or a clinic (``number`` is its map pin, 0 for none).

    A header carries its section's ``total`` and whether the limit cut it (``complete``).
    """

    kind: str
    clinic: Clinic | None = None
    number: int = 0
    pinned: bool = False
    state: str = ""
    total: int = 0  # clinics in the section (a header)
    complete: bool = True


class ClinicListModel(QAbstractListModel):
    """Rows of a search result in sections (to visit, at home, other PTSD care), each under
    a header with its count; which clinics the patient marked to take away."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[ResultRow] = []
        self._marked: frozenset[str] = frozenset()
        self._texts: dict[int, RowTexts] = {}

    def set_rows(self, rows: list[ResultRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._texts = {}
        self.endResetModel()

    def texts(self, row: int) -> RowTexts:
        """A clinic row's words in the current language, made once (the painter's input)."""
        found = self._texts.get(row)
        if found is None:
            r = self._rows[row]
            clinic = r.clinic
            assert clinic is not None
            place = states_served_text(clinic) if clinic.kind == "at_home" else place_text(clinic)
            found = self._texts[row] = RowTexts(
                name=clinic.name, number=r.number, pinned=r.pinned,
                distance="" if clinic.distance_miles is None else format_miles(clinic.distance_miles),
                line2="  ·  ".join(p for p in (place, clinic.phone) if p),
                line3=conditions_text(clinic.conditions), line4=confirm_text(clinic))
        return found

    def set_marked(self, clinic_ids: frozenset[str]) -> None:
        """Which clinics are on the take-home list (repaints the rows, keeps the scroll)."""
        if clinic_ids == self._marked:
            return
        self._marked = frozenset(clinic_ids)
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1),
                                  [MarkedRole, MarkableRole, Qt.ItemDataRole.AccessibleTextRole])

    def clear(self) -> None:
        self._marked = frozenset()
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
        self._texts = {}
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

    @staticmethod
    def _header(row: ResultRow) -> str:
        """The section's title and its count: "Clinics you can visit (42)"."""
        title = ClinicListModel._title(row)
        if not row.complete:
            return tr("{title} (nearest {count})", title=title, count=row.total)
        return tr("{title} ({count})", title=title, count=row.total)

    @staticmethod
    def _title(row: ResultRow) -> str:
        if row.kind == HEADER_OUTPATIENT:
            title = tr("Clinics you can visit")
        elif row.kind == HEADER_AT_HOME:
            title = (tr("Care at home in {state}", state=state_name(row.state)) if row.state
                     else tr("Care at home"))
        else:
            title = (tr("Other PTSD care in {state}", state=state_name(row.state)) if row.state
                     else tr("Other PTSD care near you"))
        return title

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == RowKindRole:
            return row.kind
        if row.kind in HEADERS:
            note = ""
            if row.kind == HEADER_AT_HOME:
                note = tr("The FDA warned in 2023: compounded ketamine taken at home is not "
                          "FDA-approved for any psychiatric use, and at home no one monitors you.")
            if role == Qt.ItemDataRole.DisplayRole:
                return self._header(row)
            if role == NoteRole:
                return note
            if role == Qt.ItemDataRole.AccessibleTextRole:
                # The title alone: speech output says each section's count after it
                # (kiosk.ui.access.describe.sections); the FDA's line is NoteRole.
                return self._title(row)
            return None
        clinic = row.clinic
        assert clinic is not None
        marked = clinic.id in self._marked
        if role == Qt.ItemDataRole.DisplayRole:
            return clinic.name
        if role == Qt.ItemDataRole.AccessibleTextRole:
            parts = [clinic.name]
            if row.pinned:
                parts.append(tr("This clinic"))
            if clinic.distance_miles is not None:
                parts.append(format_miles(clinic.distance_miles))
            parts.append(place_text(clinic) if clinic.located else states_served_text(clinic))
            if marked:
                parts.append(tr("On your list"))
            return ", ".join(parts)
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
        if role == SourceRole:
            return confirm_text(clinic)
        if role == MarkedRole:
            return marked
        if role == MarkableRole:
            return marked or len(self._marked) < MAX_MARKS
        return None


# --- the row painter ----------------------------------------------------------------------


class ClinicDelegate(QStyledItemDelegate):
    """Paints each clinic as a large card: pin number, name, distance, place, phone, conditions,
    where the listing came from, and a "Take with you" toggle.

    Rows are never shorter than the touch target; the name wraps instead of being cut.
    A tap on the toggle emits ``mark_toggled`` instead of opening the clinic.
    """

    mark_toggled = Signal(object)  # Clinic

    def __init__(self, parent: QWidget | None = None, min_height: int = 48) -> None:
        super().__init__(parent)
        self._min_height = min_height
        # Row layouts by (row, width): the view asks for a row's size several times per
        # layout and again to paint it; measuring wrapped text in Python is the cost.
        self._layouts: dict[tuple[int, int], dict[str, Any]] = {}
        self._took_tap = False
        self._view = parent if isinstance(parent, QAbstractScrollArea) else None
        self._px = 0  # no fonts yet
        self.set_appearance("default", theme.BASE_TEXT_PX)

    def watch(self, model: QAbstractListModel) -> None:
        """Forget measured rows whenever ``model``'s rows or words change."""
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted,
                       model.rowsRemoved):
            signal.connect(self.forget_layouts)
        model.dataChanged.connect(self._on_data_changed)

    def _on_data_changed(self, _first: object, _last: object, roles: list[int] | None = None) -> None:
        # A mark changes the toggle's words, not the row's size: keep the measured rows.
        if not roles or any(r not in (MarkedRole, MarkableRole, Qt.ItemDataRole.AccessibleTextRole)
                            for r in roles):
            self._layouts.clear()

    def forget_layouts(self, *_args: object) -> None:
        self._layouts.clear()

    def set_appearance(self, theme_name: str, text_px: int) -> None:
        self._palette = theme.palette(theme_name)
        if text_px == self._px:
            return  # Contrast only: colours change, every measured row stays as it is
        self._layouts.clear()
        self._px = text_px
        self._pad = max(10, text_px * 2 // 3)
        self._name_font = self._font(round(text_px * 1.15), bold=True)
        self._body_font = self._font(text_px)
        self._small_font = self._font(round(text_px * 0.9))
        self._header_font = self._font(round(text_px * 1.25), bold=True)
        self._badge_font = self._font(round(text_px * 0.8), bold=True)
        self._mark_font = self._font(round(text_px * 0.9), bold=True)
        # Metrics made once per look; widths of repeated words ("Call to confirm...",
        # the conditions) measured once: measuring text in Python is a row's whole cost.
        self._fm = {f: QFontMetrics(getattr(self, f"_{f}_font"))
                    for f in ("name", "body", "small", "header", "badge", "mark")}
        self._widths: dict[tuple[str, str], int] = {}
        self._mark_key: tuple[str, str] = ("", "")
        self._mark_size_cache = QSize()

    def set_min_height(self, px: int) -> None:
        self._layouts.clear()
        self._min_height = px
        self._mark_key = ("", "")

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

    @staticmethod
    def mark_label(marked: bool) -> str:
        return tr("✓ On your list") if marked else tr("+ Take with you")

    def _mark_size(self) -> QSize:
        labels = (self.mark_label(False), self.mark_label(True))
        if self._mark_key != labels:
            fm = self._fm["mark"]
            width = max(fm.horizontalAdvance(t) for t in labels)
            self._mark_size_cache = QSize(width + 2 * self._pad,
                                          max(self._min_height, fm.height() + self._pad))
            self._mark_key = labels
        return self._mark_size_cache

    def _width_of(self, font: str, text: str) -> int:
        key = (font, text)
        found = self._widths.get(key)
        if found is None:
            found = self._widths[key] = self._fm[font].horizontalAdvance(text)
        return found

    def _height_of(self, font: str, width: int, text: str) -> int:
        """The height of ``text`` wrapped at ``width`` (one line without measuring the wrap)."""
        if not text:
            return 0
        fm = self._fm[font]
        if self._width_of(font, text) <= width:
            return fm.height()
        return fm.boundingRect(QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap),
                               text).height()

    def _layout(self, width: int, index: QModelIndex | QPersistentModelIndex) -> dict[str, Any]:
        """Where each piece goes in a row of this width (shared by sizeHint and paint)."""
        key = (index.row(), width)
        parts = self._layouts.get(key)
        if parts is None:
            parts = self._layouts[key] = self._measure(width, index)
        return parts

    @staticmethod
    def _texts(index: QModelIndex | QPersistentModelIndex) -> RowTexts:
        model = index.model()
        assert isinstance(model, ClinicListModel)
        return model.texts(index.row())

    def _measure(self, width: int, index: QModelIndex | QPersistentModelIndex) -> dict[str, Any]:
        if index.data(RowKindRole) != CLINIC:
            return self._measure_header(width, index)
        words = self._texts(index)
        rect = QRect(0, 0, max(width, 200), 10_000)
        text = self._text_rect(rect, words.number)
        dist_w = self._width_of("name", words.distance) + self._pad if words.distance else 0
        y = text.top()
        parts: dict[str, Any] = {"words": words}
        if words.pinned:
            badge_h = self._fm["badge"].height() + 8
            parts["pinned"] = QRect(text.left(), y, 0, badge_h)
            y += badge_h + 6
        name_h = self._height_of("name", text.width() - dist_w, words.name)
        parts["name"] = QRect(text.left(), y, text.width() - dist_w, name_h)
        parts["dist"] = QRect(text.right() - dist_w + self._pad, y, dist_w - self._pad,
                              self._fm["name"].height())
        y += name_h + 4
        h2 = self._height_of("body", text.width(), words.line2)
        parts["line2"] = QRect(text.left(), y, text.width(), h2)
        y += h2 + 4
        h3 = self._height_of("small", text.width(), words.line3)
        parts["line3"] = QRect(text.left(), y, text.width(), h3)
        y += h3 + 6
        # The source line, with the toggle at its right (under it when the row is narrow).
        mark = self._mark_size()
        beside = text.width() - mark.width() - self._pad >= 12 * self._px
        src_w = text.width() - mark.width() - self._pad if beside else text.width()
        h4 = self._height_of("small", src_w, words.line4)
        parts["line4"] = QRect(text.left(), y, src_w, h4)
        if beside:
            parts["mark"] = QRect(text.right() - mark.width() + 1, y, mark.width(), mark.height())
            y += max(h4, mark.height())
        else:
            y += h4 + 6
            parts["mark"] = QRect(text.left(), y, mark.width(), mark.height())
            y += mark.height()
        y += self._pad
        parts["height"] = max(self._min_height, y)
        return parts

    def mark_rect(self, rect: QRect, index: QModelIndex | QPersistentModelIndex) -> QRect:
        """The toggle's place in a row drawn at ``rect`` (view coordinates); empty for headers."""
        mark = self._layout(rect.width(), index).get("mark")
        return QRect() if mark is None else mark.translated(rect.left(), rect.top())

    def _measure_header(self, width: int, index: QModelIndex | QPersistentModelIndex
                        ) -> dict[str, Any]:
        """A section heading's title and note (measured once per look, like a row)."""
        inner = max(200, width - 2 * self._pad)
        flags = int(Qt.TextFlag.TextWordWrap)
        text = index.data() or ""
        title = self._fm["header"].boundingRect(QRect(0, 0, inner, 10_000), flags, text)
        title = QRect(self._pad, self._pad, inner, title.height())
        note_text = index.data(NoteRole) or ""
        if not note_text:
            note = QRect(self._pad, title.bottom() + 1, inner, 0)
        else:
            high = self._fm["small"].boundingRect(QRect(0, 0, inner, 10_000), flags, note_text)
            note = QRect(self._pad, title.bottom() + 1 + 4, inner, high.height())
        return {"title": title, "text": text, "note": note, "note_text": note_text,
                "height": note.bottom() + 1 + self._pad // 2}

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex  # noqa: N802
                 ) -> QSize:
        # The view, kept at construction: asking Qt for parent() on every row costs more
        # than measuring the row.
        view = self._view
        width = option.rect.width()
        if view is not None:
            # The width the view will paint the row at: the viewport less the list's
            # spacing on both sides (measured narrower or wider, the text would wrap
            # differently when painted and a line could be cut).
            spacing = view.spacing() if isinstance(view, QListView) else 2
            width = view.viewport().width() - 2 * spacing
        return QSize(width, self._layout(width, index)["height"])

    def editorEvent(self, event: QEvent, model: QAbstractItemModel,  # noqa: N802 (Qt name)
                    option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> bool:
        if (event.type() in (QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick)
                and isinstance(event, QMouseEvent)
                and event.button() == Qt.MouseButton.LeftButton):
            hit = self.mark_rect(option.rect, index).adjusted(-6, -6, 6, 6)
            if hit.contains(event.position().toPoint()):
                if event.type() == QEvent.Type.MouseButtonRelease:
                    # Qt 6 still emits the view's clicked() after this: the view asks
                    # took_tap() first, so the clinic does not open too.
                    self._took_tap = True
                    self.mark_toggled.emit(index.data(ClinicRole))
                return True
        return super().editorEvent(event, model, option, index)

    def took_tap(self) -> bool:
        """Whether the last tap landed on a toggle (asked once per tap, then forgotten)."""
        took, self._took_tap = self._took_tap, False
        return took

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        pal = self._palette
        rect = option.rect
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        parts = self._layout(rect.width(), index)
        if "title" in parts:  # a section heading
            painter.setFont(self._header_font)
            painter.setPen(QColor(pal.text))
            painter.drawText(parts["title"].translated(rect.left(), rect.top()), flags,
                             parts["text"])
            if parts["note"].height():
                painter.setFont(self._small_font)
                painter.setPen(QColor(pal.muted))
                painter.drawText(parts["note"].translated(rect.left(), rect.top()), flags,
                                 parts["note_text"])
            painter.restore()
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        card = rect.adjusted(2, 2, -2, -2)
        painter.setPen(QPen(QColor(pal.accent if index.data(PinnedRole) else pal.border), 2))
        painter.setBrush(QColor(pal.pressed if selected else pal.surface))
        radius = max(8, self._px // 2)
        painter.drawRoundedRect(card, radius, radius)
        words: RowTexts = parts["words"]
        dy = rect.top()
        number = words.number
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
            r.setWidth(self._width_of("badge", label) + 20)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(pal.accent))
            painter.drawRoundedRect(r, r.height() / 2, r.height() / 2)
            painter.setPen(QColor(pal.on_accent))
            painter.setFont(self._badge_font)
            painter.drawText(r, int(Qt.AlignmentFlag.AlignCenter), label)
        painter.setPen(QColor(pal.text))
        painter.setFont(self._name_font)
        painter.drawText(parts["name"].translated(rect.left(), dy), flags, words.name)
        if words.distance:
            painter.drawText(parts["dist"].translated(rect.left(), dy),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
                             words.distance)
        painter.setFont(self._body_font)
        painter.drawText(parts["line2"].translated(rect.left(), dy), flags, words.line2)
        painter.setFont(self._small_font)
        painter.setPen(QColor(pal.muted))
        painter.drawText(parts["line3"].translated(rect.left(), dy), flags, words.line3)
        painter.drawText(parts["line4"].translated(rect.left(), dy), flags, words.line4)
        self._paint_mark(painter, parts["mark"].translated(rect.left(), dy),
                         bool(index.data(MarkedRole)), bool(index.data(MarkableRole)))
        painter.restore()

    def _paint_mark(self, painter: QPainter, r: QRect, marked: bool, markable: bool) -> None:
        pal = self._palette
        radius = max(8, self._px // 2)
        if marked:
            painter.setPen(QPen(QColor(pal.accent), 2))
            painter.setBrush(QColor(pal.accent))
            text_color = QColor(pal.on_accent)
        else:
            painter.setPen(QPen(QColor(pal.border if markable else pal.muted), 2))
            painter.setBrush(QColor(pal.surface))
            text_color = QColor(pal.text if markable else pal.muted)
        painter.drawRoundedRect(r.adjusted(1, 1, -1, -1), radius, radius)
        painter.setPen(text_color)
        painter.setFont(self._mark_font)
        painter.drawText(r, int(Qt.AlignmentFlag.AlignCenter), self.mark_label(marked))
