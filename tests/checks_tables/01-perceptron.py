"""Self-checks of lesson 01 (``nncourse.checks.perceptron``): the table read by ``tests/test_checks.py``."""

from nncourse.checks import perceptron as check

# exercise (the grade_id of its grade cell) -> (names the notebook defines for it, self-check taking them);
# here every exercise is one function of the exercise's name, checked by the self-check of that name
CHECKS = {name: ((name,), getattr(check, name)) for name in (
    "neuron_forward", "perceptron_train", "logistic_predict", "bce_loss_grad", "train_logistic")}

# Mistakes that only show on inputs the self-checks do not try; the hidden suites catch them.
UNSEEN_BY_SELF_CHECK = {
    "neuron_forward/sigmoid_rounded",
    # caught only by the hidden suites: side effects, dtypes, defaults and boundaries the first look does not try
    "bce_loss_grad/log1p_exp",
    "logistic_predict/empty_like_int",
    "logistic_predict/weights_X_in_place",
    "neuron_forward/bias_added_in_place",
    "neuron_forward/boolean_outputs",
    "neuron_forward/integer_outputs",
    "neuron_forward/scales_X_in_place",
    "perceptron_train/int_bias",
    "perceptron_train/zeros_like_weights",
    "train_logistic/runs_at_least_once",
    "train_logistic/zeros_like_weights",
}

# mistake -> words its self-check message must contain
HINTS = {
    "neuron_forward/no_bias": "bias b is missing",
    "neuron_forward/strict_threshold": "z >= 0",
    "neuron_forward/sign_outputs": "not -1 and +1",
    "perceptron_train/strict_threshold": "phi(0) = 1",
    "perceptron_train/no_final_zero": "append its 0",
    "perceptron_train/cumulative_count": "reset the counter",
    "logistic_predict/unstable_exp_ratio": "nan",
    "logistic_predict/sign_flipped": "flipped",
    "logistic_predict/returns_classes": "not the predicted classes",
    "bce_loss_grad/sum_not_mean": "times too large",
    "bce_loss_grad/sign_flipped_grad": "wrong sign",
    "bce_loss_grad/clipped_log_loss": "logaddexp",
    "train_logistic/gradient_ascent": "uphill",
    "train_logistic/loss_after_step": "log 2",
}
