"""``hiptui keys``: every binding with the keys in force, as a table, JSON or Markdown, without
Textual; docs/keys.md is its Markdown."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from hiptui import paths
from hiptui.bindings.table import BY_ID
from hiptui.cli.keys import markdown
from hiptui.cli.main import main
from hiptui.store.settings import load_settings

DOC = Path(__file__).parents[2] / "docs" / "keys.md"


def write_settings(text: str) -> Path:
    path = paths.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_json_lists_every_binding_with_exactly_four_fields(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["keys", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert isinstance(found, list) and len(found) >= 30
    assert all(set(row) == {"id", "screen", "keys", "description"} for row in found)
    assert [row["id"] for row in found] == list(BY_ID)
    search = next(row for row in found if row["id"] == "catalog.search")
    assert search == {"id": "catalog.search", "screen": "catalog", "keys": ["/"],
                      "description": "Search"}  # fmt: skip
    assert next(row for row in found if row["id"] == "catalog.help")["keys"] == ["?", "f1"]


def test_the_keymap_shows_in_json_and_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    write_settings('[keymap]\n"catalog.search" = "f6"\n"session.rep" = "space, j"\n')
    assert main(["keys", "--json"]) == 0
    found = {row["id"]: row["keys"] for row in json.loads(capsys.readouterr().out)}
    assert found["catalog.search"] == ["f6"] and found["session.rep"] == ["space", "j"]
    assert found["catalog.run"] == ["r"]
    assert main(["keys"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ID", "SCREEN", "KEYS", "DESCRIPTION"]
    assert re.fullmatch(r"catalog\.search +catalog +f6 \* +Search", lines[3 + 0])
    assert any(re.fullmatch(r"catalog\.run +catalog +r +Start", line) for line in lines)
    assert lines[-1] == "* set in [keymap] of settings.toml"


def test_problems_go_to_stderr_with_lines_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    path = write_settings(
        '[keymap]\n"catalog.search" = "f6"\n"catalog.nope" = "f7"\n"catalog.run" = "\\u001b[31m"\n'
    )
    assert main(["keys", "--json"]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        f'{path}:3: keymap: unknown binding "catalog.nope" (did you mean "catalog.open"?); '
        "entry ignored",
        f'{path}:4: keymap "catalog.run": unknown key name "[31m"; entry ignored',  # no ESC
    ]
    found = {row["id"]: row["keys"] for row in json.loads(out)}
    assert found["catalog.search"] == ["f6"] and found["catalog.run"] == ["r"]


def test_hiptui_keys_never_imports_textual() -> None:
    code = (
        "import io, contextlib, sys\n"
        "from hiptui.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['keys', '--json'])\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    loaded = set(result.stdout.split())
    assert {"hiptui.cli.keys", "hiptui.bindings.table", "hiptui.store.settings"} <= loaded
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "rich")}
    assert not {m for m in loaded if m.startswith("hiptui.tui")}


def test_docs_keys_md_holds_the_default_tables() -> None:
    text = DOC.read_text(encoding="utf-8")
    start, end = "<!-- keys:start -->\n", "<!-- keys:end -->"
    generated = text[text.index(start) + len(start) : text.index(end)]
    assert generated == markdown({}), "regenerate with `hiptui keys --markdown` (no keymap)"


def test_docs_keys_md_quotes_the_messages_the_app_gives() -> None:
    text = DOC.read_text(encoding="utf-8")
    sample = re.search(r"For this file:\n\n```toml\n(.*?)```", text, re.DOTALL)
    assert sample is not None
    path = write_settings(sample.group(1))
    settings, problems = load_settings(path)
    assert settings.keymap == {"catalog.search": "f6"}
    assert len(problems) == 6
    for problem in problems:
        assert f"`{str(problem).replace(str(path), 'settings.toml')}`" in text
    write_settings('keymap = "f6"\n')
    (problem,) = load_settings(path)[1]
    assert f"`{str(problem).replace(str(path), 'settings.toml')}`" in text
