"""Launch rules as data: every rule cites its sources, and evaluation says exactly what is still missing."""

from __future__ import annotations

import pytest

from slackbot.config import ConfigError, load_settings
from slackbot.domain.launch import (
    DEFAULT_RULE,
    RULES,
    LaunchFacts,
    Need,
    Requirement,
    Shortfall,
    evaluate,
    next_step,
    rule,
)
from slackbot.domain.lifecycle import Stage

PROGRAM = rule(DEFAULT_RULE)


def _facts(customers: int = 0, days: int | None = 0, oauth: bool = False) -> LaunchFacts:
    return LaunchFacts(customers, days, oauth)


@pytest.mark.parametrize("key", sorted(RULES))
def test_every_rule_has_clauses_for_both_steps_with_a_dated_source(key: str) -> None:
    launch_rule = RULES[key]

    assert launch_rule.for_step(Stage.PUBLIC_BETA) and launch_rule.for_step(Stage.PUBLIC)
    assert all(c.source.url.startswith("https://") and c.source.as_of.year >= 2026 for c in launch_rule.clauses)
    assert launch_rule.version >= 1 and launch_rule.title


def test_an_unknown_rule_names_the_setting_and_the_known_rules() -> None:
    with pytest.raises(ValueError, match=r"DEVCENTER_LAUNCH_RULE.*program-2026"):
        rule("vibes-only")


def _need(need: Need, amount: int, stage: Stage) -> Requirement:
    return Requirement(need, amount, stage)


def test_public_beta_needs_one_confirmed_customer_under_the_program_rule() -> None:
    refused = evaluate(PROGRAM, Stage.PUBLIC_BETA, _facts(customers=0))
    passed = evaluate(PROGRAM, Stage.PUBLIC_BETA, _facts(customers=1))

    assert not refused.met
    assert refused.missing == (Shortfall(_need(Need.CUSTOMERS, 1, Stage.PUBLIC_BETA), have=0),)
    assert passed.met and passed.missing == ()


def test_the_program_rule_takes_one_verified_customer_to_go_public_with_no_waiting_period() -> None:
    """The overview: "Once at least 1 customer successfully uses the integration ... the team will make it Public"."""
    assert not evaluate(PROGRAM, Stage.PUBLIC, _facts(customers=0, days=30)).met
    assert evaluate(PROGRAM, Stage.PUBLIC, _facts(customers=1, days=0)).met
    assert {c.source.url for c in PROGRAM.clauses} >= {"https://segment.com/docs/partners/"}


def test_the_docs_rule_needs_two_customers_and_two_weeks_of_public_beta() -> None:
    docs = rule("docs-2-weeks-2-users")
    early = evaluate(docs, Stage.PUBLIC, _facts(customers=1, days=9))

    assert early.missing == (
        Shortfall(_need(Need.CUSTOMERS, 2, Stage.PUBLIC), have=1),
        Shortfall(_need(Need.DAYS, 14, Stage.PUBLIC_BETA), have=9),
    )
    assert evaluate(docs, Stage.PUBLIC, _facts(customers=2, days=14)).met


def test_unknown_time_in_stage_counts_as_not_enough_days() -> None:
    assert not evaluate(rule("docs-2-weeks-2-users"), Stage.PUBLIC, _facts(customers=2, days=None)).met


def test_oauth_becomes_required_for_ga_at_five_customers() -> None:
    four = evaluate(PROGRAM, Stage.PUBLIC, _facts(customers=4, days=30))
    five = evaluate(PROGRAM, Stage.PUBLIC, _facts(customers=5, days=30))
    done = evaluate(PROGRAM, Stage.PUBLIC, _facts(customers=5, days=30, oauth=True))

    assert four.met and done.met
    assert five.missing == (Shortfall(_need(Need.OAUTH, 5, Stage.PUBLIC), have=5),)
    assert PROGRAM.oauth_from == 5


def test_the_contributing_rule_needs_one_customer_and_no_oauth() -> None:
    contributing = rule("contributing-1-customer")

    assert evaluate(contributing, Stage.PUBLIC, _facts(customers=1, days=0)).met
    assert contributing.oauth_from == 0


def test_the_rule_says_what_each_step_needs_even_when_met() -> None:
    assert evaluate(PROGRAM, Stage.PUBLIC, _facts(customers=9, days=99, oauth=True)).needs == (
        _need(Need.CUSTOMERS, 1, Stage.PUBLIC),
        _need(Need.OAUTH, 5, Stage.PUBLIC),
    )


@pytest.mark.parametrize(
    ("stage", "step"),
    [
        (Stage.PRIVATE_BETA, Stage.PUBLIC_BETA),
        (Stage.PUBLIC_BETA, Stage.PUBLIC),
        (Stage.APPROVED, None),
        (Stage.PUBLIC, None),
    ],
)
def test_only_beta_stages_work_towards_a_launch_step(stage: Stage, step: Stage | None) -> None:
    assert next_step(stage) is step


def test_the_active_rule_comes_from_devcenter_launch_rule() -> None:
    assert load_settings({}).launch_rule == DEFAULT_RULE
    assert load_settings({"DEVCENTER_LAUNCH_RULE": "docs-2-weeks-2-users"}).launch_rule == "docs-2-weeks-2-users"
    with pytest.raises(ConfigError, match="DEVCENTER_LAUNCH_RULE"):
        load_settings({"DEVCENTER_LAUNCH_RULE": "Program 2026!"})


def test_an_unknown_launch_rule_stops_the_bot_at_startup() -> None:
    with pytest.raises(ValueError, match="DEVCENTER_LAUNCH_RULE is not a known launch rule: 'vibes-only'"):
        load_settings({"DEVCENTER_LAUNCH_RULE": "vibes-only"})
