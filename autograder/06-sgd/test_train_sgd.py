"""Hidden tests for Exercise 4, ``train_sgd(X, y, X_val, y_val, W, b, *, batch_size, epochs, lr0, lr_min,
decay_epochs, seed) -> history``.

The expected history is computed here with the batches of the student's own ``minibatch_indices`` (so a
mistake there is not counted twice) and a reference SGD epoch and learning-rate decay.
"""

import numpy as np

from nncourse.checks.sgd import decayed_rate, sgd_epoch_reference, softmax_regression_loss
from nncourse.grading.remote import StudentProblem
from nncourse.grading.testing import diagnose, expect, expect_close, expect_shape, fail, weight

NAME = "train_sgd"
LISTS = ("train_loss", "val_loss", "lr")
KEYS = LISTS + ("W", "b", "best_epoch", "best_W", "best_b")


def reference(batches, X, y, Xv, yv, W, b, *, batch_size, epochs, lr0, lr_min, decay_epochs, seed):
    k = -(-len(X) // batch_size)
    h = {"train_loss": [], "val_loss": [], "lr": [], "snapshots": [], "before": []}
    for e in range(epochs):
        h["before"].append(softmax_regression_loss(W, b, X, y))
        lr = decayed_rate(e, lr0, lr_min, decay_epochs)
        W, b = sgd_epoch_reference(W, b, X, y, lr, batches[e * k:(e + 1) * k])
        h["lr"].append(lr)
        h["train_loss"].append(softmax_regression_loss(W, b, X, y))
        h["val_loss"].append(softmax_regression_loss(W, b, Xv, yv))
        h["snapshots"].append((W, b))
    h["W"], h["b"] = W, b
    h["best_epoch"] = int(np.argmin(h["val_loss"]))
    h["best_W"], h["best_b"] = h["snapshots"][h["best_epoch"]]
    return h


def draw(rng, best_before_end=False):
    """A small problem; with best_before_end the lowest validation loss is after neither the first nor last epoch."""
    for _ in range(200):
        n = int(rng.integers(12, 25))
        d, c = int(rng.integers(2, 5)), int(rng.integers(3, 5))
        X = rng.normal(size=(n, d))
        y = rng.integers(0, c, size=n)
        if best_before_end:          # validation labels unrelated to the inputs: fitting the training set hurts
            Xv, yv = rng.normal(size=(8, d)), rng.integers(0, c, size=8)
        else:
            Xv, yv = X[:8] + 0.05 * rng.normal(size=(8, d)), y[:8]
        W, b = 0.1 * rng.normal(size=(d, c)), np.zeros(c)
        bs = int(rng.integers(3, 6))
        if n % bs == 0:
            n -= 1
            X, y = X[:n], y[:n]
        kw = dict(batch_size=bs, epochs=int(rng.integers(4, 7)), lr0=float(rng.uniform(0.8, 1.5)),
                  lr_min=float(rng.uniform(0.05, 0.2)), decay_epochs=int(rng.integers(2, 4)),
                  seed=int(rng.integers(0, 10_000)))
        if not best_before_end:
            return X, y, Xv, yv, W, b, kw
        # check on the grader's own batches that the best epoch is not the last one
        order_rng = np.random.default_rng(kw["seed"])
        batches = [p[s:s + bs] for p in (order_rng.permutation(n) for _ in range(kw["epochs"]))
                   for s in range(0, n, bs)]
        if 0 < reference(batches, X, y, Xv, yv, W, b, **kw)["best_epoch"] < kw["epochs"] - 2:
            return X, y, Xv, yv, W, b, kw
    raise RuntimeError("draw: no suitable problem")


def student_batches(student, n, kw):
    try:
        out = student.function("minibatch_indices")(n, kw["batch_size"], kw["epochs"], kw["seed"])
        return [np.asarray(x, dtype=np.int64) for x in out]
    except (StudentProblem, TypeError, ValueError) as exc:
        fail(f"train_sgd gets its batches from your minibatch_indices, which does not work yet: {exc}\n"
             "  Hint: finish Exercise 1 first.")


def run(student, X, y, Xv, yv, W, b, kw):
    what = (f"train_sgd(N={len(X)}, batch_size={kw['batch_size']}, epochs={kw['epochs']}, lr0={kw['lr0']:.3g}, "
            f"lr_min={kw['lr_min']:.3g}, decay_epochs={kw['decay_epochs']})")
    hist = student.function(NAME)(X, y, Xv, yv, W, b, **kw)
    expect(isinstance(hist, dict), f"{what}: expected a dict, got {type(hist).__name__}.",
           "Return the history dict.")
    missing = [k for k in KEYS if k not in hist]
    expect(not missing, f"{what}: the history has no keys {missing}.", f"Return a dict with the keys {list(KEYS)}.")
    exp = reference(student_batches(student, len(X), kw), X, y, Xv, yv, W, b, **kw)
    return hist, exp, what


@weight(1)
def test_one_entry_per_epoch(student, rng):
    """train_loss, val_loss and lr have one entry per epoch"""
    X, y, Xv, yv, W, b, kw = draw(rng)
    hist, exp, what = run(student, X, y, Xv, yv, W, b, kw)
    for key in LISTS:
        got = np.asarray(hist[key], dtype=float) if isinstance(hist[key], (list, tuple, np.ndarray)) else None
        n = None if got is None else got.size
        hint = "Append once per epoch, after its updates; `for epoch in range(epochs)` runs exactly `epochs` times."
        expect(n == kw["epochs"], f"{what}: history[{key!r}] should have {kw['epochs']} entries, got {n}.", hint)


@weight(1)
def test_learning_rates(student, rng):
    """epoch e uses linear_decay(e, lr0, lr_min, decay_epochs), from e = 0"""
    X, y, Xv, yv, W, b, kw = draw(rng)
    hist, exp, what = run(student, X, y, Xv, yv, W, b, kw)
    got = expect_shape(hist["lr"], (kw["epochs"],), f"{what}: history['lr']")
    steps = range(kw["epochs"])
    hint = diagnose(got, exp["lr"], [
        ("Your rates start one step late: the first epoch is step 0 and uses lr0.",
         [decayed_rate(e + 1, kw["lr0"], kw["lr_min"], kw["decay_epochs"]) for e in steps]),
        ("Decay over decay_epochs, not over all epochs.",
         [decayed_rate(e, kw["lr0"], kw["lr_min"], kw["epochs"]) for e in steps]),
    ], "Epoch e (0-based) uses linear_decay(e, lr0, lr_min, decay_epochs); the first epoch uses lr0.")
    expect_close(got, exp["lr"], f"{what}: history['lr']", hint)


@weight(2)
def test_losses(student, rng):
    """training and validation losses, measured after each epoch"""
    X, y, Xv, yv, W, b, kw = draw(rng)
    hist, exp, what = run(student, X, y, Xv, yv, W, b, kw)
    got = expect_shape(hist["train_loss"], (kw["epochs"],), f"{what}: history['train_loss']")
    hint = diagnose(got, exp["train_loss"], [
        ("You recorded the loss before the epoch's updates: measure it after them.", exp["before"])],
        "Each epoch uses its own ceil(N / b) batches from minibatch_indices(len(X), batch_size, epochs, seed) and the "
        "loss is softmax_regression_loss on the whole training set after the epoch.", rtol=1e-5)
    expect_close(got, exp["train_loss"], f"{what}: history['train_loss']", hint, rtol=1e-5)
    expect_close(hist["val_loss"], exp["val_loss"], f"{what}: history['val_loss']",
                 "The validation loss is softmax_regression_loss(W, b, X_val, y_val) after each epoch.", rtol=1e-5)


@weight(2)
def test_final_parameters(student, rng):
    """the final W and b"""
    X, y, Xv, yv, W, b, kw = draw(rng)
    hist, exp, what = run(student, X, y, Xv, yv, W, b, kw)
    hint = ("Run sgd_epoch once per epoch with that epoch's batches and learning rate, starting from the W and b "
            "passed in, and return the parameters after the last epoch.")
    expect_close(hist["W"], exp["W"], f"{what}: history['W']", hint, rtol=1e-5)
    expect_close(hist["b"], exp["b"], f"{what}: history['b']", hint, rtol=1e-5)


def best_hint(hist, exp, kw, X, y):
    """A hint naming the mistake whose best_epoch / best_W equal the student's, else the rule."""
    last = len(exp["val_loss"]) - 1 - int(np.argmin(exp["val_loss"][::-1]))
    by_train = int(np.argmin(exp["train_loss"]))
    got = (hist["best_epoch"], hist["best_W"])
    return diagnose(got, (exp["best_epoch"], exp["best_W"]), [
        ("best_W equals the final W: you stored a reference to an array that later updates changed in place "
         "(W -= ...). Store a copy, best_W = W.copy(), or create new arrays with W = W - lr * dW.",
         (exp["best_epoch"], exp["W"])),
        ("You chose the epoch by the training loss: the best epoch is the one with the lowest validation loss.",
         (by_train, exp["snapshots"][by_train][0])),
        ("On a tie the first epoch with the lowest validation loss stays the best: update only when the loss is "
         "strictly lower (<, not <=).", (last, exp["snapshots"][last][0])),
    ], "Compare validation losses after each epoch, keep the first epoch with the lowest one (strictly lower "
       "replaces it), count epochs from 0, and store W.copy() and b.copy() then.", rtol=1e-5)


def check_best(hist, exp, what, hint):
    be = hist["best_epoch"]
    expect(isinstance(be, (int, float)) and be == exp["best_epoch"],
           f"{what}: history['best_epoch'] should be {exp['best_epoch']} (the epoch with the lowest validation "
           f"loss, 0-based), got {be!r}.", hint)
    got = expect_shape(hist["best_W"], exp["W"].shape, f"{what}: history['best_W']")
    expect_close(got, exp["best_W"], f"{what}: history['best_W'] (epoch {exp['best_epoch']})", hint, rtol=1e-5)
    expect_close(hist["best_b"], exp["best_b"], f"{what}: history['best_b'] (epoch {exp['best_epoch']})", hint,
                 rtol=1e-5)


@weight(2)
def test_best_parameters(student, rng):
    """best_epoch and copies of the parameters of that epoch"""
    X, y, Xv, yv, W, b, kw = draw(rng, best_before_end=True)
    hist, exp, what = run(student, X, y, Xv, yv, W, b, kw)
    check_best(hist, exp, what, best_hint(hist, exp, kw, X, y))


@weight(1)
def test_ties_keep_the_first_epoch(student, rng):
    """with lr0 = lr_min = 0 every epoch has the same validation loss: the best epoch is the first, 0"""
    X, y, Xv, yv, W, b, kw = draw(rng)
    kw.update(lr0=0.0, lr_min=0.0)
    hist, exp, what = run(student, X, y, Xv, yv, W, b, kw)
    check_best(hist, exp, what + " (all validation losses equal)", best_hint(hist, exp, kw, X, y))


@weight(1)
def test_full_batch(student, rng):
    """batch_size >= N: one gradient-descent step per epoch"""
    X, y, Xv, yv, W, b, kw = draw(rng)
    kw["batch_size"] = len(X) + 3
    hist, exp, what = run(student, X, y, Xv, yv, W, b, kw)
    expect_close(hist["W"], exp["W"], f"{what}: history['W'] (one batch per epoch)",
                 "With batch_size >= N there is one batch per epoch: ceil(N / b) = 1.", rtol=1e-5)
