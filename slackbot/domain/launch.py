"""Launch rules as versioned data: what public beta and public (GA) need, each clause with its source (stdlib only).

Public documents disagree, so the rule is configuration (DEVCENTER_LAUNCH_RULE), shown to
partners and staff with its sources, and evaluated into the list of what is still missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from slackbot.domain.lifecycle import Stage


@dataclass(frozen=True)
class Source:
    """Where a clause comes from, and when it was read."""

    title: str
    url: str
    as_of: date


@dataclass(frozen=True)
class Clause:
    """One requirement of one launch step; zero means "not required"."""

    step: Stage  # PUBLIC_BETA or PUBLIC: the stage this clause lets an integration into
    source: Source
    customers: int = 0  # confirmed customer verifications, counted over the whole beta
    days: int = 0  # days spent in the stage before `step` (private beta, or public beta)
    oauth_from: int = 0  # once this many customers are confirmed, Enable with Segment / OAuth is required


@dataclass(frozen=True)
class LaunchRule:
    """A named, versioned set of clauses."""

    key: str
    version: int
    title: str
    clauses: tuple[Clause, ...]

    def for_step(self, step: Stage) -> tuple[Clause, ...]:
        """The clauses of one step."""
        return tuple(c for c in self.clauses if c.step is step)

    @property
    def oauth_from(self) -> int:
        """Confirmed customers at which OAuth becomes required (0: never)."""
        return min((c.oauth_from for c in self.clauses if c.oauth_from), default=0)


@dataclass(frozen=True)
class LaunchFacts:
    """What the rule looks at for one integration."""

    confirmed_customers: int
    days_in_stage: int | None  # whole days since it entered its current stage; None when unknown
    oauth_done: bool


class Need(StrEnum):
    """What a launch step can ask for."""

    CUSTOMERS = "customers"  # confirmed customer verifications, counted over the whole beta
    DAYS = "days"  # whole days in the stage before the step
    OAUTH = "oauth"  # Enable with Segment / OAuth, once `amount` customers are confirmed


@dataclass(frozen=True)
class Requirement:
    """One thing a launch step needs: `amount` of `need` (days are counted in `stage`)."""

    need: Need
    amount: int
    stage: Stage


@dataclass(frozen=True)
class Shortfall:
    """A requirement not met yet, with what the integration has (customers, days; for OAuth: customers)."""

    requirement: Requirement
    have: int


@dataclass(frozen=True)
class Evaluation:
    """A rule applied to one step: met, or what is still missing."""

    step: Stage
    met: bool
    missing: tuple[Shortfall, ...]
    needs: tuple[Requirement, ...]  # what the step requires, whether met or not


OVERVIEW = Source(
    "Developer Center Overview, Launch as Public: once at least 1 customer successfully uses the "
    "integration, the Developer Center team makes the destination Public",
    "https://segment.com/docs/partners/",
    date(2026, 11, 26),
)
CONTRIBUTING = Source(
    "action-destinations contributing guide, Release to Public: "
    "at least 1 customer must verify the destination works before it becomes public",
    "https://github.com/segmentio/action-destinations/blob/main/CONTRIBUTING.md",
    date(2026, 11, 26),
)
SEGMENT_DOCS = Source(
    "Segment partner docs: public beta for at least 2 weeks with at least 2 users before GA",
    "https://segment.com/docs/partners/",
    date(2026, 11, 26),
)
CHECKLIST = Source(
    "Public Beta Checklist, 4. Partner Build: at 5 customers of the public beta, Enable with Segment / "
    "OAuth is a hard requirement for general availability",
    "https://segment.com/docs/partners/checklist/",
    date(2026, 11, 26),
)

PB, GA = Stage.PUBLIC_BETA, Stage.PUBLIC
RULES: dict[str, LaunchRule] = {
    r.key: r
    for r in (
        LaunchRule(
            "program-2026",
            2,
            "Program rule: 1 verified customer to go public; Enable with Segment / OAuth required for GA "
            "once 5 customers use it",
            (
                Clause(PB, OVERVIEW, customers=1),
                Clause(GA, OVERVIEW, customers=1),
                Clause(GA, CHECKLIST, oauth_from=5),
            ),
        ),
        LaunchRule(
            "contributing-1-customer",
            1,
            "1 verifying customer before going public",
            (
                Clause(PB, CONTRIBUTING, customers=1),
                Clause(GA, CONTRIBUTING, customers=1),
            ),
        ),
        LaunchRule(
            "docs-2-weeks-2-users",
            1,
            "2 users and 2 weeks of public beta before GA; OAuth once 5 customers",
            (
                Clause(PB, CONTRIBUTING, customers=1),
                Clause(GA, SEGMENT_DOCS, customers=2, days=14),
                Clause(GA, CHECKLIST, oauth_from=5),
            ),
        ),
    )
}
DEFAULT_RULE = "program-2026"
STAGE_BEFORE = {PB: Stage.PRIVATE_BETA, GA: Stage.PUBLIC_BETA}


def rule(key: str) -> LaunchRule:
    """The rule called `key`; ValueError naming DEVCENTER_LAUNCH_RULE and the known keys otherwise."""
    if key not in RULES:
        raise ValueError(f"DEVCENTER_LAUNCH_RULE is not a known launch rule: {key!r} (one of: {', '.join(RULES)})")
    return RULES[key]


def evaluate(launch_rule: LaunchRule, step: Stage, facts: LaunchFacts) -> Evaluation:
    """Apply the clauses of `step` (PUBLIC_BETA or PUBLIC) to the facts."""
    clauses = launch_rule.for_step(step)
    customers = max((c.customers for c in clauses), default=0)
    days = max((c.days for c in clauses), default=0)
    oauth_from = min((c.oauth_from for c in clauses if c.oauth_from), default=0)
    before = STAGE_BEFORE[step]
    needs = tuple(
        Requirement(need, amount, before if need is Need.DAYS else step)
        for need, amount in ((Need.CUSTOMERS, customers), (Need.DAYS, days), (Need.OAUTH, oauth_from))
        if amount
    )
    missing = tuple(s for r in needs if (s := _shortfall(r, facts)) is not None)
    return Evaluation(step, not missing, missing, needs)


def _shortfall(requirement: Requirement, facts: LaunchFacts) -> Shortfall | None:
    confirmed = facts.confirmed_customers
    if requirement.need is Need.CUSTOMERS:
        return Shortfall(requirement, confirmed) if confirmed < requirement.amount else None
    if requirement.need is Need.DAYS:
        spent = facts.days_in_stage or 0
        short = facts.days_in_stage is None or spent < requirement.amount
        return Shortfall(requirement, spent) if short else None
    due = confirmed >= requirement.amount and not facts.oauth_done
    return Shortfall(requirement, confirmed) if due else None


def next_step(stage: Stage) -> Stage | None:
    """The launch step an integration at `stage` works towards (None when no launch gate applies)."""
    return {Stage.PRIVATE_BETA: PB, Stage.PUBLIC_BETA: GA}.get(stage)


PRIVATE_BETA_URL = "https://app.segment.com/goto-my-workspace/destinations/catalog/{slug}"


def private_beta_url(slug: str) -> str:
    """The catalog URL that reaches a destination during private beta."""
    return PRIVATE_BETA_URL.format(slug=slug)
