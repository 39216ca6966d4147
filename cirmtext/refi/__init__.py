"""REFI-QDA exchange: codebooks (``.qdc``) and, in :mod:`cirmtext.refi.project`, projects.

:mod:`cirmtext.refi._xml` parses untrusted XML safely and mints deterministic GUIDs;
:mod:`cirmtext.refi.codebook` converts between :class:`~cirmtext.codebook.Codebook` and the
``urn:QDA-XML:codebook:1.0`` format that ATLAS.ti, MAXQDA, NVivo and QualCoder read.
"""

from __future__ import annotations

__all__: list[str] = []
