"""Load knowledge-base entries from YAML files and check them against the content rules."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from slackbot.kb.model import INTERNAL_DOCUMENT, PUBLIC_URL, KbEntry, Source

ENTRIES_DIR = Path(__file__).with_name("entries")

# Slack rejects section text over 3,000 characters; keep headroom for a source footer.
# https://api.slack.com/reference/block-kit/blocks#section
MAX_ANSWER_CHARS = 2_900
MAX_TITLE_CHARS = 150
EARLIEST_AS_OF = date(2015, 1, 1)
REQUIRED_FIELDS = ("id", "title", "questions", "answer", "sources", "as_of", "tags")
_ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class KbError(ValueError):
    """A knowledge-base file cannot be read as entries; the message names the file."""


def load_entries(directory: Path | None = None) -> list[KbEntry]:
    """Read every *.yaml file in `directory` (default: the packaged entries) in name order."""
    folder = ENTRIES_DIR if directory is None else Path(directory)
    if not folder.is_dir():
        raise KbError(f"{folder}: knowledge-base folder not found")
    entries: list[KbEntry] = []
    for path in sorted(folder.glob("*.yaml")):
        entries.extend(_load_file(path))
    return entries


def _load_file(path: Path) -> list[KbEntry]:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise KbError(f"{path.name}: malformed YAML: {exc}") from exc
    if document is None:
        return []
    if not isinstance(document, list):
        raise KbError(f"{path.name}: expected a list of entries at the top level")
    return [_parse_entry(raw, f"{path.name} entry #{n}") for n, raw in enumerate(document, 1)]


def _parse_entry(raw: Any, where: str) -> KbEntry:
    if not isinstance(raw, Mapping):
        raise KbError(f"{where}: expected a mapping with fields {', '.join(REQUIRED_FIELDS)}")
    if isinstance(raw.get("id"), str):
        where = f"{where} ({raw['id']})"
    missing = [name for name in REQUIRED_FIELDS if name not in raw]
    if missing:
        raise KbError(f"{where}: missing field(s): {', '.join(missing)}")
    unknown = sorted(set(raw) - set(REQUIRED_FIELDS))
    if unknown:
        raise KbError(f"{where}: unknown field(s): {', '.join(map(str, unknown))}")
    return KbEntry(
        id=_text(raw["id"], where, "id"),
        title=_text(raw["title"], where, "title"),
        questions=tuple(_text(q, where, "questions[]") for q in _items(raw["questions"], where, "questions")),
        answer=_text(raw["answer"], where, "answer"),
        sources=tuple(_source(s, where) for s in _items(raw["sources"], where, "sources")),
        as_of=_as_of(raw["as_of"], where),
        tags=tuple(_text(t, where, "tags[]") for t in _items(raw["tags"], where, "tags")),
    )


def _text(value: Any, where: str, name: str) -> str:
    if not isinstance(value, str):
        raise KbError(f"{where}: {name} must be text, got {type(value).__name__}")
    return value.strip()


def _items(value: Any, where: str, name: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise KbError(f"{where}: {name} must be a list, got {type(value).__name__}")
    return value


def _source(value: Any, where: str) -> Source:
    if not isinstance(value, Mapping) or "document" not in value or "section" not in value:
        raise KbError(f"{where}: each source needs `document` and `section`")
    url = value.get("url")
    if url is not None and not isinstance(url, str):
        raise KbError(f"{where}: source url must be text")
    return Source(
        document=_text(value["document"], where, "source document"),
        section=_text(value["section"], where, "source section"),
        url=(url or "").strip() or None,
    )


def _as_of(value: Any, where: str) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise KbError(f"{where}: as_of must be a date written YYYY-MM-DD, got {value!r}")


def check_entries(
    entries: Iterable[KbEntry], *, today: date | None = None, public_sources: bool | None = None
) -> list[str]:
    """List human-readable content problems.

    `today`, when given, also rejects future as_of dates. `public_sources` rejects sources partners cannot
    open: no https `url`, or a document naming an internal "seed". It defaults to on exactly when `today`
    is given, i.e. for the `kb check` gate; `kb load` (which passes no date) still imports such entries.
    """
    entries = list(entries)
    strict = today is not None if public_sources is None else public_sources
    problems: list[str] = []
    counts = Counter(entry.id for entry in entries)
    problems += [f"duplicate id {entry_id!r} ({n} entries)" for entry_id, n in sorted(counts.items()) if n > 1]
    for entry in entries:
        found = _entry_problems(entry, today) + (source_problems(entry) if strict else [])
        problems += [f"{entry.id or '<no id>'}: {problem}" for problem in found]
    return problems


def source_problems(entry: KbEntry) -> list[str]:
    """Sources a partner could not follow: an internal document name, or no public https URL."""
    problems: list[str] = []
    for source in entry.sources:
        if INTERNAL_DOCUMENT.search(source.document):
            problems.append(f"source {source.document!r} names an internal seed document; cite the public page")
        if not source.url:
            problems.append(f"source {source.document!r} has no url; partners need a public link")
        elif not PUBLIC_URL.match(source.url.strip()):
            problems.append(f"source {source.document!r} url {source.url!r} is not a public https:// link")
    return problems


def _entry_problems(entry: KbEntry, today: date | None) -> list[str]:
    problems: list[str] = []
    if not _ID_PATTERN.match(entry.id):
        problems.append("id must be kebab-case (a-z, 0-9, single hyphens)")
    if not entry.title.strip():
        problems.append("title is empty")
    elif len(entry.title) > MAX_TITLE_CHARS:
        problems.append(f"title has {len(entry.title)} characters (max {MAX_TITLE_CHARS})")
    if not entry.questions:
        problems.append("no questions")
    elif any(not q.strip() for q in entry.questions):
        problems.append("empty question text")
    if not entry.answer.strip():
        problems.append("answer is empty")
    elif len(entry.answer) > MAX_ANSWER_CHARS:
        problems.append(f"answer has {len(entry.answer)} characters (max {MAX_ANSWER_CHARS})")
    if not entry.sources:
        problems.append("no sources")
    elif any(not s.document.strip() or not s.section.strip() for s in entry.sources):
        problems.append("a source lacks its document or section")
    problems += _as_of_problems(entry.as_of, today)
    return problems


def _as_of_problems(as_of: object, today: date | None) -> list[str]:
    if not isinstance(as_of, date) or isinstance(as_of, datetime):
        return [f"as_of must be a date, got {as_of!r}"]
    if as_of < EARLIEST_AS_OF:
        return [f"as_of {as_of.isoformat()} is before {EARLIEST_AS_OF.isoformat()}"]
    if today is not None and as_of > today:
        return [f"as_of {as_of.isoformat()} is in the future"]
    return []
