"""Hidden test of the conceptual question `best_h`: the best step of a two-sided difference.

The expected value stays in this file: the feedback says whether the answer is
right and names a misconception only when the answer is exactly its value.
"""

from nncourse.grading.answers import expect_choice


def test_best_h(student):
    """the best step of a two-sided difference"""
    expect_choice(student, "best_h", "C", "ABCD", known={
        'A': 'At h = 1e-16, f(x + h) and f(x − h) round to the same number: the difference is 0 or pure round-off.',
        'B': 'At 1e-10 the round-off error, about ε/h ≈ 1e-6, is far larger than the truncation error h².',
        'D': 'At 0.1 the truncation error, about h² ≈ 1e-2, dominates.',
    })
