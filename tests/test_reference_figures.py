"""Does every picture that needs an exercise show the student what it should look like?

``nncourse.reference_figures`` saves the solution's figure of each such cell under
``solutions/<lesson>/figures/`` and puts a markdown cell showing it right after the
cell; ``nbgrader generate_assignment`` copies the folder into the release.
"""

import glob
import os
import re

import nbformat
import pytest

from nncourse import reference_figures as rf

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOTEBOOKS = sorted(glob.glob(os.path.join(ROOT, "solutions", "*", "*.ipynb")))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[os.path.basename(p)[:-6] for p in NOTEBOOKS])
def test_reference_cells_follow_their_picture_and_their_images_exist(path):
    nb = nbformat.read(path, as_version=4)
    lesson = os.path.basename(os.path.dirname(path))
    for i, cell in enumerate(nb.cells):
        if not rf.is_reference_cell(cell):
            continue
        assert i > 0 and rf.needs_exercise(nb.cells[i - 1]), f"{lesson}: reference cell {i} follows no picture"
        (image,) = re.findall(r"\(figures/([^)]+)\)", cell.source)
        for top in ("solutions", "lessons"):
            assert os.path.isfile(os.path.join(ROOT, top, lesson, "figures", image)), \
                f"{top}/{lesson}/figures/{image} is missing: run python -m nncourse.reference_figures {lesson}"


@pytest.mark.slow
def test_tool_saves_the_figure_and_is_idempotent(tmp_path):
    """On a two-picture notebook: the marked cell gets its image and one reference cell, however often it runs."""
    lesson = "demo"
    folder = tmp_path / "solutions" / lesson
    folder.mkdir(parents=True)
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import matplotlib.pyplot as plt"),
        nbformat.v4.new_code_cell("plt.plot([0, 1], [1, 0])\nplt.show()"),
        nbformat.v4.new_code_cell("def draw():\n    plt.plot([0, 1])\n    plt.show()\n\n\n"
                                  "draw()   # fails with NotImplementedError until Exercise 1 is done"),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(folder / f"{lesson}.ipynb"))
    texts = []
    for _ in range(2):
        written = rf.update(str(tmp_path), lesson)
        texts.append((folder / f"{lesson}.ipynb").read_text())
        assert [os.path.basename(w) for w in written] == ["02-draw.png"]
        with open(written[0], "rb") as fh:
            assert fh.read(8) == b"\x89PNG\r\n\x1a\n"
        cells = nbformat.read(str(folder / f"{lesson}.ipynb"), as_version=4).cells
        assert len(cells) == 4 and rf.is_reference_cell(cells[3]) and "figures/02-draw.png" in cells[3].source
        assert not any(rf.is_reference_cell(c) for c in cells[:3])
    assert texts[0] == texts[1], "a second run changed the notebook (the reference cell's id must stay)"


@pytest.mark.parametrize("source,name", [
    ("draw()   # fails with NotImplementedError until Exercise 1 is done", "07-draw.png"),
    ("x = 1\nfirst()\nsecond(x)", "07-second.png"),
    ('explore(show_l2, button="Train",\n        lam=widgets.FloatSlider())', "07-show_l2.png"),
    ("explore(\n    show_dropout, p=0.5)", "07-show_dropout.png"),
    ("x = 1", "07-cell.png"),
])
def test_figure_is_named_after_what_the_cell_draws(source, name):
    assert rf.figure_name(nbformat.v4.new_code_cell(source), 7) == name
