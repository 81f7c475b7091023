"""Theme colours meet WCAG contrast: 4.5:1 for the default theme (1.4.3), 7:1 for high contrast (1.4.6)."""

from __future__ import annotations

import pytest

from kiosk.ui.theme import PALETTES, TEXT_STEPS, stylesheet, text_px


def luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# (foreground, background) pairs that carry text somewhere in the kiosk.
PAIRS = [
    ("text", "window"), ("text", "surface"), ("muted", "window"), ("muted", "surface"),
    ("on_accent", "accent"), ("on_help", "help"), ("on_notice", "notice"),
    ("link", "surface"), ("accent", "surface"), ("text", "pressed"),
]
REQUIRED = {"default": 4.5, "high-contrast": 7.0}


@pytest.mark.parametrize("theme", sorted(PALETTES))
@pytest.mark.parametrize(("fg", "bg"), PAIRS)
def test_text_contrast(theme, fg, bg):
    palette = PALETTES[theme]
    ratio = contrast(getattr(palette, fg), getattr(palette, bg))
    assert ratio >= REQUIRED[theme], f"{theme}: {fg} on {bg} is {ratio:.2f}:1"


def test_known_contrast_values():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_text_steps_grow_and_stylesheet_follows():
    sizes = [text_px(1.0, step) for step in range(len(TEXT_STEPS))]
    assert sizes == sorted(sizes) and sizes[-1] >= sizes[0] * 1.5
    assert f"font-size: {sizes[-1]}px" in stylesheet("default", sizes[-1], 48)
    assert "$" not in stylesheet("high-contrast", 22, 48)
