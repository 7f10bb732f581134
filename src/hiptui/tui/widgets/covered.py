"""Containers whose children cover them whole, so their own lines are never seen.

Textual draws every widget whose container's space a change touches, the containers too,
line by line through its styling, though here nothing of them shows: these draw as blank
lines (Textual's ``BLANK``), which costs nothing per line. Use them only where the children
fill the container (``1fr`` or ``auto`` sizes, no margins), or the blank would show.
"""

from __future__ import annotations

from textual.containers import Horizontal, Vertical


class CoveredRow(Horizontal):
    BLANK = True


class CoveredColumn(Vertical):
    BLANK = True
