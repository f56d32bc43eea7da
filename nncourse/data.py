r"""Data sets for the lessons, small enough to train on in seconds.

Every generator returns ``X`` as float64 of shape ``(N, D)`` (one example per
row) and ``y`` as integer labels of shape ``(N,)``, and takes the random
generator ``rng`` explicitly wherever randomness is involved, so the same
``np.random.default_rng(seed)`` always gives the same data.

The real data sets (:func:`load_digits`, :func:`load_breast_cancer`) are the
copies bundled with scikit-learn; nothing is downloaded.
"""

from __future__ import annotations

import os

import numpy as np

from ._validate import (
    as_float_array,
    as_label_array,
    check_int,
    check_nonnegative,
    check_positive,
    check_rng,
    fmt_shape,
)

__all__ = [
    "make_xor",
    "make_blobs",
    "make_moons",
    "make_spirals",
    "make_star_quasar",
    "load_digits",
    "load_breast_cancer",
    "train_val_test_split",
    "standardize",
    "one_hot",
]


def make_xor(n=4, noise=0.0, rng=None):
    r"""The XOR problem: label 1 when exactly one coordinate is 1.

    ======  ======  ===
    x1      x2      y
    ======  ======  ===
    0       0       0
    0       1       1
    1       0       1
    1       1       0
    ======  ======  ===

    No straight line separates the two classes, which is why a single
    perceptron cannot learn XOR and a hidden layer can.

    Parameters
    ----------
    n : int, default 4
        Number of points; the four corners above are repeated in order
        (``n = 4`` gives exactly the table).
    noise : float, default 0
        Standard deviation of Gaussian noise added to the coordinates.
    rng : numpy.random.Generator, optional
        Required when ``noise > 0``.

    Returns
    -------
    X : ndarray of float64, shape ``(n, 2)``
    y : ndarray of int64, shape ``(n,)``
    """
    where = "make_xor"
    n = check_int(n, "n", where, minimum=1)
    noise = check_nonnegative(noise, "noise", where)
    rng = check_rng(rng, "rng", where, allow_none=noise == 0)
    corners = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    labels = np.array([0, 1, 1, 0], dtype=np.int64)
    idx = np.arange(n) % 4
    X = corners[idx].copy()
    if noise > 0:
        X += rng.normal(0.0, noise, size=X.shape)
    return X, labels[idx]


def make_blobs(n, rng, n_classes=2, std=1.0, spread=4.0, margin=0.5):
    r"""Gaussian blobs in 2-D that are linearly separable by construction.

    Class centres sit evenly on a circle of radius ``spread``.  Points are
    drawn around their centre with standard deviation ``std``; any point that
    is not closer to its own centre than to every other centre by at least
    ``margin`` is redrawn.  Classifying by the nearest centre is a linear
    classifier (the arg-max of :math:`c_k^\top x - \lVert c_k\rVert^2/2`), so
    the classes are linearly separable, with two classes by a straight line.

    Parameters
    ----------
    n : int
        Total number of points, split as evenly as possible between classes.
    rng : numpy.random.Generator
    n_classes : int, default 2
    std : float, default 1.0
    spread : float, default 4.0
        Radius of the circle of centres.
    margin : float, default 0.5
        Minimum gap between a point's distance to its own centre and to the
        nearest other centre.

    Returns
    -------
    X : ndarray of float64, shape ``(n, 2)``
    y : ndarray of int64, shape ``(n,)``
        The class of each point, ``0 .. n_classes - 1`` in turn before the
        points are shuffled (so the classes differ in size by at most one).
    """
    where = "make_blobs"
    n = check_int(n, "n", where, minimum=1)
    rng = check_rng(rng, "rng", where)
    n_classes = check_int(n_classes, "n_classes", where, minimum=2)
    std = check_positive(std, "std", where)
    spread = check_positive(spread, "spread", where)
    margin = check_nonnegative(margin, "margin", where)
    angles = 2 * np.pi * np.arange(n_classes) / n_classes + np.pi / 4
    centres = spread * np.column_stack([np.cos(angles), np.sin(angles)])
    gap = np.min(np.linalg.norm(centres[:, None] - centres[None], axis=-1) + np.eye(n_classes) * 1e9)
    if margin >= gap:
        raise ValueError(f"{where}: margin={margin} must be smaller than the distance between centres ({gap:.3g})")
    y = np.arange(n) % n_classes
    X = np.empty((n, 2))
    todo = np.arange(n)
    while todo.size:
        X[todo] = centres[y[todo]] + rng.normal(0.0, std, size=(todo.size, 2))
        d = np.linalg.norm(X[todo, None, :] - centres[None], axis=-1)  # (m, K)
        own = d[np.arange(todo.size), y[todo]]
        d[np.arange(todo.size), y[todo]] = np.inf
        todo = todo[own + margin > d.min(axis=1)]
    perm = rng.permutation(n)
    return X[perm], y[perm].astype(np.int64)


def make_moons(n, rng, noise=0.1):
    r"""Two interleaving half circles, a classic not-linearly-separable problem.

    Class 0 lies on the upper half of the unit circle, class 1 on a lower half
    circle shifted to :math:`(1, 0.5)`; Gaussian noise of standard deviation
    ``noise`` is added.  The same construction as scikit-learn's
    ``make_moons``.

    Parameters
    ----------
    n : int
        Total number of points (class 0 gets the extra one if ``n`` is odd).
    rng : numpy.random.Generator
    noise : float, default 0.1

    Returns
    -------
    X : ndarray of float64, shape ``(n, 2)``
    y : ndarray of int64, shape ``(n,)``
        0 for the upper moon, 1 for the lower one; the points are shuffled.
    """
    where = "make_moons"
    n = check_int(n, "n", where, minimum=2)
    rng = check_rng(rng, "rng", where)
    noise = check_nonnegative(noise, "noise", where)
    n0 = n - n // 2
    n1 = n // 2
    t0 = np.linspace(0, np.pi, n0)
    t1 = np.linspace(0, np.pi, n1)
    X = np.vstack([
        np.column_stack([np.cos(t0), np.sin(t0)]),
        np.column_stack([1 - np.cos(t1), 0.5 - np.sin(t1)]),
    ])
    y = np.concatenate([np.zeros(n0, dtype=np.int64), np.ones(n1, dtype=np.int64)])
    if noise > 0:
        X += rng.normal(0.0, noise, size=X.shape)
    perm = rng.permutation(n)
    return X[perm], y[perm]


def make_spirals(n_per_class, n_classes, rng, noise=0.2):
    r"""Interleaved spiral arms, one per class (the CS231n spiral data set).

    Point :math:`i` of class :math:`k` has radius :math:`r = i / (n-1)` and
    angle :math:`\theta = 4k + 4r + \varepsilon` with
    :math:`\varepsilon \sim \mathcal N(0, \mathrm{noise}^2)`, giving
    :math:`x = (r\sin\theta, r\cos\theta)`.  A linear classifier gets little
    better than chance; a small MLP separates the arms.

    Parameters
    ----------
    n_per_class : int
    n_classes : int
    rng : numpy.random.Generator
    noise : float, default 0.2
        Standard deviation of the angular noise (radians).

    Returns
    -------
    X : ndarray of float64, shape ``(n_per_class * n_classes, 2)``
    y : ndarray of int64, shape ``(n_per_class * n_classes,)``, ordered by class
    """
    where = "make_spirals"
    n_per_class = check_int(n_per_class, "n_per_class", where, minimum=2)
    n_classes = check_int(n_classes, "n_classes", where, minimum=2)
    rng = check_rng(rng, "rng", where)
    noise = check_nonnegative(noise, "noise", where)
    r = np.tile(np.linspace(0.0, 1.0, n_per_class), n_classes)
    y = np.repeat(np.arange(n_classes, dtype=np.int64), n_per_class)
    theta = 4.0 * y + 4.0 * r + rng.normal(0.0, noise, size=r.shape) if noise > 0 else 4.0 * y + 4.0 * r
    X = np.column_stack([r * np.sin(theta), r * np.cos(theta)])
    return X, y


def make_star_quasar(n, rng, quasar_fraction=0.5):
    r"""Synthetic two-colour photometry of stars (``y = 0``) and quasars (``y = 1``).

    **Synthetic data**, shaped after the classic picture from sky surveys
    such as SDSS, not real measurements.  The two features are colour indices
    (differences of magnitudes in neighbouring filters), column 0 being
    :math:`u - g` and column 1 :math:`g - r`:

    * stars follow the *stellar locus*, a band along which :math:`g - r`
      grows with :math:`u - g` (:math:`u-g \approx 0.7 .. 2.8`);
    * quasars show an *ultraviolet excess*: small :math:`u - g` (about 0.3)
      at blue :math:`g - r` (about 0.2).

    The classes are separated roughly by a straight line, with a little
    overlap, so logistic regression does well but not perfectly.

    Parameters
    ----------
    n : int
        Number of objects.
    rng : numpy.random.Generator
    quasar_fraction : float in ``(0, 1)``, default 0.5

    Returns
    -------
    X : ndarray of float64, shape ``(n, 2)``
        Columns ``(u - g, g - r)`` in magnitudes.
    y : ndarray of int64, shape ``(n,)``
        1 for quasars, 0 for stars; shuffled.
    """
    where = "make_star_quasar"
    n = check_int(n, "n", where, minimum=2)
    rng = check_rng(rng, "rng", where)
    if not isinstance(quasar_fraction, (int, float)) or not 0 < quasar_fraction < 1:
        raise ValueError(f"{where}: quasar_fraction must be in (0, 1), got {quasar_fraction!r}")
    n_q = int(round(n * quasar_fraction))
    n_q = min(max(n_q, 1), n - 1)
    n_s = n - n_q
    # Stars: position along the locus, then scatter around it.
    ug_s = rng.uniform(0.7, 2.8, size=n_s)
    gr_s = 0.15 + 0.45 * (ug_s - 0.7) + rng.normal(0.0, 0.12, size=n_s)
    ug_s = ug_s + rng.normal(0.0, 0.1, size=n_s)
    # Quasars: UV excess, a compact cloud at blue colours.
    ug_q = rng.normal(0.3, 0.2, size=n_q)
    gr_q = rng.normal(0.2, 0.15, size=n_q)
    X = np.vstack([np.column_stack([ug_s, gr_s]), np.column_stack([ug_q, gr_q])])
    y = np.concatenate([np.zeros(n_s, dtype=np.int64), np.ones(n_q, dtype=np.int64)])
    perm = rng.permutation(n)
    return X[perm], y[perm]


def _bundled(name: str, delimiter=None):
    """A data file scikit-learn ships (``sklearn/datasets/data/<name>``), read without importing
    scikit-learn (about 0.6 s, paid by every grading worker that loads a lesson's data cell);
    None if it is not where this version keeps it (the caller then asks scikit-learn)."""
    import importlib.util

    spec = importlib.util.find_spec("sklearn")
    if spec is None or not spec.origin:
        return None
    path = os.path.join(os.path.dirname(spec.origin), "datasets", "data", name)
    try:
        return np.loadtxt(path, delimiter=delimiter)
    except OSError:
        return None


def load_digits():
    r"""The 8x8 handwritten digits bundled with scikit-learn, scaled to :math:`[0, 1]`.

    1797 images of the digits 0-9, each 8x8 pixels with grey levels 0..16,
    flattened row by row to 64 features and divided by 16.  Reshape a row
    with ``x.reshape(8, 8)`` to see the image.  No download.

    Returns
    -------
    X : ndarray of float64, shape ``(1797, 64)``
    y : ndarray of int64, shape ``(1797,)``
        Digits 0..9.
    """
    data = _bundled("digits.csv.gz", delimiter=",")      # 64 pixels, then the digit
    if data is None:
        from sklearn.datasets import load_digits as _load

        d = _load()
        data = np.c_[d.data, d.target]
    return data[:, :-1].astype(np.float64) / 16.0, data[:, -1].astype(np.int64)


def load_breast_cancer():
    r"""The Wisconsin breast cancer data set bundled with scikit-learn.

    569 tumours described by 30 real-valued features computed from images of
    cell nuclei (radius, texture, ...); label 1 = benign, 0 = malignant
    (scikit-learn's coding).  The features have very different scales:
    standardise them with :func:`standardize`, using training-set statistics
    only.  No download.

    Returns
    -------
    X : ndarray of float64, shape ``(569, 30)``
        Raw, unscaled features.
    y : ndarray of int64, shape ``(569,)``
    """
    from sklearn.datasets import load_breast_cancer as _load

    d = _load()
    return d.data.astype(np.float64), d.target.astype(np.int64)


def train_val_test_split(X, y, rng, val=0.2, test=0.2):
    r"""Shuffle and split into training, validation and test sets.

    Parameters
    ----------
    X : array_like, shape ``(N, D)``
    y : array_like, shape ``(N,)`` or ``(N, K)``
    rng : numpy.random.Generator
    val, test : float, default 0.2
        Fractions of ``N`` for validation and test (each rounded down to a
        whole number of examples); the rest is for training.  Their sum must
        be below 1.

    Returns
    -------
    X_train, y_train, X_val, y_val, X_test, y_test : ndarray
        Always six arrays, in this order.
    """
    where = "train_val_test_split"
    X = np.asarray(X)
    y = np.asarray(y)
    if X.ndim == 0 or y.ndim == 0 or X.shape[0] != y.shape[0]:
        raise ValueError(
            f"{where}: X has shape {fmt_shape(X.shape)} and y has shape {fmt_shape(y.shape)}; "
            f"expected the same number of rows"
        )
    rng = check_rng(rng, "rng", where)
    for name, frac in (("val", val), ("test", test)):
        if isinstance(frac, bool) or not isinstance(frac, (int, float)) or not 0 <= frac < 1:
            raise ValueError(f"{where}: {name} must be a fraction in [0, 1), got {frac!r}")
    if val + test >= 1:
        raise ValueError(f"{where}: val + test = {val + test} leaves no training data; it must be below 1")
    n = X.shape[0]
    n_val, n_test = int(n * val), int(n * test)
    perm = rng.permutation(n)
    i_test, i_val, i_train = perm[:n_test], perm[n_test:n_test + n_val], perm[n_test + n_val:]
    return X[i_train], y[i_train], X[i_val], y[i_val], X[i_test], y[i_test]


def standardize(X_train, *X_others):
    r"""Scale features to zero mean and unit variance using the *training* statistics.

    .. math:: x' = (x - \mu_{\text{train}}) / \sigma_{\text{train}}

    The same :math:`\mu, \sigma` are applied to the other sets, so no
    information leaks from validation or test data.  Constant features
    (:math:`\sigma = 0`) are only centred.

    Parameters
    ----------
    X_train : array_like, shape ``(N, D)``
    *X_others : array_like, shape ``(M, D)``

    Returns
    -------
    tuple of ndarray
        The standardised ``X_train`` followed by each of ``X_others``.
    """
    where = "standardize"
    X_train = as_float_array(X_train, "X_train", where, ndim=2, expected="(N, D)")
    mu = X_train.mean(axis=0)
    sigma = X_train.std(axis=0)
    sigma = np.where(sigma > 0, sigma, 1.0)
    out = [(X_train - mu) / sigma]
    for i, Xo in enumerate(X_others):
        Xo = as_float_array(Xo, f"X_others[{i}]", where, ndim=2, expected=f"(M, {X_train.shape[1]})")
        if Xo.shape[1] != X_train.shape[1]:
            raise ValueError(f"{where}: X_others[{i}] has shape {fmt_shape(Xo.shape)}, "
                             f"expected (M, {X_train.shape[1]})")
        out.append((Xo - mu) / sigma)
    return tuple(out)


def one_hot(y, K):
    r"""One-hot encode integer labels: row :math:`n` has a 1 in column :math:`y_n`.

    Parameters
    ----------
    y : array_like of int, shape ``(N,)``
        Labels in ``0 .. K-1``.
    K : int
        Number of classes.

    Returns
    -------
    ndarray of float64, shape ``(N, K)``

    Examples
    --------
    >>> one_hot([0, 2], 3)
    array([[1., 0., 0.],
           [0., 0., 1.]])
    """
    where = "one_hot"
    y = as_label_array(y, "y", where)
    K = check_int(K, "K", where, minimum=1)
    if y.size and (y.min() < 0 or y.max() >= K):
        raise ValueError(f"{where}: y holds labels in [{y.min()}, {y.max()}], expected 0 .. {K - 1} for K={K}")
    out = np.zeros((y.shape[0], K))
    out[np.arange(y.shape[0]), y] = 1.0
    return out
