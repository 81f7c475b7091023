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
    ("link", "surface"), ("accent", "surface"), ("text", "pressed"), ("term", "notice"),
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


def test_text_steps_grow_and_the_stylesheet_sets_no_text_size():
    """Text size changes fonts, not the sheet: a new sheet makes Qt polish every widget."""
    sizes = [text_px(1.0, step) for step in range(len(TEXT_STEPS))]
    assert sizes == sorted(sizes) and sizes[-1] >= sizes[0] * 1.5
    for theme in sorted(PALETTES):
        qss = stylesheet(theme, 22, 48)
        assert "$" not in qss and "font-size" not in qss


# Control outlines and the states drawn with them (WCAG 1.4.11 non-text contrast: 3:1):
# a button's border against the page and against its own fill, pressed or not; filled
# buttons and checked chips against the page; the keyboard focus ring.
OUTLINES = [
    ("border", "window"), ("border", "surface"), ("border", "pressed"),
    ("accent", "window"), ("help", "window"), ("focus", "window"), ("focus", "surface"),
    ("rule", "card"),
]


@pytest.mark.parametrize("theme", sorted(PALETTES))
@pytest.mark.parametrize(("fg", "bg"), OUTLINES)
def test_control_outlines_meet_3_to_1(theme, fg, bg):
    palette = PALETTES[theme]
    ratio = contrast(getattr(palette, fg), getattr(palette, bg))
    assert ratio >= 3.0, f"{theme}: {fg} against {bg} is {ratio:.2f}:1"


@pytest.mark.parametrize("theme", sorted(PALETTES))
def test_text_on_calm_cards(theme):
    palette = PALETTES[theme]
    for fg in ("text", "muted", "help"):
        assert contrast(getattr(palette, fg), palette.card) >= REQUIRED[theme], (theme, fg)


def test_chips_take_the_button_outline():
    """A chip is a button that stays down: no rule of its own changes its outline, corners or weight."""
    import re

    qss = stylesheet("default", 22, 48)
    chip_rules = re.findall(r'QPushButton\[role="chip"\][^{]*\{([^}]*)\}', qss)
    assert chip_rules  # the checked state
    for rule in chip_rules:
        for shape in ("border:", "border-width", "border-style", "border-radius", "font-weight"):
            assert shape not in rule, rule


def test_one_type_scale():
    from kiosk.ui.theme import document_css, type_scale

    sizes = type_scale(22)
    assert list(sizes) == sorted(sizes) and sizes.body == 22  # small < body < h2 < h1 < display
    for step in range(len(TEXT_STEPS)):
        px = text_px(1.0, step)
        scale = type_scale(px)
        css = document_css("default", px)
        assert f"h1 {{ font-size: {scale.h1}px" in css and f"h2 {{ font-size: {scale.h2}px" in css


def test_fit_text_gives_each_role_its_size_under_the_stylesheet(qtbot):
    """Fonts set by fit_text hold under the sheet, through a Contrast re-polish, for
    widgets nested in frames (which do not pass a new font on under a style sheet)."""
    from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

    from kiosk.ui.theme import fit_text, type_scale

    root = QWidget()
    qtbot.addWidget(root)
    frame = QFrame(root)
    layout = QVBoxLayout(frame)
    labels = {}
    for role in ("", "h1", "h2", "help-line", "display", "small", "muted"):
        labels[role] = QLabel(role or "body")
        labels[role].setProperty("role", role)
        layout.addWidget(labels[role])
    key = QPushButton("1")
    key.setProperty("role", "key")
    layout.addWidget(key)
    root.setStyleSheet(stylesheet("default", 22, 48))
    root.show()
    expected = {"": "body", "h1": "h1", "h2": "h2", "help-line": "h2", "display": "display",
                "small": "small", "muted": "body"}
    for theme in ("default", "high-contrast"):
        for step in range(len(TEXT_STEPS)):
            px = text_px(1.0, step)
            root.setStyleSheet(stylesheet(theme, 22, 48))
            fit_text(root, px)
            scale = type_scale(px)
            for role, label in labels.items():
                assert label.font().pixelSize() == getattr(scale, expected[role]), (role, step)
            assert labels["h1"].font().bold() and not labels[""].font().bold()
            assert key.font().pixelSize() == scale.h1 and key.font().bold()


def test_the_bundled_typeface_and_its_licence_are_shipped():
    from kiosk import paths
    from kiosk.ui.theme import FONT_FILES

    for name in FONT_FILES:
        data = paths.resource("fonts", name).read_bytes()
        assert data[:4] == b"\x00\x01\x00\x00" and len(data) > 40_000  # a TrueType font
    licence = paths.resource("fonts", "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "Braille Institute" in licence


@pytest.mark.parametrize("theme", sorted(PALETTES))
def test_buttons_on_a_notice_keep_an_outline(theme):
    """The content warning's buttons sit on the notice colour: their outline is its text colour."""
    palette = PALETTES[theme]
    qss = stylesheet(theme, 22, 48)
    assert f'#Notice QPushButton[role="primary"] {{ border-color: {palette.on_notice}; }}' in qss
    assert contrast(palette.on_notice, palette.notice) >= 3.0
