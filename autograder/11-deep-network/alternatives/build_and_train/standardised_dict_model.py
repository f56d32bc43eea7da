"""Standardised inputs; the model is a dict with the statistics and the parameters."""
import numpy as np


def build_and_train(X, y, seed):
    rng = np.random.default_rng(seed)
    perm = rng.permutation(len(X))
    n_val = len(X) // 6
    X_v, y_v = X[perm[:n_val]], y[perm[:n_val]]
    X_t, y_t = X[perm[n_val:]], y[perm[n_val:]]
    X_aug = np.concatenate([X_t] + [shift_images(X_t, dx, dy) for dx, dy in SHIFTS])
    y_aug = np.concatenate([y_t] * (len(SHIFTS) + 1))
    mu, sd = X_aug.mean(axis=0), X_aug.std(axis=0) + 0.1
    params = init_params([X.shape[1], 256, 10], rng)
    train(params, (X_aug - mu) / sd, y_aug, rng, X_val=(X_v - mu) / sd, y_val=y_v, epochs=30, batch_size=128,
          lr=5e-4, lam=1e-3, patience=8)
    return {"mu": mu, "sd": sd, "params": params}


def predict(model, X):
    scores, _ = model_forward(model["params"], (X - model["mu"]) / model["sd"])
    return np.argmax(scores, axis=1)
