"""Hand-written answers of 03-activations' sample submissions: ``nncourse build-samples 03-activations``.

Samples (predicted scores are in ``expected.json``; see nncourse/grading/samples.py):

``full``       every exercise solved
``untouched``  the release as it is
``partial``    Exercise 1 solved, Exercise 3 without the max subtraction, the rest not started
"""

from nncourse.grading.samples import SOLUTION

SIGMOID, SOFTMAX = "sigmoid_code", "softmax_code"

SOFTMAX_NO_SHIFT = '''
def softmax(z):
    """Softmax over the last axis."""
    e = np.exp(z)                   # no max subtraction: exp(1000) overflows
    return e / e.sum(axis=-1, keepdims=True)
'''

SAMPLES = {
    "partial": {SIGMOID: SOLUTION, SOFTMAX: SOFTMAX_NO_SHIFT},
}
