"""What GitHub facts read like in Slack: escaped review words, checked links, and the merge time against the cutoff."""

from __future__ import annotations

from datetime import UTC, date, datetime

from slackbot.domain.messages import load_payload
from slackbot.domain.messages.github import ClosedWithoutMerge, CommitsPushedNote
from slackbot.domain.messages.reviews import ChangesRequested, Merged
from slackbot.render.messages import render_payload

PR = "https://github.com/segmentio/action-destinations/pull/3141"
TZ = "America/Los_Angeles"


def test_a_review_body_from_github_reaches_slack_inert_and_the_review_is_linked() -> None:
    note = "<!channel> please look <@U0STAFF001> & fix"
    text, _ = render_payload(ChangesRequested("Acme", "Acme Analytics", "acme-analytics", "github:segment-eng", note,
                                              f"{PR}#pullrequestreview-1"))  # fmt: skip

    assert "&lt;!channel&gt; please look &lt;@U0STAFF001&gt; &amp; fix" in text
    assert f"<{PR}#pullrequestreview-1|the review on GitHub>" in text and "<!channel>" not in text


def test_a_link_that_is_not_a_web_url_stays_text() -> None:
    text, _ = render_payload(ChangesRequested("Acme", "Acme", "acme", "github:x", "n", "javascript:alert(1)"))

    assert "<javascript" not in text and "the review on GitHub" in text


def test_a_merge_says_when_it_was_merged_in_the_programs_timezone() -> None:
    merged = Merged("Acme", "Acme Analytics", "acme-analytics", date(2026, 11, 25),
                    datetime(2026, 11, 25, 0, 59, tzinfo=UTC), TZ)  # fmt: skip

    text, _ = render_payload(merged)

    assert "ships in the Wednesday Nov 25 release (merged Tue Nov 24, 4:59 PM PST)" in text


def test_closed_and_pushed_notes_round_trip_through_the_outbox_and_say_who() -> None:
    closed = ClosedWithoutMerge("Acme", "Acme Analytics", "acme-analytics", PR, "github:acme-dev",
                                datetime(2026, 11, 24, 18, 0, tzinfo=UTC), TZ)  # fmt: skip
    pushed = CommitsPushedNote("Acme Analytics", "acme-analytics", PR, "e44b5fea872a25337c5457597f2c08a6507339a1",
                               "github:acme-dev")  # fmt: skip

    for payload in (closed, pushed):
        assert load_payload(payload.kind, payload.to_dict()) == payload
    partner, _ = render_payload(closed)
    staff, _ = render_payload(load_payload(closed.kind, {**closed.to_dict(), "to_staff": True}))
    assert "closed without merging by github:acme-dev on Tue Nov 24, 10:00 AM PST" in partner
    assert "resubmit with `/devcenter submit`" in partner and "It waits for the partner to resubmit." in staff
    assert "(head `e44b5fe`)" in render_payload(pushed)[0]
