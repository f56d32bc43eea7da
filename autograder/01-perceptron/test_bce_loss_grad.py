"""Hidden tests for Exercise 4, ``bce_loss_grad(X, t, w, b) -> (loss, dw, db)``.

y = sigma(X @ w + b); loss = mean_n [-t log y - (1 - t) log(1 - y)];
dw = X.T @ (y - t) / N, shape (D,); db = mean(y - t).
"""

import numpy as np

from nncourse.grading import testing
from nncourse.grading.testing import diagnose, expect_close, expect_returns, expect_shape, sigmoid, weight, wide_range

NAME = "bce_loss_grad"


def draw(rng, n=None, scale=1.0):
    n, d = testing.distinct_sizes(rng, (3, 40), (2, 7), n)
    X = rng.normal(size=(n, d))
    t = rng.integers(0, 2, size=n).astype(float)
    return X, t, rng.normal(0.0, scale, size=d), float(rng.normal(0.0, scale))


def reference(X, t, w, b):
    """The correct (loss, dw, db) and what common mistakes give (for hints)."""
    n = X.shape[0]
    z = X @ w + b
    y = sigmoid(z)
    per = np.logaddexp(0.0, z) - t * z
    err = y - t
    right = (float(per.mean()), X.T @ err / n, float(err.mean()))
    wrong_loss = {
        "the loss is a mean over the examples, not a sum: use np.mean (or divide by N)": float(per.sum()),
        "the cross-entropy has two terms, -t log y - (1 - t) log(1 - y): the second one, for the examples "
        "with t = 0, is missing": float(np.mean(-t * np.log(y))),
        "the loss is minus the log-likelihood, -t log y - (1 - t) log(1 - y): your sign is flipped": -float(per.mean()),
    }
    wrong_grad = {
        "divide by N: the cost is a mean over the examples, so its gradient is the mean of the "
        "examples' gradients": (X.T @ err, float(err.sum())),
        "the error signal is y - t, not t - y: your gradient points uphill": (-X.T @ err / n, -float(err.mean())),
        "for the cross-entropy dL/dz = y - t: the factors y (1 - y) cancel, do not multiply by sigma'(z)":
            (X.T @ (err * y * (1 - y)) / n, float(np.mean(err * y * (1 - y)))),
        "y = sigma(X @ w + b) in the gradient too: the bias is missing from your error signal":
            (X.T @ (sigmoid(X @ w) - t) / n, float(np.mean(sigmoid(X @ w) - t))),
    }
    return right, wrong_loss, wrong_grad


def triple(out, what):
    mean = "is a mean over the examples: np.mean(...) gives one number."
    return expect_returns(out, ("loss", "dw", "db"), what, numbers={"loss": f"loss {mean}", "db": f"db {mean}"})


def loss_hint(got, X, t, w, b):
    (loss, _, _), wrong, _ = reference(X, t, w, b)
    return diagnose(got, loss, [(text, value) for text, value in wrong.items()],
                    "loss = mean over examples of -t log y - (1 - t) log(1 - y) = mean of log(1 + e^z) - t z.")


def grad_hint(got_dw, got_db, X, t, w, b, which):
    (_, dw, db), _, wrong = reference(X, t, w, b)
    k = 0 if which == "dw" else 1
    return diagnose((got_dw, got_db)[k], (dw, db)[k], [(text, pair[k]) for text, pair in wrong.items()],
                    "dw = X.T @ (y - t) / N, with y = sigma(X @ w + b)." if which == "dw"
                    else "db = mean(y - t): the bias's input is 1 for every example.")


@weight(1)
def test_returns_loss_dw_db(student, rng):
    """returns (loss a number, dw of shape (D,), db a number)"""
    X, t, w, b = draw(rng)
    what = f"bce_loss_grad for X of shape {X.shape}"
    _, dw, _ = triple(student.function(NAME)(X, t, w, b), what)
    expect_shape(dw, w.shape, what + ": dw", "dw has the shape of w, (D,): X.T @ (y - t) / N sums over the examples.")


@weight(3)
def test_loss(student, rng):
    """the mean cross-entropy on random batches"""
    f = student.function(NAME)
    for scale in (0.5, 2.0):
        X, t, w, b = draw(rng, scale=scale)
        loss, _, _ = triple(f(X, t, w, b), f"bce_loss_grad for X of shape {X.shape}")
        (expected, _, _), _, _ = reference(X, t, w, b)
        expect_close(loss, expected, f"bce_loss_grad for X of shape {X.shape}: loss", loss_hint(loss, X, t, w, b))


@weight(3)
def test_dw(student, rng):
    """dw = X.T @ (y - t) / N on random batches"""
    f = student.function(NAME)
    for scale in (0.5, 2.0):
        X, t, w, b = draw(rng, scale=scale)
        what = f"bce_loss_grad for X of shape {X.shape}: dw"
        _, dw, db = triple(f(X, t, w, b), what[:-4])
        (_, expected, _), _, _ = reference(X, t, w, b)
        dw = expect_shape(dw, w.shape, what, "dw has the shape of w, (D,): X.T @ (y - t) / N.")
        expect_close(dw, expected, what, grad_hint(dw, db, X, t, w, b, "dw"))


@weight(2)
def test_db(student, rng):
    """db = mean(y - t) on random batches"""
    f = student.function(NAME)
    X, t, w, b = draw(rng, scale=1.5)
    what = f"bce_loss_grad for X of shape {X.shape}"
    _, dw, db = triple(f(X, t, w, b), what)
    (_, _, expected), _, _ = reference(X, t, w, b)
    expect_close(db, expected, what + ": db", grad_hint(dw, db, X, t, w, b, "db"))


@weight(1)
def test_batch_of_one(student, rng):
    """a batch of one example"""
    X, t, w, b = draw(rng, n=1)
    what = f"bce_loss_grad for one example (t = {t[0]:g})"
    loss, dw, db = triple(student.function(NAME)(X, t, w, b), what)
    (e_loss, e_dw, e_db), _, _ = reference(X, t, w, b)
    expect_close(loss, e_loss, what + ": loss")
    expect_close(dw, e_dw, what + ": dw", "For one example dw = (y - t) x, of shape (D,).")
    expect_close(db, e_db, what + ": db")


@weight(1)
def test_zero_gradient(student, rng):
    """every input once with t = 0 and once with t = 1, at w = 0, b = 0: zero gradient, loss log 2"""
    X, _, w, _ = draw(rng, n=int(rng.integers(2, 8)))
    X = np.vstack([X, X])
    t = np.concatenate([np.zeros(len(X) // 2), np.ones(len(X) // 2)])
    what = ("bce_loss_grad at w = 0, b = 0 on data where every input appears once with t = 0 and once "
            "with t = 1 (the gradient is zero)")
    loss, dw, db = triple(student.function(NAME)(X, t, np.zeros_like(w), 0.0), what)
    expect_close(loss, np.log(2.0), what + ": loss", "At z = 0, y = 1/2 and each example's loss is log 2.")
    expect_close(dw, np.zeros_like(w), what + ": dw",
                 "The error signals y - t = +1/2 and -1/2 of each pair cancel in X.T @ (y - t) / N.")
    expect_close(db, 0.0, what + ": db", "The error signals y - t = +1/2 and -1/2 cancel in mean(y - t).")


@weight(1)
def test_confidently_wrong(student, rng):
    """|z| of 40 to 80 on the wrong side: an exact, finite loss"""
    n = int(rng.integers(4, 10))
    X, t, w, b = draw(rng, n=n)
    z = X @ w + b
    z = np.sign(z + (z == 0)) * rng.uniform(40.0, 80.0, size=n)
    X = np.column_stack([z, np.zeros((n, 1))])           # z = X @ (1, 0) + 0
    t = (z < 0).astype(float)                             # every example on the wrong side
    what = "bce_loss_grad when every example is confidently wrong (|z| between 40 and 80)"
    loss, dw, db = triple(student.function(NAME)(X, t, np.array([1.0, 0.0]), 0.0), what)
    (e_loss, e_dw, e_db), _, _ = reference(X, t, np.array([1.0, 0.0]), 0.0)
    expect_close(loss, e_loss, what + ": loss",
                 "sigma(40) rounds to exactly 1 in float64, and log(1 - 1) = -inf; clipping y gives a finite "
                 "but wrong value. Compute the loss from z: log(1 + e^z) - t z, with np.logaddexp(0, z).")
    expect_close(dw, e_dw, what + ": dw")
    expect_close(db, e_db, what + ": db")


STABLE = ("exp(z) overflows to inf for z > 709, so log(1 + exp(z)) and log1p(exp(z)) are inf there: "
          "use np.logaddexp(0, z), or max(z, 0) + log1p(exp(-|z|)).")


def check_triple(student, X, t, w, b, what):
    """The loss, dw and db of one call, each against the reference."""
    loss, dw, db = triple(student.function(NAME)(X, t, w, b), what)
    (e_loss, e_dw, e_db), _, _ = reference(X, t, w, b)
    expect_close(loss, e_loss, what + ": loss", loss_hint(loss, X, t, w, b) if np.isfinite(loss) else STABLE)
    expect_close(dw, e_dw, what + ": dw", grad_hint(dw, db, X, t, w, b, "dw"))
    expect_close(db, e_db, what + ": db", grad_hint(dw, db, X, t, w, b, "db"))


@weight(1)
def test_z_past_exp_overflow(student, rng):
    """|z| from 0 to 1e4, past exp overflow at 709, with random targets: an exact, finite loss"""
    z = wide_range(rng, (int(rng.integers(26, 34)),), limit=1e4)
    X = np.column_stack([z, rng.normal(size=z.shape)])       # z = X @ (1, 0) + 0
    t = rng.integers(0, 2, size=z.shape).astype(float)
    check_triple(student, X, t, np.array([1.0, 0.0]), 0.0, f"bce_loss_grad for {len(z)} examples with |z| up to 1e4")


@weight(1)
def test_integer_inputs(student, rng):
    """integer X and integer labels t give the same loss and gradient"""
    X, t, w, b = draw(rng)
    X, t = np.round(2.0 * X).astype(np.int64), t.astype(np.int64)
    check_triple(student, X, t, w, b, f"bce_loss_grad for integer X of shape {X.shape} and integer t")
