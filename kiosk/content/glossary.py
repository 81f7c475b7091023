"""The glossary: ``<pack>/<lang>/glossary.toml``, one ``[ID]`` table per hard word. Qt-free.

```toml
[placebo]
term = "placebo"
definition = "A treatment with no active medicine in it, used to compare results."
```

A page marks a word with ``[placebo](term:placebo)``; the reader shows the definition
when it is tapped. Loading never raises: a bad file or entry is a problem with its line,
and the good entries still serve.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from kiosk.content.model import ContentProblem, Term, invisible_character

GLOSSARY_FILE = "glossary.toml"
MAX_GLOSSARY_BYTES = 256 * 1024
TERM_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A term link in page Markdown: [words](term:ID). Used by the checker to find lines.
TERM_LINK_RE = re.compile(r"\]\(\s*<?term:([^)\s>]*)>?\s*\)")
_HEADER_RE = re.compile(r"""^\s*\[\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*\]\s*(?:#.*)?$""")
_KEYS = ("term", "definition")


def glossary_path(lang_dir: Path) -> Path:
    return lang_dir / GLOSSARY_FILE


def parse_glossary(text: str, file: str) -> tuple[dict[str, Term], list[ContentProblem]]:
    """Entries and problems of one glossary file's text (already decoded)."""
    import tomllib

    problems: list[ContentProblem] = []

    def problem(line: int | None, message: str, severity: str = "error") -> None:
        problems.append(ContentProblem(file, line, message,
                                       "warning" if severity == "warning" else "error"))

    lines = text.split("\n")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        problem(int(m.group(1)) if m else 1, f"glossary TOML error: {message}")
        return {}, problems
    except (ValueError, RecursionError):
        problem(1, "glossary TOML error: a value is too long or nested too deeply")
        return {}, problems
    headers: dict[str, int] = {}
    for number, raw in enumerate(lines, start=1):
        if m := _HEADER_RE.match(raw):
            headers.setdefault(m.group(1).strip("\"'"), number)
    entries: dict[str, Term] = {}
    for key, value in data.items():
        line = headers.get(key, 1)
        shown = key if key.isprintable() and len(key) <= 40 else repr(key[:40])
        if not TERM_ID_RE.match(key):
            problem(line, f"glossary id {shown!r} is not an id: use lower-case letters, "
                          "digits and single hyphens, e.g. [off-label]")
            continue
        if not isinstance(value, dict):
            problem(line, f"{key}: expected a table [{key}] with term and definition")
            continue
        ok = True
        clean: dict[str, str] = {}
        for field in _KEYS:
            item = value.get(field)
            if not isinstance(item, str) or not item.strip():
                problem(line, f"[{key}] needs a non-empty {field} string")
                ok = False
            elif field == "term" and "\n" in item.strip():
                problem(line, f"[{key}] term must be one line")
                ok = False
            elif found := invisible_character(item):
                problem(line, f"[{key}] {field} contains {found[1]} (U+{ord(found[0]):04X}), "
                              "invisible on screen; delete it")
                ok = False
            else:
                clean[field] = " ".join(item.split())
        for extra in value:
            if extra not in _KEYS:
                problem(line, f"[{key}] unknown key {extra!r} (expected term and definition)",
                        "warning")
        if ok:
            entries[key] = Term(key, clean["term"], clean["definition"])
    return entries, problems


def used_terms(markup: str) -> tuple[str, ...]:
    """Glossary ids linked from safe HTML (``<a ... href="term:ID">``), in order of first use."""
    return tuple(dict.fromkeys(_HREF_RE.findall(markup)))


_HREF_RE = re.compile(r"""<a\b[^>]*\shref="term:([a-z0-9]+(?:-[a-z0-9]+)*)\"""")


def definitions(glossary: Mapping[str, Term], ids: tuple[str, ...]) -> list[Term]:
    """The entries for ``ids`` that the glossary defines, in the same order."""
    return [glossary[i] for i in ids if i in glossary]
