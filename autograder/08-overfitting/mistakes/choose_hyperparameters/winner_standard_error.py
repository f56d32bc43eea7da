"""Measures the lead in standard errors of the winner's accuracy alone, sqrt(a (1 - a) / n)."""

import numpy as np


SCORES = ("train_acc", "val_correct", "test_acc")


def val_acc(record):
    return np.mean(record["val_correct"])


def choose_hyperparameters(records):
    best = max(records, key=val_acc)
    a, n = val_acc(best), len(best["val_correct"])
    se = np.sqrt(a * (1 - a) / n)
    clear = all(a - val_acc(r) > 2 * se for r in records if r is not best)
    return {k: v for k, v in best.items() if k not in SCORES}, best["test_acc"], bool(clear)
