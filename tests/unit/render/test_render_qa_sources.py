"""Q&A citations as partners read them: public pages, linked; never an internal document or a staff Slack message."""

from __future__ import annotations

from slackbot.kb.model import Source
from slackbot.render.qa import kb_mrkdwn, sources_text

OVERVIEW = Source(
    "Segment docs: Developer Center Overview", "Become a Segment Partner", "https://segment.com/docs/partners/"
)
CONTRIBUTING = Source(
    "segmentio/action-destinations: CONTRIBUTING.md",
    "Build and test",
    "https://github.com/segmentio/action-destinations/blob/main/CONTRIBUTING.md",
)


def test_public_sources_are_linked_with_their_document_and_section() -> None:
    assert sources_text((OVERVIEW, CONTRIBUTING)) == (
        "<https://segment.com/docs/partners/|Segment docs: Developer Center Overview — Become a Segment Partner> · "
        "<https://github.com/segmentio/action-destinations/blob/main/CONTRIBUTING.md|"
        "segmentio/action-destinations: CONTRIBUTING.md — Build and test>"
    )


def test_an_internal_working_document_is_never_named_even_with_a_link() -> None:
    seed = Source("seed: Developer Center Overview", "Build your integration", "https://segment.com/docs/partners/")
    unlinked = Source("Developer Center Overview", "Build your integration")

    assert sources_text((seed, OVERVIEW)) == sources_text((OVERVIEW,))
    assert "seed" not in sources_text((seed, unlinked))


def test_an_answer_saved_by_staff_from_slack_cites_the_team() -> None:
    staff = Source("Developer Center staff answer (Slack)", "Slack message C0STAFF001/1764000000.000100 by U0STAFF001")

    assert sources_text((staff,)) == "the Developer Center team"


def test_links_in_answers_keep_labels_with_spaces_and_other_brackets_stay_escaped() -> None:
    text = "Accept the <https://segment.com/legal/partnersagreement/|Partner Program Agreement> before <b>building</b>."

    assert kb_mrkdwn(text) == (
        "Accept the <https://segment.com/legal/partnersagreement/|Partner Program Agreement> before "
        "&lt;b&gt;building&lt;/b&gt;."
    )
