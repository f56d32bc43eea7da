"""Uses >= when scanning, so a tie goes to the last record."""

import numpy as np


SCORES = ("train_acc", "val_correct", "test_acc")


def val_acc(record):
    return np.mean(record["val_correct"])


def choose_hyperparameters(records):
    best = records[0]
    for r in records:
        if val_acc(r) >= val_acc(best):
            best = r
    clear = all(clearly_better(best, r) for r in records if r is not best)
    return {k: v for k, v in best.items() if k not in SCORES}, best["test_acc"], clear


def clearly_better(winner, other):
    """Is the winner more than two standard errors ahead of other, example by example?"""
    d = np.asarray(winner["val_correct"], dtype=float) - np.asarray(other["val_correct"], dtype=float)
    return d.mean() > 2 * d.std() / np.sqrt(len(d))
