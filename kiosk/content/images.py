"""Image budgets read from file headers, before anything is decoded. Qt-free.

A picture is checked by its header alone (PNG IHDR, JPEG SOF, GIF screen, WebP VP8/
VP8L/VP8X, BMP info header, SVG width/height/viewBox): what it would cost decoded
(width x height x 4 bytes), against a per-image and a per-page budget. Several
large one-colour PNGs (a few KB each on disk) once took 2.5 GB and froze the reader
for 9 s. SVGs must be self-contained: no references to other files, no entities,
no scripts. The reader's resource gate (kiosk/ui/screens/page.py) calls
``image_budget_problem`` and ``PageImageBudget``; the renderer and the checker do too.
"""

from __future__ import annotations

import os
import re
import stat
import struct
from pathlib import Path

MAX_IMAGE_PIXELS = 16_000_000  # 16 megapixels: 64 MB decoded at 4 bytes a pixel
MAX_PAGE_IMAGE_BYTES = 96 * 1024 * 1024  # all images of one page, decoded
MAX_SIDE = 16384
BYTES_PER_PIXEL = 4
HEAD_BYTES = 512 * 1024  # JPEG: the size must appear within this many bytes
MAX_SVG_BYTES = 1024 * 1024
FORMATS = "PNG, JPEG, GIF, WebP, BMP or SVG"


class _Unreadable(Exception):
    pass


def _read_head(path: Path, limit: int) -> bytes:
    """At most ``limit`` bytes from the start of a regular file (never blocks on a FIFO)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _Unreadable(f"cannot read: {exc.strerror or exc}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _Unreadable("not a regular file")
        chunks: list[bytes] = []
        total = 0
        while total < limit:
            chunk = os.read(fd, min(1 << 16, limit - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise _Unreadable(f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _png(head: bytes) -> tuple[int, int] | None:
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR" or len(head) < 24:
        return None
    width, height = struct.unpack(">II", head[16:24])
    return width, height


_SOF = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE,
                  0xCF})


def _jpeg(head: bytes) -> tuple[int, int] | None:
    if head[:2] != b"\xff\xd8":
        return None
    pos = 2
    while pos + 4 <= len(head):
        if head[pos] != 0xFF:
            return None
        marker = head[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        (length,) = struct.unpack(">H", head[pos + 2:pos + 4])
        if marker in _SOF:
            if pos + 9 > len(head):
                return None
            height, width = struct.unpack(">HH", head[pos + 5:pos + 9])
            return width, height
        if length < 2:
            return None
        pos += 2 + length
    return None


def _gif(head: bytes) -> tuple[int, int] | None:
    if head[:6] not in (b"GIF87a", b"GIF89a") or len(head) < 10:
        return None
    width, height = struct.unpack("<HH", head[6:10])
    return width, height


def _webp(head: bytes) -> tuple[int, int] | None:
    if head[:4] != b"RIFF" or head[8:12] != b"WEBP" or len(head) < 30:
        return None
    chunk = head[12:16]
    if chunk == b"VP8X":
        width = int.from_bytes(head[24:27], "little") + 1
        height = int.from_bytes(head[27:30], "little") + 1
        return width, height
    if chunk == b"VP8L" and head[20] == 0x2F:
        bits = int.from_bytes(head[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8 " and head[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", head[26:30])
        return width & 0x3FFF, height & 0x3FFF
    return None


def _bmp(head: bytes) -> tuple[int, int] | None:
    if head[:2] != b"BM" or len(head) < 26:
        return None
    width, height = struct.unpack("<ii", head[18:26])
    return abs(width), abs(height)


_UNITS = {"": 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54,
          "mm": 96 / 25.4, "em": 16.0, "ex": 8.0}
_LENGTH_RE = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)\s*([a-z%]*)\s*$")
_SVG_TAG_RE = re.compile(r"<svg\b([^>]*)>", re.IGNORECASE | re.DOTALL)
_ATTR_RE = re.compile(r"""([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*("[^"]*"|'[^']*')""")
_REF_ATTR_RE = re.compile(r"""(?:^|[\s<])((?:[A-Za-z_][-A-Za-z0-9_.]*:)?href)\s*=\s*("[^"]*"|'[^']*')""")
_URL_RE = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)""", re.IGNORECASE)


def _svg_length(value: str | None) -> float | None:
    if value is None:
        return None
    m = _LENGTH_RE.match(value)
    if not m or m.group(2) not in _UNITS:
        return None  # "100%", "auto": the viewBox decides
    return float(m.group(1)) * _UNITS[m.group(2)]


def _svg_problem(data: bytes) -> tuple[str | None, tuple[int, int] | None]:
    """(why the SVG is refused or None, its default size or None)."""
    if data[:2] == b"\x1f\x8b":
        return "a compressed SVG (svgz) is not accepted; save it as plain SVG", None
    text = data.decode("utf-8", "replace")
    lowered = text.lower()
    if "<!entity" in lowered:
        return "the SVG declares entities (<!ENTITY); only self-contained SVG is accepted", None
    for tag in ("<script", "<foreignobject", "<iframe", "<use xlink:href=\"http"):
        if tag in lowered:
            return f"the SVG contains {tag[1:]}; only self-contained SVG is accepted", None
    if "@import" in lowered:
        return "the SVG's style imports another file (@import); it must be self-contained", None
    for _, quoted in _REF_ATTR_RE.findall(text):
        target = quoted[1:-1].strip()
        if not (target.startswith("#") or target.lower().startswith("data:")):
            shown = target if len(target) <= 40 else target[:37] + "..."
            return (f"the SVG refers to another file or address ({shown!r}); only "
                    "self-contained SVG is accepted (links within it, #id, are fine)"), None
    for _, target in _URL_RE.findall(text):
        target = target.strip()
        if target and not (target.startswith("#") or target.lower().startswith("data:")):
            return f"the SVG's style refers to {target[:40]!r}; it must be self-contained", None
    m = _SVG_TAG_RE.search(text)
    if m is None:
        return "not an SVG image (no <svg> element)", None
    attrs = {k.lower(): v[1:-1] for k, v in _ATTR_RE.findall(m.group(1))}
    width, height = _svg_length(attrs.get("width")), _svg_length(attrs.get("height"))
    box = attrs.get("viewbox", "").replace(",", " ").split()
    if (width is None or height is None) and len(box) == 4:
        try:
            box_w, box_h = float(box[2]), float(box[3])
        except ValueError:
            box_w = box_h = 0.0
        if width is None and height is None:
            width, height = box_w, box_h
        elif width is None and box_h > 0:
            width = height * box_w / box_h  # type: ignore[operator]
        elif height is None and box_w > 0:
            height = width * box_h / box_w  # type: ignore[operator]
    if width is None or height is None:
        return None, None
    return None, (int(min(width, 1e9)), int(min(height, 1e9)))


def image_size(path: Path) -> tuple[int, int] | None:
    """(width, height) from the header, or None when the format is not known or broken."""
    try:
        head = _read_head(path, HEAD_BYTES)
    except _Unreadable:
        return None
    for reader in (_png, _jpeg, _gif, _webp, _bmp):
        size = reader(head)
        if size is not None:
            return size
    if _looks_like_svg(path, head):
        return _svg_problem(head)[1]
    return None


def _looks_like_svg(path: Path, head: bytes) -> bool:
    if os.fspath(path).lower().endswith((".svg", ".svgz")):
        return True
    start = head[:256].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<?xml", b"<svg", b"<!doctype svg"))


def decoded_bytes(size: tuple[int, int]) -> int:
    return size[0] * size[1] * BYTES_PER_PIXEL


def image_budget_problem(path: Path) -> str | None:
    """Why the image at ``path`` must not be shown (too large decoded, unknown format, an SVG
    that is not self-contained, not a regular file), or None. Reads the header only."""
    path = Path(path)
    try:
        head = _read_head(path, HEAD_BYTES)
    except _Unreadable as exc:
        return f"image {_name(path)}: {exc}"
    size = None
    for reader in (_png, _jpeg, _gif, _webp, _bmp):
        size = reader(head)
        if size is not None:
            break
    else:
        if not _looks_like_svg(path, head):
            return f"image {_name(path)}: not a {FORMATS} file (or its header is damaged)"
        try:
            data = _read_head(path, MAX_SVG_BYTES + 1)
        except _Unreadable as exc:
            return f"image {_name(path)}: {exc}"
        if len(data) > MAX_SVG_BYTES:
            return f"image {_name(path)}: an SVG may be at most {MAX_SVG_BYTES // 1024} KB"
        problem, size = _svg_problem(data)
        if problem:
            return f"image {_name(path)}: {problem}"
        if size is None:
            return None  # no size given: drawn at a small default size
    width, height = size
    if width <= 0 or height <= 0:
        return f"image {_name(path)}: the header gives no size ({width} x {height})"
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_IMAGE_PIXELS:
        return (f"image {_name(path)} is {width:,} x {height:,} pixels "
                f"({decoded_bytes(size) / 2**20:,.0f} MB when shown); the limit is "
                f"{MAX_IMAGE_PIXELS / 1e6:g} megapixels and {MAX_SIDE:,} pixels a side: "
                "scale it down")
    return None


class PageImageBudget:
    """The decoded size of one page's images so far; refuses those past the page budget."""

    def __init__(self, limit: int = MAX_PAGE_IMAGE_BYTES) -> None:
        self.limit = limit
        self.used = 0
        self._seen: set[str] = set()

    def admit(self, path: Path) -> str | None:
        """None if ``path`` may be shown on this page (and count it), else why not."""
        problem = image_budget_problem(path)
        if problem:
            return problem
        key = os.fspath(path)
        if key in self._seen:
            return None  # the same picture twice is decoded once
        size = image_size(Path(path))
        cost = decoded_bytes(size) if size else 0
        if self.used + cost > self.limit:
            return (f"image {_name(Path(path))}: this page's images would take "
                    f"{(self.used + cost) / 2**20:,.0f} MB when shown; the limit for one page "
                    f"is {self.limit / 2**20:,.0f} MB")
        self.used += cost
        self._seen.add(key)
        return None


def _name(path: Path) -> str:
    return os.fspath(path.name).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
