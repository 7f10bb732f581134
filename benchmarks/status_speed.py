"""How long `hiptui status` takes as a whole process, beside `python -c pass`.

Usage: uv run python benchmarks/status_speed.py [--runs N]

Times `hiptui status` with no history and with a history of a few thousand breaks (a year and
more of use), prints the medians, the difference to a bare interpreter, and confirms that
Textual and rich are never imported on the status path. Target (issue 7): under 100 ms for
the whole process, because tmux and shell prompts run it every few seconds.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _timing import median, row, time_process

TARGET_MS = 100.0


def seed_history(data_dir: Path, breaks: int) -> None:
    from hiptui.store.db import Database

    start = datetime.now(UTC) - timedelta(minutes=breaks * 45)
    moments = iter(start + timedelta(minutes=45 * n) for n in range(breaks + 1))
    db = Database.open(data_dir / "hiptui.sqlite3", now=lambda: next(moments))
    for n in range(breaks):
        db.log_break("snoozed" if n % 7 == 0 else "taken", 5 if n % 7 == 0 else None)
    db.save_checkup({}, {"reminder_minutes": 30})
    db.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--breaks", type=int, default=3000)
    args = parser.parse_args()

    script = shutil.which("hiptui") or str(Path(sys.executable).parent / "hiptui")
    with tempfile.TemporaryDirectory() as home:
        # The folders come from platformdirs (via XDG_*), as for a user who sets no
        # HIPTUI_* variable, so its import is part of what is timed.
        empty = _folders(f"{home}/empty")
        full = _folders(f"{home}/full")
        data = Path(full["XDG_DATA_HOME"]) / "hiptui"
        data.mkdir(parents=True)
        seed_history(data, args.breaks)
        baseline = time_process([sys.executable, "-c", "pass"], runs=args.runs, env=empty)
        no_history = time_process([script, "status"], runs=args.runs, env=empty)
        history = time_process([script, "status"], runs=args.runs, env=full)
        line = subprocess.run(
            [script, "status"], capture_output=True, text=True, env={**_env(), **full}
        ).stdout.strip()
        imports = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "hiptui", "status"],
            capture_output=True,
            text=True,
            env={**_env(), **full},
            check=True,
        ).stderr
    print(row("python -c pass", baseline))
    print(row("hiptui status (no history)", no_history))
    print(row(f"hiptui status ({args.breaks} breaks)", history))
    base, mid = median(baseline), median(history)
    print(f"status - baseline: {mid - base:.1f} ms; ratio {mid / base:.2f}x")
    verdict = "ok" if mid < TARGET_MS else "MISSED"
    print(f"status median {mid:.1f} ms; target < {TARGET_MS:.0f} ms: {verdict}")
    print(f"line printed: {line!r}")
    heavy = [entry for entry in imports.splitlines() if "| textual" in entry or "| rich" in entry]
    print("textual/rich imported on the status path:", "YES" if heavy else "no")
    return 1 if heavy else 0


def _folders(root: str) -> dict[str, str]:
    return {
        "XDG_DATA_HOME": f"{root}/data",
        "XDG_CONFIG_HOME": f"{root}/config",
        "XDG_CACHE_HOME": f"{root}/cache",
        "HIPTUI_DATA_DIR": "",
        "HIPTUI_CONFIG_DIR": "",
        "HIPTUI_CACHE_DIR": "",
    }


def _env() -> dict[str, str]:
    import os

    return dict(os.environ)


if __name__ == "__main__":
    raise SystemExit(main())
