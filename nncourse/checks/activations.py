r"""Self-checks for lesson 03, "Activation functions and output units".

Each function takes the student's answer and tries it on small, fixed
examples; derivatives are compared with finite differences::

    from nncourse.checks import activations as check
    check.sigmoid_functions(sigmoid, sigmoid_prime)
    check.leaky_relu_functions(leaky_relu, leaky_relu_prime)
    check.softmax(softmax)
    check.log_softmax(log_softmax)
    check.cross_entropy(cross_entropy)

Unlike grading, these checks run in the student's own kernel, so they can also
see NumPy's ``RuntimeWarning``\ s: an overflow at :math:`|z| = 1000` fails the
check even when the value that comes out happens to be right.
"""

from __future__ import annotations

import warnings

import numpy as np

from nncourse._compare import matches
from nncourse.checks import as_number, check_close, check_shape, check_tuple, fail, finish, passed
from nncourse.gradcheck import numerical_gradient

__all__ = ["sigmoid_functions", "leaky_relu_functions", "softmax", "log_softmax", "cross_entropy"]

BIG = np.array([[-1000.0, -40.0, 0.0, 40.0, 1000.0]])
STABLE = ("exp() of a large positive number overflows to inf; rearrange the formula so that exp() only "
          "ever sees a number <= 0 (for the sigmoid: use exp(-|z|) and two cases for z >= 0 and z < 0).")


def _ref_sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0, e) / (1.0 + e)


def _ref_log_softmax(z):
    z = np.asarray(z, dtype=float)
    m = z.max(axis=-1, keepdims=True)
    return z - m - np.log(np.exp(z - m).sum(axis=-1, keepdims=True))


def _ref_loss(logits, t):
    return -np.mean(_ref_log_softmax(logits)[np.arange(len(t)), t])


def _run(fn, *args):
    """Call the student's ``fn``; return its result and the RuntimeWarnings it raised."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with np.errstate(over="warn", invalid="warn", divide="warn", under="ignore"):
            out = fn(*args)
    return out, [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]


def _no_warnings(found, what, hint=STABLE):
    if found:
        fail(what, f"NumPy warned: {found[0]!r}. The values may still look right, but the computation "
             "overflowed on the way.", hint)


def _close(got, expected):
    return matches(got, expected, rtol=1e-5, atol=1e-8)


def _elementwise_derivative(f, z):
    """d f(z)_i / d z_i by central differences (f elementwise)."""
    return numerical_gradient(lambda u: np.sum(f(u)), np.array(z, dtype=float))


# --------------------------------------------------------------------------- exercise 1

def sigmoid_functions(sigmoid, sigmoid_prime) -> None:
    """Check ``sigmoid(z)`` and ``sigmoid_prime(z)``."""
    z = np.array([[-2.0, -0.5, 0.0], [0.5, 1.0, 3.0]])
    expected = _ref_sigmoid(z)
    got, found = _run(sigmoid, z.copy())
    what = "sigmoid(z) for z of shape (2, 3)"
    hint = "sigma(z) = 1 / (1 + exp(-z)), elementwise, with the shape of z."
    if _close(got, _ref_sigmoid(-z)):
        hint = "You computed sigma(-z) = 1 / (1 + exp(z)): the exponent is -z."
    elif _close(got, _ref_sigmoid(2 * z)):
        hint = "(1 + tanh(z)) / 2 is sigma(2 z); the identity is sigma(z) = (1 + tanh(z / 2)) / 2."
    check_close(got, expected, what, hint)
    _no_warnings(found, what)
    passed("sigmoid: values for small z, shape (2, 3)")

    got, found = _run(sigmoid, np.array([0.3, -4.0]))
    check_close(got, _ref_sigmoid([0.3, -4.0]), "sigmoid(z) for z of shape (2,)",
                "Work elementwise on an array of any shape; avoid loops over rows.")
    passed("sigmoid: works on a 1-D array")

    what = "sigmoid(z) for z = -1000, -40, 0, 40, 1000"
    got, found = _run(sigmoid, BIG.copy())
    check_close(got, _ref_sigmoid(BIG), what, STABLE, atol=1e-12)
    _no_warnings(found, what)
    passed("sigmoid: exact limits 0 and 1 at z = -1000 and 1000, no nan, no warning")

    num = _elementwise_derivative(_ref_sigmoid, z)
    got, found = _run(sigmoid_prime, z.copy())
    what = "sigmoid_prime(z) for z of shape (2, 3)"
    hint = "sigma'(z) = sigma(z) (1 - sigma(z)): compute s = sigmoid(z) first, then s * (1 - s)."
    if _close(got, z * (1 - z)):
        hint = ("You evaluated z (1 - z). The derivative is sigma(z) (1 - sigma(z)): plug in s = sigmoid(z), "
                "not z.")
    elif _close(got, expected):
        hint = "You returned sigma(z) itself; the derivative is sigma(z) (1 - sigma(z))."
    elif _close(got, expected * (1 + expected)):
        hint = "The derivative is sigma(z) (1 - sigma(z)), with a minus sign."
    check_close(got, num, what, hint)
    _no_warnings(found, what)
    passed("sigmoid_prime: matches finite differences of sigma, shape (2, 3)")

    what = "sigmoid_prime(z) for z = -1000, -40, 0, 40, 1000"
    got, found = _run(sigmoid_prime, BIG.copy())
    s = _ref_sigmoid(BIG)
    check_close(got, s * (1 - s), what, "Compute the derivative from your stable sigmoid: s * (1 - s). "
                "exp(-z) / (1 + exp(-z))**2 is inf / inf = nan at z = -1000.", atol=1e-12)
    _no_warnings(found, what, "Compute the derivative from your stable sigmoid: s = sigmoid(z); s * (1 - s).")
    passed("sigmoid_prime: 0.25 at z = 0, about 0 at z = +-1000, no nan, no warning")
    finish()


# --------------------------------------------------------------------------- exercise 2

def _ref_leaky(z, alpha):
    z = np.asarray(z, dtype=float)
    return np.maximum(z, 0) + alpha * np.minimum(z, 0)


def leaky_relu_functions(leaky_relu, leaky_relu_prime) -> None:
    """Check ``leaky_relu(z, alpha=0.01)`` and ``leaky_relu_prime(z, alpha=0.01)``."""
    z = np.array([[-3.0, -0.5, 0.7], [2.0, -1.5, 0.2]])

    what = "leaky_relu(z, alpha=0.1) for z of shape (2, 3)"
    got, _ = _run(leaky_relu, z.copy(), 0.1)
    hint = "g(z) = z where z > 0 and alpha * z where z <= 0."
    if _close(got, np.where(z > 0, 0.1 * z, z)):
        hint = "You put alpha on the wrong side: the slope is 1 for z > 0 and alpha for z <= 0."
    elif _close(got, np.maximum(z, 0) + 0.1 * z):
        hint = "max(0, z) + alpha * z adds alpha * z to positive entries too; use alpha * min(0, z)."
    check_close(got, _ref_leaky(z, 0.1), what, hint)
    passed("leaky_relu: values for alpha = 0.1")

    got, _ = _run(leaky_relu, z.copy())
    check_close(got, _ref_leaky(z, 0.01), "leaky_relu(z) with the default alpha",
                "Give alpha the default value 0.01 in the signature: def leaky_relu(z, alpha=0.01).")
    for alpha, name in ((0.0, "ReLU"), (-1.0, "absolute value |z|")):
        got, _ = _run(leaky_relu, z.copy(), alpha)
        check_close(got, _ref_leaky(z, alpha), f"leaky_relu(z, alpha={alpha:g}), the {name}",
                    "Use the alpha you are given, not a fixed slope.")
    passed("leaky_relu: default alpha = 0.01, alpha = 0 (ReLU) and alpha = -1 (|z|)")

    for alpha in (0.1, -1.0):
        what = f"leaky_relu_prime(z, alpha={alpha:g}) for z of shape (2, 3)"
        num = _elementwise_derivative(lambda u: _ref_leaky(u, alpha), z)
        got, _ = _run(leaky_relu_prime, z.copy(), alpha)
        hint = "g'(z) is 1 where z > 0 and alpha where z <= 0."
        if _close(got, (z > 0).astype(float)):
            hint = "That is the ReLU's derivative: for z <= 0 the slope is alpha, not 0."
        elif _close(got, np.where(z > 0, 1.0, alpha * z)):
            hint = "For z <= 0 the derivative of alpha * z is the constant alpha, not alpha * z."
        elif _close(got, _ref_leaky(z, alpha)):
            hint = "You returned g(z); the derivative is 1 for z > 0 and alpha for z <= 0."
        check_close(got, num, what, hint)
    got, _ = _run(leaky_relu_prime, z.copy())
    check_close(got, np.where(z > 0, 1.0, 0.01), "leaky_relu_prime(z) with the default alpha",
                "Give alpha the default value 0.01 in the signature: def leaky_relu_prime(z, alpha=0.01).")
    passed("leaky_relu_prime: matches finite differences for alpha = 0.1 and -1, and the default")

    got, found = _run(leaky_relu, BIG.copy(), 0.2)
    check_close(got, _ref_leaky(BIG, 0.2), "leaky_relu(z, 0.2) for z = -1000 .. 1000")
    got, found2 = _run(leaky_relu_prime, BIG.copy(), 0.2)
    check_close(got, np.where(BIG > 0, 1.0, 0.2), "leaky_relu_prime(z, 0.2) for z = -1000 .. 1000")
    _no_warnings(found + found2, "leaky_relu for z = -1000 .. 1000", "Nothing here needs exp(); use np.where.")
    passed("leaky_relu and its derivative: fine at z = +-1000")
    finish()


# --------------------------------------------------------------------------- exercise 3

def _softmax_hint(got, z):
    """A hint naming a recognisable mistake, or None."""
    e = np.exp(z - z.max())
    if z.ndim == 2 and _close(got, e / e.sum(axis=0, keepdims=True)):
        return ("You normalised over axis 0, the batch axis: each column sums to 1. Softmax works on each "
                "row (example): use axis=-1.")
    if _close(got, e / e.sum()):
        return ("You summed over the whole array, so all entries together sum to 1. Sum over the last axis "
                "only: e.sum(axis=-1, keepdims=True).")
    return None


def softmax(fn) -> None:
    """Check ``softmax(z)`` over the last axis."""
    z = np.array([[1.0, 2.0, 3.0], [-1.0, 0.0, 4.0]])
    expected = np.exp(_ref_log_softmax(z))
    got, found = _run(fn, z.copy())
    what = "softmax(z) for logits of shape (2, 3)"
    check_close(got, expected, what, _softmax_hint(got, z) or
                "softmax(z)[n, k] = exp(z[n, k]) / sum_j exp(z[n, j]): one row per example.")
    passed("values for logits of shape (2, 3); each row sums to 1")

    z1 = np.array([0.5, -1.0, 2.0, 0.0])
    got, _ = _run(fn, z1.copy())
    check_close(got, np.exp(_ref_log_softmax(z1)), "softmax(z) for a single vector of shape (4,)",
                "Work over the last axis, axis=-1 (axis=1 does not exist for a 1-D array), with keepdims=True.")
    got, _ = _run(fn, z[:1].copy())
    check_close(got, expected[:1], "softmax(z) for a batch of one, shape (1, 3)",
                "Keep the shape (1, 3): reduce with keepdims=True rather than squeezing.")
    passed("works for a vector (4,) and a batch of one (1, 3)")

    zb = np.array([[1000.0, 0.0, -1000.0], [-1000.0, -1000.0, -999.0]])
    what = "softmax(z) for logits [[1000, 0, -1000], [-1000, -1000, -999]]"
    got, found = _run(fn, zb.copy())
    hint = ("Subtract each row's own maximum before exponentiating: z - z.max(axis=-1, keepdims=True). exp(1000) "
            "overflows, and subtracting one maximum for the whole batch leaves the second row at exp(-2000) = 0, "
            "so it becomes 0 / 0 = nan.")
    check_close(got, np.exp(_ref_log_softmax(zb)), what, hint, atol=1e-12)
    _no_warnings(found, what, hint)
    passed("no nan or overflow for logits of size 1000")
    finish()


# --------------------------------------------------------------------------- exercise 4

def log_softmax(fn) -> None:
    """Check ``log_softmax(z)`` over the last axis."""
    z = np.array([[1.0, 2.0, 3.0], [-1.0, 0.0, 4.0]])
    expected = _ref_log_softmax(z)
    m = z.max(axis=-1, keepdims=True)
    got, _ = _run(fn, z.copy())
    what = "log_softmax(z) for logits of shape (2, 3)"
    hint = "log softmax(z)_k = z_k - LSE(z) with LSE(z) = m + log(sum_j exp(z_j - m)), m the row maximum."
    if _close(got, expected + m):
        hint = "You forgot to add m back: LSE(z) = m + log(sum_j exp(z_j - m))."
    elif _close(got, z - m):
        hint = "You subtracted only the maximum; subtract the whole log-sum-exp m + log(sum_j exp(z_j - m))."
    elif _close(got, z - np.log(np.exp(z).sum(axis=0, keepdims=True))):
        hint = "You summed over axis 0, the batch axis. Sum over each row: axis=-1, keepdims=True."
    check_close(got, expected, what, hint)
    passed("values for logits of shape (2, 3)")

    z1 = np.array([0.5, -1.0, 2.0])
    got, _ = _run(fn, z1.copy())
    check_close(got, _ref_log_softmax(z1), "log_softmax(z) for a single vector of shape (3,)",
                "Work over the last axis, axis=-1, with keepdims=True.")
    passed("works for a vector of shape (3,)")

    zb = np.array([[0.0, -1000.0], [1000.0, 999.0]])
    what = "log_softmax(z) for logits [[0, -1000], [1000, 999]]"
    got, found = _run(fn, zb.copy())
    hint = ("np.log(softmax(z)) is log(0) = -inf once a probability underflows, and exp(1000) overflows: "
            "compute z - m - log(sum(exp(z - m))) with m the row maximum.")
    check_close(got, _ref_log_softmax(zb), what, hint)
    _no_warnings(found, what, hint)
    passed("finite and exact for logits of size 1000: [0, -1000] and [-0.313, -1.313]")
    finish()


# --------------------------------------------------------------------------- exercise 5

def cross_entropy(fn) -> None:
    """Check ``cross_entropy(logits, t) -> (loss, grad)``."""
    rng = np.random.default_rng(0)
    logits = rng.normal(size=(4, 3))
    t = np.array([0, 2, 2, 1])
    n, k = logits.shape
    what = "cross_entropy(logits, t) with N=4 examples, K=3 classes"
    loss, grad = check_tuple(_run(fn, logits.copy(), t.copy())[0], ("loss", "grad"), what)
    ref = _ref_loss(logits, t)
    loss = as_number(loss, what + ": loss", "The loss is one number: the mean over the examples.")
    log_p = _ref_log_softmax(logits)
    hint = "loss = mean over the N examples of -log_softmax(logits)[n, t[n]]."
    if np.isclose(loss, ref / k):
        hint = ("Your loss is K times too small: you averaged over all N * K entries. Average over the N "
                "examples only.")
    elif np.isclose(loss, ref * n):
        hint = "Your loss is N times too large: take the mean over the examples, not the sum."
    elif np.isclose(loss, -np.mean(log_p[:, t])):
        hint = ("log_p[:, t] is an N x N matrix; pick one entry per row with log_p[np.arange(N), t].")
    check_close(loss, ref, what + ": loss", hint)
    passed("returns (loss, grad); the loss is the mean cross-entropy")

    num = numerical_gradient(lambda Z: _ref_loss(Z, t), logits.copy())
    g = check_shape(grad, (n, k), what + ": grad", "The gradient has the shape of the logits, (N, K).")
    hint = "grad = (softmax(logits) - onehot(t)) / N."
    if _close(g, n * num):
        hint = f"Your gradient is N = {n} times too large: the loss is a mean, so divide by N."
    elif _close(g, -num):
        hint = "The sign is flipped: the gradient is softmax - onehot, not onehot - softmax."
    elif _close(g, num / k):
        hint = "Divide by N only, not by N * K: the loss averages over examples."
    else:
        p = np.exp(log_p)
        cols = p.copy()
        cols[:, t] -= 1.0
        if _close(g, cols / n):
            hint = ("p[:, t] -= 1 subtracts 1 in whole columns; subtract it once per row: "
                    "p[np.arange(N), t] -= 1.")
    check_close(g, num, what + ": grad", hint)
    passed("grad matches finite differences of the loss, shape (4, 3)")

    what = "cross_entropy for one example"
    loss, grad = check_tuple(_run(fn, logits[:1].copy(), t[:1].copy())[0], ("loss", "grad"), what)
    check_close(as_number(loss, what + ": loss"), _ref_loss(logits[:1], t[:1]), what + ": loss")
    check_close(grad, numerical_gradient(lambda Z: _ref_loss(Z, t[:1]), logits[:1].copy()), what + ": grad",
                "For N = 1 the gradient keeps the shape (1, K).")
    passed("works for a batch of one")

    zb = np.array([[1000.0, 0.0, -1000.0], [0.0, 500.0, 1000.0]])
    tb = np.array([2, 0])
    what = "cross_entropy with logits of size 1000"
    out, found = _run(fn, zb.copy(), tb.copy())
    loss, grad = check_tuple(out, ("loss", "grad"), what)
    hint = ("Take the loss from log_softmax (z - m - log(sum(exp(z - m)))), not log(softmax): the probability "
            "of a class 2000 below the maximum underflows to 0, and log(0) = -inf.")
    check_close(as_number(loss, what + ": loss"), _ref_loss(zb, tb), what + ": loss", hint)
    p = np.exp(_ref_log_softmax(zb))
    p[np.arange(2), tb] -= 1.0
    check_close(grad, p / 2, what + ": grad", hint, atol=1e-12)
    _no_warnings(found, what, hint)
    passed("finite and exact for logits of size 1000")
    finish()
