r"""Self-checks for lesson 04, "Backprop by hand".

Each function takes the student's answer and checks it on small, fixed
examples against finite differences of the forward computation::

    from nncourse.checks import backprop as check
    check.univariate_grads(univariate_grads)
    check.linear_layer(Linear)
    check.sigmoid_layer(Sigmoid)
    check.softmax_jacobian(softmax_jacobian, softmax_backward)
    check.mlp_backward(mlp_backward)
    check.network_backward(network_backward)
"""

from __future__ import annotations

import numpy as np

from nncourse.activations import sigmoid as _sigmoid
from nncourse.activations import softmax as _softmax
from nncourse.checks import as_number, check_close, check_shape, check_tuple, fail, finish, passed
from nncourse.gradcheck import numerical_gradient
from nncourse.losses import softmax_cross_entropy

__all__ = ["univariate_grads", "linear_layer", "sigmoid_layer", "softmax_jacobian", "mlp_backward",
           "network_backward"]


def _quiet(fn, *args):
    """Call the student's ``fn`` without printing NumPy warnings (the check looks at the result)."""
    with np.errstate(all="ignore"):
        return fn(*args)


# --------------------------------------------------------------------------- exercise 1

def _univariate_cost(w, b, x, t, lam):
    y = _sigmoid(w * x + b)
    return np.mean(0.5 * (y - t) ** 2) + lam * 0.5 * w ** 2


def _two_numbers(out, what):
    check_tuple(out, ("dw", "db"), what)
    hint = "dw and db are single numbers: average the per-example contributions over the batch."
    return as_number(out[0], what + ", dw", hint), as_number(out[1], what + ", db", hint)


def univariate_grads(fn) -> None:
    r"""Check ``univariate_grads(w, b, x, t, lam) -> (dw, db)``."""
    x = np.array([-1.5, 0.3, 2.0, 0.8])
    t = np.array([0.0, 1.0, 1.0, 0.0])
    w, b = 0.7, -0.2
    n = len(x)

    what = "univariate_grads(0.7, -0.2, x, t, lam=0)"
    dw, db = _two_numbers(_quiet(fn, w, b, x.copy(), t.copy(), 0.0), what)
    passed("returns two numbers (dw, db)")

    num_dw = numerical_gradient(lambda v: _univariate_cost(float(v), b, x, t, 0.0), np.array(w))
    num_db = numerical_gradient(lambda v: _univariate_cost(w, float(v), x, t, 0.0), np.array(b))
    for name, got, exp in (("dw", dw, num_dw), ("db", db, num_db)):
        hint = (r"Follow the error signals: ybar = y - t, zbar = ybar * sigma'(z) with "
                r"sigma'(z) = y (1 - y), wbar = zbar * x, bbar = zbar; then take the mean over examples.")
        if np.isclose(got, n * exp, rtol=1e-4):
            hint = f"Your {name} is {n} times too large: the cost is a mean over the examples, not a sum."
        elif np.isclose(got, -exp, rtol=1e-4):
            hint = "Your sign is flipped: the error signal of y is y - t, not t - y."
        check_close(got, exp, f"{what}: {name}", hint)
    passed("dw and db match finite differences of the cost with lam = 0")

    lam = 0.3
    what = "univariate_grads(0.7, -0.2, x, t, lam=0.3)"
    dw, db = _two_numbers(_quiet(fn, w, b, x.copy(), t.copy(), lam), what)
    num_dw = numerical_gradient(lambda v: _univariate_cost(float(v), b, x, t, lam), np.array(w))
    check_close(dw, num_dw, what + ": dw",
                r"The regulariser lam * w**2 / 2 adds lam * w to dw (and nothing to db).")
    check_close(db, num_db, what + ": db",
                "The regulariser does not depend on b, so db is the same as with lam = 0.")
    passed("the regulariser lam * w**2 / 2 is included in dw and not in db")

    what = "univariate_grads(-1.2, 0.5, one example, lam=0.1)"
    x1, t1 = np.array([0.9]), np.array([1.0])
    dw, db = _two_numbers(_quiet(fn, -1.2, 0.5, x1.copy(), t1.copy(), 0.1), what)
    num_dw = numerical_gradient(lambda v: _univariate_cost(float(v), 0.5, x1, t1, 0.1), np.array(-1.2))
    num_db = numerical_gradient(lambda v: _univariate_cost(-1.2, float(v), x1, t1, 0.1), np.array(0.5))
    check_close(dw, num_dw, what + ": dw")
    check_close(db, num_db, what + ": db")
    passed("works for a batch of a single example")
    finish()


# --------------------------------------------------------------------------- exercise 2

def linear_layer(Linear) -> None:
    """Check ``Linear(W, b)`` with ``forward(x)`` and ``backward(grad_out)``."""
    rng = np.random.default_rng(0)
    W = rng.standard_normal((3, 2))
    b = rng.standard_normal(2)
    x = rng.standard_normal((4, 3))
    G = rng.standard_normal((4, 2))

    layer = Linear(W.copy(), b.copy())
    out = _quiet(layer.forward, x.copy())
    check_close(out, x @ W + b, "Linear.forward(x) for x of shape (4, 3), W (3, 2), b (2,)",
                "The output is x @ W + b, of shape (batch, D_out).")
    passed("forward: x @ W + b, shape (4, 2)")

    dx = _quiet(layer.backward, G.copy())
    # The layer is linear, so finite differences of sum(out * G) are exact up to rounding.
    num_dW = numerical_gradient(lambda V: np.sum((x @ V + b) * G), W)
    num_db = numerical_gradient(lambda c: np.sum((x @ W + c) * G), b)
    num_dx = numerical_gradient(lambda u: np.sum((u @ W + b) * G), x)
    for attr in ("dW", "db"):
        if not hasattr(layer, attr):
            fail("Linear.backward", f"after backward the layer has no attribute {attr!r}.",
                 f"Store the gradient with `self.{attr} = ...` inside backward.")
    check_close(layer.dW, num_dW, "Linear.backward: self.dW",
                "dW has W's shape (D_in, D_out): combine x.T (D_in, batch) with grad_out (batch, D_out).")
    passed("backward: self.dW has shape (3, 2) and the right values")
    check_close(layer.db, num_db, "Linear.backward: self.db",
                "b is added to every row, so its gradient sums grad_out over the batch (axis 0): shape (D_out,).")
    passed("backward: self.db has shape (2,) and the right values")
    check_close(dx, num_dx, "Linear.backward: the returned gradient with respect to x",
                "Return grad_out @ W.T, of x's shape (batch, D_in).")
    passed("backward returns the gradient with respect to x, shape (4, 3)")

    x2 = rng.standard_normal((4, 3))
    _quiet(layer.forward, x2.copy())
    _quiet(layer.backward, G.copy())
    check_close(layer.dW, x2.T @ G, "Linear.backward after a second forward call: self.dW",
                "backward must use the x cached by the most recent forward call.")
    passed("backward uses the input of the most recent forward call")

    x1 = rng.standard_normal((1, 3))
    G1 = rng.standard_normal((1, 2))
    layer = Linear(W.copy(), b.copy())
    _quiet(layer.forward, x1.copy())
    _quiet(layer.backward, G1.copy())
    check_close(layer.dW, x1.T @ G1, "Linear.backward for a batch of 1: self.dW")
    check_close(layer.db, G1[0], "Linear.backward for a batch of 1: self.db",
                "Sum over axis 0 only: for a batch of one example db still has shape (D_out,).")
    passed("works for a batch of 1")
    finish()


# --------------------------------------------------------------------------- exercise 3

def sigmoid_layer(Sigmoid) -> None:
    """Check ``Sigmoid()`` with ``forward(z)`` and ``backward(grad_out)``."""
    z = np.array([[-2.0, -0.5, 0.0], [0.5, 1.0, 3.0]])
    G = np.array([[1.0, -2.0, 0.5], [0.3, 1.5, -1.0]])

    layer = Sigmoid()
    y = _quiet(layer.forward, z.copy())
    check_close(y, _sigmoid(z), "Sigmoid.forward(z) for z of shape (2, 3)",
                "sigma(z) = 1 / (1 + exp(-z)), elementwise.")
    passed("forward: sigma(z) elementwise")

    dz = _quiet(layer.backward, G.copy())
    num = numerical_gradient(lambda u: np.sum(_sigmoid(u) * G), z)
    hint = "Multiply grad_out by sigma'(z) = y (1 - y), where y = sigma(z) is the output cached by forward."
    got = np.asarray(dz, dtype=float) if dz is not None else None
    if got is not None and got.shape == z.shape and np.allclose(got, G * z * (1 - z)):
        hint = ("You used z (1 - z): the derivative is sigma(z) (1 - sigma(z)), "
                "so use the cached output y, not the input z.")
    elif got is not None and got.shape == z.shape and np.allclose(got, num / G):
        hint = "Chain rule: multiply sigma'(z) by the incoming gradient grad_out."
    check_close(dz, num, "Sigmoid.backward(grad_out)", hint)
    passed("backward: grad_out * sigma(z) * (1 - sigma(z))")

    big = np.array([[-1000.0, -40.0, 40.0, 1000.0]])
    y = _quiet(layer.forward, big.copy())
    check_close(y, _sigmoid(big), "Sigmoid.forward for z = -1000, -40, 40, 1000",
                "exp(1000) overflows to inf and inf/inf is nan: use 1 / (1 + exp(-z)), "
                "or a form that never exponentiates a large positive number.", atol=1e-12)
    dz = _quiet(layer.backward, np.ones_like(big))
    check_close(dz, _sigmoid(big) * (1 - _sigmoid(big)), "Sigmoid.backward for z = -1000, -40, 40, 1000",
                "Compute the derivative from the cached output y: y * (1 - y).", atol=1e-12)
    passed("no nan or inf for z = +-1000")
    finish()


# --------------------------------------------------------------------------- exercise 4

def _jacobian_hint(got, p):
    """A hint for a Jacobian ``got`` (N, K, K) of probabilities ``p`` (N, K) that is wrong, naming the mistake seen."""
    eye = np.eye(p.shape[1])
    variants = (
        (p[:, :, None] * eye * (1 - p[:, None, :]),
         "only the diagonal is filled: softmax is not elementwise, every p_i depends on every z_j "
         "(the entries with j != i are -p_i p_j)."),
        (p[:, :, None] * eye,
         "the diagonal misses -p_i p_j: for j = i the quotient rule gives p_i - p_i**2."),
        (-p[:, :, None] * p[:, None, :],
         "the delta term is missing: the diagonal (j = i) also gets + p_i, from differentiating e^{z_i} itself."),
        (p[:, :, None] * (eye + p[:, None, :]),
         "a sign: dS/dz_j = e^{z_j} enters the quotient rule with a minus, J_ij = p_i (delta_ij - p_j)."),
        (eye - p[:, None, :],
         "that is the Jacobian of log p, not of p: multiply each row i by p_i."),
    )
    for value, hint in variants:
        if got.shape == value.shape and np.allclose(got, value, rtol=1e-6, atol=1e-9):
            return hint
    return ("Differentiate p_i = e^{z_i} / S with the quotient rule (dS/dz_j = e^{z_j}) for j = i and j != i, "
            "and write both as one formula with p_i, p_j and the Kronecker delta.")


def softmax_jacobian(jacobian, backward) -> None:
    """Check ``softmax_jacobian(z) -> J`` (N, K, K) and ``softmax_backward(z, grad_p) -> grad_z`` (N, K)."""
    z = np.array([[0.5, -1.0, 2.0], [1.0, 1.0, 1.0]])
    p = _softmax(z)
    what = "softmax_jacobian(z) for z of shape (2, 3)"
    given = z.copy()
    J = _quiet(jacobian, given)
    if not np.array_equal(given, z):
        fail(what, "the call changed the caller's z.",
             "Work on new arrays (z - z.max(axis=1, keepdims=True), not z -= ...); the given softmax already "
             "shifts each row.")
    got = check_shape(J, (2, 3, 3), what,
                      "One K x K Jacobian per row of z: J[n, i, j] = d p[n, i] / d z[n, j], shape (N, K, K).")
    numerical = np.stack([np.stack([numerical_gradient(lambda v, n=n, i=i: _softmax(v[None])[0, i], z[n].copy())
                                    for i in range(3)]) for n in range(2)])
    check_close(got, numerical, what, _jacobian_hint(got, p))
    passed("J[n, i, j] = d p[n, i] / d z[n, j] matches finite differences, shape (2, 3, 3)")
    check_close(got.sum(axis=1), np.zeros((2, 3)), what + ": the column sums of each Jacobian",
                "The probabilities of a row sum to 1, so sum_i dp_i/dz_j = 0 for every j.")
    passed("each column of J sums to 0; equal logits give 1/K (1 - 1/K) on the diagonal")

    G = np.array([[1.0, -2.0, 0.5], [0.3, 1.5, -1.0]])
    what = "softmax_backward(z, grad_p) for z and grad_p of shape (2, 3)"
    expected = numerical_gradient(lambda v: np.sum(_softmax(v) * G), z.copy())
    grad = _quiet(backward, z.copy(), G.copy())
    hint = "grad_z[n, j] = sum_i grad_p[n, i] * J[n, i, j]: multiply grad_p by the Jacobian of its row, summing over i."
    arr = check_shape(grad, (2, 3), what, "The error signal of the logits has the shape of z, (N, K).")
    if np.allclose(arr, G * p * (1 - p)):
        hint = ("grad_p * p (1 - p) treats softmax as elementwise; every probability depends on every logit, "
                "so sum over i: grad_z[n, j] = sum_i grad_p[n, i] J[n, i, j].")
    elif np.allclose(arr, expected / 2):
        hint = "Your result is half the right one: do not average over the batch; the rows are independent."
    check_close(arr, expected, what, hint)
    passed("softmax_backward: the vector-Jacobian product matches finite differences, shape (2, 3)")

    z = np.array([[1000.0, -1000.0, 0.0], [-5000.0, -4990.0, -5000.0]])
    p = _softmax(z)
    what = "softmax_jacobian for logits of size 1000 and -5000"
    got = check_close(_quiet(jacobian, z.copy()), p[:, :, None] * (np.eye(3) - p[:, None, :]), what,
                      "exp(1000) overflows to inf and exp(-5000) underflows to 0: use the given softmax, which "
                      "subtracts each row's maximum before exponentiating.", atol=1e-12)
    grad = _quiet(backward, z.copy(), np.ones((2, 3)))
    check_close(grad, np.zeros((2, 3)), "softmax_backward(z, ones) for logits of size 1000 and -5000",
                "Adding the same number to every p of a row changes nothing, so grad_p = 1 must give 0; "
                "compute p with the given, stable softmax.", atol=1e-12)
    passed("no nan or inf for logits of size 1000 and -5000")
    finish()


# --------------------------------------------------------------------------- exercise 5

def _mlp_loss(x, t, params):
    """Mean softmax cross-entropy of the one-hidden-layer ReLU MLP."""
    h = np.maximum(0.0, x @ params["W1"] + params["b1"])
    return softmax_cross_entropy(h @ params["W2"] + params["b2"], t)[0]


def _mlp_example(rng, n, d, h, c, scale=1.0):
    params = {
        "W1": rng.standard_normal((d, h)),
        "b1": rng.standard_normal(h) * 0.1,
        "W2": rng.standard_normal((h, c)) * scale,
        "b2": rng.standard_normal(c) * 0.1,
    }
    return rng.standard_normal((n, d)), rng.integers(0, c, size=n), params


def _unpack_mlp(out, what):
    if not isinstance(out, (tuple, list)) or len(out) != 2 or not isinstance(out[1], dict):
        fail(what, f"expected a pair (loss, grads) with grads a dict, got {type(out).__name__}.",
             'End the function with `return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}`.')
    loss, grads = out
    missing = [k for k in ("W1", "b1", "W2", "b2") if k not in grads]
    if missing:
        fail(what, f"the grads dict has keys {sorted(grads)}, missing {missing}.",
             'Use the parameter names as keys: "W1", "b1", "W2", "b2".')
    return as_number(loss, what + ": loss"), grads


_MLP_HINTS = {
    "W2": "dW2 = h.T @ dlogits, where dlogits = (softmax(logits) - onehot(t)) / N.",
    "b2": "db2 sums dlogits over the batch (axis 0).",
    "W1": "dh = dlogits @ W2.T; dz1 = dh * (z1 > 0); dW1 = x.T @ dz1.",
    "b1": "db1 sums dz1 over the batch (axis 0); remember the ReLU mask.",
}


def mlp_backward(fn) -> None:
    """Check ``mlp_backward(x, t, params) -> (loss, grads)``."""
    rng = np.random.default_rng(0)
    x, t, params = _mlp_example(rng, n=5, d=2, h=4, c=3)
    what = "mlp_backward(x, t, params) with N=5, D=2, H=4, C=3"
    before = {k: v.copy() for k, v in params.items()}
    loss, grads = _unpack_mlp(_quiet(fn, x.copy(), t.copy(), params), what)
    for k in params:
        if not np.array_equal(params[k], before[k]):
            fail(what, f"params[{k!r}] was changed by the call.",
                 "Compute gradients into new arrays; do not update the parameters in place.")
    passed("returns (loss, grads) with keys W1, b1, W2, b2")

    check_close(loss, _mlp_loss(x, t, params), what + ": loss",
                "loss = mean over examples of -log softmax(logits)[t]; a mean over N, not over N * C.")
    passed("the loss is the mean softmax cross-entropy")

    n, c = x.shape[0], params["W2"].shape[1]
    for name in ("W2", "b2", "W1", "b1"):
        def f(v, name=name):
            p = dict(params)
            p[name] = v
            return _mlp_loss(x, t, p)
        num = numerical_gradient(f, params[name])
        check_shape(grads[name], params[name].shape, f"{what}: grads[{name!r}]",
                    f"A gradient has the shape of its parameter {params[name].shape}: check for a missing .T.")
        got = np.asarray(grads[name], dtype=float)
        hint = _MLP_HINTS[name]
        if np.allclose(got, n * num, rtol=1e-4):
            hint = f"grads[{name!r}] is N = {n} times too large: the loss is a mean over the batch."
        elif np.allclose(got, num / c, rtol=1e-4):
            hint = "Averaging over N * C entries is wrong: the loss averages over the N examples only."
        check_close(got, num, f"{what}: grads[{name!r}]", hint)
        passed(f"grads[{name!r}] matches finite differences, shape {params[name].shape}")

    x, t, params = _mlp_example(np.random.default_rng(1), n=4, d=2, h=3, c=3, scale=1000.0)
    h_big = np.maximum(0.0, x @ params["W1"] + params["b1"])
    t = (h_big @ params["W2"] + params["b2"]).argmin(axis=1)   # probabilities that underflow to 0
    loss, grads = _unpack_mlp(_quiet(fn, x.copy(), t.copy(), params), what + " with logits of size ~1000")
    stable = "exp(1000) overflows: subtract the row maximum from the logits before exponentiating."
    check_close(loss, _mlp_loss(x, t, params), "mlp_backward with logits of size ~1000: loss", stable)
    for name in ("W1", "b1", "W2", "b2"):
        arr = check_shape(grads[name], params[name].shape, f"mlp_backward with logits of size ~1000: grads[{name!r}]")
        if not np.all(np.isfinite(arr)):
            fail(f"mlp_backward with logits of size ~1000: grads[{name!r}]", "contains nan or inf.", stable)
    passed("no nan or inf for logits of size ~1000")
    finish()


# --------------------------------------------------------------------------- exercise 6

def _network_forward(x, params):
    """Output of Linear, sigmoid, Linear, ..., Linear for params [(W1, b1), ...]."""
    out = x
    for index, (W, b) in enumerate(params):
        if index > 0:
            out = _sigmoid(out)
        out = out @ W + b
    return out


def _network_example(rng, sizes, n):
    params = [(rng.standard_normal((a, b)), rng.standard_normal(b) * 0.5) for a, b in zip(sizes[:-1], sizes[1:])]
    return rng.standard_normal((n, sizes[0])), rng.standard_normal((n, sizes[-1])), params


def _unpack_network(out, n_layers, what):
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        fail(what, f"expected a pair (grad_x, grads), got {type(out).__name__}"
             + (f" of length {len(out)}" if isinstance(out, (tuple, list)) else "") + ".",
             "End the function with `return grad_x, grads`.")
    grad_x, grads = out
    if not isinstance(grads, (list, tuple)) or len(grads) != n_layers:
        got = f"a {type(grads).__name__}" + (f" of length {len(grads)}" if isinstance(grads, (list, tuple)) else "")
        fail(what, f"grads should be a list of {n_layers} pairs (dW, db), one per Linear layer; got {got}.",
             "Collect (layer.dW, layer.db) of every Linear layer, and only of those (a Sigmoid has no parameters).")
    for index, pair in enumerate(grads):
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            fail(what, f"grads[{index}] should be a pair (dW, db), got {type(pair).__name__}.",
                 "Append (layer.dW, layer.db) for each Linear layer.")
    return grad_x, grads


_LOOP_HINT = ("Run the forward loop over make_network(params) first (each layer caches its input), then the "
              "backward loop over reversed(layers), each backward taking the previous one's result; a shape "
              "error in backward usually means the layers run in the wrong order.")


def _call_network(fn, what, *args):
    """Call the student's ``network_backward``; an error inside it becomes a failed check with a hint."""
    try:
        return _quiet(fn, *args)
    except NotImplementedError:
        raise
    except (ValueError, TypeError, AttributeError, IndexError, KeyError) as exc:
        fail(what, f"the call raised {type(exc).__name__}: {exc}", _LOOP_HINT)


def network_backward(fn) -> None:
    """Check ``network_backward(x, grad_out, params) -> (grad_x, [(dW1, db1), ..., (dWL, dbL)])``."""
    rng = np.random.default_rng(0)
    sizes = (3, 4, 4, 2)
    x, G, params = _network_example(rng, sizes, n=5)
    what = "network_backward(x, grad_out, params) with layer sizes 3-4-4-2 and N = 5"
    before = [(W.copy(), b.copy()) for W, b in params]
    given = list(params)
    out = _call_network(fn, what, x.copy(), G.copy(), given)
    if len(given) != len(params) or any(a is not b for a, b in zip(given, params)):
        fail(what, "the list params was changed by the call (its pairs replaced, reordered or removed).",
             "Leave the caller's list as it is: build a new list for the gradients, and walk the layers "
             "backwards with reversed(...), which does not reorder the list itself.")
    for index, ((W, b), (W0, b0)) in enumerate(zip(params, before)):
        if not (np.array_equal(W, W0) and np.array_equal(b, b0)):
            fail(what, f"params[{index}] was changed by the call.",
                 "Compute the gradients into new arrays; do not update the parameters.")
    grad_x, grads = _unpack_network(out, len(params), what)
    passed("returns (grad_x, grads) with one pair (dW, db) per Linear layer")

    def cost(ps):
        return np.sum(_network_forward(x, ps) * G)

    expected = []
    for index, (W, b) in enumerate(params):
        dW = numerical_gradient(lambda V: cost(params[:index] + [(V, b)] + params[index + 1:]), W.copy())
        db = numerical_gradient(lambda c: cost(params[:index] + [(W, c)] + params[index + 1:]), b.copy())
        expected.append((dW, db))
    for index in range(len(params)):
        for part, name in ((0, "dW"), (1, "db")):
            label = f"{what}: grads[{index}] ({name} of layer {index + 1})"
            if grads[index][part] is None:
                fail(label, "is None.", "Collect (layer.dW, layer.db) after the backward loop has run.")
            got = np.asarray(grads[index][part], dtype=float)
            right, mirror = expected[index][part], expected[-1 - index][part]
            hint = ("The error signal reaches layer l through every layer after it: run the backward loop over "
                    "all layers in reverse order (for layer in reversed(layers)), each step starting from the "
                    "previous step's result.")
            if got.shape == mirror.shape and (got.shape != right.shape or np.allclose(got, mirror, rtol=1e-5)):
                hint = ("The pairs are in the order of the backward loop (last layer first); return them in the "
                        "order of params, first layer first.")
            check_close(got, right, label, hint)
    passed("every (dW, db) matches finite differences, in the order of params")

    expected_x = numerical_gradient(lambda u: np.sum(_network_forward(u, params) * G), x.copy())
    check_close(grad_x, expected_x, f"{what}: grad_x",
                "grad_x is what the first layer's backward returns, after the loop has passed through every layer.")
    passed("grad_x matches finite differences, shape (5, 3)")

    x1, G1, params1 = _network_example(np.random.default_rng(1), (3, 2), n=1)
    what = "network_backward with one Linear layer (L = 1) and a batch of 1"
    grad_x, grads = _unpack_network(_call_network(fn, what, x1.copy(), G1.copy(), list(params1)), 1, what)
    check_close(grads[0][0], x1.T @ G1, what + ": dW",
                "With L = 1 the network is a single Linear layer, with no Sigmoid before or after it.")
    check_close(grads[0][1], G1[0], what + ": db")
    check_close(grad_x, G1 @ params1[0][0].T, what + ": grad_x")
    passed("works for L = 1 and a batch of 1")
    finish()
