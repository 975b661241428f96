"""The partner lifecycle as data: stages, actions, roles and the transition table (stdlib only)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from slackbot.domain.errors import IllegalTransition, NotPermitted


class Stage(StrEnum):
    """Where a partner (access stages) or an integration (build stages) stands."""

    ACCESS_REQUESTED = "access_requested"
    BUILDING = "building"
    IN_REVIEW = "in_review"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"
    PRIVATE_BETA = "private_beta"
    PUBLIC_BETA = "public_beta"
    PUBLIC = "public"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class Role(StrEnum):
    """Who is acting, relative to the record acted on."""

    PARTNER = "partner"  # a member of the partner that owns the record
    STAFF = "staff"  # Segment staff (never an external user)
    STRANGER = "stranger"  # anyone else: another partner's user, an unknown or external user


class Action(StrEnum):
    """Everything a person can do to move the lifecycle."""

    REQUEST_ACCESS = "request_access"
    REAPPLY_ACCESS = "reapply_access"  # a declined company applies again, once its waiting time is over
    APPROVE_ACCESS = "approve_access"
    DECLINE_ACCESS = "decline_access"
    SUBMIT_FOR_REVIEW = "submit_for_review"
    REQUEST_CHANGES = "request_changes"
    REQUEST_REPLAY_INFO = "request_replay_info"
    REQUEST_OAUTH = "request_oauth"
    APPROVE_REVIEW = "approve_review"
    MARK_MERGED = "mark_merged"
    SHIP_RELEASE = "ship_release"
    RECORD_VERIFICATION = "record_verification"
    APPROVE_PUBLIC_BETA = "approve_public_beta"
    APPROVE_PUBLIC = "approve_public"
    WITHDRAW = "withdraw"


class Gate(StrEnum):
    """Conditions beyond the stage that an action needs; checked against Facts."""

    NOT_MERGED = "not_merged"
    MERGED = "merged"
    METADATA_COMPLETE = "metadata_complete"
    LAUNCH_RULE_MET = "launch_rule_met"
    REAPPLY_WAIT_OVER = "reapply_wait_over"


NEW = None  # the "stage" of a record that does not exist yet
OPEN_STAGES = frozenset(
    {
        Stage.ACCESS_REQUESTED,
        Stage.BUILDING,
        Stage.IN_REVIEW,
        Stage.CHANGES_REQUESTED,
        Stage.APPROVED,
        Stage.PRIVATE_BETA,
        Stage.PUBLIC_BETA,
    }
)
FINAL_STAGES = frozenset({Stage.PUBLIC, Stage.DECLINED, Stage.WITHDRAWN})


@dataclass(frozen=True)
class Transition:
    """One row of the table: who may do what, from which stages, to which stage (None: no change)."""

    action: Action
    label: str
    roles: frozenset[Role]
    sources: frozenset[Stage | None]
    target: Stage | None
    gates: tuple[Gate, ...] = ()
    needs_note: bool = False


def _t(
    action: Action,
    label: str,
    roles: Iterable[Role],
    sources: Iterable[Stage | None],
    target: Stage | None,
    *,
    gates: tuple[Gate, ...] = (),
    needs_note: bool = False,
) -> Transition:
    return Transition(action, label, frozenset(roles), frozenset(sources), target, gates, needs_note)


_P, _S = (Role.PARTNER,), (Role.STAFF,)
TRANSITIONS: dict[Action, Transition] = {
    t.action: t
    for t in (
        _t(Action.REQUEST_ACCESS, "Request access", (Role.STRANGER,), (NEW,), Stage.ACCESS_REQUESTED),
        _t(Action.APPROVE_ACCESS, "Approve", _S, (Stage.ACCESS_REQUESTED,), Stage.BUILDING),
        _t(Action.DECLINE_ACCESS, "Decline", _S, (Stage.ACCESS_REQUESTED,), Stage.DECLINED, needs_note=True),
        _t(
            Action.REAPPLY_ACCESS,
            "Apply again",
            _P,
            (Stage.DECLINED,),
            Stage.ACCESS_REQUESTED,
            gates=(Gate.REAPPLY_WAIT_OVER,),
        ),
        _t(
            Action.SUBMIT_FOR_REVIEW,
            "Submit for review",
            _P,
            (NEW, Stage.BUILDING, Stage.CHANGES_REQUESTED),
            Stage.IN_REVIEW,
        ),
        _t(Action.REQUEST_CHANGES, "Request changes", _S, (Stage.IN_REVIEW,), Stage.CHANGES_REQUESTED, needs_note=True),
        _t(Action.REQUEST_REPLAY_INFO, "Request replay info", _S, (Stage.IN_REVIEW, Stage.CHANGES_REQUESTED), None),
        _t(
            Action.REQUEST_OAUTH,
            "Request OAuth",
            _S,
            (Stage.IN_REVIEW, Stage.CHANGES_REQUESTED, Stage.APPROVED, Stage.PRIVATE_BETA, Stage.PUBLIC_BETA),
            None,
        ),
        _t(Action.APPROVE_REVIEW, "Approve", _S, (Stage.IN_REVIEW,), Stage.APPROVED),
        _t(Action.MARK_MERGED, "Mark merged", _S, (Stage.APPROVED,), None, gates=(Gate.NOT_MERGED,)),
        _t(
            Action.SHIP_RELEASE, "Mark release shipped", _S, (Stage.APPROVED,), Stage.PRIVATE_BETA, gates=(Gate.MERGED,)
        ),
        _t(
            Action.RECORD_VERIFICATION,
            "Record customer verification",
            (*_P, *_S),
            (Stage.PRIVATE_BETA, Stage.PUBLIC_BETA),
            None,
        ),
        _t(
            Action.APPROVE_PUBLIC_BETA,
            "Approve public beta",
            _S,
            (Stage.PRIVATE_BETA,),
            Stage.PUBLIC_BETA,
            gates=(Gate.METADATA_COMPLETE, Gate.LAUNCH_RULE_MET),
        ),
        _t(
            Action.APPROVE_PUBLIC,
            "Approve public",
            _S,
            (Stage.PUBLIC_BETA,),
            Stage.PUBLIC,
            gates=(Gate.LAUNCH_RULE_MET,),
        ),
        _t(Action.WITHDRAW, "Withdraw", (*_P, *_S), OPEN_STAGES, Stage.WITHDRAWN),
    )
}


@dataclass(frozen=True)
class Facts:
    """What the gates look at, besides the stage."""

    merged: bool = False
    metadata_complete: bool = False
    launch_rule_met: bool = False
    reapply_wait_over: bool = False

    def passes(self, gate: Gate) -> bool:
        """Whether this gate is open."""
        return {
            Gate.NOT_MERGED: not self.merged,
            Gate.MERGED: self.merged,
            Gate.METADATA_COMPLETE: self.metadata_complete,
            Gate.LAUNCH_RULE_MET: self.launch_rule_met,
            Gate.REAPPLY_WAIT_OVER: self.reapply_wait_over,
        }[gate]


_GATE_MESSAGES = {
    Gate.NOT_MERGED: "it is already marked merged",
    Gate.MERGED: "its pull request is not merged yet",
    Gate.METADATA_COMPLETE: "its catalog metadata is not complete",
    Gate.LAUNCH_RULE_MET: "the launch rule is not met yet",
    Gate.REAPPLY_WAIT_OVER: "the waiting time after the decline is not over",
}


def decide(stage: Stage | None, action: Action, role: Role, facts: Facts = Facts()) -> Stage | None:
    """Return the stage after `action` (unchanged stage when the action does not move it), or raise."""
    transition = TRANSITIONS[action]
    if role not in transition.roles:
        raise NotPermitted(f"Only {_roles_text(transition.roles)} can {transition.label.lower()}.")
    if stage not in transition.sources:
        where = f"at stage {stage_label(stage)}" if stage is not None else "before it exists"
        raise IllegalTransition(f"{transition.label} is not possible {where}.")
    for gate in transition.gates:
        if not facts.passes(gate):
            raise IllegalTransition(f"{transition.label} is not possible yet: {_GATE_MESSAGES[gate]}.")
    return transition.target if transition.target is not None else stage


def allowed_actions(stage: Stage | None, role: Role, facts: Facts = Facts()) -> list[Action]:
    """The actions `role` may take now, in table order: what the UI offers as buttons."""
    return [
        t.action
        for t in TRANSITIONS.values()
        if role in t.roles and stage in t.sources and all(facts.passes(g) for g in t.gates)
    ]


_STAGE_LABELS = {
    Stage.ACCESS_REQUESTED: "Access requested",
    Stage.BUILDING: "Building",
    Stage.IN_REVIEW: "In review",
    Stage.CHANGES_REQUESTED: "Changes requested",
    Stage.APPROVED: "Approved",
    Stage.PRIVATE_BETA: "Private beta",
    Stage.PUBLIC_BETA: "Public beta",
    Stage.PUBLIC: "Public",
    Stage.DECLINED: "Declined",
    Stage.WITHDRAWN: "Withdrawn",
}


def stage_label(stage: Stage | None) -> str:
    """Human label of a stage."""
    return "New" if stage is None else _STAGE_LABELS[stage]


def _roles_text(roles: frozenset[Role]) -> str:
    names = {Role.PARTNER: "the partner", Role.STAFF: "Segment staff", Role.STRANGER: "new partners"}
    return " or ".join(names[r] for r in Role if r in roles)
