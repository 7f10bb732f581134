"""``hiptui serve``: the app in a browser, one app process per page, over textual-serve.

The server never imports Textual or :mod:`hiptui.tui`: each browser gets its own ``hiptui``
process (the same interpreter, folders and ``--exercises`` as the server), so the app a
browser shows is exactly the one the terminal runs.
"""
