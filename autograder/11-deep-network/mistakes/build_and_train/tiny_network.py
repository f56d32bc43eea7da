"""Two hidden units: not enough capacity for ten digits."""
import numpy as np


def build_and_train(X, y, seed):
    rng = np.random.default_rng(seed)
    params = init_params([X.shape[1], 2, 10], rng)
    train(params, X, y, rng, epochs=30, batch_size=64, lr=3e-3)
    return params


def predict(model, X):
    return model_forward(model, X)[0].argmax(axis=1)
