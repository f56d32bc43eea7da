"""Self-checks of lesson 06 (``nncourse.checks.sgd``): the table read by ``tests/test_checks.py``."""

from nncourse.checks import sgd as check

# exercise (the grade_id of its grade cell) -> (names the notebook defines for it, self-check taking them)
CHECKS = {
    "minibatch_indices": (("minibatch_indices",), check.minibatch_indices),
    "sgd_epoch": (("sgd_epoch",), check.sgd_epoch),
    "linear_decay": (("linear_decay",), check.linear_decay),
    "train_sgd": (("train_sgd", "minibatch_indices"), check.train_sgd),
}

# Mistakes that only show on inputs the self-checks do not try; the hidden suites catch them.
UNSEEN_BY_SELF_CHECK = {
    # in-place, default, dtype and stream mistakes only the hidden suites see
    "linear_decay/int_at_floor", "minibatch_indices/float_indices", "minibatch_indices/legacy_global_seed",
    "minibatch_indices/new_generator_each_epoch", "sgd_epoch/classes_from_labels",
    "train_sgd/ties_take_the_last",
    "sgd_epoch/unstable_softmax",          # large logits only
    "train_sgd/best_by_training_loss",     # the small example's best epochs coincide
    "train_sgd/best_params_alias",         # the small example's best epoch is the last
}

# mistake -> words its self-check message must contain
HINTS = {
    "minibatch_indices/drops_last_batch": "last, smaller batch is missing",
    "minibatch_indices/shuffles_once": "new permutation",
    "minibatch_indices/not_shuffled": "not shuffled",
    "sgd_epoch/plus_sign": "one gradient-descent step",
    "linear_decay/no_floor": "floor",
    "train_sgd/lr_starts_at_step_one": "starting from e = 0",
}
