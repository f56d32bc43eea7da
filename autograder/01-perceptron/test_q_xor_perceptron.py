"""Hidden test of the conceptual question `xor_perceptron`: the perceptron rule on XOR.

Its answer, and the hint each known misconception gets, are in this lesson's
`questions.toml`; the feedback never shows the answer.
"""

from nncourse.grading.testing import conceptual_question

test_xor_perceptron = conceptual_question(__file__)
