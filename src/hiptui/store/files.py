"""Writing files so that a crash leaves the old file or the new one, never half of either.

Both ways write the bytes to a temporary file beside the target and flush them to disk first:
:func:`atomic_write` then renames it over the target, :func:`create_new_file` links it in only
where nothing exists yet.
"""

from __future__ import annotations

import os
from pathlib import Path


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves either the old or the new file,
    never a half-written one. The new file is readable by the owner only."""
    temporary = _write_beside(path, data)
    try:
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def create_new_file(path: Path, data: bytes) -> None:
    """Write ``path`` only if it does not exist yet (``FileExistsError`` otherwise), so that a
    reader never sees half a file."""
    temporary = _write_beside(path, data)
    try:
        try:
            os.link(temporary, path)
        except FileExistsError:
            raise
        except OSError:
            # No hard links here (some shared or FAT drives): exclusive create instead.
            with path.open("xb") as handle:
                handle.write(data)
    finally:
        temporary.unlink(missing_ok=True)


def _write_beside(path: Path, data: bytes) -> Path:
    """``data`` in a new temporary file in ``path``'s folder (owner-only), on disk."""
    import tempfile  # only writers need it (with random and hashing); readers start faster

    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (best effort: not every system allows it)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
