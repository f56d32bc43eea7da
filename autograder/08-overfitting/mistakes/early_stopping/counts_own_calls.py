"""Numbers the epochs by counting its own calls, not by the epoch argument: wrong best_epoch when training resumes."""

import numpy as np


class EarlyStopping:
    def __init__(self, patience):
        self.patience = patience
        self.best_loss = np.inf
        self.best_epoch = None
        self.best_params = None
        self.wait = 0

    def update(self, epoch, val_loss, params):
        self.calls = getattr(self, "calls", -1) + 1
        if val_loss < self.best_loss:
            self.best_loss = val_loss
            self.best_epoch = self.calls
            self.best_params = {k: v.copy() for k, v in params.items()}
            self.wait = 0
            return False
        self.wait += 1
        return self.wait >= self.patience
