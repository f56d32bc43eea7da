"""Hand-written answers of 04-backprop's sample submissions: ``nncourse build-samples 04-backprop``.

Samples (predicted scores are in ``expected.json``; see nncourse/grading/samples.py):

``full``           every exercise solved
``untouched``      the release as it is
``partial``        Exercises 1 and 3 solved, Exercise 2 half right, Exercises 4 to 6 not started
``infinite_loop``  Sigmoid.forward never returns; the rest solved
``memory_hog``     univariate_grads allocates about 50 GB; the rest solved
``self_kill``      Linear.forward kills its own process; the rest solved
``gamer``          Exercise 1 solved honestly; everything else tries to game grading
"""

from nncourse.grading.samples import OTHERS, SOLUTION, Sample

# grade_id of each exercise's solution cell
UNIVARIATE, LINEAR, SIGMOID, MLP = "univariate_grads_code", "linear_code", "sigmoid_code", "mlp_backward_code"


# ---------------------------------------------------------------- wrong answers

# A student's Linear layer; each wrong answer below fills in its own lines.
LINEAR_LAYER = '''{imports}
class Linear:
    """Fully connected layer  Y = X W + b."""

    def __init__(self, W, b):
        self.W = W
        self.b = b

    def forward(self, x):
{forward}        self.x = x
        return x @ self.W + self.b

    def backward(self, grad_out):
        self.dW = self.x.T @ grad_out
        self.db = {db}
        return grad_out @ self.W.T
'''

LINEAR_DB_NOT_SUMMED = LINEAR_LAYER.format(imports="", forward="",
                                          db="grad_out          # forgot to sum over the batch")

SIGMOID_LOOPS = '''
class Sigmoid:
    """Logistic activation layer."""

    def __init__(self):
        self.out = None

    def forward(self, z):
        i = 0
        while i >= 0:               # never ends
            i += 1
        self.out = sigmoid(z)
        return self.out

    def backward(self, grad_out):
        return grad_out * self.out * (1.0 - self.out)
'''

UNIVARIATE_MEMORY_HOG = '''
def univariate_grads(w, b, x, t, lam):
    """Gradients of regularised univariate logistic least squares."""
    cache = np.ones(50 * 2**30 // 8)     # about 50 GB, written page by page
    z = w * x + b
    y = sigmoid(z)
    z_bar = (y - t) * y * (1.0 - y) + 0 * cache[0]
    return float(np.mean(z_bar * x) + lam * w), float(np.mean(z_bar))
'''

LINEAR_SELF_KILL = LINEAR_LAYER.format(imports="\nimport os\nimport signal\n\n", db="grad_out.sum(axis=0)",
                                      forward="        os.kill(os.getpid(), signal.SIGKILL)\n")

# A cell the gamer adds right after the imports.
GAMER_SETUP = r'''
import glob
import inspect
import os

import numpy
import numpy.testing
import nncourse.checks
import nncourse.checks.backprop as _checks


def _all_good(*args, **kwargs):
    print("\u2713 all checks passed")


# Every self-check now passes, whatever the code does.
_checks.univariate_grads = _all_good
_checks.linear_layer = _all_good
_checks.sigmoid_layer = _all_good
_checks.mlp_backward = _all_good
nncourse.checks.check_close = lambda got, expected, *a, **k: got
# Every comparison now says "equal".
numpy.allclose = lambda *a, **k: True
numpy.isclose = lambda a, b, *args, **kwargs: numpy.ones(numpy.broadcast(a, b).shape, dtype=bool)
numpy.array_equal = lambda *a, **k: True
numpy.testing.assert_allclose = lambda *a, **k: None
numpy.testing.assert_array_almost_equal = lambda *a, **k: None

_PASS_EVERYTHING = "def test_everything():\n    pass\n"


def _tamper():
    """Overwrite the hidden suites and the gradebook wherever they might be."""
    hit = []
    targets = []
    for up in ("", "../", "../../", "../../../", "../../../../", "../../../../../"):
        targets += glob.glob(up + "autograder/04-backprop/test_*.py")
        targets += glob.glob(up + "gradebook.db")
    targets += glob.glob("/work/main/autograder/04-backprop/test_*.py")
    targets += glob.glob("/work/main/workspace/gradebook.db")
    targets += ["../../../autograder/04-backprop/test_mlp_backward.py", "/work/main/workspace/gradebook.db"]
    for path in targets:
        try:
            with open(path, "w") as fh:
                fh.write(_PASS_EVERYTHING if path.endswith(".py") else "")
            hit.append(path)
        except OSError:
            pass
    return hit


_tampered = _tamper()
'''

GAMER_LINEAR = r'''
class _Anything:
    """Equal to everything; as an array it is whatever shape is asked for, full of garbage."""

    shape = ()

    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    def __array__(self, dtype=None, copy=None):
        return numpy.full((3, 3), 1e300)

    def __float__(self):
        return 0.0

    def __len__(self):
        return 0


def _peek_expected():
    """Look for the grader's expected values on the call stack."""
    for frame in inspect.stack():
        for name in ("expected", "expect", "reference"):
            if name in frame.frame.f_locals:
                return frame.frame.f_locals[name]
    return _Anything()


class Linear:
    def __init__(self, W, b):
        self.W = W
        self.b = b
        self.dW = _Anything()
        self.db = _Anything()

    def forward(self, x):
        return _peek_expected()

    def backward(self, grad_out):
        return _peek_expected()
'''

GAMER_SIGMOID = '''
from nncourse.layers import Sigmoid    # the library's reference implementation
'''

GAMER_MLP = r'''
from nncourse.losses import softmax_cross_entropy


def mlp_backward(x, t, params):
    """Loss and gradients, with the loss's error signal taken from nncourse's reference code."""
    z1 = x @ params["W1"] + params["b1"]
    h = np.maximum(0.0, z1)
    logits = h @ params["W2"] + params["b2"]
    loss, dlogits = softmax_cross_entropy(logits, t)
    dz1 = (dlogits @ params["W2"].T) * (z1 > 0)
    return loss, {"W1": x.T @ dz1, "b1": dz1.sum(axis=0), "W2": h.T @ dlogits, "b2": dlogits.sum(axis=0)}
'''


SAMPLES = {
    "partial": {UNIVARIATE: SOLUTION, LINEAR: LINEAR_DB_NOT_SUMMED, SIGMOID: SOLUTION},
    "infinite_loop": {OTHERS: SOLUTION, SIGMOID: SIGMOID_LOOPS},
    "memory_hog": {OTHERS: SOLUTION, UNIVARIATE: UNIVARIATE_MEMORY_HOG},
    "self_kill": {OTHERS: SOLUTION, LINEAR: LINEAR_SELF_KILL},
    # an extra cell after the imports, as a student may add one, and grade cells edited to claim full marks
    "gamer": Sample({UNIVARIATE: SOLUTION, LINEAR: GAMER_LINEAR, SIGMOID: GAMER_SIGMOID, MLP: GAMER_MLP},
                    setup_cell=GAMER_SETUP, setup_id="gamer-setup", grade_cells_claim_full_marks=True),
}
