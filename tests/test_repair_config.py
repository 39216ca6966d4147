"""RepairConfig: one switch per registered rule, immutable, strict about names."""

from __future__ import annotations

import pickle

import pytest

from cirmtext.errors import ConfigError
from cirmtext.repair import RULES, RepairConfig


def test_one_switch_per_rule_with_the_rule_default() -> None:
    config = RepairConfig()
    assert list(config.as_dict()) == [rule.name for rule in RULES]
    for rule in RULES:
        assert config.enabled(rule.name) is rule.default


def test_style_rules_are_off_by_default() -> None:
    assert all(not rule.default for rule in RULES if rule.risk == "style")


def test_unknown_rule_lists_the_valid_ones() -> None:
    with pytest.raises(ConfigError, match="valid rules: remove_bidi_controls"):
        RepairConfig(fix_everything=True)
    with pytest.raises(TypeError):  # ConfigError is also a TypeError, like a bad keyword
        RepairConfig().disable(["fix_everything"])


def test_immutable_and_replace() -> None:
    config = RepairConfig()
    with pytest.raises(AttributeError):
        config.unify_arabic_letters = False  # type: ignore[misc]
    off = config.replace(unify_arabic_letters=False)
    assert config.unify_arabic_letters and not off.unify_arabic_letters
    assert RepairConfig.only(["unify_arabic_letters"]).as_dict()["remove_bidi_controls"] is False


def test_pickles_by_value() -> None:
    config = RepairConfig().disable(["unify_arabic_letters"])
    assert pickle.loads(pickle.dumps(config)) == config
