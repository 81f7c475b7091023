"""The staff side: the corner hold, the PIN pad with its lasting lockout, the staff dashboard."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QScrollArea

from kiosk.pin import StaffLockout, hash_pin
from kiosk.ui import i18n
from tests.ui_helpers import (
    control,
    controls,
    hold_corner,
    settings_for,
    settle,
    shorten_timers,
    shows,
    tap,
    touch_device,
)

PIN = "2468"
PIN_HASH = hash_pin(PIN)
# The corner is 72 px square; the bar's Home button covers most of it.
CORNER_POINTS = [QPoint(1, 1), QPoint(10, 10), QPoint(30, 30), QPoint(70, 4), QPoint(4, 70),
                 QPoint(70, 70)]


@pytest.fixture
def make_window(open_window, tmp_path):
    def make(extra: str = "", windowed: bool = True, size=(1280, 800)):
        return open_window(settings_for(tmp_path, extra), windowed=windowed, size=size)

    return make


def with_pin(extra: str = "") -> str:
    return f"[staff]\npin_hash = '{PIN_HASH}'\n{extra}"


def enter_pin(qtbot, window, pin: str) -> None:
    """Type ``pin`` and OK, then wait for the worker's answer."""
    for digit in pin:
        tap(qtbot, window.pin_pad, digit)
    tap(qtbot, window.pin_pad, "OK")
    qtbot.waitUntil(lambda: not window.pin_pad.checking(), timeout=10_000)
    settle()


# --- the corner hold ------------------------------------------------------------------------


@pytest.mark.parametrize("point", CORNER_POINTS, ids=lambda p: f"{p.x()},{p.y()}")
def test_a_mouse_hold_anywhere_in_the_corner_opens_staff_and_the_release_taps_nothing(
        qtbot, make_window, point):
    window = make_window()  # windowed, no PIN: the hold opens the staff screen itself
    shorten_timers(window, corner_hold_ms=80)
    under = window.childAt(point)
    hold_corner(qtbot, window, 250, point)
    assert window.current_screen() is window.staff, f"hold at {point} (on {under})"


def test_the_hold_on_the_home_button_does_not_click_it(qtbot, make_window):
    window = make_window()
    shorten_timers(window, corner_hold_ms=80)
    home = control(window.bar, "Home")
    on_home = QPoint(30, 30)
    assert home.geometry().contains(home.parentWidget().mapFrom(window, on_home))
    clicks: list[bool] = []
    home.clicked.connect(lambda: clicks.append(True))
    hold_corner(qtbot, window, 250, on_home)
    assert window.current_screen() is window.staff
    assert not clicks
    assert not home.isDown()
    # The next tap on Home is an ordinary tap again.
    window.go_home()
    settle()
    tap(qtbot, window.bar, "Home")
    assert clicks == [True]


@pytest.mark.parametrize("point", CORNER_POINTS, ids=lambda p: f"{p.x()},{p.y()}")
def test_a_touch_hold_anywhere_in_the_corner_opens_staff(qtbot, make_window, point):
    from PySide6.QtTest import QTest

    window = make_window()
    shorten_timers(window, corner_hold_ms=80)
    device = touch_device()
    handle = window.windowHandle()  # as a touchscreen delivers: to the window, in its pixels
    QTest.touchEvent(handle, device).press(0, point).commit()
    qtbot.wait(250)
    QTest.touchEvent(handle, device).release(0, point).commit()
    settle()
    assert window.current_screen() is window.staff, f"touch hold at {point}"


def test_a_short_press_or_one_outside_the_corner_is_just_a_press(qtbot, make_window):
    window = make_window()
    shorten_timers(window, corner_hold_ms=150)
    hold_corner(qtbot, window, 30, QPoint(10, 10))
    assert window.current_screen() is not window.staff
    hold_corner(qtbot, window, 300, QPoint(120, 120))
    assert window.current_screen() is not window.staff


def test_with_a_pin_the_hold_opens_the_pad_and_the_release_leaves_it_open(qtbot, make_window):
    window = make_window(with_pin("exit_gesture_seconds = 2\n"))
    shorten_timers(window, corner_hold_ms=80)
    hold_corner(qtbot, window, 250, QPoint(10, 10))
    assert window.pin_pad.isVisible()
    assert window.current_screen() is window.home


def test_no_pin_hash_staff_only_in_windowed_mode(qtbot, make_window):
    fullscreen = make_window(windowed=False)
    shorten_timers(fullscreen, corner_hold_ms=50)
    hold_corner(qtbot, fullscreen, 200)
    assert fullscreen.current_screen() is fullscreen.home
    assert not fullscreen.pin_pad.isVisible()
    windowed = make_window(windowed=True)
    shorten_timers(windowed, corner_hold_ms=50)
    hold_corner(qtbot, windowed, 200)
    assert windowed.current_screen() is windowed.staff


# --- the PIN pad ----------------------------------------------------------------------------


def test_wrong_then_right_pin_checked_off_the_ui_thread(qtbot, make_window, monkeypatch):
    import kiosk.pin

    threads: list[threading.Thread] = []
    real = kiosk.pin.verify_pin

    def recording(pin: str, stored: str) -> bool:
        threads.append(threading.current_thread())
        return real(pin, stored)

    monkeypatch.setattr(kiosk.pin, "verify_pin", recording)
    window = make_window(with_pin())
    window.pin_pad.open()
    enter_pin(qtbot, window, "1111")
    assert window.pin_pad.isVisible()
    message = window.pin_pad.keypad.message
    assert "Wrong PIN" in message.text() and "4 tries left" in message.text()
    assert message.isVisible() and message.property("state") == "error"
    enter_pin(qtbot, window, PIN)
    assert window.current_screen() is window.staff
    assert len(threads) == 2
    assert all(thread is not threading.main_thread() for thread in threads)


def test_a_wrong_pin_message_does_not_move_the_keys(qtbot, make_window):
    window = make_window(with_pin(), size=(1280, 800))
    window.pin_pad.open()
    settle()
    before = {name: control(window.pin_pad, name).mapTo(window, QPoint(0, 0))
              for name in ("1", "0", "OK", "Cancel")}
    enter_pin(qtbot, window, "1111")
    after = {name: control(window.pin_pad, name).mapTo(window, QPoint(0, 0)) for name in before}
    assert before == after


def test_the_lockout_lengthens_and_survives_a_restart(qtbot, make_window, tmp_path):
    now = [1_000_000.0]
    folder = tmp_path / "data"
    window = make_window(with_pin())
    window.pin_pad.lockout = StaffLockout(folder, clock=lambda: now[0])
    window.pin_pad.open()
    for _ in range(5):
        enter_pin(qtbot, window, "9999")
    assert shows(window.pin_pad, "wait 60 seconds")
    assert not window.pin_pad.keypad.isEnabled()
    # A new kiosk process on the same data folder: still locked.
    again = make_window(with_pin())
    again.pin_pad.lockout = StaffLockout(folder, clock=lambda: now[0] + 30)
    again.pin_pad.open()
    assert shows(again.pin_pad, "wait 30 seconds")
    assert not again.pin_pad.keypad.isEnabled()
    # After the first lockout the next one lasts twice as long.
    now[0] += 61
    window.pin_pad.lockout = StaffLockout(folder, clock=lambda: now[0])
    window.pin_pad.open()
    assert window.pin_pad.keypad.isEnabled()
    for _ in range(5):
        enter_pin(qtbot, window, "9999")
    assert shows(window.pin_pad, "wait 120 seconds")
    now[0] += 121
    window.pin_pad.open()
    enter_pin(qtbot, window, PIN)
    assert window.current_screen() is window.staff


def test_the_window_keeps_the_lockout_in_the_data_folder(qtbot, make_window, tmp_path):
    window = make_window(with_pin())
    window.pin_pad.open()
    enter_pin(qtbot, window, "9999")
    assert (tmp_path / ".kiosk-data" / "staff_lockout.json").is_file()


def test_sign_in_failures_and_lockout_are_logged_never_the_pin(qtbot, make_window, caplog):
    caplog.set_level(logging.INFO, logger="kiosk.staff")
    window = make_window(with_pin())
    window.pin_pad.lockout = StaffLockout(None)
    window.pin_pad.open()
    enter_pin(qtbot, window, "13579")
    enter_pin(qtbot, window, PIN)
    window.go_home()
    window.pin_pad.open()
    for _ in range(5):
        enter_pin(qtbot, window, "97531")
    text = "\n".join(r.getMessage() for r in caplog.records if r.name == "kiosk.staff")
    assert "staff PIN wrong" in text and "staff sign-in" in text and "locked for 60 s" in text
    for secret in ("13579", "97531", PIN):
        assert all(secret not in r.getMessage() for r in caplog.records)


def test_the_pin_pad_speaks_the_staff_language(qtbot, make_window):
    window = make_window(with_pin("language = 'es'\n"))
    assert window.state.language == "en"  # the patient's language is untouched
    window.pin_pad.open()
    settle()
    assert shows(window.pin_pad, "PIN del personal")
    assert window.pin_pad.accessibleName() == "Teclado del PIN del personal"
    assert controls(window.pin_pad, "Borrar") and controls(window.pin_pad, "Cancelar")
    enter_pin(qtbot, window, "1111")
    assert shows(window.pin_pad, "PIN incorrecto")


# --- the staff screen -----------------------------------------------------------------------


def test_staff_screen_follows_the_staff_language_not_the_patients(qtbot, make_window):
    window = make_window("[staff]\nlanguage = 'es'\n")
    window.state.set_language("en")
    window.open_staff()
    settle()
    assert shows(window.staff, "Personal") and shows(window.staff, "Estado")
    assert controls(window.staff, "Salir del quiosco")
    assert window.staff.accessibleName() == "Pantalla del personal"
    review = window.staff.report.status("review")
    assert review.lines and all(line.endswith("(nunca revisada)") for line in review.lines)
    assert [w.accessibleName() for w in window.staff.findChildren(QScrollArea)] == [
        "Informe para el personal"]
    english_staff = make_window()
    english_staff.state.set_language("es")
    english_staff.open_staff()
    settle()
    assert shows(english_staff.staff, "Staff") and shows(english_staff.staff, "Status")
    assert controls(english_staff.staff, "Exit kiosk")
    # Names a screen reader hears follow the staff's language too, after the patient's switch.
    assert english_staff.staff.accessibleName() == "Staff screen"
    assert english_staff.pin_pad.accessibleName() == "Staff PIN pad"


def test_tr_for_gives_each_language_its_plurals(qapp):
    text = "%n pages await a clinician's review"
    assert i18n.tr_for("en", text, None, 1) == "1 page awaits a clinician's review"
    assert i18n.tr_for("en", text, None, 3) == "3 pages await a clinician's review"
    assert i18n.tr_for("es", text, None, 1).startswith("1 página espera")
    assert i18n.tr_for("es", text, None, 3).startswith("3 páginas esperan")


def test_status_rows_say_how_each_part_stands(qtbot, make_window):
    window = make_window()
    window.open_staff()
    qtbot.waitUntil(lambda: window.locator.is_loaded(), timeout=10_000)
    settle()
    report = window.staff.report
    keys = [status.key for status in report.statuses]
    for key in ("settings", "content", "review", "locator", "updates", "voice", "log"):
        assert key in keys, keys
    review = report.status("review")
    assert review.level == "attention"
    assert review.summary == "10 pages await a clinician's review"
    assert report.status("settings").level == "ok"
    badges = [w.text() for w in window.staff.findChildren(QLabel)
              if w.objectName() == "StaffBadge" and w.isVisible()]
    assert "OK" in badges and "Check" in badges  # said in words, not only colour


@pytest.mark.parametrize(("days", "flagged"), [(30, True), (3650, False)])
def test_old_listings_are_flagged(qtbot, make_window, days, flagged):
    window = make_window(f"[locator]\nstale_after_days = {days}\n")
    window.open_staff()
    qtbot.waitUntil(lambda: window.locator.is_loaded(), timeout=10_000)
    settle()
    if flagged:
        qtbot.waitUntil(lambda: "locator.stale_after_days" in window.staff.text(), timeout=10_000)
    else:
        qtbot.wait(300)
        settle()
        assert "locator.stale_after_days" not in window.staff.text()


def test_old_listings_are_flagged_in_the_staff_language(qtbot, make_window):
    window = make_window("[staff]\nlanguage = 'es'\n[locator]\nstale_after_days = 30\n")
    window.open_staff()
    qtbot.waitUntil(lambda: "locator.stale_after_days" in window.staff.text(), timeout=10_000)
    total = window.locator.directory.count_outpatient + window.locator.directory.count_at_home \
        + window.locator.directory.count_therapy
    line = next(line for line in window.staff.text().splitlines() if "stale_after_days" in line)
    assert line == (f"{total} de {total} fichas de clínicas se verificaron por última vez hace más "
                    "de 30 días (locator.stale_after_days); el directorio necesita una "
                    "actualización")


def test_the_listings_check_reads_its_own_connection_not_one_a_reload_closed(
        qtbot, make_window, caplog):
    """A reload closes the directory the staff screen handed to its check (the soak logged
    "Cannot operate on a closed database"): the check opens the file itself, on its worker."""
    from kiosk.locator import Directory

    caplog.set_level(logging.WARNING, logger="kiosk.staff")
    window = make_window("[locator]\nstale_after_days = 30\n")
    window.open_staff()
    qtbot.waitUntil(lambda: window.locator.is_loaded(), timeout=10_000)
    qtbot.waitUntil(lambda: "locator.stale_after_days" in window.staff.text(), timeout=10_000)
    window.staff.show_report(window.staff_dashboard())  # the flag gone, checked again below
    assert "locator.stale_after_days" not in window.staff.text()
    closed = Directory.open(window.locator.directory.path)
    closed.close()  # as the locator's reload closes the old directory while a check runs
    window.staff.check_listings(closed, window.settings.locator)
    qtbot.waitUntil(lambda: "locator.stale_after_days" in window.staff.text()
                    or any("not checked" in r.getMessage() for r in caplog.records), timeout=10_000)
    assert [r.getMessage() for r in caplog.records if "not checked" in r.getMessage()] == []
    assert "locator.stale_after_days" in window.staff.text()


def test_usage_is_a_table_with_small_counts_hidden(qtbot, make_window, tmp_path):
    from kiosk.stats import Stats
    from kiosk.ui.services import UsageCounter

    stats = Stats.open(tmp_path / "stats.sqlite", True, min_count=5)
    for _ in range(12):
        stats.count("page_view", "welcome")
        stats.end_session()
    stats.count("search", "zip")
    from kiosk.ui.app import build_window

    window = build_window(settings_for(tmp_path), size=(1920, 1080),
                          stats=UsageCounter(stats))
    qtbot.addWidget(window)
    window.show()
    window.open_staff()
    settle()
    usage = window.staff.report.usage
    assert usage is not None
    columns = list(usage.columns)
    today = usage.rows[0][1]
    assert today[columns.index("Pages read")] == "12"
    assert today[columns.index("Clinic searches")] == "fewer than 5"
    assert "{" not in window.staff.text()  # a table, not a Python dict
    window.dispose()
    stats.close()


def test_long_paths_are_elided_in_the_middle_and_shown_whole_on_a_tap(qtbot):
    from kiosk.ui.screens.staff import PathLabel

    path = "/var/lib/kiosk/" + "very-long-folder/" * 12 + "kiosk.log"
    label = PathLabel(path)
    qtbot.addWidget(label)
    label.resize(300, 40)
    label.show()
    settle()
    shown = label.shown_text()
    assert "…" in shown and shown.startswith("/var") and shown.endswith("kiosk.log")
    assert label.toolTip() == path
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton)
    assert label.shown_text() == path and label.wordWrap()
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton)
    assert "…" in label.shown_text()


def test_exit_asks_first_and_sits_apart_from_reload(qtbot, make_window):
    window = make_window(size=(1280, 800))
    window.open_staff()
    settle()
    exits: list[bool] = []
    window.staff.exit_requested.connect(lambda: exits.append(True))
    reload_button, exit_button = control(window.staff, "Reload content and data"), control(
        window.staff, "Exit kiosk")
    gap = exit_button.mapTo(window, QPoint(0, 0)).x() - reload_button.mapTo(
        window, QPoint(reload_button.width(), 0)).x()
    assert gap > 300, gap
    tap(qtbot, window.staff, "Exit kiosk")
    assert not exits and window.staff.confirming_exit()
    # A second tap where Exit kiosk was lands on Stay, never on Yes.
    exit_centre = exit_button.mapTo(window, exit_button.rect().center())
    stay = control(window.staff, "Stay in the kiosk")
    assert stay.geometry().contains(stay.parentWidget().mapFrom(window, exit_centre))
    tap(qtbot, window.staff, "Stay in the kiosk")
    assert not exits and not window.staff.confirming_exit()
    tap(qtbot, window.staff, "Exit kiosk")
    window.staff.show_report(window.staff_dashboard())  # a late refresh keeps the question open
    assert window.staff.confirming_exit()
    tap(qtbot, window.staff, "Yes, exit the kiosk")
    assert exits == [True]


def test_staff_screen_fits_at_every_size_and_largest_text(qtbot, make_window):
    from PySide6.QtWidgets import QAbstractButton

    for size in ((1920, 1080), (1080, 1920), (1280, 800)):
        window = make_window("[staff]\nlanguage = 'es'\n", size=size)
        window.setFixedSize(*size)
        while window.state.text_step < 2:
            window.state.cycle_text_step()
        window.open_staff()
        settle()
        for button in window.staff.findChildren(QAbstractButton):
            if button.isVisible():
                geometry = button.geometry().translated(button.parentWidget().mapTo(
                    window, QPoint(0, 0)))
                assert window.rect().contains(geometry), (size, button.accessibleName())
                assert button.width() >= button.sizeHint().width() - 1, button.accessibleName()


def test_pages_hidden_until_review_have_a_row_of_their_own(qtbot, open_window, tmp_path):
    settings = settings_for(tmp_path)
    window = open_window(settings._replace(content=settings.content._replace(show="reviewed")))
    window.open_staff()
    settle()
    hidden = window.staff.report.status("hidden")
    assert hidden is not None and hidden.title == 'Hidden from patients ([content] show = "reviewed")'
    assert hidden.summary.startswith("8 pages are hidden")  # Get help now always shows
    assert "en/welcome: Welcome (never reviewed)" in hidden.lines
    assert not [line for line in hidden.lines if "help-now" in line]
    sections = dict(window.staff_report())  # the plain-line report, every line in full
    assert len(sections["Clinical review"]) == 1 + 10
