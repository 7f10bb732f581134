"""Every key binding of the app, the key grammar and the user's ``[keymap]``: plain Python.

The TUI builds its screens' ``BINDINGS`` from :mod:`hiptui.bindings.table`, the settings
loader checks ``[keymap]`` with :mod:`hiptui.bindings.keymap`, and ``hiptui keys`` lists both
without importing Textual.
"""
