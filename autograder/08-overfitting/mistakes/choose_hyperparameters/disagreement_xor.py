"""Avoids the boolean subtraction with != (xor): the per-example numbers count disagreements, whoever is right."""

import numpy as np


SCORES = ("train_acc", "val_correct", "test_acc")


def val_acc(record):
    return np.mean(record["val_correct"])


def choose_hyperparameters(records):
    best = max(records, key=val_acc)
    clear = True
    for r in records:
        if r is not best:
            d = (best["val_correct"] != r["val_correct"]).astype(float)
            clear = clear and d.mean() > 2 * d.std() / np.sqrt(len(d))
    return {k: v for k, v in best.items() if k not in SCORES}, best["test_acc"], bool(clear)
