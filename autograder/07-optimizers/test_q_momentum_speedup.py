"""Hidden test of the conceptual question `momentum_speedup`: momentum's speed-up on a constant gradient.

The expected value stays in this file: the feedback says whether the answer is
right and names a misconception only when the answer is exactly its value.
"""

from nncourse.grading.answers import expect_answer


def test_momentum_speedup(student):
    """momentum's speed-up on a constant gradient"""
    expect_answer(student, "momentum_speedup", 10, rtol=0.001, known={
        0.9: 'γ is the share of the velocity kept; the velocity adds up 1 + γ + γ² + … steps.',
        9: 'The geometric series 1 + γ + γ² + … sums to 1/(1 − γ) = 10, including the current step.',
        1.1111111111111112: 'The geometric series 1 + γ + γ² + … sums to 1/(1 − γ), not 1/γ.',
    })
