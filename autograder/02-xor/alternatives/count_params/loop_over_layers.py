"""A loop over the layers, counting the entries of each W (d_{l-1} x d_l) and b (d_l)."""


def count_params(sizes, N=1):
    weights = biases = macs = 0
    for l in range(1, len(sizes)):
        fan_in, fan_out = int(sizes[l - 1]), int(sizes[l])
        weights += fan_in * fan_out
        biases += fan_out
        macs += int(N) * fan_out * fan_in      # N * d_l dot products of length d_{l-1}
    return {"weights": weights, "biases": biases, "multiply_adds": macs}
