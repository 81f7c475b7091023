from __future__ import annotations

import io

import pytest

from kiosk.cli import main
from kiosk.pin import hash_pin, verify_pin
from kiosk.settings import parse_settings


def test_hash_and_verify():
    value = hash_pin("2468")
    assert verify_pin("2468", value)
    assert not verify_pin("2469", value)
    assert hash_pin("2468") != value  # salted


@pytest.mark.parametrize("pin", ["123", "1234567890123", "12a4", ""])
def test_bad_pins_refused(pin):
    with pytest.raises(ValueError):
        hash_pin(pin)


def test_malformed_hash_never_verifies():
    assert not verify_pin("1234", "scrypt$x")
    assert not verify_pin("1234", "")


def test_hash_pin_command_output_is_a_valid_setting(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("135790\n"))
    assert main(["hash-pin"]) == 0
    line = capsys.readouterr().out.strip()
    settings = parse_settings(f"[staff]\n{line}\n", "k.toml")
    assert settings.problems == ()
    assert verify_pin("135790", settings.staff.pin_hash)


def test_hash_pin_rejects_letters(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("12ab\n"))
    assert main(["hash-pin"]) == 1
    assert "4 to 12 digits" in capsys.readouterr().err
