r"""Sanity checks for a deep network, run before and while it trains.

Four checks catch most bugs of a hand-built network before hours of training
are spent on it:

1. **Initial loss.** With small random weights the logits are nearly equal,
   the softmax is nearly uniform over the :math:`K` classes, and the mean
   cross-entropy is :math:`-\log(1/K) = \log K` (2.30 for ten digits).  A
   loss far from that means a wrong loss, a wrong scale of initial weights or
   labels in the wrong form: :func:`initial_loss`.
2. **Gradient check of the whole model.** Finite differences against
   backpropagation, every parameter of every layer, on a few examples
   (:func:`gradient_check`, built on :func:`nncourse.gradcheck.check_model`).
3. **Overfit a tiny subset.** A network that is correct can memorise 20
   examples: training accuracy 100% and a loss near 0 after a few hundred
   full-batch steps.  If it cannot, something is broken (or the learning
   rate is far off): :func:`overfit_subset`.
4. **Per-layer health while training.** The update-to-weight ratio
   :math:`\lVert \Delta W_l \rVert / \lVert W_l \rVert` of each layer per step
   (a rule of thumb: around :math:`10^{-3}`; far above, the learning rate is
   too large; far below, the layer hardly learns) and the fraction of *dead*
   ReLU units, those whose output is 0 for every example
   (:func:`update_ratios`, :func:`dead_fraction`, recorded over a run by
   :func:`trace_training` and drawn by :func:`plot_layer_health`).

Models are the library's layers (a :class:`~nncourse.layers.Sequential` of
:class:`~nncourse.layers.Linear` and activation layers, see
:func:`build_mlp`); data are ``(N, D)`` inputs and ``(N,)`` integer labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import losses as L
from ._validate import as_float_array, as_label_array, check_int, check_rng, fmt_shape
from .gradcheck import check_model
from .layers import Linear, ReLU, Sequential
from .train import _check_model as _check_layer
from .train import fit, minibatches, predict

__all__ = [
    "build_mlp",
    "initial_loss",
    "gradient_check",
    "overfit_subset",
    "weight_names",
    "update_ratios",
    "dead_fraction",
    "LayerTrace",
    "trace_training",
    "plot_layer_health",
]


def _check_model(model, where):
    _check_layer(model, where, example="build_mlp(...)")


def _data(X, y, where):
    X = as_float_array(X, "X", where, ndim=2, expected="(N, D)")
    y = as_label_array(y, "y", where, n=X.shape[0])
    if X.shape[0] == 0:
        raise ValueError(f"{where}: X is empty (shape {fmt_shape(X.shape)}); give at least one example")
    return X, y


def build_mlp(sizes, rng, init="he", activation=ReLU):
    r"""A multilayer perceptron ``Linear -> act -> ... -> Linear`` (no activation after the last layer).

    Parameters
    ----------
    sizes : sequence of int, length ``L + 1 >= 2``
        ``[D, H_1, ..., H_{L-1}, K]``: input size, hidden widths, number of classes.
    rng : numpy.random.Generator
    init : {"he", "xavier", "normal"}, default "he"
    activation : Layer class, default :class:`~nncourse.layers.ReLU`

    Returns
    -------
    Sequential
        Parameters ``"0.W"`` of shape ``(D, H_1)``, ``"0.b"``, ``"2.W"``, ...
    """
    where = "build_mlp"
    sizes = list(sizes) if not isinstance(sizes, (str, bytes)) else None
    if not sizes or len(sizes) < 2:
        raise ValueError(f"{where}: sizes must list at least the input size and the number of outputs, "
                         "e.g. [64, 100, 10]")
    sizes = [check_int(s, f"sizes[{i}]", where, minimum=1) for i, s in enumerate(sizes)]
    rng = check_rng(rng, "rng", where)
    layers = []
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        layers.append(Linear.create(n_in, n_out, rng, init=init))
        if i < len(sizes) - 2:
            layers.append(activation())
    return Sequential(*layers)


def initial_loss(model, X, y, loss_fn=L.softmax_cross_entropy):
    r"""The loss of an untrained model and the value it should have, :math:`\log K`.

    Parameters
    ----------
    model : Layer
        Untrained; ``model.forward(X)`` gives ``(N, K)`` logits.
    X : array_like, shape ``(N, D)``
    y : array_like of int, shape ``(N,)``
    loss_fn : callable, default :func:`~nncourse.losses.softmax_cross_entropy`

    Returns
    -------
    loss : float
        Mean loss of the model's predictions (eval mode).
    expected : float
        :math:`\log K` for ``K`` output columns: the loss of a uniform prediction.
    """
    where = "initial_loss"
    _check_model(model, where)
    X, y = _data(X, y, where)
    out = predict(model, X)
    if out.ndim != 2:
        raise ValueError(f"{where}: the model's output has shape {fmt_shape(out.shape)}, expected (N, K) logits")
    loss, _ = loss_fn(out, y)
    return float(loss), float(np.log(out.shape[1]))


def gradient_check(model, X, y, loss_fn=L.softmax_cross_entropy, n=5, h=1e-5):
    r"""Finite differences against backpropagation for every parameter of ``model``.

    Uses the first ``n`` examples (finite differences cost two forward passes
    per parameter entry) and eval mode, so dropout is off; the model's mode is
    restored afterwards.

    Parameters
    ----------
    model : Layer
        Float64 parameters.
    X : array_like, shape ``(N, D)``
    y : array_like of int, shape ``(N,)``
    loss_fn : callable, default :func:`~nncourse.losses.softmax_cross_entropy`
    n : int, default 5
    h : float, default 1e-5

    Returns
    -------
    nncourse.gradcheck.GradCheckReport
        Worst relative error per parameter (``"0.W"``, ``"0.b"``, ...) and for
        the input ``"x"``; ``report.passed()`` is true below ``1e-7``.
    """
    where = "gradient_check"
    _check_model(model, where)
    X, y = _data(X, y, where)
    n = check_int(n, "n", where, minimum=1)
    was_training = getattr(model, "training", False)
    model.eval()
    try:
        return check_model(model, loss_fn, X[:n], y[:n], h=h)
    finally:
        if was_training:
            model.train()


def overfit_subset(model, optimizer, X, y, n=20, epochs=200, rng=None, loss_fn=L.softmax_cross_entropy):
    r"""Train on the first ``n`` examples only (full batch) and report how well the model memorised them.

    A correct network with enough units reaches 100% training accuracy and a
    loss near 0 on a handful of examples; failing to do so points to a bug or
    a learning rate far off.

    Parameters
    ----------
    model : Layer
        Trained in place.
    optimizer : Optimizer
    X : array_like, shape ``(N, D)``
    y : array_like of int, shape ``(N,)``
    n : int, default 20
    epochs : int, default 200
        Full-batch steps.
    rng : numpy.random.Generator, optional
        Only shuffles the (single) batch; fixed seed 0 by default.
    loss_fn : callable

    Returns
    -------
    acc : float
        Final training accuracy on the ``n`` examples.
    history : nncourse.train.History
        Loss and accuracy per step.
    """
    where = "overfit_subset"
    _check_model(model, where)
    X, y = _data(X, y, where)
    n = check_int(n, "n", where, minimum=1)
    if n > X.shape[0]:
        raise ValueError(f"{where}: n={n} but X has only {X.shape[0]} examples")
    epochs = check_int(epochs, "epochs", where, minimum=1)
    rng = np.random.default_rng(0) if rng is None else check_rng(rng, "rng", where)
    history = fit(model, loss_fn, optimizer, X[:n], y[:n], epochs=epochs, batch_size=n, rng=rng)
    return float(history.train_acc[-1]), history


def weight_names(model):
    """Names of the weight matrices in ``model.params()``: ``"W"`` or ``"<i>.W"``, in layer order."""
    _check_model(model, "weight_names")
    return [k for k in model.params() if k == "W" or k.endswith(".W")]


def update_ratios(before, after):
    r"""Update-to-weight ratio per weight matrix:
    :math:`\lVert W_{\text{after}} - W_{\text{before}}\rVert_F / \lVert W_{\text{before}}\rVert_F`.

    Parameters
    ----------
    before, after : dict name -> ndarray
        Parameters before and after one optimizer step, same keys and shapes
        (e.g. :func:`nncourse.optim.save_params` of ``model.params()`` taken
        before the step, and ``model.params()`` after).  Only weight matrices
        (``"W"`` or ``"<i>.W"``) are measured; biases start at 0.

    Returns
    -------
    dict name -> float
        In the order of ``before``.  ``inf`` if a weight matrix was all zeros
        and moved, ``0`` if it was all zeros and did not.
    """
    where = "update_ratios"
    if not isinstance(before, dict) or not isinstance(after, dict):
        raise TypeError(f"{where}: before and after must be dicts name -> array (model.params()), "
                        f"got {type(before).__name__} and {type(after).__name__}")
    if before.keys() != after.keys():
        raise ValueError(f"{where}: before and after must have the same keys, got {sorted(before)} and {sorted(after)}")
    out = {}
    for k, w0 in before.items():
        if not (k == "W" or k.endswith(".W")):
            continue
        w0 = as_float_array(w0, f"before[{k!r}]", where)
        w1 = as_float_array(after[k], f"after[{k!r}]", where)
        if w0.shape != w1.shape:
            raise ValueError(f"{where}: before[{k!r}] has shape {fmt_shape(w0.shape)} but after[{k!r}] has "
                             f"{fmt_shape(w1.shape)}")
        step, size = float(np.linalg.norm(w1 - w0)), float(np.linalg.norm(w0))
        out[k] = step / size if size > 0 else (0.0 if step == 0 else float("inf"))
    return out


def dead_fraction(model, X):
    r"""Fraction of dead units in each ReLU layer: units whose output is 0 for every row of ``X``.

    A dead ReLU unit gets no gradient (its derivative is 0 on every example),
    so it never recovers; a large learning rate or a large negative bias kills
    units for good.

    Parameters
    ----------
    model : Sequential
        Runs in eval mode; its mode is restored.
    X : array_like, shape ``(N, D)``
        Use a few hundred examples: a unit that is off for a small batch may
        fire for others.

    Returns
    -------
    list of float
        One entry per :class:`~nncourse.layers.ReLU` layer, in order, each in ``[0, 1]``.
    """
    where = "dead_fraction"
    _check_model(model, where)
    X = as_float_array(X, "X", where, ndim=2, expected="(N, D)")
    if X.shape[0] == 0:
        raise ValueError(f"{where}: X is empty; give at least one example")
    layers = list(getattr(model, "layers", [model]))
    was_training = getattr(model, "training", False)
    model.eval()
    fractions = []
    try:
        h = X
        for layer in layers:
            h = layer.forward(h)
            if isinstance(layer, ReLU):
                fractions.append(float(np.mean(np.all(h <= 0, axis=0))))
    finally:
        if was_training:
            model.train()
    return fractions


@dataclass
class LayerTrace:
    """Per-layer health recorded by :func:`trace_training`.

    Attributes
    ----------
    names : list of str
        Weight matrices measured, in layer order (``"0.W"``, ``"2.W"``, ...).
    ratios : ndarray, shape ``(steps, len(names))``
        Update-to-weight ratio of each weight matrix at each step.
    dead : ndarray, shape ``(steps + 1, n_relu)``
        Dead-unit fraction of each ReLU layer before training and after every step.
    loss : ndarray, shape ``(steps,)``
        Minibatch loss at each step (before its update).
    """

    names: list = field(default_factory=list)
    ratios: np.ndarray = None
    dead: np.ndarray = None
    loss: np.ndarray = None

    def summary(self, last=20):
        """Median ratio over the last ``last`` steps and final dead fraction, per layer (dict)."""
        tail = self.ratios[-last:]
        return {"ratio": dict(zip(self.names, np.median(tail, axis=0).tolist())),
                "dead": self.dead[-1].tolist()}


def trace_training(model, optimizer, X, y, *, steps, batch_size, rng, loss_fn=L.softmax_cross_entropy,
                   X_probe=None):
    r"""Train for ``steps`` minibatch steps, recording per-layer update ratios and dead units.

    Parameters
    ----------
    model : Sequential
        Trained in place; each of its weight matrices (``"<i>.W"``) is traced.
    optimizer : Optimizer
    X : array_like, shape ``(N, D)``
        Training inputs, drawn in shuffled minibatches.
    y : array_like of int, shape ``(N,)``
    steps : int
        Optimizer steps (epochs are chained, each reshuffled).
    batch_size : int
    rng : numpy.random.Generator
    loss_fn : callable
    X_probe : array_like, shape ``(M, D)``, optional
        Inputs on which dead units are counted; by default ``X``.

    Returns
    -------
    LayerTrace
    """
    where = "trace_training"
    _check_model(model, where)
    X, y = _data(X, y, where)
    steps = check_int(steps, "steps", where, minimum=1)
    batch_size = check_int(batch_size, "batch_size", where, minimum=1)
    rng = check_rng(rng, "rng", where)
    probe = X if X_probe is None else as_float_array(X_probe, "X_probe", where, ndim=2, expected="(M, D)")
    params = model.params()
    names = weight_names(model)
    ratios = np.zeros((steps, len(names)))
    dead = [dead_fraction(model, probe)]
    losses = np.zeros(steps)
    step = 0
    while step < steps:
        for Xb, yb in minibatches(X, y, batch_size, rng):
            model.train()
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                out = model.forward(Xb)
                loss, grad = loss_fn(out, yb)
                model.backward(grad)
                before = {k: params[k].copy() for k in names}
                optimizer.step(params, model.grads())
            losses[step] = loss
            ratios[step] = list(update_ratios(before, {k: params[k] for k in names}).values())
            dead.append(dead_fraction(model, probe))
            step += 1
            if step == steps:
                break
    model.eval()
    return LayerTrace(names=names, ratios=ratios, dead=np.array(dead).reshape(steps + 1, -1), loss=losses)


def plot_layer_health(trace, axes=None, title=None):
    r"""Draw a :class:`LayerTrace`: update ratios per layer (log scale) and dead-unit fractions.

    The left panel shades the band :math:`10^{-4}` to :math:`10^{-2}` around the
    rule-of-thumb ratio :math:`10^{-3}`.

    Parameters
    ----------
    trace : LayerTrace
    axes : pair of matplotlib Axes, optional
    title : str, optional
        Title of the figure.

    Returns
    -------
    matplotlib.figure.Figure
    """
    if not isinstance(trace, LayerTrace):
        raise TypeError("plot_layer_health: trace must be a LayerTrace from trace_training, "
                        f"got {type(trace).__name__}")
    import matplotlib.pyplot as plt

    if axes is None:
        fig, axes = plt.subplots(1, 2, figsize=(10, 3.4))
    else:
        fig = axes[0].figure
    ax0, ax1 = axes
    steps = np.arange(1, trace.ratios.shape[0] + 1)
    ax0.axhspan(1e-4, 1e-2, color="0.9", zorder=0)
    ax0.axhline(1e-3, color="0.6", linestyle=":", zorder=1)
    for j, name in enumerate(trace.names):
        r = np.where(trace.ratios[:, j] > 0, trace.ratios[:, j], np.nan)
        ax0.plot(steps, r, label=f"layer {j + 1}", lw=1.2)
    ax0.set(yscale="log", xlabel="step", ylabel=r"$\|\Delta W_l\| / \|W_l\|$", title="update-to-weight ratio")
    ax0.legend(fontsize=8, loc="upper right")
    n_relu = trace.dead.shape[1]
    x = np.arange(trace.dead.shape[0])
    for j in range(n_relu):
        ax1.plot(x, trace.dead[:, j], label=f"hidden layer {j + 1}", lw=1.2)
    ax1.set(ylim=(-0.03, 1.03), xlabel="step", ylabel="fraction of units", title="dead ReLU units")
    if n_relu:
        ax1.legend(fontsize=8, loc="upper left")
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig
