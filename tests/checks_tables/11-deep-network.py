"""Self-checks of lesson 11 (``nncourse.checks.deepnet``): the table read by ``tests/test_checks.py``."""

from nncourse.checks import deepnet as check

# exercise (the grade_id of its grade cell) -> (names the notebook defines for it, self-check taking them)
CHECKS = {
    "model": (("init_params", "model_forward", "model_backward"), check.model),
    "sanity_checks": (("numerical_grads", "update_ratios", "dead_fraction", "model_forward"), check.sanity_checks),
}

# Exercises whose catalogue the harness does not run; their tests are at the end of tests/test_checks.py.
APART = {
    "questions": "the self-check looks at the answers' form only and ends with a note of its own",
    "build_and_train": "the self-check trains a network (half a minute on the solution)",
}

# Mistakes that only show on inputs the self-checks do not try; the hidden suites catch them.
UNSEEN_BY_SELF_CHECK = {
    "model/derivative_in_cache", "model/integer_biases",   # in-place change of the caches, int dtype
    "model/mask_ge_zero",      # needs a pre-activation of exactly 0 in the backward pass
}

# mistake -> words its self-check message must contain
HINTS = {
    "model/variance_as_std": "variance",
    "model/fan_out_init": "fan-in",
    "model/global_random": "np.random",
    "model/relu_on_output": "last layer has no ReLU",
    "model/db_mean": "not a mean",
    "sanity_checks/not_restored": "Put every entry back",
    "sanity_checks/divide_by_h": "2 h",
    "sanity_checks/ratio_after_norm": "before the step",
    "sanity_checks/ratio_squared": "not squared norms",
}
