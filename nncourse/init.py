r"""Weight initialisation.

A weight matrix ``W`` of shape ``(fan_in, fan_out)`` maps ``fan_in`` inputs to
``fan_out`` units (``out = x @ W + b``).  If its entries have variance
:math:`\mathrm{Var}(W)`, a unit's pre-activation has variance about
:math:`\mathrm{fan\_in} \cdot \mathrm{Var}(W) \cdot \mathrm{Var}(x)`.  The
schemes below choose :math:`\mathrm{Var}(W)` so that this stays of order one
from layer to layer, neither exploding nor vanishing:

* **Xavier / Glorot** (Glorot & Bengio, 2010), for tanh and sigmoid:
  :math:`\mathrm{Var}(W) = 2 / (\mathrm{fan\_in} + \mathrm{fan\_out})`,
  a compromise between the forward pass (wants :math:`1/\mathrm{fan\_in}`) and
  the backward pass (wants :math:`1/\mathrm{fan\_out}`).
* **He / Kaiming** (He et al., 2015), for ReLU:
  :math:`\mathrm{Var}(W) = 2 / \mathrm{fan\_in}`; the factor 2 makes up for
  ReLU zeroing half of its inputs.

Biases are usually initialised to zero.  Every function takes the random
generator explicitly and returns float64.
"""

from __future__ import annotations

import numpy as np

from ._validate import check_int, check_positive, check_rng

__all__ = ["xavier", "he", "normal", "INITIALIZERS"]

_DISTRIBUTIONS = ("uniform", "normal")


def _check(fan_in, fan_out, rng, where):
    fan_in = check_int(fan_in, "fan_in", where, minimum=1)
    fan_out = check_int(fan_out, "fan_out", where, minimum=1)
    rng = check_rng(rng, "rng", where)
    return fan_in, fan_out, rng


def _draw(rng, std, shape, distribution, where):
    if distribution == "normal":
        return rng.normal(0.0, std, size=shape)
    if distribution == "uniform":
        a = np.sqrt(3.0) * std  # U(-a, a) has variance a^2 / 3
        return rng.uniform(-a, a, size=shape)
    raise ValueError(f"{where}: distribution must be one of {_DISTRIBUTIONS}, got {distribution!r}")


def xavier(fan_in, fan_out, rng, distribution="uniform"):
    r"""Xavier/Glorot initialisation, :math:`\mathrm{Var}(W) = \dfrac{2}{\mathrm{fan\_in} + \mathrm{fan\_out}}`.

    Parameters
    ----------
    fan_in, fan_out : int
        Number of inputs and outputs of the layer.
    rng : numpy.random.Generator
    distribution : {"uniform", "normal"}, default "uniform"
        ``"uniform"`` draws from :math:`U(-a, a)` with
        :math:`a = \sqrt{6 / (\mathrm{fan\_in} + \mathrm{fan\_out})}` as in the
        paper; ``"normal"`` from :math:`\mathcal N(0, 2/(\mathrm{fan\_in}+\mathrm{fan\_out}))`.

    Returns
    -------
    W : ndarray of float64, shape ``(fan_in, fan_out)``
    """
    where = "xavier"
    fan_in, fan_out, rng = _check(fan_in, fan_out, rng, where)
    std = np.sqrt(2.0 / (fan_in + fan_out))
    return _draw(rng, std, (fan_in, fan_out), distribution, where)


def he(fan_in, fan_out, rng, distribution="normal"):
    r"""He/Kaiming initialisation for ReLU layers, :math:`\mathrm{Var}(W) = \dfrac{2}{\mathrm{fan\_in}}`.

    Parameters
    ----------
    fan_in, fan_out : int
    rng : numpy.random.Generator
    distribution : {"normal", "uniform"}, default "normal"
        ``"normal"`` draws from :math:`\mathcal N(0, 2/\mathrm{fan\_in})` as in
        the paper; ``"uniform"`` from :math:`U(-a, a)` with
        :math:`a = \sqrt{6/\mathrm{fan\_in}}`.

    Returns
    -------
    W : ndarray of float64, shape ``(fan_in, fan_out)``
    """
    where = "he"
    fan_in, fan_out, rng = _check(fan_in, fan_out, rng, where)
    std = np.sqrt(2.0 / fan_in)
    return _draw(rng, std, (fan_in, fan_out), distribution, where)


def normal(fan_in, fan_out, rng, scale=0.01):
    r"""Plain Gaussian initialisation :math:`W_{ij} \sim \mathcal N(0, \mathrm{scale}^2)`.

    The "small random numbers" recipe; fine for shallow networks, but for deep
    ones the signal shrinks (small ``scale``) or blows up (large ``scale``)
    layer by layer, which is what :func:`xavier` and :func:`he` fix.

    Parameters
    ----------
    fan_in, fan_out : int
    rng : numpy.random.Generator
    scale : float, default 0.01
        Standard deviation.

    Returns
    -------
    W : ndarray of float64, shape ``(fan_in, fan_out)``
    """
    where = "normal"
    fan_in, fan_out, rng = _check(fan_in, fan_out, rng, where)
    scale = check_positive(scale, "scale", where)
    return rng.normal(0.0, scale, size=(fan_in, fan_out))


#: Name -> initialiser, as accepted by ``Linear.create(init=...)``.
INITIALIZERS = {"he": he, "xavier": xavier, "normal": normal}
