"""The pure layers must not pull in the UI toolkit, and the look-up path must stay light."""

from __future__ import annotations

import subprocess
import sys

PURE_PACKAGES = ["hiptui.content", "hiptui.core", "hiptui.store", "hiptui.sound"]
PURE_MODULES = ["hiptui.home", "hiptui.sessions"]


def _modules_after(code: str) -> set[str]:
    script = f"{code}\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    return set(result.stdout.split())


def test_pure_layers_do_not_import_textual_or_rich() -> None:
    imports = "\n".join(
        f"import pkgutil, importlib, {name} as pkg\n"
        f"for m in pkgutil.walk_packages(pkg.__path__, '{name}.'):\n"
        f"    importlib.import_module(m.name)"
        for name in PURE_PACKAGES
    )
    imports += "".join(f"\nimport {name}" for name in PURE_MODULES)
    loaded = _modules_after(imports)
    assert "hiptui.content.loader" in loaded and "hiptui.sessions" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "rich")}
    assert not {m for m in loaded if m.startswith("hiptui.tui")}


def test_cues_command_never_imports_textual() -> None:
    code = (
        "import io, contextlib\n"
        "from hiptui.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['cues', 'glute-bridge', '--units', 'metric'])\n"
    )
    loaded = _modules_after(code)
    assert "hiptui.cli.lookup" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "rich")}


def test_a_warm_look_up_imports_only_what_printing_a_card_needs() -> None:
    """With the content cache in place, ``hiptui cues`` and ``show`` decode one exercise from
    the index: no argparse, no TOML parser, no loader, no dataclasses, typing or pathlib (each
    a few milliseconds of a command that takes tens)."""
    from hiptui import paths
    from hiptui.content.cache import load_library_cached

    load_library_cached(paths.content_folders(), paths.content_cache_path(), now_ns=lambda: 2**62)
    for command in ("cues", "show"):
        code = (
            "import io, contextlib\n"
            "from hiptui.cli.main import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    assert main(['{command}', 'glute-bridge']) == 0\n"
        )
        loaded = _modules_after(code)
        assert "hiptui.content.index" in loaded
        unwanted = {
            "argparse", "tomllib", "dataclasses", "typing", "pathlib", "platformdirs",
            "threading", "hiptui.content.loader", "hiptui.content.cache", "hiptui.home",
            "hiptui.store.settings", "textual", "rich",
        }  # fmt: skip
        assert unwanted & loaded == set()


def test_the_app_s_start_from_a_warm_cache_parses_no_toml() -> None:
    """``hiptui`` alone, with the content cache in place: the library comes from the cache, so
    neither the TOML parser nor the validator is imported (nor argparse: nothing to parse)."""
    from hiptui import paths
    from hiptui.content.cache import load_library_cached

    load_library_cached(paths.content_folders(), paths.content_cache_path(), now_ns=lambda: 2**62)
    loaded = _modules_after(
        "import hiptui.cli.app as app\n"
        "from hiptui.home import Home\n"
        "from hiptui.tui.app import make_app\n"
        "home = Home.for_user()\n"
        "assert home.library().exercises\n"
        "make_app(home=home)\n"
    )
    assert "hiptui.content.library" in loaded and "textual.app" in loaded
    unwanted = {"tomllib", "argparse", "hiptui.content.loader"}
    assert unwanted & loaded == set()


def test_the_web_server_never_imports_textual_or_the_tui() -> None:
    """``hiptui serve`` runs each page's app in its own process: the server itself stays free
    of Textual (and of rich), so it starts fast and shares no state with any app."""
    loaded = _modules_after(
        "import hiptui.cli.serve, hiptui.serve.server, hiptui.serve.access, hiptui.serve.page"
    )
    assert "textual_serve.app_service" in loaded and "aiohttp.web" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "rich")}
    assert not {m for m in loaded if m.startswith("hiptui.tui")}


def test_today_command_stays_off_textual_and_the_exercise_library_when_nothing_needs_it() -> None:
    code = (
        "import io, contextlib\n"
        "from hiptui.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['today', '--json'])\n"
    )
    loaded = _modules_after(code)
    assert "hiptui.cli.today" in loaded and "hiptui.core.week.schedule" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "rich")}
    # No history, no session due: neither the exercise files nor their cache are read.
    assert not {"hiptui.content.cache", "hiptui.content.routines", "uuid"} & loaded


def test_today_with_a_plain_settings_file_and_a_history_needs_no_toml_parser_or_dataclasses() -> (
    None
):
    """``hiptui today`` for a user with training days, a keymap, a self-check and a session
    this week: settings.toml as hiptui writes it is read without tomllib, and the records,
    the settings and the report are Frozen or plain classes, so neither tomllib nor
    dataclasses (with inspect) is imported; the keymap (the app's) is not read, so neither is
    the binding table, and nothing starts a thread."""
    from hiptui import paths
    from hiptui.content.cache import load_library_cached
    from hiptui.store.db import Database
    from hiptui.store.settings import Settings, save_settings

    load_library_cached(paths.content_folders(), paths.content_cache_path(), now_ns=lambda: 2**62)
    days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    chosen = Settings(training_days=days, keymap={"catalog.search": "f6"})
    save_settings(paths.settings_path(), chosen, had_problems=False)
    with Database.open(paths.database_path()) as db:
        session = db.start_session("Today", {})
        db.log_set(session, exercise_id="glute-bridge", exercise_name="Glute bridge",
                   set_number=1, side=None, reps=10)  # fmt: skip
        db.save_checkup({}, {"reminder_minutes": 30, "recommendations": []})
    code = (
        "import io, contextlib\n"
        "from hiptui.cli.main import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    assert main(['today']) == 0\n"
        "assert 'Done today: yes' in out.getvalue(), out.getvalue()\n"
    )
    loaded = _modules_after(code)
    assert "hiptui.store.db" in loaded
    assert {"tomllib", "dataclasses", "inspect", "argparse", "threading"} & loaded == set()
    assert not {m for m in loaded if m.startswith("hiptui.bindings")}
