"""Deletes the scores from the chosen record itself and returns it: the caller's records lose their scores."""

import numpy as np


SCORES = ("train_acc", "val_correct", "test_acc")


def val_acc(record):
    return np.mean(record["val_correct"])


def choose_hyperparameters(records):
    best = records[0]
    for record in records[1:]:
        if val_acc(record) > val_acc(best):
            best = record
    clear = all(clearly_better(best, r) for r in records if r is not best)
    test_acc = best["test_acc"]
    for key in SCORES:
        del best[key]
    return best, test_acc, clear


def clearly_better(winner, other):
    """Is the winner more than two standard errors ahead of other, example by example?"""
    d = np.asarray(winner["val_correct"], dtype=float) - np.asarray(other["val_correct"], dtype=float)
    return d.mean() > 2 * d.std() / np.sqrt(len(d))
