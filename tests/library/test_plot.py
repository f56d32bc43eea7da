"""Plots: each function draws into the given Axes, returns it, and rejects wrong shapes."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nncourse import plot as P  # noqa: E402
from nncourse.data import make_blobs  # noqa: E402
from nncourse.train import History  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.mark.parametrize("kind", ["labels", "scores", "probabilities", "logits"])
def test_decision_boundary_accepts_each_output_kind(kind):
    """Do labels, (M, K) scores, probabilities and logits all give a filled plot on the given Axes?"""
    X, y = make_blobs(30, np.random.default_rng(0))
    w = np.array([1.0, 1.0])
    predict = {
        "labels": lambda G: (G @ w > 0).astype(int),
        "scores": lambda G: np.column_stack([-(G @ w), G @ w]),
        "probabilities": lambda G: 1 / (1 + np.exp(-(G @ w))),
        "logits": lambda G: (G @ w)[:, None],
    }[kind]
    fig, ax = plt.subplots()
    assert P.decision_boundary(predict, X, y, ax=ax, resolution=30) is ax
    assert len(ax.collections) >= 2  # contour regions and the scatter


def test_loss_curves_from_history_and_dict():
    """Are training and validation curves drawn, with the best epoch marked?"""
    h = History(train_loss=[3.0, 2.0, 1.5], val_loss=[3.1, 2.5, 2.6], best_epoch=1)
    ax = P.loss_curves(h)
    assert len(ax.lines) == 3
    ax2 = P.loss_curves({"train_loss": [1.0, 0.5]}, log=True)
    assert len(ax2.lines) == 1 and ax2.get_yscale() == "log"


def test_optimizer_paths_vectorised_and_pointwise():
    """Are paths drawn over contours of f, whether or not f accepts a grid stack?"""
    paths = {"sgd": np.array([[1.0, 1.0], [0.5, 0.2], [0.1, 0.0]]), "adam": [[1.0, 1.0], [0.0, 0.0]]}
    ax = P.optimizer_paths(lambda t: t[0] ** 2 + 3 * t[1] ** 2, paths, resolution=20)
    assert len(ax.lines) == 2
    ax2 = P.optimizer_paths(lambda t: float(np.dot(t, t)) + 1, [np.zeros((1, 2))], resolution=10)
    assert len(ax2.lines) == 1


def test_weights_as_images_tiles_every_unit():
    """Are all columns placed into one image, with NaN gaps between tiles?"""
    W = np.random.default_rng(0).normal(size=(64, 10))
    ax = P.weights_as_images(W, (8, 8))
    img = ax.images[0].get_array()
    assert img.shape == (3 * 9 - 1, 4 * 9 - 1)  # 4 columns x 3 rows of 8x8 tiles with 1-pixel gaps


def test_plot_errors():
    """Do wrong shapes and types get clear messages?"""
    with pytest.raises(ValueError, match=r"decision_boundary: X has shape \(5, 3\), expected \(N, 2\)"):
        P.decision_boundary(lambda G: G[:, 0], np.zeros((5, 3)), np.zeros(5, int))
    with pytest.raises(ValueError, match=r"weights_as_images: W has shape \(10, 4\), expected \(64, units\)"):
        P.weights_as_images(np.zeros((10, 4)), (8, 8))
    with pytest.raises(ValueError, match=r"optimizer_paths: paths\['a'\] has shape \(3, 3\), expected \(T, 2\)"):
        P.optimizer_paths(lambda t: 0.0, {"a": np.zeros((3, 3))})
    with pytest.raises(TypeError, match=r"loss_curves: history must be a History or a dict"):
        P.loss_curves([1, 2, 3])
