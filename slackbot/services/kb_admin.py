"""Use cases behind `devcenter-bot kb …` and `devcenter-bot ask`: load, export, stats, ranked answers."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime
from pathlib import Path
from typing import Any

from slackbot.domain.errors import InvalidInput
from slackbot.kb.answers import KbStats, LoadReport, QuestionLine, Ranked
from slackbot.kb.files import STAFF_FILE, entry_values, load_by_file, write_files
from slackbot.kb.loader import ENTRIES_DIR, KbError, check_entries, load_entries
from slackbot.kb.model import KbEntry
from slackbot.kb.search import NO_ANSWER_THRESHOLD, KbIndex
from slackbot.services.qa import IndexCache, clean_question, entry_from_row, next_release
from storage.db import current_revision, head_revision, make_engine, session_factory
from storage.models.qa import KbQuestion
from storage.uow import UowFactory, uow_factory


def database_ready(url: str) -> bool:
    """True when `url` names an existing database migrated to head (a fresh clone has none yet)."""
    if url.startswith("sqlite"):
        path = url.partition(":///")[2]
        if not path or path == ":memory:" or not Path(path).is_file():
            return False
    engine = make_engine(url)
    try:
        return current_revision(engine) == head_revision()
    except Exception:  # unreachable server, wrong credentials: answer from the shipped files
        return False
    finally:
        engine.dispose()


def unit_of_work(engine: Any) -> UowFactory:
    """A unit-of-work factory over an engine."""
    return uow_factory(session_factory(engine))


def check_folder(directory: Path | None, today: date) -> int:
    """Validate entry files (default: the shipped ones); the entry count, or InvalidInput listing problems."""
    try:
        entries = load_entries(directory)
    except KbError as error:
        raise InvalidInput({"file": str(error)}) from None
    if problems := check_entries(entries, today=today):
        raise InvalidInput({str(n): problem for n, problem in enumerate(problems, 1)})
    return len(entries)


def load_folder(uow_factory: UowFactory, directory: Path | None, now: datetime, *, prune: bool = False) -> LoadReport:
    """`kb load`: every *.yaml file of the folder (default: the shipped one) into the database."""
    try:
        pairs = load_by_file(directory)
    except KbError as error:
        raise InvalidInput({"file": str(error)}) from None
    return load_files(uow_factory, pairs, now, prune=prune)


def load_files(
    uow_factory: UowFactory, pairs: list[tuple[str, KbEntry]], now: datetime, *, prune: bool = False
) -> LoadReport:
    """Upsert (file, entry) pairs as file entries; safe to repeat; refuses content that fails `kb check`."""
    problems = check_entries(entry for _, entry in pairs)
    if problems:
        raise InvalidInput({str(n): problem for n, problem in enumerate(problems, 1)})
    counts: Counter[str] = Counter()
    positions: Counter[str] = Counter()
    with uow_factory() as uow:
        for file, entry in pairs:
            counts[uow.kb.upsert(entry_values(entry), origin="file", file=file, position=positions[file], now=now)] += 1
            positions[file] += 1
        keep = {entry.id for _, entry in pairs}
        stale = tuple(row.id for row in uow.kb.entries() if row.origin == "file" and row.id not in keep)
        pruned = tuple(uow.kb.delete_file_entries_except(keep)) if prune else ()
        if counts["created"] or counts["updated"] or pruned:
            uow.kb.bump_version()
        uow.commit()
    return LoadReport(counts["created"], counts["updated"], counts["unchanged"], pruned, () if prune else stale)


def export_files(uow_factory: UowFactory, folder: Path | None = None) -> dict[str, int]:
    """Write every database entry (file and staff ones) to YAML files in `folder` (default: shipped); per file."""
    files: dict[str, list[tuple[tuple[bool, int, datetime, str], KbEntry]]] = defaultdict(list)
    with uow_factory() as uow:
        for row in uow.kb.entries():
            order = (row.position is None, row.position or 0, row.created_at, row.id)
            files[row.file or STAFF_FILE].append((order, entry_from_row(row)))
    ordered = {name: [entry for _, entry in sorted(items, key=lambda item: item[0])] for name, items in files.items()}
    write_files(folder or ENTRIES_DIR, ordered)
    return {name: len(entries) for name, entries in sorted(ordered.items())}


def stats(uow_factory: UowFactory, limit: int = 20) -> KbStats:
    """Entries by origin, question totals, open escalations, recent unanswered and not-helpful questions."""
    with uow_factory() as uow:
        return KbStats(
            entries=uow.kb.count_by_origin(),
            totals=uow.kb.question_counts(),
            open_escalations=uow.kb.open_escalations(),
            unanswered=tuple(_line(q) for q in uow.kb.unanswered(limit)),
            not_helpful=tuple(_line(q) for q in uow.kb.not_helpful(limit)),
        )


def rank(uow_factory: UowFactory | None, question: str, *, limit: int, now: datetime, timezone: str) -> list[Ranked]:
    """Answers at or above the no-answer threshold, best first, from the database (if given) or the shipped files."""
    index = IndexCache().index(uow_factory) if uow_factory is not None else KbIndex(load_entries())
    hits = index.search(clean_question(question), limit=limit)
    return [
        Ranked(hit.entry, hit.score, next_release(hit.entry, now, timezone))
        for hit in hits
        if hit.score >= NO_ANSWER_THRESHOLD
    ]


def _line(question: KbQuestion) -> QuestionLine:
    return QuestionLine(question.created_at, question.asker, question.question, question.best_entry_id, question.score)
