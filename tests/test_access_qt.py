"""Qt accessibility (AT-SPI, Orca): every visible control on every screen has a name, role and state."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QTextBrowser, QWidget

from tests.access_helpers import Keys, recording_voice  # noqa: F401 (fixture)
from tests.test_access_journeys import go_to
from tests.ui_helpers import settings_for, settle

T = QAccessible.Text
R = QAccessible.Role

PLACES = ["home", "page", "list", "warning", "help", "hidden", "staff", "error",
          "locator-search", "locator-states", "locator-results", "locator-detail"]


def controls(root: QWidget) -> list[QWidget]:
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, (QAbstractButton, QAbstractItemView, QTextBrowser)) or \
                widget.objectName() == "Card":
            found.append(widget)
    return found


@pytest.fixture
def keys(qtbot, open_window, tmp_path, recording_voice):  # noqa: F811
    return Keys(qtbot, open_window(settings_for(tmp_path)))


def show(keys: Keys, place: str) -> None:
    window = keys.window
    if place == "list":
        window.open_page("symptoms")
        window.reader.accept_warning()
    else:
        go_to(keys, place)
    settle()


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("place", PLACES)
def test_every_visible_control_exposes_name_role_and_state(keys, place, lang):
    window = keys.window
    if lang == "es":
        window.state.set_language("es")
    show(keys, place)
    found = controls(window)
    assert found, place
    for widget in found:
        iface = QAccessible.queryAccessibleInterface(widget)
        assert iface is not None and iface.isValid(), widget
        name = iface.text(T.Name)
        assert name.strip(), f"{place}: {widget!r} has no accessible name"
        role = iface.role()
        state = iface.state()
        if isinstance(widget, QAbstractButton):
            assert role in (R.PushButton, R.CheckBox, R.RadioButton), (place, name, role)
            assert state.disabled == (not widget.isEnabled()), name
            if widget.isCheckable():
                assert state.checkable and state.checked == widget.isChecked(), name
        elif isinstance(widget, QAbstractItemView):
            assert role in (R.List, R.Table, R.Tree), (place, name, role)
        elif widget.objectName() == "Card":
            # A card says what it holds: its name and its text.
            assert iface.text(T.Description).strip(), (place, name)
        assert not state.invisible, name


def test_result_rows_expose_their_text(keys):
    window = keys.window
    go_to(keys, "locator-results")
    view = window.locator.results_page.list
    iface = QAccessible.queryAccessibleInterface(view)
    model = view.model()
    assert iface.childCount() >= model.rowCount() > 3
    texts = [iface.child(i).text(T.Name) for i in range(iface.childCount())]
    for row, clinic in enumerate(r.clinic for r in window.locator.model.rows()):
        if clinic is not None:
            distance = "mi" if clinic.kind == "outpatient" else ""
            assert any(t.startswith(clinic.name) and distance in t for t in texts), clinic.name
            assert row < iface.childCount()


def test_list_cards_expose_their_text(keys):
    window = keys.window
    show(keys, "list")
    cards = [w for w in controls(window) if w.objectName() == "Card"]
    assert [c.accessibleName() for c in cards] == ["Flashbacks", "Nightmares"]
    iface = QAccessible.queryAccessibleInterface(cards[0])
    assert iface.text(T.Name) == "Flashbacks"
    assert iface.text(T.Description) == "Like it is happening again."


@pytest.mark.parametrize("place", PLACES)
def test_focus_order_is_bar_then_content_then_page_controls(keys, place):
    from kiosk.ui.access.focus import reading_order

    window = keys.window
    show(keys, place)
    order = reading_order(window)
    in_bar = [window.bar.isAncestorOf(w) for w in order]
    assert order, place
    # The bar first (when it is shown), then the screen: never back into the bar.
    assert in_bar == sorted(in_bar, reverse=True), place
    names = [w.accessibleName() for w in order if not window.bar.isAncestorOf(w)]
    if place in ("page", "list"):
        # The page's text (or its cards) first, then Previous / Listen / Next.
        first = names.index("Page text") if "Page text" in names else 0
        assert names[-1] in ("Previous", "Listen", "Next") and names.index("Previous") > first, names
    if place == "locator-results":
        assert names[0] == "New search" and "Search results" in names
    if place == "locator-detail":
        assert names[0] == "Back to results" and names[-1] == "QR code"
    if place == "warning":
        assert names.index("Go back") < names.index("Continue") < names.index("Previous")


def _name(widget: QWidget) -> str:
    return QAccessible.queryAccessibleInterface(widget).text(T.Name)


def test_names_follow_the_language_after_a_switch(keys):
    """Widgets named in English when built are named in Spanish after a switch, and back."""
    window = keys.window
    go_to(keys, "locator-search")  # builds the finder and its keypad in English
    window.open_page("causes")  # the reader, built in English
    window.open_help()
    window.quick_hide()
    go_to(keys, "error")
    window.go_home()
    settle()
    reader, locator, keypad = window.reader, window.locator, window.locator.search_page.keypad
    browser = reader.findChild(QTextBrowser)
    display = next(w for w in keypad.findChildren(QWidget) if w.accessibleName() == "Entered digits")
    expected = {window.home: ("Home screen", "Pantalla de inicio"),
                reader: ("Reader", "Lector de páginas"),
                browser: ("Page text", "Texto de la página"),
                locator: ("Clinic finder screen", "Pantalla del buscador de clínicas"),
                window.help: ("Get help now screen", "Pantalla de Ayuda ahora"),
                window.screens["hidden"]: ("Quick hide screen", "Pantalla de ocultar rápido"),
                display: ("Entered digits", "Dígitos escritos"),
                window: ("Kiosk", "Quiosco"),
                window.screens["error"]: ("Error screen", "Pantalla de error"),
                reader.definition: ("Definition", "Definición")}
    assert {w: _name(w) for w in expected} == {w: en for w, (en, _es) in expected.items()}
    window.state.set_language("es")
    settle()
    assert {w: _name(w) for w in expected} == {w: es for w, (_en, es) in expected.items()}
    window.state.set_language("en")
    settle()
    assert {w: _name(w) for w in expected} == {w: en for w, (en, _es) in expected.items()}
