r"""Output units for regression: a Gaussian and a mixture of Gaussians.

A classifier's last layer gives the parameters of a categorical distribution
(softmax probabilities) and is trained by the negative log-likelihood.  The
same recipe gives regression losses:

* **Gaussian output.**  The network predicts a mean :math:`\mu` and a
  log-variance :math:`s = \log\sigma^2` per output.  The per-example loss is
  the Gaussian negative log-likelihood

  .. math:: \ell = \tfrac12\Bigl[\log 2\pi + s + (t - \mu)^2 e^{-s}\Bigr].

  With the variance held fixed this is the squared error up to a scale and a
  constant: :func:`squared_error` is exactly :func:`gaussian_nll` at
  :math:`\sigma^2 = \tfrac12` minus :math:`\tfrac12\log\pi` per output.
* **Mixture density network (MDN).**  For a scalar target the network
  predicts, for each of :math:`K` components, a mixing logit, a mean and a raw
  scale; softmax turns the logits into weights :math:`\pi_k`, ``exp`` (or
  softplus) turns the raw scales into :math:`\sigma_k > 0`, and

  .. math:: -\log p(t \mid x) = -\log\sum_{k=1}^{K} \pi_k\,
            \mathcal{N}(t;\, \mu_k, \sigma_k^2)

  is computed with log-sum-exp, so that a target far from every component
  gives a large finite loss rather than ``log 0``.

Losses are **means over the batch** (like :mod:`nncourse.losses`) and come
with their gradient with respect to the network's raw outputs, ready for
``model.backward``.  The raw MDN output of shape ``(N, 3K)`` is laid out as
``[logits | means | raw scales]``, ``K`` columns each.

The data loaders give a real regression set that scikit-learn bundles
(:func:`load_diabetes_bmi`; nothing is downloaded) and the synthetic inverse
of a sine-like curve (:func:`make_inverse_sine`), where one input has several
valid outputs.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_float_array, check_int, check_rng, fmt_shape
from .activations import _logsumexp, softplus

__all__ = [
    "LOG_2PI",
    "gaussian_nll",
    "gaussian_output_nll",
    "squared_error",
    "positive_scale",
    "mdn_split",
    "mdn_params",
    "mdn_log_components",
    "mdn_nll",
    "mdn_loss",
    "mdn_density",
    "mdn_mean",
    "mdn_sample",
    "load_diabetes_bmi",
    "make_inverse_sine",
]

#: :math:`\log 2\pi`, the constant of the Gaussian log-density.
LOG_2PI = float(np.log(2.0 * np.pi))

#: The ways :func:`positive_scale` turns a raw output into a positive scale.
SCALES = ("exp", "softplus")


# --------------------------------------------------------------------------- helpers

def _pair(a, b, where, a_name, b_name):
    """Validate two arrays of the same shape with a non-empty batch axis."""
    a = as_float_array(a, a_name, where, ndim=(1, 2), expected="(N,) or (N, K)")
    b = as_float_array(b, b_name, where, dtype=a.dtype)
    if b.shape != a.shape:
        raise ValueError(f"{where}: {b_name} has shape {fmt_shape(b.shape)} but {a_name} has shape "
                         f"{fmt_shape(a.shape)}; they must match")
    if a.shape[0] == 0:
        raise ValueError(f"{where}: {a_name} is an empty batch (shape {fmt_shape(a.shape)})")
    return a, b


def _scaled_square(r, log_var):
    r""":math:`r^2 e^{-s}` without ``0 * inf = nan`` when :math:`r = 0` and :math:`s \to -\infty`."""
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        return np.where(r == 0, 0.0, r * r * np.exp(-log_var))


# --------------------------------------------------------------------------- Gaussian output

def gaussian_nll(mu, log_var, t):
    r"""Gaussian negative log-likelihood with a predicted mean and log-variance.

    .. math:: L = \frac1N \sum_{n=1}^{N}\sum_{k} \tfrac12\Bigl[\log 2\pi + s_{nk}
              + (t_{nk} - \mu_{nk})^2 e^{-s_{nk}}\Bigr],

    .. math:: \frac{\partial L}{\partial \mu} = \frac{1}{N}(\mu - t)\,e^{-s}, \qquad
              \frac{\partial L}{\partial s} = \frac{1}{2N}\bigl(1 - (t - \mu)^2 e^{-s}\bigr).

    Predicting :math:`s = \log \sigma^2` keeps the variance positive for any
    real output.  The formula uses :math:`s` directly, never
    ``log(exp(s))``, so :math:`s = \pm 800` gives finite values (except where
    the true loss exceeds the float range, :math:`r \ne 0` with
    :math:`s \ll -700`, which gives ``inf``).

    Parameters
    ----------
    mu : array_like, shape ``(N,)`` or ``(N, K)``
        Predicted means.
    log_var : array_like, shape of ``mu``
        Predicted log-variances :math:`s`.
    t : array_like, shape of ``mu``
        Targets.

    Returns
    -------
    loss : float
        Mean over the batch, summed over the ``K`` outputs.
    dmu : ndarray, shape of ``mu``
    dlog_var : ndarray, shape of ``mu``

    Examples
    --------
    >>> loss, dmu, ds = gaussian_nll([[1.0]], [[0.0]], [[0.0]])   # ½ (log 2π + 0 + 1)
    >>> round(loss, 4), float(dmu[0, 0]), float(ds[0, 0])
    (1.4189, 1.0, 0.0)
    """
    where = "gaussian_nll"
    mu, log_var = _pair(mu, log_var, where, "mu", "log_var")
    t = as_float_array(t, "t", where, dtype=mu.dtype)
    if t.shape != mu.shape:
        raise ValueError(f"{where}: t has shape {fmt_shape(t.shape)} but mu has shape {fmt_shape(mu.shape)}; "
                         f"give one target per predicted mean")
    n = mu.shape[0]
    r = t - mu
    q = _scaled_square(r, log_var)                       # r^2 / sigma^2
    loss = 0.5 * float(np.sum(LOG_2PI + log_var + q)) / n
    with np.errstate(over="ignore", invalid="ignore"):
        dmu = np.where(r == 0, 0.0, -r * np.exp(-log_var)) / n
    dlog_var = 0.5 * (1.0 - q) / n
    return loss, dmu, dlog_var


def gaussian_output_nll(out, t):
    r""":func:`gaussian_nll` for a network whose output holds ``[means | log-variances]``.

    Parameters
    ----------
    out : array_like, shape ``(N, 2K)``
        Columns ``0..K-1`` are the means, ``K..2K-1`` the log-variances.
    t : array_like, shape ``(N, K)`` (or ``(N,)`` when ``K = 1``)

    Returns
    -------
    loss : float
    grad : ndarray, shape ``(N, 2K)``
        ``[dmu | dlog_var]``, the shape of ``out``: the signature
        ``loss_fn(output, y) -> (loss, grad)`` of :func:`nncourse.train.fit`.
    """
    where = "gaussian_output_nll"
    out = as_float_array(out, "out", where, ndim=2, expected="(N, 2K)")
    if out.shape[1] % 2:
        raise ValueError(f"{where}: out has shape {fmt_shape(out.shape)}; it needs an even number of columns "
                         f"(K means followed by K log-variances)")
    k = out.shape[1] // 2
    t = as_float_array(t, "t", where, dtype=out.dtype)
    if t.ndim == 1 and k == 1:
        t = t.reshape(-1, 1)
    if t.shape != (out.shape[0], k):
        raise ValueError(f"{where}: t has shape {fmt_shape(t.shape)}, expected ({out.shape[0]}, {k}) for out of "
                         f"shape {fmt_shape(out.shape)}")
    loss, dmu, ds = gaussian_nll(out[:, :k], out[:, k:], t)
    return loss, np.concatenate([dmu, ds], axis=1)


def squared_error(y, t):
    r"""Mean squared error without the :math:`\tfrac12`, and its gradient.

    .. math:: L = \frac1N\sum_{n=1}^{N}\lVert y_n - t_n\rVert^2, \qquad
              \frac{\partial L}{\partial y} = \frac{2}{N}(y - t)

    The convention of scikit-learn's ``mean_squared_error`` and PyTorch's
    ``MSELoss`` for one output (for several outputs those average over
    outputs too; this sums over them, like every loss of the course).
    :func:`nncourse.losses.mse` keeps the :math:`\tfrac12`, which cancels the
    2.  As a likelihood this is :func:`gaussian_nll` with the variance fixed at
    :math:`\sigma^2 = \tfrac12`, minus the constant :math:`\tfrac K2\log\pi`.

    Parameters
    ----------
    y : array_like, shape ``(N,)`` or ``(N, K)``
    t : array_like, shape of ``y``

    Returns
    -------
    loss : float
    grad : ndarray, shape of ``y``
    """
    y, t = _pair(y, t, "squared_error", "y", "t")
    n = y.shape[0]
    diff = y - t
    return float(np.sum(diff * diff)) / n, 2.0 * diff / n


# --------------------------------------------------------------------------- mixture density network

def _scale_kind(scale, where):
    if scale not in SCALES:
        raise ValueError(f"{where}: scale must be one of {SCALES}, got {scale!r}")
    return scale


def positive_scale(a, scale="exp"):
    r"""Turn raw outputs :math:`a` into positive scales :math:`\sigma`.

    ``"exp"``: :math:`\sigma = e^{a}` (so :math:`a = \log\sigma`);
    ``"softplus"``: :math:`\sigma = \log(1 + e^{a})`, which grows only
    linearly for large :math:`a`.

    Parameters
    ----------
    a : array_like, any shape
    scale : {"exp", "softplus"}

    Returns
    -------
    ndarray, shape of ``a``
        Positive where representable (``exp`` underflows to 0 below
        :math:`a \approx -745`; use :func:`mdn_log_components`, which works with
        :math:`\log\sigma`, for likelihoods).
    """
    where = "positive_scale"
    a = as_float_array(a, "a", where)
    return _positive(a, _scale_kind(scale, where))[0]


def _positive(a, scale):
    """(sigma, log_sigma, dlog_sigma/da) for validated ``a``."""
    if scale == "exp":
        with np.errstate(over="ignore", under="ignore"):
            sigma = np.exp(a)
        return sigma, a, np.ones_like(a)
    sigma = softplus(a)
    with np.errstate(divide="ignore"):
        # log(softplus(a)) ~ a for a << 0, where softplus underflows.
        log_sigma = np.where(a < -30.0, a, np.log(np.where(a < -30.0, 1.0, sigma)))
    # d log softplus(a) / da = sigmoid(a) / softplus(a) = exp(log sigmoid(a) - log softplus(a))
    with np.errstate(under="ignore", over="ignore"):
        dlog = np.exp(-softplus(-a) - log_sigma)
    return sigma, log_sigma, dlog


def mdn_split(raw, k):
    r"""Split raw MDN outputs into ``(logits, means, raw_scales)``, each ``(N, K)``.

    Parameters
    ----------
    raw : array_like, shape ``(N, 3K)``
        ``[logits | means | raw scales]``.
    k : int
        Number of mixture components :math:`K`.
    """
    where = "mdn_split"
    k = check_int(k, "k", where, minimum=1)
    raw = as_float_array(raw, "raw", where, ndim=2, expected=f"(N, {3 * k})")
    if raw.shape[1] != 3 * k:
        raise ValueError(f"{where}: raw has shape {fmt_shape(raw.shape)}, expected (N, {3 * k}) = (N, 3K) "
                         f"for K={k}: K logits, K means, K raw scales")
    if raw.shape[0] == 0:
        raise ValueError(f"{where}: raw is an empty batch (shape {fmt_shape(raw.shape)})")
    return raw[:, :k], raw[:, k:2 * k], raw[:, 2 * k:]


def mdn_params(raw, k, scale="exp"):
    r"""Mixing weights, means and scales of a mixture density network.

    .. math:: \pi_{nk} = \frac{e^{z_{nk}}}{\sum_j e^{z_{nj}}}, \qquad \mu_{nk} = m_{nk},
              \qquad \sigma_{nk} = e^{a_{nk}} \;\text{(or softplus)}

    The softmax runs over the components of each example (axis 1), so every
    row of ``pi`` sums to 1.

    Parameters
    ----------
    raw : array_like, shape ``(N, 3K)``
        ``[logits z | means m | raw scales a]``.
    k : int
    scale : {"exp", "softplus"}

    Returns
    -------
    pi, mu, sigma : ndarray, each ``(N, K)``
    """
    where = "mdn_params"
    scale = _scale_kind(scale, where)
    z, m, a = mdn_split(raw, k)
    with np.errstate(under="ignore"):
        pi = np.exp(z - _logsumexp(z, axis=1))
    return pi, m.copy(), _positive(a, scale)[0]


def _log_components(z, m, a, t, scale):
    """log pi, log N(t; mu, sigma^2), z-scores and dlog_sigma/da, all (N, K)."""
    log_pi = z - _logsumexp(z, axis=-1)            # softmax over the components (last axis)
    _, log_sigma, dlog = _positive(a, scale)
    r = t - m
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        u = np.where(r == 0, 0.0, r * np.exp(-log_sigma))       # (t - mu) / sigma
        log_n = -0.5 * LOG_2PI - log_sigma - 0.5 * u * u
    return log_pi, log_n, u, log_sigma, dlog


def _target_column(t, n, where):
    t = as_float_array(t, "t", where, ndim=(1, 2), expected=f"({n},) or ({n}, 1)")
    if t.ndim == 2 and t.shape[1] != 1 or t.shape[0] != n:
        raise ValueError(f"{where}: t has shape {fmt_shape(t.shape)}, expected ({n},) or ({n}, 1): "
                         f"one scalar target per row of raw")
    return t.reshape(-1, 1)


def mdn_log_components(raw, t, k, scale="exp"):
    r"""Per-component log terms :math:`\log\pi_{nk} + \log\mathcal{N}(t_n;\mu_{nk},\sigma_{nk}^2)`.

    Parameters
    ----------
    raw : array_like, shape ``(N, 3K)``
    t : array_like, shape ``(N,)`` or ``(N, 1)``
    k : int
    scale : {"exp", "softplus"}

    Returns
    -------
    ndarray, shape ``(N, K)``
        Their log-sum-exp over axis 1 is :math:`\log p(t_n \mid x_n)`.
    """
    where = "mdn_log_components"
    scale = _scale_kind(scale, where)
    z, m, a = mdn_split(raw, k)
    t = _target_column(t, z.shape[0], where)
    log_pi, log_n, *_ = _log_components(z, m, a, t, scale)
    return log_pi + log_n


def mdn_loss(raw, t, k, scale="exp"):
    r"""Mean negative log-likelihood of an MDN and its gradient w.r.t. the raw outputs.

    .. math:: L = -\frac1N\sum_n \log\sum_k \pi_{nk}\,\mathcal{N}(t_n;\mu_{nk},\sigma_{nk}^2)
              = -\frac1N\sum_n \operatorname{logsumexp}_k\bigl(\log\pi_{nk}
              - \tfrac12\log 2\pi - \log\sigma_{nk} - \tfrac12 u_{nk}^2\bigr)

    with :math:`u_{nk} = (t_n - \mu_{nk})/\sigma_{nk}`.  With the
    responsibilities :math:`\gamma_{nk} = \pi_{nk}\mathcal{N}_{nk} / \sum_j
    \pi_{nj}\mathcal{N}_{nj}` (the posterior probability that component
    :math:`k` produced :math:`t_n`):

    .. math:: \frac{\partial L}{\partial z_{nk}} = \frac{\pi_{nk} - \gamma_{nk}}{N}, \quad
              \frac{\partial L}{\partial \mu_{nk}} = -\frac{\gamma_{nk}\, u_{nk}}{N\,\sigma_{nk}}, \quad
              \frac{\partial L}{\partial \log\sigma_{nk}} = \frac{\gamma_{nk}(1 - u_{nk}^2)}{N},

    and :math:`\partial L/\partial a = \partial L/\partial\log\sigma \cdot
    \mathrm{d}\log\sigma/\mathrm{d}a` (1 for ``exp``,
    :math:`\sigma(a)/\mathrm{softplus}(a)` for softplus).

    Parameters
    ----------
    raw : array_like, shape ``(N, 3K)``
        ``[logits | means | raw scales]``.
    t : array_like, shape ``(N,)`` or ``(N, 1)``
        Scalar targets.
    k : int
    scale : {"exp", "softplus"}

    Returns
    -------
    loss : float
    grad : ndarray, shape ``(N, 3K)``
    """
    where = "mdn_loss"
    scale = _scale_kind(scale, where)
    z, m, a = mdn_split(raw, k)
    n = z.shape[0]
    t = _target_column(t, n, where)
    log_pi, log_n, u, log_sigma, dlog = _log_components(z, m, a, t, scale)
    joint = log_pi + log_n
    log_p = _logsumexp(joint, axis=1)                    # (N, 1)
    loss = -float(np.sum(log_p)) / n
    with np.errstate(under="ignore", invalid="ignore", over="ignore"):
        gamma = np.exp(joint - log_p)
        pi = np.exp(log_pi)
        d_mu = np.where((gamma > 0) & (u != 0), -gamma * u * np.exp(-log_sigma), 0.0)
        d_log_sigma = np.where(gamma > 0, gamma * (1.0 - u * u), 0.0)
    grad = np.concatenate([pi - gamma, d_mu, d_log_sigma * dlog], axis=1) / n
    return loss, grad


def mdn_nll(raw, t, k, scale="exp"):
    r"""The loss of :func:`mdn_loss` alone: :math:`-\frac1N\sum_n\log p(t_n\mid x_n)` as a float."""
    return mdn_loss(raw, t, k, scale)[0]


def mdn_density(raw, y, k, scale="exp"):
    r"""Predicted density :math:`p(y_g \mid x_n)` on a grid of target values.

    Parameters
    ----------
    raw : array_like, shape ``(N, 3K)``
        Raw outputs for ``N`` inputs (e.g. a grid of ``x``).
    y : array_like, shape ``(G,)``
        Target values at which to evaluate the density.
    k : int
    scale : {"exp", "softplus"}

    Returns
    -------
    ndarray, shape ``(N, G)``
        Non-negative; each row integrates to 1 over ``y`` (up to the grid).
    """
    where = "mdn_density"
    scale = _scale_kind(scale, where)
    z, m, a = mdn_split(raw, k)
    y = as_float_array(y, "y", where, ndim=1, expected="(G,)")
    log_pi, log_n, *_ = _log_components(z[:, None, :], m[:, None, :], a[:, None, :], y[None, :, None], scale)
    with np.errstate(under="ignore"):
        return np.exp(_logsumexp(log_pi + log_n, axis=2)[..., 0])


def mdn_mean(raw, k, scale="exp"):
    r"""The mixture's mean :math:`\sum_k \pi_{nk}\mu_{nk}`, shape ``(N,)``: what MSE would predict."""
    pi, mu, _ = mdn_params(raw, k, scale)
    return np.sum(pi * mu, axis=1)


def mdn_sample(raw, k, rng, n_samples=1, scale="exp"):
    r"""Draw targets from the predicted mixture: pick a component by :math:`\pi`, then add Gaussian noise.

    Parameters
    ----------
    raw : array_like, shape ``(N, 3K)``
    k : int
    rng : numpy.random.Generator
    n_samples : int, default 1
    scale : {"exp", "softplus"}

    Returns
    -------
    ndarray, shape ``(N, n_samples)``
    """
    where = "mdn_sample"
    rng = check_rng(rng, "rng", where)
    n_samples = check_int(n_samples, "n_samples", where, minimum=1)
    pi, mu, sigma = mdn_params(raw, k, _scale_kind(scale, where))
    cum = np.cumsum(pi, axis=1)
    u = rng.random((pi.shape[0], n_samples))
    comp = np.minimum((u[:, :, None] > cum[:, None, :]).sum(axis=2), k - 1)   # (N, S)
    rows = np.arange(pi.shape[0])[:, None]
    return mu[rows, comp] + sigma[rows, comp] * rng.standard_normal(comp.shape)


# --------------------------------------------------------------------------- data

def load_diabetes_bmi():
    r"""Body-mass index and disease progression of 442 diabetes patients (bundled with scikit-learn).

    The real data set of Efron et al. (2004) that ``sklearn.datasets.load_diabetes``
    ships; nothing is downloaded.  Of its ten baseline measurements only the
    body-mass index is kept, in its original unit (kg/m²), so that a model of
    one input can be drawn; the target is a quantitative measure of disease
    progression one year later.  The spread of the target grows with the BMI.

    Returns
    -------
    X : ndarray of float64, shape ``(442, 1)``
        Body-mass index.
    y : ndarray of float64, shape ``(442, 1)``
        Disease progression (about 25 to 346).
    """
    from .data import _bundled

    data, target = _bundled("diabetes_data_raw.csv.gz"), _bundled("diabetes_target.csv.gz")
    if data is None or target is None:
        from sklearn.datasets import load_diabetes

        d = load_diabetes(scaled=False)
        data, target = d.data, d.target
    bmi = 2                               # columns: age, sex, bmi, bp, s1, ..., s6
    return data[:, [bmi]].astype(np.float64), target.astype(np.float64).reshape(-1, 1)


def make_inverse_sine(n, rng, noise=0.05):
    r"""Synthetic data whose inputs have up to three valid outputs: the inverse of a wavy line.

    Draw :math:`y \sim \mathcal{U}(0, 1)` and set
    :math:`x = y + 0.3\sin(2\pi y) + \varepsilon` with
    :math:`\varepsilon \sim \mathcal{U}(-\text{noise}, \text{noise})`, then
    use :math:`x` as the input and :math:`y` as the target.  The forward map
    :math:`y \mapsto x` is a function; its inverse is not: for :math:`x`
    near 0.5 three values of :math:`y` fit.  (Bishop's classic example of a
    mixture density network.)

    Parameters
    ----------
    n : int
    rng : numpy.random.Generator
    noise : float, default 0.05
        Half-width of the uniform noise on :math:`x`.

    Returns
    -------
    X : ndarray of float64, shape ``(n, 1)``
        Inputs, roughly in :math:`[-0.05, 1.05]`.
    y : ndarray of float64, shape ``(n, 1)``
        Targets in :math:`[0, 1]`.
    """
    where = "make_inverse_sine"
    n = check_int(n, "n", where, minimum=1)
    rng = check_rng(rng, "rng", where)
    noise = float(noise)
    if not np.isfinite(noise) or noise < 0:
        raise ValueError(f"{where}: noise must be a finite number >= 0, got {noise!r}")
    y = rng.uniform(0.0, 1.0, size=(n, 1))
    x = y + 0.3 * np.sin(2.0 * np.pi * y) + rng.uniform(-noise, noise, size=(n, 1))
    return x, y
