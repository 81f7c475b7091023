"""`kiosk content check|render` through kiosk.cli.main."""

from __future__ import annotations

import re

import pytest

from kiosk.cli import main
from kiosk.content.testing import make_pack, write_page


def test_check_good_pack(tmp_path, capsys):
    make_pack(tmp_path, ("en", "es"))
    assert main(["content", "check", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "OK: 4 page(s), 0 error(s), 0 warning(s)" in err


def test_check_reports_problems_one_per_line(tmp_path, capsys):
    make_pack(tmp_path)
    path = write_page(tmp_path, "en", "bad", "See [x](page:nowhere).", order=3, kind="poem")
    write_page(tmp_path, "en", "warn", "Text.", order=4, colour="red")
    assert main(["content", "check", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert f"{path}:5: kind: expected one of article, list, help, locator, got 'poem'" in lines
    assert f"{path}:12: link to page:nowhere, but no page in en/ has id 'nowhere'" in lines
    assert any(": warning: unknown front matter key 'colour'" in line for line in lines)
    assert "FAILED" in err and "2 error(s), 1 warning(s)" in err
    assert "Traceback" not in out + err


def test_warnings_alone_exit_zero(tmp_path, capsys):
    make_pack(tmp_path)
    write_page(tmp_path, "en", "warn", "Text.", order=4, colour="red")
    assert main(["content", "check", str(tmp_path)]) == 0
    out, _ = capsys.readouterr()
    assert "warning:" in out


def test_check_missing_dir_is_one_line(tmp_path, capsys):
    assert main(["content", "check", str(tmp_path / "nope")]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.strip() == f"error: {tmp_path / 'nope'}: no such folder"


def test_check_defaults_to_builtin_pack(capsys):
    assert main(["content", "check"]) == 0
    _, err = capsys.readouterr()
    assert re.search(r"OK: \d+ page\(s\), 0 error\(s\)", err), err


def test_check_defaults_to_configured_pack(tmp_path, capsys):
    make_pack(tmp_path / "pack")
    write_page(tmp_path / "pack", "en", "bad", order=3, kind="poem")
    config = tmp_path / "kiosk.toml"
    config.write_text('[content]\ndir = "pack"\n', encoding="utf-8")
    assert main(["content", "check", "--config", str(config)]) == 1
    out, _ = capsys.readouterr()
    assert "bad.md:5: kind" in out


def test_render_article(tmp_path, capsys):
    make_pack(tmp_path)
    assert main(["content", "render", str(tmp_path / "en" / "welcome.md")]) == 0
    out, _ = capsys.readouterr()
    assert out.strip() == '<p>Hello. See the <a href="page:signs">list</a>.</p>'


def test_render_list_page_prints_intro_and_cards(tmp_path, capsys):
    make_pack(tmp_path)
    assert main(["content", "render", str(tmp_path / "en" / "signs.md")]) == 0
    out, _ = capsys.readouterr()
    assert "<p>Some signs to know. Read them slowly.</p>" in out
    assert "<h2>Group one</h2>" in out
    assert '<p class="card"><strong>First</strong><br>The first card.</p>' in out


def test_render_text(tmp_path, capsys):
    make_pack(tmp_path)
    assert main(["content", "render", "--text", str(tmp_path / "en" / "welcome.md")]) == 0
    assert capsys.readouterr().out == "Welcome\nHello. See the list.\n"


@pytest.mark.parametrize("content", [None, "no front matter\n"])
def test_render_bad_file(tmp_path, capsys, content):
    path = tmp_path / "en" / "x.md"
    if content is not None:
        path.parent.mkdir()
        path.write_text(content)
    assert main(["content", "render", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "error:" in err and "Traceback" not in err


def test_content_without_action_shows_usage(capsys):
    assert main(["content"]) == 2
    assert "check" in capsys.readouterr().err


def test_check_fails_when_configured_dir_is_missing(tmp_path, capsys):
    config = tmp_path / "kiosk.toml"
    config.write_text('[content]\ndir = "nowhere"\n', encoding="utf-8")
    assert main(["content", "check", "--config", str(config)]) == 1
    _, err = capsys.readouterr()
    assert "content.dir: no such folder" in err and "FAILED" in err
