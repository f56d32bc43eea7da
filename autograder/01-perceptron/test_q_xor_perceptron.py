"""Hidden test of the conceptual question `xor_perceptron`: the perceptron rule on XOR.

The expected value stays in this file: the feedback says whether the answer is
right and names a misconception only when the answer is exactly its value.
"""

from nncourse.grading.answers import expect_choice


def test_xor_perceptron(student):
    """the perceptron rule on XOR"""
    expect_choice(student, "xor_perceptron", "B", "ABCD", known={
        'A': "The convergence theorem needs two classes that a line (a hyperplane) separates; XOR's classes are not.",
        'C': 'For the perceptron the learning rate only scales the weights; it cannot make a separating line exist.',
        'D': 'Where the weights start does not matter when no separating line exists.',
    })
