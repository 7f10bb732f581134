"""Each screen's CSS lives in its own DEFAULT_CSS with selectors scoped to it; app.tcss holds
only what screens share (no ids, which belong to one screen)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

from textual.screen import Screen

import hiptui.tui.screens
from hiptui.tui import app

_RULE = re.compile(r"([^{}]+)\{[^{}]*\}")


def selectors(css: str) -> list[str]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    return [s.strip() for rule in _RULE.findall(css) for s in rule.split(",")]


def screens() -> list[type[Screen[object]]]:
    found = []
    for module in pkgutil.iter_modules(hiptui.tui.screens.__path__, "hiptui.tui.screens."):
        for _name, value in inspect.getmembers(importlib.import_module(module.name)):
            if (
                inspect.isclass(value)
                and issubclass(value, Screen)
                and value.__module__ == module.name
            ):
                found.append(value)
    return found


def test_every_screen_rule_is_scoped_to_its_screen() -> None:
    styled = [s for s in screens() if "DEFAULT_CSS" in s.__dict__]
    assert len(styled) >= 12
    for screen in styled:
        found = selectors(screen.DEFAULT_CSS)
        assert found, screen
        for selector in found:
            assert re.match(rf"{screen.__name__}\b", selector), (screen.__name__, selector)


def test_app_tcss_holds_only_shared_classes() -> None:
    css = (Path(app.__file__).parent / app.HiptuiApp.CSS_PATH).read_text(encoding="utf-8")
    found = selectors(css)
    assert found[:2] == [".dialog", ".dialog-keys"]
    # Then only Textual's widgets made legible in every theme (hiptui/tui/themes.py): no ids,
    # no screen's own rules.
    widgets = ("Input", "SelectCurrent", "Tab", "Button")
    for selector in found[2:]:
        assert "#" not in selector and selector.split(":")[0].split(".")[0].split(" ")[0] in widgets
