"""The optimizer-step helpers of nncourse.grading.testing judge real objects in a real worker."""

import tempfile

import numpy as np
import pytest

from nncourse.grading.remote import Submission
from nncourse.grading.sandbox import Limits, protected_copy
from nncourse.grading.testing import (
    Failed,
    StepRule,
    expect_own_instances,
    expect_replay,
    expect_steps,
    param_shape,
    random_run,
    take_steps,
)

CODE = r'''
import numpy as np

class Optimizer:
    def replay(self, theta0, grads):
        thetas = [np.array(theta0, dtype=float)]
        for g in grads:
            thetas.append(self.step(thetas[-1], np.array(g, dtype=float)))
        return np.array(thetas)

class Decay(Optimizer):                      # theta - lr * s with s = rho s + g
    def __init__(self, lr, rho=0.5):
        self.lr, self.rho, self.s = lr, rho, None
    def step(self, theta, grad):
        self.s = grad if self.s is None else self.rho * self.s + grad
        return theta - self.lr * self.s

class Forgets(Decay):                        # the state is never carried over
    def step(self, theta, grad):
        self.s = grad
        return theta - self.lr * self.s

class Shared(Decay):                         # the state lives in a class attribute
    total = {}
    def step(self, theta, grad):
        old = Shared.total.get(theta.shape)
        Shared.total[theta.shape] = grad if old is None else self.rho * old + grad
        self.s = Shared.total[theta.shape]
        return theta - self.lr * self.s

class OtherDefault(Decay):                   # the signature's default changed
    def __init__(self, lr, rho=0.9):
        super().__init__(lr, rho)

class InPlace(Decay):                        # changes the theta it was given
    def step(self, theta, grad):
        self.s = grad if self.s is None else self.rho * self.s + grad
        theta -= self.lr * self.s
        return theta
'''


def path(theta0, grads, hyper, variant="right"):
    lr, rho = hyper
    theta, s, out = theta0, np.zeros_like(theta0), []
    for g in grads:
        s = g if variant == "forgets" else rho * s + g
        theta = theta - lr * s
        out.append((theta, s))
    return out


RULE = StepRule("Decay", ("lr", "rho"), path, {"forgets": "The state is not carried over."},
                "s = rho s + g, theta - lr s.")


@pytest.fixture(scope="module")
def sub():
    with Submission([(0, CODE)], protected_copy([], tempfile.mkdtemp()), Limits(call_seconds=10)) as s:
        s._ensure()
        yield s


def run(rng, steps=4):
    return random_run(rng, steps, (3,))


def test_param_shape_and_random_run_draw_what_they_say():
    rng = np.random.default_rng(0)
    shapes = {param_shape(rng) for _ in range(200)}
    assert (1,) in shapes and all(1 <= len(s) <= 2 for s in shapes)
    theta0, grads = random_run(rng, 5, (2, 3))
    assert theta0.shape == (2, 3) and grads.shape == (5, 2, 3)


def test_a_right_rule_passes_every_check(sub):
    rng = np.random.default_rng(1)
    RULE.compare(sub, (0.1, 0.5), *run(rng), "on a vector")
    RULE.compare_state(sub, (0.1, 0.5), *run(rng), {"s": 1}, "s is the state.")
    RULE.compare_defaults(sub, (0.1,), (0.5,), *run(rng), "with the default rho")
    RULE.own_instances(sub, [((0.1, 0.5),) + run(rng), ((0.2, 0.3),) + run(rng, 3)])
    expect_replay(sub, "Decay", (0.1, 0.5), *run(rng))


def test_a_confirmed_mistake_is_named_and_the_step_given(sub):
    rng = np.random.default_rng(2)
    rule = StepRule("Forgets", RULE.names, path, RULE.hints, RULE.rule)
    with pytest.raises(Failed) as exc:
        rule.compare(sub, (0.1, 0.5), *run(rng), "on a vector")
    text = str(exc.value)
    assert "Forgets(lr=0.1, rho=0.5).step on a vector, step 2 of 4" in text
    assert "Hint: The state is not carried over." in text


def test_an_unknown_mistake_gets_the_neutral_hint():
    expected = [np.zeros(2), np.ones(2)]
    with pytest.raises(Failed) as exc:
        expect_steps([np.zeros(2), np.full(2, 3.0)], expected, "X.step", [("named", [np.zeros(2), np.full(2, 2.0)])],
                     "the rule")
    assert "X.step, step 2 of 2" in str(exc.value) and "Hint: the rule" in str(exc.value)


def test_state_shared_between_instances_is_named(sub):
    rng = np.random.default_rng(3)
    with pytest.raises(Failed) as exc:
        expect_own_instances(sub, "Shared", [((0.1, 0.5),) + run(rng), ((0.2, 0.3),) + run(rng)],
                             lambda hyper, theta0, grads: [s[0] for s in path(theta0, grads, hyper)])
    text = str(exc.value)
    assert "stepped in turn with the other(s), against the same steps alone" in text
    assert "not in a class attribute" in text


def test_a_changed_default_is_named_only_when_the_explicit_value_works(sub):
    rng = np.random.default_rng(4)
    rule = StepRule("OtherDefault", RULE.names, path, RULE.hints, RULE.rule)
    with pytest.raises(Failed) as exc:
        rule.compare_defaults(sub, (0.1,), (0.5,), *run(rng), "built as OtherDefault(lr)")
    assert "keep the signature's defaults (rho=0.5)" in str(exc.value)


def test_an_in_place_step_fails_on_the_callers_theta(sub):
    rng = np.random.default_rng(5)
    theta0, grads = run(rng)
    with pytest.raises(Failed, match=r"changed the caller's `theta` in place"):
        take_steps(sub.new("InPlace", 0.1, 0.5), theta0, grads, "InPlace.step")
