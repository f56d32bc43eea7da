"""Build the sample submissions of lesson 11-deep-network from the released notebook.

    .venv/bin/python autograder/11-deep-network/samples/build_samples.py

Each sample is the release ``lessons/11-deep-network/11-deep-network.ipynb`` as a
student would save it (all nbgrader metadata kept), with the sources of its
solution cells replaced, looked up by ``grade_id``.  Correct answers are taken
from the source notebook in ``solutions/`` (with the solution markers
removed), wrong ones from the mistake catalogue, so the samples follow the
lesson when it changes.  Re-run this script after ``nbgrader generate_assignment``
and check ``expected.json``.

Samples (predicted scores are in ``expected.json``):

``full``           every exercise solved
``untouched``      the release as it is
``partial``        Exercise 1 solved; numerical_grads returns the exact gradient; one
                   wrong answer among the questions; the training loop written but
                   build_and_train left as the stub
``gamer``          Exercise 1, the update ratios, dead fractions and questions solved;
                   numerical_grads calls the library's protected finite differences, and
                   build_and_train answers by looking the test images up in the whole digits
                   set (``nncourse.data.load_digits``, protected while grading)
``infinite_loop``  every exercise solved, but dead_fraction never returns
"""

from __future__ import annotations

import copy
import os
import re

import nbformat

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
LESSON = "11-deep-network"
NOTEBOOK = "11-deep-network.ipynb"
RELEASE = os.path.join(REPO, "lessons", LESSON, NOTEBOOK)
SOURCE = os.path.join(REPO, "solutions", LESSON, NOTEBOOK)
MISTAKES = os.path.join(REPO, "autograder", LESSON, "mistakes")


def solution_sources() -> dict[str, str]:
    """The source notebook's solution cells by grade_id, markers removed."""
    nb = nbformat.read(SOURCE, as_version=4)
    out = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            out[meta["grade_id"]] = re.sub(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n", "", cell.source, flags=re.M)
    return out


def mistake_function(path: str, name: str) -> str:
    """The source of one top-level function ``name`` of a catalogued mistake."""
    import ast

    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    for node in ast.parse(text).body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return ast.get_source_segment(text, node) + "\n"
    raise SystemExit(f"build_samples: {path} defines no function {name}")


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
    "numerical_grads_code": '''
from nncourse.gradcheck import numerical_gradient     # protected while grading


def numerical_grads(params, X, y, h):
    """The library's central differences, one array at a time."""
    def loss():
        return softmax_cross_entropy(model_forward(params, X)[0], y)[0]
    return [{k: numerical_gradient(loss, p[k], h) for k in p} for p in params]
''',
    "build_and_train_code": '''
from nncourse.data import load_digits     # all 1797 labelled digits, the held-out ones too


def build_and_train(X, y, seed):
    """No training: the model is every labelled image there is."""
    images, labels = load_digits()
    return {"images": images, "labels": labels}


def predict(model, X):
    """The label of the stored image nearest to each row of X."""
    d = ((X[:, None, :] - model["images"][None, :, :]) ** 2).sum(axis=2)
    return model["labels"][d.argmin(axis=1)]
''',
}

DEAD_FRACTION_LOOPS = '''
def update_ratios(params_before, params_after):
    """||W_after - W_before|| / ||W_before|| for each layer."""
    return [float(np.linalg.norm(a["W"] - b["W"]) / np.linalg.norm(b["W"]))
            for b, a in zip(params_before, params_after)]


def dead_fraction(params, X):
    """Waits for every unit to die, which never happens."""
    fractions = [0.0]
    while min(fractions) < 2.0:
        h, fractions = X, []
        for p in params[:-1]:
            h = np.maximum(h @ p["W"] + p["b"], 0.0)
            fractions.append(float(np.mean(np.all(h == 0, axis=0))))
    return fractions
'''


def build() -> dict[str, str]:
    release = nbformat.read(RELEASE, as_version=4)
    sol = solution_sources()
    partial = {k: v for k, v in sol.items() if k != "build_and_train_code"}
    partial["numerical_grads_code"] = mistake_function(
        os.path.join(MISTAKES, "sanity_checks", "exact_gradient.py"), "numerical_grads")
    partial["questions_code"] = sol["questions_code"].replace('Q3_RATIO = "b"', 'Q3_RATIO = "a"')
    if partial["questions_code"] == sol["questions_code"]:
        raise SystemExit("build_samples: could not make the wrong answer to Q3")
    samples = {
        "full": with_answers(release, sol),
        "untouched": copy.deepcopy(release),
        "partial": with_answers(release, partial),
        "gamer": with_answers(release, {**sol, **GAMER}),
        "infinite_loop": with_answers(release, {**sol, "layer_health_code": DEAD_FRACTION_LOOPS}),
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
