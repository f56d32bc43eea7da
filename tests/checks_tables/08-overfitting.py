"""Self-checks of lesson 08 (``nncourse.checks.overfitting``): the table read by ``tests/test_checks.py``."""

from nncourse.checks import overfitting as check

# exercise (the grade_id of its grade cell) -> (names the notebook defines for it, self-check taking them)
CHECKS = {
    "l2_penalty": (("l2_penalty",), check.l2_penalty),
    "dropout": (("dropout_forward", "dropout_backward"), check.dropout),
    "early_stopping": (("EarlyStopping",), check.early_stopping),
    "augment_with_noise": (("augment_with_noise",), check.augment_with_noise),
    "choose_hyperparameters": (("choose_hyperparameters",), check.choose_hyperparameters),
}

# Mistakes that only show on inputs the self-checks do not try; the hidden suites catch them.
UNSEEN_BY_SELF_CHECK = {
    # in-place, default, dtype and stream mistakes only the hidden suites see
    "augment_with_noise/float_labels", "augment_with_noise/returns_inputs_without_copies",
    "dropout/default_eval_mode", "early_stopping/counts_own_calls", "early_stopping/min_delta",
    "l2_penalty/weights_by_ndim",
    "l2_penalty/hardcoded_names",
}

# mistake -> words its self-check message must contain
HINTS = {
    "l2_penalty/decays_biases": "biases",
    "l2_penalty/no_half": "1/2",
    "l2_penalty/grad_without_lam": "forgot lam",
    "dropout/no_rescaling": "did not rescale",
    "dropout/dropout_at_eval": "evaluation mode",
    "dropout/backward_without_scale": "scale in backward",
    "dropout/divide_by_p": "1 - p",
    "early_stopping/saves_last_params": "only when the loss improves",
    "early_stopping/patience_late": "late",
    "early_stopping/patience_early": "early",
    "early_stopping/ties_improve": "strictly smaller",
    "augment_with_noise/repeat_labels": "np.tile",
    "augment_with_noise/drops_originals": "original",
    "augment_with_noise/no_sigma": "sigma",
    "augment_with_noise/drops_last_copy": "copy is missing",
    "augment_with_noise/count_not_share": "not a count",
    "augment_with_noise/share_of_all_rows": "not by all 9 rows",
    "augment_with_noise/own_original_only": "nearest original of the copy's own class",
    "augment_with_noise/argmin_nearest": "not strictly nearer",
    "augment_with_noise/ties_contradict": "not strictly nearer",
    "augment_with_noise/neighbours_include_copies": "Only the 3 originals",
    "augment_with_noise/nan_without_copies": "np.mean of an empty array",
    "augment_with_noise/one_class_crash": "single class",
    "augment_with_noise/not_contradicted": "not contradicted",
    "choose_hyperparameters/chooses_on_test": "test accuracy",
    "choose_hyperparameters/chooses_on_train": "training accuracy",
    "choose_hyperparameters/reports_best_test": "chosen record",
    "choose_hyperparameters/last_on_ties": "first record",
    "choose_hyperparameters/runner_up_only": "every other record",
    "choose_hyperparameters/one_standard_error": "two standard errors",
    "choose_hyperparameters/disagreement_xor": "(+1, 0, -1)",
    "choose_hyperparameters/unpaired_standard_error": "accuracies on their own",
    "choose_hyperparameters/winner_standard_error": "accuracies on their own",
    "choose_hyperparameters/no_sqrt_n": "standard error",
    "choose_hyperparameters/ties_clear": "Use >, not >=",
    "choose_hyperparameters/single_record_false": "single record",
}
