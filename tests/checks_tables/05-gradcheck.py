"""Self-checks of lesson 05 (``nncourse.checks.gradcheck``): the table read by ``tests/test_checks.py``."""

from nncourse.checks import gradcheck as check

# exercise (the grade_id of its grade cell, or the name of an ungraded one)
#   -> (names the notebook defines for it, self-check taking them)
CHECKS = {
    "numerical_gradient": (("numerical_gradient",), check.numerical_gradient),   # not graded
    "differences": (("two_sided_difference", "one_sided_difference"), check.differences),
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
    "relative_error/mean_not_max": "max, not the mean",
    "relative_error/no_denominator": "absolute error",
    "relative_error/no_zero_guard": "tiny",
    "relative_error/per_entry_array": "one number",
    "tanh_layer_gradcheck/ignores_h": "h",
    "find_bugs/flat_index": "unravel_index",
    "find_bugs/any_difference": "tol",
    "find_bugs/absolute_worst": "relative",
}
