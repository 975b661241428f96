"""The reliability suite: Slack on a bad day, attackers, crashes. It ends by printing what it proved."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from slackbot.domain.actors import operator
from slackbot.domain.partners import parse_import
from slackbot.emulator.demo import DemoWorld
from slackbot.emulator.harness import Harness
from slackbot.services.partners import import_partners


@dataclass
class Proof:
    """What the suite tried and what went wrong: the last lines of the run."""

    tried: int = 0
    forgeries_accepted: int = 0
    lost: int = 0
    duplicated: int = 0
    tracebacks: int = 0
    checks: list[str] = field(default_factory=list)

    def deliveries(self, what: str, expected: set[str], counts: dict[str, int]) -> None:
        """Record a fan-out: every expected target once, nothing else."""
        self.tried += len(expected)
        self.lost += len(expected - set(counts))
        self.duplicated += sum(n - 1 for n in counts.values() if n > 1)
        self.checks.append(what)


PROOF = Proof()


@pytest.fixture
def proof() -> Proof:
    """The suite's running tally."""
    return PROOF


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print what the reliability tests proved (only when they ran)."""
    if not PROOF.checks:
        return
    terminalreporter.section("reliability: what was proved")
    terminalreporter.write_line(
        f"requests and deliveries tried: {PROOF.tried}; accepted forgeries: {PROOF.forgeries_accepted}; "
        f"lost: {PROOF.lost}; duplicated: {PROOF.duplicated}; tracebacks: {PROOF.tracebacks}"
    )
    for check in PROOF.checks:
        terminalreporter.write_line(f"  - {check}")


@pytest.fixture
def forty(harness: Harness, world: DemoWorld) -> Iterator[set[str]]:
    """40 approved partners with their own shared channels, and every channel an announcement reaches."""
    ws = harness.slack.workspace
    rows = ["company,integration,slug,stage,channel,users"]
    channels = set()
    for n in range(40):
        user = ws.add_user(f"partner{n}", external=True)
        channel = ws.add_channel(f"partner-{n}", shared=True, members=[user])
        channels.add(channel.id)
        rows.append(f"Partner {n},Dest {n},dest-{n},building,{channel.id},{user.id}")
    import_partners(harness.bot.program, operator("test"), parse_import("\n".join(rows) + "\n"))
    yield channels | {world.announce_channel.id, world.acme_channel.id, world.rocket_channel.id}
