"""The knowledge base's vocabulary: stop words, aliases, stemming, tokenizing and question cues (stdlib only).

Entries and queries go through the same `tokenize`, so an alias or a stem applies to both sides alike.
"""

from __future__ import annotations

import re

_STOP_WORDS_TEXT = """
a about actually after again all also am an and another any anybody anyone anything anyway are
aren as ask asking at basically be been before being best but by can cannot could did didn do does
doesn doing don et etc everybody everyone folk folks for from get gets getting go goes going gone got gotta guy guys
had has have having he hello help her hey hi him his how hows i if im in inside into is isn it its ive just
kind know let like lol made make makes making me mean might mine more most much must my myself
need needs neither no nope not now of ok okay on once one only or other our ourselves out please pls
plz q quick really right said say says she should so some someone something sorry sort still
sure supposed tell thank thanks that thats the their them themselves then there these they thing things
think this those thx to too trying u uh um up us very wanna want wanted wants was way we well
were what whats when where whether which while who why will with won wonder wondering would
wouldn ya yeah yes yet you your youre yours yourself
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())


def _word_set(text: str) -> frozenset[str]:
    """A set of whitespace-separated words, for the word lists below."""
    return frozenset(text.split())


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
    # Synonyms partners use for words the entries spell one way.
    "questionnaire": ("survey",),
    "questionaire": ("survey",),
    "resend": ("retry",),
    "resent": ("retry",),
    "redeliver": ("retry",),
    "redelivery": ("retry",),
    "stub": ("mock",),
    "stubs": ("mock",),
    "stubbing": ("mock",),
    "skeleton": ("scaffold",),
    "boilerplate": ("scaffold",),
    "breakpoint": ("debugger",),
    "breakpoints": ("debugger",),
    "mail": ("email",),
    "notification": ("notify",),
    "notifications": ("notify",),
    "notified": ("notify",),
    "approval": ("approve",),
    "approvals": ("approve",),
    "deadline": ("cutoff",),
    "deadlines": ("cutoff",),
    "mandatory": ("require",),
    "compulsory": ("require",),
    "obligatory": ("require",),
    "picker": ("dropdown",),
    "ios": ("ios", "mobile"),
    "android": ("android", "mobile"),
    # "stage" would stem like "staging" (the staging environment); a program stage is a phase.
    "stage": ("phase",),
    "stages": ("phase",),
    "apply": ("request",),
    "applied": ("request",),
    "applying": ("request",),
    "pending": ("wait",),
    "decision": ("decide",),
    "decisions": ("decide",),
    "auth": ("authentication",),
    "develop": ("developer",),
    "developing": ("developer",),
    "development": ("developer",),
    "register": ("sign",),
    "registered": ("sign",),
    "registration": ("sign",),
    "decline": ("reject",),
    "declined": ("reject",),
    "deny": ("reject",),
    "denied": ("reject",),
    "rejection": ("reject",),
    "information": ("info",),
    "details": ("info",),
    "human": ("person",),
    "humans": ("person",),
    "people": ("person",),
}

# Question cues: a question asking whether something is required ranks entries tagged `requirement`
# above how-to entries on the same topic; one asking whom to contact ranks entries tagged `contact` first.
REQUIREMENT_TAG = "requirement"
CONTACT_TAG = "contact"
_REQUIREMENT_WORDS = _word_set(
    "require required requires requirement requirements mandatory must obligatory compulsory necessary optional skip"
)
_REQUIREMENT_PHRASES = (" have to ", " has to ", " got to ", " gotta ", " nice to have ")
# "need" asks for a requirement only in a yes/no question ("do I need OAuth?", not "what do you need?").
_NEED_WORDS = frozenset(("need", "needs", "needed"))
_YES_NO_OPENERS = _word_set("do does did is are will would should can could must")
_OPENER_FILLERS = _word_set("hey hi hello so ok okay and also quick q question um uh well")
_CONTACT_WORDS = _word_set("contact contacting email mail reach ping talk speak message call write tell ask")
_CONTACT_PHRASES = (" contact ", " get in touch ", " reach out ", " talk to ", " speak to ", " speak with ")
_WHO = frozenset(("who", "whom", "whos"))

_TOKEN = re.compile(r"[0-9]+(?:\.[0-9]+)+|[a-z0-9]+")  # keeps versions like 18.17.1 whole
_CONTRACTION = re.compile(r"'(?:s|re|ve|ll|d|m|t)\b")
# "set up" is a generic verb like "make" or "get"; kept, it would stem like "settings" (a destination's settings).
_SET_UP = re.compile(r"\bset(?:s|ting)?\s+up\b")
_VOWEL = re.compile(r"[aeiouy]")
# performBatch / anonymousId are indexed both whole and split ("perform batch", "anonymous id").
_CAMEL_CASE = re.compile(r"\b[a-z]+(?:[A-Z][a-z0-9]+)+\b")
_CAMEL_PART = re.compile(r"([A-Z])")


def stem(word: str) -> str:
    """Light suffix stripping (plural, -ing, -ed, trailing e) applied to entries and queries alike."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word[-1] == "s" and word[:-1].isdigit():  # "500s", "4xxs" stay "500"
        return word[:-1]
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
    text = _SET_UP.sub(" ", _CONTRACTION.sub("", text.casefold().replace("\u2019", "'")))
    tokens: list[str] = []
    for raw in _TOKEN.findall(text):
        for word in ALIASES.get(raw, (raw,)):
            if word in STOP_WORDS or (len(word) == 1 and not word.isdigit()):
                continue
            tokens.append(stem(word))
    return tokens


def query_cues(text: str) -> frozenset[str]:
    """The entry tags a question's wording favours: `requirement` ("do I need…", "is … mandatory"),
    `contact` ("who do I email", "how do I contact …")."""
    words = re.findall(r"[a-z]+", text.casefold().replace("\u2019", "'"))
    padded = f" {' '.join(words)} "
    opener = next((word for word in words if word not in _OPENER_FILLERS), "")
    cues = set()
    if (
        _REQUIREMENT_WORDS.intersection(words)
        or any(phrase in padded for phrase in _REQUIREMENT_PHRASES)
        or (opener in _YES_NO_OPENERS and _NEED_WORDS.intersection(words))
    ):
        cues.add(REQUIREMENT_TAG)
    if (_WHO.intersection(words) and _CONTACT_WORDS.intersection(words)) or any(
        phrase in padded for phrase in _CONTACT_PHRASES
    ):
        cues.add(CONTACT_TAG)
    return frozenset(cues)


def _split_camel_case(match: re.Match[str]) -> str:
    return match[0] + " " + _CAMEL_PART.sub(r" \1", match[0])
