"""Sorts the caller's list in place (records.sort) to find the best: the list passed in is reordered."""


def choose_hyperparameters(records):
    records.sort(key=lambda r: r["val_acc"], reverse=True)
    best = records[0]
    config = {k: v for k, v in best.items() if k not in ("train_acc", "val_acc", "test_acc")}
    return config, float(best["test_acc"])
