"""Does every demonstration of lesson 02's costs (§6) show what its prose says?

Each test runs the lesson's own functions (loaded from the solution notebook) with
the picture's numbers and asserts the statement the text beside it makes.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

LESSON = "02-xor"
BUDGET, D, K = 20_000, 64, 10          # show_counts' defaults


@pytest.fixture(scope="module")
def ns(solution_namespace):
    return solution_namespace(LESSON)


def test_most_weights_sit_in_the_first_layer(ns):
    """§6: 10,000 -> 10 x 300 -> 1,000 has most of its 4.11 million weights in the first layer."""
    sizes = [10_000] + [300] * 10 + [1_000]
    total = ns["count_params"](sizes)["weights"]
    first = ns["count_params"](sizes[:2])["weights"]
    assert total == 4_110_000
    assert first / total > 0.5


def test_on_a_budget_depth_costs_width_and_buys_paths(ns):
    """§6: on 20,000 parameters the width falls with depth, by more than half from one hidden layer to two and by
    less with each further layer, while the paths grow with every layer, about 1e11-fold from L = 1 to L = 8."""
    rows = [ns["width_depth_counts"](D, K, L, BUDGET) for L in range(1, 9)]
    widths = [H for H, _, _ in rows]
    paths = [p for _, _, p in rows]
    assert all(n <= BUDGET for _, n, _ in rows)
    assert widths[1] < widths[0] / 2
    drops = [a - b for a, b in zip(widths, widths[1:])]
    assert all(x > 0 for x in drops) and all(a >= b for a, b in zip(drops, drops[1:]))
    assert all(b > a for a, b in zip(paths, paths[1:]))
    assert 1e10 < paths[-1] / paths[0] < 1e12
