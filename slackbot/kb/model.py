"""Typed, immutable records for knowledge-base entries."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# Partners see every source: it must be a public page, never an internal working document ("seed: …").
INTERNAL_DOCUMENT = re.compile(r"\bseeds?\b", re.IGNORECASE)
PUBLIC_URL = re.compile(r"^https://[a-z0-9.-]+\.[a-z]{2,}(?:[/?#]\S*)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Source:
    """Where a fact comes from: a document, the section read and an optional public URL."""

    document: str
    section: str
    url: str | None = None

    @property
    def public(self) -> bool:
        """A partner can follow it: a public https link, and no internal document name."""
        return bool(self.url and PUBLIC_URL.match(self.url.strip())) and not INTERNAL_DOCUMENT.search(self.document)


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
