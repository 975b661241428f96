"""Entries as files and as plain values: read per file, write back in the reviewed YAML format."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from slackbot.kb.loader import ENTRIES_DIR, KbError, _load_file
from slackbot.kb.model import KbEntry, Source

STAFF_FILE = "staff.yaml"  # where entries saved from Slack are exported


def load_by_file(directory: Path | None = None) -> list[tuple[str, KbEntry]]:
    """(file name, entry) for every entry in the folder's *.yaml files, in file then document order."""
    folder = ENTRIES_DIR if directory is None else Path(directory)
    if not folder.is_dir():
        raise KbError(f"{folder}: knowledge-base folder not found")
    return [(path.name, entry) for path in sorted(folder.glob("*.yaml")) for entry in _load_file(path)]


def entry_values(entry: KbEntry) -> dict[str, Any]:
    """An entry as JSON-friendly values (the database columns)."""
    return {
        "id": entry.id,
        "title": entry.title,
        "questions": list(entry.questions),
        "answer": entry.answer,
        "sources": [_source_values(s) for s in entry.sources],
        "as_of": entry.as_of,
        "tags": list(entry.tags),
    }


def _source_values(source: Source) -> dict[str, str]:
    values = {"document": source.document, "section": source.section}
    return values | ({"url": source.url} if source.url else {})


def entry_from_values(values: Mapping[str, Any]) -> KbEntry:
    """The inverse of entry_values."""
    return KbEntry(
        id=values["id"],
        title=values["title"],
        questions=tuple(values["questions"]),
        answer=values["answer"],
        sources=tuple(Source(s["document"], s["section"], s.get("url")) for s in values["sources"]),
        as_of=values["as_of"] if isinstance(values["as_of"], date) else date.fromisoformat(values["as_of"]),
        tags=tuple(values["tags"]),
    )


class _Flow(list[str]):
    """A list written inline: tags: [deploys, release]."""


class _Dumper(yaml.SafeDumper):
    """Block scalars for multi-line answers, indented lists, inline tags: the shape of the shipped files."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _flow(dumper: yaml.SafeDumper, value: _Flow) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", list(value), flow_style=True)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(_Flow, _flow)


def dump_entries(entries: Iterable[KbEntry]) -> str:
    """YAML text of a list of entries, readable by load_entries()."""
    documents = []
    for entry in entries:
        values = entry_values(entry)
        values["answer"] = entry.answer.rstrip("\n") + "\n" if "\n" in entry.answer else entry.answer
        values["tags"] = _Flow(entry.tags)
        documents.append(values)
    text: str = yaml.dump(documents, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=4096)
    return text.replace("\n- id:", "\n\n- id:")


def write_files(folder: Path, files: Mapping[str, Iterable[KbEntry]]) -> list[Path]:
    """Write each file's entries into `folder` (created if needed); the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, entries in sorted(files.items()):
        path = folder / name
        path.write_text(dump_entries(entries), encoding="utf-8")
        written.append(path)
    return written
