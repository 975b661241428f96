"""Use cases: catalog metadata — the modal's prefill, saving it (checked), and the staff view with the secrets.

Secrets (support email, test account) are stored and shown to staff only: partner-facing views carry them
blanked, and no log line or audit note ever includes a value (only field names).
"""

from __future__ import annotations

import logging
from dataclasses import fields, replace
from typing import Any

from slackbot.domain import metadata as catalog
from slackbot.domain.actors import Actor
from slackbot.domain.errors import InvalidInput, NotPermitted
from slackbot.domain.metadata import KEPT_WHEN_BLANK, SECRET_FIELDS, CatalogMetadata, Field
from slackbot.domain.views.launch import MetadataView
from slackbot.program import Program
from slackbot.services.cards import post_card_when_ready
from slackbot.services.launch import metadata_of
from slackbot.services.partners import CLOSED, find_integration, require_staff
from storage.models.partners import Integration

log = logging.getLogger(__name__)


def _view(integration: Integration, metadata: CatalogMetadata, *, staff: bool) -> MetadataView:
    on_file = frozenset(f.value for f in KEPT_WHEN_BLANK if getattr(metadata, f.value))
    blanked: dict[str, Any] = {f.value: "" for f in SECRET_FIELDS}
    public = replace(metadata, logo_svg="", mark_svg="", **blanked)
    return MetadataView(
        integration.slug,
        integration.name,
        public,
        on_file,
        catalog.check(metadata),
        staff_secrets=metadata if staff else None,
    )


UNREADABLE = "(sealed with a key DEVCENTER_SECRET_KEY no longer has: ask the partner again)"
NO_SEALING = (
    "This Developer Center cannot store passwords yet (it has no encryption key). Leave the password empty and "
    "send it to partner-support@segment.com."
)


def _sealed(program: Program, password: str) -> str:
    """The password as it is stored: sealed (DEVCENTER_SECRET_KEY), never in plain text."""
    if password and not program.secrets.enabled and not program.secrets.holds(password):
        raise InvalidInput({Field.TEST_PASSWORD.value: NO_SEALING})
    return program.secrets.seal(password)


def metadata_view(program: Program, actor: Actor, slug: str | None) -> MetadataView:
    """What the metadata modal is prefilled with, and what the checker says (never the secrets)."""
    with program.uow() as uow:
        integration = find_integration(uow, actor, slug, what="metadata")
        return _view(integration, metadata_of(integration, uow.catalog.catalog(integration.id)), staff=False)


def staff_metadata(program: Program, actor: Actor, slug: str) -> MetadataView:
    """Staff only: the metadata with the support email and test account login."""
    require_staff(actor, f"staff metadata of {slug}", "Only Segment staff can see the test account and support email.")
    with program.uow() as uow:
        integration = find_integration(uow, actor, slug, what="metadata")
        stored = metadata_of(integration, uow.catalog.catalog(integration.id))
    password = program.secrets.open(stored.test_password)
    return _view(integration, replace(stored, test_password=UNREADABLE if password is None else password), staff=True)


def save_metadata(program: Program, actor: Actor, slug: str, values: dict[str, object]) -> MetadataView:
    """Store what the partner (or staff) typed: wrong values are refused inline, missing ones may wait."""
    now = program.now()
    with program.uow() as uow:
        integration = find_integration(uow, actor, slug, what="metadata")
        if integration.stage in CLOSED:
            raise NotPermitted(f"`{integration.slug}` is {integration.stage.value}; its metadata is closed.")
        before = metadata_of(integration, uow.catalog.catalog(integration.id))
        after = catalog.from_form(values, before)
        kept = program.secrets.holds(after.test_password)  # the stored password, unchanged: sealed, not checked
        if errors := catalog.wrong(replace(after, test_password="kept") if kept else after):
            raise InvalidInput(errors)
        changed = [f.name for f in fields(CatalogMetadata) if getattr(before, f.name) != getattr(after, f.name)]
        stored = {f.name: getattr(after, f.name) for f in fields(CatalogMetadata)}
        stored[Field.TEST_PASSWORD.value] = _sealed(program, after.test_password)
        uow.catalog.save_catalog(integration.id, {**stored, "categories": list(after.categories)}, actor.user_id, now)
        note = "changed: " + (", ".join(changed) or "nothing")  # field names, never values
        uow.audit.record_note(integration, "update_metadata", actor.user_id, now, note)
        post_card_when_ready(uow, program, integration, now)
        uow.commit()
        view = _view(integration, after, staff=False)
    log.info("catalog metadata of %s saved by %s (%d problems left)", view.slug, actor.user_id, len(view.problems))
    return view


def reseal_secrets(program: Program) -> tuple[int, int]:
    """Operator: seal stored passwords with the first key; (how many changed, how many cannot be opened)."""
    changed = unreadable = 0
    with program.uow() as uow:
        for entry in uow.catalog.with_password():
            sealed = program.secrets.reseal(entry.test_password)
            unreadable += program.secrets.open(sealed) is None
            if sealed != entry.test_password:
                entry.test_password, changed = sealed, changed + 1
        uow.commit()
    log.info("resealed %d stored password(s)", changed)
    return changed, unreadable
