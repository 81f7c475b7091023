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


# --- safe scrypt costs ----------------------------------------------------------------

SALT, DIGEST = "0" * 32, "0" * 64


@pytest.mark.parametrize(("n", "r", "p", "fragment"), [
    (2**40, 8, 1, "outside the safe range"),
    (2**20, 8, 1, "outside the safe range"),
    (1000, 8, 1, "power of two"),
    (2**4, 8, 1, "outside the safe range"),
    (2**14, 999, 1, "r=999, p=1 are outside"),
    (2**14, 8, 99, "outside the safe range"),
    (2**16, 16, 4, "would make each PIN try take seconds"),
])
def test_absurd_scrypt_costs_are_refused_at_load_with_no_pin_semantics(n, r, p, fragment):
    from kiosk.pin import check_pin_hash

    value = f"scrypt${n}${r}${p}${SALT}${DIGEST}"
    assert fragment in (check_pin_hash(value) or "")
    settings = parse_settings(f'[staff]\npin_hash = "{value}"\n', "k.toml")
    assert settings.staff.pin_hash == ""  # no PIN: the staff screen opens only windowed
    (problem,) = settings.problems
    assert str(problem).startswith("k.toml:2: staff.pin_hash: ")
    assert fragment in problem.message and "no PIN is set" in problem.message


def test_an_absurd_cost_never_reaches_scrypt(monkeypatch):
    import hashlib

    def boom(*args, **kwargs):
        raise AssertionError("scrypt called")

    monkeypatch.setattr(hashlib, "scrypt", boom)
    assert not verify_pin("1234", f"scrypt${2**30}$8$1${SALT}${DIGEST}")


def test_the_default_hash_is_within_the_safe_range():
    from kiosk.pin import check_pin_hash

    assert check_pin_hash(hash_pin("2468")) is None


# --- the lockout -----------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def fail(lockout, times):
    return [lockout.record(False) for _ in range(times)][-1]


def test_five_wrong_pins_lock_for_60_seconds_then_longer_each_time(tmp_path):
    from kiosk.pin import StaffLockout

    clock = Clock()
    lockout = StaffLockout(tmp_path, clock)
    assert lockout.locked_for() == 0
    assert fail(lockout, 4).tries_left == 1
    attempt = lockout.record(False)
    assert (attempt.ok, attempt.locked_seconds) == (False, 60)
    assert lockout.locked_for() == 60
    clock.now += 30
    assert lockout.locked_for() == 30
    assert lockout.record(True).ok is False  # a try while locked does nothing
    durations = [60]
    for _ in range(6):
        clock.now += lockout.locked_for()
        durations.append(fail(lockout, 5).locked_seconds)
    assert durations == [60, 120, 240, 480, 900, 900, 900]
    clock.now += lockout.locked_for()
    assert lockout.record(True) == (True, 0, 5)
    assert fail(lockout, 5).locked_seconds == 60  # a sign-in ends the streak


def test_the_lockout_survives_a_restart(tmp_path):
    from kiosk.pin import StaffLockout

    clock = Clock()
    fail(StaffLockout(tmp_path, clock), 5)
    clock.now += 10
    again = StaffLockout(tmp_path, clock)  # a new process
    assert again.locked_for() == 50
    clock.now += 50
    assert fail(again, 5).locked_seconds == 120
    # Wrong PINs short of a lockout also survive: a restart is not a free reset.
    clock.now += 120
    fail(again, 3)
    assert StaffLockout(tmp_path, clock).record(False).tries_left == 1


def test_a_damaged_or_hostile_lockout_file_never_locks_staff_out_for_long(tmp_path, caplog):
    from kiosk.pin import MAX_LOCK_SECONDS, StaffLockout

    clock = Clock()
    path = tmp_path / "staff_lockout.json"
    path.write_text('{"failures": 0, "lockouts": 3, "locked_until": 1e18}')
    assert StaffLockout(tmp_path, clock).locked_for() == MAX_LOCK_SECONDS
    for text in ("{", "[]", '{"failures": "x", "lockouts": 0, "locked_until": 0}', "\x00"):
        path.write_text(text)
        assert StaffLockout(tmp_path, clock).locked_for() == 0
    assert "damaged" in caplog.text or "unreadable" in caplog.text


def test_an_unwritable_data_folder_keeps_the_lockout_in_memory(tmp_path):
    from kiosk.pin import StaffLockout

    blocker = tmp_path / "file"
    blocker.write_text("")
    lockout = StaffLockout(blocker / "sub", Clock())  # a folder that cannot be made
    assert fail(lockout, 5).locked_seconds == 60
    assert lockout.locked_for() == 60


def test_sign_ins_failures_and_lockouts_are_logged_never_the_pin(tmp_path, caplog):
    import logging

    from kiosk.pin import StaffLockout

    caplog.set_level(logging.INFO, logger="kiosk.staff")
    pin_hash = hash_pin("97531")
    lockout = StaffLockout(tmp_path, Clock())
    for pin in ["11111", "22222", "33333", "44444", "55555"]:
        lockout.record(verify_pin(pin, pin_hash))
    messages = [r.getMessage() for r in caplog.records]
    assert messages[0] == "staff PIN wrong (1 of 5 before a lockout)"
    assert "keypad locked for 60 s" in messages[-1]
    lockout = StaffLockout(tmp_path, Clock())
    lockout.locked_until = 0
    lockout.record(verify_pin("97531", pin_hash))
    assert caplog.records[-1].getMessage() == "staff sign-in"
    for secret in ("97531", "11111", "55555"):
        assert secret not in caplog.text
        assert secret not in (tmp_path / "staff_lockout.json").read_text()
