"""Plain data across the sandbox boundary.

Values travel between the grader and the student's worker as one JSON
document per line.  Only these kinds exist on the wire:

* ``None``, ``bool``, ``int``, ``float`` (``NaN``/``Infinity`` allowed), ``str``;
* lists, and dicts with string keys, of wire values;
* tuples, as ``{"__tuple__": [...]}``;
* numeric arrays, as ``{"__ndarray__": base64, "dtype": "float64", "shape": [...]}``.

No pickle, no object of the student's reaches the grader: :func:`decode`
rebuilds arrays with :func:`numpy.frombuffer` from a whitelist of dtypes and
rejects everything else.  A value the worker cannot express this way is sent
as ``{"__unsupported__": "<type name>"}`` and becomes :class:`Unsupported`.
"""

from __future__ import annotations

import base64
import json
import math

import numpy as np

DTYPES = frozenset({"float64", "float32", "float16", "int64", "int32", "int16", "int8",
                    "uint64", "uint32", "uint16", "uint8", "bool"})
MAX_ELEMENTS = 20_000_000
MAX_DEPTH = 32
_RESERVED = ("__tuple__", "__ndarray__", "__unsupported__")


class WireError(ValueError):
    """A message that is not well-formed plain data."""


class Unsupported:
    """Stands for a value of a type that cannot cross (e.g. a custom object)."""

    def __init__(self, type_name: str):
        self.type_name = str(type_name)[:200]

    def __repr__(self):
        return f"<a {self.type_name} object>"


def to_wire(value, depth: int = 0):
    """Turn ``value`` into JSON-able plain data (used inside the worker)."""
    if depth > MAX_DEPTH:
        return {"__unsupported__": "deeply nested container"}
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, np.integer)) and not isinstance(value, np.bool_):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.ndarray):
        if value.dtype.name not in DTYPES:
            return {"__unsupported__": f"numpy array of dtype {value.dtype}"}
        arr = np.array(value, order="C", copy=True)
        return {"__ndarray__": base64.b64encode(arr.tobytes()).decode("ascii"),
                "dtype": arr.dtype.name, "shape": list(arr.shape)}
    if type(value) is tuple:
        return {"__tuple__": [to_wire(v, depth + 1) for v in value]}
    if type(value) is list:
        return [to_wire(v, depth + 1) for v in value]
    if type(value) is dict and all(type(k) is str for k in value):
        return {k: to_wire(v, depth + 1) for k, v in value.items()}
    return {"__unsupported__": type(value).__name__}


def dumps(value) -> str:
    return json.dumps(to_wire(value), allow_nan=True, separators=(",", ":"))


def decode(obj, depth: int = 0):
    """Rebuild a wire value; raise :class:`WireError` on anything unexpected."""
    if depth > MAX_DEPTH:
        raise WireError("value nested too deeply")
    if obj is None or type(obj) in (bool, str):
        return obj
    if type(obj) is int:
        return obj
    if type(obj) is float:
        return obj
    if type(obj) is list:
        return [decode(v, depth + 1) for v in obj]
    if type(obj) is not dict:
        raise WireError(f"unexpected JSON value of type {type(obj).__name__}")
    if "__tuple__" in obj:
        if set(obj) != {"__tuple__"} or type(obj["__tuple__"]) is not list:
            raise WireError("malformed tuple")
        return tuple(decode(v, depth + 1) for v in obj["__tuple__"])
    if "__ndarray__" in obj:
        return _decode_array(obj)
    if "__unsupported__" in obj:
        if set(obj) != {"__unsupported__"} or type(obj["__unsupported__"]) is not str:
            raise WireError("malformed unsupported marker")
        return Unsupported(obj["__unsupported__"])
    if any(k in _RESERVED for k in obj):
        raise WireError("malformed tagged value")
    return {str(k): decode(v, depth + 1) for k, v in obj.items()}


def _decode_array(obj) -> np.ndarray:
    if set(obj) != {"__ndarray__", "dtype", "shape"}:
        raise WireError("malformed array")
    dtype, shape, data = obj["dtype"], obj["shape"], obj["__ndarray__"]
    if type(dtype) is not str or dtype not in DTYPES:
        raise WireError(f"array dtype {dtype!r} is not allowed")
    if type(shape) is not list or not all(type(s) is int and 0 <= s for s in shape) or len(shape) > 32:
        raise WireError("malformed array shape")
    n = math.prod(shape)
    if n > MAX_ELEMENTS:
        raise WireError(f"array of {n} elements is too large")
    if type(data) is not str:
        raise WireError("malformed array data")
    try:
        raw = base64.b64decode(data.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError):
        raise WireError("array data is not base64") from None
    dt = np.dtype(dtype)
    if len(raw) != n * dt.itemsize:
        raise WireError("array data does not match its shape")
    return np.frombuffer(raw, dtype=dt).reshape(tuple(shape)).copy()


ANSWER_KEYS = frozenset({"ok", "missing", "error"})


def parse_answer(line: bytes) -> dict:
    """One answer line from the worker, checked for shape (not yet decoded).

    The caller bounds ``line``'s length (see ``Limits.answer_bytes``), so
    parsing it builds objects of bounded size; anything that is not exactly
    ``{"ok": v}`` (with an optional ``"effects"`` report of the call's side
    effects), ``{"missing": name}`` or ``{"error": {...}}`` is a
    :class:`WireError`.
    """
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError) as exc:
        raise WireError(f"not JSON: {str(exc)[:100]}") from None
    if type(obj) is not dict:
        raise WireError("not an answer of the grading protocol")
    kinds = [key for key in obj if key in ANSWER_KEYS]
    extra = set(obj) - set(ANSWER_KEYS) - {"effects"}
    if len(kinds) != 1 or extra or ("effects" in obj and ("ok" not in obj or type(obj["effects"]) is not dict)):
        raise WireError("not an answer of the grading protocol")
    if "error" in obj and type(obj["error"]) is not dict:
        raise WireError("malformed error report")
    if "missing" in obj and type(obj["missing"]) is not str:
        raise WireError("malformed missing-name report")
    return obj


def loads(line: str | bytes):
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError) as exc:
        raise WireError(f"not JSON: {exc}") from None
    return decode(obj)
