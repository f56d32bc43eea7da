"""Keeps the whole loss history and decides from it with argmin."""

import numpy as np


class EarlyStopping:
    def __init__(self, patience):
        self.patience = patience
        self.best_loss = np.inf
        self.best_epoch = None
        self.best_params = None
        self.wait = 0

    def update(self, epoch, val_loss, params):
        if not hasattr(self, "history"):
            self.history = []
        self.history.append(float(val_loss))
        best = int(np.argmin(self.history))          # the first minimum: ties stay with the earlier epoch
        if best == len(self.history) - 1:
            self.best_loss = self.history[best]
            self.best_epoch = epoch
            self.best_params = {k: np.copy(v) for k, v in params.items()}
        self.wait = len(self.history) - 1 - best
        return bool(self.wait >= self.patience)
