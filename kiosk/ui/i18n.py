"""Interface strings and their translations.

A plain catalogue instead of Qt's .ts/.qm pipeline: the kiosk has two
languages and a few dozen strings, the catalogue needs no build step
(pyside6-lrelease is not in PySide6-Essentials), and tests/test_i18n.py reads
every ``tr("...")`` call in kiosk/ui with ``ast`` and fails when one lacks a
translation. Page text comes from the content pack, not from here.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale

LANGUAGE_NAMES = {"en": "English", "es": "Español"}

# English source string -> Spanish.
ES: dict[str, str] = {
    "Home": "Inicio",
    "Back": "Atrás",
    "Next": "Siguiente",
    "Previous": "Anterior",
    "Get help now": "Ayuda ahora",
    "Text size": "Tamaño del texto",
    "Larger text": "Texto más grande",
    "Quick hide": "Ocultar",
    "Contrast": "Contraste",
    "Language": "Idioma",
    "Find a clinic": "Buscar una clínica",
    "Learn at your own pace. Tap a topic to begin.":
        "Aprenda a su ritmo. Toque un tema para empezar.",
    "Need to talk to someone now?": "¿Necesita hablar con alguien ahora?",
    "{current} of {total}": "{current} de {total}",
    "Continue": "Continuar",
    "Go back": "Regresar",
    "A note before you read": "Una nota antes de leer",
    "Still there?": "¿Sigue ahí?",
    "For your privacy, this screen will start over in {seconds} seconds.":
        "Por su privacidad, esta pantalla volverá al inicio en {seconds} segundos.",
    "I'm still here": "Sigo aquí",
    "Touch anywhere to start": "Toque en cualquier lugar para empezar",
    "Information about PTSD and treatment options":
        "Información sobre el TEPT y opciones de tratamiento",
    "Take a moment.": "Tómese un momento.",
    "Breathe in slowly, and out slowly.": "Respire despacio, hacia adentro y hacia afuera.",
    "Return": "Volver",
    "Start over": "Empezar de nuevo",
    "Sorry, something went wrong.": "Lo sentimos, algo salió mal.",
    "The screen is working again. Tap Home to continue.":
        "La pantalla funciona de nuevo. Toque Inicio para continuar.",
    "Staff PIN": "PIN del personal",
    "Enter the staff PIN": "Escriba el PIN del personal",
    "Wrong PIN. Try again.": "PIN incorrecto. Intente de nuevo.",
    "Too many tries. Wait {seconds} seconds.": "Demasiados intentos. Espere {seconds} segundos.",
    "Cancel": "Cancelar",
    "OK": "Aceptar",
    "Delete": "Borrar",
    "Clear": "Limpiar",
    "Staff": "Personal",
    "Reload content and data": "Recargar contenido y datos",
    "Exit kiosk": "Salir del quiosco",
    "Clinic finder": "Buscador de clínicas",
    "The clinic finder is not available right now.":
        "El buscador de clínicas no está disponible ahora.",
    "Please ask the front desk for help finding a clinic.":
        "Pida ayuda en la recepción para encontrar una clínica.",
    "Page not available.": "Página no disponible.",
    "Listen": "Escuchar",
    "Stop": "Detener",
    "Sources": "Fuentes",
    "Topics": "Temas",
    "Page text": "Texto de la página",
}

CATALOGUES: dict[str, dict[str, str]] = {"es": ES}

_language = "en"


def set_language(code: str) -> None:
    global _language
    _language = code


def language() -> str:
    return _language


def N_(text: str) -> str:  # noqa: N802 (gettext convention)
    """Mark a string for translation where it is defined; ``tr`` translates it where shown."""
    return text


def tr(text: str, **values: object) -> str:
    """Translate an interface string into the current language and fill ``{names}``."""
    translated = CATALOGUES.get(_language, {}).get(text, text)
    return translated.format(**values) if values else translated


def locale() -> QLocale:
    """The QLocale for numbers, distances and dates in the current language."""
    return QLocale(QLocale.Language.Spanish if _language == "es" else QLocale.Language.English,
                   QLocale.Country.UnitedStates)
