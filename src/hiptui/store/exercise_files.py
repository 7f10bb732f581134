"""Writing exercise TOML files into a folder the user owns, without clobbering their edits.

An import remembers what it wrote in a manifest, ``.hiptui-import.json`` in the same folder:
for each file, the SHA-256 of the bytes written and the record it came from. On the next
import a file is

- *unchanged* when it already holds exactly the new text;
- *updated* when it still holds what the last import wrote (the hash matches) but the new
  text differs;
- *skipped* when it differs from what the last import wrote (edited by hand), or when the
  import never wrote it (the user's own file with the same name);
- *imported* when it is missing (also when the user deleted an imported file).

A record whose id changed since the last import (say, a new bundled exercise took its old id)
moves: the old file is removed if it is untouched. Every file is written atomically.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hiptui.content.files import NotRegularFile, open_regular, read_json
from hiptui.content.models import Problem
from hiptui.store.errors import StoreError
from hiptui.store.files import atomic_write

MANIFEST_NAME = ".hiptui-import.json"
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
MANIFEST_FORMAT = 1
EDITED = "edited by hand since the last import; left as it is"
NOT_OURS = "was not written by hiptui import; left as it is"


@dataclass(frozen=True, slots=True)
class PlannedFile:
    name: str  # file name inside the folder, like "spider-curl.toml"
    text: str
    source: str  # the record it came from, like "free-exercise-db:Spider_Curl"


@dataclass
class WriteReport:
    imported: list[Path] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    sha256: str
    source: str


def exercise_toml(data: dict[str, Any], header: Sequence[str] = ()) -> str:
    """``data`` as TOML (tomli-w), after ``header`` written as ``#`` comment lines."""
    import tomli_w

    comments = "".join(f"# {line}\n" if line else "#\n" for line in header)
    body: str = tomli_w.dumps(data)
    return comments + body


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_manifest(folder: Path) -> dict[str, ManifestEntry]:
    """The manifest's entries; an unreadable or damaged manifest counts as empty."""
    path = folder / MANIFEST_NAME
    document = read_json(
        path, str(path), kind="a manifest", limit=MAX_MANIFEST_BYTES, too_large="too large"
    )
    try:
        if isinstance(document, Problem):
            return {}
        files = document["files"]  # type: ignore[index]
        return {
            str(name): ManifestEntry(str(entry["sha256"]), str(entry["source"]))
            for name, entry in files.items()
            if "/" not in name and "\\" not in name
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def write_manifest(folder: Path, entries: dict[str, ManifestEntry]) -> None:
    document = {
        "format": MANIFEST_FORMAT,
        "note": "Written by `hiptui import`: what it wrote per file, to spot hand edits.",
        "files": {
            name: {"sha256": entry.sha256, "source": entry.source}
            for name, entry in sorted(entries.items())
        },
    }
    text = json.dumps(document, indent=1, ensure_ascii=False) + "\n"
    atomic_write(folder / MANIFEST_NAME, text.encode("utf-8"))


def _read_bytes(path: Path) -> bytes | None:
    """What ``path`` holds, ``None`` when there is nothing there. Raises ``NotRegularFile``
    for a named pipe, device or folder (never opened, never replaced) and ``OSError``."""
    try:
        descriptor = open_regular(path)
    except FileNotFoundError:
        return None
    with os.fdopen(descriptor, "rb") as handle:
        return handle.read()


def prepare_folder(folder: Path) -> None:
    """Create ``folder`` if needed; raises :class:`StoreError` when that cannot be done."""
    if folder.exists() and not folder.is_dir():
        raise StoreError(str(folder), "is not a folder")
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(str(folder), f"cannot create it: {error.strerror or error}") from error


def write_planned(folder: Path, planned: Sequence[PlannedFile]) -> WriteReport:
    """Write each planned file into ``folder`` by the rules above; see :class:`WriteReport`.

    Raises :class:`StoreError` when the folder cannot be created; a file that cannot be
    written is reported in ``errors`` and the others still go through.
    """
    names = {item.name for item in planned}
    if len(names) < len(planned) or len({item.source for item in planned}) < len(planned):
        raise ValueError("planned files must have distinct names and sources")
    prepare_folder(folder)
    manifest = read_manifest(folder)
    before = dict(manifest)
    by_source = {entry.source: name for name, entry in manifest.items()}
    report = WriteReport()
    for item in planned:
        path = folder / item.name
        data = item.text.encode("utf-8")
        try:
            _move_if_renamed(folder, item, by_source, manifest, report, names)
            current = _read_bytes(path)
            entry = manifest.get(item.name)
            if current == data:
                report.unchanged.append(path)
            elif current is None:
                atomic_write(path, data)
                report.imported.append(path)
            elif entry is None:
                report.skipped.append((path, NOT_OURS))
                continue
            elif sha256(current) != entry.sha256:
                report.skipped.append((path, EDITED))
                continue
            else:
                atomic_write(path, data)
                report.updated.append(path)
        except NotRegularFile as error:
            report.skipped.append((path, f"is {error.kind}, not a file; left as it is"))
            continue
        except OSError as error:
            why = f"not written: {error.strerror or error}"
            report.errors.append(Problem(str(path), None, why))
            continue
        manifest[item.name] = ManifestEntry(sha256(data), item.source)
        by_source[item.source] = item.name
    if manifest != before:
        try:
            write_manifest(folder, manifest)
        except OSError as error:
            where = str(folder / MANIFEST_NAME)
            report.errors.append(Problem(where, None, f"not written: {error.strerror or error}"))
    return report


def _move_if_renamed(
    folder: Path,
    item: PlannedFile,
    by_source: dict[str, str],
    manifest: dict[str, ManifestEntry],
    report: WriteReport,
    planned: set[str],
) -> None:
    """If an earlier import wrote this record under another name, remove that file when it
    is untouched (the record now lives in ``item.name``); keep it when it was edited, and
    when another record of this import is written under that name."""
    old_name = by_source.get(item.source)
    if old_name is None or old_name == item.name:
        return
    if old_name in planned:
        del by_source[item.source]  # that file now belongs to another record
        return
    old_path = folder / old_name
    current = _read_bytes(old_path)
    entry = manifest[old_name]
    if current is not None and sha256(current) != entry.sha256:
        report.skipped.append(
            (old_path, f"edited by hand; this record is now imported as {item.name}")
        )
    elif current is not None:
        old_path.unlink()
        report.removed.append(old_path)
    del manifest[old_name]
    del by_source[item.source]
