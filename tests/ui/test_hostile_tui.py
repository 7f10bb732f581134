"""Hostile text in the TUI: shown literally with controls removed, or reported, never sent raw.

Every screen is checked twice: each widget's text (``Content.plain``) and the whole rendered
screen (``export_screenshot``, notifications included) must hold no terminal control. What the
user accepted (markup in a name) must appear exactly as written.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import tomli_w
from textual.app import App
from textual.content import Content
from textual.widgets import OptionList, Static

from hiptui import paths
from hiptui.store.db import Database
from hiptui.tui.app import HiptuiApp
from hiptui.tui.messages import OpenExercise
from hiptui.tui.screens.catalog import CatalogScreen
from hiptui.tui.screens.dialogs import ChooseScreen, ResumeScreen
from hiptui.tui.screens.exercise import ExerciseScreen
from hiptui.tui.screens.problems import ProblemsScreen
from tests.hostile import (
    C1_CSI,
    MARKUP,
    ONE_MB,
    OSC52,
    OSC_TITLE,
    RLO,
    assert_terminal_safe,
    terminal_unsafe,
    write_hostile_exercises,
)
from tests.ui.helpers import FIXTURES, build_app, loaded, type_ahead, until

SIZE = (110, 34)


def widget_texts(app: App[None]) -> list[str]:
    texts = []
    for widget in app.screen.query(Static):
        visual = widget.visual
        if isinstance(visual, Content):
            texts.append(visual.plain)
    for options in app.screen.query(OptionList):
        texts += [o.prompt.plain for o in options.options if isinstance(o.prompt, Content)]
    return texts


def assert_screen_safe(app: App[None]) -> str:
    """Check the current screen and the notifications; returns the screenshot's text."""
    for text in widget_texts(app):
        assert_terminal_safe(text, type(app.screen).__name__)
    for notification in app._notifications:
        assert_terminal_safe(notification.message + notification.title, "notification")
    screenshot = app.export_screenshot()
    assert_terminal_safe(screenshot, f"screenshot of {type(app.screen).__name__}")
    return screenshot.replace("&#160;", " ")


def hostile_app(folder: Path) -> HiptuiApp:
    return build_app([FIXTURES / "exercises", folder])


async def test_hostile_exercises_show_literally_or_as_problems(tmp_path: Path) -> None:
    folder = tmp_path / "exercises"
    expected = write_hostile_exercises(folder)
    app = hostile_app(folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await loaded(pilot)
        catalog = app.screen
        assert isinstance(catalog, CatalogScreen)
        option_list = catalog.query_one("#exercise-list", OptionList)
        prompt = option_list.get_option("markup").prompt
        assert isinstance(prompt, Content) and prompt.plain.startswith(MARKUP[:60])
        assert option_list.get_option("title-named") is not None
        assert_screen_safe(app)

        app.post_message(OpenExercise("markup"))
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)
        card = app.screen.query_one("#exercise-card", Static).visual
        assert isinstance(card, Content)
        assert MARKUP in card.plain and "\\[escaped] [b]bold?[/b]" in card.plain
        assert "[reverse]Squeeze[/]" in card.plain
        assert MARKUP[:40] in assert_screen_safe(app)
        await pilot.press("escape", "exclamation_mark")
        assert isinstance(app.screen, ProblemsScreen)
        shown = [
            text for text in widget_texts(app) if text.startswith(str(folder)) and ": " in text
        ]
        for name, message in expected.items():
            assert any(t.startswith(f"{folder / name}") and message in t for t in shown), name
        assert_screen_safe(app)
        # The screen still works: back to the catalog.
        await pilot.press("escape")
        assert isinstance(app.screen, CatalogScreen)


async def test_hostile_settings_are_reported_without_escapes() -> None:
    path = paths.settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(
        f"{json.dumps(OSC52 + '[b]key[/b]')} = 1\n"
        f"theme = {json.dumps(OSC_TITLE)}\n"
        f"units = {json.dumps(RLO)}\n"
        f"start_side = {json.dumps('l' * (ONE_MB // 2))}\n"
        "rest_seconds = [" + "1, " * 20_000 + "]\n",
        encoding="utf-8",
    )
    before = path.read_bytes()
    app = build_app([FIXTURES / "exercises"])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await loaded(pilot)
        messages = [n.message for n in app._notifications]
        assert len(messages) == 5, messages
        assert any("unknown setting ']52;c;ZXZpbCBjbGlwYm9hcmQ=[b]key[/b]'" in m for m in messages)
        assert any("theme: contains a control character (U+001B)" in m for m in messages)
        assert any("units: expected" in m for m in messages)
        assert not any(n.markup for n in app._notifications)  # "[b]key[/b]" stays text
        assert_screen_safe(app)
        assert app.settings.units == "imperial" and app.settings.rest_seconds == 60
        await pilot.press("j")  # still answers keys
    assert path.read_bytes() == before


def write_routine(folder: Path, name: str, routine_id: str, title: str) -> None:
    data = {
        "id": routine_id,
        "name": title,
        "summary": f"Summary of {title}",
        "source": "test fixture",
        "items": [{"exercise": "fixture-bridge", "sets": 1}],
    }
    (folder / "routines").mkdir(parents=True, exist_ok=True)
    (folder / "routines" / name).write_text(tomli_w.dumps(data), encoding="utf-8")


async def test_routine_names_show_literally_and_bad_ones_are_reported(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    write_routine(folder, "markup.toml", "markup-routine", "[red]Red[/] routine [@click=x]")
    write_routine(folder, "evil.toml", "evil-routine", f"Evil{OSC52}{C1_CSI}")
    app = build_app([FIXTURES / "exercises", folder])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("w")
        assert isinstance(app.screen, ChooseScreen)
        labels = [text for text in widget_texts(app) if "routine" in text]
        assert any(t.startswith("[red]Red[/] routine [@click=x]") for t in labels), labels
        assert not any("Evil" in t for t in labels)
        messages = [n.message for n in app._notifications]
        assert any("evil.toml" in m and "name: contains a control" in m for m in messages)
        assert_screen_safe(app)
        await pilot.press("escape")
        assert isinstance(app.screen, CatalogScreen)


async def test_a_hostile_name_in_the_database_is_shown_stripped() -> None:
    """A history edited by another tool can hold anything; the resume offer shows it safely."""
    with Database.open(paths.database_path()) as db:
        session = db.start_session("placeholder", {})
    raw = f"Evil {OSC_TITLE}{OSC52}{C1_CSI} [b]session[/b]"
    connection = sqlite3.connect(paths.database_path())
    connection.execute("UPDATE sessions SET name = ? WHERE id = ?", (raw, session))
    connection.commit()
    connection.close()
    app = build_app([FIXTURES / "exercises"])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await loaded(pilot)
        assert isinstance(app.screen, ResumeScreen)
        texts = widget_texts(app)
        assert any(t.startswith("Evil ]0;pwned title]52;c;") for t in texts), texts
        assert any("2J [b]session[/b], started" in t for t in texts)
        assert_screen_safe(app)
        await pilot.press("escape")
        assert isinstance(app.screen, CatalogScreen)


async def test_a_hostile_run_request_is_reported_without_escapes() -> None:
    app = build_app([FIXTURES / "exercises"], start=f"x{OSC_TITLE}{RLO}")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await loaded(pilot)
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert messages == ["No exercise or routine 'x]0;pwned titleevil'"]
        assert_screen_safe(app)


def test_the_detector_sees_what_textual_would_pass_through() -> None:
    """Rich removes BEL and CR from text but keeps ESC and C1: the check must catch those."""
    assert terminal_unsafe(f"a{OSC52}b") == ["\x07", "\x1b"]
    assert terminal_unsafe(C1_CSI) == ["\x9b"]


# Markup a dataset can carry in a name: a link (a hyperlink sequence on the terminal), a quoted
# link, bold, and a closing tag with no opening one (a MarkupError where it is parsed).
MARKUP_NAMES = {
    "link": "[link=https://example.com]x[/link]",
    "quoted-link": "[link='http://evil']Evil[/link]",
    "bold": "[b]x[/b]",
    "stray": "Stray [/x] close",
}


def palette_prompts(app: App[None]) -> list[Content]:
    from textual.command import CommandList

    found = app.screen.query(CommandList)
    if not found:
        return []
    hits = found.first()
    prompts = [hits.get_option_at_index(i).prompt for i in range(hits.option_count)]
    return [p for p in prompts if isinstance(p, Content)]


async def test_markup_in_names_stays_text_in_the_palette(tmp_path: Path) -> None:
    """Names from a dataset import with markup: the palette lists and finds them as written,
    with no link, bold or crash, whether discovered or searched."""
    from tests.unit.fedb_fixtures import record, write_array

    dataset = write_array(
        tmp_path / "dataset.json",
        [record(key, name=name) for key, name in MARKUP_NAMES.items()],
    )
    from hiptui.cli.main import main

    assert main(["import", "free-exercise-db", str(dataset), "--into", str(tmp_path / "in")]) == 0
    app = build_app([tmp_path / "in"])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await loaded(pilot)
        for query in ("", "evil", "stray", "x"):
            await pilot.press("ctrl+p")
            await type_ahead(pilot, query)
            wanted = [f"Open {name}" for name in MARKUP_NAMES.values()]
            if query:
                wanted = [w for w in wanted if query in w.lower()]

            def listed(wanted: list[str] = wanted) -> bool:
                shown = [p.plain.split("\n")[0] for p in palette_prompts(app)]
                return all(w in shown for w in wanted)

            await until(pilot, listed)
            for prompt in palette_prompts(app):
                for span in prompt.spans:  # the palette's own styles: dim help, reversed match
                    style = span.style
                    assert not isinstance(style, str) or not {"link", "bold"} & set(style.split())
                    assert getattr(style, "link", None) is None, prompt
                    assert getattr(style, "bold", None) is not True, prompt
            assert_screen_safe(app)
            await pilot.press("escape")
        await pilot.press("ctrl+p", *"evil", "enter")
        await until(pilot, lambda: isinstance(app.screen, ExerciseScreen))
        assert_screen_safe(app)
        card = app.screen.query_one("#exercise-card", Static).visual
        assert isinstance(card, Content) and card.plain.startswith(MARKUP_NAMES["quoted-link"])


async def test_the_history_screen_names_rows_another_tool_edited() -> None:
    """A set whose completed_at another tool overwrote: the history shows the rest and says,
    once, which row it left out."""
    from tests.ui.test_history import open_history

    with Database.open(paths.database_path()) as db:
        session = db.start_session("Edited", {})
        for number in (1, 2):
            db.log_set(session, exercise_id="fixture-curl", exercise_name="Fixture ball curl",
                       set_number=number, side=None, reps=10)  # fmt: skip
        db.finish_session(session, "completed")
    connection = sqlite3.connect(paths.database_path())
    connection.execute("UPDATE sets SET completed_at = 'yesterday' WHERE set_number = 1")
    connection.commit()
    connection.close()
    app = build_app([FIXTURES / "exercises"])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_history(pilot)
        assert screen.overview is not None and len(screen.overview.sessions) == 1
        assert screen.overview.sessions[0].sets == 1
        (left_out,) = [n for n in app._notifications if n.title.startswith("History rows")]
        assert left_out.message == (
            f"{paths.database_path()}: sets row 1: completed_at: 'yesterday' is not an ISO "
            "8601 time"
        )
        assert_screen_safe(app)


async def test_a_toast_is_never_markup_unless_asked() -> None:
    """Screens notify through the app, whose default is literal text: a message quoting a name
    with "[/x]" cannot be a MarkupError, "[b]" cannot be bold."""
    app = build_app([FIXTURES / "exercises"])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await loaded(pilot)
        app.screen.notify(f"Saved {MARKUP_NAMES['stray']} and {MARKUP_NAMES['bold']}")
        await pilot.pause()
        (toast,) = [n for n in app._notifications if "Saved" in n.message]
        assert not toast.markup and toast.message == "Saved Stray [/x] close and [b]x[/b]"
        assert_screen_safe(app)
