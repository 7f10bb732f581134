"""``hiptui sound test [--level LEVEL]``: play every runner cue once and say what played it.

The level is the settings' ``sound`` unless ``--level`` names another. A level whose program
is missing falls back to the next one down (voice, tones, bell, off), with one line saying so,
exactly as in the runner. Never imports Textual.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

SAMPLE_WORDS = {
    "rep": "three",
    "lead-in": "get into position",
    "hold-start": "hold",
    "hold-end": "down",
    "side-switch": "left side",
    "set-done": "set done, rest sixty seconds",
    "rest-warning": "ten seconds",
    "rest-over": "rest over, right side",
    "tempo-lift": "lift",
    "tempo-hold": "hold",
    "tempo-lower": "lower",
    "next-step": "leg swings",
    "session-done": "session done, well done",
}
PAUSE = 0.35  # seconds between cues, so each can be heard on its own


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "sound",
        help="sound test: play each runner cue once and name the player used",
        description="Play each of the session runner's cues once (rep counted, hold start and "
        "end, side switch, set done, rest warning and end, tempo beats, next movement, "
        "session done) and say which player made them.",
    )
    parser.add_argument("what", choices=["test"], help="test: play every cue once")
    parser.add_argument("--level", choices=["off", "bell", "tones", "voice"],
                        help="the level to test (default: the sound setting)")  # fmt: skip
    parser.add_argument("--gap", type=float, default=PAUSE, metavar="SECONDS",
                        help=f"silence between cues (default {PAUSE:g})")  # fmt: skip
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from hiptui import paths
    from hiptui.cli.common import eprint, home_for
    from hiptui.cli.output import raw_stream
    from hiptui.core.session.sounds import CUE_NAMES, Cue, Sound
    from hiptui.sound.announcer import Announcer
    from hiptui.sound.players import find_player

    level = args.level or home_for(args).settings.sound
    folder = paths.cache_dir() / "sounds"

    terminal = raw_stream(sys.stdout)  # the bell is hiptui's own: past the safe stream

    def ring() -> None:
        terminal.write("\a")
        terminal.flush()

    announcer = Announcer(
        level,
        find=lambda wanted: find_player(wanted, ring=ring, folder=folder),
        notice=eprint,
        background=lambda job: job(),  # one cue after the other, each to its end
    )
    print(f"sound: {level} asked; playing with {announcer.playing}")
    if announcer.player is None:
        print("sound is off: nothing to play (try --level bell, tones or voice)")
        return 0
    for cue in Cue:
        words = SAMPLE_WORDS[cue.value]
        print(f"  {CUE_NAMES[cue]:<24} {words}", flush=True)
        announcer.play(Sound(cue, words, attention=True))
        time.sleep(max(0.0, args.gap))
    if announcer.level_in_use != level:
        print(f"sound: played with {announcer.playing}")
    return 0
