"""Hand-written answers of 09-autodiff's sample submissions: ``nncourse build-samples 09-autodiff``.

Samples (predicted scores are in ``expected.json``; see nncourse/grading/samples.py):

``full``             every exercise and question solved
``untouched``        the release as it is
``partial``          Exercises 1, 2 and Question B solved; tanh without the square; a recursive
                     backward that runs a shared node twice; train_step not started; Question A
                     names only the two nodes with two children
``uses_reference``   the questions answered; every exercise imported from ``nncourse.autodiff``
``infinite_loop``    every exercise and question solved, but relu's forward never returns
"""

from nncourse.grading.samples import OTHERS, SOLUTION, solution_with

OPS, MATMUL, NONLINEAR, BACKPROP, TRAIN, FAN_OUT, PASSES = (
    "tensor_ops_code", "matmul_code", "nonlinear_ce_code", "backprop_code", "train_step_code",
    "fan_out_question_code", "jacobian_passes_code")

# The solved Exercise 3 with tanh's derivative written 1 - tanh(z).
TANH_WITHOUT_SQUARE = solution_with("a.grad += out.grad * (1.0 - y ** 2)", "a.grad += out.grad * (1.0 - y)")

# The solved Exercise 3 with a relu whose forward pass never returns.
RELU_THAT_LOOPS = solution_with("    mask = a.value > 0\n",
                                "    k = 0\n    while k >= 0:          # never ends\n        k += 1\n"
                                "    mask = a.value > 0\n")

# The solved Exercise 4 with a recursive backward: each node runs its closure, then its parents
# theirs, so a node with two children runs twice.
BACKPROP_RECURSIVE = solution_with(
    "    for node in reversed(topo_sort(root)):\n"
    "        if node.backward_fn is not None:\n"
    "            node.backward_fn()\n",
    "\n"
    "    def visit(node):\n"
    "        if node.backward_fn is not None:\n"
    "            node.backward_fn()\n"
    "        for parent in node.parents:\n"
    "            visit(parent)\n"
    "\n"
    "    visit(root)\n")

FAN_OUT_TWO_CHILDREN = '''
wrong_if_overwritten = ["x", "a"]    # the two nodes with two children
'''

REFERENCE = {
    OPS: "from nncourse.autodiff import add, mul, unbroadcast",
    MATMUL: "from nncourse.autodiff import matmul",
    NONLINEAR: "from nncourse.autodiff import relu, softmax_cross_entropy, tanh",
    BACKPROP: "from nncourse.autodiff import backprop, topo_sort",
    TRAIN: '''
from nncourse import autodiff


class MLP:
    """The model with the library's engine doing all the work."""

    def __init__(self, W1, b1, W2, b2):
        self.params = [autodiff.Tensor(p) for p in (W1, b1, W2, b2)]

    def values(self):
        return [p.value.copy() for p in self.params]

    def train_step(self, X, y, lr):
        autodiff.zero_grad(self.params)
        W1, b1, W2, b2 = self.params
        loss = autodiff.softmax_cross_entropy(autodiff.tanh(X @ W1 + b1) @ W2 + b2, y)
        loss.backward()
        for p in self.params:
            p.value -= lr * p.grad
        return float(loss.value)
''',
}


SAMPLES = {
    "partial": {OPS: SOLUTION, MATMUL: SOLUTION, NONLINEAR: TANH_WITHOUT_SQUARE, BACKPROP: BACKPROP_RECURSIVE,
                FAN_OUT: FAN_OUT_TWO_CHILDREN, PASSES: SOLUTION},
    "uses_reference": {**REFERENCE, FAN_OUT: SOLUTION, PASSES: SOLUTION},
    "infinite_loop": {OTHERS: SOLUTION, NONLINEAR: RELU_THAT_LOOPS},
}
