"""Hostile inputs shared by the CLI and TUI tests: terminal escapes, markup, huge and broken files.

:func:`write_hostile_exercises` fills a folder with one exercise file per kind of attack and
returns what ``hiptui check`` must say about each; :func:`terminal_unsafe` finds what must never
reach a terminal (every C0/C1 control but newline and tab, DEL, bidirectional overrides).
"""

from __future__ import annotations

import contextlib
import os
import threading
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import tomli_w

OSC52 = "\x1b]52;c;ZXZpbCBjbGlwYm9hcmQ=\x07"  # write "evil clipboard" to the clipboard
OSC_TITLE = "\x1b]0;pwned title\x07"  # set the window title
OSC_TITLE_ST = "\x1b]2;pwned\x1b\\"  # the same, ended by ST
CSI = "\x1b[2J\x1b[H\x1b[31m"  # clear the screen, home, red
C1_CSI = "\x9b2J"  # the one-byte C1 form of CSI
C0 = "\x00\x07\x08\x0e\x0f\x7f"  # NUL, BEL, BS, shift out/in, DEL
RLO = "\u202eevil\u202c"  # right-to-left override
MARKUP = "[bold red]Markup[/] [link=https://example.com]link[/link] [@click=app.quit]q[/]"
ALL_ESCAPES = OSC52 + OSC_TITLE + OSC_TITLE_ST + CSI + C1_CSI + C0 + RLO
ONE_MB = 1024 * 1024
T = TypeVar("T")

_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def terminal_unsafe(text: str) -> list[str]:
    """Characters in ``text`` a terminal could act on (newline, CRLF and tab are fine)."""
    return sorted(
        {
            char
            for char in text.replace("\r\n", "\n")
            if char in _BIDI or (unicodedata.category(char) == "Cc" and char not in "\n\t")
        }
    )


def assert_terminal_safe(text: str, where: str = "") -> None:
    found = terminal_unsafe(text)
    assert not found, f"{where}: raw {[f'U+{ord(c):04X}' for c in found]} in {text[:300]!r}"
    assert "Traceback" not in text, f"{where}: {text[-2000:]}"


def exercise_data(exercise_id: str, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": exercise_id,
        "name": f"Hostile {exercise_id}",
        "summary": "A test exercise.",
        "level": "beginner",
        "source": "test fixture",
        "steps": ["Lie down.", "Lift."],
        "muscles": {"primary": ["gluteus maximus"]},
        "dosage": {"sets": 2, "reps": 10},
    }
    data.update(changes)
    return data


def write_exercise(folder: Path, file_name: str, exercise_id: str, **changes: Any) -> Path:
    path = folder / file_name
    path.write_text(tomli_w.dumps(exercise_data(exercise_id, **changes)), encoding="utf-8")
    return path


def write_hostile_exercises(folder: Path) -> dict[str, str]:
    """One file per attack in ``folder``; returns file name -> what its problem says.

    Two files load: ``markup.toml`` (markup is only text) and, under a name holding an OSC
    title sequence, ``title-named``. Everything else is refused with a problem.
    """
    folder.mkdir(parents=True, exist_ok=True)
    steps = [MARKUP, "\\[escaped] [b]bold?[/b]"]
    write_exercise(folder, "markup.toml", "markup", name=MARKUP[:80], steps=steps,
                   cues=["[reverse]Squeeze[/]"])  # fmt: skip
    write_exercise(folder, f"title{OSC_TITLE}named.toml", "title-named")
    expected = {
        "osc52.toml": "name: contains a control character (U+001B)",
        "title.toml": "steps[1]: contains a control character (U+001B)",
        "csi.toml": "summary: contains a control character (U+001B)",
        "c1.toml": "cues[1]: contains a control character (U+009B)",
        "c0.toml": "tips[1]: contains a control character (U+0000)",
        "bidi.toml": "cues[1]: contains a control character (U+202E RIGHT-TO-LEFT OVERRIDE)",
        "long.toml": "name: is 100000 characters long; the limit is 80",
        "wide.toml": "steps: has 20000 entries; the limit is 200",
        "key.toml": "unknown key '",
        "huge.toml": "is larger than 1024 KiB; not loaded",
        "deep.toml": "arrays and tables are nested more than 32 deep",
        "utf8.toml": "is not valid UTF-8",
        "folder.toml": "is a folder, not a TOML file",
        "loop-a.toml": "cannot be read: Too many levels of symbolic links",
        "loop-b.toml": "cannot be read: Too many levels of symbolic links",
    }
    write_exercise(folder, "osc52.toml", "osc52", name="Clip" + OSC52)
    write_exercise(folder, "title.toml", "title", steps=["Lie down." + OSC_TITLE + OSC_TITLE_ST])
    write_exercise(folder, "csi.toml", "csi", summary="Clear" + CSI)
    write_exercise(folder, "c1.toml", "c1", cues=[C1_CSI + "red"])
    write_exercise(folder, "c0.toml", "c0", tips=[C0])
    write_exercise(folder, "bidi.toml", "bidi", cues=[RLO])
    write_exercise(folder, "long.toml", "long", name="x" * 100_000)
    write_exercise(folder, "wide.toml", "wide", steps=["step"] * 20_000)
    key = tomli_w.dumps({**exercise_data("key"), OSC52 + "[b]key[/b]": 1})
    (folder / "key.toml").write_text(key, encoding="utf-8")
    (folder / "huge.toml").write_text(f'name = "{"y" * ONE_MB}"\n', encoding="utf-8")
    (folder / "deep.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    (folder / "utf8.toml").write_bytes(b'id = "utf8"\nname = "\xff\xfe\x1b]0;x\x07"\n')
    (folder / "folder.toml").mkdir()
    os.symlink(folder / "loop-b.toml", folder / "loop-a.toml")
    os.symlink(folder / "loop-a.toml", folder / "loop-b.toml")
    return expected


# -- files that are not files, and shapes that make parsers slow ------------------------------

BOM = "\ufeff"


def make_fifo(path: Path) -> Path:
    """A named pipe at ``path``: opening it for reading blocks until someone writes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


def call_without_blocking(
    call: Callable[[], T], fifos: Sequence[Path], deadline: float = 30.0
) -> T:
    """``call()``, failing the test (instead of hanging it) if it blocks on one of ``fifos``.

    The call runs in a thread; if it is still running after ``deadline`` seconds, each pipe
    is opened for writing and closed (which only succeeds when something is blocked reading
    it), so the thread ends and the test fails. Only a failing test waits that long.
    """
    result: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            result.append(call())
        except BaseException as error:  # handed to the test below
            errors.append(error)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(deadline)
    blocked = worker.is_alive()
    if blocked:
        for fifo in fifos:
            with contextlib.suppress(OSError):
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        worker.join(deadline)
    assert not blocked, f"blocked reading a named pipe: {fifos}"
    if errors:
        raise errors[0]
    return result[0]


# Small instances of the TOML shapes the bounds refuse (benchmarks/toml_parse_bounds.py times
# the big ones): each is refused at once, with its line and this message.
SLOW_TOML = {
    "dotted key": ("x = 1\n" + "k" + ".k" * 64 + " = 1\n", 2, "has more than 10 parts"),
    "table name": ("[" + "k." * 64 + "k]\n", 1, "has more than 10 parts"),
    "deep nesting": ("x = " + "[" * 40 + "]" * 40 + "\n", 1, "nested more than 32 deep"),
    "long number": ("a = 1\nb = " + "9" * 5000 + "\n", 2, "a number is 5,000 characters long"),
    "negative number": ("b = -" + "9" * 100 + "\n", 1, "a number is 101 characters long"),
    "many items": ("x = [" + "1," * 60_000 + "]\n", 1, "holds more than 100,000 keys"),
}
