"""Folders of many user exercises for the benchmarks, made in a temporary folder.

``user_exercises(folder, total)`` fills ``folder`` with ``total`` exercise files: copies of
the bundled exercises under new ids and names ("Glute bridge 17"), or, given a free-exercise-db
JSON file (``--dataset``, e.g. the shared 698-record sample), that dataset imported with
``hiptui import`` and padded with copies the same way. Nothing from a dataset is committed.
Every file gets an old modification time, as files a user has had for a while (the content
cache does not trust files changed in the last few seconds).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

OLD_NS = 1_600_000_000 * 10**9
HERE = Path(__file__).resolve().parent


def bundled_dir() -> Path:
    return HERE.parent / "exercises"


def user_exercises(folder: Path, total: int, dataset: Path | None = None) -> Path:
    """``folder`` holding ``total`` exercise files (see the module's docstring)."""
    folder.mkdir(parents=True, exist_ok=True)
    if dataset is not None:
        hiptui = str(Path(sys.executable).parent / "hiptui")
        command = [hiptui, "import", "free-exercise-db", str(dataset), "--into", str(folder)]
        subprocess.run(command, check=True, capture_output=True)
        for extra in sorted(folder.glob("*.toml"))[total:]:
            extra.unlink()
    originals = sorted(folder.glob("*.toml")) or sorted(bundled_dir().glob("*.toml"))
    have = len(list(folder.glob("*.toml")))
    copy = 1
    while have < total:
        for path in originals:
            if have >= total:
                break
            text = path.read_text(encoding="utf-8")
            new_id = f"{path.stem}-{copy}"
            text = text.replace(f'\nid = "{path.stem}"\n', f'\nid = "{new_id}"\n', 1)
            text = _rename(text, copy)
            (folder / f"{new_id}.toml").write_text(text, encoding="utf-8")
            have += 1
        copy += 1
    for path in folder.iterdir():
        os.utime(path, ns=(OLD_NS, OLD_NS))
    return folder


def _rename(text: str, copy: int) -> str:
    """The ``name = "..."`` line with `` <copy>`` added, and a user's own source (bundled
    copies would otherwise all sit in the article's group)."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line.startswith('name = "') and line.endswith('"'):
            lines[index] = f'{line[:-1]} {copy}"'
        elif line.startswith('source = "') and not line.startswith('source = "free-exercise-db'):
            lines[index] = 'source = "benchmark copy"'
    return "\n".join(lines)


def hiptui_env(home: Path) -> dict[str, str]:
    """HIPTUI_* folders under ``home`` (the user's exercises go in ``home/data/exercises``)."""
    return {f"HIPTUI_{name}_DIR": str(home / name.lower()) for name in ("DATA", "CONFIG", "CACHE")}
