"""``hiptui`` with no command: start the TUI (the only path that imports Textual)."""

from __future__ import annotations

import argparse


def run_app(args: argparse.Namespace) -> int:
    from hiptui.tui.app import make_app

    app = make_app(extra_dirs=list(getattr(args, "exercises", []) or []))
    app.run()
    return app.return_code or 0
