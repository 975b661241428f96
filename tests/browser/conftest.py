"""Headless Chromium (Debian's) driven by Playwright against a sandbox served on a free port.

Skipped when /usr/bin/chromium is missing, except in CI (CI=true), where a missing browser fails the run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Error, Page, Playwright, sync_playwright

from slackbot.emulator.web.server import RunningSandbox, running_sandbox

CHROMIUM = Path(os.environ.get("DEVCENTER_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
MONDAY_MORNING = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)  # 09:00 Pacific, two days before a release


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """Debian's Chromium; skipped without it, except in CI, where the browser suite must run."""
    if not CHROMIUM.exists():
        if IN_CI:
            pytest.fail(f"{CHROMIUM} is missing in CI: browser tests must run, not skip")
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    return CHROMIUM


@pytest.fixture(scope="session")
def playwright(chromium_path: Path) -> Iterator[Playwright]:
    """One Playwright driver for the session."""
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright, chromium_path: Path) -> Iterator[Browser]:
    """Debian's Chromium, headless, with nothing that phones home (Playwright never downloads a browser)."""
    chromium = playwright.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS, headless=True)
    yield chromium
    chromium.close()


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[RunningSandbox]:
    """The sandbox on a free port, a fresh database, and a clock frozen at Monday 09:00 Pacific."""
    with running_sandbox("127.0.0.1", 0, database=tmp_path / "sandbox.db", real_clock=lambda: MONDAY_MORNING) as up:
        yield up


@pytest.fixture
def js_errors() -> list[str]:
    """Every uncaught exception and console error of the page (a test ends by asserting there were none)."""
    return []


@pytest.fixture
def page(browser: Browser, sandbox: RunningSandbox, js_errors: list[str], tmp_path: Path) -> Iterator[Page]:
    """A fresh browser page on the sandbox, collecting JavaScript errors; leaves last.png/last.html in tmp_path."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, base_url=sandbox.url)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    tab.on("pageerror", lambda error: js_errors.append(f"uncaught: {error}"))
    tab.on("console", lambda message: _console(message, js_errors))
    yield tab
    try:
        tab.screenshot(path=str(tmp_path / "last.png"))
        (tmp_path / "last.html").write_text(tab.content())
        tab.close()
    except Error:
        pass
    context.close()


def _console(message: ConsoleMessage, errors: list[str]) -> None:
    if message.type == "error":
        errors.append(f"console: {message.text}")
