"""Self-check for the graded conceptual questions of every lesson.

A conceptual question is answered by assigning a value to a named variable in
the notebook (a number, or the letter of a choice).  The self-check only looks
at the *form* of the answer: that it is set, and is a number or one of the
letters offered.  Whether it is right is decided by the hidden tests after
submission, so that the answer cannot be found by trying values here.
"""

from __future__ import annotations

import numbers

from . import fail, passed

__all__ = ["answer"]


def answer(name: str, value, kind: str = "number", choices: str | None = None) -> None:
    """Check the form of the answer ``value`` given to question ``name``.

    Parameters
    ----------
    name : str
        The variable that holds the answer (for the message).
    value : object
        The student's answer.
    kind : {"number", "integer", "choice"}
        A real number, a whole number, or one letter of ``choices``.
    choices : str, optional
        The letters offered, e.g. ``"ABCD"`` (for ``kind="choice"``).
    """
    if value is None or value is ...:
        # an unanswered question is unfinished work, like an exercise that still raises
        raise NotImplementedError(f"`{name}` has no answer yet: assign your answer to it in the cell above "
                                  "and run that cell again.")
    if kind == "choice":
        if not isinstance(value, str) or value.strip().upper() not in set(choices or ""):
            fail(f"`{name}`", f"expected one of the letters {', '.join(choices or '')}, got {value!r}.",
                 'Write the letter as a string, e.g. `"B"`.')
        passed(f"`{name}` is one of the letters {', '.join(choices)}: graded after you submit")
        return
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        fail(f"`{name}`", f"expected a number, got {type(value).__name__} {value!r}.",
             "Assign a number (you may write it as an expression, e.g. `3 * 4 + 2`).")
    if kind == "integer" and float(value) != int(value):
        fail(f"`{name}`", f"expected a whole number, got {value!r}.", "This answer is a count.")
    passed(f"`{name}` is {'a whole number' if kind == 'integer' else 'a number'}: graded after you submit")
