"""Self-checks of lesson 05 (``nncourse.checks.gradcheck``): the table read by ``tests/test_checks.py``."""

from nncourse.checks import gradcheck as check

# exercise (the grade_id of its grade cell, or the name of an ungraded one)
#   -> (names the notebook defines for it, self-check taking them)
CHECKS = {
    "numerical_gradient": (("numerical_gradient",), check.numerical_gradient),   # not graded
    "differences": (("two_sided_difference", "one_sided_difference", "best_step"), check.differences),
    "relative_error": (("relative_error",), check.relative_error),
    "tanh_layer_gradcheck": (("tanh_layer_gradcheck",), check.tanh_layer_gradcheck),
    "find_bugs": (("find_bugs",), check.find_bugs),
}

# Mistakes that only show on inputs the self-checks do not try; the hidden suites catch them.
UNSEEN_BY_SELF_CHECK = {
    "find_bugs/fixed_tol",               # the self-check only uses the default tol
    # caught only by the hidden suites: side effects, dtypes, defaults and boundaries the first look does not try
    "differences/one_sided_returns_input",
    "differences/two_sided_in_place",
    "find_bugs/default_tol_changed",
    "find_bugs/diff_in_place",
    "find_bugs/fails_at_tol",
    "find_bugs/fails_by_mean",
    "relative_error/default_tiny_changed",
    "relative_error/subtracts_in_place",
}

# mistake -> words its self-check message must contain
HINTS = {
    "differences/two_sided_divides_by_h": "2h apart",
    "differences/precedence": "precedence",
    "differences/one_sided_divides_by_2h": "h apart",
    "differences/step_signs_not_abs": "magnitudes",
    "differences/step_balances_terms": "Setting the two terms equal",
    "differences/step_taylor_half": "h**2 / 6",
    "differences/step_square_root_always": "cube root, not a square root",
    "differences/step_cube_root_always": "square root, not a cube root",
    "differences/step_rule_of_thumb": "rule of thumb",
    "differences/step_without_f": "|f(x)| belongs in the step",
    "differences/error_truncation_only": "plus the round-off term",
    "differences/no_truncation_not_handled": "error = 0",
    "differences/step_scalars_only": "elementwise",
    "relative_error/mean_not_max": "max, not the mean",
    "relative_error/no_denominator": "absolute error",
    "relative_error/no_zero_guard": "tiny",
    "relative_error/per_entry_array": "one number",
    "tanh_layer_gradcheck/ignores_h": "h",
    "find_bugs/flat_index": "unravel_index",
    "find_bugs/any_difference": "tol",
    "find_bugs/absolute_worst": "relative",
}
