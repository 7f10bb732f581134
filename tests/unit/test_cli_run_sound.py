"""``hiptui run`` with an id it does not know, and ``hiptui sound test``, as whole processes."""

from __future__ import annotations

import time
from pathlib import Path

from tests.unit.test_cli_lookup import hiptui


def test_run_with_an_unknown_id_says_what_was_meant_and_opens_no_app() -> None:
    began = time.monotonic()
    result = hiptui("run", "glute-brige")
    assert time.monotonic() - began < 10  # the 2 s is measured by hand on a quiet machine
    assert result.returncode == 1
    assert result.stderr == (
        "hiptui: no exercise or routine with id 'glute-brige'. "
        "Did you mean: glute-bridge, single-leg-glute-bridge?\n"
    )
    assert result.stdout == "" and "\x1b" not in result.stderr  # no terminal codes: no app
    show = hiptui("show", "glute-brige")
    assert show.returncode == 1 and "Did you mean: glute-bridge" in show.stderr


def test_run_with_nothing_close_lists_the_routines() -> None:
    result = hiptui("run", "no-such-exercise")
    assert result.returncode == 1
    assert "Try `hiptui list` for the exercises; the routines are beginner-floor" in result.stderr


def test_sound_test_falls_back_to_the_bell_when_no_program_is_installed(tmp_path: Path) -> None:
    result = hiptui("sound", "test", "--level", "voice", "--gap", "0", env={"PATH": str(tmp_path)})
    assert result.returncode == 0
    assert "voice: no speech program found (espeak-ng, spd-say, say)" in result.stderr
    assert "tones: no tone player found (pw-play, paplay, aplay, afplay)" in result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "sound: voice asked; playing with the terminal bell"
    assert "  rest over                rest over, right side\n" in result.stdout
    assert result.stdout.count("\a") == 13  # every cue rings once at the bell level


def test_sound_test_plays_every_tone_through_the_player_found(tmp_path: Path) -> None:
    log = tmp_path / "played.txt"
    player = tmp_path / "paplay"
    player.write_text(f'#!/bin/sh\necho "$@" >> {log}\n', encoding="utf-8")
    player.chmod(0o755)
    env = {"PATH": f"{tmp_path}:/usr/bin:/bin", "HIPTUI_CACHE_DIR": str(tmp_path / "cache")}
    result = hiptui("sound", "test", "--level", "tones", "--gap", "0", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "sound: tones asked; playing with tones through paplay"
    played = log.read_text(encoding="utf-8").split()
    assert len(played) == 13 and len(set(played)) == 13
    assert all(Path(p).is_file() and p.endswith(".wav") for p in played)
