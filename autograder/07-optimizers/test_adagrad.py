"""Hidden tests for Exercise 2, ``class Adagrad(lr, eps)`` with ``step(theta, grad) -> new theta``.

The rule (eps outside the square root): G <- G + grad**2 (G = 0 before the first step), theta <- theta - lr grad / (sqrt(G) + eps).
"""

import numpy as np

from nncourse.grading.testing import expect, expect_close, expect_shape, weight

NAME = "Adagrad"
STATE = "G"


def draw_shape(rng):
    """A random parameter shape: a vector or a matrix, sometimes a single number in a (1,) array."""
    r = rng.random()
    if r < 0.2:
        return (1,)
    if r < 0.6:
        return (int(rng.integers(2, 7)),)
    return (int(rng.integers(1, 5)), int(rng.integers(2, 5)))


def draw_hyper(rng):
    """(lr, eps)"""
    return float(rng.uniform(0.01, 0.5)), 1e-8


def path(theta0, grads, hyper, variant="right"):
    """Iterates and states of the rule, or of a known wrong variant of it."""
    theta, acc = theta0.copy(), np.zeros_like(theta0)
    thetas, accs = [], []
    for g in grads:
        old = acc
        lr, eps = hyper
        if variant == "current_only":
            acc = g * g
        elif variant == "old_sum":
            acc = old + g * g
            theta = theta - lr * g / (np.sqrt(old) + eps)
            thetas.append(theta)
            accs.append(acc)
            continue
        elif variant == "no_sqrt":
            acc = old + g * g
            theta = theta - lr * g / (acc + eps)
            thetas.append(theta)
            accs.append(acc)
            continue
        else:
            acc = old + g * g
        if variant == "eps_inside":
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
        theta = expect_shape(opt.call("step", theta, g), theta0.shape, f"Adagrad.step, step {k + 1}: returned theta",
                             "step returns the new parameters, an array of theta's shape.")
        thetas.append(theta)
        if attr is not None:
            states.append(opt.get(attr))
    return thetas, states


HINTS = {
    "current_only": ("Your step uses only the current gradient: G must accumulate over all steps, "
                     "self.G = self.G + grad**2, so that the rates shrink."),
    "old_sum": "Add grad**2 to G before you use it: the step divides by the sqrt of the sum including this step.",
    "no_sqrt": "Divide by the square root of G, np.sqrt(G) + eps, not by G itself.",
    "eps_inside": ("You put eps inside the square root, sqrt(G + eps). This lesson's convention (and the Adam "
                   "paper's) is sqrt(G) + eps."),
}
DEFAULT_HINT = "G = G + grad**2 first (G starts at zero), then return theta - lr * grad / (np.sqrt(G) + eps)."


def diagnose(got, theta0, grads, hyper):
    """The hint of the known mistake whose whole path matches the student's, if any."""
    for variant, hint in HINTS.items():
        with np.errstate(all="ignore"):
            cand = path(theta0, grads, hyper, variant)[0]
        if all(np.all(np.isfinite(c)) and np.allclose(g, c, rtol=1e-6, atol=1e-9) for g, c in zip(got, cand)):
            return hint
    return DEFAULT_HINT


def label(hyper):
    return f"Adagrad(" + ", ".join(f"{n}={v:.3g}" for n, v in zip(("lr", "eps"), hyper)) + ")"


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
    """the state attribute holds the sum of all squared gradients"""
    shape = draw_shape(rng)
    hyper = draw_hyper(rng)
    theta0 = rng.normal(size=shape)
    grads = rng.normal(size=(4,) + shape)
    _, states = steps(student, hyper, theta0, grads, STATE)
    expected = path(theta0, grads, hyper)[1]
    for k in (0, 3):
        what = f"{label(hyper)}: self.G after step {k + 1}"
        expect(states[k] is not None, f"{what} is None.",
               f"Assign the updated value to self.G at every step.")
        got = np.asarray(states[k], dtype=float)
        hint = "self.G is the sum of the squared gradients of all steps so far, this one included."
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
    got = expect_shape(opt.call("replay", theta0, grads), (5,) + shape, f"Adagrad.replay(theta0, grads) for 4 gradients",
                       f"replay is given in the Optimizer base class: keep `class Adagrad(Optimizer)`.")
    hint = ("Return a new array, e.g. `return theta - step`. An in-place update such as `theta -= ...` "
            "changes the caller's array too, so every iterate recorded by replay or descend is the same array.")
    expect(np.allclose(got[0], theta0),
           f"Adagrad.replay(theta0, grads): the first row of the path is no longer theta0: step changed the "
           "theta it was given (an in-place update).", hint)
    for k in range(4):
        expect_close(got[k + 1], own[k],
                     f"Adagrad.replay(theta0, grads): row {k + 1} of the path, compared with the same steps "
                     "taken one call at a time", hint)
