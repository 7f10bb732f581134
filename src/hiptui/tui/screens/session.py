"""The session runner's mat view: the phase word, the big number and the side filling the
screen, the one thing to do next under them, and buttons big enough to tap.

The screen only renders :attr:`SessionMachine.view` and forwards keys and taps to the machine.
Events come back from every call; they go to the :class:`~hiptui.sessions.SessionRecorder`,
which writes each completed set at once (or keeps it, shown as waiting, until it can), and to
the :class:`~hiptui.sound.announcer.Announcer`, which plays their cues off the UI thread. The
end of the session hands a summary to the app.
"""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Button, Header, Static

from hiptui.content.models import Exercise
from hiptui.content.units import render
from hiptui.core.session.completed_set import CompletedSet
from hiptui.core.session.events import Event, RestEnded, SessionDone, SetCompleted, SidesSwitched
from hiptui.core.session.machine import SessionMachine
from hiptui.core.session.phase import Phase
from hiptui.core.session.plan import ExercisePlan
from hiptui.core.session.view import Action, SessionView
from hiptui.sessions import RETRY_SECONDS, FinishedSession, SessionRecorder
from hiptui.sound.announcer import Announcer
from hiptui.tui.keys import bindings_for, relabel
from hiptui.tui.mat_text import MatText, mat_text, step_title
from hiptui.tui.messages import SoundLevelChosen
from hiptui.tui.render import literal
from hiptui.tui.screens.dialogs import ConfirmScreen
from hiptui.tui.screens.set_details import ask_details, asks_details
from hiptui.tui.widgets.covered import CoveredColumn, CoveredRow
from hiptui.tui.widgets.key_footer import KeyFooter
from hiptui.tui.widgets.mat_board import MatBoard
from hiptui.tui.widgets.mat_controls import BUTTONS, MatButton, MatControls
from hiptui.tui.widgets.one_line import OneLine
from hiptui.tui.widgets.ready_lines import SolidBackdrop

TICK_SECONDS = 0.1
REST_STEP = 15
# Columns from which the steps of timed work are listed beside the board.
STEPS_BESIDE_FROM = 100

# The lines under the board that are always one line tall (longer text is cut with "…").
_ONE_LINE = frozenset({"runner-next", "runner-status"})
_COUNTING = (Phase.SET, Phase.HOLD, Phase.READY, Phase.LEAD_IN)


def _action_named(name: object) -> Action | None:
    """The machine action a binding names (``act('rep')``), ``None`` for an unknown name."""
    try:
        return Action(str(name))
    except ValueError:
        return None


PASSING_TOASTS = ("Switch sides:", "Rest is over")


class SessionScreen(SolidBackdrop[FinishedSession]):
    HELP_TITLE = "Session"
    BINDINGS = bindings_for("session")

    DEFAULT_CSS = """
    SessionScreen #runner-where, SessionScreen #runner-main, SessionScreen #runner-next,
        SessionScreen #runner-below { margin: 0 1; }
    SessionScreen #runner-where { height: auto; }
    SessionScreen #runner-main { height: 1fr; }
    SessionScreen #runner-below { height: auto; }
    SessionScreen #runner-steps { width: 40%; height: 1fr; padding: 1 0 0 2; display: none; }
    SessionScreen.-steps-beside #runner-steps { display: block; }
    SessionScreen #runner-next { text-style: bold; }
    /* Toasts ("Switch sides: left next") above the buttons, not over them. */
    SessionScreen ToastRack { margin-bottom: 4; }
    SessionScreen #runner-doing { height: auto; max-height: 3; color: $text; }
    """

    def __init__(
        self,
        machine: SessionMachine,
        recorder: SessionRecorder,
        exercises: dict[str, Exercise],
        announcer: Announcer,
        *,
        units: str = "imperial",
        tempo: tuple[float, float] = (2, 2),
    ) -> None:
        super().__init__()
        self.machine = machine
        self.recorder = recorder
        self.exercises = exercises
        self.announcer = announcer
        self.units = units
        self.tempo = tempo  # seconds to lift and to lower (the hold is the exercise's)
        self._shown: dict[str, object] = {}
        self._widgets: dict[str, Static] = {}
        self._board: MatBoard | None = None
        self._finished = False
        self._deadline_timer: Timer | None = None
        self._step: tuple[str, int] | None = None  # the timed step last shown (its sound)
        # The session ended but its last sets are only in memory: stay until they are written.
        self._unsaved_end: SessionDone | None = None
        self._last_set: CompletedSet | None = None  # what `l` logs the details of

    def compose(self) -> ComposeResult:
        yield Header()
        # No container around them all: Textual draws every widget whose container's space a
        # change touches, so the lines under the board that change rarely sit in their own.
        yield Static(id="runner-where")
        with CoveredRow(id="runner-main"):
            yield MatBoard(id="runner-board")
            yield Static(id="runner-steps")
        yield OneLine(id="runner-next")
        with CoveredColumn(id="runner-below"):
            yield Static(id="runner-doing")
            yield OneLine(id="runner-status")
            yield MatControls(id="runner-controls")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = self.machine.plan.name
        self.set_interval(TICK_SECONDS, self.tick)
        self.refresh_view()

    # -- the loop --------------------------------------------------------------------------

    def tick(self) -> None:
        """Advance the machine's deadlines (ten times a second, at each deadline, and by tests),
        and try again what could not be saved when it is time."""
        if self._unsaved_end is not None:
            if self.recorder.retry_due():
                self._done(self._unsaved_end)
        elif not self._finished:
            if self.recorder.retry_due():
                self.recorder.retry()  # quietly: the status line says what still waits
            events = self.machine.tick()
            if events:
                self.handle(events)
            else:
                self.refresh_view()

    def _clear_passing_toasts(self) -> None:
        """The runner's toasts of the moment ("Switch sides", "Rest is over") say nothing
        once the session is over: they go before the summary comes (errors stay)."""
        app = self.app
        for toast in list(app._notifications):  # Textual has no public way to drop one
            if toast.message.startswith(PASSING_TOASTS):
                app._unnotify(toast)

    def handle(self, events: list[Event]) -> None:
        self._save(self.recorder.record(events))
        self.announcer.announce(events)
        completed = [event.record for event in events if isinstance(event, SetCompleted)]
        if completed:
            self._last_set = completed[-1]
        # A loaded exercise's set asks its load, RIR and pain (the session ends after that).
        asking = bool(completed) and asks_details(self, completed[-1])
        for event in events:
            if isinstance(event, RestEnded) and not event.skipped:
                self.notify("Rest is over: next set", timeout=3)
            elif isinstance(event, SidesSwitched) and event.seconds:
                self.notify(f"Switch sides: {event.side} next", timeout=3)
            elif isinstance(event, SessionDone):
                if asking:
                    ask_details(self, completed[-1], then=partial(self._done, event))
                    asking = False
                else:
                    self._done(event)
        if asking:
            ask_details(self, completed[-1])
        view = self.machine.view  # once for both (a rep press works it out twice, not four times)
        self._schedule_deadline(view)
        self.refresh_view(view)

    def _schedule_deadline(self, view: SessionView) -> None:
        """Tick exactly when the next countdown ends, not up to a display interval late."""
        if self._deadline_timer is not None:
            self._deadline_timer.stop()
            self._deadline_timer = None
        if self._finished or view.paused:
            return
        remaining = [
            left
            for left in (
                view.hold_remaining,
                view.rest_remaining,
                view.switch_remaining,
                view.lead_in_remaining,
            )
            if left is not None
        ]
        if view.phase in (Phase.WORK, Phase.WARMUP) and view.work_remaining is not None:
            remaining.append(view.work_remaining)
        if view.tempo is not None:
            remaining.append(view.tempo.remaining)
        if remaining:
            self._deadline_timer = self.set_timer(max(0.0, min(remaining)), self.tick)

    def _save(self, error: Exception | None) -> None:
        if error is not None:
            self.notify(
                f"{error}. Your sets are kept in memory and saved with the next one.",
                title="Could not save",
                severity="error",
                timeout=10,
                markup=False,
            )

    def _done(self, event: SessionDone) -> None:
        if self._finished:
            return
        self._clear_passing_toasts()
        status = "ended-early" if event.ended_early else "completed"
        error = self.recorder.finish(status)
        if error is not None:
            # Leaving now would drop the sets that only live in memory: stay and try again
            # (every few seconds, on escape, and on quit) until they are written.
            self._unsaved_end = event
            waiting = len(self.recorder.pending)
            self.notify(
                f"{error}. {waiting} set{'s' if waiting != 1 else ''} not saved yet; trying "
                f"again every {RETRY_SECONDS:g} s (escape tries now).",
                title="Could not save",
                severity="error",
                timeout=10,
                markup=False,
            )
            self.refresh_view()
            return
        self._unsaved_end = None
        self._finished = True
        self.dismiss(FinishedSession(self.machine.summary(), self.recorder.session_id))

    def on_unmount(self) -> None:
        """Quit (ctrl+q) mid-session: write everything and where the session stands."""
        self._save(self.recorder.save_progress())

    # -- actions ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        view = self.machine.view
        available = view.available
        if action == "act" and parameters:
            wanted = _action_named(parameters[0])
            if wanted is Action.FINISH_SET and view.phase in (Phase.SET, Phase.HOLD):
                return not view.paused  # with no rep yet, it says what to do instead
            return wanted in available
        if action == "rest":
            return Action.ADJUST_REST in available
        if action == "tempo":
            return Action.START_TEMPO in available or Action.STOP_TEMPO in available
        if action == "skip":
            return Action.SKIP_EXERCISE in available
        if action == "end":
            return not self._finished
        return True

    def action_act(self, name: str) -> None:
        action = _action_named(name)
        view = self.machine.view
        if action is Action.FINISH_SET and view.phase in _COUNTING[:2] and view.reps == 0:
            self.notify("No rep counted yet, so there is no set to save: space counts a rep, "
                        "s skips the exercise.", timeout=4)  # fmt: skip
            return
        if action is not None and action in view.available:
            self.handle(self.machine.perform(action))

    def action_log_details(self) -> None:
        if self._last_set is None:
            self.notify("No set completed yet: its load, RIR and pain come after it.", timeout=4)
        else:
            ask_details(self, self._last_set)

    def action_rest(self, delta: int) -> None:
        if Action.ADJUST_REST in self.machine.view.available:
            self.handle(self.machine.perform(Action.ADJUST_REST, delta))

    def action_tempo(self) -> None:
        available = self.machine.view.available
        if Action.STOP_TEMPO in available:
            self.handle(self.machine.perform(Action.STOP_TEMPO))
        elif Action.START_TEMPO in available:
            self.handle(self.machine.perform(Action.START_TEMPO, *self.tempo))

    def action_skip(self) -> None:
        """Skip the rest of the exercise, once the user says yes (``s`` sits beside ``d``)."""
        view = self.machine.view
        if Action.SKIP_EXERCISE not in view.available:
            return
        what = "the warm-up" if view.is_warmup else view.exercise_name
        unsaved = " The set in progress is not saved." if view.reps and view.phase in (
            Phase.SET, Phase.HOLD) else ""  # fmt: skip

        def confirmed(yes: bool | None) -> None:
            if yes and Action.SKIP_EXERCISE in self.machine.view.available:
                self.handle(self.machine.perform(Action.SKIP_EXERCISE))

        question = f"Skip the rest of {what}?{unsaved}"
        self.app.push_screen(ConfirmScreen(question, yes="Skip"), confirmed)

    def action_sound(self) -> None:
        level = self.announcer.cycle()
        self.notify(f"Sound: {self.announcer.playing}", timeout=2, markup=False)
        self.post_message(SoundLevelChosen(level))
        self._set("runner-status", self._status(self.machine.view))

    def action_end(self) -> None:
        if self._unsaved_end is not None:
            self._done(self._unsaved_end)
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.handle(self.machine.end())

        self.app.push_screen(
            ConfirmScreen("End this session now? Completed sets are saved.", yes="End"),
            confirmed,
        )

    @on(MatButton.Pressed)
    async def _tapped(self, event: Button.Pressed) -> None:
        action = BUTTONS.get(event.button.id or "", ("", ""))[1]
        if action:
            await self.run_action(action)

    # -- rendering -------------------------------------------------------------------------

    def _set(self, widget_id: str, value: object) -> None:
        """Update a widget only when what it shows changed (this runs ten times a second). The
        one-line ones keep their size, so they are redrawn without a new layout (a rep press
        then costs a repaint of what changed, not a reflow of the screen)."""
        if self._shown.get(widget_id) == value:
            return
        self._shown[widget_id] = value
        widget = self._widgets.get(widget_id)
        if widget is None:  # looked up once: a rep press changes a line or two
            widget = self._widgets[widget_id] = self.query_one(f"#{widget_id}", Static)
        content = value if isinstance(value, Content) else literal(str(value))
        widget.update(content, layout=widget_id not in _ONE_LINE)

    def refresh_view(self, view: SessionView | None = None) -> None:
        """Show ``view`` (the machine's view now if not given)."""
        view = self.machine.view if view is None else view
        exercise = self.exercises.get(view.exercise_id)
        text = mat_text(view, exercise, units=self.units, lead_in=self.machine.lead_in)
        mood = "paused" if view.paused else "rest" if view.phase is Phase.REST else ""
        if self._board is None:
            self._board = self.query_one(MatBoard)
        self._board.show(text.phase, text.number, text.side, mood)
        # The line above the board changes with the set, the side and the phase only.
        where = (view.exercise_id, view.exercise_name, view.is_warmup, view.item_number,
                 view.item_count, view.set_number, view.sets, view.side, view.phase)  # fmt: skip
        if self._shown.get("where") != where:
            self._shown["where"] = where
            self._set("runner-where", self._where(view))
        self._set("runner-next", text.next)  # (made literal only when it changed)
        self._set("runner-doing", text.doing)
        recorder = self.recorder  # the status line: what is saved, what waits, the sound
        status = (view.paused, view.discomfort, len(recorder.saved_keys), len(recorder.pending),
                  self.announcer.player)  # fmt: skip
        if self._shown.get("status") != status:
            self._shown["status"] = status
            self._set("runner-status", self._status(view))
        self._steps(view, exercise, text)
        if self._shown.get("available") != (view.available, view.paused, view.phase):
            self._shown["available"] = (view.available, view.paused, view.phase)
            relabel(self, "session.pause", "Resume" if view.paused else "Pause")
            starting = view.phase in (Phase.READY, Phase.LEAD_IN)
            relabel(self, "session.rep", "Start" if starting else "Rep")
            self.query_one(MatControls).show(view, self.check_action)
            self.refresh_bindings()  # the Footer shows only the keys that do something now

    def _steps(self, view: SessionView, exercise: Exercise | None, text: MatText) -> None:
        """Timed work lists its steps beside the board when there is room; the warm-up says
        each new movement as it comes."""
        timed = view.phase in (Phase.WORK, Phase.WARMUP, Phase.READY, Phase.LEAD_IN)
        beside = timed and exercise is not None and self.size.width >= STEPS_BESIDE_FROM
        self.set_class(beside, "-steps-beside")
        if text.step is not None and self._step != (view.exercise_id, text.step.index):
            same_exercise = self._step is not None and self._step[0] == view.exercise_id
            if same_exercise and exercise is not None:
                step = self._filled(exercise)[text.step.index]
                self.announcer.next_step(step_title(step))
            self._step = (view.exercise_id, text.step.index)
        if not beside or exercise is None:
            return
        current = text.step.index if text.step is not None else None
        parts: list[str | tuple[str, str] | Content] = [("Steps\n", "bold")]
        for index, step in enumerate(self._filled(exercise)):
            here = index == current
            marker = "▶ " if here else f"{index + 1}. "
            parts += [(marker, "bold $text-accent" if here else "$text-muted"),
                      literal(step, "bold" if here else ""), "\n"]  # fmt: skip
        self._set("runner-steps", Content.assemble(*parts))

    def _filled(self, exercise: Exercise) -> tuple[str, ...]:
        """``exercise``'s steps as its card writes them: each {quantity} in the user's units."""
        return tuple(render(step, exercise.quantities, self.units) for step in exercise.steps)

    def _where(self, view: SessionView) -> Content:
        """Exercise, set and side, and the rest: a value marked * is a hiptui default."""
        if view.is_warmup:
            first = self.machine.plan.items[0].name
            return Content.assemble(literal(view.exercise_name, "bold"), " · then ", literal(first))
        item = self._item(view.exercise_id)
        ours = set(item.defaults) if item is not None else set()

        def mark(field: str) -> str:
            return "*" if field in ours else ""

        position = f"set {view.set_number} of {view.sets}{mark('sets')}"
        if view.phase is Phase.REST:
            position = "next: " + position
        elif view.side and view.phase is not Phase.SWITCH_SIDES:
            position += f", {view.side} side"
        parts: list[str | tuple[str, str] | Content] = [literal(view.exercise_name, "bold")]
        if view.item_count > 1:
            parts.append(f" · exercise {view.item_number} of {view.item_count}")
        parts.append(f" · {position}")
        if item is not None:
            # The rest of the dosage is on the line under the board; here only what is ours.
            if "reps" in ours and item.target_reps is not None:
                parts.append(f" · {item.target_reps} reps*")
            if "hold_seconds" in ours and item.hold_seconds:
                parts.append(f" · hold {item.hold_seconds} s*")
            if "work_seconds" in ours and item.work_seconds:
                parts.append(f" · {item.work_seconds} s*")
            parts.append(f" · rest {item.rest_seconds} s{mark('rest_seconds')}")
        if ours:
            parts.append((" · *hiptui default", "$text-muted"))
        return Content.assemble(*parts)

    def _item(self, exercise_id: str) -> ExercisePlan | None:
        plan = self.machine.plan
        index = plan.item_index(exercise_id)
        return None if index is None else plan.items[index]

    def _status(self, view: SessionView) -> Content:
        parts: list[str | tuple[str, str]] = []
        if view.paused:
            parts.append(("PAUSED: p resumes  ", "bold $text-warning"))
        if view.discomfort:
            parts.append(("discomfort flagged (d clears)  ", "$text-error"))
        saved = self.recorder.saved
        text = f"{saved} set{'s' if saved != 1 else ''} saved"
        half = self.recorder.half_to_go()
        if half is not None:
            text += f" ({half} half to go)"
        parts.append((text, "$text-muted"))
        if self.recorder.pending:
            parts.append((f", {len(self.recorder.pending)} waiting to be saved", "$text-warning"))
        parts.append((f"  ·  sound: {self.announcer.playing} (m)", "$text-muted"))
        return Content.assemble(*parts)
