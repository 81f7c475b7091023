"""Interface translations: Qt Linguist files that are current, complete and consistent."""

from __future__ import annotations

import ast
import re
import string
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kiosk import languages, paths
from kiosk.ui import i18n

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "kiosk" / "ui"


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


def plural_strings() -> set[str]:
    """Literals passed to tr() with a count (the third argument, or n=)."""
    plural: set[str] = set()
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "tr"
                    and node.args and isinstance(node.args[0], ast.Constant)
                    and (len(node.args) >= 3 or any(k.arg == "n" for k in node.keywords))):
                plural.add(node.args[0].value)
    return plural


def messages(code: str) -> dict[str, ET.Element]:
    tree = ET.parse(paths.resource("i18n", f"kiosk_{code}.ts"))
    return {m.findtext("source") or "": m for m in tree.iter("message")}


STRINGS = marked_strings()
PLURALS = plural_strings()
TARGETS = [code for code in languages.SUPPORTED if code != languages.SOURCE_LANGUAGE]


def translation_forms(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    if message.get("numerus") == "yes":
        return [form.text or "" for form in translation.findall("numerusform")]
    return [translation.text or ""]


def test_the_scan_finds_the_interface_strings():
    assert len(STRINGS) > 40
    assert "Get help now" in STRINGS and "I'm still here" in STRINGS


def test_the_translation_files_are_current_with_the_code():
    # lupdate over kiosk/ui and lrelease of each .ts give exactly the committed files.
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "translations.py"), "--check"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("code", languages.SUPPORTED)
def test_every_registered_language_has_its_files(code):
    assert paths.resource("i18n", f"kiosk_{code}.ts").is_file()
    assert paths.resource("i18n", f"kiosk_{code}.qm").is_file()
    assert paths.builtin_content_dir().joinpath(code).is_dir()


def test_lupdate_sees_every_marked_string():
    for code in languages.SUPPORTED:
        found = messages(code)
        missing = sorted(set(STRINGS) - set(found))
        assert not missing, f"kiosk_{code}.ts lacks {missing}"


@pytest.mark.parametrize("code", TARGETS)
@pytest.mark.parametrize("text", sorted(STRINGS))
def test_every_interface_string_has_a_finished_translation(code, text):
    message = messages(code)[text]
    translation = message.find("translation")
    assert translation is not None and translation.get("type") != "unfinished", (
        f"{STRINGS[text]}: no finished {code} translation for {text!r}")
    assert all(form.strip() for form in translation_forms(message)), f"empty {code} text for {text!r}"


def fields(text: str) -> set[str]:
    names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
    return names | set(re.findall(r"%n", text))


@pytest.mark.parametrize("code", languages.SUPPORTED)
def test_translations_keep_their_placeholders(code):
    for source, message in messages(code).items():
        for form in translation_forms(message):
            if form:
                assert fields(form) == fields(source), f"{code}: {source!r} -> {form!r}"


@pytest.mark.parametrize("code", languages.SUPPORTED)
def test_plural_messages_are_plural_in_every_language(code):
    # The source language has a file too: "1 second", not "1 seconds".
    found = messages(code)
    assert PLURALS, "no plural strings found: the scan is broken"
    for text in PLURALS:
        assert found[text].get("numerus") == "yes", text
        forms = translation_forms(found[text])
        assert len(forms) == 2 and all(forms), (code, text, forms)


def test_spanish_strings_are_not_english_copies():
    # Short labels and units ("OK", "{distance} mi") may be the same in both.
    same = [source for source, message in messages("es").items()
            for form in translation_forms(message)
            if form == source and len(re.sub(r"\{\w+\}", "", source).strip()) > 6]
    assert not same, same


def test_tr_follows_the_current_language(qapp):
    try:
        i18n.set_language("es")
        assert i18n.tr("Home") == "Inicio"
        assert i18n.tr("{current} of {total}", current=3, total=9) == "3 de 9"
        assert i18n.locale().name() == "es_US"
        i18n.set_language("en")
        assert i18n.tr("Home") == "Home"
    finally:
        i18n.set_language("en")


LOCKED = "Too many wrong PINs. The keypad is locked: wait %n seconds."  # the PIN pad's


@pytest.mark.parametrize(("code", "one", "many"), [
    ("en", "wait 1 second.", "wait 7 seconds."),
    ("es", "espere 1 segundo.", "espere 7 segundos."),
])
def test_counts_take_the_right_plural(qapp, code, one, many):
    try:
        i18n.set_language(code)
        assert i18n.tr(LOCKED, None, 1).endswith(one)
        assert i18n.tr(LOCKED, None, 7).endswith(many)
    finally:
        i18n.set_language("en")


def test_an_unknown_language_is_an_error_not_english(qapp):
    with pytest.raises(KeyError, match="xx"):
        i18n.set_language("xx")
    assert i18n.language() == "en"


def test_a_missing_translation_file_is_logged(qapp, monkeypatch, tmp_path, caplog):
    monkeypatch.setattr(i18n, "qm_path", lambda code: tmp_path / f"kiosk_{code}.qm")
    try:
        with caplog.at_level("ERROR", logger="kiosk.ui.i18n"):
            i18n.set_language("es")
        assert "kiosk_es.qm" in caplog.text
    finally:
        monkeypatch.undo()
        i18n.set_language("en")
