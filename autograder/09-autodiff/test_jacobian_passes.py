"""Hidden tests for Question B, ``jacobian_passes(n, m) -> (reverse, forward)``.

The full m x n Jacobian of f: R^n -> R^m takes m reverse-mode passes (one VJP
per output, i.e. per row) and n forward-mode passes (one JVP per input, i.e.
per column).  Sizes are drawn with n != m so a swapped answer shows.
"""

import numpy as np

from nncourse.grading.testing import expect, fail, weight


def ask(student, n, m):
    got = student.function("jacobian_passes")(n, m)
    if not isinstance(got, (list, tuple)) or len(got) != 2:
        fail(f"jacobian_passes({n}, {m}): expected a pair (reverse, forward), got {got!r}.",
             "End with `return reverse, forward`.")
    try:
        values = [float(np.asarray(v, dtype=float).reshape(())) for v in got]
    except (TypeError, ValueError):
        fail(f"jacobian_passes({n}, {m}): expected two numbers, got {got!r}.", "Return two whole numbers.")
    return values


def hint_for(r, f, n, m):
    if (r, f) == (n, m):
        return ("Reverse and forward are swapped. One reverse pass gives one row of the Jacobian (the gradient "
                "of one output); one forward pass gives one column (the derivatives with respect to one input).")
    if (r, f) == (1, 1):
        return "One pass gives one row (reverse) or one column (forward) of the Jacobian, not all of it."
    if r == 2 * m or f == 2 * n:
        return "Each pass is one VJP or JVP; the factor 2 belongs to finite differences (two evaluations per input)."
    return "Count what one pass delivers: reverse mode one row of the m x n Jacobian, forward mode one column."


@weight(3)
def test_random_sizes(student, rng):
    """the pair for random n != m"""
    for _ in range(3):
        n, m = (int(v) for v in rng.choice(np.arange(1, 500), size=2, replace=False))
        r, f = ask(student, n, m)
        expect((r, f) == (m, n), f"jacobian_passes({n}, {m}): expected ({m}, {n}), got ({r:g}, {f:g}).",
               hint_for(r, f, n, m))


@weight(1)
def test_scalar_loss(student, rng):
    """a loss: many inputs, one output"""
    n = int(rng.integers(10**5, 10**7))
    r, f = ask(student, n, 1)
    expect((r, f) == (1, n), f"jacobian_passes({n}, 1): expected (1, {n}), got ({r:g}, {f:g}).",
           hint_for(r, f, n, 1))
