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


def test_the_app_path_builds_no_command_parser() -> None:
    """`hiptui` alone opens the app: no command module is imported on the way (each costs
    start-up time), while `hiptui --help` still lists every command."""
    import subprocess
    import sys

    script = (
        "import sys, hiptui.cli.app as app\n"
        "app.run_app = lambda args: print(sorted(m for m in sys.modules"
        " if m.startswith('hiptui.cli.'))) or 0\n"
        "from hiptui.cli.main import main\n"
        "raise SystemExit(main(['--exercises', 'somewhere']))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    # hiptui.cli.output: the terminal-safe streams every command prints through.
    assert done.stdout.strip() == "['hiptui.cli.app', 'hiptui.cli.main', 'hiptui.cli.output']"
    helped = subprocess.run(
        [sys.executable, "-m", "hiptui", "--help"], capture_output=True, text=True
    )
    listed = set(re.findall(r"^    ([a-z-]+)\s", helped.stdout, re.MULTILINE))
    assert listed == set(cli.COMMANDS)
