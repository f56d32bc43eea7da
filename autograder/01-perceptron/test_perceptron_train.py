"""Hidden tests for Exercise 2, ``perceptron_train(X, t, max_epochs=100) -> (w, b, mistakes)``.

Start from w = 0, b = 0; each epoch visits the examples in order, predicts
y = phi(w.x + b) with phi(0) = 1, and after a mistake does w += (t - y) x,
b += (t - y); ``mistakes`` lists the mistakes of each epoch; stop after the
first epoch without mistakes or after ``max_epochs`` epochs.
"""

import numpy as np

from nncourse.grading.testing import diagnose, expect, expect_close, expect_dtype, expect_returns, fail, weight

NAME = "perceptron_train"
ONE_BIAS = "The bias is one number: return float(b)."


def run(X, t, max_epochs=100, strict=False, bias=True, sign=1.0, online=True, cumulative=False,
        final_zero=True):
    """The perceptron rule; the keyword arguments switch on common mistakes (for hints)."""
    w, b = np.zeros(X.shape[1]), 0.0
    mistakes, total = [], 0
    for _ in range(max_epochs):
        count = 0
        if online:
            for x_n, t_n in zip(X, t):
                z = x_n @ w + b
                y = 1.0 if (z > 0 if strict else z >= 0) else 0.0
                if y != t_n:
                    w = w + sign * (t_n - y) * x_n
                    b = b + (sign * (t_n - y) if bias else 0.0)
                    count += 1
        else:
            z = X @ w + b
            y = (z > 0 if strict else z >= 0).astype(float)
            count = int((y != t).sum())
            w = w + sign * X.T @ (t - y)
            b = b + (sign * float(np.sum(t - y)) if bias else 0.0)
        total += count
        if count == 0 and not final_zero:
            break
        mistakes.append(total if cumulative else count)
        if count == 0:
            break
    return w, float(b), mistakes


WRONG = {
    "phi(0) = 1: predict 1 when z >= 0, not only when z > 0 (with w = 0 and b = 0 the first prediction is 1)":
        dict(strict=True),
    "after a mistake the bias changes too: b += (t - y), as if it were a weight whose input is always 1":
        dict(bias=False),
    "the update is w += (t - y) x: your weights move the wrong way (t - y, not y - t)": dict(sign=-1.0),
    "the perceptron rule is online: predict and update after each example, with the weights as they are now, "
    "not once per epoch from the predictions of the whole batch": dict(online=False),
    "mistakes[k] is the number of mistakes in epoch k alone: reset the counter at the start of every epoch":
        dict(cumulative=True),
    "the epoch without mistakes is an epoch too: append its 0 before you stop": dict(final_zero=False),
}


def separable(rng, n=None, d=None):
    """Linearly separable data with a margin, by rejecting points close to a random hyperplane."""
    n = int(rng.integers(8, 25)) if n is None else n
    d = int(rng.integers(2, 6)) if d is None else d
    w_true, b_true = rng.normal(size=d), float(rng.normal(0.0, 0.5))
    X = np.empty((0, d))
    while len(X) < n:
        cand = rng.normal(0.0, 1.5, size=(4 * n, d))
        margin = (cand @ w_true + b_true) / np.linalg.norm(w_true)
        X = np.vstack([X, cand[np.abs(margin) > 0.3]])
    X = X[:n]
    t = (X @ w_true + b_true >= 0).astype(float)
    if t.min() == t.max():                      # make sure both classes occur
        t[0] = 1.0 - t[0]
        X[0] = X[0] - 2 * ((X[0] @ w_true + b_true) / (w_true @ w_true)) * w_true
    return X, t


def not_separable(rng):
    """XOR-like data: the four corners of a square, jittered copies with XOR labels."""
    k = int(rng.integers(2, 5))
    corners = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    X = np.repeat(corners, k, axis=0) + rng.normal(0.0, 0.1, size=(4 * k, 2))
    t = np.repeat([0.0, 1.0, 1.0, 0.0], k)
    perm = rng.permutation(len(t))
    return X[perm], t[perm]


def unpack(out, what):
    w, b, mistakes = expect_returns(out, ("w", "b", "mistakes"), what, numbers={"b": ONE_BIAS})
    expect(isinstance(mistakes, (list, tuple)) or (np.ndim(mistakes) == 1),
           f"{what}: mistakes is a {type(mistakes).__name__}, expected a list with one count per epoch.",
           "Append the number of mistakes of each epoch to a list and return the list.")
    try:
        mistakes = [float(m) for m in mistakes]
    except (TypeError, ValueError):
        fail(f"{what}: mistakes should hold one number per epoch.",
             "Append the number of mistakes of each epoch (an int) to a list.")
    return w, b, mistakes


def shown(m):
    """A list of mistake counts, shortened when long."""
    return str([int(v) for v in m]) if len(m) <= 12 else f"{len(m)} epochs ending {[int(v) for v in m[-3:]]}"


def run_hint(got, expected, X, t, max_epochs):
    """A hint naming a mistake of WRONG only when ``got`` is what that mistake returns on X, t."""
    m_exp, mistakes = expected[2], got[2]
    hint = diagnose(got, expected, [
        (text, lambda options=options: run(X, t, max_epochs=max_epochs, **options)) for text, options in WRONG.items()])
    if hint is None and len(mistakes) > len(m_exp) and mistakes[-len(m_exp):] == [float(m) for m in m_exp]:
        hint = ("your list starts with the counts of an earlier call: create `mistakes = []` inside the function "
                "(a default argument `mistakes=[]` or a global list is shared by every call).")
    if hint is None and mistakes[:len(m_exp)] == [float(m) for m in m_exp]:
        if len(mistakes) > len(m_exp) and m_exp[-1] == 0:
            hint = "stop after the first epoch without mistakes: the weights cannot change any more."
        elif len(mistakes) > len(m_exp):
            hint = "run at most max_epochs epochs: on data that are not separable the loop must stop at the cap."
    if hint is None and len(mistakes) < len(m_exp) and [float(m) for m in m_exp[:len(mistakes)]] == mistakes:
        hint = "run until an epoch has no mistakes or max_epochs epochs have run, not fewer."
    return hint or ("start from w = 0, b = 0; visit the examples in order; predict with phi(0) = 1; after a "
                    "mistake w += (t - y) x and b += (t - y); count the mistakes of each epoch.")


def check_run(f, X, t, what, **kwargs):
    expected = run(X, t, **kwargs)
    w, b, mistakes = unpack(f(X, t, **kwargs), what)
    w_exp, b_exp, m_exp = expected
    hint = run_hint((w, b, mistakes), expected, X, t, kwargs.get("max_epochs", 100))
    if [float(m) for m in m_exp] != mistakes:
        fail(f"{what}: mistakes per epoch: expected {shown(m_exp)}, got {shown(mistakes)}.", hint)
    expect_close(w, w_exp, f"{what}: w", hint)
    expect_close(b, b_exp, f"{what}: b", hint)


def check_b_is_float(out, what):
    expect(isinstance(out, (tuple, list)) and len(out) == 3, f"{what}: expected a triple (w, b, mistakes).",
           "End the function with `return w, b, mistakes`.")
    expect_dtype(out[1], "float", f"{what}: b", "The statement asks for b as a float: start from b = 0.0, "
                 "or return float(b).")


@weight(1)
def test_returns_w_b_mistakes(student, rng):
    """returns (w of shape (D,), b a number, mistakes a list)"""
    X, t = separable(rng)
    out = student.function(NAME)(X, t, max_epochs=100)
    w, b, mistakes = unpack(out, f"perceptron_train on {X.shape}")
    expect(np.shape(w) == (X.shape[1],), f"perceptron_train on X of shape {X.shape}: w has shape "
           f"{np.shape(w)}, expected ({X.shape[1]},).", "One weight per input feature: w = np.zeros(D) to start.")
    expect(len(mistakes) >= 1, f"perceptron_train on X of shape {X.shape}: mistakes is empty.",
           "Append one count per epoch, including the last one.")
    check_b_is_float(out, f"perceptron_train on X of shape {X.shape}")


@weight(3)
def test_separable_data_converges(student, rng):
    """linearly separable data: the same w, b and mistakes per epoch as the rule, ending with 0"""
    f = student.function(NAME)
    for _ in range(2):
        X, t = separable(rng)
        check_run(f, X, t, f"perceptron_train on separable data, X of shape {X.shape}", max_epochs=500)


@weight(2)
def test_cap_on_data_that_are_not_separable(student, rng):
    """XOR-like data: stops after max_epochs epochs"""
    X, t = not_separable(rng)
    cap = int(rng.integers(3, 15))
    check_run(student.function(NAME), X, t, f"perceptron_train on XOR-like data ({len(t)} examples), "
              f"max_epochs={cap}", max_epochs=cap)


@weight(1)
def test_default_cap_is_100(student, rng):
    """without max_epochs, at most 100 epochs"""
    X, t = not_separable(rng)
    what = f"perceptron_train(X, t) on XOR-like data ({len(t)} examples) without max_epochs"
    _, _, mistakes = unpack(student.function(NAME)(X, t), what)
    expect(len(mistakes) == 100, f"{what}: ran {len(mistakes)} epochs, expected 100.",
           "Keep the signature perceptron_train(X, t, max_epochs=100) and run at most max_epochs epochs.")


@weight(1)
def test_single_example(student, rng):
    """a single example of either class"""
    f = student.function(NAME)
    for target in (0.0, 1.0):
        X = rng.normal(size=(1, int(rng.integers(2, 5))))
        check_run(f, X, np.array([target]), f"perceptron_train on one example with t = {target:g}",
                  max_epochs=10)


@weight(1)
def test_large_inputs(student, rng):
    """inputs of size about 1000 (the rule has no learning rate to scale)"""
    X, t = separable(rng, d=2)
    check_run(student.function(NAME), X * 1000.0, t, "perceptron_train on separable data scaled by 1000",
              max_epochs=500)


@weight(1)
def test_integer_inputs(student, rng):
    """integer arrays X (with float or integer targets t): the same run, and b still a float"""
    f = student.function(NAME)
    X, t = separable(rng, d=int(rng.integers(2, 4)))
    X = np.round(2.0 * X).astype(np.int64)
    for targets in (t, t.astype(np.int64)):
        what = f"perceptron_train on integer X of shape {X.shape} and {targets.dtype} targets"
        check_run(f, X, targets, what, max_epochs=30)
        check_b_is_float(f(X, targets, max_epochs=30), what)
