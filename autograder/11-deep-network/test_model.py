"""Hidden tests for Exercise 1: ``init_params(layer_sizes, seed)``, ``model_forward(params, X)``
and ``model_backward(dscores, caches, params)``.

params is a list of L dicts {"W": (D_{l-1}, D_l), "b": (D_l,)}; Z_l = H_{l-1} W_l + b_l,
H_l = max(Z_l, 0) for layer < L, scores = Z_L; backward dW = H^T G, db = sum_n G, G_{l-1} = G W^T * [Z > 0].
"""

import numpy as np

from nncourse.grading.testing import expect, expect_close, expect_dtype, expect_shape, fail, weight

# -- reference -------------------------------------------------------------------------

def forward(params, X):
    h, cache = X, []
    for layer, p in enumerate(params):
        z = h @ p["W"] + p["b"]
        cache.append((h, z))
        h = np.maximum(z, 0.0) if layer < len(params) - 1 else z
    return h, cache


def backward(dscores, cache, params, mask=lambda z: z > 0):
    grads, g = [None] * len(params), dscores
    for layer in range(len(params) - 1, -1, -1):
        h, z = cache[layer]
        if layer < len(params) - 1:
            g = g * mask(z)
        grads[layer] = {"W": h.T @ g, "b": g.sum(axis=0)}
        g = g @ params[layer]["W"].T
    return grads


def draw(rng, layers=None, n=None, scale=1.0):
    layers = int(rng.integers(1, 5)) if layers is None else layers
    sizes = [int(rng.integers(1, 7)) for _ in range(layers + 1)]
    params = [{"W": rng.normal(size=(a, b)) * scale, "b": rng.normal(size=b) * scale}
              for a, b in zip(sizes[:-1], sizes[1:])]
    n = int(rng.integers(2, 8)) if n is None else n
    return params, rng.normal(size=(n, sizes[0])) * scale, sizes


def describe(sizes, X):
    return f"layer sizes {sizes}, X of shape {X.shape}"


# -- calling the student ---------------------------------------------------------------

def student_forward(student, params, X, what):
    # the first cache may keep X itself (a reference, as layers cache their input); changing X is still wrong
    out = student.function("model_forward", allow_alias=("X",))(params, X)
    expect(isinstance(out, (tuple, list)) and len(out) == 2,
           f"{what}: expected a pair (scores, caches), got {type(out).__name__}.",
           "End model_forward with `return scores, caches`.")
    return out


def check_grads(got, expected, what, hint_for):
    if not isinstance(got, (list, tuple)) or len(got) != len(expected):
        n = len(got) if isinstance(got, (list, tuple)) else None
        fail(f"{what}: expected a list of {len(expected)} dicts (one per layer), got {type(got).__name__}"
             + ("" if n is None else f" of length {n}") + ".",
             "Return grads with the structure of params: grads[l] = {'W': ..., 'b': ...}.")
    if len(expected) > 1 and all(isinstance(g, dict) and "W" in g for g in got) and all(
            np.shape(g["W"]) == e["W"].shape and np.allclose(np.asarray(g["W"], dtype=float), e["W"])
            for g, e in zip(got[::-1], expected)):
        fail(f"{what}: the gradients are in reverse order (grads[0] belongs to the last layer).",
             "Walking the layers backwards, store each layer's gradients at its own index, grads[l] = ...")
    for layer, (g, e) in enumerate(zip(got, expected)):
        expect(isinstance(g, dict) and "W" in g and "b" in g,
               f"{what}: grads[{layer}] should be a dict with the keys 'W' and 'b', got {type(g).__name__}.",
               "Return grads[l] = {'W': dW, 'b': db} for every layer l, in layer order.")
        for k in ("W", "b"):
            expect_close(g[k], e[k], f"{what}: grads[{layer}]['{k}']", hint_for(layer, k, g[k]), rtol=1e-6, atol=1e-9)


# -- init_params --------------------------------------------------------------------------

@weight(1)
def test_init_shapes_and_zero_biases(student, rng):
    """init_params: one dict per layer, W (n_in, n_out), b zeros (n_out,); one layer and several"""
    for count in (2, int(rng.integers(3, 6))):          # one layer, and two to four, for every student
        sizes = [int(rng.integers(1, 9)) for _ in range(count)]
        seed = int(rng.integers(1_000_000))
        what = f"init_params({sizes}, seed={seed})"
        got = student.function("init_params")(sizes, seed)
        expect(isinstance(got, (list, tuple)) and len(got) == len(sizes) - 1,
               f"{what}: expected a list of {len(sizes) - 1} dicts, got "
               f"{type(got).__name__}{' of length ' + str(len(got)) if isinstance(got, (list, tuple)) else ''}.",
               "len(layer_sizes) - 1 layers: one between each pair of consecutive sizes.")
        for layer, p in enumerate(got):
            expect(isinstance(p, dict) and "W" in p and "b" in p,
                   f"{what}: entry {layer} is not a dict with 'W' and 'b'.")
            expect_shape(p["W"], (sizes[layer], sizes[layer + 1]), f"{what}: [{layer}]['W']",
                         "W of layer l is (layer_sizes[l], layer_sizes[l+1]).")
            expect_close(p["b"], np.zeros(sizes[layer + 1]), f"{what}: [{layer}]['b']", "Biases start at zero.")
            expect_dtype(np.asarray(p["b"]), "float", f"{what}: [{layer}]['b']",
                         "Biases are floats like the weights: np.zeros(n_out), not np.zeros(n_out, dtype=int).")


@weight(1)
def test_init_he_scale_and_seed(student, rng):
    """init_params: He scale sqrt(2 / fan_in), reproducible from the seed, new draws for a new seed"""
    sizes = [int(rng.integers(400, 500)), int(rng.integers(150, 250)), int(rng.integers(20, 60))]
    seed = int(rng.integers(1_000_000))
    what = f"init_params({sizes}, seed={seed})"
    fn = student.function("init_params")
    got = fn(sizes, seed)
    for layer, p in enumerate(got):
        W = expect_shape(p["W"], (sizes[layer], sizes[layer + 1]), f"{what}: [{layer}]['W']")
        std, he = float(W.std()), np.sqrt(2.0 / sizes[layer])
        hint = "He initialisation draws W from N(0, 2 / fan_in): standard deviation sqrt(2 / fan_in)."
        if np.isclose(std, 2.0 / sizes[layer], rtol=0.1):
            hint = "You used 2 / fan_in as the standard deviation; it is the variance, take its square root."
        elif np.isclose(std, np.sqrt(2.0 / sizes[layer + 1]), rtol=0.05):
            hint = "You scaled by the fan-out; He uses the fan-in, the layer's number of inputs."
        elif np.isclose(std, np.sqrt(2.0 / (sizes[layer] + sizes[layer + 1])), rtol=0.05):
            hint = "That is Xavier/Glorot's scale sqrt(2 / (fan_in + fan_out)); for ReLU use He's sqrt(2 / fan_in)."
        elif np.isclose(std, np.sqrt(1.0 / sizes[layer]), rtol=0.05):
            hint = "sqrt(1 / fan_in) is LeCun's scale; He's factor 2 makes up for ReLU zeroing half the inputs."
        expect(0.93 * he < std < 1.07 * he and abs(float(W.mean())) < 0.1 * he,
               f"{what}: layer {layer} weights have mean {float(W.mean()):.4f} and standard deviation {std:.5f}; "
               f"expected mean about 0 and standard deviation sqrt(2/{sizes[layer]}) = {he:.5f}.", hint)
    again = fn(sizes, seed)
    same = all(np.array_equal(np.asarray(a["W"]), np.asarray(b["W"])) for a, b in zip(got, again))
    expect(same, f"{what}: two calls with the same seed gave different weights.",
           "Make rng = np.random.default_rng(seed) inside the function and draw from it, never from np.random.")
    other = fn(sizes, seed + 1)
    expect(not np.array_equal(np.asarray(other[0]["W"]), np.asarray(got[0]["W"])),
           f"{what}: seed {seed + 1} gave the same weights as seed {seed}.", "Use the seed you are given.")


# -- model_forward --------------------------------------------------------------------------

@weight(2)
def test_forward_scores(student, rng):
    """model_forward: scores of random networks with 1 to 4 layers"""
    for layers in (1, 2, 3, 4):
        params, X, sizes = draw(rng, layers=layers)
        what = f"model_forward(params, X) with {describe(sizes, X)}"
        scores, _ = student_forward(student, params, X, what)
        expected, _ = forward(params, X)
        hint = "Z_l = H_{l-1} W_l + b_l for every layer, ReLU after every layer but the last."
        got = np.asarray(scores, dtype=float) if not isinstance(scores, (dict, str, type(None))) else None
        if got is not None and got.shape == expected.shape:
            relu_out = np.maximum(expected, 0)
            if np.allclose(got, relu_out) and not np.allclose(expected, relu_out):
                hint = "The last layer has no ReLU: return its Z as the scores."
            h = X
            for p in params:
                h = h @ p["W"] + p["b"]
            if layers > 1 and np.allclose(got, h) and not np.allclose(h, expected):
                hint = "The hidden layers need a ReLU, max(Z, 0); without it the network is one linear map."
        expect_close(scores, expected, what + ": scores", hint)


@weight(1)
def test_forward_batch_of_one_and_large_values(student, rng):
    """model_forward: a batch of one example, and inputs of size 1e3"""
    params, X, sizes = draw(rng, layers=3, n=1)
    what = f"model_forward(params, X) with {describe(sizes, X)}"
    scores, _ = student_forward(student, params, X, what)
    expect_close(scores, forward(params, X)[0], what + ": scores",
                 "With one example X is still a matrix (1, D) and the scores (1, K).")
    params, X, sizes = draw(rng, layers=2, scale=1e3)
    what = f"model_forward(params, X) with {describe(sizes, X)}, entries of size 1e3"
    scores, _ = student_forward(student, params, X, what)
    expect_close(scores, forward(params, X)[0], what + ": scores", rtol=1e-9)


# -- model_backward --------------------------------------------------------------------------

def backward_hint(params, cache, dscores):
    def hint_for(layer, k, got):
        got = np.asarray(got, dtype=float) if not isinstance(got, (dict, str, type(None), list)) else None
        exp = backward(dscores, cache, params)[layer][k]
        if got is None or got.shape != exp.shape:
            if k == "W":
                return "dW_l = H_{l-1}^T G_l has the shape of W_l."
            return "db_l sums G_l over the batch (axis 0): shape (D_l,)."
        n = dscores.shape[0]
        if k == "b" and np.allclose(got, exp / n) and n > 1:
            return "db is a sum over the rows, not a mean: the 1/N is already in dscores."
        if np.allclose(got, backward(dscores, cache, params, mask=lambda z: z >= 0)[layer][k]):
            return "At Z = 0 exactly the ReLU's derivative is taken to be 0: mask with Z > 0, not Z >= 0."
        if np.allclose(got, backward(dscores, cache, params, mask=lambda z: np.ones_like(z))[layer][k]):
            return "The gradient must pass the ReLU: multiply G by (Z > 0) of each hidden layer on the way back."
        if k == "W" and np.allclose(got, exp * n):
            return "Do not divide again or multiply by N: dscores already carries the 1/N of the mean."
        return {"W": "dW_l = H_{l-1}^T G_l, where H_{l-1} is the layer's input (after the previous ReLU).",
                "b": "db_l = G_l.sum(axis=0)."}[k]
    return hint_for


@weight(3)
def test_backward_random_networks(student, rng):
    """model_backward: every gradient of random networks with 1 to 4 layers"""
    for layers in (1, 2, 3, 4):
        params, X, sizes = draw(rng, layers=layers)
        what = f"model_backward(dscores, caches, params) with {describe(sizes, X)}"
        _, caches = student_forward(student, params, X, what.replace("model_backward(dscores, caches, params)",
                                                                      "model_forward(params, X)"))
        dscores = rng.normal(size=(X.shape[0], sizes[-1]))
        got = student.function("model_backward")(dscores, caches, params)
        _, cache = forward(params, X)
        check_grads(got, backward(dscores, cache, params), what, backward_hint(params, cache, dscores))


@weight(1)
def test_backward_exact_zeros_at_kinks(student, rng):
    """model_backward: pre-activations exactly 0 get no gradient (ReLU'(0) = 0), batch of one"""
    params, X, sizes = draw(rng, layers=3)
    X = np.abs(X)
    params[0]["W"][:, 0] = 0.0
    params[0]["b"][0] = 0.0            # unit 0 of layer 1: Z exactly 0 for every example
    params[1]["b"][:] = 0.0
    params[1]["W"][:] = np.where(rng.random(params[1]["W"].shape) < 0.5, 0.0, params[1]["W"])
    for batch in (X, X[:1]):
        what = f"model_backward(dscores, caches, params) with {describe(sizes, batch)}, some Z exactly 0"
        _, caches = student_forward(student, params, batch, what)
        dscores = rng.normal(size=(batch.shape[0], sizes[-1]))
        got = student.function("model_backward")(dscores, caches, params)
        _, cache = forward(params, batch)
        check_grads(got, backward(dscores, cache, params), what, backward_hint(params, cache, dscores))
