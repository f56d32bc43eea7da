"""Hidden test of the conceptual question `backward_products`: matrix products in a linear layer's backward pass.

The expected value stays in this file: the feedback says whether the answer is
right and names a misconception only when the answer is exactly its value.
"""

from nncourse.grading.answers import expect_answer


def test_backward_products(student):
    """matrix products in a linear layer's backward pass"""
    expect_answer(student, "backward_products", 2, rtol=1e-06, integer=True, known={
        1: 'You need both W̄ = Xᵀ Z̄ and X̄ = Z̄ Wᵀ: two products (b̄ is only a sum).',
        3: 'b̄ = Z̄ᵀ 1 is a sum over the batch, not a matrix product of the same size.',
        0: 'W̄ = Xᵀ Z̄ and X̄ = Z̄ Wᵀ are both matrix products.',
    })
