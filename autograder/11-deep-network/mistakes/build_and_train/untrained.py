"""Initialises the network and returns it without training."""
import numpy as np


def build_and_train(X, y, seed):
    return init_params([X.shape[1], 256, 10], seed)


def predict(model, X):
    return model_forward(model, X)[0].argmax(axis=1)
