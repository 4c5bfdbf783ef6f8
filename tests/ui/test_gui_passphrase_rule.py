"""The app and the command line enforce one minimum passphrase: the core's."""

from __future__ import annotations

from casebook.passphrase import MIN_PASSPHRASE, passphrase_strength


def test_app_strength_meter_uses_the_cores_minimum_passphrase():
    score, hint = passphrase_strength("x" * (MIN_PASSPHRASE - 1))
    assert score == 0 and f"at least {MIN_PASSPHRASE} characters" in hint
    assert passphrase_strength("x" * MIN_PASSPHRASE)[0] > 0
