"""Uses the standard error of the difference of two independent accuracies,
sqrt(a1 (1 - a1) / n + a2 (1 - a2) / n), which ignores that both were measured on the same examples."""

import numpy as np


SCORES = ("train_acc", "val_correct", "test_acc")


def val_acc(record):
    return np.mean(record["val_correct"])


def choose_hyperparameters(records):
    best = max(records, key=val_acc)
    n = len(best["val_correct"])
    a = val_acc(best)
    clear = all(a - val_acc(r) > 2 * np.sqrt(a * (1 - a) / n + val_acc(r) * (1 - val_acc(r)) / n)
                for r in records if r is not best)
    return {k: v for k, v in best.items() if k not in SCORES}, best["test_acc"], bool(clear)
