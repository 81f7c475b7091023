"""Themes: colour palettes filled into resources/themes/*.qss, the type scale and the typeface.

Colours live here (a test checks their contrast ratios); the QSS files hold
the shapes. Text size is one base pixel size that every size derives from, so
a text-size step scales all text at once: :func:`type_scale` is the one table
of sizes (small, body, h2, h1, display) that widgets' fonts (:func:`fit_text`, by
their ``role``), the reader's document CSS and painted widgets all use.

The stylesheet holds no text size. A Text size tap gives the widgets on show new
fonts and leaves the sheet alone; only Contrast (and the settings' text scale)
makes a new sheet, which Qt answers by polishing every widget again.
"""

from __future__ import annotations

from string import Template
from typing import TYPE_CHECKING, NamedTuple

from kiosk import paths

if TYPE_CHECKING:
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QWidget

TEXT_STEPS = (1.0, 1.25, 1.5)
BASE_TEXT_PX = 22
# Atkinson Hyperlegible (Braille Institute, SIL OFL 1.1): letters told apart at a
# glance (I l 1, O 0, b d), made for low vision. Fetched by tools/fetch_fonts.py.
FONT_FAMILY = "Atkinson Hyperlegible"
FONT_FILES = ("AtkinsonHyperlegible-Regular.ttf", "AtkinsonHyperlegible-Bold.ttf")
# The reading column: about 70 characters of body text (WCAG 1.4.8 asks for
# at most 80). Running English and Spanish text in Atkinson Hyperlegible
# averages 0.44-0.45 em a character, spaces included (measured with QFontMetricsF).
READING_CHARS = 70
AVERAGE_CHAR_EM = 0.45


class TypeScale(NamedTuple):
    """Pixel sizes of the kiosk's five text styles for one base size."""

    small: int
    body: int
    h2: int
    h1: int
    display: int


TYPE_RATIOS = (0.85, 1.0, 1.25, 1.6, 2.2)  # small, body, h2, h1, display


def type_scale(base_px: int) -> TypeScale:
    """The five text sizes for a body size (which already includes the patient's text step)."""
    return TypeScale(*(round(base_px * ratio) for ratio in TYPE_RATIOS))


def reading_width(base_px: int) -> int:
    """Widest a column of body text should be, in logical pixels, for ``base_px`` text."""
    return round(READING_CHARS * AVERAGE_CHAR_EM * base_px)


_installed_family = ""


def install_fonts() -> str:
    """Register the bundled typeface with Qt and make it the application font; returns the family.

    Two small TTFs read from disk (about 1 ms). A missing font file is logged and
    the platform's default font is kept: the kiosk still starts.
    """
    import logging

    from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

    global _installed_family
    if _installed_family:
        return _installed_family  # once per process: the application keeps the fonts
    families: list[str] = []
    for name in FONT_FILES:
        path = paths.resource("fonts", name)
        font_id = QFontDatabase.addApplicationFont(str(path)) if path.is_file() else -1
        if font_id < 0:
            logging.getLogger("kiosk.ui").warning("font not loaded: %s", path)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    if FONT_FAMILY not in families:
        return QGuiApplication.font().family()
    font = QFont(QGuiApplication.font())
    font.setFamilies([FONT_FAMILY])
    QGuiApplication.setFont(font)
    _installed_family = FONT_FAMILY
    return FONT_FAMILY


class Palette(NamedTuple):
    window: str
    surface: str
    text: str
    muted: str
    border: str  # control outlines: at least 3:1 against window, surface and pressed (WCAG 1.4.11)
    card: str  # calm, untappable cards (symptoms, risks): no outline, a rule at the left
    rule: str
    accent: str
    on_accent: str
    pressed: str
    help: str
    on_help: str
    notice: str
    on_notice: str
    link: str
    focus: str
    term: str  # a glossary word's text, on the notice tint (the link colour where it reads)


PALETTES: dict[str, Palette] = {
    "default": Palette(
        window="#F4F1EA", surface="#FFFFFF", text="#1B2430", muted="#3F4A55",
        border="#7D7462", card="#ECE7DC", rule="#0B5563", accent="#0B5563", on_accent="#FFFFFF",
        pressed="#D9D3C5",
        help="#24467A", on_help="#FFFFFF", notice="#FFF1CC", on_notice="#3A2C00",
        link="#0B5563", focus="#C26A00", term="#0B5563",
    ),
    "high-contrast": Palette(
        window="#000000", surface="#000000", text="#FFFFFF", muted="#FFFFFF",
        border="#FFFFFF", card="#000000", rule="#FFE14D", accent="#FFE14D", on_accent="#000000",
        pressed="#333333",
        help="#FFE14D", on_help="#000000", notice="#FFE14D", on_notice="#000000",
        link="#7FD8FF", focus="#7FD8FF", term="#000000",
    ),
}


def palette(theme: str) -> Palette:
    return PALETTES.get(theme, PALETTES["default"])


def text_px(scale: float, step: int) -> int:
    """Base body text size in logical pixels for a settings scale and a patient's step."""
    return round(BASE_TEXT_PX * scale * TEXT_STEPS[step])


def pad_px(shape_px: int) -> int:
    """Inner space of buttons and notices (the stylesheet's ``$pad``)."""
    return max(8, shape_px // 2)


def stylesheet(theme: str, shape_px: int, min_target_px: int) -> str:
    """The application stylesheet for a theme, the settings' body size at the first text
    step (which sets padding and corners) and the touch target size.

    The sheet holds colours, shapes and weights, never a text size: a Text size tap
    gives widgets new fonts (:func:`fit_text`) and leaves the sheet alone. A new sheet
    makes Qt polish every widget again, which cost 20-25 ms on the clinic search
    (88 widgets); new fonts for the same widgets cost about 2 ms.
    """
    qss = (paths.resource("themes", "base.qss")).read_text(encoding="utf-8")
    values: dict[str, str] = palette(theme)._asdict()
    values.update(
        family=FONT_FAMILY,
        target=str(min_target_px),
        pad=str(pad_px(shape_px)),
        radius=str(max(10, shape_px // 2)),
    )
    return Template(qss).safe_substitute(values)


# The text roles (the ``role`` property) that are not body size, and the type-scale size
# each has. The stylesheet gives them their weight and colour; fit_text their size.
ROLE_SIZES = {
    "h1": "h1",
    "h2": "h2",
    "help-line": "h2",  # Get help now reads a step larger: it must be read at a glance
    "key": "h1",  # keypad keys
    "display": "display",
    "big": "display",
    "small": "small",
}


def _size_of(role: object, sizes: TypeScale) -> int:
    return int(getattr(sizes, ROLE_SIZES.get(role, "body") if isinstance(role, str) else "body"))


def role_px(role: object, body_px: int) -> int:
    """The pixel size of text in ``role`` (a widget's ``role`` property) at ``body_px``."""
    return _size_of(role, type_scale(body_px))


def set_default_text_px(body_px: int) -> None:
    """The application font's size: what a widget made after its screen was fitted has
    until it is fitted (body text of the first step, not Qt's default point size)."""
    from PySide6.QtGui import QGuiApplication

    font = QGuiApplication.font()
    if font.pixelSize() != body_px:
        font.setPixelSize(body_px)
        QGuiApplication.setFont(font)


def default_text_px() -> int:
    """The application font's size (see :func:`set_default_text_px`): the first step's body
    size, which the stylesheet's padding and corners follow."""
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.font().pixelSize()


def fit_text(root: QWidget, body_px: int) -> None:
    """Give ``root`` and every widget in it the text size of its role at ``body_px``.

    Call it on a screen when the text size changes, and on widgets a screen builds
    after that (cards, rows): a widget under a style sheet does not take a new font
    from its parent, only when it is first polished. A widget already at its size is
    left alone (a new font makes it measure and lay itself out again).
    """
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QWidget

    sizes = type_scale(body_px)
    fonts: dict[int, QFont] = {}
    for widget in (root, *root.findChildren(QWidget)):
        px = _size_of(widget.property("role"), sizes)
        if widget.font().pixelSize() != px:
            font = fonts.get(px)
            if font is None:
                font = fonts[px] = QFont()
                font.setPixelSize(px)
            widget.setFont(font)


def document_css(theme: str, base_px: int) -> str:
    """Default stylesheet for QTextDocument (reader pages): QTextDocument's own CSS subset."""
    p = palette(theme)
    sizes = type_scale(base_px)
    return (
        f"body {{ color: {p.text}; font-size: {sizes.body}px; }}"
        f"p, li {{ line-height: 150%; margin-bottom: {base_px // 2}px; }}"
        f"h1 {{ font-size: {sizes.h1}px; }}"
        f"h2 {{ font-size: {sizes.h2}px; margin-top: {base_px}px; }}"
        f"h3 {{ font-size: {sizes.body}px; }}"
        f"a {{ color: {p.link}; text-decoration: underline; font-weight: bold; }}"
        f".external {{ color: {p.muted}; }}"
        f"blockquote {{ background-color: {p.notice}; color: {p.on_notice}; }}"
    )
