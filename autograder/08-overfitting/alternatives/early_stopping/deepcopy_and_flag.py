"""copy.deepcopy for the checkpoint, an explicit stop flag."""

import numpy as np


class EarlyStopping:
    def __init__(self, patience):
        self.patience = patience
        self.best_loss = np.inf
        self.best_epoch = None
        self.best_params = None
        self.wait = 0

    def update(self, epoch, val_loss, params):
        import copy
        improved = val_loss < self.best_loss
        if improved:
            self.best_loss, self.best_epoch = val_loss, epoch
            self.best_params = copy.deepcopy(params)
        self.wait = 0 if improved else self.wait + 1
        stop = self.wait == self.patience
        return stop
