"""Compares the winner with the runner-up only; a record further down may still be within noise."""

import numpy as np


SCORES = ("train_acc", "val_correct", "test_acc")


def val_acc(record):
    return np.mean(record["val_correct"])


def choose_hyperparameters(records):
    order = sorted(range(len(records)), key=lambda i: -val_acc(records[i]))
    best = records[order[0]]
    clear = True if len(records) == 1 else bool(clearly_better(best, records[order[1]]))
    return {k: v for k, v in best.items() if k not in SCORES}, best["test_acc"], clear


def clearly_better(winner, other):
    """Is the winner more than two standard errors ahead of other, example by example?"""
    d = np.asarray(winner["val_correct"], dtype=float) - np.asarray(other["val_correct"], dtype=float)
    return d.mean() > 2 * d.std() / np.sqrt(len(d))
