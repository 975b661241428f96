"""Typed, immutable records for knowledge-base entries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Source:
    """Where a fact comes from: a document, the section read and an optional public URL."""

    document: str
    section: str
    url: str | None = None


@dataclass(frozen=True)
class KbEntry:
    """One curated answer with the phrasings it should match and the sources behind it."""

    id: str
    title: str
    questions: tuple[str, ...]
    answer: str
    sources: tuple[Source, ...]
    as_of: date
    tags: tuple[str, ...] = ()
