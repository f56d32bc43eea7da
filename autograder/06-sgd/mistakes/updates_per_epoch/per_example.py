updates_per_epoch = 1079
