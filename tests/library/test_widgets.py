"""Widgets: each explorer builds, and one run with its default controls draws without error."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

ipywidgets = pytest.importorskip("ipywidgets")

from nncourse import widgets  # noqa: E402
from nncourse.data import make_moons  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_activation_explorer_switches_function():
    """Does the activation explorer redraw when the dropdown changes?"""
    box = widgets.activation_explorer()
    assert isinstance(box, ipywidgets.VBox)
    dropdown = box.children[0].children[0]
    dropdown.value = "leaky_relu"  # triggers a redraw through observe
    box.run()


def test_learning_rate_explorer_with_custom_surface():
    """Does it run on the default bowl and on a user surface with finite-difference gradients, even diverging?"""
    box = widgets.learning_rate_explorer(max_steps=20)
    lr_slider = box.children[0].children[1].children[0]
    lr_slider.value = 1.0  # SGD diverges on the steep axis; must not raise
    box2 = widgets.learning_rate_explorer(f=lambda t: (t[0] - 1) ** 2 + (t[1] + 0.5) ** 2, theta0=(0.0, 0.0))
    box2.run()
    with pytest.raises(ValueError, match=r"learning_rate_explorer: theta0 has shape"):
        widgets.learning_rate_explorer(theta0=(0.0, 0.0, 1.0))


def test_mlp_explorer_trains():
    """Does pressing Train (run) fit a small model on the moons and draw both panels?"""
    X, y = make_moons(60, np.random.default_rng(0), noise=0.1)
    box = widgets.mlp_explorer(X, y, rng_seed=1)
    controls = box.children[0]
    epochs = controls.children[1].children[1]
    epochs.value = 5
    box.run()
    with pytest.raises(ValueError, match=r"mlp_explorer: y has 3 labels, expected 60"):
        widgets.mlp_explorer(X, y[:3])


def test_explore_draws_once_and_redraws_in_place():
    """explore: one picture at once, one redraw per change, labels from keywords, one Image replaced in place."""
    import matplotlib.pyplot as plt

    calls = []

    def draw(w, lam):
        calls.append((w, lam))
        plt.figure(figsize=(4, 3))
        plt.plot([0, 1], [0, w])
        plt.title(f"w = {w}")
        plt.show()
        print(f"drawn with w = {w}")

    w = ipywidgets.FloatSlider(value=1.0, min=0, max=2, description="weight w")
    lam = ipywidgets.FloatSlider(value=0.0, min=0, max=1)
    box = widgets.explore(draw, w=w, lam=lam)
    assert calls == [(1.0, 0.0)]
    assert lam.description == "lam" and w.description == "weight w"
    images = [c for c in box.children if isinstance(c, ipywidgets.Image)]
    outputs = [c for c in box.children if isinstance(c, ipywidgets.Output)]
    assert images == [box.image] and outputs == [box.output] and box.children[-2:] == (box.image, box.output)
    first = bytes(box.image.value)
    assert first.startswith(b"\x89PNG") and box.image.layout.display is None
    w.value = 1.5
    lam.value = 0.5
    assert calls == [(1.0, 0.0), (1.5, 0.0), (1.5, 0.5)]
    assert bytes(box.image.value).startswith(b"\x89PNG") and bytes(box.image.value) != first
    assert box.seconds is not None and box.seconds >= 0
    assert plt.get_fignums() == []          # every figure drawn was closed again
    assert plt.show is not None and plt.show.__name__ == "show"     # plt.show is restored after each redraw


def test_explore_hides_the_picture_when_draw_fails():
    """An unfinished exercise: the error propagates (shown in the Output in a kernel) and no stale picture stays."""
    state = {"broken": False}

    def draw(w):
        if state["broken"]:
            raise NotImplementedError("Exercise 1")
        plt.figure()
        plt.plot([0, w])
        plt.show()

    w = ipywidgets.FloatSlider(value=1.0, min=0, max=2)
    box = widgets.explore(draw, w=w)
    assert box.image.layout.display is None
    state["broken"] = True
    with pytest.raises(NotImplementedError):
        box.redraw()
    assert box.image.layout.display == "none" and plt.get_fignums() == []


def test_bench_moves_each_kind_of_control_one_step():
    """The widget benchmark moves a slider as an arrow key does, and stays inside the slider's range."""
    from nncourse.bench_widgets import nudge

    w = ipywidgets.FloatSlider(value=2.0, min=-6, max=6, step=0.25)
    assert nudge(w) == "2 → 2.25" and w.value == 2.25
    top = ipywidgets.IntSlider(value=100, min=1, max=100)
    nudge(top)
    assert top.value == 99                       # at the end of the range it moves back
    log = ipywidgets.FloatLogSlider(value=1.0, base=10, min=-1, max=1, step=0.1)
    nudge(log)
    assert log.value == pytest.approx(10 ** 0.1)
    sel = ipywidgets.SelectionSlider(options=[8, 16, 32, 64, 128], value=128)
    nudge(sel)
    assert sel.value == 64
    with pytest.raises(TypeError, match="cannot move a Button"):
        nudge(ipywidgets.Button())


def test_bench_times_explore_and_interact_pictures_and_reports_errors(capsys):
    """time_new_pictures finds explore and interact pictures made after a snapshot, and times one move each."""
    from ipywidgets.widgets.widget import _instances

    from nncourse.bench_widgets import MARK, time_new_pictures

    def curve(w=1.0):
        plt.figure()
        plt.plot([0, 1], [0, w])
        plt.show()

    def broken(n=1):
        raise NotImplementedError("exercise 1")

    from IPython.core.interactiveshell import InteractiveShell

    InteractiveShell.instance()                 # as in a kernel: interact shows a draw error as a traceback
    before = set(_instances)
    widgets.explore(curve, w=ipywidgets.FloatSlider(value=1.0, min=0, max=2, step=0.5, description="weight w"))
    ipywidgets.interact_manual(broken, n=ipywidgets.IntSlider(value=1, min=1, max=5))
    try:
        records = time_new_pictures(before, "demo", 3)
    finally:
        InteractiveShell.clear_instance()
    by_name = {r["picture"]: r for r in records}
    assert set(by_name) == {"curve", "broken"}
    assert by_name["curve"]["move"] == "1 → 1.5" and by_name["curve"]["redraw_s"] > 0 and not by_name["curve"]["error"]
    assert by_name["broken"]["redraw_s"] is None and "NotImplementedError" in by_name["broken"]["error"]
    assert (MARK + "[") in capsys.readouterr().out
