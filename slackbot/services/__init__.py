"""Use cases, one function per thing a user does; `Services` bundles them for the Slack handlers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from slackbot.domain import launch as _launch_rules
from slackbot.domain.actors import Actor
from slackbot.domain.launch import DEFAULT_RULE
from slackbot.domain.lifecycle import Action, Stage
from slackbot.domain.views.home import HomePage
from slackbot.domain.views.launch import ChecklistView, LaunchReport, MetadataView, VerificationView
from slackbot.domain.views.releases import AnnouncementPreview, AnnouncementProgress, DeployReport, ReleaseCard
from slackbot.domain.views.reviews import Card, HistoryLine, QueueItem, StatusReport
from slackbot.kb.answers import Answer, EscalationResult, FaqDraft, FeedbackResult
from slackbot.kb.model import KbEntry
from slackbot.services import access as _access
from slackbot.services import announcements as _announcements
from slackbot.services import checklist as _checklist
from slackbot.services import decisions as _decisions
from slackbot.services import home as _home
from slackbot.services import launch as _launch
from slackbot.services import metadata as _metadata
from slackbot.services import qa as _qa
from slackbot.services import queue as _queue
from slackbot.services import releases as _releases
from slackbot.services import requests as _requests
from slackbot.services import status as _status
from slackbot.services import submissions as _submissions
from slackbot.services import verifications as _verifications
from slackbot.services import welcome as _welcome
from slackbot.services.actors import MembershipCache
from storage.uow import UowFactory


@dataclass(frozen=True)
class Services:
    """What handlers call: each method is one use case; the clock is injected, never read directly."""

    uow: UowFactory
    clock: Callable[[], datetime]
    timezone: str = "America/Los_Angeles"
    review_channel: str | None = None
    announce_channel: str | None = None
    staff_users: frozenset[str] = field(default_factory=frozenset)
    qa_index: _qa.IndexCache = field(default_factory=_qa.IndexCache, compare=False, repr=False)
    members: MembershipCache = field(default_factory=MembershipCache, compare=False, repr=False)
    launch_rule: str = DEFAULT_RULE  # DEVCENTER_LAUNCH_RULE

    def __post_init__(self) -> None:
        _launch_rules.rule(self.launch_rule)  # an unknown rule stops the bot at startup, naming the variable

    def actor(self, user_id: str, *, is_staff: bool, is_external: bool = False) -> Actor:
        """Resolve who is acting: staff (never external) and/or a partner member."""
        partner_id = self.members.partner_of(self.uow, user_id)
        return Actor(user_id, is_staff and not is_external, partner_id, is_external)

    def status(self, actor: Actor, slug: str | None = None) -> StatusReport:
        """/devcenter status [slug]."""
        return _status.status(self.uow, actor, slug, self.clock(), self.timezone)

    def member_joined(self, event_id: str, user_id: str, channel_id: str, *, is_staff: bool, is_external: bool) -> bool:
        """A user joined a channel: queue the partner welcome once."""
        self.members.forget(user_id)
        return _welcome.member_joined(
            self.uow,
            event_id=event_id,
            user_id=user_id,
            channel_id=channel_id,
            is_staff=is_staff,
            is_external=is_external,
            now=self.clock(),
        )

    def first_delivery(self, event_id: str, event_type: str) -> bool:
        """Record an Events API delivery; False for Slack's retries of one already seen."""
        with self.uow() as uow:
            first = uow.events.first_time(event_id, event_type, self.clock())
            uow.commit()
        return first

    def check_can_request_access(self, actor: Actor) -> None:
        """Refuse /devcenter join before its form opens when it cannot succeed."""
        _access.ensure_can_request(self.uow, actor)

    def request_access(self, actor: Actor, values: dict[str, str | None], agreed: bool) -> str:
        """The access-request modal was submitted."""
        self.members.forget(actor.user_id)
        return _access.request_access(
            self.uow, actor, values, agreed, self.clock(), timezone=self.timezone, review_channel=self.review_channel
        )

    def submit(self, actor: Actor, values: dict[str, str | None]) -> _submissions.Receipt:
        """The submit-for-review modal was submitted."""
        return _submissions.submit_for_review(
            self.uow, actor, values, self.clock(), timezone=self.timezone, review_channel=self.review_channel
        )

    def check_staff_action(self, actor: Actor, action: Action, subject_id: int) -> None:
        """Refuse (and log) a non-staff click before anything else happens."""
        _decisions.check(self.uow, actor, action, subject_id)

    def act(self, actor: Actor, action: Action, subject_id: int, expected: Stage, note: str | None = None) -> Card:
        """A staff button (or its reason modal): the decision, audited and notified."""
        return _decisions.act(
            self.uow,
            actor,
            action,
            subject_id,
            expected,
            note,
            self.clock(),
            timezone=self.timezone,
            launch_rule=self.launch_rule,
        )

    def request_title(self, actor: Actor, request_id: int) -> str:
        """What a staff request asks, for the partner's answer modal."""
        return _requests.request_title(request_id, self.uow, actor)

    def answer_request(self, actor: Actor, request_id: int, text: str | None) -> None:
        """The partner's answer to a staff request."""
        _requests.answer_request(self.uow, actor, request_id, text, self.clock(), review_channel=self.review_channel)

    def queue(self, actor: Actor) -> list[QueueItem]:
        """/devcenter queue (staff)."""
        return _queue.staff_queue(self.uow, actor, self.clock(), self.timezone)

    def history(self, actor: Actor, slug: str) -> tuple[str, list[HistoryLine]]:
        """/devcenter history <slug>."""
        return _queue.history(self.uow, actor, slug)

    def check_staff(self, actor: Actor) -> None:
        """Refuse (and log) a staff-only command for anyone else."""
        _announcements.require_staff(actor)

    def deploys(self, actor: Actor) -> DeployReport:
        """/devcenter deploys."""
        return _releases.deploy_report(self.uow, actor, self.clock(), self.timezone)

    def ship_release(self, actor: Actor, release: date) -> ReleaseCard:
        """The release card's "Mark release shipped" button."""
        return _releases.ship_release(
            self.uow, actor, release, self.clock(), timezone=self.timezone, announce_channel=self.announce_channel
        )

    def draft_announcement(self, actor: Actor, text: str | None, stages: list[str] | None) -> AnnouncementPreview:
        """The compose modal: a draft and its exact audience (dry run)."""
        return _announcements.draft(self.uow, actor, text, stages, self.clock(), announce_channel=self.announce_channel)

    def send_announcement(self, actor: Actor, announcement_id: int) -> AnnouncementPreview:
        """The preview modal's Send."""
        return _announcements.send(
            self.uow, actor, announcement_id, self.clock(), announce_channel=self.announce_channel
        )

    def announcement_progress(self, actor: Actor | None, announcement_id: int | None = None) -> AnnouncementProgress:
        """/devcenter announce status."""
        return _announcements.progress(self.uow, actor, announcement_id)

    def database_ok(self) -> bool:
        """True when the database answers."""
        try:
            with self.uow() as uow:
                uow.partners.get(0)
            return True
        except Exception:
            return False

    # -- build Q&A (issue 7) ----------------------------------------------------------------------
    def ask(self, user_id: str, question: str, *, channel: str | None, thread_ts: str | None = None) -> Answer:
        """/devcenter ask and @DevCenter <question>: a cited answer, or "I don't know" and a person."""
        return _qa.ask(
            self.uow,
            self.qa_index,
            question=question,
            asker=user_id,
            channel=channel,
            thread_ts=thread_ts,
            now=self.clock(),
            timezone=self.timezone,
            review_channel=self.review_channel,
        )

    def rate_answer(self, user_id: str, question_id: int, *, helpful: bool) -> FeedbackResult:
        """The Helpful / Not helpful buttons."""
        return _qa.rate_answer(self.uow, question_id=question_id, user_id=user_id, helpful=helpful, now=self.clock())

    def ask_a_person(self, user_id: str, question_id: int) -> EscalationResult:
        """The Ask a person button."""
        return _qa.ask_a_person(
            self.uow, question_id=question_id, user_id=user_id, now=self.clock(), review_channel=self.review_channel
        )

    def staff_replied(
        self, event_id: str, *, channel: str, thread_ts: str, ts: str, user_id: str, text: str, is_staff: bool
    ) -> bool:
        """A reply in a review-channel thread: relayed to the partner when it answers an escalation."""
        return _qa.relay_staff_reply(
            self.uow,
            event_id=event_id,
            channel=channel,
            thread_ts=thread_ts,
            ts=ts,
            user_id=user_id,
            text=text,
            is_staff=is_staff,
            now=self.clock(),
        )

    def faq_draft(
        self, actor: Actor, *, channel: str, message_ts: str, thread_ts: str | None, text: str, author: str | None
    ) -> FaqDraft:
        """Save as FAQ on a message (staff only): the prefilled entry."""
        return _qa.faq_draft(
            self.uow,
            actor=actor,
            channel=channel,
            message_ts=message_ts,
            thread_ts=thread_ts,
            text=text,
            author=author,
            now=self.clock(),
        )

    def save_faq(self, actor: Actor, fields: dict[str, str | None], *, section: str) -> KbEntry:
        """The Save as FAQ form was submitted (staff only)."""
        return _qa.save_faq(
            self.uow,
            self.qa_index,
            actor=actor,
            fields=fields,
            section=section,
            now=self.clock(),
            timezone=self.timezone,
        )

    # -- launching: App Home, checklist, catalog metadata, verifications, launch gates (issue 5) -----------
    def home(self, actor: Actor, focus: str | None = None) -> HomePage:
        """App Home: the staff dashboard, or the partner's integrations with `focus` in detail."""
        return _home.home(self.uow, actor, self.clock(), timezone=self.timezone, rule=self.launch_rule, focus=focus)

    def launch_report(self, actor: Actor, slug: str | None = None) -> LaunchReport:
        """/devcenter status with each beta integration's private-beta URL and launch rule."""
        return _launch.launch_report(self.uow, actor, slug, self.clock(), timezone=self.timezone, rule=self.launch_rule)

    def checklist(self, actor: Actor, slug: str | None = None) -> ChecklistView:
        """/devcenter checklist [slug]."""
        return _checklist.view(self.uow, actor, slug)

    def save_checklist(self, actor: Actor, slug: str, ticked: list[str]) -> ChecklistView:
        """The checklist modal: tick and untick the actor's own items."""
        return _checklist.save(
            self.uow,
            actor,
            slug,
            ticked,
            self.clock(),
            rule=self.launch_rule,
            timezone=self.timezone,
            review_channel=self.review_channel,
        )

    def metadata(self, actor: Actor, slug: str | None = None) -> MetadataView:
        """/devcenter metadata [slug]: the modal's prefill and the checker's findings (no secrets)."""
        return _metadata.metadata_view(self.uow, actor, slug)

    def staff_metadata(self, actor: Actor, slug: str) -> MetadataView:
        """Staff only: the metadata with the support email and the test account login."""
        return _metadata.staff_metadata(self.uow, actor, slug)

    def save_metadata(self, actor: Actor, slug: str, values: dict[str, object]) -> MetadataView:
        """The metadata modal: wrong values refused inline, the rest stored and checked."""
        return _metadata.save_metadata(
            self.uow,
            actor,
            slug,
            values,
            self.clock(),
            rule=self.launch_rule,
            timezone=self.timezone,
            review_channel=self.review_channel,
        )

    def verification_form(self, actor: Actor, slug: str | None = None) -> tuple[str, str, date]:
        """Before the verification modal opens: (slug, name, today), or why it cannot be recorded now."""
        return _verifications.form(self.uow, actor, slug, self.clock(), timezone=self.timezone)

    def record_verification(self, actor: Actor, slug: str, values: dict[str, object]) -> VerificationView:
        """The verification modal: a customer verified the integration (staff confirm it)."""
        return _verifications.record(
            self.uow,
            actor,
            slug,
            values,
            self.clock(),
            timezone=self.timezone,
            rule=self.launch_rule,
            review_channel=self.review_channel,
        )

    def decide_verification(self, actor: Actor, verification_id: int, *, confirm: bool) -> VerificationView:
        """Confirm / Reject on a verification (staff)."""
        return _verifications.decide_verification(
            self.uow,
            actor,
            verification_id,
            confirm,
            self.clock(),
            timezone=self.timezone,
            rule=self.launch_rule,
            review_channel=self.review_channel,
        )

    def post_card(self, actor: Actor, slug: str) -> str:
        """/devcenter card <slug> (staff): the integration's card, with the launch gates, in the review channel."""
        return _launch.post_card(
            self.uow,
            actor,
            slug,
            self.clock(),
            rule=self.launch_rule,
            timezone=self.timezone,
            review_channel=self.review_channel,
        )
