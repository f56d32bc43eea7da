"""np.argmax over the validation column (first maximum on ties)."""

import numpy as np


SCORES = ("train_acc", "val_acc", "test_acc")


def choose_hyperparameters(records):
    i = int(np.argmax([r["val_acc"] for r in records]))
    config = dict(records[i])
    for key in SCORES:
        config.pop(key)
    return config, records[i]["test_acc"]
