"""Returns the number of weights as n_params, without the biases."""


def width_depth_counts(d, K, L, budget):
    def weights(H):
        return d * H + (L - 1) * H * H + H * K

    H = 1
    while weights(H + 1) + L * (H + 1) + K <= budget:
        H += 1
    return H, weights(H), d * H ** L * K
