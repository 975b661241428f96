"""The whole partner lifecycle, clicked through in a real browser as the partner and as staff."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sandbox_ui import SandboxUI

from slackbot.emulator.web.server import RunningSandbox

pytestmark = pytest.mark.browser

SCREENSHOT = Path(__file__).parents[2] / "docs" / "sandbox.png"
SURVEY = {
    "Company name": "Zebra Metrics",
    "Company website": "https://zebra.example.com",
    "Company email": "zoe@zebra.example.com",
    "How do your customers get data into your tool?": "SDKs and a REST API",
    "Where will data sent by Segment go and how will it show up in your tool?": "Events appear in dashboards",
    "Please explain what your customers use your tool to do": "Product analytics",
    "How did you hear about Segment?": "A customer",
}
SUBMISSION = {
    "Integration name": "Zebra Metrics",
    "Slug": "zebra-metrics",
    "Pull request URL": "https://github.com/segmentio/action-destinations/pull/4242",
}
MARK = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="30"/></svg>'
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 64"><text x="4" y="44">Zebra Metrics</text></svg>'
METADATA = {
    "Description (up to 500 characters)": "Zebra Metrics turns Segment events into striped dashboards.",
    "Website": "https://zebra.example.com",
    "Logo (SVG markup: your company name, horizontal lockup)": LOGO,
    "Mark (SVG markup: square, no company name)": MARK,
    "Customer support email (for Segment support only)": "help@zebra.example.com",
    "Test account username": "segment-tester",
    "Test account password": "s3cret-Zebra!",
}
CARD = "Zebra Metrics (zebra-metrics)"
REASON = "What needs to change? (sent to the partner)"


def _verify(ui: SandboxUI, customer: str, workspace: str) -> None:
    ui.send("/devcenter verify")
    ui.submit(
        "Customer verification",
        {
            "Customer (company)": customer,
            "Their Segment workspace (name or slug)": workspace,
            "Contact who verified it (name and email)": f"Ops <ops@{workspace}.example.com>",
        },
    )
    expect(ui.modal("Verification recorded")).to_contain_text(f"Recorded: {customer}")
    ui.close_modal()


def _confirm_verification(ui: SandboxUI, customer: str) -> None:
    ui.act_as("sam.staff")
    ui.press("Confirm", on="Customer verification")
    expect(ui.message("Customer verification")).to_contain_text("Confirmed by @sam.staff")


def _join_and_get_approved(ui: SandboxUI) -> None:
    ui.act_as("zoe.zebra")
    expect(ui.page.get_by_role("heading", level=1)).to_contain_text("DevCenter")
    ui.send("/devcenter join")
    ui.submit("Request access", SURVEY, tick=("I agree to the Partner Program Agreement and Privacy Policy",))
    expect(ui.message("access request")).to_contain_text("We received the access request for Zebra Metrics")
    ui.act_as("sam.staff")
    ui.press("Approve", on="Access request: Zebra Metrics")
    expect(ui.message("Access request: Zebra Metrics")).to_contain_text("approved access")
    ui.act_as("zoe.zebra")
    expect(ui.message("approved")).to_contain_text("is approved for the Developer Center")


def _review(ui: SandboxUI) -> None:
    ui.send("/devcenter submit")
    dialog = ui.submit(
        "Submit for review",
        {**SUBMISSION, "Pull request URL": "https://github.com/zebra/zebra/pull/1"},
        choose={"Kind": "Cloud-mode destination"},
    )
    expect(dialog.locator("[data-block-id=pr_url] .bk-error")).to_contain_text("action-destinations")
    expect(dialog.get_by_label("Integration name")).to_have_value("Zebra Metrics")  # what was typed stays
    ui.submit("Submit for review", {"Pull request URL": SUBMISSION["Pull request URL"]})
    expect(ui.message("for review")).to_contain_text("We received Zebra Metrics (zebra-metrics) for review")
    ui.act_as("sam.staff")
    ui.press("Request changes", on=CARD)
    ui.submit("Request changes", {REASON: "Please add unit tests for the identify action."})
    ui.act_as("zoe.zebra")
    expect(ui.message("unit tests")).to_contain_text("Please add unit tests for the identify action.")
    ui.send("/devcenter submit")
    ui.submit("Submit for review", SUBMISSION, choose={"Kind": "Cloud-mode destination"})
    ui.act_as("sam.staff")
    ui.press("Request replay info", on=CARD)
    ui.act_as("zoe.zebra")
    ui.press("Answer", on="replay compatibility")
    ui.submit("Answer Segment", {"Your answer": "Yes: we dedupe on messageId."})
    expect(ui.modal("Answer sent")).to_contain_text("Sent. Your answer on replay compatibility info")
    ui.close_modal()
    expect(ui.message("replay compatibility")).to_contain_text("Answered by @zoe.zebra")
    ui.act_as("sam.staff")
    ui.click(ui.message(CARD).get_by_role("link", name=re.compile("1 reply")))
    expect(ui.page.locator("#thread-messages")).to_contain_text("we dedupe on messageId")
    ui.press("Approve", on=CARD)
    ui.press("Mark merged", on=CARD)
    expect(ui.message(CARD)).to_contain_text("Merged")


def _release_day(ui: SandboxUI) -> None:
    ui.clock("Next release day, 8:00")
    expect(ui.page.locator("#clock-now")).to_contain_text("Wed Nov 25 2026, 8:00 AM PST")
    ui.run_job("release_day")
    ui.press("Mark release shipped", on="Release day")
    ui.act_as("zoe.zebra")
    expect(ui.message("private beta")).to_contain_text(
        "https://app.segment.com/goto-my-workspace/destinations/catalog/zebra-metrics"
    )


def _launch(ui: SandboxUI) -> None:
    ui.click(ui.open_home().get_by_role("button", name="Catalog metadata"))
    dialog = ui.submit("Catalog metadata", METADATA, choose={"Primary category": "Analytics"})
    expect(dialog).to_contain_text("The catalog metadata is complete")
    ui.close_modal()
    ui.go_to("DevCenter")
    _verify(ui, "Globex", "globex")
    _confirm_verification(ui, "Globex")
    ui.press("Approve public beta", on=CARD)
    ui.act_as("zoe.zebra")
    expect(ui.message("public beta")).to_contain_text("is approved for public beta")
    _verify(ui, "Initech", "initech")
    _confirm_verification(ui, "Initech")
    ui.clock("+14 days")
    ui.run_job("launch_gates")
    ui.press("Approve public", on=CARD)
    ui.act_as("zoe.zebra")
    expect(ui.message("is public")).to_contain_text("Any Segment customer can find it in the catalog")


def test_a_new_partner_goes_from_join_to_public_by_clicks_alone(
    page: Page, sandbox: RunningSandbox, js_errors: list[str], tmp_path: Path
) -> None:
    ui = SandboxUI(page).open()
    expect(page.get_by_label("Acting as")).to_have_value("pat.partner")
    expect(page.get_by_role("heading", level=1)).to_have_text("#partner-acme-analytics")

    _join_and_get_approved(ui)
    _review(ui)
    _release_day(ui)
    _launch(ui)

    ui.act_as("sam.staff")
    page.screenshot(path=str(SCREENSHOT if os.environ.get("UPDATE_SCREENSHOT") == "1" else tmp_path / "sandbox.png"))
    assert js_errors == []
