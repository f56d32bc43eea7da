r"""Self-checks for lesson 11, "A deep network, end to end".

Each function takes the student's answers and tries them on small, fixed
examples::

    from nncourse.checks import deepnet as check
    check.model(init_params, model_forward, model_backward)
    check.numerical_grads(numerical_grads, model_forward)
    check.sanity_checks(numerical_grads, update_ratios, dead_fraction, model_forward)
    check.questions(Q1_INITIAL_LOSS, Q2_CANNOT_OVERFIT, Q3_RATIO)
    check.build_and_train(build_and_train, predict, X_train, y_train, X_val, y_val)

Conventions of the lesson: parameters are a list with one dict
``{"W": (D_in, D_out), "b": (D_out,)}`` per layer; ReLU after every layer but
the last; the loss is :func:`nncourse.losses.softmax_cross_entropy` (a batch
mean).  Expected forward values come from the library's layers, expected
gradients from finite differences, so reading this module does not give the
answers away.
"""

from __future__ import annotations

import copy
import time

import numpy as np

from nncourse.checks import as_number, check_close, check_shape, fail, finish, passed
from nncourse.gradcheck import numerical_gradient
from nncourse.layers import Linear, ReLU, Sequential
from nncourse.losses import softmax_cross_entropy

__all__ = ["model", "numerical_grads", "sanity_checks", "questions", "build_and_train"]


def _quiet(fn, *args, **kwargs):
    with np.errstate(all="ignore"):
        return fn(*args, **kwargs)


def _params(sizes, seed=0, bias=0.1):
    rng = np.random.default_rng(seed)
    return [{"W": rng.standard_normal((a, b)) / np.sqrt(a), "b": bias * rng.standard_normal(b)}
            for a, b in zip(sizes[:-1], sizes[1:])]


def _library_forward(params, X):
    layers = []
    for l, p in enumerate(params):
        layers.append(Linear(p["W"].copy(), p["b"].copy()))
        if l < len(params) - 1:
            layers.append(ReLU())
    return Sequential(*layers).forward(X)


def _param_list(got, params, what, hint):
    """Check that ``got`` is a list of dicts {"W", "b"} shaped like ``params``."""
    if not isinstance(got, (list, tuple)) or len(got) != len(params):
        n = len(got) if isinstance(got, (list, tuple)) else None
        fail(what, f"expected a list of {len(params)} dicts (one per layer), got "
                   f"{type(got).__name__}{'' if n is None else f' of length {n}'}.", hint)
    for l, (g, p) in enumerate(zip(got, params)):
        if not isinstance(g, dict) or set(g) != {"W", "b"}:
            fail(what, f"entry {l} should be a dict with the keys 'W' and 'b', got "
                       f"{sorted(g) if isinstance(g, dict) else type(g).__name__}.", hint)
        check_shape(g["W"], p["W"].shape, f"{what}: [{l}]['W']", hint)
        check_shape(g["b"], p["b"].shape, f"{what}: [{l}]['b']", hint)


# --------------------------------------------------------------------------- exercise 1

def model(init_params, model_forward, model_backward) -> None:
    """Check ``init_params``, ``model_forward`` and ``model_backward``."""
    sizes = [300, 200, 3]
    what = f"init_params({sizes}, seed=1)"
    params = _quiet(init_params, sizes, 1)
    shapes = [{"W": np.zeros((a, b)), "b": np.zeros(b)} for a, b in zip(sizes[:-1], sizes[1:])]
    _param_list(params, shapes, what, "One dict per layer: W of shape (n_in, n_out), b of shape (n_out,).")
    again = _quiet(init_params, sizes, 1)
    if not all(np.array_equal(a["W"], b["W"]) for a, b in zip(params, again)):
        fail(what, "two calls with the same seed gave different weights.",
             "Make rng = np.random.default_rng(seed) and draw every random number from it (rng.normal(...)), "
             "never from np.random.")
    for l, p in enumerate(params):
        check_close(p["b"], np.zeros(sizes[l + 1]), f"{what}: [{l}]['b']", "Biases start at zero.")
        std, he = float(np.std(p["W"])), np.sqrt(2.0 / sizes[l])
        if not 0.9 * he < std < 1.1 * he:
            hint = "He initialisation: standard deviation sqrt(2 / fan_in), fan_in = the layer's number of inputs."
            if np.isclose(std, 2.0 / sizes[l], rtol=0.1):
                hint = "2 / fan_in is the variance; the standard deviation is its square root."
            elif np.isclose(std, np.sqrt(2.0 / sizes[l + 1]), rtol=0.1):
                hint = "Use the fan-in (inputs of the layer, sizes[l]), not the fan-out."
            fail(what, f"[{l}]['W'] has standard deviation {std:.4f}, expected about {he:.4f}.", hint)
    passed("init_params: shapes, zero biases, He scale sqrt(2 / fan_in), reproducible from rng")

    sizes = [4, 5, 3, 2]
    params = _params(sizes)
    params[-1]["b"][0] = -3.0      # some negative scores, which a ReLU at the output would cut
    before = copy.deepcopy(params)
    X = np.random.default_rng(2).standard_normal((6, 4))
    X_before = X.copy()
    what = "model_forward(params, X) for layer sizes [4, 5, 3, 2] and X of shape (6, 4)"
    out = _quiet(model_forward, params, X)
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        fail(what, f"expected a pair (scores, caches), got {type(out).__name__}.",
             "End the function with `return scores, caches`.")
    scores, caches = out
    expected = _library_forward(params, X)
    hint = "Z = H W + b for every layer, ReLU after every layer except the last."
    scores_arr = np.asarray(scores, dtype=float) if scores is not None else None
    relu_last = np.maximum(expected, 0)
    if scores_arr is not None and scores_arr.shape == expected.shape and np.allclose(scores_arr, relu_last) \
            and not np.allclose(expected, relu_last):
        hint = "The last layer has no ReLU: its output is the scores (logits) as they are."
    check_close(scores, expected, what + ": scores", hint)
    unchanged = all(np.array_equal(a[k], b[k]) for a, b in zip(params, before) for k in a)
    if not np.array_equal(X, X_before) or not unchanged:
        fail(what, "X or params were changed by the call.", "Compute new arrays; do not assign into X or params.")
    passed("model_forward: scores of a 3-layer network, ReLU on the hidden layers only")

    y = np.array([0, 1, 1, 0, 1, 0])
    _, dscores = softmax_cross_entropy(scores_arr, y)
    what = "model_backward(dscores, caches, params) for the same network, softmax cross-entropy loss"
    grads = _quiet(model_backward, dscores, caches, params)
    _param_list(grads, params, what, "Return one dict {'W': dW, 'b': db} per layer, in layer order.")
    for l in range(len(params)):
        for k in ("W", "b"):
            def f(v, l=l, k=k):
                trial = [dict(p) for p in params]
                trial[l] = {**params[l], k: v}
                return softmax_cross_entropy(_library_forward(trial, X), y)[0]

            num = numerical_gradient(f, params[l][k].copy())
            hint = {"W": "dW_l = H_{l-1}^T G_l, with G_l masked by Z_l > 0 for hidden layers.",
                    "b": "db_l sums G_l over the rows of the batch."}[k]
            got = np.asarray(grads[l][k], dtype=float)
            if k == "b" and np.allclose(got, num / X.shape[0]):
                hint = "db is a sum over the batch, not a mean: the 1/N is already in dscores."
            check_close(got, num, f"{what}: grads[{l}]['{k}']", hint, rtol=1e-5, atol=1e-7)
    passed("model_backward: every gradient agrees with finite differences")
    finish()


# --------------------------------------------------------------------------- exercise 2

def _loss_fn(model_forward, params, X, y):
    return softmax_cross_entropy(np.asarray(model_forward(params, X)[0], dtype=float), y)[0]


def finite_differences(loss_of, params, h, one_sided=False, divide=2.0):
    """Finite differences of ``loss_of(params)`` for every entry of ``params``, a list of dicts of arrays.

    Centred, (L(theta + h) - L(theta - h)) / (divide h) (``divide`` is 2; other values reproduce a mistake);
    with ``one_sided``, (L(theta + h) - L(theta)) / h.  Returns the same structure.  Each entry is moved in
    place and put back, so pass a copy when ``params`` must not be touched.  Shared with the hidden suite.
    """
    out = []
    for p in params:
        g = {}
        for k, arr in p.items():
            d = np.zeros(arr.shape)
            for idx in np.ndindex(arr.shape):
                old = arr[idx]
                arr[idx] = old + h
                plus = loss_of(params)
                arr[idx] = old if one_sided else old - h
                minus = loss_of(params)
                arr[idx] = old
                d[idx] = (plus - minus) / ((1.0 if one_sided else divide) * h)
            g[k] = d
        out.append(g)
    return out


def _centred(model_forward, params, X, y, h):
    """Centred differences of the student's model's loss, on a copy of ``params``."""
    return finite_differences(lambda trial: _loss_fn(model_forward, trial, X, y), copy.deepcopy(params), h)


def numerical_grads(fn, model_forward) -> None:
    """Check ``numerical_grads(params, X, y, h)`` (uses the student's ``model_forward``)."""
    _numerical_grads(fn, model_forward)
    finish()


def _numerical_grads(fn, model_forward) -> None:
    params = _params([3, 4, 3])
    X = np.random.default_rng(3).standard_normal((5, 3))
    y = np.array([0, 2, 1, 1, 0])
    before = copy.deepcopy(params)
    for h in (1e-5, 0.5):
        what = f"numerical_grads(params, X, y, h={h:g}) for layer sizes [3, 4, 3] and 5 examples"
        got = _quiet(fn, params, X, y, h)
        _param_list(got, params, what, "Return a list of dicts with the structure of params.")
        if not all(np.array_equal(a[k], b[k]) for a, b in zip(params, before) for k in a):
            fail(what, "params hold other values after the call.",
                 "Put every entry back (arr[idx] = old) before perturbing the next one.")
        expected = _centred(model_forward, params, X, y, h)
        for l in range(len(params)):
            for k in ("W", "b"):
                hint = "(L(theta + h) - L(theta - h)) / (2 h), one entry at a time."
                arr = np.asarray(got[l][k], dtype=float)
                if np.allclose(arr, 2 * expected[l][k], rtol=1e-4):
                    hint = "Divide by 2 h: the two points are 2 h apart."
                check_close(arr, expected[l][k], f"{what}: [{l}]['{k}']", hint, rtol=1e-4, atol=1e-7)
        passed(f"centred differences with h = {h:g}, params restored afterwards")


def sanity_checks(numerical_grads_fn, update_ratios, dead_fraction, model_forward) -> None:
    """Check ``numerical_grads``, ``update_ratios`` and ``dead_fraction``."""
    _numerical_grads(numerical_grads_fn, model_forward)

    before = _params([3, 4, 2], seed=4)
    after = [{"W": p["W"] + 0.01 * np.ones_like(p["W"]), "b": p["b"] + 1.0} for p in before]
    what = "update_ratios(before, after) for layer sizes [3, 4, 2], every weight moved by 0.01"
    got = _quiet(update_ratios, before, after)
    if not isinstance(got, (list, tuple)) or len(got) != 2:
        fail(what, f"expected a list of 2 numbers (one per layer), got {got!r:.80}.",
             "One ratio per layer, for the weights W only.")
    expected = [np.linalg.norm(a["W"] - b["W"]) / np.linalg.norm(b["W"]) for b, a in zip(before, after)]
    for l in range(2):
        value = as_number(got[l], f"{what}: layer {l}")
        hint = "||W_after - W_before||_F / ||W_before||_F, the Frobenius norm (np.linalg.norm of the matrix)."
        if np.isclose(value, np.linalg.norm(after[l]["W"] - before[l]["W"]) / np.linalg.norm(after[l]["W"])):
            hint = "Divide by the norm of the weights before the step."
        elif np.isclose(value, expected[l] ** 2):
            hint = "Take norms (square roots of sums of squares), not squared norms."
        check_close(value, expected[l], f"{what}: layer {l}", hint)
    passed("update_ratios: ||dW|| / ||W|| per layer, biases ignored")

    params = _params([2, 3, 2, 2], seed=5, bias=0.0)
    params[0]["W"][:, 1] = 0.0           # unit 1 of hidden layer 1: pre-activation exactly 0
    params[0]["W"][:, 2] = [1.0, 0.0]    # unit 2 fires only when x_1 > 0
    params[1]["W"][:, 0] = -np.abs(params[1]["W"][:, 0]) - 1.0   # a dead unit in hidden layer 2
    X = np.array([[1.0, 0.5], [-1.0, 2.0], [0.5, -1.0]])
    what = "dead_fraction(params, X) for layer sizes [2, 3, 2, 2] and 3 examples"
    got = _quiet(dead_fraction, params, X)
    if not isinstance(got, (list, tuple)) or len(got) != 2:
        fail(what, f"expected a list of 2 numbers (one per hidden layer), got {got!r:.80}.",
             "Count hidden layers only: the output layer has no ReLU.")
    h, expected = X, []
    for p in params[:-1]:
        h = np.maximum(h @ p["W"] + p["b"], 0.0)
        expected.append(float(np.mean(np.all(h == 0, axis=0))))
    for l in range(2):
        value = as_number(got[l], f"{what}: hidden layer {l + 1}")
        check_close(value, expected[l], f"{what}: hidden layer {l + 1}",
                    "A unit is dead if its ReLU output is 0 for every row of X (a pre-activation of exactly 0 "
                    "counts); the result is the fraction of such units in the layer.")
    passed("dead_fraction: units that are 0 for every example, including a pre-activation of exactly 0")
    finish()


# --------------------------------------------------------------------------- questions

def questions(q1, q2, q3) -> None:
    """Check that the answers have the right form (not whether they are right).

    An answer still ``None`` is an unfinished exercise: ``NotImplementedError``.
    """
    missing = [name for name, value in (("Q1_INITIAL_LOSS", q1), ("Q2_CANNOT_OVERFIT", q2), ("Q3_RATIO", q3))
               if value is None]
    if missing:
        raise NotImplementedError(f"not answered yet: {', '.join(missing)} (still None)")
    as_number(q1, "Q1_INITIAL_LOSS", "Give a number, e.g. 1.23.")
    passed("Q1_INITIAL_LOSS is a number")
    for name, value in (("Q2_CANNOT_OVERFIT", q2), ("Q3_RATIO", q3)):
        if not isinstance(value, str) or value.strip().lower() not in ("a", "b", "c", "d"):
            fail(name, f"expected one of the letters 'a', 'b', 'c', 'd', got {value!r}.")
        passed(f"{name} is one of the letters a-d")
    print("These checks only look at the form of the answers; grading checks whether they are right.")


# --------------------------------------------------------------------------- exercise 4

def _not_plain(value, depth=0):
    """A description of the first part of ``value`` that is not plain data, or None."""
    if value is None or isinstance(value, (bool, int, float, str, np.integer, np.floating)):
        return None
    if isinstance(value, np.ndarray):
        return None if value.dtype.kind in "biuf" else f"an array of dtype {value.dtype}"
    if depth < 32 and isinstance(value, (list, tuple)):
        return next((r for r in (_not_plain(v, depth + 1) for v in value) if r), None)
    if depth < 32 and isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            return "a dict with keys that are not strings"
        return next((r for r in (_not_plain(v, depth + 1) for v in value.values()) if r), None)
    return f"a {type(value).__name__} object"


def build_and_train(build, predict, X_train, y_train, X_val, y_val, seed=0) -> None:
    """Train with the student's ``build_and_train(X, y, seed)`` and report its validation accuracy."""
    t0 = time.perf_counter()
    model_ = build(np.asarray(X_train, dtype=float).copy(), np.asarray(y_train).copy(), seed)
    seconds = time.perf_counter() - t0
    what = f"build_and_train(X_train, y_train, seed={seed})"
    if model_ is None:
        fail(what, "returned None.", "End build_and_train with `return model` (e.g. the list of parameter dicts).")
    odd = _not_plain(model_)
    if odd:
        fail(what, f"returned data that grading cannot pass on to predict: {odd}.",
             "Return plain data: numbers, arrays, and lists, tuples or dicts of them "
             "(e.g. the list of parameter dicts).")
    what = f"predict(build_and_train(X_train, y_train, seed={seed}), X_val) for {len(X_val)} validation images"
    labels = predict(model_, np.asarray(X_val, dtype=float).copy())
    arr = check_shape(labels, (len(X_val),), what, "Return one predicted digit per row of X.")
    if not np.all(arr == np.round(arr)) or arr.min() < 0 or arr.max() > 9:
        fail(what, "expected whole numbers 0..9.", "Return scores.argmax(axis=1), the index of the best class.")
    passed(f"build_and_train finished in {seconds:.1f} s here, and predict returns one digit per image")
    acc = float(np.mean(arr == np.asarray(y_val)))
    print(f"validation accuracy {acc:.3f} after training on {len(X_train)} images (grading trains on 1348 "
          f"and needs 0.97 on its held-out images for full marks)")
    if acc < 0.5:
        fail(what, f"validation accuracy {acc:.3f}: hardly better than guessing.",
             "Run the sanity checks above on your network first.")
    passed("better than guessing")
    finish()
