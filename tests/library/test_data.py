"""Data sets: shapes, dtypes, reproducibility, the properties each one promises."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nncourse import data as D


def rng(seed=0):
    return np.random.default_rng(seed)


GENERATORS = {
    "xor": lambda r: D.make_xor(8, noise=0.1, rng=r),
    "blobs": lambda r: D.make_blobs(50, r),
    "blobs3": lambda r: D.make_blobs(51, r, n_classes=3),
    "moons": lambda r: D.make_moons(41, r, noise=0.1),
    "spirals": lambda r: D.make_spirals(20, 3, r),
    "star_quasar": lambda r: D.make_star_quasar(100, r),
}


@pytest.mark.parametrize("name", GENERATORS)
def test_generators_shapes_dtypes_and_seeds(name):
    """Is X float64 (N, 2) and y int (N,), the same for the same seed and different for another?"""
    X, y = GENERATORS[name](rng(0))
    assert X.dtype == np.float64 and X.ndim == 2 and X.shape[1] == 2
    assert np.issubdtype(y.dtype, np.integer) and y.shape == (X.shape[0],)
    X2, y2 = GENERATORS[name](rng(0))
    assert np.array_equal(X, X2) and np.array_equal(y, y2)
    X3, _ = GENERATORS[name](rng(1))
    assert not np.array_equal(X, X3)


def test_xor_truth_table():
    """Does make_xor() give exactly the four corners with y = x1 XOR x2, without needing an rng?"""
    X, y = D.make_xor()
    assert np.array_equal(X, [[0, 0], [0, 1], [1, 0], [1, 1]])
    assert np.array_equal(y, [0, 1, 1, 0])
    with pytest.raises(TypeError, match=r"make_xor: rng must be a numpy.random.Generator, got NoneType"):
        D.make_xor(8, noise=0.1)


def linearly_separable(X, y):
    """A nearly hard-margin linear SVM reaches 100% training accuracy on separable data."""
    from sklearn.svm import LinearSVC

    return LinearSVC(C=1e4, max_iter=100_000).fit(X, y).score(X, y) == 1.0


@pytest.mark.parametrize("n_classes", [2, 3])
def test_blobs_are_linearly_separable(n_classes):
    """Does a (nearly) hard-margin linear classifier fit the blobs perfectly, even with wide blobs?"""
    X, y = D.make_blobs(200, rng(3), n_classes=n_classes, std=1.5)
    assert np.bincount(y).min() >= 200 // n_classes
    assert linearly_separable(X, y)


def test_moons_and_spirals_are_not_linearly_separable():
    """Is a linear classifier clearly imperfect on moons and spirals?"""
    from sklearn.linear_model import LogisticRegression

    for X, y in (D.make_moons(200, rng(0), noise=0.05), D.make_spirals(100, 3, rng(0))):
        assert LogisticRegression(max_iter=1000).fit(X, y).score(X, y) < 0.95


def test_star_quasar_roughly_linear():
    """Does logistic regression separate stars from quasars well but, with some overlap, not perfectly?"""
    from sklearn.linear_model import LogisticRegression

    X, y = D.make_star_quasar(2000, rng(0))
    assert 0.4 < y.mean() < 0.6
    score = LogisticRegression().fit(X, y).score(X, y)
    assert 0.9 < score < 1.0
    assert X[y == 1, 0].mean() < X[y == 0, 0].mean()  # quasars: UV excess, small u - g


def test_load_digits_scaled():
    """Are the bundled digits (1797, 64) in [0, 1] with labels 0..9?"""
    X, y = D.load_digits()
    assert X.shape == (1797, 64) and X.dtype == np.float64
    assert X.min() == 0.0 and X.max() == 1.0
    assert set(np.unique(y)) == set(range(10))


@pytest.mark.parametrize("module,loader,reference", [
    ("nncourse.data", "load_digits",
     lambda sk: (sk.load_digits().data / 16.0, sk.load_digits().target)),
    ("nncourse.density", "load_diabetes_bmi",
     lambda sk: (sk.load_diabetes(scaled=False).data[:, [2]], sk.load_diabetes(scaled=False).target[:, None])),
])
def test_bundled_data_are_scikit_learns_read_without_importing_it(module, loader, reference):
    """The files scikit-learn ships are read directly (importing it costs every grading worker that
    loads a lesson's data cell about 0.6 s); the arrays are scikit-learn's own, to the bit."""
    import importlib
    import subprocess
    import sys

    from sklearn import datasets

    got = getattr(importlib.import_module(module), loader)()
    for g, want in zip(got, reference(datasets)):
        assert g.shape == want.shape and np.array_equal(g, want)
    code = f"import sys; from {module} import {loader}; {loader}(); print('sklearn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False", f"{loader} imported scikit-learn"


def test_load_breast_cancer():
    """Is the bundled breast cancer set (569, 30) with binary labels?"""
    X, y = D.load_breast_cancer()
    assert X.shape == (569, 30) and set(np.unique(y)) == {0, 1}


@settings(max_examples=20, deadline=None, derandomize=True)
@given(st.integers(5, 60), st.floats(0, 0.45), st.floats(0, 0.45))
def test_split_partitions_the_data(n, val, test):
    """Are the three parts disjoint, complete, of the promised sizes, with rows kept paired?"""
    X = np.arange(n, dtype=float).reshape(n, 1)
    y = np.arange(n)
    Xtr, ytr, Xva, yva, Xte, yte = D.train_val_test_split(X, y, rng(0), val=val, test=test)
    assert len(yva) == int(n * val) and len(yte) == int(n * test)
    assert sorted(np.concatenate([ytr, yva, yte])) == list(range(n))
    for Xp, yp in ((Xtr, ytr), (Xva, yva), (Xte, yte)):
        assert np.array_equal(Xp[:, 0], yp)


def test_standardize_uses_training_statistics():
    """Is the training set scaled to mean 0 / std 1, and the other sets with the training mean and std?"""
    Xtr = np.array([[0.0, 5.0], [2.0, 5.0]])
    Xte = np.array([[4.0, 6.0]])
    a, b = D.standardize(Xtr, Xte)
    assert np.allclose(a, [[-1, 0], [1, 0]])
    assert np.allclose(b, [[3, 1]])  # (4 - 1)/1 ; constant feature only centred


def test_one_hot():
    """Does one_hot put a single 1 per row in the label's column?"""
    assert np.array_equal(D.one_hot([2, 0], 3), [[0, 0, 1], [1, 0, 0]])
    with pytest.raises(ValueError, match=r"one_hot: y holds labels in \[0, 3\], expected 0 \.\. 2 for K=3"):
        D.one_hot([0, 3], 3)


def test_data_errors():
    """Are common mistakes reported with the argument's name?"""
    with pytest.raises(TypeError, match=r"make_moons: rng must be a numpy.random.Generator, got int; pass "
                                        r"np.random.default_rng\(0\)"):
        D.make_moons(10, 0)
    with pytest.raises(ValueError, match=r"train_val_test_split: val \+ test = 1.0 leaves no training data"):
        D.train_val_test_split(np.zeros((4, 1)), np.zeros(4), rng(), val=0.5, test=0.5)
    with pytest.raises(ValueError, match=r"X has shape \(4, 1\) and y has shape \(3,\)"):
        D.train_val_test_split(np.zeros((4, 1)), np.zeros(3), rng())
    with pytest.raises(ValueError, match=r"make_spirals: n_classes must be >= 2, got 1"):
        D.make_spirals(10, 1, rng())
