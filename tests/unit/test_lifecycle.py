"""The partner lifecycle, checked cell by cell against a table written by hand from the program's lifecycle."""

from __future__ import annotations

import itertools

import pytest

from slackbot.domain.errors import DomainError, IllegalTransition, NotPermitted
from slackbot.domain.lifecycle import (
    TRANSITIONS,
    Action,
    Facts,
    Role,
    Stage,
    allowed_actions,
    decide,
    stage_label,
)
from slackbot.render.status import next_step

S = Stage
PARTNER, STAFF, STRANGER = Role.PARTNER, Role.STAFF, Role.STRANGER
ALL_STAGES: list[Stage | None] = [None, *Stage]
OPEN = (S.ACCESS_REQUESTED, S.BUILDING, S.IN_REVIEW, S.CHANGES_REQUESTED, S.APPROVED, S.PRIVATE_BETA, S.PUBLIC_BETA)
STAY = "stay"  # the action does not move the stage

# Who may act, and from each source stage, where to. Written from the lifecycle as documented, not from TRANSITIONS.
# Interpretations the design leaves open, fixed here on purpose:
# - "request access" comes from someone who is not yet anyone's partner: the STRANGER role, record NEW.
# - an integration record is created by its first submission, so "submit for review" also starts at NEW.
# - replay-compatibility info is asked for during review; OAuth may be asked for from review to public beta.
# - a declined company (its members act as the partner) may apply again once its waiting time is over.
# - the partner who owns an integration, or Segment staff, may withdraw it from any open stage.
EXPECTED: dict[Action, tuple[frozenset[Role], dict[Stage | None, Stage | str]]] = {
    Action.REQUEST_ACCESS: (frozenset({STRANGER}), {None: S.ACCESS_REQUESTED}),
    Action.REAPPLY_ACCESS: (frozenset({PARTNER}), {S.DECLINED: S.ACCESS_REQUESTED}),
    Action.APPROVE_ACCESS: (frozenset({STAFF}), {S.ACCESS_REQUESTED: S.BUILDING}),
    Action.DECLINE_ACCESS: (frozenset({STAFF}), {S.ACCESS_REQUESTED: S.DECLINED}),
    Action.SUBMIT_FOR_REVIEW: (
        frozenset({PARTNER}),
        {None: S.IN_REVIEW, S.BUILDING: S.IN_REVIEW, S.CHANGES_REQUESTED: S.IN_REVIEW},
    ),
    Action.REQUEST_CHANGES: (frozenset({STAFF}), {S.IN_REVIEW: S.CHANGES_REQUESTED}),
    Action.REQUEST_REPLAY_INFO: (frozenset({STAFF}), {S.IN_REVIEW: STAY, S.CHANGES_REQUESTED: STAY}),
    Action.REQUEST_OAUTH: (frozenset({STAFF}), {s: STAY for s in OPEN[2:]}),
    Action.APPROVE_REVIEW: (frozenset({STAFF}), {S.IN_REVIEW: S.APPROVED}),
    Action.MARK_MERGED: (frozenset({STAFF}), {S.APPROVED: STAY}),
    Action.SHIP_RELEASE: (frozenset({STAFF}), {S.APPROVED: S.PRIVATE_BETA}),
    Action.RECORD_VERIFICATION: (frozenset({PARTNER, STAFF}), {S.PRIVATE_BETA: STAY, S.PUBLIC_BETA: STAY}),
    Action.APPROVE_PUBLIC_BETA: (frozenset({STAFF}), {S.PRIVATE_BETA: S.PUBLIC_BETA}),
    Action.APPROVE_PUBLIC: (frozenset({STAFF}), {S.PUBLIC_BETA: S.PUBLIC}),
    Action.WITHDRAW: (frozenset({PARTNER, STAFF}), {s: S.WITHDRAWN for s in OPEN}),
}


def gates_open(action: Action, facts: Facts) -> bool:
    """The lifecycle's gates, by hand."""
    if action is Action.MARK_MERGED:
        return not facts.merged
    if action is Action.SHIP_RELEASE:
        return facts.merged
    if action is Action.APPROVE_PUBLIC_BETA:
        return facts.metadata_complete and facts.launch_rule_met
    if action is Action.APPROVE_PUBLIC:
        return facts.launch_rule_met
    if action is Action.REAPPLY_ACCESS:
        return facts.reapply_wait_over
    return True


def expected(stage: Stage | None, action: Action, role: Role, facts: Facts) -> Stage | type[DomainError] | None:
    """What decide() must do: the next stage, or the error class it must raise."""
    roles, moves = EXPECTED[action]
    if role not in roles:
        return NotPermitted
    if stage not in moves or not gates_open(action, facts):
        return IllegalTransition
    target = moves[stage]
    return stage if target == STAY else target  # type: ignore[return-value]


EVERY_FACTS = [
    Facts(merged=m, metadata_complete=c, launch_rule_met=r, reapply_wait_over=w)
    for m, c, r, w in itertools.product((False, True), repeat=4)
]
COMBOS = list(itertools.product(ALL_STAGES, Action, Role))


def outcome(stage: Stage | None, action: Action, role: Role, facts: Facts) -> Stage | type[DomainError] | None:
    try:
        return decide(stage, action, role, facts)
    except DomainError as error:
        assert error.user_message, "a refusal must say why"
        return type(error)


def test_the_hand_written_table_covers_every_action() -> None:
    assert set(EXPECTED) == set(Action) == set(TRANSITIONS)


@pytest.mark.parametrize(("stage", "action", "role"), COMBOS, ids=[f"{s or 'new'}-{a}-{r}" for s, a, r in COMBOS])
def test_decide_matches_the_design_for_every_stage_action_and_role(
    stage: Stage | None, action: Action, role: Role
) -> None:
    for facts in EVERY_FACTS:
        assert outcome(stage, action, role, facts) == expected(stage, action, role, facts), facts


@pytest.mark.parametrize("stage", ALL_STAGES, ids=lambda s: s or "new")
def test_allowed_actions_are_exactly_the_ones_decide_accepts(stage: Stage | None) -> None:
    for role, facts in itertools.product(Role, EVERY_FACTS):
        offered = allowed_actions(stage, role, facts)
        accepted = [a for a in Action if not isinstance(outcome(stage, a, role, facts), type)]
        designed = [a for a in Action if not isinstance(expected(stage, a, role, facts), type)]
        assert set(offered) == set(accepted) == set(designed), (role, facts)
        assert len(offered) == len(set(offered))


def test_staff_cannot_mark_a_pull_request_merged_twice() -> None:
    assert decide(S.APPROVED, Action.MARK_MERGED, STAFF, Facts(merged=False)) == S.APPROVED
    with pytest.raises(IllegalTransition, match="already marked merged"):
        decide(S.APPROVED, Action.MARK_MERGED, STAFF, Facts(merged=True))


def test_a_release_ships_only_after_the_merge() -> None:
    with pytest.raises(IllegalTransition, match="not merged"):
        decide(S.APPROVED, Action.SHIP_RELEASE, STAFF)
    assert decide(S.APPROVED, Action.SHIP_RELEASE, STAFF, Facts(merged=True)) == S.PRIVATE_BETA


def test_public_beta_needs_both_complete_metadata_and_the_launch_rule() -> None:
    with pytest.raises(IllegalTransition, match="metadata"):
        decide(S.PRIVATE_BETA, Action.APPROVE_PUBLIC_BETA, STAFF, Facts(launch_rule_met=True))
    with pytest.raises(IllegalTransition, match="launch rule"):
        decide(S.PRIVATE_BETA, Action.APPROVE_PUBLIC_BETA, STAFF, Facts(metadata_complete=True))
    both = Facts(metadata_complete=True, launch_rule_met=True)
    assert decide(S.PRIVATE_BETA, Action.APPROVE_PUBLIC_BETA, STAFF, both) == S.PUBLIC_BETA


def test_going_public_needs_the_launch_rule_but_not_metadata() -> None:
    with pytest.raises(IllegalTransition, match="launch rule"):
        decide(S.PUBLIC_BETA, Action.APPROVE_PUBLIC, STAFF, Facts(metadata_complete=True))
    assert decide(S.PUBLIC_BETA, Action.APPROVE_PUBLIC, STAFF, Facts(launch_rule_met=True)) == S.PUBLIC


def test_a_partner_cannot_approve_their_own_review() -> None:
    with pytest.raises(NotPermitted, match="staff"):
        decide(S.IN_REVIEW, Action.APPROVE_REVIEW, PARTNER)


def test_a_stranger_cannot_withdraw_someone_elses_integration() -> None:
    with pytest.raises(NotPermitted):
        decide(S.BUILDING, Action.WITHDRAW, STRANGER)


def test_nothing_moves_out_of_a_final_stage_but_a_decline_whose_wait_is_over() -> None:
    for stage in (S.PUBLIC, S.DECLINED, S.WITHDRAWN):
        for role in Role:
            assert allowed_actions(stage, role, Facts(True, True, True)) == []
            assert allowed_actions(stage, role, Facts()) == []
    assert allowed_actions(S.DECLINED, PARTNER, Facts(reapply_wait_over=True)) == [Action.REAPPLY_ACCESS]
    with pytest.raises(IllegalTransition, match="waiting time"):
        decide(S.DECLINED, Action.REAPPLY_ACCESS, PARTNER)


def test_staff_may_withdraw_an_integration_too() -> None:
    assert decide(S.IN_REVIEW, Action.WITHDRAW, STAFF) == S.WITHDRAWN


def test_refusal_before_a_record_exists_says_so() -> None:
    with pytest.raises(IllegalTransition, match="before it exists"):
        decide(None, Action.APPROVE_REVIEW, STAFF)


def test_every_stage_has_a_distinct_label_and_a_next_step() -> None:
    labels = [stage_label(stage) for stage in Stage]
    assert all(label.strip() for label in labels)
    assert len(set(labels)) == len(labels)
    assert stage_label(None) == "New"
    for stage in Stage:
        assert next_step(stage).strip().endswith(".")


def test_every_transition_has_a_button_label() -> None:
    for action, transition in TRANSITIONS.items():
        assert transition.action is action
        assert transition.label.strip()


def test_declining_access_and_requesting_changes_need_a_reason() -> None:
    assert TRANSITIONS[Action.DECLINE_ACCESS].needs_note
    assert TRANSITIONS[Action.REQUEST_CHANGES].needs_note
    assert not TRANSITIONS[Action.APPROVE_REVIEW].needs_note
