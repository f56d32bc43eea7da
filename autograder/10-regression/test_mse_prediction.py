"""Hidden tests for Question 2, ``mse_prediction(values, probs) -> float``.

MSE's minimiser at an input whose target is values[j] with probability probs[j]: sum_j probs[j] values[j].
"""

import numpy as np

from nncourse.grading.testing import expect, expect_close, weight

NAME = "mse_prediction"


def answer(student, values, probs, what):
    out = student.function(NAME)(values, probs)
    arr = np.asarray(out, dtype=float) if isinstance(out, (int, float, list, np.ndarray)) else None
    expect(arr is not None and arr.size == 1, f"{what}: expected one number, got {out!r:.60}.",
           "Return the prediction as a float.")
    return float(arr.reshape(()))


def weighted_median(values, probs):
    order = np.argsort(values)
    cum = np.cumsum(probs[order])
    return float(values[order][np.searchsorted(cum, 0.5)])


def hint(got, values, probs):
    best = float(np.sum(probs * values))
    wrong = ((values[np.argmax(probs)], "MSE does not pick the most likely value: the squared error is minimised "
                                        "by a compromise between all values, weighted by their probabilities."),
             (np.mean(values), "Weight each value by its probability."),
             (weighted_median(values, probs), "The median minimises the absolute error; the squared error is "
                                              "minimised by another average."),
             (0.5 * (values.min() + values.max()), "Not the midpoint of the extremes: weight each value by its "
                                                   "probability."),
             (np.sum(values), "Weight each value by its probability (they sum to 1)."))
    for value, text in wrong:
        if np.isclose(got, value, rtol=1e-9, atol=1e-9) and not np.isclose(value, best, rtol=1e-9, atol=1e-9):
            return text
    return "Minimise sum_j probs[j] (y - values[j])**2 over y: its derivative is 2 sum_j probs[j] (y - values[j])."


def draw(rng, j):
    values = rng.uniform(-2.0, 2.0, size=j)
    probs = rng.dirichlet(np.ones(j))
    return values, probs


@weight(1)
def test_two_equal_branches(student, rng):
    """two branches with probability 1/2 each"""
    values = np.sort(rng.uniform(-1.0, 1.0, size=2)) + np.array([-0.5, 0.5])
    probs = np.array([0.5, 0.5])
    what = f"mse_prediction({np.round(values, 4).tolist()}, [0.5, 0.5])"
    got = answer(student, values, probs, what)
    expect_close(got, float(values.mean()), what, hint(got, values, probs))


@weight(2)
def test_unequal_branches(student, rng):
    """several branches with random probabilities"""
    for j in (3, int(rng.integers(4, 7))):
        values, probs = draw(rng, j)
        what = f"mse_prediction for {j} values {np.round(values, 3).tolist()} with probs {np.round(probs, 3).tolist()}"
        got = answer(student, values, probs, what)
        expect_close(got, float(np.sum(probs * values)), what, hint(got, values, probs))


@weight(1)
def test_one_dominant_branch(student, rng):
    """one branch with probability 0.9: the prediction is still pulled away from it"""
    values = np.array([float(rng.uniform(-1, 0)), float(rng.uniform(1, 2))])
    probs = np.array([0.9, 0.1])
    what = f"mse_prediction({np.round(values, 4).tolist()}, [0.9, 0.1])"
    got = answer(student, values, probs, what)
    expect_close(got, float(np.sum(probs * values)), what, hint(got, values, probs))
