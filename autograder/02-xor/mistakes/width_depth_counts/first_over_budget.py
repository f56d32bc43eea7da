"""Widens until over the budget and returns that width: one unit too wide."""


def width_depth_counts(d, K, L, budget):
    def n_params(H):
        return d * H + (L - 1) * H * H + H * K + L * H + K

    H = 1
    while n_params(H) <= budget:
        H += 1
    return H, n_params(H), d * H ** L * K
