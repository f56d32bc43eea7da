"""Hidden test of the conceptual question `adagrad_direction`: where Adagrad's rate falls faster.

The expected value stays in this file: the feedback says whether the answer is
right and names a misconception only when the answer is exactly its value.
"""

from nncourse.grading.answers import expect_choice


def test_adagrad_direction(student):
    """where Adagrad's rate falls faster"""
    expect_choice(student, "adagrad_direction", "A", "ABCD", known={
        'B': 'G_i adds up squared gradients: it grows faster where the gradients are large, and the rate is η/√G_i.',
        'C': 'Each coordinate has its own sum G_i.',
        'D': 'η scales both rates alike.',
    })
