"""The break clock read at one moment, and what it says: the status line, and the fields of
``hiptui status --json`` and ``--format`` (for tmux, waybar, polybar).

Shared by the app's title, ``hiptui status`` and the notifications, so they all say the same.
Light on purpose (``hiptui status`` imports it): the standard library and the schedule.
"""

from __future__ import annotations

import math
from datetime import datetime

from hiptui.content.frozen import Frozen
from hiptui.core.breaks.schedule import (
    DAY_STARTS_AT_HOUR,
    BreakHistory,
    Interval,
    Schedule,
    State,
    choose_interval,
    day_start,
    require_aware,
    schedule_from,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from hiptui.core.breaks.schedule import BreakSource

# The fields of `hiptui status --json`, in order; `--format` takes the same names.
FIELDS: tuple[str, ...] = (
    "sitting_minutes",
    "due_in_minutes",
    "state",
    "interval_minutes",
    "last_break",
)


def format_minutes(seconds: float, *, round_up: bool = False) -> str:
    """``42m``, ``1h05m``; whole minutes, rounded down unless ``round_up``."""
    whole = math.ceil(seconds / 60) if round_up else math.floor(seconds / 60)
    whole = max(whole, 0)
    return f"{whole}m" if whole < 60 else f"{whole // 60}h{whole % 60:02d}m"


def status_text(
    sitting_seconds: float | None,
    seconds_left: float | None,
    *,
    snoozed: bool = False,
    held: bool = False,
    has_history: bool = True,
    paused_seconds: float | None = None,
    away_seconds: float | None = None,
) -> str:
    """One short line: ``42m sitting - break in 3m``, ``break due``, ``break due 12m ago``.

    ``held``: the break is due but waits for the set in progress to end. ``paused_seconds``:
    meeting mode, for that much longer. ``away_seconds``: away now, for that long already.
    """
    if away_seconds is not None:
        return f"away {format_minutes(away_seconds)} - counts as a break"
    if paused_seconds is not None:
        what = f"paused for {format_minutes(paused_seconds, round_up=True)}"
        if sitting_seconds is None:
            return what
        return f"{format_minutes(sitting_seconds)} sitting - {what}"
    if seconds_left is None:
        return "no break logged today" if has_history else "no breaks logged yet"
    if seconds_left > 0:
        wait = format_minutes(seconds_left, round_up=True)
        what = f"snoozed, break in {wait}" if snoozed else f"break in {wait}"
        if sitting_seconds is None:
            return what
        return f"{format_minutes(sitting_seconds)} sitting - {what}"
    if held:
        return "break due after this set"
    overdue = -seconds_left
    return "break due" if overdue < 60 else f"break due {format_minutes(overdue)} ago"


def describe_schedule(schedule: Schedule, now: datetime, *, has_history: bool = True) -> str:
    """The status line for a schedule at wall time ``now`` (what ``hiptui status`` prints)."""
    paused = schedule.pause
    return status_text(
        schedule.sitting_seconds(now),
        schedule.seconds_left(now),
        snoozed=schedule.snoozed,
        has_history=has_history,
        paused_seconds=(
            (paused.end - now).total_seconds()
            if paused is not None and schedule.paused(now)
            else None
        ),
        away_seconds=(
            None if schedule.away_since is None else (now - schedule.away_since).total_seconds()
        ),
    )


def due_in_minutes(seconds_left: float) -> int:
    """Whole minutes until the break, rounded up, as the status line says them; negative once
    overdue (rounded down: ``-12`` is "due 12m ago"); 0 in the minute it falls due."""
    if seconds_left > 0:
        return math.ceil(seconds_left / 60)
    return -math.floor(-seconds_left / 60)


class StatusReport(Frozen):
    """``hiptui status --json``. ``None`` where hiptui does not know (nothing seen today);
    ``last_break`` in ISO 8601, local time, whole seconds."""

    __slots__ = FIELDS
    sitting_minutes: int | None
    due_in_minutes: int | None
    state: str
    interval_minutes: int
    last_break: str | None

    def __init__(
        self,
        sitting_minutes: int | None,
        due_in_minutes: int | None,
        state: str,
        interval_minutes: int,
        last_break: str | None,
    ) -> None:
        self._set(
            sitting_minutes=sitting_minutes,
            due_in_minutes=due_in_minutes,
            state=state,
            interval_minutes=interval_minutes,
            last_break=last_break,
        )

    @classmethod
    def of(cls, schedule: Schedule, interval_minutes: int, now: datetime) -> StatusReport:
        sitting = schedule.sitting_seconds(now)
        left = schedule.seconds_left(now)
        state = schedule.state(now)
        last = schedule.last_break
        return cls(
            sitting_minutes=None if sitting is None else math.floor(sitting / 60),
            due_in_minutes=None if left is None else due_in_minutes(left),
            state=state.value,
            interval_minutes=interval_minutes,
            last_break=(
                None
                if last is None
                else last.astimezone(now.tzinfo).replace(microsecond=0).isoformat()
            ),
        )

    def as_dict(self) -> dict[str, int | str | None]:
        return {name: getattr(self, name) for name in FIELDS}

    @classmethod
    def unknown(cls, interval_minutes: int) -> StatusReport:
        """Nothing to go on (no history at all)."""
        return cls(None, None, State.SITTING.value, interval_minutes, None)

    def to_json(self) -> str:
        """One line of JSON. Written here rather than by ``json`` (``hiptui status --json``
        does not pay for importing it): every value is a whole number, null, or text made of
        letters, digits and ``-+:T`` (a state, an ISO time), which needs no escaping."""
        parts = []
        for name, value in self.as_dict().items():
            if value is None:
                shown = "null"
            elif isinstance(value, int):
                shown = str(value)
            else:
                if not all(c.isalnum() or c in "-+:." for c in value):
                    raise ValueError(f"{name}: {value!r} needs escaping")
                shown = f'"{value}"'
            parts.append(f'"{name}": {shown}')
        return "{" + ", ".join(parts) + "}"

    def format(self, template: StatusTemplate) -> str:
        return template.fill(self.as_dict())


class TemplateError(ValueError):
    """A ``--format`` template that cannot be used."""


_PIECE = r"\{\{|\}\}|\{([^{}]*)\}|[{}]"


class StatusTemplate(Frozen):
    """A ``--format`` template: text with ``{field}`` names (``{{`` and ``}}`` for braces).
    ``pieces``: (is a field, its name or the text)."""

    __slots__ = ("pieces",)
    pieces: tuple[tuple[bool, str], ...]

    def __init__(self, pieces: tuple[tuple[bool, str], ...]) -> None:
        self._set(pieces=pieces)

    @classmethod
    def parse(cls, text: str) -> StatusTemplate:
        import re

        pieces: list[tuple[bool, str]] = []
        position = 0
        for match in re.finditer(_PIECE, text):
            if match.start() > position:
                pieces.append((False, text[position : match.start()]))
            token = match.group()
            if token in ("{{", "}}"):
                pieces.append((False, token[0]))
            elif token in ("{", "}"):
                raise TemplateError(f"a lone {token!r} (write {token * 2} for the character)")
            else:
                name = match.group(1).strip()
                if name not in FIELDS:
                    known = ", ".join(FIELDS)
                    raise TemplateError(f"unknown field {{{name}}} (the fields are {known})")
                pieces.append((True, name))
            position = match.end()
        if position < len(text):
            pieces.append((False, text[position:]))
        return cls(tuple(pieces))

    def fill(self, values: dict[str, int | str | None]) -> str:
        """The template with each field's value; an unknown value (null in JSON) is empty."""
        out = []
        for is_field, text in self.pieces:
            if is_field:
                value = values.get(text)
                out.append("" if value is None else str(value))
            else:
                out.append(text)
        return "".join(out)


class Reading(Frozen):
    """The break clock at one moment."""

    __slots__ = FIELDS = ("now", "history", "interval", "schedule")
    now: datetime
    history: BreakHistory
    interval: Interval
    schedule: Schedule

    def __init__(
        self, now: datetime, history: BreakHistory, interval: Interval, schedule: Schedule
    ) -> None:
        self._set(now=now, history=history, interval=interval, schedule=schedule)

    @property
    def state(self) -> State:
        return self.schedule.state(self.now)

    @property
    def text(self) -> str:
        return describe_schedule(self.schedule, self.now, has_history=not self.history.empty)

    @property
    def report(self) -> StatusReport:
        return StatusReport.of(self.schedule, self.interval.minutes, self.now)


def read_clock(
    source: BreakSource,
    now: datetime,
    *,
    setting_minutes: int | None = None,
    day_start_hour: int = DAY_STARTS_AT_HOUR,
    first_seen: datetime | None = None,
) -> Reading:
    """The break clock at ``now`` from what ``source`` holds (a few small queries)."""
    require_aware(now, "now")
    history = BreakHistory.read(source, day_start(now, day_start_hour))
    interval = choose_interval(setting_minutes, history.checkup_minutes)
    schedule = schedule_from(
        history, interval.minutes, now, first_seen, day_start_hour=day_start_hour
    )
    return Reading(now, history, interval, schedule)
