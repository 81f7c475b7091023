"""The Qt-free core rule and other structural promises."""

from __future__ import annotations

import ast
import os
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


def _dataclass_uses(source: str) -> list[int]:
    """Lines where a module imports dataclasses (or names it): records in kiosk/ are NamedTuples."""
    tree = ast.parse(source)
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name == "dataclasses" for a in node.names):
            lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and node.module == "dataclasses":
            lines.append(node.lineno)
        elif isinstance(node, ast.Name | ast.Attribute) and "dataclass" in (
                node.id if isinstance(node, ast.Name) else node.attr):
            lines.append(node.lineno)
    return sorted(set(lines))


def test_the_rule_finds_a_dataclass():
    assert _dataclass_uses("from dataclasses import dataclass\n\n@dataclass\nclass A:\n    x: int\n") \
        == [1, 3]
    assert _dataclass_uses("import dataclasses\n\n@dataclasses.dataclass(frozen=True)\nclass A:\n"
                           "    x: int\n") == [1, 3]
    assert _dataclass_uses("from typing import NamedTuple\n\nclass A(NamedTuple):\n    x: int\n") == []


def test_records_are_named_tuples_not_dataclasses():
    """One rule for immutable records in kiosk/: NamedTuple (see kiosk/locator/schema.py)."""
    found = [f"{p.relative_to(ROOT)}:{line}" for p in sorted((ROOT / "kiosk").rglob("*.py"))
             for line in _dataclass_uses(p.read_text(encoding="utf-8"))]
    assert found == [], f"dataclass used (records are NamedTuples): {found}"


def test_start_up_does_not_import_dataclasses():
    """No kiosk module pulls dataclasses (and what it imports) in on the way to the first paint."""
    result = subprocess.run([sys.executable, "-X", "importtime", "main.py", "--windowed",
                             "--exit-after-startup"], capture_output=True, text=True, cwd=ROOT,
                            timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr[-500:]
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()
                if line.startswith("import time:")]
    assert "kiosk.ui.window" in imported  # the log is read: the kiosk got to its window
    assert "dataclasses" not in imported


def _code_files() -> list[Path]:
    return sorted([*(ROOT / "kiosk").rglob("*.py"), *(ROOT / "tools").rglob("*.py")])


def test_every_name_the_locator_exports_is_used_by_the_kiosk_or_its_tools():
    """A public name of kiosk.locator that only its tests use is dead code (map_points was)."""
    import kiosk.locator

    used: dict[str, set[Path]] = {}
    defined: dict[str, set[Path]] = {}
    for path in _code_files():
        if path == ROOT / "kiosk" / "locator" / "__init__.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Name):
                used.setdefault(node.id, set()).add(path)
            elif isinstance(node, ast.Attribute):
                used.setdefault(node.attr, set()).add(path)
            elif isinstance(node, ast.alias):
                used.setdefault(node.name, set()).add(path)
            elif isinstance(node, ast.FunctionDef | ast.ClassDef):
                defined.setdefault(node.name, set()).add(path)
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Name):
                        defined.setdefault(target.id, set()).add(path)
    unused = [name for name in kiosk.locator.__all__
              if not used.get(name, set()) - defined.get(name, set())]
    assert unused == [], f"exported by kiosk.locator, used nowhere outside its module: {unused}"


def test_every_clinic_resource_is_named_by_the_kiosk_or_its_tools():
    """A file in resources/clinics that no code names is shipped for nothing (map_points.txt was)."""
    names: set[str] = set()
    for path in _code_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                names.add(node.value)
    unread = [p.name for p in sorted((ROOT / "resources" / "clinics").iterdir())
              if p.is_file() and not any(p.name in text for text in names)]
    assert unread == []
