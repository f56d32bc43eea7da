"""Hidden tests for Exercise 1, ``mse_loss_grad(y, t) -> (loss, grad)``.

loss = (1/N) * sum over n, k of (y_nk - t_nk)**2; grad = 2 (y - t) / N, shape of y.
"""

import numpy as np

from nncourse.grading.testing import expect_close, expect_returns, expect_shape, weight

NAME = "mse_loss_grad"


def draw(rng, n=None, k=None):
    n = int(rng.integers(3, 9)) if n is None else n
    k = int(rng.integers(2, 5)) if k is None else k
    return rng.normal(size=(n, k)), rng.normal(size=(n, k))


def reference(y, t):
    d = y - t
    return float(np.sum(d ** 2) / len(y)), 2.0 * d / len(y)


def unpack(out, what):
    return expect_returns(out, ("loss", "grad"), what,
                          numbers={"loss": "Average over the batch: loss = np.sum((y - t) ** 2) / N."})


def loss_hint(got, y, t):
    n, k = y.shape
    exp, _ = reference(y, t)
    for value, text in ((exp / 2, "Your loss is half the expected one: this lesson's MSE has no 1/2 in front."),
                        (exp / k, f"You divided by N * K = {n * k} entries; divide by the N = {n} examples only "
                                  "(sum over the outputs)."),
                        (exp * n, "Your loss is a sum over the batch: divide by N."),
                        (np.sqrt(exp), "That is the root of the MSE; return the mean squared error itself.")):
        if np.isclose(got, value, rtol=1e-6):
            return text
    return "loss = (1/N) * sum of (y - t)**2 over all entries, N the number of rows."


def grad_hint(got, y, t):
    n, k = y.shape
    _, g = reference(y, t)
    wrong = ((g / 2, "The factor 2 is missing: the derivative of (y - t)**2 is 2 (y - t)."),
             (g * n, f"The 1/N of the batch mean is missing (N = {n}): the gradient of a mean carries the 1/N."),
             (g * n / 2, "Both the factor 2 and the 1/N are missing: grad = 2 (y - t) / N."),
             (g / k, f"Divide by N = {n} examples, not by N * K = {n * k} entries."),
             (-g, "The sign is flipped: grad = 2 (y - t) / N, not 2 (t - y) / N."),
             (g / (2 * k), "Divide by N only and keep the factor 2: grad = 2 (y - t) / N."))
    if got.shape == g.shape and np.all(np.isfinite(got)):
        for value, text in wrong:
            if np.allclose(got, value, rtol=1e-6, atol=1e-12):
                return text
    return "grad = 2 (y - t) / N, an array of y's shape."


def check_both(student, y, t, what):
    """The loss and the gradient of mse_loss_grad(y, t) against the reference, with the known mistakes' hints."""
    loss, grad = unpack(student.function(NAME)(y, t), what)
    exp_loss, exp_grad = reference(y, t)
    expect_close(loss, exp_loss, what + ": loss", loss_hint(loss, y, t))
    got = expect_shape(grad, y.shape, what + ": grad")
    expect_close(got, exp_grad, what + ": grad", grad_hint(got, y, t))


@weight(1)
def test_returns_loss_and_grad(student, rng):
    """returns a pair (loss, grad) with grad of y's shape"""
    y, t = draw(rng)
    what = f"mse_loss_grad for y, t of shape {y.shape}"
    _, grad = unpack(student.function(NAME)(y, t), what)
    expect_shape(grad, y.shape, what + ": grad", "The gradient has the shape of y.")


@weight(2)
def test_loss(student, rng):
    """the loss is the mean over the batch of the summed squared errors"""
    y, t = draw(rng)
    what = f"mse_loss_grad for y, t of shape {y.shape}: loss"
    loss, _ = unpack(student.function(NAME)(y, t), what)
    expect_close(loss, reference(y, t)[0], what, loss_hint(loss, y, t))


@weight(3)
def test_grad(student, rng):
    """grad = 2 (y - t) / N"""
    y, t = draw(rng)
    what = f"mse_loss_grad for y, t of shape {y.shape}: grad"
    _, grad = unpack(student.function(NAME)(y, t), what)
    got = expect_shape(grad, y.shape, what, "The gradient has the shape of y.")
    expect_close(got, reference(y, t)[1], what, grad_hint(got, y, t))


@weight(1)
def test_batch_of_one(student, rng):
    """a batch of one example with one output"""
    y, t = draw(rng, n=1, k=1)
    check_both(student, y, t, "mse_loss_grad for a batch of one example, y and t of shape (1, 1)")


@weight(1)
def test_large_values_single_column(student, rng):
    """targets of size 1e4 and a single output column"""
    y, t = draw(rng, k=1)
    check_both(student, 1e4 * y, 1e4 * t, f"mse_loss_grad for y, t of shape {y.shape} with entries near 1e4")
