"""Offline read-aloud: speak a page in the current language, or say plainly that we cannot.

One backend is chosen when the Speaker is created:

``espeak``
    ``espeak-ng`` (or the older ``espeak``) found on PATH, run through QProcess with
    the text on stdin: no shell, and the text never shows in ``ps``. Stop kills it.
``qt``
    QtTextToSpeech (PySide6-Addons) with a real engine that initialises and offers a
    voice for a kiosk language. On Linux that is the speech-dispatcher plug-in, which
    needs libspeechd and a speech-dispatcher daemon with an output module.
``none``
    ``available()`` is False and the UI shows no Listen button.

"auto" tries espeak first and Qt second. Qt's speech-dispatcher engine talks to its
daemon synchronously on the GUI thread: creating it took ~3 s while the daemon
auto-started, and with no working sound output the daemon stayed "speaking" and the
next connection hung for good. A child process we can kill cannot do that. Where
espeak is absent (Windows, macOS, a Linux with only speech-dispatcher) Qt is used.

``KIOSK_SPEECH=auto|qt|espeak|none`` overrides the choice (staff, tests). Nothing
here blocks the event loop while speaking, nothing raises to the caller, and the
spoken text is never logged: only languages, engines and exit codes are.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QLocale, QObject, QProcess, Signal

from kiosk import languages

log = logging.getLogger("kiosk.speech")

ENV_VAR = "KIOSK_SPEECH"
CHOICES = ("auto", "qt", "espeak", "none")

# espeak-ng's words per minute (its default is 175): slower is clearer for
# unfamiliar health words and for people reading along.
ESPEAK_RATE = 150
# QTextToSpeech's rate runs from -1.0 to 1.0 with 0.0 the engine's normal speed.
QT_RATE = -0.15

# Volume steps for the Volume keys (ADA 707.5: adjustable volume). The default step
# is each engine's normal loudness; every session starts there again.
VOLUME_STEPS = 5
DEFAULT_VOLUME_STEP = 3
# espeak-ng amplitude (-a, 0-200, default 100) and QTextToSpeech volume (0.0-1.0) per step.
ESPEAK_AMPLITUDES = (40, 70, 100, 140, 190)
QT_VOLUMES = (0.25, 0.45, 0.65, 0.85, 1.0)

# Voice names differ between espeak-ng and the older espeak (check with
# ``espeak-ng --voices=es``). Latin American Spanish suits US clinics better than es-ES.
ESPEAK_NG_VOICES = {code: lang.espeak_voice for code, lang in languages.LANGUAGES.items()}
ESPEAK_VOICES = {"en": "en-us", "es": "es-la"}

# Locales to try for each language, best first; any other locale of the language comes after.
QT_LOCALES = {
    "en": ("en_US", "en_CA", "en_GB"),
    "es": ("es_US", "es_MX", "es_419", "es_ES"),
}
# "mock" ships in PySide6-Addons for Qt's own tests: it reports success and says nothing,
# and a Listen button that makes no sound is worse than none.
EXCLUDED_QT_ENGINES = frozenset({"mock"})


# --- text preparation (no Qt) -------------------------------------------------------

_DIGIT_WORDS = {
    "en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
    "es": ("cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"),
}
_LINK_WORD = {"en": "link", "es": "enlace"}
_AND_WORD = {"en": "and", "es": "y"}

_MD_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_URL_RE = re.compile(r"\b(?:https?://|www\.)[^\s<>()]+[^\s<>().,;:!?'\"]", re.IGNORECASE)
_LINE_MARK_RE = re.compile(r"^\s*(?:#{1,6}\s+|>\s*)+")
_BULLET_RE = re.compile(r"^\s*(?:[-*+•·‣◦▪–—]|\d{1,2}[.)])\s+")
_EMPHASIS_RE = re.compile(r"(?<![\w*_])(\*\*|__|\*|_|`+|~~)(?=\S)(.+?)(?<=\S)\1(?![\w*_])")
_LEFTOVER_RE = re.compile(r"[*_`#|~<>\[\]{}›‹»«→←↑↓•▪◦]")
_RULE_RE = re.compile(r"^\s*(?:[-*_=]\s*){3,}$")
_SPACED_DASH_RE = re.compile(r"\s+[-–—]+(?:\s+|$)")
_SPACE_BEFORE_MARK_RE = re.compile(r"\s+([.,;:!?])")
# A North American number with separators: 1-800-662-4357, (800) 662-4357, 800.662.4357.
_PHONE_RE = re.compile(
    r"(?<![\w-])(?:\+?(1)[-. ]?)?\(?(\d{3})\)?[-. ](\d{3})[-. ](\d{4})(?![\w-])")
# Crisis and service codes (911, 988, 211 ...) and bare runs of five or more digits
# (text lines such as 838255, ZIP codes) are read digit by digit; years and "24 hours" are not.
_CODE_RE = re.compile(r"(?<![\w.,/-])(988|[2-9]11|\d{5,})(?![\w/]|[.,]\d)")


def digit_words(number: str, lang: str | None) -> str:
    """Digits read one by one, in words for en/es ("one zero zero"), else spaced digits."""
    return _digits("".join(ch for ch in number if ch.isdigit()), lang)


def _digits(number: str, lang: str | None) -> str:
    words = _DIGIT_WORDS.get(lang or "")
    if words is None:
        # Spaced digits are read one by one by any engine, in its own language.
        return " ".join(number)
    return " ".join(words[int(d)] for d in number)


def _groups(number: str) -> list[str]:
    """Split a long number the way people say it: 838 255, 800 662 4357."""
    if len(number) <= 5:
        return [number]
    if len(number) == 7:
        return [number[:3], number[3:]]
    if len(number) == 10:
        return [number[:3], number[3:6], number[6:]]
    if len(number) == 11 and number.startswith("1"):
        return [number[0], number[1:4], number[4:7], number[7:]]
    chunks = [number[i:i + 3] for i in range(0, len(number), 3)]
    if len(chunks) > 1 and len(chunks[-1]) == 1:
        chunks[-2:] = [chunks[-2] + chunks[-1]]
    return chunks


def _say_number(groups: list[str], lang: str | None) -> str:
    # Commas give the listener the same pauses as the dashes give a reader.
    return ", ".join(_digits(g, lang) for g in groups if g)


def _line(text: str, lang: str | None) -> str:
    text = _LINE_MARK_RE.sub("", text)
    text = _BULLET_RE.sub("", text)
    if _RULE_RE.match(text):
        return ""
    text = _MD_LINK_RE.sub(r"\1", text)
    text = _URL_RE.sub(f" {_LINK_WORD[lang]} " if lang in _LINK_WORD else " ", text)
    for _ in range(2):  # **_nested_** emphasis
        text = _EMPHASIS_RE.sub(r"\2", text)
    text = _PHONE_RE.sub(lambda m: _say_number(list(m.groups(default="")), lang), text)
    text = _CODE_RE.sub(lambda m: _say_number(_groups(m.group(1)), lang), text)
    if lang in _AND_WORD:
        text = re.sub(r"\s&\s", f" {_AND_WORD[lang]} ", text)
    text = _LEFTOVER_RE.sub(" ", text)
    # "Flashbacks - Feeling as if ...": a card's name, then its explanation.
    text = _SPACED_DASH_RE.sub(", ", text)
    text = _SPACE_BEFORE_MARK_RE.sub(r"\1", " ".join(text.split())).strip(" ,;-")
    if text and text[-1] not in ".!?:;…":
        # Headings and card lines have no full stop; without one an engine runs
        # them into the next line as one sentence.
        text += "."
    return text


def speakable_text(plain: str, lang: str | None = None) -> str:
    """Plain page text made fit for a voice: no markup, bullets or URLs; phone numbers digit by digit.

    With ``lang`` ("en" or "es") numbers are spelled out in that language and a URL
    becomes "link" / "enlace"; without it digits are spaced and URLs dropped.
    """
    lang = (lang or "").split("_")[0].split("-")[0].lower() or None
    lines = (_line(line, lang) for line in plain.splitlines())
    return "\n".join(line for line in lines if line)


# --- backends -----------------------------------------------------------------------


def _language(lang: str) -> str:
    return lang.replace("-", "_").split("_")[0].lower()


class _Backend(QObject):
    """One way of speaking. ``active_changed`` reports speech starting and ending."""

    active_changed = Signal(bool)
    name = "none"

    def supports(self, lang: str) -> bool:
        return False

    def start(self, text: str, lang: str) -> bool:
        """Start speaking; False if it could not even begin."""
        return False

    def stop(self) -> None:
        """Stop at once; quiet if nothing is speaking."""

    def set_volume(self, step: int) -> None:
        """Loudness for the next utterance: ``step`` in 1..VOLUME_STEPS."""


class RecordingBackend(_Backend):
    """Says nothing and records what it was asked to say: for tests and benchmarks.

    Each entry is ``(text, lang, volume step, time.perf_counter() at the request)``.
    Speech "lasts" until :meth:`finish` or the next utterance, like a real engine.
    """

    name = "recording"

    def __init__(self, languages: Iterable[str] = ("en", "es"), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.languages = frozenset(languages)
        self.spoken: list[tuple[str, str, int, float]] = []
        self.volume = DEFAULT_VOLUME_STEP
        self.active = False

    def supports(self, lang: str) -> bool:
        return _language(lang) in self.languages

    def start(self, text: str, lang: str) -> bool:
        import time

        self.spoken.append((text, _language(lang), self.volume, time.perf_counter()))
        self.active = True
        return True

    def stop(self) -> None:
        if self.active:
            self.active = False
            self.active_changed.emit(False)

    def finish(self) -> None:
        """The utterance ends by itself."""
        self.stop()

    def set_volume(self, step: int) -> None:
        self.volume = step

    def texts(self) -> list[str]:
        return [text for text, *_ in self.spoken]


class _EspeakBackend(_Backend):
    """espeak-ng or espeak in a QProcess: one process per utterance, killed to stop."""

    def __init__(self, program: str, voices: dict[str, str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.program = program
        self.voices = voices
        self.name = os.path.basename(program)
        self._process: QProcess | None = None
        self._amplitude = ESPEAK_AMPLITUDES[DEFAULT_VOLUME_STEP - 1]

    def arguments(self, lang: str) -> list[str]:
        """Arguments for one utterance; the text goes on stdin, never here."""
        # -b 1: the text is UTF-8 whatever the service's locale; --stdin: read it all,
        # then speak, so sentences flow across line breaks. No -m: "<" is just text.
        return ["-v", self.voices[_language(lang)], "-s", str(ESPEAK_RATE),
                "-a", str(self._amplitude), "-b", "1", "--stdin"]

    def set_volume(self, step: int) -> None:
        self._amplitude = ESPEAK_AMPLITUDES[step - 1]

    def supports(self, lang: str) -> bool:
        return _language(lang) in self.voices

    def start(self, text: str, lang: str) -> bool:
        self.stop()
        process = QProcess(self)
        process.setProgram(self.program)
        process.setArguments(self.arguments(lang))
        process.setStandardOutputFile(QProcess.nullDevice())
        process.finished.connect(
            lambda code, status, p=process: self._on_finished(p, code, status))
        process.errorOccurred.connect(lambda error, p=process: self._on_error(p, error))
        self._process = process
        process.start()
        # Qt buffers the write until the process has started (documented QProcess use).
        process.write(text.encode("utf-8"))
        process.closeWriteChannel()
        return True

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.state() == QProcess.ProcessState.NotRunning:
            process.deleteLater()
        else:
            # finished() arrives later and deletes it; it no longer counts as speech.
            process.kill()

    def _on_finished(self, process: QProcess, code: int, status: QProcess.ExitStatus) -> None:
        process.deleteLater()
        if process is not self._process:
            return  # stopped or replaced: already reported
        self._process = None
        problem = bytes(process.readAllStandardError().data()).decode("utf-8", "replace").strip()
        if status != QProcess.ExitStatus.NormalExit or code != 0:
            log.warning("%s ended with exit code %s (%s)%s", self.name, code, status.name,
                        _tail(problem))
        elif problem:
            # espeak-ng exits 0 even when it finds no sound device; it says so on stderr.
            log.warning("%s reported a problem%s", self.name, _tail(problem))
        self.active_changed.emit(False)

    def _on_error(self, process: QProcess, error: QProcess.ProcessError) -> None:
        if process is not self._process:
            return
        if error == QProcess.ProcessError.FailedToStart:
            # No finished() follows a failed start.
            log.warning("%s could not start: %s", self.name, process.errorString())
            self._process = None
            process.deleteLater()
            self.active_changed.emit(False)
        else:
            log.info("%s: %s (%s)", self.name, error.name, process.errorString())


def _tail(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    return f": {lines[-1][:200]}" if lines else ""


class _QtBackend(_Backend):
    """QTextToSpeech with a working engine; a locale per language chosen from what it offers."""

    def __init__(self, tts: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtTextToSpeech import QTextToSpeech

        self._states = QTextToSpeech.State
        self.tts = tts
        tts.setParent(self)
        self.name = f"qt:{tts.engine()}"
        self._locales: dict[str, QLocale] = {}
        offered = list(tts.availableLocales())
        for lang, preferred in QT_LOCALES.items():
            locale = _pick_locale(offered, lang, preferred)
            if locale is not None:
                self._locales[lang] = locale
        tts.setRate(QT_RATE)
        tts.stateChanged.connect(self._on_state)
        tts.errorOccurred.connect(self._on_error)

    @classmethod
    def probe(cls, engines: Iterable[str] | None = None,
              parent: QObject | None = None) -> _QtBackend | None:
        """A backend on the first engine that initialises with a kiosk language, or None.

        ``engines`` (for tests) replaces the installed list, exclusions included.
        """
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError:
            log.info("QtTextToSpeech is not installed (PySide6-Addons)")
            return None
        if engines is None:
            try:
                engines = [e for e in QTextToSpeech.availableEngines() if e not in EXCLUDED_QT_ENGINES]
            except Exception:  # a broken plug-in must not take the kiosk down
                log.exception("QtTextToSpeech could not list engines")
                return None
        for engine in engines:
            try:
                # speech-dispatcher starts its daemon here if none runs: seconds, once.
                tts = QTextToSpeech(engine)
            except Exception:
                log.exception("QtTextToSpeech engine %s failed to load", engine)
                continue
            if tts.state() == QTextToSpeech.State.Error:
                log.info("QtTextToSpeech engine %s unusable: %s", engine, tts.errorString())
                tts.deleteLater()
                continue
            offered = list(tts.availableLocales())
            if not any(_pick_locale(offered, lang, ()) for lang in QT_LOCALES):
                log.info("QtTextToSpeech engine %s has no voice for %s", engine, "/".join(QT_LOCALES))
                tts.deleteLater()
                continue
            return cls(tts, parent)
        return None

    def supports(self, lang: str) -> bool:
        return _language(lang) in self._locales

    def start(self, text: str, lang: str) -> bool:
        locale = self._locales[_language(lang)]
        if self.tts.locale() != locale:
            self.tts.setLocale(locale)
        # say() stops whatever is being said first.
        self.tts.say(text)
        return self.tts.state() != self._states.Error

    def stop(self) -> None:
        if self.tts.state() not in (self._states.Ready, self._states.Error):
            self.tts.stop()

    def set_volume(self, step: int) -> None:
        self.tts.setVolume(QT_VOLUMES[step - 1])

    def _on_state(self, state: Any) -> None:
        self.active_changed.emit(state == self._states.Speaking)

    def _on_error(self, reason: Any, message: str) -> None:
        log.warning("%s error %s: %s", self.name, getattr(reason, "name", reason), message)


def _pick_locale(offered: list[QLocale], lang: str, preferred: tuple[str, ...]) -> QLocale | None:
    by_name = {locale.name(): locale for locale in offered}
    for name in preferred:
        if name in by_name:
            return by_name[name]
    return next((loc for loc in offered if loc.name().split("_")[0] == lang), None)


def _espeak_backend(parent: QObject | None) -> _EspeakBackend | None:
    program = shutil.which("espeak-ng")
    if program:
        return _EspeakBackend(program, ESPEAK_NG_VOICES, parent)
    program = shutil.which("espeak")
    if program:
        return _EspeakBackend(program, ESPEAK_VOICES, parent)
    log.info("neither espeak-ng nor espeak is on PATH")
    return None


def _choice(prefer: str | None) -> str:
    forced = os.environ.get(ENV_VAR, "").strip().lower()
    if forced and forced not in CHOICES:
        log.warning("%s=%r is not one of %s; choosing automatically", ENV_VAR, forced, "|".join(CHOICES))
        forced = ""
    choice = forced or (prefer or "auto").lower()
    if choice not in CHOICES:
        log.warning("speech backend %r is not one of %s; choosing automatically", choice, "|".join(CHOICES))
        choice = "auto"
    return choice


# --- the public object ----------------------------------------------------------------


class Speaker(QObject):
    """Reads text aloud in a language; build it with :meth:`Speaker.create`."""

    state_changed = Signal(bool)  # True when speech starts, False when it ends or stops

    def __init__(self, backend: _Backend | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._backend = backend or _Backend()
        self._backend.setParent(self)
        self._backend.active_changed.connect(self._set_speaking)
        self._speaking = False
        self._last: tuple[str, str] = ("", "")
        self._volume = DEFAULT_VOLUME_STEP
        self._owner: object | None = None

    @classmethod
    def create(cls, prefer: str | None = None, parent: QObject | None = None) -> Speaker:
        """Choose a backend once: ``$KIOSK_SPEECH``, else ``prefer``, else espeak, Qt, none."""
        choice = _choice(prefer)
        backend: _Backend | None = None
        if choice in ("auto", "espeak"):
            backend = _espeak_backend(None)
        if backend is None and choice in ("auto", "qt"):
            backend = _QtBackend.probe()
        if backend is None and choice not in ("auto", "none"):
            log.warning("speech backend %r was asked for but is not available", choice)
        speaker = cls(backend, parent)
        log.info("read-aloud: %s", speaker.engine_name())
        return speaker

    def available(self) -> bool:
        """True if this kiosk can speak at all (else show no Listen button)."""
        return self._backend.name != "none"

    def supports(self, lang: str) -> bool:
        """True if there is a voice for ``lang`` ("en", "es", "es_US" ...)."""
        return bool(lang) and self._backend.supports(lang)

    def engine_name(self) -> str:
        """The backend in use: espeak-ng, espeak, qt:<engine> or none (for logs and staff)."""
        return self._backend.name

    def is_speaking(self) -> bool:
        return self._speaking

    @property
    def backend(self) -> _Backend:
        """The engine in use (tests read a RecordingBackend's log through this)."""
        return self._backend

    def last(self) -> tuple[str, str]:
        """The last text asked for and its language (kept only in memory, for Repeat)."""
        return self._last

    def repeat(self) -> bool:
        """Say the last thing again; False if nothing has been said."""
        text, lang = self._last
        if not text:
            return False
        self.speak(text, lang)
        return True

    def forget(self) -> None:
        """Drop the remembered text and go back to the default volume (a new session)."""
        self.stop()
        self._last = ("", "")
        self.set_volume_step(DEFAULT_VOLUME_STEP)

    def volume_step(self) -> int:
        """Loudness from 1 (quietest) to VOLUME_STEPS."""
        return self._volume

    def set_volume_step(self, step: int) -> int:
        """Set the loudness, kept within 1..VOLUME_STEPS; returns the step now in use."""
        step = max(1, min(VOLUME_STEPS, step))
        self._volume = step
        try:
            self._backend.set_volume(step)
        except Exception:
            log.exception("%s failed to change volume", self.engine_name())
        return step

    def owner(self) -> object | None:
        """Who asked for what is being said now (a Listen button), or None."""
        return self._owner if self._speaking else None

    def speak(self, text: str, lang: str, owner: object | None = None) -> None:
        """Stop anything being said, then say ``text`` in ``lang``; never raises, never blocks.

        ``owner`` marks who asked (see :meth:`owner`): a Listen button shows Stop only
        for its own page, not while speech output announces a control.
        """
        self._owner = owner
        if not text.strip() or not self.supports(lang):
            if text.strip():
                log.warning("no %s voice for language %r", self.engine_name(), lang)
            self.stop()
            return
        self._last = (text, lang)
        # The backend replaces the current utterance itself, so the button does not
        # flicker from Stop to Listen and back.
        try:
            started = self._backend.start(text, lang)
        except Exception:
            log.exception("%s failed to start speaking", self.engine_name())
            started = False
        self._set_speaking(started)

    def stop(self) -> None:
        """Stop speaking now; state_changed(False) if something was being said."""
        try:
            self._backend.stop()
        except Exception:
            log.exception("%s failed to stop", self.engine_name())
        self._set_speaking(False)

    def _set_speaking(self, speaking: bool) -> None:
        if speaking != self._speaking:
            self._speaking = speaking
            self.state_changed.emit(speaking)
