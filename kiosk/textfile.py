"""The one reader of staff files: settings, content pages, clinic CSVs.

Every read goes through :func:`open_staff_file` (streamed, as the CSV importer
reads) or :func:`read_bytes` (whole, built on it): open, ``fstat`` the open
descriptor and refuse anything that is not a regular file (a FIFO, a device
such as /dev/zero, a socket, a folder), then read at most ``limit`` bytes
counted as they arrive (``st_size`` is never trusted: a file can grow, and
/dev/zero says 0). :func:`read_text` adds the NUL check and UTF-8 decoding
whose error names the line of the bad byte; :func:`load_toml` adds TOML error
lines in staff words. Every failure is one :class:`StaffFileError` carrying
path, line and message, never a traceback.
"""

from __future__ import annotations

import io
import os
import re
import stat
from collections.abc import Iterable
from typing import Any

DEFAULT_LIMIT = 1024 * 1024
_CHUNK = 64 * 1024


class StaffFileError(Exception):
    """A staff file that cannot be used: ``path``, ``line`` (or None) and ``message``."""

    def __init__(self, path: str | os.PathLike[str], message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.message = message
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        # A path with a line break would split the one line a staff member reads.
        shown = self.path if self.path.isprintable() else repr(self.path)
        where = f"{shown}:{self.line}" if self.line else shown
        return f"{where}: {_printable(self.message)}"


def _printable(text: str) -> str:
    """``text`` with line breaks and other unprintables escaped, so it stays one line."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


_KINDS = (
    (stat.S_ISDIR, "is a folder"),
    (stat.S_ISFIFO, "is a pipe (FIFO)"),
    (stat.S_ISCHR, "is a device"),
    (stat.S_ISBLK, "is a device"),
    (stat.S_ISSOCK, "is a socket"),
)


def _not_regular(mode: int) -> str:
    for test, words in _KINDS:
        if test(mode):
            return words
    return "is not a regular file"


def open_staff_file(path: str | os.PathLike[str], limit: int = DEFAULT_LIMIT,
                    what: str = "file") -> StaffStream:
    """Open a staff file for streaming: a regular file only, at most ``limit`` bytes.

    Opened with O_NONBLOCK (a FIFO with no writer would block the open forever), then
    ``fstat``-ed on the open descriptor, so what is checked is what is read. Every
    refusal is a StaffFileError; the stream raises one too once ``limit`` is passed.
    A streaming reader of text applies :func:`nul_check` to each chunk.
    """
    flags = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
             | getattr(os, "O_CLOEXEC", 0))
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise StaffFileError(path, "no such file") from None
    except IsADirectoryError:
        raise StaffFileError(path, f"is a folder, expected a {what}") from None
    except PermissionError:
        raise StaffFileError(path, "permission denied") from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise StaffFileError(path, f"cannot open: {reason}") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise StaffFileError(path, f"{_not_regular(mode)}, expected a {what}")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except OSError as exc:
        os.close(fd)
        raise StaffFileError(path, f"cannot read: {exc.strerror or exc}") from None
    except BaseException:
        os.close(fd)
        raise
    return StaffStream(fd, path, limit, what)


class StaffStream(io.RawIOBase):
    """An open staff file (from :func:`open_staff_file`): bytes counted as they arrive."""

    def __init__(self, fd: int, path: str | os.PathLike[str], limit: int, what: str) -> None:
        self._fd = fd
        self.path = path
        self._limit = limit
        self._what = what
        self.size = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        try:
            n = os.readv(self._fd, [view]) if hasattr(os, "readv") else self._read_copy(view)
        except OSError as exc:
            raise StaffFileError(self.path, f"cannot read: {exc.strerror or exc}") from None
        if not n:
            return 0
        self.size += n
        if self.size > self._limit:
            raise StaffFileError(self.path, f"too large: a {self._what} may be at most "
                                            f"{self._limit:,} bytes")
        return n

    def _read_copy(self, view: memoryview) -> int:
        data = os.read(self._fd, len(view))
        view[:len(data)] = data
        return len(data)

    def readall(self) -> bytes:
        """The rest of the file, reading no more than one byte past the limit."""
        chunks: list[bytes] = []
        while True:
            chunk = self.read(min(_CHUNK, self._limit + 1 - self.size))
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)

    def close(self) -> None:
        if not self.closed:
            os.close(self._fd)
        super().close()


def read_bytes(path: str | os.PathLike[str], limit: int = DEFAULT_LIMIT,
               what: str = "file") -> bytes:
    """The bytes of a regular file, at most ``limit`` of them; StaffFileError otherwise."""
    with open_staff_file(path, limit, what) as stream:
        return stream.readall()


def nul_check(data: bytes, path: str | os.PathLike[str], lines_before: int = 0,
              what: str = "text file") -> None:
    """StaffFileError naming the line of the first NUL byte in ``data``, if there is one."""
    nul = data.find(b"\x00")
    if nul >= 0:
        raise StaffFileError(path, f"binary data (a NUL byte), expected a {what}",
                             lines_before + data.count(b"\n", 0, nul) + 1)


def decode(data: bytes, path: str | os.PathLike[str]) -> str:
    """UTF-8 text (a BOM is fine); NUL bytes and bad bytes are errors naming their line."""
    nul_check(data, path)
    # The BOM is dropped by hand: "utf-8-sig" reports error offsets after it.
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise StaffFileError(
            path, f"not UTF-8 text (byte 0x{body[exc.start]:02x}); save the file as UTF-8",
            body.count(b"\n", 0, exc.start) + 1) from None


def read_text(path: str | os.PathLike[str], limit: int = DEFAULT_LIMIT,
              what: str = "text file") -> str:
    """A staff text file, read through :func:`read_bytes` and :func:`decode`."""
    return decode(read_bytes(path, limit, what), path)


# --- TOML ---------------------------------------------------------------------

_AT = re.compile(r"\s*\((?:at line (\d+), column (\d+)|at end of document)\)")


def toml_error(exc: Exception, text: str, path: str | os.PathLike[str]) -> StaffFileError:
    """A tomllib error as a StaffFileError whose message a staff member can act on."""
    raw = str(exc)
    m = _AT.search(raw)
    line: int | None = int(m.group(1)) if m and m.group(1) else None
    if line is None and "end of document" in raw:
        line = text.rstrip("\n").count("\n") + 1
    message = _AT.sub("", raw)
    hint = _toml_hint(message, text.split("\n")[line - 1] if line else "", text, line)
    return StaffFileError(path, f"TOML syntax error: {message}{hint}", line)


def _toml_hint(message: str, line_text: str, text: str, line: int | None) -> str:
    """Staff words for the common mistakes tomllib reports in parser words."""
    lowered = message.lower()
    stripped = line_text.split("#", 1)[0].strip()
    key, eq, value = stripped.partition("=")
    value = value.strip()
    if "cannot overwrite a value" in lowered or "cannot declare" in lowered:
        what = (f"the key {key.strip()}" if eq and key.strip()
                else f"the section {stripped}" if stripped.startswith("[")
                else "the same key or [section]")
        return f" ({what} is written twice; keep one and delete the other)"
    if "unterminated string" in lowered or (
            "illegal character" in lowered and value.count('"') % 2 == 1):
        return (' (a quote is opened but not closed on this line; text goes between two '
                'straight quotes, like "es")')
    if "unescaped" in lowered or "escape" in lowered:
        path = value.strip().strip('"') if "\\" in value else "C:\\Kiosk\\pack"
        forward = path.replace("\\", "/")
        return (" (a backslash \\ inside \"...\" starts a special code; for a Windows "
                f"path use forward slashes \"{forward}\", or single quotes '{path}')")
    if eq and value and "invalid value" in lowered and value[0] not in "\"'[{" and \
            not re.match(r"^[-+0-9.]", value) and value not in ("true", "false"):
        return (f' (text must be in quotes: {key.strip()} = "{value}")')
    if "expected '=' after a key" in lowered.replace('"', "'") and not eq and stripped:
        return (" (each line is key = value; a [section] name goes in square brackets)")
    if "newline" in lowered and eq:
        return (" (one key = value per line; text must be in quotes)")
    return ""


def load_toml(path: str | os.PathLike[str], limit: int = DEFAULT_LIMIT,
              what: str = "TOML file") -> tuple[dict[str, Any], str]:
    """Read and parse a staff TOML file: (data, text) or StaffFileError with its line."""
    text = read_text(path, limit, what)
    return parse_toml(text, path), text


def parse_toml(text: str, path: str | os.PathLike[str]) -> dict[str, Any]:
    """Parse TOML text, turning every parser failure into one StaffFileError."""
    import tomllib  # only when a TOML file is read

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise toml_error(exc, text, path) from None
    except ValueError:  # int() refuses more than sys.get_int_max_str_digits() digits
        m = re.search(r"[0-9_]{1000}", text)
        line = text.count("\n", 0, m.start()) + 1 if m else None
        raise StaffFileError(path, "TOML syntax error: a number has too many digits",
                             line) from None
    except RecursionError:
        raise StaffFileError(path, "TOML syntax error: lists or tables nested too deeply",
                             _deepest_line(text)) from None


def _deepest_line(text: str) -> int:
    """The line where '[' and '{' first nest 100 deep (strings not excluded: a hint only)."""
    depth = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        for ch in raw:
            depth += 1 if ch in "[{" else -1 if ch in "]}" else 0
            if depth >= 100:
                return number
    return 1


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice closest to ``word`` (a typo of it), or None: every "did you mean".

    difflib is imported here, on a mistake, not at every start-up.
    """
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """'; did you mean 'x'?' for a close match, else '; expected one of: a, b, c'."""
    options = list(choices)
    close = closest(word, options)
    if close is not None:
        return f"; did you mean {close!r}?"
    return f"; expected one of: {', '.join(options)}"
