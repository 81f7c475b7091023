"""Where the focus goes, in reading order, and the ring that shows it to a keyboard user.

The ring is its own widget on top of the window, so it is the same thick two-tone
outline in both themes and on every control (buttons, tiles, cards, list rows),
and it never depends on a style sheet another screen may replace.
"""

from __future__ import annotations

import html
import re
from typing import NamedTuple, cast

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QGridLayout,
    QLabel,
    QLayout,
    QScrollArea,
    QScrollBar,
    QTextBrowser,
    QWidget,
)

# From outside in: 2 px white, 2 px black, 4 px yellow, 2 px black. Yellow and black
# differ by 14:1, and the white edge keeps the ring apart from a dark background, so
# it stands out in both themes (WCAG 2.4.13 asks for 2 px at 3:1; this is 10 px).
RING_BANDS = ((2, QColor("#FFFFFF")), (2, QColor("#000000")), (4, QColor("#FFD200")),
              (2, QColor("#000000")))
RING_PX = sum(width for width, _ in RING_BANDS)
CARD = "Card"  # objectName of list cards and the detail page's QR panel


_LABEL_LINK_RE = re.compile(r"""<a\s[^>]*href\s*=\s*["']([^"']+)["'][^>]*>(.*?)</a>""",
                            re.IGNORECASE | re.DOTALL)
_TAG_RE = re.compile(r"<[^>]+>")


def label_links(label: QLabel) -> list[tuple[str, str]]:
    """The (href, text) of each link in a rich-text label that handles links itself."""
    if label.openExternalLinks() or "<a" not in label.text():
        return []
    return [(href, html.unescape(_TAG_RE.sub("", text)).strip())
            for href, text in _LABEL_LINK_RE.findall(label.text())]


def focusable(widget: QWidget) -> bool:
    """A control the keys can reach: tab-focusable and enabled, a card with a name, or a
    label with links of its own (a list page's introduction)."""
    if isinstance(widget, QScrollBar) or not widget.isEnabled():
        return False
    if widget.objectName() == CARD and widget.accessibleName():
        return True
    if isinstance(widget, QLabel):
        return bool(label_links(widget))
    if isinstance(widget, QAbstractButton) and widget.group() is not None \
            and widget.group().exclusive():
        # Qt takes Tab focus from the unchecked buttons of an exclusive group (the
        # radio-button convention); here every choice is a stop of its own.
        return True
    if isinstance(widget, QAbstractScrollArea) and not isinstance(widget, QAbstractItemView):
        # Scroll areas hold controls; a text browser with a name is a stop of its own.
        return bool(widget.accessibleName()) and bool(
            widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


def _layout_widgets(layout: QLayout, out: list[QWidget]) -> None:
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item is None:
            continue
        widget, inner = item.widget(), item.layout()
        if widget is not None:
            out.append(widget)
        elif inner is not None:
            _layout_widgets(inner, out)


def children_in_order(widget: QWidget) -> list[QWidget]:
    """Child widgets in reading order: as the layout places them, then any others."""
    ordered: list[QWidget] = []
    layout = widget.layout()
    if layout is not None:
        _layout_widgets(layout, ordered)
    placed = set(map(id, ordered))
    for child in widget.children():
        if isinstance(child, QWidget) and id(child) not in placed and not child.isWindow():
            ordered.append(child)
    return ordered


def reading_order(root: QWidget, skip: tuple[QWidget, ...] = ()) -> list[QWidget]:
    """Every visible control under ``root`` in reading order (layout order, depth first)."""
    found: list[QWidget] = []

    def visit(widget: QWidget) -> None:
        if widget in skip or widget.isHidden():
            return
        if focusable(widget) and widget is not root:
            found.append(widget)
            if widget.objectName() != CARD:
                return  # a control's inside is not a stop of its own
        for child in children_in_order(widget):
            visit(child)

    visit(root)
    return [w for w in found if w.isVisible()]


class Cell(NamedTuple):
    """A control's place in a grid layout (spans included)."""

    widget: QWidget
    row: int
    column: int
    row_span: int
    column_span: int


def _grid_holding(layout: QLayout, widget: QWidget) -> QGridLayout | None:
    if isinstance(layout, QGridLayout) and layout.indexOf(widget) >= 0:
        return layout
    for i in range(layout.count()):
        item = layout.itemAt(i)
        inner = item.layout() if item is not None else None
        if inner is not None:
            found = _grid_holding(inner, widget)
            if found is not None:
                return found
    return None


def grid_cells(widget: QWidget) -> list[Cell]:
    """The reachable controls of the grid layout ``widget`` sits in (the ZIP keypad, the
    home tiles, the state picker), ``widget`` among them; [] when it is in no grid."""
    parent = widget.parentWidget()
    layout = parent.layout() if parent is not None else None
    grid = _grid_holding(layout, widget) if layout is not None else None
    if grid is None:
        return []
    cells = []
    for i in range(grid.count()):
        item = grid.itemAt(i)
        member = item.widget() if item is not None else None
        if member is not None and member.isVisible() and focusable(member):
            place = cast("tuple[int, int, int, int]", grid.getItemPosition(i))
            cells.append(Cell(member, *place))
    return cells


def grid_step(widget: QWidget, rows: int, columns: int) -> QWidget | None | bool:
    """The control one row (``rows`` = +-1) or one column (``columns`` = +-1) away in
    ``widget``'s grid: the nearest column in the next row, the next column in the same
    row. None past the grid's edge (the caller goes on in reading order); False when
    ``widget`` is in no grid."""
    if widget.objectName() == CARD:
        return False  # a list page's cards are a list: item by item, whatever their columns
    cells = grid_cells(widget)
    here = next((c for c in cells if c.widget is widget), None)
    if here is None:
        return False
    if rows:
        if rows > 0:
            ahead = [c for c in cells if c.row >= here.row + here.row_span]
            row = min((c.row for c in ahead), default=None)
        else:
            ahead = [c for c in cells if c.row + c.row_span <= here.row]
            row = max((c.row for c in ahead), default=None)
        line = [c for c in ahead if c.row == row]

        def distance(c: Cell) -> int:  # 0 when its columns cover this one's first column
            if c.column <= here.column < c.column + c.column_span:
                return 0
            return min(abs(c.column - here.column), abs(c.column + c.column_span - 1 - here.column))

        return min(line, key=lambda c: (distance(c), c.column)).widget if line else None
    line = [c for c in cells if c.row <= here.row < c.row + c.row_span and c is not here
            and (c.column > here.column if columns > 0 else c.column < here.column)]
    if not line:
        return None
    pick = min if columns > 0 else max
    return pick(line, key=lambda c: c.column).widget


def follow(widget: QWidget) -> None:
    """Scroll every scroll area around ``widget`` so it is on screen."""
    child: QWidget = widget
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea) and parent.widget() is not None \
                and parent.widget().isAncestorOf(child):
            parent.ensureWidgetVisible(child, 16, 24)
            child = parent
        parent = parent.parentWidget()


class Link(NamedTuple):
    """A link in a page's text: where it is in the document, where it goes, what it says."""

    start: int
    end: int
    href: str
    text: str


def links(browser: QTextBrowser) -> list[Link]:
    """Every link in ``browser``'s document, in reading order (pieces of one link joined)."""
    found: list[Link] = []
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            href = fmt.anchorHref() if fmt.isAnchor() else ""
            if href:
                start, end = fragment.position(), fragment.position() + fragment.length()
                if found and found[-1].href == href and found[-1].end == start:
                    last = found.pop()
                    found.append(Link(last.start, end, href, last.text + fragment.text()))
                else:
                    found.append(Link(start, end, href, fragment.text()))
            it += 1
        block = block.next()
    return found


class FocusRing(QWidget):
    """A thick yellow-and-black outline drawn over the window around ``rect``."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("FocusRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()
        self._target = QRect()

    def show_around(self, rect: QRect) -> None:
        """Draw the ring around ``rect`` (window coordinates); raise it above everything."""
        pad = RING_PX
        self._target = rect
        self.setGeometry(rect.adjusted(-pad, -pad, pad, pad).intersected(self.parentWidget().rect()))
        self.show()
        self.raise_()
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        painter = QPainter(self)
        band = self.rect()
        for width, color in RING_BANDS:
            # Fill the band's outline: the area between ``band`` and ``band`` shrunk by width.
            inner = band.adjusted(width, width, -width, -width)
            for part in (QRect(band.left(), band.top(), band.width(), width),
                         QRect(band.left(), inner.bottom() + 1, band.width(), width),
                         QRect(band.left(), inner.top(), width, inner.height()),
                         QRect(inner.right() + 1, inner.top(), width, inner.height())):
                painter.fillRect(part, color)
            band = inner
        painter.end()


class InputMode(QObject):
    """Is the kiosk being used by keys (show the ring) or by touch and mouse (hide it)?"""

    POINTER = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin,
                         QEvent.Type.TabletPress})

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.keys = False

    def note(self, kind: QEvent.Type) -> bool | None:
        """Record an input event; returns the new mode if it changed, else None."""
        if kind == QEvent.Type.KeyPress:
            new = True
        elif kind in self.POINTER:
            new = False
        else:
            return None
        if new == self.keys:
            return None
        self.keys = new
        return new
