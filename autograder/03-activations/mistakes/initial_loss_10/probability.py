initial_loss_10 = 1 / 10
