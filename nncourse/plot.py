r"""Pictures for the lessons: decision boundaries, loss curves, optimizer paths, weights.

Every function draws into a Matplotlib ``Axes`` (a new one if ``ax`` is
``None``) and returns it, so figures can be composed::

    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    decision_boundary(lambda X: predict(model, X), X, y, ax=left)
    loss_curves(history, ax=right)
"""

from __future__ import annotations

import numpy as np

from ._validate import as_float_array, as_label_array, check_callable, check_int, fmt_shape

__all__ = ["decision_boundary", "loss_curves", "optimizer_paths", "weights_as_images"]


def _axes(ax):
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots()
    return ax


def _predicted_labels(out, m, where):
    out = np.asarray(out)
    if out.shape[0] != m:
        raise ValueError(f"{where}: predict returned {out.shape[0]} rows for {m} grid points; "
                         "it must return one per row")
    if out.ndim == 2 and out.shape[1] > 1:
        return out.argmax(axis=1)
    out = out.reshape(m)
    if np.issubdtype(out.dtype, np.integer) or out.dtype == bool:
        return out.astype(np.int64)
    if out.min() >= 0 and out.max() <= 1:
        return (out > 0.5).astype(np.int64)  # probabilities
    return (out > 0).astype(np.int64)  # logits / signed scores


def decision_boundary(predict, X, y, ax=None, resolution=200, margin=0.5, cmap="coolwarm"):
    r"""Colour the plane by predicted class and scatter the data on top.

    Parameters
    ----------
    predict : callable
        ``predict(P) -> labels or scores`` for ``P`` of shape ``(M, 2)``.
        Accepted outputs: integer labels ``(M,)``; class scores ``(M, K)``
        (arg-max); or one score per point, read as a probability (threshold
        0.5) if all lie in :math:`[0, 1]`, else as a logit (threshold 0).
    X : array_like, shape ``(N, 2)``
        Two-dimensional inputs.
    y : array_like of int, shape ``(N,)``
        Labels, for the colours of the points.
    ax : matplotlib Axes, optional
    resolution : int, default 200
        Grid points per axis.
    margin : float, default 0.5
        Extra space around the data.
    cmap : str, default "coolwarm"

    Returns
    -------
    matplotlib.axes.Axes
    """
    where = "decision_boundary"
    check_callable(predict, "predict", where, "(M, 2) -> labels")
    X = as_float_array(X, "X", where, ndim=2, expected="(N, 2)")
    if X.shape[1] != 2:
        raise ValueError(f"{where}: X has shape {fmt_shape(X.shape)}, expected (N, 2); "
                         "decision boundaries are drawn in 2-D")
    y = as_label_array(y, "y", where, n=X.shape[0])
    resolution = check_int(resolution, "resolution", where, minimum=2)
    ax = _axes(ax)
    (x0, y0), (x1, y1) = X.min(axis=0) - margin, X.max(axis=0) + margin
    gx, gy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    grid = np.column_stack([gx.ravel(), gy.ravel()])
    labels = _predicted_labels(predict(grid), grid.shape[0], where).reshape(gx.shape)
    n_classes = int(max(labels.max(), y.max())) + 1
    levels = np.arange(n_classes + 1) - 0.5
    ax.contourf(gx, gy, labels, levels=levels, cmap=cmap, alpha=0.3)
    ax.scatter(X[:, 0], X[:, 1], c=y, cmap=cmap, vmin=0, vmax=max(n_classes - 1, 1), edgecolors="k", s=20)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return ax


def loss_curves(history, ax=None, log=False):
    r"""Training (and validation) loss per epoch, with the best epoch marked.

    Parameters
    ----------
    history : History or dict
        From :func:`nncourse.train.fit`, or a dict with ``"train_loss"`` and
        optionally ``"val_loss"`` and ``"best_epoch"``.
    ax : matplotlib Axes, optional
    log : bool, default False
        Logarithmic loss axis.

    Returns
    -------
    matplotlib.axes.Axes
    """
    where = "loss_curves"
    h = history.as_dict() if hasattr(history, "as_dict") else history
    if not isinstance(h, dict) or "train_loss" not in h:
        raise TypeError(f"{where}: history must be a History or a dict with 'train_loss', got {type(history).__name__}")
    ax = _axes(ax)
    epochs = np.arange(1, len(h["train_loss"]) + 1)
    ax.plot(epochs, h["train_loss"], label="training")
    if h.get("val_loss"):
        ax.plot(epochs[: len(h["val_loss"])], h["val_loss"], label="validation")
    best = h.get("best_epoch")
    if best is not None:
        ax.axvline(best + 1, color="grey", linestyle=":", label=f"best epoch ({best + 1})")
    if log:
        ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss")
    ax.legend()
    return ax


def _surface(f, gx, gy):
    """Evaluate f on a grid, vectorised if f accepts a (2, M, M) stack, else point by point."""
    try:
        z = np.asarray(f(np.stack([gx, gy])), dtype=np.float64)
        if z.shape == gx.shape:
            return z
    except Exception:
        pass
    flat = [float(f(np.array([a, b]))) for a, b in zip(gx.ravel(), gy.ravel())]
    return np.array(flat).reshape(gx.shape)


def optimizer_paths(f, paths, ax=None, xlim=None, ylim=None, levels=30, resolution=150):
    r"""Contours of a 2-D loss surface with optimizer trajectories drawn on top.

    Parameters
    ----------
    f : callable
        ``f(theta) -> float`` for ``theta`` of shape ``(2,)``.  If ``f`` also
        works on a stacked grid ``theta`` of shape ``(2, M, M)`` (written with
        ``theta[0]``, ``theta[1]``) it is evaluated in one call.
    paths : dict name -> array_like of shape ``(T, 2)``, or a list of such arrays
        The successive parameter values of each optimizer.
    ax : matplotlib Axes, optional
    xlim, ylim : (float, float), optional
        Plot range; by default the paths' range with some padding.
    levels : int, default 30
        Number of contour levels (spaced logarithmically when ``f > 0``).
    resolution : int, default 150

    Returns
    -------
    matplotlib.axes.Axes
    """
    where = "optimizer_paths"
    check_callable(f, "f", where, "theta -> float")
    if isinstance(paths, dict):
        items = list(paths.items())
    elif isinstance(paths, (list, tuple)):
        items = [(f"path {i}", p) for i, p in enumerate(paths)]
    else:
        raise TypeError(f"{where}: paths must be a dict name -> (T, 2) array or a list of them, "
                        f"got {type(paths).__name__}")
    arrays = []
    for name, p in items:
        p = as_float_array(p, f"paths[{name!r}]", where, ndim=2, expected="(T, 2)")
        if p.shape[1] != 2 or p.shape[0] == 0:
            raise ValueError(f"{where}: paths[{name!r}] has shape {fmt_shape(p.shape)}, expected (T, 2) with T >= 1")
        arrays.append((name, p))
    ax = _axes(ax)
    if arrays:
        pts = np.vstack([p for _, p in arrays])
        finite = pts[np.all(np.isfinite(pts), axis=1)]
        lo, hi = (finite.min(axis=0), finite.max(axis=0)) if len(finite) else (np.full(2, -1.0), np.full(2, 1.0))
    else:
        lo, hi = np.full(2, -1.0), np.full(2, 1.0)
    pad = 0.2 * np.maximum(hi - lo, 1e-3) + 0.1
    xlim = xlim or (lo[0] - pad[0], hi[0] + pad[0])
    ylim = ylim or (lo[1] - pad[1], hi[1] + pad[1])
    gx, gy = np.meshgrid(np.linspace(*xlim, resolution), np.linspace(*ylim, resolution))
    z = _surface(f, gx, gy)
    if np.all(z > 0) and z.max() / z.min() > 100:
        lev = np.geomspace(z.min(), z.max(), levels)
    else:
        lev = levels
    ax.contour(gx, gy, z, levels=lev, cmap="viridis", linewidths=0.7)
    for name, p in arrays:
        ax.plot(p[:, 0], p[:, 1], marker="o", markersize=2.5, linewidth=1.2, label=str(name))
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xlabel(r"$\theta_1$")
    ax.set_ylabel(r"$\theta_2$")
    if arrays:
        ax.legend()
    return ax


def weights_as_images(W, shape, ax=None, n_cols=None, cmap="RdBu_r"):
    r"""Show each column of a first-layer weight matrix as an image.

    Column :math:`j` of ``W`` holds the weights from every input pixel to
    hidden unit :math:`j`; reshaped to the image shape it shows the pattern
    the unit responds to.  All tiles share one symmetric colour scale (red
    positive, blue negative).

    Parameters
    ----------
    W : array_like, shape ``(D, H)``
        ``D`` must equal ``prod(shape)``.
    shape : tuple of int
        Image shape, e.g. ``(8, 8)`` for the scikit-learn digits.
    ax : matplotlib Axes, optional
    n_cols : int, optional
        Tiles per row; by default about :math:`\sqrt H`.
    cmap : str, default "RdBu_r"

    Returns
    -------
    matplotlib.axes.Axes
    """
    where = "weights_as_images"
    W = as_float_array(W, "W", where, ndim=2, expected="(pixels, units)")
    if not isinstance(shape, (tuple, list)) or len(shape) != 2:
        raise TypeError(f"{where}: shape must be a (height, width) tuple, got {shape!r}")
    h, w = (check_int(s, "shape", where, minimum=1) for s in shape)
    if W.shape[0] != h * w:
        raise ValueError(f"{where}: W has shape {fmt_shape(W.shape)}, expected ({h * w}, units) "
                         f"for images of shape ({h}, {w})")
    units = W.shape[1]
    n_cols = check_int(n_cols, "n_cols", where, minimum=1) if n_cols is not None else int(np.ceil(np.sqrt(units)))
    n_rows = int(np.ceil(units / n_cols))
    gap = 1
    canvas = np.full((n_rows * (h + gap) - gap, n_cols * (w + gap) - gap), np.nan)
    for j in range(units):
        r, c = divmod(j, n_cols)
        canvas[r * (h + gap): r * (h + gap) + h, c * (w + gap): c * (w + gap) + w] = W[:, j].reshape(h, w)
    ax = _axes(ax)
    vmax = float(np.nanmax(np.abs(canvas))) or 1.0
    ax.imshow(canvas, cmap=cmap, vmin=-vmax, vmax=vmax, interpolation="nearest")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(f"{units} units, weights as {h}x{w} images")
    return ax
