"""Every interface string has its Spanish translation, with the same placeholders."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from kiosk.ui import i18n

UI = Path(__file__).resolve().parent.parent / "kiosk" / "ui"


def marked_strings() -> dict[str, str]:
    """Every literal passed to tr() or N_() in kiosk/ui, with where it is."""
    found: dict[str, str] = {}
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("tr", "N_") and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                found.setdefault(node.args[0].value, f"{path.name}:{node.lineno}")
    return found


STRINGS = marked_strings()


def test_the_scan_finds_the_interface_strings():
    assert len(STRINGS) > 40
    assert "Get help now" in STRINGS and "I'm still here" in STRINGS


@pytest.mark.parametrize("text", sorted(STRINGS))
def test_every_interface_string_has_a_spanish_translation(text):
    assert text in i18n.ES, f"{STRINGS[text]}: no Spanish for {text!r}"
    assert i18n.ES[text].strip(), f"{STRINGS[text]}: empty Spanish for {text!r}"


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("text", sorted(i18n.ES))
def test_translations_keep_their_placeholders(text):
    assert fields(text) == fields(i18n.ES[text])


def test_tr_follows_the_current_language():
    try:
        i18n.set_language("es")
        assert i18n.tr("Home") == "Inicio"
        assert i18n.tr("{current} of {total}", current=3, total=9) == "3 de 9"
        i18n.set_language("en")
        assert i18n.tr("Home") == "Home"
    finally:
        i18n.set_language("en")


def test_no_unused_translations_pile_up():
    unused = sorted(set(i18n.ES) - set(STRINGS))
    # Strings built elsewhere (e.g. state names) may be passed through tr(variable);
    # keep this list short and deliberate.
    assert len(unused) <= 15, unused


def test_spanish_strings_are_not_english_copies():
    # Short labels and units ("OK", "{distance} mi") may be the same in both.
    same = [k for k, v in i18n.ES.items()
            if k == v and len(re.sub(r"\{\w+\}", "", k).strip()) > 6]
    assert not same, same
