"""The mat view's pieces without a terminal: the big font, fitting the board to the terminal,
the words for each phase, the warm-up's steps on the clock, the weaker side."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
from textual.geometry import Region

from hiptui.content.loader import load_library
from hiptui.core.history.sides import weaker_side
from hiptui.core.session.steps import step_at, step_shares
from hiptui.store.records import SetRecord
from hiptui.tui.bigfont import can_draw, draw, rows_at, width_at
from hiptui.tui.mat_layout import fit_board
from hiptui.tui.mat_text import clock_text, mat_text, step_title
from hiptui.tui.widgets.mat_board import _changed
from tests.builders import a_set_record
from tests.unit.content_files import CONTENT
from tests.unit.test_session_support import counted, machine, timed, warmup

# The board's space in the runner at each terminal size (what the screen's layout leaves it).
BOARD = {(80, 24): (78, 14), (120, 40): (118, 30), (45, 30): (43, 20), (200, 60): (198, 50)}


def drawn(lines: list, role: str) -> list[str]:  # type: ignore[type-arg]
    """The lines of the board that draw ``role`` (something other than blanks)."""
    return [text for line in lines for text, what in line if what == role and text.strip()]


def test_glyphs_are_drawn_at_every_scale() -> None:
    assert can_draw("LEFT RIGHT REPS HOLD REST SWITCH WORK WARM-UP GET SET READY 0123456789:")
    assert not can_draw("€")
    for scale in (1, 2, 3, 5):
        lines = draw("12:05", scale)
        assert len(lines) == rows_at(scale) == (7 * scale + 1) // 2
        assert {len(line) for line in lines} == {width_at("12:05", scale)}
    assert draw("1", 1) == [" ▄█  ", "  █  ", "  █  ", " ▀▀▀ "]
    assert draw("x", 0) == ["x"]


def test_a_text_is_its_glyphs_side_by_side_a_blank_column_apart() -> None:
    for scale in (1, 2, 3, 4):
        one, two, colon = draw("1", scale), draw("2", scale), draw(":", scale)
        gap = " " * scale
        assert draw("12:1", scale) == [
            gap.join(rows) for rows in zip(one, two, colon, one, strict=True)
        ]
    assert draw("", 2) == [""] * rows_at(2)


@pytest.mark.parametrize(("size", "number_rows"), [((80, 24), 5), ((120, 40), 7), ((200, 60), 14)])
def test_the_rep_count_is_big_and_the_side_drawn_in_letters(
    size: tuple[int, int], number_rows: int
) -> None:
    width, height = BOARD[size]
    for number in ("3", "12", "1:30", "59:59"):
        lines = fit_board(width, height, "REPS", number, "RIGHT")
        assert len(lines) <= height
        assert len(drawn(lines, "number")) >= number_rows, (size, number)
        assert len(drawn(lines, "side")) >= 3, (size, number)
        assert max(len("".join(t for t, _ in line)) for line in lines) <= width


def test_at_phone_size_the_words_stack_and_still_fit() -> None:
    width, height = BOARD[(45, 30)]
    lines = fit_board(width, height, "SWITCH", "5", "RIGHT")
    assert len(drawn(lines, "number")) >= 7 and len(drawn(lines, "side")) >= 3
    assert len(drawn(lines, "phase")) >= 3
    assert max(len("".join(t for t, _ in line)) for line in lines) <= width


def test_a_tiny_board_falls_back_to_plain_text() -> None:
    assert fit_board(10, 2, "REPS", "12", "LEFT") == [(("REPS", "phase"),), (("12", "number"),)]


@dataclass
class FakeExercise:
    category: str = "strength"
    step_seconds: tuple[int, ...] = ()
    steps: tuple[str, ...] = ("Get set.", "Move.")
    quantities: dict[str, object] = field(default_factory=dict)


def test_each_phase_has_its_word_number_and_next_line() -> None:
    m, clock = machine(counted(sets=2, reps=(8, 12), hold=2, per_side=True, rest=60))
    text = mat_text(m.view, None)
    assert (text.phase, text.number, text.side) == ("REPS", "0", "LEFT")
    assert text.next == "8 more to 8 (target 8-12) · hold 2 s at the top · space counts a rep"
    m.rep()
    clock.advance(0.5)
    text = mat_text(m.view, None)
    assert (text.phase, text.number) == ("HOLD", "2")
    assert text.next.startswith("Squeeze and hold: rep 1 counts")
    m.toggle_pause()
    assert mat_text(m.view, None).phase == "PAUSED"
    m.toggle_pause()
    clock.advance(2)
    m.tick()
    m.finish_set()
    text = mat_text(m.view, None)
    assert (text.phase, text.side) == ("SWITCH", "RIGHT")
    assert text.next == "next: the RIGHT side, 8-12 reps"


def test_a_stretch_holds_after_its_lead_in() -> None:
    m, clock = machine(timed(sets=1, work=30), lead_in=5)
    stretch = FakeExercise(category="stretching")
    text = mat_text(m.view, stretch, lead_in=5)  # type: ignore[arg-type]
    assert (text.phase, text.number) == ("READY", "30")
    assert text.next == "space starts: 5 s to get into position, then 30 s"
    m.rep()
    text = mat_text(m.view, stretch)  # type: ignore[arg-type]
    assert (text.phase, text.number) == ("GET SET", "5") and text.doing == "1. Get set."
    clock.advance(5)
    m.tick()
    assert mat_text(m.view, stretch).phase == "HOLD"  # type: ignore[arg-type]
    assert mat_text(m.view, FakeExercise()).phase == "WORK"  # type: ignore[arg-type]


def test_the_warm_up_shows_its_movements_one_by_one() -> None:
    library = load_library([CONTENT])
    warm = library.exercises["warm-up"]
    m, clock = machine(counted(), warm=warmup(work=300))
    text = mat_text(m.view, warm)
    assert text.phase == "WARM-UP" and text.number == "5:00"
    assert text.step is not None and (text.step.index, text.step.count) == (0, 7)
    assert text.doing.startswith("step 1 of 7 (2:00 left): Walk briskly")
    clock.advance(125)
    text = mat_text(m.view, warm)
    assert text.doing.startswith("step 2 of 7 (25 left): Leg swings")
    assert step_title(warm.steps[1]) == "Leg swings"


def test_steps_share_out_any_length_of_time() -> None:
    assert step_shares([120, 30, 30], 360) == [240, 60, 60]
    at = step_at([120, 30, 30], 360, 250)
    assert at is not None and (at.index, at.seconds, at.left) == (1, 60, 50)
    last = step_at([120, 30, 30], 360, 999)
    assert last is not None and (last.index, last.left) == (2, 0)
    assert step_at([], 300, 10) is None


def test_clock_text() -> None:
    assert [clock_text(s) for s in (None, 0, 0.2, 45, 59.5, 60, 90, 3600)] == [
        "", "0", "1", "45", "1:00", "1:00", "1:30", "60:00",
    ]  # fmt: skip


NOON = datetime(2024, 5, 1, 12, tzinfo=UTC)


def rows(session: int, left: int, right: int, *, at: datetime = NOON) -> list[SetRecord]:
    base = a_set_record(
        "kick", left, session_id=session, side="left", started_at=at, completed_at=at
    )
    return [base, base.replace(side="right", reps=right)]


def test_the_weaker_side_is_the_one_more_than_ten_percent_behind_last_time() -> None:
    assert weaker_side(rows(1, 10, 12)) == "left"  # 10 is 17% below 12
    assert weaker_side(rows(1, 12, 11)) is None  # 8%: close enough
    later = NOON + timedelta(days=2)
    assert weaker_side(rows(1, 5, 12) + rows(2, 12, 9, at=later)) == "right"  # the latest
    assert weaker_side(rows(1, 10, 12)[:1]) is None  # one side only: nothing to compare
    timed_rows = [
        r.replace(reps=0, work_seconds=w) for r, w in zip(rows(3, 0, 0), (30, 20), strict=True)
    ]
    assert weaker_side(timed_rows) == "right"


def test_the_board_redraws_only_the_columns_that_changed() -> None:
    before = ["", "   ██  ██   ", "   ██  ██", "REPS      "]
    after = ["", "   ██  ▀▀   ", "   ██  ██", "REPS   "]
    assert _changed(1, before, after, 12) == Region(7, 1, 2, 1)
    assert _changed(2, before, after, 12) is None
    assert _changed(3, before, after, 12) is None  # only trailing blanks differ
    assert _changed(0, before, ["▄"], 12) == Region(0, 0, 1, 1)
    assert _changed(4, before, [*after, "  ▄▄ ▄"], 12) == Region(2, 4, 4, 1)
