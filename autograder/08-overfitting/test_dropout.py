"""Hidden tests for Exercise 2, ``dropout_forward(x, p, keep, train)``, ``dropout_backward(grad_out, p, keep, train)``.

Inverted dropout with drop probability p and a boolean mask keep (True = kept):
training mode: x * keep / (1 - p) and grad_out * keep / (1 - p); evaluation mode: the identity.
"""

import numpy as np

from nncourse.grading.testing import diagnose, expect_close, weight

FORWARD, BACKWARD = "dropout_forward", "dropout_backward"
# in evaluation mode dropout is the identity: handing back the input array itself is a valid answer,
# so the result may alias argument 0 (changing it is still checked)


def draw(rng, n=None, scale=1.0, p=None):
    n = int(rng.integers(2, 9)) if n is None else n
    h = int(rng.integers(2, 8))
    p = float(rng.choice([0.1, 0.2, 0.3, 0.5, 0.7])) if p is None else p
    x = rng.normal(size=(n, h)) * scale
    keep = rng.random((n, h)) >= p
    keep.flat[0] = True          # at least one kept and one dropped unit
    keep.flat[-1] = False
    g = rng.normal(size=(n, h)) * scale
    return x, p, keep, g


def forward_hint(got, x, p, keep):
    """A hint naming the mistake whose training-mode output equals ``got`` on this input, else the rule."""
    return diagnose(got, x * keep / (1 - p), [
        ("You applied the mask but did not rescale: inverted dropout divides the kept units by 1 - p.", x * keep),
        ("Divide by the keep probability 1 - p, not by the drop probability p.", lambda: x * keep / p),
        ("Divide by 1 - p (inverted dropout); multiplying by 1 - p is the old test-time scaling.",
         x * keep * (1 - p)),
        ("keep is True for the units that stay: multiply by keep, not by its complement.", x * ~keep / (1 - p)),
        ("In training mode the mask must be applied: out = x * keep / (1 - p).", x),
    ], "In training mode: out = x * keep / (1 - p), of x's shape.")


def backward_hint(got, g, p, keep):
    """A hint naming the mistake whose training-mode gradient equals ``got`` on this input, else the rule."""
    return diagnose(got, g * keep / (1 - p), [
        ("You forgot the scale in backward: the forward pass divides by 1 - p, so the gradient must be divided by "
         "1 - p too.", g * keep),
        ("In training mode a dropped unit gets no gradient: multiply grad_out by keep / (1 - p).", g),
        ("Divide by the keep probability 1 - p, not by p.", lambda: g * keep / p),
        ("Use the same mask as the forward pass: multiply by keep, not by its complement.", g * ~keep / (1 - p)),
    ], "grad_x = grad_out * keep / (1 - p): the same mask and the same scale as the forward pass.")


def shape(x):
    return f"x of shape {x.shape}"


@weight(3)
def test_forward_train(student, rng):
    """training mode: x * keep / (1 - p)"""
    for _ in range(2):
        x, p, keep, _ = draw(rng)
        out = student.function(FORWARD, allow_alias=(0,))(x, p, keep, True)
        expect_close(out, x * keep / (1 - p), f"dropout_forward({shape(x)}, p={p}, keep, train=True)",
                     forward_hint(out, x, p, keep))


@weight(2)
def test_forward_eval(student, rng):
    """evaluation mode: the identity, whatever the mask"""
    x, p, keep, _ = draw(rng)
    out = student.function(FORWARD, allow_alias=(0,))(x, p, keep, False)
    hint = diagnose(out, x, [
        ("You applied dropout at evaluation time too. With inverted dropout the scaling is done during training, "
         "so evaluation mode (train=False) returns x unchanged.", x * keep / (1 - p)),
        ("Inverted dropout already divides by 1 - p during training, so evaluation mode needs no scaling: return x.",
         x * (1 - p)),
    ], "In evaluation mode dropout does nothing: return x unchanged (no mask, no scaling).")
    expect_close(out, x, f"dropout_forward({shape(x)}, p={p}, keep, train=False)", hint)


@weight(3)
def test_backward_train(student, rng):
    """backward in training mode: grad_out * keep / (1 - p), the same mask and scale as forward"""
    for _ in range(2):
        x, p, keep, g = draw(rng)
        grad = student.function(BACKWARD, allow_alias=(0,))(g, p, keep, True)
        expect_close(grad, g * keep / (1 - p), f"dropout_backward(grad_out of shape {g.shape}, p={p}, keep, "
                     "train=True)", backward_hint(grad, g, p, keep))


@weight(1)
def test_backward_eval(student, rng):
    """backward in evaluation mode: grad_out unchanged"""
    _, p, keep, g = draw(rng)
    grad = student.function(BACKWARD, allow_alias=(0,))(g, p, keep, False)
    hint = diagnose(grad, g, [
        ("You applied the mask in evaluation mode: with train=False, return grad_out unchanged.",
         g * keep / (1 - p))], "In evaluation mode the layer is the identity, so its gradient is grad_out unchanged.")
    expect_close(grad, g, f"dropout_backward(grad_out of shape {g.shape}, p={p}, keep, train=False)", hint)


@weight(1)
def test_batch_of_one_and_p_zero(student, rng):
    """a batch of one example; p = 0 is the identity"""
    x, p, keep, g = draw(rng, n=1)
    what = f"dropout on a batch of one ({shape(x)}, p={p})"
    out = student.function(FORWARD, allow_alias=(0,))(x, p, keep, True)
    expect_close(out, x * keep / (1 - p), f"{what}: forward", forward_hint(out, x, p, keep))
    grad = student.function(BACKWARD, allow_alias=(0,))(g, p, keep, True)
    expect_close(grad, g * keep / (1 - p), f"{what}: backward", backward_hint(grad, g, p, keep))
    x, _, _, g = draw(rng, p=0.0)
    ones = np.ones(x.shape, dtype=bool)
    expect_close(student.function(FORWARD, allow_alias=(0,))(x, 0.0, ones, True), x,
                 f"dropout_forward({shape(x)}, p=0, all kept, train=True)",
                 "With p = 0 nothing is dropped and 1 - p = 1.")
    expect_close(student.function(BACKWARD, allow_alias=(0,))(g, 0.0, ones, True), g,
                 f"dropout_backward(grad_out of shape {g.shape}, p=0, all kept, train=True)",
                 "With p = 0 nothing is dropped and 1 - p = 1.")


@weight(1)
def test_large_values_and_high_rate(student, rng):
    """large activations (1e6) and a high drop rate p = 0.9"""
    x, _, keep, g = draw(rng, scale=1e6, p=0.9)
    p = 0.9
    out = student.function(FORWARD, allow_alias=(0,))(x, p, keep, True)
    expect_close(out, x * keep / (1 - p), f"dropout_forward({shape(x)} with entries ~1e6, p=0.9, train=True)",
                 forward_hint(out, x, p, keep))
    grad = student.function(BACKWARD, allow_alias=(0,))(g, p, keep, True)
    expect_close(grad, g * keep / (1 - p), "dropout_backward(grad_out ~1e6, p=0.9, train=True)",
                 backward_hint(grad, g, p, keep))


@weight(1)
def test_training_is_the_default(student, rng):
    """called without train, both functions use the signature's default train=True"""
    x, p, keep, g = draw(rng)
    out = student.function(FORWARD, allow_alias=(0,))(x, p, keep)
    hint = "Keep the signature's default, train=True: dropout_forward(x, p, keep) is the training-mode call."
    expect_close(out, x * keep / (1 - p), f"dropout_forward({shape(x)}, p={p}, keep) without train",
                 diagnose(out, x * keep / (1 - p), [(hint, x)], forward_hint(out, x, p, keep)))
    grad = student.function(BACKWARD, allow_alias=(0,))(g, p, keep)
    expect_close(grad, g * keep / (1 - p), f"dropout_backward(grad_out of shape {g.shape}, p={p}, keep) without train",
                 diagnose(grad, g * keep / (1 - p), [(hint.replace("dropout_forward(x", "dropout_backward(grad_out"),
                                                      g)], backward_hint(grad, g, p, keep)))
