"""The Footer's keys, from the binding table: the catalog shows the keys to the other screens,
and no screen shows more than six."""

from __future__ import annotations

from hiptui.bindings.table import APP, SCREENS, screen_bindings


def footer(screen: str) -> list[str]:
    return [b.id for b in screen_bindings(screen) if b.show]


def test_the_catalog_footer_opens_history_self_check_and_settings() -> None:
    shown = footer("catalog")
    for binding_id in ("catalog.history", "catalog.checkup", "catalog.settings"):
        assert binding_id in shown
    assert "catalog.run" in shown and "catalog.help" in shown


def test_no_screen_shows_more_than_six_keys() -> None:
    for screen in SCREENS:
        if screen.name != APP:
            assert len(footer(screen.name)) <= 6, (screen.name, footer(screen.name))
