"""The themes hiptui offers: those in which every text the app draws reaches WCAG AA contrast
(4.5:1, and 3:1 for the runner's big digits), as tests/ui/test_contrast.py measures on every
screen, plus a high-contrast theme of hiptui's own. The others Textual ships are not offered.

A few of Textual's colour variables are made legible in every theme: the highlighted row (the
block cursor) gets black or white text on the primary colour darkened or lightened until the
two reach 4.5:1, and a focused button is bold and underlined instead of reversed (its reversed
colours fell to 3.6:1)."""

from __future__ import annotations

from collections.abc import Mapping

from textual.color import Color
from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="hiptui-high-contrast",
    primary="#003A8C",
    secondary="#00E5FF",
    accent="#FFFFFF",
    warning="#FFD700",
    error="#FF8080",
    success="#7CFC00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#FFFFFF",
    dark=True,
    variables={
        "text-muted": "#D0D0D0",
        "footer-key-foreground": "#FFD700",
        "footer-description-foreground": "#FFFFFF",
        "input-selection-background": "#FFD700 40%",
    },
)

# The themes offered (the theme palette, settings.toml's theme): each passes the contrast test.
# Left out: atom-one-dark, atom-one-light, catppuccin-frappe, tokyo-night (a table's header
# or a highlighted row's second line at 3.2-4.3:1), solarized-dark and solarized-light (the
# Footer's words at 3.4:1), and ansi-dark and ansi-light (the terminal's own colours, which
# nothing can measure).
OFFERED: tuple[str, ...] = (
    "textual-dark", "textual-light", HIGH_CONTRAST.name,
    "catppuccin-latte", "catppuccin-macchiato", "catppuccin-mocha", "dracula", "flexoki",
    "gruvbox", "monokai", "nord", "rose-pine", "rose-pine-dawn", "rose-pine-moon",
)  # fmt: skip
DEFAULT = "textual-dark"
TEXT_RATIO = 4.5


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(color: Color) -> float:
    """WCAG 2 relative luminance."""
    r, g, b = (_channel(v) for v in color.rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: Color, b: Color) -> float:
    """WCAG 2 contrast ratio of two opaque colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def legible_pair(background: Color) -> tuple[Color, Color]:
    """(text, background) for text on ``background``: black or white, whichever reads better,
    with the background moved away from the text until they reach 4.5:1."""
    black, white = Color(0, 0, 0), Color(255, 255, 255)
    text = white if contrast(white, background) >= contrast(black, background) else black
    step = 0.0
    shade = background
    while contrast(text, shade) < TEXT_RATIO and step < 1.0:
        step += 0.05
        shade = background.darken(step) if text is white else background.lighten(step)
    return text, shade


TEXT_COLOURS = ("text-primary", "text-secondary", "text-accent", "text-warning",
                "text-error", "text-success")  # fmt: skip
# What text is drawn on: the screen, a panel, a dialog's surface (and their boosts).
GROUNDS = ("background", "surface", "panel")


def _opaque(value: str, under: Color) -> Color | None:
    try:
        color = Color.parse(value)
    except Exception:  # "auto 87%" and the like: Textual works them out per cell
        return None
    return under.blend(color.with_alpha(1.0), color.a) if color.a < 1 else color


def readable_on(color: Color, grounds: list[Color], dark: bool) -> Color:
    """``color`` lightened (dark themes) or darkened until it reaches 4.5:1 on each ground."""
    step, shade = 0.0, color
    while min(contrast(shade, g) for g in grounds) < TEXT_RATIO + 0.1 and step < 1.0:
        step += 0.05
        shade = color.lighten(step) if dark else color.darken(step)
    return shade


def legible_variables(variables: Mapping[str, str], *, dark: bool = True) -> dict[str, str]:
    """The theme's CSS variables with the coloured text, the highlighted row and the focused
    button legible."""
    legible = dict(variables)
    black = Color(0, 0, 0)
    background = _opaque(legible.get("background", "#121212"), black) or black
    grounds = [g for name in GROUNDS if (g := _opaque(legible.get(name, ""), background))]
    for name in TEXT_COLOURS:
        color = _opaque(legible.get(name, ""), background)
        if color is not None and grounds:
            legible[name] = readable_on(color, grounds, dark).hex
    footer = _opaque(legible.get("footer-background", ""), background)
    key = _opaque(legible.get("footer-key-foreground", ""), background)
    if footer is not None and key is not None:
        legible["footer-key-foreground"] = readable_on(key, [footer], dark).hex
    primary = Color.parse(legible.get("primary", "#0178D4"))
    text, background = legible_pair(primary)
    legible["block-cursor-foreground"] = text.hex
    legible["block-cursor-background"] = background.hex
    legible["button-focus-text-style"] = "bold underline"
    return legible
