"""Codebooks: trees of codes, loaded, validated and saved as YAML, JSON, CSV or REFI-QDA .qdc.

A :class:`Codebook` holds :class:`~cirmtext.records.Code` records in tree order (a parent before
its children), each with ``parent`` and ``level`` filled in from the tree. Files are checked as
they are read: a duplicate id, an unknown parent, a cycle, an empty label, a value of the wrong
type or an unknown key is a :class:`~cirmtext.errors.CodebookError` that names the file and the
line (YAML, JSON) or row (CSV). Text is put through the repair stage on loading, so a codebook
typed with Arabic ``ي``/``ك`` or a broken ZWNJ matches repaired transcripts.

>>> cb = Codebook.from_dict({"id": "demo", "levels": ["element", "code"], "codes": [
...     {"id": "P1", "label": "مشارکت", "children": [
...         {"id": "C1", "label": "مشاركت مردم", "keywords": ["مشارکت کردن"]}]}]})
>>> cb["C1"].label, cb["C1"].parent, cb["C1"].level
('مشارکت مردم', 'P1', 'code')
>>> [c.id for c in cb.ancestors("C1")]
['P1']
"""

from __future__ import annotations

from dataclasses import fields

from ..records import Code
from ._files import BUNDLED_DIR, bundled_codebooks, load_codebook, save_codebook
from ._model import Codebook, light_repair_config

__all__ = ["BUNDLED_DIR", "CODE_FIELDS", "Codebook", "bundled_codebooks", "light_repair_config",
           "load_codebook", "save_codebook"]

#: Names of the fields a :class:`~cirmtext.records.Code` has (for tools that build codebooks).
CODE_FIELDS = tuple(f.name for f in fields(Code))
