"""Every setting (CLI option with an environment variable) is documented in the README's settings table."""
from pathlib import Path

import pytest

from newsevents.settings import SETTINGS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(SETTINGS))
def test_setting_is_in_the_readme(name):
    setting = SETTINGS[name]
    assert f"--{name.replace('_', '-')}" in README
    if setting.env:
        assert setting.env in README
