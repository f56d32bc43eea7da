"""Does every picture of lesson 03 show what its prose says?

Each test runs the lesson's own functions (loaded from the solution notebook, with
its seeds) and asserts the qualitative statement the text beside the figure makes.
"""

from __future__ import annotations

import numpy as np
import pytest

pytestmark = pytest.mark.slow

LESSON = "03-activations"


def test_cross_entropy_is_not_symmetric_and_splits_into_entropy_and_kl(ns):
    """§8: H(t, y) != H(y, t); H(t, y) = H(t) + KL with KL >= 0; bits = nats / ln 2."""
    ce, t, y = ns["cross_entropy_of"], ns["t_soft"], ns["y_pred"]
    assert abs(ce(t, y) - ce(y, t)) > 0.05
    assert ce(t, y) - ce(t, t) > 0
    assert ce(t, t) == pytest.approx(-np.sum(t * np.log(t)))
    assert ce(np.full(10, 0.1), np.full(10, 0.1)) / np.log(2) == pytest.approx(np.log2(10))


def test_sigmoid_slowest_relu_sparse(ns):
    """§9: sigmoid ends far above the ReLU family, tanh in between; about half of a ReLU layer is exactly 0,
    a leaky ReLU layer never."""
    curves, zeros = ns["compare_activations"]()
    final = {name: c[:, -1].mean() for name, c in curves.items()}
    assert final["sigmoid"] > 5 * final["ReLU"]
    assert final["ReLU"] < final["tanh"] < final["sigmoid"]
    assert final["leaky ReLU"] < final["tanh"]
    assert 0.35 < zeros["ReLU"] < 0.7
    assert zeros["leaky ReLU"] == 0 and zeros["sigmoid"] == 0
