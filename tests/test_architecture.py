"""Walks every import (with ast) and fails on an arrow the house plan (DESIGN.md §2) does not allow."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
STDLIB = "<stdlib>"

# layer (module prefix) -> what it may import besides the standard library and itself
ALLOWED: dict[str, set[str]] = {
    "slackbot.domain": set(),
    "slackbot.ids": set(),
    "slackbot.config": set(),
    "slackbot.kb": {"yaml"},
    "slackbot.services": {"slackbot.domain", "slackbot.kb", "storage"},
    "slackbot.render": {"slackbot.domain", "slackbot.ids", "slackbot.kb", "slack_sdk.models"},
    "slackbot.notify": {
        "slackbot.domain",
        "slackbot.ids",
        "slackbot.render",
        "slackbot.services",
        "storage",
        "slack_sdk",
    },
    "slackbot.jobs": {
        "slackbot.domain",
        "slackbot.services",
        "slackbot.notify",
        "storage",
        "apscheduler",
        "sqlalchemy",
    },
    "handlers": {"slackbot.domain", "slackbot.ids", "slackbot.render", "slackbot.services", "slack_bolt", "slack_sdk"},
    "storage": {"slackbot.domain", "sqlalchemy", "alembic"},
    "slackbot.emulator": {"slackbot", "storage", "slack_sdk", "handlers.acks"},
}
COMPOSITION_ROOTS = {
    "slackbot.app",
    "slackbot.cli",
    "slackbot.cli_support",
    "slackbot.cli_releases",
    "slackbot.cli_progress",
    "slackbot.serving",
    "slackbot.web",
    "slackbot",
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                found.add(".".join([*base, node.module] if node.module else base))
            elif node.module:
                found.add(node.module)
    return found


def _layer(module: str) -> str | None:
    matches = [layer for layer in ALLOWED if module == layer or module.startswith(layer + ".")]
    return max(matches, key=len) if matches else None


def _allowed(source_layer: str, target: str) -> bool:
    top = target.split(".")[0]
    if top in sys.stdlib_module_names or top == "__future__":
        return True
    if target == source_layer or target.startswith(source_layer + "."):
        return True
    return any(target == ok or target.startswith(ok + ".") for ok in ALLOWED[source_layer])


def _arrows() -> list[tuple[str, str, str]]:
    arrows = []
    for folder in ("slackbot", "handlers", "storage"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            module = _module_name(path)
            if module in COMPOSITION_ROOTS or "migrations" in module:
                continue
            layer = _layer(module)
            assert layer is not None, f"{module} belongs to no layer: add it to ALLOWED"
            arrows += [(module, layer, target) for target in sorted(_imports(path))]
    return arrows


def test_no_module_imports_across_a_forbidden_arrow() -> None:
    forbidden = [f"{module} -> {target}" for module, layer, target in _arrows() if not _allowed(layer, target)]
    assert forbidden == []


def test_the_domain_uses_only_the_standard_library() -> None:
    for module, layer, target in _arrows():
        if layer == "slackbot.domain":
            assert target.split(".")[0] in sys.stdlib_module_names or target.startswith(
                ("slackbot.domain", "__future__")
            ), f"{module} imports {target}"


@pytest.mark.parametrize("forbidden", ["sqlalchemy", "storage"])
def test_handlers_never_touch_the_database(forbidden: str) -> None:
    assert not [m for m, layer, t in _arrows() if layer == "handlers" and t.split(".")[0] == forbidden]


def test_the_checker_catches_a_forbidden_arrow() -> None:
    assert not _allowed("slackbot.domain", "sqlalchemy")
    assert not _allowed("handlers", "storage.uow")
    assert not _allowed("slackbot.services", "slack_sdk")
    assert _allowed("slackbot.render", "slack_sdk.models.blocks")


def test_modules_stay_small() -> None:
    big = [
        f"{p.relative_to(ROOT)} ({n})"
        for folder in ("slackbot", "handlers", "storage")
        for p in (ROOT / folder).rglob("*.py")
        if (n := len(p.read_text().splitlines())) > 320
    ]
    assert big == []
