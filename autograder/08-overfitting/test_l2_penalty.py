"""Hidden tests for Exercise 1, ``l2_penalty(params, lam) -> (value, grads)``.

value = lam / 2 * sum over the entries whose key starts with "W" of sum(W**2);
grads has the keys of params: lam * W for weights, zeros for everything else.
"""

import numpy as np

from nncourse.grading.testing import diagnose, expect, expect_close, expect_returns, expect_shape, fail, weight

NAME = "l2_penalty"


def draw(rng, layers=None, scale=1.0):
    """A parameter dict of an MLP with 1-3 layers and random sizes."""
    layers = int(rng.integers(1, 4)) if layers is None else layers
    sizes = [int(rng.integers(1, 6)) for _ in range(layers + 1)]
    params = {}
    for i in range(1, layers + 1):
        params[f"W{i}"] = rng.normal(size=(sizes[i - 1], sizes[i])) * scale
        params[f"b{i}"] = rng.normal(size=sizes[i]) * scale
    return params


def reference(params, lam):
    value = 0.5 * lam * sum(float(np.sum(p * p)) for k, p in params.items() if k.startswith("W"))
    grads = {k: lam * p if k.startswith("W") else np.zeros_like(p) for k, p in params.items()}
    return value, grads


def unpack(out, what):
    value, grads = expect_returns(out, ("value", "grads"), what)
    if not isinstance(grads, dict):
        fail(f"{what}: the second value returned should be a dict of gradients, got {type(grads).__name__}.\n"
             "  Hint: return one gradient per parameter, under the parameter's key.")
    arr = None if isinstance(value, (dict, str, list, type(None))) else np.asarray(value, dtype=float)
    expect(arr is not None and arr.size == 1, f"{what}: the value should be a single number, got {value!r:.60}.",
           "Add up lam / 2 * sum(W * W) over the weight matrices into one float.")
    return float(arr.reshape(())), grads


def answer(student, params, lam):
    """The student's (value, grads) for ``params`` and ``lam``, and the message's description of the call."""
    what = f"l2_penalty(params with keys {sorted(params)}, lam={lam:.4g})"
    return params, lam, unpack(student.function(NAME)(params, lam), what), what


def value_hint(got, params, lam):
    expected, _ = reference(params, lam)
    with_biases = 0.5 * lam * sum(float(np.sum(p * p)) for p in params.values())
    if np.isclose(got, 2 * expected, atol=0) and expected != 0:
        return "Your value is twice too large: the penalty has a factor 1/2, lam / 2 * sum(W**2)."
    if np.isclose(got, with_biases, atol=0) and with_biases != expected:
        return "You penalised the biases too: only the entries whose key starts with 'W' are weights."
    if np.isclose(got, expected / lam, atol=0) and not np.isclose(lam, 1):
        return "You forgot to multiply by lam."
    return "value = lam / 2 * (sum of W * W over every weight matrix), biases excluded."


@weight(2)
def test_value(student, rng):
    """the value is lam/2 times the sum of squared weights, biases excluded"""
    params, lam, (value, _), what = answer(student, draw(rng), float(rng.uniform(0.01, 2.0)))
    what += ": value"
    expected, _ = reference(params, lam)
    expect_close(value, expected, what, value_hint(value, params, lam))


@weight(2)
def test_weight_grads(student, rng):
    """the gradient of each weight matrix is lam * W"""
    params, lam, (_, grads), what = answer(student, draw(rng), float(rng.uniform(0.01, 2.0)))
    for k in params:
        if k.startswith("W"):
            expect(k in grads, f"{what}: grads has no key {k!r}.", "Give a gradient for every weight matrix.")
            got = expect_shape(grads[k], params[k].shape, f"{what}: grads[{k!r}]",
                               "The gradient has the shape of its parameter.")
            hint = "The gradient of lam/2 * ||W||^2 with respect to W is lam * W."
            if np.allclose(got, 2 * lam * params[k]):
                hint = "Your gradient is 2 lam W: with the factor 1/2 in the penalty the gradient is lam * W."
            elif np.allclose(got, params[k]) and not np.isclose(lam, 1, rtol=1e-3):
                hint = "You forgot lam: the gradient is lam * W, not W."
            expect_close(got, lam * params[k], f"{what}: grads[{k!r}]", hint)


@weight(2)
def test_biases_not_penalised(student, rng):
    """biases get zero gradients of their own shape, under their own keys"""
    params, lam, (_, grads), what = answer(student, draw(rng, layers=int(rng.integers(2, 4))),
                                           float(rng.uniform(0.1, 2.0)))
    missing = [k for k in params if k not in grads]
    expect(not missing, f"{what}: grads has the keys {sorted(map(str, grads))}, missing {missing}.",
           "Return a gradient for every parameter, zeros for the biases, so that the dict can be added to the "
           "network's gradients key by key.")
    for k in params:
        if not k.startswith("W"):
            hint = "Biases are not penalised: their gradient is np.zeros_like(b)."
            got = expect_shape(grads[k], params[k].shape, f"{what}: grads[{k!r}]", hint)
            if np.allclose(got, lam * params[k]):
                hint = "You decayed the biases too: only the keys that start with 'W' are weights; biases get zeros."
            expect_close(got, np.zeros_like(params[k]), f"{what}: grads[{k!r}]", hint)


@weight(1)
def test_other_names_and_zero_lambda(student, rng):
    """works for any keys (only a leading "W" marks a weight) and for lam = 0"""
    params = {"W_in": rng.normal(size=(3, 2)), "bias_in": rng.normal(size=2),
              "W_out": rng.normal(size=(2, 1)), "gamma": rng.normal(size=1)}
    lam = float(rng.uniform(0.1, 1.0))
    what = f"l2_penalty(params with keys {sorted(params)}, lam={lam:.4g})"
    value, grads = unpack(student.function(NAME)(params, lam), what)
    expected_value, expected_grads = reference(params, lam)
    expect_close(value, expected_value, what + ": value",
                 "Weights are the keys that start with 'W' (here 'W_in' and 'W_out'), whatever follows.")
    for k in params:
        expect(k in grads, f"{what}: grads has no key {k!r}.", "Return a gradient for every key of params.")
        expect_close(grads[k], expected_grads[k], f"{what}: grads[{k!r}]",
                     "lam * W for keys starting with 'W', zeros for every other key.")
    value0, grads0 = unpack(student.function(NAME)(params, 0.0), "l2_penalty(params, lam=0)")
    expect_close(value0, 0.0, "l2_penalty(params, lam=0): value", "With lam = 0 there is no penalty.")
    for k in params:
        expect_close(grads0[k], np.zeros_like(params[k]), f"l2_penalty(params, lam=0): grads[{k!r}]")


@weight(1)
def test_large_and_small_weights(student, rng):
    """large (1e3) and tiny (1e-8) weights, and a single 1 x 1 weight"""
    for scale in (1e3, 1e-8):
        params = draw(rng, scale=scale)
        lam = float(rng.uniform(0.01, 1.0))
        what = f"l2_penalty with weights of size ~{scale:g}, lam={lam:.4g}"
        value, grads = unpack(student.function(NAME)(params, lam), what)
        expected_value, expected_grads = reference(params, lam)
        expect_close(value, expected_value, what + ": value", value_hint(value, params, lam), atol=0)
        for k in params:
            expect(k in grads, f"{what}: grads has no key {k!r}.")
            expect_close(grads[k], expected_grads[k], f"{what}: grads[{k!r}]", atol=0)
    params = {"W1": np.array([[float(rng.normal())]]), "b1": np.array([float(rng.normal())])}
    value, grads = unpack(student.function(NAME)(params, 0.5), "l2_penalty with one 1 x 1 weight")
    expected_value, expected_grads = reference(params, 0.5)
    expect_close(value, expected_value, "l2_penalty with one 1 x 1 weight, lam=0.5: value")
    expect_close(grads["W1"], expected_grads["W1"], "l2_penalty with one 1 x 1 weight, lam=0.5: grads['W1']")


@weight(1)
def test_chosen_by_name_not_by_shape(student, rng):
    """weights are the keys that start with "W", whatever their number of dimensions: a (1, H) bias, a 1-D "W" entry"""
    h = int(rng.integers(2, 6))
    params = {"W1": rng.normal(size=(int(rng.integers(2, 5)), h)), "b1": rng.normal(size=(1, h)),
              "Wv": rng.normal(size=h), "b2": rng.normal(size=1)}
    lam = float(rng.uniform(0.1, 2.0))
    what = f"l2_penalty(params with shapes {({k: v.shape for k, v in params.items()})}, lam={lam:.4g})"
    value, grads = unpack(student.function(NAME)(params, lam), what)
    expected_value, expected_grads = reference(params, lam)
    by_ndim = {k: p for k, p in params.items() if p.ndim == 2}
    ndim_value = 0.5 * lam * sum(float(np.sum(p * p)) for p in by_ndim.values())
    ndim_grads = {k: lam * p if p.ndim == 2 else np.zeros_like(p) for k, p in params.items()}
    neutral = "Weights are the entries whose key starts with 'W' (k.startswith('W')), whatever their shape."
    shape_hint = ("You picked the weights by their number of dimensions (ndim == 2); the statement picks them by "
                  "name: the keys that start with 'W' ('Wv' is 1-D, 'b1' is a (1, H) bias).")
    expect_close(value, expected_value, what + ": value", diagnose(value, expected_value, [(shape_hint, ndim_value)],
                                                                     neutral))
    missing = [k for k in params if k not in grads]
    expect(not missing, f"{what}: grads has no key {missing}.", "Return a gradient for every key of params.")
    hint = diagnose({k: grads[k] for k in params}, expected_grads, [(shape_hint, ndim_grads)], neutral)
    for k in params:
        expect_close(grads[k], expected_grads[k], f"{what}: grads[{k!r}]", hint)
