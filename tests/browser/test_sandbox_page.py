"""The page in a real browser: live updates, private answers, people switching, and text that stays text."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect
from sandbox_ui import SandboxUI

from slackbot.emulator.web.server import RunningSandbox

pytestmark = pytest.mark.browser

EVIL = '<img src=x onerror="window.pwned=1"><b>Evil</b> Corp'


def _join(ui: SandboxUI, company: str) -> None:
    ui.act_as("zoe.zebra")
    ui.send("/devcenter join")
    ui.submit(
        "Request access",
        {
            "Company name": company,
            "Company website": "https://zebra.example.com",
            "Company email": "zoe@zebra.example.com",
            "How do your customers get data into your tool?": "API",
            "Where will data sent by Segment go and how will it show up in your tool?": "Dashboards",
            "Please explain what your customers use your tool to do": "BI",
            "How did you hear about Segment?": "Blog",
        },
        tick=("I agree to the Partner Program Agreement and Privacy Policy",),
    )


def test_what_the_bot_posts_for_someone_else_appears_without_a_reload(
    page: Page, browser: Browser, sandbox: RunningSandbox, js_errors: list[str]
) -> None:
    staff = SandboxUI(page).open()
    staff.act_as("sam.staff")
    page.evaluate("window.sandboxMarker = 'still the same page'")
    other = browser.new_context(base_url=sandbox.url).new_page()

    _join(SandboxUI(other).open(), "Zebra Metrics")

    card = page.locator("#messages .message").filter(has_text="Access request: Zebra Metrics")
    expect(card).to_be_visible()
    expect(card.get_by_role("button", name="Approve", exact=True)).to_be_visible()
    assert page.evaluate("window.sandboxMarker") == "still the same page"
    expect(page.locator('.count[data-status="sent"] b')).not_to_have_text("0")
    other.context.close()
    assert js_errors == []


def test_a_private_answer_is_marked_and_only_its_reader_sees_it(page: Page, js_errors: list[str]) -> None:
    ui = SandboxUI(page).open()

    ui.send("/devcenter status")

    answer = ui.message("Acme Analytics — status")
    expect(answer.locator(".only-you")).to_have_text("👁 Only visible to you")
    ui.act_as("sam.staff")
    ui.go_to("partner-acme-analytics")
    expect(ui.messages().filter(has_text="Acme Analytics — status")).to_have_count(0)
    assert js_errors == []


def test_text_typed_by_people_is_shown_as_typed_and_never_runs(page: Page, js_errors: list[str]) -> None:
    ui = SandboxUI(page).open()
    ui.send(EVIL)
    expect(ui.message("Evil")).to_contain_text(EVIL)

    _join(ui, EVIL)
    ui.act_as("sam.staff")

    card = ui.message("Access request")
    expect(card.locator(".bk-header")).to_have_text(f"Access request: {EVIL}")
    expect(page.locator(".message b", has_text="Evil")).to_have_count(0)
    assert page.evaluate("window.pwned") is None
    assert js_errors == []


def test_the_acting_as_picker_lists_staff_partners_and_an_external_user(page: Page) -> None:
    SandboxUI(page).open()

    options = page.get_by_label("Acting as").locator("option").all_inner_texts()

    assert options == [
        "Sam Staff — Segment staff",
        "Pat Partner — partner, Acme Analytics (external)",
        "Riley Rocket — partner, Rocket Metrics (external)",
        "Zoe Zebra — Zebra Metrics, not a partner yet (external)",
        "Casey Stranger — in the workspace, neither staff nor partner",
    ]


def test_reset_demo_starts_over_after_a_confirmation(page: Page, js_errors: list[str]) -> None:
    ui = SandboxUI(page).open()
    ui.send("Before the reset")
    page.once("dialog", lambda dialog: dialog.accept())

    ui.click(page.get_by_role("button", name="Reset demo"))

    expect(page.get_by_role("status")).to_have_text("The demo was reset.")
    expect(ui.messages().filter(has_text="Before the reset")).to_have_count(0)
    assert js_errors == []


def test_the_mailbox_shows_the_welcome_email_after_an_approval(page: Page, js_errors: list[str]) -> None:
    ui = SandboxUI(page).open()
    _join(ui, "Zebra Metrics")
    ui.act_as("sam.staff")
    ui.press("Approve", on="Access request: Zebra Metrics")

    ui.click(page.get_by_role("link", name="📬 Mailbox partner emails"))

    email = page.locator(".mail").filter(has_text="Welcome to the Segment Developer Center, Zebra Metrics")
    expect(email.locator(".mail-to")).to_have_text("zoe@zebra.example.com")
    expect(email.locator(".mail-text")).to_contain_text("partner-support@segment.com")
    assert js_errors == []
