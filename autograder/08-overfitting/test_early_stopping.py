"""Hidden tests for Exercise 3, ``EarlyStopping(patience)`` with ``update(epoch, val_loss, params) -> bool``.

An epoch improves if val_loss < best_loss (strictly): then best_loss, best_epoch and a copy of params
are recorded and the counter is reset to 0; otherwise the counter grows by 1, and update returns True
as soon as it reaches patience.
"""

import numpy as np

from nncourse.grading.testing import expect, expect_close, expect_own_state, fail, weight

NAME = "EarlyStopping"


def reference(losses, patience):
    """(first epoch at which update returns True or None, best_epoch, best_loss) at that point."""
    best, best_epoch, wait = np.inf, None, 0
    for epoch, v in enumerate(losses):
        if v < best:
            best, best_epoch, wait = v, epoch, 0
        else:
            wait += 1
            if wait >= patience:
                return epoch, best_epoch, best
    return None, best_epoch, best


def u_curve(rng):
    """A noisy validation curve that falls, then rises, with a stop somewhere inside."""
    while True:
        n = 40
        e = np.arange(n)
        turn = rng.uniform(8, 20)
        curve = 0.3 + 0.5 * np.exp(-e / 5) + 0.004 * np.maximum(e - turn, 0) ** 1.5
        losses = curve + rng.normal(0, 0.01, size=n)
        patience = int(rng.integers(2, 6))
        stop, best_epoch, best = reference(losses, patience)
        if stop is not None and stop < n - 1:
            return [float(v) for v in losses], patience


def snapshot(rng, epoch):
    """Parameters at one epoch: different arrays every epoch."""
    return {"W1": rng.normal(size=(3, 4)) + epoch, "b1": rng.normal(size=4) - epoch}


def feed(student, losses, patience, rng, what, stop_expected, start=0):
    """Feed epochs (numbered from ``start``) until update returns True or the losses run out; check no early/late stop.

    ``stop_expected`` counts from 0; the student and the messages see ``start + epoch``.
    """
    stopper = student.new(NAME, patience)
    snaps = []
    for epoch, v in enumerate(losses):
        params = snapshot(rng, epoch)
        snaps.append(params)
        answer = stopper.call("update", start + epoch, v, params)
        expect(isinstance(answer, bool), f"{what}: update returned {answer!r:.40}, expected True or False.",
               "End update with `return True` (stop now) or `return False`.")
        if answer:
            if stop_expected is None or epoch < stop_expected:
                hint = ("Count only the epochs since the last improvement, compared with the best loss so far, "
                        "and stop when that count reaches patience.")
                if stop_expected is not None and epoch == stop_expected - 1:
                    hint = (f"You stopped one epoch early: with patience {patience} training stops after "
                            f"{patience} epochs in a row without improvement (the counter reaches patience), "
                            "not after patience - 1.")
                fail(f"{what}: update returned True at epoch {start + epoch}, expected "
                     + (f"the first True at epoch {start + stop_expected}." if stop_expected is not None
                        else "no stop.")
                     + f"\n  Hint: {hint}")
            return stopper, epoch, snaps
        if stop_expected is not None and epoch == stop_expected:
            hint = (f"The best loss so far was reached {patience} epochs earlier, so the counter reaches patience "
                    f"= {patience} here and update must return True.")
            if epoch + 1 < len(losses):
                follow = reference(losses[:epoch + 2], patience + 1)[0]
                if follow == epoch + 1:
                    hint = (f"You stop one epoch late: with patience {patience}, return True when the counter "
                            f"reaches patience (counter >= patience), not when it exceeds it.")
            fail(f"{what}: update returned False at epoch {start + epoch}, expected True (the first stop)."
                 f"\n  Hint: {hint}\n  Also compare each loss with the best loss so far (not the previous "
                 "epoch's) and reset the counter only when the loss improves.")
    return stopper, None, snaps


def stopped(student, rng):
    """The student's stopper fed a noisy U-shaped curve up to the stop: (stopper, snapshots, (stop, best epoch,
    best loss) of the reference, the message's description)."""
    losses, patience = u_curve(rng)
    expected = reference(losses, patience)
    what = f"EarlyStopping(patience={patience}) after the stop at epoch {expected[0]}"
    stopper, _, snaps = feed(student, losses, patience, rng, what, expected[0])
    return stopper, snaps, expected, what


@weight(3)
def test_stops_after_patience(student, rng):
    """update returns True exactly when patience epochs in a row did not improve on the best loss"""
    for _ in range(2):
        losses, patience = u_curve(rng)
        stop, _, _ = reference(losses, patience)
        what = f"EarlyStopping(patience={patience}) on a noisy validation curve of {len(losses)} epochs"
        feed(student, losses, patience, rng, what, stop)


@weight(2)
def test_best_epoch_and_loss(student, rng):
    """best_epoch and best_loss are those of the lowest loss so far, not the last epoch"""
    stopper, _, (stop, best_epoch, best), what = stopped(student, rng)
    got_epoch = stopper.get("best_epoch")
    hint = "best_epoch is the epoch of the lowest validation loss seen."
    if got_epoch == stop:
        hint = "best_epoch is the epoch of the lowest loss, not the epoch at which training stopped."
    expect(isinstance(got_epoch, int) and not isinstance(got_epoch, bool) and got_epoch == best_epoch,
           f"{what}: best_epoch: expected {best_epoch}, got {got_epoch!r:.40}.", hint)
    expect_close(stopper.get("best_loss"), best, f"{what}: best_loss",
                 "best_loss is the lowest validation loss seen so far.")


@weight(3)
def test_best_params_are_the_best_epochs(student, rng):
    """best_params holds the parameters of the best epoch, not the last ones"""
    stopper, snaps, (stop, best_epoch, _), what = stopped(student, rng)
    best = stopper.get("best_params")
    if not isinstance(best, dict) or sorted(best) != ["W1", "b1"]:
        fail(f"{what}: best_params should be a dict with the keys of params ['W1', 'b1'], got "
             f"{type(best).__name__}.\n  Hint: when the loss improves, store "
             "{name: p.copy() for name, p in params.items()}.")
    for k in ("W1", "b1"):
        hint = f"best_params must hold the parameters passed at the best epoch ({best_epoch})."
        got = np.asarray(best[k], dtype=float)
        if got.shape == snaps[-1][k].shape and np.allclose(got, snaps[-1][k]):
            hint = ("best_params holds the parameters of the last epoch: save them only when the loss improves, "
                    "so that restoring them gives the best weights, not the last ones.")
        expect_close(best[k], snaps[best_epoch][k], f"{what}: best_params[{k!r}]", hint)


@weight(1)
def test_equal_loss_is_not_an_improvement(student, rng):
    """a loss equal to the best is no improvement: it does not move the checkpoint"""
    b = float(rng.uniform(0.2, 1.0))
    losses = [b + 0.3, b, b, b, b + 0.1]
    patience = 3
    what = f"EarlyStopping(patience=3) fed {[round(v, 4) for v in losses]}"
    hint = ("Only a strictly smaller loss improves (val_loss < best_loss); an equal loss counts as an epoch "
            "without improvement.")
    stopper = student.new(NAME, patience)
    answers = [stopper.call("update", e, v, snapshot(rng, e)) for e, v in enumerate(losses)]
    expect(answers == [False, False, False, False, True],
           f"{what}: update returned {answers}, expected [False, False, False, False, True] (best at epoch 1, "
           "epochs 2, 3 and 4 without improvement).", hint)
    expect(stopper.get("best_epoch") == 1, f"{what}: best_epoch: expected 1, got {stopper.get('best_epoch')!r:.40}.",
           hint)


def run_sequence(student, losses, patience, rng):
    stopper = student.new(NAME, patience)
    answers = []
    for e, v in enumerate(losses):
        answers.append(stopper.call("update", e, v, snapshot(rng, e)))
        if answers[-1] is True:
            break
    return stopper, answers


@weight(1)
def test_compares_with_best_not_previous(student, rng):
    """a loss below the previous epoch's but not below the best is no improvement"""
    b = float(rng.uniform(0.2, 1.0))
    d = float(rng.uniform(0.01, 0.05))
    # best at epoch 1; epoch 3 is lower than epoch 2 but not below the best -> stop at epoch 4
    losses = [b + 5 * d, b, b + 3 * d, b + 2 * d, b + 4 * d, b + 3 * d, b + 5 * d]
    what = f"EarlyStopping(patience=3) fed {[round(v, 4) for v in losses]}"
    stopper, answers = run_sequence(student, losses, 3, rng)
    expected = [False] * 4 + [True]
    expect(answers == expected, f"{what}: update returned {answers}, expected {expected}.",
           "Epoch 3 is lower than epoch 2 but not lower than the best loss (epoch 1), so it is no improvement: "
           "compare each loss with the best loss so far, not with the previous epoch's loss.")
    expect(stopper.get("best_epoch") == 1,
           f"{what}: best_epoch: expected 1, got {stopper.get('best_epoch')!r:.40}.",
           "best_epoch only moves to an epoch whose loss is below all earlier ones.")


@weight(1)
def test_counter_resets_on_improvement(student, rng):
    """after a new best the counter starts again from 0"""
    b = float(rng.uniform(0.2, 1.0))
    d = float(rng.uniform(0.01, 0.05))
    # best at 1, one bad epoch, a new best at 3, then bad epochs: stop at 6, not at 5
    losses = [b + 5 * d, b, b + 2 * d, b - d, b + d, b + 3 * d, b + 2 * d, b + 4 * d]
    what = f"EarlyStopping(patience=3) fed {[round(v, 4) for v in losses]}"
    stopper, answers = run_sequence(student, losses, 3, rng)
    expected = [False] * 6 + [True]
    hint = ("After the new best at epoch 3 the counter must start again from 0, so the stop comes at epoch 6 "
            "(epochs 4, 5, 6 without improvement).")
    if answers == [False] * 5 + [True]:
        hint = ("You stopped at epoch 5: the epoch without improvement before the new best at epoch 3 was still "
                "counted. Reset the counter to 0 whenever the loss improves.")
    expect(answers == expected, f"{what}: update returned {answers}, expected {expected}.", hint)
    expect(stopper.get("best_epoch") == 3,
           f"{what}: best_epoch: expected 3, got {stopper.get('best_epoch')!r:.40}.")


@weight(1)
def test_uses_the_epoch_argument(student, rng):
    """epochs need not start at 0 (training resumed): best_epoch is the epoch given to update"""
    start = int(rng.integers(5, 60))
    losses, patience = u_curve(rng)
    stop, best_epoch, _ = reference(losses, patience)
    what = (f"EarlyStopping(patience={patience}) fed epochs {start}, {start + 1}, ... (training resumed at epoch "
            f"{start}); the {best_epoch + 1}-th update has the lowest loss")
    stopper, _, _ = feed(student, losses, patience, rng, what, stop, start)
    got = stopper.get("best_epoch")
    hint = "Store the epoch argument given to update: self.best_epoch = epoch."
    if got == best_epoch:
        hint = ("You counted the calls of update yourself; the epoch numbers come from the caller (here they start "
                f"at {start}): store the epoch argument, self.best_epoch = epoch.")
    expect(got == start + best_epoch, f"{what}: best_epoch: expected {start + best_epoch}, got {got!r:.40}.", hint)


@weight(1)
def test_any_decrease_is_an_improvement(student, rng):
    """a loss lower than the best by only 1e-9 is an improvement (no minimum improvement is asked)"""
    b = float(rng.uniform(0.2, 1.0))
    tiny = 1e-9 * b
    losses = [b + 0.1, b, b - tiny, b - 2 * tiny, b - 2 * tiny, b, b - tiny, b + 0.1]
    what = f"EarlyStopping(patience=3) fed best - 0, best - 1e-9 * best, best - 2e-9 * best, ... ({len(losses)} epochs)"
    stopper, answers = run_sequence(student, losses, 3, rng)
    expected = [False] * 6 + [True]
    hint = ("Any loss strictly below the best is an improvement, however small (val_loss < best_loss): the "
            "statement asks for no minimum improvement (min_delta).")
    expect(answers == expected, f"{what}: update returned {answers}, expected {expected} (new bests at epochs 1, "
           "2 and 3, then epochs 4, 5, 6 without improvement).", hint)
    expect(stopper.get("best_epoch") == 3, f"{what}: best_epoch: expected 3, got {stopper.get('best_epoch')!r:.40}.",
           hint)


@weight(1)
def test_best_params_are_copies(student, rng):
    """best_params holds copies: the caller may change its arrays in place after update"""
    stopper = student.new(NAME, 2)
    params = snapshot(rng, 0)
    stopper.call("update", 0, float(rng.uniform(0.2, 1.0)), params)
    expect_own_state(student, "EarlyStopping.update on an improving epoch",
                     "Store copies of the arrays, {name: p.copy() for name, p in params.items()}: dict(params) or "
                     "params.copy() copies the dict but keeps the same arrays, which training then changes in place.")
    for k in params:
        expect_close(stopper.get("best_params")[k], params[k], f"EarlyStopping after one update: best_params[{k!r}]",
                     "best_params holds the parameters given at the best epoch.")
