"""Hidden tests for Exercise 1, ``minibatch_indices(n, batch_size, epochs, seed) -> list of index arrays``.

E * ceil(N / b) integer arrays, epoch after epoch; each epoch is a fresh permutation of 0..N-1 cut
into consecutive batches of b, the last one smaller when b does not divide N.  The statement
prescribes the random stream: one ``rng = np.random.default_rng(seed)`` for the whole call and
``rng.permutation(n)`` at the start of every epoch, so the batches are known exactly.
"""

import numpy as np

from nncourse.grading.testing import diagnose, expect, expect_dtype, fail, weight

NAME = "minibatch_indices"
RULE = ("One generator rng = np.random.default_rng(seed) made once before the epoch loop; at the start of every "
        "epoch order = rng.permutation(n), cut into order[start:start + batch_size] for start in "
        "range(0, n, batch_size).")


def cut(order, b):
    return [order[s:s + b] for s in range(0, len(order), b)]


def reference(n, b, epochs, seed, variant="right"):
    """The prescribed batches, or those of a known wrong variant (with the random draws that variant makes)."""
    rng = np.random.default_rng(seed)
    if variant == "with_replacement":
        return [rng.integers(0, n, size=min(b, n - s)) for _ in range(epochs) for s in range(0, n, b)]
    legacy = np.random.RandomState(seed)      # the stream of np.random.seed(seed) + np.random.permutation(n)
    first = rng.permutation(n)
    out = []
    for e in range(epochs + (variant == "extra_epoch") - (variant == "short_epoch")):
        order = {"once": first, "sorted": np.arange(n), "legacy": legacy.permutation(n),
                 "seed_plus_epoch": np.random.default_rng(seed + e).permutation(n)}.get(
            variant, first if e == 0 else rng.permutation(n))
        pieces = {"drop_last": cut(order, b)[:n // b], "even_split": np.array_split(order, -(-n // b))}
        out += pieces.get(variant, cut(order, b))
    return out


HINTS = {
    "drop_last": ("The last, smaller batch of each epoch is missing: loop `range(0, n, batch_size)` and keep the "
                  "piece with N mod b examples."),
    "even_split": ("Your batches have about equal sizes (np.array_split into ceil(N/b) pieces): the statement "
                   "cuts pieces of exactly b indices, and only the last one is smaller."),
    "extra_epoch": "One epoch too many: `range(epochs)` runs exactly `epochs` times.",
    "short_epoch": "One epoch too few: `range(epochs)` runs exactly `epochs` times.",
    "once": ("Every epoch repeats the first epoch's order: either the permutation is drawn once, before the epoch "
             "loop, or np.random.default_rng(seed) is created again inside it. Create the generator once, before the "
             "loop, and draw a new rng.permutation(n) from it at the start of every epoch."),
    "seed_plus_epoch": ("You create a new generator every epoch (np.random.default_rng(seed + epoch)): the statement "
                        "prescribes one generator for the whole call, rng = np.random.default_rng(seed) before the "
                        "loop, and a new rng.permutation(n) from it every epoch."),
    "sorted": "The indices are not shuffled: take each epoch's order from rng.permutation(n).",
    "with_replacement": ("Indices are drawn with replacement (rng.integers), so some examples repeat and others are "
                         "missing in an epoch: cut one permutation rng.permutation(n) into batches."),
    "legacy": ("You used NumPy's legacy global generator (np.random.seed / np.random.permutation). The statement "
               "prescribes rng = np.random.default_rng(seed) and rng.permutation(n), a different random stream."),
}


def call(student, n, b, epochs, seed):
    """The student's batches as int arrays, and the call's description."""
    out = student.function(NAME)(n, b, epochs, seed)
    what = f"minibatch_indices({n}, {b}, {epochs}, seed={seed})"
    if not isinstance(out, (list, tuple)):
        if isinstance(out, np.ndarray) and out.ndim == 2:
            fail(f"{what}: expected a list of 1-D index arrays, got a 2-D array of shape {out.shape}.",
                 "A 2-D array cannot hold a smaller last batch; append each batch to a list.")
        fail(f"{what}: expected a list of index arrays, got {type(out).__name__}.",
             "Collect the batches in a list and return it.")
    batches = []
    for k, idx in enumerate(out):
        arr = np.asarray(idx) if not isinstance(idx, (dict, str)) else None
        expect(arr is not None and arr.ndim == 1 and np.issubdtype(arr.dtype, np.number),
               f"{what}: batch {k} is not a 1-D array of indices.")
        expect_dtype(arr, "int", f"{what}: batch {k}",
                     "Indices are integers: rng.permutation(n) gives them; do not build batches in a float array.")
        batches.append(arr.astype(np.int64))
    return batches, what


def sizes(batches):
    return [len(x) for x in batches]


def check(student, n, b, epochs, seed):
    """The student's batches equal the prescribed ones exactly; a hint names a confirmed mistake."""
    got, what = call(student, n, b, epochs, seed)
    expected = reference(n, b, epochs, seed)
    hint = diagnose(got, expected, [(h, lambda v=v: reference(n, b, epochs, seed, v)) for v, h in HINTS.items()],
                    RULE)
    k = -(-n // b)
    expect(sizes(got) == sizes(expected),
           f"{what}: expected {epochs} epoch(s) x {k} batches of sizes {sizes(expected)[:k]}, got {len(got)} batches "
           f"of sizes {sizes(got)[:2 * k]}{' ...' if len(got) > 2 * k else ''}.", hint)
    for i, (g, e) in enumerate(zip(got, expected)):
        if not np.array_equal(g, e):
            fail(f"{what}: batch {i % k} of epoch {i // k}: expected {e.tolist()}, got {g.tolist()} (the "
                 "statement fixes the random stream, so the batches are known exactly).", hint)
    return got


def draw_sizes(rng, n_range, b_range):
    """N and b drawn from the ranges (as rng.integers), N not a multiple of b: the last batch is partial."""
    n, b = int(rng.integers(*n_range)), int(rng.integers(*b_range))
    return (n + 1 if n % b == 0 else n), b


@weight(2)
def test_one_epoch(student, rng):
    """one epoch: the prescribed permutation cut into batches of b, the last partial batch kept"""
    n, b = draw_sizes(rng, (20, 60), (3, 9))
    batches = check(student, n, b, 1, int(rng.integers(0, 10_000)))
    expect(np.array_equal(np.sort(np.concatenate(batches)), np.arange(n)),
           f"minibatch_indices({n}, {b}, 1, ...): the epoch does not cover each index exactly once.")


@weight(1)
def test_shuffled_and_reproducible(student, rng):
    """the same seed gives the same batches, another seed other batches"""
    n, b = int(rng.integers(30, 50)), 5
    seed = int(rng.integers(0, 10_000))
    first = check(student, n, b, 2, seed)
    second, what = call(student, n, b, 2, seed)
    same = len(first) == len(second) and all(np.array_equal(x, y) for x, y in zip(first, second))
    expect(same, f"{what}: two calls with the same seed returned different batches.",
           "Make the generator from the seed, rng = np.random.default_rng(seed), inside the function.")
    check(student, n, b, 2, seed + 1)


@weight(2)
def test_several_epochs(student, rng):
    """E epochs give E * ceil(N/b) batches, each epoch a new permutation from the one generator"""
    n, b = draw_sizes(rng, (25, 45), (4, 8))
    check(student, n, b, int(rng.integers(3, 6)), int(rng.integers(0, 10_000)))


@weight(1)
def test_edge_cases(student, rng):
    """batch of one, batch size >= N, b dividing N, N = 1"""
    n = int(rng.integers(5, 12))
    seed = int(rng.integers(0, 10_000))
    check(student, n, 1, 2, seed)
    check(student, n, n + int(rng.integers(0, 5)), 2, seed)
    b = int(rng.integers(2, 5))
    check(student, b * 4, b, 1, seed)
    check(student, 1, 3, 2, seed)
