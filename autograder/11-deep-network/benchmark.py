"""Measure the reference ``build_and_train`` on the hidden suite's split, next to scikit-learn.

    .venv/bin/python autograder/11-deep-network/benchmark.py [n_seeds]

Trains the source notebook's reference ``build_and_train`` on the fixed held-out split of
``test_build_and_train.py`` with seeds 0..n-1 the way grading does it -- in a sandboxed worker with
the lesson's protected copy of ``nncourse`` and its ``[limits]`` (the call limit is the suite's time budget) -- and in
the same run scikit-learn's ``MLPClassifier`` (one hidden layer of 100 ReLU units, Adam) on the
same split in this process.  Prints test accuracy and wall-clock seconds of each run.
"""

from __future__ import annotations

import os
import sys
import time

import nbformat

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
SOURCE = os.path.join(REPO, "solutions", "11-deep-network", "11-deep-network.ipynb")


def code_cells() -> list[tuple[int, str]]:
    """The source notebook's code cells as grading loads them (grade cells left out)."""
    nb = nbformat.read(SOURCE, as_version=4)
    return [(i, c.source) for i, c in enumerate(nb.cells)
            if c.cell_type == "code" and not c.metadata.get("nbgrader", {}).get("grade")]


def main(n_seeds: int = 3) -> None:
    from sklearn.neural_network import MLPClassifier
    from threadpoolctl import threadpool_limits

    from nncourse.grading.engine import nncourse_copy
    from nncourse.grading.lesson import Lesson
    from nncourse.grading.remote import Submission

    sys.path.insert(0, HERE)
    from test_build_and_train import _train_and_score, split

    threadpool_limits(1)
    lesson = Lesson.load(os.path.dirname(HERE), "11-deep-network")
    X_train, y_train, X_test, y_test = split()
    print(f"hidden split: {len(X_train)} training, {len(X_test)} test images; "
          f"call limit {lesson.limits.call_seconds:g} s")
    for seed in range(n_seeds):
        with Submission(code_cells(), nncourse_copy(lesson.protect), lesson.limits) as sub:
            ours, call_seconds = _train_and_score(sub, seed)
            where = "sandboxed" if sub.sandboxed else "UNSANDBOXED"
        t1 = time.perf_counter()
        mlp = MLPClassifier(hidden_layer_sizes=(100,), max_iter=300, random_state=seed).fit(X_train, y_train)
        theirs = float(mlp.score(X_test, y_test))
        t2 = time.perf_counter()
        print(f"seed {seed}: reference build_and_train {ours:.4f}, call {call_seconds:.1f} s ({where}); "
              f"MLPClassifier {theirs:.4f} in {t2 - t1:.1f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
