"""Hidden tests for Exercise 1, ``class Momentum(lr, gamma=0.9)`` with ``step(theta, grad) -> new theta``.

The rule (the lesson's convention): v <- gamma v - lr grad (v = 0 before the
first step), theta <- theta + v; ``self.v`` is the update just made.
"""

import numpy as np

from nncourse.grading.testing import StepRule, random_run, weight

GAMMA = 0.9          # the constructor's default


def path(theta0, grads, hyper, variant="right"):
    """(theta, self.v) after each step of momentum, or of a known wrong variant of it."""
    lr, gamma = hyper
    gamma = GAMMA if variant == "fixed_gamma" else gamma
    theta, v = theta0.copy(), np.zeros_like(theta0, dtype=float)
    out = []
    for g in grads:
        old = v
        v = {"no_state": -lr * g, "uphill": gamma * v + lr * g}.get(variant, gamma * v - lr * g)
        theta = theta + (old if variant == "lag" else v)
        out.append((theta, {"opposite": -v, "unscaled": -v / lr}.get(variant, v)))
    return out


RULE = StepRule("Momentum", ("lr", "gamma"), path, {
    "no_state": ("Your steps are plain gradient descent, theta - lr * grad: the velocity is not carried over from "
                 "one step to the next. Store it in self.v and start the next step from it."),
    "lag": ("Your steps lag one behind: you move by the old velocity and update it afterwards. Update self.v "
            "first, v = gamma * v - lr * grad, then return theta + v."),
    "uphill": ("Your parameters move uphill: the velocity is v = gamma * v - lr * grad (minus), and the new theta "
               "is theta + v."),
    "fixed_gamma": f"You used gamma = {GAMMA} whatever the constructor was given: use self.gamma.",
    "opposite": ("Your v has the opposite sign. In this lesson's convention v is the update itself: "
                 "v = gamma * v - lr * grad and theta_new = theta + v."),
    "unscaled": ("You store v = gamma * v + grad and step by -lr * v: the same path, but this lesson's v is the "
                 "update itself, v = gamma * v - lr * grad."),
}, "v = gamma * v - lr * grad, with the v stored by the previous step (zeros at the first), then theta + v.")


def draw_hyper(rng):
    """(lr, gamma), gamma never the default 0.9."""
    return float(rng.uniform(0.01, 0.5)), float(rng.choice([rng.uniform(0.5, 0.85), rng.uniform(0.92, 0.98)]))


test_several_steps = RULE.several_steps_test(draw_hyper, steps=6)


@weight(1)
def test_velocity_attribute(student, rng):
    """self.v is the update just made, gamma v - lr g"""
    hyper = draw_hyper(rng)
    theta0, grads = random_run(rng, 4)
    RULE.compare_state(student, hyper, theta0, grads, {"v": 1},
                       "self.v is the update just made: v = gamma * v - lr * grad, so that theta_new = theta + v; "
                       "assign it to self.v at every step.")


@weight(1)
def test_keeps_moving_with_zero_gradient(student, rng):
    """with zero gradients the parameters keep moving by gamma times the last update"""
    theta0, grads = random_run(rng, 5)
    grads[2:] = 0.0
    RULE.compare(student, draw_hyper(rng), theta0, grads, "with two gradients, then three zero gradients")


@weight(1)
def test_default_gamma(student, rng):
    """Momentum(lr) uses the signature's default gamma = 0.9"""
    theta0, grads = random_run(rng, 4)
    RULE.compare_defaults(student, (float(rng.uniform(0.01, 0.5)),), (GAMMA,), theta0, grads,
                          f"built as Momentum(lr) on an array of shape {theta0.shape}")


# the checks every optimizer of the lesson gets (nncourse.grading.testing.StepRule)
test_two_instances = RULE.own_instances_test(draw_hyper, "velocities")
test_returns_a_new_array = RULE.replay_test(draw_hyper)
