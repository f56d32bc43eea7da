"""Every claim the pictures of lesson 11 support in its prose, checked with the notebook's seeds.

The functions are the solution notebook's own (its top-level definitions, as grading loads
them) and the library's reference versions, run with the same seeds and settings as the
notebook's cells.
"""

from __future__ import annotations

import os

import numpy as np
import pytest

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture(scope="module")
def nb(solution_namespace):
    """The solution notebook's top-level definitions, loaded as grading loads them."""
    return solution_namespace("11-deep-network")


@pytest.mark.filterwarnings("ignore::pytest.PytestUnknownMarkWarning")
def test_the_split_has_the_sizes_the_prose_gives(nb):
    """60% / 15% / 25% of 1797 digits; the grading split holds out 449 test images too."""
    assert (len(nb["X_train"]), len(nb["X_val"]), len(nb["X_test"])) == (1079, 269, 449)
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "bt", os.path.join(REPO, "autograder", "11-deep-network", "test_build_and_train.py"))
    bt = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bt)
    X_tr, _, X_te, _ = bt.split()
    assert (len(X_tr), len(X_te)) == (1348, 449)


def test_initial_loss_near_log_k_and_far_above_it_with_large_weights(nb):
    """Section 3: He within a few tenths of log 10 and a little above; weights x10 far above."""
    params = nb["init_params"]([64, 100, 100, 10], 1)
    loss, _ = nb["softmax_cross_entropy"](nb["model_forward"](params, nb["X_train"])[0], nb["y_train"])
    assert np.log(10) < loss < np.log(10) + 0.4
    big = [{"W": 10 * p["W"], "b": p["b"]} for p in params]
    loss_big, _ = nb["softmax_cross_entropy"](nb["model_forward"](big, nb["X_train"])[0], nb["y_train"])
    assert loss_big > 50 * np.log(10)


def test_whole_model_gradient_check_agrees_to_about_1e_7(nb):
    """Section 4: the relative error per layer is about 1e-7 or smaller, at most 1e-6."""
    from nncourse.gradcheck import rel_error

    params = nb["init_params"]([64, 12, 12, 12, 10], 2)
    X, y = nb["X_train"][:5], nb["y_train"][:5]
    scores, caches = nb["model_forward"](params, X)
    _, dscores = nb["softmax_cross_entropy"](scores, y)
    exact = nb["model_backward"](dscores, caches, params)
    approx = nb["numerical_grads"](params, X, y)
    errors = [rel_error(e[k], a[k]) for e, a in zip(exact, approx) for k in ("W", "b")]
    assert max(errors) < 1e-6
    assert np.median(errors) < 1e-7


def test_twenty_examples_are_memorised_long_before_the_end(nb):
    """Section 6: the loss starts near log 10, falls, and all 20 are right well before step 150."""
    X, y = nb["X_train"][:20], nb["y_train"][:20]
    params = nb["init_params"]([64, 100, 100, 10], 3)
    accs = []
    history = nb["train"](params, X, y, np.random.default_rng(3), epochs=150, batch_size=20, lr=1e-2,
                          on_step=lambda before, after: accs.append(nb["accuracy_of"](after, X, y)))
    assert abs(history["loss"][0] - np.log(10)) < 0.5
    assert history["loss"][-1] < 1e-3 and accs[-1] == 1.0
    assert accs.index(1.0) < 75


def test_reference_overfit_reaches_100_percent(nb):
    """Section 6, "what you should see": the library's network memorises the same 20 examples."""
    from nncourse import diagnostics
    from nncourse.optim import Adam

    model = diagnostics.build_mlp([64, 100, 100, 10], np.random.default_rng(3))
    acc, history = diagnostics.overfit_subset(model, Adam(lr=1e-2), nb["X_train"], nb["y_train"], n=20, epochs=150)
    assert acc == 1.0 and history.train_loss[-1] < 1e-2 * history.train_loss[0]


def _check_layer_health(small, large):
    """Shared claims of section 7 for (ratios, dead) at lr 1e-3 and 3e-2."""
    (r_small, d_small), (r_large, d_large) = small, large
    # lr = 1e-3: starts near 2e-3, settles near 1e-3, inside the band 1e-4 .. 1e-2
    assert np.all((r_small[5:] > 1e-4) & (r_small[5:] < 1e-2))
    assert 1e-3 < np.median(r_small[:20]) < 4e-3
    assert 5e-4 < np.median(r_small[-50:]) < 2e-3
    # only a minority of units dies: at most about a quarter of a layer
    assert d_small.max() <= 0.3
    # lr = 3e-2: more than ten times larger early on, a few times 1e-2
    assert np.median(r_large[:20]) > 10 * np.median(r_small[:20])
    assert 1e-2 < np.median(r_large[:20]) < 1e-1
    # between a third and two thirds of each hidden layer ends up dead
    assert np.all((d_large[-1] >= 0.3) & (d_large[-1] <= 0.7))
    assert d_large[-1].mean() > d_small[-1].mean() + 0.2


def test_layer_health_with_the_students_loop(nb):
    """Section 7 picture: the solution's train, update_ratios and dead_fraction."""
    _check_layer_health(nb["layer_health"](1e-3), nb["layer_health"](3e-2))


def test_layer_health_reference(nb):
    """Section 7, "what you should see": the library's trace_training, same settings."""
    traces = [nb["reference_layer_health"](lr) for lr in (1e-3, 3e-2)]
    assert traces[0].ratios.shape[0] == 5 * 34          # five epochs of 34 minibatches: 170 steps
    _check_layer_health(*[(t.ratios, t.dead) for t in traces])


def test_widget_default_run_keeps_ratios_in_the_band(nb):
    """The explorer's default (4 x 64 units, lr 1e-3, 60 steps): ratios in the grey band."""
    from nncourse import diagnostics
    from nncourse.optim import Adam

    rng = np.random.default_rng(5)
    model = diagnostics.build_mlp([64] + [64] * 4 + [10], rng)
    trace = diagnostics.trace_training(model, Adam(lr=1e-3), nb["X_train"], nb["y_train"], steps=60,
                                       batch_size=32, rng=rng, X_probe=nb["X_train"][:300])
    assert np.all((trace.ratios > 1e-4) & (trace.ratios < 1e-2))
    rng = np.random.default_rng(5)
    model = diagnostics.build_mlp([64] + [64] * 4 + [10], rng)
    trace_big = diagnostics.trace_training(model, Adam(lr=10 ** -1.0), nb["X_train"], nb["y_train"], steps=60,
                                           batch_size=32, rng=rng, X_probe=nb["X_train"][:300])
    assert trace_big.dead[-1].mean() > trace.dead[-1].mean() + 0.3    # "how many units survive?"


@pytest.mark.slow
def test_final_report_is_on_a_par_with_scikit_learn(nb):
    """Section 9: test accuracies of build_and_train and MLPClassifier within one percentage point."""
    from sklearn.neural_network import MLPClassifier

    model = nb["build_and_train"](nb["X_train"], nb["y_train"], 6)
    ours = np.mean(nb["predict"](model, nb["X_test"]) == nb["y_test"])
    mlp = MLPClassifier(hidden_layer_sizes=(100,), max_iter=300, random_state=6).fit(nb["X_train"], nb["y_train"])
    theirs = mlp.score(nb["X_test"], nb["y_test"])
    assert ours >= 0.97 and theirs >= 0.97           # "both near 98%"
    assert abs(ours - theirs) <= 0.01 + 1e-12
