"""Demands an improvement of at least 1e-6: a smaller decrease is counted as no improvement."""

import numpy as np


class EarlyStopping:
    def __init__(self, patience):
        self.patience = patience
        self.best_loss = np.inf
        self.best_epoch = None
        self.best_params = None
        self.wait = 0

    def update(self, epoch, val_loss, params):
        if val_loss < self.best_loss - 1e-6:
            self.best_loss = val_loss
            self.best_epoch = epoch
            self.best_params = {k: v.copy() for k, v in params.items()}
            self.wait = 0
            return False
        self.wait += 1
        return self.wait >= self.patience
