"""The WCAG 2 contrast formula the themes are tuned with (and the 80x24 screen test checks
with), against reference values: if it drifted, both would drift together unnoticed."""

from __future__ import annotations

import pytest
from textual.color import Color

from hiptui.tui.themes import contrast


@pytest.mark.parametrize(
    ("foreground", "background", "ratio"),
    [
        ("#000000", "#ffffff", 21.0),  # the extremes
        ("#ffffff", "#ffffff", 1.0),
        ("#767676", "#ffffff", 4.54),  # the lightest grey that passes AA on white
        ("#777777", "#ffffff", 4.48),  # one step lighter fails
        ("#0000ff", "#ffffff", 8.59),
        ("#ff0000", "#000000", 5.25),
    ],
)
def test_contrast_matches_the_reference_ratios(
    foreground: str, background: str, ratio: float
) -> None:
    a, b = Color.parse(foreground), Color.parse(background)
    assert contrast(a, b) == pytest.approx(ratio, abs=0.005)
    assert contrast(b, a) == contrast(a, b)
