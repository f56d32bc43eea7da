"""Hidden test of the conceptual question `initial_loss_10`: the initial loss of a 10-class softmax.

The expected value stays in this file: the feedback says whether the answer is
right and names a misconception only when the answer is exactly its value.
"""

from nncourse.grading.answers import expect_answer


def test_initial_loss_10(student):
    """the initial loss of a 10-class softmax"""
    expect_answer(student, "initial_loss_10", 2.302585092994046, rtol=0.002, known={
        3.321928094887362: "That is in bits (log base 2); the course's losses use the natural logarithm (nats).",
        0.1: '0.1 is the probability each class gets; the loss is −log of the probability of the true class.',
        -2.302585092994046: 'The loss is −log p with p < 1: it is positive.',
        0.9: 'The loss is −log of the probability of the true class, not 1 − p.',
    })
