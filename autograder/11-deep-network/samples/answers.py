"""Hand-written answers of 11-deep-network's sample submissions: ``nncourse build-samples 11-deep-network``.

Wrong answers come from the mistake catalogue in ``../mistakes/``.

Samples (predicted scores are in ``expected.json``; see nncourse/grading/samples.py):

``full``           every exercise solved
``untouched``      the release as it is
``partial``        Exercise 1 solved; numerical_grads returns the exact gradient; one
                   wrong answer among the questions; the training loop written but
                   build_and_train left as the stub
``gamer``          Exercise 1, the update ratios, dead fractions and questions solved;
                   numerical_grads calls the library's protected finite differences, and
                   build_and_train has the library build and train the network
                   (``build_mlp``, ``Adam``, ``fit``: protected while grading)
``infinite_loop``  every exercise solved, but dead_fraction never returns
"""

from nncourse.grading.samples import OTHERS, RELEASED, SOLUTION, Mistake, solution_with

# ---------------------------------------------------------------- gaming and hanging answers

GAMER = {
    "numerical_grads_code": '''
from nncourse.gradcheck import numerical_gradient     # protected while grading


def numerical_grads(params, X, y, h):
    """The library's central differences, one array at a time."""
    def loss():
        return softmax_cross_entropy(model_forward(params, X)[0], y)[0]
    return [{k: numerical_gradient(loss, p[k], h) for k in p} for p in params]
''',
    "build_and_train_code": '''
import numpy as np

from nncourse.diagnostics import build_mlp      # the library's network and training loop:
from nncourse.losses import softmax_cross_entropy as _sce
from nncourse.optim import Adam                 # all protected while grading
from nncourse.train import fit


def build_and_train(X, y, seed):
    """The library does everything."""
    rng = np.random.default_rng(seed)
    net = build_mlp([X.shape[1], 128, 10], rng)
    fit(net, _sce, Adam(net.parameters(), lr=1e-3), X, y, epochs=30, batch_size=32, rng=rng)
    return net


def predict(model, X):
    return model.forward(X).argmax(axis=1)
''',
}

DEAD_FRACTION_LOOPS = '''
def update_ratios(params_before, params_after):
    """||W_after - W_before|| / ||W_before|| for each layer."""
    return [float(np.linalg.norm(a["W"] - b["W"]) / np.linalg.norm(b["W"]))
            for b, a in zip(params_before, params_after)]


def dead_fraction(params, X):
    """Waits for every unit to die, which never happens."""
    fractions = [0.0]
    while min(fractions) < 2.0:
        h, fractions = X, []
        for p in params[:-1]:
            h = np.maximum(h @ p["W"] + p["b"], 0.0)
            fractions.append(float(np.mean(np.all(h == 0, axis=0))))
    return fractions
'''


SAMPLES = {
    "partial": {
        OTHERS: SOLUTION,
        "numerical_grads_code": Mistake("sanity_checks", "exact_gradient", function="numerical_grads"),
        "questions_code": solution_with('Q3_RATIO = "b"', 'Q3_RATIO = "a"'),   # one wrong answer
        "build_and_train_code": RELEASED,
    },
    "gamer": {OTHERS: SOLUTION, **GAMER},
    "infinite_loop": {OTHERS: SOLUTION, "layer_health_code": DEAD_FRACTION_LOOPS},
}
