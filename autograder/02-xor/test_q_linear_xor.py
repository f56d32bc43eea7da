"""Hidden test of the conceptual question `linear_xor`: a network without nonlinearities on XOR.

Its answer, and the hint each known misconception gets, are in this lesson's
`questions.toml`; the feedback never shows the answer.
"""

from nncourse.grading.testing import conceptual_question

test_linear_xor = conceptual_question(__file__)
