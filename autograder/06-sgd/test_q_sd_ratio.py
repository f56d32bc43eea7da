"""Hidden test of the conceptual question `sd_ratio`: the noise of a minibatch gradient against b.

The expected value stays in this file: the feedback says whether the answer is
right and names a misconception only when the answer is exactly its value.
"""

from nncourse.grading.answers import expect_answer


def test_sd_ratio(student):
    """the noise of a minibatch gradient against b"""
    expect_answer(student, "sd_ratio", 0.5, rtol=0.001, known={
        0.25: 'That is the factor for the variance; the standard deviation is its square root.',
        4: 'The noise shrinks as b grows.',
        2: 'The noise shrinks as b grows: the factor is √(16/64).',
    })
