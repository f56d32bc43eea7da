"""Does every demonstration of lesson 04 show what its prose says?

Each test runs the lesson's own functions (loaded from the solution notebook, with
its seeds) and asserts the statement the text beside the output makes.
"""

from __future__ import annotations

import numpy as np
import pytest

pytestmark = pytest.mark.slow

LESSON = "04-backprop"


def test_jacobian_product_collapses_to_p_minus_t(ns):
    """§5: the cross-entropy's error signal -T / (N P), pushed through the softmax's Jacobian, is (P - T) / N."""
    rng = np.random.default_rng(1)                       # collapse_demo's seed and draws
    z = rng.normal(size=(4, 3))
    T = np.eye(3)[rng.integers(0, 3, size=4)]
    P = ns["softmax"](z)
    through = ns["softmax_backward"](z, -T / (4 * P))
    np.testing.assert_allclose(through, (P - T) / 4, atol=1e-15)
    J = ns["softmax_jacobian"](z)
    np.testing.assert_allclose(J.sum(axis=1), 0.0, atol=1e-15)        # "each column of J sums to 0"
    np.testing.assert_allclose(J, np.transpose(J, (0, 2, 1)))            # symmetric (used by an alternative)
    K = 5
    np.testing.assert_allclose(np.diagonal(ns["softmax_jacobian"](np.zeros((1, K)))[0]), (1 / K) * (1 - 1 / K))


def test_backward_loop_matches_finite_differences(ns):
    """§7: the loop over four layers agrees with finite differences (relative error below 1e-6)."""
    assert ns["depth_check"]() < 1e-6


def test_sigmoid_stack_gradients_shrink_towards_the_input(ns):
    """§7: each layer's |dW| is smaller than the next one's, by a factor between 2 and 6, and the first layer's
    is more than a thousand times smaller than the last one's."""
    norms = np.array(ns["gradient_norms"]())
    ratios = norms[1:] / norms[:-1]
    assert len(norms) == 8
    assert np.all((ratios > 2) & (ratios < 6)), ratios
    assert norms[-1] / norms[0] > 1000
