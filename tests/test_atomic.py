"""kiosk.atomic: whole files or nothing, no symlink following, stale temps cleared."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from kiosk import atomic


def temps(folder, name="out.csv"):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(f".{name}."))


def test_write_replaces_the_target_and_leaves_no_temp(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old")
    atomic.write_text(target, "new\n")
    assert target.read_text() == "new\n"
    assert temps(tmp_path) == []
    assert stat.S_IMODE(target.stat().st_mode) & 0o044  # readable like any file, not 0600


def test_a_failed_write_keeps_the_old_file_and_removes_its_temp(tmp_path, monkeypatch):
    target = tmp_path / "out.csv"
    target.write_text("old")

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space"):
        atomic.write_text(target, "new")
    assert target.read_text() == "old"
    assert temps(tmp_path) == []


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_a_planted_symlink_at_an_old_predictable_name_is_not_followed(tmp_path):
    victim = tmp_path / "victim"
    victim.write_text("precious")
    target = tmp_path / "out.csv"
    for pid in range(os.getpid() - 2, os.getpid() + 3):
        (tmp_path / f".out.csv.tmp-{pid}").symlink_to(victim)
    (tmp_path / ".out.csv.tmp").symlink_to(victim)
    atomic.write_text(target, "counts")
    assert victim.read_text() == "precious"
    assert target.read_text() == "counts" and not target.is_symlink()


def test_remove_stale_temps_removes_only_this_targets_temps(tmp_path):
    (tmp_path / ".out.csv.abc123.tmp").write_text("half")
    (tmp_path / ".out.csv.zz.tmp").write_text("half")
    (tmp_path / ".other.csv.abc.tmp").write_text("keep")
    (tmp_path / "out.csv").write_text("keep")
    (tmp_path / ".out.csv.dir.tmp").mkdir()
    removed = atomic.remove_stale_temps(tmp_path, "out.csv")
    assert sorted(p.name for p in removed) == [".out.csv.abc123.tmp", ".out.csv.zz.tmp"]
    left = sorted(p.name for p in tmp_path.iterdir() if "csv" in p.name)
    assert left == [".other.csv.abc.tmp", ".out.csv.dir.tmp", "out.csv"]


def test_remove_stale_temps_spares_a_fresh_temp_and_a_missing_folder(tmp_path):
    (tmp_path / ".out.csv.abc.tmp").write_text("being written")
    assert atomic.remove_stale_temps(tmp_path, "out.csv", older_than_seconds=3600) == []
    assert atomic.remove_stale_temps(tmp_path / "missing", "out.csv") == []


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_remove_stale_temps_unlinks_a_symlink_without_following_it(tmp_path):
    victim = tmp_path / "victim"
    victim.write_text("precious")
    (tmp_path / ".out.csv.x.tmp").symlink_to(victim)
    atomic.remove_stale_temps(tmp_path, "out.csv")
    assert victim.read_text() == "precious"
    assert temps(tmp_path) == []


def test_a_killed_writer_leaves_a_temp_the_next_run_clears(tmp_path):
    import subprocess

    target = tmp_path / "out.csv"
    code = ("import os, sys, tempfile; from kiosk import atomic\n"
            "os.replace = lambda *a: os._exit(9)\n"
            f"atomic.write_text({str(target)!r}, 'x')\n")
    done = subprocess.run([sys.executable, "-c", code], timeout=60)
    assert done.returncode == 9
    assert len(temps(tmp_path)) == 1 and not target.exists()
    atomic.remove_stale_temps(tmp_path, "out.csv")
    assert temps(tmp_path) == []


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and symlinks")
def test_a_device_fifo_or_folder_target_is_refused_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    device_link = tmp_path / "null-link"
    device_link.symlink_to(os.devnull)  # a name leading to a device
    folder = tmp_path / "folder"
    folder.mkdir()
    for target in (fifo, device_link, folder):
        with pytest.raises(OSError) as info:
            atomic.write_text(target, "x")
        assert "give a file name" in info.value.strerror
        assert temps(tmp_path, target.name) == []
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert device_link.is_symlink()
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_a_link_to_a_regular_file_is_replaced_by_a_file_the_target_untouched(tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    atomic.write_text(link, "new")
    assert real.read_text() == "old"
    assert not link.is_symlink() and link.read_text() == "new"


@pytest.mark.skipif(not hasattr(os, "fchmod"), reason="needs POSIX modes")
def test_keep_mode_gives_the_new_file_the_old_files_permissions(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old")
    target.chmod(0o600)
    atomic.write_bytes(target, b"new", keep_mode=True)
    assert (target.read_bytes(), stat.S_IMODE(target.stat().st_mode)) == (b"new", 0o600)
    fresh = tmp_path / "fresh.csv"
    atomic.write_bytes(fresh, b"x", mode=0o640, keep_mode=True)  # nothing to keep: mode
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o640


def test_make_temp_then_publish_replaces_the_target_and_a_failure_keeps_it(tmp_path,
                                                                           monkeypatch):
    target = tmp_path / "out.csv"
    target.write_text("old")
    fd, tmp = atomic.make_temp(target)
    assert tmp.parent == tmp_path and tmp.name.startswith(".out.csv.")
    os.write(fd, b"filled by the caller")
    os.close(fd)
    atomic.publish(tmp, target)
    assert target.read_bytes() == b"filled by the caller" and temps(tmp_path) == []

    fd, tmp = atomic.make_temp(target)
    os.close(fd)

    def failing_replace(src, dst):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="Input/output"):
        atomic.publish(tmp, target)
    assert target.read_bytes() == b"filled by the caller" and temps(tmp_path) == []
