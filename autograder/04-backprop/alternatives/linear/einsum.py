"""Backward with einsum, caching the input in a dict."""

import numpy as np


class Linear:
    def __init__(self, W, b):
        self.params = {"W": W, "b": b}
        self.cache = {}

    def forward(self, x):
        self.cache["x"] = x
        return np.einsum("ni,ik->nk", x, self.params["W"]) + self.params["b"]

    def backward(self, grad_out):
        x = self.cache["x"]
        self.dW = np.einsum("ni,nk->ik", x, grad_out)
        self.db = np.einsum("nk->k", grad_out)
        return np.einsum("nk,ik->ni", grad_out, self.params["W"])
