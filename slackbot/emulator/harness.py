"""Everything wired for tests and the console: fake Slack, the real bot over HTTP, the DSL."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server
from zoneinfo import ZoneInfo

from handlers.acks import AckAwareExecutor
from slackbot.app import Bot, build_bot
from slackbot.config import GitHubConfig, Settings
from slackbot.domain.messages.base import UNDELIVERED
from slackbot.emulator.driver import Driver
from slackbot.emulator.dsl import Emulator
from slackbot.emulator.github import FakeGitHub
from slackbot.emulator.mail import LocalMailServer
from slackbot.emulator.server import FakeSlack
from slackbot.emulator.workspace import Workspace
from slackbot.sealing import new_key
from slackbot.web import EVENTS_PATH, GITHUB_EVENTS_PATH, bot_wsgi_app


class FrozenClock:
    """A clock that moves only when told to."""

    def __init__(self, now: datetime | None = None) -> None:
        self.now = now or datetime(2026, 11, 23, 17, 0, tzinfo=UTC)  # a Monday, 09:00 Pacific

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        """Move forward by timedelta(**delta)."""
        self.now += timedelta(**delta)
        return self.now


class ShiftedClock:
    """Real time, moved by an offset (the console's `:time` command travels to release day)."""

    def __init__(self, real: Callable[[], datetime]) -> None:
        self.real, self.offset = real, timedelta()

    def __call__(self) -> datetime:
        return self.real() + self.offset

    def set(self, moment: datetime) -> None:
        """Make it `moment` now (time keeps running from there)."""
        self.offset = moment - self.real()


def github_settings(github: FakeGitHub, staff_logins: frozenset[str] = frozenset()) -> GitHubConfig:
    """The bot's GitHub settings for a fake GitHub: its webhook secret, repository, token and REST URL."""
    return GitHubConfig(github.secret, github.repository, github.token, github.api_url, staff_logins)


def fake_github(clock: Callable[[], datetime]) -> FakeGitHub:
    """A started fake GitHub with a fresh webhook secret and token (the Harness points its webhook at the bot)."""
    return FakeGitHub(clock, secret=secrets.token_hex(16), token=f"ghp_{secrets.token_hex(18)}").start()


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return None


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


def emulated_settings(database_url: str, slack_api_url: str, **settings: Any) -> Settings:
    """The settings of a bot talking to the fake Slack: a made-up token, signing secret and secret key."""
    return Settings(
        bot_token="xoxb-emulator",
        signing_secret=secrets.token_hex(16),
        slack_api_url=slack_api_url,
        database_url=database_url,
        secret_keys=(new_key(),),  # a throwaway database: a key made up for this run
        **{"post_rate": 0.0, **settings},  # 0 in tests: a frozen clock, no waiting
    )


class Harness:
    """Fake Slack on a free port, the bot served over real HTTP on another, and an Emulator to drive it."""

    def __init__(
        self,
        database_url: str,
        *,
        clock: Callable[[], datetime] | None = None,
        staff_users: frozenset[str] = frozenset(),
        review_channel: str | None = None,
        announce_channel: str | None = None,
        slack: FakeSlack | None = None,
        post_rate: float = 0.0,
        github: FakeGitHub | None = None,
        mail: LocalMailServer | None = None,
        **settings: Any,
    ) -> None:
        """`settings` are further Settings fields (launch_rule=...); with `github` (a started fake GitHub), the bot
        takes its webhooks (its secret) and reads its REST API (its token), and every delivery settles."""
        settings.update({"github": github_settings(github)} if github and "github" not in settings else {})
        settings.update({"smtp_url": mail.url} if mail is not None and "smtp_url" not in settings else {})
        self.mail = mail  # a started LocalMailServer the bot sends partner email to (SMTP_URL), or None: email off
        self.clock = clock or FrozenClock()
        if slack is None and isinstance(self.clock, FrozenClock):  # one timeline: rate windows, trigger expiry
            frozen = self.clock
            slack = FakeSlack(Workspace(monotonic=lambda: frozen().timestamp()))
        self.slack = (slack or FakeSlack()).start()
        settings.update(staff_users=staff_users, review_channel=review_channel, announce_channel=announce_channel)
        self.settings = emulated_settings(database_url, self.slack.api_url, post_rate=post_rate, **settings)
        self.executor = AckAwareExecutor()
        self.bot: Bot = build_bot(self.settings, clock=self.clock, listener_executor=self.executor)
        self.http = self._serve()
        self.app_url = f"http://127.0.0.1:{self.http.server_address[1]}{EVENTS_PATH}"
        self.github = self._hook(github)
        secret = self.settings.signing_secret or ""
        self.driver = Driver(self.app_url, secret, self.slack.workspace, self.slack.base_url)
        self.emu = Emulator(self.slack, self.driver, self.settle)

    def _hook(self, github: FakeGitHub | None) -> FakeGitHub | None:
        """Point the fake GitHub's webhook at the bot; every delivery then settles, as a Slack request does."""
        if github is not None:
            github.webhook_url = f"http://127.0.0.1:{self.http.server_address[1]}{GITHUB_EVENTS_PATH}"
            github.on_delivered = self.settle
        return github

    def _serve(self) -> WSGIServer:
        """The bot's WSGI app on 127.0.0.1, on a port the system picks, answered on a background thread."""
        server = make_server(
            "127.0.0.1", 0, bot_wsgi_app(self.bot), server_class=_ThreadingWSGIServer, handler_class=_QuietHandler
        )
        threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="bot-http", daemon=True
        ).start()
        return server

    def settle(self) -> None:
        """Wait for post-ack work, then deliver whatever the outbox has due now."""
        self.executor.wait_idle()
        self.bot.outbox.drain()

    def run_job(self, job_id: str) -> object:
        """Run a scheduled job now (at the harness clock's time), then deliver what it queued."""
        from slackbot.jobs.tasks import BY_ID

        result = BY_ID[job_id].run(self.bot.program, self.clock())
        self.settle()
        return result

    def release_morning(self) -> datetime:
        """When the release-day card is posted for the release a merge made now ships in (freezes, emergencies)."""
        from slackbot.jobs.tasks import BY_ID
        from slackbot.services.releases_calendar import schedule

        program, now = self.bot.program, self.clock()
        with program.uow() as uow:
            release = schedule(uow, program.timezone, now).next_window(now).release
        cron = BY_ID["release_day"].cron
        card = time(int(cron["hour"]), int(cron.get("minute", "0")))
        return datetime.combine(release, card, tzinfo=ZoneInfo(program.timezone))

    def deliver_all(self, max_passes: int = 1000) -> int:
        """Drain the outbox until nothing is pending, moving a frozen clock to each Retry-After; returns passes."""
        for passes in range(1, max_passes + 1):
            self.executor.wait_idle()
            report = self.bot.outbox.drain()
            with self.bot.program.uow() as uow:
                counts = uow.outbox.counts()
                if not any(counts.get(status) for status in UNDELIVERED):
                    return passes
                due = report.next_retry_at or uow.outbox.next_attempt_at()
            if due and isinstance(self.clock, FrozenClock):
                self.clock.now = max(self.clock.now, due)
        raise TimeoutError("outbox still has pending messages")

    def close(self) -> None:
        """Stop servers (the fake GitHub too) and release the database."""
        if self.github is not None:
            self.github.stop()
        if self.mail is not None:
            self.mail.stop()
        self.http.shutdown()
        self.http.server_close()
        self.executor.shutdown()
        self.slack.stop()
        self.bot.engine.dispose()
