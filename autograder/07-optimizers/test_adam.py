"""Hidden tests for Exercise 4, ``class Adam(lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8)`` with ``step(theta, grad)``.

The rule: t <- t + 1; m <- beta1 m + (1 - beta1) g; v <- beta2 v + (1 - beta2) g**2;
theta <- theta - lr m_hat / (sqrt(v_hat) + eps), m_hat = m / (1 - beta1**t), v_hat = v / (1 - beta2**t);
m = v = 0 and t = 0 before the first step; eps outside the square root.
"""

import numpy as np

from nncourse.grading.testing import StepRule, expect, param_shape, random_run, weight

DEFAULTS = (1e-3, 0.9, 0.999, 1e-8)   # the constructor's lr, beta1, beta2, eps


def draw_hyper(rng, eps=1e-8):
    """(lr, beta1, beta2, eps), betas never the defaults."""
    return float(rng.uniform(0.002, 0.1)), float(rng.uniform(0.5, 0.85)), float(rng.uniform(0.9, 0.99)), eps


def path(theta0, grads, hyper, variant="right"):
    """Iterates, m, v and t of Adam, or of a known wrong variant of it (nan where that variant divides by 0)."""
    lr, b1, b2, eps = hyper
    theta, m, v = theta0.copy(), np.zeros_like(theta0, dtype=float), np.zeros_like(theta0, dtype=float)
    out = []
    with np.errstate(all="ignore"):
        for t, g in enumerate(grads, start=1):
            m = b1 * m + (1 - b1) * g
            v = b2 * v + (1 - b2) * g * g
            tc = {"t_plus_one": t + 1, "t_stuck": 1, "t_before": t - 1}.get(variant, t)
            c1, c2 = 1 - b1 ** tc, 1 - b2 ** tc
            c1, c2 = {"no_correction": (1.0, 1.0), "only_m": (c1, 1.0), "only_v": (1.0, c2),
                      "swapped": (c2, c1)}.get(variant, (c1, c2))
            m_hat, v_hat = m / c1, v / c2
            if variant == "stores_corrected":
                m, v = m_hat, v_hat
            denom = {"eps_inside": np.sqrt(v_hat + eps), "no_eps": np.sqrt(v_hat),
                     "eps_after": np.sqrt(v_hat)}.get(variant, np.sqrt(v_hat) + eps)
            theta = theta - lr * m_hat / denom + (eps if variant == "eps_after" else 0.0)
            out.append((theta, m, v))
    return out


EPS_MISSING = ("eps belongs to the denominator, theta - lr * m_hat / (np.sqrt(v_hat) + eps), with the parentheses: "
               "without it a parameter whose gradients are all 0 gives 0 / 0 = nan.")
HINTS = {
    "no_correction": ("The bias correction is missing: divide m by 1 - beta1**t and v by 1 - beta2**t before the "
                      "update (without it the first step is about 3 times too large)."),
    "only_m": "You corrected m but not v: divide v by 1 - beta2**t too.",
    "only_v": "You corrected v but not m: divide m by 1 - beta1**t too.",
    "swapped": "Each moment has its own beta: m_hat = m / (1 - beta1**t), v_hat = v / (1 - beta2**t).",
    "t_plus_one": ("Your bias correction is one step ahead (t = 2 at the first step): increase t once per step, "
                   "before the correction, starting from t = 0."),
    "t_before": ("Your bias correction uses t before it is increased: at the first step 1 - beta**0 = 0 and the "
                 "moments are divided by 0. Increase self.t first, then correct with the new t."),
    "t_stuck": "Your bias correction always uses t = 1: increase self.t at every step and use the new value.",
    "stores_corrected": ("You store the corrected moments in self.m and self.v. Keep the stored moments uncorrected "
                         "and compute m_hat and v_hat in local variables."),
    "eps_inside": ("You put eps inside the square root. This lesson's convention (and the Adam paper's) is "
                   "sqrt(v_hat) + eps."),
    "no_eps": EPS_MISSING,
    "eps_after": EPS_MISSING,
}
NEUTRAL = ("t = t + 1; m = beta1 m + (1 - beta1) grad; v = beta2 v + (1 - beta2) grad**2; then "
           "theta - lr * m_hat / (np.sqrt(v_hat) + eps) with m_hat = m / (1 - beta1**t), v_hat = v / (1 - beta2**t).")


RULE = StepRule("Adam", ("lr", "beta1", "beta2", "eps"), path, HINTS, NEUTRAL)


@weight(2)
def test_first_step(student, rng):
    """the first step moves every parameter by about lr (bias correction at t = 1)"""
    shape = param_shape(rng)
    RULE.compare(student, draw_hyper(rng), *random_run(rng, 1, shape), f"on an array of shape {shape}")


test_several_steps = RULE.several_steps_test(draw_hyper, steps=8)


@weight(1)
def test_step_counter(student, rng):
    """self.t is 0 before the first step and k after k steps"""
    hyper = draw_hyper(rng)
    opt = student.new(RULE.cls, *hyper)
    t0 = opt.get("t")
    expect(t0 == 0, f"{RULE.label(hyper)}: self.t before any step is {t0!r}, expected 0.",
           "Keep the constructor's self.t = 0; step increases it by one.")
    theta, grads = random_run(rng, 4)
    for k in range(1, 5):
        theta = opt.call("step", theta, grads[k - 1])
        t = opt.get("t")
        expect(t == k, f"{RULE.label(hyper)}: self.t after {k} step(s) is {t!r}, expected {k}.",
               "Increase self.t by one at every step (self.t += 1), before the bias correction.")


@weight(1)
def test_moments(student, rng):
    """self.m and self.v hold the moments without bias correction"""
    RULE.compare_state(student, draw_hyper(rng), *random_run(rng, 4), {"m": 1, "v": 2},
                       "Store the moments themselves, m = beta1 m + (1 - beta1) grad and v = beta2 v + (1 - beta2) "
                       "grad**2, without the bias correction, in self.m and self.v at every step.")


@weight(1)
def test_default_hyperparameters(student, rng):
    """Adam() uses the signature's defaults lr = 1e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-8"""
    RULE.tiny_gradients(student, (), DEFAULTS, rng, 5, 1e-7)


# the checks every optimizer of the lesson gets (nncourse.grading.testing.StepRule)
test_eps_and_extreme_gradients = RULE.eps_test(draw_hyper, "sqrt(v_hat) + eps")
test_two_instances = RULE.own_instances_test(draw_hyper, "moments and step counts")
test_returns_a_new_array = RULE.replay_test(draw_hyper)
