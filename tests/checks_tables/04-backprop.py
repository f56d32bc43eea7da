"""Self-checks of lesson 04 (``nncourse.checks.backprop``): the table read by ``tests/test_checks.py``."""

from nncourse.checks import backprop as check

# exercise (the grade_id of its grade cell) -> (names the notebook defines for it, self-check taking them)
CHECKS = {
    "univariate_grads": (("univariate_grads",), check.univariate_grads),
    "linear": (("Linear",), check.linear_layer),
    "sigmoid": (("Sigmoid",), check.sigmoid_layer),
    "softmax_jacobian": (("softmax_jacobian", "softmax_backward"), check.softmax_jacobian),
    "mlp_backward": (("mlp_backward",), check.mlp_backward),
    "network_backward": (("network_backward",), check.network_backward),
}

# Mistakes that only show on inputs the self-checks do not try (large values,
# repeated forward calls with other shapes); the hidden suites catch them.
UNSEEN_BY_SELF_CHECK = {
    "univariate_grads/unstable_sigmoid",
    # caught only by the hidden suites: side effects, boundaries and types the first look does not try
    "univariate_grads/clipped_z", "univariate_grads/int_buffer", "univariate_grads/scales_x_in_place",
    "linear/backward_takes_sgd_step", "linear/squeezed_db",
    "sigmoid/backward_in_place", "sigmoid/zeros_like_piecewise",
    "mlp_backward/classes_from_labels", "mlp_backward/relu_mask_ge",
    "softmax_jacobian/int_buffer",               # the self-check's logits are floats
    "network_backward/restarts_each_step",       # shows only when neighbouring widths are equal
}

# mistake -> words its self-check message must contain
HINTS = {
    "univariate_grads/sum_not_mean": "mean over the examples",
    "univariate_grads/sign_flipped": "y - t",
    "univariate_grads/missing_reg": "lam * w",
    "univariate_grads/no_mean": "shape (4,)",
    "linear/dW_transposed": "transpose",
    "linear/db_not_summed": "axis 0",
    "linear/caches_first_input_only": "most recent forward",
    "sigmoid/derivative_at_z": "z (1 - z)",
    "sigmoid/no_grad_out": "grad_out",
    "sigmoid/unstable_exp_ratio": "nan",
    "mlp_backward/mean_over_classes": "N * C",
    "mlp_backward/no_one_over_n": "too large",
    "mlp_backward/unstable_softmax": "maximum",
    "softmax_jacobian/diagonal_only": "not elementwise",
    "softmax_jacobian/no_delta": "delta",
    "softmax_jacobian/log_softmax_jacobian": "log p",
    "softmax_jacobian/backward_elementwise": "elementwise",
    "softmax_jacobian/naive_exp": "maximum",
    "softmax_jacobian/shifts_caller_z": "changed the caller's z",
    "network_backward/grads_in_loop_order": "order of params",
    "network_backward/backward_not_reversed": "reversed(layers)",
    "network_backward/reverses_params_in_place": "list params was changed",
}

# Mistakes whose self-check still raises something else than CheckFailed (fix the check, then drop the line).
KNOWN_RAW_ERRORS = {
    "linear/dx_without_transpose": "a ValueError from the student's matmul",
    "sigmoid/caches_first_output_only": "a ValueError from the student's broadcast",
}
