"""Short tones, one per cue, written as WAV files with the standard library's ``wave`` module.

Each cue has its own pattern (rising for a hold's start, falling for its end, two notes for a
side switch, three rising for a set done...), so a cue can be told from the others without
looking. Files are written once into a folder (the cache folder) and reused.
"""

from __future__ import annotations

import io
import math
import struct
import wave
from pathlib import Path

from hiptui.core.session.sounds import Cue
from hiptui.store.files import atomic_write

RATE = 22050
Note = tuple[float, int]  # (frequency in Hz, 0 for a pause; milliseconds)

TONES: dict[Cue, tuple[Note, ...]] = {
    Cue.REP: ((880, 70),),
    Cue.LEAD_IN: ((587, 120), (0, 80), (587, 120)),
    Cue.HOLD_START: ((523, 110), (784, 170)),
    Cue.HOLD_END: ((784, 110), (523, 170)),
    Cue.SIDE_SWITCH: ((660, 120), (0, 60), (990, 120), (0, 60), (660, 120)),
    Cue.SET_DONE: ((523, 110), (659, 110), (784, 200)),
    Cue.REST_WARNING: ((440, 90), (0, 90), (440, 90)),
    Cue.REST_OVER: ((988, 160), (1319, 260)),
    Cue.TEMPO_LIFT: ((740, 90),),
    Cue.TEMPO_HOLD: ((932, 90),),
    Cue.TEMPO_LOWER: ((554, 90),),
    Cue.NEXT_STEP: ((698, 100), (880, 100)),
    Cue.SESSION_DONE: ((523, 140), (659, 140), (784, 140), (1047, 320)),
}


def wav_bytes(notes: tuple[Note, ...], *, volume: float = 0.45) -> bytes:
    """A mono 16-bit WAV of ``notes``; each note fades in and out over 8 ms (no clicks)."""
    frames = bytearray()
    fade = int(RATE * 0.008)
    for frequency, milliseconds in notes:
        count = int(RATE * milliseconds / 1000)
        for n in range(count):
            envelope = min(1.0, n / fade, (count - 1 - n) / fade) if fade else 1.0
            value = math.sin(2 * math.pi * frequency * n / RATE) if frequency else 0.0
            frames += struct.pack("<h", int(32767 * volume * envelope * value))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(bytes(frames))
    return buffer.getvalue()


def tone_file(folder: Path, cue: Cue) -> Path:
    """The WAV file of ``cue`` in ``folder``, written there the first time (``OSError`` when
    the folder cannot be written)."""
    path = folder / f"hiptui-{cue.value}.wav"
    if path.is_file():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write(path, wav_bytes(TONES[cue]))
    return path
