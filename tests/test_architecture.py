"""The Qt-free core rule and other structural promises."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE_MODULES = sorted(
    ".".join(p.relative_to(ROOT).with_suffix("").parts)
    for p in (ROOT / "kiosk").rglob("*.py")
    if "ui" not in p.relative_to(ROOT / "kiosk").parts[:1]
)


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_qt(module):
    """Every module outside kiosk/ui imports without pulling in PySide6."""
    code = (
        "import sys, importlib\n"
        f"importlib.import_module({module!r})\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(bad))\n"
    )
    if module.endswith("__main__"):
        pytest.skip("runs the command line")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"{module} imports {result.stdout.strip()}"


def test_cli_parser_builds_without_qt():
    code = ("import sys\nfrom kiosk.cli import build_parser\nbuild_parser()\n"
            "print(any(m.startswith('PySide6') for m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=60)
    assert result.stdout.strip() == "False", result.stderr


def test_main_py_and_python_m_run_the_same_command_line():
    for argv in ([sys.executable, "main.py", "--help"], [sys.executable, "-m", "kiosk", "--help"]):
        result = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, timeout=60)
        assert result.returncode == 0
        assert "check-config" in result.stdout
