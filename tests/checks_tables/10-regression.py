"""Self-checks of lesson 10 (``nncourse.checks.regression``): the table read by ``tests/test_checks.py``."""

from nncourse.checks import regression as check

# exercise (the grade_id of its grade cell) -> (names the notebook defines for it, self-check taking them);
# here every exercise is one function of the exercise's name, checked by the self-check of that name
CHECKS = {name: ((name,), getattr(check, name)) for name in (
    "mse_loss_grad", "gaussian_nll", "best_log_variance", "mse_prediction", "mdn_params", "mdn_nll", "mdn_nll_grad")}

# Mistakes that only show on inputs the self-checks do not try; the hidden suites catch them.
UNSEEN_BY_SELF_CHECK = {       # the caller's arrays changed in place, or a warning with the right value
    "best_log_variance/squares_in_place", "gaussian_nll/residual_in_place", "mdn_params/scales_in_place",
    "mse_loss_grad/difference_in_place", "mse_prediction/weights_in_place",
    "mdn_nll/logits_shifted_in_place", "mdn_nll_grad/logits_shifted_in_place",
    "mdn_nll/log_of_softmax", "mdn_nll_grad/log_of_softmax",
}

# mistake -> words its self-check message must contain
HINTS = {
    "mse_loss_grad/no_factor_two": "keep the 2",
    "mse_loss_grad/no_batch_mean": "1/N",
    "mse_loss_grad/mean_over_entries": "N * K",
    "mse_loss_grad/half_loss": "no 1/2",
    "gaussian_nll/missing_constant": "log(2 pi)",
    "gaussian_nll/grad_wrt_variance": "chain rule through exp",
    "gaussian_nll/mse_gradient_for_mu": "division by the variance",
    "gaussian_nll/log_exp_round_trip": "log_var directly",
    "best_log_variance/no_log": "its log",
    "best_log_variance/np_var": "np.var",
    "mse_prediction/most_likely_value": "most likely",
    "mse_prediction/unweighted_mean": "probability",
    "mdn_params/softmax_over_batch": "axis 0",
    "mdn_params/unnormalised_weights": "sum to 1",
    "mdn_params/sigma_not_positive": "positive",
    "mdn_params/unstable_softmax": "maximum",
    "mdn_nll/no_logsumexp": "log-sum-exp",
    "mdn_nll/sum_over_batch": "N times",
    "mdn_nll/missing_constant": "log(2 pi)",
    "mdn_nll_grad/no_one_over_n": "divide by N",
    "mdn_nll_grad/unstable_responsibilities": "0/0",
}
