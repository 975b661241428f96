"""Deterministic in-process ranking of knowledge-base entries (BM25F with typo tolerance).

Each entry is indexed over four weighted fields (questions, title, tags, answer) plus adjacent
word pairs. A hit's score is the share of the query's information (IDF mass) that the entry
explains, each term counting with its BM25 saturation (0..1), so scores lie in 0..1. Query words
the knowledge base has never seen still count in the denominator: an off-topic question ("what's
the weather in paris") scores near zero and `best()` returns None.
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

_STOP_WORDS_TEXT = """
a about actually after again all also am an and another any anybody anyone anything anyway are
aren as ask asking at basically be been before being but by can cannot could did didn do does
doesn doing don et etc folk folks for from get gets getting go going got gotta guy guys had has
have having he hello help her hey hi him his how hows i if im in into is isn it its ive just
kind know let like lol made make makes making me mean might mine more most much must my myself
need needs neither nope not of ok okay on once one only or other our ourselves out please pls
plz q quick really right said say says she should so some someone something sorry sort still
sure tell thank thanks that thats the their them themselves then there these they thing things
think this those thx to too trying u uh um up us very wanna want wanted wants was way we well
were what whats when where whether which while who why will with won wonder wondering would
wouldn ya yeah yes yet you your youre yours yourself
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

# Informal spellings and abbreviations, rewritten the same way in entries and queries.
ALIASES: dict[str, tuple[str, ...]] = {
    "pr": ("pull", "request"),
    "prs": ("pull", "request"),
    "repo": ("repository",),
    "repos": ("repository",),
    "doc": ("documentation",),
    "docs": ("documentation",),
    "ga": ("general", "availability"),
    "eod": ("end", "day"),
    "ts": ("typescript",),
    "nodejs": ("node",),
    "js": ("javascript",),
    "oauth2": ("oauth",),
    "signup": ("sign",),
    "login": ("log",),
    "e2e": ("end", "end"),
    "env": ("environment",),
    "dev": ("developer",),
    "devcenter": ("developer", "center"),
    "prod": ("production",),
    "msg": ("message",),
    "msgs": ("message",),
    "pst": ("pacific",),
    "pdt": ("pacific",),
    "pt": ("pacific",),
    "creds": ("credentials",),
    "remove": ("delete",),
    "removed": ("delete",),
    "removing": ("delete",),
    "ship": ("deploy",),
    "shipped": ("deploy",),
    "shipping": ("deploy",),
}

_TOKEN = re.compile(r"[0-9]+(?:\.[0-9]+)+|[a-z0-9]+")  # keeps versions like 18.17.1 whole
_CONTRACTION = re.compile(r"'(?:s|re|ve|ll|d|m|t)\b")
_VOWEL = re.compile(r"[aeiouy]")
# performBatch / anonymousId are indexed both whole and split ("perform batch", "anonymous id").
_CAMEL_CASE = re.compile(r"\b[a-z]+(?:[A-Z][a-z0-9]+)+\b")
_CAMEL_PART = re.compile(r"([A-Z])")


@dataclass(frozen=True)
class Hit:
    """A ranked entry and its normalised score (0..1, higher is better)."""

    entry: KbEntry
    score: float


def stem(word: str) -> str:
    """Light suffix stripping (plural, -ing, -ed, trailing e) applied to entries and queries alike."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith(("ies", "ied")) and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ing") and len(word) >= 6 and _VOWEL.search(word[:-3]):
        word = word[:-3]
    elif word.endswith("ed") and not word.endswith("eed") and len(word) >= 5:
        word = word[:-2]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def tokenize(text: str) -> list[str]:
    """Casefold, strip punctuation and contractions, drop stop words, expand aliases, stem."""
    text = _CAMEL_CASE.sub(_split_camel_case, text)
    text = _CONTRACTION.sub("", text.casefold().replace("\u2019", "'"))
    tokens: list[str] = []
    for raw in _TOKEN.findall(text):
        for word in ALIASES.get(raw, (raw,)):
            if word in STOP_WORDS or (len(word) == 1 and not word.isdigit()):
                continue
            tokens.append(stem(word))
    return tokens


def _split_camel_case(match: re.Match[str]) -> str:
    return match[0] + " " + _CAMEL_PART.sub(r" \1", match[0])


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
        sequence: list[str | None] = []
        for term in tokenize(query)[:MAX_QUERY_TERMS]:
            if term not in resolved:
                resolved[term] = self._resolve(term)
            sequence.append(resolved[term][0])
        scores: dict[int, float] = defaultdict(float)
        mass = 0.0
        for term in sorted(resolved):
            matched, factor = resolved[term]
            if matched is None:
                mass += OOV_WEIGHT * self._oov_idf
            else:
                mass += self._idf[matched]
                self._accumulate(scores, matched, factor)
        # Matching word pairs only add evidence; an unmatched pair costs nothing.
        for pair in sorted({_pair(a, b) for a, b in pairwise(sequence) if a and b}):
            if pair in self._postings:
                mass += BIGRAM_WEIGHT * self._idf[pair]
                self._accumulate(scores, pair, BIGRAM_WEIGHT)
        if mass <= 0.0:
            return []
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
