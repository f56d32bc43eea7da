"""Plain small steps for one epoch: the network is far from trained."""
import numpy as np


def build_and_train(X, y, seed):
    rng = np.random.default_rng(seed)
    params = init_params([X.shape[1], 32, 10], rng)
    train(params, X, y, rng, epochs=1, batch_size=256, lr=2e-3)
    return params


def predict(model, X):
    return model_forward(model, X)[0].argmax(axis=1)
