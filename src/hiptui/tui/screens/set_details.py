"""The one-line form after a set: its load, reps in reserve and pain, pre-filled from the last
time the exercise was logged, so enter alone keeps them.

``enter`` saves what the fields hold (from any field), ``tab`` moves to the next field,
``escape`` leaves the set without details. A value that cannot be read keeps the form open and
says why on the line under it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from textual import on
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from hiptui.content.load import Load, LoadUnit
from hiptui.content.models import Exercise
from hiptui.core.session.completed_set import CompletedSet
from hiptui.core.session.details_text import MAX_PAIN, MAX_RIR, load_text, parse_load, parse_scale
from hiptui.core.session.machine import SessionMachine
from hiptui.sessions import SessionRecorder
from hiptui.store.errors import StoreError
from hiptui.store.records import SetDetails
from hiptui.tui.keys import bindings_for
from hiptui.tui.render import literal


class SetDetailsScreen(ModalScreen[SetDetails | None]):
    """Log a completed set's details; dismissed with them, or ``None`` when skipped."""

    BINDINGS = bindings_for("set-details")

    DEFAULT_CSS = """
    SetDetailsScreen { align: center bottom; }
    SetDetailsScreen .dialog { margin-bottom: 3; }
    SetDetailsScreen #details-row { height: 3; }
    SetDetailsScreen #details-row Label { padding: 1 1 0 1; }
    SetDetailsScreen #details-load { width: 16; }
    SetDetailsScreen #details-rir, SetDetailsScreen #details-pain { width: 7; }
    SetDetailsScreen #details-error { height: auto; color: $error; display: none; }
    """

    def __init__(self, title: str, last: SetDetails, default_unit: LoadUnit) -> None:
        super().__init__()
        self.title_text = title
        self.last = last
        self.default_unit = default_unit

    def compose(self) -> ComposeResult:
        rir = "" if self.last.rir is None else str(self.last.rir)
        pain = "" if self.last.pain is None else str(self.last.pain)
        with Vertical(classes="dialog"):
            yield Static(literal(self.title_text))
            with Horizontal(id="details-row"):
                yield Label("Load")
                yield Input(load_text(self.last.load), id="details-load", max_length=16)
                yield Label("RIR")
                yield Input(rir, id="details-rir", max_length=2, restrict=r"[0-9]*")
                yield Label("Pain")
                yield Input(pain, id="details-pain", max_length=2, restrict=r"[0-9]*")
                yield Label("/10")
            yield Static(
                Content.styled(
                    "enter saves · tab: next field · escape skips",
                    "dim",
                )
            )
            yield Static(id="details-error")

    def on_mount(self) -> None:
        self.query_one("#details-load", Input).focus()

    def read(self) -> SetDetails:
        """The fields as details; ``ValueError`` naming the first that cannot be read."""
        load = parse_load(self.query_one("#details-load", Input).value, self.default_unit)
        rir = parse_scale(self.query_one("#details-rir", Input).value, "RIR", MAX_RIR)
        pain = parse_scale(self.query_one("#details-pain", Input).value, "pain", MAX_PAIN)
        return SetDetails(load, rir, pain)

    @on(Input.Submitted)
    def action_save(self) -> None:
        try:
            details = self.read()
        except ValueError as error:
            shown = self.query_one("#details-error", Static)
            shown.update(literal(str(error)))
            shown.display = True
            return
        self.dismiss(details)

    def action_skip(self) -> None:
        self.dismiss(None)


class Runner(Protocol):
    """What the form needs of the session runner."""

    exercises: dict[str, Exercise]
    recorder: SessionRecorder
    machine: SessionMachine
    units: str

    @property
    def app(self) -> App[Any]: ...


def asks_details(runner: Runner, record: CompletedSet) -> bool:
    """Whether a set of ``record``'s exercise asks its details when done: a loaded exercise
    (a load chosen at the start, a load step in its dosage, or a load logged before)."""
    if _planned_load(runner, record.exercise_id) is not None:
        return True
    exercise = runner.exercises.get(record.exercise_id)
    if exercise is not None and (
        exercise.dosage.load_step_kg is not None or exercise.dosage.load_step_lb is not None
    ):
        return True
    last, _here = _last(runner, record.exercise_id)
    return last.load is not None


def _planned_load(runner: Runner, exercise_id: str) -> Load | None:
    """The load this session's plan holds for ``exercise_id`` (the start dialog's)."""
    items = runner.machine.plan.items
    return next((item.load for item in items if item.exercise_id == exercise_id), None)


def _last(runner: Runner, exercise_id: str) -> tuple[SetDetails, bool]:
    """The newest details logged for ``exercise_id``, and whether in this session."""
    try:
        found = runner.recorder.db.last_details(exercise_id)
    except StoreError:
        return SetDetails(), False
    if found is None:
        return SetDetails(), False
    here = found.session_id == runner.recorder.session_id
    return SetDetails(found.load, found.rir, found.pain), here


def ask_details(
    runner: Runner, record: CompletedSet, then: Callable[[], None] | None = None
) -> None:
    """Open the form for ``record`` on top of the runner, pre-filled from the last time its
    exercise was logged; the answer goes to the recorder, then ``then`` runs."""
    last, this_session = _last(runner, record.exercise_id)
    planned = _planned_load(runner, record.exercise_id)
    if planned is not None and not this_session:
        last = SetDetails(
            planned, last.rir, last.pain
        )  # chosen at the start, until a set here says else
    unit: LoadUnit = "kg" if runner.units == "metric" else "lb"
    if last.load is not None and last.load.unit != "band":
        unit = last.load.unit
    side = f" ({record.side})" if record.side else ""
    title = f"{record.exercise_name}, set {record.set_number}{side}: load, reps left (RIR), pain"

    def answered(details: SetDetails | None) -> None:
        if details is not None:
            error = runner.recorder.record_details(record.key, details)
            if error is not None:
                runner.app.notify(f"{error}. The details are kept and saved with the next set.",
                              title="Could not save", severity="error", timeout=10,
                              markup=False)  # fmt: skip
        if then is not None:
            then()

    # After the key that completed the set is handled: it must not reach the form's field.
    runner.app.call_after_refresh(runner.app.push_screen, SetDetailsScreen(title, last, unit),
                                  answered)  # fmt: skip
