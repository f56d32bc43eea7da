"""Does every picture of lesson 06 show what its prose says?

Each test runs the lesson's own functions (loaded from the solution notebook, with
its seeds) and asserts the qualitative statement the text beside the figure makes.
"""

from __future__ import annotations

import numpy as np
import pytest

pytestmark = pytest.mark.slow

LESSON = "06-sgd"


def test_learning_rate_too_low_crawls_and_too_high_overshoots(ns):
    """§7: 0.01 crawls, 100 ends epoch 1 above ln 10 and zig-zags, and its validation loss stays far above 1.0's."""
    runs = ns["learning_rate_runs"]()
    low, good, high = runs["too low"], runs["about right"], runs["too high"]
    assert low["train_loss"][-1] > 5 * good["train_loss"][-1], "the low rate should still be far from a minimum"
    assert high["train_loss"][0] > np.log(10), "the high rate's first epoch should end above the start, ln 10"
    assert np.any(np.diff(high["train_loss"]) > 0), "the high rate's training loss should go up at least once"
    assert np.all(np.diff(good["train_loss"]) < 0), "the good rate's training loss should fall every epoch"
    assert high["val_loss"][-1] > 3 * good["val_loss"][-1], "the high rate's validation loss should stay far above"
    # the prose: the final *training* loss alone would not give the high rate away
    assert high["train_loss"][-1] < 2 * good["train_loss"][-1]


def test_grid_optimum_is_inside_and_on_a_diagonal(ns):
    """§8: the best cell is not on an edge; the best rate grows with b; the diagonal is flat within 0.02."""
    table, _ = ns["grid_search"]()
    i, j = np.unravel_index(np.argmin(table), table.shape)
    assert 0 < i < table.shape[0] - 1 and 0 < j < table.shape[1] - 1, f"best cell {(i, j)} is on the grid's edge"
    best_col = np.argmin(table, axis=1)
    assert np.all(np.diff(best_col) >= 0), f"best rate per batch size should not fall as b grows: {best_col}"
    row_best = table.min(axis=1)
    assert row_best.max() - row_best.min() < 0.02, "along the diagonal the losses should differ by noise only"
    assert table.max() - table.min() > 0.1, "off the diagonal the grid should be clearly worse"


def test_permuted_hidden_units_same_loss_and_a_hill_between_minima(ns):
    """§9: A and A' have the same loss; the midpoints of A-A' and A-B are several times worse than the ends."""
    model_a, _ = ns["trained_digits_net"](0)
    model_b, _ = ns["trained_digits_net"](1)
    permuted = ns["permute_hidden"](model_a, np.random.default_rng(1).permutation(100))
    loss = ns["training_loss"]
    assert loss(permuted) == pytest.approx(loss(model_a), rel=1e-12, abs=1e-12)
    for other in (permuted, model_b):
        s, losses = ns["loss_along_segment"](model_a, other)
        middle = losses[len(s) // 2]
        assert middle > 4 * max(losses[0], losses[-1]), "the midpoint should be far worse than both ends"


def test_hidden_units_detect_parts_of_particular_digits(ns):
    """§10: weights moved by about half their size; a unit's top 20 images are mostly one digit (chance: 1 in 10)."""
    model, _ = ns["trained_digits_net"](0)
    start = ns["digits_mlp"](np.random.default_rng(0))[0].W
    moved = np.linalg.norm(model[0].W - start) / np.linalg.norm(start)
    assert 0.3 < moved < 0.7, f"relative change of W1 {moved:.2f} is not 'about half'"
    _, _, shares = ns["top_activating_images"](model, units=model[0].W.shape[1])
    assert 0.55 < shares.mean() < 0.8, f"mean share {shares.mean():.2f} is not 'about two thirds'"


def test_sgd_noise_paths_and_variance_against_batch_size(ns):
    """§6: in 5 epochs GD is still far off while SGD b = 16 arrives; b = 1 jitters more than b = 16 near the
    minimum; the gradient noise falls like 1/b (log-log slope about -1)."""
    x, t = ns["line_data"]()
    minimum = np.linalg.lstsq(np.stack([x, np.ones_like(x)], axis=1), t, rcond=None)[0]
    gd, b16, b1 = (ns["line_path"](b) for b in (len(x), 16, 1))
    distance = {name: np.linalg.norm(p - minimum, axis=1) for name, p in (("gd", gd), ("b16", b16), ("b1", b1))}
    assert distance["gd"][-1] > 5 * distance["b16"][-1]
    assert distance["b1"][-200:].mean() > 2 * distance["b16"][-13:].mean()
    sizes = np.array([1, 2, 4, 8, 16, 32, 64])
    noise = ns["gradient_noise"](tuple(sizes))
    slope = np.polyfit(np.log(sizes), np.log(noise), 1)[0]
    assert -1.1 < slope < -0.9, f"slope {slope:.2f}"


def test_he_keeps_the_signal_size(ns):
    """§9: over 20 ReLU layers, Var(w) = 1/D_in shrinks the signal by several hundred, 4/D_in grows it as much,
    2/D_in keeps it within a factor 2."""
    low, he, high = (ns["activation_scale"](g) for g in (1.0, 2.0, 4.0))
    assert low[-1] / low[0] < 1 / 200
    assert high[-1] / high[0] > 200
    assert 0.5 < he[-1] / he[0] < 2 and np.all((he > 0.5 * he[0]) & (he < 2 * he[0]))
