"""Claims of lesson 10-regression, checked by running the lesson's own functions with its seeds.

Each test names the sentence of ``solutions/10-regression/10-regression.ipynb`` it backs.  The
notebook's top-level definitions are executed as grading would (imports, functions, classes,
assignments), and its figures' functions are called with the reference implementations of
``nncourse.density``, the same ones the "what you should see" pictures use.
"""

from __future__ import annotations

import os

import nbformat
import numpy as np
import pytest

from nncourse import density as ref

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(REPO, "solutions", "10-regression", "10-regression.ipynb")


@pytest.fixture(scope="module")
def nb(solution_namespace):
    """The solution notebook's top-level definitions, loaded as grading loads them."""
    return solution_namespace("10-regression")


def prose(nb_path=SOURCE) -> str:
    return "\n".join(c.source for c in nbformat.read(nb_path, as_version=4).cells if c.cell_type == "markdown")


def mdn_grad(raw, t, k):
    return ref.mdn_loss(raw, t, k)[1]


def peaks(density, grid, floor=0.05):
    """Local maxima of a sampled density that reach ``floor`` times its maximum."""
    d = density
    return [grid[i] for i in range(1, len(d) - 1) if d[i] > d[i - 1] and d[i] >= d[i + 1] and d[i] > floor * d.max()]


# --------------------------------------------------------------------------- cheap claims

def test_log_of_exp_overflows_near_710():
    """'np.log(np.exp(log_var)) overflows for s around 710 and above'"""
    with np.errstate(over="ignore"):
        assert np.isfinite(np.exp(709.0)) and np.exp(710.0) == np.inf


def test_gaussian_density_underflows_at_about_39_standard_deviations():
    """'each N(t; mu_k, sigma_k^2) underflows to 0 (already at about 39 standard deviations)'"""
    with np.errstate(under="ignore"):
        assert np.exp(-0.5 * 38.0 ** 2) > 0 and np.exp(-0.5 * 39.0 ** 2) == 0.0


def test_naive_mixture_loss_breaks_where_log_sum_exp_does_not(nb):
    """The demo cell: inf for the far target and nan for logits of 1000, finite with log-sum-exp."""
    far, big = nb["far"], np.array([[1000.0, 990.0, 0.0, 1.0, 0.0, 0.0]])
    with np.errstate(all="ignore"):
        assert nb["naive_mdn_nll"](far, np.array([[2.0]]), 2) == np.inf
        assert np.isnan(nb["naive_mdn_nll"](big, np.array([[0.5]]), 2))
    assert np.isfinite(ref.mdn_nll(far, np.array([[2.0]]), 2))
    assert np.isfinite(ref.mdn_nll(big, np.array([[0.5]]), 2))
    # the far target is 50 standard deviations from the nearer mean, as the prose says
    assert (2.0 - far[0, 3]) / np.exp(far[0, 5]) == pytest.approx(50.0)


def test_mse_is_the_gaussian_nll_at_variance_one_half():
    """'sigma^2 = 1/2 gives the plain squared error' (up to the constant 1/2 log pi)."""
    rng = np.random.default_rng(0)
    y, t = rng.normal(size=(5, 1)), rng.normal(size=(5, 1))
    nll, _, _ = ref.gaussian_nll(y, np.full_like(y, np.log(0.5)), t)
    assert nll - 0.5 * np.log(np.pi) == pytest.approx(ref.squared_error(y, t)[0])


def test_the_solutions_agree_with_the_library(nb):
    """The notebook's solutions compute what the reference library computes."""
    rng = np.random.default_rng(1)
    y, t = rng.normal(size=(4, 2)), rng.normal(size=(4, 2))
    loss, grad = nb["mse_loss_grad"](y, t)
    assert loss == pytest.approx(ref.squared_error(y, t)[0]) and np.allclose(grad, ref.squared_error(y, t)[1])
    s = rng.normal(size=(4, 2))
    for got, exp in zip(nb["gaussian_nll"](y, s, t), ref.gaussian_nll(y, s, t)):
        assert np.allclose(got, exp)
    raw, tt = rng.normal(size=(5, 9)), rng.normal(size=(5, 1))
    for got, exp in zip(nb["mdn_params"](raw, 3), ref.mdn_params(raw, 3)):
        assert np.allclose(got, exp)
    assert nb["mdn_nll"](raw, tt, 3) == pytest.approx(ref.mdn_nll(raw, tt, 3))
    assert np.allclose(nb["mdn_nll_grad"](raw, tt, 3), mdn_grad(raw, tt, 3))
    r = rng.normal(size=20)
    grid = np.linspace(-5, 5, 100001)
    assert nb["best_log_variance"](r) == pytest.approx(
        grid[np.argmin([ref.gaussian_nll(np.zeros(20), np.full(20, v), r)[0] for v in grid[::100]]) * 100], abs=0.02)


def test_three_values_fit_near_x_one_half(nb):
    """'For x near 0.5 three values of t fit.'"""
    X, t = nb["X_inv"], nb["t_inv"]
    ys = np.sort(t[np.abs(X[:, 0] - 0.5) < 0.02, 0])
    assert np.sum(np.diff(ys) > 0.1) == 2


def test_diabetes_is_bundled_and_california_housing_is_not():
    """'scikit-learn also knows the California housing set, but that one is downloaded on first use'"""
    from sklearn.datasets import fetch_california_housing

    X, y = ref.load_diabetes_bmi()
    assert X.shape == (442, 1)
    with pytest.raises(OSError):
        fetch_california_housing(download_if_missing=False, data_home=os.path.join(REPO, "build", "no-sklearn-data"))


# --------------------------------------------------------------------------- claims that need training

@pytest.fixture(scope="module")
def diabetes(nb):
    mse_model, gauss_model = nb["fit_diabetes"](ref.squared_error, ref.gaussian_nll)
    return nb, mse_model, gauss_model


@pytest.mark.slow
def test_diabetes_means_coincide_and_sigma_grows_with_bmi(diabetes):
    """'The two mean curves nearly coincide' and 'the predicted sigma at the lowest BMI is about half of
    its value at a BMI of 28 and above'."""
    nb, mse_model, gauss_model = diabetes
    predict = nb["predict"]
    bmi = np.linspace(nb["X_dia"].min(), nb["X_dia"].max(), 200)
    grid = ((bmi - nb["X_MEAN"]) / nb["X_STD"])[:, None]
    out = predict(gauss_model, grid)
    gap = np.abs(out[:, 0] - predict(mse_model, grid)[:, 0]) * nb["Y_STD"]
    assert gap.max() < 0.1 * nb["Y_STD"]                       # under a tenth of the targets' spread
    sigma = np.exp(0.5 * out[:, 1]) * nb["Y_STD"]
    high = sigma[bmi >= 28]
    assert 0.4 < sigma[0] / high.min() and sigma[0] / high.max() < 0.6
    assert sigma[0] == sigma.min()


@pytest.fixture(scope="module")
def inverse(nb):
    return nb["fit_inverse_mse"](ref.squared_error), nb["fit_mdn"](ref.mdn_nll, mdn_grad)


@pytest.mark.slow
def test_mse_prediction_is_far_from_every_target_at_04_and_06(nb, inverse):
    """'At x = 0.4 and at x = 0.6 no training point near that x has a target within 0.1 of its prediction.
    (At x = 0.5 the average happens to fall on the middle branch.)'"""
    mse_model, _ = inverse
    X, t = nb["X_inv"], nb["t_inv"]
    for x0 in (0.4, 0.6):
        pred = nb["predict"](mse_model, np.array([[x0]]))[0, 0]
        near = t[np.abs(X[:, 0] - x0) < 0.01, 0]
        assert near.size > 20 and np.min(np.abs(near - pred)) > 0.1
        assert near.min() < pred < near.max()                  # a compromise between the branches
    pred = nb["predict"](mse_model, np.array([[0.5]]))[0, 0]
    assert np.min(np.abs(t[np.abs(X[:, 0] - 0.5) < 0.01, 0] - pred)) < 0.05


@pytest.mark.slow
def test_mdn_density_has_the_branches_and_mse_runs_through_the_gap(nb, inverse):
    """'one bright band where the inverse has one value, three at x = 0.5 ... At x = 0.4 and 0.6 the MSE
    curve runs through the dark gap between the branches.'"""
    mse_model, mdn_model = inverse
    predict, T, k = nb["predict"], nb["T_GRID"], nb["K_MDN"]
    for x0, n_peaks in ((0.1, 1), (0.5, 3), (0.9, 1)):
        dens = ref.mdn_density(predict(mdn_model, np.array([[x0]])), T, k)[0]
        assert len(peaks(dens, T)) == n_peaks, (x0, peaks(dens, T))
    dens = ref.mdn_density(predict(mdn_model, np.array([[0.5]])), T, k)[0]
    for centre, found in zip((0.2, 0.5, 0.8), peaks(dens, T)):
        assert abs(found - centre) < 0.05
    for x0 in (0.4, 0.6):
        dens = ref.mdn_density(predict(mdn_model, np.array([[x0]])), T, k)[0]
        at_mse = np.interp(predict(mse_model, np.array([[x0]]))[0, 0], T, dens)
        assert at_mse < 0.05 * dens.max()


@pytest.mark.slow
def test_widget_claims_for_one_two_and_five_components(nb, inverse):
    """K = 1: 'its mean follows the MSE curve, and its sigma (about 0.2 everywhere) is wide enough to cover
    the branches'; K = 2: 'the slice has two peaks, not three'; K = 5: 'still has three peaks; the spare
    components get small weights or share a branch'."""
    mse_model, _ = inverse
    predict, T = nb["predict"], nb["T_GRID"]
    one = nb["reference_mdn"](1)
    xx = np.linspace(0.1, 0.9, 41)[:, None]
    raw = predict(one, xx)
    assert np.max(np.abs(ref.mdn_mean(raw, 1) - predict(mse_model, xx)[:, 0])) < 0.05
    sigma = ref.mdn_params(raw, 1)[2]
    assert np.all((sigma > 0.15) & (sigma < 0.3))
    two = ref.mdn_density(predict(nb["reference_mdn"](2), np.array([[0.5]])), T, 2)[0]
    assert len(peaks(two, T)) == 2
    raw5 = predict(nb["reference_mdn"](5), np.array([[0.5]]))
    assert len(peaks(ref.mdn_density(raw5, T, 5)[0], T)) == 3
    pi, mu, _ = ref.mdn_params(raw5, 5)
    assert pi.min() < 0.05


def test_prose_states_the_synthetic_data_as_synthetic():
    text = prose()
    assert "synthetic" in text and "made up for this lesson" in text
    assert "nothing is downloaded" in text
