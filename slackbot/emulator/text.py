"""Block Kit to readable terminal text (the console and test assertions read this)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

LINK = re.compile(r"<(https?://[^|>]+)\|([^>]+)>|<(https?://[^>]+)>")
USER = re.compile(r"<@([A-Z0-9]+)(?:\|[^>]*)?>")
CHANNEL = re.compile(r"<#([A-Z0-9]+)(?:\|([^>]*))?>")


@dataclass(frozen=True)
class Button:
    """An interactive element found in rendered blocks."""

    label: str
    action_id: str
    block_id: str
    value: str | None
    style: str | None


def mrkdwn(
    text: str, user_name: Callable[[str], str] = lambda u: u, channel_name: Callable[[str], str] = lambda c: c
) -> str:
    """Turn Slack mrkdwn escapes into plain words: <@U1> → @name, <url|x> → x (url)."""
    text = USER.sub(lambda m: "@" + user_name(m.group(1)), text)
    text = CHANNEL.sub(lambda m: "#" + (m.group(2) or channel_name(m.group(1))), text)
    text = LINK.sub(lambda m: f"{m.group(2)} ({m.group(1)})" if m.group(1) else m.group(3), text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _text(obj: Any) -> str:
    return obj.get("text", "") if isinstance(obj, dict) else ""


def buttons(blocks: list[dict[str, Any]]) -> list[Button]:
    """Every button in the blocks (actions blocks and section accessories), in order."""
    found: list[Button] = []
    for block in blocks:
        elements = list(block.get("elements") or []) if block.get("type") == "actions" else []
        if isinstance(block.get("accessory"), dict):
            elements.append(block["accessory"])
        for element in elements:
            if element.get("type") == "button":
                found.append(
                    Button(
                        _text(element.get("text")),
                        element.get("action_id", ""),
                        block.get("block_id", ""),
                        element.get("value"),
                        element.get("style"),
                    )
                )
    return found


def _section(block: dict[str, Any], fmt: Callable[[str], str], label: Callable[[Button], str]) -> list[str]:
    lines = [fmt(_text(block["text"]))] if block.get("text") else []
    lines += [fmt(_text(f)) for f in block.get("fields") or []]
    if block.get("accessory"):
        holder = {"type": "section", "accessory": block.get("accessory"), "block_id": block.get("block_id", "")}
        lines += [f"  {label(b)}" for b in buttons([holder])]
    return lines


def _input(block: dict[str, Any]) -> list[str]:
    element = block.get("element") or {}
    optional = " (optional)" if block.get("optional") else ""
    lines = [f"  ▸ {_text(block.get('label'))}{optional} [{block.get('block_id')}:{element.get('type')}]"]
    if element.get("options"):
        lines.append("      options: " + ", ".join(str(o.get("value")) for o in element["options"]))
    return lines


def _block_lines(
    block: dict[str, Any], fmt: Callable[[str], str], label: Callable[[Button], str], fallback: str
) -> list[str]:
    kind = block.get("type")
    if kind == "header":
        return [f"== {_text(block.get('text'))} =="]
    if kind == "section":
        return _section(block, fmt, label)
    if kind == "context":
        return ["  " + " ".join(fmt(_text(e)) for e in block.get("elements") or [])]
    if kind == "divider":
        return ["  ───"]
    if kind == "actions":
        row = buttons([block])
        return ["  " + "   ".join(label(b) for b in row)] if row else []
    if kind == "input":
        return _input(block)
    return [fallback] if kind == "rich_text" else []


def render_blocks(
    blocks: list[dict[str, Any]],
    fallback: str = "",
    *,
    number_from: int = 1,
    user_name: Callable[[str], str] = lambda u: u,
    channel_name: Callable[[str], str] = lambda c: c,
) -> tuple[str, list[Button]]:
    """Readable lines for a message or view, buttons numbered [n] from `number_from`."""
    numbered: list[Button] = []
    fmt = lambda s: mrkdwn(s, user_name, channel_name)

    def label(button: Button) -> str:
        numbered.append(button)
        return f"[{number_from + len(numbered) - 1}] {button.label}"

    lines = [line for block in blocks for line in _block_lines(block, fmt, label, fallback)]
    if not lines and fallback:
        lines.append(fmt(fallback))
    return "\n".join(lines), numbered
