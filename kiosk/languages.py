"""The languages the kiosk speaks: one registry entry per language. No Qt.

Adding a language is one entry here, its interface translation
(``resources/i18n/kiosk_<code>.ts``, built to ``.qm`` by ``tools/translations.py``)
and its content pack folder (``resources/content/<code>/``). Code that needs a
per-language fact (a voice, a locale, a hyphenation dictionary, a readability formula)
reads it from here;
an unknown code is an error, never a silent fall-back to English.
"""

from __future__ import annotations

from typing import NamedTuple


class Language(NamedTuple):
    """Everything the kiosk needs to know about one language."""

    code: str           # the content folder and settings name: "en", "es"
    name: str           # in the language itself, for the Language button
    locale: str         # QLocale name for numbers and dates (U.S. conventions)
    espeak_voice: str   # espeak-ng voice
    hyphenation: str    # pyphen dictionary for the readability counts
    title: str          # the home screen's title when the settings name none
    # The reading-ease formula `kiosk content check` scores pages with ("" for none), and
    # the share of words outside resources/words/plain-<code>.txt above which it warns.
    readability: str = ""
    vocabulary_warn: float | None = None


SOURCE_LANGUAGE = "en"

LANGUAGES: dict[str, Language] = {
    "en": Language("en", "English", "en_US", "en-us", "en_US",
                   "Learning about PTSD and ketamine care",
                   readability="Flesch-Kincaid grade", vocabulary_warn=0.10),
    # Latin American Spanish suits U.S. clinics better than Castilian. Its plain-word
    # list is smaller and matched by a rough stem, so its vocabulary limit sits higher
    # (docs/content.md says how both were set).
    "es": Language("es", "Español", "es_US", "es-419", "es",
                   "Información sobre el TEPT y la atención con ketamina",
                   readability="Fernandez-Huerta", vocabulary_warn=0.15),
}

SUPPORTED = tuple(LANGUAGES)


def get(code: str) -> Language:
    """The registry entry for ``code``; ``KeyError`` names the code when it is not one."""
    try:
        return LANGUAGES[code]
    except KeyError:
        raise KeyError(f"unknown language {code!r}; known: {', '.join(SUPPORTED)}") from None
