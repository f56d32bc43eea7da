r"""Interactive explorers for the notebooks (ipywidgets).

Each function builds and returns a widget; display it by leaving it as the
last expression of a cell.  ipywidgets is imported inside the functions, so
importing :mod:`nncourse` never needs it.

Every explorer also has a ``run()`` method attached (``widget.run()``) that
redraws with the current control values, which is what the controls call.
Results are reproducible: each run builds its generators from the explorer's
seed, so the same settings always give the same picture.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_float_array, as_label_array, check_int

__all__ = ["explore", "activation_explorer", "learning_rate_explorer", "mlp_explorer"]


def _show(fig):
    """Display a figure inside the current Output widget and release it."""
    import matplotlib.pyplot as plt
    from IPython.display import display

    display(fig)
    plt.close(fig)


def _render_png(fig, bboxes: dict) -> bytes:
    """``fig`` as PNG bytes, cropped like the notebook's inline figures, drawn once.

    The inline backend crops every figure to its tight bounding box, which
    costs a second full draw per picture.  The box of the first picture of
    each figure size is kept in ``bboxes`` (with a margin) and reused, so each
    later redraw is drawn once.
    """
    import io

    size = tuple(round(v, 3) for v in fig.get_size_inches())
    if size not in bboxes:
        box = fig.get_tightbbox(fig.canvas.get_renderer())
        bboxes[size] = box.padded(0.15)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches=bboxes[size])
    return buf.getvalue()


def explore(draw, *, button: str | None = None, draw_now: bool = True, **controls):
    r"""Controls above one picture that redraws in place whenever a control changes.

    ``draw(**values)`` draws with matplotlib (ending in ``plt.show()``), where
    ``values`` maps each keyword of ``controls`` to its widget's value.  It is
    called once now, then on every change (or, with ``button="Train"``, when
    that button is pressed).  The figure ``draw`` makes is shown in one
    ``ipywidgets.Image`` whose picture is replaced by each redraw, so there is
    always exactly one figure and nothing flickers; what ``draw`` prints goes
    to an ``ipywidgets.Output`` under it.  A control without a
    ``description`` is labelled with its keyword.  An error in ``draw`` (e.g.
    an unfinished exercise) is shown in place of the picture.

    Each figure is drawn once per redraw (:func:`_render_png`): the picture
    looks as it would inline, at about half the inline backend's cost.

    Parameters
    ----------
    draw : callable
        ``draw(**values) -> None``.
    button : str, optional
        Redraw only when a button with this label is pressed.
    draw_now : bool, default True
        Draw once now; ``False`` (with a button) leaves the picture empty until
        the button is pressed, e.g. when the cell has just drawn the default.
    **controls : ipywidgets.ValueWidget
        The sliders, dropdowns, … whose values ``draw`` takes.

    Returns
    -------
    ipywidgets.VBox
        Display it as the last expression of a cell.  ``box.redraw()`` redraws
        with the current values; ``box.seconds`` is the time of the last redraw;
        ``box.draw``, ``box.controls`` and ``box.button`` are the arguments;
        ``box.image`` and ``box.output`` show the picture and the printout.
    """
    import time

    import ipywidgets as W
    import matplotlib.pyplot as plt

    if not callable(draw):
        raise TypeError(f"explore: draw must be callable, got {type(draw).__name__}")
    for name, control in controls.items():
        if not hasattr(control, "value"):
            raise TypeError(f"explore: control {name!r} is a {type(control).__name__}, not a widget with a value")
        if not control.description:
            control.description = name
        control.style.description_width = "initial"
    image = W.Image(format="png", layout=W.Layout(display="none"))
    out = W.Output()
    bboxes: dict = {}

    def keep_open(*args, **kwargs):
        """plt.show while drawing: the figure stays open for _render_png."""

    def redraw(*_):
        before = set(plt.get_fignums())
        t0 = time.perf_counter()
        png = None
        show, plt.show = plt.show, keep_open
        try:
            with out:
                out.clear_output(wait=True)
                draw(**{name: control.value for name, control in controls.items()})
                made = [num for num in plt.get_fignums() if num not in before]
                if made:
                    png = _render_png(plt.figure(made[-1]), bboxes)
        finally:
            plt.show = show
            for num in set(plt.get_fignums()) - before:
                plt.close(num)
            if png is None:
                image.layout.display = "none"          # an error or a printout only: no stale picture
            else:
                image.value = png
                image.layout.display = None
        box.seconds = time.perf_counter() - t0

    children = list(controls.values())
    if button:
        press = W.Button(description=button, button_style="primary")
        press.on_click(redraw)
        children.append(press)
    else:
        for control in controls.values():
            control.observe(redraw, names="value")
    box = W.VBox([*children, image, out])
    box.redraw = redraw
    box.seconds = None
    box.draw, box.controls, box.button = draw, dict(controls), button
    box.image, box.output = image, out
    if draw_now or not button:
        redraw()
    return box


def activation_explorer():
    r"""Plot an activation :math:`g(z)` and its derivative :math:`g'(z)`, chosen from a dropdown.

    Controls: the activation, the leaky-ReLU slope :math:`\alpha`, and the
    plotted range of :math:`z`.

    Returns
    -------
    ipywidgets.VBox
    """
    import ipywidgets as W
    import matplotlib.pyplot as plt

    from . import activations as A

    names = list(A.ACTIVATIONS)
    choice = W.Dropdown(options=names, value="sigmoid", description="g")
    alpha = W.FloatSlider(value=0.1, min=-1.0, max=1.0, step=0.05, description="alpha (leaky)")
    zmax = W.FloatSlider(value=5.0, min=1.0, max=20.0, step=0.5, description="|z| range")
    out = W.Output()

    def run(*_):
        g, gp = A.ACTIVATIONS[choice.value]
        z = np.linspace(-zmax.value, zmax.value, 401)
        if choice.value == "leaky_relu":
            v, d = g(z, alpha.value), gp(z, alpha.value)
        else:
            v, d = g(z), gp(z)
        fig, ax = plt.subplots(figsize=(6, 3.5))
        ax.plot(z, v, label=f"{choice.value}(z)")
        ax.plot(z, d, "--", label="derivative")
        ax.axhline(0, color="grey", linewidth=0.5)
        ax.axvline(0, color="grey", linewidth=0.5)
        ax.set_xlabel("z")
        ax.legend()
        with out:
            out.clear_output(wait=True)
            _show(fig)

    for w in (choice, alpha, zmax):
        w.observe(run, names="value")
    box = W.VBox([W.HBox([choice, alpha, zmax]), out])
    box.run = run
    run()
    return box


def _default_surface():
    """An elongated quadratic bowl: easy to overshoot across, slow along."""

    def f(theta):
        return 0.5 * (theta[0] ** 2 + 10.0 * theta[1] ** 2)

    def grad(theta):
        return np.array([theta[0], 10.0 * theta[1]])

    return f, grad


def learning_rate_explorer(f=None, grad=None, theta0=(-1.8, 0.6), max_steps=100):
    r"""Watch optimizers walk down a 2-D loss surface as you change the learning rate.

    Controls: the optimizer (SGD, Momentum, Adagrad, RMSprop, Adam), the
    learning rate on a log scale, and the number of steps.  The default surface
    is :math:`f(\theta) = \tfrac12(\theta_1^2 + 10\,\theta_2^2)`: with plain
    gradient descent, :math:`\eta > 0.2` makes the steep direction diverge,
    while small :math:`\eta` crawls along the shallow one.

    Parameters
    ----------
    f : callable, optional
        ``f(theta) -> float`` for ``theta`` of shape ``(2,)``.
    grad : callable, optional
        ``grad(theta) -> ndarray (2,)``; by default finite differences of ``f``.
    theta0 : (float, float)
        Starting point.
    max_steps : int, default 100
        Upper end of the steps slider.

    Returns
    -------
    ipywidgets.VBox
    """
    import ipywidgets as W
    import matplotlib.pyplot as plt

    from . import optim as O
    from .gradcheck import numerical_gradient
    from .plot import optimizer_paths

    where = "learning_rate_explorer"
    if f is None:
        f, default_grad = _default_surface()
        grad = grad or default_grad
    elif not callable(f):
        raise TypeError(f"{where}: f must be callable theta -> float, got {type(f).__name__}")
    if grad is None:
        def grad(theta):
            return numerical_gradient(f, np.array(theta, dtype=np.float64))
    elif not callable(grad):
        raise TypeError(f"{where}: grad must be callable theta -> (2,) array, got {type(grad).__name__}")
    theta0 = as_float_array(theta0, "theta0", where, ndim=1, expected="(2,)")
    if theta0.shape != (2,):
        raise ValueError(f"{where}: theta0 has shape {theta0.shape}, expected (2,)")
    max_steps = check_int(max_steps, "max_steps", where, minimum=1)

    makers = {
        "SGD": lambda lr: O.SGD(lr),
        "Momentum": lambda lr: O.Momentum(lr, 0.9),
        "Adagrad": lambda lr: O.Adagrad(lr),
        "RMSprop": lambda lr: O.RMSprop(lr),
        "Adam": lambda lr: O.Adam(lr),
    }
    which = W.SelectMultiple(options=list(makers), value=("SGD", "Momentum"), description="optimizers", rows=5)
    lr = W.FloatLogSlider(value=0.05, base=10, min=-3, max=0, step=0.05, description="learning rate")
    steps = W.IntSlider(value=min(30, max_steps), min=1, max=max_steps, description="steps")
    out = W.Output()

    def trajectory(opt):
        params = {"theta": theta0.copy()}
        path = [params["theta"].copy()]
        for _ in range(steps.value):
            g = np.asarray(grad(params["theta"]), dtype=np.float64)
            opt.step(params, {"theta": g})
            path.append(params["theta"].copy())
            if not np.all(np.isfinite(params["theta"])) or np.max(np.abs(params["theta"])) > 1e6:
                break  # diverged; stop drawing
        return np.array(path)

    def run(*_):
        paths = {name: trajectory(makers[name](lr.value)) for name in which.value}
        fig, ax = plt.subplots(figsize=(6, 4.5))
        span = max(3.0, float(np.max(np.abs(theta0))) * 1.5)
        with np.errstate(over="ignore", invalid="ignore"):
            optimizer_paths(f, paths, ax=ax, xlim=(-span, span), ylim=(-span, span))
        finals = ", ".join(f"{n}: f = {float(f(p[-1])):.3g}" for n, p in paths.items())
        ax.set_title(f"lr = {lr.value:.3g}; {finals}", fontsize=9)
        with out:
            out.clear_output(wait=True)
            _show(fig)

    for w in (which, lr, steps):
        w.observe(run, names="value")
    box = W.VBox([W.HBox([which, W.VBox([lr, steps])]), out])
    box.run = run
    run()
    return box


def mlp_explorer(X, y, rng_seed=0):
    r"""Train a one-hidden-layer ReLU network and look at its decision boundary and loss curve.

    Controls: hidden units, learning rate, batch size, dropout rate, epochs
    and optimizer; press *Train* to train with those settings.  Training uses
    a 75/25 train/validation split, softmax cross-entropy and generators built
    from ``rng_seed``, so the same settings always give the same result.

    Parameters
    ----------
    X : array_like, shape ``(N, D)``
        Inputs; the decision boundary is drawn only when ``D = 2``.
    y : array_like of int, shape ``(N,)``
        Class labels ``0 .. K-1``.
    rng_seed : int, default 0

    Returns
    -------
    ipywidgets.VBox
    """
    import ipywidgets as W
    import matplotlib.pyplot as plt

    from . import optim as O
    from .data import train_val_test_split
    from .layers import Dropout, Linear, ReLU, Sequential
    from .losses import softmax_cross_entropy
    from .plot import decision_boundary, loss_curves
    from .train import fit, predict

    where = "mlp_explorer"
    X = as_float_array(X, "X", where, ndim=2, expected="(N, D)", dtype=np.float64)
    y = as_label_array(y, "y", where, n=X.shape[0])
    rng_seed = check_int(rng_seed, "rng_seed", where, minimum=0)
    n_classes = int(y.max()) + 1

    hidden = W.IntSlider(value=16, min=1, max=128, description="hidden units")
    lr = W.FloatLogSlider(value=0.01, base=10, min=-4, max=0, step=0.1, description="learning rate")
    batch = W.Dropdown(options=[1, 4, 16, 32, 64, 256], value=32, description="batch size")
    dropout = W.FloatSlider(value=0.0, min=0.0, max=0.9, step=0.05, description="dropout p")
    epochs = W.IntSlider(value=100, min=1, max=500, description="epochs")
    opt_name = W.Dropdown(options=["SGD", "Momentum", "Adam"], value="Adam", description="optimizer")
    button = W.Button(description="Train", button_style="primary")
    out = W.Output()

    def run(*_):
        rng = np.random.default_rng(rng_seed)
        Xtr, ytr, Xva, yva, _, _ = train_val_test_split(X, y, rng, val=0.25, test=0.0)
        layers = [Linear.create(X.shape[1], hidden.value, rng), ReLU()]
        if dropout.value > 0:
            layers.append(Dropout(dropout.value, rng))
        layers.append(Linear.create(hidden.value, n_classes, rng, init="xavier"))
        model = Sequential(*layers)
        opt = {"SGD": O.SGD, "Momentum": O.Momentum, "Adam": O.Adam}[opt_name.value](lr.value)
        with out:
            out.clear_output(wait=True)
            try:
                hist = fit(model, softmax_cross_entropy, opt, Xtr, ytr, epochs=epochs.value,
                           batch_size=batch.value, rng=rng, X_val=Xva, y_val=yva)
            except FloatingPointError as exc:
                print(exc)
                return
            two_d = X.shape[1] == 2
            fig, axes = plt.subplots(1, 2 if two_d else 1, figsize=(11 if two_d else 5.5, 4))
            axes = np.atleast_1d(axes)
            if two_d:
                decision_boundary(lambda P: predict(model, P), X, y, ax=axes[0])
                axes[0].set_title(f"train acc {hist.train_acc[-1]:.2f}, val acc {hist.val_acc[-1]:.2f}")
            loss_curves(hist, ax=axes[-1])
            _show(fig)

    button.on_click(run)
    controls = W.VBox([W.HBox([hidden, lr, batch]), W.HBox([dropout, epochs, opt_name]), button])
    box = W.VBox([controls, out])
    box.run = run
    return box
