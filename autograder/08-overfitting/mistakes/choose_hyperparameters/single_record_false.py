"""Starts from clear = False and sets it only inside the loop: a single record is never clear."""

import numpy as np


SCORES = ("train_acc", "val_correct", "test_acc")


def val_acc(record):
    return np.mean(record["val_correct"])


def choose_hyperparameters(records):
    best = max(records, key=val_acc)
    clear = False
    for i, r in enumerate([r for r in records if r is not best]):
        d = np.asarray(best["val_correct"], dtype=float) - np.asarray(r["val_correct"], dtype=float)
        ahead = d.mean() > 2 * d.std() / np.sqrt(len(d))
        clear = ahead if i == 0 else clear and ahead
    return {k: v for k, v in best.items() if k not in SCORES}, best["test_acc"], bool(clear)
