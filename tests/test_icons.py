"""Every topic icon a content page may name exists, draws, and takes the colour asked for."""

from __future__ import annotations

import pytest

from kiosk import paths
from kiosk.content.model import ICONS


def near(colour: str, expected: str) -> bool:
    """Same colour give or take rounding of anti-aliased edges (1-2 per channel)."""
    a, b = int(colour[1:], 16), int(expected[1:], 16)
    return all(abs((a >> s & 255) - (b >> s & 255)) <= 2 for s in (0, 8, 16))


@pytest.mark.parametrize("name", ICONS)
def test_icon_exists_and_draws_in_the_asked_colour(qapp, name):
    from kiosk.ui.widgets.icons import icon_pixmap

    assert paths.resource("icons", f"{name}.svg").is_file()
    pixmap = icon_pixmap(name, 40, "#0b5563")
    assert not pixmap.isNull() and pixmap.deviceIndependentSize().toSize().width() == 40
    image = pixmap.toImage()
    opaque = {image.pixelColor(x, y).name() for x in range(image.width())
              for y in range(image.height()) if image.pixelColor(x, y).alpha() == 255}
    assert opaque and all(near(c, "#0b5563") for c in opaque)


def test_unknown_icon_is_null_not_an_error(qapp):
    from kiosk.ui.widgets.icons import icon_pixmap

    assert icon_pixmap("no-such-icon", 40).isNull()


def test_icon_licence_is_shipped():
    text = paths.resource("icons", "LICENSE.md").read_text(encoding="utf-8")
    assert "ISC License" in text and "Lucide" in text

