"""Hidden tests for Exercise 2: ``numerical_grads(params, X, y, h)``, ``update_ratios(before, after)``
and ``dead_fraction(params, X)``.

numerical_grads: centred differences (L(theta + h) - L(theta - h)) / 2h of the mean softmax
cross-entropy of model_forward, per entry, structure of params, params restored.
update_ratios: [||W'_l - W_l||_F / ||W_l||_F for each layer].
dead_fraction: per hidden layer, the fraction of units whose ReLU output is 0 on every row of X.
"""

import numpy as np

from nncourse.checks.deepnet import finite_differences
from nncourse.grading.testing import expect, expect_close, fail, weight

# -- reference -------------------------------------------------------------------------

def forward(params, X):
    h = X
    for layer, p in enumerate(params):
        z = h @ p["W"] + p["b"]
        h = np.maximum(z, 0.0) if layer < len(params) - 1 else z
    return h


def ce(scores, y):
    z = scores - scores.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return float(-logp[np.arange(len(y)), y].mean())


def loss(params, X, y):
    return ce(forward(params, X), y)


def exact_grads(params, X, y):
    h, cache = X, []
    for layer, p in enumerate(params):
        z = h @ p["W"] + p["b"]
        cache.append((h, z))
        h = np.maximum(z, 0.0) if layer < len(params) - 1 else z
    s = h - h.max(axis=1, keepdims=True)
    prob = np.exp(s) / np.exp(s).sum(axis=1, keepdims=True)
    prob[np.arange(len(y)), y] -= 1
    g, grads = prob / len(y), [None] * len(params)
    for layer in range(len(params) - 1, -1, -1):
        h, z = cache[layer]
        if layer < len(params) - 1:
            g = g * (z > 0)
        grads[layer] = {"W": h.T @ g, "b": g.sum(axis=0)}
        g = g @ params[layer]["W"].T
    return grads


def differences(params, X, y, h, one_sided=False, divide=2.0):
    """The reference's differences of the loss (or those of a known mistake), changing ``params`` and restoring it."""
    return finite_differences(lambda trial: loss(trial, X, y), params, h, one_sided, divide)


def draw(rng, layers=2, n=4):
    sizes = [int(rng.integers(2, 5)) for _ in range(layers)] + [int(rng.integers(2, 4))]
    params = [{"W": rng.normal(size=(a, b)) / np.sqrt(a), "b": 0.3 * rng.normal(size=b)}
              for a, b in zip(sizes[:-1], sizes[1:])]
    X = rng.normal(size=(n, sizes[0]))
    y = rng.integers(0, sizes[-1], size=n)
    return params, X, y, sizes


def as_list_of_dicts(got, params, what):
    if not isinstance(got, (list, tuple)) or len(got) != len(params):
        fail(f"{what}: expected a list of {len(params)} dicts (one per layer), got {type(got).__name__}"
             + (f" of length {len(got)}" if isinstance(got, (list, tuple)) else "") + ".",
             "Return a list with the structure of params: [{'W': ..., 'b': ...}, ...].")
    for layer, g in enumerate(got):
        expect(isinstance(g, dict) and "W" in g and "b" in g,
               f"{what}: entry {layer} should be a dict with the keys 'W' and 'b'.",
               "Return a list with the structure of params: [{'W': ..., 'b': ...}, ...].")
    return got


def numbers(got, n, what, hint):
    if isinstance(got, np.ndarray) and got.ndim == 1:
        got = list(got)
    if not isinstance(got, (list, tuple)) or len(got) != n:
        fail(f"{what}: expected a list of {n} numbers, got "
             + (f"a {type(got).__name__} of length {len(got)}" if isinstance(got, (list, tuple))
                else type(got).__name__)
             + f": {got!r:.100}.", hint)
    out = []
    for i, v in enumerate(got):
        arr = None if isinstance(v, (dict, str, list, tuple, type(None))) else np.asarray(v, dtype=float)
        expect(arr is not None and arr.size == 1, f"{what}: entry {i} is not a single number: {v!r:.60}.", hint)
        out.append(float(arr.reshape(())))
    return np.array(out)


# -- numerical_grads ----------------------------------------------------------------------

def nd_hint(got, params, X, y, h):
    exact = exact_grads(params, X, y)
    if all(np.allclose(np.asarray(g[k], dtype=float), e[k], rtol=1e-6, atol=1e-9)
           for g, e in zip(got, exact) for k in ("W", "b")):
        return ("These are the exact (backpropagated) gradients. numerical_grads must compute finite differences of "
                "the loss itself: with a large h they differ from the exact gradient, and that is what this checks.")
    for variant, text in ((dict(one_sided=True), "That is a one-sided difference (L(theta + h) - L(theta)) / h; "
                                                 "use the centred one, (L(theta + h) - L(theta - h)) / (2 h)."),
                          (dict(divide=1.0), "Divide by 2 h: the two points theta + h and theta - h are 2 h apart.")):
        alt = differences([{k: v.copy() for k, v in p.items()} for p in params], X, y, h, **variant)
        if all(np.allclose(np.asarray(g[k], dtype=float), a[k], rtol=1e-5, atol=1e-9)
               for g, a in zip(got, alt) for k in ("W", "b")):
            return text
    return ("Perturb one entry at a time by +h and -h, evaluate "
            "softmax_cross_entropy(model_forward(params, X)[0], y)[0], and put the entry back before the next one.")


@weight(2)
def test_numerical_grads_small_h(student, rng):
    """numerical_grads with h = 1e-5 agrees with the exact gradients"""
    params, X, y, sizes = draw(rng, layers=int(rng.integers(1, 4)))
    what = f"numerical_grads(params, X, y, h=1e-5) for layer sizes {sizes} and {len(y)} examples"
    got = as_list_of_dicts(student.function("numerical_grads")(params, X, y, 1e-5), params, what)
    exact = exact_grads(params, X, y)
    for layer in range(len(params)):
        for k in ("W", "b"):
            expect_close(got[layer][k], exact[layer][k], f"{what}: [{layer}]['{k}']",
                         "Centred differences (L(theta + h) - L(theta - h)) / (2 h), one entry at a time, "
                         "restoring each entry afterwards.", rtol=1e-4, atol=1e-7)


@weight(2)
def test_numerical_grads_large_h(student, rng):
    """numerical_grads with a large h is a true centred difference (not the exact gradient), params restored"""
    params, X, y, sizes = draw(rng, layers=2)
    h = float(rng.uniform(0.3, 0.6))
    what = f"numerical_grads(params, X, y, h={h:.3f}) for layer sizes {sizes} and {len(y)} examples"
    got = as_list_of_dicts(student.function("numerical_grads")(params, X, y, h), params, what)
    expected = differences([{k: v.copy() for k, v in p.items()} for p in params], X, y, h)
    hint = nd_hint(got, params, X, y, h)
    for layer in range(len(params)):
        for k in ("W", "b"):
            expect_close(got[layer][k], expected[layer][k], f"{what}: [{layer}]['{k}']", hint, rtol=1e-5, atol=1e-9)


# -- update_ratios -------------------------------------------------------------------------

def ratios(before, after):
    return np.array([np.linalg.norm(a["W"] - b["W"]) / np.linalg.norm(b["W"]) for b, a in zip(before, after)])


def ratio_hint(got, before, after):
    L = len(before)
    alts = {
        "Divide by the norm of the weights before the step, ||W_before||.":
            [np.linalg.norm(a["W"] - b["W"]) / np.linalg.norm(a["W"]) for b, a in zip(before, after)],
        "Use norms (square roots of sums of squares), not squared norms.":
            [np.sum((a["W"] - b["W"]) ** 2) / np.sum(b["W"] ** 2) for b, a in zip(before, after)],
        "Use the Frobenius norm of the whole matrices, not a mean of entry-wise ratios or absolute values.":
            [np.mean(np.abs(a["W"] - b["W"])) / np.mean(np.abs(b["W"])) for b, a in zip(before, after)],
    }
    for text, alt in alts.items():
        if len(got) == L and np.allclose(got, alt, rtol=1e-6):
            return text
    if len(got) == L and np.allclose(got, ratios(before, after)[::-1]):
        return "The ratios are in reverse order: return them for layer 0, 1, ... in order."
    return "r_l = ||W_after - W_before||_F / ||W_before||_F for each layer's weight matrix, biases left out."


@weight(2)
def test_update_ratios_random(student, rng):
    """update_ratios: one ratio per layer for the weights, in layer order, biases ignored"""
    for layers in (1, 3, 4):
        sizes = [int(rng.integers(2, 7)) for _ in range(layers + 1)]
        before = [{"W": rng.normal(size=(a, b)), "b": rng.normal(size=b)} for a, b in zip(sizes[:-1], sizes[1:])]
        step = 10.0 ** rng.uniform(-4, -1, size=layers)
        after = [{"W": p["W"] + s * rng.normal(size=p["W"].shape), "b": p["b"] + rng.normal(size=p["b"].shape)}
                 for p, s in zip(before, step)]
        what = f"update_ratios(before, after) for layer sizes {sizes}"
        got = numbers(student.function("update_ratios")(before, after), layers, what,
                      "One ratio per layer (weights only): a list of L floats.")
        expect_close(got, ratios(before, after), what, ratio_hint(got, before, after))


@weight(1)
def test_update_ratios_unchanged_and_large(student, rng):
    """update_ratios: an unchanged layer gives 0; weights of size 1e3"""
    sizes = [3, 4, 2]
    before = [{"W": 1e3 * rng.normal(size=(a, b)), "b": rng.normal(size=b)} for a, b in zip(sizes[:-1], sizes[1:])]
    after = [{"W": before[0]["W"].copy(), "b": before[0]["b"] + 1.0},
             {"W": before[1]["W"] * (1 + 1e-3), "b": before[1]["b"].copy()}]
    what = "update_ratios(before, after): layer 0 weights unchanged, layer 1 weights scaled by 1.001"
    got = numbers(student.function("update_ratios")(before, after), 2, what,
                  "One ratio per layer (weights only): a list of L floats.")
    expect_close(got, [0.0, 1e-3], what, ratio_hint(got, before, after), rtol=1e-6, atol=1e-12)


# -- dead_fraction ---------------------------------------------------------------------------

def dead(params, X):
    h, out = X, []
    for p in params[:-1]:
        h = np.maximum(h @ p["W"] + p["b"], 0.0)
        out.append(float(np.mean(np.all(h == 0, axis=0))))
    return np.array(out)


def dead_hint(got, params, X):
    L = len(params)
    h, zero_entries, strict, count = X, [], [], []
    for p in params[:-1]:
        z = h @ p["W"] + p["b"]
        h = np.maximum(z, 0.0)
        zero_entries.append(float(np.mean(h == 0)))
        strict.append(float(np.mean(np.all(z < 0, axis=0))))
        count.append(float(np.sum(np.all(h == 0, axis=0))))
    if len(got) == L:
        return "Only the hidden layers have a ReLU: return L - 1 fractions, without the output layer."
    if len(got) != L - 1:
        return "One fraction per hidden layer: a list of L - 1 floats."
    for alt, text in ((zero_entries, "A unit is dead only if it is 0 for EVERY example: np.all(h == 0, axis=0), "
                                     "then the mean over units; the share of zero entries is something else."),
                      (strict, "A pre-activation of exactly 0 gives a ReLU output of 0 too: count units with output 0 "
                               "(or Z <= 0), not only Z < 0."),
                      (count, "Return the fraction of dead units in the layer, not their number.")):
        if np.allclose(got, alt) and not np.allclose(alt, dead(params, X)):
            return text
    return ("Run the layers as model_forward does (ReLU after each hidden layer); in each hidden layer a unit is dead "
            "if its output is 0 for every row of X.")


def dead_network(rng, layers):
    sizes = [int(rng.integers(3, 6))] + [int(rng.integers(4, 8)) for _ in range(layers - 1)] + [3]
    params = [{"W": rng.normal(size=(a, b)), "b": 0.2 * rng.normal(size=b)} for a, b in zip(sizes[:-1], sizes[1:])]
    for p in params[:-1]:
        n_units = p["W"].shape[1]
        killed = rng.choice(n_units, size=int(rng.integers(1, n_units)), replace=False)
        p["b"][killed[: len(killed) // 2 + 1]] = -50.0                # far below any input: dead
        p["W"][:, killed[len(killed) // 2 + 1:]] = 0.0                 # Z exactly 0: dead too
        p["b"][killed[len(killed) // 2 + 1:]] = 0.0
    X = rng.normal(size=(int(rng.integers(5, 12)), sizes[0]))
    return params, X, sizes


@weight(2)
def test_dead_fraction_random(student, rng):
    """dead_fraction: one fraction per hidden layer, units 0 for every example, Z exactly 0 included"""
    for layers in (2, 3, 4):
        params, X, sizes = dead_network(rng, layers)
        what = f"dead_fraction(params, X) for layer sizes {sizes} and {X.shape[0]} examples"
        raw = student.function("dead_fraction")(params, X)
        got = numbers(raw, len(params) - 1, what, dead_hint(np.atleast_1d(np.asarray(
            raw if isinstance(raw, (list, tuple, np.ndarray)) else [], dtype=float)), params, X))
        expect_close(got, dead(params, X), what, dead_hint(got, params, X))


@weight(1)
def test_dead_fraction_batch_of_one_and_no_hidden_layer(student, rng):
    """dead_fraction: a batch of one example, and a network without hidden layers (empty list)"""
    params, X, sizes = dead_network(rng, 3)
    X1 = X[:1]
    what = f"dead_fraction(params, X) for layer sizes {sizes} and a batch of one example"
    got = numbers(student.function("dead_fraction")(params, X1), len(params) - 1, what,
                  "One fraction per hidden layer: a list of L - 1 floats.")
    expect_close(got, dead(params, X1), what, dead_hint(got, params, X1))
    single = [{"W": rng.normal(size=(4, 3)), "b": rng.normal(size=3)}]
    what = "dead_fraction(params, X) for a network with one layer (no hidden layer)"
    got = student.function("dead_fraction")(single, rng.normal(size=(5, 4)))
    expect(isinstance(got, (list, tuple, np.ndarray)) and len(got) == 0,
           f"{what}: expected an empty list, got {got!r:.80}.",
           "The output layer has no ReLU and is never counted: with no hidden layer the list is empty.")
