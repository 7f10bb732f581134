"""The sound players and the announcer with fakes: which cue each level plays, the fall back
when a player is missing or fails (one notice), the tones written with ``wave``. No test needs
a sound device or a sound program."""

from __future__ import annotations

import io
import wave
from collections.abc import Sequence
from pathlib import Path

import pytest

from hiptui.core.session.events import RestEnded, RestWarning, SidesSwitched
from hiptui.core.session.sounds import Cue, Sound
from hiptui.sound.announcer import Announcer, SoundQueue
from hiptui.sound.players import BellPlayer, CommandPlayer, SoundError, describe, find_player
from hiptui.sound.tones import TONES, tone_file, wav_bytes


class FakePlayer:
    def __init__(self, level: str, *, fail: bool = False, in_background: bool = True) -> None:
        self.level, self.name, self.in_background = level, f"fake-{level}", in_background
        self.fail = fail
        self.played: list[Sound] = []

    def play(self, sound: Sound) -> None:
        if self.fail:
            raise SoundError(f"{self.name} failed (exit status 1)")
        self.played.append(sound)


def announcer_with(
    players: dict[str, FakePlayer | str], level: str
) -> tuple[Announcer, list[str], list[str]]:
    notices: list[str] = []
    jobs: list[str] = []

    def background(job):  # type: ignore[no-untyped-def]
        jobs.append("job")
        job()

    def find(wanted: str) -> FakePlayer | str | None:
        return None if wanted == "off" else players.get(wanted, f"no {wanted} player")

    return Announcer(level, find=find, notice=notices.append, background=background), notices, jobs


def test_each_event_plays_its_cue_through_the_player_off_the_ui_thread() -> None:
    tones = FakePlayer("tones")
    announcer, notices, jobs = announcer_with({"tones": tones, "bell": FakePlayer("bell")}, "tones")
    announcer.announce([RestWarning(10)])
    announcer.announce([SidesSwitched("right", 5)])
    assert [(s.cue, s.words) for s in tones.played] == [
        (Cue.REST_WARNING, "ten seconds"),
        (Cue.SIDE_SWITCH, "right side"),
    ]
    assert len(jobs) == 2 and notices == []
    assert announcer.playing == "tones through fake-tones"


def test_a_missing_player_falls_back_a_level_with_one_notice() -> None:
    bell = FakePlayer("bell", in_background=False)
    announcer, notices, _jobs = announcer_with({"bell": bell}, "voice")
    assert announcer.level == "voice" and announcer.level_in_use == "bell"
    assert notices == [
        "Sound: voice: no voice player; tones: no tones player. Using fake-bell instead."
    ]
    announcer.announce([RestEnded(skipped=False)])
    assert [s.cue for s in bell.played] == [Cue.REST_OVER]
    assert len(notices) == 1  # playing more says nothing more


def test_a_player_that_fails_falls_back_once_and_the_cue_still_plays() -> None:
    broken = FakePlayer("tones", fail=True)
    bell = FakePlayer("bell", in_background=False)
    announcer, notices, _jobs = announcer_with({"tones": broken, "bell": bell}, "tones")
    announcer.announce([RestEnded(skipped=False)])
    assert [s.cue for s in bell.played] == [Cue.REST_OVER]
    assert announcer.level_in_use == "bell"
    assert notices == ["Sound: tones: fake-tones failed (exit status 1). Using fake-bell instead."]
    announcer.announce([SidesSwitched("left", 5)])
    assert len(notices) == 1 and len(bell.played) == 2


def test_the_sound_key_cycles_the_levels() -> None:
    players = {level: FakePlayer(level) for level in ("bell", "tones", "voice")}
    announcer, _notices, _jobs = announcer_with(players, "off")  # type: ignore[arg-type]
    assert announcer.player is None and announcer.playing == "off"
    announcer.announce([RestEnded(skipped=False)])  # off: nothing plays
    assert [announcer.cycle() for _ in range(4)] == ["bell", "tones", "voice", "off"]
    with pytest.raises(ValueError, match="sound level"):
        announcer_with(players, "loud")  # type: ignore[arg-type]


def test_the_bell_rings_for_what_needs_the_user_only() -> None:
    rung: list[int] = []
    bell = BellPlayer(lambda: rung.append(1))
    bell.play(Sound(Cue.TEMPO_LIFT, "lift"))
    bell.play(Sound(Cue.REST_OVER, "rest over", attention=True))
    assert rung == [1] and describe(bell) == "the terminal bell" and describe(None) == "off"


def test_find_player_takes_the_first_program_installed(tmp_path: Path) -> None:
    installed = {"paplay": "/usr/bin/paplay", "aplay": "/usr/bin/aplay", "say": "/usr/bin/say"}
    player = find_player("tones", ring=lambda: None, folder=tmp_path, which=installed.get)
    assert isinstance(player, CommandPlayer) and player.name == "paplay"
    voice = find_player("voice", ring=lambda: None, folder=tmp_path, which=installed.get)
    assert isinstance(voice, CommandPlayer) and describe(voice) == "voice through say"
    missing = find_player("voice", ring=lambda: None, folder=tmp_path, which=lambda _: None)
    assert missing == "no speech program found (espeak-ng, spd-say, say)"
    assert find_player("off", ring=lambda: None, folder=tmp_path) is None


def test_a_command_player_runs_the_program_with_the_tone_file_or_the_words(tmp_path: Path) -> None:
    commands: list[Sequence[str]] = []

    def run(command: Sequence[str]) -> int:
        commands.append(list(command))
        return 0

    tones = CommandPlayer("tones", "aplay", ("/usr/bin/aplay", "-q"), run, tmp_path)
    tones.play(Sound(Cue.HOLD_START, "hold"))
    voice = CommandPlayer("voice", "espeak-ng", ("/usr/bin/espeak-ng", "-s", "165"), run)
    voice.play(Sound(Cue.SIDE_SWITCH, "left side"))
    assert commands == [
        ["/usr/bin/aplay", "-q", str(tmp_path / "hiptui-hold-start.wav")],
        ["/usr/bin/espeak-ng", "-s", "165", "left side"],
    ]
    assert (tmp_path / "hiptui-hold-start.wav").is_file()

    failing = CommandPlayer("voice", "say", ("/usr/bin/say",), lambda _command: 1)
    with pytest.raises(SoundError, match=r"say failed \(exit status 1\)"):
        failing.play(Sound(Cue.REP, "one"))

    def cannot_start(_command: Sequence[str]) -> int:
        raise FileNotFoundError(2, "No such file or directory")

    gone = CommandPlayer("voice", "say", ("/usr/bin/say",), cannot_start)
    with pytest.raises(SoundError, match="could not start"):
        gone.play(Sound(Cue.REP, "one"))


def test_tones_are_short_wav_files_different_for_every_cue(tmp_path: Path) -> None:
    seen: set[bytes] = set()
    for cue in Cue:
        data = wav_bytes(TONES[cue])
        with wave.open(io.BytesIO(data)) as reader:
            assert (reader.getnchannels(), reader.getsampwidth()) == (1, 2)
            seconds = reader.getnframes() / reader.getframerate()
        assert 0.05 <= seconds <= 1.0, cue
        seen.add(data)
    assert len(seen) == len(Cue)
    path = tone_file(tmp_path / "sounds", Cue.REP)
    stamp = path.stat().st_mtime_ns
    assert tone_file(tmp_path / "sounds", Cue.REP) == path and path.stat().st_mtime_ns == stamp


def test_the_sound_queue_plays_in_its_own_thread_and_stops() -> None:
    import threading

    played: list[str] = []
    done = threading.Event()
    queue = SoundQueue()
    queue(lambda: played.append(threading.current_thread().name))
    queue(done.set)
    assert done.wait(5)
    queue.close()
    assert played == ["hiptui-sound"]


def test_a_sound_that_raises_does_not_stop_the_queue() -> None:
    import threading

    done = threading.Event()
    queue = SoundQueue()

    def broken() -> None:
        raise RuntimeError("the app has closed")

    queue(broken)
    queue(done.set)
    assert done.wait(5)
    queue.close()
