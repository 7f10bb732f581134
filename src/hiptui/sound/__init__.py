"""Hands-free cues for the session runner: the terminal bell, generated tones or a voice.

No Textual here: :mod:`hiptui.sound.tones` writes the tones with the standard library's
``wave`` module, :mod:`hiptui.sound.players` finds a program to play them (or to speak),
and :mod:`hiptui.sound.announcer` decides what to play for the runner's events, off the UI
thread, falling back a level when a player is missing or fails.
"""
