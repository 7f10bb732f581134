"""The hip-extension guide: titled sections of prose that link to exercises."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hiptui.content.loader import KEBAB
from hiptui.content.models import Problem
from hiptui.content.toml_fields import TomlFieldReader
from hiptui.content.toml_source import read_toml

GUIDE_FILE = Path("guide") / "hip-extension.toml"


@dataclass(frozen=True, slots=True)
class GuideSection:
    id: str
    title: str
    body: str
    exercises: tuple[str, ...]
    source: str

    @property
    def paragraphs(self) -> list[str]:
        return [" ".join(p.split()) for p in self.body.split("\n\n") if p.strip()]


@dataclass(frozen=True, slots=True)
class Guide:
    title: str
    sections: tuple[GuideSection, ...]


def load_guide(content_dir: Path) -> tuple[Guide | None, list[Problem]]:
    document = read_toml(content_dir / GUIDE_FILE)
    if isinstance(document, Problem):
        return None, [document]
    reader = TomlFieldReader(str(document.path), document.keys)
    data = document.data
    reader.known_keys(data, (), ("title", "sections"))
    title = reader.text(data, ("title",), required=True, max_length=120)
    raw_sections = data.get("sections", [])
    if not isinstance(raw_sections, list) or not all(isinstance(s, dict) for s in raw_sections):
        reader.error(("sections",), "must be an array of tables ([[sections]])")
        raw_sections = []
    sections = []
    for index, item in enumerate(raw_sections):
        path = ("sections", index)
        reader.known_keys(item, path, ("id", "title", "body", "exercises", "source"))
        section_id = reader.text(item, (*path, "id"), required=True, max_length=60)
        if section_id and not KEBAB.match(section_id):
            reader.error((*path, "id"), f"'{section_id}' is not kebab-case")
        sections.append(
            GuideSection(
                id=section_id,
                title=reader.text(item, (*path, "title"), required=True, max_length=120),
                body=reader.text(
                    item, (*path, "body"), required=True, multiline=True, max_length=20000
                ),
                exercises=reader.text_list(item, (*path, "exercises"), max_length=80),
                source=reader.text(item, (*path, "source"), max_length=200),
            )
        )
    if reader.problems:
        return None, reader.problems
    return Guide(title, tuple(sections)), []
