"""Build the sample submissions of lesson 09-autodiff from the released notebook.

    .venv/bin/python autograder/09-autodiff/samples/build_samples.py

Each sample is the release ``lessons/09-autodiff/09-autodiff.ipynb`` as a
student would save it (all nbgrader metadata kept), with the sources of its
solution cells replaced, looked up by ``grade_id``.  Correct answers are taken
from the source notebook in ``solutions/`` (with the solution markers
removed), so the samples follow the lesson when it changes.  Re-run this
script after ``nbgrader generate_assignment`` and check ``expected.json``.

Samples (predicted scores are in ``expected.json``):

``full``             every exercise and question solved
``untouched``        the release as it is
``partial``          Exercises 1, 2 and Question B solved; tanh without the square; a recursive
                     backward that runs a shared node twice; train_step not started; Question A
                     names only the two nodes with two children
``uses_reference``   the questions answered; every exercise imported from ``nncourse.autodiff``
``infinite_loop``    every exercise and question solved, but relu's forward never returns
"""

from __future__ import annotations

import copy
import os
import re

import nbformat

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
LESSON = "09-autodiff"
NOTEBOOK = "09-autodiff.ipynb"
RELEASE = os.path.join(REPO, "lessons", LESSON, NOTEBOOK)
SOURCE = os.path.join(REPO, "solutions", LESSON, NOTEBOOK)

OPS, MATMUL, NONLINEAR, BACKPROP, TRAIN, FAN_OUT, PASSES = (
    "tensor_ops_code", "matmul_code", "nonlinear_ce_code", "backprop_code", "train_step_code",
    "fan_out_question_code", "jacobian_passes_code")


def solution_sources() -> dict[str, str]:
    """The source notebook's solution cells by grade_id, markers removed."""
    nb = nbformat.read(SOURCE, as_version=4)
    out = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            out[meta["grade_id"]] = re.sub(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n", "", cell.source, flags=re.M)
    return out


def tanh_without_square(nonlinear: str) -> str:
    """The solved Exercise 3 with tanh's derivative written 1 - tanh(z)."""
    wrong = nonlinear.replace("a.grad += out.grad * (1.0 - y ** 2)", "a.grad += out.grad * (1.0 - y)")
    if wrong == nonlinear:
        raise SystemExit("build_samples: the tanh line of the solution changed; update tanh_without_square")
    return wrong


def relu_that_loops(nonlinear: str) -> str:
    """The solved Exercise 3 with a relu whose forward pass never returns."""
    wrong = nonlinear.replace("    mask = a.value > 0\n",
                              "    k = 0\n    while k >= 0:          # never ends\n        k += 1\n"
                              "    mask = a.value > 0\n")
    if wrong == nonlinear:
        raise SystemExit("build_samples: the relu of the solution changed; update relu_that_loops")
    return wrong


BACKPROP_RECURSIVE = '''
def topo_sort(root):
    """All nodes reachable from root, each once, parents before children (root last)."""
    order, visited = [], set()

    def visit(node):
        if id(node) in visited:
            return
        visited.add(id(node))
        for parent in node.parents:
            visit(parent)
        order.append(node)

    visit(root)
    return order


def backprop(root, grad=None):
    """Seed the root, then run my closure and recurse into my parents."""
    root.grad = np.ones_like(root.value) if grad is None else np.array(grad, dtype=float)

    def visit(node):
        if node.backward_fn is not None:
            node.backward_fn()
        for parent in node.parents:
            visit(parent)

    visit(root)
'''

FAN_OUT_TWO_CHILDREN = '''
wrong_if_overwritten = ["x", "a"]    # the two nodes with two children
'''

REFERENCE = {
    OPS: "from nncourse.autodiff import add, mul, unbroadcast",
    MATMUL: "from nncourse.autodiff import matmul",
    NONLINEAR: "from nncourse.autodiff import relu, softmax_cross_entropy, tanh",
    BACKPROP: "from nncourse.autodiff import backprop, topo_sort",
    TRAIN: '''
from nncourse import autodiff


class MLP:
    """The model with the library's engine doing all the work."""

    def __init__(self, W1, b1, W2, b2):
        self.params = [autodiff.Tensor(p) for p in (W1, b1, W2, b2)]

    def values(self):
        return [p.value.copy() for p in self.params]

    def train_step(self, X, y, lr):
        autodiff.zero_grad(self.params)
        W1, b1, W2, b2 = self.params
        loss = autodiff.softmax_cross_entropy(autodiff.tanh(X @ W1 + b1) @ W2 + b2, y)
        loss.backward()
        for p in self.params:
            p.value -= lr * p.grad
        return float(loss.value)
''',
}


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


def build() -> dict[str, str]:
    release = nbformat.read(RELEASE, as_version=4)
    sol = solution_sources()
    samples = {
        "full": with_answers(release, sol),
        "untouched": copy.deepcopy(release),
        "partial": with_answers(release, {OPS: sol[OPS], MATMUL: sol[MATMUL],
                                          NONLINEAR: tanh_without_square(sol[NONLINEAR]),
                                          BACKPROP: BACKPROP_RECURSIVE, FAN_OUT: FAN_OUT_TWO_CHILDREN,
                                          PASSES: sol[PASSES]}),
        "uses_reference": with_answers(release, {**REFERENCE, FAN_OUT: sol[FAN_OUT], PASSES: sol[PASSES]}),
        "infinite_loop": with_answers(release, {**sol, NONLINEAR: relu_that_loops(sol[NONLINEAR])}),
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
