"""Sorts the caller's list in place (records.sort) to find the best: the list passed in is reordered."""

import numpy as np


SCORES = ("train_acc", "val_correct", "test_acc")


def val_acc(record):
    return np.mean(record["val_correct"])


def choose_hyperparameters(records):
    records.sort(key=val_acc, reverse=True)
    best = records[0]
    clear = all(clearly_better(best, r) for r in records[1:])
    return {k: v for k, v in best.items() if k not in SCORES}, float(best["test_acc"]), bool(clear)


def clearly_better(winner, other):
    """Is the winner more than two standard errors ahead of other, example by example?"""
    d = np.asarray(winner["val_correct"], dtype=float) - np.asarray(other["val_correct"], dtype=float)
    return d.mean() > 2 * d.std() / np.sqrt(len(d))
