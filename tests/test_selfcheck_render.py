"""A failing self-check shows a short block in a real kernel, and still fails the cell."""

import os
import subprocess
import sys

import nbformat
import pytest
from nbclient import NotebookClient

CHECK = (
    "import numpy as np\n"
    "from nncourse.checks import check_close\n"
    "check_close(np.array([1.0, 2.0]), np.array([1.0, 3.0]), 'sigmoid(z) for z = [0, 1]',\n"
    "            hint='Use 1 / (1 + np.exp(-z)).')\n"
)


def _notebook():
    """Two cells; the second is a self-check as the lessons have it: an nbgrader grade cell."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    check = nbformat.v4.new_code_cell(CHECK)
    check.metadata["nbgrader"] = {"cell_type": "code", "grade": True, "grade_id": "sigmoid", "locked": False,
                                  "points": 1, "schema_version": 3, "solution": False}
    nb.cells = [nbformat.v4.new_code_cell("x = 1"), check]
    return nb


@pytest.mark.slow
def test_failing_self_check_renders_short_block_in_a_kernel():
    """Does the error output carry what, expected, got and hint, and no frame of the checker?"""
    nb = _notebook()
    NotebookClient(nb, timeout=60, allow_errors=True, kernel_name="python3").execute()
    (err,) = [o for o in nb.cells[1].outputs if o.output_type == "error"]
    assert err.ename == "CheckFailed"
    text = "\n".join(err.traceback)
    assert "Self-check failed: sigmoid(z) for z = [0, 1]" in text
    assert "expected [1. 3.]" in text and "got      [1. 2.]" in text
    assert "Hint:" in text and "1 / (1 + np.exp(-z))" in text
    # no traceback through the checker's own code
    assert "Traceback" not in text and "checks/__init__.py" not in text and "File " not in text
    assert len(err.traceback) <= 8


def test_render_traceback_lines_without_hint():
    from nncourse.checks import CheckFailed

    lines = CheckFailed("Linear.backward: after backward the layer has no attribute 'dW'.")._render_traceback_()
    assert "Self-check failed: Linear.backward" in lines[0]
    assert lines[1].strip() == "after backward the layer has no attribute 'dW'."
    assert not any("Hint" in ln for ln in lines)


@pytest.mark.slow
def test_validate_counts_a_failing_self_check(tmp_path):
    """nbgrader validate still reports the self-check cell as failed."""
    path = tmp_path / "lesson.ipynb"
    nbformat.write(_notebook(), str(path))
    nbgrader = os.path.join(os.path.dirname(sys.executable), "nbgrader")
    proc = subprocess.run([nbgrader, "validate", str(path)], cwd=tmp_path, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
    assert "VALIDATION FAILED" in proc.stdout, proc.stdout
    assert "Self-check failed" in proc.stdout
