"""What a message is before it reaches the knowledge base: a question, a mistyped command, small talk, or
another language (stdlib only, pure).

`classify(text, commands)` returns an `Intent`; its `reply` is the text to send back when the message should
not be searched (small talk, another language, a command typo). `reads_as_question(text)` lets a command
router treat `/devcenter how do I run the local server?` as a question rather than an unknown command.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from slackbot.kb.small_talk import MENTION, WORD, small_talk_reply, word_set

PERSON_EMAIL = "partner-support@segment.com"

OTHER_LANGUAGE_REPLY = (
    "Sorry, the knowledge base only speaks English for now. Could you ask again in English? "
    f"Or ask a person: click *Ask a person*, or email {PERSON_EMAIL}."
)


class IntentKind(StrEnum):
    """What kind of message it is."""

    COMMAND_TYPO = "command_typo"
    SMALL_TALK = "small_talk"
    OTHER_LANGUAGE = "other_language"
    QUESTION = "question"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Intent:
    """A classified message: its kind, the reply to send instead of searching (if any), the command meant."""

    kind: IntentKind
    reply: str | None = None
    suggestion: str | None = None  # COMMAND_TYPO: the command word the user probably meant


# --------------------------------------------------------------------------- small talk


# --------------------------------------------------------------------------- other languages

# Frequent function words of other languages that are not English words (so "a", "in", "die", "was" are left
# out). A message is foreign when these outnumber English function words clearly.
_FOREIGN_STOP_WORDS = {
    "es": word_set("""el la los las un una unos unas del al lo le les mi mis tu tus su sus es está están estoy
        son soy ser hay que qué cómo como cuándo cuando dónde donde por para con sin pero muy más
        puedo puede pueden podemos tengo tiene tenemos necesito necesita hacer hago este esta esto estos estas
        ese esa eso sí nuestro nuestra nuestros cuál cual cuáles quién porqué hola gracias en ahora
        también"""),
    "de": word_set("""der die das den dem des ein eine einen einem einer ich du er sie wir ihr mein meine meinen
        dein ist sind bin bist und oder aber nicht kein keine mit für auf von zu zum zur ins wie wann wo
        warum welche welcher welches kann können muss müssen soll sollte habe hast hat haben wird werden auch
        noch schon nur sehr bitte danke hallo unser unsere unseren gibt es"""),
    "fr": word_set("""le la les un une des du de au aux je tu il elle nous vous ils elles mon ma mes ton ta tes
        son sa ses notre nos votre vos est sont suis es être et ou mais pas ne avec pour dans sur par que qui
        quoi quand où comment pourquoi quel quelle quels quelles peux peut pouvons dois doit faut avez avons
        très aussi bonjour merci ce cette ces en"""),
    "pt": word_set("""o os um uma uns umas do da dos das no na nos nas ao eu meu minha meus minhas seu sua
        nosso nossa é são está estão sou ser e ou mas não com sem para por que quê como quando onde porque
        qual quais posso pode podemos preciso precisa fazer muito também olá obrigado obrigada"""),
    "it": word_set("""il lo la gli le un uno una di del della dei delle da dal nel nella con tra fra io tu
        lui lei noi voi loro mio mia miei mie suo sua nostro nostra è sono sei essere e o ma non che
        quando dove perché quale quali posso può possiamo devo deve molto anche ciao grazie"""),
    "nl": word_set("""de het een ik jij je hij zij wij we mijn jouw ons onze is zijn ben bent en of maar niet
        geen met voor op van naar hoe wanneer waar waarom welke kunnen moet moeten heb hebt
        heeft hebben ook nog heel graag dank bedankt hallo"""),
}
_ENGLISH_STOP_WORDS = word_set("""a an the i you he she we they it my your our their me us him her them is are
    am was were be been being do does did have has had will would can could should shall may might must and or
    but not no if then so to of in on at for from by with about into as this that these those what which who
    whom whose when where why how there here any some all also just only very up out over after before
    again get got need want like use using test""")
_FOREIGN_MARKS = {"es": "ñ¿¡", "de": "ßäöü", "fr": "çœèêëàâîïôûù", "pt": "ãõç", "it": "àèìòù"}
# Code, URLs, addresses, paths and dotted names say nothing about the language of the prose around them.
_CODE_OR_URL = re.compile(r"`[^`]*`|<[^>]*>|https?://\S+|\S+@\S+|\S*[/_=\\]\S*|\S+[.:]\w\S*")


def _script_is_foreign(text: str) -> bool:
    """Most letters are outside the Latin script (Japanese, Chinese, Cyrillic, Arabic, Greek, …)."""
    letters = [ch for ch in text if ch.isalpha()]
    foreign = [ch for ch in letters if not unicodedata.name(ch, "").startswith("LATIN")]
    return len(foreign) >= 2 and len(foreign) >= 0.5 * len(letters)


def _reads_foreign(text: str) -> bool:
    """A message clearly not in English: a non-Latin script, or other-language function words dominate."""
    prose = _CODE_OR_URL.sub(" ", MENTION.sub(" ", text))
    if _script_is_foreign(prose):
        return True
    words = [w.casefold() for w in WORD.findall(prose) if not w.isdigit()]
    if len(words) < 3:
        return False
    english = sum(w in _ENGLISH_STOP_WORDS for w in words)
    best = 0.0
    for language, stop_words in _FOREIGN_STOP_WORDS.items():
        hits = sum(w in stop_words and w not in _ENGLISH_STOP_WORDS for w in words)
        marks = any(ch in _FOREIGN_MARKS.get(language, "") for ch in prose.casefold())
        best = max(best, hits + (1.0 if marks and hits else 0.0))
    return best >= 2 and best >= 2 * english and best >= 0.3 * len(words)


# --------------------------------------------------------------------------- questions

_QUESTION_OPENERS = word_set("""how what whats when where why who whom whose which can could do does did is are
    was were should will would shall may might must have has had am any anyone anybody is isnt arent doesnt dont
    cant wont shouldnt howto hows whens wheres whos whys wat wut""")
_LEADING_FILLERS = word_set("""hey hi hello yo so ok okay and also but um uh well quick q question qq sorry pls
    please hmm btw oh guys folks team all everyone""")
_ASKING_PHRASES = (
    "tell me",
    "explain",
    "help me",
    "i want to know",
    "i'd like to know",
    "id like to know",
    "i wonder",
    "wondering",
    "any idea",
    "anyone know",
    "does anyone",
    "is it possible",
    "i need to know",
    "not sure",
    "trying to figure out",
    "looking for",
    "i need help",
    "i cant",
    "i can't",
    "how to",
    "pls",
    "plz",
    "please",
    "i want to",
    "i'd like to",
    "id like to",
)
# A question often follows some context: "merged on wednesday, when will it be out".
_CLAUSE_BREAK = re.compile(r"[,;:.!]+\s+|\s+-+\s+|\s+(?:and|but|so|or)\s+")


def reads_as_question(text: str) -> bool:
    """True when the text reads as a question: it ends with "?" or opens with a question word (how, what, when,
    where, why, who, which, can, do, does, is, are, should, will, …), or asks in so many words ("tell me…")."""
    stripped = MENTION.sub(" ", text).strip()
    if not stripped:
        return False
    if re.search(r"[?？](?:\s|[\W_]*$)", stripped):
        return True
    for clause in _CLAUSE_BREAK.split(stripped):
        content = [w.casefold().replace("'", "") for w in WORD.findall(clause)]
        content = [w for w in content if w not in _LEADING_FILLERS]
        if content and content[0] in _QUESTION_OPENERS:
            return True
    words = [w.casefold() for w in WORD.findall(stripped)]
    joined = " ".join(words)
    return any(joined.startswith(p) or f" {p} " in f" {joined} " for p in _ASKING_PHRASES)


# --------------------------------------------------------------------------- command typos


def _edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (adjacent transpositions count once)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _max_distance(word: str) -> int:
    return 1 if len(word) <= 5 else 2


def _closest_command(word: str, commands: Sequence[str]) -> tuple[str, int] | None:
    """The command within a small edit distance of `word`, nearest first, then in the order given."""
    if len(word) < 3 or not word.isalpha():
        return None
    # A typo almost always keeps the first letter: "stauts" is status, "task" is not ask.
    candidates = [
        (_edit_distance(word, command), n, command)
        for n, command in enumerate(commands)
        if command[:1] == word[:1] and abs(len(command) - len(word)) <= _max_distance(word)
    ]
    close = [c for c in candidates if c[0] <= _max_distance(word)]
    if not close:
        return None
    distance, _, command = min(close)
    return command, distance


def _is_inflection(word: str, command: str) -> bool:
    """ "deployed", "submitting", "verified": the word is a form of the command, so it reads as English."""
    shared = len(command) - 1
    return word != command and len(word) >= len(command) - 1 and word[:shared] == command[:shared]


def _command_typo(text: str, commands: Sequence[str]) -> str | None:
    """The command meant by a one-word line ("stauts", "deploy") or a short line that starts with a typo of
    one ("sumbit acme"); None for lines that read as English ("deploy cutoff time", "submitted my PR")."""
    words = [w.casefold() for w in re.findall(r"\S+", MENTION.sub(" ", text))]
    words = [w.strip(".,!?;:'\"()") for w in words]
    words = [w for w in words if w]
    if not words or len(words) > 4:
        return None
    found = _closest_command(words[0], [c.casefold() for c in commands])
    if found is None:
        return None
    command, distance = found
    if len(words) == 1:
        return command
    if distance == 0 or _is_inflection(words[0], command) or reads_as_question(text):
        return None
    return command


# --------------------------------------------------------------------------- classify


def classify(text: str, commands: Sequence[str]) -> Intent:
    """Classify a message: small talk, another language, a command typo, a question, or unknown."""
    cleaned = MENTION.sub(" ", text).strip()
    if not cleaned or not any(ch.isalnum() for ch in cleaned):
        return Intent(IntentKind.UNKNOWN)
    words = [w.casefold().replace("'", " ").replace("’", " ") for w in WORD.findall(cleaned)]
    words = " ".join(words).split()
    if (reply := small_talk_reply(words)) is not None:
        return Intent(IntentKind.SMALL_TALK, reply=reply)
    if _reads_foreign(cleaned):
        return Intent(IntentKind.OTHER_LANGUAGE, reply=OTHER_LANGUAGE_REPLY)
    if (command := _command_typo(cleaned, commands)) is not None:
        return Intent(IntentKind.COMMAND_TYPO, reply=f"Did you mean `/devcenter {command}`?", suggestion=command)
    if reads_as_question(cleaned):
        return Intent(IntentKind.QUESTION)
    return Intent(IntentKind.UNKNOWN)
