"""Hidden tests for Exercise 4, ``augment_with_noise(X, t, sigma, noise) -> (X_aug, t_aug)``.

X_aug = [X; X + sigma * noise[0]; ...; X + sigma * noise[K-1]] stacked by rows, t_aug = t repeated K + 1 times.
"""

import numpy as np

from nncourse.grading.testing import diagnose, expect, expect_close, expect_dtype, expect_shape, weight

NAME = "augment_with_noise"


def draw(rng, n=None, k=None):
    n = int(rng.integers(2, 9)) if n is None else n
    d = int(rng.integers(1, 5))
    k = int(rng.integers(1, 5)) if k is None else k
    X = rng.normal(size=(n, d))
    t = rng.integers(0, 3, size=n)
    sigma = float(rng.uniform(0.05, 0.8))
    noise = rng.normal(size=(k, n, d))
    return X, t, sigma, noise


def expected(X, t, sigma, noise):
    return np.concatenate([X] + [X + sigma * e for e in noise]), np.tile(t, len(noise) + 1)


def unpack(out, what):
    expect(isinstance(out, (tuple, list)) and len(out) == 2,
           f"{what}: expected a pair (X_aug, t_aug), got {type(out).__name__}.", "End with `return X_aug, t_aug`.")
    return out


def describe(X, noise):
    return f"augment_with_noise(X of shape {X.shape}, K={len(noise)} copies)"


def x_hint(got, X, t, sigma, noise):
    """A hint naming the mistake whose X_aug equals ``got`` on this input, else what X_aug is."""
    d = X.shape[1]
    with_noise = lambda scale: np.concatenate([X] + [X + scale * e for e in noise])  # noqa: E731
    return diagnose(got, expected(X, t, sigma, noise)[0], [
        ("Keep the original examples: X_aug starts with X itself, followed by the K noisy copies.",
         lambda: np.concatenate([X + sigma * e for e in noise])),
        ("One noisy copy is missing: there are K = noise.shape[0] copies, one per noise[k] for k = 0 .. K-1 "
         "(range(K), not range(K - 1)).", lambda: np.concatenate([X] + [X + sigma * e for e in noise[:-1]])),
        ("Multiply the noise by sigma: copy k is X + sigma * noise[k].", lambda: with_noise(1.0)),
        ("sigma is the standard deviation: multiply the standard-normal noise by sigma, not by sigma**2.",
         lambda: with_noise(sigma ** 2)),
        ("The order is the originals first, then all N rows of copy 1, then copy 2, ...; not the copies of one "
         "example next to each other.",
         lambda: np.concatenate([X[None], X + sigma * noise]).transpose(1, 0, 2).reshape(-1, d)),
    ], "X_aug = [X, X + sigma * noise[0], ..., X + sigma * noise[K-1]] stacked by rows, in this order: "
       "(K + 1) * N rows.")


@weight(2)
def test_inputs(student, rng):
    """X_aug is X followed by the K noisy copies, in order"""
    X, t, sigma, noise = draw(rng)
    X_aug, _ = unpack(student.function(NAME)(X, t, sigma, noise), describe(X, noise))
    exp_X, _ = expected(X, t, sigma, noise)
    expect_close(X_aug, exp_X, f"{describe(X, noise)}, sigma={sigma:.3g}: X_aug",
                 x_hint(X_aug, X, t, sigma, noise))


@weight(2)
def test_labels(student, rng):
    """t_aug is t repeated K + 1 times, in the same order as X_aug"""
    X, t, sigma, noise = draw(rng)
    while len(set(t.tolist())) < 2:
        t = rng.integers(0, 3, size=len(t))
    _, t_aug = unpack(student.function(NAME)(X, t, sigma, noise), describe(X, noise))
    _, exp_t = expected(X, t, sigma, noise)
    what = f"{describe(X, noise)}: t_aug"
    hint = "The labels do not change: t_aug = np.tile(t, K + 1), i.e. t, t, ..., t."
    got = expect_shape(t_aug, exp_t.shape, what,
                       "t_aug has one label per row of X_aug: (K + 1) * N labels, the originals' included.")
    if np.array_equal(got, np.repeat(t, len(noise) + 1)):
        hint = ("np.repeat(t, K + 1) repeats each label in place (t0, t0, ..., t1, t1, ...), which does not match "
                "the order of X_aug; use np.tile(t, K + 1) or np.concatenate([t] * (K + 1)).")
    expect_close(got, exp_t, what, hint)
    expect_dtype(t_aug, "int", what, "Labels stay integers: build t_aug from t itself, np.tile(t, K + 1), not from a "
                 "float array such as np.zeros.")


@weight(1)
def test_edge_cases(student, rng):
    """one example, sigma = 0 (exact copies) and K = 0 copies"""
    X, t, sigma, noise = draw(rng, n=1)
    X_aug, t_aug = unpack(student.function(NAME)(X, t, sigma, noise), describe(X, noise))
    exp_X, exp_t = expected(X, t, sigma, noise)
    expect_close(X_aug, exp_X, f"{describe(X, noise)}, one example: X_aug", x_hint(X_aug, X, t, sigma, noise))
    expect_close(t_aug, exp_t, f"{describe(X, noise)}, one example: t_aug")
    X, t, _, noise = draw(rng)
    X_aug, t_aug = unpack(student.function(NAME)(X, t, 0.0, noise), describe(X, noise) + ", sigma=0")
    exp_X, exp_t = expected(X, t, 0.0, noise)
    expect_close(X_aug, exp_X, f"{describe(X, noise)}, sigma=0: X_aug", "With sigma = 0 every copy equals X.")
    X, t, sigma, _ = draw(rng)
    noise = np.zeros((0,) + X.shape)
    X_aug, t_aug = unpack(student.function(NAME)(X, t, sigma, noise), "augment_with_noise with K=0 copies")
    expect_close(X_aug, X, f"augment_with_noise(X of shape {X.shape}, K=0 copies): X_aug",
                 "With no copies X_aug equals X (take K from noise.shape[0]).")
    expect_close(t_aug, t, f"augment_with_noise(X of shape {X.shape}, K=0 copies): t_aug")
