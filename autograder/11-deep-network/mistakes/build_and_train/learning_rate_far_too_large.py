"""Adam with a learning rate of 0.5 and no early stopping: training blows up."""
import numpy as np


def build_and_train(X, y, seed):
    rng = np.random.default_rng(seed)
    params = init_params([X.shape[1], 256, 256, 10], rng)
    train(params, X, y, rng, epochs=10, batch_size=64, lr=0.5)
    return params


def predict(model, X):
    return model_forward(model, X)[0].argmax(axis=1)
