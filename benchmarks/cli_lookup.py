"""How long `hiptui cues glute-bridge` takes as a whole process, beside `python -c pass`.

Usage: uv run python benchmarks/cli_lookup.py [--runs N]

Prints both medians, their difference and ratio, and confirms that Textual is never imported
on the look-up path. Target (issue 2): under 120 ms median on the project's machine.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _timing import median, row, time_process


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    script = shutil.which("hiptui") or str(Path(sys.executable).parent / "hiptui")
    with tempfile.TemporaryDirectory() as home:
        env = {"HIPTUI_DATA_DIR": f"{home}/data", "HIPTUI_CONFIG_DIR": f"{home}/config"}
        baseline = time_process([sys.executable, "-c", "pass"], runs=args.runs, env=env)
        cues = time_process([script, "cues", "glute-bridge"], runs=args.runs, env=env)
        listing = time_process([script, "list"], runs=args.runs, env=env)
        imports = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "hiptui", "cues", "glute-bridge"],
            capture_output=True,
            text=True,
            env={**env, "PATH": ""},
            check=True,
        ).stderr
    print(row("python -c pass", baseline))
    print(row("hiptui cues glute-bridge", cues))
    print(row("hiptui list", listing))
    base, mid = median(baseline), median(cues)
    print(f"cues - baseline: {mid - base:.1f} ms; ratio {mid / base:.2f}x; target < 120 ms")
    textual = [line for line in imports.splitlines() if "| textual" in line or "| rich" in line]
    print("textual/rich imported on the cues path:", "YES" if textual else "no")
    return 1 if textual else 0


if __name__ == "__main__":
    raise SystemExit(main())
