"""Hidden test of the conceptual question `fanout_rule`: the error signal of a value used twice.

The expected value stays in this file: the feedback says whether the answer is
right and names a misconception only when the answer is exactly its value.
"""

from nncourse.grading.answers import expect_choice


def test_fanout_rule(student):
    """the error signal of a value used twice"""
    expect_choice(student, "fanout_rule", "B", "ABCD", known={
        'A': 'That counts only one of the two uses; the multivariate chain rule sums over every child of x.',
        'C': 'Factors multiply along one path (the chain rule); different paths add.',
        'D': 'Paths add; nothing takes a maximum.',
    })
