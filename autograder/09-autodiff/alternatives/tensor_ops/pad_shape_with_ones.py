"""unbroadcast by padding the target shape with ones on the left and comparing axis by axis."""

import numpy as np


def unbroadcast(grad, shape):
    grad = np.asarray(grad, dtype=float)
    padded = (1,) * (grad.ndim - len(shape)) + tuple(shape)
    for axis, (want, have) in enumerate(zip(padded, grad.shape)):
        if want == 1 and have != 1:
            grad = np.sum(grad, axis=axis, keepdims=True)
    return grad.reshape(shape)
