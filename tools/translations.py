"""Keep the interface translations current: Qt's lupdate, then lrelease.

    python3 tools/translations.py            # update every .ts from the code, build every .qm
    python3 tools/translations.py --check    # exit 1 if a .ts or .qm is behind the code
    python3 tools/translations.py --set es "English text" "Texto en español"
    python3 tools/translations.py --set en "%n seconds" "%n second" "%n seconds"

Translators open ``resources/i18n/kiosk_<code>.ts`` in Qt Linguist (``pyside6-linguist``).
The files carry no source line numbers (``-locations none``), so moving code does not
change them; only new, changed or removed strings do. English has a file of its own for
plural forms ("1 second"). ``--set`` fills one message from the command line (a plural
message takes one text per plural form: English and Spanish have two).

Run with the PySide6 of the project's environment; nothing here downloads anything.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk import languages  # noqa: E402

I18N = ROOT / "resources" / "i18n"
SOURCES = ROOT / "kiosk" / "ui"


def ts_path(code: str, folder: Path = I18N) -> Path:
    return folder / f"kiosk_{code}.ts"


def qm_path(code: str, folder: Path = I18N) -> Path:
    return folder / f"kiosk_{code}.qm"


def _tool(name: str) -> list[str]:
    """The PySide6 wrapper for a Qt tool (it sets up the libraries the binary needs)."""
    script = Path(sys.executable).parent / f"pyside6-{name}"
    if script.exists():
        return [str(script)]
    found = shutil.which(f"pyside6-{name}")
    if found:
        return [found]
    return [sys.executable, "-c", f"import sys; from PySide6.scripts.pyside_tool import {name}; "
            f"sys.argv[0] = 'pyside6-{name}'; sys.exit({name}())"]


def source_files() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in SOURCES.rglob("*.py"))


def lupdate(code: str, ts: Path) -> None:
    """Bring ``ts`` up to date with the strings marked in kiosk/ui."""
    cmd = [*_tool("lupdate"), *source_files(), "-tr-function-alias", "QT_TR_NOOP+=N_,tr+=tr_staff",
           "-locations", "none", "-no-obsolete", "-source-language", languages.SOURCE_LANGUAGE,
           "-target-language", code, "-silent", "-ts", str(ts)]
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True)


def lrelease(ts: Path, qm: Path) -> None:
    cmd = [*_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)]
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True)


def set_translation(code: str, source: str, forms: list[str]) -> None:
    """Write ``forms`` as the finished translation of ``source`` in ``code``'s .ts."""
    ts = ts_path(code)
    tree = ET.parse(ts)
    for message in tree.iter("message"):
        if message.findtext("source") != source:
            continue
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        translation.attrib.pop("type", None)
        if message.get("numerus") == "yes":
            for child in list(translation):
                translation.remove(child)
            translation.text = None
            for form in forms:
                ET.SubElement(translation, "numerusform").text = form
        else:
            if len(forms) != 1:
                raise SystemExit(f"{source!r} is not a plural message: give one translation")
            translation.text = forms[0]
        _write(tree, ts)
        return
    raise SystemExit(f"{ts.name}: no message {source!r} (run without --set first)")


def _write(tree: ET.ElementTree, ts: Path) -> None:
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                  encoding="utf-8")
    # lupdate rewrites in its own layout; normalise through it so files stay stable.
    lupdate(ts.stem.removeprefix("kiosk_"), ts)


def update() -> None:
    I18N.mkdir(parents=True, exist_ok=True)
    for code in languages.SUPPORTED:
        lupdate(code, ts_path(code))
        lrelease(ts_path(code), qm_path(code))


def check() -> list[str]:
    """What is behind the code: one line per stale file (empty when all are current)."""
    stale: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for code in languages.SUPPORTED:
            ts, fresh_ts = ts_path(code), ts_path(code, Path(tmp))
            if not ts.exists():
                stale.append(f"{ts.relative_to(ROOT)}: missing")
                continue
            shutil.copy(ts, fresh_ts)
            lupdate(code, fresh_ts)
            if fresh_ts.read_bytes() != ts.read_bytes():
                stale.append(f"{ts.relative_to(ROOT)}: behind the code (new, changed or removed strings)")
            fresh_qm = qm_path(code, Path(tmp))
            lrelease(ts, fresh_qm)
            qm = qm_path(code)
            if not qm.exists() or not filecmp.cmp(qm, fresh_qm, shallow=False):
                stale.append(f"{qm.relative_to(ROOT)}: not built from the current .ts")
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale files")
    parser.add_argument("--set", nargs="+", metavar=("CODE", "TEXT"),
                        help="CODE SOURCE TRANSLATION... : fill one message")
    args = parser.parse_args(argv)
    if args.check:
        stale = check()
        for line in stale:
            print(line)
        return 1 if stale else 0
    if args.set:
        if len(args.set) < 3:
            parser.error("--set needs CODE SOURCE TRANSLATION...")
        code, source, *forms = args.set
        languages.get(code)
        lupdate(code, ts_path(code))
        set_translation(code, source, forms)
    update()
    return 0


if __name__ == "__main__":
    sys.exit(main())
