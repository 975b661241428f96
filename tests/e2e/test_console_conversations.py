"""Console conversations: thread replies, messages typed in the composer, modals closed, clicks that stay in view."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

from slackbot.emulator.console import run_console

A_MONDAY_MORNING = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)  # 09:00 Pacific; the console's real clock stands still
UNCOVERED = "Does Segment sponsor our booth at the Berlin trade fair?"
JOIN = (
    ":submit company=Casey Co | website=https://casey.example.com | email=casey@casey.example.com | data_in=API"
    " | data_out=Dashboards | use_cases=BI | heard_from=Blog | agreement=agreed"
)


def talk(tmp_path: Path, *lines: str) -> str:
    """Type these lines into a fresh console; everything it printed."""
    out = io.StringIO()
    script = io.StringIO("".join(f"{line}\n" for line in lines))
    assert run_console(script, out, database=tmp_path / "console.db", real_clock=lambda: A_MONDAY_MORNING) == 0
    return out.getvalue()


def after(output: str, line: str) -> str:
    """What the console printed after the last time it echoed `line` (a `you are now …` or similar line)."""
    return output.rpartition(line)[2]


def test_staff_reply_in_the_review_thread_reaches_the_partner(tmp_path: Path) -> None:
    output = talk(
        tmp_path,
        f"@DevCenter {UNCOVERED}",
        ":as staff",
        ":reply No sponsorships this year, sorry.",
        ":as pat",
    )

    staff_turn = after(output, "you are now @sam.staff")
    assert "Question from @pat.partner in #partner-acme-analytics" in staff_turn
    assert "replying in the thread of “:raising_hand: Question from @pat.partner" in staff_turn
    assert "── (1) @sam.staff in #devcenter-reviews (thread)\n   No sponsorships this year, sorry." in staff_turn
    partner_turn = after(output, "you are now @pat.partner")
    assert "1 new for you since your last turn" in partner_turn
    assert (
        "── (1) #partner-acme-analytics (thread)\n   @pat.partner, @sam.staff from the Developer Center team answered:"
        "\n   No sponsorships this year, sorry." in partner_turn
    )


def test_reply_to_message_n_answers_in_that_messages_thread(tmp_path: Path) -> None:
    output = talk(tmp_path, f"@DevCenter {UNCOVERED}", ":reply 1 It is in March, if that helps.", ":messages")

    assert "replying in the thread of “@devcenter Does Segment sponsor" in output
    listing = output.rpartition("── (1) @pat.partner in #partner-acme-analytics\n")[2]  # the :messages listing
    assert "── (2) #partner-acme-analytics (thread)\n   :thinking_face: I don't know" in listing
    assert "── (3) @pat.partner in #partner-acme-analytics (thread)\n   It is in March, if that helps." in listing


def test_a_question_sent_by_dm_gets_the_staff_reply_back_by_dm(tmp_path: Path) -> None:
    output = talk(tmp_path, ":in dm", UNCOVERED, ":as staff", ":reply No, sorry.", ":as pat")

    assert "replying in the thread of “:raising_hand: Question from @pat.partner in a direct messa…”" in output
    partner_turn = after(output, "you are now @pat.partner")
    assert "── (1) your DM with @DevCenter\n   @pat.partner, the Developer Center team answered" in partner_turn
    assert "*@sam.staff:* No, sorry." in partner_turn


def test_reply_to_an_only_visible_to_you_answer_is_refused(tmp_path: Path) -> None:
    output = talk(tmp_path, "/devcenter status", ":reply 1 thanks")

    assert "! that message is only visible to you: Slack gives it no thread to reply in" in output


def test_reply_to_a_number_the_last_output_did_not_show_says_so(tmp_path: Path) -> None:
    output = talk(tmp_path, f"@DevCenter {UNCOVERED}", ":reply 7 hello?")

    assert "! no message (7) in the last output" in output


def test_a_plain_line_in_the_dm_is_a_direct_message_the_bot_answers(tmp_path: Path) -> None:
    output = talk(tmp_path, ":in dm", "when is the next deploy?")

    assert "now in your DM with @DevCenter" in output
    assert "── (1) @pat.partner in your DM with @DevCenter\n   when is the next deploy?" in output
    assert "── (2) your DM with @DevCenter" in output and "*Next release:* Wednesday Nov 25, 2026" in output


def test_a_plain_line_in_a_channel_is_posted_there_only_by_a_member(tmp_path: Path) -> None:
    output = talk(tmp_path, "Sunny today.", ":as casey", ":in #partner-acme-analytics", "Me too!")

    assert "── (1) @pat.partner in #partner-acme-analytics\n   Sunny today." in output
    assert (
        "! @casey.stranger is not in #partner-acme-analytics (:join casey.stranger #partner-acme-analytics)" in output
    )


def test_close_then_submit_says_no_modal_is_open(tmp_path: Path) -> None:
    output = talk(tmp_path, ":as casey", "/devcenter join", ":close", JOIN, ":close")

    assert "── modal: Request access" in output
    assert "closed the modal “Request access”" in output
    assert "! no modal is open for @casey.stranger, nothing to submit" in output
    assert "! no modal is open for @casey.stranger\n" in output
    assert "We received the access request" not in output


def test_typing_elsewhere_closes_the_open_modal_so_a_later_submit_fills_nothing(tmp_path: Path) -> None:
    output = talk(tmp_path, ":as casey", "/devcenter join", "/devcenter help", JOIN)

    assert "(closed the modal “Request access” first: nothing else can be used while it is open)" in output
    assert "! no modal is open for @casey.stranger, nothing to submit" in output


def test_click_by_label_never_presses_a_button_from_an_older_output(tmp_path: Path) -> None:
    output = talk(
        tmp_path,
        ":as staff",
        ":messages",  # Acme's review card, with its Approve button
        "/devcenter help",
        ":click Approve",  # meant for an access card that never came
        "/devcenter status acme-analytics",
    )

    assert "[4] Approve" in after(output, "you are now @sam.staff")
    assert "! no “Approve” button in the last output (its buttons: none); :click! Approve presses the newest" in output
    assert "approved the review" not in output
    assert "*In review*" in after(output, ":click! Approve")


def test_an_ambiguous_label_lists_the_buttons_that_carry_it(tmp_path: Path) -> None:
    output = talk(
        tmp_path, ":as casey", "/devcenter join", JOIN, ":as staff", ":messages", ":click Approve", ":click 6"
    )

    assert "! 2 buttons called “Approve” in the last output: [4], [5]; :click <n> says which" in output
    assert "@sam.staff approved access" not in output  # [6] is Decline: it opens the reason modal instead
    assert "── modal: Decline" in after(output, "says which")


def test_click_bang_presses_the_newest_button_with_that_label_in_this_channel(tmp_path: Path) -> None:
    output = talk(tmp_path, ":as casey", "/devcenter join", JOIN, ":as staff", "/devcenter help", ":click! Approve")

    assert "@sam.staff approved access" in output
    assert "approved the review" not in output


def test_click_in_a_named_channel_presses_the_newest_button_there(tmp_path: Path) -> None:
    output = talk(tmp_path, ":as casey", "/devcenter join", JOIN, ":as staff", ":in #devcenter-announcements",
                  ":click Approve in #devcenter-reviews")  # fmt: skip

    assert "@sam.staff approved access" in output
    assert "approved the review" not in output


def test_messages_are_numbered_and_buttons_keep_their_own_numbers(tmp_path: Path) -> None:
    output = talk(tmp_path, ":as casey", "/devcenter join", JOIN, ":as staff", ":messages")

    listing = after(output, "[1] Approve   [2] Decline")  # what :as showed, then the :messages listing
    assert "── (1) #devcenter-reviews\n   == Acme Analytics (acme-analytics) ==" in listing
    assert "[1] Request changes   [2] Request replay info   [3] Request OAuth   [4] Approve" in listing
    assert "── (2) #devcenter-reviews\n   == Access request: Casey Co ==" in listing
    assert "[5] Approve   [6] Decline" in listing


def test_switching_user_shows_only_what_reached_them_since_their_last_turn(tmp_path: Path) -> None:
    output = talk(tmp_path, ":as casey", "/devcenter join", JOIN, ":as staff", ":as casey", ":as staff")

    first, second = output.split("you are now @sam.staff")[1:]
    assert "1 new for you since your last turn:\n── (1) #devcenter-reviews\n   == Access request: Casey Co ==" in first
    assert "new for you" not in second
