"""Hidden tests for Exercise 3: ``tanh(a)``, ``relu(a)`` and ``softmax_cross_entropy(logits, labels)``.

Driven through the notebook's ``run_graph`` with the lesson's own backward walk
(``mode="given"``).  The loss is seeded with a number other than 1, so a closure
that ignores its own ``out.grad`` is caught; boundary cases: exact zeros at the
ReLU kink, logits of size 1000, a batch of one, ties between logits.
"""

import numpy as np

from nncourse import autodiff as ref
from nncourse.grading.testing import diagnose, expect_close, expect_finite, expect_shape, run_graph, weight


def ce_reference(Z, t, seed):
    res = ref.evaluate([["softmax_ce", 0, t]], [Z], seed)
    return float(res["value"]), res["grads"][0]


@weight(2)
def test_tanh(student, rng):
    """tanh: value and gradient 1 - tanh(z)**2, times out.grad"""
    Z = rng.normal(scale=1.5, size=(int(rng.integers(2, 6)), int(rng.integers(2, 6))))
    G = rng.normal(size=Z.shape)
    res = run_graph(student, [["tanh", 0]], [Z], G)
    expect_close(res["value"], np.tanh(Z), f"tanh(z) for z of shape {Z.shape}: value", "Use np.tanh.")
    exp = G * (1 - np.tanh(Z) ** 2)
    got = expect_shape(res["grads"][0], Z.shape, "tanh(z): z.grad", "z.grad has z's shape.")
    hint = "z.grad += out.grad * (1 - tanh(z)**2)."
    if np.allclose(got, G * (1 - np.tanh(Z))):
        hint = "The derivative is 1 - tanh(z)**2: the square is missing."
    elif np.allclose(got, G * (1 - Z ** 2)):
        hint = "You used 1 - z**2; the derivative is 1 - tanh(z)**2, from the output, not the input."
    elif np.allclose(got, 1 - np.tanh(Z) ** 2):
        hint = "Multiply the local derivative by out.grad (the chain rule)."
    expect_close(got, exp, "tanh(z): z.grad", hint)


@weight(2)
def test_relu_with_exact_zeros(student, rng):
    """relu: value and gradient, with exact zeros at the kink"""
    Z = rng.normal(size=(int(rng.integers(3, 6)), int(rng.integers(3, 6))))
    Z.flat[rng.choice(Z.size, size=3, replace=False)] = 0.0
    G = rng.normal(size=Z.shape)
    res = run_graph(student, [["relu", 0]], [Z], G)
    expect_close(res["value"], np.maximum(Z, 0), f"relu(z) for z of shape {Z.shape}: value", "max(0, z), elementwise.")
    got = expect_shape(res["grads"][0], Z.shape, "relu(z): z.grad", "z.grad has z's shape.")
    hint = "The signal passes where z > 0 and is 0 elsewhere, including z = 0 exactly."
    if np.allclose(got, G * (Z >= 0)):
        hint = "At z = 0 exactly the lesson takes the derivative as 0: use the mask z > 0, not z >= 0."
    elif np.allclose(got, (Z > 0).astype(float)):
        hint = "Multiply the mask by out.grad (the chain rule)."
    expect_close(got, G * (Z > 0), "relu(z) with some z exactly 0: z.grad", hint)
    # z is used again after relu(z): relu must leave z's value as it was
    res = run_graph(student, [["relu", 0], ["add", 1, 0]], [Z], G)
    what = f"relu(z) + z for z of shape {Z.shape}"
    in_place = diagnose(res["value"], np.maximum(Z, 0) + Z,
                        [("relu changed z's own value in place (z[z < 0] = 0 on a.value): every later use of z "
                          "sees relu(z). Build the output from a new array, np.where(mask, a.value, 0.0).",
                          2 * np.maximum(Z, 0))], "relu(z) is a new node; z keeps its value for its other uses.")
    expect_close(res["value"], np.maximum(Z, 0) + Z, what + ": value", in_place)
    expect_close(res["values"][0], Z, what + ": the value of z after the pass", in_place)


def _draw_ce(rng, n=None):
    n = int(rng.integers(3, 8)) if n is None else n
    k = int(rng.integers(3, 6))
    while k == n:
        k = int(rng.integers(3, 6))
    Z = rng.normal(scale=2.0, size=(n, k))
    t = rng.integers(0, k, size=n)
    return Z, t


@weight(2)
def test_ce_value(student, rng):
    """softmax_cross_entropy: the mean of -log softmax(z)[label]"""
    Z, t = _draw_ce(rng)
    res = run_graph(student, [["softmax_ce", 0, t.tolist()]], [Z], 1.0)
    exp, _ = ce_reference(Z, t, 1.0)
    got = expect_shape(res["value"], (), f"softmax_cross_entropy for N={Z.shape[0]}, K={Z.shape[1]}: value",
                       "The loss is one number (shape ()): the mean over the batch.")
    hint = "Mean over the N rows of log(sum_k exp(z_nk)) - z_n,label."
    if np.isclose(float(got), exp * Z.shape[0]):
        hint = "You summed over the batch; the lesson's loss is the mean."
    elif np.isclose(float(got), exp * Z.shape[0] / Z.size):
        hint = "You averaged over all N*K entries; average over the N examples only."
    expect_close(got, exp, f"softmax_cross_entropy for N={Z.shape[0]}, K={Z.shape[1]}: value", hint)


@weight(2)
def test_ce_gradient_times_upstream(student, rng):
    """softmax_cross_entropy: logits.grad = out.grad * (softmax - onehot) / N"""
    Z, t = _draw_ce(rng)
    seed = float(rng.uniform(1.5, 3.0))
    res = run_graph(student, [["softmax_ce", 0, t.tolist()]], [Z], seed)
    _, exp = ce_reference(Z, t, seed)
    what = f"softmax_cross_entropy for N={Z.shape[0]}, K={Z.shape[1]} with out.grad = {seed:.3f}: logits.grad"
    got = expect_shape(res["grads"][0], Z.shape, what, "logits.grad has the logits' shape (N, K).")
    hint = "logits.grad += out.grad * (softmax(z) - onehot(labels)) / N."
    if np.allclose(got * seed, exp):
        hint = ("Your gradient is right for out.grad = 1 only: multiply by the loss node's own out.grad, "
                "which is not 1 when the loss is scaled or summed with others.")
    elif np.allclose(got, exp * Z.shape[0]):
        hint = "The 1/N of the mean is missing."
    elif np.allclose(got, -exp):
        hint = "The sign is flipped: softmax minus one-hot, not one-hot minus softmax."
    expect_close(got, exp, what, hint)


@weight(1)
def test_ce_large_logits_and_ties(student, rng):
    """softmax_cross_entropy stays finite for logits of size 1000, with ties"""
    Z, t = _draw_ce(rng)
    Z = Z * 300.0
    Z[0, :] = 1000.0                       # a row of ties at a large value
    Z[1, :] = -1000.0
    Z[2, t[2]] = -1000.0                   # the correct class far below the others
    Z[2, (t[2] + 1) % Z.shape[1]] = 1000.0
    res = run_graph(student, [["softmax_ce", 0, t.tolist()]], [Z], 1.0)
    exp_v, exp_g = ce_reference(Z, t, 1.0)
    hint = "Subtract each row's maximum before exp (log-sum-exp): exp(1000) overflows."
    expect_finite(res["value"], "softmax_cross_entropy with logits of size 1000: value", hint)
    expect_close(res["value"], exp_v, "softmax_cross_entropy with logits of size 1000: value", hint)
    expect_close(res["grads"][0], exp_g, "softmax_cross_entropy with logits of size 1000: logits.grad",
                 "Compute softmax from the shifted logits: exp(z - max) / sum exp(z - max).")


@weight(1)
def test_ce_batch_of_one(student, rng):
    """softmax_cross_entropy for a batch of one"""
    Z, t = _draw_ce(rng, n=1)
    res = run_graph(student, [["softmax_ce", 0, t.tolist()]], [Z], 1.0)
    exp_v, exp_g = ce_reference(Z, t, 1.0)
    expect_close(res["value"], exp_v, "softmax_cross_entropy for a batch of one: value",
                 "Index the label of each row: log_p[np.arange(N), labels].")
    expect_close(res["grads"][0], exp_g, "softmax_cross_entropy for a batch of one: logits.grad",
                 "Subtract 1 at (n, label[n]) only, not in the whole column.")
