"""Self-checks of lesson 03 (``nncourse.checks.activations``): the table read by ``tests/test_checks.py``."""

from nncourse.checks import activations as check

# exercise (the grade_id of its grade cell) -> (names the notebook defines for it, self-check taking them)
CHECKS = {
    "sigmoid": (("sigmoid", "sigmoid_prime"), check.sigmoid_functions),
    "leaky_relu": (("leaky_relu", "leaky_relu_prime"), check.leaky_relu_functions),
    "softmax": (("softmax",), check.softmax),
    "log_softmax": (("log_softmax",), check.log_softmax),
    "cross_entropy": (("cross_entropy",), check.cross_entropy),
}

# Mistakes that only show on inputs the self-checks do not try; the hidden suites catch them.
UNSEEN_BY_SELF_CHECK: set[str] = {
    # caught only by the hidden suites: side effects the first look does not try
    "cross_entropy/shift_in_place", "leaky_relu/in_place_scaling",
    "leaky_relu/prime_mask_for_relu", "log_softmax/shift_in_place", "sigmoid/negates_z_in_place",
    "softmax/shift_in_place",
}

# mistake -> words its self-check message must contain
HINTS = {
    "sigmoid/derivative_at_z": "z (1 - z)",
    "sigmoid/exp_ratio": "overflows",
    "sigmoid/sign_flipped": "sigma(-z)",
    "sigmoid/unstable_derivative": "nan",
    "leaky_relu/alpha_on_positive_side": "wrong side",
    "leaky_relu/prime_ignores_alpha": "ReLU's derivative",
    "softmax/no_max_subtraction": "maximum",
    "softmax/wrong_axis": "axis 0",
    "softmax/global_max": "own maximum",
    "log_softmax/log_of_softmax": "log(0)",
    "log_softmax/forgets_max_back": "add m back",
    "cross_entropy/mean_over_classes": "N * K",
    "cross_entropy/grad_without_n": "too large",
    "cross_entropy/whole_columns": "once per row",
}

# Mistakes whose self-check still raises something else than CheckFailed (fix the check, then drop the line).
KNOWN_RAW_ERRORS = {
    "softmax/axis_one": "numpy's AxisError on a 1-D input",
    "softmax/no_keepdims": "a ValueError from the student's broadcast",
}
