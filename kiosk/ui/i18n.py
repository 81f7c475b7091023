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
    "Page not available.": "Página no disponible.",
    "The clinic finder is not available right now.":
        "El buscador de clínicas no está disponible ahora.",
    "Please ask the front desk for help finding a clinic.":
        "Pida ayuda en la recepción para encontrar una clínica.",
    "Listen": "Escuchar",
    "Stop": "Detener",
    "Sources": "Fuentes",
    "Topics": "Temas",
    "Page text": "Texto de la página",
    # --- locator ---
    "Pain": "Dolor",
    "Depression": "Depresión",
    "Anxiety": "Ansiedad",
    "PTSD": "TEPT",
    "OCD": "TOC",
    "Addiction": "Adicción",
    "IV infusion": "Infusión intravenosa",
    "Injection": "Inyección",
    "Nasal spray": "Aerosol nasal",
    "By mouth": "Por vía oral",
    "Clinic visits": "Visitas a la clínica",
    "Care at home (online)": "Atención en casa (en línea)",
    "{distance} mi": "{distance} mi",
    "Every state": "Todos los estados",
    "Clinics you can visit": "Clínicas que puede visitar",
    "Online / at-home care in {state}": "Atención en línea o en casa en {state}",
    "This clinic": "Esta clínica",
    "Visit a clinic": "Ir a una clínica",
    "Care at home": "Atención en casa",
    "Both": "Ambas",
    "Search": "Buscar",
    "Loading the clinic list…": "Cargando la lista de clínicas…",
    "Clinics in {state}": "Clínicas en {state}",
    "Clinics within {miles} miles of this clinic": "Clínicas a menos de {miles} millas de esta clínica",
    "Clinics within {miles} miles of {zip} ({city}, {state})":
        "Clínicas a menos de {miles} millas de {zip} ({city}, {state})",
    "No clinics to visit in {state}.": "No hay clínicas para visitar en {state}.",
    "No clinics within {miles} miles of this clinic.":
        "No hay clínicas a menos de {miles} millas de esta clínica.",
    "No clinics within {miles} miles of {zip}.": "No hay clínicas a menos de {miles} millas de {zip}.",
    "Care at home is listed below.": "La atención en casa aparece más abajo.",
    "No at-home care found for {state}.": "No encontramos atención en casa para {state}.",
    "Search {miles} miles": "Buscar a {miles} millas",
    "Tap a numbered pin to see that clinic.": "Toque un número del mapa para ver esa clínica.",
    "Type of care": "Tipo de atención",
    "Distance": "Distancia",
    "Address": "Dirección",
    "Phone": "Teléfono",
    "Website": "Sitio web",
    "Helps with": "Ayuda con",
    "Ways to take ketamine": "Formas de recibir la ketamina",
    "Languages": "Idiomas",
    "Serves": "Atiende en",
    "Last verified: {date}": "Última verificación: {date}",
    "Last verified: not known": "Última verificación: no se sabe",
    "Scan with your phone's camera to save this clinic":
        "Escanee con la cámara de su teléfono para guardar esta clínica",
    "A ZIP code has 5 numbers. Please check and try again.":
        "Un código postal tiene 5 números. Revíselo e intente de nuevo.",
    "We could not find ZIP code {zip}. Please check the numbers, or choose your state.":
        "No encontramos el código postal {zip}. Revise los números o elija su estado.",
    "The clinic list is not available right now. Please ask the front desk for help finding a clinic.":
        "La lista de clínicas no está disponible ahora. Pida ayuda en la recepción para encontrar "
        "una clínica.",
    "Sample data: not real clinics": "Datos de ejemplo: no son clínicas reales",
    "Type a ZIP code": "Escriba un código postal",
    "Near this clinic": "Cerca de esta clínica",
    "Choose your state": "Elija su estado",
    "How far?": "¿Qué tan lejos?",
    "Help with": "Ayuda con",
    "Choose any. Choose none to see all clinics.":
        "Elija los que quiera. Si no elige ninguno, verá todas las clínicas.",
    "Back to search": "Volver a buscar",
    "New search": "Nueva búsqueda",
    "Back to results": "Volver a los resultados",
    "Search results": "Resultados de la búsqueda",
    "Map of the results": "Mapa de los resultados",
    # --- end locator ---
    # --- access: speech output (kiosk/ui/access) ---
    "Speech is on. Use the arrow keys to move and Enter to choose.":
        "Voz activada. Use las flechas para moverse y Enter para elegir.",
    "Speech is off.": "Voz desactivada.",
    "Volume {level} of {total}.": "Volumen {level} de {total}.",
    "To have more time, press any key.": "Para tener más tiempo, pulse cualquier tecla.",
    "You have more time.": "Tiene más tiempo.",
    "The screen is on.": "La pantalla está encendida.",
    "The screen is off. Speech goes on.": "La pantalla está apagada. La voz sigue.",
    "Searching.": "Buscando.",
    "Digit entered.": "Número escrito.",
    "The ZIP code is complete. Press Enter to search.":
        "El código postal está completo. Pulse Enter para buscar.",
    "End of the page.": "Fin de la página.",
    "Start of the page.": "Principio de la página.",
    "miles": "millas",
    "list": "lista",
    "text": "texto",
    "button": "botón",
    "selected": "seleccionado",
    "not selected": "no seleccionado",
    "unavailable": "no disponible",
    "step {current} of {total}": "paso {current} de {total}",
    "Press Enter to search": "Pulse Enter para buscar",
    "Deleted": "Borrado",
    "empty": "vacío",
    "No clinics found.": "No se encontraron clínicas.",
    "1 clinic found.": "Se encontró 1 clínica.",
    "{count} clinics found.": "{count} clínicas encontradas.",
    "Call or text 988. In danger now: call 911. Tell the front desk.":
        "Llame o envíe un mensaje de texto al 988. Si está en peligro ahora, llame al 911. "
        "Avise en la recepción.",
    "Home screen": "Pantalla de inicio",
    "Choose Continue to read the page, or Go back.":
        "Elija Continuar para leer la página, o Regresar.",
    "Page {current} of {total}.": "Página {current} de {total}.",
    "Press {key} to hear the next part.": "Pulse {key} para oír la parte siguiente.",
    "Type the 5 numbers of a ZIP code, then press Enter.":
        "Escriba los 5 números de un código postal y luego pulse Enter.",
    "QR code": "Código QR",
    "{first} or {second}": "{first} o {second}",
    "plus": "más",
    "minus": "menos",
    "star": "asterisco",
    "slash": "barra",
    "point": "punto",
    "Enter": "Enter",
    "Space": "Espacio",
    "Backspace": "Retroceso",
    "Page Down": "Avanzar página",
    "Page Up": "Retroceder página",
    "Up arrow": "Flecha arriba",
    "Down arrow": "Flecha abajo",
    "Left arrow": "Flecha izquierda",
    "Right arrow": "Flecha derecha",
    "For audio, press any key on the keypad.":
        "Para escuchar, pulse cualquier tecla del teclado numérico.",
    # --- end access ---
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
