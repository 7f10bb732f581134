"""Screens and widgets reach the app only as a Textual ``App``: they post messages up and are
given their data. No ``getattr(self.app, ...)``, no ``# type: ignore`` to call what Textual's
``App`` does not have, no ``cast`` to hiptui's app classes (import-linter keeps
``hiptui.tui.app`` itself out of them)."""

from __future__ import annotations

import re
from pathlib import Path

import hiptui.tui

TUI = Path(hiptui.tui.__file__).parent
FOLDERS = ("screens", "widgets")
GETATTR_APP = re.compile(r"getattr\(\s*self\.app\b")
CAST_TO_APP = re.compile(r"\bcast\(\s*[\"']?(?:[\w.]*\.)?(?:\w*App)\b")
APP_CLASS = re.compile(r"\b(?:HiptuiApp|HomeApp)\b")
TYPE_IGNORE = re.compile(r"#\s*type:\s*ignore")


def reaches_into_the_app(source: str) -> list[str]:
    """Each way ``source`` reaches past Textual's ``App`` to hiptui's, as ``line N: text``."""
    found: list[str] = []

    def line_of(offset: int) -> int:
        return source.count("\n", 0, offset) + 1

    for pattern in (GETATTR_APP, CAST_TO_APP, APP_CLASS):
        found += [f"line {line_of(m.start())}: {m.group(0)}" for m in pattern.finditer(source)]
    for number, line in enumerate(source.splitlines(), start=1):
        if "self.app" in line and TYPE_IGNORE.search(line):
            found.append(f"line {number}: {line.strip()}")
    return found


def test_the_check_finds_each_way_of_reaching_into_the_app() -> None:
    samples = [
        'library = getattr(self.app, "library", None)',
        "lib = getattr(\n    self.app, 'library')",
        "self.app.open_exercise(ex.id)  # type: ignore[attr-defined]",
        'app = cast("HiptuiApp", self.app)',
        "app = cast(\n    hiptui.tui.app.HiptuiApp, self.app)",
        "app = cast(HomeApp, self.app)",
        "    from hiptui.tui.app_base import HomeApp",
    ]
    for sample in samples:
        assert reaches_into_the_app(sample), sample
    allowed = [
        "self.app.push_screen(ConfirmScreen(question), answered)",
        "self.post_message(OpenExercise(exercise.id))",
        "self.filter = replace(self.filter, level=level)  # type: ignore[arg-type]",
        'widget = cast("Input", event.control)',
    ]
    for sample in allowed:
        assert not reaches_into_the_app(sample), sample


def test_no_screen_or_widget_reaches_into_the_app() -> None:
    files = [path for folder in FOLDERS for path in sorted((TUI / folder).glob("*.py"))]
    assert len(files) > 10  # the screens and widgets are where the test looks
    found = {
        f"{path.relative_to(TUI)}: {hit}"
        for path in files
        for hit in reaches_into_the_app(path.read_text(encoding="utf-8"))
    }
    assert not found, "\n".join(sorted(found))
