"""Spends the budget on weights only: the biases are not counted."""


def width_depth_counts(d, K, L, budget):
    def weights(H):
        return d * H + (L - 1) * H * H + H * K

    H = 1
    while weights(H + 1) <= budget:
        H += 1
    return H, weights(H) + L * H + K, d * H ** L * K
