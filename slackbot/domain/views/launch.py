"""Frozen views of launching that services return and renderers draw (stdlib only, no ORM rows)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from slackbot.domain.checklist import ItemState, Owner, Progress
from slackbot.domain.launch import Evaluation, LaunchRule, Need
from slackbot.domain.lifecycle import Stage
from slackbot.domain.metadata import CatalogMetadata, Problem
from slackbot.domain.verifications import VerificationStatus


@dataclass(frozen=True)
class LaunchStatus:
    """Where an integration stands against the launch gates (metadata, the active launch rule)."""

    integration_id: int
    slug: str
    name: str
    stage: Stage
    rule: LaunchRule
    evaluation: Evaluation | None  # the step it works towards; None before private beta and once public
    metadata_problems: tuple[Problem, ...]
    confirmed: int
    pending: int
    private_beta_url: str | None

    @property
    def metadata_complete(self) -> bool:
        """The catalog metadata checker finds nothing."""
        return not self.metadata_problems

    @property
    def ready(self) -> bool:
        """Every gate of the next launch step passes (public beta also needs complete metadata)."""
        if self.evaluation is None:
            return False
        return self.evaluation.met and (self.metadata_complete or self.evaluation.step is Stage.PUBLIC)

    def waits_on_customers(self) -> bool:
        """The next step still needs confirmed customer verifications."""
        missing = self.evaluation.missing if self.evaluation else ()
        return any(m.requirement.need is Need.CUSTOMERS for m in missing)


@dataclass(frozen=True)
class VerificationView:
    """A customer verification as staff (and its partner) see it."""

    verification_id: int
    slug: str
    name: str
    partner_name: str
    customer: str
    workspace: str
    contact: str
    verified_on: date
    notes: str | None
    status: VerificationStatus
    recorded_by: str
    decided_by: str | None = None
    confirmed_total: int = 0  # confirmed verifications of the integration after this decision
    launch: LaunchStatus | None = None


@dataclass(frozen=True)
class ChecklistView:
    """An integration's Public Beta checklist as one person sees it."""

    slug: str
    name: str
    items: tuple[ItemState, ...]
    progress: Progress
    viewer: Owner


@dataclass(frozen=True)
class MetadataView:
    """Metadata for the modal and reports; secrets stay out unless `staff_secrets` was asked for by staff."""

    slug: str
    name: str
    metadata: CatalogMetadata  # secrets blanked for partners
    on_file: frozenset[str]  # fields stored but not shown (logo, mark, secrets)
    problems: tuple[Problem, ...]
    staff_secrets: CatalogMetadata | None = field(default=None, repr=False)
