"""Domain errors: each carries a message that is safe and useful to show to the person who caused it."""

from __future__ import annotations


class DomainError(Exception):
    """Base class: `user_message` is what the user sees; never a stack trace."""

    def __init__(self, user_message: str) -> None:
        super().__init__(user_message)
        self.user_message = user_message


class NotFound(DomainError):
    """The thing asked for does not exist (or the user may not know it exists)."""


class NotPermitted(DomainError):
    """The user's role may not take this action."""


class IllegalTransition(DomainError):
    """The action does not apply to the current stage."""


class Conflict(DomainError):
    """Someone else changed the record first (lost a race)."""


class InvalidInput(DomainError):
    """User input failed validation; `field_errors` maps a field name to its message."""

    def __init__(self, field_errors: dict[str, str]) -> None:
        super().__init__("; ".join(field_errors.values()))
        self.field_errors = dict(field_errors)
