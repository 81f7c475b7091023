"""Hostile content packs: slow Markdown, odd names, deep folders, symbolic links, FIFOs,
sockets, devices, invisible characters, future review dates and images too large to decode.

Each case: the checker names the file and the reason, the kiosk's loader skips that file
and serves the rest, and nothing hangs or raises.
"""

from __future__ import annotations

import os
import socket
import struct
from datetime import date, timedelta
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.content.check import check_pack
from kiosk.content.images import (
    MAX_PAGE_IMAGE_BYTES,
    PageImageBudget,
    image_budget_problem,
    image_size,
)
from kiosk.content.pack import load_pack, pack_version
from kiosk.content.render import MAX_BRACKET_WORK, Renderer, RenderRefused, structure_problem
from kiosk.content.testing import make_pack, page_text, png_bytes, write_page

SLOW = {
    "brackets": "[" * 20000,
    "image openers": "![" * 20000,
    "link openers": "[a](" * 20000,
    "nested list": "".join("  " * i + "- x\n" for i in range(300)),
    "markers on one line": "- " * 5000 + "x",
    "deep quotes": "> " * 5000 + "x",
}


def serves_the_rest(pack: Path, bad_id: str | None = None) -> None:
    loaded = load_pack(pack)
    assert not loaded.fell_back
    assert loaded.page("en", "welcome") is not None and loaded.page("en", "signs") is not None
    if bad_id:
        assert all(p.id != bad_id for p in loaded.pages("en"))


def problems_of(pack: Path, path: Path) -> list:
    from kiosk.content.pack import display_path

    return [p for p in check_pack(pack) if p.file == display_path(path)]


# --- Markdown that once took minutes ----------------------------------------------------


@pytest.mark.parametrize("name", sorted(SLOW))
def test_pathological_markdown_is_refused_by_name(tmp_path, name):
    pack = make_pack(tmp_path / "pack")
    path = write_page(pack, "en", "slow", SLOW[name], order=3)
    errors = [p for p in problems_of(pack, path) if p.is_error]
    assert any("page structure the kiosk refuses to render" in p.message for p in errors)
    serves_the_rest(pack, "slow")
    loaded = load_pack(pack)
    assert any(p.file == str(path) and "refuses to render" in p.message
               for p in loaded.problems)


def test_comment_openers_render_in_linear_time_and_stay_text():
    html = Renderer().render("<!--" * 20000 + "x", Path("."), budget_s=0.2)
    assert "x" in html and "&lt;!--" in html


def test_a_page_over_the_render_budget_is_skipped_and_reported(tmp_path):
    # Each paragraph is under the pre-scan's limit, so only the budget can stop it:
    # unbounded, this page takes over ten seconds to render.
    block = "[" * 990 + "x" * 9
    assert structure_problem(block) is None and len(block) * 990 <= MAX_BRACKET_WORK
    pack = make_pack(tmp_path / "pack")
    path = write_page(pack, "en", "slow", "\n\n".join([block] * 250), order=3)
    loaded = load_pack(pack, budget_s=0.05)
    assert [p.message for p in loaded.problems if p.file == str(path)] == [
        "rendering took over 50 ms: the kiosk skips this page; simplify its Markdown"]
    assert loaded.page("en", "welcome") is not None
    assert loaded.page("en", "slow") is None


def test_renderers_on_two_threads_do_not_share_state(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    pack = make_pack(tmp_path / "pack")
    bodies = [f"Page {i}: see [the list](page:signs) and a [term](term:placebo)." for i in range(40)]

    def render(body: str) -> str:
        return Renderer().render(body, pack)

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(render, bodies))
    assert results == [Renderer().render(b, pack) for b in bodies]


def test_render_command_prints_one_line_for_a_deeply_nested_list(tmp_path, capsys):
    pack = make_pack(tmp_path / "pack")
    path = write_page(pack, "en", "nested", SLOW["nested list"], order=3)
    assert main(["content", "render", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert "the kiosk would skip this page: page structure the kiosk refuses" in err
    assert "Traceback" not in err


def test_refused_structures_in_real_pages_never_trigger():
    """The shipped pages sit far under every pre-scan limit."""
    root = Path(__file__).resolve().parent.parent / "resources" / "content"
    for path in root.glob("*/*.md"):
        assert structure_problem(path.read_text(encoding="utf-8")) is None, path


def test_structure_limits_name_the_line():
    problem = structure_problem("Fine.\n\nFine too.\n\n" + " " * 80 + "- deep")
    assert problem is not None and problem.startswith("line 5: indented 80 columns")
    with pytest.raises(RenderRefused):
        Renderer().render("[" * 5000, Path("."))


# --- names and folders -------------------------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_one_problem(tmp_path, capsys):
    pack = make_pack(tmp_path / "pack")
    bad = os.path.join(os.fsencode(pack / "en"), b"caf\xe9.md")
    with open(bad, "wb") as handle:
        handle.write(page_text("cafe", order=3).encode())
    shown = str(pack / "en") + "/caf\ufffd.md"
    problems = [p for p in check_pack(pack) if p.file == shown]
    assert [p.message for p in problems] == [
        "the file name is not valid UTF-8 (often from a ZIP made on Windows); rename it"]
    assert pack_version(pack)  # hashing tolerates the name
    serves_the_rest(pack)
    load_pack(pack)  # and again from the cache
    assert main(["content", "check", str(pack)]) == 1
    out, err = capsys.readouterr()
    assert "caf\ufffd.md" in out and "Traceback" not in out + err


def test_a_file_name_with_a_line_break_stays_one_line(tmp_path, capsys):
    pack = make_pack(tmp_path / "pack")
    (pack / "en" / "two\nlines.md").write_text(page_text("two-lines", order=3), "utf-8")
    (pack / "en" / "fifo\n.md").touch()
    os.unlink(pack / "en" / "fifo\n.md")
    os.mkfifo(pack / "en" / "fifo\n.md")
    assert main(["content", "check", str(pack)]) == 1
    out, _ = capsys.readouterr()
    lines = [line for line in out.splitlines() if "fifo" in line or "lines.md" in line]
    assert any(line.startswith(f"{pack}/en/fifo\\n.md: is a pipe (FIFO)") for line in lines)
    assert any(line.startswith(f"{pack}/en/two\\nlines.md:") for line in lines)
    assert all(line.startswith(str(pack)) for line in out.splitlines())


def test_very_deep_folders_do_not_empty_the_pack(tmp_path):
    pack = make_pack(tmp_path / "pack")
    fd = os.open(pack / "en", os.O_RDONLY)
    try:
        for _ in range(600):  # deeper than PATH_MAX allows a path to name
            os.mkdir("d", dir_fd=fd)
            new = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = new
        with open(os.open("deep.md", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), "w") as f:
            f.write("x")
    finally:
        os.close(fd)
    version = pack_version(pack)
    assert version and len(version) == 8
    assert not [p for p in check_pack(pack) if p.is_error]
    serves_the_rest(pack)


def test_a_page_linked_from_outside_the_pack_is_refused(tmp_path):
    pack = make_pack(tmp_path / "pack")
    outside = tmp_path / "secret.md"
    outside.write_text(page_text("secret", order=3), encoding="utf-8")
    link = pack / "en" / "secret.md"
    link.symlink_to(outside)
    inside = pack / "en" / "alias.md"
    (pack / "drafts").mkdir()
    (pack / "drafts" / "alias.md").write_text(page_text("alias", order=4), encoding="utf-8")
    inside.symlink_to(pack / "drafts" / "alias.md")
    problems = problems_of(pack, link)
    assert [p.message for p in problems] == [
        "the file is a symbolic link leading outside the content pack; it is not read"]
    loaded = load_pack(pack)
    assert loaded.page("en", "secret") is None
    assert loaded.page("en", "alias") is not None  # a link within the pack is fine


def test_non_regular_files_are_refused_without_hanging(tmp_path):
    pack = make_pack(tmp_path / "pack")
    fifo = pack / "en" / "fifo.md"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    sock_path = pack / "en" / "socket.md"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock_path))
    glossary_fifo = pack / "en" / "glossary.toml"
    os.mkfifo(glossary_fifo)
    try:
        found = {p.file: p.message for p in check_pack(pack) if p.is_error}
        assert found[str(fifo)] == "is a pipe (FIFO), expected a page"
        assert found[str(sock_path)] == "is a socket, expected a page"
        assert found[str(glossary_fifo)] == "is a pipe (FIFO), expected a glossary"
        serves_the_rest(pack)
    finally:
        server.close()


def test_a_device_is_refused(tmp_path):
    pack = make_pack(tmp_path / "pack")
    device = pack / "en" / "zero.md"
    try:
        os.mknod(device, 0o644 | 0o020000, os.makedev(1, 5))  # /dev/zero
    except (PermissionError, OSError):
        pytest.skip("cannot make a device node here")
    found = {p.file: p.message for p in check_pack(pack)}
    assert found[str(device)] == "is a device, expected a page"
    serves_the_rest(pack)


def test_size_is_capped_by_bytes_read(tmp_path):
    pack = make_pack(tmp_path / "pack")
    path = write_page(pack, "en", "big", "word " * 60000, order=3)
    assert [p.message for p in problems_of(pack, path)] == [
        "too large: a page may be at most 262,144 bytes"]
    serves_the_rest(pack, "big")


# --- what the checker sees in the text ----------------------------------------------------


@pytest.mark.parametrize("key, char", [("title", "\u202e"), ("summary", "\u200b"),
                                       ("title", "\u2066"), ("content_warning", "\ufeff")])
def test_invisible_and_direction_changing_characters_are_errors(tmp_path, key, char):
    pack = make_pack(tmp_path / "pack")
    path = write_page(pack, "en", "odd", order=3, **{key: f"Looks{char} fine"})
    found = [p for p in problems_of(pack, path) if "invisible on screen" in p.message]
    assert found and found[0].is_error and found[0].line is not None
    assert f"(U+{ord(char):04X})" in found[0].message and found[0].message.startswith(key)


def test_a_review_date_in_the_future_is_an_error(tmp_path):
    pack = make_pack(tmp_path / "pack")
    later = (date.today() + timedelta(days=3)).isoformat()
    path = write_page(pack, "en", "later", order=3, reviewed_by="A B, MD", reviewed_on=later)
    found = [p for p in problems_of(pack, path) if "in the future" in p.message]
    assert found and found[0].is_error and found[0].line == 10


# --- images ------------------------------------------------------------------------------


def jpeg(width: int, height: int) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00" + b"\x00" * 9
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof + b"\xff\xd9"


def gif(width: int, height: int) -> bytes:
    return b"GIF89a" + struct.pack("<HH", width, height) + b"\x00\x00\x00"


def webp_vp8x(width: int, height: int) -> bytes:
    body = b"VP8X" + struct.pack("<I", 10) + b"\x00\x00\x00\x00" \
        + (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    return b"RIFF" + struct.pack("<I", len(body) + 4) + b"WEBP" + body


@pytest.mark.parametrize("name, data, size", [
    ("a.png", png_bytes(640, 480), (640, 480)),
    ("a.jpg", jpeg(800, 600), (800, 600)),
    ("a.gif", gif(320, 200), (320, 200)),
    ("a.webp", webp_vp8x(1024, 768), (1024, 768)),
    ("a.svg", b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 150"></svg>',
     (300, 150)),
    ("b.svg", b'<svg xmlns="http://www.w3.org/2000/svg" width="2in" height="1in"></svg>',
     (192, 96)),
])
def test_image_sizes_come_from_headers(tmp_path, name, data, size):
    path = tmp_path / name
    path.write_bytes(data)
    assert image_size(path) == size
    assert image_budget_problem(path) is None


@pytest.mark.parametrize("name, data, message", [
    ("huge.png", png_bytes(20000, 20000), "20,000 x 20,000 pixels"),
    ("wide.jpg", jpeg(30000, 10), "30,000 x 10 pixels"),
    ("big.gif", gif(5000, 5000), "5,000 x 5,000 pixels"),
    ("big.webp", webp_vp8x(8000, 8000), "8,000 x 8,000 pixels"),
    ("big.svg", b'<svg xmlns="http://www.w3.org/2000/svg" width="90000" height="9000"/>',
     "90,000 x 9,000 pixels"),
    ("ext.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><image href="/etc/x.png"/></svg>',
     "refers to another file or address ('/etc/x.png')"),
    ("xlink.svg", b'<svg xmlns:xlink="http://www.w3.org/1999/xlink"><use '
                  b'xlink:href="other.svg#a"/></svg>', "refers to another file"),
    ("entity.svg", b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY e SYSTEM '
                   b'"file:///etc/passwd">]><svg>&e;</svg>', "declares entities"),
    ("script.svg", b"<svg><script>alert(1)</script></svg>", "contains script"),
    ("style.svg", b"<svg><style>rect{fill:url(http://x.example/a)}</style></svg>",
     "style refers to"),
    ("fake.png", b"GIF? no, just text", "not a PNG, JPEG, GIF, WebP, BMP or SVG file"),
])
def test_image_refusals(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    problem = image_budget_problem(path)
    assert problem is not None and message in problem, problem


def test_self_contained_svg_with_internal_links_is_accepted(tmp_path):
    path = tmp_path / "ok.svg"
    path.write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org'
                     b'/1999/xlink" width="100" height="100"><defs><g id="a"/></defs>'
                     b'<use xlink:href="#a"/><image href="data:image/png;base64,AAAA"/>'
                     b'<rect style="fill:url(#grad)"/></svg>')
    assert image_budget_problem(path) is None


def test_page_image_budget_counts_decoded_size(tmp_path):
    names = []
    for i in range(3):  # 12 MP each: 48 MB decoded; two fit in 96 MB, the third does not
        path = tmp_path / f"p{i}.png"
        path.write_bytes(png_bytes(4000, 3000))
        names.append(path)
    budget = PageImageBudget()
    assert budget.admit(names[0]) is None and budget.admit(names[1]) is None
    assert budget.admit(names[0]) is None  # the same picture again costs nothing more
    problem = budget.admit(names[2])
    assert problem is not None and "the limit for one page is 96 MB" in problem
    assert budget.used == 2 * 4000 * 3000 * 4 <= MAX_PAGE_IMAGE_BYTES


def test_images_over_budget_never_reach_the_reader_and_the_checker_names_them(tmp_path):
    pack = make_pack(tmp_path / "pack")
    images = pack / "en" / "images"
    images.mkdir()
    (images / "huge.png").write_bytes(png_bytes(20000, 20000))
    (images / "ext.svg").write_bytes(b'<svg><image href="file:///etc/passwd"/></svg>')
    (images / "ok.png").write_bytes(png_bytes(2, 2))
    for i in range(3):
        (images / f"big{i}.png").write_bytes(png_bytes(4000, 3000))
    body = ("![Huge](images/huge.png)\n\n![External](images/ext.svg)\n\n![Fine](images/ok.png)"
            "\n\n![One](images/big0.png) ![Two](images/big1.png) ![Three](images/big2.png)\n")
    path = write_page(pack, "en", "pictures", body, order=3)
    page = load_pack(pack).page("en", "pictures")
    assert page is not None
    assert page.html.count("<img ") == 3  # ok.png, big0, big1
    assert "ok.png" in page.html and "huge.png" not in page.html and "ext.svg" not in page.html
    assert "big2.png" not in page.html and '<span class="image-alt">Three</span>' in page.html
    errors = {p.line: p.message for p in problems_of(pack, path) if p.is_error}
    assert "image huge.png is 20,000 x 20,000 pixels" in errors[12]
    assert "image ext.svg: the SVG refers to another file" in errors[14]
    assert "this page's images would take 137 MB" in errors[18]
