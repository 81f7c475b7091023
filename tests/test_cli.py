"""The `kiosk` command line: a plain start takes a lean path that must mean the same."""

from __future__ import annotations

import pytest

from kiosk.cli import _only_run_options, build_parser


@pytest.mark.parametrize("argv", [
    [],
    ["--windowed"],
    ["--exit-after-startup"],
    ["--config", "/etc/kiosk/kiosk.toml", "--verbose"],
    ["--config=/srv/kiosk.toml", "--windowed", "--size", "1280x800"],
])
def test_plain_starts_parse_the_same_without_the_sub_commands(argv: list[str]) -> None:
    assert _only_run_options(argv)
    lean = vars(build_parser(commands=False).parse_args(argv))
    full = vars(build_parser().parse_args(argv))
    full.pop("command")
    assert lean == full


@pytest.mark.parametrize("argv", [
    ["check-config"],
    ["run", "--windowed"],
    ["--config", "kiosk.toml", "clinics", "search", "10001"],
    ["-h"],
    ["--windowed", "--help"],
])
def test_sub_commands_and_help_use_the_whole_parser(argv: list[str]) -> None:
    assert not _only_run_options(argv)


def test_an_unknown_word_is_refused_with_the_command_list(capsys) -> None:
    from kiosk.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["chek-config"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'chek-config'" in err and "check-config" in err
