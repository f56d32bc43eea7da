"""Path count through float powers: rounded above 2**53."""


def width_depth_counts(d, K, L, budget):
    def n_params(H):
        return d * H + (L - 1) * H * H + H * K + L * H + K

    H = 1
    while n_params(H + 1) <= budget:
        H += 1
    return H, n_params(H), int(d * float(H) ** L * K)
