"""Hidden tests for Exercise 3, ``class RMSprop(lr, rho=0.9, eps=1e-8)`` with ``step(theta, grad) -> new theta``.

The rule (eps outside the square root): s <- rho s + (1 - rho) grad**2 (s = 0 before the first step),
theta <- theta - lr grad / (sqrt(s) + eps).
"""

from nncourse.grading.testing import StepRule, random_run, root_scaled_path, weight

DEFAULTS = (0.9, 1e-8)   # the constructor's rho and eps


def path(theta0, grads, hyper, variant="right"):
    """(theta, s) after each step of the rule, or of a known wrong variant of it."""
    lr, rho, eps = hyper
    rho = DEFAULTS[0] if variant == "fixed_rho" else rho

    def accumulate(s, g):
        return {"swapped": (1.0 - rho) * s + rho * g * g, "no_decay": s + g * g,
                "no_average": rho * s + g * g}.get(variant, rho * s + (1.0 - rho) * g * g)
    return root_scaled_path(theta0, grads, lr, eps, accumulate, variant, old="old_average")


EPS_MISSING = ("eps belongs to the denominator, theta - lr * grad / (np.sqrt(s) + eps), with the parentheses: "
               "without it a parameter whose gradients are all 0 gives 0 / 0 = nan.")
RULE = StepRule("RMSprop", ("lr", "rho", "eps"), path, {
    "swapped": "rho and 1 - rho are swapped: the old average keeps the weight rho, the new grad**2 gets 1 - rho.",
    "no_decay": "self.s is a plain sum, as in Adagrad: RMSprop decays it, s = rho * s + (1 - rho) * grad**2.",
    "no_average": "The new squared gradient is weighted by 1 - rho: s = rho * s + (1 - rho) * grad**2.",
    "old_average": "Update s first, then divide by its square root: the step uses the s that includes this gradient.",
    "eps_inside": ("You put eps inside the square root, sqrt(s + eps). This lesson's convention (and the Adam "
                   "paper's) is sqrt(s) + eps."),
    "no_sqrt": "Divide by the square root of s, np.sqrt(s) + eps, not by s itself.",
    "eps_in_step": EPS_MISSING,
    "no_eps": EPS_MISSING,
    "fixed_rho": f"You used rho = {DEFAULTS[0]} whatever the constructor was given: use self.rho.",
}, "s = rho * s + (1 - rho) * grad**2 first (s starts at zero), then return theta - lr * grad / (np.sqrt(s) + eps).")


def draw_hyper(rng, eps=1e-8):
    """(lr, rho, eps), rho never the default 0.9."""
    rho = float(rng.choice([rng.uniform(0.5, 0.85), rng.uniform(0.93, 0.99)]))
    return float(rng.uniform(0.001, 0.1)), rho, eps


test_several_steps = RULE.several_steps_test(draw_hyper, steps=6)


@weight(1)
def test_state_attribute(student, rng):
    """self.s holds the decaying average of the squared gradients"""
    RULE.compare_state(student, draw_hyper(rng), *random_run(rng, 4), {"s": 1},
                       "self.s = rho * s + (1 - rho) * grad**2, updated at every step, this one included.")


@weight(1)
def test_default_hyperparameters(student, rng):
    """RMSprop(lr) uses the signature's defaults rho = 0.9 and eps = 1e-8 (eps seen where gradients are tiny)"""
    RULE.tiny_gradients(student, (float(rng.uniform(0.001, 0.1)),), DEFAULTS, rng, 4, 1e-6)


# the checks every optimizer of the lesson gets (nncourse.grading.testing.StepRule)
test_eps_and_extreme_gradients = RULE.eps_test(draw_hyper, "sqrt(s) + eps")
test_two_instances = RULE.own_instances_test(draw_hyper, "averages")
test_returns_a_new_array = RULE.replay_test(draw_hyper)
