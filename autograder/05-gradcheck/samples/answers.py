"""Hand-written answers of 05-gradcheck's sample submissions: ``nncourse build-samples 05-gradcheck``.

Samples (predicted scores are in ``expected.json``; see nncourse/grading/samples.py):

``full``       every exercise solved
``untouched``  the release as it is
``partial``    Exercises 1 and 2 solved; numerical_gradient one-sided, so Exercise 3
               loses most points; Exercise 4 not started
"""

from nncourse.grading.samples import SOLUTION

DIFFERENCES, RELATIVE, NUMERICAL, TANH, FIND = ("differences_code", "relative_error_code", "numerical_gradient_code",
                                               "tanh_layer_gradcheck_code", "find_bugs_code")

NUMERICAL_ONE_SIDED = '''
def numerical_gradient(f, x, h=1e-5):
    """Finite-difference gradient of f at x (one-sided)."""
    grad = np.zeros(x.shape, dtype=float)
    f_x = f(x)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + h
        grad[idx] = one_sided_difference(f(x), f_x, h)
        x[idx] = old
    return grad
'''

SAMPLES = {
    "partial": {DIFFERENCES: SOLUTION, RELATIVE: SOLUTION, NUMERICAL: NUMERICAL_ONE_SIDED, TANH: SOLUTION},
}
