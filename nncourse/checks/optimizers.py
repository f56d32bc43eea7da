r"""Self-checks for lesson 07, "Optimizers".

Each function takes the student's optimizer class, runs a few steps on small,
fixed examples worked out in advance, and checks the returned parameters, the
state attributes and that ``step`` leaves its arguments alone::

    from nncourse.checks import optimizers as check
    check.momentum(Momentum)
    check.adagrad(Adagrad)
    check.rmsprop(RMSprop)
    check.adam(Adam)

The expected numbers below are the worked examples of the lesson's update
rules (``lr = 0.1``, three steps from ``THETA0`` with the gradients ``GRADS``).
"""

from __future__ import annotations

import numpy as np

from nncourse._compare import matches
from nncourse.checks import check_close, check_shape, fail, finish, passed

__all__ = ["momentum", "adagrad", "rmsprop", "adam"]

THETA0 = np.array([1.0, -2.0, 0.5])
GRADS = np.array([[0.5, -1.0, 2.0], [0.3, 0.0, -1.0], [-0.2, 1.0, 0.5]])

# Worked examples: theta after each of the three steps, and the state after each step.
MOMENTUM_THETA = [[0.95, -1.9, 0.3], [0.875, -1.81, 0.22], [0.8275, -1.829, 0.098]]
MOMENTUM_V = [[-0.05, 0.1, -0.2], [-0.075, 0.09, -0.08], [-0.0475, -0.019, -0.122]]
ADAGRAD_THETA = [[0.900000002, -1.900000001, 0.4000000005],
                 [0.8485504273396003, -1.900000001, 0.44472135984999583],
                 [0.880994711039437, -1.9707106786186548, 0.42289957092163466]]
ADAGRAD_G = [[0.25, 1.0, 4.0], [0.34, 1.0, 5.0], [0.38, 2.0, 5.25]]
RMSPROP_THETA = [[0.6837722539831608, -1.6837722439831617, 0.18377223898316197],
                 [0.5147414125612664, -1.6837722439831617, 0.3312141929641461],
                 [0.6259383507288399, -1.9188224858194343, 0.2557505550439755]]
RMSPROP_S = [[0.025, 0.1, 0.4], [0.0315, 0.09, 0.46], [0.03235, 0.181, 0.439]]
ADAM_THETA = [[0.900000002, -1.900000001, 0.4000000005],
              [0.8042509867088761, -1.8329941765341886, 0.37336629670243154],
              [0.7549888527635799, -1.8415809478737903, 0.33932338213894264]]
ADAM_M = [[0.05, -0.1, 0.2], [0.075, -0.09, 0.08], [0.0475, 0.019, 0.122]]
ADAM_V = [[0.00025, 0.001, 0.004], [0.00033975, 0.000999, 0.004996], [0.00037941025, 0.001998001, 0.005241004]]

ALIAS_HINT = ("Return a new array, e.g. `return theta - step`; `theta -= ...` or `theta[...] = ...` "
              "changes the caller's array too, so a recorded path would hold the same array at every step.")


def _quiet(fn, *args):
    """Call the student's ``fn`` without printing NumPy warnings (the check looks at the result)."""
    with np.errstate(all="ignore"):
        return fn(*args)


def _state(opt, attr, what):
    if not hasattr(opt, attr):
        fail(what, f"the optimizer has no attribute {attr!r} after a step.",
             f"Keep the state in `self.{attr}`, as the class's docstring says.")
    value = getattr(opt, attr)
    if value is None:
        fail(what, f"self.{attr} is still None after a step.",
             f"Create it at the first step (zeros of theta's shape) and assign the updated value to self.{attr}.")
    return np.array(value, dtype=float)


def _one_step(opt, theta, grad, what):
    """One call of opt.step, checking that it returns a new array and leaves its arguments alone."""
    theta_in, grad_in = theta.copy(), grad.copy()
    new = _quiet(opt.step, theta_in, grad_in)
    if new is None:
        fail(what, "step returned None.", "End step with `return` and the new parameters.")
    if not np.array_equal(theta_in, theta, equal_nan=True):
        fail(what, "step changed the theta it was given (an in-place update).", ALIAS_HINT)
    if not np.array_equal(grad_in, grad, equal_nan=True):
        fail(what, "step changed the grad it was given.",
             "Compute new arrays (`g2 = grad * grad`), do not update grad in place (`grad *= ...`).")
    if isinstance(new, np.ndarray) and np.shares_memory(new, theta_in):
        fail(what, "step returned the array it was given, not a new one.", ALIAS_HINT)
    return check_shape(new, theta.shape, what, "step returns the new parameters, of theta's shape.")


def _run(opt, what, attrs=()):
    """Three steps from THETA0 with GRADS; returns the thetas and the state after each step."""
    thetas, states = [], []
    theta = THETA0.copy()
    for k, g in enumerate(GRADS):
        theta = _one_step(opt, theta, g, f"{what}, step {k + 1}")
        thetas.append(theta)
        states.append({a: _state(opt, a, f"{what}, step {k + 1}") for a in attrs})
    return thetas, states


def _close(a, b, rtol=1e-6):
    return matches(a, b, rtol=rtol, atol=1e-12)


# --------------------------------------------------------------------------- exercise 1

def momentum(Momentum) -> None:
    r"""Check ``Momentum(lr, gamma).step(theta, grad)`` and its velocity ``v``."""
    what = "Momentum(lr=0.1, gamma=0.9)"
    thetas, states = _run(Momentum(0.1, 0.9), what, ("v",))
    passed("step returns a new array of theta's shape and leaves theta and grad unchanged")

    hint = "The first step is plain gradient descent: v = -lr * grad (v starts at zero), theta + v."
    if _close(thetas[0], THETA0 + 0.1 * GRADS[0]):
        hint = "You stepped uphill: the velocity is v = gamma * v - lr * grad, and theta + v."
    check_close(thetas[0], MOMENTUM_THETA[0], f"{what}, step 1: returned theta", hint)
    passed("the first step is a gradient descent step")

    for k in (1, 2):
        hint = "v = gamma * v - lr * grad with the v of the previous step, then return theta + v."
        if _close(thetas[k], thetas[k - 1] - 0.1 * GRADS[k]):
            hint = ("Your step is plain gradient descent: the velocity is not carried over. Store it in "
                    "self.v so that the next step starts from it.")
        check_close(thetas[k], MOMENTUM_THETA[k], f"{what}, step {k + 1}: returned theta", hint)
    passed("steps 2 and 3 use the velocity of the previous step")

    for k in range(3):
        v = states[k]["v"]
        hint = "self.v is the update just made: theta_new - theta_old = gamma * v - lr * grad."
        if _close(v, -np.array(MOMENTUM_V[k])):
            hint = ("Your v has the opposite sign. In this lesson's convention v is the update itself, "
                    "v = gamma * v - lr * grad, and theta_new = theta + v.")
        elif _close(v, -np.array(MOMENTUM_V[k]) / 0.1):
            hint = ("You store v = gamma * v + grad (and step by -lr * v). Same path, but this lesson's v is "
                    "the update itself: v = gamma * v - lr * grad.")
        check_close(v, MOMENTUM_V[k], f"{what}, self.v after step {k + 1}", hint)
    passed("self.v holds the last update, gamma * v - lr * grad")

    opt = Momentum(0.1, 0.9)
    theta = _one_step(opt, THETA0.copy(), GRADS[0], f"{what}, a step with a gradient")
    coast = _one_step(opt, theta, np.zeros(3), f"{what}, then a step with a zero gradient")
    check_close(coast, theta + 0.9 * (theta - THETA0), f"{what}: a step with a zero gradient",
                "With grad = 0 the parameters keep moving: v = gamma * v, so theta changes by 0.9 times "
                "the last update.")
    passed("with a zero gradient the parameters keep moving (gamma times the last update)")

    theta2 = np.array([[1.0, 2.0, 3.0], [-1.0, 0.0, 4.0]])
    g2 = np.array([[0.5, -0.5, 1.0], [2.0, 0.0, -1.0]])
    opt = Momentum(0.2, 0.5)
    out = _one_step(opt, theta2, g2, "Momentum(lr=0.2, gamma=0.5) on a (2, 3) array")
    out = _one_step(opt, out, g2, "Momentum(lr=0.2, gamma=0.5) on a (2, 3) array, second step")
    # v1 = -0.2 g, v2 = 0.5 v1 - 0.2 g = -0.3 g: two steps with the same gradient move by -0.5 g.
    check_close(out, theta2 - 0.5 * g2,
                "Momentum(lr=0.2, gamma=0.5): two steps with the same gradient on a (2, 3) array",
                "Use the lr and gamma given to the constructor (self.lr, self.gamma), and elementwise operations.")
    passed("works for a (2, 3) array with other lr and gamma")
    finish()


# --------------------------------------------------------------------------- exercise 2

def _eps_check(opt, label, first_step_size):
    """One step with eps = 0.5 and a gradient of 1: eps must be added outside the square root."""
    what = f"{label}: one step with grad = [1.0]"
    out = _one_step(opt, np.zeros(1), np.ones(1), what)
    hint = "Add eps to the square root, outside it: lr * grad / (np.sqrt(...) + eps)."
    if _close(out, [-0.1 / np.sqrt(first_step_size ** 2 + 0.5)]):
        hint = ("You put eps inside the square root, sqrt(... + eps). This lesson's convention (and the "
                "Adam paper's) is sqrt(...) + eps.")
    check_close(out, [-0.1 / (first_step_size + 0.5)], what, hint)


def adagrad(Adagrad) -> None:
    r"""Check ``Adagrad(lr, eps).step(theta, grad)`` and its sum of squared gradients ``G``."""
    what = "Adagrad(lr=0.1)"
    thetas, states = _run(Adagrad(0.1), what, ("G",))
    passed("step returns a new array of theta's shape and leaves theta and grad unchanged")

    hint = "G = G + grad**2 first (G starts at zero), then theta - lr * grad / (sqrt(G) + eps)."
    step1 = THETA0 - np.asarray(thetas[0])
    if np.all(np.isfinite(step1)) and np.all(np.abs(step1) > 1e3):
        hint = "Add grad**2 to G before you divide by sqrt(G) + eps: with the old G = 0 the step is lr * grad / eps."
    check_close(thetas[0], ADAGRAD_THETA[0], f"{what}, step 1: returned theta", hint)
    passed("the first step moves every parameter by about lr")

    for k in (1, 2):
        hint = "G accumulates all squared gradients so far: G = G + grad**2, then divide by sqrt(G) + eps."
        if _close(thetas[k], thetas[k - 1] - 0.1 * GRADS[k] / (np.abs(GRADS[k]) + 1e-8)):
            hint = ("Your step uses only the current gradient. G must accumulate: self.G = self.G + grad**2, "
                    "so the rates shrink over the steps.")
        check_close(thetas[k], ADAGRAD_THETA[k], f"{what}, step {k + 1}: returned theta", hint)
    passed("steps 2 and 3 divide by the square root of the accumulated sum")
    for k in range(3):
        check_close(states[k]["G"], ADAGRAD_G[k], f"{what}, self.G after step {k + 1}",
                    "self.G is the sum of the squared gradients of all steps so far, this one included.")
    passed("self.G is the running sum of squared gradients")

    what = "Adagrad(lr=0.1): two steps with gradients [0, 1], [0, 2]"
    opt = Adagrad(0.1)
    theta = _one_step(opt, np.array([3.0, 3.0]), np.array([0.0, 1.0]), what)
    theta = _one_step(opt, theta, np.array([0.0, 2.0]), what)
    check_close(theta, [3.0, 3.0 - 0.1 - 0.2 / (np.sqrt(5.0) + 1e-8)], what,
                "A parameter whose gradients are all zero has G = 0: 0 / (sqrt(0) + eps) = 0. "
                "Without eps it is 0 / 0 = nan.")
    passed("a parameter with zero gradients stays put (no 0 / 0)")

    _eps_check(Adagrad(0.1, 0.5), "Adagrad(lr=0.1, eps=0.5)", 1.0)
    passed("eps is added outside the square root")
    finish()


# --------------------------------------------------------------------------- exercise 3

def rmsprop(RMSprop) -> None:
    r"""Check ``RMSprop(lr, rho, eps).step(theta, grad)`` and its running average ``s``."""
    what = "RMSprop(lr=0.1, rho=0.9)"
    thetas, states = _run(RMSprop(0.1, 0.9), what, ("s",))
    passed("step returns a new array of theta's shape and leaves theta and grad unchanged")

    for k in range(3):
        hint = "s = rho * s + (1 - rho) * grad**2 first (s starts at zero), then theta - lr * grad / (sqrt(s) + eps)."
        s = states[k]["s"]
        if _close(s, np.cumsum(GRADS ** 2, axis=0)[k]):
            hint = "self.s is a sum, as in Adagrad: RMSprop decays it, s = rho * s + (1 - rho) * grad**2."
        elif k == 0 and _close(s, 0.9 * GRADS[0] ** 2):
            hint = ("rho and 1 - rho are swapped: the old average gets the weight rho = 0.9, "
                    "the new grad**2 gets 1 - rho.")
        check_close(s, RMSPROP_S[k], f"{what}, self.s after step {k + 1}", hint)
    passed("self.s is the decaying average of squared gradients")
    for k in range(3):
        check_close(thetas[k], RMSPROP_THETA[k], f"{what}, step {k + 1}: returned theta",
                    "theta - lr * grad / (sqrt(s) + eps), with the s of this step.")
    passed("the steps divide by sqrt(s) + eps")

    what = "RMSprop(lr=0.1): a parameter whose gradient is zero"
    out = _one_step(RMSprop(0.1), np.array([3.0, 3.0]), np.array([0.0, 1.0]), what)
    check_close(out, [3.0, 3.0 - 0.1 / (np.sqrt(0.1) + 1e-8)], what,
                "0 / (sqrt(0) + eps) = 0; without eps it is 0 / 0 = nan.")
    passed("a parameter with zero gradient stays put (no 0 / 0)")

    _eps_check(RMSprop(0.1, 0.0, 0.5), "RMSprop(lr=0.1, rho=0.0, eps=0.5)", 1.0)
    passed("eps is added outside the square root")
    finish()


# --------------------------------------------------------------------------- exercise 4

def adam(Adam) -> None:
    r"""Check ``Adam(lr, beta1, beta2, eps).step(theta, grad)`` and its state ``m``, ``v``, ``t``."""
    what = "Adam(lr=0.1)"
    opt = Adam(0.1)
    if getattr(opt, "t", None) != 0:
        fail(what, f"before any step self.t is {getattr(opt, 't', None)!r}, expected 0.",
             "Keep the constructor's self.t = 0; step increases it by one.")
    thetas, states = _run(opt, what, ("m", "v", "t"))
    passed("step returns a new array of theta's shape and leaves theta and grad unchanged")

    for k in range(3):
        t = states[k]["t"]
        if t.shape != () or t != k + 1:
            fail(f"{what}, self.t after step {k + 1}", f"expected {k + 1}, got {t}.",
                 "Increase self.t by one at every step, before the bias correction: the first step has t = 1.")
    passed("self.t counts the steps: 1, 2, 3")

    step1 = (THETA0 - np.asarray(thetas[0])) / (0.1 * np.sign(GRADS[0]))
    hint = "At t = 1 the corrected moments are m_hat = grad and v_hat = grad**2, so the first step is lr * sign(grad)."
    if not np.all(np.isfinite(step1)):
        hint = ("nan or inf at the first step: 1 - beta**t is 0 when t = 0. Increase t before the bias "
                "correction, so that the first step uses t = 1.")
    elif np.allclose(step1, 0.1 / np.sqrt(0.001), rtol=1e-3):
        hint = ("Your first step is 3.16 times lr: the bias correction is missing. Divide m by 1 - beta1**t "
                "and v by 1 - beta2**t before the update.")
    elif np.allclose(step1, 1.0 / np.sqrt(0.001), rtol=1e-3):
        hint = "Your first step is 31.6 times lr: you corrected m but not v. Divide v by 1 - beta2**t too."
    elif np.allclose(step1, 0.1, rtol=1e-3):
        hint = "Your first step is 0.1 times lr: you corrected v but not m. Divide m by 1 - beta1**t too."
    elif np.allclose(step1, (0.1 / 0.19) / np.sqrt(0.001 / (1 - 0.999 ** 2)), rtol=1e-3):
        hint = "Your bias correction uses t = 2 at the first step: increase t once per step, and use the new t."
    elif np.allclose(step1, (0.1 / 0.001) / np.sqrt(0.001 / 0.1), rtol=1e-3):
        hint = "You divided m by 1 - beta2**t and v by 1 - beta1**t: each moment uses its own beta."
    check_close(thetas[0], ADAM_THETA[0], f"{what}, step 1: returned theta", hint)
    passed("the first step moves every parameter by lr (bias correction at t = 1)")

    for k in range(3):
        for name, table in (("m", ADAM_M), ("v", ADAM_V)):
            hint = ("Store the moments without bias correction: m = beta1 m + (1 - beta1) grad, "
                    "v = beta2 v + (1 - beta2) grad**2; compute m_hat and v_hat in local variables.")
            check_close(states[k][name], table[k], f"{what}, self.{name} after step {k + 1}", hint)
    passed("self.m and self.v hold the moments without bias correction")
    for k in (1, 2):
        check_close(thetas[k], ADAM_THETA[k], f"{what}, step {k + 1}: returned theta",
                    "theta - lr * m_hat / (sqrt(v_hat) + eps), with m_hat = m / (1 - beta1**t) and "
                    "v_hat = v / (1 - beta2**t) for the current t.")
    passed("steps 2 and 3 match the worked example")

    what = "Adam(lr=0.1, beta1=0.9, beta2=0.999, eps=0.5): one step with grad = [1.0]"
    out = _one_step(Adam(0.1, 0.9, 0.999, 0.5), np.zeros(1), np.ones(1), what)
    hint = "Add eps outside the square root: m_hat / (np.sqrt(v_hat) + eps)."
    if _close(out, [-0.1 / np.sqrt(1.5)]):
        hint = ("You put eps inside the square root. This lesson's convention (and the Adam paper's) "
                "is sqrt(v_hat) + eps.")
    check_close(out, [-0.1 / 1.5], what, hint)
    passed("eps is added outside the square root")
    finish()
