"""Self-checks of lesson 02 (``nncourse.checks.xor``): the table read by ``tests/test_checks.py``."""

from nncourse.checks import xor as check

# exercise (the grade_id of its grade cell) -> (names the notebook defines for it, self-check taking them);
# here every exercise is one function of the exercise's name, checked by the self-check of that name
CHECKS = {name: ((name,), getattr(check, name)) for name in (
    "xor_weights", "collapse_linear", "count_params", "width_depth_counts", "mlp_forward")}

# Mistakes that only show on inputs the self-checks do not try; the hidden suites catch them.
UNSEEN_BY_SELF_CHECK = {
    "mlp_forward/global_max",       # needs rows near +1000 and -1000 in one batch
    # caught only by the hidden suites: side effects, dtypes, defaults and boundaries the first look does not try
    "collapse_linear/from_back_in_place",
    "collapse_linear/returns_input_arrays",
    "count_params/default_false",
    "count_params/float_power",
    "mlp_forward/clips_logits",
    "mlp_forward/sum_without_keepdims",
    "width_depth_counts/weights_float_power",
    "xor_weights/integer_arrays",
    "xor_weights/lists_not_arrays",
}

# mistake -> words its self-check message must contain
HINTS = {
    "xor_weights/on_the_threshold": "knife edge",
    "xor_weights/output_or": "which is OR",
    "xor_weights/xnor": "XNOR",
    "xor_weights/both_units_or": "OR, OR",
    "xor_weights/w2_flat": "(2, 1)",
    "collapse_linear/sum_of_biases": "Adding the biases up",
    "collapse_linear/last_bias_only": "earlier layers' biases",
    "collapse_linear/reversed_product": "in reverse",
    "count_params/no_biases": "biases are missing",
    "count_params/always_biases": "weights only",
    "count_params/L_times_H_squared": "L - 1",
    "count_params/no_output_biases": "K of them",
    "width_depth_counts/k_plus_2_matrices": "k + 1 weight matrices",
    "width_depth_counts/paths_hidden_and_output_only": "k + 2 layers",
    "width_depth_counts/numpy_int64": "Python ints",
    "width_depth_counts/swapped": "wrong order",
    "mlp_forward/relu_on_output": "No ReLU after the last layer",
    "mlp_forward/no_relu": "ReLU between the layers is missing",
    "mlp_forward/softmax_over_columns": "axis=1",
    "mlp_forward/unstable_softmax": "maximum",
}

# Mistakes whose self-check still raises something else than CheckFailed (fix the check, then drop the line).
KNOWN_RAW_ERRORS = {
    "mlp_forward/sum_without_keepdims": "a ValueError from the student's broadcast",
}
