"""Hidden test of the conceptual question `params_3_25_12`: parameters of the 3-25-12 network.

The expected value stays in this file: the feedback says whether the answer is
right and names a misconception only when the answer is exactly its value.
"""

from nncourse.grading.answers import expect_answer


def test_params_3_25_12(student):
    """parameters of the 3-25-12 network"""
    expect_answer(student, "params_3_25_12", 412, rtol=1e-06, integer=True, known={
        375: 'Those are the weights only: every hidden and output unit also has a bias.',
        400: 'The 12 output units have biases too.',
        387: 'The 25 hidden units have biases too.',
        37: 'That counts units, not parameters: every connection has its own weight.',
        900: '3·25·12 multiplies the layer sizes; the weights of consecutive layers add up: 3·25 + 25·12.',
    })
