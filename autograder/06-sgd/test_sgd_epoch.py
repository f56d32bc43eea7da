"""Hidden tests for Exercise 2, ``sgd_epoch(W, b, X, y, lr, batches) -> (W, b)``.

Softmax regression, mean cross-entropy per batch; one step W <- W - lr dW, b <- b - lr db per batch,
in the given order, each gradient at the current parameters.
"""

from nncourse.checks.sgd import sgd_epoch_reference, softmax_regression_grads
from nncourse.grading.testing import diagnose, expect, expect_close, labels_missing_class, weight

NAME = "sgd_epoch"


def grads(W, b, X, y):
    """(dW, db) of the batch's mean cross-entropy (the self-check's reference, nncourse.checks.sgd)."""
    return softmax_regression_grads(W, b, X, y)[1:]


def wrong_answers(W, b, X, y, lr, batches):
    """(hint, thunk) for diagnose: what common mistakes return on this input, computed only when needed."""
    def accumulated():
        sums = [grads(W, b, X[idx], y[idx]) for idx in batches]
        return W - lr * sum(g[0] for g in sums), b - lr * sum(g[1] for g in sums)

    def full_batch():
        fW, fb = W, b
        for _ in batches:
            dW, db = grads(fW, fb, X, y)
            fW, fb = fW - lr * dW, fb - lr * db
        return fW, fb

    return [
        ("All gradients were taken at the initial parameters and applied at the end: take a step after each batch, "
         "computing the next gradient at the updated parameters.", accumulated),
        ("Each step used the whole training set: use only the batch, X[idx] and y[idx].", full_batch),
        ("The last batch was skipped: loop over every batch in the list.",
         lambda: sgd_epoch_reference(W, b, X, y, lr, batches[:-1])),
        ("The sign is flipped: step against the gradient, W - lr * dW.",
         lambda: sgd_epoch_reference(W, b, X, y, -lr, batches)),
        ("The batches were used in another order: use them in the order given (they are already shuffled).",
         lambda: sgd_epoch_reference(W, b, X, y, lr, sorted(batches, key=lambda i: int(i[0])))),
    ]


def draw(rng, n=None, scale=1.0):
    n = int(rng.integers(9, 20)) if n is None else n
    d = int(rng.integers(2, 6))
    c = int(rng.integers(3, 6))
    W = rng.normal(size=(d, c))
    b = rng.normal(0.0, 0.3, size=c)
    X = rng.normal(0.0, scale, size=(n, d))
    y = rng.integers(0, c, size=n)
    return W, b, X, y


def batches_of(rng, n, size):
    order = rng.permutation(n)
    return [order[s:s + size] for s in range(0, n, size)]


def check(student, W, b, X, y, lr, batches, what, hint):
    out = student.function(NAME)(W, b, X, y, lr, batches)
    expect(isinstance(out, (tuple, list)) and len(out) == 2,
           f"{what}: expected a pair (W, b), got {type(out).__name__}.", "End the function with `return W, b`.")
    expected = sgd_epoch_reference(W, b, X, y, lr, batches)
    hint = diagnose(tuple(out), expected, wrong_answers(W, b, X, y, lr, batches), hint)
    expect_close(out[0], expected[0], f"{what}: W", hint)
    expect_close(out[1], expected[1], f"{what}: b", hint)
    return out


HINT = ("One step per batch in the given order: dW, db from softmax_regression_grads(W, b, X[idx], y[idx]) at the "
        "current parameters, then W = W - lr * dW, b = b - lr * db.")


@weight(2)
def test_one_batch_is_a_gd_step(student, rng):
    """one batch holding every example is one step of gradient descent"""
    W, b, X, y = draw(rng)
    lr = float(rng.uniform(0.1, 1.0))
    check(student, W, b, X, y, lr, [rng.permutation(len(X))], f"sgd_epoch with one batch of all {len(X)} examples",
          "With a single batch of everything this is one gradient-descent step: W - lr * dW, b - lr * db.")


@weight(3)
def test_several_batches(student, rng):
    """several batches, the last one smaller: sequential updates in the given order"""
    W, b, X, y = draw(rng)
    size = int(rng.integers(2, 5))
    if len(X) % size == 0:
        X, y = X[:-1], y[:-1]
    batches = batches_of(rng, len(X), size)
    lr = float(rng.uniform(0.2, 1.0))
    check(student, W, b, X, y, lr, batches,
          f"sgd_epoch with {len(batches)} batches of {size} (the last of {len(batches[-1])}), N = {len(X)}", HINT)


@weight(1)
def test_class_missing_from_labels(student, rng):
    """the largest class does not occur in y: the number of classes comes from W, not from the labels"""
    W, b, X, _ = draw(rng)
    c = W.shape[1]
    y = labels_missing_class(rng, len(X), c)
    check(student, W, b, X, y, float(rng.uniform(0.2, 1.0)), batches_of(rng, len(X), 3),
          f"sgd_epoch with {c} classes and labels without class {c - 1}",
          HINT + f" The model has C = W.shape[1] = {c} classes even when the largest is absent from y "
          "(y.max() + 1 is not C).")


@weight(1)
def test_batches_of_one(student, rng):
    """batches of a single example"""
    W, b, X, y = draw(rng, n=int(rng.integers(4, 8)))
    check(student, W, b, X, y, 0.3, batches_of(rng, len(X), 1), f"sgd_epoch with {len(X)} batches of one example",
          HINT + " A batch of one is still a 1-D index array: X[idx] keeps the shape (1, D).")


@weight(1)
def test_zero_learning_rate(student, rng):
    """lr = 0 leaves the parameters as they were"""
    W, b, X, y = draw(rng)
    check(student, W, b, X, y, 0.0, batches_of(rng, len(X), 4), "sgd_epoch with lr = 0",
          "With lr = 0 every step is zero: the values of W and b stay as they were (in new arrays).")


@weight(1)
def test_large_inputs(student, rng):
    """no nan or inf for inputs that make logits of size ~1000"""
    W, b, X, y = draw(rng, scale=300.0)
    stable = ("exp() of a large logit overflows: use the given softmax_regression_grads, which subtracts the row "
              "maximum first.")
    check(student, W, b, X, y, 1e-4, batches_of(rng, len(X), 5), "sgd_epoch with logits of size ~1000", stable)
