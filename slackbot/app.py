"""Composition root: the only place that wires settings, storage, services, Slack clients and handlers."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import UTC, datetime

from slack_bolt import App, BoltContext
from slack_sdk import WebClient
from slack_sdk.http_retry import RetryHandler
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler, ServerErrorRetryHandler
from sqlalchemy import Engine

import handlers
from handlers.acks import AckAwareExecutor
from slackbot.config import Settings
from slackbot.domain.github_sync import Reconciler
from slackbot.domain.messages import MessageKind
from slackbot.email import SmtpSender
from slackbot.email.outbox import EmailSender
from slackbot.github.rest import GitHubRest
from slackbot.github.sync import sync_pulls
from slackbot.observability.metrics import record_slack_call
from slackbot.program import Program
from slackbot.sealing import Sealer
from slackbot.services.outbox import KindRouter, Sender
from slackbot.slack.client import ObservedWebClient
from slackbot.slack.directory import SlackDirectory
from slackbot.slack.pacer import Pacer
from slackbot.slack.requests import bolt_logger
from slackbot.slack.sender import SlackSender
from slackbot.slack.worker import OutboxWorker
from storage.db import make_engine, require_current_schema, session_factory
from storage.uow import uow_factory

log = logging.getLogger(__name__)
OUTBOX_LANES = 2  # paced outbox: deliveries in 2 threads, so database work overlaps the wait for the next slot


def system_clock() -> datetime:
    """The real clock, read only at the edges (composition root, worker loops)."""
    return datetime.now(UTC)


def web_client(settings: Settings, *, timeout: int = 10) -> WebClient:
    """The listeners' WebClient on SLACK_API_URL (views.open, chat.update): retries a 429 once and server errors.

    Nothing on it posts a new message: notifications and replies go through the outbox, whose client retries
    nothing itself (a retry inside one attempt could post twice).
    """
    client = slack_client(settings, timeout=timeout)
    client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=1))
    client.retry_handlers.append(ServerErrorRetryHandler(max_retry_count=2))
    return client


def outbox_client(settings: Settings, *, timeout: int = 10) -> WebClient:
    """The outbox's WebClient: no retry handler at all; an uncertain outcome is reconciled, never re-posted blind."""
    return slack_client(settings, timeout=timeout, retry_handlers=[])


def slack_client(settings: Settings, *, timeout: int, retry_handlers: list[RetryHandler] | None = None) -> WebClient:
    """A WebClient on SLACK_API_URL whose every HTTP attempt counts in devcenter_slack_api_calls_total."""
    return ObservedWebClient(
        token=settings.bot_token,
        base_url=settings.slack_api_url,
        timeout=timeout,
        retry_handlers=retry_handlers,
        observe=record_slack_call,
    )


SMTP_TIMEOUT = 15.0  # seconds for one SMTP conversation; a slower server is retried later with backoff


def outbox_sender(settings: Settings, program: Program) -> Sender:
    """Slack messages through the outbox's WebClient, partner emails over SMTP_URL (skipped when it is unset)."""
    slack = SlackSender(outbox_client(settings), Pacer(settings.post_rate))
    target = settings.smtp
    smtp = SmtpSender(target, timeout=SMTP_TIMEOUT) if target is not None else None
    if smtp is None:
        log.warning("SMTP_URL is not set: partner emails are recorded as skipped, not sent")
    return KindRouter(slack, {MessageKind.PARTNER_EMAIL: EmailSender(program, smtp, settings.email_from)})


@dataclass
class Bot:
    """Everything a running bot is made of."""

    settings: Settings
    engine: Engine
    program: Program
    app: App
    directory: SlackDirectory
    outbox: OutboxWorker


def create_app(
    settings: Settings,
    program: Program,
    *,
    client: WebClient,
    directory: SlackDirectory,
    listener_executor: Executor | None = None,
) -> App:
    """The Bolt app with every listener registered; nothing is called on Slack until a request arrives."""
    socket_mode = settings.app_token is not None
    app = App(
        client=client,
        signing_secret=settings.signing_secret or ("unused-in-socket-mode" if socket_mode else None),
        request_verification_enabled=not socket_mode,
        token_verification_enabled=False,  # auth.test happens on the first request instead of at import
        process_before_response=False,
        listener_executor=listener_executor or AckAwareExecutor(),
        logger=bolt_logger(),  # its warnings never quote a request body
    )
    app.use(_shared_client(client))
    handlers.register(app, program, directory)
    return app


def _shared_client(client: WebClient) -> Callable[..., None]:
    """Global middleware: listeners get the app's own client, whose calls are counted, instead of the plain
    WebClient Bolt builds for every request (a copy of it without the observer)."""

    def middleware(context: BoltContext, next: Callable[[], None]) -> None:
        context["client"] = client
        next()

    return middleware


def github_reconciler(settings: Settings) -> Reconciler | None:
    """Reconciliation through GitHub's REST API with GITHUB_TOKEN (None without a token)."""
    config = settings.github
    if not config.sync_enabled:
        return None
    rest = GitHubRest(config.token, repository=config.repository, api_url=config.api_url)
    return lambda tracked, apply: sync_pulls(rest, tracked, apply)


def build_bot(
    settings: Settings,
    *,
    clock: Callable[[], datetime] = system_clock,
    listener_executor: Executor | None = None,
    outbox_interval: float = 1.0,
) -> Bot:
    """Open the database (refusing an unmigrated one) and wire the whole bot."""
    engine = make_engine(settings.database_url)
    require_current_schema(engine)
    program = Program(
        uow=uow_factory(session_factory(engine)),
        clock=clock,
        settings=settings,
        reconciler=github_reconciler(settings),
        secrets=Sealer(settings.secret_keys),
    )
    if not settings.secret_keys:
        log.warning("DEVCENTER_SECRET_KEY is not set: partners cannot store a test-account password")
    client = web_client(settings)
    # the directory is asked before the ack: a short timeout, and no waiting on 429 (its answers are cached)
    lookups = slack_client(settings, timeout=2, retry_handlers=[])
    directory = SlackDirectory(lookups, staff_users=settings.staff_users, staff_usergroup=settings.staff_usergroup)
    app = create_app(settings, program, client=client, directory=directory, listener_executor=listener_executor)
    lanes = OUTBOX_LANES if settings.post_rate > 0 else 1  # unpaced (tests): one lane, a deterministic order
    outbox = OutboxWorker(program, outbox_sender(settings, program), interval=outbox_interval, lanes=lanes)
    return Bot(settings, engine, program, app, directory, outbox)
