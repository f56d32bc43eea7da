"""A stable sort by decreasing validation accuracy; the smallest lead in standard errors over the others."""

import numpy as np


SCORES = ("train_acc", "val_correct", "test_acc")


def lead_in_standard_errors(a, b):
    d = a.astype(float) - b.astype(float)
    se = np.std(d) / np.sqrt(len(d))
    return np.inf if se == 0 and d.mean() > 0 else (d.mean() / se if se > 0 else 0.0)


def choose_hyperparameters(records):
    ranked = sorted(records, key=lambda r: -np.mean(r["val_correct"]))
    best = ranked[0]
    smallest = min((lead_in_standard_errors(np.asarray(best["val_correct"]), np.asarray(r["val_correct"]))
                    for r in ranked[1:]), default=np.inf)
    return {k: best[k] for k in best if k not in SCORES}, float(best["test_acc"]), bool(smallest > 2)
