"""Hidden tests for Exercise 5, ``choose_hyperparameters(records) -> (config, test_acc, clear)``.

Choose the record with the highest validation accuracy, the mean of its "val_correct" (the first one on ties);
config = its entries other than "train_acc", "val_correct", "test_acc"; test_acc = its "test_acc"; clear = against
every other record, the mean of the per-example differences (+1, 0, -1) is more than two standard errors
(standard deviation / sqrt(n)) above 0; True for a single record.

The records are built so that no lead is near two standard errors (whether the standard deviation divides by n
or by n - 1), so both conventions pass; each test's leads are far from the thresholds the known mistakes use.
"""

import numpy as np

from nncourse.grading.testing import diagnose, expect, expect_close, weight

NAME = "choose_hyperparameters"
SCORES = ("train_acc", "val_correct", "test_acc")
VALUES = {"lam": [0.0, 0.001, 0.01, 0.1], "p_drop": [0.0, 0.2, 0.5], "width": [8, 16, 32, 64],
          "lr": [0.001, 0.01, 0.1], "sigma": [0.0, 0.1, 0.2]}


# -- building records ----------------------------------------------------------

def lead(worse, better, n):
    """Mean per-example difference and its standard error when the winner wins ``worse`` and loses ``better``."""
    mean = (worse - better) / n
    return mean, np.sqrt(((worse + better) / n - mean ** 2) / n)


def versus(rng, winner, worse, better):
    """Per-example results like ``winner``'s: wrong on ``worse`` of its right answers, right on ``better`` others."""
    out = winner.copy()
    out[rng.choice(np.flatnonzero(winner), size=worse, replace=False)] = False
    out[rng.choice(np.flatnonzero(~winner), size=better, replace=False)] = True
    return out


def pick(rng, n, low, high, most=60):
    """(worse, better) with worse > better, better < 30, whose lead is between low and high standard errors."""
    while True:
        worse = int(rng.integers(1, most))
        better = int(rng.integers(0, min(worse, 30)))
        mean, se = lead(worse, better, n)
        if low < mean / se < high:
            return worse, better


def table(rng, names, kinds, n=None):
    """Records over the hyperparameters ``names``: the winner first in ``kinds`` order is placed at random; each
    other record is ``(worse, better)`` against it, and none shares the winner's accuracy.

    Returns (records, index of the winner, the other records' (worse, better) by position).
    """
    n = int(rng.integers(150, 400)) if n is None else n
    grid = [{names[0]: a, names[1]: b} for a in VALUES[names[0]] for b in VALUES[names[1]]][:len(kinds) + 1]
    winner = rng.permutation(np.arange(n) < int(rng.uniform(0.7, 0.8) * n))     # >= 105 right, >= 30 wrong
    at = int(rng.integers(0, len(grid)))
    pairs, records = {}, []
    others = iter(kinds)
    for i, hyper in enumerate(grid):
        if i == at:
            correct = winner
        else:
            pairs[i] = next(others)
            correct = versus(rng, winner, *pairs[i])
        records.append({**hyper, "train_acc": round(float(rng.uniform(0.6, 0.9)), 3), "val_correct": correct,
                        "test_acc": round(float(rng.uniform(0.6, 0.9)), 3)})
    return records, at, pairs


def shuffled_scores(rng, records, at):
    """Make the best training and the best test accuracy belong to two records other than the winner."""
    others = [i for i in range(len(records)) if i != at]
    i_train, i_test = rng.choice(others, size=2, replace=False)
    records[i_train]["train_acc"], records[i_test]["test_acc"] = 1.0, 0.97
    return records


# -- the reference and the known mistakes --------------------------------------

def accuracies(records):
    return [float(np.mean(r["val_correct"])) for r in records]


def ratio(records, best, i):
    diff = np.asarray(records[best]["val_correct"], float) - np.asarray(records[i]["val_correct"], float)
    se = diff.std() / np.sqrt(len(diff))
    return diff.mean() / se if se else (np.inf if diff.mean() > 0 else 0.0)


def reference(records):
    acc = accuracies(records)
    best = int(np.argmax(acc))
    config = {k: v for k, v in records[best].items() if k not in SCORES}
    clear = all(ratio(records, best, i) > 2 for i in range(len(records)) if i != best)
    return config, records[best]["test_acc"], clear


def hyper(record):
    return {k: v for k, v in record.items() if k not in SCORES}


def config_hint(config, records):
    if config == hyper(max(records, key=lambda r: r["test_acc"])):
        return ("You chose the configuration with the best test accuracy. The test set must not influence any "
                "choice (its score would then be optimistic): choose by the validation accuracy and only report "
                "the chosen record's 'test_acc'.")
    if config == hyper(max(records, key=lambda r: r["train_acc"])):
        return ("You chose by the training accuracy, which favours the least regularised, most overfitted model: "
                "choose by the validation accuracy, the mean of 'val_correct'.")
    if config == hyper(records[int(np.argmin(accuracies(records)))]):
        return "You chose the lowest validation accuracy: take the maximum."
    return "Choose the record with the highest validation accuracy, the mean of its 'val_correct'."


def unpack(out, what):
    expect(isinstance(out, (tuple, list)) and len(out) == 3 and isinstance(out[0], dict),
           f"{what}: expected a triple (config, test_acc, clear) with config a dict, got "
           f"{type(out).__name__}{f' of length {len(out)}' if isinstance(out, (tuple, list)) else ''}.",
           "End with `return config, test_acc, clear`, config being a dict of hyperparameters.")
    expect(isinstance(out[2], (bool, np.bool_)), f"{what}: clear is {out[2]!r}, expected True or False.",
           "Return bool(...) of your comparison.")
    return out


def describe(records, n_val):
    names = [k for k in records[0] if k not in SCORES]
    return f"choose_hyperparameters({len(records)} records over {' and '.join(names)}, {n_val} validation examples)"


def closest(records, best):
    """Position and lead (in standard errors) of the other record nearest to the winner."""
    i = min((i for i in range(len(records)) if i != best), key=lambda i: ratio(records, best, i))
    return i, ratio(records, best, i)


# -- tests -----------------------------------------------------------------------

@weight(2)
def test_chooses_on_validation(student, rng):
    """the configuration with the highest validation accuracy, never the best on training or test"""
    for names in (("lam", "p_drop"), ("width", "lr")):
        kinds = [pick(rng, 300, 0.5, 6) for _ in range(7)]
        records, at, _ = table(rng, names, kinds, n=300)
        records = shuffled_scores(rng, records, at)
        what = describe(records, 300)
        config, _, _ = unpack(student.function(NAME)(records), what)
        exp_config = reference(records)[0]
        got = {k: config.get(k) for k in names}
        expect(got == exp_config, f"{what}: expected the configuration {exp_config}, got {got}.",
               config_hint(config, records))


@weight(1)
def test_reports_chosen_test_accuracy(student, rng):
    """reports the test accuracy of the chosen record, not the best test accuracy"""
    records, at, _ = table(rng, ("lam", "p_drop"), [pick(rng, 250, 0.5, 6) for _ in range(5)], n=250)
    records = shuffled_scores(rng, records, at)
    what = describe(records, 250) + ": test_acc"
    _, test_acc, _ = unpack(student.function(NAME)(records), what)
    exp_test = reference(records)[1]
    hint = diagnose(test_acc, exp_test, [
        ("You reported the best test accuracy of all records. Report the test accuracy of the record chosen on the "
         "validation set: picking the maximum over the test scores is choosing on the test set.",
         max(r["test_acc"] for r in records)),
        ("That is the validation accuracy: report the chosen record's 'test_acc'.", max(accuracies(records))),
    ], "Report the 'test_acc' of the record chosen by validation accuracy.")
    expect_close(test_acc, exp_test, what, hint)


@weight(1)
def test_config_holds_only_hyperparameters(student, rng):
    """config has the hyperparameter keys only, whatever they are called"""
    records, _, _ = table(rng, ("sigma", "width"), [pick(rng, 200, 0.5, 6) for _ in range(4)], n=200)
    what = describe(records, 200)
    config, _, _ = unpack(student.function(NAME)(records), what)
    exp_config = reference(records)[0]
    expect(sorted(map(str, config)) == sorted(exp_config),
           f"{what}: config has the keys {sorted(map(str, config))}, expected {sorted(exp_config)}.",
           "config holds the hyperparameters only: every key except 'train_acc', 'val_correct' and 'test_acc'.")
    expect(config == exp_config, f"{what}: expected {exp_config}, got {config}.", config_hint(config, records))


def clear_hint(records, best, expected):
    """What the comparison with the closest record gives, in the terms of the statement."""
    i, r = closest(records, best)
    diff = np.asarray(records[best]["val_correct"], float) - np.asarray(records[i]["val_correct"], float)
    numbers = (f"against record {i} ({hyper(records[i])}) the winner wins {int(np.sum(diff > 0))} examples and loses "
               f"{int(np.sum(diff < 0))}: mean difference {diff.mean():.4f}, standard deviation {diff.std():.4f}, "
               f"standard error {diff.std() / np.sqrt(len(diff)):.4f}, a lead of {r:.2f} standard errors")
    if expected:
        return (f"Every other record is more than two standard errors behind; the nearest, {numbers}. Use the "
                "per-example differences (winner's 1/0 minus the other's 1/0), not the standard errors of the two "
                "accuracies on their own: most examples are right or wrong for both and carry no information.")
    return (f"Compare the winner with every other record, not only the runner-up, and call it clear only when "
            f"the lead is more than two standard errors (not one); {numbers}.")


def expect_clear(student, rng, names, kinds, n, expected):
    """The student's clear on a table of records ``kinds`` behind the winner must be ``expected``."""
    records, best, _ = table(rng, names, kinds, n=n)
    what = describe(records, n) + ": clear"
    _, _, clear = unpack(student.function(NAME)(records), what)
    expect(bool(clear) is expected, f"{what}: expected {expected}, got {not expected}.",
           clear_hint(records, best, expected))


@weight(2)
def test_clear_when_every_lead_exceeds_two_standard_errors(student, rng):
    """clear is True when every other record is between 2.2 and 2.8 standard errors behind or further"""
    n = int(rng.integers(200, 400))
    while True:
        near = pick(rng, n, 2.2, 2.8, most=15)
        mean, _ = lead(*near, n)
        if mean / np.sqrt(0.8 * 0.2 / n) < 1.8:          # less than 1.8 standard errors of one accuracy
            break
    expect_clear(student, rng, ("lam", "p_drop"), [near] + [pick(rng, n, 3.2, 8) for _ in range(4)], n, True)


@weight(2)
def test_not_clear_when_any_record_is_within_noise(student, rng):
    """clear is False when a record below the runner-up is within 1.2 to 1.7 standard errors of the winner"""
    n = int(rng.integers(200, 400))
    runner_up = pick(rng, n, 3.2, 6, most=12)
    while True:
        close = pick(rng, n, 1.2, 1.7)
        if close[0] - close[1] > runner_up[0] - runner_up[1]:        # behind the runner-up in accuracy
            break
    expect_clear(student, rng, ("width", "lr"), [runner_up, close] + [pick(rng, n, 3.2, 8) for _ in range(3)], n,
                 False)


@weight(1)
def test_ties_and_single_record(student, rng):
    """a tie goes to the first record and is not clear; identical results are not clear; one record is clear"""
    records, _, _ = table(rng, ("width", "p_drop"), [pick(rng, 200, 3.2, 8) for _ in range(5)], n=200)
    best = reference(records)[0]
    i_best = next(i for i, r in enumerate(records) if hyper(r) == best)
    first, second = sorted(int(i) for i in rng.choice(len(records), size=2, replace=False))
    top = records[i_best]["val_correct"]
    tie = versus(rng, top, 2, 2)                      # the same accuracy, other examples right
    records[i_best]["val_correct"] = versus(rng, top, 10, 0)
    records[first]["val_correct"], records[second]["val_correct"] = top.copy(), tie
    what = f"choose_hyperparameters with a tie in validation accuracy between records {first} and {second}"
    config, test_acc, clear = unpack(student.function(NAME)(records), what)
    exp_config, exp_test, _ = reference(records)
    hint = ("On a tie keep the first record: replace the best only when the accuracy is strictly larger (> not >=); "
            "np.argmax and max() also return the first maximum.")
    expect({k: config.get(k) for k in exp_config} == exp_config, f"{what}: expected {exp_config}, got {config}.",
           hint)
    expect_close(test_acc, exp_test, what + ": test_acc", hint)
    expect(bool(clear) is False, f"{what}: clear: expected False, got True.",
           "A record with the same validation accuracy is not behind at all: the mean difference 0 is never more "
           "than two standard errors above 0.")

    same = [records[first], {**hyper(records[second]), "train_acc": 0.5, "val_correct": top.copy(), "test_acc": 0.5}]
    what = "choose_hyperparameters with two records whose validation results are identical"
    _, _, clear = unpack(student.function(NAME)(same), what)
    expect(bool(clear) is False, f"{what}: clear: expected False, got True.",
           "With identical results every per-example difference is 0, and so is its standard error: 0 > 2 * 0 is "
           "False. Use >, not >=.")

    one = [{"lam": 0.01, "train_acc": 0.9, "val_correct": top.copy(), "test_acc": 0.75}]
    what = "choose_hyperparameters with a single record"
    config, test_acc, clear = unpack(student.function(NAME)(one), what)
    expect(config == {"lam": 0.01}, f"{what}: expected {{'lam': 0.01}}, got {config}.")
    expect_close(test_acc, 0.75, f"{what}: test_acc")
    expect(bool(clear) is True, f"{what}: clear: expected True, got False.",
           "With a single record there is nothing it could be confused with: clear is True (all() of no "
           "comparisons is True).")
