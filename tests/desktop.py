"""A fake piece of the desktop for tests: a `notify-send` that records its arguments."""

from __future__ import annotations

from pathlib import Path


def fake_notify_send(folder: Path) -> tuple[Path, Path]:
    """Write ``folder/bin/notify-send``, which appends each argument it gets as a line of
    ``folder/notify-send.args``; returns (the bin folder to put first on PATH, that file)."""
    bin_dir = folder / "bin"
    bin_dir.mkdir(parents=True, exist_ok=True)
    record = folder / "notify-send.args"
    script = bin_dir / "notify-send"
    script.write_text(f'#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done >> {record}\n')
    script.chmod(0o755)
    return bin_dir, record
