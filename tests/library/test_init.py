"""Initialisers: shapes, variances, reproducibility, validation."""

import numpy as np
import pytest

from nncourse import init


@pytest.mark.parametrize("distribution", ["uniform", "normal"])
def test_xavier_variance(distribution):
    """Is Var(W) = 2 / (fan_in + fan_out) for both distributions?"""
    W = init.xavier(300, 500, np.random.default_rng(0), distribution=distribution)
    assert W.shape == (300, 500) and W.dtype == np.float64
    assert np.isclose(W.var(), 2 / 800, rtol=0.03)


def test_xavier_uniform_bound():
    """Does uniform Xavier stay within sqrt(6 / (fan_in + fan_out))?"""
    W = init.xavier(10, 20, np.random.default_rng(0))
    assert np.abs(W).max() <= np.sqrt(6 / 30)


@pytest.mark.parametrize("distribution", ["normal", "uniform"])
def test_he_variance(distribution):
    """Is Var(W) = 2 / fan_in?"""
    W = init.he(400, 300, np.random.default_rng(1), distribution=distribution)
    assert np.isclose(W.var(), 2 / 400, rtol=0.03)


def test_normal_scale_and_reproducibility():
    """Is the std the given scale, and does the same seed give the same weights?"""
    W = init.normal(200, 200, np.random.default_rng(2), scale=0.5)
    assert np.isclose(W.std(), 0.5, rtol=0.02)
    assert np.array_equal(init.normal(3, 4, np.random.default_rng(9)), init.normal(3, 4, np.random.default_rng(9)))


def test_init_errors():
    """Are a seed instead of a generator, bad fans and an unknown distribution rejected clearly?"""
    with pytest.raises(TypeError, match=r"he: rng must be a numpy.random.Generator, got int; pass "
                                        r"np.random.default_rng\(0\)"):
        init.he(2, 3, 0)
    with pytest.raises(ValueError, match=r"xavier: fan_in must be >= 1, got 0"):
        init.xavier(0, 3, np.random.default_rng(0))
    with pytest.raises(TypeError, match=r"xavier: fan_out must be an integer, got float 3.0"):
        init.xavier(2, 3.0, np.random.default_rng(0))
    with pytest.raises(ValueError, match=r"he: distribution must be one of \('uniform', 'normal'\), got 'gaussian'"):
        init.he(2, 3, np.random.default_rng(0), distribution="gaussian")
    with pytest.raises(ValueError, match=r"normal: scale must be a positive number, got -1"):
        init.normal(2, 3, np.random.default_rng(0), scale=-1)
