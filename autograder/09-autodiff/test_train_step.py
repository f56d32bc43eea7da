"""Hidden tests for Exercise 5, ``MLP(W1, b1, W2, b2).train_step(X, y, lr)``.

The student's model is created in the grading process's sandbox and trained for
one or two steps; the loss it returns and the parameters it holds afterwards
(``values()``) are compared with lesson 04's layer-by-layer backprop of the same
tanh network, written here in plain NumPy.  The second step on a new batch
catches gradients that were not zeroed in between.
"""

import numpy as np

from nncourse.grading.testing import expect_close, fail, weight


def forward_backward(params, X, y):
    """Loss and gradients of mean softmax cross-entropy of tanh(X W1 + b1) W2 + b2 (lesson 04)."""
    W1, b1, W2, b2 = params
    H = np.tanh(X @ W1 + b1)
    Z = H @ W2 + b2
    Z = Z - Z.max(axis=1, keepdims=True)
    logp = Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))
    n = len(y)
    loss = -logp[np.arange(n), y].mean()
    G = np.exp(logp)
    G[np.arange(n), y] -= 1.0
    G /= n
    dZ1 = (G @ W2.T) * (1.0 - H ** 2)
    return loss, [X.T @ dZ1, dZ1.sum(axis=0), H.T @ G, G.sum(axis=0)]


def draw(rng, n=None):
    d, h, k = 2, int(rng.integers(3, 7)), int(rng.integers(2, 5))
    params = [rng.normal(size=(d, h)), rng.normal(size=h), rng.normal(size=(h, k)), rng.normal(size=k)]
    n = int(rng.integers(4, 9)) if n is None else n
    return params, k, n, d


def batch(rng, n, d, k):
    return rng.normal(size=(n, d)), rng.integers(0, k, size=n)


def as_loss(got, what):
    if isinstance(got, np.ndarray):
        fail(f"{what}: expected the loss as a float, got an array of shape {got.shape}.",
             "loss.value is a 0-d array: the statement asks for a number, return float(loss.value).")
    try:
        return float(np.asarray(got, dtype=float).reshape(()))
    except (TypeError, ValueError):
        fail(f"{what}: expected the loss as one number, got {type(got).__name__}.",
             "Return float(loss.value).")


def check_values(model, expected, what, hint):
    got = model.call("values")
    if not isinstance(got, (list, tuple)) or len(got) != 4:
        fail(f"{what}: MLP.values() did not return the four parameter arrays.",
             "Keep the given values() method; update p.value of the Tensors in self.params.")
    for name, g, e in zip(("W1", "b1", "W2", "b2"), got, expected):
        expect_close(g, e, f"{what}: {name}", hint)


@weight(3)
def test_one_step(student, rng):
    """one step: the loss before the update and every parameter after it"""
    params, k, n, d = draw(rng)
    X, y = batch(rng, n, d, k)
    lr = float(rng.uniform(0.1, 0.8))
    model = student.new("MLP", *params)
    loss = as_loss(model.call("train_step", X, y, lr), "train_step")
    exp_loss, grads = forward_backward(params, X, y)
    after = [p - lr * g for p, g in zip(params, grads)]
    hint = "Mean softmax cross-entropy of tanh(X W1 + b1) W2 + b2, computed before the update."
    if np.isclose(loss, forward_backward(after, X, y)[0]) and not np.isclose(loss, exp_loss):
        hint = "This is the loss after the update; return the loss of the forward pass you differentiated."
    expect_close(loss, exp_loss, f"train_step on a batch of {n} (lr={lr:.3f}): the returned loss", hint)
    hint = "After loss.backward(), p.value -= lr * p.grad for every parameter."
    got = model.call("values")
    if isinstance(got, (list, tuple)) and len(got) == 4:
        if all(np.allclose(g, p + lr * dg) for g, p, dg in zip(got, params, grads)):
            hint = "The parameters moved uphill: subtract lr * grad."
        elif all(np.allclose(g, p) for g, p in zip(got, params)):
            hint = ("The parameters did not change: update p.value in place on the Tensors of self.params "
                    "(rebinding a loop variable changes nothing).")
    check_values(model, after, f"train_step on a batch of {n} (lr={lr:.3f}): parameters after the step", hint)


@weight(3)
def test_two_steps_zero_grad(student, rng):
    """two steps on different batches: the second uses only its own gradients"""
    params, k, n, d = draw(rng)
    lr = float(rng.uniform(0.1, 0.8))
    model = student.new("MLP", *params)
    current, stale = [p.copy() for p in params], [np.zeros_like(p) for p in params]
    for step in (1, 2):
        X, y = batch(rng, n, d, k)
        loss = as_loss(model.call("train_step", X, y, lr), f"train_step, step {step}")
        exp_loss, grads = forward_backward(current, X, y)
        summed = [g + s for g, s in zip(grads, stale)]
        accumulated = [p - lr * g for p, g in zip(current, summed)]
        current, stale = [p - lr * g for p, g in zip(current, grads)], summed
        expect_close(loss, exp_loss, f"train_step, step {step}: the returned loss",
                     "Mean softmax cross-entropy of tanh(X W1 + b1) W2 + b2, before the update.")
        hint = "Each step: zero every parameter's grad, forward, backward, update."
        got = model.call("values")
        if step == 2 and isinstance(got, (list, tuple)) and len(got) == 4 and \
                all(np.allclose(g, a) for g, a in zip(got, accumulated)):
            hint = ("Step 2 used the sum of both steps' gradients: the engine accumulates, so zero every "
                    "parameter's grad at the start of each step.")
        elif step == 2 and isinstance(got, (list, tuple)) and len(got) == 4 and \
                any(np.allclose(g, a) and not np.allclose(a, c) for g, a, c in zip(got, accumulated, current)):
            hint = "Some parameters kept the previous step's gradient: zero the grad of every parameter, biases too."
        check_values(model, current, f"train_step, step {step}: parameters after the step", hint)


@weight(1)
def test_batch_of_one(student, rng):
    """a step on a batch of one example"""
    params, k, _, d = draw(rng, n=1)
    X, y = batch(rng, 1, d, k)
    model = student.new("MLP", *params)
    loss = as_loss(model.call("train_step", X, y, 0.5), "train_step on one example")
    exp_loss, grads = forward_backward(params, X, y)
    expect_close(loss, exp_loss, "train_step on one example: the returned loss")
    check_values(model, [p - 0.5 * g for p, g in zip(params, grads)], "train_step on one example: parameters",
                 "b1 and b2 keep their shapes (H,) and (C,): their gradients are summed over the batch.")
