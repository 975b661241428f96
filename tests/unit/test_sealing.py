"""Secrets at rest: sealed with the first key, opened with any, rotated by resealing; plaintext from before reads."""

from __future__ import annotations

import pytest

from slackbot.config import ConfigError, load_settings
from slackbot.sealing import Sealer, new_key


def test_a_sealed_value_opens_and_never_contains_the_plaintext() -> None:
    sealer = Sealer([new_key()])

    sealed = sealer.seal("hunter2-but-longer")

    assert sealed.startswith("fernet:") and "hunter2" not in sealed
    assert sealer.open(sealed) == "hunter2-but-longer"
    assert sealer.seal(sealed) == sealed and sealer.seal("") == ""


def test_rotation_new_key_first_old_key_still_opens_and_reseal_moves_to_the_new_key() -> None:
    old, new = new_key(), new_key()
    sealed_with_old = Sealer([old]).seal("pw")
    rotated = Sealer([new, old])

    resealed = rotated.reseal(sealed_with_old)

    assert rotated.open(sealed_with_old) == "pw"
    assert Sealer([new]).open(resealed) == "pw" and Sealer([old]).open(resealed) is None


def test_a_value_sealed_with_an_unknown_key_cannot_be_opened() -> None:
    assert Sealer([new_key()]).open(Sealer([new_key()]).seal("pw")) is None
    assert Sealer([]).open(Sealer([new_key()]).seal("pw")) is None


def test_plaintext_stored_before_sealing_reads_as_it_is_and_reseals() -> None:
    sealer = Sealer([new_key()])

    assert sealer.open("legacy-pw") == "legacy-pw"
    assert sealer.open(sealer.reseal("legacy-pw")) == "legacy-pw"


def test_without_keys_nothing_is_sealed() -> None:
    with pytest.raises(RuntimeError, match="DEVCENTER_SECRET_KEY"):
        Sealer([]).seal("pw")


def test_devcenter_secret_key_takes_comma_separated_fernet_keys_and_never_shows_them() -> None:
    first, second = new_key(), new_key()
    settings = load_settings({"DEVCENTER_SECRET_KEY": f"{first}, {second}"})

    assert settings.secret_keys == (first, second)
    assert first not in repr(settings)
    with pytest.raises(ConfigError, match="DEVCENTER_SECRET_KEY key 2 is not a Fernet key"):
        load_settings({"DEVCENTER_SECRET_KEY": f"{first},hunter2"})
