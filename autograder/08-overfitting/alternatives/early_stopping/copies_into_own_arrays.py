"""Allocates its checkpoint arrays once and copies each new best into them in place (only its own arrays)."""

import numpy as np


class EarlyStopping:
    def __init__(self, patience):
        self.patience = patience
        self.best_loss = np.inf
        self.best_epoch = None
        self.best_params = None
        self.wait = 0

    def update(self, epoch, val_loss, params):
        if val_loss < self.best_loss:
            if self.best_params is None:
                self.best_params = {k: np.empty_like(v, dtype=float) for k, v in params.items()}
            for k, v in params.items():
                self.best_params[k][...] = v
            self.best_loss, self.best_epoch, self.wait = float(val_loss), epoch, 0
            return False
        self.wait = self.wait + 1
        return bool(self.wait >= self.patience)
