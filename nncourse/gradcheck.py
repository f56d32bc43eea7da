r"""Gradient checking: compare a backward pass with finite differences.

Backpropagation is easy to get subtly wrong and hard to debug by looking at
training curves.  The cure is to compare the analytic gradient with a
numerical one.  The two-sided (central) difference

.. math:: \frac{\partial f}{\partial x_i} \approx
          \frac{f(x + h e_i) - f(x - h e_i)}{2h}

has error :math:`O(h^2)`, against :math:`O(h)` for the one-sided difference,
so in float64 with :math:`h = 10^{-5}` a correct gradient typically agrees to
a relative error of :math:`10^{-8}` or better, while a wrong one is off by
:math:`10^{-2}` or more.  We measure agreement with

.. math:: \mathrm{rel}(a, b) = \max_i \frac{|a_i - b_i|}{\max(|a_i| + |b_i|,\ \text{tiny})}.

The measure is per entry, so an entry that is nearly zero in a large
gradient (a softmax probability of :math:`10^{-6}`, say) can fail on
round-off alone: the numerical estimate carries an absolute error of about
:math:`\epsilon_{\text{mach}}|f|/h \approx 10^{-11}`.  Check at moderate
inputs (unit-scale weights and logits), where every entry is well above that.

Always gradient-check in float64: in float32 the rounding error of
:math:`f` divided by :math:`2h` swamps the difference you are trying to see.
"""

from __future__ import annotations

import numpy as np

from ._validate import check_positive, check_rng, fmt_shape

__all__ = ["numerical_gradient", "rel_error", "check_layer", "check_model", "GradCheckReport"]


def numerical_gradient(f, x, h=1e-5):
    r"""Two-sided finite-difference gradient of a scalar function.

    Each entry :math:`x_i` is nudged to :math:`x_i \pm h` *in place*, ``f`` is
    evaluated, and the entry is put back, so ``f`` may read ``x`` through a
    closure (for example a layer's weight matrix) rather than from its
    argument.  ``x`` is restored exactly, even if ``f`` raises.

    Parameters
    ----------
    f : callable
        ``f(x) -> float``; must return a scalar.
    x : ndarray of float64, any shape
        The point at which to differentiate; modified temporarily.
    h : float, default 1e-5
        Step size.

    Returns
    -------
    grad : ndarray of float64, shape of ``x``
        :math:`\partial f / \partial x` estimated by central differences.

    Examples
    --------
    >>> x = np.array([1.0, 2.0])
    >>> numerical_gradient(lambda v: np.sum(v ** 2), x)   # close to 2x
    array([2., 4.])
    """
    where = "numerical_gradient"
    if not callable(f):
        raise TypeError(f"{where}: f must be a callable returning a scalar, got {type(f).__name__}")
    if not isinstance(x, np.ndarray):
        raise TypeError(
            f"{where}: x must be a NumPy array (it is perturbed in place), got {type(x).__name__}; "
            f"use np.asarray(x, dtype=np.float64)"
        )
    if x.dtype != np.float64:
        raise TypeError(
            f"{where}: x has dtype {x.dtype}, expected float64; finite differences are too "
            f"inaccurate in lower precision (use x.astype(np.float64))"
        )
    h = check_positive(h, "h", where)

    def evaluate():
        value = f(x)
        arr = np.asarray(value)
        if arr.size != 1 or not np.issubdtype(arr.dtype, np.number):
            raise TypeError(
                f"{where}: f must return a scalar, got {type(value).__name__}"
                + (f" of shape {fmt_shape(arr.shape)}" if arr.ndim else "")
            )
        return float(arr.reshape(()))

    grad = np.zeros(x.shape, dtype=np.float64)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        try:
            x[idx] = old + h
            f_plus = evaluate()
            x[idx] = old - h
            f_minus = evaluate()
        finally:
            x[idx] = old
        grad[idx] = (f_plus - f_minus) / (2.0 * h)
    return grad


def rel_error(a, b, tiny=1e-12):
    r"""Worst-case relative error :math:`\max_i |a_i - b_i| / \max(|a_i| + |b_i|, \text{tiny})`.

    Parameters
    ----------
    a, b : array_like, same shape
        Typically an analytic and a numerical gradient.
    tiny : float, default 1e-12
        Floor of the denominator, so that two (near-)zero entries count as equal
        rather than dividing 0 by 0.

    Returns
    -------
    float
        0 for identical inputs; at most 1 (reached when entries have opposite
        signs or one is zero).  Below ``1e-7`` a float64 gradient check passes.
    """
    where = "rel_error"
    a_arr = np.asarray(a, dtype=np.float64)
    b_arr = np.asarray(b, dtype=np.float64)
    if a_arr.shape != b_arr.shape:
        raise ValueError(
            f"{where}: a has shape {fmt_shape(a_arr.shape)} but b has shape {fmt_shape(b_arr.shape)}; "
            f"they must match"
        )
    tiny = check_positive(tiny, "tiny", where)
    if a_arr.size == 0:
        return 0.0
    num = np.abs(a_arr - b_arr)
    den = np.maximum(np.abs(a_arr) + np.abs(b_arr), tiny)
    return float(np.max(num / den))


class GradCheckReport(dict):
    """Worst relative error per checked array, as a ``dict`` name -> float.

    The input gradient is reported under ``"x"``, parameters under their names
    from ``params()`` (``"W"``, ``"b"``, or ``"0.W"`` in a ``Sequential``).

    Attributes
    ----------
    worst : float
        The largest error over all names.
    """

    @property
    def worst(self) -> float:
        return max(self.values(), default=0.0)

    def passed(self, tol=1e-7) -> bool:
        """True if every error is below ``tol``."""
        return self.worst < tol

    def __str__(self) -> str:
        lines = [f"{'name':>10}  rel. error"]
        lines += [f"{name:>10}  {err:.2e}" for name, err in self.items()]
        return "\n".join(lines)


def _require_deterministic(model, where):
    """Refuse to gradient-check a model with a stochastic layer in training mode."""
    layers = list(getattr(model, "layers", [])) or [model]
    for layer in layers:
        if getattr(layer, "stochastic", False) and getattr(layer, "training", False):
            raise ValueError(
                f"{where}: {type(layer).__name__} is in training mode and draws a new random mask on "
                f"every forward pass, so finite differences are meaningless; call .eval() first"
            )


def _float64_params(model, where):
    params = model.params()
    for name, p in params.items():
        if not isinstance(p, np.ndarray) or p.dtype != np.float64:
            raise TypeError(
                f"{where}: parameter {name!r} has dtype {getattr(p, 'dtype', type(p).__name__)}, "
                f"expected a float64 array (gradient checks need float64)"
            )
    return params


def check_layer(layer, x, rng=None, h=1e-5):
    r"""Check a layer's ``backward`` (input gradient and every parameter gradient).

    The layer is reduced to the scalar :math:`f = \sum \mathrm{out} \odot G`
    with a fixed random upstream gradient :math:`G` (so every output entry
    matters and with a different weight); its exact gradient is what
    ``backward(G)`` returns for the input and stores for each parameter.
    Both are compared with :func:`numerical_gradient`.

    Parameters
    ----------
    layer : Layer
        Anything with ``forward``, ``backward``, ``params`` and ``grads``;
        float64 parameters; deterministic (call ``.eval()`` on dropout).
    x : array_like, shape ``(batch, in)``
        Input at which to check; converted to float64.
    rng : numpy.random.Generator, optional
        Draws the upstream gradient.  By default a fixed-seed generator, so
        the check is reproducible.
    h : float, default 1e-5
        Finite-difference step.

    Returns
    -------
    GradCheckReport
        ``{"x": err, "W": err, "b": err, ...}``, worst relative error for each.
    """
    where = "check_layer"
    rng = np.random.default_rng(0) if rng is None else check_rng(rng, "rng", where)
    _require_deterministic(layer, where)
    x = np.array(x, dtype=np.float64)  # a private copy we may perturb
    params = _float64_params(layer, where)

    out = layer.forward(x)
    upstream = rng.standard_normal(np.shape(out))
    dx = layer.backward(upstream)

    def f(_):
        return float(np.sum(layer.forward(x) * upstream))

    return _against_finite_differences(layer, x, dx, params, f, h)


def check_model(model, loss_fn, x, y, h=1e-5):
    r"""Check backpropagation through a whole model and its loss, parameter by parameter.

    The scalar checked is ``loss_fn(model.forward(x), y)[0]``; the analytic
    gradients come from ``model.backward(grad_of_loss)``.

    Parameters
    ----------
    model : Sequential or Layer
        Float64 parameters; deterministic (call ``.eval()`` if it has dropout).
    loss_fn : callable
        ``loss_fn(output, y) -> (loss, grad)``, e.g.
        :func:`nncourse.losses.softmax_cross_entropy`.
    x : array_like, shape ``(batch, in)``
    y : array_like
        Targets in whatever form ``loss_fn`` expects.
    h : float, default 1e-5

    Returns
    -------
    GradCheckReport
        Worst relative error for ``"x"`` and for every parameter
        (``"0.W"``, ``"0.b"``, ``"2.W"``, ...).
    """
    where = "check_model"
    if not callable(loss_fn):
        raise TypeError(f"{where}: loss_fn must be callable, got {type(loss_fn).__name__}")
    _require_deterministic(model, where)
    x = np.array(x, dtype=np.float64)
    params = _float64_params(model, where)

    _, g = loss_fn(model.forward(x), y)
    dx = model.backward(g)

    def f(_):
        return loss_fn(model.forward(x), y)[0]

    return _against_finite_differences(model, x, dx, params, f, h)


def _against_finite_differences(module, x, dx, params, f, h) -> "GradCheckReport":
    """Worst relative error of ``dx`` and of ``module.grads()`` against :func:`numerical_gradient` of the
    scalar ``f`` with respect to ``x`` and to each array of ``params`` (perturbed in place, restored);
    the module's cache is left consistent with ``x``."""
    grads = module.grads()
    analytic = {"x": np.array(dx, dtype=np.float64)}
    for name in params:
        analytic[name] = np.array(grads[name], dtype=np.float64)
    report = GradCheckReport()
    report["x"] = rel_error(analytic["x"], numerical_gradient(f, x, h))
    for name, p in params.items():
        report[name] = rel_error(analytic[name], numerical_gradient(f, p, h))
    module.forward(x)
    return report
