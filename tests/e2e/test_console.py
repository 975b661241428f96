"""The console sandbox, driven the way `printf '…' | make run` drives it."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from slackbot.emulator.console import run_console

A_MONDAY_MORNING = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)  # 09:00 Pacific; the console's real clock stands still


def _run(script: str, tmp_path: Path) -> str:
    out = io.StringIO()
    assert run_console(io.StringIO(script), out, database=tmp_path / "console.db") == 0
    return out.getvalue()


def test_partner_then_staff_see_stages_in_the_console(tmp_path: Path) -> None:
    output = _run("/devcenter status\n:as staff\n/devcenter status acme-analytics\n", tmp_path)

    partner_part, staff_part = output.split("you are now @sam.staff")
    assert "Acme Analytics" in partner_part and "In review" in partner_part
    assert "In review" in staff_part and "pull/3141" in staff_part


def test_console_explains_its_own_commands_and_bad_input(tmp_path: Path) -> None:
    output = _run(":help\n:click 9\n:nonsense\n:reply\n", tmp_path)

    assert ":click <n|label>" in output and ":reply [n] <text>" in output and ":close" in output
    assert "! no button [9] in the last output" in output
    assert "! unknown console command :nonsense" in output
    assert "! reply what?" in output


def test_join_in_console_posts_one_welcome_and_home_renders(tmp_path: Path) -> None:
    output = _run(
        ":as riley\n:join riley #partner-rocket-metrics\n:join riley #partner-rocket-metrics\n:home\n", tmp_path
    )

    assert output.count("Welcome @riley.rocket") == 1
    assert "App Home" in output and "Rocket Metrics" in output


def test_devcenter_bot_console_command_exits_zero_at_end_of_input(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    result = subprocess.run(
        [sys.executable, "-m", "slackbot.cli", "run"],
        input="/devcenter status\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(Path(__file__).parents[2])},
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert "In review" in result.stdout
    assert "Traceback" not in result.stderr


def test_console_walks_an_access_request_through_a_staff_approval(tmp_path: Path) -> None:
    output = _run(
        ":as casey\n/devcenter join\n"
        ":submit company=Casey Co | website=nope | email=casey@casey.example.com | data_in=API | data_out=Dashboards"
        " | use_cases=BI | heard_from=Blog\n"
        ":submit company=Casey Co | website=https://casey.example.com | email=casey@casey.example.com | data_in=API"
        " | data_out=Dashboards | use_cases=BI | heard_from=Blog | agreement=agreed\n"
        ":as staff\n:click Approve\n:as casey\n:messages\n",
        tmp_path,
    )

    assert "✗ website: “nope” is not a public website address" in output
    assert "✗ agreement:" in output
    assert "(updated)" in output and "@sam.staff approved access" in output
    assert "*Casey Co* is approved for the Developer Center" in output


def test_console_runs_a_release_day_end_to_end(tmp_path: Path) -> None:
    out = io.StringIO()
    script = (
        ":as staff\n:messages\n:click Approve\n:click Mark merged\n"
        ":time release\n:job release_day\n:click Mark release shipped\n:as pat\n/devcenter status\n"
    )
    run_console(io.StringIO(script), out, database=tmp_path / "console.db", real_clock=lambda: A_MONDAY_MORNING)
    output = out.getvalue()

    assert "it is Wed 2026-11-25 08:00 PST" in output
    assert "== Release day: Wednesday Nov 25 ==" in output and "Acme Analytics" in output
    assert "Shipped by @sam.staff" in output
    assert "The November 25 Developer Center release is out" in output
    assert "*Private beta*" in output.split("you are now @pat.partner")[1]


def test_mail_lists_the_emails_and_shows_one_in_full(tmp_path: Path) -> None:
    output = _run(":mail\n:as staff\n:click! Request replay info\n:mail\n:mail last\n:mail 9\n", tmp_path)

    before, after = output.split("you are now @sam.staff")
    assert "no email sent yet" in before
    assert "1 email(s) sent" in after
    assert "[1] to pat@acme.example.com · Acme Analytics: how does your API handle replayed data?" in after
    assert "Message-ID: <devcenter-outbox-" in after and "Hi Acme Analytics team," in after
    assert "partner-support@segment.com" in after.split("Message-ID:", 1)[1]
    assert "! no email [9]: 1 to 1, or last" in after
