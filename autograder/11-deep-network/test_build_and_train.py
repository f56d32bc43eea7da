"""Hidden tests for Exercise 4: ``build_and_train(X, y, seed) -> model`` and ``predict(model, X) -> labels``.

The suite trains the student's own classifier once, on a fixed held-out split of the 8x8 digits
(the same split for every student, so the scale is the same for all; the seed passed to
build_and_train comes from the course secret), then scores predict on the 449 test images:
1 point from 80% test accuracy, 2 from 90%, 3 from 95%, all 4 from 97%.  build_and_train runs under
the lesson's call limit (lesson.toml [limits] call_seconds).
"""

import time

import numpy as np

from nncourse.data import load_digits
from nncourse.grading.remote import StudentProblem
from nncourse.grading.testing import Failed, expect, fail, make_test
from nncourse.grading.wire import Unsupported

# graded by the accuracy reached, not by agreement with a reference: for mutation testing
# (nncourse.grading.mutate), a changed reference that still earns full marks is a valid answer
OPEN_ENDED = True
HELD_OUT_SEED = 1128      # fixed split: every student is scored on the same 449 test images
TEST_FRACTION = 0.25
_RUN: dict = {}


def split():
    X, y = load_digits()
    perm = np.random.default_rng(HELD_OUT_SEED).permutation(len(X))
    n_test = int(TEST_FRACTION * len(X))
    return X[perm[n_test:]], y[perm[n_test:]], X[perm[:n_test]], y[perm[:n_test]]


def _train_and_score(student, seed):
    X_train, y_train, X_test, y_test = split()
    t0 = time.monotonic()
    model = student.function("build_and_train")(X_train, y_train, seed)
    seconds = time.monotonic() - t0
    what = f"build_and_train(X of shape {X_train.shape}, y, seed={seed})"
    if model is None:
        fail(f"{what} returned None.", "End build_and_train with `return model` (e.g. the list of parameter dicts).")
    if _contains_unsupported(model):
        fail(f"{what} returned an object that cannot be passed to predict by the grader "
             f"({_contains_unsupported(model)}).",
             "Return plain data: arrays, numbers, and lists, tuples or dicts of them "
             "(e.g. the list of parameter dicts).")
    labels = student.function("predict")(model, X_test)
    what = f"predict(model, X_test of shape {X_test.shape})"
    if isinstance(labels, (dict, str)) or labels is None:
        fail(f"{what}: expected an array of {len(X_test)} digits, got {type(labels).__name__}.",
             "Return scores.argmax(axis=1).")
    arr = np.asarray(labels)
    if arr.ndim == 2 and arr.shape == (len(X_test), 10):
        fail(f"{what}: returned scores of shape {arr.shape}; expected one predicted digit per image, "
             f"shape ({len(X_test)},).",
             "Return scores.argmax(axis=1), the index of the highest score.")
    expect(arr.shape == (len(X_test),), f"{what}: expected shape ({len(X_test)},), got {arr.shape}.",
           "Take the arg-max over the classes, scores.argmax(axis=1): one digit per row of X."
           if arr.shape == (10,) else "Return one predicted digit per row of X.")
    arr = arr.astype(float)
    expect(bool(np.all(arr == np.round(arr))) and arr.min() >= 0 and arr.max() <= 9,
           f"{what}: expected whole numbers 0..9, got values in [{arr.min():g}, {arr.max():g}].",
           "Return the class index, scores.argmax(axis=1).")
    return float(np.mean(arr.astype(int) == y_test)), seconds


def _contains_unsupported(value, depth=0):
    if isinstance(value, Unsupported):
        return repr(value)
    if depth < 8 and isinstance(value, (list, tuple)):
        return next((r for r in (_contains_unsupported(v, depth + 1) for v in value) if r), None)
    if depth < 8 and isinstance(value, dict):
        return next((r for r in (_contains_unsupported(v, depth + 1) for v in value.values()) if r), None)
    return None


def result(student, rng):
    """Train once per grading run; every threshold test reads the same result."""
    if "outcome" not in _RUN:
        seed = int(rng.integers(2**31 - 1))
        try:
            _RUN["outcome"] = ("ok", _train_and_score(student, seed))
        except (Failed, StudentProblem) as exc:
            _RUN["outcome"] = ("error", exc)
    kind, value = _RUN["outcome"]
    if kind == "error":
        raise value
    return value


def reached(student, rng, threshold):
    acc, seconds = result(student, rng)
    hint = None
    if acc < 0.5:
        hint = ("Far from a trained network: run the lesson's sanity checks (initial loss, gradient check, "
                "overfitting 20 examples).")
    elif acc < threshold:
        hint = ("Ideas: a wider hidden layer, early stopping on a validation split with the best weights restored, "
                "an L2 penalty, and more training data by shifting the images by one pixel.")
    expect(acc >= threshold,
           f"Your network reached {acc:.1%} test accuracy on the 449 held-out digits (build_and_train took "
           f"{seconds:.1f} s); this point needs {threshold:.0%}.", hint)


def accuracy_test(threshold, doc):
    """A test (weight 1): the accuracy reached on the held-out digits is at least ``threshold``."""
    return make_test(lambda student, rng: reached(student, rng, threshold), doc)


test_accuracy_80 = accuracy_test(0.80, "test accuracy at least 80% on the held-out digits")
test_accuracy_90 = accuracy_test(0.90, "test accuracy at least 90%")
test_accuracy_95 = accuracy_test(0.95, "test accuracy at least 95%")
test_accuracy_97 = accuracy_test(0.97, "test accuracy at least 97% (full marks)")
