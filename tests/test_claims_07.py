"""Does every picture of lesson 07 show what its prose says?

Each test runs the lesson's own functions (loaded from the solution notebook, with
its seeds) and asserts the qualitative statement the text beside the figure makes.
"""

from __future__ import annotations

import numpy as np
import pytest

pytestmark = pytest.mark.slow

LESSON = "07-optimizers"


@pytest.fixture(scope="module")
def ns(solution_namespace):
    return solution_namespace(LESSON)


def test_adagrad_rate_lower_in_the_steep_direction_and_only_falls(ns):
    """§3: after step 1 the steep rate is 5x lower and stays lower; both only fall; theta_2's stops changing
    after about five steps while theta_1's keeps falling, from 0.125 to below 0.05 in 60 steps."""
    _, rates = ns["adagrad_run"](0.5, 60)
    shallow, steep = rates[:, 0], rates[:, 1]
    assert shallow[0] / steep[0] == pytest.approx(5.0, rel=1e-6)
    assert np.all(steep < shallow)
    assert np.all(np.diff(rates, axis=0) <= 1e-15), "Adagrad's rates must never rise"
    assert abs(steep[-1] - steep[5]) < 1e-3 * steep[5], "the steep rate should have levelled off by step 6"
    assert shallow[-1] < shallow[40] < shallow[20], "the shallow rate should still be falling"
    assert shallow[0] == pytest.approx(0.125) and shallow[-1] < 0.05


def test_tuned_optimizers_end_close_together(ns):
    """§7: tuning picks DIGIT_RATES, each inside its grid; tuned, the five end within 0.04 of each other."""
    chosen, losses = ns["tune_rates"]()
    assert chosen == ns["DIGIT_RATES"]
    for name, rates in ns["DIGIT_GRIDS"].items():
        assert rates[0] < chosen[name] < rates[-1], f"{name}'s best rate is on the edge of its grid"
    curves = ns["seed_spread"](chosen)
    means = np.array([c[:, -1].mean() for c in curves.values()])
    spreads = np.array([np.ptp(c[:, -1]) for c in curves.values()])
    assert np.ptp(means) < 0.04
    assert np.ptp(means) < 2 * spreads.max(), "the gaps should be comparable to the spread over seeds"


def test_gd_and_momentum_with_equal_effective_rate_are_twins(ns):
    """§7: GD at 0.05 and Momentum at 0.005 (gamma = 0.9) agree to a few thousandths after the first epoch."""
    gd, momentum = ns["gd_momentum_twins"]()
    assert np.max(np.abs(gd[1:] - momentum[1:])) < 0.01
    assert abs(gd[0] - momentum[0]) > 0.02, "the first epoch differs while the velocity builds up"
