"""Does every picture of lesson 08 show what its prose says?

Each test runs the lesson's own functions (loaded from the solution notebook, with
its seeds) and asserts the qualitative statement the text beside the figure makes.
"""

from __future__ import annotations

import numpy as np
import pytest

pytestmark = pytest.mark.slow

LESSON = "08-overfitting"


@pytest.fixture(scope="module")
def ns(solution_namespace):
    return solution_namespace(LESSON)


def test_large_network_overfits(ns):
    """§1: the 64-64 network drives the training loss to ~0 while validation rises past its minimum."""
    _, history = ns["train_mlp"](ns["X_train"], ns["t_train"], hidden=(64, 64))
    val = np.asarray(history["val_loss"])
    assert history["train_loss"][-1] < 0.01
    assert 5 <= int(np.argmin(val)) <= 80, "the validation minimum should come after a few dozen epochs"
    assert val[-1] > 3 * val.min()


def test_capacity_underfits_small_and_overfits_large(ns):
    """§1: mean over seeds: training loss falls with H; the best validation loss is at H <= 4; from H = 8 on
    the validation loss is several times its best value."""
    widths = ns["CAPACITY_WIDTHS"]
    runs = ns["capacity_runs"]()
    train, val = runs[:, :, 0].mean(axis=1), runs[:, :, 1].mean(axis=1)
    assert np.all(np.diff(train) <= 1e-9), f"mean training loss should not rise with the width: {train}"
    assert train[0] > 0.3 and train[-1] < 0.01
    best = int(np.argmin(val))
    assert widths[best] <= 4, f"the best width should be small, got H = {widths[best]}"
    assert np.all(val[np.asarray(widths) >= 8] > 2.5 * val.min())


def test_dropout_halves_the_climb_but_does_not_stop_it(ns):
    """§3: with p = 0.5 the final validation loss is about half of p = 0's, the training fit slower, and the
    validation loss still climbs well above its minimum."""
    _, plain = ns["train_mlp"](ns["X_train"], ns["t_train"], p_drop=0.0)
    _, drop = ns["train_mlp"](ns["X_train"], ns["t_train"], p_drop=0.5)
    assert drop["val_loss"][-1] < 0.65 * plain["val_loss"][-1]
    assert drop["train_loss"][-1] > 10 * plain["train_loss"][-1]
    assert drop["val_loss"][-1] > 2 * min(drop["val_loss"])


def test_grid_winner_is_within_noise(ns):
    """§6: the winner leads the runner-up by less than one standard error; the grid spans at most ~2."""
    records = []
    ns["run_grid"](records)
    acc = np.sort([r["val_acc"] for r in records])[::-1]
    se = ns["standard_error"](acc[0], len(ns["t_val"]))
    assert 0.015 < se < 0.03
    assert acc[0] - acc[1] < se
    assert acc[0] - acc[-1] < 2.5 * se


def test_one_pixel_shift_costs_half_the_accuracy(ns):
    """§7: about 97% on the test digits; about half of that one pixel off; near chance two pixels off."""
    accs, _ = ns["shifted_accuracy"]()
    assert accs[0] > 0.95
    assert 0.3 < accs[1] < 0.65
    assert accs[2] < 0.25
