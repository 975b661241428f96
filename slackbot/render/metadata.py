"""Catalog metadata: the modal partners fill in, what the checker says, and the staff-only view of the secrets.

Logo and mark are pasted as SVG markup into plain-text inputs (Slack caps those at 3,000 characters). Secrets and
the SVGs are never prefilled into a modal: a blank field keeps what is on file.
"""

from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    Option,
)
from slack_sdk.models.views import View

from slackbot.domain.metadata import CATEGORIES, MAX_DESCRIPTION, NO_CATEGORY, CatalogMetadata, Field, Problem
from slackbot.domain.views.launch import MetadataView
from slackbot.ids import ActionId, CallbackId
from slackbot.render.common import (
    MAX_MESSAGE_BLOCKS,
    MAX_VIEW_BLOCKS,
    checked,
    context,
    header,
    modal,
    section,
    select_input,
    text_input,
)
from slackbot.render.mrkdwn import Md, code, joined, md
from slackbot.wire import SlugMeta

SLACK_TEXT_INPUT_MAX = 3000  # plain_text_input max_length
KEEP = "On file — leave empty to keep it."
SECRET_NOTE = Md(
    "Support email and test account are stored for Segment staff only: never shown to users or other "
    "partners, never logged."
)
SVG_HELP = Md(
    "*Logo and mark:* open each .svg file in a text editor and paste everything from `<svg` to `</svg>` "
    "(up to 3,000 characters; minify larger files, e.g. with SVGO). The mark must be square (its viewBox)."
)


def problems_text(problems: tuple[Problem, ...]) -> Md:
    """The checker's findings as a list ('complete' when there are none)."""
    if not problems:
        return Md(":white_check_mark: The catalog metadata is complete.")
    lines = (
        md("• {mark} {problem}", mark=":grey_question:" if p.missing else ":x:", problem=p.message) for p in problems
    )
    return md("*Still missing or wrong:*\n{lines}", lines=joined("\n", lines))


def _catalog_inputs(m: CatalogMetadata) -> list[Block]:
    categories = [Option(value=c, text=c) for c in CATEGORIES]
    secondary = [Option(value=NO_CATEGORY, text="No secondary category"), *categories]
    pr_label = "Link to your most recent action-destinations pull request"
    return [
        text_input(Field.NAME, "Name", initial=m.name, max_length=100),
        text_input(Field.PR_URL, pr_label, initial=m.pr_url),
        text_input(
            Field.DESCRIPTION, f"Description (up to {MAX_DESCRIPTION} characters)", initial=m.description,
            multiline=True, max_length=MAX_DESCRIPTION, optional=True,
        ),
        text_input(Field.WEBSITE, "Website", initial=m.website, placeholder="https://acme.example.com", optional=True),
        select_input(
            Field.PRIMARY, "Primary category", categories, initial=m.categories[0] if m.categories else None,
            placeholder="Choose a category", optional=True,
        ),
        select_input(
            Field.SECONDARY, "Secondary category", secondary,
            initial=m.categories[1] if len(m.categories) > 1 else None,
            placeholder="Choose a category", optional=True,
        ),
    ]  # fmt: skip


def _kept_inputs(on_file: frozenset[str]) -> list[Block]:
    """The SVGs and the secrets: never prefilled; a blank field keeps what is on file."""
    keep = lambda f, fallback=None: KEEP if f.value in on_file else fallback
    blank = lambda f, label, placeholder=None, multiline=False: text_input(
        f, label, multiline=multiline, placeholder=keep(f, placeholder), optional=True
    )
    return [
        section(SVG_HELP),
        blank(Field.LOGO, "Logo (SVG markup: your company name, horizontal lockup)",
              '<svg xmlns="http://www.w3.org/2000/svg" …>…</svg>', multiline=True),
        blank(Field.MARK, "Mark (SVG markup: square, no company name)",
              '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">…', multiline=True),
        context(SECRET_NOTE),
        blank(Field.SUPPORT_EMAIL, "Customer support email (for Segment support only)", "support@acme.example.com"),
        blank(Field.TEST_USERNAME, "Test account username"),
        blank(Field.TEST_PASSWORD, "Test account password"),
        blank(Field.TEST_NOTES, "Notes for logging in and testing", multiline=True),
    ]  # fmt: skip


def metadata_modal(view: MetadataView, *, from_home: bool = False) -> View:
    """The metadata form, prefilled with everything but the SVGs and the secrets."""
    intro = section(
        md(
            "Catalog entry of *{name}* ({slug}). Save any time; the checker lists what is still missing.",
            name=view.name,
            slug=code(view.slug),
        )
    )
    blocks: list[Block] = [intro, *_catalog_inputs(view.metadata), *_kept_inputs(view.on_file)]
    metadata = SlugMeta(view.slug, from_home)
    return modal(CallbackId.METADATA, "Catalog metadata", "Save", blocks, metadata)


def saved_modal(view: MetadataView) -> View:
    """What the modal turns into after saving: what the checker says now."""
    return View(
        type="modal",
        callback_id=CallbackId.NOTICE,
        title="Catalog metadata",
        close="Done",
        blocks=[
            section(md("Saved the catalog metadata of *{name}* ({slug}).", name=view.name, slug=code(view.slug))),
            section(problems_text(view.problems)),
        ],
    )


def metadata_text(view: MetadataView) -> Md:
    """Fallback text."""
    return md("Catalog metadata of {name}: {count} thing(s) missing or wrong", name=view.name, count=len(view.problems))


def metadata_blocks(view: MetadataView, *, staff: bool = False) -> list[Block]:
    """The checker's findings as a message, with a button to open the form (never the secrets: staff get a button
    that opens them in a private modal)."""
    m = view.metadata
    kept = lambda f: "on file" if f in view.on_file else "—"
    facts = [
        md("*Name:* {name}", name=m.name or "—"),
        md("*Website:* {website}", website=m.website or "—"),
        md("*Categories:* {categories}", categories=", ".join(m.categories) or "—"),
        md("*Logo:* {logo} · *Mark:* {mark} · *Support email:* {email} · *Test account:* {account}",
           logo=kept(Field.LOGO), mark=kept(Field.MARK), email=kept(Field.SUPPORT_EMAIL),
           account=kept(Field.TEST_PASSWORD)),
    ]  # fmt: skip
    return checked(
        [
            header(f"Catalog metadata — {view.name}"),
            section(joined("\n", facts)),
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
        section(joined("\n", (md("*{label}:* {value}", label=label, value=value or "—") for label, value in rows))),
        section(problems_text(view.problems)),
        context(Md("Staff only. Do not paste these credentials into channels.")),
    ]
    return View(
        type="modal",
        callback_id=CallbackId.NOTICE,
        title="Catalog metadata",
        close="Close",
        blocks=checked(blocks, MAX_VIEW_BLOCKS),
    )
