"""Secrets at rest: the partners' test-account passwords are stored sealed with Fernet (cryptography), with the
keys of DEVCENTER_SECRET_KEY (comma-separated; the first seals, every one opens, so keys can be rotated).

A sealed value is stored as `fernet:<token>`; a value without the prefix is a plaintext one stored before sealing
existed, read as it is until `devcenter-bot secrets reseal` seals it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

log = logging.getLogger(__name__)

PREFIX = "fernet:"


def new_key() -> str:
    """A fresh key for DEVCENTER_SECRET_KEY."""
    return Fernet.generate_key().decode()


def is_sealed(value: str) -> bool:
    """Whether a stored value is sealed (rather than plaintext from before)."""
    return value.startswith(PREFIX)


class Sealer:
    """Seals and opens short secrets; without keys it can open nothing and seals nothing."""

    def __init__(self, keys: Sequence[str]) -> None:
        self._box = MultiFernet([Fernet(key.encode()) for key in keys]) if keys else None

    @classmethod
    def ephemeral(cls) -> Sealer:
        """A sealer with a key made up now: for the sandboxes and tests, whose databases are throwaway."""
        return cls([new_key()])

    @staticmethod
    def holds(value: str) -> bool:
        """Whether a stored value is already sealed."""
        return is_sealed(value)

    @property
    def enabled(self) -> bool:
        """True when a key is configured."""
        return self._box is not None

    def seal(self, value: str) -> str:
        """`fernet:<token>` for a plaintext value (empty and already-sealed values are returned as they are)."""
        if not value or is_sealed(value):
            return value
        if self._box is None:
            raise RuntimeError("no DEVCENTER_SECRET_KEY: nothing can be sealed")
        return PREFIX + self._box.encrypt(value.encode()).decode()

    def open(self, value: str) -> str | None:
        """The plaintext of a stored value; None when it was sealed with a key that is no longer configured."""
        if not is_sealed(value):
            return value
        if self._box is None:
            return None
        try:
            return self._box.decrypt(value.removeprefix(PREFIX).encode()).decode()
        except InvalidToken:
            log.warning("a sealed secret could not be opened with the keys of DEVCENTER_SECRET_KEY")
            return None

    def reseal(self, value: str) -> str:
        """The value sealed with the first key (plaintext sealed, older keys rotated); unchanged when it cannot."""
        if not value or self._box is None:
            return value
        if not is_sealed(value):
            return self.seal(value)
        try:
            return PREFIX + self._box.rotate(value.removeprefix(PREFIX).encode()).decode()
        except InvalidToken:
            return value
