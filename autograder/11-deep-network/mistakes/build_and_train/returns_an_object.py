"""Returns a class instance, which cannot be passed between grading calls."""
import numpy as np


class Model:
    def __init__(self, params):
        self.params = params


def build_and_train(X, y, seed):
    rng = np.random.default_rng(seed)
    params = init_params([X.shape[1], 64, 10], rng)
    train(params, X, y, rng, epochs=5, batch_size=64, lr=1e-3)
    return Model(params)


def predict(model, X):
    return model_forward(model.params, X)[0].argmax(axis=1)
