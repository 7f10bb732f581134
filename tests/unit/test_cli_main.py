from __future__ import annotations

import importlib
import re

import pytest

from hiptui.cli import main as cli


def test_every_registered_command_is_in_the_fast_path_table() -> None:
    parser = cli.build_parser()
    help_text = parser.format_help()
    listed = set(re.findall(r"^    ([a-z-]+)\s", help_text, re.MULTILINE))
    assert listed == set(cli.COMMANDS)
    assert set(cli.COMMANDS.values()) == set(cli.COMMAND_MODULES)
    for name, module in cli.COMMANDS.items():
        alone = cli.build_parser(name).format_help()
        assert re.search(rf"^    {re.escape(name)}\s", alone, re.MULTILINE), (name, module)
        importlib.import_module(module)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["cues", "glute-bridge"], "cues"),
        (["--exercises", "some-dir", "list"], "list"),
        (["--version"], None),
        ([], None),
    ],
)
def test_command_in(argv: list[str], expected: str | None) -> None:
    assert cli.command_in(argv) == expected
