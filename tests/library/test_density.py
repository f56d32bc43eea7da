"""Tests for nncourse.density: Gaussian and mixture-density outputs, their gradients and data."""

import numpy as np
import pytest

from nncourse.density import (
    LOG_2PI,
    gaussian_nll,
    gaussian_output_nll,
    load_diabetes_bmi,
    make_inverse_sine,
    mdn_density,
    mdn_log_components,
    mdn_loss,
    mdn_mean,
    mdn_nll,
    mdn_params,
    mdn_sample,
    mdn_split,
    positive_scale,
    squared_error,
)


def central_differences(f, x, h=1e-6):
    """Two-sided finite differences of the scalar f at float64 x, entry by entry."""
    x = np.array(x, dtype=np.float64)
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        fp = f(x.copy())
        x[i] = old - h
        fm = f(x.copy())
        x[i] = old
        g[i] = (fp - fm) / (2 * h)
    return g


def close(a, b, rtol=1e-6, atol=1e-8):
    return np.allclose(a, b, rtol=rtol, atol=atol)


# --------------------------------------------------------------------------- Gaussian

def test_gaussian_nll_value_matches_the_log_density():
    mu = np.array([[0.5, -1.0], [2.0, 0.0], [0.0, 3.0]])
    s = np.array([[0.0, 1.0], [-2.0, 0.3], [1.5, -0.7]])
    t = np.array([[1.0, 0.0], [2.5, -1.0], [0.2, 2.0]])
    sigma = np.exp(0.5 * s)
    density = np.exp(-0.5 * ((t - mu) / sigma) ** 2) / (np.sqrt(2 * np.pi) * sigma)
    loss, _, _ = gaussian_nll(mu, s, t)
    assert loss == pytest.approx(-np.log(density).sum() / 3, rel=1e-12)


@pytest.mark.parametrize("seed", range(3))
def test_gaussian_nll_gradients_match_finite_differences(seed):
    rng = np.random.default_rng(seed)
    mu, s, t = rng.normal(size=(5, 2)), rng.normal(size=(5, 2)), rng.normal(size=(5, 2))
    _, dmu, ds = gaussian_nll(mu, s, t)
    assert close(dmu, central_differences(lambda m: gaussian_nll(m, s, t)[0], mu))
    assert close(ds, central_differences(lambda v: gaussian_nll(mu, v, t)[0], s))


def test_gaussian_nll_stays_finite_at_extreme_log_variances():
    mu = np.array([[0.0], [1.0], [3.0], [2.0]])
    s = np.array([[800.0], [-800.0], [1000.0], [-40.0]])
    t = np.array([[1.0], [1.0], [-1e6], [2.0 + 1e-3]])
    loss, dmu, ds = gaussian_nll(mu, s, t)
    assert np.isfinite(loss) and np.all(np.isfinite(dmu)) and np.all(np.isfinite(ds))
    # s = 800: the variance is astronomically large, the squared term vanishes: loss = ½(log 2π + 800)
    assert ds[0, 0] == pytest.approx(0.5 / 4) and dmu[0, 0] == 0.0
    # residual exactly 0 at s = -800: no 0 * inf
    assert ds[1, 0] == pytest.approx(0.5 / 4) and dmu[1, 0] == 0.0
    expected = 0.5 * (4 * LOG_2PI + 800 - 800 + 1000 + (1e6 + 3.0) ** 2 * np.exp(-1000.0) - 40 + 1e-6 * np.exp(40.0))
    assert loss == pytest.approx(expected / 4, rel=1e-9)


def test_gaussian_nll_is_minimised_by_the_mean_squared_residual():
    r = np.array([0.3, -1.2, 2.0, 0.1])
    grid = np.linspace(-3, 3, 6001)
    losses = [gaussian_nll(np.zeros(4), np.full(4, v), r)[0] for v in grid]
    assert grid[int(np.argmin(losses))] == pytest.approx(np.log(np.mean(r ** 2)), abs=1e-3)


def test_squared_error_is_the_fixed_variance_special_case():
    rng = np.random.default_rng(1)
    y, t = rng.normal(size=(6, 3)), rng.normal(size=(6, 3))
    loss, grad = squared_error(y, t)
    assert loss == pytest.approx(np.sum((y - t) ** 2) / 6)
    assert close(grad, central_differences(lambda v: squared_error(v, t)[0], y))
    nll, dmu, _ = gaussian_nll(y, np.full_like(y, np.log(0.5)), t)
    assert nll - 3 * 0.5 * np.log(np.pi) == pytest.approx(loss, rel=1e-12)
    assert close(dmu, grad)


def test_gaussian_output_nll_concatenates_the_two_gradients():
    rng = np.random.default_rng(2)
    out, t = rng.normal(size=(4, 2)), rng.normal(size=4)
    loss, grad = gaussian_output_nll(out, t)
    assert grad.shape == (4, 2)
    assert close(grad, central_differences(lambda o: gaussian_output_nll(o, t)[0], out))
    assert loss == pytest.approx(gaussian_nll(out[:, :1], out[:, 1:], t[:, None])[0])


@pytest.mark.parametrize("call, words", [
    (lambda: gaussian_nll(np.zeros((3, 1)), np.zeros((3, 2)), np.zeros((3, 1))), "log_var has shape (3, 2)"),
    (lambda: gaussian_nll(np.zeros((3, 1)), np.zeros((3, 1)), np.zeros(3)), "t has shape (3,)"),
    (lambda: gaussian_nll(np.zeros((0, 1)), np.zeros((0, 1)), np.zeros((0, 1))), "empty batch"),
    (lambda: gaussian_output_nll(np.zeros((3, 3)), np.zeros(3)), "even number of columns"),
    (lambda: squared_error(np.zeros((3, 1)), np.zeros((1, 3))), "must match"),
])
def test_bad_shapes_are_named(call, words):
    with pytest.raises(ValueError) as info:
        call()
    assert words in str(info.value)


# --------------------------------------------------------------------------- MDN

def random_mdn(rng, n=6, k=3):
    return rng.normal(size=(n, 3 * k)), rng.normal(size=n)


def reference_log_likelihood(raw, t, k, scale):
    """log p(t | x) by the textbook formula (unstable, fine for moderate inputs)."""
    z, m, a = raw[:, :k], raw[:, k:2 * k], raw[:, 2 * k:]
    pi = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    sigma = np.exp(a) if scale == "exp" else np.log1p(np.exp(a))
    dens = np.exp(-0.5 * ((t[:, None] - m) / sigma) ** 2) / (np.sqrt(2 * np.pi) * sigma)
    return np.log((pi * dens).sum(axis=1))


@pytest.mark.parametrize("scale", ["exp", "softplus"])
def test_mdn_params_are_a_valid_mixture(scale):
    rng = np.random.default_rng(3)
    raw, _ = random_mdn(rng)
    raw[0, :3] = [1000.0, -1000.0, 999.0]
    pi, mu, sigma = mdn_params(raw, 3, scale)
    assert np.all(pi >= 0) and close(pi.sum(axis=1), 1.0)
    assert pi[0] == pytest.approx([1 / (1 + np.exp(-1.0)), 0.0, 1 / (1 + np.e)])
    assert np.all(sigma > 0) and close(mu, raw[:, 3:6])
    assert close(sigma, positive_scale(raw[:, 6:], scale))


@pytest.mark.parametrize("scale", ["exp", "softplus"])
def test_mdn_loss_value_matches_the_textbook_formula(scale):
    rng = np.random.default_rng(4)
    raw, t = random_mdn(rng)
    assert mdn_nll(raw, t, 3, scale) == pytest.approx(-reference_log_likelihood(raw, t, 3, scale).mean(), rel=1e-12)


@pytest.mark.parametrize("scale", ["exp", "softplus"])
@pytest.mark.parametrize("seed", range(3))
def test_mdn_gradient_matches_finite_differences(scale, seed):
    rng = np.random.default_rng(seed)
    raw, t = random_mdn(rng, n=int(rng.integers(1, 7)), k=int(rng.integers(1, 5)))
    k = raw.shape[1] // 3
    _, grad = mdn_loss(raw, t, k, scale)
    assert close(grad, central_differences(lambda r: mdn_nll(r, t, k, scale), raw), rtol=1e-5, atol=1e-8)


def test_mdn_with_one_component_is_the_gaussian_nll():
    rng = np.random.default_rng(5)
    raw, t = random_mdn(rng, k=1)
    loss, grad = mdn_loss(raw, t, 1)
    g_loss, dmu, ds = gaussian_nll(raw[:, 1:2], 2 * raw[:, 2:3], t[:, None])
    assert loss == pytest.approx(g_loss)
    assert close(grad[:, 0], 0.0) and close(grad[:, 1:2], dmu) and close(grad[:, 2:3], 2 * ds)


def test_mdn_loss_is_stable_where_the_textbook_formula_fails():
    rng = np.random.default_rng(6)
    raw, t = random_mdn(rng)
    raw[:, :3] *= 1000.0                      # logits of size 1000: exp overflows
    t = t + 200.0                             # targets hundreds of sigmas from every mean: N(t) underflows
    with np.errstate(all="ignore"):
        naive = -reference_log_likelihood(raw, t, 3, "exp").mean()
    assert not np.isfinite(naive)
    loss, grad = mdn_loss(raw, t, 3)
    assert np.isfinite(loss) and np.all(np.isfinite(grad))
    # the stable loss still has the right value: compare with an exact shift of the formula
    comp = mdn_log_components(raw, t, 3)
    m = comp.max(axis=1, keepdims=True)
    assert loss == pytest.approx(-np.mean(m[:, 0] + np.log(np.exp(comp - m).sum(axis=1))))
    assert close(grad, central_differences(lambda r: mdn_nll(r, t, 3), raw, h=1e-5), rtol=1e-4, atol=1e-6)


def test_mdn_softplus_scale_stays_finite_for_very_negative_raw_scales():
    raw = np.array([[0.0, 0.0, 0.5, -0.5, -800.0, 3.0]])
    loss, grad = mdn_loss(raw, [0.5], 2, "softplus")
    assert np.isfinite(loss) and np.all(np.isfinite(grad))


def test_mdn_density_integrates_to_one_and_matches_the_likelihood():
    rng = np.random.default_rng(7)
    raw, t = random_mdn(rng, n=4)
    raw[:, 6:] = np.log(rng.uniform(0.2, 0.6, size=(4, 3)))
    grid = np.linspace(-12, 12, 24001)
    dens = mdn_density(raw, grid, 3)
    assert dens.shape == (4, grid.size)
    assert close(np.trapezoid(dens, grid, axis=1), 1.0, rtol=1e-6)
    at_t = np.array([mdn_density(raw[i:i + 1], t[i:i + 1], 3)[0, 0] for i in range(4)])
    assert close(np.log(at_t), reference_log_likelihood(raw, t, 3, "exp"))


def test_mdn_sample_follows_the_mixture():
    raw = np.array([[np.log(0.25), np.log(0.75), -2.0, 3.0, np.log(0.1), np.log(0.5)]])
    samples = mdn_sample(raw, 2, np.random.default_rng(8), n_samples=40000)
    assert samples.shape == (1, 40000)
    assert np.mean(samples < 0.5) == pytest.approx(0.25, abs=0.01)
    assert samples.mean() == pytest.approx(mdn_mean(raw, 2)[0], abs=0.02)
    assert mdn_mean(raw, 2)[0] == pytest.approx(0.25 * -2 + 0.75 * 3)


@pytest.mark.parametrize("call, words", [
    (lambda: mdn_split(np.zeros((2, 7)), 2), "(N, 6) = (N, 3K)"),
    (lambda: mdn_loss(np.zeros((2, 6)), np.zeros((2, 2)), 2), "one scalar target per row"),
    (lambda: mdn_params(np.zeros((2, 6)), 2, scale="abs"), "scale must be one of"),
    (lambda: mdn_split(np.zeros((0, 6)), 2), "empty batch"),
])
def test_mdn_bad_input_is_named(call, words):
    with pytest.raises(ValueError) as info:
        call()
    assert words in str(info.value)


# --------------------------------------------------------------------------- data

def test_diabetes_bmi_is_bundled_and_heteroscedastic():
    X, y = load_diabetes_bmi()
    assert X.shape == (442, 1) and y.shape == (442, 1)
    assert 15 < X.min() < X.max() < 45 and 20 < y.min() < y.max() < 400
    x = X[:, 0]
    A = np.c_[x, np.ones_like(x)]
    r = y[:, 0] - A @ np.linalg.lstsq(A, y[:, 0], rcond=None)[0]
    low, high = np.quantile(x, [1 / 3, 2 / 3])
    assert r[x > high].std() > 1.25 * r[x <= low].std()


def test_inverse_sine_has_several_targets_for_one_input():
    X, y = make_inverse_sine(2000, np.random.default_rng(0))
    assert X.shape == y.shape == (2000, 1)
    near = np.abs(X[:, 0] - 0.5) < 0.02
    ys = np.sort(y[near, 0])
    gaps = np.diff(ys)
    assert np.sum(gaps > 0.1) >= 2                       # at least three separate branches
    X2, _ = make_inverse_sine(2000, np.random.default_rng(0))
    assert np.array_equal(X, X2)
    with pytest.raises(ValueError):
        make_inverse_sine(10, np.random.default_rng(0), noise=-1)


def test_docstring_examples_run_and_public_names_are_documented():
    import doctest
    import inspect

    import nncourse.density as module

    assert doctest.testmod(module, extraglobs={"np": np}, optionflags=doctest.NORMALIZE_WHITESPACE).failed == 0
    for name in module.__all__:
        obj = getattr(module, name)
        assert not callable(obj) or inspect.getdoc(obj), name
