"""Hidden tests for Exercise 3, ``mdn_params(raw, k) -> (pi, mu, sigma)``.

raw (N, 3K) = [logits z | means m | raw scales a]; pi = softmax(z) over axis 1, mu = m, sigma = exp(a).
"""

import numpy as np

from nncourse.grading.testing import distinct_sizes, expect, expect_close, expect_shape, make_test, weight

NAME = "mdn_params"


def softmax(z, axis=1):
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def draw(rng, n=None, k=None):
    n, k = distinct_sizes(rng, (3, 8), (2, 5), n, k, bump="n")
    return rng.normal(size=(n, 3 * k)), k


def run(student, raw, k, what):
    # mu is a block of raw's columns: returning it as a view of raw (as np.split does) is fine,
    # changing raw is not (that is still checked)
    out = student.function(NAME, allow_alias=("raw",))(raw, k)
    expect(isinstance(out, (tuple, list)) and len(out) == 3,
           f"{what}: expected a triple (pi, mu, sigma), got {type(out).__name__}"
           + (f" of length {len(out)}" if isinstance(out, (tuple, list)) else "") + ".",
           "End the function with `return pi, mu, sigma`.")
    shape = (raw.shape[0], k)
    return [expect_shape(v, shape, f"{what}: {name}", f"Each of pi, mu, sigma has shape (N, K) = {shape}.")
            for v, name in zip(out, ("pi", "mu", "sigma"))]


def pi_hint(got, raw, k):
    z = raw[:, :k]
    with np.errstate(all="ignore"):
        wrong = ((softmax(z, axis=0), "You normalised over the batch (axis 0): each example's weights must sum to 1 "
                                      "over its K components (axis=1)."),
                 (np.exp(z), "The mixing weights must sum to 1 for each example: divide exp(z) by its sum over "
                             "the components."),
                 (np.exp(z) / np.exp(z).sum(), "Normalise each row separately (sum over axis=1, keepdims=True), "
                                               "not over the whole array."),
                 (1 / (1 + np.exp(-z)), "Sigmoids do not sum to 1 over the components: use a softmax."),
                 (softmax(raw[:, k:2 * k]), "The logits are the first K columns of raw."),
                 (softmax(raw[:, 2 * k:]), "The logits are the first K columns of raw."))
    exp = softmax(z)
    if np.all(np.isfinite(got)) and not np.allclose(got, exp):
        for value, text in wrong:
            if value.shape == got.shape and np.allclose(got, value, rtol=1e-6, atol=1e-12):
                return text
    return "pi = softmax of the first K columns, computed for each row (axis=1)."


def sigma_hint(got, a):
    wrong = ((a, "sigma must be positive, and a raw output can be negative: sigma = exp(a)."),
             (np.abs(a), "abs makes sigma non-negative but not smooth (and 0 at a = 0): sigma = exp(a)."),
             (np.exp(0.5 * a), "The last block is log sigma, not log sigma**2: sigma = exp(a)."),
             (np.exp(2 * a), "sigma = exp(a); exp(2 a) would be the variance."),
             (np.log1p(np.exp(a)), "This exercise uses sigma = exp(a) (softplus is another valid choice, but the "
                                   "later exercises assume exp)."),
             (a ** 2, "sigma = exp(a): a square can be 0."))
    if np.all(np.isfinite(got)) and not np.allclose(got, np.exp(a)):
        for value, text in wrong:
            if np.allclose(got, value, rtol=1e-6, atol=1e-12):
                return text
    return "sigma = exp(a) for the last K columns a of raw."


@weight(1)
def test_structure(student, rng):
    """returns (pi, mu, sigma), each of shape (N, K)"""
    raw, k = draw(rng)
    run(student, raw, k, f"mdn_params(raw of shape {raw.shape}, k={k})")


# each result: (its place in (pi, mu, sigma), its reference from raw and k, the hint for what the student returned)
PARTS = {
    "pi": (0, lambda raw, k: softmax(raw[:, :k]), lambda got, raw, k: pi_hint(got, raw, k)),
    "mu": (1, lambda raw, k: raw[:, k:2 * k], lambda got, raw, k: "mu is raw[:, K:2K], unchanged."),
    "sigma": (2, lambda raw, k: np.exp(raw[:, 2 * k:]), lambda got, raw, k: sigma_hint(got, raw[:, 2 * k:])),
}


def check_part(student, raw, k, name):
    """One result of mdn_params(raw, k) against its reference, with the hint of the mistake it matches."""
    index, reference, hint_of = PARTS[name]
    what = f"mdn_params(raw of shape {raw.shape}, k={k}): {name}"
    got = run(student, raw, k, what)[index]
    expect_close(got, reference(raw, k), what, hint_of(got, raw, k))


test_mixing_weights = make_test(lambda student, rng: check_part(student, *draw(rng), "pi"),
                                "pi is the softmax of the logits over the components of each example", 2)
test_means = make_test(lambda student, rng: check_part(student, *draw(rng), "mu"),
                       "mu is the middle block of K columns")


@weight(2)
def test_scales(student, rng):
    """sigma = exp(a) is positive, also for negative raw scales"""
    raw, k = draw(rng)
    raw[0, 2 * k] = -abs(raw[0, 2 * k]) - 1.0
    check_part(student, raw, k, "sigma")


@weight(2)
def test_large_logits(student, rng):
    """no overflow for logits of size 1000"""
    raw, k = draw(rng)
    raw[:, :k] *= 300.0
    raw[0, :k] = 1000.0 - 3.0 * np.arange(k)
    raw[-1, 0] = -1000.0
    what = f"mdn_params with logits up to 1000 (raw of shape {raw.shape}, k={k}): pi"
    pi, _, _ = run(student, raw, k, what)
    expect_close(pi, softmax(raw[:, :k]), what,
                 "exp(1000) overflows to inf and inf / inf is nan: subtract each row's maximum logit first.",
                 atol=1e-12)


@weight(1)
def test_one_component_and_one_example(student, rng):
    """K = 1 (pi is all ones) and a batch of one"""
    raw, _ = draw(rng, k=1)
    what = f"mdn_params(raw of shape {raw.shape}, k=1)"
    pi, mu, sigma = run(student, raw, 1, what)
    expect_close(pi, np.ones((raw.shape[0], 1)), what + ": pi", pi_hint(pi, raw, 1))
    expect_close(sigma, np.exp(raw[:, 2:3]), what + ": sigma", sigma_hint(sigma, raw[:, 2:3]))
    raw, k = draw(rng, n=1)
    what = f"mdn_params(raw of shape {raw.shape}, k={k})"
    pi, mu, sigma = run(student, raw, k, what)
    expect_close(pi, softmax(raw[:, :k]), what + ": pi", pi_hint(pi, raw, k))
    expect_close(mu, raw[:, k:2 * k], what + ": mu")
    expect_close(sigma, np.exp(raw[:, 2 * k:]), what + ": sigma", sigma_hint(sigma, raw[:, 2 * k:]))
