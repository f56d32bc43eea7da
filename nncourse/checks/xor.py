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
right shapes and paths by walking the layers one at a time.
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


def _weights(out, what):
    if not isinstance(out, dict):
        fail(what, f"expected a dict of weights, got {type(out).__name__}.",
             'End the function with `return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}`.')
    missing = [k for k in SHAPES if k not in out]
    if missing:
        fail(what, f"the dict has keys {sorted(map(str, out))}, missing {missing}.",
             'Use the keys "W1", "b1", "W2", "b2".')
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

def _sizes(d, H, L, K, biases):
    shapes = [(d, H)] + [(H, H)] * (L - 1) + [(H, K)]
    n = sum(int(np.prod(s)) for s in shapes)
    if biases:
        n += sum(s[1] for s in shapes)
    return n


def _integer(got, what, hint=None):
    if isinstance(got, bool) or not isinstance(got, (int, float, np.integer, np.floating)):
        fail(what, f"expected a whole number, got {type(got).__name__}.", hint or "Return a single int.")
    if isinstance(got, (float, np.floating)) and (not np.isfinite(got) or got != int(got)):
        fail(what, f"expected a whole number, got {got!r}.", hint or "Counts are integers.")
    return int(got)


def count_params(fn) -> None:
    """Check ``count_params(d, H, L, K, biases=True) -> int`` by counting entries of arrays."""
    for args in ((2, 3, 1, 1), (4, 5, 3, 2), (10, 6, 2, 7)):
        for biases in (False, True):
            d, H, L, K = args
            what = f"count_params(d={d}, H={H}, L={L}, K={K}, biases={biases})"
            got = _integer(_quiet(fn, d, H, L, K, biases), what)
            expected = _sizes(d, H, L, K, biases)
            if got != expected:
                hint = "weights d*H + (L-1)*H*H + H*K; biases one per hidden unit and per output, L*H + K."
                if got == expected - (L * H + K) and biases:
                    hint = "The biases are missing: with biases=True add one per hidden unit and per output."
                elif got == expected + L * H + K and not biases:
                    hint = "With biases=False count the weights only."
                elif got - expected == H * H:
                    hint = "L hidden layers have only L - 1 matrices of H x H between them: (L-1)*H*H."
                elif biases and got - expected == -K:
                    hint = "The output layer has biases too: K of them."
                fail(what, f"expected {expected}, got {got}.", hint)
    passed("small networks, with and without biases, including a single hidden layer")
    what = "count_params(10000, 300, 10, 1000, biases=False)"
    got = _integer(_quiet(fn, 10_000, 300, 10, 1_000, False), what)
    if got != _sizes(10_000, 300, 10, 1_000, False):
        fail(what, f"expected {_sizes(10_000, 300, 10, 1_000, False):,}, got {got:,}.", "See the worked example above.")
    passed("the lecture's example: 4,110,000 weights")
    finish()


# --------------------------------------------------------------------------- exercise 4

def _walk(w, k):
    """Weights and paths counted layer by layer with Python ints."""
    weights, paths_to = 0, [1] * w          # one way to be at each input unit
    for _ in range(k + 1):
        weights += w * w
        paths_to = [sum(paths_to)] * w      # every unit of the next layer is reached from every unit
    return weights, sum(paths_to)


def width_depth_counts(fn) -> None:
    """Check ``width_depth_counts(w, k) -> (n_weights, n_paths)`` against a layer-by-layer count."""
    for w, k in ((2, 1), (3, 0), (4, 2), (10, 3)):
        what = f"width_depth_counts(w={w}, k={k})"
        out = _quiet(fn, w, k)
        if not isinstance(out, (tuple, list)) or len(out) != 2:
            fail(what, f"expected a pair (n_weights, n_paths), got {type(out).__name__}.",
                 "End the function with `return n_weights, n_paths`.")
        got = (_integer(out[0], what + ": n_weights"), _integer(out[1], what + ": n_paths"))
        expected = _walk(w, k)
        if got[0] != expected[0]:
            hint = "There are k + 1 weight matrices of w x w between the k + 2 layers."
            if got[0] == w * w * (k + 2):
                hint = "k + 2 layers have only k + 1 weight matrices between them."
            elif got == expected[::-1]:
                hint = "The pair is in the wrong order: return (n_weights, n_paths)."
            fail(what, f"n_weights: expected {expected[0]}, got {got[0]}.", hint)
        if got[1] != expected[1]:
            hint = "A path picks one unit in each of the k + 2 layers (input, k hidden, output)."
            if got[1] == w ** (k + 1):
                hint = "Count the choices in all k + 2 layers, the input and the output layer included."
            fail(what, f"n_paths: expected {expected[1]}, got {got[1]}.", hint)
    passed("small networks: (2, 1), (3, 0), (4, 2), (10, 3)")

    what = "width_depth_counts(w=100, k=10)"
    out = _quiet(fn, 100, 10)
    expected = _walk(100, 10)
    n_paths = out[1] if isinstance(out, (tuple, list)) and len(out) == 2 else None
    if not isinstance(n_paths, (int, np.integer)) or int(n_paths) != expected[1]:
        fail(what, f"n_paths: expected {expected[1]} (10**24), got {n_paths!r}.",
             "NumPy's int64 wraps around above 9.2e18 and floats round: compute with Python ints, w ** (k + 2).")
    passed("large counts are exact: 10**24 paths for w = 100, k = 10")
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
