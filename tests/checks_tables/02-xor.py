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
    "count_params/float_batch",
    "count_params/numpy_int64",
    "mlp_forward/clips_logits",
    "mlp_forward/sum_without_keepdims",
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
    "count_params/biases_on_inputs": "inputs have no biases",
    "count_params/no_output_biases": "output units have biases",
    "count_params/one_example": "batch of N",
    "count_params/bias_adds_counted": "not a multiply-add",
    "count_params/multiplies_and_adds": "counted once",
    "count_params/equal_widths": "need not all have the width",
    "count_params/product_of_sizes": "paths, not weights",
    "count_params/output_layer_missing": "last layer",
    "width_depth_counts/weights_only": "biases count against the budget",
    "width_depth_counts/L_square_matrices": "L - 1 matrices",
    "width_depth_counts/strict_budget": "met exactly",
    "width_depth_counts/first_over_budget": "over the budget",
    "width_depth_counts/quadratic_formula": "linear in H",
    "width_depth_counts/paths_hidden_only": "input unit",
    "width_depth_counts/paths_added": "multiply",
    "width_depth_counts/paths_float": "Python ints",
    "width_depth_counts/paths_numpy_int64": "Python ints",
    "width_depth_counts/weights_returned": "weights and biases",
    "mlp_forward/relu_on_output": "No ReLU after the last layer",
    "mlp_forward/no_relu": "ReLU between the layers is missing",
    "mlp_forward/softmax_over_columns": "axis=1",
    "mlp_forward/unstable_softmax": "maximum",
}

# Mistakes whose self-check still raises something else than CheckFailed (fix the check, then drop the line).
KNOWN_RAW_ERRORS = {
    "mlp_forward/sum_without_keepdims": "a ValueError from the student's broadcast",
}
