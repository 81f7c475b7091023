"""Reader: one content page, as flowing text (articles) or as large cards (list pages).

A page's content warning shows first, with Continue and Go back. Finger drags
scroll; a sideways swipe moves to the next or previous page. A glossary word
(``<a class="term" href="term:ID">``) opens a calm definition card over the page:
no navigation, closed by a tap anywhere or any key. A page whose clinical review
holds ends with "Reviewed by NAME on DATE"; an unreviewed one says nothing.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QDate,
    QEvent,
    QLocale,
    QObject,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QImage, QTextCharFormat, QTextCursor, QTextDocument, QTextFrame
from PySide6.QtWidgets import (
    QApplication,
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
from kiosk.content.images import PageImageBudget
from kiosk.content.model import Term
from kiosk.content.review import review_state
from kiosk.ui import theme
from kiosk.ui.access.names import set_name
from kiosk.ui.i18n import N_, locale, tr
from kiosk.ui.screens.base import DataChange, Screen, scroll_area
from kiosk.ui.speech import Speaker
from kiosk.ui.touch import SwipeDetector, enable_kinetic_scroll
from kiosk.ui.widgets.buttons import TouchButton
from kiosk.ui.widgets.listen import ListenButton

log = logging.getLogger("kiosk.ui")
MAX_IMAGE_FILE_BYTES = 16 * 1024 * 1024  # on disk; decoded size is budgeted from the header
# Built card lists kept, the least recently shown dropped first: the list pages in both
# languages at one width. Unbounded, the cache kept one list per page, language and
# column count (about 100 widgets each): the soak's monkey, which changes sizes and
# languages, held 548 more widgets after 10 minutes than after its warm-up.
CARD_LISTS_KEPT = 4


class PageBrowser(QTextBrowser):
    """A read-only browser that never navigates by itself and loads only what the gate admits.

    The gate (``loadResource``) is the only way an image reaches the page: a file inside
    the pack, within the per-image and per-page decoded-size budgets read from its header
    (kiosk.content.images), and only a self-contained SVG. Anything refused gets one
    transparent pixel, never ``None`` or a null image: on either Qt opens the file itself.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        # Mouse: without only this a finger drag selects text instead of scrolling.
        # Keyboard: Tab reaches page links and glossary words, Enter opens them.
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                     | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.pack_dir: Path | None = None
        self.refused: list[str] = []  # why images of the current page were refused
        self._budget = PageImageBudget()
        enable_kinetic_scroll(self)

    def new_page(self, pack_dir: Path | None) -> None:
        """Before the next page's HTML: its own folder and a fresh image budget."""
        self.pack_dir = pack_dir
        self._budget = PageImageBudget()
        self.refused = []

    def loadResource(self, kind: int, name: QUrl | str):  # noqa: N802 (Qt name)
        if kind != QTextDocument.ResourceType.ImageResource.value:
            return QByteArray()  # style sheets, HTML: nothing is loaded from files
        url = QUrl(name) if isinstance(name, str) else name
        problem = self._gate(url)
        if problem is None:
            path = _local_path(url)
            data = read_image_bytes(path) if path is not None else None
            image = QImage.fromData(data) if data is not None else QImage()
            if not image.isNull():
                return image
            problem = f"{url.fileName()}: cannot be read or decoded"
        if problem not in self.refused:
            self.refused.append(problem)
            log.warning("reader: image refused: %s", problem)
        return _nothing()

    def _gate(self, url: QUrl) -> str | None:
        """Why the image at ``url`` must not load, or None."""
        path = _local_path(url)
        if self.pack_dir is None or path is None:
            return f"{url.toDisplayString()[:80]}: not a file inside the content pack"
        try:
            inside = path.resolve().is_relative_to(self.pack_dir.resolve())
        except (OSError, RuntimeError):
            inside = False
        if not inside:
            return f"{path.name}: not inside the content pack"
        return self._budget.admit(path.resolve())


def _local_path(url: QUrl) -> Path | None:
    """The file an image URL names: ``file:`` URLs and the renderer's absolute paths."""
    if url.isLocalFile():
        return Path(url.toLocalFile())
    if not url.scheme() and url.path().startswith("/"):
        return Path(url.path())
    return None


def _nothing() -> QImage:
    """One transparent pixel: what a refused image shows.

    Not a null image: given a null one, Qt's image handler loads the file by its name
    itself, which is exactly what the gate refused.
    """
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    image.fill(0)
    return image


def read_image_bytes(path: Path) -> bytes | None:
    """The bytes of an admitted image (a regular file, size capped), or None."""
    from kiosk.content.pack import FileRefused, read_staff_bytes

    try:
        return read_staff_bytes(path, MAX_IMAGE_FILE_BYTES)
    except FileRefused:
        return None


class DefinitionCard(QFrame):
    """A glossary word's definition over the page: no navigation; a tap anywhere or any key
    closes it. Covers its parent (the reader) and follows its size."""

    closed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("TermOverlay")
        set_name(self, N_("Definition"))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # A light veil: the page stays in view behind the card.
        self.setStyleSheet("#TermOverlay { background: rgba(0, 0, 0, 90); }")
        self.term: Term | None = None
        self._filtering = False  # the application-wide key filter is in while open
        box = QFrame(self)
        box.setObjectName("Dialog")
        box.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._box = box
        self._word = QLabel()
        self._word.setProperty("role", "h2")
        self._definition = QLabel()
        self._hint = QLabel()
        self._hint.setProperty("role", "muted")
        for label in (self._word, self._definition, self._hint):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
        self._close = TouchButton(role="primary")
        self._close.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # every key reaches the card
        self._close.clicked.connect(self.close_card)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(40, 32, 40, 32)
        layout.setSpacing(20)
        layout.addWidget(self._word)
        layout.addWidget(self._definition)
        buttons = QHBoxLayout()
        buttons.addWidget(self._hint, 1)
        buttons.addWidget(self._close)
        layout.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box, 6)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(3)
        parent.installEventFilter(self)
        self.retranslate()
        self.hide()

    def open(self, term: Term) -> None:
        self.term = term
        self._word.setText(term.term)
        self._definition.setText(term.definition)
        self.setAccessibleDescription(f"{term.term}. {term.definition}")
        self._box.setMaximumWidth(max(480, min(900, self.parentWidget().width() - 64)))
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        # While open, any key closes it, before the key map (kiosk/ui/access) sees the key:
        # the filter installed last on the application runs first.
        app = QApplication.instance()
        if app is not None and not self._filtering:
            app.installEventFilter(self)
            self._filtering = True

    def close_card(self) -> None:
        app = QApplication.instance()
        if app is not None and self._filtering:
            app.removeEventFilter(self)
            self._filtering = False
        if self.isVisible():
            self.hide()
            self.closed.emit()

    def spoken_text(self) -> str:
        return f"{self.term.term}. {self.term.definition}" if self.term else ""

    def retranslate(self) -> None:
        self._hint.setText(tr("Tap anywhere to close."))
        self._close.set_text(tr("Close"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        kind = event.type()
        if kind == QEvent.Type.Resize and watched is self.parentWidget():
            self.setGeometry(self.parentWidget().rect())
        elif (kind == QEvent.Type.KeyPress and self.isVisible() and isinstance(watched, QWidget)
              and watched.window() is self.window()):
            event.accept()
            self.close_card()
            return True
        return False

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        event.accept()
        self.close_card()

    def event(self, event: QEvent) -> bool:
        # Any key closes, Tab and Escape included (Tab would otherwise move focus).
        if event.type() == QEvent.Type.KeyPress:
            event.accept()
            self.close_card()
            return True
        if event.type() == QEvent.Type.TouchBegin:
            event.accept()
            self.close_card()
            return True
        return super().event(event)


class PageScreen(Screen):
    """Shows one page with its position in the sequence and Previous / Next."""

    name = "page"
    link_activated = Signal(str)  # page id
    step_requested = Signal(int)  # -1 previous, +1 next
    back_requested = Signal()
    listened = Signal()
    announce_requested = Signal(str)  # a definition card's words, for speech output by keys

    def __init__(self, parent: QWidget | None = None, speaker: Speaker | None = None) -> None:
        super().__init__(parent)
        set_name(self, N_("Reader"))
        self.page: Page | None = None
        self.glossary: Mapping[str, Term] = {}
        self._speaker = speaker
        self.accepted_warnings: set[str] = set()  # pages whose warning this session accepted
        self._theme = "default"
        self._text_px = theme.BASE_TEXT_PX

        self._title = QLabel()
        self._title.setTextFormat(Qt.TextFormat.PlainText)  # from a file: text, never markup
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
        self._warning_text.setTextFormat(Qt.TextFormat.PlainText)
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
        self.definition = DefinitionCard(self)
        self.definition.closed.connect(self._on_definition_closed)
        self.retranslate()

    # --- public API -------------------------------------------------------

    def show_page(self, page: Page, index: int, total: int,
                  glossary: Mapping[str, Term] | None = None) -> None:
        """Show ``page`` as number ``index`` (0-based) of ``total`` in the reading sequence;
        ``glossary`` (the pack's for the page's language) defines its ``term:`` words."""
        self.definition.close_card()
        self.page = page
        self.glossary = glossary or {}
        self._index, self._total = index, total
        self._title.setText(page.title)
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

    def showing_definition(self) -> bool:
        return self.definition.isVisible()

    def open_term(self, term_id: str) -> bool:
        """Open the definition card of glossary word ``term_id`` (as a tap on it does)."""
        term = self.glossary.get(term_id)
        if term is None:
            log.warning("reader: no definition for term %r", term_id)
            return False
        self.definition.open(term)
        speaker = self._speaker
        if speaker is not None and speaker.is_speaking() and self.page is not None:
            # Listening: the card is read out in place of the rest of the page.
            speaker.speak(self.definition.spoken_text(), self.page.lang)
        else:
            # For speech output by keys (kiosk/ui/access), which says it only while on.
            text = self.definition.spoken_text() + " " + tr("Press any key to close.")

            def say() -> None:
                if self.definition.isVisible():
                    self.announce_requested.emit(text)
            # After the key's own announcement, which would cut this short.
            QTimer.singleShot(0, say)
        return True

    def _on_definition_closed(self) -> None:
        if self.page is None:
            return
        target = (self._cards if self._body.currentWidget() is self._cards else self._browser)
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def retranslate(self) -> None:
        self._previous.set_text("‹  " + tr("Previous"), tr("Previous"))
        self._next.set_text(tr("Next") + "  ›", tr("Next"))
        self._continue.set_text(tr("Continue"))
        self._go_back.set_text(tr("Go back"))
        self._warning_title.setText(tr("A note before you read"))
        self.definition.retranslate()
        if self.page is not None and self._index >= 0:
            self._position.setText(tr("{current} of {total}", current=self._index + 1,
                                      total=self._total))
        self._update_listen()

    # --- read-aloud ---------------------------------------------------------------

    def _update_listen(self) -> None:
        self._listen.set_page(self._spoken_page(), allowed=not self.showing_warning())

    def _spoken_page(self) -> Page | None:
        """The page as Listen reads it: its text, then what its glossary words mean."""
        page = self.page
        if page is None:
            return None
        terms = [self.glossary[t] for t in page.terms if t in self.glossary]
        if not terms:
            return page
        heading = tr("Words on this page:")
        lines = [f"{t.term}: {t.definition}" for t in terms]
        return page._replace(plain_text="\n".join([page.plain_text, heading, *lines]))

    def leave(self) -> None:
        self._listen.stop()
        self.definition.close_card()

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
        elif url.scheme() == "term" and url.path():
            self.open_term(url.path())

    def review_line(self, page: Page | None = None) -> str:
        """"Reviewed by NAME on DATE" when the page's review holds, else ''."""
        page = page or self.page
        if page is None:
            return ""
        state = review_state(page, self.glossary)
        if state.state != "reviewed":
            return ""
        day = QDate.fromString(state.on, Qt.DateFormat.ISODate)
        shown = (locale().toString(day, QLocale.FormatType.LongFormat) if day.isValid()
                 else state.on)
        return tr("Reviewed by {name} on {date}", name=state.by, date=shown)

    def _review_html(self, page: Page | None = None) -> str:
        line = self.review_line(page)
        if not line:
            return ""
        colour = theme.palette(self._theme).muted
        size = round(self._text_px * 0.8)  # as the sources above it
        return (f"<p style='color:{colour}; font-size:{size}px; margin-top:{self._text_px}px'>"
                f"<i>{html.escape(line)}</i></p>")

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
        doc.setDefaultStyleSheet(theme.document_css(self._theme, self._text_px)
                                 + self._term_css())
        if page.kind == "list" and page.groups:
            self._build_cards(page)
        else:
            self._browser.new_page(page.path.parent.parent)  # the pack's root folder
            self._browser.setHtml(page.html + self._sources_html() + self._review_html())
            _mark_terms(doc)
        self._fit_column()

    def _term_css(self) -> str:
        """Glossary words look tappable but unlike page links: tinted, not bold."""
        p = theme.palette(self._theme)
        return (f"a.term {{ color: {p.term}; background-color: {p.notice}; "
                "font-weight: normal; text-decoration: underline; }")

    def _term_style(self) -> str:
        p = theme.palette(self._theme)
        return (f"color: {p.term}; background-color: {p.notice}; "
                "text-decoration: underline")

    def _rich_label(self, markup: str) -> QLabel:
        """A label for the renderer's sanitised HTML (the only rich text a label shows)."""
        link = theme.palette(self._theme).link
        markup = markup.replace('<a class="term" ', f'<a class="term" style="{self._term_style()}" ')
        markup = markup.replace('<a href=', f'<a style="color: {link}" href=')
        label = QLabel(markup)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                      | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        label.setOpenExternalLinks(False)
        label.linkActivated.connect(lambda href: self._on_anchor(QUrl(href)))
        return label

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
            # The stylesheet's padding follows the first step's size, not this step's.
            pad = theme.pad_px(theme.default_text_px())
            # The viewport's width, less the QSS padding and the scroll bar.
            viewport = room - 2 * pad - 16
            text_width = min(viewport, theme.reading_width(px))
            # At least the padding's width beside the text, where the column fills the
            # viewport (portrait): the words never run up against the scroll bar.
            side = max(pad, (viewport - text_width) // 2)
            frame = root_frame(self._browser.document())
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
        body = self._card_cache.pop(key, None)
        if body is None:
            body = self._make_cards(page, columns)
        self._card_cache[key] = body  # the most recently shown last
        if self._cards.widget() is not body:
            taken = self._cards.takeWidget()
            if taken is not None and not any(taken is kept for kept in self._card_cache.values()):
                taken.deleteLater()  # the empty placeholder: a cached body is kept
            self._cards.setWidget(body)
        self._built_columns = columns
        self._keep_card_lists()

    def _keep_card_lists(self) -> None:
        """Drop the least recently shown card lists beyond CARD_LISTS_KEPT (never the one
        on show)."""
        shown = self._cards.widget()
        for key in list(self._card_cache):
            if len(self._card_cache) <= CARD_LISTS_KEPT:
                break
            body = self._card_cache[key]
            if body is not shown:
                del self._card_cache[key]
                body.deleteLater()

    def _card_key(self, page: Page, columns: int) -> tuple:
        # Cards depend on the page itself, the column count, the look and the language
        # of the interface (the review line).
        return (page, columns, self._text_px, self._theme, self.review_line(page))

    def prepare(self, pages: list[Page], glossary: Mapping[str, Term] | None = None) -> None:
        """Build the card lists of list pages ahead of the first tap on them."""
        if glossary is not None:
            self.glossary = glossary
        columns = self._columns()
        for page in pages:
            key = self._card_key(page, columns)
            if page.kind == "list" and page.groups and key not in self._card_cache:
                self._card_cache[key] = self._make_cards(page, columns)
        self._keep_card_lists()

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
            # Its page: and term: links work like the reader's, in the theme's colours (a
            # stylesheet overrides a label's palette, so the colour goes inline).
            layout.addWidget(self._rich_label(page.intro_html))
        for group in page.groups:
            heading = QLabel(group.heading)
            heading.setTextFormat(Qt.TextFormat.PlainText)
            heading.setProperty("role", "h2")
            heading.setWordWrap(True)
            layout.addWidget(heading)
            grid = QGridLayout()
            grid.setSpacing(12)
            for i, card in enumerate(group.cards):
                text = self._rich_label(card.html) if card.html else None
                grid.addWidget(_card(card.name, card.text, text), i // columns, i % columns)
            for c in range(columns):
                grid.setColumnStretch(c, 1)
            layout.addLayout(grid)
        sources = QLabel(self._sources_html(page) + self._review_html(page))
        sources.setTextFormat(Qt.TextFormat.RichText)  # built here, every value escaped
        sources.setWordWrap(True)
        sources.setProperty("role", "small")
        layout.addWidget(sources)
        layout.addStretch(1)
        theme.fit_text(holder, self._text_px)  # made after the screen was fitted
        return holder

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if self.page is not None and self.page.kind == "list" and self.page.groups:
            if self._columns() != getattr(self, "_built_columns", self._columns()):
                self._build_cards(self.page)
        self._fit_column()


def root_frame(doc: QTextDocument) -> QTextFrame:
    """The document's root frame, found from a cursor at its start.

    Not ``doc.rootFrame()``: PySide keeps every frame that call returns alive as a child
    of the document's wrapper, and each new page (``setHtml``) has a new root frame, so a
    kiosk leaked one wrapper per page shown (689 after 5,000 monkey actions). A frame
    reached from a cursor is freed when dropped (tests/test_ui_reader.py).
    """
    frame = QTextCursor(doc).currentFrame()
    while (parent := frame.parentFrame()) is not None:
        frame = parent
    return frame


def _mark_terms(doc: QTextDocument) -> None:
    """Give glossary words a dotted underline (CSS in QTextDocument has no dotted style)."""
    dotted = QTextCharFormat()
    dotted.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid() and fragment.charFormat().anchorHref().startswith("term:"):
                cursor = QTextCursor(doc)
                cursor.setPosition(fragment.position())
                cursor.setPosition(fragment.position() + fragment.length(),
                                   QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(dotted)
            it += 1
        block = block.next()


def _card(name: str, text: str, rich: QLabel | None = None) -> QFrame:
    card = QFrame()
    card.setObjectName("Card")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(20, 16, 20, 16)
    layout.setSpacing(6)
    title = QLabel(name)
    title.setTextFormat(Qt.TextFormat.PlainText)
    title.setProperty("role", "h2")
    title.setWordWrap(True)
    if rich is not None:  # the renderer's safe HTML, with glossary words to tap
        body = rich
    else:
        body = QLabel(text)
        body.setTextFormat(Qt.TextFormat.PlainText)
        body.setWordWrap(True)
    layout.addWidget(title)
    layout.addWidget(body)
    layout.addStretch(1)
    card.setAccessibleName(name)
    card.setAccessibleDescription(text)
    return card
