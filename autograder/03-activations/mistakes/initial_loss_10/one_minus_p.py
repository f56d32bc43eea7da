initial_loss_10 = 1 - 0.1
