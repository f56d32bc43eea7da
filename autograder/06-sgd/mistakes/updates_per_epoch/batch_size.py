updates_per_epoch = 64
