"""The finder on the new directory: three sections with counts, where each listing came from,
the take-home list and its QR, chips only for data the directory has, the state grid,
hostile text shown as text, and the idle reset forgetting all of it."""

from __future__ import annotations

import csv

import pytest
import segno
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel

from kiosk.locator.importer import ALL_COLUMNS
from kiosk.ui.models import (
    HEADER_AT_HOME,
    HEADER_OUTPATIENT,
    HEADER_THERAPY,
    HEADERS,
    MarkedRole,
    RowKindRole,
    SourceRole,
)
from kiosk.ui.screens.locator.rules_ui import take_home_text
from tests.ui_helpers import (
    all_texts,
    clinic_rows,
    control,
    controls,
    open_finder,
    search_zip,
    settings_for,
    settle,
    tap,
    tap_row,
)


@pytest.fixture
def make_window(open_window, tmp_path):
    def make(extra: str = "", size=(1280, 800)):
        return open_window(settings_for(tmp_path, extra), size=size, fixed=True)

    return make


@pytest.fixture
def locator(qtbot, make_window):
    window = make_window()
    return window, open_finder(qtbot, window)


def sections_of(screen) -> list[tuple[str, str, list]]:
    """(header kind, header text, clinics under it) in list order."""
    model = screen.model
    out: list[tuple[str, str, list]] = []
    for r in range(model.rowCount()):
        index = model.index(r)
        if index.data(RowKindRole) in HEADERS:
            out.append((index.data(RowKindRole), index.data(), []))
        else:
            out[-1][2].append(index.data(Qt.ItemDataRole.UserRole + 1))
    return out


def tap_mark(qtbot, screen, row: int) -> None:
    """Tap the "Take with you" toggle painted in a result row."""
    page = screen.results_page
    rect = page.row_rect(row)
    toggle = page.delegate.mark_rect(rect, screen.model.index(row))
    assert toggle.height() >= 48 and toggle.width() >= 48
    qtbot.mouseClick(page.list.viewport(), Qt.MouseButton.LeftButton, pos=toggle.center())
    settle()


def test_three_sections_with_their_own_counts(qtbot, locator):
    _, screen = locator
    search_zip(qtbot, screen, "10001")
    found = sections_of(screen)
    assert [kind for kind, _, _ in found] == [HEADER_OUTPATIENT, HEADER_AT_HOME, HEADER_THERAPY]
    for kind, text, clinics in found:
        expected = {HEADER_OUTPATIENT: "outpatient", HEADER_AT_HOME: "at_home",
                    HEADER_THERAPY: "therapy"}[kind]
        assert clinics and all(c.kind == expected for c in clinics)
        assert text.endswith(f"({len(clinics)})"), text
    assert found[0][1].startswith("Clinics you can visit")
    assert found[2][1].startswith("Other PTSD care near you")
    # The FDA's caution, in one calm line under the at-home header.
    at_home = next(r for r in range(screen.model.rowCount())
                   if screen.model.index(r).data(RowKindRole) == HEADER_AT_HOME)
    note = screen.model.index(at_home).data(Qt.ItemDataRole.UserRole + 12)
    assert "FDA" in note and "not FDA-approved" in note and "no one monitors you" in note
    # Therapy is nearest first too, and numbered on the map after the clinics to visit.
    therapy = found[2][2]
    assert [c.distance_miles for c in therapy] == sorted(c.distance_miles for c in therapy)
    numbers = [p.number for p in screen.results_page.map.pins()]
    assert numbers == list(range(1, len(found[0][2]) + len(therapy) + 1))


def test_each_result_says_where_it_came_from_and_to_call_first(qtbot, locator):
    _, screen = locator
    search_zip(qtbot, screen, "10001")
    row, clinic = clinic_rows(screen)[0]
    line = screen.model.index(row).data(SourceRole)
    assert line == "From Sample data (fictional), January 2025. Call to confirm before you go."
    tap_row(qtbot, screen, row)
    assert screen.page() == "detail"
    assert screen.detail_page.source.text() == line
    assert screen.detail_page.source.isVisible()


def test_spanish_source_line_and_state_names(qtbot, locator):
    window, screen = locator
    tap(qtbot, window, "Language")
    search_zip(qtbot, screen, "10001")
    row, _ = clinic_rows(screen)[0]
    assert screen.model.index(row).data(SourceRole) == (
        "Fuente: Sample data (fictional), enero de 2025. Llame para confirmar antes de ir.")
    kinds = [text for _, text, _ in sections_of(screen)]
    assert kinds[1].startswith("Atención en casa en Nueva York (")
    tap(qtbot, screen, "Nueva búsqueda")
    tap(qtbot, screen, "Elija su estado")
    for name in ("Nueva York", "Carolina del Norte", "Pensilvania", "Luisiana", "Misuri", "Hawái",
                 "Nuevo México", "Dakota del Sur", "Dakota del Norte", "Virginia Occidental",
                 "Puerto Rico", "Distrito de Columbia"):
        assert len(controls(screen, name)) == 1, name
    names = [b.accessibleName() for b in screen.states_page.buttons]
    # Sorted in Spanish: Carolina del Norte among the Cs, Nueva York among the Ns.
    assert names.index("Carolina del Norte") < names.index("Colorado")
    assert names.index("Nueva York") > names.index("Nevada")
    tap(qtbot, screen, "Nueva York")
    assert "Nueva York" in screen.results_page.summary.text()


def test_state_grid_is_regular_and_stays_put_across_text_steps(qtbot, make_window):
    window = make_window(size=(1920, 1080))
    screen = open_finder(qtbot, window)
    tap(qtbot, screen, "Choose your state")
    page = screen.states_page
    grid = page.grid

    def cells():
        settle()
        return {b.code: grid.getItemPosition(grid.indexOf(b))[:2] for b in page.buttons}

    before = cells()
    sizes = {(b.width(), b.height()) for b in page.buttons}
    widths = {w for w, _ in sizes}
    assert max(widths) - min(widths) <= 1 and len({h for _, h in sizes}) == 1, sizes
    assert page.columns() == 5
    rows = {}
    for row, col in before.values():
        rows.setdefault(row, []).append(col)
    assert all(sorted(cols) == list(range(len(cols))) for cols in rows.values())
    for _ in range(3):
        tap(qtbot, window, "Text size")
        assert cells() == before
        heights = {b.height() for b in page.buttons}
        assert len(heights) == 1
        # Long names wrap inside their cell: no name is cut.
        for b in page.buttons:
            inner = b.rect().marginsRemoved(b.MARGINS)
            words = QFontMetrics(b.label_font()).boundingRect(
                QRect(0, 0, inner.width(), 10_000), b.FLAGS, b.label_text())
            assert words.height() <= inner.height() and words.width() <= inner.width(), b.code


def test_marks_take_home_qr_and_reset(qtbot, locator):
    window, screen = locator
    search_zip(qtbot, screen, "10001")
    rows = clinic_rows(screen)
    at_home = next((r, c) for r, c in rows if c.kind == "at_home")
    picked = [rows[0], rows[1], at_home]
    counter = screen.results_page.marks
    assert counter.text() == "Your list: 0 of 3"
    for i, (row, _) in enumerate(picked, 1):
        tap_mark(qtbot, screen, row)
        assert screen.page() == "results"  # the toggle, not the row: no detail opened
        assert counter.text() == f"Your list: {i} of 3"
        assert screen.model.index(row).data(MarkedRole)
    # A fourth mark does nothing: the list holds three.
    tap_mark(qtbot, screen, rows[2][0])
    assert [c.id for c in screen.marked()] == [c.id for _, c in picked]
    # Tapping a marked toggle takes it off; tapping again puts it back.
    tap_mark(qtbot, screen, rows[1][0])
    assert counter.text() == "Your list: 2 of 3"
    tap_mark(qtbot, screen, rows[1][0])
    # On the detail page the toggle says it is on the list.
    tap_row(qtbot, screen, rows[0][0])
    assert control(screen, "On your list: tap to remove").isChecked()
    tap(qtbot, screen, "Back to results")

    tap(qtbot, screen, "Your list: 3 of 3")
    assert screen.page() == "take_home"
    payload = screen.take_home_page.qr.text()
    marked = screen.marked()
    assert payload == take_home_text(marked)
    assert not payload.startswith("BEGIN:")  # plain text: a camera shows it as it is
    for clinic in marked:
        assert clinic.name in payload and clinic.phone in payload
        if clinic.located:
            assert clinic.address in payload and clinic.zip in payload
    assert "988" in payload.splitlines()[-1]
    code = screen.take_home_page.qr.code()
    assert not code.is_micro
    assert code.matrix == segno.make_qr(payload, error="m").matrix
    # Remove from the take-home page; the QR follows.
    gone = marked[0]
    tap(qtbot, screen, f"Remove {gone.name}")
    assert gone.name not in screen.take_home_page.qr.text()
    assert len(screen.marked()) == 2

    held = "\n".join(all_texts(window))
    assert marked[1].name in held and marked[1].phone in held
    window.reset_session()
    settle()
    assert screen.marked() == []
    assert screen.take_home_page.qr.text() == "" and screen.take_home_page.qr.code() is None
    held = "\n".join(all_texts(window))
    for clinic in marked:
        for secret in (clinic.name, clinic.phone):
            assert secret not in held, secret
    assert "10001" not in held
    window.open_locator()
    settle()
    search_zip(qtbot, screen, "10001")
    assert screen.results_page.marks.text() == "Your list: 0 of 3"
    assert not any(screen.model.index(r).data(MarkedRole) for r, _ in clinic_rows(screen))


def test_take_home_payload_is_plain_text_with_988():
    from kiosk.locator import Clinic

    visit = Clinic("a", "Clinic <b>One</b>", "outpatient", "1 Main St, Suite 2", "Albany", "NY",
                   "12207", "(518) 555-0100", "", ("ptsd",), (), (), 42.65, -73.75, None, ())
    home = Clinic("b", "Home Care", "at_home", "", "", "", "", "(212) 555-0101", "", ("ptsd",),
                  ("ALL",), (), float("nan"), float("nan"), None, ())
    text = take_home_text([visit, home])
    assert text.splitlines() == [
        "Clinics to call", "",
        "1. Clinic <b>One</b>", "(518) 555-0100", "1 Main St, Suite 2, Albany, NY 12207", "",
        "2. Home Care", "(212) 555-0101", "Care at home", "",
        "Call to confirm before you go.", "",
        "In crisis or thinking of suicide: call or text 988 (free, 24/7).",
    ]


HOSTILE_NAME = '<img src="file:///etc/passwd"><b>Bold</b> Clinic'
HOSTILE_ADDRESS = '<b>1</b> <a href="x">Main</a> St'


def write_csv(path, rows: list[dict[str, str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, ALL_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in ALL_COLUMNS})


def base_row(**values: str) -> dict[str, str]:
    row = {"id": "h1", "name": "Plain Clinic", "kind": "outpatient", "address": "5 Elm St",
           "city": "New York", "state": "NY", "zip": "10001", "phone": "(212) 555-0100",
           "website": "", "conditions": "ptsd"}
    row.update(values)
    return row


def test_markup_in_every_field_shows_as_text(qtbot, make_window, tmp_path):
    src = tmp_path / "hostile.csv"
    write_csv(src, [base_row(name=HOSTILE_NAME, address=HOSTILE_ADDRESS,
                             city="<i>Town</i>", source="<b>Src</b>", source_date="2025-02-01")])
    window = make_window(f"[locator]\nclinics = '{src}'\n")
    screen = open_finder(qtbot, window)
    search_zip(qtbot, screen, "10001")
    row, clinic = clinic_rows(screen)[0]
    assert clinic.name == HOSTILE_NAME
    tap_mark(qtbot, screen, row)
    tap_row(qtbot, screen, row)
    settle()
    shown = [w for w in window.findChildren(QLabel) if "<" in w.text()]
    assert shown, "the hostile text is on show somewhere"
    for label in shown:
        assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
    assert screen.detail_page.name.text() == HOSTILE_NAME
    assert screen.detail_page.source.text().startswith("From <b>Src</b>, February 2025")
    tap(qtbot, screen, "Back to results")
    tap(qtbot, screen, "Your list: 1 of 3")
    labels = [w for w in screen.take_home_page.findChildren(QLabel) if "<" in w.text()]
    assert {w.text() for w in labels} >= {HOSTILE_NAME}
    assert all(w.textFormat() == Qt.TextFormat.PlainText for w in labels)


def test_payment_and_language_chips_only_with_data(qtbot, make_window, tmp_path):
    window = make_window()
    screen = open_finder(qtbot, window)
    assert control(screen, "Medicaid").isVisible()
    assert control(screen, "Español").isVisible()
    assert control(screen, "Other PTSD care").isVisible()
    window.dispose()

    src = tmp_path / "bare.csv"
    write_csv(src, [base_row(), base_row(id="h2", name="Second", languages="en")])
    window = make_window(f"[locator]\nclinics = '{src}'\n")
    screen = open_finder(qtbot, window)
    page = screen.search_page
    assert not page.payment.box.isVisible() and not page.languages.box.isVisible()
    assert not page.flags.box.isVisible()
    assert not page.kind_chips["therapy"].isVisible()
    visible = {b.accessibleName() for b in page.findChildren(type(page.here_button))
               if b.isVisible()}
    assert not visible & {"Medicaid", "English", "Video visits", "For veterans", "Other PTSD care"}
    assert screen.filters.payment == () and screen.filters.languages == ()


def test_payment_and_language_chips_narrow_the_search(qtbot, locator):
    _, screen = locator
    tap(qtbot, screen, "Medicaid")
    tap(qtbot, screen, "Español")
    search_zip(qtbot, screen, "10001")
    rows = clinic_rows(screen)
    assert rows
    assert all("medicaid" in c.payment and "es" in c.languages for _, c in rows)


def test_host_badge_only_near_home_zip(qtbot, make_window):
    # Mirrenmoor is in Great Neck (11020); a home ZIP in California is far from it.
    window = make_window("[locator]\nhost_clinic_id = 'demo-0001'\nhome_zip = '94103'\n")
    screen = open_finder(qtbot, window)
    search_zip(qtbot, screen, "10001")
    row, first = clinic_rows(screen)[0]
    assert first.id == "demo-0001"  # still first in its section
    assert "This clinic" not in screen.model.index(row).data(Qt.ItemDataRole.AccessibleTextRole)
    tap_row(qtbot, screen, row)
    assert not screen.detail_page.here.isVisible()


def test_cluster_tap_zooms_and_brings_its_clinics_into_the_list(qtbot, locator):
    _, screen = locator
    search_zip(qtbot, screen, "60601")
    usmap = screen.results_page.map
    cluster = next(c for c in usmap.clusters() if len(c) > 1)
    pos = usmap.pin_position(cluster[0])
    qtbot.mouseClick(usmap, Qt.MouseButton.LeftButton, pos=pos)
    settle()
    assert usmap.is_zoomed_in()
    first = min(n for mark in usmap.clusters() for n in mark)
    view = screen.results_page.list
    row = next(r for r in range(screen.model.rowCount())
               if screen.model.index(r).data(Qt.ItemDataRole.UserRole + 3) == first)
    rect = view.visualRect(screen.model.index(row))
    assert view.viewport().rect().contains(QPoint(rect.center().x(), rect.top() + 4))


@pytest.mark.parametrize("size", [(1080, 1920), (1280, 800)])
def test_rows_are_measured_at_the_width_they_are_painted(qtbot, make_window, size):
    """A row measured wider than it is painted wraps one line more when painted: cut text."""
    from PySide6.QtWidgets import QStyleOptionViewItem

    window = make_window(size=size)
    screen = open_finder(qtbot, window)
    for _ in range(2):
        tap(qtbot, window, "Text size")
    search_zip(qtbot, screen, "10001")
    view, delegate = screen.results_page.list, screen.results_page.delegate
    # QListView paints each row of a vertical list at the viewport's width less its
    # spacing on both sides, whatever width sizeHint gave (QListView::paintEvent).
    painted = view.viewport().width() - 2 * view.spacing()
    for row in range(screen.model.rowCount()):
        index = screen.model.index(row)
        measured = delegate.sizeHint(QStyleOptionViewItem(), index)
        assert measured.width() == painted, (row, measured, painted)
        assert view.visualRect(index).height() == measured.height(), row


@pytest.mark.parametrize("size, beside", [((1920, 1080), True), ((1280, 800), True),
                                          ((1080, 1920), False)])
def test_search_page_uses_the_width(qtbot, make_window, size, beside):
    """Landscape: keypad, filters and "how this works" side by side; portrait: one column."""
    window = make_window(size=size)
    screen = open_finder(qtbot, window)
    page = screen.search_page
    settle()

    def box(widget):
        top_left = widget.mapTo(window, QPoint(0, 0))
        return top_left.x(), top_left.y(), widget.width(), widget.height()

    kx, ky, kw, _ = box(page.keypad)
    fx, fy, fw, _ = box(page.radius.box)
    hx, hy, hw, hh = box(page.how)
    assert hh > 0 and page.how.isVisible()
    if beside:
        assert kx + kw <= fx and fx + fw <= hx, (box(page.keypad), box(page.radius.box), box(page.how))
        assert hy < ky + 200  # the three columns start at the top together
    else:
        assert fy > ky and hy > fy and abs(hx - kx) < 40  # one column: keypad, filters, how
    # The largest text on 1280x800 has no room for three readable columns: it goes under.
    if size == (1280, 800):
        for _ in range(2):
            tap(qtbot, window, "Text size")
        settle()
        hx2, hy2, _, _ = box(page.how)
        fx2, fy2, _, _ = box(page.radius.box)
        assert abs(hx2 - fx2) < 4 and hy2 > fy2
