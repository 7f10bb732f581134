"""``hiptui``: argument parsing and dispatch.

Each command lives in its own module that exposes ``register(subparsers)``; the module adds its
parser and sets ``handler`` to a function ``(args) -> int``. Command modules import their heavy
dependencies inside the handler, so ``hiptui cues`` never pays for Textual.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence
    from typing import Any

# Modules that register sub-commands, in the order ``--help`` lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "hiptui.cli.lookup",
    "hiptui.cli.check",
    "hiptui.cli.run",
    "hiptui.cli.serve",
    "hiptui.cli.export",
    "hiptui.cli.import_dataset",
    "hiptui.cli.new",
    "hiptui.cli.status",
    "hiptui.cli.today",
    "hiptui.cli.next",
    "hiptui.cli.pause",
    "hiptui.cli.remind",
    "hiptui.cli.checkup",
    "hiptui.cli.keys",
    "hiptui.cli.sound",
)


# Which module registers each command, so a command builds only its own parser: every module
# (and its imports) left out is time saved on `hiptui status` in a prompt or `hiptui cues`.
COMMANDS: dict[str, str] = {
    "list": "hiptui.cli.lookup",
    "show": "hiptui.cli.lookup",
    "cues": "hiptui.cli.lookup",
    "check": "hiptui.cli.check",
    "run": "hiptui.cli.run",
    "serve": "hiptui.cli.serve",
    "export": "hiptui.cli.export",
    "import-history": "hiptui.cli.export",
    "import": "hiptui.cli.import_dataset",
    "new": "hiptui.cli.new",
    "status": "hiptui.cli.status",
    "break": "hiptui.cli.status",
    "today": "hiptui.cli.today",
    "next": "hiptui.cli.next",
    "pause": "hiptui.cli.pause",
    "resume": "hiptui.cli.pause",
    "remind": "hiptui.cli.remind",
    "checkup": "hiptui.cli.checkup",
    "keys": "hiptui.cli.keys",
    "sound": "hiptui.cli.sound",
}


# Modules with a ``quick(arguments) -> int | None`` that answers the command when its arguments
# are plain, before argparse is imported (else ``None``, and it is parsed and run as usual).
QUICK: dict[str, str] = {
    "show": "hiptui.cli.lookup",
    "cues": "hiptui.cli.lookup",
    "today": "hiptui.cli.today",
    "next": "hiptui.cli.next",
}


def command_in(argv: Sequence[str]) -> str | None:
    """The sub-command named in ``argv`` (skipping ``--exercises DIR``), if any."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--exercises":
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def build_parser(only: str | None = None, *, commands: bool = True) -> argparse.ArgumentParser:
    """The parser for ``hiptui``: with only the sub-command ``only`` when it is known, with
    every sub-command otherwise, and with none when ``commands`` is off (``hiptui`` alone,
    which opens the app: it needs no command's parser, and building them all costs ~25 ms
    of its start)."""
    import argparse
    import importlib
    from pathlib import Path

    from hiptui import __version__

    parser = argparse.ArgumentParser(
        prog="hiptui",
        description="A keyboard-driven terminal coach for hip-extension strength. "
        "With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"hiptui {__version__}")
    parser.add_argument(
        "--exercises",
        metavar="DIR",
        action="append",
        type=Path,
        default=[],
        help="also load exercise files from DIR (may be given more than once)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    registry = _Subcommands(subparsers)
    if not commands:
        modules = []
    elif only in COMMANDS:
        modules = [COMMANDS[only]]
    else:
        modules = list(COMMAND_MODULES)
    for name in modules:
        importlib.import_module(name).register(registry)
    return parser


class _Subcommands:
    """Wraps argparse's sub-parser action so every command also takes ``--exercises``."""

    def __init__(self, action: Any) -> None:
        self._action = action

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        import argparse
        from pathlib import Path

        parser: argparse.ArgumentParser = self._action.add_parser(name, **kwargs)
        parser.add_argument(
            "--exercises",
            metavar="DIR",
            action="append",
            type=Path,
            default=argparse.SUPPRESS,
            help="also load exercise files from DIR (may be given more than once)",
        )
        return parser


def main(argv: Sequence[str] | None = None) -> int:
    from hiptui.cli.output import raw_stream, safe_streams

    arguments = list(sys.argv[1:] if argv is None else argv)
    # Every byte a command prints goes through the terminal-safe streams (hiptui.cli.output).
    with safe_streams():
        try:
            return _dispatch(arguments)
        except KeyboardInterrupt:
            return 130
        except BrokenPipeError:
            # The reader went away (``hiptui list | head``): not an error worth a traceback.
            raw_stream(sys.stderr).close()
            return 0


def _dispatch(arguments: list[str]) -> int:
    if arguments[:1] == ["status"]:
        # Run every few seconds by tmux, bars and prompts: its own short path, no argparse.
        from hiptui.cli.status_fast import run_fast

        fast = run_fast(arguments[1:])
        if fast is not None:
            return fast
    if not arguments:
        # `hiptui` alone opens the app: nothing to parse, so argparse is not even imported.
        from hiptui.cli.app import run_app

        return run_app(None)
    command = command_in(arguments)
    if command in QUICK:
        module = __import__(QUICK[command], fromlist=["quick"])
        answered: int | None = module.quick(arguments)
        if answered is not None:
            return answered
    return _parse_and_run(arguments, command)


def _parse_and_run(arguments: list[str], command: str | None) -> int:
    wants_help = any(arg in ("-h", "--help") for arg in arguments)
    parser = build_parser(command, commands=command is not None or wants_help)
    args = parser.parse_args(arguments)
    handler = getattr(args, "handler", None)
    if handler is None:
        from hiptui.cli.app import run_app

        code: int = run_app(args)
        return code
    result: int = handler(args)
    return result
