"""Two networks from different initialisations; predict averages their softmax outputs."""
import numpy as np


def build_and_train(X, y, seed):
    rng = np.random.default_rng(seed)
    perm = rng.permutation(len(X))
    n_val = len(X) // 6
    X_v, y_v = X[perm[:n_val]], y[perm[:n_val]]
    X_t, y_t = X[perm[n_val:]], y[perm[n_val:]]
    X_aug = np.concatenate([X_t] + [shift_images(X_t, dx, dy) for dx, dy in SHIFTS])
    y_aug = np.concatenate([y_t] * (len(SHIFTS) + 1))
    members = []
    for _ in range(2):
        params = init_params([X.shape[1], 128, 10], rng)
        train(params, X_aug, y_aug, rng, X_val=X_v, y_val=y_v, epochs=30, batch_size=128, lr=2e-3,
              lam=1e-4, patience=6)
        members.append(params)
    return members


def predict(model, X):
    total = 0.0
    for params in model:
        z = model_forward(params, X)[0]
        z = z - z.max(axis=1, keepdims=True)
        total = total + np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    return total.argmax(axis=1)
