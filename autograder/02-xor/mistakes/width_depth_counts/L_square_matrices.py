"""L matrices of H x H between L hidden layers instead of L - 1."""


def width_depth_counts(d, K, L, budget):
    def n_params(H):
        return d * H + L * H * H + H * K + L * H + K

    H = 1
    while n_params(H + 1) <= budget:
        H += 1
    return H, n_params(H), d * H ** L * K
