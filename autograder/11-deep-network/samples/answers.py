"""Hand-written answers of 11-deep-network's sample submissions: ``nncourse build-samples 11-deep-network``.

Wrong answers come from the mistake catalogue in ``../mistakes/``.

Samples (predicted scores are in ``expected.json``; see nncourse/grading/samples.py):

``full``           every exercise solved
``untouched``      the release as it is
``partial``        Exercise 1 solved; numerical_grads returns the exact gradient; one
                   wrong answer among the questions; the training loop written but
                   build_and_train left as the stub
"""

from nncourse.grading.samples import OTHERS, RELEASED, SOLUTION, Mistake, solution_with

SAMPLES = {
    "partial": {
        OTHERS: SOLUTION,
        "numerical_grads_code": Mistake("sanity_checks", "exact_gradient", function="numerical_grads"),
        "questions_code": solution_with('Q3_RATIO = "b"', 'Q3_RATIO = "a"'),   # one wrong answer
        "build_and_train_code": RELEASED,
    },
}
