"""Small talk: greetings, thanks, farewells and acknowledgements, and the polite reply to each (stdlib only)."""

from __future__ import annotations

import re

ASK_EXAMPLE = "/devcenter ask when is the next deploy?"


GREETING_REPLY = (
    f"Hi! Ask me anything about building your Segment integration, e.g. `{ASK_EXAMPLE}`, or try `/devcenter help`."
)


THANKS_REPLY = "You're welcome! Ask me anytime."


FAREWELL_REPLY = "Bye! Ask me anytime, here or with `/devcenter ask …`."


ACK_REPLY = f"Anything else? Ask away, e.g. `{ASK_EXAMPLE}`"


def word_set(text: str) -> frozenset[str]:
    """A set of whitespace-separated words, for the word lists below."""
    return frozenset(text.split())


_GREETINGS = frozenset(
    (
        "hi",
        "hii",
        "hey",
        "heya",
        "hello",
        "hallo",
        "helo",
        "hiya",
        "howdy",
        "yo",
        "sup",
        "greetings",
        "morning",
        "good morning",
        "good afternoon",
        "good evening",
        "good day",
        "hi there",
        "hey there",
        "hello there",
        "whats up",
        "what s up",
        "wassup",
        "how are you",
        "how are you doing",
        "how r u",
        "hows it going",
        "how s it going",
        "how is it going",
    )
)


_THANKS = frozenset(
    (
        "thanks",
        "thank you",
        "thankyou",
        "thx",
        "ty",
        "tyvm",
        "thanks a lot",
        "thanks so much",
        "thank you so much",
        "thank you very much",
        "thanks very much",
        "many thanks",
        "much appreciated",
        "appreciate it",
        "appreciated",
        "cheers",
        "thanks again",
        "thank you again",
        "great thanks",
        "ok thanks",
        "thanks man",
    )
)


_FAREWELLS = frozenset(
    (
        "bye",
        "goodbye",
        "bye bye",
        "see you",
        "see ya",
        "cya",
        "later",
        "see you later",
        "good night",
        "gn",
        "have a good one",
        "take care",
    )
)


_ACKS = frozenset(
    (
        "ok",
        "okay",
        "k",
        "kk",
        "okey",
        "cool",
        "great",
        "nice",
        "awesome",
        "perfect",
        "got it",
        "gotcha",
        "sounds good",
        "sure",
        "alright",
        "all right",
        "fine",
        "yes",
        "yep",
        "yeah",
        "no worries",
        "np",
        "noted",
        "understood",
        "makes sense",
        "lol",
        "haha",
        "wow",
        "amazing",
        "excellent",
        "sweet",
        "good",
        "very good",
        "super",
        "neat",
    )
)


# Words that may surround small talk without making it a question: "thanks so much team!", "hi devcenter".
_ADDRESS = frozenset(
    (
        "bot",
        "devcenter",
        "dev",
        "center",
        "team",
        "all",
        "everyone",
        "folks",
        "guys",
        "y",
        "so",
        "much",
        "again",
        "a",
        "lot",
        "you",
        "buddy",
        "friend",
        "there",
        "segment",
        "oh",
        "and",
        "very",
        "really",
    )
)


_SMALL_TALK_PRIORITY = (
    (_THANKS, THANKS_REPLY),
    (_FAREWELLS, FAREWELL_REPLY),
    (_GREETINGS, GREETING_REPLY),
    (_ACKS, ACK_REPLY),
)


MENTION = re.compile(r"<[@#!][^>]*>|:[a-z0-9_+'-]+:")  # Slack mentions and :emoji: shortcodes


WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?|\d+", re.UNICODE)


def small_talk_reply(words: list[str]) -> str | None:
    """The reply when every word is small talk (greeting, thanks, goodbye, ok) or a way of addressing the bot."""
    if not words or len(words) > 8:
        return None
    found: list[frozenset[str]] = []
    i = 0
    while i < len(words):
        for size in (4, 3, 2, 1):
            phrase = " ".join(words[i : i + size])
            group = next((g for g, _ in _SMALL_TALK_PRIORITY if phrase in g), None)
            if len(words[i : i + size]) == size and group is not None:
                found.append(group)
                i += size
                break
        else:
            if words[i] not in _ADDRESS:
                return None
            i += 1
    return next((reply for group, reply in _SMALL_TALK_PRIORITY if group in found), None)
