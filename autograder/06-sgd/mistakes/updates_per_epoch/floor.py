updates_per_epoch = 1079 // 64
