"""Launch rule words: what a requirement asks and what is still missing, as partners and staff read them."""

from __future__ import annotations

from slackbot.domain.launch import DEFAULT_RULE, Need, Requirement, Shortfall, rule
from slackbot.domain.lifecycle import Stage
from slackbot.render.launch import requirement_text, rule_line, rule_sources, shortfall_text


def test_a_customer_shortfall_says_how_many_more_and_of_how_many() -> None:
    one = Shortfall(Requirement(Need.CUSTOMERS, 1, Stage.PUBLIC), have=0)
    two = Shortfall(Requirement(Need.CUSTOMERS, 3, Stage.PUBLIC), have=1)

    assert shortfall_text(one) == "1 more confirmed customer verification (0 of 1)"
    assert shortfall_text(two) == "2 more confirmed customer verifications (1 of 3)"


def test_a_days_shortfall_names_the_stage_the_days_are_counted_in() -> None:
    days = Shortfall(Requirement(Need.DAYS, 14, Stage.PUBLIC_BETA), have=3)

    assert shortfall_text(days) == "11 more days in public beta (3 of 14)"


def test_an_oauth_shortfall_says_it_is_required_from_the_threshold() -> None:
    oauth = Shortfall(Requirement(Need.OAUTH, 5, Stage.PUBLIC), have=6)

    assert shortfall_text(oauth) == "Enable with Segment / OAuth (6 confirmed customers; required from 5)"


def test_requirements_read_as_what_the_step_asks() -> None:
    assert requirement_text(Requirement(Need.CUSTOMERS, 1, Stage.PUBLIC)) == "1 confirmed customer verification"
    assert requirement_text(Requirement(Need.DAYS, 14, Stage.PUBLIC_BETA)) == "14 days in public beta"
    assert requirement_text(Requirement(Need.OAUTH, 5, Stage.PUBLIC)) == (
        "Enable with Segment / OAuth once 5 customers are confirmed"
    )


def test_the_rule_line_and_its_sources_link_every_clause() -> None:
    program = rule(DEFAULT_RULE)

    assert "`program-2026`" in rule_line(program)
    sources = rule_sources(program)
    assert "<https://segment.com/docs/partners/|Developer Center Overview, Launch as Public>" in sources
    assert "<https://segment.com/docs/partners/checklist/|" in sources
