"""Home: the kiosk's name, the two prominent actions and a tile per topic."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from kiosk.content import Page
from kiosk.ui import theme
from kiosk.ui.access.names import set_name
from kiosk.ui.i18n import N_, tr
from kiosk.ui.screens.base import Screen, empty_layout, scroll_area
from kiosk.ui.widgets.buttons import Tile


class HomeScreen(Screen):
    name = "home"
    page_requested = Signal(str)
    locator_requested = Signal()
    help_requested = Signal()

    def __init__(self, kiosk_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_name(self, N_("Home screen"))
        self._pages: list[Page] = []
        self._locator_page: Page | None = None
        self._help_page: Page | None = None
        self._columns = 0
        self._fit_stale = True
        # Icon colours for topic tiles, Find a clinic and Get help now; icon size.
        self._icon_style: tuple[tuple[str, str, str], int] | None = None
        self._title = QLabel(kiosk_name)
        self._title.setTextFormat(Qt.TextFormat.PlainText)  # from settings: text, never markup
        self._title.setProperty("role", "h1")
        self._title.setWordWrap(True)
        self._subtitle = QLabel()
        self._subtitle.setProperty("role", "muted")
        self._subtitle.setWordWrap(True)
        self._find = Tile("", "", "locator", role="primary")
        self._find.clicked.connect(self.locator_requested)
        self._help = Tile("", "", "help", role="help")
        self._help.clicked.connect(self.help_requested)
        self._tiles: list[Tile] = []
        # Shown by kiosk/ui/access once a voice is available (speech output, issue 15).
        self.audio_hint = QLabel()
        self.audio_hint.setProperty("role", "muted")
        self.audio_hint.setWordWrap(True)
        self.audio_hint.hide()
        self._grid = QGridLayout()
        self._grid.setSpacing(16)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(32, 24, 32, 32)
        layout.setSpacing(16)
        layout.addWidget(self._title)
        layout.addWidget(self._subtitle)
        layout.addLayout(self._grid)
        layout.addWidget(self.audio_hint)
        layout.addStretch(1)
        self._scroll = scroll_area(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._scroll)
        self.retranslate()

    def set_pages(self, pages: list[Page]) -> None:
        """Show one tile per topic page in pack order; the help and locator pages feed the big tiles."""
        topics = [p for p in pages if p.kind in ("article", "list")]
        same_topics = [p.id for p in topics] == [p.id for p in self._pages]
        self._pages = topics
        self._locator_page = next((p for p in pages if p.kind == "locator"), None)
        self._help_page = next((p for p in pages if p.kind == "help"), None)
        if same_topics and self._tiles:
            # Another language of the same pack: relabel the tiles, build nothing.
            for tile, page in zip(self._tiles, topics, strict=True):
                tile.set_texts(page.title, page.summary)
                tile.set_icon(page.icon)
            self.retranslate()
            self._fit_when_shown()
            return
        for tile in self._tiles:
            tile.deleteLater()
        self._tiles = []
        for page in self._pages:
            tile = Tile(page.title, page.summary, page.icon)
            if self._icon_style is not None:
                tile.set_icon_style(self._icon_style[0][0], self._icon_style[1])
            if self.look[1]:
                theme.fit_text(tile, self.look[1])
            tile.clicked.connect(lambda _=False, pid=page.id: self.page_requested.emit(pid))
            self._tiles.append(tile)
        self.retranslate()
        self._columns = 0
        self._relayout()
        self._fit_when_shown()

    def retranslate(self) -> None:
        self._subtitle.setText(tr("Learn at your own pace. Tap a topic to begin."))
        self.audio_hint.setText(tr("For audio, press any key on the keypad."))
        find_summary = self._locator_page.summary if self._locator_page else ""
        help_summary = self._help_page.summary if self._help_page else ""
        self._find.set_texts(tr("Find a clinic"), find_summary)
        self._help.set_texts(tr("Get help now"),
                            help_summary or tr("Need to talk to someone now?"))

    def set_icon_style(self, topics: str, find: str, get_help: str, size: int) -> None:
        """Icons take their tile's title colour, which the theme sets, and grow with text."""
        self._icon_style = ((topics, find, get_help), size)
        self._find.set_icon_style(find, size)
        self._help.set_icon_style(get_help, size)
        for tile in self._tiles:
            tile.set_icon_style(topics, size)

    def set_kiosk_name(self, name: str) -> None:
        self._title.setText(name)

    def apply_text_size(self, text_px: int) -> None:
        # The tiles too: they are not in the screen's layout until it has pages to show.
        for widget in (self, self._find, self._help, *self._tiles):
            theme.fit_text(widget, text_px)

    def set_appearance(self, theme_name: str, text_px: int) -> None:
        colors = theme.palette(theme_name)
        # About the height of a tile title's first line (titles are 1.25x body text).
        self.set_icon_style(colors.accent, colors.on_accent, colors.on_help,
                            max(36, round(text_px * 1.25 * 1.2)))
        self.fit_text()

    def clear(self) -> None:
        self._scroll.verticalScrollBar().setValue(0)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._relayout()
        self._fit_when_shown()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self._fit_stale:
            self._fit_tiles()

    def fit_text(self) -> None:
        """Re-measure tiles after a text-size or theme change (wrapped labels grow taller).

        The labels have their new fonts already (``apply_text_size`` comes first), so
        one fit in the same turn as the restyle is enough (it used to fit again on the
        next turn of the event loop, laying out and painting the tiles twice).
        """
        self._fit_when_shown()

    def _fit_when_shown(self) -> bool:
        """Fit the tiles now if they are on screen, else when shown; True if fitted now.

        Measuring hidden tiles is wasted work: start-up would do it three times
        over at sizes the window never shows.
        """
        if not self.isVisible():
            self._fit_stale = True
            return False
        self._fit_tiles()
        return True

    def _fit_tiles(self) -> None:
        self._fit_stale = False
        # Word-wrapped labels inside a grid do not report their height for a given
        # width reliably, so each row's tiles get the height their text needs.
        columns = max(self._columns, 1)
        # The scroll area's viewport is resized after this screen, so measure from
        # the screen itself: side margins and room for the scroll bar.
        margins = 64 + 16
        width = (self.width() - margins
                 - self._grid.horizontalSpacing() * (columns - 1)) // columns
        if width <= 0:
            return
        tiles = [self._find, self._help, *self._tiles]
        for tile in tiles:
            tile.ensurePolished()
            for label in tile.findChildren(QLabel):
                label.ensurePolished()
            # A label with a new font clears its own measure, not that of the layout around
            # it (the tile's title row), cleared when the tile's layout is next activated:
            # now, before measuring.
            tile.layout().activate()
        # Each tile is measured at its own width: one column, or more where it spans.
        spacing = self._grid.horizontalSpacing()
        rows: dict[int, list[tuple[Tile, int]]] = {}
        for tile in tiles:
            index = self._grid.indexOf(tile)
            if index >= 0:
                row, _, _, span = cast(tuple[int, int, int, int],
                                       self._grid.getItemPosition(index))
                rows.setdefault(row, []).append((tile, width * span + spacing * (span - 1)))
        for row in range(self._grid.rowCount()):
            self._grid.setRowMinimumHeight(row, 0)
        needed = {row: max(tile.needed_height(tile_width) for tile, tile_width in placed)
                  for row, placed in rows.items()}
        # Tall screens (portrait) would leave the lower half empty: rows share the
        # spare height, up to half as tall again as their text needs.
        text_width = self.width() - margins
        above = (24 + 32 + 2 * 16 + self._title.heightForWidth(text_width)
                 + self._subtitle.heightForWidth(text_width))
        spare = (self.height() - above - sum(needed.values())
                 - self._grid.verticalSpacing() * max(len(needed) - 1, 0))
        extra = max(0, spare // max(len(needed), 1))
        for row, placed in rows.items():
            height = needed[row] + min(extra, needed[row] // 2)
            for tile, _ in placed:
                tile.setMinimumHeight(height)
            self._grid.setRowMinimumHeight(row, height)
        # Minimum heights resize the tiles at once; make the grid place its rows anew
        # now, not on a later layout pass (else a taller tile overlaps the next row).
        self._grid.invalidate()
        body = self._scroll.widget()
        if body is not None and body.layout() is not None:
            body.layout().activate()

    def _relayout(self) -> None:
        width = self.width()
        columns = 3 if width >= 1500 else 2 if width >= 700 else 1
        if columns == self._columns:
            return
        self._columns = columns
        empty_layout(self._grid)
        if columns == 3:
            self._grid.addWidget(self._find, 0, 0, 1, 2)
            self._grid.addWidget(self._help, 0, 2, 1, 1)
        elif columns == 2:
            self._grid.addWidget(self._find, 0, 0)
            self._grid.addWidget(self._help, 0, 1)
        else:
            self._grid.addWidget(self._find, 0, 0)
            self._grid.addWidget(self._help, 1, 0)
        first_row = 1 if columns > 1 else 2
        for i, tile in enumerate(self._tiles):
            self._grid.addWidget(tile, first_row + i // columns, i % columns)
        for c in range(3):
            self._grid.setColumnStretch(c, 1 if c < columns else 0)
