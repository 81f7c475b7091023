"""Text from files is text: markup in every data field (page title, summary, content warning,
card names and texts, group headings, glossary, sources, the kiosk's name, clinic names and
addresses from the CSV) never renders as rich text on any screen; only the renderer's
sanitised HTML is rich."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt  # mightBeRichText is a QtGui function
from PySide6.QtWidgets import QLabel, QTextEdit, QWidget

from kiosk import paths
from kiosk.content.testing import write_page
from tests.ui_helpers import clinic_rows, open_finder, search_zip, settings_for, settle, tap_row

IMG = '<img src="/etc/x.png">'
BOLD = "<b>Bold</b>"
LINK = '<a href="page:welcome">Fake button</a>'
HOSTILE = f"{IMG}{BOLD}{LINK}"
MARKERS = ("<img", "<b>", "<a href")


def hostile_pack(root: Path) -> Path:
    for lang in ("en", "es"):
        (root / lang).mkdir(parents=True, exist_ok=True)
        (root / lang / "glossary.toml").write_text(
            f"[placebo]\nterm = '{HOSTILE}'\ndefinition = '{HOSTILE} definition'\n",
            encoding="utf-8")
        meta = dict(title=f"Title {HOSTILE}", summary=f"Summary {HOSTILE}",
                    sources=[f"Source {HOSTILE}"])
        write_page(root, lang, "welcome", "Hello [placebo](term:placebo).", order=1,
                   content_warning=f"Warning {HOSTILE}", **meta)
        write_page(root, lang, "signs",
                   f"Intro [placebo](term:placebo).\n\n## Group \\{IMG}\n\n"
                   f"- **Name {BOLD}** - Text {IMG} and [placebo](term:placebo).\n"
                   f"- **Other \\<b>x\\</b>** - Plain \\<b>y\\</b>.\n",
                   order=2, kind="list", icon="symptoms", **meta)
        write_page(root, lang, "help-now", "Call **988**.", order=9, kind="help", icon="help",
                   title=f"Help {HOSTILE}", summary=f"Help {HOSTILE}")
        write_page(root, lang, "find-a-clinic", "Find one.", order=10, kind="locator",
                   icon="locator", title=f"Find {HOSTILE}", summary=f"Find {HOSTILE}")
    return root


def hostile_clinics(target: Path) -> Path:
    source = paths.resource("clinics", "demo_clinics.csv")
    with open(source, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    fields = list(rows[0])
    for row in rows:
        if row["zip"] == "11020" or row["city"] == "Great Neck":
            row["name"] = f"Clinic {HOSTILE}"
            row["address"] = f"1 Main St {IMG}"
            row["city"] = f"Town {BOLD}"
    with open(target, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return target


def rich_offenders(root: QWidget) -> list[str]:
    """Every widget under ``root`` that would draw data markup as rich text."""
    bad: list[str] = []
    for label in root.findChildren(QLabel):
        text = label.text()
        if not any(marker in text for marker in MARKERS):
            continue
        fmt = label.textFormat()
        if fmt == Qt.TextFormat.RichText or (fmt == Qt.TextFormat.AutoText
                                             and GuiQt.mightBeRichText(text)):
            bad.append(f"QLabel {label.objectName() or label.property('role')}: {text[:80]!r}")
    for editor in root.findChildren(QTextEdit):
        # Drawn as markup, the data would leave a real image or a real link in the document.
        markup = editor.toHtml()
        if 'src="/etc/x.png"' in markup or 'href="page:welcome">Fake' in markup:
            bad.append(f"{type(editor).__name__}: {editor.toPlainText()[:80]!r}")
    return bad


def test_markup_in_every_data_field_shows_as_text(qtbot, open_window, tmp_path):
    hostile_pack(tmp_path / "pack")
    clinics = hostile_clinics(tmp_path / "clinics.csv")
    extra = (f"[locator]\nclinics = '{clinics}'\n")
    settings = settings_for(tmp_path, extra)
    settings = settings._replace(kiosk=settings.kiosk._replace(name=f"Kiosk {HOSTILE}"))
    window = open_window(settings, size=(1280, 800))
    seen: list[str] = []

    def check(where: str) -> None:
        settle()
        seen.append(where)
        offenders = rich_offenders(window)
        assert not offenders, f"{where}: {offenders}"

    check("home")
    for lang in ("en", "es"):
        if lang == "es":
            window.state.set_language("es")
        for page_id in ("welcome", "signs"):
            window.open_page(page_id)
            check(f"{lang} {page_id} warning")
            window.reader.accept_warning()
            check(f"{lang} {page_id}")
            window.reader.open_term("placebo")
            check(f"{lang} {page_id} definition")
        window.open_help()
        check(f"{lang} help")
    window.state.set_language("en")
    screen = open_finder(qtbot, window)
    check("finder")
    search_zip(qtbot, screen, "11020")
    rows = clinic_rows(screen)
    assert rows, "no clinics near 11020"
    assert any("Clinic" in str(clinic) for _row, clinic in rows)
    check("results")
    tap_row(qtbot, screen, rows[0][0])
    check("clinic detail")
    window.open_staff()
    check("staff")
    window.reset_session()
    window.attract.open()
    check("attract")
    window.attract.hide()
    window.idle_overlay.open()
    check("idle warning")
    assert len(seen) >= 14
