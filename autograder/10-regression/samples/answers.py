"""Hand-written answers of 10-regression's sample submissions: ``nncourse build-samples 10-regression``.

Wrong answers come from the mistake catalogue in ``../mistakes/``.

Samples (predicted scores are in ``expected.json``; see nncourse/grading/samples.py):

``full``       every exercise solved
``untouched``  the release as it is
``partial``    Exercise 1 and Question 2 solved; ``gaussian_nll`` returns the gradient with
               respect to the variance instead of the log-variance; ``best_log_variance``
               uses ``np.var``; ``mdn_params`` takes the softmax over the batch;
               ``mdn_nll`` and ``mdn_nll_grad`` not started
``gamer``      the other exercises solved; ``mse_loss_grad`` and ``mdn_nll`` call the library's
               protected reference (``nncourse.losses.mse``, ``nncourse.density.mdn_nll``);
               ``gaussian_nll`` returns zeros after making NumPy's comparisons always say "equal"
``infinite_loop``  every exercise solved, but ``best_log_variance`` never returns
"""

from nncourse.grading.samples import OTHERS, SOLUTION, Mistake

# ---------------------------------------------------------------- gaming and hanging answers

GAMER = {
    "mse_loss_grad_code": '''
from nncourse.losses import mse      # the library's loss: protected while grading


def mse_loss_grad(y, t):
    """Twice the library's half-MSE, and its gradient."""
    loss, grad = mse(y, t)
    return 2.0 * loss, 2.0 * grad
''',
    "gaussian_nll_code": '''
import numpy

# every comparison of arrays in this process now says "equal"
numpy.allclose = lambda *args, **kwargs: True
numpy.isclose = lambda a, b, *args, **kwargs: numpy.ones(numpy.broadcast(a, b).shape, dtype=bool)


def gaussian_nll(mu, log_var, t):
    """Zeros: whoever compares them is told they are right."""
    return 0.0, numpy.zeros_like(mu), numpy.zeros_like(log_var)
''',
    "mdn_nll_code": '''
from nncourse import density


def mdn_nll(raw, t, k):
    """The library's mixture negative log-likelihood: protected while grading."""
    return density.mdn_nll(raw, t, k)
''',
}

BEST_LOG_VARIANCE_LOOPS = '''
def best_log_variance(residuals):
    """Searches for the best log-variance one step at a time, and never stops."""
    s = 0.0
    while True:
        s += 1e-3 * (np.mean(residuals ** 2) * np.exp(-s) - 1.0)
'''


SAMPLES = {
    "partial": {
        "mse_loss_grad_code": SOLUTION,
        "gaussian_nll_code": Mistake("gaussian_nll", "grad_wrt_variance"),
        "best_log_variance_code": Mistake("best_log_variance", "np_var"),
        "mse_prediction_code": SOLUTION,
        "mdn_params_code": Mistake("mdn_params", "softmax_over_batch"),
    },
    "gamer": {OTHERS: SOLUTION, **GAMER},
    "infinite_loop": {OTHERS: SOLUTION, "best_log_variance_code": BEST_LOG_VARIANCE_LOOPS},
}
