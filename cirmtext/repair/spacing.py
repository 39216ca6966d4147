"""Word-level spacing rules: spaces inside words and ZWNJ."""

from __future__ import annotations

from .base import Rule

__all__ = ["RULES"]

RULES: tuple[Rule, ...] = ()
