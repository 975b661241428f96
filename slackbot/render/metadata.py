"""Catalog metadata: the modal partners fill in, what the checker says, and the staff-only view of the secrets.

Logo and mark are pasted as SVG markup into plain-text inputs (Slack caps those at 3,000 characters). Secrets and
the SVGs are never prefilled into a modal: a blank field keeps what is on file.
"""

from __future__ import annotations

import json

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    HeaderBlock,
    InputBlock,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from slackbot.domain.metadata import CATEGORIES, MAX_DESCRIPTION, NO_CATEGORY, Field, Problem
from slackbot.domain.views.launch import MetadataView
from slackbot.ids import ActionId, CallbackId
from slackbot.render.common import MAX_MESSAGE_BLOCKS, MAX_VIEW_BLOCKS, checked, context, escape, section

SLACK_TEXT_INPUT_MAX = 3000  # plain_text_input max_length
KEEP = "On file — leave empty to keep it."
SECRET_NOTE = (
    "Support email and test account are stored for Segment staff only: never shown to users or other "
    "partners, never logged."
)
SVG_HELP = (
    "*Logo and mark:* open each .svg file in a text editor and paste everything from `<svg` to `</svg>` "
    "(up to 3,000 characters; minify larger files, e.g. with SVGO). The mark must be square (its viewBox)."
)


def _input(
    field: Field,
    label: str,
    *,
    initial: str = "",
    multiline: bool = False,
    optional: bool = True,
    max_length: int | None = None,
    placeholder: str | None = None,
) -> InputBlock:
    return InputBlock(
        block_id=field.value,
        label=label,
        optional=optional,
        element=PlainTextInputElement(
            action_id=field.value,
            multiline=multiline,
            initial_value=initial[:SLACK_TEXT_INPUT_MAX] or None,
            max_length=max_length,
            placeholder=PlainTextObject(text=placeholder[:150]) if placeholder else None,
        ),
    )


def _select(field: Field, label: str, options: list[Option], initial: str | None, *, optional: bool) -> InputBlock:
    chosen = next((o for o in options if o.value == initial), None)
    return InputBlock(
        block_id=field.value,
        label=label,
        optional=optional,
        element=StaticSelectElement(
            action_id=field.value, placeholder="Choose a category", options=options, initial_option=chosen
        ),
    )


def problems_text(problems: tuple[Problem, ...]) -> str:
    """The checker's findings as a list ('complete' when there are none)."""
    if not problems:
        return ":white_check_mark: The catalog metadata is complete."
    return "*Still missing or wrong:*\n" + "\n".join(
        f"• {':grey_question:' if p.missing else ':x:'} {escape(p.message)}" for p in problems
    )


def metadata_modal(view: MetadataView, *, from_home: bool = False) -> View:
    """The metadata form, prefilled with everything but the SVGs and the secrets."""
    m, on_file = view.metadata, view.on_file
    categories = [Option(value=c, text=c) for c in CATEGORIES]
    keep = lambda f: KEEP if f.value in on_file else None
    blocks: list[Block] = [
        section(
            f"Catalog entry of *{escape(view.name)}* (`{view.slug}`). Save any time; the checker lists what is "
            "still missing."
        ),
        _input(Field.NAME, "Name", initial=m.name, optional=False, max_length=100),
        _input(
            Field.PR_URL, "Link to your most recent action-destinations pull request", initial=m.pr_url, optional=False
        ),
        _input(
            Field.DESCRIPTION,
            f"Description (up to {MAX_DESCRIPTION} characters)",
            initial=m.description,
            multiline=True,
            max_length=MAX_DESCRIPTION,
        ),
        _input(Field.WEBSITE, "Website", initial=m.website, placeholder="https://acme.example.com"),
        _select(
            Field.PRIMARY, "Primary category", categories, m.categories[0] if m.categories else None, optional=True
        ),
        _select(
            Field.SECONDARY,
            "Secondary category",
            [Option(value=NO_CATEGORY, text="No secondary category"), *categories],
            m.categories[1] if len(m.categories) > 1 else None,
            optional=True,
        ),
        section(SVG_HELP),
        _input(
            Field.LOGO,
            "Logo (SVG markup: your company name, horizontal lockup)",
            multiline=True,
            placeholder=keep(Field.LOGO) or '<svg xmlns="http://www.w3.org/2000/svg" …>…</svg>',
        ),
        _input(
            Field.MARK,
            "Mark (SVG markup: square, no company name)",
            multiline=True,
            placeholder=keep(Field.MARK) or '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">…',
        ),
        context(SECRET_NOTE),
        _input(
            Field.SUPPORT_EMAIL,
            "Customer support email (for Segment support only)",
            placeholder=keep(Field.SUPPORT_EMAIL) or "support@acme.example.com",
        ),
        _input(Field.TEST_USERNAME, "Test account username", placeholder=keep(Field.TEST_USERNAME)),
        _input(Field.TEST_PASSWORD, "Test account password", placeholder=keep(Field.TEST_PASSWORD)),
        _input(
            Field.TEST_NOTES, "Notes for logging in and testing", multiline=True, placeholder=keep(Field.TEST_NOTES)
        ),
    ]
    return View(
        type="modal",
        callback_id=CallbackId.METADATA,
        title="Catalog metadata",
        submit="Save",
        close="Cancel",
        private_metadata=json.dumps({"slug": view.slug, "home": from_home}),
        blocks=checked(blocks, MAX_VIEW_BLOCKS),
    )


def saved_modal(view: MetadataView) -> View:
    """What the modal turns into after saving: what the checker says now."""
    return View(
        type="modal",
        callback_id=CallbackId.NOTICE,
        title="Catalog metadata",
        close="Done",
        blocks=[
            section(f"Saved the catalog metadata of *{escape(view.name)}* (`{view.slug}`)."),
            section(problems_text(view.problems)),
        ],
    )


def metadata_text(view: MetadataView) -> str:
    """Fallback text."""
    return f"Catalog metadata of {view.name}: {len(view.problems)} thing(s) missing or wrong"


def metadata_blocks(view: MetadataView, *, staff: bool = False) -> list[Block]:
    """The checker's findings as a message, with a button to open the form (never the secrets: staff get a button
    that opens them in a private modal)."""
    m = view.metadata
    facts = [
        f"*Name:* {escape(m.name) or '—'}",
        f"*Website:* {escape(m.website) or '—'}",
        f"*Categories:* {escape(', '.join(m.categories)) or '—'}",
        f"*Logo:* {'on file' if Field.LOGO in view.on_file else '—'} · "
        f"*Mark:* {'on file' if Field.MARK in view.on_file else '—'} · "
        f"*Support email:* {'on file' if Field.SUPPORT_EMAIL in view.on_file else '—'} · "
        f"*Test account:* {'on file' if Field.TEST_PASSWORD in view.on_file else '—'}",
    ]
    return checked(
        [
            HeaderBlock(text=PlainTextObject(text=f"Catalog metadata — {view.name}"[:150])),
            section("\n".join(facts)),
            section(problems_text(view.problems)),
            ActionsBlock(
                elements=[
                    ButtonElement(
                        text="Edit catalog metadata", action_id=ActionId.OPEN_METADATA, value=view.slug, style="primary"
                    ),
                    *(
                        [ButtonElement(text="Show test account", action_id=ActionId.OPEN_TEST_ACCOUNT, value=view.slug)]
                        if staff
                        else []
                    ),
                ]
            ),
        ],
        MAX_MESSAGE_BLOCKS,
    )


def staff_modal(view: MetadataView) -> View:
    """Staff only: everything, including the support email and the test account login (a private modal)."""
    secret = view.staff_secrets
    assert secret is not None, "staff_modal needs the staff view"
    rows = [
        ("Name", secret.name),
        ("Pull request", secret.pr_url),
        ("Website", secret.website),
        ("Categories", ", ".join(secret.categories)),
        ("Description", secret.description),
        ("Logo", f"{len(secret.logo_svg):,} characters of SVG" if secret.logo_svg else ""),
        ("Mark", f"{len(secret.mark_svg):,} characters of SVG" if secret.mark_svg else ""),
        ("Support email", secret.support_email),
        ("Test account username", secret.test_username),
        ("Test account password", secret.test_password),
        ("Login notes", secret.test_notes),
    ]
    blocks: list[Block] = [
        section("\n".join(f"*{label}:* {escape(value) or '—'}" for label, value in rows)),
        section(problems_text(view.problems)),
        context("Staff only. Do not paste these credentials into channels."),
    ]
    return View(
        type="modal",
        callback_id=CallbackId.NOTICE,
        title="Catalog metadata",
        close="Close",
        blocks=checked(blocks, MAX_VIEW_BLOCKS),
    )
