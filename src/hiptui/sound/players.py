"""The programs that make the sounds: the terminal bell, a tone player, a speech program.

A :class:`Player` plays one :class:`~hiptui.core.session.sounds.Sound` and raises
:class:`SoundError` when it cannot. :func:`find_player` gives the player for a level, or why
there is none (no program installed), looking programs up with an injected ``which`` and
running them with an injected ``run``, so tests need no sound device and no programs.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from hiptui.core.session.sounds import Sound
from hiptui.sound.tones import tone_file
from hiptui.store.settings import SOUND_LEVELS

LEVELS = SOUND_LEVELS  # from the bottom up: off, bell, tones, voice
# Tone players, in the order they are tried, and how each is asked to play a WAV file.
TONE_PROGRAMS: dict[str, tuple[str, ...]] = {
    "pw-play": (),
    "paplay": (),
    "aplay": ("-q",),
    "afplay": (),
}
# Speech programs, in the order they are tried, and how each is asked to say some words.
SPEECH_PROGRAMS: dict[str, tuple[str, ...]] = {
    "espeak-ng": ("-s", "165"),
    "spd-say": ("--wait",),
    "say": (),
}
PLAY_TIMEOUT = 15.0  # seconds a player may take before it counts as stuck

Which = Callable[[str], str | None]
Run = Callable[[Sequence[str]], int]  # runs a command to its end; its exit status


class SoundError(Exception):
    """A player could not play (the program failed, hung, or could not start)."""


class Player(Protocol):
    level: str  # "bell", "tones" or "voice"
    name: str  # what plays: "the terminal bell", "paplay", "espeak-ng"
    in_background: bool  # play() runs a program and waits for it: never on the UI thread

    def play(self, sound: Sound) -> None: ...


def run_quietly(command: Sequence[str]) -> int:
    """Run ``command`` to its end with no input or output; its exit status."""
    try:
        done = subprocess.run(
            list(command),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=PLAY_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise SoundError(f"{command[0]} took more than {PLAY_TIMEOUT:g} s") from error
    return done.returncode


@dataclass
class BellPlayer:
    """The terminal bell, for the cues that need the user now (always there)."""

    ring: Callable[[], None]
    level: str = "bell"
    name: str = "the terminal bell"
    in_background: bool = False

    def play(self, sound: Sound) -> None:
        if sound.attention:
            self.ring()


@dataclass
class CommandPlayer:
    """A program that plays a tone file (``level`` tones) or says the words (voice)."""

    level: str
    name: str
    command: tuple[str, ...]  # the program's path and its options
    run: Run
    folder: Path | None = None  # where tone files go (tones only)
    in_background: bool = True

    def play(self, sound: Sound) -> None:
        if self.level == "tones":
            assert self.folder is not None
            try:
                argument = str(tone_file(self.folder, sound.cue))
            except OSError as error:
                raise SoundError(
                    f"cannot write the tone files in {self.folder}: {error}"
                ) from error
        else:
            argument = sound.words
        try:
            status = self.run([*self.command, argument])
        except OSError as error:
            raise SoundError(f"{self.name} could not start: {error.strerror or error}") from error
        if status != 0:
            raise SoundError(f"{self.name} failed (exit status {status})")


def find_player(
    level: str,
    *,
    ring: Callable[[], None],
    folder: Path,
    which: Which = shutil.which,
    run: Run = run_quietly,
) -> Player | str | None:
    """The player for ``level``; for tones and voice the first program installed, or why
    there is none; ``None`` for ``off``."""
    if level == "off":
        return None
    if level == "bell":
        return BellPlayer(ring)
    programs = TONE_PROGRAMS if level == "tones" else SPEECH_PROGRAMS
    for program, options in programs.items():
        path = which(program)
        if path:
            return CommandPlayer(level, program, (path, *options), run, folder)
    names = ", ".join(programs)
    what = "tone player" if level == "tones" else "speech program"
    return f"no {what} found ({names})"


def describe(player: Player | None) -> str:
    """``tones through paplay``, ``voice through espeak-ng``, ``the terminal bell``, ``off``."""
    if player is None:
        return "off"
    if player.level == "bell":
        return player.name
    return f"{player.level} through {player.name}"
