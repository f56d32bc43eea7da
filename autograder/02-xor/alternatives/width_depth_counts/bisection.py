"""Doubles an upper bound, then bisects: few counts even for huge budgets."""


def width_depth_counts(d, K, L, budget):
    def count(H):
        return (d + K + L) * H + (L - 1) * H ** 2 + K

    lo, hi = 1, 2
    while count(hi) <= budget:
        lo, hi = hi, 2 * hi
    while hi - lo > 1:            # count(lo) <= budget < count(hi)
        mid = (lo + hi) // 2
        if count(mid) <= budget:
            lo = mid
        else:
            hi = mid
    return lo, count(lo), d * lo ** L * K
