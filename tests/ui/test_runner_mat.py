"""The mat view driven by keys and taps on a fake clock, on the bundled exercises, with a fake
sound player: what it shows, what it plays for each event, and that its numbers agree with
the card, the start dialog, the summary and the export."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from textual.widgets import Input, Static

from hiptui import paths
from hiptui.core.session.phase import Phase
from hiptui.core.session.sounds import Cue, Sound
from hiptui.sound.players import SoundError
from hiptui.store.db import Database
from hiptui.store.settings import load_settings
from hiptui.tui.app import HiptuiApp
from hiptui.tui.screens.dialogs import ConfirmScreen, PlanScreen
from hiptui.tui.screens.session import SessionScreen
from hiptui.tui.screens.summary import SummaryScreen
from hiptui.tui.widgets.mat_board import MatBoard
from hiptui.tui.widgets.mat_controls import MatButton
from tests.ui.helpers import FakeClock, build_app, loaded, until
from tests.unit.test_cli_lookup import hiptui

SIZE = (100, 34)
TWELVE = " " * 12  # the rep key twelve times: the top of an 8-12 range completes the half


class FakePlayer:
    def __init__(self, level: str, *, fail: bool = False) -> None:
        self.level, self.name, self.in_background = level, f"fake-{level}", level != "bell"
        self.fail = fail
        self.played: list[Sound] = []

    def play(self, sound: Sound) -> None:
        if self.fail:
            raise SoundError("fake failure")
        self.played.append(sound)


def mat_app(
    clock: FakeClock, players: dict[str, FakePlayer] | None = None, *, settings: str = ""
) -> HiptuiApp:
    """The real app on the bundled exercises, with ``settings`` (settings.toml's text) if
    given; sounds go to ``players`` (a bell if none)."""
    players = players if players is not None else {"bell": FakePlayer("bell")}
    if settings:
        settings_file(settings)

    def find(level: str) -> FakePlayer | str | None:
        return None if level == "off" else players.get(level, f"no {level} program")

    inline: Callable[[Callable[[], None]], None] = lambda job: job()  # noqa: E731
    return build_app([paths.bundled_content_dir()], clock=clock, find_player=find, play_in=inline)


def settings_file(text: str) -> None:
    path = paths.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


async def start(pilot: Any, exercise_id: str, *, ask: bool = False) -> SessionScreen | PlanScreen:
    await loaded(pilot)
    pilot.app.sessions.run_exercise(exercise_id, ask=ask)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SessionScreen | PlanScreen), type(screen)
    return screen


async def runner(pilot: Any, exercise_id: str) -> SessionScreen:
    """Start ``exercise_id`` at its default dosage; the runner screen."""
    screen = await start(pilot, exercise_id)
    assert isinstance(screen, SessionScreen)
    return screen


async def tick(pilot: Any, clock: FakeClock, seconds: float) -> SessionScreen:
    clock.advance(seconds)
    screen = pilot.app.screen
    assert isinstance(screen, SessionScreen)
    screen.tick()
    await pilot.pause()
    return screen


def text_of(screen: SessionScreen, widget_id: str) -> str:
    return str(screen.query_one(f"#{widget_id}", Static).render())


def cues(player: FakePlayer) -> list[Cue]:
    return [s.cue for s in player.played]


async def test_a_stretch_gets_a_lead_in_with_a_sound_before_its_hold_counts() -> None:
    clock = FakeClock()
    tones = FakePlayer("tones")
    app = mat_app(clock, {"tones": tones}, settings='sound = "tones"\nlead_in_seconds = 5\n')
    async with app.run_test(size=SIZE) as pilot:
        screen = await runner(pilot, "couch-stretch")
        board = screen.query_one(MatBoard)
        assert (board.phase, board.number, board.side) == ("READY", "30", "RIGHT")
        await pilot.press("space")
        assert (board.phase, board.number) == ("GET SET", "5")
        assert "get into position" in text_of(screen, "runner-next")
        assert cues(tones) == [Cue.LEAD_IN]
        screen = await tick(pilot, clock, 4.0)
        assert (board.phase, board.number) == ("GET SET", "1")
        screen = await tick(pilot, clock, 1.0)
        assert (board.phase, board.number) == ("HOLD", "30")  # counting only now
        assert cues(tones) == [Cue.LEAD_IN, Cue.HOLD_START]
        screen = await tick(pilot, clock, 30.0)
        assert cues(tones)[2:] == [Cue.HOLD_END, Cue.SIDE_SWITCH]
        assert screen.machine.view.phase is Phase.SWITCH_SIDES and board.side == "LEFT"


async def test_a_stretchs_steps_beside_the_board_fill_in_their_quantities() -> None:
    clock = FakeClock()
    app = mat_app(clock, settings='units = "metric"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await runner(pilot, "couch-stretch")
        await pilot.press("space")  # the lead-in: the steps are listed beside the board
        steps = text_of(screen, "runner-steps")
        assert "front knee at about 90 degrees" in steps and "{" not in steps


async def test_the_warm_up_shows_each_movement_with_its_share_of_the_time() -> None:
    clock = FakeClock()
    voice = FakePlayer("voice")
    app = mat_app(clock, {"voice": voice}, settings='sound = "voice"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        app.sessions.run_routine("beginner-floor")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        screen: SessionScreen = app.screen
        board = screen.query_one(MatBoard)
        assert (board.phase, board.number) == ("WARM-UP", "5:00")
        assert text_of(screen, "runner-doing").startswith("step 1 of 7 (2:00 left): Walk briskly")
        steps = text_of(screen, "runner-steps")
        assert steps.startswith("Steps\n▶ Walk briskly") and "2. Leg swings" in steps
        screen = await tick(pilot, clock, 121.0)
        assert text_of(screen, "runner-doing").startswith("step 2 of 7 (29 left): Leg swings")
        assert "▶ Leg swings" in text_of(screen, "runner-steps")
        assert voice.played[-1] == Sound(Cue.NEXT_STEP, "Leg swings")


async def test_tempo_holds_for_the_exercises_own_hold() -> None:
    clock = FakeClock()
    app = mat_app(clock, settings="tempo_lift = 1\ntempo_lower = 3\n")
    async with app.run_test(size=SIZE) as pilot:
        screen = await runner(pilot, "glute-bridge")
        await pilot.press("t")
        tempo = screen.machine.view.tempo
        assert tempo is not None
        assert (tempo.tempo.lift, tempo.tempo.hold, tempo.tempo.lower) == (1, 2, 3)
        for _ in range(12):  # twelve reps of 6 s each on the beat, the last completing the set
            for step in (1, 2, 3):
                screen = await tick(pilot, clock, step)
    with Database.open(paths.database_path()) as db:
        [session] = db.sessions()
        [done] = session.sets
    assert (done.reps, done.hold_seconds) == (12, 2)  # history records the hold that was done


async def test_every_event_plays_its_cue_at_the_tones_level() -> None:
    clock = FakeClock()
    tones = FakePlayer("tones")
    app = mat_app(clock, {"tones": tones}, settings='sound = "tones"\nsound_reps = true\n')
    async with app.run_test(size=SIZE) as pilot:
        await runner(pilot, "quadruped-kickback")
        await pilot.press(*TWELVE)  # the top of 8-12: the right half is done
        assert cues(tones) == [Cue.REP] * 12 + [Cue.SIDE_SWITCH]
        await tick(pilot, clock, 5.0)
        await pilot.press(*TWELVE)
        assert cues(tones)[-1] == Cue.SET_DONE
        assert tones.played[-1].words == "set done, rest forty-five seconds"
        await tick(pilot, clock, 35.0)
        assert cues(tones)[-1] == Cue.REST_WARNING
        await tick(pilot, clock, 10.0)
        assert tones.played[-1] == Sound(Cue.REST_OVER, "rest over, right side", attention=True)


async def test_no_player_falls_back_to_the_bell_with_one_notice() -> None:
    clock = FakeClock()
    bell = FakePlayer("bell")
    app = mat_app(clock, {"bell": bell}, settings='sound = "voice"\n')
    async with app.run_test(size=SIZE) as pilot:
        screen = await runner(pilot, "glute-bridge")
        notices = [n.message for n in app._notifications]
        assert sum("Using fake-bell instead" in n for n in notices) == 1
        assert "voice: no voice program; tones: no tones program" in notices[0]
        assert "sound: fake-bell (m)" in text_of(screen, "runner-status")
        await pilot.press(*"            ")  # 12 reps with their holds
        for _ in range(12):
            screen = await tick(pilot, clock, 2.0)
            await pilot.press("space")
        screen = await tick(pilot, clock, 60.0)
        assert Cue.REST_OVER in cues(bell)


async def test_a_player_that_fails_falls_back_and_the_key_cycles_the_level() -> None:
    clock = FakeClock()
    broken, bell = FakePlayer("tones", fail=True), FakePlayer("bell")
    app = mat_app(clock, {"tones": broken, "bell": bell}, settings='sound = "tones"\n')
    async with app.run_test(size=SIZE) as pilot:
        screen = await runner(pilot, "couch-stretch")
        await pilot.press("space")  # the lead-in's cue: tones fail, the bell rings instead
        assert cues(bell) == [Cue.LEAD_IN] and screen.announcer.level_in_use == "bell"
        await pilot.press("m")  # tones -> voice (not installed here: the bell again)
        assert screen.announcer.level == "voice"
        await pilot.press("m")
        assert screen.announcer.level == "off" and screen.announcer.player is None
        assert "sound: off (m)" in text_of(screen, "runner-status")
    assert load_settings(paths.settings_path())[0].sound == "off"  # the key's choice is kept


async def test_the_card_the_start_dialog_and_the_rest_agree() -> None:
    for exercise_id, rest in (("hip-thrust", "90"), ("quadruped-kickback", "45")):
        show = hiptui("show", exercise_id)
        assert f"rest {rest} s (hiptui default)" in show.stdout
        clock = FakeClock()
        app = mat_app(clock)
        async with app.run_test(size=SIZE) as pilot:
            dialog = await start(pilot, exercise_id, ask=True)
            assert isinstance(dialog, PlanScreen)
            assert dialog.query_one("#plan-rest", Input).value == rest
            assert "hiptui default: rest" in str(
                dialog.query_one("#plan-defaults", Static).render()
            )
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, SessionScreen)
            screen: SessionScreen = app.screen
            assert f"rest {rest} s*" in text_of(screen, "runner-where")
            await pilot.press("space", "f")  # one rep, finished by hand
            if screen.machine.view.phase is Phase.SWITCH_SIDES:
                screen = await tick(pilot, clock, 5.0)
                await pilot.press("space", "f")
            view = screen.machine.view
            assert view.phase is Phase.REST and view.rest_total == int(rest)
            assert screen.query_one(MatBoard).number == ("1:30" if rest == "90" else rest)


async def test_one_per_side_set_is_one_set_in_the_runner_the_export_and_the_summary() -> None:
    clock = FakeClock()
    app = mat_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await runner(pilot, "quadruped-kickback")
        board = screen.query_one(MatBoard)
        assert board.side == "RIGHT"  # the steps lift the right leg first
        await pilot.press(*TWELVE)  # the right half
        assert "1 set saved (left half to go)" in text_of(screen, "runner-status")
        screen = await tick(pilot, clock, 5.0)
        assert board.side == "LEFT" and "set 1 of 3, left side" in text_of(screen, "runner-where")
        await pilot.press(*TWELVE)
        status = text_of(screen, "runner-status")
        assert "1 set saved" in status and "half" not in status
        assert "next: set 2 of 3" in text_of(screen, "runner-where")
        await pilot.press("escape", "y")
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert summary.summary.total_sets == 1
        assert "1 set, 24 reps" in str(summary.query_one("#summary-headline", Static).render())
    exported = hiptui("export", "--format", "json")
    [session] = json.loads(exported.stdout)["sessions"]
    assert [(s["set"], s["side"], s["reps"]) for s in session["sets"]] == [
        (1, "right", 12),
        (1, "left", 12),
    ]


async def test_finish_with_no_rep_saves_nothing_and_says_why() -> None:
    clock = FakeClock()
    app = mat_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await runner(pilot, "hip-thrust")
        await pilot.press("f")
        assert screen.machine.records == () and screen.machine.view.phase is Phase.SET
        assert any("No rep counted yet" in n.message for n in app._notifications)


async def test_discomfort_during_the_rest_flags_the_set_without_saving_it_twice() -> None:
    clock = FakeClock()
    app = mat_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await runner(pilot, "hip-thrust")
        await pilot.press("space", "space", "f", "d")
        assert screen.machine.view.discomfort
        assert "1 set saved" in text_of(screen, "runner-status")
    with Database.open(paths.database_path()) as db:
        [session] = db.sessions()
    assert [(s.set_number, s.reps, s.discomfort) for s in session.sets] == [(1, 2, True)]


async def test_a_resumed_per_side_session_counts_the_sets_already_saved() -> None:
    clock = FakeClock()
    app = mat_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, "quadruped-kickback")
        await pilot.press(*TWELVE)
        await tick(pilot, clock, 5.0)
        await pilot.press(*TWELVE)  # set 1, both halves
    again = mat_app(clock)
    async with again.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, SessionScreen)
        assert "1 set saved" in text_of(screen, "runner-status")
        assert screen.machine.view.set_number == 2 and screen.query_one(MatBoard).side == "RIGHT"


async def test_the_footer_and_buttons_follow_the_state() -> None:
    clock = FakeClock()
    app = mat_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await runner(pilot, "hip-thrust")

        def footer() -> dict[str, str]:
            return {b.binding.id: b.binding.description for b in screen.active_bindings.values()
                    if b.binding.id}  # fmt: skip

        assert footer()["session.pause"] == "Pause"
        await pilot.click("#mat-rep")
        await pilot.click("#mat-rep")
        assert screen.machine.view.reps == 2
        await pilot.click("#mat-undo")
        assert screen.machine.view.reps == 1
        await pilot.click("#mat-pause")
        assert screen.machine.view.paused and footer()["session.pause"] == "Resume"
        assert str(screen.query_one("#mat-pause", MatButton).label) == "Resume"
        assert screen.query_one(MatBoard).phase == "PAUSED"
        shown = [b.id for b in screen.query(MatButton) if b.display]
        assert shown == ["mat-pause", "mat-end"]  # no greyed-out +1 rep, Undo, Finish
        await pilot.press("p")
        assert not screen.machine.view.paused and footer()["session.pause"] == "Pause"
        assert screen.query_one("#mat-rep").display and screen.query_one("#mat-finish").display
        await pilot.click("#mat-finish")
        assert screen.machine.view.phase is Phase.REST
        assert screen.query_one("#mat-skip-rest").display
        assert not screen.query_one("#mat-rep").display
        await pilot.click("#mat-rest-more")
        assert screen.machine.view.rest_total == 105
        await pilot.click("#mat-skip-rest")
        assert screen.machine.view.phase is Phase.SET and screen.machine.view.set_number == 2


async def test_skipping_an_exercise_asks_first() -> None:
    clock = FakeClock()
    app = mat_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await runner(pilot, "hip-thrust")
        await pilot.press("space", "s")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert app.screen is screen  # type: ignore[comparison-overlap]
        assert screen.machine.view.reps == 1
        await pilot.press("s", "y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.summary.exercises[0].skipped


async def test_no_switch_sides_toast_is_left_over_the_summary() -> None:

    clock = FakeClock()
    app = mat_app(clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        app.sessions.run_exercise("quadruped-kickback", ask=False)
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        await pilot.press("space", "f")
        await until(
            pilot, lambda: any(n.message.startswith("Switch sides") for n in app._notifications)
        )
        await pilot.press("escape", "y")
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen))
        assert not [n for n in app._notifications if n.message.startswith("Switch sides")]
