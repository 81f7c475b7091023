"""The clinic finder driven as a patient would: keypad taps, chips, result rows, map pins."""

from __future__ import annotations

import pytest
import segno
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton

from kiosk.locator import CONDITIONS
from kiosk.ui.i18n import locale
from kiosk.ui.models import CONDITION_LABELS, ClinicRole
from kiosk.ui.touch import min_target_px
from tests.ui_helpers import (
    all_texts,
    clinic_rows,
    control,
    controls,
    open_finder,
    search_zip,
    settings_for,
    settle,
    shows,
    tap,
    tap_row,
)

HOST_ID = "demo-0001"  # Mirrenmoor Ketamine Clinic, Great Neck NY, about 15 miles from 10001


@pytest.fixture
def make_window(open_window, tmp_path):
    def make(extra: str = "", size=(1280, 800)):
        return open_window(settings_for(tmp_path, extra), size=size, fixed=True)

    return make


def open_locator(qtbot, window):
    screen = open_finder(qtbot, window)
    assert screen.page() == "search"
    return screen


@pytest.fixture
def locator(qtbot, make_window):
    window = make_window()
    return window, open_locator(qtbot, window)


def test_zip_search_list_detail_qr_and_back(qtbot, locator):
    window, screen = locator
    assert "Sample data" in screen.demo_banner()
    assert shows(screen, "Sample data: not real clinics")
    search_zip(qtbot, screen, "10001")
    assert screen.page() == "results"
    assert "Sample data" in screen.demo_banner()
    rows = clinic_rows(screen)
    outpatient = [c for _, c in rows if c.kind == "outpatient"]
    assert len(outpatient) >= 10
    distances = [c.distance_miles for c in outpatient]
    assert distances == sorted(distances)
    assert all(d <= 50 for d in distances)
    assert any(c.kind == "at_home" for _, c in rows)
    # Rows are named for screen readers by clinic name.
    first_row, first = rows[0]
    assert screen.model.index(first_row).data(Qt.ItemDataRole.AccessibleTextRole).startswith(first.name)
    assert "mi" in screen.model.index(first_row).data(Qt.ItemDataRole.AccessibleTextRole)

    tap_row(qtbot, screen, first_row)
    assert screen.page() == "detail"
    assert screen.detail_clinic().id == first.id
    detail = screen.detail_page
    texts = [w.text() for w in detail.findChildren(type(detail.name)) if w.isVisible()]
    assert first.name in texts
    assert first.phone in texts and first.website in texts
    assert any(t.startswith("Last verified: ") for t in texts)
    assert "Scan with your phone's camera to save this clinic" in texts
    card = detail.qr.text()
    assert card.startswith("BEGIN:VCARD\r\nVERSION:3.0")
    assert f"FN:{first.name}" in card
    assert first.phone in card and first.website.replace(":", ":") in card
    assert first.address.replace(",", "\\,") in card
    # The painted matrix is segno's encoding of exactly that card, as a full QR (not Micro).
    code = detail.qr.code()
    assert not code.is_micro
    assert code.matrix == segno.make_qr(card, error="m").matrix

    tap(qtbot, screen, "Back to results")
    assert screen.page() == "results"
    tap(qtbot, screen, "New search")
    assert screen.page() == "search"


def test_state_grid_lists_clinics_in_the_state(qtbot, locator):
    _, screen = locator
    tap(qtbot, screen, "Choose your state")
    assert screen.page() == "states"
    assert "TX" in control(screen, "Texas").label_text()
    assert len(controls(screen, "Wyoming")) == 1
    tap(qtbot, screen, "California")
    assert screen.page() == "results"
    rows = clinic_rows(screen)
    assert rows and all(c.state == "CA" for _, c in rows if c.kind == "outpatient")
    assert "California" in screen.results_page.summary.text()
    headers = [screen.model.index(r).data() for r in range(screen.model.rowCount())
               if screen.model.index(r).data(ClinicRole) is None]
    assert any(h.startswith("Care at home in California (") for h in headers), headers


def test_no_results_offers_a_wider_radius_that_works(qtbot, locator):
    _, screen = locator
    tap(qtbot, screen, "10 mi")
    search_zip(qtbot, screen, "59001")
    page = screen.results_page
    assert page.empty.isVisible()
    assert "No clinics within 10 miles of 59001." in page.empty_text.text()
    assert not [c for _, c in clinic_rows(screen) if c.kind == "outpatient"]
    wider = [b for b in page.findChildren(QAbstractButton)
             if b.isVisible() and b.accessibleName().startswith("Search ")]
    assert len(wider) == 1
    name = wider[0].accessibleName()
    tap(qtbot, screen, name)
    miles = int(name.split()[1])
    assert [c for _, c in clinic_rows(screen) if c.kind == "outpatient"]
    assert all(c.distance_miles <= miles for _, c in clinic_rows(screen) if c.kind == "outpatient")
    assert not page.empty.isVisible()
    tap(qtbot, screen, "New search")
    assert control(screen, f"{miles} mi").isChecked()


def test_short_and_unknown_zip_get_a_calm_message(qtbot, locator, caplog):
    _, screen = locator
    search_zip(qtbot, screen, "123")
    assert screen.page() == "search"
    message = screen.search_page.message
    assert message.isVisible() and "5 numbers" in message.text()
    tap(qtbot, screen, "Delete")
    assert not message.isVisible()
    for _ in range(2):
        tap(qtbot, screen, "Delete")
    search_zip(qtbot, screen, "00000")
    assert screen.page() == "search"
    assert "We could not find ZIP code 00000" in message.text()
    # Privacy: the ZIP typed never reaches the log.
    assert "00000" not in caplog.text and "10001" not in caplog.text


def test_host_clinic_pinned_first_with_label(qtbot, make_window):
    window = make_window(f"[locator]\nhost_clinic_id = '{HOST_ID}'\nhome_zip = '11020'\n")
    screen = open_locator(qtbot, window)
    search_zip(qtbot, screen, "10001")
    row, first = clinic_rows(screen)[0]
    assert first.id == HOST_ID
    assert "This clinic" in screen.model.index(row).data(Qt.ItemDataRole.AccessibleTextRole)
    # Everything after the host is still nearest first.
    rest = [c.distance_miles for _, c in clinic_rows(screen)[1:] if c.kind == "outpatient"]
    assert rest == sorted(rest)
    tap(qtbot, screen, "New search")
    tap(qtbot, screen, "Near this clinic")
    assert clinic_rows(screen)[0][1].id == HOST_ID
    assert "this clinic" in screen.results_page.summary.text()
    lines = "\n".join(screen.staff_lines())
    assert "Mirrenmoor Ketamine Clinic" in lines and "demo" in lines


def test_filters_narrow_the_results(qtbot, locator):
    _, screen = locator
    tap(qtbot, screen, "PTSD")
    tap(qtbot, screen, "OCD")
    tap(qtbot, screen, "Visit a clinic")
    search_zip(qtbot, screen, "60601")
    rows = clinic_rows(screen)
    assert rows
    assert all(c.kind == "outpatient" and {"ptsd", "ocd"} <= set(c.conditions) for _, c in rows)


def test_idle_reset_forgets_zip_results_and_filters(qtbot, locator):
    window, screen = locator
    tap(qtbot, screen, "PTSD")
    tap(qtbot, screen, "100 mi")
    search_zip(qtbot, screen, "60601")
    tap_row(qtbot, screen, clinic_rows(screen)[0][0])
    window.reset_session()
    assert screen.model.rowCount() == 0
    assert screen.search_page.keypad.value() == ""
    assert screen.page() == "search"
    assert screen.detail_clinic() is None
    assert screen.detail_page.qr.text() == ""
    assert screen.results_page.map.pins() == []
    window.open_locator()
    settle()
    assert not control(screen, "PTSD").isChecked()
    assert control(screen, "50 mi").isChecked()
    assert control(screen, "All").isChecked()


def test_idle_reset_leaves_no_zip_or_clinic_in_any_widget(qtbot, locator):
    """Hidden labels once kept "within 50 miles of 10001" and a clinic's address and phone."""
    window, screen = locator
    search_zip(qtbot, screen, "10001")
    row, clinic = clinic_rows(screen)[0]
    tap_row(qtbot, screen, row)
    held = "\n".join(all_texts(window))
    for secret in ("10001", clinic.phone, clinic.address, clinic.name):
        assert secret in held  # the check below can fail
    window.reset_session()
    settle()
    held = "\n".join(all_texts(window))
    for secret in ("10001", clinic.phone, clinic.address, clinic.name):
        assert secret not in held, secret
    assert screen.detail_page.qr.text() == ""
    assert screen.model.rowCount() == 0


def test_language_switch_keeps_results_in_spanish(qtbot, locator):
    window, screen = locator
    search_zip(qtbot, screen, "10001")
    before = [c.id for _, c in clinic_rows(screen)]
    row, clinic = clinic_rows(screen)[0]
    tap(qtbot, window, "Language")
    assert window.current_screen() is screen
    assert screen.page() == "results"
    assert [c.id for _, c in clinic_rows(screen)] == before
    distance = screen.model.index(row).data(Qt.ItemDataRole.AccessibleTextRole)
    assert locale().toString(clinic.distance_miles, "f", 1) + " mi" in distance
    assert "Clínicas a menos de 50 millas de 10001" in screen.results_page.summary.text()
    assert control(screen, "Nueva búsqueda")
    assert "Datos de ejemplo" in screen.demo_banner()
    tap_row(qtbot, screen, row)
    assert any(w.text().startswith("Última verificación: ") for w in
               screen.detail_page.findChildren(type(screen.detail_page.name)))
    tap(qtbot, screen, "Volver a los resultados")
    assert screen.page() == "results"


def test_map_pin_tap_opens_detail(qtbot, locator):
    _, screen = locator
    search_zip(qtbot, screen, "60601")
    usmap = screen.results_page.map
    assert usmap.isVisible()
    pins = usmap.pins()
    assert pins and [p.number for p in pins] == list(range(1, len(pins) + 1))
    target = pins[2]
    # Pins 1-10 share downtown Chicago: a tap on their cluster zooms in until pin 3 stands alone.
    for _ in range(6):
        pos = usmap.pin_position(target.number)
        if usmap.cluster_at(pos) is None:
            break
        qtbot.mouseClick(usmap, Qt.MouseButton.LeftButton, pos=pos)
        settle()
        assert screen.page() == "results"
    pos = usmap.pin_position(target.number)
    # A tap a little off the pin's centre still counts (hit radius >= 24 px).
    off = QPoint(pos.x() + 6, pos.y() - 6)
    assert usmap.pin_at(off) is not None
    qtbot.mouseClick(usmap, Qt.MouseButton.LeftButton, pos=pos)
    settle()
    assert screen.page() == "detail"
    assert screen.detail_clinic().id == target.clinic.id


def test_stats_count_kind_only_and_never_break_a_search(qtbot, make_window):
    class Stats:
        def __init__(self):
            self.calls = []

        def count(self, event, key=""):
            self.calls.append((event, key))
            raise ValueError("refused")

    window = make_window()
    window.stats = Stats()
    screen = open_locator(qtbot, window)
    screen.stats = window.stats
    search_zip(qtbot, screen, "10001")
    assert screen.page() == "results"
    assert ("search", "zip-both") in window.stats.calls
    assert all("10001" not in key and "NY" not in key for _, key in window.stats.calls)


def test_condition_chips_follow_the_core_order():
    assert tuple(CONDITION_LABELS) == CONDITIONS


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920), (1280, 800)])
def test_every_visible_button_is_touch_sized_and_named(qtbot, make_window, size):
    window = make_window(size=size)
    screen = open_locator(qtbot, window)
    minimum = min_target_px(window.screen())

    def check(where: str) -> None:
        settle()
        buttons = [b for b in window.findChildren(QAbstractButton) if b.isVisible()]
        small = [(b.accessibleName(), b.width(), b.height()) for b in buttons
                 if b.width() < minimum or b.height() < minimum]
        assert not small, f"{size} {where}: controls under {minimum}px: {small}"
        assert all(b.accessibleName() for b in buttons), where
        # No sideways scrolling, and nothing wider than the window.
        for b in buttons:
            right = b.mapTo(window, QPoint(b.width(), 0)).x()
            assert right <= size[0], (where, b.accessibleName(), right)

    check("search")
    tap(qtbot, screen, "Choose your state")
    check("states")
    tap(qtbot, screen, "Back to search")
    search_zip(qtbot, screen, "10001")
    check("results")
    tap_row(qtbot, screen, clinic_rows(screen)[0][0])
    check("detail")


def test_reload_reopens_the_directory(qtbot, locator):
    window, screen = locator
    search_zip(qtbot, screen, "10001")
    old = screen.directory
    screen.reload()
    assert screen.page() == "loading"
    qtbot.waitUntil(lambda: screen.is_loaded() and screen.directory is not old, timeout=5000)
    assert screen.page() == "search"
    assert screen.model.rowCount() == 0


def test_qr_made_ahead_is_the_card_of_the_clinic_opened(qtbot, locator):
    """QR codes of the rows on screen are made on a worker while the list is read."""
    _, screen = locator
    search_zip(qtbot, screen, "10001")
    qtbot.waitUntil(screen.codes_ready, timeout=10_000)
    row, clinic = clinic_rows(screen)[1]
    tap_row(qtbot, screen, row)
    card = screen.detail_page.qr.text()
    assert f"FN:{clinic.name}" in card
    assert screen.detail_page.qr.code().matrix == segno.make_qr(card, error="m").matrix
