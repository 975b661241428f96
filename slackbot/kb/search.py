"""Deterministic in-process ranking of knowledge-base entries (BM25F with typo tolerance).

Each entry is indexed over four weighted fields (questions, title, tags, answer) plus adjacent
word pairs. A hit's score is the share of the query's information (IDF mass) that the entry
explains, each term counting with its BM25 saturation (0..1), so scores lie in 0..1. Query words
the knowledge base has never seen still count in the denominator: an off-topic question ("what's
the weather in paris") scores near zero and `best()` returns None.

Two refinements read the question's wording: a message that asks in some sentences and gives context in
others ranks on the asking sentences (the rest counts half), and question cues (`query_cues`) lift entries
tagged `requirement` for "do I need … / is … mandatory" and entries tagged `contact` for "who do I email"
among the entries that already match.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

from slackbot.kb.model import KbEntry
from slackbot.kb.text import ALIASES, CONTACT_TAG, REQUIREMENT_TAG, STOP_WORDS, query_cues, stem, tokenize

__all__ = [
    "ALIASES",
    "CONTACT_TAG",
    "NO_ANSWER_THRESHOLD",
    "REQUIREMENT_TAG",
    "STOP_WORDS",
    "Hit",
    "KbIndex",
    "query_cues",
    "search",
    "stem",
    "tokenize",
]

NO_ANSWER_THRESHOLD = 0.27
FIELD_WEIGHTS = {"questions": 3.0, "title": 2.0, "tags": 1.5, "answer": 1.0}
K1 = 1.2
B = 0.75
FUZZY_FACTOR = 0.8  # a typo-corrected term counts a little less than an exact one
OOV_WEIGHT = 0.9  # how much an unknown query word dilutes the score
MAX_POSTINGS = 128  # per term, best contributions only: bounds query time on big corpora
MAX_QUERY_TERMS = 48
MIN_FUZZY_LEN = 4
BIGRAM_WEIGHT = 0.3  # adjacent word pairs found in an entry add evidence
MASS_CAP_TERMS = 4.0  # a long ramble need only be explained as far as ~4 rare words
CONTEXT_WEIGHT = 0.5  # in a message that asks its question in some sentences only, the others count half
CUE_BOOST = 1.4  # an entry tagged for the question's cue (requirement, contact) scores this much more


@dataclass(frozen=True)
class Hit:
    """A ranked entry and its normalised score (0..1, higher is better)."""

    entry: KbEntry
    score: float


def _deletions(term: str) -> Iterator[str]:
    return (term[:i] + term[i + 1 :] for i in range(len(term)))


class KbIndex:
    """Inverted index over entries; build once, then query many times."""

    def __init__(self, entries: Iterable[KbEntry]) -> None:
        self._entries: tuple[KbEntry, ...] = tuple(entries)
        fields = [_fields(entry) for entry in self._entries]
        n_docs = len(self._entries)
        avg_len = {name: max(1.0, sum(len(f[name]) for f in fields) / max(1, n_docs)) for name in FIELD_WEIGHTS}
        weighted_tf: dict[str, dict[int, float]] = defaultdict(dict)
        for doc, doc_fields in enumerate(fields):
            for name, tokens in doc_fields.items():
                norm = 1 - B + B * len(tokens) / avg_len[name]
                for term in tokens:
                    row = weighted_tf[term]
                    row[doc] = row.get(doc, 0.0) + FIELD_WEIGHTS[name] / norm
        self._idf: dict[str, float] = {}
        self._postings: dict[str, tuple[tuple[int, float], ...]] = {}
        for term, row in weighted_tf.items():
            idf = _idf(n_docs, len(row))
            evidence = {doc: tf / (K1 + tf) for doc, tf in row.items()}
            ranked = sorted(evidence.items(), key=lambda item: (-item[1], item[0]))
            self._idf[term] = idf
            self._postings[term] = tuple((doc, idf * e) for doc, e in ranked[:MAX_POSTINGS])
        self._oov_idf = _idf(n_docs, 0)
        self._cue_docs = {
            tag: frozenset(doc for doc, entry in enumerate(self._entries) if tag in entry.tags)
            for tag in (REQUIREMENT_TAG, CONTACT_TAG)
        }
        self._by_deletion: dict[str, list[str]] = defaultdict(list)
        for term in sorted(self._postings):
            if len(term) >= MIN_FUZZY_LEN and " " not in term:
                for variant in {term, *_deletions(term)}:
                    self._by_deletion[variant].append(term)

    @property
    def entries(self) -> tuple[KbEntry, ...]:
        """The indexed entries, in the order given."""
        return self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def search(self, query: str, limit: int = 3) -> list[Hit]:
        """Best entries for `query`, highest score first, ties broken by entry id."""
        if limit <= 0:
            return []
        resolved: dict[str, tuple[str | None, float]] = {}
        weights: dict[str, float] = {}
        sequence: list[tuple[str | None, float]] = []
        for term, weight in _weighted_terms(query)[:MAX_QUERY_TERMS]:
            if term not in resolved:
                resolved[term] = self._resolve(term)
            weights[term] = max(weight, weights.get(term, 0.0))
            sequence.append((resolved[term][0], weight))
        scores: dict[int, float] = defaultdict(float)
        mass = 0.0
        for term in sorted(resolved):
            matched, factor = resolved[term]
            if matched is None:
                mass += weights[term] * OOV_WEIGHT * self._oov_idf
            else:
                mass += weights[term] * self._idf[matched]
                self._accumulate(scores, matched, weights[term] * factor)
        # Matching word pairs only add evidence; an unmatched pair costs nothing.
        pairs: dict[str, float] = {}
        for (first, w1), (second, w2) in pairwise(sequence):
            if first and second:
                pair = _pair(first, second)
                pairs[pair] = max(min(w1, w2), pairs.get(pair, 0.0))
        for pair in sorted(pairs):
            if pair in self._postings:
                mass += pairs[pair] * BIGRAM_WEIGHT * self._idf[pair]
                self._accumulate(scores, pair, pairs[pair] * BIGRAM_WEIGHT)
        if mass <= 0.0:
            return []
        for cue in sorted(query_cues(query)):
            for doc in self._cue_docs[cue].intersection(scores):
                scores[doc] *= CUE_BOOST
        mass = min(mass, MASS_CAP_TERMS * self._oov_idf)
        entries = self._entries
        ranked = heapq.nsmallest(limit, scores.items(), key=lambda kv: (-kv[1], entries[kv[0]].id))
        return [Hit(entries[doc], min(1.0, total / mass)) for doc, total in ranked if total > 0]

    def _accumulate(self, scores: dict[int, float], term: str, factor: float) -> None:
        for doc, contribution in self._postings[term]:
            scores[doc] += factor * contribution

    def best(self, query: str) -> Hit | None:
        """The top hit when it clears NO_ANSWER_THRESHOLD, otherwise None (escalate to staff)."""
        hits = self.search(query, limit=1)
        return hits[0] if hits and hits[0].score >= NO_ANSWER_THRESHOLD else None

    def _resolve(self, term: str) -> tuple[str | None, float]:
        """Map a query term onto the vocabulary: exact, else edit distance 1, else unknown."""
        if term in self._postings:
            return term, 1.0
        if len(term) < MIN_FUZZY_LEN:
            return None, 0.0
        candidates: set[str] = set()
        for variant in {term, *_deletions(term)}:
            candidates.update(c for c in self._by_deletion.get(variant, ()) if c[0] == term[0])
        if not candidates:
            return None, 0.0
        # Prefer the most common spelling: a typo is likelier to aim at a frequent word.
        choice = min(candidates, key=lambda c: (-len(self._postings[c]), c))
        return choice, FUZZY_FACTOR


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n+")


def _weighted_terms(query: str) -> list[tuple[str, float]]:
    """Query terms with their weight: when some sentences of a message end in "?" and others don't, the
    question sentences carry the topic and the rest ("we finished the code and opened a PR…") is context."""
    sentences = [s for s in _SENTENCE_BREAK.split(query) if s.strip()]
    asks = [s.rstrip().endswith("?") for s in sentences]
    if len(sentences) < 2 or all(asks) or not any(asks):
        return [(term, 1.0) for term in tokenize(query)]
    return [
        (term, 1.0 if ask else CONTEXT_WEIGHT) for s, ask in zip(sentences, asks, strict=True) for term in tokenize(s)
    ]


def _idf(n_docs: int, doc_freq: int) -> float:
    return math.log(1 + (n_docs - doc_freq + 0.5) / (doc_freq + 0.5))


def _pair(first: str, second: str) -> str:
    return f"{first} {second}"


def _with_pairs(texts: Iterable[str]) -> list[str]:
    tokens: list[str] = []
    for text in texts:
        words = tokenize(text)
        tokens += words + [_pair(a, b) for a, b in pairwise(words)]
    return tokens


def _fields(entry: KbEntry) -> dict[str, list[str]]:
    return {
        "questions": _with_pairs(entry.questions),
        "title": _with_pairs([entry.title]),
        "tags": _with_pairs(tag.replace("-", " ") for tag in entry.tags),
        "answer": _with_pairs(entry.answer.splitlines()),
    }


def search(entries: Sequence[KbEntry], query: str, limit: int = 3) -> list[Hit]:
    """One-off convenience: build an index over `entries` and search it."""
    return KbIndex(entries).search(query, limit)
