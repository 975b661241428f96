"""Block Kit prepared for the templates: buttons numbered as the emulator finds them, text objects as safe HTML."""

from __future__ import annotations

import copy
from typing import Any

from markupsafe import Markup

from slackbot.emulator.web.mrkdwn import Names, mrkdwn, plain

LOCAL_IMAGES = ("data:image/", "/static/")  # anything else would leave the machine: shown as a placeholder


def annotate(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A copy of the blocks whose buttons carry `_n`: their index in slackbot.emulator.text.buttons() order.

    The page posts that index back, and the server presses the button found at it in the workspace.
    """
    prepared = copy.deepcopy(blocks)
    number = 0
    for block in prepared:
        elements = list(block.get("elements") or []) if block.get("type") == "actions" else []
        if isinstance(block.get("accessory"), dict):
            elements.append(block["accessory"])
        for element in elements:
            if element.get("type") == "button":
                element["_n"] = number
                number += 1
    return prepared


def text_html(obj: Any, names: Names) -> Markup:
    """A text object (mrkdwn or plain_text) as HTML; a bare string is read as mrkdwn."""
    if isinstance(obj, str):
        return mrkdwn(obj, names)
    if not isinstance(obj, dict):
        return Markup("")
    if obj.get("type") == "mrkdwn":
        return mrkdwn(str(obj.get("text", "")), names)
    return plain(str(obj.get("text", "")), with_emoji=obj.get("emoji", True) is not False)


def plain_text(obj: Any) -> str:
    """The words of a text object, for labels and attributes (escaped by the template)."""
    return str(obj.get("text", "")) if isinstance(obj, dict) else str(obj or "")


def local_image(url: Any) -> bool:
    """True when an image can be shown without a request off this machine."""
    return isinstance(url, str) and url.startswith(LOCAL_IMAGES)
