"""Measure the reference ``build_and_train`` on the hidden suite's split, next to scikit-learn.

    .venv/bin/python autograder/11-deep-network/benchmark.py [n_seeds]

Loads the top-level definitions of the source notebook (as grading does), trains the
reference ``build_and_train`` on the fixed held-out split of ``test_build_and_train.py``
with seeds 0..n-1 under one BLAS thread (as in the grading sandbox), and in the same run
scikit-learn's ``MLPClassifier`` (one hidden layer of 100 ReLU units, Adam) on the same
split.  Prints test accuracy and wall-clock seconds of each run.
"""

from __future__ import annotations

import ast
import os
import sys
import time

import nbformat
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
SOURCE = os.path.join(REPO, "solutions", "11-deep-network", "11-deep-network.ipynb")
KEEP = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef, ast.Assign)


def notebook_namespace() -> dict:
    nb = nbformat.read(SOURCE, as_version=4)
    ns: dict = {}
    for cell in nb.cells:
        if cell.cell_type != "code" or cell.metadata.get("nbgrader", {}).get("grade"):
            continue
        body = [n for n in ast.parse(cell.source).body if isinstance(n, KEEP)]
        exec(compile(ast.Module(body=body, type_ignores=[]), "<cell>", "exec"), ns)
    return ns


def main(n_seeds: int = 3) -> None:
    from sklearn.neural_network import MLPClassifier
    from threadpoolctl import threadpool_limits

    sys.path.insert(0, HERE)
    from test_build_and_train import split

    threadpool_limits(1)
    ns = notebook_namespace()
    X_train, y_train, X_test, y_test = split()
    print(f"hidden split: {len(X_train)} training, {len(X_test)} test images")
    for seed in range(n_seeds):
        t0 = time.perf_counter()
        model = ns["build_and_train"](X_train, y_train, seed)
        ours = float(np.mean(ns["predict"](model, X_test) == y_test))
        t1 = time.perf_counter()
        mlp = MLPClassifier(hidden_layer_sizes=(100,), max_iter=300, random_state=seed).fit(X_train, y_train)
        theirs = float(mlp.score(X_test, y_test))
        t2 = time.perf_counter()
        print(f"seed {seed}: reference build_and_train {ours:.4f} in {t1 - t0:.1f} s; "
              f"MLPClassifier {theirs:.4f} in {t2 - t1:.1f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
