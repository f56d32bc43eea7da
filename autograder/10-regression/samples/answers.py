"""Hand-written answers of 10-regression's sample submissions: ``nncourse build-samples 10-regression``.

Wrong answers come from the mistake catalogue in ``../mistakes/``.

Samples (predicted scores are in ``expected.json``; see nncourse/grading/samples.py):

``full``       every exercise solved
``untouched``  the release as it is
``partial``    Exercise 1 and Question 2 solved; ``gaussian_nll`` returns the gradient with
               respect to the variance instead of the log-variance; ``best_log_variance``
               uses ``np.var``; ``mdn_params`` takes the softmax over the batch;
               ``mdn_nll`` and ``mdn_nll_grad`` not started
"""

from nncourse.grading.samples import SOLUTION, Mistake

SAMPLES = {
    "partial": {
        "mse_loss_grad_code": SOLUTION,
        "gaussian_nll_code": Mistake("gaussian_nll", "grad_wrt_variance"),
        "best_log_variance_code": Mistake("best_log_variance", "np_var"),
        "mse_prediction_code": SOLUTION,
        "mdn_params_code": Mistake("mdn_params", "softmax_over_batch"),
    },
}
