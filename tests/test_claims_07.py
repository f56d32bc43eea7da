"""Does every picture of lesson 07 show what its prose says?

Each test runs the lesson's own functions (loaded from the solution notebook, with
its seeds) and asserts the qualitative statement the text beside the figure makes.
"""

from __future__ import annotations

import numpy as np
import pytest

pytestmark = pytest.mark.slow

LESSON = "07-optimizers"


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


def test_valley_panels_steps_to_target(ns):
    """§6: at VALLEY_RATES, Momentum (about 90 steps) and Adam (about 80) reach E < 1e-3 in 150 steps, and still
    do at half and twice their rate; GD reaches it only after leaping across the valley, misses it at 0.8x and
    diverges at 1.25x; Adagrad stops far from the minimum; RMSprop, below 0.1 from about step 80, jitters above
    the target to the end."""
    runs = ns["valley_runs"](1.0, 150)
    target = ns["VALLEY_TARGET"]
    assert 80 <= runs["Momentum"][3] <= 100 and 70 <= runs["Adam"][3] <= 90
    for factor in (0.5, 2.0):
        scaled = ns["valley_runs"](factor, 150, ("Momentum", "Adam"))
        assert all(hit is not None for _, _, _, hit in scaled.values()), factor

    _, gd_path, gd_costs, gd_hit = runs["GD"]
    assert gd_hit is not None and gd_costs[-1] < target
    assert np.max(np.linalg.norm(np.diff(gd_path, axis=0), axis=1)) > 1.0, "GD's leap across the valley"
    for name in ("Momentum", "Adam"):
        assert np.max(np.linalg.norm(np.diff(runs[name][1], axis=0), axis=1)) < 0.5, name
    slower = ns["valley_runs"](0.8, 150, ("GD",))["GD"]
    assert slower[3] is None and slower[2][-1] > 10 * target
    faster = ns["valley_runs"](1.25, 150, ("GD",))["GD"]
    assert len(faster[2]) < 151, "GD at 1.25x should diverge"

    _, ada_path, ada_costs, ada_hit = runs["Adagrad"]
    assert ada_hit is None and ada_costs[-1] > 0.1 and np.linalg.norm(ada_path[-1] - 1.0) > 0.5
    _, _, rms_costs, rms_hit = runs["RMSprop"]
    first = int(np.argmax(rms_costs < 0.1))
    assert rms_hit is None and 70 <= first <= 90, "RMSprop's cost first falls below 0.1 near step 80"
    assert 0.01 < rms_costs[first:].min() and rms_costs[first:].max() < 0.6 and rms_costs[-1] > 10 * target, \
        "from there on RMSprop jitters between about 0.02 and 0.5, above the target"
