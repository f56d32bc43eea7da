"""Hidden test of the conceptual question `accuracy_se`: the standard error of an accuracy.

The expected value stays in this file: the feedback says whether the answer is
right and names a misconception only when the answer is exactly its value.
"""

from nncourse.grading.answers import expect_answer


def test_accuracy_se(student):
    """the standard error of an accuracy"""
    expect_answer(student, "accuracy_se", 0.025248762345905194, rtol=0.02, known={
        0.0006375: 'That is the variance; the standard error is its square root.',
        0.07071067811865475: 'The standard error is √(a(1 − a)/n), not 1/√n.',
        0.3570714214271425: 'Divide by the number of examples n = 200 inside the square root.',
    })
