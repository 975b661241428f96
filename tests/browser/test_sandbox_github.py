"""The sandbox's GitHub panel in a real browser: staff change Acme's pull request and the bot follows by webhook."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sandbox_ui import SandboxUI

pytestmark = pytest.mark.browser


def test_a_review_and_a_merge_from_the_panel_move_acme_and_reach_its_partner(page: Page, js_errors: list[str]) -> None:
    ui = SandboxUI(page).open()
    ui.act_as("sam.staff")

    tools = ui.github("Review: request changes", number="3141", fields={"Review comment": "Please add unit tests."})

    expect(page.get_by_role("status")).to_contain_text("GitHub: pull_request_review.submitted → 200 applied")
    expect(tools.get_by_role("list", name="Webhook deliveries, newest first")).to_contain_text("request_changes")
    card = ui.message("Acme Analytics (acme-analytics)")
    expect(card).to_contain_text("Changes requested")
    expect(card).to_contain_text("github:segment-eng requested changes")

    ui.github("Merge", fields={"At (empty: now)": "2026-11-24T16:59"})

    expect(ui.message("Acme Analytics (acme-analytics)")).to_contain_text("Tue Nov 24, 4:59 PM PST")
    ui.act_as("pat.partner")
    expect(ui.message("is merged and ships")).to_contain_text("Wednesday Nov 25 release")
    expect(ui.message("requested changes")).to_contain_text("Please add unit tests.")
    assert js_errors == []
