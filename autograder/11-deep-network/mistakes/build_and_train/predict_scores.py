"""predict returns the scores instead of the predicted digits."""
import numpy as np


def build_and_train(X, y, seed):
    rng = np.random.default_rng(seed)
    perm = rng.permutation(len(X))
    n_val = len(X) // 6
    X_v, y_v = X[perm[:n_val]], y[perm[:n_val]]
    X_t, y_t = X[perm[n_val:]], y[perm[n_val:]]
    X_aug = np.concatenate([X_t] + [shift_images(X_t, dx, dy) for dx, dy in SHIFTS])
    y_aug = np.concatenate([y_t] * (len(SHIFTS) + 1))
    params = init_params([X.shape[1], 256, 10], rng)
    train(params, X_aug, y_aug, rng, X_val=X_v, y_val=y_v, epochs=40, batch_size=128, lr=1e-3,
          lam=1e-4, patience=10)
    return params


def predict(model, X):
    return model_forward(model, X)[0]
