"""Hidden tests for the questions: Q1_INITIAL_LOSS (number), Q2_CANNOT_OVERFIT and Q3_RATIO (letters).

Q1: an untrained 26-class classifier with (almost) equal scores has mean cross-entropy log 26 = 3.258.
Q2: a network that cannot overfit 20 examples has a bug (or a learning rate far off): "c".
Q3: update-to-weight ratios near 0.2 and dying units: the learning rate is too large: "b".
"""

import numpy as np

from nncourse.grading.testing import expect, fail, weight


def letter(student, name):
    value = student.value(name)
    if not isinstance(value, str) or value.strip().lower() not in ("a", "b", "c", "d"):
        fail(f"{name}: expected one of the letters 'a', 'b', 'c', 'd', got {value!r:.40}.")
    return value.strip().lower()


@weight(1)
def test_q1_initial_loss(student, rng):
    """Q1: the initial loss of an untrained 26-class classifier"""
    value = student.value("Q1_INITIAL_LOSS")
    try:
        got = float(value)
    except (TypeError, ValueError):
        fail(f"Q1_INITIAL_LOSS: expected a number, got {value!r:.40}.")
    expected = float(np.log(26))
    hint = ("With equal scores the softmax gives 1/K to every class, and the cross-entropy of the right class is "
            "-log(1/K) = log K, with the natural logarithm.")
    if np.isclose(got, np.log10(26), atol=0.01):
        hint = "The cross-entropy uses the natural logarithm (np.log), not log10."
    elif np.isclose(got, np.log(10), atol=0.01):
        hint = "log 10 is the value for ten classes; here there are 26 letters."
    elif np.isclose(got, 1 / 26, atol=0.005):
        hint = "1/K is the probability each class gets; the loss is -log of it."
    expect(abs(got - expected) <= 0.01, f"Q1_INITIAL_LOSS: got {got:.4g}; that is not the expected value.", hint)


@weight(1)
def test_q2_cannot_overfit(student, rng):
    """Q2: what to do when the network cannot overfit 20 examples"""
    got = letter(student, "Q2_CANNOT_OVERFIT")
    hints = {
        "a": "Dropout fights overfitting; here the network cannot even fit 20 examples, it underfits.",
        "b": "A correct network memorises 20 examples easily; more data will not fix what stops it from doing so.",
        "d": "A hundred units per layer are plenty for 20 examples; failing to fit them points to a bug first.",
    }
    expect(got == "c", f"Q2_CANNOT_OVERFIT: {got!r} is not the best first step.", hints.get(got))


@weight(1)
def test_q3_ratio(student, rng):
    """Q3: what update-to-weight ratios near 0.2 mean"""
    got = letter(student, "Q3_RATIO")
    hints = {
        "a": ("A ratio of 0.2 means each step changes a fifth of the layer's weights: that is far too much, "
              "not too little."),
        "c": ("Depth changes how the ratios differ between layers; every layer at 0.2 from the first steps "
              "points elsewhere."),
        "d": "A strong L2 penalty shrinks weights slowly; it does not make every step rewrite a fifth of the layer.",
    }
    expect(got == "b", f"Q3_RATIO: {got!r} is not the most likely cause.", hints.get(got))
