"""The runner's sound: what to play for the machine's events, played off the UI thread, with
a fall back to the level below when a player is missing or fails.

The levels, from the top: voice, tones, bell, off. Asking for a level whose program is not
installed uses the next one down and says so once (a notice, never an error); a player that
fails while playing does the same from then on. What is played for which event is
:func:`hiptui.core.session.sounds.sounds_for`.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable, Sequence

from hiptui.core.session.events import Event
from hiptui.core.session.sounds import Cue, Sound, sounds_for
from hiptui.sound.players import LEVELS, Player, SoundError, describe

Find = Callable[[str], "Player | str | None"]  # a level's player, or why there is none
Background = Callable[[Callable[[], None]], None]


class SoundQueue:
    """One thread that plays sounds one after another, so a key press never waits for a
    player. Sounds that pile up (a player slower than the beat) are dropped, not delayed."""

    def __init__(self, limit: int = 4) -> None:
        self._jobs: queue.Queue[Callable[[], None] | None] = queue.Queue(limit)
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def __call__(self, job: Callable[[], None]) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name="hiptui-sound",
                                                daemon=True)  # fmt: skip
                self._thread.start()
        with contextlib.suppress(queue.Full):  # late sounds are worse than none
            self._jobs.put_nowait(job)

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            try:
                job()
            except Exception:  # a sound is never worth the thread: the next one may work
                continue

    def close(self) -> None:
        """Stop the thread after the sound playing now (those waiting are dropped)."""
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is None:
            return
        while True:
            try:
                self._jobs.get_nowait()
            except queue.Empty:
                break
        self._jobs.put(None)


class Announcer:
    """Plays the sounds for the runner's events at the level asked for (or the one below
    that works). ``find`` gives a level's player; ``notice`` tells the user about a fall
    back (from any thread); ``background`` runs a player that waits for a program."""

    def __init__(
        self,
        level: str,
        *,
        find: Find,
        notice: Callable[[str], None],
        background: Background,
        reps: bool = False,
    ) -> None:
        if level not in LEVELS:
            raise ValueError(f"sound level must be one of {', '.join(LEVELS)}, not {level!r}")
        self._find = find
        self._notice = notice
        self._background = background
        self.reps = reps
        self._lock = threading.Lock()
        self.level = level
        self.player: Player | None = None
        self._choose(level)

    @property
    def playing(self) -> str:
        """What plays now: ``tones through paplay``, ``the terminal bell``, ``off``..."""
        return describe(self.player)

    @property
    def level_in_use(self) -> str:
        return "off" if self.player is None else self.player.level

    def _choose(self, level: str, *, failed: str = "") -> None:
        """Take the player of ``level`` or, failing that, of the first level below it."""
        reasons = [failed] if failed else []
        for candidate in LEVELS[LEVELS.index(level) :: -1]:
            found = self._find(candidate)
            if isinstance(found, str):
                reasons.append(f"{candidate}: {found}")
                continue
            with self._lock:
                self.player = found
            break
        if reasons:
            self._notice(f"Sound: {'; '.join(reasons)}. Using {self.playing} instead.")

    def set_level(self, level: str) -> None:
        self.level = level
        self._choose(level)

    def cycle(self) -> str:
        """The next level up (off, bell, tones, voice, then off again); the level asked for."""
        self.set_level(LEVELS[(LEVELS.index(self.level) + 1) % len(LEVELS)])
        return self.level

    # -- playing --------------------------------------------------------------------------

    def announce(self, events: Sequence[Event]) -> list[Sound]:
        """Play the sounds for one call's events; the sounds (for the tests and the screen)."""
        sounds = sounds_for(events, reps=self.reps)
        for sound in sounds:
            self.play(sound)
        return sounds

    def next_step(self, words: str) -> None:
        """The warm-up moves on to its next movement."""
        self.play(Sound(Cue.NEXT_STEP, words))

    def play(self, sound: Sound) -> None:
        player = self.player
        if player is None:
            return
        if player.in_background:
            self._background(lambda: self._play(player, sound))
        else:
            self._play(player, sound)

    def _play(self, player: Player, sound: Sound) -> None:
        try:
            player.play(sound)
        except SoundError as error:
            with self._lock:
                if self.player is not player:
                    return  # another sound has fallen back already
            below = LEVELS[LEVELS.index(player.level) - 1]
            self._choose(below, failed=f"{player.level}: {error}")
            if self.player is not None and not self.player.in_background:
                self.player.play(sound)
