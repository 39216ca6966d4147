"""Layout rules: page furniture, lines whose letters came out in visual order, hard line breaks."""

from __future__ import annotations

from .base import Rule

__all__ = ["RULES"]

RULES: tuple[Rule, ...] = ()
