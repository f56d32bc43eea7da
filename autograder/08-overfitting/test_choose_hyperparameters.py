"""Hidden tests for Exercise 5, ``choose_hyperparameters(records) -> (config, test_acc)``.

Choose the record with the highest "val_acc" (the first one on ties); config = its entries other than
"train_acc", "val_acc", "test_acc"; test_acc = its "test_acc".
"""


from nncourse.grading.testing import diagnose, expect, expect_close, weight

NAME = "choose_hyperparameters"
SCORES = ("train_acc", "val_acc", "test_acc")


def grid(rng, names=("lam", "p_drop")):
    """A results table in which the best validation, test and training scores belong to different records."""
    values = {"lam": [0.0, 0.001, 0.01, 0.1], "p_drop": [0.0, 0.2, 0.5], "width": [8, 16, 32, 64],
              "lr": [0.001, 0.01, 0.1], "sigma": [0.0, 0.1, 0.2]}
    records = []
    for a in values[names[0]]:
        for b in values[names[1]]:
            records.append({names[0]: a, names[1]: b})
    m = len(records)
    val = rng.uniform(0.6, 0.9, size=m).round(4)
    test = rng.uniform(0.6, 0.9, size=m).round(4)
    train = rng.uniform(0.6, 0.9, size=m).round(4)
    order = rng.permutation(m)
    i_val, i_test, i_train, i_worst = order[:4]
    val[i_val], test[i_test], train[i_train] = 0.95, 0.97, 1.0
    val[i_worst] = 0.5
    for r, tr, va, te in zip(records, train, val, test):
        r.update({"train_acc": float(tr), "val_acc": float(va), "test_acc": float(te)})
    return records


def reference(records):
    best = max(range(len(records)), key=lambda i: (records[i]["val_acc"], -i))
    r = records[best]
    return {k: v for k, v in r.items() if k not in SCORES}, r["test_acc"]


def by(records, key, pick=max):
    r = pick(records, key=lambda r: r[key])
    return {k: v for k, v in r.items() if k not in SCORES}


def unpack(out, what):
    expect(isinstance(out, (tuple, list)) and len(out) == 2 and isinstance(out[0], dict),
           f"{what}: expected a pair (config, test_acc) with config a dict, got {type(out).__name__}.",
           "End with `return config, test_acc`, config being a dict of hyperparameters.")
    return out


def config_hint(config, records):
    def hyper(c):
        return {k: v for k, v in c.items() if k not in SCORES}

    if hyper(config) == by(records, "test_acc"):
        return ("You chose the configuration with the best test accuracy. The test set must not influence any "
                "choice (its score would then be optimistic): choose by 'val_acc' and only report the chosen "
                "record's 'test_acc'.")
    if hyper(config) == by(records, "train_acc"):
        return ("You chose by the training accuracy, which favours the least regularised, most overfitted model: "
                "choose by 'val_acc'.")
    if hyper(config) == by(records, "val_acc", min):
        return "You chose the lowest validation accuracy: take the maximum of 'val_acc'."
    return "Choose the record with the highest 'val_acc'."


@weight(3)
def test_chooses_on_validation(student, rng):
    """the configuration with the highest validation accuracy, never the best on test"""
    for names in (("lam", "p_drop"), ("width", "lr")):
        records = grid(rng, names)
        what = f"choose_hyperparameters({len(records)} records over {names[0]} and {names[1]})"
        config, _ = unpack(student.function(NAME)(records), what)
        exp_config, _ = reference(records)
        got = {k: config.get(k) for k in names}
        expect(got == exp_config, f"{what}: expected the configuration {exp_config}, got {got}.",
               config_hint(config, records))


@weight(2)
def test_reports_chosen_test_accuracy(student, rng):
    """reports the test accuracy of the chosen record, not the best test accuracy"""
    records = grid(rng)
    what = f"choose_hyperparameters({len(records)} records): test_acc"
    _, test_acc = unpack(student.function(NAME)(records), what)
    _, exp_test = reference(records)
    hint = diagnose(test_acc, exp_test, [
        ("You reported the best test accuracy of all records. Report the test accuracy of the record chosen on the "
         "validation set: picking the maximum over the test scores is choosing on the test set.",
         max(r["test_acc"] for r in records)),
        ("That is the validation accuracy: report the chosen record's 'test_acc'.", max(r["val_acc"] for r in records)),
    ], "Report the 'test_acc' of the record chosen by validation accuracy.")
    expect_close(test_acc, exp_test, what, hint)


@weight(1)
def test_config_holds_only_hyperparameters(student, rng):
    """config has the hyperparameter keys only, whatever they are called"""
    records = grid(rng, ("sigma", "width"))
    what = f"choose_hyperparameters({len(records)} records over sigma and width)"
    config, _ = unpack(student.function(NAME)(records), what)
    exp_config, _ = reference(records)
    expect(sorted(config) == sorted(exp_config),
           f"{what}: config has the keys {sorted(map(str, config))}, expected {sorted(exp_config)}.",
           "config holds the hyperparameters only: every key except 'train_acc', 'val_acc' and 'test_acc'.")
    expect(config == exp_config, f"{what}: expected {exp_config}, got {config}.", config_hint(config, records))


@weight(1)
def test_ties_and_single_record(student, rng):
    """a tie in validation accuracy goes to the first record; one record is chosen by itself"""
    records = grid(rng, ("width", "p_drop"))
    top = max(r["val_acc"] for r in records)
    idx = rng.choice(len(records), size=2, replace=False)
    first, second = sorted(int(i) for i in idx)
    for r in records:
        if r["val_acc"] == top:
            r["val_acc"] = 0.9
    records[first]["val_acc"] = records[second]["val_acc"] = 0.96
    what = f"choose_hyperparameters with a tie in val_acc between records {first} and {second}"
    config, test_acc = unpack(student.function(NAME)(records), what)
    exp_config, exp_test = reference(records)
    hint = ("On a tie keep the first record: replace the best only when val_acc is strictly larger (> not >=); "
            "np.argmax and max() also return the first maximum.")
    expect({k: config.get(k) for k in exp_config} == exp_config,
           f"{what}: expected {exp_config}, got {config}.", hint)
    expect_close(test_acc, exp_test, what + ": test_acc", hint)
    one = [{"lam": 0.01, "train_acc": 0.9, "val_acc": 0.8, "test_acc": 0.75}]
    config, test_acc = unpack(student.function(NAME)(one), "choose_hyperparameters with a single record")
    expect(config == {"lam": 0.01}, f"choose_hyperparameters with a single record: expected {{'lam': 0.01}}, "
           f"got {config}.")
    expect_close(test_acc, 0.75, "choose_hyperparameters with a single record: test_acc")
