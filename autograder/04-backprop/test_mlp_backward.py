"""Hidden tests for Exercise 4, ``mlp_backward(x, t, params) -> (loss, grads)``.

h = relu(x W1 + b1), logits = h W2 + b2, loss = mean over the N examples of
-log softmax(logits)[t]; grads = {"W1", "b1", "W2", "b2"}.
"""

import numpy as np

from nncourse.grading import testing
from nncourse.grading.testing import diagnose, expect, expect_close, expect_returns, expect_shape, fail, weight

NAME = "mlp_backward"
KEYS = ("W1", "b1", "W2", "b2")
STABLE = ("exp() of a logit near 1000 overflows: subtract each row's maximum before exponentiating, and take "
          "the loss from log-probabilities (z - max - log(sum(exp(z - max)))) rather than log(softmax).")


def draw(rng, n=None):
    n = int(rng.integers(3, 12)) if n is None else n
    d = int(rng.integers(2, 5))
    h = d + int(rng.integers(2, 6))
    c = int(rng.integers(3, 6))
    if c == h:
        h += 1
    params = {
        "W1": rng.normal(size=(d, h)),
        "b1": rng.normal(0.0, 0.5, size=h),
        "W2": rng.normal(size=(h, c)),
        "b2": rng.normal(0.0, 0.5, size=c),
    }
    x = rng.normal(size=(n, d))
    t = rng.integers(0, c, size=n)
    return x, t, params


def large_logits_case(rng):
    """A batch whose logits spread over 1500 in one row, where the label is the smallest logit.

    Exponentiating such logits overflows (or the label's probability underflows
    to 0), so only a stable implementation returns finite values.
    """
    while True:
        x, t, params = draw(rng)
        z = np.maximum(0.0, x @ params["W1"] + params["b1"]) @ params["W2"]
        spread = z.max(axis=1) - z.min(axis=1)
        k = int(spread.argmax())
        if spread[k] > 1e-3:
            break
    params["W2"] = params["W2"] * (1500.0 / spread[k])
    t = t.copy()
    t[k] = int(z[k].argmin())
    return x, t, params


def reference(x, t, p):
    """Loss and gradients, plus the gradients that common mistakes produce (for hints)."""
    n = x.shape[0]
    rows = np.arange(n)
    z1 = x @ p["W1"] + p["b1"]
    h = np.maximum(0.0, z1)
    z2 = h @ p["W2"] + p["b2"]
    shifted = z2 - z2.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -np.mean(log_p[rows, t])
    probs = np.exp(log_p)
    onehot = np.zeros_like(probs)
    onehot[rows, t] = 1.0

    def backprop(z2_bar, mask=True):
        h_bar = z2_bar @ p["W2"].T
        z1_bar = h_bar * (z1 > 0) if mask else h_bar
        return {"W1": x.T @ z1_bar, "b1": z1_bar.sum(axis=0), "W2": h.T @ z2_bar, "b2": z2_bar.sum(axis=0)}

    grads = backprop((probs - onehot) / n)

    def backprop_mask(mask):
        z2_bar = (probs - onehot) / n
        z1_bar = (z2_bar @ p["W2"].T) * mask
        return {"W1": x.T @ z1_bar, "b1": z1_bar.sum(axis=0), "W2": h.T @ z2_bar, "b2": z2_bar.sum(axis=0)}

    wrong = {
        "the ReLU's derivative at exactly 0 is 0 here: the mask is (z1 > 0), not (z1 >= 0).":
            backprop_mask(z1 >= 0),
        "the loss is a mean over the N examples: divide the error signal of the logits by N.":
            backprop(probs - onehot),
        "the cross-entropy averages over the N examples only, not over N * C entries.":
            backprop((probs - onehot) / (n * probs.shape[1])),
        "the error signal of h must pass through the ReLU: multiply it by (z1 > 0), the mask of the "
        "pre-activation, not by h itself.": backprop_mask(h),
        "the error signal of h must pass through the ReLU: multiply it by (z1 > 0).":
            backprop((probs - onehot) / n, mask=False),
        "the error signal of the logits is (softmax - onehot) / N; subtract 1 only at [n, t_n] for each "
        "row n (p[np.arange(N), t] -= 1), not in whole columns (p[:, t] -= 1).":
            backprop(_whole_columns(probs, t) / n),
    }
    return float(loss), grads, wrong


def _whole_columns(probs, t):
    q = probs.copy()
    q[:, t] -= 1.0
    return q


def unpack(out, what):
    loss, grads = expect_returns(out, ("loss", "grads"), what,
                                 'End the function with `return loss, {"W1": ..., "b1": ..., "W2": ..., "b2": ...}`.')
    if not isinstance(grads, dict):
        fail(f"{what}: the second value returned should be a dict of gradients, got {type(grads).__name__}.")
    missing = [k for k in KEYS if k not in grads]
    expect(not missing, f"{what}: the grads dict has keys {sorted(map(str, grads))}, missing {missing}.",
           'Use the parameter names as keys: "W1", "b1", "W2", "b2".')
    if isinstance(loss, np.ndarray):
        fail(f"{what}: the loss is an array of shape {loss.shape}; the exercise asks for a float.",
             "Average the per-example losses, loss = -mean(log_p[np.arange(N), t]), and return float(loss).")
    expect(isinstance(loss, (int, float)) and not isinstance(loss, bool),
           f"{what}: the loss should be a single number, got {loss!r:.60}.",
           "Average the per-example losses: loss = -mean(log_p[np.arange(N), t]).")
    return float(loss), grads


def check_grads(grads, expected, wrong, names, what, hint_default):
    for name in names:
        got = expect_shape(grads[name], expected[name].shape, f"{what}: grads[{name!r}]",
                           f"A gradient has the shape of its parameter {expected[name].shape}.")
        if np.all(np.isfinite(got)):
            hint = diagnose(got, expected[name], [(text, w[name]) for text, w in wrong.items()],
                            hint_default[name])
        else:
            hint = STABLE
        expect_close(got, expected[name], f"{what}: grads[{name!r}]", hint)


def loss_hint(loss, expected, x, params):
    """A hint naming the loss mistake that ``loss`` confirms, else what the loss is."""
    if not np.isfinite(loss):
        return STABLE
    n, c = x.shape[0], params["b2"].size
    return diagnose(loss, expected, [
        ("Your loss is N times too large: average over the examples, do not sum.", expected * n),
        ("Average over the N examples only, not over all N * C entries.", expected / c),
    ], "loss = mean over the N examples of -log softmax(logits)[n, t_n].")


HINTS = {
    "W2": "dW2 = h.T @ dz2 with dz2 = (softmax(logits) - onehot(t)) / N.",
    "b2": "db2 = dz2.sum(axis=0).",
    "W1": "dh = dz2 @ W2.T, dz1 = dh * (z1 > 0), dW1 = x.T @ dz1.",
    "b1": "db1 = dz1.sum(axis=0), after the ReLU mask.",
}


@weight(1)
def test_returns_loss_and_grads(student, rng):
    """returns (loss, grads) with the keys W1, b1, W2, b2 and the parameters' shapes"""
    x, t, params = draw(rng)
    what = f"mlp_backward on a batch of {x.shape[0]}"
    _, grads = unpack(student.function(NAME)(x, t, params), what)
    for k in KEYS:
        expect_shape(grads[k], params[k].shape, f"{what}: grads[{k!r}]",
                     f"A gradient has the shape of its parameter {params[k].shape}: check for a missing .T "
                     "or a sum over the wrong axis.")


@weight(2)
def test_loss(student, rng):
    """the loss is the mean softmax cross-entropy"""
    x, t, params = draw(rng)
    loss, _ = unpack(student.function(NAME)(x, t, params), "mlp_backward")
    expected, _, _ = reference(x, t, params)
    expect_close(loss, expected, f"mlp_backward: loss on a batch of {x.shape[0]}", loss_hint(loss, expected, x, params))


def layer_test(names, doc):
    """A test (weight 3): the gradients ``names`` of one layer for a random batch."""
    def check(student, rng):
        x, t, params = draw(rng)
        _, grads = unpack(student.function(NAME)(x, t, params), "mlp_backward")
        _, expected, wrong = reference(x, t, params)
        check_grads(grads, expected, wrong, names, f"mlp_backward on a batch of {x.shape[0]}", HINTS)
    return testing.make_test(check, doc, 3)


test_output_layer_grads = layer_test(("W2", "b2"), "gradients of W2 and b2")
test_hidden_layer_grads = layer_test(("W1", "b1"), "gradients of W1 and b1 (through the ReLU)")


@weight(1)
def test_batch_of_one(student, rng):
    """a batch of one example"""
    x, t, params = draw(rng, n=1)
    loss, grads = unpack(student.function(NAME)(x, t, params), "mlp_backward on a batch of 1")
    expected_loss, expected, wrong = reference(x, t, params)
    expect_close(loss, expected_loss, "mlp_backward on a batch of 1: loss", loss_hint(loss, expected_loss, x, params))
    check_grads(grads, expected, wrong, KEYS, "mlp_backward on a batch of 1",
                {k: v + " Sum over axis 0 only, so biases keep their shape." for k, v in HINTS.items()})


@weight(2)
def test_large_logits(student, rng):
    """no nan or inf for logits of size ~1000"""
    x, t, params = large_logits_case(rng)
    loss, grads = unpack(student.function(NAME)(x, t, params), "mlp_backward with logits near 1000")
    expected_loss, expected, wrong = reference(x, t, params)
    expect(np.isfinite(loss), f"mlp_backward with logits near 1000: loss is {loss}, expected {expected_loss:.6g}.",
           STABLE)
    expect_close(loss, expected_loss, "mlp_backward with logits near 1000: loss",
                 loss_hint(loss, expected_loss, x, params))
    check_grads(grads, expected, wrong, KEYS, "mlp_backward with logits near 1000", HINTS)


@weight(1)
def test_relu_kink(student, rng):
    """pre-activations exactly 0 (an all-zero example, zero biases): the ReLU mask is z1 > 0"""
    x, t, params = draw(rng)
    x[int(rng.integers(0, x.shape[0]))] = 0.0
    zero = rng.choice(params["b1"].size, size=max(1, params["b1"].size // 2), replace=False)
    params["b1"][zero] = 0.0
    what = "mlp_backward with some pre-activations exactly 0"
    _, grads = unpack(student.function(NAME)(x, t, params), what)
    _, expected, wrong = reference(x, t, params)
    check_grads(grads, expected, wrong, KEYS, what,
                {k: "At z1 = 0 the ReLU passes nothing back: dz1 = dh * (z1 > 0)." for k in KEYS})


@weight(1)
def test_label_missing(student, rng):
    """labels in which the last class does not occur: C comes from the parameters, not from t"""
    x, _, params = draw(rng)
    c = params["b2"].size
    t = testing.labels_missing_class(rng, x.shape[0], c)
    what = f"mlp_backward with {c} classes and labels {t.tolist()} (class {c - 1} absent)"
    loss, grads = unpack(student.function(NAME)(x, t, params), what)
    expected_loss, expected, wrong = reference(x, t, params)
    expect_close(loss, expected_loss, f"{what}: loss", loss_hint(loss, expected_loss, x, params))
    check_grads(grads, expected, wrong, KEYS, what, HINTS)
