"""What people do on the page reaches the real bot exactly as Slack would send it, and the page shows the result."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from slackbot.emulator.text import buttons
from slackbot.emulator.web.live import Watcher
from slackbot.emulator.web.sandbox import Sandbox

ACME, REVIEWS = "C000000001", "C0STAFF001"
PAT, STAFF = f"/u/pat.partner/c/{ACME}", f"/u/sam.staff/c/{REVIEWS}"


def _post(client: FlaskClient, path: str, back: str, **form: str | list[str]) -> str:
    answer = client.post(path, data={"back": back, **form})
    assert answer.status_code == 303, answer.status_code
    assert answer.location == back
    return client.get(back).get_data(as_text=True)


def _review_card_ref(sandbox: Sandbox) -> tuple[str, int]:
    card = next(m for m in sandbox.ws.messages if m.channel == REVIEWS and "acme-analytics" in m.text)
    labels = [b.label for b in buttons(card.blocks)]
    return f"m:{REVIEWS}:{card.ts}", labels.index("Approve")


def test_a_slash_command_answer_is_shown_only_to_whoever_typed_it(client: FlaskClient) -> None:
    html = _post(client, f"{PAT}/say", PAT, text="/devcenter status")

    assert "Only visible to you" in html and "Acme Analytics — status" in html
    staff_view = client.get(f"/u/sam.staff/c/{ACME}").get_data(as_text=True)
    assert "Acme Analytics — status" not in staff_view


def test_a_mention_and_a_plain_message_are_posted_as_the_acting_user(client: FlaskClient) -> None:
    html = _post(client, f"{PAT}/say", PAT, text="@DevCenter help")
    html = _post(client, f"{PAT}/say", PAT, text="Thanks, *team*!")

    assert '<span class="bk-mention">@devcenter</span> help' in html and "💬 1 reply" in html
    assert "Thanks, <b>team</b>!" in html and html.count('<b class="author">Pat Partner</b>') == 2
    thread = re.search(r'href="(/u/pat\.partner/c/C000000001\?thread=[0-9.]+)">💬 1 reply', html)
    assert thread is not None
    reply = client.get(thread.group(1)).get_data(as_text=True).split('id="thread-messages"')[1]
    assert "Developer Center bot" in reply and "Only visible to you" in reply  # answered privately, in the thread


def test_pressing_a_button_sends_the_bot_a_signed_click_on_the_real_button(
    client: FlaskClient, sandbox: Sandbox
) -> None:
    ref, index = _review_card_ref(sandbox)

    html = _post(client, "/u/sam.staff/press", STAFF, press=f"{ref}|{index}|lifecycle.approve_review")

    assert "<b>Stage:</b> Approved" in html and "approved the review" in html
    assert "(updated)" in html and "Mark merged" in html


def test_a_button_that_is_no_longer_on_the_message_is_refused(client: FlaskClient, sandbox: Sandbox) -> None:
    ref, index = _review_card_ref(sandbox)

    html = _post(client, "/u/sam.staff/press", STAFF, press=f"{ref}|{index}|lifecycle.approve_public")

    assert "That button is not there any more" in html
    assert "Mark merged" not in html


def test_someone_else_cannot_press_a_message_they_cannot_see(client: FlaskClient, sandbox: Sandbox) -> None:
    ref, index = _review_card_ref(sandbox)

    html = _post(client, "/u/pat.partner/press", PAT, press=f"{ref}|{index}|lifecycle.approve_review")

    assert "That message is not visible to you." in html


def _dm(sandbox: Sandbox) -> str:
    return f"/u/pat.partner/c/{sandbox.ws.im_with(sandbox.person('pat.partner').id).id}"


def test_a_refused_form_shows_the_bots_errors_next_to_their_inputs_and_keeps_what_was_typed(
    client: FlaskClient, sandbox: Sandbox
) -> None:
    dm = _dm(sandbox)
    html = _post(client, f"{dm}/say", dm, text="/devcenter submit")
    view_id = re.search(r'action="/u/pat.partner/modal/(V\d+)/submit"', html).group(1)  # type: ignore[union-attr]

    html = _post(
        client,
        f"/u/pat.partner/modal/{view_id}/submit",
        dm,
        **{
            "f.name": "Acme <b>Analytics</b>",
            "f.slug": "acme-analytics",
            "f.kind": "cloud",
            "f.pr_url": "https://github.com/acme/acme/pull/1",
        },
    )

    error = re.search(r'<p class="bk-error" id="f\.pr_url-error" role="alert">([^<]+)</p>', html)
    assert error is not None and "action-destinations" in error.group(1)
    assert 'value="Acme &lt;b&gt;Analytics&lt;/b&gt;"' in html
    assert '<option value="cloud" selected>' in html


def test_closing_a_modal_removes_it(client: FlaskClient, sandbox: Sandbox) -> None:
    dm = _dm(sandbox)
    assert 'role="dialog"' in _post(client, f"{dm}/say", dm, text="/devcenter submit")

    assert 'role="dialog"' not in _post(client, "/u/pat.partner/modal/close", dm)


def test_the_home_tab_is_opened_like_slack_opens_it(client: FlaskClient) -> None:
    answer = client.post("/u/pat.partner/home/open")

    assert answer.status_code == 303 and answer.location == "/u/pat.partner/home"
    html = client.get(answer.location).get_data(as_text=True)
    assert "Acme Analytics — Developer Center" in html and "Catalog metadata" in html


def test_the_clock_moves_to_the_release_morning_and_the_job_posts_the_release_card(
    client: FlaskClient, sandbox: Sandbox
) -> None:
    _post(client, "/clock", STAFF, to="release")
    html = _post(client, "/jobs/release_day/run", STAFF)

    assert "Wed Nov 25 2026, 8:00 AM PST" in html
    assert "Job release_day ran" in html and "Release day" in html


def test_the_clock_can_be_set_to_any_moment_in_the_programs_timezone(client: FlaskClient, sandbox: Sandbox) -> None:
    _post(client, "/clock", STAFF, moment="2026-12-01T16:30")
    assert sandbox.now().isoformat() == "2026-12-02T00:30:00+00:00"

    assert "Invalid isoformat" in _post(client, "/clock", STAFF, moment="next tuesday")


def test_an_unknown_job_is_refused_by_name(client: FlaskClient) -> None:
    assert "no job &#39;nightly&#39;" in _post(client, "/jobs/nightly/run", STAFF)


def test_reset_throws_the_demo_away_and_starts_it_again(client: FlaskClient, sandbox: Sandbox) -> None:
    _post(client, f"{PAT}/say", PAT, text="Something to forget")

    answer = client.post("/reset")

    assert answer.status_code == 303
    html = client.get(PAT).get_data(as_text=True)
    assert "Something to forget" not in html and "The demo was reset." in html


def test_every_action_moves_the_live_version_so_open_pages_refresh(client: FlaskClient, watcher: Watcher) -> None:
    before = watcher.version

    _post(client, f"{PAT}/say", PAT, text="/devcenter help")

    assert watcher.version == before + 1


def test_a_form_sends_the_browser_back_only_to_a_page_of_the_sandbox(client: FlaskClient) -> None:
    for elsewhere in ("https://evil.example/", "//evil.example/", "/\\evil.example/"):
        answer = client.post("/u/pat.partner/modal/close", data={"back": elsewhere})

        assert answer.status_code == 303 and answer.location == "/"
