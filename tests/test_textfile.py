"""kiosk.textfile: the one reader of staff files, on every kind of hostile file."""

from __future__ import annotations

import os
import socket
import sys
import threading
from pathlib import Path

import pytest

from kiosk.textfile import (
    StaffFileError,
    did_you_mean,
    load_toml,
    nul_check,
    open_staff_file,
    parse_toml,
    read_bytes,
    read_text,
)

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX special files")


def error(fn, *args, **kwargs) -> StaffFileError:
    with pytest.raises(StaffFileError) as info:
        fn(*args, **kwargs)
    exc = info.value
    assert len(str(exc).splitlines()) == 1
    return exc


def test_a_regular_file_is_read(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffcafé\n".encode())
    assert read_text(path) == "café\n"


def test_missing_file_and_folder(tmp_path):
    assert error(read_bytes, tmp_path / "nope").message == "no such file"
    assert "is a folder" in error(read_bytes, tmp_path).message


@posix_only
def test_a_fifo_with_no_writer_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    exc = error(read_bytes, fifo, what="settings file")
    assert "is a pipe (FIFO), expected a settings file" in exc.message


@posix_only
def test_a_fifo_with_a_writer_is_refused(tmp_path):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    # A writer that never stops: the reader must refuse before reading a byte.
    writer = threading.Thread(target=lambda: open(fifo, "wb").close(), daemon=True)
    writer.start()
    assert "is a pipe" in error(read_bytes, fifo).message
    writer.join(timeout=5)


@posix_only
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero_is_refused_as_a_device():
    assert "is a device" in error(read_bytes, "/dev/zero").message


@posix_only
def test_a_socket_is_refused(tmp_path):
    path = tmp_path / "s"
    if len(str(path)) > 100:
        pytest.skip("socket path too long")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        exc = error(read_bytes, path)
    # Opening a socket fails on Linux (ENXIO) before fstat can look: either way, refused.
    assert "socket" in exc.message or "cannot open" in exc.message


def test_the_limit_counts_bytes_read(tmp_path):
    path = tmp_path / "big"
    path.write_bytes(b"x" * 1001)
    assert "may be at most 1,000 bytes" in error(read_bytes, path, limit=1000).message
    assert len(read_bytes(path, limit=1001)) == 1001


@posix_only
def test_the_limit_holds_when_st_size_lies():
    # /proc files say st_size 0 and have content: the cap is on bytes read, not on stat.
    proc = Path("/proc/self/maps")
    if not proc.exists():
        pytest.skip("no /proc")
    assert os.stat(proc).st_size == 0
    assert "may be at most 10 bytes" in error(read_bytes, proc, limit=10).message


def test_nul_and_bad_utf8_name_their_line(tmp_path):
    path = tmp_path / "a.toml"
    path.write_bytes(b"a = 1\nb = 2\n\x00\n")
    exc = error(read_text, path)
    assert (exc.line, str(exc)) == (3, f"{path}:3: binary data (a NUL byte), expected a text file")
    path.write_bytes("ok\nname = 'caf\xe9'\n".encode("latin-1"))
    exc = error(read_text, path)
    assert exc.line == 2 and "not UTF-8 text (byte 0xe9)" in exc.message


def test_an_unprintable_path_stays_on_one_line(tmp_path):
    exc = error(read_bytes, tmp_path / "a\nb")
    assert "\\n" in str(exc)


def test_a_nul_in_the_path_is_one_clear_error():
    assert "cannot open" in error(read_bytes, "a\x00b").message


@pytest.mark.parametrize(("text", "line", "hint"), [
    ("[kiosk]\ndefault_language = es\n", 2, 'text must be in quotes: default_language = "es"'),
    ('[kiosk]\nname = "Riverside\n', 2, "a quote is opened but not closed"),
    ('[content]\ndir = "C:\\Kiosk\\pack"\n', 2, "for a Windows path use forward slashes"),
    ("[kiosk]\nfullscreen = true\nfullscreen = false\n", 3, "written twice"),
    ("[kiosk]\n[kiosk]\n", 2, "written twice"),
])
def test_common_toml_mistakes_in_staff_words(tmp_path, text, line, hint):
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    exc = error(load_toml, path)
    assert exc.line == line, exc
    assert exc.message.startswith("TOML syntax error: ")
    assert hint in exc.message, exc.message


def test_load_toml_returns_data_and_text(tmp_path):
    path = tmp_path / "a.toml"
    path.write_text("[a]\nb = 1\n", encoding="utf-8")
    assert load_toml(path) == ({"a": {"b": 1}}, "[a]\nb = 1\n")


def test_toml_bombs_are_one_error():
    assert "too many digits" in error(parse_toml, "a = " + "1" * 5000, "x").message
    deep = "a = " + "[" * 5000 + "]" * 5000
    exc = error(parse_toml, deep, "x")
    assert "TOML syntax error" in exc.message


def test_did_you_mean():
    assert did_you_mean("kisok", ["kiosk", "staff"]) == "; did you mean 'kiosk'?"
    assert did_you_mean("zzz", ["kiosk", "staff"]) == "; expected one of: kiosk, staff"


def test_a_message_quoting_an_odd_line_stays_one_line(tmp_path):
    path = tmp_path / "k.toml"
    path.write_bytes(b'[kiosk]\nname = "a\rb\n')
    exc = error(load_toml, path)
    assert exc.line == 2


def test_a_bad_byte_after_a_bom_names_its_own_line_and_byte(tmp_path):
    path = tmp_path / "a.toml"
    path.write_bytes(b"\xef\xbb\xbfa = 1\nb = 2\nc = '\xff'\n")
    exc = error(read_text, path)
    assert exc.line == 3 and "byte 0xff" in exc.message


def test_a_stream_counts_bytes_as_they_arrive_and_nul_check_names_the_line(tmp_path):
    path = tmp_path / "clinics.csv"
    path.write_bytes(b"a\nb\n" * 100 + b"c\x00\n")
    with open_staff_file(path, limit=10_000, what="CSV file") as stream:
        assert stream.read(4) == b"a\nb\n" and stream.size == 4
    exc = error(nul_check, b"c\n\x00", path, lines_before=200)
    assert (exc.line, exc.message) == (202, "binary data (a NUL byte), expected a text file")
    with open_staff_file(path, limit=100, what="CSV file") as stream:
        assert error(stream.read).message == "too large: a CSV file may be at most 100 bytes"
    assert error(open_staff_file, tmp_path, what="CSV file").message == \
        "is a folder, expected a CSV file"
