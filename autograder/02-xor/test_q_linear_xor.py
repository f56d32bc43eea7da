"""Hidden test of the conceptual question `linear_xor`: a network without nonlinearities on XOR.

The expected value stays in this file: the feedback says whether the answer is
right and names a misconception only when the answer is exactly its value.
"""

from nncourse.grading.answers import expect_choice


def test_linear_xor(student):
    """a network without nonlinearities on XOR"""
    expect_choice(student, "linear_xor", "C", "ABCD", known={
        'A': 'Width does not help: a sum of affine functions is affine.',
        'B': 'Depth does not help: a composition of affine maps is one affine map (section 5).',
        'D': 'Gradients are not the problem; what a linear network can represent is.',
    })
