"""Hidden tests for Exercise 2, ``class Adagrad(lr, eps=1e-8)`` with ``step(theta, grad) -> new theta``.

The rule (eps outside the square root): G <- G + grad**2 (G = 0 before the first step),
theta <- theta - lr grad / (sqrt(G) + eps).
"""

from nncourse.grading.testing import StepRule, random_run, root_scaled_path, weight

EPS = 1e-8           # the constructor's default


def path(theta0, grads, hyper, variant="right"):
    """(theta, G) after each step of the rule, or of a known wrong variant of it."""
    lr, eps = hyper

    def accumulate(G, g):
        return g * g if variant == "current_only" else G + g * g
    return root_scaled_path(theta0, grads, lr, eps, accumulate, variant, old="old_sum")


EPS_MISSING = ("eps belongs to the denominator, theta - lr * grad / (np.sqrt(G) + eps), with the parentheses: "
               "without it a parameter whose gradients are all 0 gives 0 / 0 = nan.")
RULE = StepRule("Adagrad", ("lr", "eps"), path, {
    "current_only": ("Your step uses only the current gradient: G must accumulate over all steps, "
                     "self.G = self.G + grad**2, so that the rates shrink."),
    "old_sum": "Add grad**2 to G before you use it: the step divides by the sqrt of the sum including this step.",
    "no_sqrt": "Divide by the square root of G, np.sqrt(G) + eps, not by G itself.",
    "eps_inside": ("You put eps inside the square root, sqrt(G + eps). This lesson's convention (and the Adam "
                   "paper's) is sqrt(G) + eps."),
    "no_eps": EPS_MISSING,
    "eps_in_step": EPS_MISSING,
}, "G = G + grad**2 first (G starts at zero), then return theta - lr * grad / (np.sqrt(G) + eps).")


def draw_hyper(rng, eps=EPS):
    """(lr, eps)"""
    return float(rng.uniform(0.01, 0.5)), eps


test_several_steps = RULE.several_steps_test(draw_hyper, steps=6)


@weight(1)
def test_state_attribute(student, rng):
    """self.G holds the sum of all squared gradients"""
    RULE.compare_state(student, draw_hyper(rng), *random_run(rng, 4), {"G": 1},
                       "self.G is the sum of the squared gradients of all steps so far, this one included; assign "
                       "it at every step.")


@weight(1)
def test_default_eps(student, rng):
    """Adagrad(lr) uses the signature's default eps = 1e-8 (seen where gradients are near 1e-6)"""
    RULE.tiny_gradients(student, (float(rng.uniform(0.01, 0.5)),), (EPS,), rng, 3, 1e-6)


# the checks every optimizer of the lesson gets (nncourse.grading.testing.StepRule)
test_eps_and_extreme_gradients = RULE.eps_test(draw_hyper, "sqrt(G) + eps")
test_two_instances = RULE.own_instances_test(draw_hyper, "sums")
test_returns_a_new_array = RULE.replay_test(draw_hyper)
