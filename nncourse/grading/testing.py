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
"""

from __future__ import annotations

import numpy as np
import pytest

__all__ = ["Failed", "weight", "expect", "expect_close", "expect_shape", "expect_finite", "fail"]


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
    return f"{text}\n  Hint: {hint}" if hint else text


def expect(condition: bool, message: str, hint: str | None = None) -> None:
    """Fail with ``message`` unless ``condition`` is true."""
    if not bool(condition):
        raise Failed(_with_hint(message, hint))


def _fmt(x) -> str:
    return np.array2string(np.asarray(x), precision=6, threshold=12, edgeitems=2, suppress_small=False)


def _as_array(got, what: str, hint: str | None) -> np.ndarray:
    if got is None:
        raise Failed(_with_hint(f"{what}: expected an array, got None. "
                                "Did you forget a `return` statement?", hint))
    if isinstance(got, (dict, str)) or (isinstance(got, (list, tuple)) and any(
            isinstance(g, (dict, str, type(None))) for g in got)):
        raise Failed(_with_hint(f"{what}: expected a numeric array, got a {type(got).__name__}.", hint))
    try:
        arr = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        raise Failed(_with_hint(f"{what}: expected a numeric array, got {type(got).__name__}.", hint)) from None
    return arr


def expect_shape(got, shape: tuple, what: str, hint: str | None = None) -> np.ndarray:
    """Check that ``got`` is an array of ``shape`` and return it as float array."""
    arr = _as_array(got, what, hint)
    shape = tuple(shape)
    if arr.shape != shape:
        extra = ""
        if arr.shape == shape[::-1] and len(shape) == 2 and shape[0] != shape[1]:
            extra = " (the transpose of what was expected: check the order of a matrix product or a missing .T)"
        elif arr.size == int(np.prod(shape)):
            extra = " (right number of entries, wrong arrangement: check reshape and axis arguments)"
        elif len(arr.shape) == len(shape) - 1 or (len(shape) >= 1 and arr.shape == shape[1:]):
            extra = " (a dimension is missing: did you sum over an axis you should have kept?)"
        raise Failed(_with_hint(f"{what}: expected shape {shape}, got {arr.shape}{extra}.", hint))
    return arr


def expect_finite(got, what: str, hint: str | None = None) -> np.ndarray:
    arr = _as_array(got, what, hint)
    if not np.all(np.isfinite(arr)):
        bad = np.argwhere(~np.isfinite(arr))
        where = tuple(int(i) for i in bad[0]) if arr.ndim else ()
        raise Failed(_with_hint(
            f"{what}: contains {int((~np.isfinite(arr)).sum())} non-finite value(s) (nan or inf), "
            f"first at index {where}.", hint or "Large inputs overflow exp(): rewrite the formula in a stable form."))
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
    bad = ~np.isclose(arr, expected, rtol=rtol, atol=atol, equal_nan=True)
    if bad.any():
        idx = tuple(int(i) for i in np.argwhere(bad)[0])
        n = int(bad.sum())
        if arr.ndim == 0:
            text = f"{what}: expected {float(expected):.6g}, got {float(arr):.6g}."
        else:
            text = (f"{what}: {n} of {arr.size} entries differ; first at index {idx}: "
                    f"expected {expected[idx]:.6g}, got {arr[idx]:.6g}.")
            if arr.size <= 12:
                text += f"\n  expected {_fmt(expected)}\n  got      {_fmt(arr)}"
        raise Failed(_with_hint(text, hint))
    return arr
