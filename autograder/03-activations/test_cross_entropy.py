"""Hidden tests for Exercise 5, ``cross_entropy(logits, t) -> (loss, grad)``.

logits (N, K), integer labels t (N,); loss = mean over the N examples of -log softmax(logits)[n, t[n]]
(a float), grad = (softmax(logits) - onehot(t)) / N of shape (N, K); finite for logits of size 1000.
"""

import numpy as np

from nncourse.grading import testing
from nncourse.grading.testing import diagnose, expect, expect_close, expect_returns, expect_shape, weight

STABLE = ("Take the loss from log-probabilities, z - m - log(sum(exp(z - m))) with m each row's maximum, "
          "not from log(softmax): a probability that underflows to 0 gives log(0) = -inf, and exp(1000) "
          "overflows.")
GENERIC_LOSS = "loss = mean over the N examples of -log_softmax(logits)[n, t[n]]"
GENERIC_GRAD = "grad = (softmax(logits) - onehot(t)) / N"


def draw(rng, n=None, scale=2.0):
    """Logits (N, K) with N != K, and labels with at least one repeat when N > K."""
    n, k = testing.distinct_sizes(rng, (3, 10), (2, 6), n)
    return rng.normal(0.0, scale, size=(n, k)), rng.integers(0, k, size=n)


def log_softmax(z):
    m = z.max(axis=1, keepdims=True)
    return z - m - np.log(np.exp(z - m).sum(axis=1, keepdims=True))


def reference(z, t):
    n = z.shape[0]
    rows = np.arange(n)
    log_p = log_softmax(z)
    p = np.exp(log_p)
    onehot = np.zeros_like(p)
    onehot[rows, t] = 1.0
    return float(-np.mean(log_p[rows, t])), (p - onehot) / n


def unpack(out, what):
    loss, grad = expect_returns(out, ("loss", "grad"), what)
    expect(isinstance(loss, (int, float)) and not isinstance(loss, bool),
           f"{what}: the loss should be a float, got "
           + (f"an array of shape {loss.shape}" if isinstance(loss, np.ndarray) else type(loss).__name__) + ".",
           "The loss is the mean over the examples: one number, e.g. float(-np.mean(...)).")
    return float(loss), grad


def loss_hint(loss, z, t):
    n, k = z.shape
    ref, _ = reference(z, t)
    log_p = log_softmax(z)
    with np.errstate(all="ignore"):
        candidates = [
            (ref / k, "Your loss is K times too small: you averaged over all N * K entries of the logits. "
                      "Average over the N examples only."),
            (ref * n, "Your loss is N times too large: take the mean over the examples, not the sum."),
            (-np.mean(log_p[:, t]), "log_p[:, t] is an N x N matrix; pick one entry per row with "
                                    "log_p[np.arange(N), t]."),
            (-ref, "The sign is flipped: the loss is -log p, a positive number."),
        ]
    return diagnose(loss, ref, [(text, value) for value, text in candidates], GENERIC_LOSS + ".")


def grad_hint(g, z, t):
    n, k = z.shape
    _, ref = reference(z, t)
    p = np.exp(log_softmax(z))
    cols = p.copy()
    cols[:, t] -= 1.0
    candidates = [
        (ref * n, f"Your gradient is N = {n} times too large: the loss is a mean over the examples, so divide "
                  "softmax - onehot by N."),
        (-ref, "The sign is flipped: the gradient is (softmax - onehot) / N, not (onehot - softmax) / N."),
        (ref / k, "Divide by N only, not by N * K: the loss averages over the examples."),
        (cols / n, "p[:, t] -= 1 subtracts 1 in whole columns; subtract it once per row, at the example's own "
                   "label: p[np.arange(N), t] -= 1."),
        (p / n, "Subtract the one-hot targets: the gradient is (softmax - onehot) / N."),
    ]
    return diagnose(g, ref, [(text, value) for value, text in candidates],
                    GENERIC_GRAD + ": subtract 1 at [n, t[n]] for each row n, then divide by N.", rtol=1e-5,
                    atol=1e-8)


def run(student, z, t, what):
    return unpack(student.function("cross_entropy")(z, t), what)


def sizes(z):
    return f"N={z.shape[0]} examples, K={z.shape[1]} classes"


def check_grad(grad, ref, z, t, what, hint="The gradient has the shape of the logits, (N, K)."):
    """The gradient's shape (with ``hint``), then its values, with the hint of the known mistake it matches."""
    g = expect_shape(grad, z.shape, what, hint)
    expect_close(g, ref, what, grad_hint(g, z, t))


def random_case(student, rng, part):
    """Random logits and labels, the student's (loss, grad), the reference's, and the message for ``part``."""
    z, t = draw(rng)
    what = f"cross_entropy(logits, t) for {sizes(z)}: {part}"
    return z, t, run(student, z, t, what), reference(z, t), what


@weight(2)
def test_loss(student, rng):
    """the loss is the mean over the examples of -log softmax(logits)[n, t[n]]"""
    z, t, (loss, _), (ref, _), what = random_case(student, rng, "loss")
    expect_close(loss, ref, what, loss_hint(loss, z, t))


@weight(2)
def test_grad(student, rng):
    """the gradient is (softmax(logits) - onehot(t)) / N"""
    z, t, (_, grad), (_, ref), what = random_case(student, rng, "grad")
    check_grad(grad, ref, z, t, what)


@weight(1)
def test_batch_of_one(student, rng):
    """a batch of one example: loss and grad of shape (1, K)"""
    z, t = draw(rng, n=1)
    what = f"cross_entropy for one example with K={z.shape[1]} classes"
    loss, grad = run(student, z, t, what)
    ref_loss, ref_grad = reference(z, t)
    expect_close(loss, ref_loss, what + ": loss", loss_hint(loss, z, t))
    check_grad(grad, ref_grad, z, t, what + ": grad", "For N = 1 the gradient keeps the shape (1, K).")


@weight(2)
def test_large_logits(student, rng):
    """finite and exact for logits of size 1000 and a true class far below the maximum"""
    z, t = draw(rng, scale=3.0)
    z += rng.uniform(-1000.0, 1000.0, size=(z.shape[0], 1))
    z[0] = rng.normal(0.0, 1.0, size=z.shape[1])
    z[0, t[0]] = -1000.0                      # the true class has probability about exp(-1000)
    z[0, (t[0] + 1) % z.shape[1]] = 1000.0
    what = f"cross_entropy for {sizes(z)} with logits of size 1000"
    loss, grad = run(student, z, t, what)
    ref_loss, ref_grad = reference(z, t)
    expect(np.isfinite(loss), f"{what}: the loss is {loss}, expected {ref_loss:.6g}.", STABLE)
    hint = loss_hint(loss, z, t)
    expect_close(loss, ref_loss, what + ": loss", STABLE if hint.startswith(GENERIC_LOSS) else hint)
    g = expect_shape(grad, z.shape, what + ": grad", "The gradient has the shape of the logits, (N, K).")
    hint = grad_hint(g, z, t) if np.all(np.isfinite(g)) else STABLE
    expect_close(g, ref_grad, what + ": grad", STABLE if hint.startswith(GENERIC_GRAD) else hint, atol=1e-12)


@weight(1)
def test_label_missing(student, rng):
    """labels in which the last class does not occur: K comes from the logits, not from t"""
    z, _ = draw(rng)
    k = z.shape[1]
    t = testing.labels_missing_class(rng, z.shape[0], k)
    what = f"cross_entropy for {sizes(z)} and labels {t.tolist()} (class {k - 1} absent)"
    loss, grad = run(student, z, t, what)
    ref_loss, ref_grad = reference(z, t)
    expect_close(loss, ref_loss, what + ": loss", loss_hint(loss, z, t))
    check_grad(grad, ref_grad, z, t, what + ": grad", "The gradient has the shape of the logits, (N, K), with "
               "K = logits.shape[1] even when a class is absent from t.")
