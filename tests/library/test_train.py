"""Training: minibatches, L2, accuracy, early stopping, the fit loop and its failures."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nncourse import losses as L
from nncourse import optim as O
from nncourse import train as T
from nncourse.data import make_blobs, make_xor
from nncourse.layers import Dropout, Linear, ReLU, Sequential, Tanh

# -- minibatches ----------------------------------------------------------------------

@settings(max_examples=25, deadline=None, derandomize=True)
@given(st.integers(1, 40), st.integers(1, 12), st.booleans())
def test_minibatches_cover_each_example_once(n, batch_size, drop_last):
    """Does every example appear exactly once per epoch, in ceil(N/B) batches with the partial one last?"""
    X = np.arange(n, dtype=float).reshape(n, 1)
    y = np.arange(n)
    batches = list(T.minibatches(X, y, batch_size, np.random.default_rng(0), drop_last=drop_last))
    sizes = [len(yb) for _, yb in batches]
    seen = np.concatenate([yb for _, yb in batches]) if batches else np.array([], dtype=int)
    for Xb, yb in batches:
        assert np.array_equal(Xb[:, 0], yb)  # rows stay paired with their targets
    if drop_last:
        assert sizes == [batch_size] * (n // batch_size)
        assert len(set(seen)) == len(seen)
    else:
        assert sorted(seen) == list(range(n))
        assert len(batches) == -(-n // batch_size)
        assert all(s == batch_size for s in sizes[:-1]) and sizes[-1] == n - batch_size * (len(sizes) - 1)


def test_minibatches_reshuffle_every_epoch():
    """Does each call draw a new order from the rng (and the same seed reproduce it)?"""
    X, y = np.zeros((20, 2)), np.arange(20)
    rng = np.random.default_rng(1)
    e1 = np.concatenate([yb for _, yb in T.minibatches(X, y, 5, rng)])
    e2 = np.concatenate([yb for _, yb in T.minibatches(X, y, 5, rng)])
    assert not np.array_equal(e1, e2)
    again = np.concatenate([yb for _, yb in T.minibatches(X, y, 5, np.random.default_rng(1))])
    assert np.array_equal(e1, again)


def test_minibatches_without_shuffle_keep_order_and_partial_batch():
    """Without shuffling, are batches in order with the last partial batch kept?"""
    batches = list(T.minibatches(np.arange(7).reshape(7, 1), np.arange(7), 3, None, shuffle=False))
    assert [list(yb) for _, yb in batches] == [[0, 1, 2], [3, 4, 5], [6]]


def test_minibatches_errors_are_raised_at_call_time():
    """Are mistakes reported when minibatches() is called, not later at the first next()?"""
    with pytest.raises(ValueError, match=r"minibatches: y has shape \(4,\) but X has 5 rows"):
        T.minibatches(np.zeros((5, 2)), np.zeros(4), 2, np.random.default_rng(0))
    with pytest.raises(ValueError, match=r"minibatches: batch_size must be >= 1, got 0"):
        T.minibatches(np.zeros((5, 2)), np.zeros(5), 0, np.random.default_rng(0))
    with pytest.raises(TypeError, match=r"minibatches: rng must be a numpy.random.Generator, got NoneType"):
        T.minibatches(np.zeros((5, 2)), np.zeros(5), 2, None)


# -- L2 and accuracy -----------------------------------------------------------------------

def test_l2_penalty_weights_only():
    """Is the penalty lam/2 sum ||W||^2 over weights only, with gradient lam W and zeros for biases?"""
    params = {"0.W": np.array([[1.0, 2.0]]), "0.b": np.array([5.0]), "2.W": np.array([[3.0]])}
    value, grads = T.l2_penalty(params, 0.1)
    # 0.05 * (1 + 4 + 9)
    assert np.isclose(value, 0.7)
    assert np.allclose(grads["0.W"], [[0.1, 0.2]]) and np.allclose(grads["2.W"], [[0.3]])
    assert np.array_equal(grads["0.b"], [0.0])
    with pytest.raises(ValueError, match=r"l2_penalty: lam must be a non-negative number, got -1"):
        T.l2_penalty(params, -1)


def test_accuracy_variants():
    """Arg-max for several columns, a threshold for one, one-hot labels accepted."""
    assert T.accuracy(np.array([[0.1, 0.9], [0.8, 0.2]]), np.array([1, 1])) == 0.5
    assert T.accuracy(np.array([[0.1, 0.9]]), np.array([[0.0, 1.0]])) == 1.0
    assert T.accuracy(np.array([[-1.0], [2.0]]), np.array([0, 1]), threshold=0.0) == 1.0


# -- early stopping ------------------------------------------------------------------------

def test_early_stopping_patience_and_min_delta():
    """Does it stop after `patience` epochs without an improvement larger than min_delta?"""
    es = T.EarlyStopping(patience=2, min_delta=0.1)
    p = {"w": np.zeros(1)}
    assert not es.update(0, 1.0, p)
    assert not es.update(1, 0.95, p)  # not better by more than 0.1
    assert not es.update(2, 0.5, p)  # 0.5 < 1.0 - 0.1 improves
    assert es.best_epoch == 2 and es.wait == 0
    assert not es.update(3, 0.6, p)
    assert es.update(4, 0.45, p)  # 0.45 is not below 0.5 - 0.1
    assert es.stopped_epoch == 4


def make_model(rng, hidden=8):
    return Sequential(Linear.create(2, hidden, rng), Tanh(), Linear.create(hidden, 2, rng))


def test_early_stopping_restores_exactly_the_best_weights():
    """After fit with early stopping, are the parameters bit-for-bit those of the best validation epoch?"""
    rng = np.random.default_rng(0)
    X, y = make_blobs(60, rng, std=2.0, margin=0.0)
    Xv, yv = make_blobs(30, rng, std=2.0, margin=0.0)
    model = make_model(rng)
    snapshots = []

    class Recording(O.SGD):
        """SGD that records the parameters; fit evaluates right after the last step of each epoch."""

        def step(self, params, grads):
            super().step(params, grads)
            snapshots.append(O.save_params(params))

    es = T.EarlyStopping(patience=3)
    batch = 60  # one step per epoch, so snapshot i is the model at the end of epoch i
    hist = T.fit(model, L.softmax_cross_entropy, Recording(2.0), X, y, epochs=40, batch_size=batch,
                 rng=rng, X_val=Xv, y_val=yv, early_stopping=es)
    best = int(np.argmin(hist.val_loss))
    assert hist.best_epoch == best == es.best_epoch
    for k, v in model.params().items():
        assert np.array_equal(v, snapshots[best][k]), k
    # and the restored model reproduces the best validation loss
    assert L.softmax_cross_entropy(T.predict(model, Xv), yv)[0] == hist.val_loss[best]


def test_early_stopping_stops_when_validation_loss_rises():
    """With a large learning rate on noisy data, does training stop before the epoch limit?"""
    rng = np.random.default_rng(3)
    X, y = make_blobs(40, rng, std=3.0, margin=0.0)
    Xv, yv = make_blobs(40, rng, std=3.0, margin=0.0)
    model = Sequential(Linear.create(2, 64, rng), ReLU(), Linear.create(64, 2, rng))
    hist = T.fit(model, L.softmax_cross_entropy, O.SGD(0.5), X, y, epochs=300, batch_size=4, rng=rng,
                 X_val=Xv, y_val=yv, early_stopping=T.EarlyStopping(patience=5))
    assert hist.stopped_epoch is not None and hist.epochs < 300
    assert hist.epochs == hist.stopped_epoch + 1


# -- fit ---------------------------------------------------------------------------------------

def test_fit_learns_xor():
    """Does a 2-8-2 tanh network learn XOR, with a History of one entry per epoch?"""
    rng = np.random.default_rng(0)
    X, y = make_xor()
    model = make_model(rng)
    hist = T.fit(model, L.softmax_cross_entropy, O.Adam(0.05), X, y, epochs=300, batch_size=4, rng=rng)
    assert hist.train_acc[-1] == 1.0
    assert hist.train_loss[-1] < 0.05
    assert len(hist.train_loss) == len(hist.train_acc) == len(hist.lr) == 300
    assert hist.val_loss == [] and hist.best_epoch is not None
    assert not model.training  # left in eval mode


def test_fit_is_reproducible_from_seeds():
    """Do two runs from the same seeds give identical histories?"""
    def run():
        rng = np.random.default_rng(42)
        X, y = make_blobs(50, rng)
        model = Sequential(Linear.create(2, 8, rng), ReLU(), Dropout(0.3, rng), Linear.create(8, 2, rng))
        return T.fit(model, L.softmax_cross_entropy, O.Momentum(0.1), X, y, epochs=5, batch_size=8, rng=rng).train_loss

    assert run() == run()


def test_fit_with_logits_loss_and_column_output():
    """Does fit handle a single logit column with (N,) labels, using threshold 0 for accuracy?"""
    rng = np.random.default_rng(1)
    X, y = make_blobs(80, rng)
    model = Sequential(Linear.create(2, 1, rng))
    hist = T.fit(model, L.binary_cross_entropy_with_logits, O.SGD(0.5), X, y, epochs=30, batch_size=16, rng=rng)
    assert hist.train_acc[-1] == 1.0  # blobs are linearly separable


def test_fit_mse_regression_has_nan_accuracy():
    """For real-valued targets, is accuracy reported as nan rather than nonsense?"""
    rng = np.random.default_rng(2)
    X = rng.normal(size=(30, 2))
    t = X @ np.array([[1.5], [-0.5]]) + 0.3
    model = Sequential(Linear.create(2, 1, rng))
    hist = T.fit(model, L.mse, O.SGD(0.1), X, t, epochs=100, batch_size=10, rng=rng)
    assert hist.train_loss[-1] < 1e-4
    assert np.isnan(hist.train_acc[-1])


def test_fit_l2_shrinks_weights_and_schedule_sets_lr():
    """Does L2 give smaller weights, and does a schedule set optimizer.lr each epoch?"""
    def weight_norm(l2):
        rng = np.random.default_rng(5)
        X, y = make_blobs(40, rng)
        model = make_model(rng)
        hist = T.fit(model, L.softmax_cross_entropy, O.SGD(0.5), X, y, epochs=6, batch_size=8, rng=rng,
                     l2=l2, schedule=O.step_decay(0.5, 0.5, 2))
        return sum(np.sum(v ** 2) for k, v in model.params().items() if k.endswith("W")), hist

    plain, hist = weight_norm(0.0)
    decayed, _ = weight_norm(0.5)
    assert decayed < plain
    assert hist.lr == [0.5, 0.5, 0.25, 0.25, 0.125, 0.125]


def test_fit_diverging_raises_floating_point_error():
    """Does an absurd learning rate raise FloatingPointError naming the epoch and suggesting a smaller rate?"""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(20, 2)) * 100
    t = rng.normal(size=(20, 1))
    model = Sequential(Linear.create(2, 16, rng), ReLU(), Linear.create(16, 1, rng))
    with pytest.raises(FloatingPointError, match=r"fit: the training loss became (nan|inf) in epoch \d+ of 50; .*try "
                                                 r"a smaller one"):
        T.fit(model, L.mse, O.SGD(1e3), X, t, epochs=50, batch_size=5, rng=rng)


def test_fit_progress_bar_runs():
    """Does progress=True run with a tqdm bar without changing the results?"""
    rng = np.random.default_rng(0)
    X, y = make_xor()
    hist = T.fit(make_model(rng), L.softmax_cross_entropy, O.SGD(0.1), X, y, epochs=3, batch_size=2, rng=rng,
                 progress=True)
    assert hist.epochs == 3


def test_fit_errors():
    """Are wrong arguments to fit reported with the argument's name?"""
    rng = np.random.default_rng(0)
    X, y = make_xor()
    model = make_model(rng)
    with pytest.raises(ValueError, match=r"fit: y has shape \(3,\) but X has 4 rows"):
        T.fit(model, L.softmax_cross_entropy, O.SGD(0.1), X, y[:3], epochs=1, batch_size=2, rng=rng)
    with pytest.raises(ValueError, match=r"fit: give both X_val and y_val, or neither"):
        T.fit(model, L.softmax_cross_entropy, O.SGD(0.1), X, y, epochs=1, batch_size=2, rng=rng, X_val=X)
    with pytest.raises(TypeError, match=r"fit: rng must be a numpy.random.Generator, got int; pass "
                                        r"np.random.default_rng\(0\)"):
        T.fit(model, L.softmax_cross_entropy, O.SGD(0.1), X, y, epochs=1, batch_size=2, rng=0)
    with pytest.raises(TypeError, match=r"fit: optimizer must have a step\(params, grads\) method, got float"):
        T.fit(model, L.softmax_cross_entropy, 0.1, X, y, epochs=1, batch_size=2, rng=rng)
    with pytest.raises(ValueError, match=r"fit: X_val has shape \(4, 3\), expected \(N_val, 2\) like X"):
        T.fit(model, L.softmax_cross_entropy, O.SGD(0.1), X, y, epochs=1, batch_size=2, rng=rng,
              X_val=np.zeros((4, 3)), y_val=y)
    with pytest.raises(ValueError, match=r"Linear.forward: x has shape \(2, 3\), expected \(batch, 2\)"):
        T.fit(model, L.softmax_cross_entropy, O.SGD(0.1), np.zeros((4, 3)), y, epochs=1, batch_size=2, rng=rng)


def test_early_stopping_without_validation_monitors_training_loss():
    """Without a validation set, is the training loss monitored and its best epoch restored?"""
    rng = np.random.default_rng(7)
    X, y = make_xor()
    model = make_model(rng)
    es = T.EarlyStopping(patience=2)
    hist = T.fit(model, L.softmax_cross_entropy, O.SGD(0.5), X, y, epochs=30, batch_size=4, rng=rng,
                 early_stopping=es)
    assert hist.best_epoch == int(np.argmin(hist.train_loss)) == es.best_epoch
    assert np.isclose(L.softmax_cross_entropy(T.predict(model, X), y)[0], min(hist.train_loss))


def test_predict_uses_eval_mode_and_restores_training_mode():
    """Does predict switch dropout off and leave a training-mode model in training mode?"""
    rng = np.random.default_rng(0)
    model = Sequential(Linear.create(3, 50, rng), Dropout(0.5, rng))
    X = np.ones((2, 3))
    assert np.array_equal(T.predict(model, X), T.predict(model, X))
    assert model.training and model[1].training


# -- what fit does for speed changes nothing it computes -----------------------------------------

class _NoSkip:
    """A model whose backward has no input_grad option (like a student's own class): fit must still work."""

    def __init__(self, model):
        self.model = model
        self.training = True

    def forward(self, x):
        return self.model.forward(x)

    def backward(self, grad_out):
        return self.model.backward(grad_out)

    def params(self):
        return self.model.params()

    def grads(self):
        return self.model.grads()

    def train(self):
        self.model.train()

    def eval(self):
        self.model.eval()


def _manual_fit(model, X, y, lr, lam, epochs, batch_size, rng):
    """The loop of the train module's docstring, with the L2 recipe of l2_penalty's docstring."""
    opt = O.SGD(lr)
    for _ in range(epochs):
        for Xb, yb in T.minibatches(X, y, batch_size, rng):
            _, grad = L.softmax_cross_entropy(model.forward(Xb), yb)
            model.backward(grad)
            _, pgrads = T.l2_penalty(model.params(), lam)
            opt.step(model.params(), {k: g + pgrads[k] for k, g in model.grads().items()})


@pytest.mark.parametrize("l2", [0.0, 0.05])
def test_fit_skipping_the_input_gradient_and_reusing_buffers_changes_nothing(l2):
    """Are weights and history the same as for a model fit cannot speed up, and as the written-out loop?"""
    X, y = make_blobs(40, np.random.default_rng(1), std=1.5, margin=0.0)
    models = [make_model(np.random.default_rng(2)) for _ in range(3)]
    hists = [T.fit(m, L.softmax_cross_entropy, O.SGD(0.3), X, y, epochs=4, batch_size=8,
                   rng=np.random.default_rng(3), l2=l2) for m in (models[0], _NoSkip(models[1]))]
    _manual_fit(models[2], X, y, 0.3, l2, epochs=4, batch_size=8, rng=np.random.default_rng(3))
    assert hists[0].as_dict() == hists[1].as_dict()
    for k, p in models[0].params().items():
        assert np.array_equal(p, models[1].params()[k]), k
        assert np.array_equal(p, models[2].params()[k]), k


def test_fit_l2_leaves_the_layers_gradients_alone():
    """Does weight decay go into fit's own buffers, not into the layers' dW (which keep the data gradient)?"""
    rng = np.random.default_rng(0)
    X, y = make_blobs(16, rng)
    model = make_model(rng)
    seen = []

    class Spy(O.SGD):
        def step(self, params, grads):
            seen.append((grads["0.W"], model[0].dW.copy(), params["0.W"].copy()))
            super().step(params, grads)

    T.fit(model, L.softmax_cross_entropy, Spy(0.1), X, y, epochs=1, batch_size=16, rng=rng, l2=0.5)
    (grad_w, data_grad, w), = seen
    assert grad_w is not model[0].dW
    assert np.allclose(grad_w, data_grad + 0.5 * w)
    assert np.array_equal(model[0].dW, data_grad)
