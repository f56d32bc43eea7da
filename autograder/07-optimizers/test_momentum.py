"""Hidden tests for Exercise 1, ``class Momentum(lr, gamma)`` with ``step(theta, grad) -> new theta``.

The rule (the lesson's convention): v <- gamma v - lr grad (v = 0 before the
first step), theta <- theta + v; ``self.v`` is the update just made.
"""

import numpy as np

from nncourse.grading.testing import expect, expect_close, expect_shape, fail, weight

NAME = "Momentum"


def draw_shape(rng):
    """A random parameter shape: a vector or a matrix, sometimes a single number in a (1,) array."""
    r = rng.random()
    if r < 0.2:
        return (1,)
    if r < 0.6:
        return (int(rng.integers(2, 7)),)
    return (int(rng.integers(1, 5)), int(rng.integers(2, 5)))


def draw_hyper(rng):
    return float(rng.uniform(0.01, 0.5)), float(rng.uniform(0.5, 0.95))


def path(theta0, grads, lr, gamma, variant="right"):
    """Iterates and velocities of momentum, or of a known wrong variant of it."""
    theta, v = theta0.copy(), np.zeros_like(theta0)
    thetas, vs = [], []
    for g in grads:
        if variant == "no_state":          # the velocity is never carried over
            v = -lr * g
        elif variant == "uphill":
            v = gamma * v + lr * g
        elif variant == "lag":             # moves by the old velocity, then updates it
            theta = theta + v
            v = gamma * v - lr * g
            thetas.append(theta)
            vs.append(v)
            continue
        else:
            v = gamma * v - lr * g
        theta = theta + v
        thetas.append(theta)
        vs.append(v)
    return thetas, vs


def steps(student, args, theta0, grads, attr=None):
    """The student's iterates (each step fed the previous result) and, optionally, a state attribute after each."""
    opt = student.new(NAME, *args)
    thetas, states = [], []
    theta = theta0
    for k, g in enumerate(grads):
        theta = expect_shape(opt.call("step", theta, g), theta0.shape, f"{NAME}.step, step {k + 1}: returned theta",
                             "step returns the new parameters, an array of theta's shape.")
        thetas.append(theta)
        if attr is not None:
            states.append(opt.get(attr))
    return thetas, states


def diagnose(got, theta0, grads, lr, gamma, k):
    """A hint naming the mistake whose iterates match the student's, if any."""
    for variant, hint in (
        ("no_state", "Your steps are plain gradient descent, theta - lr * grad: the velocity is not carried "
                     "over from one step to the next. Store it in self.v and start the next step from it."),
        ("lag", "Your steps lag one behind: you move by the old velocity and update it afterwards. Update "
                "self.v first, v = gamma * v - lr * grad, then return theta + v."),
        ("uphill", "Your parameters move uphill: the velocity is v = gamma * v - lr * grad (minus), "
                   "and the new theta is theta + v."),
    ):
        if np.allclose(got, path(theta0, grads, lr, gamma, variant)[0][k], rtol=1e-6, atol=1e-9):
            return hint
    if not np.isclose(gamma, 0.9) and np.allclose(got, path(theta0, grads, lr, 0.9)[0][k], rtol=1e-6, atol=1e-9):
        return f"You used gamma = 0.9; use the gamma given to the constructor (here {gamma:.3g}), self.gamma."
    return "v = gamma * v - lr * grad, with the v stored by the previous step (zeros at the first), then theta + v."


@weight(3)
def test_several_steps(student, rng):
    """six steps on random arrays follow v <- gamma v - lr g, theta <- theta + v"""
    for _ in range(2):
        shape = draw_shape(rng)
        lr, gamma = draw_hyper(rng)
        theta0 = rng.normal(size=shape)
        grads = rng.normal(size=(6,) + shape)
        expected = path(theta0, grads, lr, gamma)[0]
        got, _ = steps(student, (lr, gamma), theta0, grads)
        for k in range(6):
            what = f"Momentum(lr={lr:.3g}, gamma={gamma:.3g}).step on an array of shape {shape}, step {k + 1} of 6"
            if not np.allclose(got[k], expected[k], rtol=1e-6, atol=1e-9):
                expect_close(got[k], expected[k], what, diagnose(got[k], theta0, grads, lr, gamma, k))


@weight(1)
def test_velocity_attribute(student, rng):
    """self.v is the update just made, gamma v - lr g"""
    shape = draw_shape(rng)
    lr, gamma = draw_hyper(rng)
    theta0 = rng.normal(size=shape)
    grads = rng.normal(size=(4,) + shape)
    _, vs = steps(student, (lr, gamma), theta0, grads, "v")
    expected = path(theta0, grads, lr, gamma)[1]
    for k in (0, 3):
        what = f"Momentum(lr={lr:.3g}, gamma={gamma:.3g}): self.v after step {k + 1}"
        if vs[k] is None:
            fail(f"{what}: self.v is None. Hint: assign the new velocity to self.v at every step.")
        got = np.asarray(vs[k], dtype=float)
        hint = "self.v is the update just made: v = gamma * v - lr * grad, so that theta_new = theta + v."
        if got.shape == shape and np.allclose(got, -expected[k]):
            hint = ("Your v has the opposite sign. In this lesson's convention v is the update itself: "
                    "v = gamma * v - lr * grad and theta_new = theta + v.")
        elif got.shape == shape and np.allclose(got, -expected[k] / lr):
            hint = ("You store v = gamma * v + grad and step by -lr * v: the same path, but this lesson's v is "
                    "the update itself, v = gamma * v - lr * grad.")
        expect_close(got, expected[k], what, hint)


ORDINAL = {1: "first", 2: "second", 3: "third"}


@weight(1)
def test_keeps_moving_with_zero_gradient(student, rng):
    """with zero gradients the parameters keep moving by gamma times the last update"""
    shape = draw_shape(rng)
    lr, gamma = draw_hyper(rng)
    theta0 = rng.normal(size=shape)
    grads = np.concatenate([rng.normal(size=(2,) + shape), np.zeros((3,) + shape)])
    expected = path(theta0, grads, lr, gamma)[0]
    got, _ = steps(student, (lr, gamma), theta0, grads)
    for k in range(5):
        if np.allclose(got[k], expected[k], rtol=1e-6, atol=1e-9):
            continue
        hint = diagnose(got[k], theta0, grads, lr, gamma, k)
        if k >= 2 and hint.startswith("v = gamma"):
            hint = ("With grad = 0 the velocity decays, v = gamma * v, but the parameters keep moving: "
                    "the velocity must be stored in self.v and used by the next step.")
        when = f"step {k + 1} (the {ORDINAL[k - 1]} with a zero gradient)" if k >= 2 else f"step {k + 1}"
        expect_close(got[k], expected[k], f"Momentum(lr={lr:.3g}, gamma={gamma:.3g}): {when}", hint)


@weight(1)
def test_returns_a_new_array(student, rng):
    """step returns a new array and leaves the caller's theta unchanged (checked through the given replay)"""
    shape = draw_shape(rng)
    lr, gamma = draw_hyper(rng)
    theta0 = rng.normal(size=shape)
    grads = rng.normal(size=(4,) + shape)
    own, _ = steps(student, (lr, gamma), theta0, grads)
    opt = student.new(NAME, lr, gamma)
    got = expect_shape(opt.call("replay", theta0, grads), (5,) + shape, "Momentum.replay(theta0, grads) for 4 gradients",
                       "replay is given in the Optimizer base class: keep `class Momentum(Optimizer)`.")
    hint = ("Return a new array, e.g. `return theta + self.v`. An in-place update such as `theta += self.v` "
            "changes the caller's array too, so every iterate recorded by replay or descend is the same array.")
    expect(np.allclose(got[0], theta0),
           "Momentum.replay(theta0, grads): the first row of the path is no longer theta0: step changed the "
           "theta it was given (an in-place update).", hint)
    for k in range(4):
        expect_close(got[k + 1], own[k],
                     f"Momentum.replay(theta0, grads): row {k + 1} of the path, compared with the same steps "
                     "taken one call at a time", hint)
