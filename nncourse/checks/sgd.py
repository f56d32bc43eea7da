r"""Self-checks for lesson 06, "Gradient descent and stochastic gradient descent".

::

    from nncourse.checks import sgd as check
    check.minibatch_indices(minibatch_indices)
    check.sgd_epoch(sgd_epoch)
    check.linear_decay(linear_decay)
    check.train_sgd(train_sgd, minibatch_indices)
"""

from __future__ import annotations

import numpy as np

from nncourse.checks import as_number, check_close, check_shape, check_tuple, fail, finish, passed

__all__ = ["minibatch_indices", "sgd_epoch", "linear_decay", "train_sgd"]


def _quiet(fn, *args, **kwargs):
    with np.errstate(all="ignore"):
        return fn(*args, **kwargs)


# --------------------------------------------------------------------------- exercise 1

def _batch_list(out, what):
    if not isinstance(out, (list, tuple)):
        fail(what, f"expected a list of index arrays, got {type(out).__name__}.",
             "Collect the batches in a list: batches.append(order[start:start + batch_size]).")
    arrays = []
    for k, idx in enumerate(out):
        arr = np.asarray(idx)
        if arr.ndim != 1:
            fail(what, f"batch {k} has shape {arr.shape}, expected a 1-D array of indices.")
        arrays.append(arr)
    return arrays


def minibatch_indices(fn) -> None:
    """Check ``minibatch_indices(n, batch_size, epochs, seed) -> list of index arrays``."""
    n, b = 10, 4
    what = "minibatch_indices(10, 4, 1, seed=0)"
    batches = _batch_list(_quiet(fn, n, b, 1, 0), what)
    sizes = [len(x) for x in batches]
    if sizes != [4, 4, 2]:
        hint = "With N = 10 and b = 4 an epoch has ceil(10 / 4) = 3 batches of sizes 4, 4, 2."
        if sizes == [4, 4]:
            hint = "The last, smaller batch is missing: loop `for start in range(0, n, batch_size)` and keep it."
        fail(what, f"expected batch sizes [4, 4, 2], got {sizes}.", hint)
    passed("one epoch of N = 10, b = 4 gives batches of sizes 4, 4, 2")
    allidx = np.sort(np.concatenate(batches))
    if not np.array_equal(allidx, np.arange(n)):
        fail(what, f"the batches together hold {allidx.tolist()}, expected every index 0..9 exactly once.",
             "Cut one permutation rng.permutation(n) into pieces; do not draw indices with replacement.")
    if np.array_equal(np.concatenate(batches), np.arange(n)):
        fail(what, "the indices come in the order 0, 1, ..., 9: they are not shuffled.",
             "Shuffle with rng = np.random.default_rng(seed) and rng.permutation(n).")
    passed("the batches cover each index once, in shuffled order")

    what = "minibatch_indices(10, 4, 3, seed=0)"
    batches = _batch_list(_quiet(fn, n, b, 3, 0), what)
    if len(batches) != 9:
        fail(what, f"expected 3 epochs x 3 batches = 9 arrays, got {len(batches)}.",
             "Loop `for _ in range(epochs)` and append the batches of every epoch to one list.")
    epochs = [np.concatenate(batches[3 * e:3 * e + 3]) for e in range(3)]
    for e, order in enumerate(epochs):
        if not np.array_equal(np.sort(order), np.arange(n)):
            fail(what, f"epoch {e} does not cover each index exactly once.")
    if all(np.array_equal(epochs[0], o) for o in epochs[1:]):
        fail(what, "all three epochs have the same order.",
             "Draw a new permutation at the start of every epoch, from one generator made once before the loop.")
    passed("three epochs: 9 batches, reshuffled each epoch")

    again = _batch_list(_quiet(fn, n, b, 3, 0), what)
    if len(again) != 9 or not all(np.array_equal(x, z) for x, z in zip(batches, again)):
        fail(what, "two calls with the same seed gave different batches.",
             "Use rng = np.random.default_rng(seed), not the global np.random functions.")
    passed("the same seed gives the same batches")
    finish()


# --------------------------------------------------------------------------- exercise 2

def softmax_regression_grads(W, b, X, y):
    """The mean cross-entropy of softmax regression and its gradients (the reference of the exercise's checks).

    W (D, C), b (C,), X (N, D), integer labels y (N,) -> (loss, dW (D, C), db (C,)).  Shared with the
    hidden suites; like every self-check, it raises while a submission is graded.
    """
    Z = X @ W + b
    Z = Z - Z.max(axis=1, keepdims=True)
    log_p = Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))
    rows = np.arange(X.shape[0])
    dZ = np.exp(log_p)
    dZ[rows, y] -= 1.0
    dZ /= X.shape[0]
    return float(-np.mean(log_p[rows, y])), X.T @ dZ, dZ.sum(axis=0)


def softmax_regression_loss(W, b, X, y):
    """The mean cross-entropy of softmax regression (see :func:`softmax_regression_grads`)."""
    return softmax_regression_grads(W, b, X, y)[0]


def sgd_epoch_reference(W, b, X, y, lr, batches):
    """One epoch of SGD on softmax regression: a step of ``lr`` per batch of indices, in order -> (W, b)."""
    for idx in batches:
        _, dW, db = softmax_regression_grads(W, b, X[idx], y[idx])
        W, b = W - lr * dW, b - lr * db
    return W, b


def _problem(rng, n=7, d=3, c=4):
    return (rng.normal(size=(d, c)), rng.normal(size=c) * 0.1, rng.normal(size=(n, d)),
            rng.integers(0, c, size=n))


def sgd_epoch(fn) -> None:
    """Check ``sgd_epoch(W, b, X, y, lr, batches) -> (W, b)``."""
    rng = np.random.default_rng(0)
    W, b, X, y = _problem(rng)
    W0, b0 = W.copy(), b.copy()
    full = [np.arange(7)]
    what = "sgd_epoch with one batch holding all 7 examples"
    Wn, bn = check_tuple(_quiet(fn, W, b, X, y, 0.5, full), ("W", "b"), what)
    _, dW, db = softmax_regression_grads(W0, b0, X, y)
    check_close(Wn, W0 - 0.5 * dW, what + ": W", "One batch of everything is one gradient-descent step: W - lr * dW.")
    check_close(bn, b0 - 0.5 * db, what + ": b", "b - lr * db.")
    passed("a single batch of all examples is one step of gradient descent")

    batches = [np.array([4, 1, 6]), np.array([0, 5, 2]), np.array([3])]
    what = "sgd_epoch with batches [4, 1, 6], [0, 5, 2], [3]"
    Wn, bn = check_tuple(_quiet(fn, W, b, X, y, 0.5, batches), ("W", "b"), what)
    eW, eb = sgd_epoch_reference(W0, b0, X, y, 0.5, batches)
    hint = ("Take one step per batch, in the given order, each time computing the gradient at the current "
            "parameters on X[idx], y[idx].")
    check_close(Wn, eW, what + ": W", hint)
    check_close(bn, eb, what + ": b", hint)
    passed("three batches: one step per batch, in order, including the last batch of one example")

    if not (np.array_equal(W, W0) and np.array_equal(b, b0)):
        fail("sgd_epoch", "the W or b passed in was changed by the call.",
             "`W -= lr * dW` overwrites the caller's array; write `W = W - lr * dW`.")
    passed("the arrays passed in are left unchanged")
    finish()


# --------------------------------------------------------------------------- exercise 3

def decayed_rate(step, lr0, lr_min, n):
    """lr0 moved linearly to lr_min over n steps, then lr_min (the reference of the exercise's checks)."""
    frac = min(step / n, 1.0)
    return (1.0 - frac) * lr0 + frac * lr_min


def linear_decay(fn) -> None:
    """Check ``linear_decay(step, lr0, lr_min, n_steps) -> float``."""
    lr0, lr_min, n = 1.0, 0.1, 10
    got = as_number(_quiet(fn, 0, lr0, lr_min, n), "linear_decay(0, 1.0, 0.1, 10)")
    check_close(got, 1.0, "linear_decay(0, 1.0, 0.1, 10)", "At step 0 the rate is lr0.")
    passed("step 0 gives lr0")
    got = as_number(_quiet(fn, 5, lr0, lr_min, n), "linear_decay(5, 1.0, 0.1, 10)")
    check_close(got, 0.55, "linear_decay(5, 1.0, 0.1, 10)",
                "Half way the rate is half way between lr0 and lr_min: (1 - k/tau) lr0 + (k/tau) lr_min.")
    passed("half way it is half way between lr0 and lr_min")
    got = as_number(_quiet(fn, 10, lr0, lr_min, n), "linear_decay(10, 1.0, 0.1, 10)")
    check_close(got, 0.1, "linear_decay(10, 1.0, 0.1, 10)", "At step n_steps the rate reaches lr_min exactly.")
    for k in (11, 20, 100):
        got = as_number(_quiet(fn, k, lr0, lr_min, n), f"linear_decay({k}, 1.0, 0.1, 10)")
        check_close(got, 0.1, f"linear_decay({k}, 1.0, 0.1, 10)",
                    "After n_steps the rate stays at the floor lr_min: use min(k / n_steps, 1).")
    passed("it reaches lr_min at step n_steps and stays there")
    finish()


# --------------------------------------------------------------------------- exercise 4

def train_sgd(fn, minibatch_indices) -> None:
    """Check ``train_sgd(X, y, X_val, y_val, W, b, *, batch_size, epochs, lr0, lr_min, decay_epochs, seed)``."""
    rng = np.random.default_rng(1)
    W, b, X, y = _problem(rng, n=9, d=3, c=3)
    X_val, y_val = rng.normal(size=(6, 3)), rng.integers(0, 3, size=6)
    W0, b0 = W.copy(), b.copy()
    kw = dict(batch_size=4, epochs=4, lr0=1.0, lr_min=0.2, decay_epochs=2, seed=3)
    what = "train_sgd(N=9, batch_size=4, epochs=4, lr0=1.0, lr_min=0.2, decay_epochs=2)"
    hist = _quiet(fn, X, y, X_val, y_val, W, b, **kw)
    if not isinstance(hist, dict):
        fail(what, f"expected a dict, got {type(hist).__name__}.", "Return the history dict.")
    keys = ("train_loss", "val_loss", "lr", "W", "b", "best_epoch", "best_W", "best_b")
    missing = [k for k in keys if k not in hist]
    if missing:
        fail(what, f"the history has no keys {missing}.", f"Return a dict with the keys {list(keys)}.")
    for k in ("train_loss", "val_loss", "lr"):
        check_shape(hist[k], (4,), f"{what}: history[{k!r}]", "One entry per epoch: append once after each epoch.")
    passed("the history has one entry per epoch")
    check_close(hist["lr"], [1.0, 0.6, 0.2, 0.2], f"{what}: history['lr']",
                "Epoch e uses linear_decay(e, lr0, lr_min, decay_epochs), starting from e = 0.")
    passed("learning rates 1.0, 0.6, 0.2, 0.2")

    batches = minibatch_indices(9, 4, 4, 3)
    Wc, bc = W0.copy(), b0.copy()
    tl, vl, snaps = [], [], []
    for e, lr in enumerate([1.0, 0.6, 0.2, 0.2]):
        Wc, bc = sgd_epoch_reference(Wc, bc, X, y, lr, batches[3 * e:3 * e + 3])
        tl.append(softmax_regression_loss(Wc, bc, X, y))
        vl.append(softmax_regression_loss(Wc, bc, X_val, y_val))
        snaps.append((Wc, bc))
    hint = ("Use the batches of minibatch_indices(len(X), batch_size, epochs, seed), ceil(N / b) per epoch, "
            "and measure the losses after each epoch's updates.")
    check_close(hist["train_loss"], tl, f"{what}: history['train_loss']", hint)
    check_close(hist["val_loss"], vl, f"{what}: history['val_loss']", hint)
    check_close(hist["W"], Wc, f"{what}: history['W']", hint)
    check_close(hist["b"], bc, f"{what}: history['b']", hint)
    passed("losses after each epoch and the final parameters match")
    best = int(np.argmin(vl))
    if as_number(hist["best_epoch"], f"{what}: history['best_epoch']") != best:
        fail(f"{what}: history['best_epoch']", f"expected {best}, got {hist['best_epoch']}.",
             "The best epoch is the one with the lowest validation loss (0-based).")
    check_close(hist["best_W"], snaps[best][0], f"{what}: history['best_W']",
                "Store copies (W.copy()) of the parameters when the validation loss is the lowest so far.")
    check_close(hist["best_b"], snaps[best][1], f"{what}: history['best_b']")
    passed("the best epoch and its parameters")
    if not (np.array_equal(W, W0) and np.array_equal(b, b0)):
        fail("train_sgd", "the W or b passed in was changed by the call.",
             "Never update the caller's arrays in place: W = W - lr * dW creates a new array.")
    passed("the arrays passed in are left unchanged")
    finish()
