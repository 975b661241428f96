"""Use cases behind `devcenter-bot kb …` and `devcenter-bot ask`: load, export, stats, ranked answers."""

from __future__ import annotations

import html
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from slackbot.domain.actors import Actor
from slackbot.domain.errors import InvalidInput, NotPermitted
from slackbot.domain.qa import EntryOrigin
from slackbot.domain.releases import ReleaseCalendar, Schedule
from slackbot.kb.answers import (
    FaqDraft,
    KbStats,
    LoadReport,
    QuestionLine,
    Ranked,
)
from slackbot.kb.files import STAFF_FILE, entry_values, load_by_file, write_files
from slackbot.kb.loader import ENTRIES_DIR, MAX_ANSWER_CHARS, MAX_TITLE_CHARS, KbError, check_entries, load_entries
from slackbot.kb.model import KbEntry, Source
from slackbot.kb.search import NO_ANSWER_THRESHOLD, KbIndex
from slackbot.program import Program, entry_from_row
from slackbot.services.qa import clean_question, next_release
from slackbot.services.releases_calendar import schedule
from storage.db import current_revision, head_revision, make_engine
from storage.models.qa import KbQuestion

log = logging.getLogger(__name__)


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


def check_folder(directory: Path | None, today: date) -> int:
    """Validate entry files (default: the shipped ones); the entry count, or InvalidInput listing problems."""
    try:
        entries = load_entries(directory)
    except KbError as error:
        raise InvalidInput({"file": str(error)}) from None
    if problems := check_entries(entries, today=today):
        raise InvalidInput({str(n): problem for n, problem in enumerate(problems, 1)})
    return len(entries)


def load_folder(program: Program, directory: Path | None, *, prune: bool = False) -> LoadReport:
    """`kb load`: every *.yaml file of the folder (default: the shipped one) into the database."""
    try:
        pairs = load_by_file(directory)
    except KbError as error:
        raise InvalidInput({"file": str(error)}) from None
    return load_files(program, pairs, prune=prune)


def load_files(program: Program, pairs: list[tuple[str, KbEntry]], *, prune: bool = False) -> LoadReport:
    """Upsert (file, entry) pairs as file entries; safe to repeat; refuses content that fails `kb check`."""
    problems = check_entries(entry for _, entry in pairs)
    if problems:
        raise InvalidInput({str(n): problem for n, problem in enumerate(problems, 1)})
    counts: Counter[str] = Counter()
    positions: Counter[str] = Counter()
    now = program.now()
    with program.uow() as uow:
        for file, entry in pairs:
            values, origin = entry_values(entry), EntryOrigin.FILE
            counts[uow.kb.upsert(values, origin=origin, file=file, position=positions[file], now=now)] += 1
            positions[file] += 1
        keep = {entry.id for _, entry in pairs}
        stale = tuple(row.id for row in uow.kb.entries() if row.origin is EntryOrigin.FILE and row.id not in keep)
        pruned = tuple(uow.kb.delete_file_entries_except(keep)) if prune else ()
        if counts["created"] or counts["updated"] or pruned:
            uow.kb.bump_version()
        uow.commit()
    return LoadReport(counts["created"], counts["updated"], counts["unchanged"], pruned, () if prune else stale)


def export_files(program: Program, folder: Path | None = None) -> dict[str, int]:
    """Write every database entry (file and staff ones) to YAML files in `folder` (default: shipped); per file."""
    files: dict[str, list[tuple[tuple[bool, int, datetime, str], KbEntry]]] = defaultdict(list)
    with program.uow() as uow:
        for row in uow.kb.entries():
            order = (row.position is None, row.position or 0, row.created_at, row.id)
            files[row.file or STAFF_FILE].append((order, entry_from_row(row)))
    ordered = {name: [entry for _, entry in sorted(items, key=lambda item: item[0])] for name, items in files.items()}
    write_files(folder or ENTRIES_DIR, ordered)
    return {name: len(entries) for name, entries in sorted(ordered.items())}


def stats(program: Program, limit: int = 20) -> KbStats:
    """Entries by origin, question totals, open escalations, recent unanswered and not-helpful questions."""
    with program.uow() as uow:
        return KbStats(
            entries=uow.kb.count_by_origin(),
            totals=uow.kb.question_counts(),
            open_escalations=uow.kb.open_escalations(),
            unanswered=tuple(_line(q) for q in uow.kb.unanswered(limit)),
            not_helpful=tuple(_line(q) for q in uow.kb.not_helpful(limit)),
        )


def shipped_index() -> KbIndex:
    """The index of the shipped entry files (for a fresh clone without a database)."""
    return KbIndex(load_entries())


def rank(program: Program | None, question: str, *, limit: int, now: datetime, timezone: str) -> list[Ranked]:
    """Answers at or above the no-answer threshold, best first: the database's entries and release schedule when
    there is a migrated database (`program`), else the shipped files and the plain Wednesday calendar."""
    if program is None:
        index, releases = (
            shipped_index(),
            Schedule(ReleaseCalendar(timezone), now.astimezone(ZoneInfo(timezone)).date()),
        )
    else:
        index = program.kb_index.index(program.uow)
        with program.uow() as uow:
            releases = schedule(uow, program.timezone, now)
    hits = index.search(clean_question(question), limit=limit)
    return [
        Ranked(hit.entry, hit.score, next_release(hit.entry, releases, now))
        for hit in hits
        if hit.score >= NO_ANSWER_THRESHOLD
    ]


def _line(question: KbQuestion) -> QuestionLine:
    return QuestionLine(question.created_at, question.asker, question.question, question.best_entry_id, question.score)


STAFF_SOURCE = "Developer Center staff answer (Slack)"


NOT_STAFF = "Only Developer Center staff can save answers to the knowledge base."


_ENTRY_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def faq_draft(
    program: Program, actor: Actor, *, channel: str, message_ts: str, thread_ts: str | None, text: str,
    author: str | None,
) -> FaqDraft:  # fmt: skip
    """Save as FAQ (staff only): the message as the answer, the thread's question as the question."""
    _require_staff(actor, "open Save as FAQ", channel)
    question = ""
    if thread_ts and thread_ts != message_ts:
        with program.uow() as uow:
            escalation = uow.kb.escalation_by_staff_thread(channel, thread_ts)
            asked = None if escalation else uow.kb.question_in_thread(channel, thread_ts)
            question = escalation.question if escalation else (asked.question if asked else "")
            uow.commit()
    title = (question or _first_line(text))[:MAX_TITLE_CHARS]
    return FaqDraft(
        entry_id=slugify(title),
        title=title,
        question=question,
        answer=html.unescape(text).strip(),
        source_document=STAFF_SOURCE,
        source_section=f"Slack message {channel}/{message_ts} by {author or actor.user_id}, {program.now():%Y-%m-%d}",
        channel=channel,
        message_ts=message_ts,
    )


def save_faq(program: Program, actor: Actor, fields: dict[str, str | None], *, section: str) -> KbEntry:
    """Create a staff-origin entry from the Save as FAQ form; InvalidInput names each bad field."""
    _require_staff(actor, "save an FAQ", section)
    now = program.now()
    entry = _entry_from_form(fields, section, now.astimezone(ZoneInfo(program.timezone)).date())
    taken = InvalidInput({"id": f"An entry with id `{entry.id}` already exists; choose another id."})
    if entry.id in {e.id for e in program.kb_index.index(program.uow).entries}:
        raise taken
    with program.uow() as uow:
        if not uow.kb.add(
            entry_values(entry), origin=EntryOrigin.STAFF, file=STAFF_FILE, created_by=actor.user_id, now=now
        ):
            raise taken
        uow.kb.bump_version()
        uow.commit()
    log.info("staff %s saved knowledge-base entry %s", actor.user_id, entry.id)
    return entry


def slugify(text: str, limit: int = 60) -> str:
    """A kebab-case entry id from a title."""
    return _NOT_SLUG.sub("-", text.casefold()).strip("-")[:limit].strip("-")


def _entry_from_form(fields: dict[str, str | None], section: str, today: Any) -> KbEntry:
    value = {name: (text or "").strip() for name, text in fields.items()}
    questions = tuple(q.strip() for q in value.get("questions", "").splitlines() if q.strip())
    errors = {}
    if not value.get("id"):
        errors["id"] = "Give the entry an id, like `replay-support`."
    elif len(value["id"]) > 80 or not _ENTRY_ID.match(value["id"]):
        errors["id"] = "Use lowercase letters, digits and single hyphens (at most 80 characters)."
    if not value.get("title"):
        errors["title"] = "Give the entry a title."
    elif len(value["title"]) > MAX_TITLE_CHARS:
        errors["title"] = f"Keep the title within {MAX_TITLE_CHARS} characters."
    if not questions:
        errors["questions"] = "Add at least one question, one per line."
    if not value.get("answer"):
        errors["answer"] = "The answer is empty."
    elif len(value["answer"]) > MAX_ANSWER_CHARS:
        errors["answer"] = (
            f"The answer has {len(value['answer'])} characters; Slack shows at most "
            f"{MAX_ANSWER_CHARS} here. Shorten it."
        )
    if errors:
        raise InvalidInput(errors)
    tags = tuple(_tags(value.get("tags", ""))) or ("staff-answer",)
    source = Source(value.get("source") or STAFF_SOURCE, section)
    return KbEntry(value["id"], value["title"], questions, value["answer"], (source,), today, tags)


def _tags(text: str) -> Iterable[str]:
    return dict.fromkeys(slugify(t, 40) for t in re.split(r"[,\s]+", text) if slugify(t, 40))


def _first_line(text: str) -> str:
    return html.unescape(text).strip().splitlines()[0] if text.strip() else ""


def _require_staff(actor: Actor, what: str, where: str) -> None:
    if not actor.is_staff:
        log.warning("refused: %s (not staff) tried to %s (%s)", actor.user_id, what, where)
        raise NotPermitted(NOT_STAFF)
