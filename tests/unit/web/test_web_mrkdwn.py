"""Slack mrkdwn to HTML: formatting becomes tags, and nothing the bot says ever becomes markup of its own."""

from __future__ import annotations

from slackbot.emulator.web.mrkdwn import Names, mrkdwn, plain

USERS, CHANNELS = {"U0STAFF001": "sam.staff"}, {"C0STAFF001": "devcenter-reviews"}
NAMES = Names(user=lambda u: USERS.get(u, u), channel=lambda c: CHANNELS.get(c, c))


def test_bold_italics_strike_and_code_become_tags() -> None:
    html = mrkdwn("*Approved* by _staff_, ~late~ `rocket-metrics`")

    assert html == "<b>Approved</b> by <i>staff</i>, <s>late</s> <code>rocket-metrics</code>"


def test_nothing_is_formatted_inside_code() -> None:
    assert mrkdwn("`*not bold*` and ```a *b* <c>```") == (
        '<code>*not bold*</code> and <pre class="bk-pre">a *b* &lt;c&gt;</pre>'
    )


def test_snake_case_and_arithmetic_stay_plain() -> None:
    assert mrkdwn("launch_gates runs 2*3 times") == "launch_gates runs 2*3 times"


def test_escaped_html_from_the_bot_is_shown_as_text() -> None:
    html = mrkdwn("Company: &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co")

    assert "<script>" not in html
    assert html == "Company: &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"


def test_unescaped_markup_is_still_only_text() -> None:
    html = mrkdwn('<img src=x onerror="alert(1)"> and "quotes"')

    assert "<img" not in html
    assert html == "img src=x onerror=&#34;alert(1)&#34; and &#34;quotes&#34;"


def test_links_keep_their_label_and_only_safe_schemes_become_anchors() -> None:
    html = mrkdwn("<https://github.com/segmentio/action-destinations/pull/42|#42> <javascript:alert(1)|click>")

    assert html == (
        '<a href="https://github.com/segmentio/action-destinations/pull/42" target="_blank" '
        'rel="noopener noreferrer">#42</a> click'
    )


def test_a_link_label_cannot_break_out_of_its_anchor() -> None:
    html = mrkdwn('<https://example.com/?a=1&amp;b="2"|x &lt;b&gt;y&lt;/b&gt;>')

    assert html == (
        '<a href="https://example.com/?a=1&amp;b=&#34;2&#34;" target="_blank" rel="noopener noreferrer">'
        "x &lt;b&gt;y&lt;/b&gt;</a>"
    )


def test_user_channel_and_special_mentions_read_as_names() -> None:
    html = mrkdwn("<@U0STAFF001> in <#C0STAFF001> and <#C9|named>, <!here>, <@U0NOBODY1>", NAMES)

    assert html == (
        '<span class="bk-mention">@sam.staff</span> in <span class="bk-mention">#devcenter-reviews</span>'
        ' and <span class="bk-mention">#named</span>, <span class="bk-mention">@here</span>, '
        '<span class="bk-mention">@U0NOBODY1</span>'
    )


def test_emoji_short_names_become_emoji_and_unknown_ones_stay() -> None:
    assert mrkdwn(":white_check_mark: done :custom_party:") == "✅ done :custom_party:"


def test_quotes_and_line_breaks() -> None:
    assert mrkdwn("Note:\n&gt; add tests\n&gt; please\nThanks") == (
        "Note:<br><blockquote>add tests<br>please</blockquote>Thanks"
    )


def test_placeholder_characters_in_the_text_cannot_smuggle_markup() -> None:
    html = mrkdwn("\ue0000\ue001 <https://example.com|x>")

    assert html.count("<a ") == 1 and "\ue000" not in html


def test_plain_text_is_escaped_and_keeps_emoji_unless_told_not_to() -> None:
    assert plain("<b>Rocket</b> :rocket:") == "&lt;b&gt;Rocket&lt;/b&gt; 🚀"
    assert plain(":rocket:", with_emoji=False) == ":rocket:"
