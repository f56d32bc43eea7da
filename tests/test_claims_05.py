"""Does the error-against-h picture of lesson 05 (§3) show what its prose says?

Each test runs the lesson's own functions (loaded from the solution notebook) on the
picture's function and point, f = sin at x = 1, in float64 and float32, and asserts
the statement the text beside the output makes about the stars `best_step` draws.
"""

from __future__ import annotations

import numpy as np
import pytest

pytestmark = pytest.mark.slow

LESSON = "05-gradcheck"
CASES = [pytest.param(dtype, two_sided, id=f"{np.dtype(dtype).name}-{'two' if two_sided else 'one'}-sided")
         for dtype in (np.float64, np.float32) for two_sided in (False, True)]


@pytest.fixture(scope="module")
def ns(solution_namespace):
    return solution_namespace(LESSON)


def star_and_curve(ns, dtype, two_sided, name="sin", x=1.0):
    """The model's best step and error (the star), the grid of steps and the measured errors there."""
    f, _, d2, d3 = ns["FUNCTIONS"][name]
    one, two = ns["difference_errors"](name, x, dtype)
    h, error = ns["best_step"](float(f(x)), float((d3 if two_sided else d2)(x)), np.finfo(dtype).eps, two_sided)
    return float(h), float(error), ns["STEPS"], (two if two_sided else one)


@pytest.mark.parametrize("dtype, two_sided", CASES)
def test_the_star_sits_at_the_bottom_of_the_measured_curve(ns, dtype, two_sided):
    """§3: at the star's step the measured error is at or below the model's; nowhere is it more than about 100 times
    below; a hundred times to the right of the star the truncation term has taken over (error far above the star)."""
    h, error, steps, measured = star_and_curve(ns, dtype, two_sided)
    at_star = measured[np.argmin(np.abs(np.log(steps / h)))]
    assert at_star <= 1.5 * error
    assert measured.min() >= error / 100
    assert measured[np.argmin(np.abs(np.log(steps / (100 * h))))] > 10 * error


def test_best_steps_are_the_ones_the_text_names(ns):
    """§3 and Q2: the two-sided model's best step is about 1e-5 in float64 and about 1e-2 in float32."""
    assert 2e-6 < star_and_curve(ns, np.float64, True)[0] < 2e-5
    assert 2e-3 < star_and_curve(ns, np.float32, True)[0] < 2e-2
