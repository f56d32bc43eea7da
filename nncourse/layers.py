r"""Layers: a functional core and thin classes around it.

The maths of a fully connected layer is two small functions that mirror the
lecture slides::

    out, cache = linear_forward(x, W, b)        # out = x W + b
    dx, dW, db = linear_backward(grad_out, cache)

The classes wrap such pairs for code that wants state.  Every :class:`Layer`

* ``forward(x)`` computes the output and *caches* what the backward pass needs;
* ``backward(grad_out)`` takes :math:`\partial L/\partial\,\mathrm{out}`,
  stores the parameter gradients and returns :math:`\partial L/\partial x`;
* ``params()`` and ``grads()`` return dicts with the *same keys*
  (``"W"``, ``"b"``), holding the layer's own arrays, so an optimizer that
  updates ``params()[k]`` in place updates the layer;
* ``train()`` / ``eval()`` switch the mode (only :class:`Dropout` cares).

Shapes are ``(batch, features)`` throughout: a batch of ``N`` examples is a
matrix with one example per row.

Each public function and method checks its arguments once: ``Linear.forward``
checks ``x`` and runs :func:`linear_forward` without checking again, and an
activation layer checks its input and calls its activation, which finds a
float array it can use as it is.  Training
needs no gradient with respect to the input images, so
``Sequential.backward(grad_out, input_grad=False)`` stops at the first layer
with parameters and lets a :class:`Linear` there skip its largest product
(:func:`nncourse.train.fit` does this, as scikit-learn's MLP does).
"""

from __future__ import annotations

import numpy as np

from . import activations as A
from ._validate import (
    as_float_array,
    check_int,
    check_positive,
    check_probability,
    check_rng,
    fmt_shape,
)
from .init import INITIALIZERS

__all__ = [
    "linear_forward",
    "linear_backward",
    "Layer",
    "Linear",
    "Activation",
    "Sigmoid",
    "Tanh",
    "ReLU",
    "LeakyReLU",
    "Softplus",
    "Maxout",
    "Dropout",
    "Sequential",
]


# ---------------------------------------------------------------------------
# Functional core
# ---------------------------------------------------------------------------

def _check_linear(x, W, b, where):
    W = as_float_array(W, "W", where, ndim=2, expected="(in_features, out_features)")
    n_in, n_out = W.shape
    b = as_float_array(b, "b", where)
    if b.shape != (n_out,):
        raise ValueError(f"{where}: b has shape {fmt_shape(b.shape)}, expected ({n_out},) to match W "
                         f"{fmt_shape(W.shape)}")
    x = as_float_array(x, "x", where)
    if x.ndim != 2 or x.shape[1] != n_in:
        raise ValueError(f"{where}: x has shape {fmt_shape(x.shape)}, expected (batch, {n_in})")
    return x, W, b


def linear_forward(x, W, b, *, _checked=False):
    r"""Affine map :math:`\mathrm{out} = x W + b` for a batch of row vectors.

    Parameters
    ----------
    x : array_like, shape ``(N, D)``
        A batch of ``N`` inputs with ``D`` features each.
    W : array_like, shape ``(D, M)``
        Weights; column ``j`` holds the incoming weights of unit ``j``.
    b : array_like, shape ``(M,)``
        Biases, broadcast over the batch.

    Returns
    -------
    out : ndarray, shape ``(N, M)``
    cache : tuple ``(x, W)``
        What :func:`linear_backward` needs.

    Notes
    -----
    ``_checked=True`` is for :meth:`Linear.forward`, which has checked the
    arrays already (and names itself in its messages).
    """
    if not _checked:
        x, W, b = _check_linear(x, W, b, "linear_forward")
    out = x @ W
    if out.dtype == b.dtype:
        out += b  # the same sum as ``x @ W + b``, without a second (N, M) array
    else:  # e.g. float32 weights with float64 biases: promote as ``x @ W + b`` does
        out = out + b
    return out, (x, W)


def linear_backward(grad_out, cache, *, input_grad=True, _checked=False):
    r"""Backward pass of :func:`linear_forward`.

    With :math:`G = \partial L/\partial\,\mathrm{out}` of shape ``(N, M)``:

    .. math:: \frac{\partial L}{\partial x} = G W^\top, \qquad
              \frac{\partial L}{\partial W} = x^\top G, \qquad
              \frac{\partial L}{\partial b} = \sum_{n} G_{n,:}

    The bias gradient sums over the batch because ``b`` was broadcast to
    every row.  If the loss is a batch mean, :math:`G` already carries the
    :math:`1/N`.

    Parameters
    ----------
    grad_out : array_like, shape ``(N, M)``
    cache : tuple ``(x, W)`` from :func:`linear_forward`
    input_grad : bool, default True
        With ``False``, ``dx`` is not computed (``None`` is returned in its
        place): a network's first layer needs only ``dW`` and ``db`` to
        train, and :math:`G W^\top` is the largest product of its backward
        pass.

    Returns
    -------
    dx : ndarray, shape ``(N, D)``, or None
    dW : ndarray, shape ``(D, M)``
    db : ndarray, shape ``(M,)``

    Notes
    -----
    ``_checked=True`` is for :meth:`Linear.backward`, which has checked
    ``grad_out`` already (and names itself in its messages).
    """
    if not _checked:
        where = "linear_backward"
        if not (isinstance(cache, tuple) and len(cache) == 2):
            raise TypeError(f"{where}: cache must be the (x, W) tuple returned by linear_forward, got "
                            f"{type(cache).__name__}")
        grad_out = _check_grad_out(grad_out, (cache[0].shape[0], cache[1].shape[1]), where, " (the shape of out)")
    x, W = cache
    dx = grad_out @ W.T if input_grad else None
    return dx, x.T @ grad_out, grad_out.sum(axis=0)


def _check_grad_out(grad_out, shape, where, note=""):
    """``grad_out`` as a float array of the layer output's ``shape``, or a ValueError naming both shapes."""
    if type(grad_out) is np.ndarray and grad_out.shape == shape and grad_out.dtype.kind == "f":
        return grad_out  # what the next layer of a network passes back: nothing to convert or report
    grad_out = as_float_array(grad_out, "grad_out", where)
    if grad_out.shape != shape:
        raise ValueError(f"{where}: grad_out has shape {fmt_shape(grad_out.shape)}, expected {fmt_shape(shape)}{note}")
    return grad_out


# ---------------------------------------------------------------------------
# Layer classes
# ---------------------------------------------------------------------------

class Layer:
    """Base class: a differentiable map with optional parameters.

    Subclasses implement :meth:`forward` and :meth:`backward`; layers with
    parameters also override :meth:`params` and :meth:`grads`.

    Attributes
    ----------
    training : bool
        ``True`` in training mode (the default), ``False`` after :meth:`eval`.
    stochastic : bool
        ``True`` for layers whose training-mode output is random (dropout);
        gradient checks refuse those unless in eval mode.
    """

    stochastic = False

    def __init__(self):
        self.training = True

    def forward(self, x):
        """Compute the output for a batch ``x`` of shape ``(batch, in)`` and cache what backward needs."""
        raise NotImplementedError(f"{type(self).__name__}.forward is not implemented")

    def backward(self, grad_out):
        """Given ``grad_out`` = dL/d(out), store parameter gradients and return dL/dx."""
        raise NotImplementedError(f"{type(self).__name__}.backward is not implemented")

    def __call__(self, x):
        return self.forward(x)

    def params(self):
        """Dict name -> parameter array (the layer's own arrays, not copies)."""
        return {}

    def grads(self):
        """Dict name -> gradient array, with the same keys as :meth:`params`."""
        return {}

    def train(self):
        """Switch to training mode; returns ``self``."""
        self.training = True
        return self

    def eval(self):
        """Switch to evaluation mode; returns ``self``."""
        self.training = False
        return self

    def _need_cache(self, cache):
        if cache is None:
            raise RuntimeError(f"{type(self).__name__}.backward called before forward; call forward(x) first")
        return cache

    def __repr__(self):
        return f"{type(self).__name__}()"


class Linear(Layer):
    r"""Fully connected layer :math:`\mathrm{out} = x W + b`.

    Parameters
    ----------
    W : array_like, shape ``(in_features, out_features)``
    b : array_like, shape ``(out_features,)``
        The layer keeps these arrays (no copy if they are already float
        arrays), and optimizers update them in place.

    Attributes
    ----------
    W, b : ndarray
        Parameters.
    dW, db : ndarray or None
        Gradients of the loss w.r.t. ``W`` and ``b``, set by :meth:`backward`.

    See Also
    --------
    Linear.create : build one with a named initialisation.
    """

    def __init__(self, W, b):
        super().__init__()
        where = "Linear"
        W = as_float_array(W, "W", where, ndim=2, expected="(in_features, out_features)")
        b = as_float_array(b, "b", where)
        if b.shape != (W.shape[1],):
            raise ValueError(f"{where}: b has shape {fmt_shape(b.shape)}, expected ({W.shape[1]},) to match W "
                             f"{fmt_shape(W.shape)}")
        self.W, self.b = W, b
        self.dW = None
        self.db = None
        self._cache = None

    @classmethod
    def create(cls, in_features, out_features, rng, init="he", scale=None, dtype=np.float64):
        r"""Build a layer with initialised weights and zero biases.

        Parameters
        ----------
        in_features, out_features : int
        rng : numpy.random.Generator
        init : {"he", "xavier", "normal"}, default "he"
            See :mod:`nncourse.init`.
        scale : float, optional
            For ``"normal"`` the standard deviation (default 0.01); for
            ``"he"`` and ``"xavier"`` a multiplier on the scheme's weights
            (default 1).
        dtype : numpy dtype, default float64

        Returns
        -------
        Linear
        """
        where = "Linear.create"
        in_features = check_int(in_features, "in_features", where, minimum=1)
        out_features = check_int(out_features, "out_features", where, minimum=1)
        rng = check_rng(rng, "rng", where)
        if init not in INITIALIZERS:
            raise ValueError(f"{where}: init must be one of {sorted(INITIALIZERS)}, got {init!r}")
        if init == "normal":
            W = INITIALIZERS[init](in_features, out_features, rng, 0.01 if scale is None else scale)
        else:
            W = INITIALIZERS[init](in_features, out_features, rng)
            if scale is not None:
                W *= check_positive(scale, "scale", where)
        return cls(W.astype(dtype, copy=False), np.zeros(out_features, dtype=dtype))

    @property
    def in_features(self):
        return self.W.shape[0]

    @property
    def out_features(self):
        return self.W.shape[1]

    def forward(self, x):
        """Return ``x @ W + b`` for ``x`` of shape ``(batch, in_features)``; shape ``(batch, out_features)``.

        Checks ``x`` and then runs :func:`linear_forward`.
        """
        x = as_float_array(x, "x", "Linear.forward")
        if x.ndim != 2 or x.shape[1] != self.W.shape[0]:
            raise ValueError(f"Linear.forward: x has shape {fmt_shape(x.shape)}, expected (batch, {self.W.shape[0]})")
        out, self._cache = linear_forward(x, self.W, self.b, _checked=True)
        return out

    def backward(self, grad_out, *, input_grad=True):
        """Store ``dW``, ``db`` and return ``dx`` (see :func:`linear_backward`).

        Parameters
        ----------
        grad_out : array_like, shape ``(batch, out_features)``
        input_grad : bool, default True
            With ``False`` the layer skips :math:`G W^\top` and returns
            ``None``: the first layer of a network being trained needs only
            ``dW`` and ``db``, and this product is the largest of its
            backward pass.  :func:`nncourse.train.fit` asks for it.
        """
        x, W = self._need_cache(self._cache)
        grad_out = _check_grad_out(grad_out, (x.shape[0], W.shape[1]), "Linear.backward")
        dx, self.dW, self.db = linear_backward(grad_out, (x, W), input_grad=input_grad, _checked=True)
        return dx

    def params(self):
        return {"W": self.W, "b": self.b}

    def grads(self):
        if self.dW is None:
            raise RuntimeError("Linear.grads: no gradients yet; call forward and backward first")
        return {"W": self.dW, "b": self.db}

    def __repr__(self):
        return f"Linear(in_features={self.in_features}, out_features={self.out_features})"


class Activation(Layer):
    r"""Elementwise activation :math:`\mathrm{out} = g(z)` with backward :math:`g'(z) \odot \mathrm{grad\_out}`.

    Parameters
    ----------
    fn, prime : callable
        The activation and its derivative, e.g.
        ``nncourse.activations.sigmoid`` and ``sigmoid_prime``.
    """

    def __init__(self, fn, prime):
        super().__init__()
        if not (callable(fn) and callable(prime)):
            raise TypeError("Activation: fn and prime must be callables")
        self.fn, self.prime = fn, prime
        self._z = None
        self._name = type(self).__name__

    def forward(self, x):
        x = as_float_array(x, "x", f"{self._name}.forward")
        self._z = x
        return self.fn(x)

    def backward(self, grad_out):
        z = self._need_cache(self._z)
        grad_out = _check_grad_out(grad_out, z.shape, f"{self._name}.backward", " (the shape of its input)")
        return grad_out * self.prime(z)


class Sigmoid(Activation):
    """Logistic sigmoid layer (see :func:`nncourse.activations.sigmoid`)."""

    def __init__(self):
        super().__init__(A.sigmoid, A.sigmoid_prime)


class Tanh(Activation):
    """Tanh layer (see :func:`nncourse.activations.tanh`)."""

    def __init__(self):
        super().__init__(A.tanh, A.tanh_prime)


class ReLU(Activation):
    """ReLU layer (see :func:`nncourse.activations.relu`)."""

    def __init__(self):
        super().__init__(A.relu, A.relu_prime)

    def backward(self, grad_out):
        z = self._need_cache(self._z)
        grad_out = _check_grad_out(grad_out, z.shape, "ReLU.backward")
        return grad_out * (z > 0)  # grad_out * relu_prime(z) without building the 0/1 float array


class LeakyReLU(Activation):
    """Leaky ReLU layer with slope ``alpha`` for negative inputs (see :func:`nncourse.activations.leaky_relu`)."""

    def __init__(self, alpha=0.01):
        A._check_alpha(alpha, "LeakyReLU")
        self.alpha = alpha
        super().__init__(lambda z: A.leaky_relu(z, alpha), lambda z: A.leaky_relu_prime(z, alpha))

    def __repr__(self):
        return f"LeakyReLU(alpha={self.alpha})"


class Softplus(Activation):
    """Softplus layer (see :func:`nncourse.activations.softplus`)."""

    def __init__(self):
        super().__init__(A.softplus, A.softplus_prime)


class Maxout(Layer):
    """Maxout over groups of ``k`` consecutive units: ``(batch, d)`` -> ``(batch, d // k)``.

    Put it after a :class:`Linear` layer with ``k`` times as many outputs as
    maxout units wanted.  See :func:`nncourse.activations.maxout`.
    """

    def __init__(self, k):
        super().__init__()
        self.k = check_int(k, "k", "Maxout", minimum=1)
        self._z = None

    def forward(self, x):
        x = as_float_array(x, "x", "Maxout.forward")
        out = A.maxout(x, self.k)
        self._z = x
        return out

    def backward(self, grad_out):
        z = self._need_cache(self._z)
        return A.maxout_backward(grad_out, z, self.k)

    def __repr__(self):
        return f"Maxout(k={self.k})"


class Dropout(Layer):
    r"""Inverted dropout.

    In training mode each entry is zeroed with probability ``p`` and the
    survivors are scaled by :math:`1/(1-p)`:

    .. math:: \mathrm{out} = x \odot m, \qquad
              m_{ij} = \begin{cases} 1/(1-p) & \text{with probability } 1-p \\
              0 & \text{with probability } p \end{cases}

    so that :math:`\mathbb E[\mathrm{out}] = x` and nothing needs rescaling at
    test time: in eval mode the layer is the identity.  The backward pass
    multiplies by the same mask.

    Parameters
    ----------
    p : float in ``[0, 1)``
        Probability of **dropping** a unit (not of keeping it).
    rng : numpy.random.Generator
        Draws the masks; a new mask on every training-mode forward pass.

    Attributes
    ----------
    mask : ndarray or None
        The last mask used (already scaled by :math:`1/(1-p)`), ``None`` in eval mode.
    """

    stochastic = True

    def __init__(self, p, rng):
        super().__init__()
        self.p = check_probability(p, "p", "Dropout")
        self.rng = check_rng(rng, "rng", "Dropout")
        self.mask = None
        self._shape = None

    def forward(self, x):
        x = as_float_array(x, "x", "Dropout.forward")
        self._shape = x.shape
        if not self.training or self.p == 0.0:
            self.mask = None
            return x
        keep = 1.0 - self.p
        u = self.rng.random(x.shape, dtype=x.dtype if x.dtype in (np.float32, np.float64) else np.float64)
        self.mask = (u < keep).astype(x.dtype) / x.dtype.type(keep)
        return x * self.mask

    def backward(self, grad_out):
        shape = self._need_cache(self._shape)
        grad_out = _check_grad_out(grad_out, shape, "Dropout.backward")
        return grad_out if self.mask is None else grad_out * self.mask

    def __repr__(self):
        return f"Dropout(p={self.p})"


def _first_with_params(layers):
    """Index of the first layer with parameters (the last index if none has any)."""
    for i, layer in enumerate(layers):
        if isinstance(layer, Linear) or layer.params():
            return i
    return max(len(layers) - 1, 0)


class Sequential(Layer):
    """A chain of layers applied in order; backward runs them in reverse.

    Parameters
    ----------
    *layers : Layer

    Notes
    -----
    Parameters are named ``"<index>.<name>"`` after the layer's position, so
    ``Sequential(Linear(...), ReLU(), Linear(...)).params()`` has keys
    ``"0.W", "0.b", "2.W", "2.b"``, and :meth:`grads` the same keys.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> model = Sequential(Linear.create(2, 8, rng), ReLU(), Linear.create(8, 3, rng))
    >>> model.forward(np.zeros((5, 2))).shape
    (5, 3)
    """

    def __init__(self, *layers):
        super().__init__()
        if len(layers) == 1 and isinstance(layers[0], (list, tuple)):
            raise TypeError("Sequential: pass layers as separate arguments, Sequential(*layers), not a list")
        for i, layer in enumerate(layers):
            if not isinstance(layer, Layer):
                raise TypeError(f"Sequential: argument {i} must be a Layer, got {type(layer).__name__}")
        self.layers = list(layers)

    def forward(self, x):
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def backward(self, grad_out, *, input_grad=True):
        """Run every layer's backward in reverse order; return dL/dx (``None`` if not ``input_grad``).

        With ``input_grad=False`` (what training needs) the gradient is not
        carried past the first layer with parameters: the layers before it
        are skipped and a first :class:`Linear` does not compute its own input
        gradient.  Every parameter gradient is the same either way.
        """
        layers = self.layers
        first = _first_with_params(layers) if not input_grad else 0
        for layer in reversed(layers[first + 1:]):
            grad_out = layer.backward(grad_out)
        if not layers:
            return grad_out
        head = layers[first]
        if input_grad:
            return head.backward(grad_out)
        if type(head).backward in _SKIPS_INPUT_GRAD:
            return head.backward(grad_out, input_grad=False)
        head.backward(grad_out)
        return None

    def params(self):
        return {f"{i}.{k}": v for i, layer in enumerate(self.layers) for k, v in layer.params().items()}

    def grads(self):
        return {f"{i}.{k}": v for i, layer in enumerate(self.layers) for k, v in layer.grads().items()}

    def train(self):
        super().train()
        for layer in self.layers:
            layer.train()
        return self

    def eval(self):
        super().eval()
        for layer in self.layers:
            layer.eval()
        return self

    def __len__(self):
        return len(self.layers)

    def __getitem__(self, i):
        return self.layers[i]

    def __iter__(self):
        return iter(self.layers)

    def __repr__(self):
        inner = ",\n".join(f"  ({i}) {layer!r}" for i, layer in enumerate(self.layers))
        return f"Sequential(\n{inner}\n)"


#: Layer ``backward`` methods that accept ``input_grad=False`` (a subclass that
#: overrides ``backward`` is not assumed to).
_SKIPS_INPUT_GRAD = frozenset({Linear.backward, Sequential.backward})
