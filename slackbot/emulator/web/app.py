"""The sandbox's Flask app: pages rendered from the emulated workspace, forms that act through the emulator."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from typing import Any, cast
from zoneinfo import ZoneInfo

from flask import Blueprint, Flask, Response, abort, current_app, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from slackbot.emulator.dsl import EmulatorError
from slackbot.emulator.mailbox import mailbox
from slackbot.emulator.web import actions, adapter, blocks, forms, views
from slackbot.emulator.web.live import Watcher
from slackbot.emulator.web.sandbox import Sandbox
from slackbot.emulator.workspace import User

EXTENSION = "devcenter_sandbox"
LIVE_HEADER = "X-Sandbox-Live"
# nothing the page loads may come from off this machine; scripts and styles are our own files only
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
FAILURES = (EmulatorError, KeyError, ValueError, StopIteration)

bp = Blueprint("sandbox", __name__)


def create_app(sandbox: Sandbox, watcher: Watcher) -> Flask:
    """The web app over a running sandbox (`watcher` feeds the live updates)."""
    app = Flask(__name__)
    app.secret_key = secrets.token_hex(16)  # flashed notices only; a new one per run is fine
    app.extensions[EXTENSION] = (sandbox, watcher)
    app.jinja_env.globals.update(
        text=lambda obj: blocks.text_html(obj, sandbox.names),
        plain_text=blocks.plain_text,
        local_image=blocks.local_image,
        field_name=forms.field_name,
        shown_value=forms.shown_value,
        shown_values=forms.shown_values,
        safe_url=_safe_url,
    )
    app.jinja_env.filters["digest"] = lambda html: hashlib.blake2b(str(html).encode(), digest_size=8).hexdigest()
    app.register_blueprint(bp)
    app.after_request(_headers)
    return app


def _headers(response: BaseResponse) -> BaseResponse:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _sandbox() -> Sandbox:
    return cast(tuple[Sandbox, Watcher], current_app.extensions[EXTENSION])[0]


def _watcher() -> Watcher:
    return cast(tuple[Sandbox, Watcher], current_app.extensions[EXTENSION])[1]


def _safe_url(url: Any) -> bool:
    return isinstance(url, str) and url.lower().startswith(("http://", "https://", "mailto:"))


def _user(name: str) -> User:
    try:
        return _sandbox().person(name)
    except KeyError:
        abort(404)


def _back() -> BaseResponse:
    """Back to the page the form was on (a local path only)."""
    target = request.form.get("back", "/")
    if not target.startswith("/") or target.startswith("//") or "\\" in target:  # browsers read \ as /
        target = "/"
    _watcher().check()
    return redirect(target, code=303)


def _here() -> str:
    query = request.query_string.decode()
    return request.path + (f"?{query}" if query else "")


# -- pages ------------------------------------------------------------------------------------------
@bp.get("/")
def index() -> BaseResponse:
    """The demo opens as the Acme Analytics partner in their shared channel."""
    sandbox = _sandbox()
    return _land(sandbox.session.world.pat)


@bp.get("/switch")
def switch() -> BaseResponse:
    """The "Acting as" picker."""
    return _land(_user(request.args.get("user", "")))


def _land(user: User) -> BaseResponse:
    channel = _sandbox().home_channel(user)
    return redirect(url_for("sandbox.channel_page", name=user.name, channel_id=channel.id), code=303)


@bp.get("/u/<name>/c/<channel_id>")
def channel_page(name: str, channel_id: str) -> str | BaseResponse:
    """A channel or DM with its messages, the open thread and the composer."""
    sandbox = _sandbox()
    with sandbox.lock:
        user = _user(name)
        try:
            channel = sandbox.channel_for(user, channel_id)
        except KeyError:
            flash("You are not in that channel.", "error")
            return _land(user)
        thread_ts = request.args.get("thread")
        return _page(
            "channel.html",
            user,
            channel.id,
            channel=channel,
            thread_ts=thread_ts,
            messages=views.timeline(sandbox, user, channel),
            thread=views.thread(sandbox, user, channel, thread_ts) if thread_ts else [],
        )


@bp.get("/u/<name>/mail")
def mail_page(name: str) -> str:
    """The mailbox: every email the bot sent to partners (to the sandbox's local mail server), newest first."""
    sandbox = _sandbox()
    with sandbox.lock:
        user = _user(name)
        emails = list(reversed(mailbox(sandbox.harness.mail)))
        return _page(
            "mail.html", user, None, emails=emails, mail_url=sandbox.harness.mail.url if sandbox.harness.mail else None
        )


@bp.get("/u/<name>/home")
def home_page(name: str) -> str:
    """The App Home tab as the bot last published it for this user."""
    sandbox = _sandbox()
    with sandbox.lock:
        user = _user(name)
        view, home_blocks = views.home(sandbox, user)
        return _page("home.html", user, None, home_view=view, home_blocks=home_blocks)


def _page(template: str, user: User, current: str | None, **context: Any) -> str:
    sandbox = _sandbox()
    now = sandbox.now()
    modal = views.modal(sandbox, user)
    return render_template(
        template,
        acting=user,
        people=sandbox.people(),
        channels=views.channel_items(sandbox, user, current),
        modal=modal,
        modal_errors=modal.draft.errors if modal and modal.draft else {},
        modal_draft=modal.draft.values if modal and modal.draft else None,
        now_text=views.clock_text(now, sandbox.timezone),
        now_local=now.astimezone(ZoneInfo(sandbox.timezone)),
        jobs=adapter.jobs(now, sandbox.timezone),
        github=adapter.github_panel(sandbox.harness),
        outbox=adapter.outbox_summary(sandbox.harness),
        channel_name=sandbox.channel_name,
        clock_text=lambda m: views.clock_text(m, sandbox.timezone),
        back=_here(),
        version=_watcher().version,
        live_request=LIVE_HEADER in request.headers,
        **context,
    )


@bp.get("/events")
def events() -> Response:
    """Server-sent events: a new number whenever the page has something new to show."""
    return Response(
        _watcher().stream(),
        mimetype="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


# -- what people do -----------------------------------------------------------------------------
def _act(action: Callable[..., object], *args: Any, success: str | None = None) -> BaseResponse:
    try:
        result = action(_sandbox(), *args)
    except FAILURES as error:
        flash(str(error).strip("'\"") or "That did not work.", "error")
    else:
        if success:
            flash(success.format(result=result), "info")
    return _back()


@bp.post("/u/<name>/c/<channel_id>/say")
def say(name: str, channel_id: str) -> BaseResponse:
    """The composer (also the thread reply box)."""
    sandbox, user = _sandbox(), _user(name)
    try:
        channel = sandbox.channel_for(user, channel_id)
    except KeyError:
        abort(404)
    return _act(actions.compose, user, channel, request.form.get("text", ""), request.form.get("thread_ts") or None)


@bp.post("/u/<name>/press")
def press(name: str) -> BaseResponse:
    """A Block Kit button: the real button is looked up in the workspace and pressed through the emulator."""
    ref, _, rest = request.form.get("press", "").partition("|")
    index, _, action_id = rest.partition("|")
    if not index.isdigit():
        abort(400)
    return _act(actions.press, _user(name), ref, int(index), action_id)


@bp.post("/u/<name>/modal/<view_id>/submit")
def submit(name: str, view_id: str) -> BaseResponse:
    """The modal's submit button; the bot's inline errors are shown next to their inputs."""
    form = {key: request.form.getlist(key) for key in request.form}
    return _act(actions.submit, _user(name), view_id, form)


@bp.post("/u/<name>/modal/close")
def close_modal(name: str) -> BaseResponse:
    """The modal's × and Cancel buttons."""
    return _act(actions.close_modal, _user(name))


@bp.post("/u/<name>/home/open")
def open_home(name: str) -> BaseResponse:
    """Open the Home tab (Slack sends app_home_opened), then show it."""
    user = _user(name)
    try:
        actions.open_home(_sandbox(), user)
    except FAILURES as error:
        flash(str(error), "error")
    _watcher().check()
    return redirect(url_for("sandbox.home_page", name=user.name), code=303)


@bp.post("/clock")
def clock() -> BaseResponse:
    """Set or move the emulator's clock."""
    form = request.form
    if form.get("to") == "release":
        return _act(actions.to_release_morning, success="Clock moved to the release-day morning.")
    if form.get("days"):
        days = form["days"]
        return _act(lambda sandbox: actions.shift_clock(sandbox, float(days)), success="Clock moved forward.")
    return _act(actions.set_clock, form.get("moment", ""), success="Clock set.")


@bp.post("/github")
def github() -> BaseResponse:
    """The GitHub panel: a review, merge, close or push on the fake GitHub, delivered to the bot as a webhook."""
    form = {key: request.form.get(key, "") for key in ("change", "number", "by", "at", "body", "missed")}
    return _act(actions.github_change, form, success="GitHub: {result}")


@bp.post("/jobs/<job_id>/run")
def run_job(job_id: str) -> BaseResponse:
    """Run a scheduled job now (at the sandbox clock's time)."""
    return _act(actions.run_job, job_id, success=f"Job {job_id} ran: {{result}}.")


@bp.post("/reset")
def reset() -> BaseResponse:
    """Start the demo over: fresh database, fresh workspace, real time."""
    _sandbox().reset()
    flash("The demo was reset.", "info")
    _watcher().check()
    return redirect(url_for("sandbox.index"), code=303)
