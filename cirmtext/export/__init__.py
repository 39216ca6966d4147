"""Exports of a project: coded segments as CSV; REFI-QDA lives in :mod:`cirmtext.refi`."""

from __future__ import annotations

from .csv import COLUMNS, MACHINE_CODER, export_csv

__all__ = ["COLUMNS", "MACHINE_CODER", "export_csv"]
