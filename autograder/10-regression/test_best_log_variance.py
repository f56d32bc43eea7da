"""Hidden tests for Question 1, ``best_log_variance(residuals) -> float``.

The shared s minimising mean_n 1/2 [log 2 pi + s + r_n**2 exp(-s)] is s = log(mean(r**2)).
"""

import numpy as np

from nncourse.grading.testing import expect, expect_close, weight

NAME = "best_log_variance"


def answer(student, r, what):
    out = student.function(NAME)(r)
    arr = np.asarray(out, dtype=float) if isinstance(out, (int, float, list, np.ndarray)) else None
    expect(arr is not None and arr.size == 1, f"{what}: expected one number, got {out!r:.60}.",
           "Return the log-variance s as a float.")
    return float(arr.reshape(()))


def hint(got, r):
    m2 = np.mean(r ** 2)
    wrong = ((m2, "That is the best variance sigma**2; the question asks for its log, s = log sigma**2."),
             (np.log(np.var(r)), "np.var subtracts the residuals' mean; the loss uses r_n**2 as they are: "
                                 "s = log(mean(r**2))."),
             (np.log(np.std(r)), "s is the log of a variance: s = log(mean(r**2))."),
             (np.log(np.mean(np.abs(r))), "Square the residuals before averaging: s = log(mean(r**2))."),
             (np.mean(np.log(r ** 2)), "Average the squares first, then take the log."),
             (0.5 * np.log(m2), "That is log sigma; s is log sigma**2 = log(mean(r**2))."),
             (np.log(np.sum(r ** 2)), "Take the mean of the squared residuals, not the sum."),
             (np.sqrt(m2), "s is a log-variance: set the mean of 1/2 (1 - r_n**2 exp(-s)) to zero."))
    for value, text in wrong:
        if np.isfinite(value) and np.isclose(got, value, rtol=1e-6) and not np.isclose(value, np.log(m2)):
            return text
    return "Set the derivative of the mean loss with respect to s to zero: 1/2 (1 - mean(r**2) exp(-s)) = 0."


@weight(2)
def test_random_residuals(student, rng):
    """s = log(mean(r**2)) for random residuals"""
    r = rng.normal(0.0, float(rng.uniform(0.3, 3.0)), size=int(rng.integers(5, 40)))
    what = f"best_log_variance for {r.size} random residuals"
    got = answer(student, r, what)
    expect_close(got, np.log(np.mean(r ** 2)), what, hint(got, r))


@weight(1)
def test_residuals_with_an_offset(student, rng):
    """residuals whose mean is far from zero (the means are biased)"""
    r = rng.normal(0.0, 0.5, size=int(rng.integers(5, 20))) + float(rng.choice([-2.0, 2.0]))
    what = f"best_log_variance for {r.size} residuals with mean {r.mean():.2f}"
    got = answer(student, r, what)
    expect_close(got, np.log(np.mean(r ** 2)), what, hint(got, r))


@weight(1)
def test_single_residual(student, rng):
    """one residual: s = log(r**2)"""
    r = np.array([float(rng.uniform(0.5, 3.0)) * float(rng.choice([-1.0, 1.0]))])
    what = f"best_log_variance([{r[0]:.4f}])"
    got = answer(student, r, what)
    expect_close(got, np.log(r[0] ** 2), what, hint(got, r))
