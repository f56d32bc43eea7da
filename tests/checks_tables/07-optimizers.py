"""Self-checks of lesson 07 (``nncourse.checks.optimizers``): the table read by ``tests/test_checks.py``."""

from nncourse.checks import optimizers as check

# exercise (the grade_id of its grade cell) -> (names the notebook defines for it, self-check taking them)
CHECKS = {
    "momentum": (("Momentum",), check.momentum),
    "adagrad": (("Adagrad",), check.adagrad),
    "rmsprop": (("RMSprop",), check.rmsprop),
    "adam": (("Adam",), check.adam),
}

# Mistakes that only show on inputs the self-checks do not try; the hidden suites catch them.
UNSEEN_BY_SELF_CHECK: set[str] = {
    # in-place, default, dtype and stream mistakes only the hidden suites see
    "adagrad/default_eps_changed", "adagrad/sum_in_mutable_default", "momentum/default_gamma_changed",
    "momentum/velocity_in_class_attribute",
}

# mistake -> words its self-check message must contain
HINTS = {
    "momentum/velocity_not_stored": "self.v is still None",
    "momentum/uphill": "uphill",
    "momentum/inplace_update": "changed the theta",
    "momentum/velocity_opposite_sign": "opposite sign",
    "adagrad/current_gradient_only": "only the current gradient",
    "adagrad/eps_inside_sqrt": "inside the square root",
    "adagrad/no_eps": "0 / 0",
    "rmsprop/no_decay": "Adagrad",
    "rmsprop/rho_swapped": "swapped",
    "adam/no_bias_correction": "bias correction is missing",
    "adam/corrects_only_m": "corrected m but not v",
    "adam/t_incremented_after": "t = 1",
    "adam/stores_corrected_moments": "without bias correction",
}
