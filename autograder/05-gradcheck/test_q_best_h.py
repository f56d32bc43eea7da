"""Hidden test of the conceptual question `best_h`: the best step of a two-sided difference.

Its answer, and the hint each known misconception gets, are in this lesson's
`questions.toml`; the feedback never shows the answer.
"""

from nncourse.grading.testing import conceptual_question

test_best_h = conceptual_question(__file__)
