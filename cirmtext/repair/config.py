"""``RepairConfig``: which repair rules run.

One boolean switch per rule in :data:`~cirmtext.repair.rules.RULES`, so the config can never
fall out of step with the registry. Rules that change correct text to a house style (digit
script, guillemets...) and rules that join hard line breaks are off unless asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..errors import ConfigError
from .rules import RULES, RULES_BY_NAME

__all__ = ["RepairConfig"]


class RepairConfig:
    """An immutable set of rule switches.

    >>> cfg = RepairConfig(unify_arabic_letters=False)
    >>> cfg.enabled("unify_arabic_letters"), cfg.enabled("remove_bidi_controls")
    (False, True)
    >>> RepairConfig(no_such_rule=True)
    Traceback (most recent call last):
    ...
    cirmtext.errors.ConfigError: unknown repair rule 'no_such_rule' (valid rules: ...)
    """

    __slots__ = ("_switches",)
    _switches: Mapping[str, bool]

    def __init__(self, **switches: bool) -> None:
        _check_names(switches)
        merged = {rule.name: rule.default for rule in RULES}
        for name, value in switches.items():
            if not isinstance(value, bool):
                msg = f"repair rule {name!r} must be True or False, not {value!r}"
                raise ConfigError(msg)
            merged[name] = value
        object.__setattr__(self, "_switches", merged)

    @classmethod
    def only(cls, names: Iterable[str]) -> RepairConfig:
        """A config that runs exactly the named rules."""
        wanted = list(names)
        _check_names(wanted)
        return cls(**{rule.name: rule.name in wanted for rule in RULES})

    def enabled(self, name: str) -> bool:
        """Whether the rule called ``name`` runs."""
        _check_names([name])
        return self._switches[name]

    def replace(self, **switches: bool) -> RepairConfig:
        """A copy with some switches changed."""
        return RepairConfig(**{**self._switches, **switches})

    def disable(self, names: Iterable[str]) -> RepairConfig:
        """A copy with the named rules switched off."""
        return self.replace(**dict.fromkeys(names, False))

    def enable(self, names: Iterable[str]) -> RepairConfig:
        """A copy with the named rules switched on."""
        return self.replace(**dict.fromkeys(names, True))

    def as_dict(self) -> dict[str, bool]:
        """Every rule name with its switch, in registry order."""
        return dict(self._switches)

    def __getattr__(self, name: str) -> Any:
        if name in RULES_BY_NAME:
            return self._switches[name]
        raise AttributeError(name)

    def __setattr__(self, name: str, value: object) -> None:
        msg = "RepairConfig is immutable; use .replace(...)"
        raise AttributeError(msg)

    def __reduce__(self) -> tuple[Any, tuple[dict[str, bool]]]:
        # Pickle by value (for process pools): the immutable __setattr__ blocks default unpickling.
        return (_from_switches, (dict(self._switches),))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RepairConfig) and self._switches == other._switches

    def __hash__(self) -> int:
        return hash(tuple(self._switches.items()))

    def __repr__(self) -> str:
        changed = [f"{k}={v}" for k, v in self._switches.items() if v != RULES_BY_NAME[k].default]
        return f"RepairConfig({', '.join(changed)})"


def _from_switches(switches: dict[str, bool]) -> RepairConfig:
    """Rebuild a pickled config, ignoring rules that no longer exist."""
    return RepairConfig(**{k: v for k, v in switches.items() if k in RULES_BY_NAME})


def _check_names(names: Iterable[str]) -> None:
    for name in names:
        if name not in RULES_BY_NAME:
            valid = ", ".join(rule.name for rule in RULES)
            msg = f"unknown repair rule {name!r} (valid rules: {valid})"
            raise ConfigError(msg)
