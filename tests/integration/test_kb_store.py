"""The knowledge base in the database: load, index cache, questions, feedback, escalations, relays, export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from slackbot.config import Settings
from slackbot.domain.actors import Actor
from slackbot.domain.errors import InvalidInput
from slackbot.domain.messages import MessageKind
from slackbot.emulator.harness import FrozenClock
from slackbot.kb.answers import Escalation, Feedback
from slackbot.kb.files import load_by_file
from slackbot.kb.loader import load_entries
from slackbot.kb.model import KbEntry, Source
from slackbot.program import IndexCache, Program
from slackbot.services import kb as kb_admin
from slackbot.services import qa
from storage.uow import UowFactory

REVIEW = "C0STAFF001"
ACME = "C0ACME0001"
PAT = "U0MEMBER01"
SAM = Actor("U0STAFF001", is_staff=True, partner_id=None)


def acme_entry(entry_id: str = "acme-webhooks", answer: str = "Acme Analytics receives events by webhook.") -> KbEntry:
    return KbEntry(
        entry_id,
        "How acme-analytics receives events",
        ("How does acme get events?", "Does acme-analytics use webhooks?"),
        answer,
        (Source("seed: Developer Center Overview", "Acme example", "https://example.com/acme"),),
        date(2026, 11, 1),
        ("acme", "webhooks"),
    )


def program(uow: UowFactory, clock: FrozenClock, cache: IndexCache | None = None) -> Program:
    return Program(uow=uow, clock=clock, settings=Settings(review_channel=REVIEW), kb_index=cache or IndexCache())


def ask(
    uow: UowFactory,
    cache: IndexCache,
    clock: FrozenClock,
    text: str,
    *,
    channel: str | None = ACME,
    thread_ts: str | None = None,
) -> qa.Answer:
    asker = Actor(PAT, is_staff=False, partner_id=None)
    return qa.ask(program(uow, clock, cache), asker, text, channel=channel, thread_ts=thread_ts)


def deliver(uow: UowFactory, key: str, ts: str, clock: FrozenClock) -> None:
    """Pretend the outbox posted the message with this dedupe key as `ts`."""
    with uow() as unit:
        message = unit.outbox.by_key(key)
        assert message is not None
        unit.outbox.mark_sent(message.id, message.channel, ts, clock())
        unit.commit()


def test_loading_the_shipped_files_twice_creates_then_changes_nothing(uow: UowFactory, clock: FrozenClock) -> None:
    pairs = load_by_file()

    first = kb_admin.load_files(program(uow, clock), pairs)
    second = kb_admin.load_files(program(uow, clock), pairs)

    assert (first.created, first.updated, first.unchanged) == (len(pairs), 0, 0)
    assert (second.created, second.updated, second.unchanged) == (0, 0, len(pairs))
    with uow() as unit:
        assert unit.kb.version() == 1  # the unchanged second load did not invalidate every index
        assert unit.kb.count_by_origin() == {"file": len(pairs)}


def test_changed_and_removed_file_entries_are_updated_and_reported_then_pruned(
    uow: UowFactory, clock: FrozenClock
) -> None:
    kb_admin.load_files(program(uow, clock), [("acme.yaml", acme_entry()), ("acme.yaml", acme_entry("acme-old"))])

    kept = kb_admin.load_files(program(uow, clock), [("acme.yaml", acme_entry(answer="Acme now polls."))])
    pruned = kb_admin.load_files(program(uow, clock), [("acme.yaml", acme_entry(answer="Acme now polls."))], prune=True)

    assert (kept.updated, kept.stale) == (1, ("acme-old",))
    assert pruned.pruned == ("acme-old",)
    with uow() as unit:
        assert [row.id for row in unit.kb.entries()] == ["acme-webhooks"]
        assert unit.kb.entry("acme-webhooks").answer == "Acme now polls."


def test_loading_refuses_entries_that_fail_the_check(uow: UowFactory, clock: FrozenClock) -> None:
    broken = KbEntry("acme-broken", "Broken", (), "x", (), date(2026, 1, 1))

    try:
        kb_admin.load_files(program(uow, clock), [("acme.yaml", broken)])
    except InvalidInput as error:
        assert any("no questions" in problem for problem in error.field_errors.values())
    else:
        raise AssertionError("a broken entry was loaded")
    with uow() as unit:
        assert unit.kb.entries() == []


def test_the_index_uses_the_shipped_files_until_kb_load_then_the_database(uow: UowFactory, clock: FrozenClock) -> None:
    cache = IndexCache()
    assert len(cache.index(uow)) == len(load_entries())

    kb_admin.load_files(program(uow, clock), [("acme.yaml", acme_entry())])

    assert [e.id for e in cache.index(uow).entries] == ["acme-webhooks"]
    assert ask(uow, cache, clock, "does acme use webhooks").best == acme_entry()


def test_the_index_is_rebuilt_only_when_the_entries_change(uow: UowFactory, clock: FrozenClock) -> None:
    cache = IndexCache()
    kb_admin.load_files(program(uow, clock), [("acme.yaml", acme_entry())])
    first = cache.index(uow)

    assert cache.index(uow) is first
    kb_admin.load_files(program(uow, clock), [("acme.yaml", acme_entry(answer="Acme polls every minute."))])
    assert cache.index(uow) is not first
    assert cache.index(uow).entries[0].answer == "Acme polls every minute."


def test_staff_entries_join_the_shipped_files_before_any_kb_load(uow: UowFactory, clock: FrozenClock) -> None:
    cache = IndexCache()
    fields = {
        "id": "acme-sponsoring",
        "title": "Sponsoring acme's booth",
        "questions": "Will you sponsor our booth?",
        "answer": "No, but ask about co-marketing.",
        "tags": "events",
        "source": "",
    }

    kb_admin.save_faq(program(uow, clock, cache), SAM, fields, section="Slack message C1/1.2")

    ids = {e.id for e in cache.index(uow).entries}
    assert "acme-sponsoring" in ids and "deploy-schedule" in ids
    with uow() as unit:
        row = unit.kb.entry("acme-sponsoring")
        assert (row.origin, row.file, row.as_of) == ("staff", "staff.yaml", date(2026, 11, 23))


def test_every_question_is_logged_with_its_best_entry_and_score(uow: UowFactory, clock: FrozenClock) -> None:
    cache = IndexCache()

    answered = ask(uow, cache, clock, "when is the next deploy?")
    unknown = ask(uow, cache, clock, "what's the weather in paris")

    assert answered.best is not None and answered.best.id == "deploy-schedule"
    assert answered.next_release is not None and answered.next_release.release == date(2026, 11, 25)
    assert unknown.best is None and unknown.escalated
    stats = kb_admin.stats(program(uow, clock))
    assert stats.totals == {"asked": 2, "answered": 1, "helpful": 0, "not_helpful": 0, "escalated": 1}
    assert [line.question for line in stats.unanswered] == ["what's the weather in paris"]
    assert stats.open_escalations == 1


def test_feedback_counts_once_and_only_from_the_asker(uow: UowFactory, clock: FrozenClock) -> None:
    answer = ask(uow, IndexCache(), clock, "how long does review take")

    other = qa.rate_answer(program(uow, clock), Actor("U0RILEY001", False, None), answer.question_id, helpful=True)
    first = qa.rate_answer(program(uow, clock), Actor(PAT, False, None), answer.question_id, helpful=False)
    again = qa.rate_answer(program(uow, clock), Actor(PAT, False, None), answer.question_id, helpful=True)

    assert [r.outcome for r in (other, first, again)] == [
        Feedback.NOT_THE_ASKER,
        Feedback.RECORDED,
        Feedback.ALREADY_RATED,
    ]
    assert [line.question for line in kb_admin.stats(program(uow, clock)).not_helpful] == ["how long does review take"]


def test_asking_a_person_twice_posts_one_escalation(uow: UowFactory, clock: FrozenClock) -> None:
    answer = ask(uow, IndexCache(), clock, "how long does review take", thread_ts="1772518001.000002")

    results = [qa.ask_a_person(program(uow, clock), Actor(PAT, False, None), answer.question_id) for _ in range(2)]

    assert [r.outcome for r in results] == [Escalation.ASKED, Escalation.ALREADY_ASKED]
    assert results[0].reply_in == "thread"
    with uow() as unit:
        message = unit.outbox.by_key(f"qa:escalation:{answer.question_id}")
        assert message is not None and message.kind == MessageKind.QA_ESCALATION and message.channel == REVIEW
        assert unit.outbox.counts() == {"pending": 1}


def test_a_staff_reply_is_relayed_once_per_message_whatever_the_event_ids(uow: UowFactory, clock: FrozenClock) -> None:
    answer = ask(uow, IndexCache(), clock, "what's the weather in paris", thread_ts="1772518001.000002")
    deliver(uow, f"qa:escalation:{answer.question_id}", "1772518009.000009", clock)

    def reply(event_id: str, ts: str, *, staff: bool = True) -> bool:
        replier = Actor(SAM.user_id, is_staff=staff, partner_id=None)
        return qa.relay_staff_reply(
            program(uow, clock),
            replier,
            event_id=event_id,
            channel=REVIEW,
            thread_ts="1772518009.000009",
            ts=ts,
            text="Sunny.",
        )

    assert [
        reply("Ev1", "1772518010.000001"),
        reply("Ev1", "1772518010.000001"),
        reply("Ev2", "1772518010.000001"),
        reply("Ev3", "1772518011.000001", staff=False),
    ] == [True, False, False, False]
    with uow() as unit:
        escalation = unit.kb.escalation_for(answer.question_id)
        assert escalation is not None and (escalation.status, escalation.answered_by) == ("answered", SAM.user_id)
        relayed = unit.outbox.by_key(f"qa:reply:{escalation.id}:1772518010.000001")
        assert relayed is not None and (relayed.channel, relayed.thread_ts) == (ACME, "1772518001.000002")


def test_replies_in_threads_that_are_not_escalations_are_ignored(uow: UowFactory, clock: FrozenClock) -> None:
    relayed = qa.relay_staff_reply(
        program(uow, clock),
        SAM,
        event_id="Ev9",
        channel=REVIEW,
        thread_ts="1772518009.000009",
        ts="1772518010.000001",
        text="hi",
    )

    assert relayed is False
    with uow() as unit:
        assert unit.outbox.counts() == {}
        assert unit.events.first_time("Ev9", "message", clock())  # not even recorded


def test_a_question_asked_in_a_dm_is_answered_by_dm(uow: UowFactory, clock: FrozenClock) -> None:
    answer = ask(uow, IndexCache(), clock, "what's the weather in paris", channel="D0DMBOT001")

    assert answer.reply_in == "dm"
    with uow() as unit:
        escalation = unit.kb.escalation_for(answer.question_id)
        assert escalation is not None and escalation.partner_channel == PAT


def test_export_writes_file_and_staff_entries_back_in_the_loadable_format(
    uow: UowFactory, clock: FrozenClock, tmp_path: Path
) -> None:
    pairs = load_by_file()
    kb_admin.load_files(program(uow, clock), pairs)
    with uow() as unit:
        unit.kb.add(
            {
                "id": "acme-webhooks",
                "title": acme_entry().title,
                "questions": list(acme_entry().questions),
                "answer": acme_entry().answer,
                "sources": [
                    {
                        "document": "seed: Developer Center Overview",
                        "section": "Acme example",
                        "url": "https://example.com/acme",
                    }
                ],
                "as_of": date(2026, 11, 1),
                "tags": ["acme", "webhooks"],
            },
            origin="staff",
            file="staff.yaml",
            created_by=SAM.user_id,
            now=clock(),
        )
        unit.commit()

    counts = kb_admin.export_files(program(uow, clock), tmp_path)

    assert counts["staff.yaml"] == 1 and sum(counts.values()) == len(pairs) + 1
    assert load_by_file(tmp_path) == sorted([*pairs, ("staff.yaml", acme_entry())], key=lambda pair: pair[0])
