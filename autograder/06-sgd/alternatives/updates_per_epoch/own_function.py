updates_per_epoch = len(minibatch_indices(1079, 64, 1, seed=0))
