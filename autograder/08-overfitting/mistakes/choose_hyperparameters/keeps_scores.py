"""Returns the whole record, scores included, as the configuration."""

import numpy as np


SCORES = ("train_acc", "val_correct", "test_acc")


def val_acc(record):
    return np.mean(record["val_correct"])


def choose_hyperparameters(records):
    best = max(records, key=val_acc)
    clear = all(clearly_better(best, r) for r in records if r is not best)
    return dict(best), best["test_acc"], clear


def clearly_better(winner, other):
    """Is the winner more than two standard errors ahead of other, example by example?"""
    d = np.asarray(winner["val_correct"], dtype=float) - np.asarray(other["val_correct"], dtype=float)
    return d.mean() > 2 * d.std() / np.sqrt(len(d))
