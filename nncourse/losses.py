r"""Loss functions, each returning the loss and its gradient.

Every loss here has the same contract::

    loss, grad = loss_fn(prediction, target)

* ``loss`` is a Python ``float``: the **mean over the batch** of the
  per-example loss, :math:`L = \frac{1}{N}\sum_{n=1}^{N} \ell_n`, where
  :math:`\ell_n` *sums* over the example's output components.  Because it is
  a mean, the loss (and a good learning rate) does not change with the batch
  size.
* ``grad`` is :math:`\partial L / \partial(\text{prediction})`, an array of the
  prediction's shape, ready to be passed to ``model.backward``.  It already
  contains the :math:`1/N` of the mean.  Targets are converted to the
  prediction's dtype, so a float32 network gets float32 gradients.

Shapes follow ``(batch, outputs)``.  For a network with a single output
column the prediction is ``(N, 1)`` while labels usually come as ``(N,)``;
that one combination is accepted (the target is read as a column).  Any other
shape mismatch is an error: silently broadcasting ``(N, 1) - (N,)`` to
``(N, N)`` is a classic bug.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_float_array, as_label_array, fmt_shape
from .activations import sigmoid

__all__ = [
    "mse",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "softmax_cross_entropy",
    "LOSSES",
]


def _pred_and_target(y, t, where, y_name, t_name):
    """Validate a prediction/target pair of matching shape with a batch axis."""
    y = as_float_array(y, y_name, where, ndim=(1, 2), expected="(N,) or (N, K)")
    t = as_float_array(t, t_name, where, dtype=y.dtype)  # a float32 model stays float32
    if t.shape != y.shape:
        if y.ndim == 2 and y.shape[1] == 1 and t.shape == (y.shape[0],):
            t = t.reshape(-1, 1)
        else:
            raise ValueError(
                f"{where}: {y_name} has shape {fmt_shape(y.shape)} but {t_name} has shape "
                f"{fmt_shape(t.shape)}; they must match (one target per prediction)"
            )
    if y.shape[0] == 0:
        raise ValueError(f"{where}: {y_name} is an empty batch (shape {fmt_shape(y.shape)})")
    return y, t


def _pred_and_binary_target(y, t, where, y_name):
    """:func:`_pred_and_target` for binary cross-entropy, whose targets are probabilities: ``t`` in [0, 1]."""
    y, t = _pred_and_target(y, t, where, y_name, "t")
    if not (np.all(t >= 0) and np.all(t <= 1)):
        raise ValueError(f"{where}: t must hold targets in [0, 1], got values in [{t.min():.4g}, {t.max():.4g}]")
    return y, t


def _any_label_outside(labels, k):
    """Whether any integer label is negative or at least ``k``: one pass, reading signed labels as
    unsigned (a negative label becomes a huge one)."""
    if labels.dtype.kind == "i":
        labels = labels.view(np.dtype(f"u{labels.itemsize}"))
    return labels.max() >= k


def mse(y, t):
    r"""Mean squared error with the :math:`\tfrac12` convention.

    .. math:: L = \frac{1}{N} \sum_{n=1}^{N} \tfrac12 \lVert y_n - t_n \rVert^2,
              \qquad \frac{\partial L}{\partial y_n} = \frac{1}{N}(y_n - t_n)

    The loss is a **mean over the batch** of the per-example half *sum* of
    squares over output components (not a mean over components).  The
    :math:`\tfrac12` cancels the 2 from differentiating the square.

    Parameters
    ----------
    y : array_like, shape ``(N,)`` or ``(N, K)``
        Predictions.
    t : array_like, same shape as ``y``
        Targets (``(N,)`` is also accepted when ``y`` is ``(N, 1)``).

    Returns
    -------
    loss : float
    grad : ndarray, shape of ``y``
        :math:`\partial L / \partial y`.

    Examples
    --------
    >>> loss, grad = mse([[1.0, 2.0]], [[0.0, 0.0]])   # ½ (1 + 4) = 2.5
    >>> loss
    2.5
    """
    where = "mse"
    y, t = _pred_and_target(y, t, where, "y", "t")
    n = y.shape[0]
    diff = y - t
    loss = 0.5 * float(np.sum(diff * diff)) / n
    return loss, diff / n


def binary_cross_entropy(p, t, eps=1e-12):
    r"""Binary cross-entropy on probabilities (the output of a sigmoid).

    .. math:: L = -\frac{1}{N}\sum_{n}\sum_{k}\bigl[t_{nk}\log p_{nk} +
              (1 - t_{nk})\log(1 - p_{nk})\bigr],
              \qquad \frac{\partial L}{\partial p} = \frac{1}{N}\,
              \frac{p - t}{p(1-p)}

    A **mean over the batch**, summed over the ``K`` independent outputs
    (``K = 1`` for ordinary binary classification).  Probabilities are clipped
    to :math:`[\epsilon, 1-\epsilon]` first so that a confident wrong answer
    gives a large finite loss rather than ``inf``; the gradient uses the
    clipped values.

    Prefer :func:`binary_cross_entropy_with_logits` in a network: it is exact
    where this one has to clip, and its gradient is simply
    :math:`(\sigma(z) - t)/N`.

    Parameters
    ----------
    p : array_like, shape ``(N,)`` or ``(N, K)``
        Predicted probabilities in :math:`[0, 1]`.
    t : array_like, same shape as ``p``
        Targets in :math:`[0, 1]` (usually 0 or 1).
    eps : float, default 1e-12
        Clipping margin (raised to the dtype's machine epsilon, e.g. for
        float32, where :math:`1 - 10^{-12}` would round to 1).

    Returns
    -------
    loss : float
    grad : ndarray, shape of ``p``
    """
    where = "binary_cross_entropy"
    p, t = _pred_and_binary_target(p, t, where, "p")
    if not (np.all(p >= 0) and np.all(p <= 1)):
        raise ValueError(
            f"{where}: p must hold probabilities in [0, 1], got values in "
            f"[{np.nanmin(p):.4g}, {np.nanmax(p):.4g}]; if these are logits (scores before the "
            f"sigmoid) use binary_cross_entropy_with_logits"
        )
    if not 0 < eps < 0.5:
        raise ValueError(f"{where}: eps must be in (0, 0.5), got {eps!r}")
    n = p.shape[0]
    eps = max(eps, float(np.finfo(p.dtype).eps))  # 1 - 1e-12 would round to 1 in float32
    pc = np.clip(p, eps, 1 - eps)
    loss = -float(np.sum(t * np.log(pc) + (1 - t) * np.log1p(-pc))) / n
    grad = (pc - t) / (pc * (1 - pc)) / n
    return loss, grad


def binary_cross_entropy_with_logits(z, t):
    r"""Binary cross-entropy on logits :math:`z`, with the sigmoid built in.

    With :math:`p = \sigma(z)` the per-entry loss simplifies to
    :math:`\log(1 + e^{z}) - t z`, computed stably as
    :math:`\max(z, 0) - t z + \log(1 + e^{-|z|})`:

    .. math:: L = \frac{1}{N}\sum_{n}\sum_{k}\bigl[\max(z_{nk},0) - t_{nk} z_{nk}
              + \log(1 + e^{-|z_{nk}|})\bigr],
              \qquad \frac{\partial L}{\partial z} = \frac{1}{N}(\sigma(z) - t)

    A **mean over the batch**, summed over the ``K`` outputs.

    Parameters
    ----------
    z : array_like, shape ``(N,)`` or ``(N, K)``
        Logits (any real numbers).
    t : array_like, same shape as ``z``
        Targets in :math:`[0, 1]`.

    Returns
    -------
    loss : float
    grad : ndarray, shape of ``z``
    """
    z, t = _pred_and_binary_target(z, t, "binary_cross_entropy_with_logits", "z")
    n = z.shape[0]
    with np.errstate(under="ignore"):
        per_entry = np.maximum(z, 0) - t * z + np.log1p(np.exp(-np.abs(z)))
    loss = float(np.sum(per_entry)) / n
    grad = (sigmoid(z) - t) / n
    return loss, grad


def softmax_cross_entropy(logits, t):
    r"""Softmax followed by cross-entropy, computed from the logits via log-sum-exp.

    .. math:: L = -\frac{1}{N}\sum_{n}\sum_{k} T_{nk}\,\log\mathrm{softmax}(z_n)_k
              = \frac{1}{N}\sum_n \Bigl[\log\sum_j e^{z_{nj}} - \sum_k T_{nk} z_{nk}\Bigr],

    .. math:: \frac{\partial L}{\partial z} = \frac{1}{N}\bigl(\mathrm{softmax}(z) - T\bigr)

    where :math:`T` is the one-hot (or soft) target matrix.  A **mean over the
    batch**.

    Parameters
    ----------
    logits : array_like, shape ``(N, K)``
        Unnormalised class scores.
    t : array_like, shape ``(N,)`` or ``(N, K)``
        Either integer class labels in ``0 .. K-1`` or a one-hot / probability
        matrix whose rows sum to 1.

    Returns
    -------
    loss : float
    grad : ndarray, shape ``(N, K)``
    """
    where = "softmax_cross_entropy"
    z = as_float_array(logits, "logits", where, ndim=2, expected="(N, K)")
    n, k = z.shape
    if n == 0:
        raise ValueError(f"{where}: logits is an empty batch (shape {fmt_shape(z.shape)})")
    t_arr = np.asarray(t)
    labels = T = None
    if t_arr.ndim == 1:
        labels = as_label_array(t_arr, "t", where, n=n)
        if labels.size and _any_label_outside(labels, k):
            raise ValueError(
                f"{where}: t holds labels in [{labels.min()}, {labels.max()}], expected 0 .. {k - 1} "
                f"for logits with K={k} columns"
            )
    elif t_arr.ndim == 2:
        T = as_float_array(t_arr, "t", where, dtype=z.dtype)
        if T.shape != z.shape:
            raise ValueError(
                f"{where}: t has shape {fmt_shape(T.shape)} but logits has shape {fmt_shape(z.shape)}; "
                f"give one-hot targets of shape {fmt_shape(z.shape)} or integer labels of shape ({n},)"
            )
        if np.any(T < 0) or not np.allclose(T.sum(axis=1), 1.0):
            raise ValueError(f"{where}: each row of t must be a probability vector (non-negative, summing to 1)")
    else:
        raise ValueError(
            f"{where}: t has shape {fmt_shape(t_arr.shape)}, expected integer labels ({n},) or one-hot ({n}, {k})"
        )
    # Shift each row by its largest logit, s = z - max_k z_k: softmax and the loss do not change, and the
    # largest exponent is e^0 = 1, so nothing overflows.  Then log-sum-exp(z) - z = log(sum_j e^s_j) - s.
    # The work is done on the transpose, one column per example (a copy: the caller's logits are never
    # changed): NumPy reduces down the columns over whole rows at once, while a reduction along each
    # row of a few classes pays its cost per row (about 2x faster for 64 rows of 10, 7x for 512).
    s = z.T.copy()                                   # (K, N)
    s -= s.max(axis=0)
    with np.errstate(under="ignore"):
        grad = np.exp(s)
    total = grad.sum(axis=0)                         # (N,)
    grad /= total                                    # softmax(z), transposed
    log_total = np.log(total)
    if T is not None:
        loss = float(np.sum(T.T * (log_total - s))) / n
        grad -= T.T
    else:  # labels: T is one-hot, so pick each example's entry instead of building T
        cols = np.arange(n)
        loss = float((log_total - s[labels, cols]).sum()) / n
        grad[labels, cols] -= 1
    grad /= n
    return loss, np.ascontiguousarray(grad.T)


#: Name -> loss function, for widgets and configuration by name.
LOSSES = {
    "mse": mse,
    "binary_cross_entropy": binary_cross_entropy,
    "binary_cross_entropy_with_logits": binary_cross_entropy_with_logits,
    "softmax_cross_entropy": softmax_cross_entropy,
}
