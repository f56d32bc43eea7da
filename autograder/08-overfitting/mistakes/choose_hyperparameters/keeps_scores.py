"""Returns the whole record, scores included, as the configuration."""

import numpy as np


SCORES = ("train_acc", "val_acc", "test_acc")


def choose_hyperparameters(records):
    best = max(records, key=lambda r: r["val_acc"])
    return dict(best), best["test_acc"]
