"""What a person does on the sandbox page, in words the tests read as sentences (Playwright underneath)."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect


class SandboxUI:
    """The sandbox page as a person uses it: pick who you are, go somewhere, type, click, fill forms."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def open(self) -> SandboxUI:
        """Open the sandbox's start page."""
        self.page.goto("/")
        return self

    # -- who and where ----------------------------------------------------------------------------
    def act_as(self, name: str) -> None:
        """Pick someone in the "Acting as" picker (the page switches at once)."""
        with self.page.expect_navigation():
            self.page.get_by_label("Acting as").select_option(name)
        expect(self.page.get_by_label("Acting as")).to_have_value(name)

    def go_to(self, channel: str) -> None:
        """Open a channel (by name) or 'DevCenter' for the DM with the bot."""
        self.page.get_by_role("navigation", name="Channels").get_by_role("link", name=channel).click()
        heading = "DevCenter" if channel == "DevCenter" else f"#{channel}"
        expect(self.page.get_by_role("heading", level=1)).to_contain_text(heading)

    def open_home(self) -> Locator:
        """Open the App Home tab; returns it."""
        self.page.get_by_role("button", name="Home").click()
        home = self.page.locator("#home-view")
        expect(home).to_be_visible()
        return home

    # -- messages ---------------------------------------------------------------------------------
    def send(self, text: str) -> None:
        """Type in the composer and press Enter."""
        composer = self.page.get_by_label("Message", exact=True)
        composer.fill(text)
        with self.page.expect_navigation():
            composer.press("Enter")

    def messages(self) -> Locator:
        """The messages of the open channel."""
        return self.page.locator("#messages .message")

    def message(self, containing: str) -> Locator:
        """The newest message of the open channel that contains some text."""
        found = self.messages().filter(has_text=containing).last
        expect(found).to_be_visible()
        return found

    def press(self, button: str, *, on: str) -> None:
        """Press a button of the newest message containing `on`."""
        self.click(self.message(on).get_by_role("button", name=button, exact=True))

    def click(self, target: Locator) -> None:
        """Click something that submits a form, and wait for the page it leads to."""
        with self.page.expect_navigation():
            target.click()

    # -- modals -----------------------------------------------------------------------------------
    def modal(self, title: str) -> Locator:
        """The open modal, checked by its title."""
        dialog = self.page.get_by_role("dialog")
        expect(dialog.get_by_role("heading", level=2)).to_have_text(title)
        return dialog

    def fill(
        self, title: str, fields: dict[str, str], *, choose: dict[str, str] | None = None, tick: tuple[str, ...] = ()
    ) -> Locator:
        """Fill the modal: text fields and dates by label, selects by label → option label, checkboxes by label."""
        dialog = self.modal(title)
        for label, value in fields.items():
            dialog.get_by_label(label, exact=True).fill(value)
        for label, option in (choose or {}).items():
            dialog.get_by_label(label, exact=True).select_option(label=option)
        for label in tick:
            dialog.get_by_label(label, exact=True).check()
        return dialog

    def submit(self, title: str, fields: dict[str, str] | None = None, **more: object) -> Locator:
        """Fill (optionally) and press the modal's submit button; returns the dialog locator."""
        dialog = self.fill(title, fields or {}, **more) if fields or more else self.modal(title)  # type: ignore[arg-type]
        self.click(dialog.locator(".modal-footer .bk-primary"))
        return dialog

    def close_modal(self) -> None:
        """Press the modal's ×."""
        self.click(self.page.get_by_role("dialog").get_by_role("button", name="Close"))
        expect(self.page.get_by_role("dialog")).to_have_count(0)

    # -- tools ------------------------------------------------------------------------------------
    def clock(self, shortcut: str) -> None:
        """Press a clock shortcut ('Next release day, 8:00', '+1 day', '+14 days')."""
        self.click(self.page.get_by_role("complementary", name="Sandbox tools").get_by_role("button", name=shortcut))

    def run_job(self, job_id: str) -> None:
        """Run a scheduled job now."""
        self.click(self.page.get_by_role("button", name=f"Run {job_id} now"))

    def github(self, change: str, *, number: str | None = None, fields: dict[str, str] | None = None) -> Locator:
        """Send a change from the GitHub panel ('Review: request changes', 'Merge', …); returns the panel."""
        panel = self.page.get_by_role("form", name="Change a pull request on GitHub")
        panel.get_by_label("Change", exact=True).select_option(label=change)
        if number is not None:
            panel.get_by_label("Pull request", exact=True).fill(number)
        for label, value in (fields or {}).items():
            panel.get_by_label(label, exact=True).fill(value)
        self.click(panel.get_by_role("button", name="Send to GitHub"))
        return self.page.get_by_role("complementary", name="Sandbox tools")
