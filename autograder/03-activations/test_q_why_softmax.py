"""Hidden test of the conceptual question `why_softmax`: why a softmax and not an argmax.

Its answer, and the hint each known misconception gets, are in this lesson's
`questions.toml`; the feedback never shows the answer.
"""

from nncourse.grading.testing import conceptual_question

test_why_softmax = conceptual_question(__file__)
