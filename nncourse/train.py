r"""Training: minibatches, the fit loop, L2 regularisation and early stopping.

One epoch of minibatch training is::

    for Xb, yb in minibatches(X, y, batch_size, rng):     # a fresh shuffle
        out = model.forward(Xb)
        loss, grad = loss_fn(out, yb)                      # mean over the batch
        model.backward(grad)
        optimizer.step(model.params(), model.grads())      # in place

:func:`fit` runs that loop for a number of epochs and records a
:class:`History`; everything random (the shuffles, dropout) comes from
generators you pass in, so a run is reproducible from its seeds.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field

import numpy as np

from . import losses as L
from ._validate import (
    as_float_array,
    check_callable,
    check_int,
    check_nonnegative,
    check_rng,
    fmt_shape,
)
from .layers import _SKIPS_INPUT_GRAD
from .optim import restore_params, save_params

__all__ = [
    "minibatches",
    "l2_penalty",
    "accuracy",
    "predict",
    "EarlyStopping",
    "History",
    "fit",
]


# ---------------------------------------------------------------------------
# Minibatches
# ---------------------------------------------------------------------------

def minibatches(X, y, batch_size, rng, shuffle=True, drop_last=False):
    r"""Iterate over ``(X_batch, y_batch)`` pairs covering the data once.

    Each call draws a new permutation from ``rng`` (so successive epochs see
    different batches) and every example appears in exactly one batch.  With
    ``N`` examples there are :math:`\lceil N / B \rceil` batches; the last one
    has :math:`N \bmod B` examples when ``B`` does not divide ``N``, unless
    ``drop_last`` discards it.

    Parameters
    ----------
    X : array_like, shape ``(N, ...)``
        Inputs, one example per row.
    y : array_like, shape ``(N, ...)``, or None
        Targets; ``None`` yields ``(X_batch, None)``.
    batch_size : int
        :math:`B \ge 1`.
    rng : numpy.random.Generator or None
        Source of the shuffles; may be ``None`` only if ``shuffle=False``.
    shuffle : bool, default True
    drop_last : bool, default False
        Skip a final batch smaller than ``batch_size``.

    Yields
    ------
    X_batch : ndarray, shape ``(B, ...)``
    y_batch : ndarray, shape ``(B, ...)`` or None
    """
    where = "minibatches"
    X = np.asarray(X)
    if X.ndim == 0:
        raise ValueError(f"{where}: X has shape (), expected (N, features)")
    n = X.shape[0]
    if y is not None:
        y = np.asarray(y)
        if y.ndim == 0 or y.shape[0] != n:
            raise ValueError(
                f"{where}: y has shape {fmt_shape(y.shape)} but X has {n} rows; expected one target per row"
            )
    batch_size = check_int(batch_size, "batch_size", where, minimum=1)
    if shuffle:
        rng = check_rng(rng, "rng", where)
    elif rng is not None:
        check_rng(rng, "rng", where)
    return _batches(X, y, n, batch_size, rng, shuffle, drop_last)


def _batches(X, y, n, batch_size, rng, shuffle, drop_last):
    order = rng.permutation(n) if shuffle else np.arange(n)
    stop = n - n % batch_size if drop_last else n
    for start in range(0, stop, batch_size):
        idx = order[start:start + batch_size]
        yield X[idx], (None if y is None else y[idx])


# ---------------------------------------------------------------------------
# Regularisation and metrics
# ---------------------------------------------------------------------------

def _is_weight(name):
    return name == "W" or name.endswith(".W")


def l2_penalty(params, lam):
    r"""L2 weight decay :math:`\frac{\lambda}{2}\sum_{W} \lVert W \rVert_F^2` and its gradient.

    Only weight matrices are penalised (parameters named ``"W"`` or
    ``"<i>.W"``); biases are not, as in the lecture.  The gradient of the
    penalty with respect to a weight matrix is :math:`\lambda W`.

    Add the value to the (batch-mean) data loss and the gradients to the
    model's gradients::

        penalty, pgrads = l2_penalty(model.params(), lam)
        grads = {k: g + pgrads[k] for k, g in model.grads().items()}

    Parameters
    ----------
    params : dict name -> ndarray
    lam : float
        :math:`\lambda \ge 0`.

    Returns
    -------
    value : float
    grads : dict name -> ndarray
        Same keys as ``params``: :math:`\lambda W` for weights, zeros for the rest.
    """
    where = "l2_penalty"
    if not isinstance(params, dict):
        raise TypeError(f"{where}: params must be a dict name -> array (e.g. model.params()), got "
                        f"{type(params).__name__}")
    lam = check_nonnegative(lam, "lam", where)
    value = 0.0
    grads = {}
    for name, p in params.items():
        p = np.asarray(p)
        if _is_weight(name):
            value += 0.5 * lam * float(np.sum(p * p))
            grads[name] = lam * p
        else:
            grads[name] = np.zeros_like(p)
    return value, grads


def _labels(y):
    """Class labels from integer labels (N,), a 0/1 column, or one-hot (N, K); None if y is not labels."""
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] > 1:
        return y.argmax(axis=1)
    y = y.reshape(len(y))
    if np.issubdtype(y.dtype, np.integer) or y.dtype == bool:
        return y.astype(np.int64)
    if np.all(np.isfinite(y)) and np.all(y == np.round(y)):
        return y.astype(np.int64)
    return None


def accuracy(scores, y, threshold=0.5):
    r"""Fraction of examples whose predicted class equals the label.

    Parameters
    ----------
    scores : array_like, shape ``(N, K)`` with ``K > 1``, or ``(N,)`` / ``(N, 1)``
        Class scores (the prediction is the arg-max), or a single score per
        example (the prediction is ``score > threshold``).
    y : array_like, shape ``(N,)`` or ``(N, K)``
        Integer labels, or one-hot rows.
    threshold : float, default 0.5
        For single scores: 0.5 for probabilities, 0 for logits.

    Returns
    -------
    float
        In :math:`[0, 1]`.
    """
    where = "accuracy"
    s = as_float_array(scores, "scores", where, ndim=(1, 2), expected="(N,) or (N, K)")
    labels = _labels(y)
    if labels is None:
        raise ValueError(f"{where}: y must hold class labels (integers or one-hot rows)")
    if labels.shape[0] != s.shape[0]:
        raise ValueError(f"{where}: scores has {s.shape[0]} rows but y has {labels.shape[0]} labels")
    if s.ndim == 2 and s.shape[1] > 1:
        pred = s.argmax(axis=1)
    else:
        pred = (s.reshape(-1) > threshold).astype(np.int64)
    return float(np.mean(pred == labels)) if len(labels) else float("nan")


def _auto_accuracy(loss_fn):
    """The accuracy that fits a loss: logits threshold 0, probabilities 0.5."""
    threshold = 0.0 if loss_fn is L.binary_cross_entropy_with_logits else 0.5

    def acc(out, y):
        if _labels(y) is None:
            return float("nan")  # regression targets: accuracy is meaningless
        return accuracy(out, y, threshold=threshold)

    return acc


def predict(model, X):
    """Forward pass in evaluation mode (dropout off), restoring the model's mode afterwards.

    Parameters
    ----------
    model : Layer
    X : array_like, shape ``(N, D)``

    Returns
    -------
    ndarray, the model's output for ``X``
    """
    was_training = getattr(model, "training", False)
    model.eval()
    try:
        return model.forward(X)
    finally:
        if was_training:
            model.train()


# ---------------------------------------------------------------------------
# Early stopping and history
# ---------------------------------------------------------------------------

class EarlyStopping:
    r"""Stop when the monitored loss has not improved for ``patience`` epochs; keep the best weights.

    An epoch *improves* if its loss is below ``best - min_delta``.  The
    parameters at the best epoch are copied (:func:`nncourse.optim.save_params`)
    and :func:`fit` puts them back at the end with :meth:`restore`, whether
    training stopped early or ran all its epochs.

    Parameters
    ----------
    patience : int
        Epochs without improvement tolerated before stopping (:math:`\ge 1`).
    min_delta : float, default 0
        Minimum decrease that counts as an improvement.

    Attributes
    ----------
    best_value : float
        Best monitored loss so far (``inf`` before the first epoch).
    best_epoch : int or None
        Epoch index (0-based) of ``best_value``.
    best_params : dict or None
        Copy of the parameters at ``best_epoch``.
    wait : int
        Epochs since the last improvement.
    stopped_epoch : int or None
        Epoch index at which training stopped early, else ``None``.
    """

    def __init__(self, patience, min_delta=0.0):
        self.patience = check_int(patience, "patience", "EarlyStopping", minimum=1)
        self.min_delta = check_nonnegative(min_delta, "min_delta", "EarlyStopping")
        self.reset()

    def reset(self):
        """Forget everything seen so far (``fit`` calls this at the start)."""
        self.best_value = float("inf")
        self.best_epoch = None
        self.best_params = None
        self.wait = 0
        self.stopped_epoch = None

    def update(self, epoch, value, params):
        """Record epoch ``epoch``'s monitored loss; return ``True`` if training should stop.

        Parameters
        ----------
        epoch : int
        value : float
            The monitored loss (validation loss if there is a validation set).
        params : dict name -> ndarray
            Current parameters; copied if this epoch is the best so far.
        """
        value = float(value)
        if value < self.best_value - self.min_delta:
            self.best_value = value
            self.best_epoch = epoch
            self.best_params = save_params(params)
            self.wait = 0
            return False
        self.wait += 1
        if self.wait >= self.patience:
            self.stopped_epoch = epoch
            return True
        return False

    def restore(self, params):
        """Copy the best parameters back into ``params`` in place (no-op before any update)."""
        if self.best_params is not None:
            restore_params(params, self.best_params)

    def __repr__(self):
        return f"EarlyStopping(patience={self.patience}, min_delta={self.min_delta})"


@dataclass
class History:
    """What :func:`fit` recorded, one entry per completed epoch.

    Attributes
    ----------
    train_loss, train_acc : list of float
        Data loss (without the L2 penalty) and accuracy on the whole training
        set, measured in eval mode at the end of each epoch.  Accuracy is
        ``nan`` when the targets are not class labels.
    val_loss, val_acc : list of float
        The same on the validation set (empty lists without one).
    lr : list of float
        Learning rate used in each epoch.
    best_epoch : int or None
        0-based index of the epoch with the lowest monitored loss (validation
        loss if there is a validation set, else training loss).  With early
        stopping the model ends with this epoch's parameters.
    stopped_epoch : int or None
        Index of the epoch at which early stopping ended training.
    """

    train_loss: list = field(default_factory=list)
    train_acc: list = field(default_factory=list)
    val_loss: list = field(default_factory=list)
    val_acc: list = field(default_factory=list)
    lr: list = field(default_factory=list)
    best_epoch: int | None = None
    stopped_epoch: int | None = None

    @property
    def epochs(self) -> int:
        """Number of completed epochs."""
        return len(self.train_loss)

    def as_dict(self) -> dict:
        """Plain dict, e.g. for JSON."""
        return {
            "train_loss": list(self.train_loss),
            "train_acc": list(self.train_acc),
            "val_loss": list(self.val_loss),
            "val_acc": list(self.val_acc),
            "lr": list(self.lr),
            "best_epoch": self.best_epoch,
            "stopped_epoch": self.stopped_epoch,
        }


# ---------------------------------------------------------------------------
# The fit loop
# ---------------------------------------------------------------------------

def _check_model(model, where, example=""):
    """Raise ``TypeError`` unless ``model`` has the four methods of a :class:`~nncourse.layers.Layer`.

    ``example`` names a way to build one, e.g. ``"build_mlp(...)"``, for the message.
    """
    for attr in ("forward", "backward", "params", "grads"):
        if not callable(getattr(model, attr, None)):
            hint = f" (e.g. {example})" if example else ""
            raise TypeError(f"{where}: model must be a Layer with forward/backward/params/grads{hint}, got "
                            f"{type(model).__name__}")


def _parameter_backward(model):
    """``model.backward``, told to skip the input gradient where the model's class supports it."""
    if type(model).backward in _SKIPS_INPUT_GRAD:
        return functools.partial(model.backward, input_grad=False)
    return model.backward


def _evaluate(model, loss_fn, acc_fn, X, y, where, epoch, epochs, lr, what):
    out = predict(model, X)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        loss, _ = loss_fn(out, y)
    _check_finite(loss, where, epoch, epochs, lr, what)
    return float(loss), acc_fn(out, y)


def _check_finite(loss, where, epoch, epochs, lr, what):
    if not math.isfinite(loss):
        raise FloatingPointError(
            f"{where}: the {what} became {loss} in epoch {epoch + 1} of {epochs}; the learning rate "
            f"(lr={lr:g}) is probably too large, try a smaller one (and check that the inputs are scaled)"
        )


def fit(model, loss_fn, optimizer, X, y, *, epochs, batch_size, rng,
        X_val=None, y_val=None, l2=0.0, early_stopping=None, progress=False,
        schedule=None, accuracy_fn=None):
    r"""Train ``model`` by minibatch gradient descent and return its :class:`History`.

    Each epoch reshuffles the training set with ``rng``, takes one optimizer
    step per minibatch on the batch-mean loss (plus the L2 penalty
    :math:`\frac{\lambda}{2}\sum\lVert W\rVert^2` if ``l2 > 0``), then measures
    loss and accuracy on the training and validation sets in eval mode.

    Parameters
    ----------
    model : Layer
        E.g. a :class:`~nncourse.layers.Sequential`; updated in place.
    loss_fn : callable
        ``loss_fn(output, y) -> (loss, grad)``, a batch mean, e.g.
        :func:`nncourse.losses.softmax_cross_entropy`.
    optimizer : Optimizer
        Anything with ``step(params, grads)`` (and ``lr`` for schedules).
    X : array_like, shape ``(N, D)``
    y : array_like, shape ``(N,)`` or ``(N, K)``
        Targets in the form ``loss_fn`` expects.
    epochs : int
        Maximum number of passes over the data.
    batch_size : int
    rng : numpy.random.Generator
        Shuffles the minibatches.
    X_val, y_val : array_like, optional
        Validation set (both or neither); monitored by early stopping.
    l2 : float, default 0
        Weight-decay strength :math:`\lambda` (see :func:`l2_penalty`).
    early_stopping : EarlyStopping, optional
        Stops training and restores the best parameters at the end.
    progress : bool, default False
        Show a ``tqdm`` progress bar over epochs.
    schedule : callable, optional
        ``schedule(epoch) -> lr``, applied to ``optimizer.lr`` at the start of
        each epoch (see :mod:`nncourse.optim`).
    accuracy_fn : callable, optional
        ``accuracy_fn(output, y) -> float``.  By default the arg-max for
        several outputs, and for one output a threshold of 0 for
        :func:`~nncourse.losses.binary_cross_entropy_with_logits` and 0.5
        otherwise; ``nan`` for non-label targets.

    Returns
    -------
    History

    Raises
    ------
    FloatingPointError
        If the loss becomes ``nan`` or ``inf`` (usually a learning rate that
        is too large); the message names the epoch.

    Notes
    -----
    The model is left in eval mode.
    """
    where = "fit"
    _check_model(model, where)
    check_callable(loss_fn, "loss_fn", where, "(output, y) -> (loss, grad)")
    if not callable(getattr(optimizer, "step", None)):
        raise TypeError(f"{where}: optimizer must have a step(params, grads) method, got {type(optimizer).__name__}")
    X = as_float_array(X, "X", where, ndim=2, expected="(N, features)")
    y = np.asarray(y)
    if y.ndim == 0 or y.shape[0] != X.shape[0]:
        raise ValueError(f"{where}: y has shape {fmt_shape(y.shape)} but X has {X.shape[0]} rows; "
                         "expected one target per row")
    epochs = check_int(epochs, "epochs", where, minimum=1)
    batch_size = check_int(batch_size, "batch_size", where, minimum=1)
    rng = check_rng(rng, "rng", where)
    if (X_val is None) != (y_val is None):
        raise ValueError(f"{where}: give both X_val and y_val, or neither")
    has_val = X_val is not None
    if has_val:
        X_val = as_float_array(X_val, "X_val", where, ndim=2, expected=f"(N_val, {X.shape[1]})")
        if X_val.shape[1] != X.shape[1]:
            raise ValueError(f"{where}: X_val has shape {fmt_shape(X_val.shape)}, "
                             f"expected (N_val, {X.shape[1]}) like X")
        y_val = np.asarray(y_val)
        if y_val.ndim == 0 or y_val.shape[0] != X_val.shape[0]:
            raise ValueError(f"{where}: y_val has shape {fmt_shape(y_val.shape)} but X_val has {X_val.shape[0]} rows")
    l2 = check_nonnegative(l2, "l2", where)
    if early_stopping is not None and not isinstance(early_stopping, EarlyStopping):
        raise TypeError(f"{where}: early_stopping must be an EarlyStopping or None, got "
                        f"{type(early_stopping).__name__}")
    if schedule is not None:
        check_callable(schedule, "schedule", where, "epoch -> lr")
    acc_fn = accuracy_fn if accuracy_fn is not None else _auto_accuracy(loss_fn)

    history = History()
    if early_stopping is not None:
        early_stopping.reset()
    best_value = float("inf")

    epoch_iter = range(epochs)
    bar = None
    if progress:
        from tqdm.auto import tqdm

        epoch_iter = bar = tqdm(epoch_iter, desc="epochs", unit="epoch")

    params = model.params()
    backward = _parameter_backward(model)
    decay = {}  # weight name -> buffer for its gradient plus l2 * W, kept from step to step

    def with_decay(grads):
        # The gradient of l2_penalty (l2 * W for weights, 0 for biases), added without computing the
        # penalty's value or zero arrays, into buffers: the layers' own gradient arrays stay as they are.
        out = dict(grads)
        for name, p in params.items():
            if _is_weight(name):
                buf = decay.get(name)
                if buf is None or buf.shape != p.shape or buf.dtype != p.dtype:
                    buf = decay[name] = np.empty_like(p)
                out[name] = np.add(grads[name], np.multiply(l2, p, out=buf), out=buf)
        return out

    for epoch in epoch_iter:
        if schedule is not None:
            optimizer.lr = schedule(epoch)
        lr = float(getattr(optimizer, "lr", float("nan")))
        model.train()
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            for Xb, yb in minibatches(X, y, batch_size, rng):
                out = model.forward(Xb)
                loss, grad = loss_fn(out, yb)
                _check_finite(loss, where, epoch, epochs, lr, "training loss")
                backward(grad)
                grads = model.grads()
                optimizer.step(params, with_decay(grads) if l2 > 0 else grads)

        train_loss, train_acc = _evaluate(model, loss_fn, acc_fn, X, y, where, epoch, epochs, lr, "training loss")
        history.train_loss.append(train_loss)
        history.train_acc.append(train_acc)
        history.lr.append(lr)
        monitored = train_loss
        if has_val:
            val_loss, val_acc = _evaluate(model, loss_fn, acc_fn, X_val, y_val, where, epoch, epochs, lr,
                                          "validation loss")
            history.val_loss.append(val_loss)
            history.val_acc.append(val_acc)
            monitored = val_loss
        if monitored < best_value:
            best_value = monitored
            history.best_epoch = epoch
        if bar is not None:
            postfix = {"loss": f"{train_loss:.4f}"}
            if has_val:
                postfix["val_loss"] = f"{history.val_loss[-1]:.4f}"
            bar.set_postfix(postfix)
        if early_stopping is not None and early_stopping.update(epoch, monitored, params):
            history.stopped_epoch = epoch
            break

    if bar is not None:
        bar.close()
    if early_stopping is not None:
        early_stopping.restore(params)
        history.best_epoch = early_stopping.best_epoch
    model.eval()
    return history
