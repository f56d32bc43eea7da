"""Hidden tests for Exercise 3, ``class RMSprop(lr, rho, eps)`` with ``step(theta, grad) -> new theta``.

The rule (eps outside the square root): s <- rho s + (1 - rho) grad**2 (s = 0 before the first step), theta <- theta - lr grad / (sqrt(s) + eps).
"""

import numpy as np

from nncourse.grading.testing import expect, expect_close, expect_shape, weight

NAME = "RMSprop"
STATE = "s"


def draw_shape(rng):
    """A random parameter shape: a vector or a matrix, sometimes a single number in a (1,) array."""
    r = rng.random()
    if r < 0.2:
        return (1,)
    if r < 0.6:
        return (int(rng.integers(2, 7)),)
    return (int(rng.integers(1, 5)), int(rng.integers(2, 5)))


def draw_hyper(rng):
    """(lr, rho, eps)"""
    return float(rng.uniform(0.001, 0.1)), float(rng.uniform(0.5, 0.99)), 1e-8


def path(theta0, grads, hyper, variant="right"):
    """Iterates and states of the rule, or of a known wrong variant of it."""
    theta, acc = theta0.copy(), np.zeros_like(theta0)
    thetas, accs = [], []
    for g in grads:
        old = acc
        lr, rho, eps = hyper
        if variant == "swapped":
            acc = (1.0 - rho) * old + rho * g * g
        elif variant == "no_decay":
            acc = old + g * g
        elif variant == "no_average":
            acc = rho * old + g * g
        else:
            acc = rho * old + (1.0 - rho) * g * g
        if variant == "old_average":
            theta = theta - lr * g / (np.sqrt(old) + eps)
        elif variant == "eps_inside":
            theta = theta - lr * g / np.sqrt(acc + eps)
        else:
            theta = theta - lr * g / (np.sqrt(acc) + eps)
        thetas.append(theta)
        accs.append(acc)
    return thetas, accs


def steps(student, hyper, theta0, grads, attr=None):
    """The student's iterates (each step fed the previous result) and, optionally, the state after each."""
    opt = student.new(NAME, *hyper)
    thetas, states = [], []
    theta = theta0
    for k, g in enumerate(grads):
        theta = expect_shape(opt.call("step", theta, g), theta0.shape, f"RMSprop.step, step {k + 1}: returned theta",
                             "step returns the new parameters, an array of theta's shape.")
        thetas.append(theta)
        if attr is not None:
            states.append(opt.get(attr))
    return thetas, states


HINTS = {
    "swapped": "rho and 1 - rho are swapped: the old average keeps the weight rho, the new grad**2 gets 1 - rho.",
    "no_decay": "self.s is a plain sum, as in Adagrad: RMSprop decays it, s = rho * s + (1 - rho) * grad**2.",
    "no_average": "The new squared gradient is weighted by 1 - rho: s = rho * s + (1 - rho) * grad**2.",
    "old_average": "Update s first, then divide by its square root: the step uses the s that includes this gradient.",
    "eps_inside": ("You put eps inside the square root, sqrt(s + eps). This lesson's convention (and the Adam "
                   "paper's) is sqrt(s) + eps."),
}
DEFAULT_HINT = "s = rho * s + (1 - rho) * grad**2 first (s starts at zero), then return theta - lr * grad / (np.sqrt(s) + eps)."


def diagnose(got, theta0, grads, hyper):
    """The hint of the known mistake whose whole path matches the student's, if any."""
    for variant, hint in HINTS.items():
        with np.errstate(all="ignore"):
            cand = path(theta0, grads, hyper, variant)[0]
        if all(np.all(np.isfinite(c)) and np.allclose(g, c, rtol=1e-6, atol=1e-9) for g, c in zip(got, cand)):
            return hint
    return DEFAULT_HINT


def label(hyper):
    return f"RMSprop(" + ", ".join(f"{n}={v:.3g}" for n, v in zip(("lr", "rho", "eps"), hyper)) + ")"


def compare(student, hyper, theta0, grads, what):
    expected = path(theta0, grads, hyper)[0]
    got, _ = steps(student, hyper, theta0, grads)
    for k in range(len(grads)):
        if not np.allclose(got[k], expected[k], rtol=1e-6, atol=1e-9):
            expect_close(got[k], expected[k], f"{label(hyper)}.step {what}, step {k + 1} of {len(grads)}",
                         diagnose(got, theta0, grads, hyper))


@weight(3)
def test_several_steps(student, rng):
    """six steps on random arrays follow the update rule"""
    for _ in range(2):
        shape = draw_shape(rng)
        hyper = draw_hyper(rng)
        compare(student, hyper, rng.normal(size=shape), rng.normal(size=(6,) + shape),
                f"on an array of shape {shape}")


@weight(1)
def test_state_attribute(student, rng):
    """the state attribute holds the decaying average of squared gradients"""
    shape = draw_shape(rng)
    hyper = draw_hyper(rng)
    theta0 = rng.normal(size=shape)
    grads = rng.normal(size=(4,) + shape)
    _, states = steps(student, hyper, theta0, grads, STATE)
    expected = path(theta0, grads, hyper)[1]
    for k in (0, 3):
        what = f"{label(hyper)}: self.s after step {k + 1}"
        expect(states[k] is not None, f"{what} is None.",
               f"Assign the updated value to self.s at every step.")
        got = np.asarray(states[k], dtype=float)
        hint = "self.s = rho * s + (1 - rho) * grad**2, updated at every step, this one included."
        for variant, h in HINTS.items():
            cands = path(theta0, grads, hyper, variant)[1]
            if all(s is not None and np.shape(s) == c.shape and np.allclose(s, c) for s, c in zip(states, cands)):
                hint = h
                break
        expect_close(got, expected[k], what, hint)


@weight(1)
def test_zero_and_extreme_gradients(student, rng):
    """zero gradients give no nan (eps), and tiny and huge gradients give steps of about lr"""
    n = int(rng.integers(3, 7))
    hyper = draw_hyper(rng)
    theta0 = rng.normal(size=n)
    scales = np.array([0.0, 1e-4, 1e4] + [1.0] * (n - 3))
    grads = rng.normal(size=(4, n)) * scales
    grads[0, 1:] = 0.0
    grads[0, 0] = 0.0
    compare(student, hyper, theta0, grads,
            "with a first gradient of zeros, then gradients of zero, 1e-4 and 1e4 in the first three entries")


@weight(1)
def test_eps_outside_the_square_root(student, rng):
    """with a large eps the update divides by sqrt(...) + eps"""
    shape = draw_shape(rng)
    hyper = draw_hyper(rng)[:-1] + (float(rng.uniform(0.2, 0.6)),)
    compare(student, hyper, rng.normal(size=shape), rng.normal(size=(3,) + shape) * 0.5,
            f"with a large eps on an array of shape {shape}")


@weight(1)
def test_returns_a_new_array(student, rng):
    """step returns a new array and leaves the caller's theta unchanged (checked through the given replay)"""
    shape = draw_shape(rng)
    hyper = draw_hyper(rng)
    theta0 = rng.normal(size=shape)
    grads = rng.normal(size=(4,) + shape)
    own, _ = steps(student, hyper, theta0, grads)
    opt = student.new(NAME, *hyper)
    got = expect_shape(opt.call("replay", theta0, grads), (5,) + shape, f"RMSprop.replay(theta0, grads) for 4 gradients",
                       f"replay is given in the Optimizer base class: keep `class RMSprop(Optimizer)`.")
    hint = ("Return a new array, e.g. `return theta - step`. An in-place update such as `theta -= ...` "
            "changes the caller's array too, so every iterate recorded by replay or descend is the same array.")
    expect(np.allclose(got[0], theta0),
           f"RMSprop.replay(theta0, grads): the first row of the path is no longer theta0: step changed the "
           "theta it was given (an in-place update).", hint)
    for k in range(4):
        expect_close(got[k + 1], own[k],
                     f"RMSprop.replay(theta0, grads): row {k + 1} of the path, compared with the same steps "
                     "taken one call at a time", hint)
