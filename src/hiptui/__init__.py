"""hiptui: a keyboard-driven terminal coach for hip-extension strength."""

__version__ = "0.1.0"
