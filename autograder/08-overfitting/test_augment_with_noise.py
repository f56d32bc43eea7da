"""Hidden tests for Exercise 4, ``augment_with_noise(X, t, sigma, noise) -> (X_aug, t_aug, contradicted)``.

X_aug = [X; X + sigma * noise[0]; ...; X + sigma * noise[K-1]] stacked by rows, t_aug = t repeated K + 1 times;
contradicted = the share of the K * N copies that an original of another class is strictly nearer to than every
original of their own class (0.0 for K = 0).
"""

import numpy as np

from nncourse.grading.testing import diagnose, expect, expect_close, expect_dtype, expect_shape, weight

NAME = "augment_with_noise"


def draw(rng, n=None, k=None, classes=3):
    n = int(rng.integers(2, 9)) if n is None else n
    d = int(rng.integers(1, 5))
    k = int(rng.integers(1, 5)) if k is None else k
    X = rng.normal(size=(n, d))
    t = rng.integers(0, classes, size=n)
    sigma = float(rng.uniform(0.05, 0.8))
    noise = rng.normal(size=(k, n, d))
    return X, t, sigma, noise


def overlapping(rng, n=12, k=3):
    """Two classes whose clouds overlap and a sigma of their scale: some copies are contradicted, not all."""
    while True:
        d = int(rng.integers(2, 4))
        t = rng.permutation(np.arange(n) % 2)
        X = rng.normal(size=(n, d)) + 0.8 * t[:, None]
        sigma = float(rng.uniform(0.5, 0.9))
        noise = rng.normal(size=(k, n, d))
        share = expected(X, t, sigma, noise)[2]
        if 0.1 < share < 0.9 and share != own_original_only(X, t, sigma, noise):
            return X, t, sigma, noise


def _copies(X, t, sigma, noise):
    return (X + sigma * noise).reshape(-1, X.shape[1]), np.tile(t, len(noise))


def _nearest(copies, t_copies, X, t):
    """Distance of every copy to the nearest original of its own class and of another class (inf if none)."""
    dist = np.sqrt(((copies[:, None, :] - X[None, :, :]) ** 2).sum(axis=2))
    own = t_copies[:, None] == t[None, :]
    return np.where(own, dist, np.inf).min(axis=1), np.where(own, np.inf, dist).min(axis=1)


def expected(X, t, sigma, noise):
    copies, t_copies = _copies(X, t, sigma, noise)
    X_aug, t_aug = np.concatenate([X, copies]), np.concatenate([t, t_copies])
    if len(noise) == 0:
        return X_aug, t_aug, 0.0
    near_own, near_other = _nearest(copies, t_copies, X, t)
    return X_aug, t_aug, float(np.mean(near_other < near_own))


def own_original_only(X, t, sigma, noise):
    """The share when a copy is compared with its own original instead of the nearest example of its class."""
    copies, t_copies = _copies(X, t, sigma, noise)
    to_source = np.sqrt(((sigma * noise) ** 2).sum(axis=2)).reshape(-1)
    return float(np.mean(_nearest(copies, t_copies, X, t)[1] < to_source))


def contradicted_hint(got, X, t, sigma, noise):
    """A hint naming the mistake whose share equals ``got`` on this input, else what the share is."""
    copies, t_copies = _copies(X, t, sigma, noise)
    share = expected(X, t, sigma, noise)[2]
    n_copies = len(copies)

    def as_near():
        near_own, near_other = _nearest(copies, t_copies, X, t)
        return float(np.mean(near_other <= near_own))

    def first_nearest():
        dist = np.sqrt(((copies[:, None, :] - X[None, :, :]) ** 2).sum(axis=2))
        return float(np.mean(t[dist.argmin(axis=1)] != t_copies))

    return diagnose(got, share, [
        ("contradicted is a share of the copies, not a count: divide the number of contradicted copies by K * N.",
         share * n_copies),
        ("Divide by the number of copies K * N, not by all (K + 1) * N rows of X_aug: the originals are not "
         "candidates.", share * n_copies / (n_copies + len(X))),
        ("Compare with the nearest original of the copy's own class, not only with the original it was made from: "
         "another example of its class may be nearer.", lambda: own_original_only(X, t, sigma, noise)),
        ("A copy is contradicted only when another class is strictly nearer (<, not <=): at an equal distance its "
         "own class wins.", as_near),
        ("A copy is contradicted only when another class is strictly nearer; at an equal distance its own class "
         "wins, while argmin picks the first index on a tie, whatever its class.", first_nearest),
        ("Only the N originals are neighbours: a copy is at distance 0 from itself in X_aug, so it would never be "
         "contradicted.", 0.0),
        ("That is the share of copies that are not contradicted: count those an original of another class is "
         "strictly nearer to.", 1.0 - share),
    ], "contradicted = (number of copies with nearest other-class original strictly nearer than their nearest "
       "own-class original) / (K * N); only the originals are neighbours.")


def unpack(out, what):
    expect(isinstance(out, (tuple, list)) and len(out) == 3,
           f"{what}: expected a triple (X_aug, t_aug, contradicted), got "
           f"{type(out).__name__}{f' of length {len(out)}' if isinstance(out, (tuple, list)) else ''}.",
           "End with `return X_aug, t_aug, contradicted`.")
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
    X_aug, _, _ = unpack(student.function(NAME)(X, t, sigma, noise), describe(X, noise))
    exp_X = expected(X, t, sigma, noise)[0]
    expect_close(X_aug, exp_X, f"{describe(X, noise)}, sigma={sigma:.3g}: X_aug",
                 x_hint(X_aug, X, t, sigma, noise))


@weight(1)
def test_labels(student, rng):
    """t_aug is t repeated K + 1 times, in the same order as X_aug"""
    X, t, sigma, noise = draw(rng)
    while len(set(t.tolist())) < 2:
        t = rng.integers(0, 3, size=len(t))
    _, t_aug, _ = unpack(student.function(NAME)(X, t, sigma, noise), describe(X, noise))
    exp_t = expected(X, t, sigma, noise)[1]
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


@weight(3)
def test_contradicted_share(student, rng):
    """the share of copies nearer to another class, on overlapping classes and on three classes"""
    for X, t, sigma, noise in (overlapping(rng), overlapping(rng, n=7, k=1), draw(rng, n=9, k=3)):
        what = f"{describe(X, noise)}, {len(set(t.tolist()))} classes, sigma={sigma:.3g}: contradicted"
        _, _, share = unpack(student.function(NAME)(X, t, sigma, noise), what)
        expect_dtype(share, "number", what, "contradicted is one number, a share between 0 and 1.")
        expect_close(share, expected(X, t, sigma, noise)[2], what, contradicted_hint(share, X, t, sigma, noise))


@weight(2)
def test_edge_cases(student, rng):
    """one example, one class, K = 0 copies, sigma = 0, and duplicates of different classes"""
    X, t, sigma, noise = draw(rng, n=1)
    X_aug, t_aug, share = unpack(student.function(NAME)(X, t, sigma, noise), describe(X, noise))
    exp_X, exp_t, _ = expected(X, t, sigma, noise)
    what = f"{describe(X, noise)}, one example"
    expect_close(X_aug, exp_X, f"{what}: X_aug", x_hint(X_aug, X, t, sigma, noise))
    expect_close(t_aug, exp_t, f"{what}: t_aug")
    one_class = "With a single class there is no other class: no copy is contradicted, the share is 0.0."
    expect_close(share, 0.0, f"{what}: contradicted", one_class)

    X, t, sigma, noise = draw(rng, n=6)
    t = np.full(len(X), int(rng.integers(0, 3)))
    _, _, share = unpack(student.function(NAME)(X, t, sigma, noise), describe(X, noise) + ", one class")
    expect_close(share, 0.0, f"{describe(X, noise)}, every label {t[0]}: contradicted", one_class)

    X, t, sigma, _ = draw(rng)
    noise = np.zeros((0,) + X.shape)
    what = f"augment_with_noise(X of shape {X.shape}, K=0 copies)"
    X_aug, t_aug, share = unpack(student.function(NAME)(X, t, sigma, noise), what)
    expect_close(X_aug, X, f"{what}: X_aug", "With no copies X_aug equals X (take K from noise.shape[0]).")
    expect_close(t_aug, t, f"{what}: t_aug")
    expect_close(share, 0.0, f"{what}: contradicted",
                 "With no copies there is nothing to count: return 0.0 (np.mean of an empty array is nan).")

    X, t, _, noise = draw(rng)
    X = np.concatenate([X, X[:2]])                   # the first two examples again, with another label
    t = np.concatenate([t, (t[:2] + 1) % 3])
    noise = rng.normal(size=(len(noise),) + X.shape)
    what = f"{describe(X, noise)}, sigma=0, two examples repeated with another label"
    X_aug, _, share = unpack(student.function(NAME)(X, t, 0.0, noise), what)
    expect_close(X_aug, expected(X, t, 0.0, noise)[0], f"{what}: X_aug", "With sigma = 0 every copy equals X.")
    expect_close(share, 0.0, f"{what}: contradicted", contradicted_hint(share, X, t, 0.0, noise)
                 or "With sigma = 0 each copy sits on its original (distance 0); an example of another class at "
                    "the same place is not strictly nearer, so nothing is contradicted.")
