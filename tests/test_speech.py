"""Read-aloud: backend choice, espeak process handling (with a fake espeak), Qt engine, text preparation."""

from __future__ import annotations

import logging
import os
import shutil
import stat
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QProcess

from kiosk.ui import speech
from kiosk.ui.speech import Speaker, speakable_text

FAKE_ESPEAK = """#!/bin/sh
# Records what the kiosk passed, then behaves like a long utterance.
PATH=/usr/bin:/bin
out="$(dirname "$0")"
printf '%s\\n' "$@" > "$out/args.txt"
echo $$ > "$out/pid.txt"
cat > "$out/stdin.txt"
: > "$out/read.txt"
if [ -n "$FAKE_ESPEAK_STDERR" ]; then echo "$FAKE_ESPEAK_STDERR" >&2; fi
if [ -n "$FAKE_ESPEAK_EXIT" ]; then exit "$FAKE_ESPEAK_EXIT"; fi
exec sleep "${FAKE_ESPEAK_SLEEP:-30}"
"""


def install_fake(folder: Path, name: str = "espeak-ng") -> Path:
    folder.mkdir(exist_ok=True)
    script = folder / name
    script.write_text(FAKE_ESPEAK, encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return script


@pytest.fixture(autouse=True)
def no_speech_override(monkeypatch):
    """Each test sets KIOSK_SPEECH itself (conftest may switch speech off for UI tests)."""
    monkeypatch.delenv(speech.ENV_VAR, raising=False)


@pytest.fixture
def fake_bin(tmp_path, monkeypatch):
    """A PATH holding only a fake espeak-ng, so the test runs where espeak is not installed."""
    folder = tmp_path / "bin"
    install_fake(folder)
    monkeypatch.setenv("PATH", str(folder))
    return folder


@pytest.fixture
def make_speaker(qtbot):
    """Build speakers and stop them (and their processes) when the test ends."""
    made: list[Speaker] = []

    def build(prefer: str | None = None) -> Speaker:
        speaker = Speaker.create(prefer)
        made.append(speaker)
        return speaker

    yield build
    for speaker in made:
        speaker.stop()
        qtbot.waitUntil(lambda s=speaker: not running(s), timeout=5000)
        speaker.deleteLater()


def running(speaker: Speaker) -> list[QProcess]:
    """The speaker's processes still running (finished ones may already be deleted)."""
    return [p for p in speaker.findChildren(QProcess)
            if shiboken6.isValid(p) and p.state() != QProcess.ProcessState.NotRunning]


def read_when_done(qtbot, folder: Path) -> tuple[list[str], str]:
    qtbot.waitUntil(lambda: (folder / "read.txt").exists(), timeout=5000)
    args = (folder / "args.txt").read_text(encoding="utf-8").splitlines()
    return args, (folder / "stdin.txt").read_text(encoding="utf-8")


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


# --- choosing a backend -------------------------------------------------------------


def test_forced_none_is_unavailable_and_silent(make_speaker, monkeypatch, fake_bin):
    monkeypatch.setenv(speech.ENV_VAR, "none")
    speaker = make_speaker()
    assert not speaker.available()
    assert speaker.engine_name() == "none"
    assert not speaker.supports("en")
    seen: list[bool] = []
    speaker.state_changed.connect(seen.append)
    speaker.speak("Hello", "en")
    speaker.stop()
    assert not speaker.is_speaking()
    assert seen == []
    assert not (fake_bin / "args.txt").exists()


def test_env_var_overrides_prefer(make_speaker, monkeypatch, fake_bin):
    monkeypatch.setenv(speech.ENV_VAR, "none")
    assert not make_speaker("espeak").available()
    monkeypatch.setenv(speech.ENV_VAR, "espeak")
    assert make_speaker("none").engine_name() == "espeak-ng"


def test_bad_env_value_is_reported_not_fatal(make_speaker, monkeypatch, fake_bin, caplog):
    monkeypatch.setenv(speech.ENV_VAR, "loud")
    with caplog.at_level(logging.WARNING, logger="kiosk.speech"):
        speaker = make_speaker("none")
    assert not speaker.available()
    assert "KIOSK_SPEECH='loud'" in caplog.text


def test_nothing_on_path_means_no_speech(make_speaker, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(speech._QtBackend, "probe", classmethod(lambda cls, *a, **k: None))
    assert not make_speaker().available()


def test_forced_qt_without_qt_is_none_and_logged(make_speaker, monkeypatch, fake_bin, caplog):
    monkeypatch.setattr(speech._QtBackend, "probe", classmethod(lambda cls, *a, **k: None))
    monkeypatch.setenv(speech.ENV_VAR, "qt")
    with caplog.at_level(logging.WARNING, logger="kiosk.speech"):
        speaker = make_speaker()
    # Forced means forced: staff testing Qt must not hear espeak instead.
    assert not speaker.available()
    assert "'qt' was asked for" in caplog.text


def test_auto_prefers_espeak(make_speaker, fake_bin):
    speaker = make_speaker()
    assert speaker.available()
    assert speaker.engine_name() == "espeak-ng"
    assert speaker.supports("en") and speaker.supports("es") and speaker.supports("es_US")
    assert not speaker.supports("fr")


# --- espeak through QProcess (a fake espeak-ng) ---------------------------------------


@pytest.mark.parametrize(("lang", "voice"), [("en", "en-us"), ("es", "es-419"), ("es_US", "es-419")])
def test_espeak_arguments_per_language(qtbot, make_speaker, fake_bin, lang, voice):
    speaker = make_speaker("espeak")
    speaker.speak("Hello. Call nine eight eight.", lang)
    assert speaker.is_speaking()
    args, text = read_when_done(qtbot, fake_bin)
    assert args == ["-v", voice, "-s", str(speech.ESPEAK_RATE), "-a", "100", "-b", "1", "--stdin"]
    assert text == "Hello. Call nine eight eight."


def test_text_goes_on_stdin_and_no_shell_sees_it(qtbot, make_speaker, fake_bin, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    victim = tmp_path / "victim"
    victim.mkdir()
    text = (f'Hola"; touch PWNED; rm -rf "{victim}"; echo \'$(touch PWNED2)\' `touch PWNED3` '
            "&& echo ¿Qué? | cat -n\n--help -v xx\n")
    speaker = make_speaker("espeak")
    speaker.speak(text, "es")
    args, received = read_when_done(qtbot, fake_bin)
    assert received == text
    assert args == ["-v", "es-419", "-s", str(speech.ESPEAK_RATE), "-a", "100", "-b", "1", "--stdin"]
    assert victim.is_dir()
    for folder in (tmp_path, fake_bin):
        assert not list(folder.glob("PWNED*"))


def test_stop_kills_the_process_and_reports_not_speaking(qtbot, make_speaker, fake_bin):
    speaker = make_speaker("espeak")
    speaker.speak("A long page.", "en")
    read_when_done(qtbot, fake_bin)
    pid = int((fake_bin / "pid.txt").read_text())
    assert speaker.is_speaking() and pid_alive(pid)
    with qtbot.waitSignal(speaker.state_changed, timeout=2000) as blocker:
        speaker.stop()
    assert blocker.args == [False]
    assert not speaker.is_speaking()
    qtbot.waitUntil(lambda: not pid_alive(pid), timeout=5000)


def test_natural_end_reports_not_speaking(qtbot, make_speaker, fake_bin, monkeypatch):
    monkeypatch.setenv("FAKE_ESPEAK_SLEEP", "0")
    speaker = make_speaker("espeak")
    with qtbot.waitSignal(speaker.state_changed, timeout=5000,
                          check_params_cb=lambda speaking: speaking is False):
        speaker.speak("Short.", "en")
        assert speaker.is_speaking()
    assert not speaker.is_speaking()


def test_speak_replaces_without_flicker(qtbot, make_speaker, fake_bin):
    speaker = make_speaker("espeak")
    seen: list[bool] = []
    speaker.state_changed.connect(seen.append)
    speaker.speak("First page.", "en")
    read_when_done(qtbot, fake_bin)
    first = int((fake_bin / "pid.txt").read_text())
    (fake_bin / "read.txt").unlink()
    speaker.speak("Second page.", "es")
    args, text = read_when_done(qtbot, fake_bin)
    assert (text, args[1]) == ("Second page.", "es-419")
    qtbot.waitUntil(lambda: not pid_alive(first), timeout=5000)
    assert speaker.is_speaking()
    assert seen == [True]  # the killed first process does not report an end
    assert len(running(speaker)) == 1


def test_failure_exit_is_logged_without_the_text(qtbot, make_speaker, fake_bin, monkeypatch, caplog):
    monkeypatch.setenv("FAKE_ESPEAK_EXIT", "3")
    monkeypatch.setenv("FAKE_ESPEAK_STDERR", "Error: voice not found")
    speaker = make_speaker("espeak")
    with caplog.at_level(logging.INFO, logger="kiosk.speech"):
        with qtbot.waitSignal(speaker.state_changed, timeout=5000,
                              check_params_cb=lambda speaking: speaking is False):
            speaker.speak("My private question", "en")
    assert "exit code 3" in caplog.text and "voice not found" in caplog.text
    assert "private" not in caplog.text


def test_a_program_that_cannot_start_reports_not_speaking(qtbot, make_speaker, fake_bin, caplog):
    speaker = make_speaker("espeak")
    (fake_bin / "espeak-ng").unlink()  # removed after start-up, e.g. by an upgrade
    with caplog.at_level(logging.WARNING, logger="kiosk.speech"):
        with qtbot.waitSignal(speaker.state_changed, timeout=5000,
                              check_params_cb=lambda speaking: speaking is False):
            speaker.speak("Hello", "en")
    assert not speaker.is_speaking()
    assert "could not start" in caplog.text


def test_unsupported_language_says_nothing(make_speaker, fake_bin, caplog):
    speaker = make_speaker("espeak")
    with caplog.at_level(logging.WARNING, logger="kiosk.speech"):
        speaker.speak("Bonjour", "fr")
    assert not speaker.is_speaking()
    assert not (fake_bin / "args.txt").exists()
    assert "'fr'" in caplog.text and "Bonjour" not in caplog.text


def test_older_espeak_uses_its_voice_names(qtbot, make_speaker, tmp_path, monkeypatch):
    folder = tmp_path / "old"
    install_fake(folder, "espeak")
    monkeypatch.setenv("PATH", str(folder))
    speaker = make_speaker("espeak")
    assert speaker.engine_name() == "espeak"
    speaker.speak("Hola", "es")
    args, _ = read_when_done(qtbot, folder)
    assert args[:2] == ["-v", "es-la"]


# --- the real espeak-ng ------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_real_espeak_ng_starts_and_stops(qtbot, make_speaker):
    speaker = make_speaker("espeak")
    assert speaker.engine_name() == "espeak-ng"
    speaker.speak(speakable_text("Get help now\nCall or text 988.\n" * 20, "en"), "en")
    assert speaker.is_speaking()
    assert len(speaker.findChildren(QProcess)) == 1
    # Without a sound card espeak-ng may already be done; either way it reports the end.
    with qtbot.waitSignal(speaker.state_changed, timeout=5000,
                          check_params_cb=lambda speaking: speaking is False):
        speaker.stop()
    qtbot.waitUntil(lambda: not running(speaker), timeout=5000)


# --- QtTextToSpeech (PySide6-Addons), with Qt's silent mock engine ---------------------------


def test_qt_mock_engine_is_never_chosen_by_default():
    assert "mock" in speech.EXCLUDED_QT_ENGINES


def test_qt_unknown_engine_is_unavailable_not_a_crash(qtbot):
    pytest.importorskip("PySide6.QtTextToSpeech")
    assert speech._QtBackend.probe(engines=["no-such-engine"]) is None


def test_qt_backend_speaks_and_stops(qtbot):
    pytest.importorskip("PySide6.QtTextToSpeech")
    backend = speech._QtBackend.probe(engines=["mock"])
    if backend is None:
        pytest.skip("Qt's mock text-to-speech plug-in is not installed")
    speaker = Speaker(backend)
    assert speaker.engine_name() == "qt:mock"
    assert speaker.supports("en")
    assert not speaker.supports("es")  # the mock engine has no Spanish voice
    with qtbot.waitSignal(speaker.state_changed, timeout=5000,
                          check_params_cb=lambda speaking: speaking is False):
        speaker.speak("Hello there. This is a short test.", "en")
        assert speaker.is_speaking()
    speaker.speak("Hello there. This is another, somewhat longer test of stopping.", "en")
    assert speaker.is_speaking()
    with qtbot.waitSignal(speaker.state_changed, timeout=2000) as blocker:
        speaker.stop()
    assert blocker.args == [False]
    speaker.deleteLater()


# --- speakable_text (no Qt needed) -----------------------------------------------------------


@pytest.mark.parametrize(("plain", "lang", "expected"), [
    ("Call or text 988.", "en", "Call or text nine eight eight."),
    ("Llame o envíe un texto al 988.", "es", "Llame o envíe un texto al nueve ocho ocho."),
    ("Call 911.", "en", "Call nine one one."),
    ("SAMHSA's National Helpline: 1-800-662-4357", "en",
     "SAMHSA's National Helpline: one, eight zero zero, six six two, four three five seven."),
    ("Línea: 1-800-662-4357", "es", "Línea: uno, ocho cero cero, seis seis dos, cuatro tres cinco siete."),
    ("Or text 838255.", "en", "Or text eight three eight, two five five."),
    ("O envíe un texto al 838255.", "es", "O envíe un texto al ocho tres ocho, dos cinco cinco."),
    ("Call (800) 273-8255", "en", "Call eight zero zero, two seven three, eight two five five."),
    ("Call 988", None, "Call 9 8 8."),
])
def test_numbers_are_read_digit_by_digit(plain, lang, expected):
    assert speakable_text(plain, lang) == expected


def test_ordinary_numbers_stay_numbers():
    text = "Open 24 hours a day, 7 days a week, since 2019. About 0.5 mg per kg, 10,000 people, 24/7."
    assert speakable_text(text, "en") == text


def test_markup_bullets_and_urls_go():
    plain = ("## Signs of PTSD\n"
             "- **Flashbacks** - Feeling as if it is happening again\n"
             "* _Bad dreams_ – Nightmares\n"
             "• See [the guide](https://example.org/guide) or https://www.samhsa.gov/find-help.\n"
             "> A quote & a `code` word\n"
             "---\n"
             "1. First step\n"
             "Know that help works -\n")
    assert speakable_text(plain, "en").splitlines() == [
        "Signs of PTSD.",
        "Flashbacks, Feeling as if it is happening again.",
        "Bad dreams, Nightmares.",
        "See the guide or link.",
        "A quote and a code word.",
        "First step.",
        "Know that help works.",
    ]
    assert speakable_text("Visite www.samhsa.gov hoy", "es") == "Visite enlace hoy."
    assert speakable_text("Visit https://samhsa.gov today") == "Visit today."


def test_speakable_text_is_stable_and_keeps_spanish_letters():
    once = speakable_text("¿Está en crisis?\nLlame al 988 ahora", "es")
    assert once == "¿Está en crisis?\nLlame al nueve ocho ocho ahora."
    assert speakable_text(once, "es") == once
    assert speakable_text("", "en") == ""
    assert speakable_text("   \n- \n", "en") == ""


# --- volume, Repeat and the recording engine ----------------------------------------------


def test_volume_steps_reach_espeak_and_reset(qtbot, make_speaker, fake_bin):
    speaker = make_speaker("espeak")
    assert speaker.volume_step() == speech.DEFAULT_VOLUME_STEP
    assert speaker.set_volume_step(99) == speech.VOLUME_STEPS
    speaker.speak("Louder.", "en")
    args, _ = read_when_done(qtbot, fake_bin)
    assert args[args.index("-a") + 1] == str(speech.ESPEAK_AMPLITUDES[-1])
    speaker.stop()
    assert speaker.set_volume_step(0) == 1
    speaker.forget()
    assert speaker.volume_step() == speech.DEFAULT_VOLUME_STEP


def test_repeat_says_the_last_thing_and_forget_drops_it(qtbot):
    backend = speech.RecordingBackend()
    speaker = Speaker(backend)
    assert not speaker.repeat()
    speaker.speak("Phone: five five five.", "en")
    speaker.speak("Hola.", "es")
    assert speaker.repeat()
    assert [(t, lang) for t, lang, *_ in backend.spoken][-2:] == [("Hola.", "es"), ("Hola.", "es")]
    speaker.forget()
    assert speaker.last() == ("", "") and not speaker.repeat()


def test_recording_backend_speaks_until_stopped(qtbot):
    backend = speech.RecordingBackend(languages=("en",))
    speaker = Speaker(backend)
    assert speaker.supports("en") and not speaker.supports("es")
    with qtbot.waitSignal(speaker.state_changed) as blocker:
        speaker.speak("One.", "en")
    assert blocker.args == [True] and speaker.is_speaking()
    with qtbot.waitSignal(speaker.state_changed) as blocker:
        backend.finish()
    assert blocker.args == [False] and not speaker.is_speaking()
    speaker.set_volume_step(2)
    speaker.speak("Two.", "en")
    assert backend.spoken[-1][:3] == ("Two.", "en", 2)


def test_each_language_has_its_own_espeak_voice():
    from kiosk import languages

    voices = {code: speech.ESPEAK_NG_VOICES[code] for code in languages.SUPPORTED}
    assert voices == {"en": "en-us", "es": "es-419"}


def test_digit_words():
    assert speech.digit_words("(363) 555-0151", "en") == \
        "three six three five five five zero one five one"
    assert speech.digit_words("10001", "es") == "uno cero cero cero uno"
