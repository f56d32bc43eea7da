"""Hidden tests for Exercise 5, ``train_logistic(X, t, lr, epochs) -> (w, b, losses)``.

Start from w = 0, b = 0; each epoch appends the mean cross-entropy at the
current parameters to ``losses`` and then takes one full-batch gradient-descent
step w -= lr * X.T @ (y - t) / N, b -= lr * mean(y - t).
"""

import numpy as np

from nncourse.grading.testing import diagnose, expect, expect_close, expect_dtype, expect_returns, fail, sigmoid, weight

NAME = "train_logistic"
ONE_BIAS = "The bias is one number: return float(b)."


def loss_grad(X, t, w, b):
    z = X @ w + b
    err = sigmoid(z) - t
    return float(np.mean(np.logaddexp(0.0, z) - t * z)), X.T @ err / len(t), float(err.mean())


def gd(X, t, lr, epochs, sign=-1.0, update_b=True, after=False, start=0.0):
    """Gradient descent; the keyword arguments switch on common mistakes (for hints)."""
    w, b = np.full(X.shape[1], start), start
    losses = []
    for _ in range(epochs):
        loss, dw, db = loss_grad(X, t, w, b)
        w = w + sign * lr * dw
        b = b + (sign * lr * db if update_b else 0.0)
        losses.append(loss_grad(X, t, w, b)[0] if after else loss)
    return w, float(b), losses


WRONG = {
    "gradient DEScent: subtract lr * dw and lr * db; adding them climbs the loss": dict(sign=1.0),
    "update the bias too: b = b - lr * db": dict(update_b=False),
    "append the loss at the current parameters, before the step: losses[0] is the loss of the untrained "
    "unit, log 2": dict(after=True),
    "start from w = 0 and b = 0": dict(start=1.0),
}


def draw(rng, n=None, d=None):
    """Two overlapping Gaussian classes, so the loss has a finite minimum."""
    n = int(rng.integers(10, 60)) if n is None else n
    d = int(rng.integers(2, 6)) if d is None else d
    t = (rng.random(n) < 0.5).astype(float)
    t[0], t[-1] = 0.0, 1.0
    mean = rng.normal(0.0, 1.0, size=d)
    X = rng.normal(size=(n, d)) + np.outer(2 * t - 1, mean) * 0.7
    return X, t


def unpack(out, what, epochs):
    w, b, losses = expect_returns(out, ("w", "b", "losses"), what, numbers={"b": ONE_BIAS})
    try:
        losses = np.asarray(losses, dtype=float)
    except (TypeError, ValueError):
        fail(f"{what}: losses should be a list of numbers, one per epoch.",
             "Append the loss (a float) of each epoch to a list.")
    expect(losses.shape == (epochs,), f"{what}: losses has shape {losses.shape}, expected ({epochs},): "
           "one loss per epoch.", "Append exactly one loss per epoch, for epochs epochs.")
    return w, b, losses


STEPS = "take exactly `epochs` gradient-descent steps, one after each loss you append."


def run_hint(got, X, t, lr, epochs):
    """A hint naming a mistake only when ``got`` = (w, b, losses) is what that mistake returns on this input."""
    expected = gd(X, t, lr, epochs)
    hint = diagnose(got, expected, [(text, lambda options=options: gd(X, t, lr, epochs, **options))
                                    for text, options in WRONG.items()])
    if hint is None and epochs > 0:
        hint = diagnose(got[0], expected[0], [(STEPS, lambda: gd(X, t, lr, epochs - 1)[0]),
                                              (STEPS, lambda: gd(X, t, lr, epochs + 1)[0])])
    return hint or ("in each epoch compute loss, dw, db at the current w and b, append the loss, then "
                    "w = w - lr * dw and b = b - lr * db.")


def check_run(f, X, t, lr, epochs, what):
    w, b, losses = unpack(f(X, t, lr, epochs), what, epochs)
    w_exp, b_exp, l_exp = gd(X, t, lr, epochs)
    hint = run_hint((w, b, losses), X, t, lr, epochs)
    expect_close(losses, l_exp, f"{what}: losses", hint)
    expect_close(w, w_exp, f"{what}: w", hint)
    expect_close(b, b_exp, f"{what}: b", hint)


@weight(1)
def test_returns_w_b_losses(student, rng):
    """returns (w of shape (D,), b a number, losses of length epochs)"""
    X, t = draw(rng)
    epochs = int(rng.integers(3, 12))
    what = f"train_logistic(X, t, lr=0.1, epochs={epochs}) for X of shape {X.shape}"
    out = student.function(NAME)(X, t, 0.1, epochs)
    w, _, _ = unpack(out, what, epochs)
    expect(np.shape(w) == (X.shape[1],), f"{what}: w has shape {np.shape(w)}, expected ({X.shape[1]},).",
           "Start from w = np.zeros(D): one weight per feature.")
    expect(np.ndim(out[1]) == 0, f"{what}: b is an array of shape {np.shape(out[1])}, expected a single number.",
           "The statement asks for b as a float: start from b = 0.0, or return float(b).")
    expect_dtype(out[1], "float", f"{what}: b", "The statement asks for b as a float: return float(b).")


@weight(1)
def test_first_loss_is_log_2(student, rng):
    """losses[0] is the loss of the untrained unit, log 2"""
    X, t = draw(rng)
    what = f"train_logistic(X, t, lr=0.3, epochs=4) for X of shape {X.shape}"
    _, _, losses = unpack(student.function(NAME)(X, t, 0.3, 4), what, 4)
    expect_close(losses[0], np.log(2.0), f"{what}: losses[0]",
                 "Start from w = 0, b = 0, where y = 1/2 for every example, and append the loss before the "
                 "first step: -log(1/2) = log 2.")


@weight(2)
def test_one_step(student, rng):
    """one epoch is one step from zero: w = -lr dw, b = -lr db"""
    X, t = draw(rng)
    lr = float(rng.uniform(0.1, 2.0))
    check_run(student.function(NAME), X, t, lr, 1, f"train_logistic(X, t, lr={lr:.3f}, epochs=1) for X of shape "
              f"{X.shape}")


@weight(3)
def test_many_steps(student, rng):
    """tens of epochs: w, b and the loss history match gradient descent"""
    f = student.function(NAME)
    for _ in range(2):
        X, t = draw(rng)
        lr = float(rng.uniform(0.05, 1.5))
        epochs = int(rng.integers(20, 80))
        check_run(f, X, t, lr, epochs, f"train_logistic(X, t, lr={lr:.3f}, epochs={epochs}) for X of shape {X.shape}")


@weight(1)
def test_large_learning_rate(student, rng):
    """a large learning rate: the same steps, even when the loss goes up"""
    X, t = draw(rng, d=2)
    lr = float(rng.uniform(20.0, 40.0))
    check_run(student.function(NAME), X, t, lr, 15, f"train_logistic(X, t, lr={lr:.1f}, epochs=15) for X of shape "
              f"{X.shape}")


@weight(1)
def test_single_example(student, rng):
    """a batch of one example"""
    X, t = draw(rng, n=1)
    check_run(student.function(NAME), X, t, 0.5, 10, f"train_logistic on one example (t = {t[0]:g}), lr=0.5, "
              "epochs=10")


@weight(1)
def test_zero_epochs(student, rng):
    """epochs = 0 takes no step: w = 0, b = 0 and no losses"""
    X, t = draw(rng)
    check_run(student.function(NAME), X, t, 0.5, 0, f"train_logistic(X, t, lr=0.5, epochs=0) for X of shape {X.shape}")


@weight(1)
def test_integer_inputs(student, rng):
    """integer X and integer labels t: the same steps, with float weights"""
    X, t = draw(rng)
    X, t = np.round(2.0 * X).astype(np.int64), t.astype(np.int64)
    check_run(student.function(NAME), X, t, 0.2, 12, f"train_logistic(X, t, lr=0.2, epochs=12) for integer X of "
              f"shape {X.shape} and integer t")
