"""Order rules: lines whose word order came out reversed, mirrored brackets, punctuation spacing."""

from __future__ import annotations

from .base import Rule

__all__ = ["RULES"]

RULES: tuple[Rule, ...] = ()
