"""The sandbox's pages: the demo as Slack would show it, Block Kit as HTML, and the bot's words kept as text."""

from __future__ import annotations

import re
from typing import Any

from flask.testing import FlaskClient
from slack_sdk import WebClient

from slackbot.emulator.web.sandbox import Sandbox

ACME, REVIEWS = "C000000001", "C0STAFF001"
LAYOUT: list[dict[str, Any]] = [
    {"type": "header", "text": {"type": "plain_text", "text": "Release :rocket:"}},
    {
        "type": "section",
        "text": {"type": "mrkdwn", "text": "*Ships* Wednesday"},
        "fields": [
            {"type": "mrkdwn", "text": "*Stage:* Approved"},
            {"type": "plain_text", "text": "Cutoff 5 pm"},
        ],
        "accessory": {
            "type": "button",
            "action_id": "x.open",
            "text": {"type": "plain_text", "text": "Open"},
            "style": "danger",
        },
    },
    {"type": "context", "elements": [{"type": "mrkdwn", "text": "as of _today_"}]},
    {"type": "divider"},
    {
        "type": "actions",
        "elements": [
            {
                "type": "static_select",
                "action_id": "x.pick",
                "placeholder": {"type": "plain_text", "text": "Pick"},
                "options": [{"text": {"type": "plain_text", "text": "One"}, "value": "1"}],
            }
        ],
    },
    {"type": "image", "image_url": "https://example.com/chart.png", "alt_text": "chart"},
]


def _page(client: FlaskClient, path: str) -> str:
    answer = client.get(path)
    assert answer.status_code == 200, answer.status_code
    return answer.get_data(as_text=True)


def _channel_list(html: str) -> str:
    return _words(html.split('id="channel-list"')[1].split("</nav>")[0])


def _words(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_sandbox_opens_as_the_acme_partner_in_their_shared_channel(client: FlaskClient) -> None:
    answer = client.get("/")

    assert answer.status_code == 303 and answer.location == f"/u/pat.partner/c/{ACME}"
    html = _page(client, answer.location)
    assert '<option value="pat.partner" selected>Pat Partner — partner, Acme Analytics (external)</option>' in html
    assert "<h1>#partner-acme-analytics</h1>" in html and "Slack Connect" in html


def test_the_acting_as_picker_offers_staff_partners_and_external_users(client: FlaskClient) -> None:
    html = _page(client, f"/u/pat.partner/c/{ACME}")

    picker = html.split('id="acting-as"', 1)[1].split("</select>", 1)[0]
    options = re.findall(r'<option value="([a-z.]+)"', picker)
    assert options == ["sam.staff", "pat.partner", "riley.rocket", "zoe.zebra", "casey.stranger"]
    assert "Zebra Metrics, not a partner yet (external)" in html


def test_staff_see_the_review_and_announcement_channels_and_partners_only_their_own(client: FlaskClient) -> None:
    staff = _channel_list(_page(client, f"/u/sam.staff/c/{REVIEWS}"))
    partner = _channel_list(_page(client, f"/u/pat.partner/c/{ACME}"))

    for name in ("devcenter-announcements", "devcenter-reviews", "partner-acme-analytics", "partner-rocket-metrics"):
        assert name in staff
    assert "devcenter-reviews" not in partner and "partner-rocket-metrics" not in partner


def test_a_channel_the_user_is_not_in_is_refused(client: FlaskClient) -> None:
    answer = client.get(f"/u/pat.partner/c/{REVIEWS}")

    assert answer.status_code == 303 and answer.location == f"/u/pat.partner/c/{ACME}"


def test_an_unknown_user_is_not_found(client: FlaskClient) -> None:
    assert client.get(f"/u/mallory/c/{ACME}").status_code == 404


def test_the_demo_review_card_is_in_the_review_channel_with_its_buttons(client: FlaskClient) -> None:
    html = _page(client, f"/u/sam.staff/c/{REVIEWS}")

    assert '<h3 class="bk-header">Acme Analytics (acme-analytics)</h3>' in html
    assert '<button class="bk-button bk-primary" type="submit">Approve</button>' in html
    assert '<button class="bk-button" type="submit">Request changes</button>' in html
    assert f'value="m:{REVIEWS}:' in html


def test_block_kit_layout_blocks_are_rendered(client: FlaskClient, bot_client: WebClient) -> None:
    bot_client.chat_postMessage(channel=ACME, text="layout", blocks=LAYOUT)

    html = _page(client, f"/u/pat.partner/c/{ACME}")

    assert '<h3 class="bk-header">Release 🚀</h3>' in html
    assert '<div class="bk-text"><b>Ships</b> Wednesday</div>' in html
    assert '<div class="bk-field"><b>Stage:</b> Approved</div><div class="bk-field">Cutoff 5 pm</div>' in html
    assert '<button class="bk-button bk-danger" type="submit">Open</button>' in html
    assert '<span class="bk-context-text">as of <i>today</i></span>' in html and '<hr class="bk-divider">' in html
    assert "<option>Pick</option><option>One</option>" in html
    assert "https://example.com/chart.png" not in re.findall(r'<img[^>]*src="([^"]+)"', html)  # nothing loads off-box
    assert "🖼 chart" in html


def test_the_bots_text_is_never_markup_on_the_page(client: FlaskClient, bot_client: WebClient) -> None:
    evil = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    bot_client.chat_postMessage(
        channel=ACME,
        text=evil,
        blocks=[
            {"type": "header", "text": {"type": "plain_text", "text": evil}},
            {"type": "section", "text": {"type": "mrkdwn", "text": evil}},
            {
                "type": "actions",
                "elements": [{"type": "button", "action_id": "x", "text": {"type": "plain_text", "text": evil}}],
            },
        ],
    )
    bot_client.chat_postMessage(channel=ACME, text=evil)

    html = _page(client, f"/u/pat.partner/c/{ACME}")

    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html


def test_the_tools_show_the_clock_the_jobs_and_the_outbox(client: FlaskClient, sandbox: Sandbox) -> None:
    words = _words(_page(client, f"/u/sam.staff/c/{REVIEWS}"))

    assert "Mon Nov 23 2026, 9:00 AM PST" in words
    assert "release_day Every Day 08:00" in words and "next: Tue Nov 24 2026, 8:00 AM PST" in words
    assert re.search(r"pending 0 sent \d+ failed 0", words)


def test_the_page_loads_nothing_from_off_this_machine(client: FlaskClient) -> None:
    answer = client.get(f"/u/pat.partner/c/{ACME}")

    policy = answer.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "connect-src 'self'" in policy
    assert not re.search(r'(?:src|href)="https?://', answer.get_data(as_text=True).split("<main")[0])


def test_the_outbox_counts_what_the_worker_still_owes_and_what_it_skipped(
    client: FlaskClient, sandbox: Sandbox
) -> None:
    with sandbox.harness.bot.program.uow() as uow:
        first = uow.outbox.latest(1)[0]
        first.status = "maybe_sent"  # an answer was lost: still owed, reconciled before posting again
        uow.commit()

    words = _words(_page(client, f"/u/sam.staff/c/{REVIEWS}"))

    assert re.search(r"pending 1 sent \d+ failed 0 skipped 0", words)
