"""Hidden test of the conceptual question `dropout_scale`: inverted dropout's scale.

The expected value stays in this file: the feedback says whether the answer is
right and names a misconception only when the answer is exactly its value.
"""

from nncourse.grading.answers import expect_answer


def test_dropout_scale(student):
    """inverted dropout's scale"""
    expect_answer(student, "dropout_scale", 1.25, rtol=0.001, known={
        0.8: '0.8 is the keep probability; inverted dropout divides by it.',
        5: 'Inverted dropout divides by the keep probability 1 − p, not by p.',
        1: 'Without the scale the expected activation would shrink to (1 − p) h.',
        0.2: 'p is the drop rate; a kept unit is divided by 1 − p.',
    })
