"""Hidden tests for Exercise 1, ``minibatch_indices(n, batch_size, epochs, seed) -> list of index arrays``.

E * ceil(N / b) integer arrays, epoch after epoch; each epoch is a fresh permutation of 0..N-1 cut
into consecutive batches of b, the last one smaller when b does not divide N.
"""

import numpy as np

from nncourse.grading.testing import expect, fail, weight

NAME = "minibatch_indices"


def call(student, n, b, epochs, seed):
    out = student.function(NAME)(n, b, epochs, seed)
    what = f"minibatch_indices({n}, {b}, {epochs}, seed={seed})"
    if not isinstance(out, (list, tuple)):
        if isinstance(out, np.ndarray) and out.ndim == 2:
            fail(f"{what}: expected a list of 1-D index arrays, got a 2-D array of shape {out.shape}.\n"
                 "  Hint: a 2-D array cannot hold a smaller last batch; append each batch to a list.")
        fail(f"{what}: expected a list of index arrays, got {type(out).__name__}.\n"
             "  Hint: collect the batches in a list and return it.")
    batches = []
    for k, idx in enumerate(out):
        arr = np.asarray(idx) if not isinstance(idx, (dict, str)) else None
        expect(arr is not None and arr.ndim == 1 and np.issubdtype(arr.dtype, np.number),
               f"{what}: batch {k} is not a 1-D array of indices.")
        expect(np.all(arr == np.round(arr)), f"{what}: batch {k} holds non-integer values {arr[:5]}.")
        batches.append(arr.astype(np.int64))
    return batches, what


def sizes_hint(n, b, got):
    k = -(-n // b)
    expected = [b] * (k - 1) + [n - (k - 1) * b]
    if got == [b] * (n // b):
        return (f"The last, smaller batch is missing: with N = {n} and b = {b} there are ceil({n}/{b}) = {k} "
                f"batches, the last with {n - (k - 1) * b} examples. Loop `range(0, n, batch_size)` and keep it.")
    if len(got) == k + 1 and got[-1] == 0:
        return "An empty batch at the end: loop `range(0, n, batch_size)`, which stops before n."
    return f"Expected sizes {expected}: consecutive pieces of b indices of one permutation."


@weight(2)
def test_one_epoch(student, rng):
    """one epoch covers every index exactly once, with the last partial batch kept"""
    n = int(rng.integers(20, 60))
    b = int(rng.integers(3, 9))
    if n % b == 0:
        n += 1
    seed = int(rng.integers(0, 10_000))
    batches, what = call(student, n, b, 1, seed)
    k = -(-n // b)
    expected = [b] * (k - 1) + [n - (k - 1) * b]
    got = [len(x) for x in batches]
    expect(got == expected, f"{what}: expected {k} batches of sizes {expected}, got {len(got)} of sizes {got}.",
           sizes_hint(n, b, got))
    flat = np.concatenate(batches)
    counts = np.bincount(flat[(flat >= 0) & (flat < n)], minlength=n)
    expect(flat.min() >= 0 and flat.max() < n and np.all(counts == 1),
           f"{what}: {int(np.sum(counts == 0))} indices never appear and {int(np.sum(counts > 1))} appear "
           "more than once in the epoch.",
           "Sampling with replacement (rng.integers, rng.choice without replace=False) repeats examples: cut one "
           "permutation rng.permutation(n) into batches.")


@weight(1)
def test_shuffled_and_reproducible(student, rng):
    """the order is shuffled, and the same seed gives the same batches"""
    n, b = int(rng.integers(30, 50)), 5
    seed = int(rng.integers(0, 10_000))
    first, what = call(student, n, b, 2, seed)
    expect(not np.array_equal(np.concatenate(first)[:n], np.arange(n)),
           f"{what}: the first epoch takes the examples in the order 0, 1, 2, ...: they are not shuffled.",
           "Shuffle with rng = np.random.default_rng(seed) and rng.permutation(n).")
    second, _ = call(student, n, b, 2, seed)
    same = len(first) == len(second) and all(np.array_equal(x, y) for x, y in zip(first, second))
    expect(same, f"{what}: two calls with the same seed returned different batches.",
           "Make the generator from the seed, rng = np.random.default_rng(seed), instead of using np.random's "
           "global functions, so that a run can be repeated.")
    other, _ = call(student, n, b, 2, seed + 1)
    expect(not np.array_equal(np.concatenate(other), np.concatenate(first)),
           f"{what}: seed {seed} and seed {seed + 1} give the same batches.", "Use the seed argument.")


@weight(2)
def test_several_epochs(student, rng):
    """E epochs give E * ceil(N/b) batches, each epoch a new permutation"""
    n = int(rng.integers(25, 45))
    b = int(rng.integers(4, 8))
    if n % b == 0:
        n += 1
    epochs = int(rng.integers(3, 6))
    seed = int(rng.integers(0, 10_000))
    batches, what = call(student, n, b, epochs, seed)
    k = -(-n // b)
    hint = f"Loop `for _ in range(epochs)` and add the {k} batches of each epoch to one list."
    if len(batches) == (epochs + 1) * k or len(batches) == (epochs - 1) * k:
        hint = (f"{len(batches) // k} epochs instead of {epochs}: an off-by-one in the epoch loop; "
                "`range(epochs)` runs exactly `epochs` times.")
    elif len(batches) == k:
        hint = "Only one epoch: the function must return the batches of every epoch, one after the other."
    expect(len(batches) == epochs * k,
           f"{what}: expected {epochs} epochs x {k} batches = {epochs * k} arrays, got {len(batches)}.", hint)
    orders = [np.concatenate(batches[e * k:(e + 1) * k]) for e in range(epochs)]
    for e, order in enumerate(orders):
        expect(np.array_equal(np.sort(order), np.arange(n)),
               f"{what}: epoch {e} does not cover each index 0..{n - 1} exactly once.",
               "Each epoch is one permutation of all indices, cut into batches.")
    repeats = sum(np.array_equal(orders[e], orders[e - 1]) for e in range(1, epochs))
    expect(repeats == 0,
           f"{what}: {repeats} of {epochs - 1} epochs repeat the previous epoch's order exactly.",
           "Not reshuffling: draw a new permutation at the start of every epoch, from one generator created once "
           "before the loop (re-creating default_rng(seed) inside the loop repeats the same permutation).")


@weight(1)
def test_edge_cases(student, rng):
    """batch of one, batch size >= N, b dividing N, N = 1"""
    n = int(rng.integers(5, 12))
    seed = int(rng.integers(0, 10_000))
    batches, what = call(student, n, 1, 2, seed)
    expect(len(batches) == 2 * n and all(len(x) == 1 for x in batches),
           f"{what}: with b = 1 expected {2 * n} batches of one example, got sizes {[len(x) for x in batches][:12]}.")
    big = n + int(rng.integers(0, 5))
    batches, what = call(student, n, big, 2, seed)
    expect([len(x) for x in batches] == [n, n],
           f"{what}: with b >= N each epoch is one batch of all {n} examples; got sizes {[len(x) for x in batches]}.",
           "Slicing order[start:start + batch_size] past the end is fine in NumPy; do not drop a batch smaller "
           "than batch_size.")
    b = int(rng.integers(2, 5))
    batches, what = call(student, b * 4, b, 1, seed)
    expect([len(x) for x in batches] == [b] * 4,
           f"{what}: expected 4 batches of {b}, got sizes {[len(x) for x in batches]}.",
           "When b divides N there is no partial batch, and no empty one either.")
    batches, what = call(student, 1, 3, 2, seed)
    expect([np.asarray(x).tolist() for x in batches] == [[0], [0]],
           f"{what}: expected [[0], [0]], got {[np.asarray(x).tolist() for x in batches]}.")
