"""Atomic file writes: a reader sees the old file or the new one, never half of either.

:func:`write_bytes` (and, for a writer that fills the file itself, :func:`make_temp`
then :func:`publish`) writes a temporary file made by ``tempfile.mkstemp`` in the
target's own folder (``O_CREAT | O_EXCL`` with a random name: a symlink planted
at a predictable name is never followed), refuses a target that is a folder, a
device or a FIFO (replacing it would swap the node itself), fsyncs it, ``os.replace``-s it over
the target and fsyncs the folder so the rename survives a power cut. A process
killed mid-write leaves a ``.<name>.*.tmp`` file; :func:`remove_stale_temps`
clears those at the next start or import. No Qt.
"""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

TEMP_SUFFIX = ".tmp"


def temp_prefix(name: str) -> str:
    """The prefix of every temporary file written for the target ``name``."""
    return f".{name}."


def write_bytes(target: str | os.PathLike[str], data: bytes, mode: int = 0o644,
                keep_mode: bool = False) -> None:
    """Replace ``target`` with ``data`` atomically; OSError (temp removed) on failure.

    ``keep_mode``: give the new file the target's permissions (``mode`` if it is new).
    """
    fd, tmp = make_temp(target)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
        finally:
            os.close(fd)
    except BaseException:
        _unlink(tmp)
        raise
    publish(tmp, target, mode, keep_mode)


def make_temp(target: str | os.PathLike[str]) -> tuple[int, Path]:
    """(open descriptor, path) of a new private temp file beside ``target``, for :func:`publish`.

    ``tempfile.mkstemp`` in the target's folder, named ``.<name>.<random>.tmp``; OSError
    if the target is a folder, a device or a FIFO.
    """
    import tempfile

    path = Path(target)
    _refuse_special(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=temp_prefix(path.name),
                               suffix=TEMP_SUFFIX)
    return fd, Path(tmp)


def publish(tmp: str | os.PathLike[str], target: str | os.PathLike[str], mode: int = 0o644,
            keep_mode: bool = False) -> None:
    """fsync the finished ``tmp``, give it ``mode``, os.replace it over ``target``, fsync the
    folder; on failure ``tmp`` is removed and OSError raised (``target`` untouched)."""
    path = Path(target)
    try:
        _refuse_special(path)
        if keep_mode:
            try:
                mode = stat.S_IMODE(os.stat(path).st_mode)
            except FileNotFoundError:
                pass
        fd = os.open(tmp, os.O_RDWR | getattr(os, "O_BINARY", 0))
        try:
            if hasattr(os, "fchmod"):
                # mkstemp makes the file 0600; give the target the usual mode.
                os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        _unlink(tmp)
        raise
    fsync_dir(path.parent)


def _unlink(path: str | os.PathLike[str]) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _refuse_special(path: Path) -> None:
    """OSError unless ``path`` is absent, a regular file, or a link to one (or to nothing).

    os.replace over a device or a FIFO would swap the device node for a file (as
    root, /dev/full or /dev/stdout replaced for every program on the machine).
    """
    import errno

    try:
        mode = os.stat(path).st_mode  # follows a link: what the name leads to
    except FileNotFoundError:
        return
    except OSError:
        return  # mkstemp or os.replace will report the real problem
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder; give a file name", str(path))
    if not stat.S_ISREG(mode):
        raise OSError(errno.EINVAL, "is a device or a pipe, not a file; give a file name",
                      str(path))


def write_text(target: str | os.PathLike[str], text: str, encoding: str = "utf-8",
               mode: int = 0o644) -> None:
    """Replace ``target`` with ``text`` atomically (no newline translation)."""
    write_bytes(target, text.encode(encoding), mode)


def fsync_dir(folder: str | os.PathLike[str]) -> None:
    """fsync a folder so a rename inside it is durable; a no-op where folders cannot be opened."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(folder, flags)
    except OSError:  # Windows cannot open a folder; its renames are durable enough
        return
    try:
        os.fsync(fd)
    except OSError:  # some file systems refuse fsync on a folder
        pass
    finally:
        os.close(fd)


def remove_stale_temps(folder: str | os.PathLike[str], name: str,
                       older_than_seconds: float = 0.0) -> list[Path]:
    """Delete ``.<name>.*.tmp`` files left in ``folder`` by a killed writer; return them.

    ``older_than_seconds`` spares a temp another live process may be writing right
    now. Only regular files are removed (a symlink with a matching name is removed
    as a link, never followed). Errors are ignored: a missing folder has no temps.
    """
    prefix = temp_prefix(name)
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not (entry.name.startswith(prefix) and entry.name.endswith(TEMP_SUFFIX)):
            continue
        if len(entry.name) <= len(prefix) + len(TEMP_SUFFIX):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if entry.is_dir(follow_symlinks=False):
                continue
            if older_than_seconds and now - info.st_mtime < older_than_seconds:
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed

