"""Hidden test of the conceptual question `backward_products`: matrix products in a linear layer's backward pass.

Its answer, and the hint each known misconception gets, are in this lesson's
`questions.toml`; the feedback never shows the answer.
"""

from nncourse.grading.testing import conceptual_question

test_backward_products = conceptual_question(__file__)
