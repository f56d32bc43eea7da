"""Hidden test of the conceptual question `rel_error_example`: a relative error.

Its answer, and the hint each known misconception gets, are in this lesson's
`questions.toml`; the feedback never shows the answer.
"""

from nncourse.grading.testing import conceptual_question

test_rel_error_example = conceptual_question(__file__)
