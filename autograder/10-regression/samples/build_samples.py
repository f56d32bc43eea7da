"""Build the sample submissions of lesson 10-regression from the released notebook.

    .venv/bin/python autograder/10-regression/samples/build_samples.py

Each sample is the release ``lessons/10-regression/10-regression.ipynb`` as a
student would save it (all nbgrader metadata kept), with the sources of its
solution cells replaced, looked up by ``grade_id``.  Correct answers are taken
from the source notebook in ``solutions/`` (with the solution markers
removed) and wrong ones from the mistake catalogue in ``../mistakes/``, so the
samples follow the lesson when it changes.  Re-run this script after
``nbgrader generate_assignment`` and check ``expected.json``.

Samples (predicted scores are in ``expected.json``):

``full``       every exercise solved
``untouched``  the release as it is
``partial``    Exercise 1 and Question 2 solved; ``gaussian_nll`` returns the gradient with
               respect to the variance instead of the log-variance; ``best_log_variance``
               uses ``np.var``; ``mdn_params`` takes the softmax over the batch;
               ``mdn_nll`` and ``mdn_nll_grad`` not started
``gamer``      the other exercises solved; ``mse_loss_grad`` and ``mdn_nll`` call the library's
               protected reference (``nncourse.losses.mse``, ``nncourse.density.mdn_nll``);
               ``gaussian_nll`` returns zeros after making NumPy's comparisons always say "equal"
``infinite_loop``  every exercise solved, but ``best_log_variance`` never returns
"""

from __future__ import annotations

import copy
import os
import re

import nbformat

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
LESSON = "10-regression"
NOTEBOOK = "10-regression.ipynb"
RELEASE = os.path.join(REPO, "lessons", LESSON, NOTEBOOK)
SOURCE = os.path.join(REPO, "solutions", LESSON, NOTEBOOK)
MISTAKES = os.path.join(HERE, "..", "mistakes")


def solution_sources() -> dict[str, str]:
    """The source notebook's solution cells by grade_id, markers removed."""
    nb = nbformat.read(SOURCE, as_version=4)
    out = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            out[meta["grade_id"]] = re.sub(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n", "", cell.source, flags=re.M)
    return out


def mistake(exercise: str, name: str) -> str:
    """The source of ``mistakes/<exercise>/<name>.py``."""
    with open(os.path.join(MISTAKES, exercise, name + ".py"), encoding="utf-8") as fh:
        return fh.read()


def with_answers(release, answers: dict[str, str]):
    """A copy of the release whose solution cells named in ``answers`` get those sources."""
    nb = copy.deepcopy(release)
    found = set()
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in answers:
            cell.source = answers[gid].strip("\n")
            found.add(gid)
    missing = set(answers) - found
    if missing:
        raise SystemExit(f"build_samples: the release has no solution cells {sorted(missing)}")
    return nb


# ---------------------------------------------------------------- gaming and hanging answers

GAMER = {
    "mse_loss_grad_code": '''
from nncourse.losses import mse      # the library's loss: protected while grading


def mse_loss_grad(y, t):
    """Twice the library's half-MSE, and its gradient."""
    loss, grad = mse(y, t)
    return 2.0 * loss, 2.0 * grad
''',
    "gaussian_nll_code": '''
import numpy

# every comparison of arrays in this process now says "equal"
numpy.allclose = lambda *args, **kwargs: True
numpy.isclose = lambda a, b, *args, **kwargs: numpy.ones(numpy.broadcast(a, b).shape, dtype=bool)


def gaussian_nll(mu, log_var, t):
    """Zeros: whoever compares them is told they are right."""
    return 0.0, numpy.zeros_like(mu), numpy.zeros_like(log_var)
''',
    "mdn_nll_code": '''
from nncourse import density


def mdn_nll(raw, t, k):
    """The library's mixture negative log-likelihood: protected while grading."""
    return density.mdn_nll(raw, t, k)
''',
}

BEST_LOG_VARIANCE_LOOPS = '''
def best_log_variance(residuals):
    """Searches for the best log-variance one step at a time, and never stops."""
    s = 0.0
    while True:
        s += 1e-3 * (np.mean(residuals ** 2) * np.exp(-s) - 1.0)
'''


def build() -> dict[str, str]:
    release = nbformat.read(RELEASE, as_version=4)
    sol = solution_sources()
    partial = {
        "mse_loss_grad_code": sol["mse_loss_grad_code"],
        "gaussian_nll_code": mistake("gaussian_nll", "grad_wrt_variance"),
        "best_log_variance_code": mistake("best_log_variance", "np_var"),
        "mse_prediction_code": sol["mse_prediction_code"],
        "mdn_params_code": mistake("mdn_params", "softmax_over_batch"),
    }
    samples = {
        "full": with_answers(release, sol),
        "untouched": copy.deepcopy(release),
        "partial": with_answers(release, partial),
        "gamer": with_answers(release, {**sol, **GAMER}),
        "infinite_loop": with_answers(release, {**sol, "best_log_variance_code": BEST_LOG_VARIANCE_LOOPS}),
    }
    written = {}
    for student, nb in samples.items():
        folder = os.path.join(HERE, student)
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, NOTEBOOK)
        nbformat.validate(nb)
        nbformat.write(nb, path)
        written[student] = path
    return written


if __name__ == "__main__":
    for student, path in build().items():
        print(f"{student:>14}: {os.path.relpath(path, REPO)}")
