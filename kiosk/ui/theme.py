"""Themes: colour palettes filled into resources/themes/*.qss, and text sizes.

Colours live here (a test checks their contrast ratios); the QSS files hold
the shapes. Text size is one base pixel size that every rule derives from, so
a text-size step scales all text at once.
"""

from __future__ import annotations

from string import Template
from typing import NamedTuple

from kiosk import paths

TEXT_STEPS = (1.0, 1.25, 1.5)
BASE_TEXT_PX = 22


class Palette(NamedTuple):
    window: str
    surface: str
    text: str
    muted: str
    border: str
    accent: str
    on_accent: str
    pressed: str
    help: str
    on_help: str
    notice: str
    on_notice: str
    link: str
    focus: str


PALETTES: dict[str, Palette] = {
    "default": Palette(
        window="#F4F1EA", surface="#FFFFFF", text="#1B2430", muted="#3F4A55",
        border="#B9B2A3", accent="#0B5563", on_accent="#FFFFFF", pressed="#D9D3C5",
        help="#24467A", on_help="#FFFFFF", notice="#FFF1CC", on_notice="#3A2C00",
        link="#0B5563", focus="#C26A00",
    ),
    "high-contrast": Palette(
        window="#000000", surface="#000000", text="#FFFFFF", muted="#FFFFFF",
        border="#FFFFFF", accent="#FFE14D", on_accent="#000000", pressed="#333333",
        help="#FFE14D", on_help="#000000", notice="#FFE14D", on_notice="#000000",
        link="#7FD8FF", focus="#7FD8FF",
    ),
}


def palette(theme: str) -> Palette:
    return PALETTES.get(theme, PALETTES["default"])


def text_px(scale: float, step: int) -> int:
    """Base body text size in logical pixels for a settings scale and a patient's step."""
    return round(BASE_TEXT_PX * scale * TEXT_STEPS[step])


def stylesheet(theme: str, base_px: int, min_target_px: int) -> str:
    """The application stylesheet for a theme, a base text size and the touch target size."""
    qss = (paths.resource("themes", "base.qss")).read_text(encoding="utf-8")
    values: dict[str, str] = palette(theme)._asdict()
    values.update(
        body=str(base_px),
        small=str(round(base_px * 0.85)),
        h1=str(round(base_px * 1.6)),
        h2=str(round(base_px * 1.25)),
        big=str(round(base_px * 2.2)),
        target=str(min_target_px),
        pad=str(max(8, base_px // 2)),
        radius=str(max(10, base_px // 2)),
    )
    return Template(qss).safe_substitute(values)


def document_css(theme: str, base_px: int) -> str:
    """Default stylesheet for QTextDocument (reader pages): QTextDocument's own CSS subset."""
    p = palette(theme)
    return (
        f"body {{ color: {p.text}; font-size: {base_px}px; }}"
        f"p, li {{ line-height: 150%; margin-bottom: {base_px // 2}px; }}"
        f"h1 {{ font-size: {round(base_px * 1.6)}px; }}"
        f"h2 {{ font-size: {round(base_px * 1.3)}px; margin-top: {base_px}px; }}"
        f"h3 {{ font-size: {round(base_px * 1.1)}px; }}"
        f"a {{ color: {p.link}; text-decoration: underline; font-weight: bold; }}"
        f".external {{ color: {p.muted}; }}"
        f"blockquote {{ background-color: {p.notice}; color: {p.on_notice}; }}"
    )
