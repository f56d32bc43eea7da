"""Comparing a student's array with the expected one, and naming the mistake.

Shared by the notebooks' self-checks (:mod:`nncourse.checks`) and the hidden
suites (:mod:`nncourse.grading.testing`), so that both read a value, compare
it and describe a difference the same way: each ``*_problem`` function returns
the text after ``"<what was checked>: "`` (None when there is no problem), and
:func:`with_hint` appends a hint.  Only the exception differs:
:class:`~nncourse.checks.CheckFailed` in a notebook,
:class:`~nncourse.grading.testing.Failed` in grading.

:func:`diagnose` turns "these mistakes are common" into confirmed hints: a
specific hint is shown only when the student's value equals what that
mistake produces on the same input.
"""

from __future__ import annotations

from typing import Iterable

import numpy as np

__all__ = ["fmt", "float_array", "shape_remark", "differences", "matches", "diagnose", "with_hint",
           "array_problem", "shape_problem", "nonfinite_problem", "difference_problem", "STABLE_HINT"]

#: The hint for nan or inf where the expected values are finite, when the check has none of its own.
STABLE_HINT = "Large inputs overflow exp(): rewrite the formula in a stable form."


def with_hint(text: str, hint: str | None) -> str:
    """``text`` followed by an indented ``Hint:`` line (nothing when ``hint`` is empty)."""
    return f"{text}\n  Hint: {hint}" if hint else text


def fmt(x) -> str:
    """A short, fixed-precision rendering of an array for feedback."""
    return np.array2string(np.asarray(x, dtype=float), precision=6, threshold=12, edgeitems=2)


def float_array(got) -> np.ndarray | None:
    """``got`` as a float array, or None when it is not numeric data (None, a dict, a string, ...)."""
    if got is None or isinstance(got, (dict, str, bytes)):
        return None
    if isinstance(got, (list, tuple)) and any(isinstance(g, (dict, str, bytes, type(None))) for g in got):
        return None
    try:
        return np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return None


def array_problem(got) -> tuple[np.ndarray | None, str | None]:
    """``(got as a float array, None)``, or ``(None, what is wrong)`` when ``got`` is None or not numeric."""
    if got is None:
        return None, "expected an array, got None. Did you forget a `return` statement?"
    arr = float_array(got)
    if arr is None:
        return None, f"expected a numeric array, got a {type(got).__name__}."
    return arr, None


def shape_problem(arr: np.ndarray, shape: tuple) -> str | None:
    """What is wrong with ``arr``'s shape, with a guess at why, or None when it is ``shape``."""
    shape = tuple(shape)
    if arr.shape == shape:
        return None
    return f"expected shape {shape}, got {arr.shape}{shape_remark(arr.shape, shape)}."


def nonfinite_problem(arr: np.ndarray) -> str | None:
    """How many entries of ``arr`` are nan or inf and where the first is, or None when all are finite."""
    bad = ~np.isfinite(arr)
    if not bad.any():
        return None
    where = tuple(int(i) for i in np.argwhere(bad)[0]) if arr.ndim else ()
    return f"contains {int(bad.sum())} non-finite value(s) (nan or inf), first at index {where}."


def difference_problem(arr: np.ndarray, expected: np.ndarray, rtol: float, atol: float) -> str | None:
    """How ``arr`` differs from ``expected`` (same shape): the first entry that differs and, for arrays of
    at most 12 entries, both arrays; None when every entry is close."""
    bad = differences(arr, expected, rtol, atol)
    if not bad.any():
        return None
    if arr.ndim == 0:
        return f"expected {float(expected):.6g}, got {float(arr):.6g}."
    idx = tuple(int(i) for i in np.argwhere(bad)[0])
    text = (f"{int(bad.sum())} of {arr.size} entries differ; first at index {idx}: "
            f"expected {expected[idx]:.6g}, got {arr[idx]:.6g}.")
    if arr.size <= 12:
        text += f"\n  expected {fmt(expected)}\n  got      {fmt(arr)}"
    return text


def shape_remark(got: tuple, shape: tuple) -> str:
    """A parenthesised guess at why an array has shape ``got`` instead of ``shape`` ('' if none)."""
    got, shape = tuple(got), tuple(shape)
    if len(shape) == 2 and got == shape[::-1] and shape[0] != shape[1]:
        return (" (the transpose of what was expected: check the order of a matrix product or a missing .T)")
    if int(np.prod(got)) == int(np.prod(shape)):
        return " (right number of entries, wrong arrangement: check reshape and axis arguments)"
    if len(got) == len(shape) - 1 or (len(shape) >= 1 and got == shape[1:]):
        return " (a dimension is missing: did you sum over an axis you should have kept?)"
    return ""


def differences(arr: np.ndarray, expected: np.ndarray, rtol: float, atol: float) -> np.ndarray:
    """Boolean mask of the entries of ``arr`` that are not close to ``expected`` (same shape)."""
    return ~np.isclose(arr, expected, rtol=rtol, atol=atol, equal_nan=True)


def matches(got, value, rtol: float = 1e-6, atol: float = 1e-9) -> bool:
    """True when ``got`` equals ``value`` (numbers, arrays, or tuples/lists/dicts of them) to tolerance."""
    if isinstance(value, dict):
        return isinstance(got, dict) and set(got) == set(value) and all(
            matches(got[k], value[k], rtol, atol) for k in value)
    if isinstance(value, (tuple, list)) and any(isinstance(v, (tuple, list, dict, np.ndarray)) for v in value):
        return (isinstance(got, (tuple, list)) and len(got) == len(value)
                and all(matches(g, v, rtol, atol) for g, v in zip(got, value)))
    a, b = float_array(got), float_array(value)
    if a is None or b is None or a.shape != b.shape:
        return False
    return bool(np.all(~differences(a, b, rtol, atol)))


def diagnose(got, expected, variants: Iterable, neutral: str | None = None, *,
             rtol: float = 1e-6, atol: float = 1e-9) -> str | None:
    """The hint of the first variant whose output ``got`` equals, else ``neutral``.

    ``variants`` is a mapping or a sequence of ``(hint, value)`` pairs, where
    ``value`` is what that mistake returns *on the same input* (a number, an
    array, or a tuple/list/dict of them), or a callable of no arguments that
    computes it (called only when needed; one that raises is skipped).  A
    variant equal to ``expected`` itself never matches: on that input it is
    not distinguishable from a correct answer.
    """
    pairs = variants.items() if isinstance(variants, dict) else variants
    if matches(got, expected, rtol, atol):
        return neutral
    for hint, value in pairs:
        if callable(value):
            try:
                with np.errstate(all="ignore"):
                    value = value()
            except Exception:  # noqa: BLE001 - a variant that cannot be computed here is no diagnosis
                continue
        if matches(got, value, rtol, atol) and not matches(value, expected, rtol, atol):
            return hint
    return neutral
