r"""Self-checks for lesson 01, "The neuron, the perceptron and the logistic unit".

Each function takes the student's answer and checks it on small, fixed
examples::

    from nncourse.checks import perceptron as check
    check.neuron_forward(neuron_forward)
    check.perceptron_train(perceptron_train)
    check.logistic_predict(logistic_predict)
    check.bce_loss_grad(bce_loss_grad)
    check.train_logistic(train_logistic)

The perceptron's expected runs are worked examples (weights, bias and
mistakes per epoch written out below); gradients are compared with finite
differences of the loss (:func:`nncourse.gradcheck.numerical_gradient`).
"""

from __future__ import annotations

import numpy as np

from nncourse._compare import diagnose
from nncourse.checks import as_number, check_close, check_shape, check_tuple, fail, finish, passed
from nncourse.gradcheck import numerical_gradient

__all__ = ["neuron_forward", "perceptron_train", "logistic_predict", "bce_loss_grad", "train_logistic"]


def _quiet(fn, *args, **kwargs):
    """Call the student's ``fn`` without printing NumPy warnings (the check looks at the result)."""
    with np.errstate(all="ignore"):
        return fn(*args, **kwargs)


def _naive_loss(X, t, w, b):
    """Mean cross-entropy, fine for the moderate z of these examples."""
    y = 1.0 / (1.0 + np.exp(-(X @ w + b)))
    return float(np.mean(-t * np.log(y) - (1 - t) * np.log(1 - y)))


# --------------------------------------------------------------------------- exercise 1

def neuron_forward(fn) -> None:
    """Check ``neuron_forward(X, w, b) -> (z, y)``."""
    X = np.array([[1.0, 2.0, -1.0], [0.5, -1.0, 2.0], [-2.0, 0.0, 1.0], [3.0, 1.0, 1.0]])
    w = np.array([0.5, -1.0, 2.0])
    b = 0.5
    what = "neuron_forward(X, w, b) with X of shape (4, 3)"
    z, y = check_tuple(_quiet(fn, X.copy(), w.copy(), b), ("z", "y"), what)
    # z by hand: 0.5 - 2 - 2 + 0.5 = -3;  0.25 + 1 + 4 + 0.5 = 5.75;  -1 + 0 + 2 + 0.5 = 1.5;  1.5 - 1 + 2 + 0.5 = 3
    z_expected = np.array([-3.0, 5.75, 1.5, 3.0])
    hint = "z = X @ w + b: one weighted sum per row of X, plus the bias."
    got = check_shape(z, (4,), what + ": z", "One pre-activation per example: z has shape (N,).")
    if np.allclose(got, z_expected - b):
        hint = "The bias b is missing from z."
    elif np.allclose(got, z_expected - 2 * b):
        hint = "z = X @ w + b: the bias is added, not subtracted."
    check_close(got, z_expected, what + ": z", hint)
    passed("z = X w + b, shape (4,)")
    hint = "y = 1.0 where z >= 0 and 0.0 where z < 0."
    got = check_shape(y, (4,), what + ": y", "One output per example: y has shape (N,).")
    if np.allclose(got, np.sign(z_expected)):
        hint = "The perceptron's outputs are 0 and 1, not -1 and +1."
    check_close(got, [0.0, 1.0, 1.0, 1.0], what + ": y", hint)
    passed("y is the hard threshold of z: 0.0 or 1.0")

    X0 = np.array([[1.0, 1.0], [1.0, 0.0], [0.0, 0.0]])
    what = "neuron_forward on inputs with z = 0 exactly (w = (1, 1), b = -2)"
    z, y = check_tuple(_quiet(fn, X0.copy(), np.array([1.0, 1.0]), -2.0), ("z", "y"), what)
    check_close(z, [0.0, -1.0, -2.0], what + ": z")
    check_close(y, [1.0, 0.0, 0.0], what + ": y",
                "The threshold fires at z = 0: phi(0) = 1, so compare with z >= 0, not z > 0.")
    passed("phi(0) = 1")

    what = "neuron_forward for a batch of one example"
    z, y = check_tuple(_quiet(fn, np.array([[2.0, -1.0]]), np.array([1.0, 3.0]), 0.0), ("z", "y"), what)
    check_close(z, [-1.0], what + ": z", "Keep the batch axis: z has shape (1,) for one example.")
    check_close(y, [0.0], what + ": y")
    passed("works for a batch of one example")
    finish()


# --------------------------------------------------------------------------- exercise 2

def _run_perceptron(fn, X, t, what, **kwargs):
    out = check_tuple(_quiet(fn, X.copy(), t.copy(), **kwargs), ("w", "b", "mistakes"), what)
    w, b, mistakes = out
    b = as_number(b, what + ": b", "b is a single number; return float(b).")
    try:
        mistakes = [int(m) for m in mistakes]
    except (TypeError, ValueError):
        fail(what, f"mistakes should be a list of ints (one per epoch), got {type(mistakes).__name__}.",
             "Append the number of mistakes of each epoch to a list and return the list.")
    return w, b, mistakes


_PERCEPTRON_HINT = ("Start from w = 0, b = 0; visit the examples in order; predict with phi(0) = 1; after a "
                    "mistake do w += (t - y) x and b += (t - y); count the mistakes of each epoch.")


def _perceptron_case(fn, X, t, w_exp, b_exp, mistakes_exp, what, **kwargs):
    w, b, mistakes = _run_perceptron(fn, X, t, what, **kwargs)
    if mistakes != mistakes_exp:
        hint = _PERCEPTRON_HINT
        if len(mistakes) == len(mistakes_exp) - 1 and mistakes == mistakes_exp[:-1]:
            hint = "The epoch without mistakes counts too: append its 0 before you stop."
        elif mistakes and mistakes == list(np.cumsum(mistakes_exp[:len(mistakes)])):
            hint = "Count the mistakes of each epoch separately: reset the counter at the start of every epoch."
        elif len(mistakes) > len(mistakes_exp) and mistakes_exp[-1] == 0:
            hint = "Stop after the first epoch without mistakes."
        fail(what, f"mistakes per epoch: expected {mistakes_exp}, got {mistakes}.", hint)
    check_close(w, w_exp, what + ": w", _PERCEPTRON_HINT)
    check_close(b, b_exp, what + ": b", "After each mistake the bias changes by t - y, like a weight whose input is 1.")


def perceptron_train(fn) -> None:
    """Check ``perceptron_train(X, t, max_epochs=100) -> (w, b, mistakes)`` on worked examples."""
    # Worked example: two mistakes in the first epoch, then none.
    #   x = (-1, 2),  t = 0: z = 0, y = 1, mistake:  w = (1, -2),  b = -1
    #   x = (3, 0.5), t = 1: z = 3 - 1 - 1 = 1, y = 1, correct
    #   x = (0, -1.5), t = 1: z = 3 - 1 = 2, y = 1, correct
    #   second epoch: z = -1 - 4 - 1 = -6 (y = 0, t = 0), 1, 2: no mistakes.
    X = np.array([[-1.0, 2.0], [3.0, 0.5], [0.0, -1.5]])
    t = np.array([0.0, 1.0, 1.0])
    what = "perceptron_train on 3 examples (worked example)"
    w, b, mistakes = _run_perceptron(fn, X, t, what)
    if mistakes and mistakes[0] == 0:
        fail(what, f"mistakes per epoch: expected [1, 0], got {mistakes}.",
             "With w = 0 and b = 0, z = 0 for the first example, and phi(0) = 1: that is a mistake for t = 0.")
    _perceptron_case(fn, X, t, [1.0, -2.0], -1.0, [1, 0], what)
    passed("the worked example: w = (1, -2), b = -1, mistakes [1, 0]")

    corners = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    _perceptron_case(fn, corners, np.array([0.0, 0.0, 0.0, 1.0]), [2.0, 1.0], -3.0, [2, 3, 3, 2, 1, 0],
                     "perceptron_train on AND")
    passed("AND: converges after 6 epochs with w = (2, 1), b = -3")

    what = "perceptron_train on XOR with max_epochs=5"
    w, b, mistakes = _run_perceptron(fn, corners, np.array([0.0, 1.0, 1.0, 0.0]), what, max_epochs=5)
    if len(mistakes) != 5:
        fail(what, f"expected 5 epochs (the cap), got {len(mistakes)}.",
             "XOR is not linearly separable: the loop must stop after max_epochs epochs.")
    _perceptron_case(fn, corners, np.array([0.0, 1.0, 1.0, 0.0]), [-1.0, 0.0], 0.0, [3, 3, 4, 4, 4], what,
                     max_epochs=5)
    passed("XOR: stops at the cap of max_epochs = 5 epochs, still making mistakes")

    _perceptron_case(fn, np.array([[1.5, -2.0]]), np.array([0.0]), [-1.5, 2.0], -1.0, [1, 0],
                     "perceptron_train on a single example")
    passed("works for a single example")
    finish()


# --------------------------------------------------------------------------- exercise 3

def logistic_predict(fn) -> None:
    """Check ``logistic_predict(X, w, b) -> y``."""
    X = np.array([[1.0, -2.0], [0.5, 0.5], [-1.0, 3.0], [2.0, 1.0], [0.0, 0.0]])
    w = np.array([0.8, -0.3])
    b = -0.2
    z = X @ w + b
    expected = 1.0 / (1.0 + np.exp(-z))
    what = "logistic_predict(X, w, b) with X of shape (5, 2)"
    y = _quiet(fn, X.copy(), w.copy(), b)
    got = check_shape(y, (5,), what, "One probability per example: shape (N,).")
    hint = "y = sigma(X @ w + b) with sigma(z) = 1 / (1 + exp(-z))."
    if np.allclose(got, 1.0 - expected):
        hint = "sigma(z) = 1 / (1 + exp(-z)): the sign of the exponent is flipped."
    elif np.allclose(got, expected >= 0.5):
        hint = "Return the probabilities sigma(z), not the predicted classes."
    check_close(got, expected, what, hint)
    passed("probabilities sigma(X w + b), shape (5,)")

    Xb = np.array([[1.0], [-1.0], [0.04], [-0.04]])
    what = "logistic_predict for z = 1000, -1000, 40, -40"
    y = _quiet(fn, Xb.copy(), np.array([1000.0]), 0.0)
    zb = np.array([1000.0, -1000.0, 40.0, -40.0])
    e = np.exp(-np.abs(zb))
    check_close(y, np.where(zb >= 0, 1.0 / (1.0 + e), e / (1.0 + e)), what,
                "exp(1000) overflows to inf and inf / inf is nan: exponentiate only non-positive numbers, "
                "e = exp(-|z|), and use 1 / (1 + e) for z >= 0 and e / (1 + e) for z < 0.", atol=1e-12)
    passed("no nan or inf for z = +-1000")

    what = "logistic_predict for a batch of one example"
    check_close(_quiet(fn, np.array([[2.0, 1.0]]), np.array([0.5, -1.0]), 0.3), [1.0 / (1.0 + np.exp(-0.3))],
                what, "Keep the batch axis: shape (1,) for one example.")
    passed("works for a batch of one example")
    finish()


# --------------------------------------------------------------------------- exercise 4

def _three(out, what):
    loss, dw, db = check_tuple(out, ("loss", "dw", "db"), what)
    return as_number(loss, what + ": loss", "The loss is the mean over the examples: a single number."), dw, db


def bce_loss_grad(fn) -> None:
    """Check ``bce_loss_grad(X, t, w, b) -> (loss, dw, db)``."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(6, 3))
    t = np.array([1.0, 0.0, 0.0, 1.0, 1.0, 0.0])
    w = np.array([0.5, -1.0, 0.8])
    b = 0.3
    n = len(t)
    what = "bce_loss_grad(X, t, w, b) with X of shape (6, 3)"
    loss, dw, db = _three(_quiet(fn, X.copy(), t.copy(), w.copy(), b), what)
    passed("returns (loss, dw, db)")

    expected = _naive_loss(X, t, w, b)
    hint = "loss = mean over examples of -t log y - (1 - t) log(1 - y), with y = sigma(X w + b)."
    if np.isclose(loss, n * expected):
        hint = f"Your loss is {n} times too large: it is a mean over the examples, not a sum."
    check_close(loss, expected, what + ": loss", hint)
    passed("the loss is the mean cross-entropy")

    num_dw = numerical_gradient(lambda v: _naive_loss(X, t, v, b), w.copy())
    num_db = float(numerical_gradient(lambda c: _naive_loss(X, t, w, float(c)), np.array(b)))
    got = check_shape(dw, (3,), what + ": dw", "dw has the shape of w, (D,): X.T @ (y - t) / N.")
    hint = diagnose(got, num_dw, [
        (f"Your dw is {n} times too large: divide by N, the cost is a mean over the examples.", n * num_dw),
        ("Your dw has the wrong sign: the error signal is y - t, not t - y.", -num_dw),
    ], "dw = X.T @ (y - t) / N: the error signal y - t of each example times its input, averaged.",
        rtol=1e-4, atol=1e-8)
    check_close(got, num_dw, what + ": dw", hint)
    passed("dw matches finite differences of the loss, shape (3,)")
    db = as_number(db, what + ": db", "db is a single number: the mean of y - t over the examples.")
    hint = diagnose(db, num_db, [
        (f"Your db is {n} times too large: it is the mean of y - t, not the sum.", n * num_db),
        ("Your db has the wrong sign: the error signal is y - t, not t - y.", -num_db),
    ], "db = mean(y - t).", rtol=1e-4, atol=1e-8)
    check_close(db, num_db, what + ": db", hint)
    passed("db matches finite differences of the loss")

    Xw = np.array([[1.0], [-1.2]])
    tw = np.array([0.0, 1.0])
    what = "bce_loss_grad when the unit is confidently wrong (z = 50 with t = 0, z = -60 with t = 1)"
    loss, dw, db = _three(_quiet(fn, Xw, tw, np.array([50.0]), 0.0), what)
    check_close(loss, np.mean(np.logaddexp(0.0, [50.0, -60.0]) - tw * np.array([50.0, -60.0])), what + ": loss",
                "sigma(50) rounds to exactly 1 and log(1 - 1) = -inf; clipping gives a wrong value. Compute the "
                "loss from z: log(1 + e^z) - t z, with np.logaddexp(0, z) for log(1 + e^z).")
    check_close(dw, [(1.0 + 1.2) / 2], what + ": dw")
    passed("the loss stays exact when the unit is confidently wrong")
    finish()


# --------------------------------------------------------------------------- exercise 5

def _gd_reference(X, t, lr, epochs):
    """Gradient descent on the mean cross-entropy with finite-difference gradients."""
    w, b = np.zeros(X.shape[1]), 0.0
    losses = []
    for _ in range(epochs):
        losses.append(_naive_loss(X, t, w, b))
        dw = numerical_gradient(lambda v: _naive_loss(X, t, v, b), w.copy())
        db = float(numerical_gradient(lambda c: _naive_loss(X, t, w, float(c)), np.array(b)))
        w, b = w - lr * dw, b - lr * db
    return w, b, losses


def _unpack_training(out, what, epochs):
    w, b, losses = check_tuple(out, ("w", "b", "losses"), what)
    b = as_number(b, what + ": b", "Return b as a single number, float(b).")
    losses = check_shape(losses, (epochs,), what + ": losses",
                         "Append one loss per epoch: losses has length epochs.")
    return w, b, losses


def train_logistic(fn) -> None:
    """Check ``train_logistic(X, t, lr, epochs) -> (w, b, losses)``."""
    rng = np.random.default_rng(1)
    X = np.vstack([rng.normal(-1.0, 1.0, size=(5, 2)), rng.normal(1.0, 1.0, size=(5, 2))])
    t = np.array([0.0] * 5 + [1.0] * 5)
    X_before = X.copy()

    what = "train_logistic(X, t, lr=0.5, epochs=1)"
    w, b, losses = _unpack_training(_quiet(fn, X, t.copy(), 0.5, 1), what, 1)
    check_close(losses[0], np.log(2.0), what + ": losses[0]",
                "losses[0] is the loss before any step, at w = 0 and b = 0, where y = 1/2 and the loss is log 2.")
    w_exp, b_exp, _ = _gd_reference(X, t, 0.5, 1)
    hint = "Start from w = 0, b = 0 and step against the gradient: w = w - lr * dw, b = b - lr * db."
    got = check_shape(w, (2,), what + ": w", "w has shape (D,).")
    if np.allclose(got, -w_exp, rtol=1e-4):
        hint = "You stepped uphill: subtract lr * dw, do not add it."
    check_close(got, w_exp, what + ": w", hint, rtol=1e-4)
    check_close(b, b_exp, what + ": b", hint + " Update b as well.", rtol=1e-4, atol=1e-7)
    passed("one step from w = 0, b = 0 is w = -lr dw, b = -lr db; losses[0] = log 2")
    if not np.array_equal(X, X_before):
        fail(what, "X was changed by the call.", "Do not modify the inputs in place.")

    what = "train_logistic(X, t, lr=0.5, epochs=30)"
    w, b, losses = _unpack_training(_quiet(fn, X.copy(), t.copy(), 0.5, 30), what, 30)
    w_exp, b_exp, losses_exp = _gd_reference(X, t, 0.5, 30)
    hint = ("losses[k] is the loss at the parameters before step k; append it, then update w and b "
            "with the gradient at those same parameters.")
    if np.allclose(losses[:-1], losses_exp[1:], rtol=1e-4):
        hint = "Your losses are shifted by one: append the loss before the update, not after."
    check_close(losses, losses_exp, what + ": losses", hint, rtol=1e-4)
    check_close(w, w_exp, what + ": w", hint, rtol=1e-4)
    check_close(b, b_exp, what + ": b", hint, rtol=1e-4, atol=1e-7)
    passed("30 epochs of gradient descent: w, b and the loss history match")
    if not np.all(np.diff(losses) < 0):
        fail(what, "the loss did not decrease in every epoch.", hint)
    passed("the loss decreases in every epoch with lr = 0.5")
    finish()
