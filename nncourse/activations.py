r"""Activation functions and their derivatives.

Each activation :math:`g` comes as a pair: ``g(z)`` computes the value and
``g_prime(z)`` the derivative :math:`g'(z)` with respect to the *pre-activation*
``z``, both elementwise, so that backpropagation through an activation is one
line::

    dz = grad_out * g_prime(z)

All functions accept an array of any shape (``(batch, units)`` in a network)
and return an array of the same shape and floating dtype (integers become
float64; float32 stays float32).

Numerical stability
-------------------
Written naively, :math:`\sigma(z) = 1/(1+e^{-z})` overflows for
:math:`z = -1000` and :math:`\log(1 + e^{z})` for :math:`z = 1000`.  Every
function here is rearranged so that ``exp`` only ever sees a non-positive
argument; at :math:`|z| = 1000` they return exact limits (``0``, ``1``,
``z``) with no NumPy warnings, even under ``np.errstate(all="raise")``.  The
only floating-point event that can happen is *underflow* (``exp(-1000)``
rounding to ``0``), which is the correct answer, so it is silenced locally.

Conventions at kinks
--------------------
ReLU-like functions are not differentiable at ``z = 0``; we take the left
derivative there (``relu_prime(0) = 0``, ``leaky_relu_prime(0) = alpha``).
The hard threshold steps at ``z = 0`` with ``hard_threshold(0) = 1``.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_float_array, check_int, fmt_shape

__all__ = [
    "sigmoid",
    "sigmoid_prime",
    "tanh",
    "tanh_prime",
    "relu",
    "relu_prime",
    "leaky_relu",
    "leaky_relu_prime",
    "abs_relu",
    "abs_relu_prime",
    "softplus",
    "softplus_prime",
    "hard_threshold",
    "hard_threshold_prime",
    "maxout",
    "maxout_backward",
    "logsumexp",
    "softmax",
    "log_softmax",
    "ACTIVATIONS",
]


def _z(z, where):
    return as_float_array(z, "z", where)


def _out(a):
    # 0-d arrays become NumPy scalars, so sigmoid(0.0) prints as 0.5.
    return a[()] if a.ndim == 0 else a


def _check_alpha(alpha, where):
    if isinstance(alpha, bool) or not isinstance(alpha, (int, float, np.floating, np.integer)):
        raise TypeError(f"{where}: alpha must be a number, got {type(alpha).__name__}")
    if not np.isfinite(alpha):
        raise ValueError(f"{where}: alpha must be finite, got {alpha!r}")
    return alpha


# ---------------------------------------------------------------------------
# Sigmoid and tanh
# ---------------------------------------------------------------------------

def sigmoid(z):
    r"""Logistic sigmoid :math:`\sigma(z) = \dfrac{1}{1 + e^{-z}}`.

    Parameters
    ----------
    z : array_like, any shape
        Pre-activations.

    Returns
    -------
    ndarray, same shape as ``z``
        Values in :math:`[0, 1]`.

    Notes
    -----
    With :math:`e = e^{-|z|} \le 1` (never overflows) the two algebraically
    equal forms

    .. math:: \sigma(z) = \frac{1}{1 + e} \ (z \ge 0), \qquad
              \sigma(z) = \frac{e}{1 + e} \ (z < 0)

    are both stable.
    """
    z = _z(z, "sigmoid")
    with np.errstate(under="ignore"):
        e = np.exp(-np.abs(z))
        s = np.where(z >= 0, 1.0, e) / (1.0 + e)
    return _out(s.astype(z.dtype, copy=False))


def sigmoid_prime(z):
    r"""Derivative of the sigmoid, :math:`\sigma'(z) = \sigma(z)\,(1 - \sigma(z))`.

    Parameters
    ----------
    z : array_like, any shape
        Pre-activations (not the sigmoid's output).

    Returns
    -------
    ndarray, same shape as ``z``
        Values in :math:`(0, 1/4]`.

    Notes
    -----
    Computed as :math:`e / (1 + e)^2` with :math:`e = e^{-|z|}`, which equals
    :math:`\sigma(z)(1-\sigma(z))` and stays accurate (rather than becoming
    ``1 - 1 = 0``) for large :math:`|z|`.
    """
    z = _z(z, "sigmoid_prime")
    with np.errstate(under="ignore"):
        e = np.exp(-np.abs(z))
        d = e / (1.0 + e) ** 2
    return _out(d)


def tanh(z):
    r"""Hyperbolic tangent :math:`\tanh(z) = \dfrac{e^{z} - e^{-z}}{e^{z} + e^{-z}} = 2\sigma(2z) - 1`.

    Parameters
    ----------
    z : array_like, any shape

    Returns
    -------
    ndarray, same shape as ``z``
        Values in :math:`[-1, 1]`.
    """
    z = _z(z, "tanh")
    with np.errstate(under="ignore"):
        return _out(np.tanh(z))


def tanh_prime(z):
    r"""Derivative of tanh, :math:`\tanh'(z) = 1 - \tanh^2(z)`.

    Parameters
    ----------
    z : array_like, any shape
        Pre-activations.

    Returns
    -------
    ndarray, same shape as ``z``
        Values in :math:`[0, 1]`.

    Notes
    -----
    Computed as :math:`4 e / (1+e)^2` with :math:`e = e^{-2|z|}` (that is,
    :math:`4\sigma'(2z)`), which keeps full relative accuracy for large
    :math:`|z|` where :math:`1 - \tanh^2` would round to zero early.
    """
    z = _z(z, "tanh_prime")
    with np.errstate(under="ignore"):
        e = np.exp(-np.abs(z)) ** 2  # e^{-2|z|}, without overflowing 2|z|
        d = 4.0 * e / (1.0 + e) ** 2
    return _out(d)


# ---------------------------------------------------------------------------
# ReLU family
# ---------------------------------------------------------------------------

def relu(z):
    r"""Rectified linear unit :math:`\mathrm{ReLU}(z) = \max(0, z)`.

    Parameters
    ----------
    z : array_like, any shape

    Returns
    -------
    ndarray, same shape as ``z``
    """
    z = _z(z, "relu")
    # max(z, 0) against a row of zeros rather than the number 0: the same values, and NumPy takes its
    # vectorised loop only when both operands run along the row (about 2x faster for a layer's activations).
    return _out(np.maximum(z, np.zeros(z.shape[-1:], z.dtype)))


def relu_prime(z):
    r"""Derivative of ReLU: :math:`1` where :math:`z > 0`, else :math:`0` (also at ``z = 0``).

    Parameters
    ----------
    z : array_like, any shape
        Pre-activations.

    Returns
    -------
    ndarray, same shape and dtype as ``z``
        Zeros and ones.
    """
    z = _z(z, "relu_prime")
    return _out((z > 0).astype(z.dtype))


def leaky_relu(z, alpha=0.01):
    r"""Leaky (generalised) ReLU :math:`g(z) = \max(0, z) + \alpha \min(0, z)`.

    With ``alpha = 0.01`` this is the usual leaky ReLU, with ``alpha = 0`` plain
    ReLU, with ``alpha = -1`` the absolute value :math:`|z|` (see
    :func:`abs_relu`), and with any ``alpha`` the *generalised ReLU* of the
    lecture.

    Parameters
    ----------
    z : array_like, any shape
        Pre-activations.
    alpha : float, default 0.01
        Slope for negative ``z``.

    Returns
    -------
    ndarray, same shape as ``z``
    """
    z = _z(z, "leaky_relu")
    alpha = _check_alpha(alpha, "leaky_relu")
    with np.errstate(under="ignore"):  # alpha * (tiny z) may round to 0
        return _out(np.where(z > 0, z, alpha * z).astype(z.dtype, copy=False))


def leaky_relu_prime(z, alpha=0.01):
    r"""Derivative of :func:`leaky_relu`: :math:`1` where :math:`z > 0`, else :math:`\alpha` (also at ``z = 0``).

    Parameters
    ----------
    z : array_like, any shape
        Pre-activations.
    alpha : float, default 0.01
        Slope for negative ``z``.

    Returns
    -------
    ndarray, same shape as ``z``
    """
    z = _z(z, "leaky_relu_prime")
    alpha = _check_alpha(alpha, "leaky_relu_prime")
    return _out(np.where(z > 0, 1.0, alpha).astype(z.dtype, copy=False))


def abs_relu(z):
    r"""Absolute-value rectifier :math:`|z|`, the generalised ReLU with :math:`\alpha = -1`.

    Parameters
    ----------
    z : array_like, any shape

    Returns
    -------
    ndarray, same shape as ``z``
    """
    z = _z(z, "abs_relu")
    return _out(np.abs(z))


def abs_relu_prime(z):
    r"""Derivative of :math:`|z|`: :math:`+1` where :math:`z > 0`, else :math:`-1` (also at ``z = 0``).

    Same convention as :func:`leaky_relu_prime` with ``alpha = -1``.

    Parameters
    ----------
    z : array_like, any shape

    Returns
    -------
    ndarray, same shape as ``z``
    """
    z = _z(z, "abs_relu_prime")
    return _out(np.where(z > 0, 1.0, -1.0).astype(z.dtype, copy=False))


def softplus(z):
    r"""Softplus :math:`\zeta(z) = \log(1 + e^{z})`, a smooth ReLU.

    Parameters
    ----------
    z : array_like, any shape

    Returns
    -------
    ndarray, same shape as ``z``
        Positive values; :math:`\zeta(z) \approx z` for large :math:`z` and
        :math:`\approx e^{z}` for very negative :math:`z`.

    Notes
    -----
    Rearranged as :math:`\max(z, 0) + \log(1 + e^{-|z|})` so that ``exp``
    never overflows.
    """
    z = _z(z, "softplus")
    with np.errstate(under="ignore"):
        return _out(np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z))))


def softplus_prime(z):
    r"""Derivative of softplus, which is the sigmoid: :math:`\zeta'(z) = \sigma(z)`.

    Parameters
    ----------
    z : array_like, any shape

    Returns
    -------
    ndarray, same shape as ``z``
    """
    z = _z(z, "softplus_prime")
    return sigmoid(z)


def hard_threshold(z):
    r"""Heaviside step (the perceptron's activation): :math:`1` where :math:`z \ge 0`, else :math:`0`.

    Parameters
    ----------
    z : array_like, any shape

    Returns
    -------
    ndarray, same shape and dtype as ``z``
        Zeros and ones.
    """
    z = _z(z, "hard_threshold")
    return _out((z >= 0).astype(z.dtype))


def hard_threshold_prime(z):
    r"""Derivative of the step: zero everywhere (undefined at ``z = 0``; we return 0).

    This is why a network of hard thresholds cannot be trained by gradient
    descent: no gradient flows back through it.

    Parameters
    ----------
    z : array_like, any shape

    Returns
    -------
    ndarray of zeros, same shape and dtype as ``z``
    """
    z = _z(z, "hard_threshold_prime")
    return _out(np.zeros_like(z))


# ---------------------------------------------------------------------------
# Maxout
# ---------------------------------------------------------------------------

def _maxout_groups(z, k, where):
    z = _z(z, where)
    k = check_int(k, "k", where, minimum=1)
    if z.ndim == 0:
        raise ValueError(f"{where}: z has shape (), expected at least 1 dimension (..., units)")
    d = z.shape[-1]
    if d % k != 0:
        raise ValueError(
            f"{where}: last axis of z has length {d} (shape {fmt_shape(z.shape)}), "
            f"which is not divisible by k={k}"
        )
    return z, k, z.reshape(z.shape[:-1] + (d // k, k))


def maxout(z, k):
    r"""Maxout: the maximum over consecutive groups of ``k`` units along the last axis.

    .. math:: \mathrm{maxout}(z)_j = \max_{0 \le i < k} z_{jk + i}

    Parameters
    ----------
    z : array_like, shape ``(..., d)``
        Pre-activations; ``d`` must be a multiple of ``k``.
    k : int
        Group size (the number of linear pieces per maxout unit).

    Returns
    -------
    ndarray, shape ``(..., d // k)``

    See Also
    --------
    maxout_backward : the gradient, routed to each group's winner.
    """
    _, _, groups = _maxout_groups(z, k, "maxout")
    return groups.max(axis=-1)


def maxout_backward(grad_out, z, k):
    r"""Backward pass of :func:`maxout`: route each group's gradient to its largest entry.

    .. math:: \frac{\partial L}{\partial z_{jk+i}} =
              \begin{cases} \dfrac{\partial L}{\partial \mathrm{out}_j}
              & \text{if } i = \arg\max_{i'} z_{jk+i'} \\ 0 & \text{otherwise} \end{cases}

    Ties go to the first maximum, so exactly one entry per group receives
    the gradient.

    Parameters
    ----------
    grad_out : array_like, shape ``(..., d // k)``
        Gradient of the loss with respect to maxout's output.
    z : array_like, shape ``(..., d)``
        The input that was given to :func:`maxout`.
    k : int
        Group size.

    Returns
    -------
    dz : ndarray, shape ``(..., d)``
    """
    z, k, groups = _maxout_groups(z, k, "maxout_backward")
    grad_out = as_float_array(grad_out, "grad_out", "maxout_backward")
    if grad_out.shape != groups.shape[:-1]:
        raise ValueError(
            f"maxout_backward: grad_out has shape {fmt_shape(grad_out.shape)}, expected "
            f"{fmt_shape(groups.shape[:-1])} (the shape of maxout(z, k))"
        )
    winner = groups.argmax(axis=-1)
    dgroups = np.zeros(groups.shape, dtype=np.result_type(grad_out, z))
    np.put_along_axis(dgroups, winner[..., None], grad_out[..., None], axis=-1)
    return dgroups.reshape(z.shape)


# ---------------------------------------------------------------------------
# Log-sum-exp and softmax
# ---------------------------------------------------------------------------

def _check_axis(z, axis, where):
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise TypeError(f"{where}: axis must be an integer, got {type(axis).__name__}")
    if z.ndim == 0:
        raise ValueError(f"{where}: z has shape (), expected at least 1 dimension")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError(f"{where}: axis {axis} is out of range for z of shape {fmt_shape(z.shape)}")
    return int(axis)


def _logsumexp(z, axis):
    """Stable log-sum-exp with keepdims=True; z already validated."""
    m = z.max(axis=axis, keepdims=True)
    # If a whole slice is -inf (or +inf) the shift would give nan; use 0 there.
    m = np.where(np.isfinite(m), m, 0.0)
    with np.errstate(under="ignore", divide="ignore"):
        return m + np.log(np.exp(z - m).sum(axis=axis, keepdims=True))


def logsumexp(z, axis=-1, keepdims=False):
    r"""Stable :math:`\log \sum_k e^{z_k}` along ``axis``.

    Uses :math:`\log\sum_k e^{z_k} = m + \log\sum_k e^{z_k - m}` with
    :math:`m = \max_k z_k`, so the largest exponent is :math:`e^0 = 1`.

    Parameters
    ----------
    z : array_like, shape ``(..., K)`` typically ``(batch, K)``
    axis : int, default -1
        The axis to reduce.
    keepdims : bool, default False
        Keep the reduced axis with length 1 (handy for broadcasting back).

    Returns
    -------
    ndarray
        ``z``'s shape without ``axis`` (or with it as 1 if ``keepdims``).
    """
    z = _z(z, "logsumexp")
    axis = _check_axis(z, axis, "logsumexp")
    out = _logsumexp(z, axis)
    if not keepdims:
        out = np.squeeze(out, axis=axis)
    return _out(out)


def softmax(z, axis=-1):
    r"""Softmax :math:`\mathrm{softmax}(z)_k = \dfrac{e^{z_k}}{\sum_j e^{z_j}}` along ``axis``.

    Parameters
    ----------
    z : array_like, shape ``(..., K)``, typically logits ``(batch, K)``
    axis : int, default -1
        The class axis.

    Returns
    -------
    ndarray, same shape as ``z``
        Non-negative, summing to 1 along ``axis``.

    Notes
    -----
    Subtracting :math:`\max_j z_j` first leaves the result unchanged and keeps
    every exponent :math:`\le 0`.
    """
    z = _z(z, "softmax")
    axis = _check_axis(z, axis, "softmax")
    m = np.max(z, axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    with np.errstate(under="ignore"):
        e = np.exp(z - m)
        return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax(z, axis=-1):
    r"""Log of the softmax, :math:`z_k - \log\sum_j e^{z_j}`, computed without taking ``log(softmax)``.

    ``np.log(softmax(z))`` gives ``-inf`` once a probability underflows to 0;
    this form stays finite (``log_softmax([0, -1000]) = [0, -1000]``).

    Parameters
    ----------
    z : array_like, shape ``(..., K)``
    axis : int, default -1

    Returns
    -------
    ndarray, same shape as ``z``
        Non-positive values.
    """
    z = _z(z, "log_softmax")
    axis = _check_axis(z, axis, "log_softmax")
    return z - _logsumexp(z, axis)


#: Name -> ``(g, g_prime)`` for the elementwise activations, in the spirit of
#: scikit-learn's ``ACTIVATIONS`` table; used by widgets and tests.
ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_prime),
    "tanh": (tanh, tanh_prime),
    "relu": (relu, relu_prime),
    "leaky_relu": (leaky_relu, leaky_relu_prime),
    "abs_relu": (abs_relu, abs_relu_prime),
    "softplus": (softplus, softplus_prime),
    "hard_threshold": (hard_threshold, hard_threshold_prime),
}
