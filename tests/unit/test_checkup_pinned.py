"""The self-check's figures for the 14 answers stay what they were.

``tests/fixtures/checkup/pinned-results.json`` holds five answer sets with the result
(``CheckupResult.to_dict()``) and the figures (key, value shown, meaning) that hiptui gave for
them at commit ce52d44, before the abdominal control check and the wall check's place in the
result were added. The same answers must still give exactly those figures, the same plan and
the same words; keys added to the result since then are left out of the comparison (their
values for an answers file without the new check are checked in test_checkup.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hiptui.core.checkup.answers import Answers
from hiptui.core.checkup.scoring import score
from hiptui.core.checkup.text import figures

PINNED = Path(__file__).parent.parent / "fixtures" / "checkup" / "pinned-results.json"
CASES: dict[str, dict[str, Any]] = json.loads(PINNED.read_text(encoding="utf-8"))


def test_the_pins_cover_every_band_bridge_answer_and_hip_flexor_flag() -> None:
    results = [case["result"] for case in CASES.values()]
    assert {r["band"] for r in results} == {"low", "moderate", "high", "very-high"}
    assert {r["hip_flexor"] for r in results} == {"yes", "no", "inconclusive"}
    assert {case["answers"]["bridge_hold"] for case in CASES.values()} == set("ABCDE")
    assert {r["priority"] for r in results} == {"low", "moderate", "high"}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_same_fourteen_answers_give_the_same_figures_and_plan(name: str) -> None:
    case = CASES[name]
    answers = Answers.from_values(case["answers"])
    result = score(answers)
    now = result.to_dict()
    assert {key: now[key] for key in case["result"]} == case["result"]
    shown = [[f.key, f.value, f.meaning] for f in figures(answers, result)]
    assert [row for row in shown if row[0] in {r[0] for r in case["figures"]}] == case["figures"]
