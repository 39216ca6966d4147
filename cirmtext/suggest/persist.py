"""Save and load fitted suggestion models, bound to the codebook they were fitted with.

A model file is one line of magic (``cirmtext-model 1``), one line of JSON header, then the
model pickled by joblib::

    cirmtext-model 1
    {"class": "cirmtext.suggest.topics.TopicSuggester", "codebook_id": "...",
     "codebook_fingerprint": "...", "params": {...}, "cirmtext": "0.1.0", "saved": "..."}
    <joblib payload>

The header can be read without unpickling (:func:`read_header`). :func:`load_model` refuses a
file that does not start with the magic line (not ours: we never unpickle it), and a model
fitted with another codebook than the one given, with a :class:`~cirmtext.errors.ModelError`
naming both fingerprints. Only load model files you or your team wrote: unpickling runs code.

>>> import tempfile, pathlib
>>> from cirmtext.codebook import Codebook
>>> cb = Codebook.from_dict({"codes": [{"id": "C1", "label": "مشارکت", "keywords": ["محله"]}]})
>>> from cirmtext.suggest.keywords import KeywordSuggester
>>> path = pathlib.Path(tempfile.mkdtemp()) / "kw.model"
>>> save_model(KeywordSuggester(cb).fit(["محله"]), path)
>>> read_header(path)["codebook_id"]
'codebook'
>>> type(load_model(path, codebook=cb)).__name__
'KeywordSuggester'
"""

from __future__ import annotations

import datetime as _dt
import io
import json
import os
from pathlib import Path
from typing import Any

import joblib

from .._version import __version__
from ..errors import ModelError
from ..io import atomic_write

__all__ = ["MAGIC", "load_model", "read_header", "save_model"]

MAGIC = b"cirmtext-model 1\n"
_MAX_HEADER = 1 << 20


def _plain(value: Any) -> Any:
    """JSON-safe view of a parameter value (objects become their repr)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    codebook_id = getattr(value, "fingerprint", None)
    if codebook_id is not None:
        return f"<codebook {getattr(value, 'id', '?')} {str(codebook_id)[:12]}>"
    return repr(value)


def save_model(model: Any, path: str | os.PathLike[str], *,
               extra: dict[str, Any] | None = None) -> None:
    """Write a fitted model (atomically) with its codebook fingerprint and parameters.

    Raises:
        ModelError: the model is not fitted with a codebook (no ``fingerprint_``).
    """
    fingerprint = getattr(model, "fingerprint_", None)
    codebook = getattr(model, "codebook_", None)
    if fingerprint is None or codebook is None:
        raise ModelError(f"{type(model).__name__} is not fitted with a codebook", path=path,
                         hint="fit the model before saving it")
    params = model.get_params(deep=False) if hasattr(model, "get_params") else {}
    header = {"class": f"{type(model).__module__}.{type(model).__qualname__}",
              "codebook_id": codebook.id, "codebook_version": codebook.version,
              "codebook_fingerprint": fingerprint,
              "params": {k: _plain(v) for k, v in params.items()},
              "cirmtext": __version__,
              "saved": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
              **(extra or {})}
    buffer = io.BytesIO()
    joblib.dump(model, buffer, compress=3)
    line = json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8")
    atomic_write(path, MAGIC + line + b"\n" + buffer.getvalue())


def _split(path: str | os.PathLike[str]) -> tuple[dict[str, Any], bytes]:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ModelError(f"cannot read the model file: {exc.strerror}", path=path) from None
    if not data.startswith(MAGIC):
        raise ModelError("is not a cirmtext model file", path=path,
                         hint="give a file written by save_model or --save-model")
    end = data.find(b"\n", len(MAGIC), len(MAGIC) + _MAX_HEADER)
    try:
        header = json.loads(data[len(MAGIC):end].decode("utf-8")) if end > 0 else None
    except (UnicodeDecodeError, json.JSONDecodeError):
        header = None
    if not isinstance(header, dict) or "codebook_fingerprint" not in header:
        raise ModelError("the model file's header is damaged", path=path,
                         hint="save the model again")
    return header, data[end + 1:]


def read_header(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The JSON header of a model file (class, codebook, parameters), without unpickling."""
    return _split(path)[0]


def load_model(path: str | os.PathLike[str], *, codebook: Any = None,
               expected: type | None = None) -> Any:
    """Load a model written by :func:`save_model`.

    Args:
        path: the model file.
        codebook: if given, the model must have been fitted with this codebook.
        expected: if given, the model must be an instance of this class.

    Raises:
        ModelError: not a cirmtext model file, a damaged file, another codebook, or another
            kind of model.
    """
    header, payload = _split(path)
    if codebook is not None and header["codebook_fingerprint"] != codebook.fingerprint:
        raise ModelError(
            f"was fitted with codebook {header.get('codebook_id')!r} "
            f"({str(header['codebook_fingerprint'])[:12]}), not {codebook.id!r} "
            f"({codebook.fingerprint[:12]})", path=path,
            hint="refit the model with this codebook, or use the codebook it was fitted with")
    try:
        model = joblib.load(io.BytesIO(payload))
    except Exception as exc:  # a truncated or corrupt payload can fail in many ways
        raise ModelError(f"the model payload cannot be read ({type(exc).__name__})", path=path,
                         hint="save the model again") from None
    if expected is not None and not isinstance(model, expected):
        raise ModelError(f"holds a {type(model).__name__}, not a {expected.__name__}", path=path)
    if getattr(model, "fingerprint_", None) != header["codebook_fingerprint"]:
        raise ModelError("the model does not match its header", path=path,
                         hint="save the model again")
    return model
