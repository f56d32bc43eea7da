"""Hidden test of the conceptual question `params_3_25_12`: parameters of the 3-25-12 network.

Its answer, and the hint each known misconception gets, are in this lesson's
`questions.toml`; the feedback never shows the answer.
"""

from nncourse.grading.testing import conceptual_question

test_params_3_25_12 = conceptual_question(__file__)
