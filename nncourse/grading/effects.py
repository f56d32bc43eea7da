"""What one call of the student's code did besides returning a value.

Runs inside the worker, next to the student's code (so it must stay free of
anything secret).  :class:`Recorder` wraps one call (``f(*args)``, a method
call or a constructor) and reports, as plain data for the wire:

``mutated``
    argument arrays (also those inside lists, tuples and dicts) whose
    contents or shape changed during the call, argument lists and dicts
    whose entries were added, removed or replaced (``"entries"`` says
    which), and, for an object, arrays
    the caller passed to an *earlier* call that the object kept and has now
    changed — each as ``{"name", "position", "param", "origin", "changed",
    "size", "index", "before", "after"}``;
``result_aliases``
    arrays of the result that share memory with an argument array
    (``{"result": path, "name", "position", "param", "origin"}``);
``state_aliases``
    arrays of the object's state (``vars(obj)``, after a constructor or a
    method call) that share memory with an argument of this call;
``warnings``
    ``{"category", "message"}`` of every warning raised, including NumPy's
    floating-point overflow, division by zero and invalid operations
    (underflow to 0 is ignored: stable formulas rely on it);
``dtypes``
    ``{path: dtype}`` of the result's numbers and arrays (``""`` is the
    result itself), e.g. ``{"[0]": "float64", "[1]": "int"}``.

Only arrays are compared; arrays are snapshotted by copy before the call and
compared byte for byte after it (NaN-safe).
"""

from __future__ import annotations

import inspect
import warnings

import numpy as np

MAX_DEPTH = 4
MAX_ITEMS = 64
MAX_TRACKED = 256


def arrays_in(value, label: str, depth: int = 0):
    """Yield ``(label, array)`` for each ndarray in ``value`` (lists, tuples, dicts)."""
    if isinstance(value, np.ndarray):
        yield label, value
        return
    if depth >= MAX_DEPTH:
        return
    if isinstance(value, (list, tuple)):
        for i, v in enumerate(value[:MAX_ITEMS]):
            yield from arrays_in(v, f"{label}[{i}]", depth + 1)
    elif isinstance(value, dict):
        for k, v in list(value.items())[:MAX_ITEMS]:
            yield from arrays_in(v, f"{label}[{k!r}]", depth + 1)


def containers_in(value, label: str, depth: int = 0):
    """Yield ``(label, container)`` for each list or dict in ``value``, itself included."""
    if isinstance(value, (list, dict)):
        yield label, value
    if depth >= MAX_DEPTH or not isinstance(value, (list, tuple, dict)):
        return
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for k, v in list(items)[:MAX_ITEMS]:
        yield from containers_in(v, f"{label}[{k!r}]" if isinstance(value, dict) else f"{label}[{k}]", depth + 1)


def _entries(container) -> list:
    """What a list or dict holds, by identity (to see entries added, removed or replaced)."""
    if isinstance(container, dict):
        return [(repr(k)[:60], id(v)) for k, v in list(container.items())[:1000]]
    return [(str(i), id(v)) for i, v in enumerate(container[:1000])]


def _container_change(before: list, after: list) -> dict:
    b, a = dict(before), dict(after)
    added = [k for k in a if k not in b]
    removed = [k for k in b if k not in a]
    replaced = [k for k in a if k in b and a[k] != b[k]]
    parts = []
    for word, keys in (("replaced", replaced), ("added", added), ("removed", removed)):
        if keys:
            parts.append(f"entries {', '.join(keys[:4])}{' ...' if len(keys) > 4 else ''} {word}")
    return {"entries": "; ".join(parts) or "entries reordered"}


def state_arrays(obj):
    """``(label, array)`` for the arrays an object holds in its attributes."""
    try:
        attrs = vars(obj)
    except TypeError:
        return []
    out = []
    for name, value in list(attrs.items())[:MAX_ITEMS]:
        out.extend(arrays_in(value, f"self.{name}"))
    return out


def _number_type(value) -> str | None:
    if isinstance(value, (bool, np.bool_)):
        return "bool"
    if isinstance(value, (int, np.integer)):
        return "int" if isinstance(value, int) else np.dtype(type(value)).name
    if isinstance(value, (float, np.floating)):
        return "float" if type(value) is float else np.dtype(type(value)).name
    return None


def dtypes_of(value, path: str = "", depth: int = 0, out: dict | None = None) -> dict:
    out = {} if out is None else out
    if len(out) >= MAX_ITEMS:
        return out
    if isinstance(value, np.ndarray):
        out[path] = value.dtype.name
    elif _number_type(value) is not None:
        out[path] = _number_type(value)
    elif depth < MAX_DEPTH and isinstance(value, (list, tuple)):
        for i, v in enumerate(value[:MAX_ITEMS]):
            dtypes_of(v, f"{path}[{i}]", depth + 1, out)
    elif depth < MAX_DEPTH and isinstance(value, dict):
        for k, v in list(value.items())[:MAX_ITEMS]:
            dtypes_of(v, f"{path}[{k!r}]", depth + 1, out)
    return out


def _shares(a: np.ndarray, b: np.ndarray) -> bool:
    if not np.may_share_memory(a, b):
        return False
    try:
        return bool(np.shares_memory(a, b, max_work=100_000))
    except Exception:  # noqa: BLE001 - numpy's TooHardError: too costly to decide, count it as shared
        return True


def _same(arr: np.ndarray, snap: np.ndarray) -> bool:
    return arr.shape == snap.shape and arr.dtype == snap.dtype and arr.tobytes() == snap.tobytes()


def _difference(arr: np.ndarray, snap: np.ndarray) -> dict:
    """How ``arr`` differs from its snapshot, for feedback."""
    out = {"size": int(snap.size)}
    if arr.shape != snap.shape:
        out.update(changed=int(snap.size), index=None, before=f"shape {snap.shape}", after=f"shape {arr.shape}")
        return out
    with np.errstate(all="ignore"):
        diff = ~((arr == snap) | (np.isnan(arr) & np.isnan(snap))) if arr.dtype.kind == "f" else arr != snap
    diff = np.asarray(diff)
    idx = np.argwhere(diff)
    out["changed"] = int(diff.sum())
    if len(idx):
        i = tuple(int(v) for v in idx[0])
        out.update(index=list(i), before=_scalar(snap[i]), after=_scalar(arr[i]))
    return out


def _scalar(x):
    x = x.item() if hasattr(x, "item") else x
    return x if isinstance(x, (int, float, bool)) else str(x)


def bind_labels(target, args, kwargs) -> list[tuple[object, str, str, object]]:
    """``(position, param, label, value)`` for each argument, named as the student's signature names them."""
    names: dict[object, str] = {}
    try:
        sig = inspect.signature(target)
        bound = sig.bind_partial(*args, **kwargs)
        i = 0
        for pname, value in bound.arguments.items():
            kind = sig.parameters[pname].kind
            if kind is inspect.Parameter.VAR_POSITIONAL:
                for _ in value:
                    names[i] = f"{pname}[{i}]"
                    i += 1
            elif kind is inspect.Parameter.VAR_KEYWORD:
                for k in value:
                    names[k] = k
            elif pname in kwargs:
                names[pname] = pname
            else:
                names[i] = pname
                i += 1
    except (TypeError, ValueError):
        pass
    out = []
    for i, v in enumerate(args):
        p = names.get(i, f"argument {i + 1}")
        out.append((i, p, p, v))
    for k, v in kwargs.items():
        p = names.get(k, k)
        out.append((k, p, p, v))
    return out


class Tracked:
    """An array the caller passed to an object, which the object may still hold."""

    __slots__ = ("array", "snap", "name", "position", "param", "origin")

    def __init__(self, array, name, position, param, origin):
        self.array, self.name, self.position, self.param, self.origin = array, name, position, param, origin
        self.snap = array.copy()


class Recorder:
    """Record the effects of one call; see the module doc.

    ``origin`` names the call for feedback (``"Linear(...)"``, ``"step"``);
    ``tracked`` is the list of :class:`Tracked` arrays of the object the call
    belongs to (updated in place), or None for a plain function.
    """

    def __init__(self, target, args, kwargs, origin: str, obj=None, tracked: list | None = None):
        self.origin, self.obj, self.tracked = origin, obj, tracked
        self.inputs = []
        self.containers = []
        for position, param, label, value in bind_labels(target, args, kwargs):
            for name, arr in arrays_in(value, label):
                self.inputs.append((name, position, param, arr, arr.copy()))
            for name, box in containers_in(value, label):
                self.containers.append((name, position, param, box, _entries(box)))
        self.effects: dict = {"mutated": [], "result_aliases": [], "state_aliases": [], "warnings": [],
                              "dtypes": {}}
        self._catch = warnings.catch_warnings(record=True)
        self._err = np.errstate(over="warn", divide="warn", invalid="warn", under="ignore")

    def __enter__(self):
        self._log = self._catch.__enter__()
        warnings.simplefilter("always")
        self._err.__enter__()
        return self

    def __exit__(self, *exc):
        self._err.__exit__(*exc)
        self._catch.__exit__(*exc)
        seen = set()
        for w in self._log:
            key = (w.category.__name__, str(w.message)[:300])
            if key not in seen and len(seen) < 10:
                seen.add(key)
                self.effects["warnings"].append({"category": key[0], "message": key[1]})
        return False

    def finish(self, result, obj=None) -> dict:
        """Compare after the call; ``obj`` is the object whose state to look at (the new one for a constructor)."""
        fx = self.effects
        obj = self.obj if obj is None else obj
        for name, position, param, arr, snap in self.inputs:
            if not _same(arr, snap):
                fx["mutated"].append({"name": name, "position": position, "param": param, "origin": self.origin,
                                      **_difference(arr, snap)})
        for name, position, param, box, before in self.containers:
            after = _entries(box)
            if after != before:
                fx["mutated"].append({"name": name, "position": position, "param": param, "origin": self.origin,
                                      **_container_change(before, after)})
        earlier = []
        if self.tracked is not None:
            for t in self.tracked:
                if not _same(t.array, t.snap):
                    fx["mutated"].append({"name": t.name, "position": t.position, "param": t.param,
                                          "origin": t.origin, **_difference(t.array, t.snap)})
                    t.snap = t.array.copy()
                earlier.append((t.name, t.position, t.param, t.origin, t.array))
        sources = [(name, position, param, self.origin, arr) for name, position, param, arr, _ in self.inputs]
        for rpath, rarr in arrays_in(result, ""):
            for name, position, param, origin, arr in sources + earlier:
                if _shares(rarr, arr):
                    fx["result_aliases"].append({"result": rpath, "name": name, "position": position,
                                                 "param": param, "origin": origin})
                    break
        if obj is not None:
            state = state_arrays(obj)
            for spath, sarr in state:
                for name, _, _, arr, _ in self.inputs:
                    if _shares(sarr, arr):
                        fx["state_aliases"].append({"state": spath, "name": name, "origin": self.origin})
                        break
            if self.tracked is not None:
                # keep watching only what the object still holds, including the arrays of this call
                self.tracked[:] = [t for t in self.tracked if any(_shares(sarr, t.array) for _, sarr in state)]
                for name, position, param, arr, _ in self.inputs:
                    if any(_shares(sarr, arr) for _, sarr in state) and len(self.tracked) < MAX_TRACKED:
                        self.tracked.append(Tracked(arr, name, position, param, self.origin))
        fx["dtypes"] = dtypes_of(result)
        return fx
