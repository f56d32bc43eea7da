"""Hidden test of the conceptual question `bce_at_08`: the cross-entropy of one confident, correct prediction.

The expected value stays in this file: the feedback says whether the answer is
right and names a misconception only when the answer is exactly its value.
"""

from nncourse.grading.answers import expect_answer


def test_bce_at_08(student):
    """the cross-entropy of one confident, correct prediction"""
    expect_answer(student, "bce_at_08", 0.2231435513142097, rtol=0.002, known={
        -0.2231435513142097: 'The loss is −log y. With y < 1 the logarithm is negative, so the loss is positive.',
        0.32192809488736235: "That is in bits (log base 2); the course's losses use the natural logarithm (nats).",
        0.04: 'That is the squared error (t − y)²; the question asks for the cross-entropy.',
        0.02: 'That is half the squared error; the question asks for the cross-entropy.',
        1.6094379124341003: '−log(1 − y) is the loss of an example with t = 0; this one has t = 1.',
    })
