"""Self-checks that students run in their notebooks.

Each lesson has a module here (``nncourse.checks.backprop`` for lesson 04)
whose functions take the student's function or class, try it on a few small,
fixed examples and print one ``✓`` line per check that holds.  The first check
that does not hold raises :class:`CheckFailed` with what was checked, what was
expected, what came back and a hint.

These checks are a first look only.  Grading runs other, hidden tests with
other shapes and values, in a process of its own; nothing printed here counts
towards a grade.  Expected values are computed by finite differences
(:func:`nncourse.gradcheck.numerical_gradient`) wherever possible, so that
reading these modules does not give the answers away.

A ``NotImplementedError`` raised by an unfinished exercise is never caught: the
cell fails with it, as an unfinished exercise should.
"""

from __future__ import annotations

import numpy as np

from nncourse._compare import (
    STABLE_HINT,
    array_problem,
    difference_problem,
    nonfinite_problem,
    shape_problem,
    with_hint,
)

__all__ = [
    "CheckFailed",
    "passed",
    "finish",
    "fail",
    "check_close",
    "check_shape",
    "as_number",
    "check_tuple",
]

FINAL_NOTE = ("All first checks passed. This is only a first check: grading runs more "
              "cases, with other shapes and values.")


class CheckFailed(AssertionError):
    """A self-check did not hold.  ``str(exc)`` says what, expected vs got, and a hint.

    In a notebook it renders as a short block (IPython calls
    :meth:`_render_traceback_` instead of printing the traceback): the frames
    of the checker's own code tell a student nothing.  It is still an error,
    so the cell stops and nbgrader's Validate counts it as a failure.
    """

    def _render_traceback_(self) -> list[str]:
        """The lines IPython shows for this error: what was checked, the problem, the hint."""
        lines = str(self).splitlines() or ["a self-check did not hold"]
        what, sep, problem = lines[0].partition(": ")
        red, bold, reset = "\x1b[31m", "\x1b[1m", "\x1b[0m"
        out = [f"{red}{bold}\u2717 Self-check failed: {what}{reset}" if sep else
               f"{red}{bold}\u2717 Self-check failed{reset}"]
        out.append(f"  {problem if sep else what}")
        for line in lines[1:]:
            text = line.strip()
            if text.startswith("Hint:"):
                out.append(f"  {bold}Hint:{reset}{text[len('Hint:'):]}")
            elif text:
                out.append(f"  {text}")
        out.append("  (Fix the exercise above, run its cell, then run this check again.)")
        return out


def passed(message: str) -> None:
    """Report one check that held."""
    print(f"\u2713 {message}")


def finish() -> None:
    """End a self-check whose checks all held."""
    print(FINAL_NOTE)


def fail(what: str, problem: str, hint: str | None = None):
    """Raise :class:`CheckFailed` for check ``what``."""
    raise CheckFailed(with_hint(f"{what}: {problem}", hint))


def _to_float_array(got, what: str, hint: str | None) -> np.ndarray:
    arr, problem = array_problem(got)
    if problem:
        fail(what, problem, hint)
    return arr


def check_shape(got, shape, what: str, hint: str | None = None) -> np.ndarray:
    """Return ``got`` as a float array after checking that its shape is ``shape``."""
    arr = _to_float_array(got, what, hint)
    problem = shape_problem(arr, shape)
    if problem:
        fail(what, problem, hint)
    return arr


def check_close(got, expected, what: str, hint: str | None = None, *,
                rtol: float = 1e-5, atol: float = 1e-8) -> np.ndarray:
    """Check shape, finiteness (where ``expected`` is finite) and value of ``got`` against ``expected``.

    The messages are the hidden suites' (:mod:`nncourse._compare`).
    """
    expected = np.asarray(expected, dtype=float)
    arr = check_shape(got, expected.shape, what, hint)
    problem = nonfinite_problem(arr) if np.all(np.isfinite(expected)) else None
    if problem:
        fail(what, problem, hint or STABLE_HINT)
    problem = difference_problem(arr, expected, rtol, atol)
    if problem:
        fail(what, problem, hint)
    return arr


def as_number(got, what: str, hint: str | None = None) -> float:
    """Return ``got`` as a Python float, or fail if it is not a single number."""
    arr = _to_float_array(got, what, hint)
    if arr.ndim != 0:
        fail(what, f"expected a single number, got an array of shape {arr.shape}.", hint)
    return float(arr)


def check_tuple(got, names, what: str, hint: str | None = None):
    """Return ``got`` after checking that it holds ``len(names)`` values, as ``return a, b`` gives."""
    if not isinstance(got, (tuple, list)) or len(got) != len(names):
        kind = type(got).__name__ + (f" of length {len(got)}" if isinstance(got, (tuple, list)) else "")
        fail(what, f"expected {'a pair' if len(names) == 2 else 'a tuple'} ({', '.join(names)}), got {kind}.",
             hint or f"End the function with `return {', '.join(names)}`.")
    return got
