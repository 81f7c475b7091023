"""Whole journeys with key events only (no mouse, no touch), heard through a recording voice."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication

from kiosk.ui import i18n
from kiosk.ui.speech import DEFAULT_VOLUME_STEP, RecordingBackend
from tests.access_helpers import KP, Keys, recording_voice  # noqa: F401 (fixture)
from tests.ui_helpers import settings_for, settle

K = Qt.Key


@pytest.fixture
def keys(qtbot, open_window, tmp_path, recording_voice):  # noqa: F811
    window = open_window(settings_for(tmp_path))
    yield Keys(qtbot, window)
    i18n.set_language("en")


def wait_for_finder(keys: Keys) -> None:
    keys.qtbot.waitUntil(lambda: keys.window.locator is not None and keys.window.locator.is_loaded(),
                         timeout=5000)
    settle()


def test_speech_mode_starts_and_stops_with_its_key(keys):
    said = keys.press(K.Key_F2)
    assert keys.access.speech_on
    assert said.startswith("Speech is on. Use the arrow keys to move and Enter to choose.")
    assert "Home screen" in said
    assert keys.press(K.Key_F2) == "Speech is off."
    assert not keys.access.speech_on
    # Off, nothing more is said.
    count = len(keys.spoken())
    keys.press(K.Key_Down)
    assert len(keys.spoken()) == count
    # The keypad's own key does the same.
    assert keys.press(K.Key_Plus, KP).startswith("Speech is on.")
    assert keys.press(K.Key_Plus, KP) == "Speech is off."


def test_any_keypad_key_starts_speech(keys):
    keys.keypad("8")
    assert keys.access.speech_on
    assert keys.last().startswith("Speech is on.")


def test_focus_changes_speak_name_role_and_state(keys):
    window = keys.window
    keys.press(K.Key_F2)
    # Up from the first tile goes back into the bar, in reading order.
    said = []
    for _ in range(8):
        said.append(keys.press(K.Key_Up))
    assert "Text size, button, step 1 of 3." in said
    assert "Home, button." in said
    while QApplication.focusWidget() is not window.bar.text_button:
        keys.press(K.Key_Down)
    assert keys.press(K.Key_Return) == "Text size, button, step 2 of 3."
    assert window.state.text_step == 1
    assert QApplication.focusWidget() is window.bar.text_button


def test_language_switch_by_keys_speaks_spanish(keys):
    window = keys.window
    keys.press(K.Key_F2)
    while QApplication.focusWidget() is not window.bar.language_button:
        keys.press(K.Key_Up)
    said = keys.press(K.Key_Return)
    assert window.state.language == "es"
    assert said == "Idioma, botón, English."
    backend = window.speaker.backend
    assert backend.spoken[-1][1] == "es"  # the Spanish voice
    assert keys.press(K.Key_F1).startswith("Ayuda ahora")


def test_read_a_page_to_the_end_part_by_part(keys):
    window = keys.window
    keys.press(K.Key_F2)
    # Down to the "Welcome" tile and open it.
    while QApplication.focusWidget().accessibleName() != "Welcome":
        keys.press(K.Key_Tab)  # one tile at a time (Down moves by row in the tile grid)
    said = keys.press(K.Key_Return)
    assert window.current.screen == "page" and window.current.page_id == "welcome"
    assert said.startswith("Welcome. Page 1 of 3.")
    parts = []
    while True:
        said = keys.press(K.Key_PageDown)
        if said == "End of the page.":
            break
        parts.append(said)
        assert len(parts) < 50
    assert parts == ["Hello. See the symptoms."]
    # Previous part goes back; Repeat says it again.
    assert keys.press(K.Key_PageUp) == "Hello. See the symptoms."
    assert keys.press(K.Key_F3) == "Hello. See the symptoms."
    assert keys.keypad("9") == "Welcome."
    assert keys.keypad("9") == "Start of the page."


def test_a_list_page_is_read_card_by_card_and_cards_take_the_focus(keys):
    window = keys.window
    keys.press(K.Key_F2)
    while QApplication.focusWidget().accessibleName() != "Symptoms":
        keys.press(K.Key_Tab)  # one tile at a time (Down moves by row in the tile grid)
    said = keys.press(K.Key_Return)
    assert said.startswith("A note before you read, This page talks about trauma.")
    assert keys.press(K.Key_Return).startswith("Symptoms. Page 2 of 3.")
    assert not window.reader.showing_warning()
    parts = [keys.press(K.Key_PageDown) for _ in range(5)]
    assert parts == ["Intro. Get help now.", "Common.", "Flashbacks, Like it is happening again.",
                     "Nightmares, Bad dreams.", "End of the page."]
    # The introduction's link first, then the cards as items: down moves from one to
    # the next, and the ring follows.
    assert "Intro." in QApplication.focusWidget().text()
    assert keys.press(K.Key_Down) == "Flashbacks, Like it is happening again."
    focus = QApplication.focusWidget()
    assert focus.objectName() == "Card" and focus.accessibleName() == "Flashbacks"
    assert keys.press(K.Key_Down) == "Nightmares, Bad dreams."
    assert keys.access.ring.isVisible()


def test_find_a_clinic_by_zip_and_hear_its_phone_number(keys):
    window = keys.window
    keys.press(K.Key_F2)
    assert QApplication.focusWidget().accessibleName() == "Find a clinic"
    keys.press(K.Key_Return)
    wait_for_finder(keys)
    assert window.locator.page() == "search"
    assert "Type the 5 numbers of a ZIP code" in keys.spoken()[-1]
    # Digits straight from the keyboard, each echoed; keypad digits too (NumLock on).
    assert keys.press(K.Key_1) == "one."
    assert keys.keypad("0") == "zero."
    assert keys.press(K.Key_Backspace) == "Deleted, one."
    echoes = [keys.press(getattr(K, f"Key_{d}")) for d in "0001"]
    assert echoes[-1] == "one zero zero zero one, Press Enter to search."
    keys.press(K.Key_Enter, KP)
    assert window.locator.page() == "results"
    found = keys.spoken()[-1]
    assert "Clinics within 50 miles of one zero zero zero one" in found
    assert "49 clinics found. Clinics you can visit: 42. Care at home in New York: 6. " \
        "Other PTSD care near you: 1." in found
    # Into the list: each result is name, distance and city, and its place in the list.
    said = keys.press(K.Key_Down)
    while not isinstance(QApplication.focusWidget(), type(window.locator.results_page.list)):
        said = keys.press(K.Key_Down)
    assert "miles" in said and " of " in said
    view = window.locator.results_page.list
    first = view.currentIndex().row()
    said = keys.press(K.Key_Down)
    assert view.currentIndex().row() > first
    clinic = view.currentIndex().data(Qt.ItemDataRole.UserRole + 1) or \
        window.locator.model.rows()[view.currentIndex().row()].clinic
    assert said.startswith(clinic.name)
    said = keys.press(K.Key_5, KP)  # NumLock on: 5 is select in the list
    assert window.locator.page() == "detail"
    digits = " ".join(i18n.tr(w) for w in ())  # noqa: F841 (documentation)
    assert clinic.name in said
    phone_words = _words(clinic.phone)
    assert phone_words in said, (phone_words, said)
    assert "QR code, Scan with your phone's camera to save this clinic." in said
    # Part by part, the phone number is its own part.
    parts = [keys.press(K.Key_PageDown) for _ in range(12)]
    assert any(p.startswith("Phone:") and phone_words in p for p in parts)
    # Back (keypad minus) returns to the results, then to the search.
    keys.press(K.Key_Minus, KP)
    assert window.locator.page() == "results"
    keys.press(K.Key_Backspace)
    assert window.locator.page() == "search"


def _words(phone: str) -> str:
    names = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
    digits = [d for d in phone if d.isdigit()]
    groups = [digits[:3], digits[3:6], digits[6:]]
    return ", ".join(" ".join(names[int(d)] for d in g) for g in groups)


def test_finder_in_spanish(keys):
    window = keys.window
    window.state.set_language("es")
    settle()
    keys.press(K.Key_F2)
    assert keys.last().startswith("Voz activada.")
    keys.press(K.Key_Return)
    wait_for_finder(keys)
    assert "Escriba los 5 números de un código postal" in keys.spoken()[-1]
    for d in "1000":
        keys.press(getattr(K, f"Key_{d}"))
    assert keys.press(K.Key_1) == "uno cero cero cero uno, Pulse Enter para buscar."
    keys.press(K.Key_Return)
    assert "Se encontraron 49 clínicas." in keys.spoken()[-1]  # 42 to visit, 6 at home, 1 other PTSD care
    assert all(lang == "es" for _, lang, *_ in window.speaker.backend.spoken[1:])


@pytest.mark.parametrize("where", ["home", "page", "warning", "locator-search", "locator-states",
                                   "locator-results", "locator-detail", "hidden", "staff",
                                   "error", "help"])
@pytest.mark.parametrize("key", [(K.Key_F1, Qt.KeyboardModifier.NoModifier), (K.Key_Period, KP),
                                 (K.Key_Delete, KP)])
def test_get_help_now_from_every_screen(keys, where, key):
    window = keys.window
    keys.press(K.Key_F2)
    go_to(keys, where)
    said = keys.press(*key)
    assert window.current.screen == "help", where
    assert said.startswith("Get help now"), said
    assert "nine eight eight" in said


def go_to(keys: Keys, where: str) -> None:
    window = keys.window
    if where == "home":
        return
    if where == "page":
        window.open_page("causes")
    elif where == "warning":
        window.open_page("symptoms")
        assert window.reader.showing_warning()
    elif where.startswith("locator"):
        window.open_locator()
        wait_for_finder(keys)
        locator = window.locator
        if where == "locator-states":
            locator.search_page.states_requested.emit()
        elif where in ("locator-results", "locator-detail"):
            locator.search_page.zip_submitted.emit("10001")
            if where == "locator-detail":
                keys.press(K.Key_Down, times=3)
                while not isinstance(QApplication.focusWidget(), type(locator.results_page.list)):
                    keys.press(K.Key_Down)
                keys.press(K.Key_Return)
        assert locator.page() == where.split("-")[1]
    elif where == "hidden":
        window.quick_hide()
        assert not window.bar.isVisible()
    elif where == "staff":
        window.open_staff()
    elif where == "error":
        for _ in range(3):  # three errors within a minute: the calm error screen
            try:
                raise RuntimeError("a test error")
            except RuntimeError as exc:
                window.handle_exception(type(exc), exc, exc.__traceback__)
        assert window.current_screen() is window.error_screen
    elif where == "help":
        window.open_help()
    settle()


def test_extend_the_idle_warning_ten_times(keys):
    window = keys.window
    keys.press(K.Key_F2)
    assert window.session.timeout_ms == 2 * window.settings.kiosk.idle_timeout_seconds * 1000
    for _ in range(10):
        window.speaker.backend.finish()  # the last words have been said
        window.session.idle.emit()  # the idle timer ran out
        settle()
        assert window.idle_overlay.isVisible()
        warning = keys.spoken()[-1]
        assert warning.startswith("Still there?") and "To have more time, press any key." in warning
        assert keys.press(K.Key_9) == "You have more time."
        assert not window.idle_overlay.isVisible()
        assert window.session.is_running()
    assert window.current.screen == "home"


def test_idle_reset_ends_speech_mode_and_forgets(keys):
    window = keys.window
    keys.press(K.Key_F2)
    keys.press(K.Key_F8)
    assert keys.last() == "Volume 4 of 5."
    keys.press(K.Key_F8, times=3)
    assert keys.last() == "Volume 5 of 5."
    assert window.speaker.volume_step() == 5
    assert keys.press(K.Key_Slash, KP) == "Volume 4 of 5."
    window.reset_session()
    settle()
    assert not keys.access.speech_on
    assert window.speaker.volume_step() == DEFAULT_VOLUME_STEP
    assert window.speaker.last() == ("", "")
    assert window.session.timeout_ms == window.settings.kiosk.idle_timeout_seconds * 1000


def test_any_key_interrupts_speech_at_once(keys):
    window = keys.window
    keys.press(K.Key_F2)
    backend = window.speaker.backend
    assert isinstance(backend, RecordingBackend) and backend.active
    count = len(keys.spoken())
    keys.press(K.Key_Shift)  # not mapped, and still it stops the voice
    assert not backend.active and len(keys.spoken()) == count


def test_privacy_blanks_the_screen_and_speech_goes_on(keys):
    window = keys.window
    keys.press(K.Key_F2)
    assert keys.press(K.Key_F6) == "The screen is off. Speech goes on."
    privacy = keys.access.privacy
    assert privacy.isVisible() and privacy.geometry() == window.rect()
    image = window.grab().toImage()
    assert image.pixelColor(window.width() // 2, window.height() // 2).name() == "#000000"
    # Keys still work under it, with speech.
    assert keys.press(K.Key_F1).startswith("Get help now")
    assert privacy.isVisible()
    assert keys.press(K.Key_End, KP) == "The screen is on."  # keypad 1, NumLock off
    assert not privacy.isVisible()


def test_keys_never_break_the_lockdown(qtbot, open_window, tmp_path, recording_voice):  # noqa: F811
    window = open_window(settings_for(tmp_path), windowed=False)
    keys = Keys(qtbot, window)
    keys.press(K.Key_Escape)
    keys.press(K.Key_F4, Qt.KeyboardModifier.AltModifier)
    keys.press(K.Key_Q, Qt.KeyboardModifier.ControlModifier)
    window.close()
    settle()
    assert window.isVisible()


def test_attract_screen_wakes_on_a_key_and_a_keypad_key_starts_speech(keys):
    window = keys.window
    window.reset_session()
    window.attract.open()
    settle()
    keys.keypad("5")
    assert not window.attract.isVisible()
    assert keys.access.speech_on
    assert keys.last().startswith("Speech is on.")


def test_home_and_start_screen_say_how_to_get_audio(keys):
    window = keys.window
    keys.access.show_hints()
    settle()
    assert window.home.audio_hint.isVisible()
    assert window.home.audio_hint.text() == "For audio, press any key on the keypad."
    window.attract.open()
    settle()
    assert window.attract.audio_hint.isVisible()
    window.state.set_language("es")
    assert window.attract.audio_hint.text() == \
        "Para escuchar, pulse cualquier tecla del teclado numérico."


def test_no_voice_no_audio_line(qtbot, open_window, tmp_path):
    window = open_window(settings_for(tmp_path))  # KIOSK_SPEECH=none in the tests
    keys = Keys(qtbot, window)
    keys.access.show_hints()
    assert not window.home.audio_hint.isVisible()


def test_a_staff_pin_is_never_said(qtbot, open_window, tmp_path, recording_voice):  # noqa: F811
    from kiosk.pin import hash_pin

    window = open_window(settings_for(tmp_path, f"[staff]\npin_hash = '{hash_pin('4321')}'\n"))
    keys = Keys(qtbot, window)
    keys.press(K.Key_F2)
    window.pin_pad.open()
    settle()
    for digit in "4321":
        assert keys.press(getattr(K, f"Key_{digit}")) == "Digit entered."
    assert not any(word in " ".join(keys.spoken()) for word in ("four", "three", "4321"))
    keys.press(K.Key_Return)
    # The PIN is checked on a worker: the staff screen follows its answer.
    qtbot.waitUntil(lambda: window.current.screen == "staff", timeout=10_000)
    assert not any(word in " ".join(keys.spoken()) for word in ("four", "three", "4321"))


def test_the_view_follows_the_focus_down_a_long_list(keys):
    window = keys.window
    window.open_locator()
    wait_for_finder(keys)
    keys.press(K.Key_Tab)
    window.locator.search_page.states_requested.emit()
    settle()
    page = window.locator.states_page
    for _ in range(45):
        keys.press(K.Key_Down)
    focus = QApplication.focusWidget()
    assert page.isAncestorOf(focus)
    viewport = page.area.viewport()
    top_left = focus.mapTo(viewport, focus.rect().topLeft())
    assert page.area.verticalScrollBar().value() > 0
    assert viewport.rect().contains(top_left) and viewport.rect().contains(
        focus.mapTo(viewport, focus.rect().bottomRight()))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_page_and_the_idle_warning_in_each_language(keys, lang):
    window = keys.window
    window.state.set_language(lang)
    settle()
    keys.press(K.Key_F2)
    window.open_page("causes")
    settle()
    page = window.reader.page
    said = keys.spoken()[-1]
    assert said.startswith(page.title)
    assert ("Página 3 de 3" if lang == "es" else "Page 3 of 3") in said
    parts = []
    while (said := keys.press(K.Key_PageDown)) not in ("End of the page.", "Fin de la página."):
        parts.append(said)
    assert parts == ["Any trauma."]
    window.speaker.backend.finish()
    window.session.idle.emit()
    settle()
    warning = keys.spoken()[-1]
    expected = "Para tener más tiempo, pulse cualquier tecla." if lang == "es" else \
        "To have more time, press any key."
    assert warning.endswith(expected)
    assert {lang} == {spoken_lang for _, spoken_lang, *_ in window.speaker.backend.spoken[1:]}


def test_listen_in_speech_mode_reads_the_page_and_shows_stop_only_then(keys):
    window = keys.window
    keys.press(K.Key_F2)
    window.open_page("welcome")
    settle()
    listen = next(b for b in window.reader.findChildren(QAbstractButton)
                  if b.accessibleName() in ("Listen", "Stop") and b.isVisible())
    # An announcement is playing: the button still offers Listen.
    assert window.speaker.is_speaking() and listen.accessibleName() == "Listen"
    while QApplication.focusWidget() is not listen:
        keys.press(K.Key_Down)
    said = keys.press(K.Key_Return)
    assert said.startswith("Welcome.\nHello. See the symptoms.")
    assert listen.accessibleName() == "Stop"
    keys.press(K.Key_Shift)  # any key stops it
    assert listen.accessibleName() == "Listen"


def test_links_in_a_page_are_reached_and_followed_with_keys(keys):
    window = keys.window
    keys.press(K.Key_F2)
    window.open_page("welcome")
    settle()
    browser = QApplication.focusWidget()
    assert browser.accessibleName() == "Page text"
    assert keys.press(K.Key_Down) == "the symptoms, link."
    assert QApplication.focusWidget() is browser
    ring = keys.access.ring.geometry()
    assert ring.height() < browser.height() // 2  # around the link, not the whole text
    said = keys.press(K.Key_Return)
    assert window.current.page_id == "symptoms"
    assert said.startswith("A note before you read")
    # Past the last link, Down goes on to the next control; Up comes back to the link.
    window.go_back()
    settle()
    assert keys.press(K.Key_Down) == "the symptoms, link.", keys.spoken()[-3:]
    assert keys.press(K.Key_Down) == "Listen, button."
    assert keys.press(K.Key_Up) == "Page text, text."
    assert keys.press(K.Key_Up) == "the symptoms, link."


@pytest.mark.parametrize("where", ["home", "page", "locator-results", "hidden"])
def test_get_help_now_in_spanish(keys, where):
    window = keys.window
    window.state.set_language("es")
    settle()
    keys.press(K.Key_Plus, KP)
    assert keys.last().startswith("Voz activada.")
    go_to(keys, where)
    said = keys.press(K.Key_Period, KP)
    assert window.current.screen == "help"
    assert said.startswith("Ayuda ahora") and "nueve ocho ocho" in said, said
    assert window.speaker.backend.spoken[-1][1] == "es"


def test_the_first_keypad_digit_on_the_zip_pad_starts_speech_and_is_typed(keys):
    window = keys.window
    window.open_locator()
    wait_for_finder(keys)
    said = keys.keypad("1")
    assert keys.access.speech_on
    assert said.startswith("Speech is on.") and said.endswith("one.")
    assert window.locator.search_page.keypad.value() == "1"


def test_a_held_enter_presses_once(keys):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    window = keys.window
    while QApplication.focusWidget() is not window.bar.text_button:
        keys.press(K.Key_Tab)
    keys.press(K.Key_Return)
    assert window.state.text_step == 1
    for _ in range(2):  # the key is held: the system repeats it (3 steps would cycle back)
        held = QKeyEvent(QEvent.Type.KeyPress, K.Key_Return, Qt.KeyboardModifier.NoModifier, "",
                         True)
        QApplication.sendEvent(window.bar.text_button, held)
        settle()
    assert window.state.text_step == 1


def test_the_page_text_is_named_in_the_language_of_now(keys):
    window = keys.window
    keys.press(K.Key_F2)
    window.open_page("causes")  # the reader is built in English
    settle()
    window.state.set_language("es")
    settle()
    while QApplication.focusWidget().accessibleName() != "Texto de la página":
        keys.press(K.Key_Down)
    assert keys.last() == "Texto de la página, texto."


def test_home_on_home_still_says_where_it_is(keys):
    keys.press(K.Key_F2)
    keys.press(K.Key_Down)
    assert keys.press(K.Key_Home).startswith("Home screen")
    assert keys.press(K.Key_F1).startswith("Get help now")
    assert keys.press(K.Key_F1).startswith("Get help now")


def test_a_screen_the_describer_does_not_know_is_read_from_its_labels(keys, monkeypatch, caplog):
    from kiosk.ui.access import describe

    window = keys.window
    keys.press(K.Key_F2)

    def broken(*args, **kwargs):
        raise AttributeError("results_page")

    monkeypatch.setattr(describe, "_reader_place", broken)
    window.open_page("causes")
    settle()
    assert window.current.screen == "page"  # not sent Home
    assert keys.spoken()[-1].startswith("Causes")  # its title, from the label
    assert "could not describe the page screen" in caplog.text
    assert "Any trauma" not in caplog.text


def test_a_link_in_a_list_page_introduction_is_followed_with_keys(keys):
    window = keys.window
    keys.press(K.Key_F2)
    window.open_page("symptoms")
    settle()
    said = keys.press(K.Key_Return)  # Continue past the note
    assert said.endswith("Get help now, link.")
    label = QApplication.focusWidget()
    seen = []
    label.linkActivated.connect(seen.append)
    keys.press(K.Key_Return)
    assert seen == ["page:help-now"]
    assert window.current_screen().name == "help"  # the help page, through its link
    assert keys.last().startswith("Get help now")


def test_filter_chips_say_whether_they_are_chosen(keys):
    window = keys.window
    window.open_locator()
    wait_for_finder(keys)
    keys.press(K.Key_F2)
    heard = [keys.press(K.Key_Down)]  # by rows through the ZIP pad, then the radius chips
    while heard[-1] != "10 miles, button, not selected." and len(heard) < 30:
        heard.append(keys.press(K.Key_Down))
    assert heard[-1] == "10 miles, button, not selected.", heard
    assert keys.press(K.Key_Down) == "25 miles, button, not selected."
    assert keys.press(K.Key_Space) == "25 miles, button, selected."
    assert window.locator.search_page.filters().radius == 25
    assert keys.press(K.Key_Down) == "50 miles, button, not selected."


def test_the_screen_stays_dark_when_the_idle_warning_opens(keys):
    window = keys.window
    keys.press(K.Key_F2)
    keys.press(K.Key_F6)
    window.speaker.backend.finish()
    window.session.idle.emit()
    settle()
    assert window.idle_overlay.isVisible()
    image = window.grab().toImage()
    assert image.pixelColor(window.width() // 2, window.height() // 2).name() == "#000000"
    assert keys.spoken()[-1].startswith("Still there?")  # heard, not seen
