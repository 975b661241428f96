"""The house rules, checked: import arrows (walked with ast), one stem per feature, module, function and listener
sizes, and no comment that points outside the repository."""

from __future__ import annotations

import ast
import inspect
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
FOLDERS = ("slackbot", "handlers", "storage")

# layer (module prefix) -> what it may import besides the standard library and itself
ALLOWED: dict[str, set[str]] = {
    "slackbot.domain": set(),
    "slackbot.ids": set(),
    "slackbot.config": {"slackbot.domain", "slackbot.email.compose", "slackbot.email.target"},
    "slackbot.wire": {"slackbot.domain"},
    "slackbot.kb": {"yaml"},
    "slackbot.sealing": {"cryptography"},
    "slackbot.program": {"slackbot.config", "slackbot.domain", "slackbot.kb", "slackbot.sealing", "storage"},
    "slackbot.services": {"slackbot.domain", "slackbot.kb", "slackbot.program", "storage"},
    "slackbot.render": {
        "slackbot.domain", "slackbot.ids", "slackbot.kb", "slackbot.wire", "slack_sdk.models", "jinja2",
    },
    "slackbot.email": {"slackbot.domain", "slackbot.render", "slackbot.services", "slackbot.program", "storage"},
    "slackbot.github": {"slackbot.domain", "gidgethub", "msgspec"},
    "slackbot.slack": {
        "slackbot.domain", "slackbot.ids", "slackbot.render", "slackbot.services", "slackbot.program", "storage",
        "slack_sdk",
    },
    "slackbot.jobs": {
        "slackbot.domain", "slackbot.services", "slackbot.program", "storage", "apscheduler", "sqlalchemy",
    },
    "handlers": {
        "slackbot.domain", "slackbot.ids", "slackbot.render", "slackbot.services", "slackbot.program",
        "slackbot.wire", "slackbot.slack.directory", "slackbot.slack.requests", "slack_bolt", "slack_sdk",
    },
    "storage": {"slackbot.domain", "sqlalchemy", "alembic"},
    "slackbot.observability": {"slackbot.domain", "prometheus_client", "pythonjsonlogger"},
    "slackbot.emulator": {"slackbot", "storage", "slack_sdk", "handlers.acks", "aiosmtpd", "trustme"},
    "slackbot.emulator.web": {
        "slackbot", "storage", "slack_sdk", "handlers.acks", "flask", "werkzeug", "markupsafe", "emoji", "apscheduler",
    },
}  # fmt: skip
COMPOSITION_ROOTS = {"slackbot.app", "slackbot.cli", "slackbot.serving", "slackbot.web", "slackbot"}
FEATURE_LAYERS = ("slackbot/domain", "slackbot/services", "slackbot/render", "handlers")
SHARED_ROOMS = {
    "slackbot/domain": {"actors", "errors", "lifecycle", "messages", "text"},
    "slackbot/services": {"events", "health", "outbox", "demo", "kb"},
    "slackbot/render": {"commands", "common", "messages", "mrkdwn"},
    "handlers": {"acks", "commands", "errors", "middleware", "modals", "routing"},
}
MAX_MODULE_LINES, MAX_FUNCTION_LINES, MAX_LISTENER_LINES = 300, 40, 25
OUTSIDE_POINTERS = re.compile(r"(?i)\bissue \d+|seed 00\d|design\.md")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _sources(*, migrations: bool = False) -> list[Path]:
    paths = [p for folder in FOLDERS for p in sorted((ROOT / folder).rglob("*.py"))]
    return [p for p in paths if migrations or "migrations" not in p.parts]


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


def _is_root(module: str) -> bool:
    return any(module == root or module.startswith(root + ".") for root in COMPOSITION_ROOTS - {"slackbot"}) or (
        module == "slackbot"
    )


def _arrows() -> list[tuple[str, str, str]]:
    arrows = []
    for path in _sources():
        module = _module_name(path)
        if _is_root(module):
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


def test_jobs_reach_slack_only_through_the_outbox() -> None:
    assert not [
        t for _, layer, t in _arrows() if layer == "slackbot.jobs" and t.startswith(("slack_sdk", "slack_bolt"))
    ]


def test_the_checker_catches_a_forbidden_arrow() -> None:
    assert not _allowed("slackbot.domain", "sqlalchemy")
    assert not _allowed("handlers", "storage.uow")
    assert not _allowed("slackbot.services", "slack_sdk")
    assert not _allowed("slackbot.jobs", "slackbot.slack.sender")
    assert _allowed("slackbot.render", "slack_sdk.models.blocks")


def test_a_feature_has_the_same_stem_in_every_layer() -> None:
    """Every feature module of a layer names a feature that also exists in services (or is a shared room).

    A module too big for one file splits as <feature>_<part> (render/home_staff.py is the staff half of home).
    """
    stems = {layer: {p.stem for p in (ROOT / layer).glob("*.py") if p.stem != "__init__"} for layer in FEATURE_LAYERS}
    features = stems["slackbot/services"] | stems["slackbot/domain"]
    strays = {
        layer: sorted(n for n in names - SHARED_ROOMS[layer] if n.split("_")[0] not in features and n not in features)
        for layer, names in stems.items()
        if layer != "slackbot/domain"
    }
    assert {layer: names for layer, names in strays.items() if names} == {}


def test_modules_stay_small() -> None:
    big = [
        f"{p.relative_to(ROOT)} ({n})"
        for p in _sources(migrations=True)
        if (n := len(p.read_text().splitlines())) > MAX_MODULE_LINES
    ]
    assert big == []


def test_functions_stay_short() -> None:
    long = []
    for path in _sources(migrations=True):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({lines})")
    assert long == []


def test_listeners_stay_shorter() -> None:
    import handlers

    long = []
    for kind in (*handlers.KINDS, "ROUTES"):
        for listener in handlers.table(kind).values():
            lines = len(inspect.getsource(inspect.unwrap(listener)).splitlines())
            if lines > MAX_LISTENER_LINES:
                long.append(f"{listener.__module__}.{listener.__qualname__} ({lines})")
    assert long == []


def test_no_comment_points_outside_the_repository() -> None:
    found = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in _sources()
        for n, line in enumerate(p.read_text().splitlines(), 1)
        if OUTSIDE_POINTERS.search(line)
    ]
    assert found == []
