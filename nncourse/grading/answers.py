"""Hidden tests of conceptual questions: one value, checked without giving it away.

A conceptual question's hidden suite reads the top-level variable that holds the
student's answer and compares it with the expected one.  The feedback never
shows the expected value (a student who may resubmit would simply copy it); it
says whether the answer is right, and names a misconception only when the answer
is exactly the value that misconception gives (a confirmed diagnosis)::

    from nncourse.grading.answers import expect_answer

    def test_initial_loss(student):
        \"\"\"the initial loss of a 10-class softmax\"\"\"
        expect_answer(student, "initial_loss_10", math.log(10), rtol=2e-3,
                      known={math.log2(10): "That is in bits: the course's losses use the natural log."})
"""

from __future__ import annotations

import math
import numbers

from .remote import MissingDefinition
from .testing import fail

__all__ = ["expect_answer", "expect_choice"]

NEUTRAL_HINT = "Go back to the section this question is about and work it through on paper."


def _read(student, name: str):
    try:
        got = student.value(name)
    except MissingDefinition:
        got = None
    if got is None:
        fail(f"`{name}` has no answer: the question was not answered.",
             f"Assign your answer to `{name}` at the top level of the answer cell.")
    return got


def _is_close(a: float, b: float, rtol: float, atol: float) -> bool:
    return math.isclose(a, b, rel_tol=rtol, abs_tol=atol)


def expect_answer(student, name: str, expected: float, *, rtol: float = 1e-6, atol: float = 0.0,
                  integer: bool = False, known: dict | None = None) -> None:
    """Fail unless the notebook's variable ``name`` is the number ``expected``.

    ``rtol``/``atol`` say how precisely it must be given (e.g. ``rtol=2e-3`` for
    an answer asked to three significant digits); ``known`` maps the values of
    known misconceptions to the hint each deserves.
    """
    got = _read(student, name)
    if isinstance(got, bool) or not isinstance(got, numbers.Real) or not math.isfinite(float(got)):
        fail(f"`{name}`: expected a finite number, got {type(got).__name__} {str(got)[:60]}.",
             "Assign a number, e.g. `0.25` or an expression like `1 / 4`.")
    got = float(got)
    if integer and got != int(got):
        fail(f"`{name}`: expected a whole number, got {got:g}.", "This answer is a count.")
    if _is_close(got, expected, rtol, atol):
        return
    for value, hint in (known or {}).items():
        if _is_close(got, float(value), rtol, atol):
            fail(f"`{name}` = {got:g} is not right.", hint)
    fail(f"`{name}` = {got:g} is not right.", NEUTRAL_HINT)


def expect_choice(student, name: str, expected: str, choices: str, *, known: dict | None = None) -> None:
    """Fail unless the notebook's variable ``name`` is the letter ``expected`` (one of ``choices``)."""
    got = _read(student, name)
    letter = got.strip().upper() if isinstance(got, str) else None
    if letter is None or len(letter) != 1 or letter not in choices:
        fail(f"`{name}`: expected one of the letters {', '.join(choices)}, got {str(got)[:60]!r}.",
             'Assign the letter as a string, e.g. `"B"`.')
    if letter == expected:
        return
    fail(f"`{name}` = {letter!r} is not right.", (known or {}).get(letter, NEUTRAL_HINT))
