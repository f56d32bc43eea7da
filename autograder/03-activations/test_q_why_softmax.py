"""Hidden test of the conceptual question `why_softmax`: why a softmax and not an argmax.

The expected value stays in this file: the feedback says whether the answer is
right and names a misconception only when the answer is exactly its value.
"""

from nncourse.grading.answers import expect_choice


def test_why_softmax(student):
    """why a softmax and not an argmax"""
    expect_choice(student, "why_softmax", "B", "ABCD", known={
        'A': 'Speed is not the issue: an argmax is cheap.',
        'C': 'An argmax handles any number of classes; the problem is its gradient.',
        'D': 'For the same logits both pick the same class; the difference is what gradient descent can do with them.',
    })
