"""The rendered-pack cache: a start-up speed-up that must never change what patients see."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.content import load_pack
from kiosk.content import pack as pack_module
from kiosk.content.testing import make_pack


def cache_files() -> list[Path]:
    folder = Path(os.environ["KIOSK_CACHE_DIR"]) / "content"
    return sorted(folder.glob("*.cache")) if folder.is_dir() else []


def no_rendering(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any attempt to render a page fail the test."""
    from kiosk.content import render

    def refuse(*args, **kwargs):
        raise AssertionError("rendered although the cache was valid")

    monkeypatch.setattr(render, "shared_renderer", refuse)
    monkeypatch.setattr(render, "Renderer", refuse)


def same_pack(a, b) -> None:
    assert a.languages == b.languages
    for lang in a.languages:
        assert a.pages(lang) == b.pages(lang)
    assert a.problems == b.problems and a.version == b.version
    assert a.source_dir == b.source_dir and a.is_builtin == b.is_builtin


def test_second_load_comes_from_the_cache_and_is_identical(tmp_path, monkeypatch):
    pack_dir = make_pack(tmp_path / "pack", langs=("en", "es"))
    (pack_dir / "en" / "broken.md").write_text("no front matter here\n", encoding="utf-8")
    fresh = load_pack(pack_dir)
    assert fresh.problems and cache_files()
    no_rendering(monkeypatch)
    cached = load_pack(pack_dir)
    same_pack(fresh, cached)
    # List pages keep their cards, paths stay paths.
    listed = [p for p in cached.pages("en") if p.groups]
    assert listed and listed[0].groups[0].cards
    assert isinstance(cached.pages("en")[0].path, Path)


def test_the_built_in_pack_round_trips(monkeypatch):
    fresh = load_pack(None)
    no_rendering(monkeypatch)
    same_pack(fresh, load_pack(None))


def test_an_edited_page_is_rendered_again(tmp_path):
    pack_dir = make_pack(tmp_path / "pack")
    load_pack(pack_dir)
    page = pack_dir / "en" / "welcome.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Hello.", "Hello again."),
                    encoding="utf-8")
    os.utime(page, ns=(1, 1))
    text = load_pack(pack_dir).page("en", "welcome").plain_text
    assert "Hello again." in text


@pytest.mark.parametrize("garbage", [b"", b"\x00\x01garbage", b"\xe9" * 5000])
def test_a_corrupt_cache_file_is_ignored_and_replaced(tmp_path, garbage):
    pack_dir = make_pack(tmp_path / "pack")
    fresh = load_pack(pack_dir)
    [cache] = cache_files()
    cache.write_bytes(garbage)
    same_pack(fresh, load_pack(pack_dir))
    assert cache.read_bytes() != garbage


def test_a_cache_of_another_shape_is_ignored(tmp_path):
    import marshal

    pack_dir = make_pack(tmp_path / "pack")
    fresh = load_pack(pack_dir)
    [cache] = cache_files()
    stamp = pack_module._cache_stamp(pack_dir)
    cache.write_bytes(marshal.dumps((stamp, "x", False, "v", (), {"en": (("too", "short"),)})))
    same_pack(fresh, load_pack(pack_dir))


def test_an_unwritable_cache_folder_costs_nothing_but_speed(tmp_path, monkeypatch):
    blocker = tmp_path / "cache-is-a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("KIOSK_CACHE_DIR", str(blocker))
    pack_dir = make_pack(tmp_path / "pack")
    first = load_pack(pack_dir)
    same_pack(first, load_pack(pack_dir))
