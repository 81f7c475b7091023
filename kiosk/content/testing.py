"""Helpers that write small content packs, for tests here and in the UI (no pytest needed)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

DEFAULT_META: dict[str, Any] = {
    "order": 1,
    "kind": "article",
    "summary": "A short summary.",
    "icon": "welcome",
    "sources": ["A source"],
    "reviewed_by": "",
    "reviewed_on": "",
}


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} as TOML")


def page_text(page_id: str, body: str = "A short page. It is easy to read.",
              *, omit: Iterable[str] = (), **meta: Any) -> str:
    """A page file's text: front matter (defaults + ``meta``, minus ``omit``) and ``body``."""
    values: dict[str, Any] = {"id": page_id, "title": page_id.replace("-", " ").title()}
    values.update(DEFAULT_META)
    values.update(meta)
    lines = ["+++"]
    lines += [f"{key} = {_toml_value(value)}" for key, value in values.items()
              if key not in set(omit)]
    lines += ["+++", ""]
    return "\n".join(lines) + body.rstrip("\n") + "\n"


def write_page(pack_dir: Path, lang: str, page_id: str,
               body: str = "A short page. It is easy to read.", *, filename: str | None = None,
               omit: Iterable[str] = (), **meta: Any) -> Path:
    """Write one page into ``pack_dir/lang/`` and return its path."""
    folder = pack_dir / lang
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (filename or f"{page_id}.md")
    path.write_text(page_text(page_id, body, omit=omit, **meta), encoding="utf-8")
    return path


def write_glossary(pack_dir: Path, lang: str, entries: dict[str, tuple[str, str]]) -> Path:
    """Write ``pack_dir/lang/glossary.toml`` from {id: (term, definition)}; return its path."""
    folder = pack_dir / lang
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for term_id, (term, definition) in entries.items():
        lines += [f"[{term_id}]", f"term = {_toml_value(term)}",
                  f"definition = {_toml_value(definition)}", ""]
    path = folder / "glossary.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


LIST_BODY = """Some signs to know. Read them slowly.

## Group one

- **First** - The first card.
- **Second** - The second card.

## Group two

- **Third** - The third card.
"""


def make_pack(pack_dir: Path, langs: Iterable[str] = ("en",)) -> Path:
    """A small valid pack: a welcome article linking to a list page, in every language."""
    for lang in langs:
        write_page(pack_dir, lang, "welcome", "Hello. See the [list](page:signs).", order=1)
        write_page(pack_dir, lang, "signs", LIST_BODY, order=2, kind="list", icon="symptoms",
                   content_warning="This page talks about trauma.")
    return pack_dir


def png_bytes(width: int = 1, height: int = 1, *, complete: bool | None = None) -> bytes:
    """A PNG of ``width`` x ``height`` grey pixels; header only (no pixel data) when
    ``complete`` is False, the default for images over a million pixels."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height,
                                                               8, 0, 0, 0, 0))
    if complete is False or (complete is None and width * height > 1_000_000):
        return header
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return header + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
