"""Stores dict(params): a new dict holding the same arrays, which the caller then changes in place."""

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
            self.best_loss = val_loss
            self.best_epoch = epoch
            self.best_params = dict(params)
            self.wait = 0
            return False
        self.wait += 1
        return self.wait >= self.patience
