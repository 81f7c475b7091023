"""Interface strings through Qt's own translation system.

Strings are marked in the code with ``tr("...")`` (or ``N_("...")`` where the
text is only named and translated later, ``tr(variable)``); Qt's ``lupdate``
finds them and keeps ``resources/i18n/kiosk_<code>.ts`` current, translators
edit those files in Qt Linguist, and ``lrelease`` builds the ``.qm`` files the
kiosk loads. ``python3 tools/translations.py`` runs both; a test fails when the
committed ``.ts`` or ``.qm`` files are behind the code.

Plurals use Qt's ``%n``: ``tr("Wait %n seconds.", None, seconds)``. English has a
``.qm`` of its own for exactly that ("1 second", "5 seconds"). Other values are
filled by name: ``tr("{current} of {total}", current=3, total=9)``.

The staff screen and the PIN pad speak the staff's language (``[staff] language``),
whatever the patient chose: they use ``tr_staff("...")`` (found by lupdate like
``tr``), or ``tr_for(code, text)`` for any one language; each language's ``.qm``
is loaded once into a QTranslator of its own, beside the installed one.

Page text comes from the content pack, not from here. Languages are declared once,
in :mod:`kiosk.languages`.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from kiosk import languages, paths

log = logging.getLogger(__name__)

# lupdate files a module-level tr() under the empty context; translate() looks there.
CONTEXT = ""

LANGUAGE_NAMES = {code: lang.name for code, lang in languages.LANGUAGES.items()}

_language = languages.SOURCE_LANGUAGE
_translator: QTranslator | None = None
_loaded: dict[str, QTranslator] = {}  # by .qm path, for the application's lifetime
_staff_language = languages.SOURCE_LANGUAGE
_by_code: dict[str, QTranslator | None] = {}  # translators for tr_for, loaded on first use


def qm_path(code: str):
    """Where the built translation for ``code`` lives."""
    return paths.resource("i18n", f"kiosk_{code}.qm")


def set_language(code: str) -> None:
    """Switch the interface language: load its ``.qm`` and install it on the application.

    An unknown code raises ``KeyError``; a missing or unreadable ``.qm`` is logged as an
    error (the interface then shows the source English, and the staff log says why).
    """
    global _language, _translator
    languages.get(code)
    app = QCoreApplication.instance()
    if _translator is not None and app is not None:
        QCoreApplication.removeTranslator(_translator)
    _translator = None
    _language = code
    if app is None:
        return
    # One translator per language, kept: a new one at each switch grew the kiosk's memory
    # (a patient can switch many times a session; found by tests/soak/growth.py).
    path = qm_path(code)
    translator = _loaded.get(str(path))
    if translator is None:
        translator = QTranslator(app)
        if not translator.load(str(path)):
            translator.deleteLater()
            log.error("interface translation for %r not loaded: %s missing or unreadable",
                      code, path)
            return
        _loaded[str(path)] = translator
    QCoreApplication.installTranslator(translator)
    _translator = translator


def language() -> str:
    return _language


def N_(text: str) -> str:  # noqa: N802 (gettext convention; lupdate alias of QT_TR_NOOP)
    """Mark ``text`` for translation without translating it yet."""
    return text


def tr(text: str, disambiguation: str | None = None, n: int = -1, **values: object) -> str:
    """Translate an interface string into the current language and fill ``{names}``.

    ``n`` selects a plural form and replaces ``%n`` (Qt's numerus rules).
    """
    translated = QCoreApplication.translate(CONTEXT, text, disambiguation, n)
    return translated.format(**values) if values else translated


def locale() -> QLocale:
    """The QLocale for numbers, distances and dates in the current language."""
    return QLocale(languages.get(_language).locale)


def _translator_for(code: str) -> QTranslator | None:
    if code not in _by_code:
        app = QCoreApplication.instance()
        if app is None:
            return None
        translator = QTranslator(app)
        path = qm_path(code)
        if translator.load(str(path)):
            _by_code[code] = translator
        else:
            log.error("interface translation for %r not loaded: %s missing or unreadable",
                      code, path)
            _by_code[code] = None
    return _by_code[code]


def tr_for(code: str, text: str, disambiguation: str | None = None, n: int = -1,
           **values: object) -> str:
    """Translate ``text`` into language ``code``, whatever the interface language is."""
    languages.get(code)
    translator = _translator_for(code)
    translated = translator.translate(CONTEXT, text, disambiguation, n) if translator else ""
    translated = translated or text
    if n >= 0:
        translated = translated.replace("%n", str(n))
    return translated.format(**values) if values else translated


def set_staff_language(code: str) -> None:
    """The language of the staff screen and the PIN pad (``[staff] language``)."""
    global _staff_language
    languages.get(code)
    _staff_language = code


def staff_language() -> str:
    return _staff_language


def tr_staff(text: str, disambiguation: str | None = None, n: int = -1, **values: object) -> str:
    """Translate an interface string into the staff's language (see :func:`tr`)."""
    return tr_for(_staff_language, text, disambiguation, n, **values)
