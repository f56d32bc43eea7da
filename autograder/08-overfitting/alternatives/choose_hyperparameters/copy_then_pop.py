"""Finds the index with a generator and max (first maximum), pops the scores from its own copy of the record, and
counts wins and losses against each other record: mean (w - l) / n, variance (w + l) / n - mean**2."""

import math


def choose_hyperparameters(records):
    accuracy = [sum(bool(c) for c in r["val_correct"]) / len(r["val_correct"]) for r in records]
    best = max(range(len(records)), key=lambda i: (accuracy[i], -i))
    config = dict(records[best])
    test_acc = config.pop("test_acc")
    config.pop("val_correct")
    config.pop("train_acc")
    winner = records[best]["val_correct"]
    n = len(winner)
    clear = True
    for i, other in enumerate(records):
        if i == best:
            continue
        wins = sum(bool(a) and not bool(b) for a, b in zip(winner, other["val_correct"]))
        losses = sum(bool(b) and not bool(a) for a, b in zip(winner, other["val_correct"]))
        mean = (wins - losses) / n
        se = math.sqrt(max((wins + losses) / n - mean ** 2, 0.0) / n)
        if not mean > 2 * se:
            clear = False
    return config, float(test_acc), clear
