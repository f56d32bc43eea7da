"""Self-checks of lesson 09 (``nncourse.checks.autodiff``): the table read by ``tests/test_checks.py``."""

from nncourse.checks import autodiff as check

# exercise (the grade_id of its grade cell) -> (names the notebook defines for it, self-check taking them)
CHECKS = {
    "tensor_ops": (("unbroadcast", "add", "mul", "Tensor"), check.tensor_ops),
    "matmul": (("matmul", "Tensor"), check.matmul),
    "nonlinear_ce": (("tanh", "relu", "softmax_cross_entropy", "Tensor"), check.nonlinear_ce),
    "backprop": (("topo_sort", "backprop", "Tensor"), check.backprop),
    "train_step": (("MLP",), check.train_step),
    "fan_out_question": (("wrong_if_overwritten",), check.fan_out_question),
    "jacobian_passes": (("jacobian_passes",), check.jacobian_passes),
}

# Questions: their self-checks look at the form of the answer only; grading judges the value.
FORM_ONLY = {"fan_out_question", "jacobian_passes"}

# Mistakes the small self-check examples cannot show; the hidden suites catch them.
UNSEEN_BY_SELF_CHECK = {
    "nonlinear_ce/relu_zeroes_its_input", "train_step/returns_zero_d_array",   # z reused, a 0-d array loss
    "matmul/overwrites",                         # needs a weight used twice
    "backprop/breadth_first",                    # needs a skip connection around a non-leaf node
    "backprop/preorder",                         # idem
    "jacobian_passes/swapped", "jacobian_passes/one_each", "jacobian_passes/reverse_always_one",
    "jacobian_passes/forward_always_one", "jacobian_passes/finite_difference_count",
    "jacobian_passes/entries_of_jacobian", "jacobian_passes/min_max",       # the self-check checks the form only
    "fan_out_question/two_children_only", "fan_out_question/x_only", "fan_out_question/a_only",
    "fan_out_question/every_node", "fan_out_question/children_of_fan_out", "fan_out_question/leaves",
    "fan_out_question/nothing", "fan_out_question/includes_b",              # idem
}

# mistake -> words its self-check message must contain
HINTS = {
    "tensor_ops/unbroadcast_mean": "unbroadcast",
    "tensor_ops/add_overwrites": "+=",
    "tensor_ops/mul_grads_swapped": "d(a*b)/da = b",
    "matmul/divides_by_batch": "B.grad += A.T @ out.grad",
    "nonlinear_ce/relu_mask_at_zero": "z > 0",
    "nonlinear_ce/ce_ignores_upstream": "out.grad",
    "nonlinear_ce/ce_unstable": "maximum",
    "backprop/recursive_visits_twice": "ran twice",
    "backprop/no_visited_set": "visited",
    "backprop/resets_all_grads": "accumulate",
    "backprop/ignores_given_seed": "given grad",
    "train_step/no_zero_grad": "zero every parameter's grad",
}

# Mistakes whose self-check still raises something else than CheckFailed (fix the check, then drop the line).
KNOWN_RAW_ERRORS = {
    "backprop/calls_leaf_closures": "a TypeError from calling a leaf's missing backward_fn",
    "matmul/grad_A_without_transpose": "a ValueError from the student's matmul",
    "matmul/grad_A_wrong_order": "a ValueError from the student's matmul",
    "matmul/grad_B_without_transpose": "a ValueError from the student's matmul",
    "matmul/grad_B_wrong_order": "a ValueError from the student's matmul",
    "tensor_ops/unbroadcast_sum_rows_always": "a ValueError from the student's reshape",
}
