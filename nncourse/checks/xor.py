r"""Self-checks for lesson 02, "XOR and hidden layers".

Each function takes the student's answer and checks it on small, fixed
examples::

    from nncourse.checks import xor as check
    check.xor_weights(xor_weights)
    check.collapse_linear(collapse_linear)
    check.count_params(count_params)
    check.width_depth_counts(width_depth_counts)
    check.mlp_forward(mlp_forward)

Expected values are found without the formulas the exercises ask for: the
XOR network is judged by what it outputs, a collapsed layer by running the
stack it replaces, parameter counts by counting the entries of arrays of the
right shapes, widths by widening a network one unit at a time and paths by
walking the layers one at a time.
"""

from __future__ import annotations

import numpy as np

from nncourse.checks import check_close, check_shape, check_tuple, fail, finish, passed

__all__ = ["xor_weights", "collapse_linear", "count_params", "width_depth_counts", "mlp_forward"]

CORNERS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR = np.array([0.0, 1.0, 1.0, 0.0])

# Names of the truth tables on (0,0), (0,1), (1,0), (1,1) that a unit of a small network often computes
# (the self-check and the hidden suite of the exercise both name what a network computes with them).
TABLES = {   # outputs on the four corners -> name
    "0000": "a constant 0", "1111": "a constant 1", "0111": "OR", "0001": "AND", "1110": "NAND (not AND)",
    "1000": "NOR (not OR)", "1001": "XNOR, the opposite of XOR", "0110": "XOR", "0010": "x1 AND NOT x2",
    "0100": "x2 AND NOT x1", "0011": "x1", "0101": "x2",
}


def _quiet(fn, *args):
    """Call the student's ``fn`` without printing NumPy warnings (the check looks at the result)."""
    with np.errstate(all="ignore"):
        return fn(*args)


def _step(z):
    return (np.asarray(z, dtype=float) >= 0).astype(float)


def table_name(table) -> str:
    """The name of the truth table ``table`` (four 0/1 outputs on the corners, in :data:`CORNERS`' order)."""
    outputs = [int(v) for v in np.asarray(table).ravel()]
    return TABLES.get("".join(map(str, outputs)), f"the truth table {outputs}")


# --------------------------------------------------------------------------- exercise 1

SHAPES = {"W1": (2, 2), "b1": (2,), "W2": (2, 1), "b2": (1,)}


def _dict_with(out, keys, what, ending, kind="a dict"):
    """Check that ``out`` is a dict holding every one of ``keys``; ``ending`` is the return statement to suggest."""
    if not isinstance(out, dict):
        fail(what, f"expected {kind}, got {type(out).__name__}.", f"End the function with `{ending}`.")
    missing = [k for k in keys if k not in out]
    if missing:
        fail(what, f"the dict has keys {sorted(map(str, out))}, missing {missing}.",
             "Use the keys " + ", ".join(f'"{k}"' for k in keys) + ".")


def _weights(out, what):
    _dict_with(out, SHAPES, what, 'return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}', "a dict of weights")
    p = {}
    for key, shape in SHAPES.items():
        p[key] = check_shape(out[key], shape, f"{what}: {key}",
                             "W1 is (2, 2) with one column per hidden unit, b1 is (2,), W2 is (2, 1), b2 is (1,).")
        if not np.all(np.isfinite(p[key])):
            fail(f"{what}: {key}", "contains nan or inf.", "Use finite numbers.")
    return p


def _net(x, p):
    h = _step(x @ p["W1"] + p["b1"])
    return h, _step(h @ p["W2"] + p["b2"])[:, 0]


def xor_weights(fn) -> None:
    """Check ``xor_weights() -> {"W1", "b1", "W2", "b2"}`` by running the threshold network."""
    what = "xor_weights()"
    p = _weights(_quiet(fn), what)
    passed("returns W1 (2, 2), b1 (2,), W2 (2, 1), b2 (1,)")

    h, y = _net(CORNERS, p)
    if not np.array_equal(y, XOR):
        units = ", ".join(table_name(h[:, j]) for j in range(2))
        fail(f"{what} on the corners (0,0), (0,1), (1,0), (1,1)",
             f"the network outputs {y.astype(int).tolist()}, which is {table_name(y)}; expected [0, 1, 1, 0] (XOR).",
             f"Your hidden units compute {units}. Aim for h1 = OR, h2 = AND and y = h1 AND NOT h2; "
             "remember that phi(z) = 1 when z >= 0, also at z = 0.")
    passed("the network computes XOR on the four corners")

    shifts = np.array([[a, b] for a in (-0.1, 0.1) for b in (-0.1, 0.1)])
    for corner, target in zip(CORNERS, XOR):
        pts = corner + shifts
        h_noisy, y_noisy = _net(pts, p)
        bad = np.flatnonzero(y_noisy != target)
        if bad.size:
            changed = [j for j in range(2) if np.any(h_noisy[:, j] != _net(corner[None], p)[0][0, j])]
            fail(f"{what} on inputs within 0.1 of the corner {tuple(corner.astype(int))}",
                 f"at x = {tuple(np.round(pts[bad[0]], 2))} the output is {int(y_noisy[bad[0]])}, "
                 f"expected {int(target)}.",
                 (f"hidden unit {changed[0] + 1} flips there: " if changed else "")
                 + "a line through or next to a corner is on a knife edge; put each line halfway between "
                 "the corners it separates (its pre-activation should be about +-0.5 at the corners).")
    passed("the network still computes XOR when each input moves by up to 0.1")
    finish()


# --------------------------------------------------------------------------- exercise 2

def _run_stack(x, layers):
    for W, b in layers:
        x = x @ W + b
    return x


def _collapse_case(fn, layers, what):
    before = [(W.copy(), b.copy()) for W, b in layers]
    W, b = check_tuple(_quiet(fn, [(W.copy(), b.copy()) for W, b in layers]), ("W", "b"), what)
    d0, dL = layers[0][0].shape[0], layers[-1][0].shape[1]
    zero = _run_stack(np.zeros((1, d0)), layers)[0]
    # Row i of the collapsed W is the stack's response to the unit vector e_i, minus its response to 0.
    expected_W = _run_stack(np.eye(d0), layers) - zero
    got_W = check_shape(W, (d0, dL), f"{what}: W",
                        "W maps d_0 inputs to d_L outputs: multiply the weight matrices in the order the "
                        "layers are applied, W1 @ W2 @ ...")
    got_b = check_shape(b, (dL,), f"{what}: b", "b has one entry per output of the last layer.")
    hint_b = ("b is the stack's output for x = 0: every bias is carried through the weight matrices of the "
              "layers after it, b = (b1 @ W2 + b2) @ W3 + b3 ...")
    same = all(bb.shape == (dL,) for _, bb in layers)
    if same and np.allclose(got_b, sum(bb for _, bb in layers)):
        hint_b = "Adding the biases up is not enough: each bias is multiplied by the weights of the later layers."
    elif len(layers) > 1 and np.allclose(got_b, layers[-1][1]):
        hint_b = "The earlier layers' biases are missing: they pass through the later layers' weights."
    hint_W = "W = W1 @ W2 @ ... @ WL, in the order the layers are applied."
    if len(layers) > 1 and all(W.shape[0] == W.shape[1] for W, _ in layers):
        rev = np.eye(d0)
        for W_l, _ in reversed(layers):
            rev = rev @ W_l
        if np.allclose(got_W, rev):
            hint_W = "You multiplied the matrices in reverse: x @ W1 @ W2 needs W = W1 @ W2, not W2 @ W1."
    check_close(got_W, expected_W, f"{what}: W", hint_W)
    check_close(got_b, zero, f"{what}: b", hint_b)
    for (W0, b0), (W1, b1) in zip(before, layers):
        if not (np.array_equal(W0, W1) and np.array_equal(b0, b1)):
            fail(what, "a layer's W or b was changed by the call.",
                 "Build new arrays; do not update the given ones in place.")


def collapse_linear(fn) -> None:
    """Check ``collapse_linear(layers) -> (W, b)`` against running the stack of layers."""
    rng = np.random.default_rng(0)
    layers = [(rng.normal(size=(3, 3)), rng.normal(size=3)) for _ in range(3)]
    _collapse_case(fn, layers, "collapse_linear for three layers of width 3")
    passed("three layers 3 -> 3 -> 3 -> 3: W and b match the stack")

    layers = [(rng.normal(size=(3, 4)), rng.normal(size=4)), (rng.normal(size=(4, 2)), rng.normal(size=2))]
    _collapse_case(fn, layers, "collapse_linear for two layers 3 -> 4 -> 2")
    passed("two layers 3 -> 4 -> 2: W (3, 2) and b (2,) match the stack")

    layers = [(rng.normal(size=(m, n)), rng.normal(size=n)) for m, n in ((2, 3), (3, 3), (3, 5), (5, 1))]
    _collapse_case(fn, layers, "collapse_linear for four layers 2 -> 3 -> 3 -> 5 -> 1")
    passed("four layers 2 -> 3 -> 3 -> 5 -> 1")

    layers = [(rng.normal(size=(3, 2)), rng.normal(size=2))]
    _collapse_case(fn, layers, "collapse_linear for a single layer 3 -> 2")
    passed("a single layer collapses to itself")
    finish()


# --------------------------------------------------------------------------- exercise 3

COUNT_KEYS = ("weights", "biases", "multiply_adds")
EXACT_HINT = ("Count with Python ints: a float rounds large counts, and NumPy's int64 wraps around above 9.2e18.")


def _layer_counts(sizes, N):
    """Weights, biases and multiply-adds counted from the arrays of each layer, one layer at a time."""
    out = dict.fromkeys(COUNT_KEYS, 0)
    x = np.zeros((N, sizes[0]))
    for m, n in zip(sizes[:-1], sizes[1:]):
        W, b = np.zeros((m, n)), np.zeros(n)
        out["weights"] += W.size
        out["biases"] += b.size
        out["multiply_adds"] += x.shape[0] * W.shape[1] * x.shape[1]   # N * n dot products of length m
        x = np.zeros((N, n))
    return out


def _whole(got, what):
    if isinstance(got, bool) or not isinstance(got, (int, np.integer)):
        fail(what, f"expected a whole number, got {type(got).__name__} {got!r}.", EXACT_HINT)
    return int(got)


def _count_hint(key, got, right, sizes, N):
    """A hint naming the mistake that gives ``got`` for ``key``, when it is a known one."""
    w, b = right["weights"], right["biases"]
    if key == "biases":
        if got == sum(sizes):
            return "The inputs have no biases: only the units of the hidden and output layers have one."
        if got == sum(sizes[1:-1]):
            return "The output units have biases too: every unit after the input layer has one."
    if key == "multiply_adds":
        if got == w and N != 1:
            return "The multiply-adds are for a batch of N examples: every example goes through every layer."
        if got == N * (w + b):
            return "Only the matrix products are counted: adding a bias is not a multiply-add."
        if got == 2 * N * w:
            return "One multiply-add is a multiplication and the addition that follows it, counted once."
    if key == "weights":
        if got == int(np.prod(sizes)):
            return ("The product of all the sizes counts input-to-output paths, not weights: add up one product "
                    "per pair of consecutive layers.")
        if len(sizes) > 3 and got == sizes[0] * sizes[1] + (len(sizes) - 3) * sizes[1] ** 2 + sizes[1] * sizes[-1]:
            return ("The hidden layers need not all have the width of the first one: count each pair of "
                    "consecutive layers with its own sizes.")
        if got == _layer_counts(sizes[:-1], N)["weights"]:
            return "The last layer (into the outputs) is missing: there is one weight matrix per pair of layers."
    return ("Go layer by layer: layer l has a d_{l-1} x d_l weight matrix and d_l biases, and each of the N * d_l "
            "entries of H W is a dot product of d_{l-1} multiply-adds.")


def _count_case(fn, sizes, N=None):
    what = f"count_params({sizes}" + ("" if N is None else f", N={N}") + ")"
    got = _quiet(fn, list(sizes)) if N is None else _quiet(fn, list(sizes), N)
    _dict_with(got, COUNT_KEYS, what, 'return {"weights": ..., "biases": ..., "multiply_adds": ...}')
    right = _layer_counts(sizes, 1 if N is None else N)
    for key in COUNT_KEYS:
        value = _whole(got[key], f"{what}: {key}")
        if value != right[key]:
            fail(f"{what}: {key}", f"expected {right[key]:,}, got {value:,}.",
                 _count_hint(key, value, right, sizes, 1 if N is None else N))


def count_params(fn) -> None:
    """Check ``count_params(sizes, N=1) -> {"weights", "biases", "multiply_adds"}`` against arrays of each layer."""
    _count_case(fn, [5, 4, 3, 6, 2], 3)
    passed("hidden layers of different widths, 5 -> 4 -> 3 -> 6 -> 2, a batch of 3")
    _count_case(fn, [2, 2, 1], 4)
    passed("the XOR network 2 -> 2 -> 1 on the four corners")
    _count_case(fn, [7, 3], 5)
    passed("no hidden layer, 7 -> 3")
    _count_case(fn, [4, 6, 2])
    passed("one example when N is left out")
    finish()


# --------------------------------------------------------------------------- exercise 4

def _net_params(d, K, L, H):
    """Weights and biases of d -> H (L hidden layers) -> K, counted from the shapes of its arrays."""
    sizes = [d] + [H] * L + [K]
    return sum(m * n + n for m, n in zip(sizes[:-1], sizes[1:]))


def _walk_paths(d, K, L, H):
    """Input-to-output paths walked layer by layer with Python ints."""
    reach = [1] * d
    for width in [H] * L + [K]:
        reach = [sum(reach)] * width
    return sum(reach)


def _width_hint(H, H0, d, K, L, budget):
    def count_weights(h):
        return _net_params(d, K, L, h) - L * h - K

    if H > H0 and count_weights(H) <= budget < count_weights(H + 1):
        return "The biases count against the budget too: one per hidden unit and one per output."
    if H == H0 + 1:
        return "That width is over the budget: return the last width that fits, not the first that does not."
    if H == H0 - 1 and _net_params(d, K, L, H0) == budget:
        return "A budget met exactly is spent: keep a width whose count equals the budget (<=, not <)."
    if H < H0 and _net_params(d, K, L, H) + H * H <= budget < _net_params(d, K, L, H + 1) + (H + 1) ** 2:
        return "L hidden layers have only L - 1 matrices of H x H between them."
    return (f"Write the number of parameters as a function of H and find the largest H for which it is at most the "
            f"budget: at H = {H0} it is {_net_params(d, K, L, H0):,}, at H = {H0 + 1} "
            f"{_net_params(d, K, L, H0 + 1):,}.")


def _paths_hint(p, H, d, K, L):
    exact = _walk_paths(d, K, L, H)
    if p == H ** L:
        return "A path also chooses its input unit and its output unit: it starts at one of d and ends at one of K."
    if p == d * H * L * K:
        return "The choices in successive layers multiply, they do not add up."
    if exact > 2 ** 53 and (p < 0 or exact >= 2 ** 63 > abs(p) or abs(p - exact) < exact // 10 ** 6):
        return EXACT_HINT + " d * H ** L * K on Python ints is exact."      # a wrapped int64 or a rounded float
    return "A path picks one of the d inputs, one unit in each hidden layer and one of the K outputs."


def _width_case(fn, d, K, L, budget):
    what = f"width_depth_counts(d={d}, K={K}, L={L}, budget={budget:,})"
    try:
        out = _quiet(fn, d, K, L, budget)
    except ZeroDivisionError as exc:
        fail(what, f"ZeroDivisionError: {exc}.",
             "With L = 1 there is no H x H matrix: the count is linear in H, not quadratic, so the quadratic "
             "formula divides by zero. Handle that case, or find H by counting.")
    H, n, p = check_tuple(out, ("H", "n_params", "n_paths"), what)
    H, n, p = (_whole(v, f"{what}: {label}") for v, label in zip((H, n, p), ("H", "n_params", "n_paths")))
    H0 = 1
    while _net_params(d, K, L, H0 + 1) <= budget:
        H0 += 1
    if H != H0:
        fail(f"{what}: H", f"expected {H0}, got {H}.", _width_hint(H, H0, d, K, L, budget))
    if n != _net_params(d, K, L, H0):
        fail(f"{what}: n_params", f"expected {_net_params(d, K, L, H0):,}, got {n:,}.",
             "n_params is the number of weights and biases of the network of width H.")
    if p != _walk_paths(d, K, L, H0):
        fail(f"{what}: n_paths", f"expected {_walk_paths(d, K, L, H0):,}, got {p:,}.", _paths_hint(p, H0, d, K, L))


def width_depth_counts(fn) -> None:
    """Check ``width_depth_counts(d, K, L, budget) -> (H, n_params, n_paths)`` by widening one unit at a time."""
    _width_case(fn, 6, 4, 1, 250)
    passed("d = 6, K = 4, one hidden layer, a budget of 250")
    _width_case(fn, 4, 3, 2, 200)
    passed("two hidden layers, a budget of 200")
    _width_case(fn, 10, 2, 3, _net_params(10, 2, 3, 7))
    passed("a budget met exactly buys that width")
    _width_case(fn, 4, 3, 3, 300)
    passed("three hidden layers, a budget of 300")
    _width_case(fn, 3, 3, 20, _net_params(3, 3, 20, 9))
    passed("twenty hidden layers: an exact path count beyond 64-bit integers")
    finish()


# --------------------------------------------------------------------------- exercise 5

def _softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _mlp(x, params):
    h = x
    for W, b in params[:-1]:
        h = np.maximum(0.0, h @ W + b)
    return h @ params[-1][0] + params[-1][1]


def _mlp_case(rng, n, sizes, scale=1.0):
    params = [(rng.normal(size=(m, k)), rng.normal(size=k)) for m, k in zip(sizes[:-1], sizes[1:])]
    params[-1] = (params[-1][0] * scale, params[-1][1] * scale)
    return rng.normal(size=(n, sizes[0])), params


def _mlp_hint(got, x, params):
    n, k = x.shape[0], params[-1][0].shape[1]
    if got.shape != (n, k) or not np.all(np.isfinite(got)):
        return None
    logits = _mlp(x, params)
    if np.allclose(got, _softmax(np.maximum(logits, 0))):
        return "No ReLU after the last layer: softmax is applied to the raw logits."
    if np.allclose(got, logits):
        return "These are the logits: apply softmax to turn them into probabilities."
    if n > 1 and np.allclose(got.sum(axis=0), 1.0):
        return "Your columns sum to 1: softmax normalises each row (axis=1, keepdims=True)."
    lin = x
    for W, b in params:
        lin = lin @ W + b
    if len(params) > 1 and np.allclose(got, _softmax(lin)):
        return "The ReLU between the layers is missing: h = max(0, h @ W + b) for every layer but the last."
    return None


def mlp_forward(fn) -> None:
    """Check ``mlp_forward(x, params) -> probabilities (N, K)`` against a stable reference."""
    rng = np.random.default_rng(0)
    x, params = _mlp_case(rng, 5, (3, 4, 2))
    what = "mlp_forward(x, params) with N=5 and layers 3 -> 4 -> 2"
    got = check_shape(_quiet(fn, x.copy(), params), (5, 2), what,
                      "The output has one row per example and one column per class.")
    passed("one hidden layer: output of shape (5, 2)")
    check_close(got, _softmax(_mlp(x, params)), what,
                _mlp_hint(got, x, params)
                or "ReLU after each hidden layer, none after the last; then softmax over each row.")
    passed("one hidden layer: ReLU, then softmax of the logits")

    x, params = _mlp_case(rng, 4, (2, 5, 3, 4))
    what = "mlp_forward with two hidden layers 2 -> 5 -> 3 -> 4"
    got = check_shape(_quiet(fn, x.copy(), params), (4, 4), what)
    check_close(got, _softmax(_mlp(x, params)), what,
                _mlp_hint(got, x, params) or "Apply every (W, b) pair in order, with ReLU after all but the last.")
    passed("two hidden layers; each row sums to 1")

    x, params = _mlp_case(rng, 1, (3, 2))
    what = "mlp_forward with a single layer (no hidden layer) and a batch of 1"
    got = check_shape(_quiet(fn, x.copy(), params), (1, 2), what,
                      "Keep the batch dimension: a batch of one gives shape (1, K).")
    check_close(got, _softmax(_mlp(x, params)), what,
                "With a single layer there is no ReLU at all: softmax(x @ W + b).")
    passed("a single layer and a batch of one")

    x, params = _mlp_case(rng, 4, (2, 3, 3), scale=500.0)
    what = "mlp_forward with logits of size ~1000"
    got = _quiet(fn, x.copy(), params)
    check_close(got, _softmax(_mlp(x, params)), what,
                "exp(1000) overflows to inf: subtract each row's maximum logit before exponentiating.", atol=1e-12)
    passed("no nan or inf for logits of size ~1000")
    finish()
