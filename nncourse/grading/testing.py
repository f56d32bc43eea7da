"""What hidden test suites are written with.

A hidden suite is a plain pytest file in ``autograder/<lesson>/``.  The grading
engine gives every test two fixtures:

``student``
    a :class:`nncourse.grading.remote.Submission`: the student's notebook,
    running in a sandboxed process of its own.  ``student.function("relu")``
    returns a callable, ``student.new("Linear", W, b)`` an instance whose
    methods are called with ``.call("forward", x)`` and whose attributes are
    read with ``.get("dW")``.  Only plain data crosses: numbers, strings,
    ``None``, numeric arrays, and lists, tuples and dicts of those.
``rng``
    a :class:`numpy.random.Generator` seeded from the course secret, the
    student id and the test's name, so that every student sees other numbers
    and a re-grade sees the same ones.

A test earns its weight (``@weight(2)``; 1 when unmarked) when it passes.
A test fails by raising :class:`Failed` — use :func:`expect_close`,
:func:`expect_shape` or :func:`expect`, whose messages say what was checked,
what was expected, what came, and give a hint.  Any other exception is shown to
the student only as its type and message, never as a traceback.

Side effects are checked on every call by default (:func:`check_effects`,
called by the submission): a call that changes the caller's arrays in place,
or returns an array sharing memory with an argument, fails the test.  An
exercise whose statement asks for in-place updates says so with
``student.function(name, allow_inplace=("params",))`` or
``student.new(cls, ..., allow_inplace={"step": ("params",)})``.
:func:`expect_no_warnings`, :func:`expect_dtype` and :func:`expect_own_state`
check what the latest call reported.  :func:`diagnose` picks a hint only when
the student's value is what a known mistake produces on the same input.

Boundary inputs that random draws would hit only by chance come from the
generators :func:`with_kinks`, :func:`wide_range`, :func:`with_ties`,
:func:`labels_missing_class` and :func:`with_repeats`; suites use them on
every run, for every student.
"""

from __future__ import annotations

import numpy as np
import pytest

from nncourse._compare import (
    STABLE_HINT,
    array_problem,
    diagnose,
    difference_problem,
    nonfinite_problem,
    shape_problem,
    with_hint,
)

__all__ = ["Failed", "weight", "expect", "expect_close", "expect_shape", "expect_finite", "fail",
           "diagnose", "check_effects", "expect_no_warnings", "expect_dtype", "expect_own_state",
           "with_kinks", "wide_range", "with_ties", "labels_missing_class", "with_repeats"]


class Failed(Exception):
    """A check of a hidden test did not hold.  ``str(exc)`` is the feedback."""


def weight(w: float):
    """Mark a test as worth ``w`` units of its cell's points (default 1)."""
    if not isinstance(w, (int, float)) or w <= 0:
        raise ValueError(f"weight: expected a positive number, got {w!r}")
    return pytest.mark.weight(float(w))


def fail(message: str, hint: str | None = None):
    """Fail the current test with ``message`` (and ``hint``) as the student's feedback."""
    raise Failed(_with_hint(message, hint))


def _with_hint(text: str, hint: str | None) -> str:
    return with_hint(text, hint)


def expect(condition: bool, message: str, hint: str | None = None) -> None:
    """Fail with ``message`` unless ``condition`` is true."""
    if not bool(condition):
        raise Failed(_with_hint(message, hint))


def _as_array(got, what: str, hint: str | None) -> np.ndarray:
    arr, problem = array_problem(got)
    if problem:
        raise Failed(with_hint(f"{what}: {problem}", hint))
    return arr


def expect_shape(got, shape: tuple, what: str, hint: str | None = None) -> np.ndarray:
    """Check that ``got`` is an array of ``shape`` and return it as float array."""
    arr = _as_array(got, what, hint)
    problem = shape_problem(arr, shape)
    if problem:
        raise Failed(with_hint(f"{what}: {problem}", hint))
    return arr


def expect_finite(got, what: str, hint: str | None = None) -> np.ndarray:
    arr = _as_array(got, what, hint)
    problem = nonfinite_problem(arr)
    if problem:
        raise Failed(with_hint(f"{what}: {problem}", hint or STABLE_HINT))
    return arr


def expect_close(got, expected, what: str, hint: str | None = None, *, rtol: float = 1e-6,
                 atol: float = 1e-8) -> np.ndarray:
    """Check that ``got`` matches ``expected`` in shape and value.

    ``what`` names the check in the student's terms, e.g. ``"Linear.backward:
    dW for a random batch of 5"``.  The message shows the first entry that
    differs, the expected and the received value, and ``hint``.
    """
    expected = np.asarray(expected, dtype=float)
    arr = expect_shape(got, expected.shape, what, hint)
    if np.all(np.isfinite(expected)):
        expect_finite(arr, what, hint)
    problem = difference_problem(arr, expected, rtol, atol)
    if problem:
        raise Failed(with_hint(f"{what}: {problem}", hint))
    return arr


# -- side effects ----------------------------------------------------------

INPUTS_UNCHANGED = ("The caller still needs its arrays after the call: build new arrays "
                    "(`W = W - lr * dW`, not `W -= lr * dW`; `x = x * 2`, not `x *= 2`), "
                    "or work on a copy (`x = x.copy()`).")
NO_ALIAS = ("Return a new array (e.g. `np.maximum(z, 0.0)`, or `z.copy()` before changing it): "
            "a result that shares memory with an input changes when the caller changes the input, and back.")


def _origin_key(origin: str) -> str:
    return "__init__" if origin.endswith("(...)") else origin


def _allowed(entry: dict, allow) -> bool:
    if isinstance(allow, dict):
        allow = tuple(allow.get(_origin_key(str(entry.get("origin", ""))), ()))
    keys = {entry.get("position"), entry.get("param"), str(entry.get("name", "")).split("[")[0]}
    return any(a in keys for a in tuple(allow))


def _changed_text(entry: dict) -> str:
    if entry.get("entries"):
        return str(entry["entries"])
    n, size = entry.get("changed"), entry.get("size")
    text = f"{n} of {size} entries differ after the call" if isinstance(n, int) and isinstance(size, int) \
        else "it differs after the call"
    index, before, after = entry.get("index"), entry.get("before"), entry.get("after")
    if isinstance(index, list) and before is not None:
        text += f" (first at index {tuple(index)}: was {before:.6g}, now {after:.6g})" \
            if isinstance(before, (int, float)) and isinstance(after, (int, float)) \
            else f" (first at index {tuple(index)}: was {before}, now {after})"
    elif isinstance(before, str):
        text = f"its {before} became {after}"
    return text


def check_effects(what: str, effects, allow_inplace=(), allow_alias=()) -> None:
    """Fail when the call ``what`` changed the caller's arrays or returned an alias of one.

    Called by the submission after every call (see the module doc);
    ``effects`` is a :class:`~nncourse.grading.remote.Effects`.
    ``allow_inplace`` names or numbers the arguments the statement lets the
    call update in place (a tuple), or maps a method name (``"__init__"`` for
    the constructor) to such a tuple; ``allow_alias`` names the arguments the
    result may be a view of (never a licence to change them).
    """
    if effects is None:
        return
    for entry in effects.mutated:
        if _allowed(entry, allow_inplace):
            continue
        name, origin = entry.get("name", "an argument"), str(entry.get("origin", ""))
        whose = f"the caller's `{name}`"
        label = what.strip("`").removesuffix("(...)")
        if origin and origin != label.split(".")[-1] and origin != label:
            whose = f"the `{name}` the caller gave to `{origin}`"
        fail(f"{what} changed {whose} in place: {_changed_text(entry)}.", INPUTS_UNCHANGED)
    for entry in effects.result_aliases:
        if _allowed(entry, allow_inplace) or _allowed(entry, allow_alias):
            continue
        part = f"part {entry['result']} of its result" if entry.get("result") else "its result"
        fail(f"{what} returned an array that shares memory with the caller's `{entry.get('name')}` "
             f"({part} is that array, or a view of it).", NO_ALIAS)


def _effects(source):
    effects = getattr(source, "last_effects", source)
    if effects is None:
        raise RuntimeError("no call of the student's code has been made yet")
    return effects


def expect_no_warnings(source, what: str, hint: str | None = None) -> None:
    """Fail when the latest call (of ``source``, the ``student`` fixture) raised a warning.

    NumPy's overflow, division by zero and invalid-value warnings count;
    underflow to 0 does not.
    """
    warned = _effects(source).warnings
    if warned:
        first = warned[0]
        more = f" (and {len(warned) - 1} other warning(s))" if len(warned) > 1 else ""
        fail(f"{what} raised a warning: {first.get('category')}: {first.get('message')}{more}.",
             hint or "The statement asks for no warnings: a stable formula never overflows or divides by 0.")


_KINDS = {"float": ("f",), "int": ("i", "u"), "bool": ("b",), "number": ("f", "i", "u")}
_KIND_WORDS = {"float": "floating-point numbers", "int": "integers", "bool": "booleans",
               "number": "numbers"}


def expect_dtype(got, kind: str, what: str, hint: str | None = None) -> None:
    """Check that ``got`` (a number or an array) holds ``kind``: "float", "int", "bool" or "number"."""
    if kind not in _KINDS:
        raise ValueError(f"expect_dtype: kind must be one of {sorted(_KINDS)}, got {kind!r}")
    if isinstance(got, (bool, np.bool_)):
        actual, name = "b", "a bool"
    elif isinstance(got, (int, float, np.number)):
        actual = np.asarray(got).dtype.kind
        name = f"a Python {type(got).__name__}" if isinstance(got, (int, float)) else f"a {type(got).__name__}"
    elif isinstance(got, np.ndarray):
        actual, name = got.dtype.kind, f"an array of dtype {got.dtype}"
    else:
        fail(f"{what}: expected {_KIND_WORDS[kind]}, got a {type(got).__name__}.", hint)
    if actual not in _KINDS[kind]:
        fail(f"{what}: expected {_KIND_WORDS[kind]}, got {name}.",
             hint or ("Integer inputs give integer results under integer arithmetic: convert with "
                      "np.asarray(x, dtype=float) or use float constants." if kind == "float" else None))


def expect_own_state(source, what: str, hint: str | None = None) -> None:
    """Fail when the object of the latest call keeps one of that call's argument arrays itself (not a copy)."""
    shared = _effects(source).state_aliases
    if shared:
        e = shared[0]
        fail(f"{what} keeps the caller's `{e.get('name')}` itself in `{e.get('state')}` (they share memory): "
             "when the caller later changes its array, the stored value changes too.",
             hint or "Store a copy: `np.array(x, copy=True)` or `x.copy()` for each array.")


# -- boundary inputs ---------------------------------------------------------

def with_kinks(rng, shape, kinks=(0.0,), scale: float = 2.0, share: float = 0.25) -> np.ndarray:
    """Normal draws of ``shape`` with about ``share`` of the entries set exactly to a kink value.

    Every value of ``kinks`` occurs at least once (the array needs
    ``len(kinks)`` entries), so a mistake at a kink (``>=`` for ``>``, the
    derivative of ReLU at 0) shows on every draw.
    """
    x = rng.normal(0.0, scale, size=shape)
    flat = x.reshape(-1)
    if flat.size < len(kinks):
        raise ValueError(f"with_kinks: {shape} has fewer than {len(kinks)} entries")
    k = max(len(kinks), int(round(share * flat.size)))
    at = rng.choice(flat.size, size=k, replace=False)
    values = np.resize(np.asarray(kinks, dtype=float), k)
    flat[at] = rng.permutation(values) if k > len(kinks) else values
    return x


WIDE_MAGNITUDES = (0.0, 1e-12, 0.5, 1.0, 20.0, 40.0, 80.0, 700.0, 710.0, 745.0, 800.0, 1e3, 1e4)


def wide_range(rng, shape, limit: float = 1e4) -> np.ndarray:
    """Values of ``shape`` covering both sides of ``exp`` overflow (|z| ~ 709) up to ``limit``, both signs.

    Contains every magnitude of :data:`WIDE_MAGNITUDES` up to ``limit`` with
    both signs (as far as the array's size allows, largest first), the rest
    log-uniform in [1e-3, limit]; order shuffled.
    """
    size = int(np.prod(shape))
    fixed = [m for m in WIDE_MAGNITUDES if m <= limit][::-1]
    picks = []
    for m in fixed:
        picks += [m, -m] if m else [0.0]
    picks = picks[:size]
    rest = size - len(picks)
    mags = np.exp(rng.uniform(np.log(1e-3), np.log(limit), size=rest))
    values = np.concatenate([np.asarray(picks, dtype=float), rng.choice([-1.0, 1.0], size=rest) * mags])
    return rng.permutation(values).reshape(shape)


def with_ties(rng, n: int, best: str = "min", scale: float = 1.0) -> np.ndarray:
    """A sequence of ``n`` >= 3 numbers whose best value (min or max) occurs at least twice, not adjacent."""
    if n < 3:
        raise ValueError("with_ties: need n >= 3")
    x = rng.normal(0.0, scale, size=n)
    i = int(rng.integers(0, n - 2))
    j = int(rng.integers(i + 2, n))
    value = x.min() - abs(scale) if best == "min" else x.max() + abs(scale)
    x[i] = x[j] = value
    return x


def labels_missing_class(rng, n: int, k: int, missing: int | None = None) -> np.ndarray:
    """``n`` integer labels in ``0..k-1`` without class ``missing`` (default the largest, ``k - 1``).

    Every other class occurs when ``n >= k - 1``; so ``t.max() + 1`` is not the
    number of classes.
    """
    missing = k - 1 if missing is None else missing
    others = np.array([c for c in range(k) if c != missing])
    if n >= len(others):
        t = np.concatenate([others, rng.choice(others, size=n - len(others))])
        return rng.permutation(t).astype(np.int64)
    return rng.choice(others, size=n).astype(np.int64)


def with_repeats(rng, n: int, distinct: int | None = None, scale: float = 1.0) -> np.ndarray:
    """``n`` numbers drawn from only ``distinct`` values (default about n/3), so values repeat."""
    distinct = max(1, n // 3) if distinct is None else distinct
    pool = rng.normal(0.0, scale, size=distinct)
    return pool[rng.integers(0, distinct, size=n)]
