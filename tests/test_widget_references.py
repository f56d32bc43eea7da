"""Reference images of pictures drawn inside widgets (``nncourse.widget_references``)."""

from __future__ import annotations

import glob
import os

import nbformat
import pytest

from nncourse import widget_references as wr

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOTEBOOKS = sorted(glob.glob(os.path.join(ROOT, "solutions", "*", "*.ipynb"))
                   + glob.glob(os.path.join(ROOT, "lessons", "*", "*.ipynb")))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: os.path.relpath(p, ROOT))
def test_widget_reference_cells_follow_a_widget_and_their_images_exist(path):
    """Does every widget reference cell sit right under an explore(...) cell, and show an image that exists in
    both solutions/ and lessons/?"""
    nb = nbformat.read(path, as_version=4)
    lesson = os.path.basename(os.path.dirname(path))
    for index, spec in wr.reference_cells(nb):
        above = nb.cells[index - 1]
        assert above.cell_type == "code" and "explore(" in above.source, f"{lesson}: cell {index} follows no widget"
        assert "should see" in nb.cells[index].source and f"(figures/{spec['image']})" in nb.cells[index].source
        assert spec["call"].split("(")[0] in above.source, f"{lesson}: cell {index} draws another picture"
        for top in ("solutions", "lessons"):
            assert os.path.isfile(os.path.join(ROOT, top, lesson, "figures", spec["image"])), \
                f"{top}/{lesson}/figures/{spec['image']} is missing: run python -m nncourse.widget_references {lesson}"


def _notebook(folder, call, image="01-draw.png"):
    reference = nbformat.v4.new_markdown_cell(f"What you should see:\n\n![x](figures/{image})")
    reference.metadata["nncourse"] = {"widget_reference": {"call": call, "image": image}}
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import matplotlib.pyplot as plt\n\n\ndef draw(k=1):\n"
                                  "    plt.plot([0, k])\n    plt.show()\n\n\nSCALE = 3"),
        nbformat.v4.new_code_cell("explore(draw, k=None)"),
        reference,
    ])
    nbformat.write(nb, str(folder / "demo.ipynb"))


@pytest.mark.slow
def test_tool_draws_the_named_call_into_figures(tmp_path):
    """Does the tool evaluate the call on the notebook's definitions and save its figure as a PNG?"""
    folder = tmp_path / "solutions" / "demo"
    folder.mkdir(parents=True)
    _notebook(folder, "draw(k=SCALE)")
    (written,) = wr.update(str(tmp_path), "demo")
    assert written.endswith(os.path.join("figures", "01-draw.png"))
    with open(written, "rb") as fh:
        assert fh.read(8) == b"\x89PNG\r\n\x1a\n"


def test_bad_specs_are_refused_with_the_expected_form(tmp_path):
    """Does a malformed spec (an image path with a folder, or no call) fail with a message that shows the form?"""
    for spec in ({"call": "draw()", "image": "../x.png"}, {"image": "x.png"}, "draw()"):
        cell = nbformat.v4.new_markdown_cell("x")
        cell.metadata["nncourse"] = {"widget_reference": spec}
        with pytest.raises(ValueError, match="'call'"):
            wr.reference_spec(cell)


@pytest.mark.slow
def test_a_call_that_draws_nothing_is_an_error(tmp_path):
    folder = tmp_path / "solutions" / "demo"
    folder.mkdir(parents=True)
    _notebook(folder, "SCALE + 1")
    with pytest.raises(RuntimeError, match="drew no figure"):
        wr.update(str(tmp_path), "demo")
