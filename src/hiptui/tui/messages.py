"""The messages screens post to ask the app for something: messages up, attributes down.

A screen never calls the app or reaches into another screen. It posts one of these (they bubble
from the screen to the app), and :class:`hiptui.tui.app.HiptuiApp` handles each with ``@on``:
it navigates, starts sessions and saves. Data goes the other way, through constructor
arguments and reactive attributes bound to the app's (``data_bind``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from hiptui.content.checkup_form import AnswerValue, CheckupForm
    from hiptui.content.models import Problem
    from hiptui.core.checkup.answers import Answers
    from hiptui.core.checkup.scoring import CheckupResult
    from hiptui.core.session.plan import SessionPlan
    from hiptui.store.settings import Settings


@dataclass
class OpenExercise(Message):
    """Show one exercise's card, full screen."""

    exercise_id: str


@dataclass
class RunExercise(Message):
    """Start a session with one exercise; ``ask``: adjust its dosage first."""

    exercise_id: str
    ask: bool = True


@dataclass
class RunRoutine(Message):
    """Start a session with a routine (its warm-up first unless ``with_warmup`` is off)."""

    routine_id: str
    with_warmup: bool = True


@dataclass
class RunPlan(Message):
    """Start a session with a plan made elsewhere (the self-check's plan, a break snack);
    ``ease``: an exercise back after two weeks or more off starts easier (a training plan's,
    not a break's few reps)."""

    plan: SessionPlan
    ease: bool = False


@dataclass
class SettingsChanged(Message):
    """The settings were saved: apply them (units, theme, the break interval)."""

    settings: Settings


@dataclass
class SoundLevelChosen(Message):
    """The runner's sound key chose a level (off, bell, tones, voice): keep it in settings."""

    level: str


@dataclass
class HistoryChanged(Message):
    """Something was added to the history outside a session (a self-check): the break clock
    reads it again."""


@dataclass
class ShowProblems(Message):
    """List problems found in content files."""

    problems: Sequence[Problem]


@dataclass
class CheckupAnswered(Message):
    """The last question of the self-check is answered: show (and save) the result."""

    questionnaire: CheckupForm
    answers: Answers
    result: CheckupResult


@dataclass
class RetakeCheckup(Message):
    """Take the self-check again, starting from the answers given last time."""

    questionnaire: CheckupForm
    values: Mapping[str, AnswerValue] = field(default_factory=dict)
