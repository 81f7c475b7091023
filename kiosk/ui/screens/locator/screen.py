"""Find a clinic: a ZIP keypad or a state list, filters as chips, results as a list and a map,
and a detail card with a QR code to take the clinic away on a phone.

The directory opens on a worker (see loader.py); searches then run on the UI
thread because they take milliseconds. The ZIP a patient types is never logged
or stored and is forgotten by ``clear()``, with everything the pages show.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk.settings import Settings
from kiosk.ui.access.names import set_name
from kiosk.ui.i18n import N_, tr, tr_staff
from kiosk.ui.models import MAX_MARKS, ClinicListModel, state_name
from kiosk.ui.screens.base import DataChange, Screen, ScreenName, settle_scroll_bars
from kiosk.ui.screens.locator import rules_ui as rules
from kiosk.ui.screens.locator.common import Message, Page, Via, make_label
from kiosk.ui.screens.locator.detail import DetailPage, encode_cards
from kiosk.ui.screens.locator.loader import (
    LOAD_TIMEOUT_MS,
    Available,
    Loaded,
    close_unused,
    load_directory,
)
from kiosk.ui.screens.locator.results import ResultsPage
from kiosk.ui.screens.locator.search import SearchPage
from kiosk.ui.screens.locator.states import StatesPage
from kiosk.ui.screens.locator.takehome import TakeHomePage
from kiosk.ui.services import UsageCounts
from kiosk.ui.state import KioskState
from kiosk.ui.theme import fit_text
from kiosk.ui.touch import min_target_px, stop_kinetic_scroll
from kiosk.ui.workers import Task

if TYPE_CHECKING:
    import segno

    from kiosk.locator import Clinic, Directory, ImportProblem, SearchQuery, SearchResult

log = logging.getLogger("kiosk.ui.locator")
QR_PREFETCH_DELAY_MS = 100  # after the results are painted, or the list stops scrolling

MESSAGES: dict[Message, str] = {
    Message.SHORT: N_("A ZIP code has 5 numbers. Please check and try again."),
    Message.UNKNOWN: N_("We could not find ZIP code {zip}. Please check the numbers, "
                        "or choose your state."),
    Message.BROKEN: N_("The clinic list is not available right now. "
                       "Please ask the front desk for help finding a clinic."),
}


class LocatorScreen(Screen):
    """The clinic finder. Opens its directory in a worker; everything else happens on taps."""

    name = ScreenName.LOCATOR
    staff_title = N_("Clinic directory")
    loaded = Signal()

    def __init__(self, settings: Settings, state: KioskState, stats: UsageCounts | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_name(self, N_("Clinic finder screen"))
        self.settings = settings
        self.state = state
        self.stats = stats
        self.directory: Directory | None = None
        self.problems: list[ImportProblem | str] = []
        self.load_error = ""
        self.model = ClinicListModel(self)
        self._host: Clinic | None = None
        self._badge = False  # the "This clinic" badge may show (the host is near home_zip)
        self._available = Available()
        # The take-home list: clinics the patient marked (at most MAX_MARKS), forgotten at
        # the reset; never stored or logged.
        self._marks: list[Clinic] = []
        self._loader = Task(self, timeout_ms=LOAD_TIMEOUT_MS, discard=close_unused)
        self._loader.setObjectName("clinic directory")
        self._loader.returned.connect(self._on_loaded)
        self._loader.errored.connect(self._on_load_failed)
        self._target = min_target_px()
        self._theme, self._px = state.theme, state.text_px
        self._default_filters = rules.Filters(
            rules.nearest_radius(settings.locator.default_radius_miles))
        self.filters = self._default_filters
        self._query: SearchQuery | None = None
        self._via = Via.NONE
        self._result: SearchResult | None = None
        self._wider: int | None = None
        self._detail: Clinic | None = None
        self._message: tuple[Message, str] = (Message.NONE, "")
        self._return_to = Page.RESULTS
        self._landscape = True
        # QR encodings of the first results' contact cards, made off the UI thread so
        # that opening a clinic does not wait for segno (forgotten at the reset).
        self._codes: dict[str, segno.QRCode] = {}
        self._qr_task = Task(self, timeout_ms=10_000, pool=QThreadPool.globalInstance())
        self._qr_task.setObjectName("QR codes")
        self._qr_task.returned.connect(self._on_codes)
        self._qr_queue: list[str] = []  # cards still to encode, one job each
        self._qr_timer = QTimer(self)
        self._qr_timer.setSingleShot(True)
        self._qr_timer.setInterval(QR_PREFETCH_DELAY_MS)
        self._qr_timer.timeout.connect(self._prefetch_codes)
        # The screen holds no stylesheet: each page holds it, and only the page on show
        # is restyled at a Text size or Contrast tap (restyling hidden pages, the 57
        # state buttons among them, cost more than the page on show).
        self._qss = ""
        self._text_px = self._px  # fonts of the pages (the stylesheet sets no text size)
        self._styled: set[QWidget] = set()  # pages with the current sheet and fonts
        self.search_page: SearchPage | None = None
        self.states_page: StatesPage | None = None
        self.results_page: ResultsPage | None = None
        self.detail_page: DetailPage | None = None
        self.take_home_page: TakeHomePage | None = None

        self._banner = QFrame()
        self._banner.setObjectName("DemoBanner")
        self._banner_text = make_label()
        self._banner_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        banner_layout = QHBoxLayout(self._banner)
        banner_layout.setContentsMargins(16, 8, 16, 8)
        banner_layout.addWidget(self._banner_text)
        self._banner.hide()

        self._loading = QWidget()
        self._loading_text = make_label("h2")
        self._loading_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._loading_detail = make_label("muted")
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

    def _search_page(self) -> SearchPage:
        if self.search_page is None:
            page = SearchPage(bool(self.settings.locator.home_zip))
            page.zip_submitted.connect(self.search_zip)
            page.here_requested.connect(self._on_here)
            page.states_requested.connect(self.open_states)
            page.filters_changed.connect(self._on_filters_changed)
            page.set_available(self._available)
            page.show_filters(self.filters)
            page.retranslate()
            page.set_landscape(self._landscape)
            self._add_page(page)
            self.search_page = page
        return self.search_page

    def _states_page(self) -> StatesPage:
        if self.states_page is None:
            page = StatesPage()
            page.state_chosen.connect(self._on_state)
            page.back_requested.connect(self._back_to_search)
            page.retranslate()
            self._add_page(page)
            self.states_page = page
        return self.states_page

    def _results_page(self) -> ResultsPage:
        if self.results_page is None:
            page = ResultsPage(self.model, self._target)
            page.back_requested.connect(self._back_to_search)
            page.wider_requested.connect(self._on_wider)
            page.clinic_chosen.connect(self.open_detail)
            page.mark_toggled.connect(self.toggle_mark)
            page.list_requested.connect(self.open_take_home)
            page.list.verticalScrollBar().valueChanged.connect(self._qr_timer.start)
            page.delegate.set_appearance(self._theme, self._px)
            page.map.set_appearance(self._theme, self._px)
            page.set_landscape(self._landscape)
            self._add_page(page)
            self.results_page = page
        return self.results_page

    def _detail_page(self) -> DetailPage:
        if self.detail_page is None:
            page = DetailPage()
            page.back_requested.connect(self._back_to_results)
            page.mark_toggled.connect(self.toggle_mark)
            page.qr.set_min_side(max(280, self._px * 13))
            page.set_landscape(self._landscape)
            self._add_page(page)
            self.detail_page = page
        return self.detail_page

    def _take_home_page(self) -> TakeHomePage:
        if self.take_home_page is None:
            page = TakeHomePage()
            page.back_requested.connect(self._back_from_take_home)
            page.remove_requested.connect(self._on_remove_mark)
            page.qr.set_min_side(max(380, self._px * 17))
            page.set_landscape(self._landscape)
            self._add_page(page)
            self.take_home_page = page
        return self.take_home_page

    def _add_page(self, page: QWidget) -> None:
        self._style_page(page)
        self._pages.addWidget(page)

    def _style_page(self, page: QWidget) -> None:
        """Give a page the current sheet and fonts if it lacks them."""
        if page.styleSheet() != self._qss:
            page.setStyleSheet(self._qss)
        fit_text(page, self._text_px)
        self._styled.add(page)

    def _show_page(self, page: QWidget) -> None:
        """Show one part of the finder, giving it the current look first if it lacks it."""
        if page not in self._styled:
            self._style_page(page)
        self._pages.setCurrentWidget(page)

    def page(self) -> Page:
        """Which part of the finder is showing: loading, search, states, results or detail."""
        current = self._pages.currentWidget()
        for name, page in ((Page.SEARCH, self.search_page), (Page.STATES, self.states_page),
                           (Page.RESULTS, self.results_page), (Page.DETAIL, self.detail_page),
                           (Page.TAKE_HOME, self.take_home_page)):
            if page is not None and current is page:
                return name
        return Page.LOADING

    def step_back(self) -> bool:
        """Go back one page inside the finder, as that page's Back does; False on the search page."""
        page = {Page.STATES: self.states_page, Page.RESULTS: self.results_page,
                Page.DETAIL: self.detail_page, Page.TAKE_HOME: self.take_home_page}.get(self.page())
        if page is None:
            return False
        page.back_requested.emit()
        return True

    def demo_banner(self) -> str:
        """The sample-data notice when it is on show, else ''."""
        return self._banner_text.text() if self._banner.isVisible() else ""

    # --- loading ------------------------------------------------------------------------

    def _start_loading(self) -> None:
        self._show_page(self._loading)
        self._loading_text.setText(tr("Loading the clinic list…"))
        self._loading_detail.setText("")
        self._loader.start(load_directory, self.settings)

    def is_loaded(self) -> bool:
        return self.directory is not None

    def _on_load_failed(self, exc: object) -> None:
        # load_directory reports its own errors; this is a time-out or a bug in it.
        self._on_loaded(Loaded(None, [], error=str(exc)))

    def _on_loaded(self, loaded: Loaded) -> None:
        for problem in loaded.problems:
            log.warning("clinic directory: %s", problem)
        old = self.directory
        self.directory = loaded.directory
        self.problems = list(loaded.problems)
        self.load_error = loaded.error
        self._host = loaded.host
        self._badge = loaded.badge
        self._available = loaded.available
        if old is not None and old is not self.directory:
            old.close()
        if self.search_page is not None:
            self.search_page.set_available(self._available)
            self.filters = self.search_page.filters()
        self._banner.setVisible(bool(self.directory is not None and self.directory.is_demo))
        if self.directory is None:
            self.retranslate()
            return
        self._show_page(self._search_page())
        self.loaded.emit()

    def reload(self) -> None:
        """Open the configured directory again (staff changed the CSV); the session starts over."""
        self.clear()
        self._start_loading()

    def on_data_changed(self, change: DataChange) -> None:
        if change is DataChange.DIRECTORY:
            self.reload()

    # --- searching ----------------------------------------------------------------------

    def _on_filters_changed(self) -> None:
        if self.search_page is not None:
            self.filters = self.search_page.filters()

    def search_zip(self, value: str) -> None:
        """Search near the ZIP typed on the keypad (a bad one gets a message, never a log line)."""
        from kiosk.locator import QueryError, normalize_zip

        try:
            zip5 = normalize_zip(value)
        except QueryError:
            self._show_message(Message.SHORT, value)
            return
        self._search(rules.build_query(self.filters, zip=zip5), Via.ZIP)

    def _on_here(self) -> None:
        home = self.settings.locator.home_zip
        if home:
            self._search(rules.build_query(self.filters, zip=home), Via.HERE)

    def _on_state(self, code: str) -> None:
        self._search(rules.build_query(self.filters, state=code), Via.STATE)

    def _on_wider(self) -> None:
        query, wider = self._query, self._wider
        if query is not None and wider is not None:
            self.filters = self.filters._replace(radius=wider)
            if self.search_page is not None:
                self.search_page.show_filters(self.filters)
            self._search(query._replace(radius_miles=wider), self._via)

    def _search(self, query: SearchQuery, via: Via) -> None:
        from kiosk.locator import DirectoryError, QueryError

        directory = self.directory
        if directory is None:
            return
        query = rules.limited(query)
        try:
            result = directory.search(query)
        except QueryError:
            # The message would name the ZIP: it is shown to the patient, never logged.
            self._show_message(Message.UNKNOWN, query.zip or "")
            self._back_to_search()
            return
        except DirectoryError as exc:
            log.error("clinic search failed: %s", exc)
            self._show_message(Message.BROKEN, "")
            self._back_to_search()
            return
        self._count("search", f"{via}-{query.kind or 'both'}")
        self._query, self._via, self._result = query, via, result
        self._wider = rules.wider_radius(directory, query, result)
        self._show_message(Message.NONE, "")
        page = self._results_page()
        self._render_results()
        page.list.clearSelection()
        page.list.scrollToTop()
        self._show_page(page)
        self._stop_prefetch()
        self._qr_timer.start()

    def _prefetch_codes(self) -> None:
        """Queue the contact cards of the rows on screen whose QR code is not made yet."""
        page = self.results_page
        if page is None or not page.isVisible():
            return
        cards = [rules.contact_card(c) for c in page.visible_clinics()]
        self._qr_queue = [card for card in cards if card not in self._codes]
        self._next_code()

    def _next_code(self) -> None:
        # One card per job: a tap that needs the UI thread at once waits for at most
        # one encoding in the worker (Python's lock is shared), not for the whole batch.
        if self._qr_queue:
            self._qr_task.start(encode_cards, [self._qr_queue.pop(0)])

    def _on_codes(self, codes: dict[str, segno.QRCode]) -> None:
        self._codes.update(codes)
        self._next_code()

    def _stop_prefetch(self) -> None:
        self._qr_timer.stop()
        self._qr_queue = []
        self._qr_task.cancel()

    def codes_ready(self) -> bool:
        """Whether the QR codes of the first results are made (benchmarks wait for it)."""
        return not self._qr_timer.isActive() and not self._qr_task.busy()

    def _count(self, event: str, key: str) -> None:
        if self.stats is None:
            return
        try:
            self.stats.count(event, key)
        except Exception as exc:  # counting must never break a search; the reason is logged
            log.warning("usage count %s/%s refused: %s", event, key, exc)

    # --- showing results ----------------------------------------------------------------

    def _render_results(self) -> None:
        query, result = self._query, self._result
        if query is None or result is None:
            return
        rows = rules.result_rows(result, self._host.id if self._host is not None else "",
                                 badge=self._badge)
        self.model.set_rows(rows)
        self.model.set_marked(frozenset(c.id for c in self._marks))
        pins = [(r.clinic, r.number) for r in rows if r.clinic is not None and r.number]
        page = self._results_page()
        page.map.set_results([c for c, _ in pins], [n for _, n in pins], result.origin,
                             radius_miles=None if self._via is Via.STATE else query.radius_miles)
        page.map_panel.setVisible(bool(pins))
        self._retranslate_results()

    def _retranslate_results(self) -> None:
        query, result, page = self._query, self._result, self.results_page
        if query is None or result is None or page is None:
            return
        origin = result.origin
        miles = f"{query.radius_miles:g}"
        state = state_name(result.state or "")
        if self._via is Via.STATE:
            summary = tr("Clinics in {state}", state=state)
        elif self._via is Via.HERE:
            summary = tr("Clinics within {miles} miles of this clinic", miles=miles)
        else:
            assert origin is not None
            summary = tr("Clinics within {miles} miles of {zip} ({city}, {state})", miles=miles,
                         zip=origin.zip, city=origin.city, state=origin.state)
        page.summary.setText(summary)
        empty = ""
        if query.kind == "therapy":
            if not result.therapy:
                if self._via is Via.STATE:
                    empty = tr("No other PTSD care listed in {state}.", state=state)
                else:
                    empty = tr("No other PTSD care listed within {miles} miles.", miles=miles)
        elif not result.outpatient and query.kind != "at_home":
            if self._via is Via.STATE:
                empty = tr("No clinics to visit in {state}.", state=state)
            elif self._via is Via.HERE:
                empty = tr("No clinics within {miles} miles of this clinic.", miles=miles)
            elif origin is not None:
                empty = tr("No clinics within {miles} miles of {zip}.", miles=miles, zip=origin.zip)
            if result.at_home or result.therapy:
                empty += " " + tr("Other kinds of care are listed below.")
        elif not result.at_home and query.kind == "at_home":
            empty = tr("No at-home care found for {state}.", state=state)
        page.empty_text.setText(empty)
        page.empty.setVisible(bool(empty))
        page.wider.setVisible(self._wider is not None)
        if self._wider is not None:
            page.wider.set_text(tr("Search {miles} miles", miles=self._wider))
        page.new_search.set_text(tr("New search"))
        page.map_hint.setText(tr("Tap a number to see that clinic, or a group to zoom in."))
        self._show_marks()
        page.list.setAccessibleName(tr("Search results"))
        page.map.setAccessibleName(tr("Map of the results"))
        self.model.retranslate()

    # --- detail -------------------------------------------------------------------------

    def open_detail(self, clinic: Clinic) -> None:
        """Show one clinic's fields and QR (a tapped row or pin)."""
        self._stop_prefetch()
        self._detail = clinic
        row = self.model.row_of(clinic.id)
        if row >= 0 and self.results_page is not None:
            self.results_page.list.setCurrentIndex(self.model.index(row))
        page = self._detail_page()
        if page not in self._styled:  # fonts first: the mark button measures its words
            self._style_page(page)
        self._render_detail()
        self._count("locator_detail", clinic.kind)
        page.area.verticalScrollBar().setValue(0)
        self._show_page(page)

    def _render_detail(self) -> None:
        if self._detail is not None and self.detail_page is not None:
            pinned = self._host is not None and self._host.id == self._detail.id
            self.detail_page.show_clinic(self._detail, pinned and self._badge, self._codes)
            self._show_marks()

    def detail_clinic(self) -> Clinic | None:
        """The clinic whose detail is showing, if any."""
        return self._detail if self.page() is Page.DETAIL else None

    # --- take it with you ---------------------------------------------------------------

    def marked(self) -> list[Clinic]:
        """The clinics on the take-home list, in the order they were marked."""
        return list(self._marks)

    def toggle_mark(self, clinic: Clinic) -> None:
        """Add a clinic to the take-home list (if there is room), or take it off."""
        if any(c.id == clinic.id for c in self._marks):
            self._marks = [c for c in self._marks if c.id != clinic.id]
        elif len(self._marks) < MAX_MARKS:
            self._marks.append(clinic)
        self._show_marks()

    def _on_remove_mark(self, clinic_id: str) -> None:
        self._marks = [c for c in self._marks if c.id != clinic_id]
        self._show_marks()

    def _show_marks(self) -> None:
        """Every place that shows the list: the rows' toggles, the counter, the detail's
        toggle and the take-home page."""
        ids = frozenset(c.id for c in self._marks)
        self.model.set_marked(ids)
        count = len(self._marks)
        if self.results_page is not None:
            self.results_page.marks.set_text(tr("Your list: {count} of {total}", count=count,
                                                total=MAX_MARKS))
        self._show_detail_mark()
        if self.take_home_page is not None and self.page() is Page.TAKE_HOME:
            self.take_home_page.show_clinics(self._marks)

    def _show_detail_mark(self) -> None:
        """The detail's toggle: on the list or not, and whether there is room."""
        if self.detail_page is not None and self._detail is not None:
            on_list = any(c.id == self._detail.id for c in self._marks)
            self.detail_page.show_mark(on_list, len(self._marks) < MAX_MARKS)

    def open_take_home(self) -> None:
        """The take-home list and its QR code."""
        self._stop_prefetch()
        self._return_to = self.page()
        page = self._take_home_page()
        if page not in self._styled:
            self._style_page(page)
        page.show_clinics(self._marks)
        page.area.verticalScrollBar().setValue(0)
        self._show_page(page)

    def _back_from_take_home(self) -> None:
        if self.take_home_page is not None:
            self.take_home_page.clear()  # the QR text is not kept while it is not on show
        if self._return_to is Page.DETAIL and self._detail is not None:
            self._show_page(self._detail_page())
        else:
            self._back_to_results()

    # --- navigation inside the screen ---------------------------------------------------

    def open_states(self) -> None:
        page = self._states_page()
        page.area.verticalScrollBar().setValue(0)
        self._show_page(page)

    def _back_to_search(self) -> None:
        if self.directory is None:
            self._show_page(self._loading)
        else:
            self._show_page(self._search_page())

    def _back_to_results(self) -> None:
        if self.results_page is not None:
            self._show_page(self.results_page)
            self._qr_timer.start()

    # --- messages -----------------------------------------------------------------------

    def _show_message(self, key: Message, value: str) -> None:
        self._message = (key, value)
        text = tr(MESSAGES[key], zip=value) if key is not Message.NONE else ""
        if self.search_page is not None:
            self.search_page.show_message(text)

    # --- Screen hooks -------------------------------------------------------------------

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
        if self.take_home_page is not None and self.page() is Page.TAKE_HOME:
            self.take_home_page.show_clinics(self._marks)

    def apply_style(self, qss: str) -> None:
        """The new sheet goes to the banner and the page on show (the loading note too, if
        it is showing); the other pages take it when next shown."""
        self._qss = qss
        self._styled.clear()
        self._banner.setStyleSheet(qss)
        self._style_page(self._pages.currentWidget())

    def apply_text_size(self, text_px: int) -> None:
        """New fonts for the banner and the page on show; the other pages when next shown."""
        self._text_px = text_px
        self._styled.clear()
        fit_text(self._banner, text_px)
        self._style_page(self._pages.currentWidget())

    def set_appearance(self, theme_name: str, text_px: int) -> None:
        """Text size or contrast changed: the painted rows, the map and the QR follow."""
        target = min_target_px(self.screen())
        resized = (text_px, target) != (self._px, self._target)
        self._theme, self._px, self._target = theme_name, text_px, target
        if self.results_page is not None:
            self.results_page.delegate.set_appearance(theme_name, text_px)
            self.results_page.map.set_appearance(theme_name, text_px)
            if resized:  # the rows are measured again; on a Contrast tap only repainted
                self.results_page.delegate.set_min_height(self._target)
                self.model.layoutChanged.emit()
                if self.results_page.list.isVisible():
                    # Now, not on the view's timer: the rows are painted once, in the
                    # same frame as the rest of the restyle, not once more after it.
                    self.results_page.list.doItemsLayout()
            else:
                self.results_page.list.viewport().update()
        if self.detail_page is not None:
            self.detail_page.qr.set_min_side(max(280, text_px * 13))
            if resized and self._detail is not None and self.page() is Page.DETAIL:
                # The mark button is as wide as its longest words (measured when opened).
                self._show_detail_mark()
        if self.take_home_page is not None:
            self.take_home_page.qr.set_min_side(max(380, text_px * 17))
        # The page on show was restyled already (apply_style comes first): fit it now, so
        # the new look is laid out once, before it is painted (a fit on the next turn of
        # the event loop laid it out and painted it a second time). Pages out of sight
        # fit when shown.
        if self.search_page is not None and self.search_page.isVisible():
            self.search_page.refit()
        if self.states_page is not None:
            self.states_page.refit()
            if self.states_page.isVisible():
                settle_scroll_bars(self.states_page.area)

    def clear(self) -> None:
        """Forget the session: the ZIP, filters, results, detail, and every label that showed them."""
        self.filters = self._default_filters
        self._query, self._result, self._via, self._wider, self._detail = (
            None, None, Via.NONE, None, None)
        self._message = (Message.NONE, "")
        self._stop_prefetch()
        self._codes.clear()
        self._marks = []
        self.model.clear()
        if self.search_page is not None:
            self.search_page.clear()
            self.search_page.show_filters(self.filters)
        if self.states_page is not None:
            self.states_page.clear()
        if self.results_page is not None:
            self.results_page.clear()
        if self.detail_page is not None:
            self.detail_page.clear()
        if self.take_home_page is not None:
            self.take_home_page.clear()
        self._back_to_search()

    def leave(self) -> None:
        for page in (self.search_page, self.states_page, self.detail_page, self.take_home_page):
            if page is not None:
                stop_kinetic_scroll(page.area)
        if self.results_page is not None:
            stop_kinetic_scroll(self.results_page.list)

    def staff_lines(self) -> list[str]:
        """The directory in use, for the staff screen, in the staff's language (names,
        paths and the importer's problems as they are)."""
        directory = self.directory
        if directory is None:
            lines = [tr_staff("Not available: {error}", error=self.load_error) if self.load_error
                     else tr_staff("Still loading the clinic directory")]
        else:
            imported = (directory.imported_at.strftime("%Y-%m-%d %H:%M UTC")
                        if directory.imported_at else tr_staff("unknown"))
            kind = (N_("Built-in demo directory (sample data): {source}") if directory.is_demo
                    else N_("Directory: {source}"))
            lines = [
                tr_staff(kind, source=str(directory.source or directory.path)),
                tr_staff("File: {path}", path=str(directory.path or tr_staff("(in memory)"))),
                tr_staff("{outpatient} outpatient clinics, {at_home} at-home providers, "
                         "{therapy} other PTSD care listings",
                         outpatient=directory.count_outpatient, at_home=directory.count_at_home,
                         therapy=directory.count_therapy),
                tr_staff("Version {version}, imported {when}",
                         version=directory.version or tr_staff("unknown"), when=imported),
            ]
            if self.settings.locator.host_clinic_id:
                found = self._host.name if self._host else tr_staff("not found")
                lines.append(tr_staff("This clinic: {name} ({id})", name=found,
                                      id=self.settings.locator.host_clinic_id))
        lines += [tr_staff("Problem: {problem}", problem=p) for p in self.problems]
        return lines

    def staff_attention(self) -> bool:
        return (self.directory is None and bool(self.load_error)) or bool(self.problems)

    # --- layout -------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        landscape = self.width() >= self.height()
        if landscape != self._landscape:
            self._landscape = landscape
            for page in (self.search_page, self.results_page, self.detail_page,
                         self.take_home_page):
                if page is not None:
                    page.set_landscape(landscape)
