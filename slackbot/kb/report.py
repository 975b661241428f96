"""Plain-text and JSON shapes of Q&A results for the command line (`devcenter-bot ask`, `kb …`)."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from slackbot.kb.answers import KbStats, NextRelease, QuestionLine, Ranked
from slackbot.kb.model import Source

NO_ANSWER = (
    "I don't know: nothing in the knowledge base answers that well enough. "
    "Ask the Developer Center team (partner-support@segment.com)."
)


def source_json(source: Source) -> dict[str, str]:
    """A source as JSON (url only when there is one)."""
    return {"document": source.document, "section": source.section} | ({"url": source.url} if source.url else {})


def release_json(release: NextRelease) -> dict[str, str]:
    """The live window in the `deploys next --json` shape."""
    return {"release": release.release.isoformat(), "cutoff": release.cutoff.isoformat(), "timezone": release.timezone}


def ranked_json(answers: list[Ranked]) -> dict[str, Any]:
    """{"answers": [{"id", "title", "answer", "sources", "score"}, …]} best first (+ next_release for deploys)."""
    items = []
    for ranked in answers:
        entry = ranked.entry
        item: dict[str, Any] = {
            "id": entry.id,
            "title": entry.title,
            "answer": entry.answer,
            "sources": [source_json(s) for s in entry.sources],
            "score": round(ranked.score, 4),
        }
        if ranked.next_release is not None:
            item["next_release"] = release_json(ranked.next_release)
        items.append(item)
    return {"answers": items}


def release_text(release: NextRelease) -> str:
    """'Next release: Wednesday 2026-11-25; merge by Tue 2026-11-24 17:00 PST'."""
    cutoff = release.cutoff.astimezone(ZoneInfo(release.timezone))
    return f"Next release: {release.release:%A %Y-%m-%d}; merge by {cutoff:%a %Y-%m-%d %H:%M %Z}"


def ranked_text(answers: list[Ranked]) -> str:
    """Numbered answers with their sources and as-of dates, or the plain "I don't know"."""
    if not answers:
        return NO_ANSWER
    blocks = []
    for rank, ranked in enumerate(answers, 1):
        entry = ranked.entry
        lines = [f"{rank}. {entry.title}  [{entry.id}, score {ranked.score:.2f}]", "", entry.answer]
        if ranked.next_release is not None:
            lines += ["", release_text(ranked.next_release)]
        lines += [""] + [
            f"  source: {s.document} — {s.section}" + (f" <{s.url}>" if s.url else "") for s in entry.sources
        ]
        lines.append(f"  as of {entry.as_of.isoformat()}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _question_line(line: QuestionLine) -> str:
    guess = f" (closest: {line.best_entry_id}, {line.score:.2f})" if line.best_entry_id else ""
    return f"  {line.asked_at:%Y-%m-%d %H:%M} {line.asker}: {line.question}{guess}"


def stats_text(stats: KbStats) -> str:
    """`kb stats`: entries, totals, then the unanswered and not-helpful questions staff should look at."""
    totals = stats.totals
    lines = [
        f"entries: {sum(stats.entries.values())} "
        f"({', '.join(f'{n} {origin}' for origin, n in sorted(stats.entries.items())) or 'none loaded'})",
        f"questions: {totals['asked']} asked, {totals['answered']} answered, {totals['helpful']} helpful, "
        f"{totals['not_helpful']} not helpful, {totals['escalated']} escalated "
        f"({stats.open_escalations} waiting for staff)",
        "",
        f"unanswered ({len(stats.unanswered)} most recent):",
    ]
    lines += [_question_line(q) for q in stats.unanswered] or ["  none"]
    lines += ["", f"not helpful ({len(stats.not_helpful)} most recent):"]
    lines += [_question_line(q) for q in stats.not_helpful] or ["  none"]
    return "\n".join(lines)
