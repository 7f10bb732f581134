"""The session runner: big rep count, set and side, the current cue, holds, rests and tempo.

The screen only renders :attr:`SessionMachine.view` and forwards keys to the machine. Events
come back from every call and go to the :class:`~hiptui.sessions.SessionRecorder`, which writes
each completed set at once (or keeps it, shown as waiting, until it can); here they ring the
bell and show notes. The end of the session hands a summary to the app.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Digits, Footer, Header, Static

from hiptui.content.models import Exercise
from hiptui.content.units import render
from hiptui.core.session.events import (
    Event,
    RestEnded,
    RestWarning,
    SessionDone,
    SidesSwitched,
)
from hiptui.core.session.machine import SessionMachine
from hiptui.core.session.phase import Phase
from hiptui.core.session.view import Action, SessionView
from hiptui.sessions import RETRY_SECONDS, FinishedSession, SessionRecorder
from hiptui.tui.keys import bindings_for
from hiptui.tui.render import art_content, literal
from hiptui.tui.screens.dialogs import ConfirmScreen

TICK_SECONDS = 0.1
REST_STEP = 15


def _action_named(name: object) -> Action | None:
    """The machine action a binding names (``act('rep')``), ``None`` for an unknown name."""
    try:
        return Action(str(name))
    except ValueError:
        return None


def _clock_text(seconds: float | None) -> str:
    if seconds is None:
        return ""
    whole = int(seconds + 0.999)  # a countdown shows 1 until it reaches 0
    return f"{whole // 60}:{whole % 60:02d}" if whole >= 60 else str(whole)


class SessionScreen(Screen[FinishedSession]):
    HELP_TITLE = "Session"
    BINDINGS = bindings_for("session")

    DEFAULT_CSS = """
    SessionScreen #runner { padding: 0 2; }
    SessionScreen #runner-where { height: auto; margin: 1 0; }
    SessionScreen #runner-main { height: auto; }
    SessionScreen #runner-count { width: 1fr; height: auto; }
    SessionScreen #runner-digits { width: auto; color: $accent; text-style: bold; }
    SessionScreen #runner-target { color: $text-muted; }
    SessionScreen #runner-art { width: 42; height: auto; color: $text-muted; }
    SessionScreen #runner-cue { margin-top: 1; height: auto; }
    SessionScreen #runner-status { height: auto; margin-top: 1; }
    SessionScreen.-paused #runner-digits { color: $warning; }
    SessionScreen.-rest #runner-digits { color: $success; }
    """

    def __init__(
        self,
        machine: SessionMachine,
        recorder: SessionRecorder,
        exercises: dict[str, Exercise],
        *,
        units: str = "imperial",
        bell: bool = True,
        warn_bell: bool = False,
        tempo: tuple[float, float, float] = (2, 1, 2),
    ) -> None:
        super().__init__()
        self.machine = machine
        self.recorder = recorder
        self.exercises = exercises
        self.units = units
        self.bell = bell
        self.warn_bell = warn_bell
        self.tempo = tempo
        self._shown: dict[str, object] = {}
        self._finished = False
        self._deadline_timer: Timer | None = None
        # The session ended but its last sets are only in memory: stay until they are written.
        self._unsaved_end: SessionDone | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="runner"):
            yield Static(id="runner-where")
            with Horizontal(id="runner-main"):
                with Vertical(id="runner-count"):
                    yield Static(id="runner-label")
                    yield Digits("0", id="runner-digits")
                    yield Static(id="runner-target")
                yield Static(id="runner-art")
            yield Static(id="runner-cue")
            yield Static(id="runner-status")
        yield Footer()

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

    def handle(self, events: list[Event]) -> None:
        self._save(self.recorder.record(events))
        for event in events:
            if isinstance(event, RestWarning) and self.warn_bell:
                self.app.bell()
            elif isinstance(event, RestEnded) and not event.skipped:
                if self.bell:
                    self.app.bell()
                self.notify("Rest is over: next set", timeout=3)
            elif isinstance(event, SidesSwitched) and event.seconds:
                self.notify(f"Switch sides: {event.side} next", timeout=3)
            elif isinstance(event, SessionDone):
                self._done(event)
        self.refresh_view()
        self._schedule_deadline()

    def _schedule_deadline(self) -> None:
        """Tick exactly when the next countdown ends, not up to a display interval late."""
        if self._deadline_timer is not None:
            self._deadline_timer.stop()
            self._deadline_timer = None
        view = self.machine.view
        if self._finished or view.paused:
            return
        remaining = [
            left
            for left in (view.hold_remaining, view.rest_remaining, view.switch_remaining)
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
        available = self.machine.view.available
        if action == "act" and parameters:
            return _action_named(parameters[0]) in available
        if action == "rest":
            return Action.ADJUST_REST in available
        if action == "tempo":
            return Action.START_TEMPO in available or Action.STOP_TEMPO in available
        if action == "end":
            return not self._finished
        return True

    def action_act(self, name: str) -> None:
        action = _action_named(name)
        if action is not None and action in self.machine.view.available:
            self.handle(self.machine.perform(action))

    def action_rest(self, delta: int) -> None:
        if Action.ADJUST_REST in self.machine.view.available:
            self.handle(self.machine.perform(Action.ADJUST_REST, delta))

    def action_tempo(self) -> None:
        available = self.machine.view.available
        if Action.STOP_TEMPO in available:
            self.handle(self.machine.perform(Action.STOP_TEMPO))
        elif Action.START_TEMPO in available:
            self.handle(self.machine.perform(Action.START_TEMPO, *self.tempo))

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

    # -- rendering -------------------------------------------------------------------------

    def _set(self, widget_id: str, value: object) -> None:
        """Update a widget only when what it shows changed (this runs ten times a second)."""
        if self._shown.get(widget_id) == value:
            return
        self._shown[widget_id] = value
        widget = self.query_one(f"#{widget_id}")
        if isinstance(widget, Digits):
            widget.update(str(value))
        elif isinstance(widget, Static):
            widget.update(value if isinstance(value, Content) else literal(str(value)))

    def refresh_view(self) -> None:
        view = self.machine.view
        exercise = self.exercises.get(view.exercise_id)
        self._set("runner-where", self._where(view))
        label, digits, target = self._count(view)
        self._set("runner-label", Content.styled(label, "bold $secondary"))
        self._set("runner-digits", digits)
        self._set("runner-target", target)
        cue = view.cue or ""
        if exercise is not None and cue:
            cue = render(cue, exercise.quantities, self.units)
        if view.phase is Phase.HOLD:
            cue = "Squeeze and hold at the top"
        self._set("runner-cue", Content.styled(cue, "bold $accent") if cue else "")
        self._set("runner-status", self._status(view))
        art = art_content(exercise, width=40) if exercise is not None else None
        self._set("runner-art", art if art is not None else "")
        self.set_class(view.paused, "-paused")
        self.set_class(view.phase is Phase.REST, "-rest")
        if self._shown.get("available") != view.available:
            self._shown["available"] = view.available
            self.refresh_bindings()  # the Footer shows only the keys that do something now

    def _where(self, view: SessionView) -> Content:
        if view.is_warmup:
            return Content.styled(f"Warm-up · {view.exercise_name}", "bold")
        side = f" · {view.side.upper()} side" if view.side else ""
        parts: list[str | tuple[str, str]] = [
            (view.exercise_name, "bold"),
            f"  ·  exercise {view.item_number} of {view.item_count}",
            f"  ·  set {view.set_number} of {view.sets}{side}",
        ]
        return Content.assemble(*parts)

    def _count(self, view: SessionView) -> tuple[str, str, str]:
        if view.phase is Phase.REST:
            nxt = view.next_target
            after = ""
            if nxt is not None:
                what = f"{nxt.target_reps} reps" if nxt.target_reps else f"{nxt.work_seconds} s"
                side = f", {nxt.side}" if nxt.side else ""
                after = (
                    f"next: {nxt.exercise_name}, set {nxt.set_number} of {nxt.sets}{side}, {what}"
                )
            return "REST", _clock_text(view.rest_remaining), after
        if view.phase is Phase.SWITCH_SIDES:
            return "SWITCH SIDES", _clock_text(view.switch_remaining), f"next: {view.side} side"
        if view.phase is Phase.HOLD:
            return (
                "HOLD",
                _clock_text(view.hold_remaining),
                f"rep {view.reps + 1} counts after the hold",
            )
        if view.phase in (Phase.WORK, Phase.WARMUP):
            label = "WARM-UP" if view.is_warmup else "HOLD THE STRETCH"
            return label, _clock_text(view.work_remaining), "f when done"
        if view.phase is Phase.READY:
            return "READY", _clock_text(view.work_remaining), "space starts the timer"
        if view.phase is Phase.DONE:
            return "DONE", str(view.reps), ""
        target = f"target {view.target_reps} reps" if view.target_reps else ""
        if view.hold_seconds:
            target += f", hold {view.hold_seconds} s at the top"
        if view.tempo is not None:
            step = view.tempo.step.value.upper()
            target += f"  ·  tempo: {step} {_clock_text(view.tempo.remaining)}"
        return "REPS", str(view.reps), target

    def _status(self, view: SessionView) -> Content:
        parts: list[str | tuple[str, str]] = []
        if view.paused:
            parts.append(("PAUSED: p resumes", "bold $warning"))
        if view.discomfort:
            parts.append(("  discomfort flagged (d clears)", "$error"))
        saved = self.recorder.saved
        parts.append((f"  {saved} set{'s' if saved != 1 else ''} saved", "$text-muted"))
        if self.recorder.pending:
            parts.append((f", {len(self.recorder.pending)} waiting to be saved", "$warning"))
        return Content.assemble(*parts)
