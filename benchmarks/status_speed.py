"""How long `hiptui status` takes as a whole process, beside `python -c pass`.

Usage: uv run python benchmarks/status_speed.py [--runs N]

Times `hiptui status` with no history, and `hiptui status` and `hiptui status --json` with a
history of a few thousand breaks (a year and more of use) and today's sitting timeline, taking
turns with `python -c pass` in the same run. Prints each median with its ratio to that
baseline, and confirms that Textual, rich and jeepney are never imported on the status path.
Targets: under 100 ms for the whole process (issue 7) and at most 4x `python -c pass`
(issue 16), because tmux, bars and shell prompts run it every few seconds.
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
from _timing import median, row, time_interleaved

TARGET_MS = 100.0
TARGET_RATIO = 4.0


def seed_history(data_dir: Path, breaks: int) -> None:
    from hiptui.store.db import Database

    start = datetime.now(UTC) - timedelta(minutes=breaks * 45)
    moments = iter(start + timedelta(minutes=45 * n) for n in range(breaks + 1))
    db = Database.open(data_dir / "hiptui.sqlite3", now=lambda: next(moments))
    for n in range(breaks):
        db.log_break("snoozed" if n % 7 == 0 else "taken", 5 if n % 7 == 0 else None)
    db.save_checkup({}, {"reminder_minutes": 30})
    db.close()
    # Today's timeline: seen, a completed session, a time away, a pause that has ended.
    now = datetime.now(UTC)
    moments = iter(now - timedelta(minutes=m) for m in (200, 180, 150, 120, 100))
    db = Database.open(data_dir / "hiptui.sqlite3", now=lambda: next(moments, now))
    db.timeline.mark_seen(now - timedelta(hours=4))
    session = db.start_session("Desk break", {}, "desk-break")
    db.finish_session(session, "completed")
    db.timeline.save_away(now - timedelta(minutes=90), now - timedelta(minutes=80),
                          still_away=False, source="suspend")  # fmt: skip
    db.timeline.pause(now - timedelta(minutes=60))
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
        # Most users have a settings file (the app saves the theme), so status reads one.
        config = Path(full["XDG_CONFIG_HOME"]) / "hiptui"
        config.mkdir(parents=True)
        (config / "settings.toml").write_text(
            'theme = "nord"\nunits = "metric"\nbreak_minutes = 40\nday_start_hour = 5\n'
            '\n[keymap]\n"catalog.search" = "slash"\n'
        )
        baseline, no_history, history, as_json = time_interleaved(
            [
                ([sys.executable, "-c", "pass"], empty),
                ([script, "status"], empty),
                ([script, "status"], full),
                ([script, "status", "--json"], full),
            ],
            runs=args.runs,
        )
        line = subprocess.run(
            [script, "status"], capture_output=True, text=True, env={**_env(), **full}
        ).stdout.strip()
        imports = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "hiptui", "status", "--json"],
            capture_output=True,
            text=True,
            env={**_env(), **full},
            check=True,
        ).stderr
    base = median(baseline)
    print(f"{row('python -c pass (baseline)', baseline)}   1.00x")
    for label, samples in (
        ("hiptui status (no history)", no_history),
        (f"hiptui status ({args.breaks} breaks)", history),
        (f"hiptui status --json ({args.breaks} breaks)", as_json),
    ):
        print(f"{row(label, samples)}   {median(samples) / base:.2f}x")
    worst = max(median(history), median(as_json))
    ratio = worst / base
    verdict = "ok" if worst < TARGET_MS and ratio <= TARGET_RATIO else "MISSED"
    print(
        f"slowest status median {worst:.1f} ms = {ratio:.2f}x the baseline "
        f"(+{worst - base:.1f} ms); targets < {TARGET_MS:.0f} ms and <= {TARGET_RATIO:.0f}x: "
        f"{verdict}"
    )
    print(f"line printed: {line!r}")
    heavy = [
        entry
        for entry in imports.splitlines()
        if any(f"| {name}" in entry for name in ("textual", "rich", "jeepney"))
    ]
    print("textual/rich/jeepney imported on the status path:", "YES" if heavy else "no")
    return 1 if heavy or verdict != "ok" else 0


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
