r"""Optimizers and learning-rate schedules.

An optimizer turns gradients into parameter updates.  Each one here is a small
class whose state is a set of named, documented attributes you can inspect
between steps (``velocity``, ``m``, ``v``, ``t``, ...), with one method::

    optimizer.step(params, grads)

``params`` and ``grads`` are dicts with the same keys (for example
``model.params()`` and ``model.grads()``); the arrays in ``params`` are
updated **in place**, so the model sees the new values.  Per-parameter state is
kept in dicts under the same keys, created (as zeros) on the first step.

Every update rule is written once, in the docstring and in ``step``, using
:math:`\theta` for a parameter, :math:`g` for its gradient and
:math:`\eta` for the learning rate ``lr``.

Schedules are plain callables ``schedule(step) -> lr``; assign the result to
``optimizer.lr`` before stepping (``fit(..., schedule=...)`` does this once
per epoch).
"""

from __future__ import annotations

import functools

import numpy as np

from ._validate import check_int, check_nonnegative, check_positive, check_probability, fmt_shape

__all__ = [
    "Optimizer",
    "SGD",
    "GD",
    "Momentum",
    "Adagrad",
    "RMSprop",
    "Adam",
    "constant",
    "linear_decay",
    "step_decay",
    "save_params",
    "restore_params",
]


def _check_pairs(params, grads, where):
    if not isinstance(params, dict):
        raise TypeError(f"{where}: params must be a dict name -> array (e.g. model.params()), got "
                        f"{type(params).__name__}")
    if not isinstance(grads, dict):
        raise TypeError(f"{where}: grads must be a dict name -> array (e.g. model.grads()), got {type(grads).__name__}")
    if params.keys() != grads.keys():
        missing = sorted(set(params) - set(grads))
        extra = sorted(set(grads) - set(params))
        raise ValueError(
            f"{where}: params and grads must have the same keys; missing from grads: {missing}, "
            f"not in params: {extra}"
        )
    for k, p in params.items():
        if not isinstance(p, np.ndarray) or p.dtype.kind != "f":
            raise TypeError(
                f"{where}: params[{k!r}] must be a float ndarray updated in place, got "
                f"{type(p).__name__}{'' if not isinstance(p, np.ndarray) else ' of dtype ' + str(p.dtype)}"
            )
        g = grads[k]
        if (g.shape if isinstance(g, np.ndarray) else np.shape(g)) != p.shape:
            raise ValueError(
                f"{where}: grads[{k!r}] has shape {fmt_shape(np.shape(g))}, expected {fmt_shape(p.shape)} "
                f"(the shape of params[{k!r}])"
            )


@functools.cache
def _blas_axpy(char):
    """BLAS ``axpy`` for the dtype with character ``char`` ('f' float32, 'd' float64), else ``None``.

    ``None`` too without SciPy (which comes with scikit-learn).
    """
    if char not in ("f", "d"):
        return None
    try:
        from scipy.linalg.blas import get_blas_funcs
    except ImportError:  # pragma: no cover
        return None
    return get_blas_funcs("axpy", dtype=np.dtype(char))


def _axpy(a, x, y):
    r"""``y += a * x`` in place, for a float ``a``.

    A training step spends most of its update time here.  NumPy needs two passes
    over the arrays (``a * x`` into a temporary, then the sum); BLAS's
    ``axpy`` does it in one, several times faster for a weight matrix.  It may
    round :math:`a x + y` once (a fused multiply-add) where NumPy rounds twice,
    so results can differ from ``y += a * x`` in the last bit.  Arrays BLAS
    cannot take (other dtypes, non-contiguous ones) use NumPy.
    """
    axpy = _blas_axpy(y.dtype.char) if x.dtype == y.dtype else None
    y_flags = y.flags
    if axpy is not None and x.flags.c_contiguous and y_flags.c_contiguous and y_flags.writeable:
        axpy(x.reshape(-1), y.reshape(-1), a=a)  # views of the same memory: y is updated in place
    else:
        y += a * x


class Optimizer:
    r"""Base class.  Subclasses implement :meth:`_update` for one parameter.

    Attributes
    ----------
    lr : float
        Learning rate :math:`\eta`; may be changed between steps (schedules).
    """

    #: Names of the per-parameter state dicts, for :meth:`reset` and ``repr``.
    state_names: tuple = ()

    def __init__(self, lr):
        self.lr = check_positive(lr, "lr", type(self).__name__)

    def step(self, params, grads):
        """Update every array in ``params`` in place from the matching entry of ``grads``.

        Parameters
        ----------
        params : dict name -> ndarray
        grads : dict name -> ndarray, same keys and shapes
        """
        _check_pairs(params, grads, f"{type(self).__name__}.step")
        self._begin_step()
        for name, p in params.items():
            g = grads[name]
            self._update(name, p, g if type(g) is np.ndarray else np.asarray(g))

    def _begin_step(self):
        pass

    def _update(self, name, p, g):  # pragma: no cover - abstract
        raise NotImplementedError

    def _state(self, store, name, p):
        if name not in store:
            store[name] = np.zeros_like(p)
        return store[name]

    def reset(self):
        """Forget all state (as if no step had been taken)."""
        for attr in self.state_names:
            setattr(self, attr, {})

    def __repr__(self):
        return f"{type(self).__name__}(lr={self.lr})"


class SGD(Optimizer):
    r"""(Stochastic) gradient descent: :math:`\theta \leftarrow \theta - \eta\, g`.

    Whether this is full-batch gradient descent or SGD depends only on the
    batch the gradient was computed on.  No state.

    Parameters
    ----------
    lr : float
        Learning rate :math:`\eta > 0`.
    """

    def _update(self, name, p, g):
        _axpy(-self.lr, g, p)  # p -= lr * g


#: Full-batch gradient descent is SGD with the whole training set as batch.
GD = SGD


class Momentum(Optimizer):
    r"""SGD with (heavy-ball) momentum.

    .. math:: v \leftarrow \gamma v - \eta g, \qquad \theta \leftarrow \theta + v

    The velocity :math:`v` is the previous *update* :math:`\Delta\theta`, so
    this is the lecture's rule
    :math:`\theta_{t+1} = \theta_t - \eta g_t + \gamma\,\Delta\theta_{t-1}`
    written in two steps: substituting the first line into the second gives
    exactly :math:`\theta \leftarrow \theta - \eta g + \gamma v_{\text{old}}`.
    With :math:`\gamma = 0` it is plain SGD; for a constant gradient the step
    grows to :math:`\eta g / (1 - \gamma)`, ten times SGD's for
    :math:`\gamma = 0.9`.

    Parameters
    ----------
    lr : float
    gamma : float in ``[0, 1)``, default 0.9
        Momentum coefficient.

    Attributes
    ----------
    velocity : dict name -> ndarray
        :math:`v` for each parameter (zeros before the first step).
    """

    state_names = ("velocity",)

    def __init__(self, lr, gamma=0.9):
        super().__init__(lr)
        self.gamma = check_probability(gamma, "gamma", "Momentum")
        self.velocity = {}

    def _update(self, name, p, g):
        v = self._state(self.velocity, name, p)
        v *= self.gamma
        _axpy(-self.lr, g, v)  # v -= lr * g
        p += v

    def __repr__(self):
        return f"Momentum(lr={self.lr}, gamma={self.gamma})"


class Adagrad(Optimizer):
    r"""Adagrad: per-coordinate steps shrinking with the accumulated squared gradient.

    .. math:: G \leftarrow G + g \odot g, \qquad
              \theta \leftarrow \theta - \eta\, \frac{g}{\sqrt{G} + \epsilon}

    Coordinates with large past gradients take small steps and vice versa.
    Because :math:`G` only grows, the effective learning rate decays towards 0.

    Parameters
    ----------
    lr : float
    eps : float, default 1e-8
        Added to :math:`\sqrt G` to avoid division by zero.

    Attributes
    ----------
    sum_sq : dict name -> ndarray
        :math:`G`, the running sum of squared gradients.
    """

    state_names = ("sum_sq",)

    def __init__(self, lr, eps=1e-8):
        super().__init__(lr)
        self.eps = check_positive(eps, "eps", "Adagrad")
        self.sum_sq = {}

    def _update(self, name, p, g):
        G = self._state(self.sum_sq, name, p)
        G += g * g
        p -= self.lr * g / (np.sqrt(G) + self.eps)

    def __repr__(self):
        return f"Adagrad(lr={self.lr}, eps={self.eps})"


class RMSprop(Optimizer):
    r"""RMSprop: Adagrad with a leaky (exponentially weighted) average instead of a sum.

    .. math:: s \leftarrow \rho s + (1 - \rho)\, g \odot g, \qquad
              \theta \leftarrow \theta - \eta\, \frac{g}{\sqrt{s} + \epsilon}

    Parameters
    ----------
    lr : float
    rho : float in ``[0, 1)``, default 0.9
        Decay rate of the average.
    eps : float, default 1e-8

    Attributes
    ----------
    mean_sq : dict name -> ndarray
        :math:`s`, the running mean of squared gradients.
    """

    state_names = ("mean_sq",)

    def __init__(self, lr, rho=0.9, eps=1e-8):
        super().__init__(lr)
        self.rho = check_probability(rho, "rho", "RMSprop")
        self.eps = check_positive(eps, "eps", "RMSprop")
        self.mean_sq = {}

    def _update(self, name, p, g):
        s = self._state(self.mean_sq, name, p)
        s *= self.rho
        s += (1.0 - self.rho) * g * g
        p -= self.lr * g / (np.sqrt(s) + self.eps)

    def __repr__(self):
        return f"RMSprop(lr={self.lr}, rho={self.rho}, eps={self.eps})"


class Adam(Optimizer):
    r"""Adam: momentum on the gradient and RMSprop scaling, both bias-corrected.

    At step :math:`t = 1, 2, \dots`:

    .. math::
        m &\leftarrow \beta_1 m + (1 - \beta_1)\, g \\
        v &\leftarrow \beta_2 v + (1 - \beta_2)\, g \odot g \\
        \hat m &= m / (1 - \beta_1^t), \qquad \hat v = v / (1 - \beta_2^t) \\
        \theta &\leftarrow \theta - \eta\, \frac{\hat m}{\sqrt{\hat v} + \epsilon}

    :math:`m` and :math:`v` start at zero, so early on they are biased towards
    zero; dividing by :math:`1 - \beta^t` removes that bias (at :math:`t = 1`,
    :math:`\hat m = g` exactly), which is why the first step has size about
    :math:`\eta` in every coordinate.

    Parameters
    ----------
    lr : float
    beta1 : float in ``[0, 1)``, default 0.9
    beta2 : float in ``[0, 1)``, default 0.999
    eps : float, default 1e-8

    Attributes
    ----------
    m : dict name -> ndarray
        First-moment (mean) estimate of the gradient.
    v : dict name -> ndarray
        Second-moment estimate (mean of the squared gradient).
    t : int
        Number of steps taken, shared by all parameters.
    """

    state_names = ("m", "v")

    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__(lr)
        self.beta1 = check_probability(beta1, "beta1", "Adam")
        self.beta2 = check_probability(beta2, "beta2", "Adam")
        self.eps = check_positive(eps, "eps", "Adam")
        self.m = {}
        self.v = {}
        self.t = 0

    def _begin_step(self):
        self.t += 1

    def _update(self, name, p, g):
        m = self._state(self.m, name, p)
        v = self._state(self.v, name, p)
        m *= self.beta1
        m += (1.0 - self.beta1) * g
        v *= self.beta2
        v += (1.0 - self.beta2) * g * g
        m_hat = m / (1.0 - self.beta1 ** self.t)
        v_hat = v / (1.0 - self.beta2 ** self.t)
        p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)

    def reset(self):
        super().reset()
        self.t = 0

    def __repr__(self):
        return f"Adam(lr={self.lr}, beta1={self.beta1}, beta2={self.beta2}, eps={self.eps})"


# ---------------------------------------------------------------------------
# Learning-rate schedules
# ---------------------------------------------------------------------------

def _schedule(where, rate):
    """``rate(s)`` as a schedule: ``schedule(step)`` first checks that ``step`` is a whole number >= 0."""

    def schedule(step):
        return rate(check_int(step, "step", f"{where} schedule", minimum=0))

    return schedule


def constant(lr):
    r"""Schedule :math:`\eta(s) = \eta` for every step or epoch :math:`s`.

    Returns
    -------
    callable
        ``schedule(s) -> float``.
    """
    lr = check_positive(lr, "lr", "constant")
    return _schedule("constant", lambda s: lr)


def linear_decay(lr0, lr_min, n_steps):
    r"""Schedule decaying linearly from ``lr0`` to ``lr_min`` over ``n_steps``, then flat.

    .. math:: \eta(s) = \eta_0 + (\eta_{\min} - \eta_0)\,\min(s / n, 1)

    Parameters
    ----------
    lr0 : float
        Learning rate at :math:`s = 0`.
    lr_min : float
        Learning rate from :math:`s = n` on.
    n_steps : int
        Length :math:`n` of the decay.

    Returns
    -------
    callable
        ``schedule(s) -> float``, the rate :math:`\eta(s)` above; ``s`` must be
        a whole number >= 0.
    """
    where = "linear_decay"
    lr0 = check_positive(lr0, "lr0", where)
    lr_min = check_nonnegative(lr_min, "lr_min", where)
    n_steps = check_int(n_steps, "n_steps", where, minimum=1)
    return _schedule(where, lambda s: lr0 + (lr_min - lr0) * min(s / n_steps, 1.0))


def step_decay(lr0, factor, every):
    r"""Schedule multiplying the rate by ``factor`` every ``every`` steps (or epochs).

    .. math:: \eta(s) = \eta_0 \cdot \mathrm{factor}^{\lfloor s / \mathrm{every} \rfloor}

    Parameters
    ----------
    lr0 : float
    factor : float in ``(0, 1]``
        E.g. 0.5 halves the rate.
    every : int
        Interval between drops.

    Returns
    -------
    callable
        ``schedule(s) -> float``.
    """
    where = "step_decay"
    lr0 = check_positive(lr0, "lr0", where)
    factor = check_positive(factor, "factor", where)
    if factor > 1:
        raise ValueError(f"{where}: factor must be in (0, 1], got {factor!r}")
    every = check_int(every, "every", where, minimum=1)
    return _schedule(where, lambda s: lr0 * factor ** (s // every))


# ---------------------------------------------------------------------------
# Snapshots of parameters
# ---------------------------------------------------------------------------

def save_params(params):
    """Deep copy of a parameter dict, e.g. to remember the best model so far.

    Parameters
    ----------
    params : dict name -> ndarray

    Returns
    -------
    dict name -> ndarray
        New arrays, unaffected by later in-place updates.
    """
    if not isinstance(params, dict):
        raise TypeError(f"save_params: params must be a dict name -> array, got {type(params).__name__}")
    return {k: np.array(v, copy=True) for k, v in params.items()}


def restore_params(params, saved):
    """Copy the values in ``saved`` back into the arrays of ``params``, in place.

    In place, so the model (and the optimizer's state keyed by the same names)
    keeps referring to the same arrays.

    Parameters
    ----------
    params : dict name -> ndarray
        Usually ``model.params()``.
    saved : dict name -> ndarray
        From :func:`save_params`; same keys and shapes.
    """
    where = "restore_params"
    if not isinstance(params, dict) or not isinstance(saved, dict):
        raise TypeError(f"{where}: params and saved must be dicts name -> array")
    if params.keys() != saved.keys():
        raise ValueError(
            f"{where}: saved has keys {sorted(saved)}, expected the keys of params {sorted(params)}"
        )
    for k, p in params.items():
        if np.shape(saved[k]) != p.shape:
            raise ValueError(f"{where}: saved[{k!r}] has shape {fmt_shape(np.shape(saved[k]))}, expected "
                             f"{fmt_shape(p.shape)}")
    for k, p in params.items():
        p[...] = saved[k]
