"""Intents before search: command typos, small talk and other languages are recognised; real questions,
including every English paraphrase of the evaluation sets, are never mistaken for them."""

from __future__ import annotations

import ast
import dataclasses
import sys
from enum import StrEnum
from pathlib import Path

import pytest
import yaml

from slackbot.kb import intents
from slackbot.kb.intents import Intent, IntentKind, classify, reads_as_question

COMMANDS = (
    "help",
    "status",
    "deploys",
    "announce",
    "join",
    "submit",
    "queue",
    "history",
    "checklist",
    "metadata",
    "verify",
    "card",
    "ask",
    "withdraw",
)
EVAL_DIR = Path(__file__).resolve().parents[1] / "kb_eval"
KB_DIR = Path(intents.__file__).parent


def kind(text: str) -> IntentKind:
    return classify(text, COMMANDS).kind


def eval_questions(name: str, key: str) -> list[str]:
    document = yaml.safe_load((EVAL_DIR / name).read_text(encoding="utf-8"))
    return [case["question"] for case in document[key]]


# ----------------------------------------------------------------------------- command typos


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("stauts", "status"),
        ("deploy", "deploys"),
        ("hlep", "help"),
        ("Stauts!", "status"),
        ("chekclist", "checklist"),
        ("metdata", "metadata"),
        ("queued", "queue"),
        ("sumbit acme-analytics", "submit"),
        ("withdrw acme", "withdraw"),
        ("<@U0BOT00001> histroy", "history"),
    ],
)
def test_a_mistyped_command_word_suggests_the_command(text: str, command: str) -> None:
    intent = classify(text, COMMANDS)
    assert intent.kind is IntentKind.COMMAND_TYPO
    assert intent.suggestion == command
    assert intent.reply is not None and f"/devcenter {command}" in intent.reply


@pytest.mark.parametrize(
    "text",
    [
        "deploy cutoff time",  # "deploy" is a form of "deploys": reads as English
        "submitted my pr",
        "verified customers",
        "task failing in ci",  # a typo keeps the first letter: "task" is not "ask"
        "how do i deploy?",
        "deploy schedule for next week please",
        "status of my review",  # an exact command word heading a line is the router's business, not a typo
    ],
)
def test_english_lines_starting_near_a_command_word_are_not_typos(text: str) -> None:
    assert kind(text) is not IntentKind.COMMAND_TYPO


def test_without_command_words_nothing_is_a_command_typo() -> None:
    assert classify("stauts", ()).kind is IntentKind.UNKNOWN


# ----------------------------------------------------------------------------- small talk


@pytest.mark.parametrize(
    "text",
    ["hello", "hi", "Hey!", "hey there :wave:", "good morning", "Hi team", "<@U0BOT00001> hi", "how are you?", "yo"],
)
def test_greetings_get_a_short_greeting_that_says_how_to_ask(text: str) -> None:
    intent = classify(text, COMMANDS)
    assert intent.kind is IntentKind.SMALL_TALK
    assert intent.reply is not None and intent.reply.startswith("Hi")
    assert "/devcenter ask" in intent.reply


@pytest.mark.parametrize(
    "text",
    ["thanks", "thank you!", "Thanks so much team!", "thx", "ty", "ok thanks", "cheers", "much appreciated :pray:"],
)
def test_thanks_get_you_are_welcome(text: str) -> None:
    intent = classify(text, COMMANDS)
    assert intent.kind is IntentKind.SMALL_TALK
    assert intent.reply is not None and intent.reply.startswith("You're welcome")


@pytest.mark.parametrize("text", ["ok", "okay", "cool", "got it", "bye", "see you later", "great"])
def test_acknowledgements_and_goodbyes_are_small_talk(text: str) -> None:
    intent = classify(text, COMMANDS)
    assert intent.kind is IntentKind.SMALL_TALK and intent.reply


@pytest.mark.parametrize(
    "text",
    [
        "hi, how do I run the local server?",
        "thanks, but when is the next deploy?",
        "hello! what categories can we pick",
        "ok so where do i find the write key",
        "how are you handling retries?",
    ],
)
def test_small_talk_followed_by_a_question_is_a_question(text: str) -> None:
    assert kind(text) is IntentKind.QUESTION


# ----------------------------------------------------------------------------- other languages


@pytest.mark.parametrize(
    "text",
    [
        "¿Cómo pruebo mi destino localmente?",
        "Wie teste ich mein Ziel lokal?",
        "ローカルでテストするには？",
        "Comment tester ma destination en local ?",
        "Como faço para testar meu destino localmente?",
        "Come posso testare la mia destinazione in locale?",
        "Hoe test ik mijn bestemming lokaal?",
        "Как протестировать мой destination локально?",
        "本地如何测试我的目标？",
        "로컬에서 어떻게 테스트하나요?",
        "que es esto",
    ],
)
def test_a_question_clearly_not_in_english_gets_the_english_only_reply(text: str) -> None:
    intent = classify(text, COMMANDS)
    assert intent.kind is IntentKind.OTHER_LANGUAGE
    assert intent.reply is not None and "English" in intent.reply
    assert "person" in intent.reply


@pytest.mark.parametrize(
    "text",
    [
        "Where do I find the Klaviyo API key for the Braze destination in Segment?",
        "how do i use the es module build with la mode?",
        "what does `perform(request, data)` get?",
        "is https://app.segment.com/goto-my-workspace/destinations/catalog/acme right",
        "can ai generate my destination?",
        "per event or per batch, how is it counted?",
        "does segment support de and fr regions?",
        "im stuck on my build",
        "what does 配信 mean in the docs?",
        "is the cutoff 5pm est or pst?",
        "our api is in el salvador, does that matter?",
        "should the node version be 18.17.1 or 22.13.1?",
        "my payload has the field con_id = 5, why is it rejected?",
        "ok",
    ],
)
def test_english_with_product_names_code_urls_and_short_words_is_not_another_language(text: str) -> None:
    assert kind(text) is not IntentKind.OTHER_LANGUAGE


# ----------------------------------------------------------------------------- questions


@pytest.mark.parametrize(
    "text",
    [
        "how do I run the local server?",
        "how do I run the local server",
        "What's the cutoff",
        "when is the next deploy",
        "where is the event tester",
        "why was my request rejected",
        "who reviews my pr",
        "which categories exist",
        "can i use npm",
        "do I need OAuth",
        "does segment retry 429s",
        "is there a staging environment",
        "are unit tests required",
        "should the logo be svg",
        "will my change ship on wednesday",
        "logo has to be svg? we only have a png",
        "merged on wednesday afternoon, when will it be out",
        "tell me about presets",
        "list of catalog categories pls",
    ],
)
def test_text_that_reads_as_a_question_is_a_question(text: str) -> None:
    assert reads_as_question(text)
    assert kind(text) is IntentKind.QUESTION


@pytest.mark.parametrize(
    "text",
    ["", "   ", "???", ":wave:", "<@U0BOT00001>", "my pr has been open for a day", "order a large pepperoni pizza"],
)
def test_text_that_is_no_question_and_nothing_else_is_unknown(text: str) -> None:
    assert kind(text) is IntentKind.UNKNOWN


def test_reads_as_question_lets_the_router_treat_devcenter_how_as_a_question() -> None:
    text = "how do I run the local server?"  # what follows `/devcenter `
    assert text.split()[0] not in COMMANDS
    assert reads_as_question(text)
    assert not reads_as_question("stauts")
    assert not reads_as_question("")


# ----------------------------------------------------------------------------- the evaluation sets


@pytest.mark.parametrize(
    ("name", "key"),
    [("paraphrases.yaml", "questions"), ("questions.yaml", "questions"), ("coverage.yaml", "statements")],
)
def test_no_english_evaluation_question_is_taken_for_small_talk_a_typo_or_another_language(name: str, key: str) -> None:
    misfires = [
        f"{kind(q)}: {q!r}"
        for q in eval_questions(name, key)
        if kind(q) in (IntentKind.SMALL_TALK, IntentKind.OTHER_LANGUAGE, IntentKind.COMMAND_TYPO)
    ]
    assert misfires == []


def test_nearly_every_answerable_paraphrase_reads_as_a_question() -> None:
    cases = yaml.safe_load((EVAL_DIR / "paraphrases.yaml").read_text(encoding="utf-8"))["questions"]
    answerable = [case["question"] for case in cases if case["expected"] is not None]
    questions = [q for q in answerable if kind(q) is IntentKind.QUESTION]
    assert len(questions) / len(answerable) >= 0.95


# ----------------------------------------------------------------------------- the module


def test_intent_is_a_frozen_dataclass_with_a_str_enum_kind() -> None:
    intent = classify("thanks", COMMANDS)
    assert isinstance(intent, Intent) and isinstance(intent.kind, StrEnum)
    assert intent.kind == "small_talk"
    with pytest.raises(dataclasses.FrozenInstanceError):
        intent.kind = IntentKind.QUESTION  # type: ignore[misc]


def test_classify_is_deterministic() -> None:
    texts = ["stauts", "hi", "¿Cómo pruebo mi destino localmente?", "when is the next deploy?", "blah"]
    assert [classify(t, COMMANDS) for t in texts] == [classify(t, COMMANDS) for t in texts]


def test_the_kb_package_imports_only_the_standard_library_and_pyyaml() -> None:
    outside = []
    for path in sorted(KB_DIR.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom) and node.level == 0
                else []
            )
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top != "yaml" and not name.startswith("slackbot.kb"):
                    outside.append(f"{path.name}: {name}")
    assert outside == []


def test_intents_imports_nothing_but_the_standard_library() -> None:
    folder = Path(intents.__file__).parent
    for source in (folder / "intents.py", folder / "small_talk.py"):  # intents' own word lists live beside it
        tree = ast.parse(source.read_text(encoding="utf-8"))
        modules = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        modules |= {
            node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.level == 0
        }
        outside = {m for m in modules if m.split(".")[0] not in sys.stdlib_module_names}
        assert outside <= {"slackbot.kb.small_talk"}, source.name
