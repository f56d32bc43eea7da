"""Hidden tests for Exercise 4, ``class Adam(lr, beta1, beta2, eps)`` with ``step(theta, grad) -> new theta``.

The rule: t <- t + 1; m <- beta1 m + (1 - beta1) g; v <- beta2 v + (1 - beta2) g**2;
theta <- theta - lr m_hat / (sqrt(v_hat) + eps), m_hat = m / (1 - beta1**t), v_hat = v / (1 - beta2**t);
m = v = 0 and t = 0 before the first step; eps outside the square root.
"""

import numpy as np

from nncourse.grading.testing import expect, expect_close, expect_shape, weight

NAME = "Adam"


def draw_shape(rng):
    """A random parameter shape: a vector or a matrix, sometimes a single number in a (1,) array."""
    r = rng.random()
    if r < 0.2:
        return (1,)
    if r < 0.6:
        return (int(rng.integers(2, 7)),)
    return (int(rng.integers(1, 5)), int(rng.integers(2, 5)))


def draw_hyper(rng):
    """(lr, beta1, beta2, eps)"""
    return float(rng.uniform(0.001, 0.1)), float(rng.uniform(0.5, 0.95)), float(rng.uniform(0.9, 0.9999)), 1e-8


def path(theta0, grads, hyper, variant="right"):
    """Iterates, m, v and t of Adam, or of a known wrong variant of it."""
    lr, b1, b2, eps = hyper
    theta, m, v = theta0.copy(), np.zeros_like(theta0), np.zeros_like(theta0)
    out = []
    for t, g in enumerate(grads, start=1):
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        tc = {"t_plus_one": t + 1, "t_stuck": 1}.get(variant, t)
        c1, c2 = 1 - b1 ** tc, 1 - b2 ** tc
        if variant == "no_correction":
            c1 = c2 = 1.0
        elif variant == "only_m":
            c2 = 1.0
        elif variant == "only_v":
            c1 = 1.0
        elif variant == "swapped":
            c1, c2 = c2, c1
        m_hat, v_hat = m / c1, v / c2
        if variant == "stores_corrected":
            m, v = m_hat, v_hat
        if variant == "eps_inside":
            theta = theta - lr * m_hat / np.sqrt(v_hat + eps)
        else:
            theta = theta - lr * m_hat / (np.sqrt(v_hat) + eps)
        out.append((theta, m, v, t))
    return out


HINTS = {
    "no_correction": ("The bias correction is missing: divide m by 1 - beta1**t and v by 1 - beta2**t before the "
                      "update (without it the first step is about 3 times too large)."),
    "only_m": "You corrected m but not v: divide v by 1 - beta2**t too.",
    "only_v": "You corrected v but not m: divide m by 1 - beta1**t too.",
    "swapped": "Each moment has its own beta: m_hat = m / (1 - beta1**t), v_hat = v / (1 - beta2**t).",
    "t_plus_one": ("Your bias correction is one step ahead (t = 2 at the first step): increase t once per step, "
                   "before the correction, starting from t = 0."),
    "t_stuck": "Your bias correction always uses t = 1: increase self.t at every step and use the new value.",
    "stores_corrected": ("You store the corrected moments in self.m and self.v. Keep the stored moments uncorrected "
                         "and compute m_hat and v_hat in local variables."),
    "eps_inside": "You put eps inside the square root. This lesson's convention (and the Adam paper's) is sqrt(v_hat) + eps.",
}
DEFAULT = ("t = t + 1; m = beta1 m + (1 - beta1) grad; v = beta2 v + (1 - beta2) grad**2; then "
           "theta - lr * m_hat / (np.sqrt(v_hat) + eps) with m_hat = m / (1 - beta1**t), v_hat = v / (1 - beta2**t).")


def steps(student, hyper, theta0, grads, attrs=()):
    opt = student.new(NAME, *hyper)
    thetas, states = [], []
    theta = theta0
    for k, g in enumerate(grads):
        theta = expect_shape(opt.call("step", theta, g), theta0.shape, f"Adam.step, step {k + 1}: returned theta",
                             "step returns the new parameters, an array of theta's shape.")
        thetas.append(theta)
        states.append({a: opt.get(a) for a in attrs})
    return thetas, states


def diagnose(got, theta0, grads, hyper):
    """The hint of the known mistake whose whole path matches the student's, if any."""
    for variant, hint in HINTS.items():
        with np.errstate(all="ignore"):
            cand = [o[0] for o in path(theta0, grads, hyper, variant)]
        if all(np.all(np.isfinite(c)) and np.allclose(g, c, rtol=1e-6, atol=1e-9) for g, c in zip(got, cand)):
            return hint
    if not all(np.all(np.isfinite(g)) for g in got):
        return ("nan or inf: 1 - beta**t is 0 when t = 0. Increase t before the bias correction, so that the "
                "first step uses t = 1.")
    return DEFAULT


def label(hyper):
    return "Adam(lr={:.3g}, beta1={:.3g}, beta2={:.4g}, eps={:.3g})".format(*hyper)


def compare(student, hyper, theta0, grads, what):
    expected = [o[0] for o in path(theta0, grads, hyper)]
    got, _ = steps(student, hyper, theta0, grads)
    for k in range(len(grads)):
        if not np.allclose(got[k], expected[k], rtol=1e-6, atol=1e-9):
            expect_close(got[k], expected[k], f"{label(hyper)}.step {what}, step {k + 1} of {len(grads)}",
                         diagnose(got, theta0, grads, hyper))


@weight(2)
def test_first_step(student, rng):
    """the first step moves every parameter by about lr (bias correction at t = 1)"""
    shape = draw_shape(rng)
    compare(student, draw_hyper(rng), rng.normal(size=shape), rng.normal(size=(1,) + shape),
            f"on an array of shape {shape}")


@weight(3)
def test_several_steps(student, rng):
    """eight steps on random arrays follow the update rule"""
    for _ in range(2):
        shape = draw_shape(rng)
        compare(student, draw_hyper(rng), rng.normal(size=shape), rng.normal(size=(8,) + shape),
                f"on an array of shape {shape}")


@weight(1)
def test_step_counter(student, rng):
    """self.t is 0 before the first step and k after k steps"""
    shape = draw_shape(rng)
    hyper = draw_hyper(rng)
    opt = student.new(NAME, *hyper)
    t0 = opt.get("t")
    expect(t0 == 0, f"{label(hyper)}: self.t before any step is {t0!r}, expected 0.",
           "Keep the constructor's self.t = 0; step increases it by one.")
    theta = rng.normal(size=shape)
    for k in range(1, 5):
        theta = opt.call("step", theta, rng.normal(size=shape))
        t = opt.get("t")
        expect(t == k, f"{label(hyper)}: self.t after {k} step(s) is {t!r}, expected {k}.",
               "Increase self.t by one at every step (self.t += 1), before the bias correction.")


@weight(1)
def test_moments(student, rng):
    """self.m and self.v hold the moments without bias correction"""
    shape = draw_shape(rng)
    hyper = draw_hyper(rng)
    theta0 = rng.normal(size=shape)
    grads = rng.normal(size=(4,) + shape)
    _, states = steps(student, hyper, theta0, grads, ("m", "v"))
    expected = path(theta0, grads, hyper)
    corrected = path(theta0, grads, hyper, "stores_corrected")
    for k in (0, 3):
        for i, name in ((1, "m"), (2, "v")):
            what = f"{label(hyper)}: self.{name} after step {k + 1}"
            got = states[k][name]
            expect(got is not None, f"{what} is None.", f"Assign the updated moment to self.{name} at every step.")
            got = np.asarray(got, dtype=float)
            hint = (f"Store the moment itself: m = beta1 m + (1 - beta1) grad, v = beta2 v + (1 - beta2) grad**2, "
                    "without the bias correction.")
            if got.shape == shape and np.allclose(got, corrected[k][i]):
                hint = HINTS["stores_corrected"]
            expect_close(got, expected[k][i], what, hint)


@weight(1)
def test_zero_and_extreme_gradients(student, rng):
    """zero gradients give no nan (eps), and tiny and huge gradients give steps of about lr"""
    n = int(rng.integers(3, 7))
    theta0 = rng.normal(size=n)
    scales = np.array([0.0, 1e-4, 1e4] + [1.0] * (n - 3))
    grads = rng.normal(size=(4, n)) * scales
    grads[0] = 0.0
    compare(student, draw_hyper(rng), theta0, grads,
            "with a first gradient of zeros, then gradients of zero, 1e-4 and 1e4 in the first three entries")


@weight(1)
def test_eps_outside_the_square_root(student, rng):
    """with a large eps the update divides by sqrt(v_hat) + eps"""
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
    got = expect_shape(opt.call("replay", theta0, grads), (5,) + shape, "Adam.replay(theta0, grads) for 4 gradients",
                       "replay is given in the Optimizer base class: keep `class Adam(Optimizer)`.")
    hint = ("Return a new array, e.g. `return theta - step`. An in-place update such as `theta -= ...` "
            "changes the caller's array too, so every iterate recorded by replay or descend is the same array.")
    expect(np.allclose(got[0], theta0),
           "Adam.replay(theta0, grads): the first row of the path is no longer theta0: step changed the "
           "theta it was given (an in-place update).", hint)
    for k in range(4):
        expect_close(got[k + 1], own[k],
                     f"Adam.replay(theta0, grads): row {k + 1} of the path, compared with the same steps "
                     "taken one call at a time", hint)
