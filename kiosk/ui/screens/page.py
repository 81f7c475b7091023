"""Reader: one content page, as flowing text (articles) or as large cards (list pages).

A page's content warning shows first, with Continue and Go back. Finger drags
scroll; a sideways swipe moves to the next or previous page.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kiosk.content import Page
from kiosk.ui import theme
from kiosk.ui.access.names import set_name
from kiosk.ui.i18n import N_, tr
from kiosk.ui.screens.base import DataChange, Screen, scroll_area
from kiosk.ui.speech import Speaker
from kiosk.ui.touch import SwipeDetector, enable_kinetic_scroll
from kiosk.ui.widgets.buttons import TouchButton
from kiosk.ui.widgets.listen import ListenButton


class PageBrowser(QTextBrowser):
    """A read-only browser that never navigates by itself and loads only files inside the pack."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        # Without this a finger drag selects text instead of scrolling.
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.pack_dir: Path | None = None
        enable_kinetic_scroll(self)

    def loadResource(self, kind: int, name: QUrl | str):  # noqa: N802 (Qt name)
        if kind != QTextDocument.ResourceType.ImageResource.value or self.pack_dir is None:
            return None
        url = QUrl(name) if isinstance(name, str) else name
        path = Path(url.toLocalFile() or url.path()).resolve()
        if path.is_relative_to(self.pack_dir.resolve()) and path.is_file():
            return super().loadResource(kind, QUrl.fromLocalFile(str(path)))
        return None


class PageScreen(Screen):
    """Shows one page with its position in the sequence and Previous / Next."""

    name = "page"
    link_activated = Signal(str)  # page id
    step_requested = Signal(int)  # -1 previous, +1 next
    back_requested = Signal()
    listened = Signal()

    def __init__(self, parent: QWidget | None = None, speaker: Speaker | None = None) -> None:
        super().__init__(parent)
        set_name(self, N_("Reader"))
        self.page: Page | None = None
        self.accepted_warnings: set[str] = set()  # pages whose warning this session accepted
        self._theme = "default"
        self._text_px = theme.BASE_TEXT_PX

        self._title = QLabel()
        self._title.setProperty("role", "h1")
        self._title.setWordWrap(True)
        self._position = QLabel()
        self._position.setProperty("role", "muted")
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self._title, 1)
        header.addWidget(self._position, 0, Qt.AlignmentFlag.AlignBottom)
        self._header = header

        self._browser = PageBrowser()
        set_name(self._browser, N_("Page text"))
        self._browser.anchorClicked.connect(self._on_anchor)
        self._card_cache: dict[tuple, QWidget] = {}
        self._cards = scroll_area(QWidget())

        self._warning = QFrame()
        self._warning.setObjectName("Notice")
        self._warning_title = QLabel()
        self._warning_title.setProperty("role", "h2")
        self._warning_text = QLabel()
        self._warning_text.setWordWrap(True)
        self._warning_text.setProperty("role", "help-line")
        self._continue = TouchButton(role="primary")
        self._continue.clicked.connect(self._on_continue)
        self._go_back = TouchButton()
        self._go_back.clicked.connect(self.back_requested)
        warning_buttons = QHBoxLayout()
        warning_buttons.addWidget(self._go_back)
        warning_buttons.addWidget(self._continue)
        warning_layout = QVBoxLayout(self._warning)
        warning_layout.setContentsMargins(40, 36, 40, 36)
        warning_layout.setSpacing(24)
        warning_layout.addWidget(self._warning_title)
        warning_layout.addWidget(self._warning_text)
        warning_layout.addLayout(warning_buttons)
        warning_page = QWidget()
        warning_outer = QVBoxLayout(warning_page)
        warning_outer.setContentsMargins(0, 0, 0, 0)
        # Centred in the page, not a strip along its top with the rest left empty.
        warning_row = QHBoxLayout()
        warning_row.addStretch(1)
        warning_row.addWidget(self._warning)
        warning_row.addStretch(1)
        warning_outer.addStretch(2)
        warning_outer.addLayout(warning_row)
        warning_outer.addStretch(3)

        self._body = QStackedWidget()
        for widget in (self._browser, self._cards, warning_page):
            self._body.addWidget(widget)
        self._warning_page = warning_page

        self._previous = TouchButton()
        self._previous.clicked.connect(lambda: self.step_requested.emit(-1))
        self._next = TouchButton(role="primary")
        self._next.clicked.connect(lambda: self.step_requested.emit(1))
        footer = QHBoxLayout()
        footer.addWidget(self._previous)
        footer.addStretch(1)
        self._listen = ListenButton(speaker)
        self._listen.listened.connect(self.listened)
        footer.addWidget(self._listen)
        footer.addStretch(1)
        footer.addWidget(self._next)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 16, 32, 16)
        layout.setSpacing(12)
        layout.addLayout(header)
        layout.addWidget(self._body, 1)
        layout.addLayout(footer)

        for view in (self._browser.viewport(), self._cards.viewport()):
            SwipeDetector(view).swiped.connect(self.step_requested)
        self.retranslate()

    # --- public API -------------------------------------------------------

    def show_page(self, page: Page, index: int, total: int) -> None:
        """Show ``page`` as number ``index`` (0-based) of ``total`` in the reading sequence."""
        self.page = page
        self._index, self._total = index, total
        self._title.setText(page.title)
        self._browser.pack_dir = page.path.parent
        self._render()
        self._previous.setEnabled(index > 0)
        self._next.setEnabled(0 <= index < total - 1)
        self._previous.setVisible(index >= 0)
        self._next.setVisible(index >= 0)
        self._position.setVisible(index >= 0)
        self.retranslate()
        if page.content_warning and page.id not in self.accepted_warnings:
            self._warning_text.setText(page.content_warning)
            self._body.setCurrentWidget(self._warning_page)
            self._continue.setFocus()
        else:
            self._show_body()
        self._update_listen()

    def set_appearance(self, theme_name: str, text_px: int) -> None:
        if (theme_name, text_px) != (self._theme, self._text_px):
            self._clear_cards()
        self._theme, self._text_px = theme_name, text_px
        if self.page is not None:
            self._render()

    def showing_warning(self) -> bool:
        return self._body.currentWidget() is self._warning_page

    def retranslate(self) -> None:
        self._previous.set_text("‹  " + tr("Previous"), tr("Previous"))
        self._next.set_text(tr("Next") + "  ›", tr("Next"))
        self._continue.set_text(tr("Continue"))
        self._go_back.set_text(tr("Go back"))
        self._warning_title.setText(tr("A note before you read"))
        if self.page is not None and self._index >= 0:
            self._position.setText(tr("{current} of {total}", current=self._index + 1,
                                      total=self._total))
        self._update_listen()

    # --- read-aloud ---------------------------------------------------------------

    def _update_listen(self) -> None:
        self._listen.set_page(self.page, allowed=not self.showing_warning())

    def leave(self) -> None:
        self._listen.stop()

    def clear(self) -> None:
        self.leave()
        self.page = None
        self.accepted_warnings.clear()
        self._update_listen()
        self._browser.clear()
        # Built card lists are kept (they hold only page text); the next patient
        # starts at the top of each.
        self._cards.verticalScrollBar().setValue(0)

    # --- private ------------------------------------------------------------

    def _show_body(self) -> None:
        assert self.page is not None
        if self.page.kind == "list" and self.page.groups:
            self._body.setCurrentWidget(self._cards)
            self._cards.verticalScrollBar().setValue(0)
        else:
            self._body.setCurrentWidget(self._browser)
            self._browser.verticalScrollBar().setValue(0)

    def accept_warning(self) -> None:
        """Continue past the content warning, as the Continue button does."""
        self._on_continue()

    def _on_continue(self) -> None:
        if self.page is not None:
            self.accepted_warnings.add(self.page.id)
        self._show_body()
        self._update_listen()

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() == "page" and url.path():
            self.link_activated.emit(url.path())

    def _sources_html(self, page: Page | None = None) -> str:
        page = page or self.page
        assert page is not None
        if not page.sources:
            return ""
        items = "".join(f"<li>{html.escape(s)}</li>" for s in page.sources)
        size = round(self._text_px * 0.8)
        heading = tr("Sources")  # outside the f-string, where lupdate can see it
        return (f"<h3>{html.escape(heading)}</h3>"
                f"<ul style='font-size:{size}px'>{items}</ul>")

    def _render(self) -> None:
        page = self.page
        assert page is not None
        doc = self._browser.document()
        doc.setDefaultStyleSheet(theme.document_css(self._theme, self._text_px))
        if page.kind == "list" and page.groups:
            self._build_cards(page)
        else:
            self._browser.setHtml(page.html + self._sources_html())
        self._fit_column()

    def _columns(self) -> int:
        return 2 if self.width() >= 1100 else 1

    def _cards_width(self, columns: int) -> int:
        """Widest a list page's cards run: one reading column, or two cards of 0.85 of one."""
        column = theme.reading_width(self._text_px)
        if columns == 1:
            return column
        return columns * round(column * 0.85) + (columns - 1) * 12

    def _fit_column(self) -> None:
        """Keep text in a centred reading column, the title lined up with it.

        An article's lines stay within about 70 characters: the browser still spans
        the page (a finger drag anywhere scrolls it), and its document gets side
        margins. The last line keeps a margin above the bottom edge.
        """
        room = self.width() - 64
        if room <= 0 or self.page is None:
            return
        px = self._text_px
        if self.page.kind == "list" and self.page.groups:
            # The cards are centred in the scroll area's viewport, beside its 14 px bar.
            text_width = min(room - 14, self._cards_width(self._columns()))
            inset = max(0, (room - 14 - text_width) // 2)
        else:
            pad = max(8, px // 2)
            # The viewport's width, less the QSS padding and the scroll bar.
            viewport = room - 2 * pad - 16
            text_width = min(viewport, theme.reading_width(px))
            side = max(0, (viewport - text_width) // 2)
            frame = self._browser.document().rootFrame()
            fmt = frame.frameFormat()
            if (fmt.leftMargin(), fmt.rightMargin(), fmt.bottomMargin()) != (side, side, 2 * px):
                fmt.setLeftMargin(side)
                fmt.setRightMargin(side)
                fmt.setBottomMargin(2 * px)
                frame.setFrameFormat(fmt)
            inset = side + pad
        self._header.setContentsMargins(inset, 0, inset, 0)
        self._warning.setFixedWidth(min(room, theme.reading_width(theme.type_scale(px).h2) + 80))

    def on_data_changed(self, change: DataChange) -> None:
        if change is DataChange.CONTENT:
            self.forget_pages()

    def forget_pages(self) -> None:
        """Drop what was built from the old pages (new content went live)."""
        self._clear_cards()

    def _clear_cards(self) -> None:
        """Forget built card lists (after a text size, theme or language change)."""
        current = self._cards.takeWidget()
        for body in self._card_cache.values():
            if body is not current:
                body.deleteLater()
        if current is not None:
            current.deleteLater()
        self._card_cache.clear()
        self._cards.setWidget(QWidget())

    def _build_cards(self, page: Page) -> None:
        """Show a list page's cards; each page's cards are built once and kept."""
        columns = self._columns()
        key = self._card_key(page, columns)
        body = self._card_cache.get(key)
        if body is None:
            body = self._make_cards(page, columns)
            self._card_cache[key] = body
        if self._cards.widget() is not body:
            self._cards.takeWidget()  # kept in the cache, not deleted
            self._cards.setWidget(body)
        self._built_columns = columns

    def _card_key(self, page: Page, columns: int) -> tuple:
        # Cards depend on the page itself, the column count and the look.
        return (page, columns, self._text_px, self._theme)

    def prepare(self, pages: list[Page]) -> None:
        """Build the card lists of list pages ahead of the first tap on them."""
        columns = self._columns()
        for page in pages:
            key = self._card_key(page, columns)
            if page.kind == "list" and page.groups and key not in self._card_cache:
                self._card_cache[key] = self._make_cards(page, columns)

    def _make_cards(self, page: Page, columns: int) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        body = QWidget()
        body.setMaximumWidth(self._cards_width(columns))
        row.addWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 8, 2 * self._text_px)  # nothing touches the bottom edge
        layout.setSpacing(12)
        if page.intro_html:
            # Its page: links work like the reader's, in the theme's link colour (a
            # stylesheet overrides a label's palette, so the colour goes inline).
            link = theme.palette(self._theme).link
            intro = QLabel(page.intro_html.replace("<a ", f'<a style="color: {link}" '))
            intro.setWordWrap(True)
            intro.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
            intro.setOpenExternalLinks(False)
            intro.linkActivated.connect(lambda href: self._on_anchor(QUrl(href)))
            layout.addWidget(intro)
        for group in page.groups:
            heading = QLabel(group.heading)
            heading.setProperty("role", "h2")
            heading.setWordWrap(True)
            layout.addWidget(heading)
            grid = QGridLayout()
            grid.setSpacing(12)
            for i, card in enumerate(group.cards):
                grid.addWidget(_card(card.name, card.text), i // columns, i % columns)
            for c in range(columns):
                grid.setColumnStretch(c, 1)
            layout.addLayout(grid)
        sources = QLabel(self._sources_html(page))
        sources.setWordWrap(True)
        sources.setProperty("role", "small")
        layout.addWidget(sources)
        layout.addStretch(1)
        return holder

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if self.page is not None and self.page.kind == "list" and self.page.groups:
            if self._columns() != getattr(self, "_built_columns", self._columns()):
                self._build_cards(self.page)
        self._fit_column()


def _card(name: str, text: str) -> QFrame:
    card = QFrame()
    card.setObjectName("Card")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(20, 16, 20, 16)
    layout.setSpacing(6)
    title = QLabel(name)
    title.setProperty("role", "h2")
    title.setWordWrap(True)
    body = QLabel(text)
    body.setWordWrap(True)
    layout.addWidget(title)
    layout.addWidget(body)
    layout.addStretch(1)
    card.setAccessibleName(name)
    card.setAccessibleDescription(text)
    return card
